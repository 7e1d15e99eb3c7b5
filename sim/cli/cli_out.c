/*
 * The growable output buffer every command writes to, and the formatting of
 * structured errors: the router's message with failsim's reason, and the
 * "file:line:col:" form with the line and a caret that the scenario loader
 * prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

const char *cli_fmt_hms(sim_time_t t, const char *off, char *buf, size_t len)
{
	long long s;

	if (t < 0) {
		snprintf(buf, len, "%s", off);
		return buf;
	}
	s = (long long)(t / SIM_S(1));
	snprintf(buf, len, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60,
		 s % 60);
	return buf;
}

sim_time_t cli_time_left(sim_time_t deadline, sim_time_t now)
{
	if (deadline < 0)
		return -1;
	return deadline > now ? deadline - now : 0;
}

void cli_out_init(struct cli_out *o)
{
	memset(o, 0, sizeof(*o));
}

void cli_out_free(struct cli_out *o)
{
	free(o->buf);
	o->buf = NULL;
	o->len = o->cap = 0;
}

void cli_out_clear(struct cli_out *o)
{
	o->len = 0;
	if (o->buf)
		o->buf[0] = '\0';
}

const char *cli_out_str(const struct cli_out *o)
{
	return o->buf ? o->buf : "";
}

void cli_out_vprintf(struct cli_out *o, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	if (!o)
		return;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if (o->len + (size_t)n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		char *b;

		while (cap < o->len + (size_t)n + 1)
			cap *= 2;
		b = realloc(o->buf, cap);
		if (!b) {
			o->oom = true;
			return;
		}
		o->buf = b;
		o->cap = cap;
	}
	vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	o->len += (size_t)n;
}

void cli_out_printf(struct cli_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_out_vprintf(o, fmt, ap);
	va_end(ap);
}

static const char *const err_names[] = {
	[CLI_ERR_NONE] = "none",
	[CLI_ERR_UNRECOGNIZED] = "unrecognized",
	[CLI_ERR_WRONG_PARAM] = "wrong-parameter",
	[CLI_ERR_INCOMPLETE] = "incomplete",
	[CLI_ERR_TOO_MANY] = "too-many-parameters",
	[CLI_ERR_AMBIGUOUS] = "ambiguous",
	[CLI_ERR_TOO_LONG] = "too-long",
	[CLI_ERR_REJECTED] = "rejected",
	[CLI_ERR_COMMIT] = "commit-failed",
	[CLI_ERR_STATE] = "state",
};

const char *cli_err_code_name(enum cli_err_code code)
{
	if ((unsigned)code < sizeof(err_names) / sizeof(err_names[0]))
		return err_names[code];
	return "?";
}

const char *cli_err_fmt(const struct cli_err *e, char *buf, size_t len)
{
	size_t o = 0;
	int w;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (e->source[0])
		w = snprintf(buf, len, "%s:%d:%d: ", e->source, e->line,
			     e->col);
	else
		w = snprintf(buf, len, "%d: ", e->col);
	if (w < 0 || (size_t)w >= len)
		return buf;
	o = (size_t)w;
	w = snprintf(buf + o, len - o, "%s%s%s%s\n", e->msg,
		     e->reason[0] ? " (" : "", e->reason,
		     e->reason[0] ? ")" : "");
	if (w < 0 || (size_t)w >= len - o)
		return buf;
	o += (size_t)w;
	if (e->text[0]) {
		w = snprintf(buf + o, len - o, "  %s\n  %*s^\n", e->text,
			     e->col > 1 ? e->col - 1 : 0, "");
	}
	return buf;
}
