/*
 * Formatting helpers of sim/measure (see meas_fmt.h): integer-only
 * millisecond and second formatting, JSON string escaping per RFC 8259
 * section 7 (with UTF-8 validated per RFC 3629 section 4 so every output is
 * valid JSON), and an auto-sized text table for report.txt.
 */
#define _GNU_SOURCE /* vasprintf */
#include "sim/measure/meas_fmt.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/measure/meas_int.h"

void meas_fmt_ms(sim_time_t ns, char *buf, size_t len)
{
	uint64_t a, us;

	if (ns == MEAS_UNKNOWN) {
		snprintf(buf, len, "-");
		return;
	}
	a = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	us = a / 1000 + (a % 1000 >= 500); /* round half away from zero */
	snprintf(buf, len, "%s%llu.%03llu", ns < 0 && us > 0 ? "-" : "",
		 (unsigned long long)(us / 1000),
		 (unsigned long long)(us % 1000));
}

void meas_fmt_s(sim_time_t t, char *buf, size_t len)
{
	if (t == MEAS_UNKNOWN)
		snprintf(buf, len, "-");
	else
		sim_time_fmt(t, buf, len);
}

/* Length of the valid UTF-8 sequence at p (RFC 3629 section 4), or 0. */
static size_t meas_utf8_len(const unsigned char *p)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	for (i = 1; i < n; i++) {
		if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xbf))
			return 0;
	}
	return n;
}

void meas_json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	while (*p) {
		size_t n;

		if (*p == '"' || *p == '\\') {
			fputc('\\', f);
			fputc(*p++, f);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(f, "\\u%04x", *p++);
		} else if (*p < 0x80) {
			fputc(*p++, f);
		} else if ((n = meas_utf8_len(p)) > 0) {
			fwrite(p, 1, n, f);
			p += n;
		} else {
			fputs("\\ufffd", f);
			p++;
		}
	}
	fputc('"', f);
}

void meas_json_time(FILE *f, sim_time_t v)
{
	if (v == MEAS_UNKNOWN)
		fputs("null", f);
	else
		fprintf(f, "%lld", (long long)v);
}

void meas_tbl_init(struct meas_tbl *t, size_t ncols, const char *align)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->align = align;
}

void meas_tbl_add(struct meas_tbl *t, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	if (t->oom)
		return;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0 || MEAS_GROW(t->cells, t->capcells, t->ncells + 1) != 0) {
		if (n >= 0)
			free(s);
		t->oom = true;
		return;
	}
	t->cells[t->ncells++] = s;
}

int meas_tbl_print(const struct meas_tbl *t, FILE *f, int indent)
{
	size_t w[32] = { 0 }, c, i, rows;

	if (t->oom || t->ncols == 0 || t->ncols > 32)
		return -1;
	rows = t->ncells / t->ncols;
	for (i = 0; i < rows * t->ncols; i++) {
		size_t len = strlen(t->cells[i]);

		if (len > w[i % t->ncols])
			w[i % t->ncols] = len;
	}
	for (i = 0; i < rows; i++) {
		fprintf(f, "%*s", indent, "");
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[i * t->ncols + c];
			bool last = c + 1 == t->ncols;

			if (t->align[c] == 'r')
				fprintf(f, "%*s", (int)w[c], s);
			else if (last)
				fputs(s, f);
			else
				fprintf(f, "%-*s", (int)w[c], s);
			fputs(last ? "\n" : "  ", f);
		}
	}
	return 0;
}

void meas_tbl_free(struct meas_tbl *t)
{
	size_t i;

	for (i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
