/*
 * Arguments of a matched line: rebuilt from the matcher's capture chain
 * (which keyword or parameter took which words), each parameter parsed
 * once more into its value and canonical text, and the canonical line
 * assembled (keywords spelled in full, values canonical). Also the handler
 * side accessors: cli_arg_*() by parameter name and cli_ctx_*().
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sim/cli/cli_impl.h"

static int pool_put(struct cli_args *a, const char *s, const char **out)
{
	size_t n = strlen(s) + 1;

	if (a->used + n > sizeof(a->pool))
		return -1;
	memcpy(a->pool + a->used, s, n);
	*out = a->pool + a->used;
	a->used += n;
	return 0;
}

static int line_add(struct cli_args *a, const char *s)
{
	size_t o = strlen(a->line);
	int w = snprintf(a->line + o, sizeof(a->line) - o, "%s%s", o ? " " : "",
			 s);

	return w < 0 || (size_t)w >= sizeof(a->line) - o ? -1 : 0;
}

/* The words a capture took, joined as the type parser wants them. */
static void cap_text(const struct cli_tokens *t, const struct cli_cap *c,
		     char *buf, size_t len)
{
	if (c->ntok == 0) {
		const char *rest = t->line + t->start[c->tok];
		size_t n = strlen(rest);

		while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t' ||
				 rest[n - 1] == '\r' || rest[n - 1] == '\n'))
			n--;
		snprintf(buf, len, "%.*s", (int)n, rest);
	} else if (c->ntok == 2) {
		snprintf(buf, len, "%s%s", t->tok[c->tok], t->tok[c->tok + 1]);
	} else {
		snprintf(buf, len, "%s", t->tok[c->tok]);
	}
}

int cli_args_build(const struct cli_registry *reg, const struct cli_scratch *s,
		   const struct cli_thread *th, const struct cli_tokens *t,
		   bool undo, struct cli_args *a)
{
	const struct cli_rcmd *rc = &reg->cmds[th->cmd];
	int chain[CLI_MAX_TOKENS], n = 0;

	memset(a, 0, offsetof(struct cli_args, a));
	a->cmd = rc;
	a->undo = undo;
	a->line[0] = '\0';
	a->used = 0;
	for (int c = th->cap; c >= 0; c = s->caps[c].parent) {
		if (n == CLI_MAX_TOKENS)
			return -1;
		chain[n++] = c;
	}
	if (n > CLI_MAX_ARGS)
		return -1;
	if (undo && line_add(a, "undo") < 0)
		return -1;
	for (int i = n - 1; i >= 0; i--) {
		const struct cli_cap *c = &s->caps[chain[i]];
		const struct cli_elem *e = &rc->prog.elems[c->elem];
		struct cli_arg *arg = &a->a[a->n++];
		char raw[CLI_LINE_MAX + 1], canon[CLI_LINE_MAX + 1], why[8];

		memset(arg, 0, sizeof(*arg));
		arg->e = e;
		if (e->is_kw) {
			arg->text = e->text;
		} else {
			cap_text(t, c, raw, sizeof(raw));
			if (cli_type_parse(e, raw, &arg->v, canon,
					   sizeof(canon), why,
					   sizeof(why)) < 0 ||
			    pool_put(a, canon, &arg->text) < 0)
				return -1;
		}
		if (line_add(a, arg->text) < 0)
			return -1;
	}
	return 0;
}

static const struct cli_arg *find_param(const struct cli_args *a,
					const char *name)
{
	for (int i = 0; i < a->n; i++) {
		if (!a->a[i].e->is_kw && !strcmp(a->a[i].e->text, name))
			return &a->a[i];
	}
	return NULL;
}

const char *cli_args_key(const struct cli_args *a)
{
	int k = a->cmd->key_elem;

	if (k < 0)
		return "";
	for (int i = 0; i < a->n; i++) {
		if (a->a[i].e == &a->cmd->prog.elems[k])
			return a->a[i].text;
	}
	return "";
}

bool cli_arg_has(const struct cli_args *a, const char *name)
{
	for (int i = 0; i < a->n; i++) {
		if (!strcasecmp(a->a[i].e->text, name))
			return true;
	}
	return false;
}

int64_t cli_arg_int(const struct cli_args *a, const char *name)
{
	return cli_arg_int_or(a, name, 0);
}

int64_t cli_arg_int_or(const struct cli_args *a, const char *name, int64_t dflt)
{
	const struct cli_arg *p = find_param(a, name);

	if (!p)
		return dflt;
	if (p->e->type == CLI_T_INT || p->e->type == CLI_T_MASK4)
		return p->v.i;
	if (p->e->type >= CLI_T_IP4LEN && p->e->type <= CLI_T_PFX)
		return p->v.plen;
	return dflt;
}

struct net_addr cli_arg_addr(const struct cli_args *a, const char *name)
{
	const struct cli_arg *p = find_param(a, name);
	struct net_addr z = { 0 };

	return p ? p->v.addr : z;
}

struct net_ip4 cli_arg_ip4(const struct cli_args *a, const char *name)
{
	struct net_addr x = cli_arg_addr(a, name);
	struct net_ip4 z = { { 0 } };

	return x.af == NET_AF_IP4 ? net_addr_ip4(&x) : z;
}

struct net_ip6 cli_arg_ip6(const struct cli_args *a, const char *name)
{
	struct net_addr x = cli_arg_addr(a, name);
	struct net_ip6 z = { { 0 } };

	return x.af == NET_AF_IP6 ? net_addr_ip6(&x) : z;
}

struct net_prefix cli_arg_prefix(const struct cli_args *a, const char *name)
{
	const struct cli_arg *p = find_param(a, name);
	struct net_prefix r = { 0 };

	if (p) {
		r.addr = p->v.addr;
		r.len = p->v.plen;
	}
	return r;
}

struct net_mac cli_arg_mac(const struct cli_args *a, const char *name)
{
	const struct cli_arg *p = find_param(a, name);
	struct net_mac z = { { 0 } };

	return p ? p->v.mac : z;
}

const char *cli_arg_str(const struct cli_args *a, const char *name)
{
	const struct cli_arg *p = find_param(a, name);

	return p ? p->text : NULL;
}

bool cli_args_undo(const struct cli_args *a)
{
	return a->undo;
}

const char *cli_args_line(const struct cli_args *a)
{
	return a->line;
}

/* ---- handler context ---- */

void *cli_ctx_owner(const struct cli_ctx *ctx)
{
	return ctx->cli->owner;
}

struct cli *cli_ctx_cli(const struct cli_ctx *ctx)
{
	return ctx->cli;
}

const void *cli_ctx_data(const struct cli_ctx *ctx)
{
	return ctx->cmd ? ctx->cmd->def.data : NULL;
}

const char *cli_ctx_view(const struct cli_ctx *ctx)
{
	return cli_view_name(ctx->cli->reg, ctx->view);
}

const char *cli_ctx_key(const struct cli_ctx *ctx, const char *view)
{
	for (int i = ctx->depth - 1; i >= 0; i--) {
		if (!strcmp(cli_view_name(ctx->cli->reg, ctx->path[i].view),
			    view))
			return ctx->path[i].key;
	}
	return NULL;
}

void cli_printf(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (!ctx->out)
		return;
	va_start(ap, fmt);
	cli_out_vprintf(ctx->out, fmt, ap);
	va_end(ap);
}

int cli_error(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->reason, sizeof(ctx->reason), fmt, ap);
	va_end(ap);
	ctx->failed = true;
	return -1;
}
