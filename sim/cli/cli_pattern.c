/*
 * Pattern compiler. A command pattern such as
 *   "vrrp vrid <vrid:int:1-255> track bfd-session <id:int:1-8191>
 *    [ increased <v:int:1-254> | reduced <v:int:1-254> ]"
 * becomes a small program for a token-level VM: KW and PARAM consume one
 * word, SPLIT forks (first branch preferred), JMP continues elsewhere and
 * MATCH accepts. Alternatives compile to a chain of SPLITs, an optional
 * group to one more SPLIT around them. The grammar is in README.md.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

#define PAT_MAX_TOKENS 128
#define PAT_MAX_INSNS  1024

struct pat {
	char *toks[PAT_MAX_TOKENS];
	int ntok, pos;
	int depth;
	struct cli_prog *p;
	int capelem, capinsn;
	char *err;
	size_t elen;
};

static int pat_fail(struct pat *s, const char *fmt, const char *arg)
{
	snprintf(s->err, s->elen, fmt, arg);
	return -1;
}

static bool is_punct(char c)
{
	return c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
}

static int pat_split(struct pat *s, const char *pattern)
{
	const char *q = pattern;

	while (*q) {
		const char *b;
		size_t n;

		if (isspace((unsigned char)*q)) {
			q++;
			continue;
		}
		b = q;
		if (is_punct(*q)) {
			q++;
		} else if (*q == '<') {
			while (*q && *q != '>')
				q++;
			if (*q != '>')
				return pat_fail(s, "unclosed '<' in '%s'", b);
			q++;
		} else {
			while (*q && !isspace((unsigned char)*q) &&
			       !is_punct(*q) && *q != '<')
				q++;
		}
		if (s->ntok == PAT_MAX_TOKENS)
			return pat_fail(s, "pattern too long: %s", pattern);
		n = (size_t)(q - b);
		s->toks[s->ntok] = strndup(b, n);
		if (!s->toks[s->ntok])
			return pat_fail(s, "out of memory%s", "");
		s->ntok++;
	}
	return 0;
}

static int emit(struct pat *s, uint8_t op, int elem, int x, int y)
{
	struct cli_prog *p = s->p;

	if (p->ninsn == PAT_MAX_INSNS)
		return pat_fail(s, "pattern program too long%s", "");
	if (p->ninsn == s->capinsn) {
		int cap = s->capinsn ? 2 * s->capinsn : 16;
		void *n = realloc(p->insns, (size_t)cap * sizeof(*p->insns));

		if (!n)
			return pat_fail(s, "out of memory%s", "");
		p->insns = n;
		s->capinsn = cap;
	}
	p->insns[p->ninsn] = (struct cli_insn){ .op = op,
						.elem = (uint16_t)elem,
						.x = (uint16_t)x,
						.y = (uint16_t)y };
	return p->ninsn++;
}

static int add_elem(struct pat *s, const struct cli_elem *e)
{
	struct cli_prog *p = s->p;

	if (p->nelem == s->capelem) {
		int cap = s->capelem ? 2 * s->capelem : 8;
		void *n = realloc(p->elems, (size_t)cap * sizeof(*p->elems));

		if (!n)
			return pat_fail(s, "out of memory%s", "");
		p->elems = n;
		s->capelem = cap;
	}
	p->elems[p->nelem] = *e;
	return p->nelem++;
}

/* "lo-hi" or "hi" (lo then defaults to dlo); lo may be negative. */
static int parse_range(const char *r, int64_t dlo, int64_t *lo, int64_t *hi)
{
	char *end;
	const char *dash;

	errno = 0;
	dash = strchr(r + (*r == '-'), '-');
	if (!dash) {
		*lo = dlo;
		*hi = strtoll(r, &end, 10);
		return errno || *end || end == r ? -1 : 0;
	}
	*lo = strtoll(r, &end, 10);
	if (errno || end != dash || end == r)
		return -1;
	*hi = strtoll(dash + 1, &end, 10);
	if (errno || *end || end == dash + 1)
		return -1;
	return *lo > *hi ? -1 : 0;
}

static int compile_param(struct pat *s, const char *tok)
{
	char spec[128], *name, *type, *range;
	struct cli_elem e = { 0 };
	int t, el;

	if (strlen(tok) < 3 || strlen(tok) >= sizeof(spec))
		return pat_fail(s, "bad parameter '%s'", tok);
	memcpy(spec, tok + 1, strlen(tok) - 2);
	spec[strlen(tok) - 2] = '\0';
	name = spec;
	type = strchr(spec, ':');
	if (!type || type == name)
		return pat_fail(s, "parameter '%s' needs <name:type>", tok);
	*type++ = '\0';
	range = strchr(type, ':');
	if (range)
		*range++ = '\0';
	t = cli_type_by_name(type);
	if (t < 0)
		return pat_fail(s, "unknown parameter type in '%s'", tok);
	e.type = (uint8_t)t;
	e.lo = t == CLI_T_INT ? 0 : 1;
	e.hi = t == CLI_T_INT	 ? UINT32_MAX
	       : t == CLI_T_WORD ? 64
				 : CLI_LINE_MAX;
	if (range) {
		if (!cli_type_has_range(t) ||
		    parse_range(range, e.lo, &e.lo, &e.hi) < 0 ||
		    (t != CLI_T_INT && e.lo < 1))
			return pat_fail(s, "bad range in '%s'", tok);
	}
	if (t == CLI_T_TEXT && (s->depth != 0 || s->pos + 1 != s->ntok))
		return pat_fail(s, "text parameter '%s' must end the pattern",
				tok);
	e.text = strdup(name);
	if (!e.text)
		return pat_fail(s, "out of memory%s", "");
	el = add_elem(s, &e);
	if (el < 0) {
		free(e.text);
		return -1;
	}
	return emit(s, CLI_OP_PARAM, el, 0, 0);
}

static int compile_kw(struct pat *s, const char *tok)
{
	struct cli_elem e = { .is_kw = true };
	int el;

	for (const char *q = tok; *q; q++) {
		if (!isgraph((unsigned char)*q) || *q == '>' || *q == '?')
			return pat_fail(s, "bad keyword '%s'", tok);
	}
	e.text = strdup(tok);
	if (!e.text)
		return pat_fail(s, "out of memory%s", "");
	el = add_elem(s, &e);
	if (el < 0) {
		free(e.text);
		return -1;
	}
	return emit(s, CLI_OP_KW, el, 0, 0);
}

static int compile_group(struct pat *s, char close, bool optional);

/* Items until '|', ']', '}' or the end; returns the number compiled. */
static int compile_seq(struct pat *s)
{
	int items = 0;

	while (s->pos < s->ntok) {
		const char *tok = s->toks[s->pos];
		int rc;

		if (tok[0] == '|' || tok[0] == ']' || tok[0] == '}')
			break;
		if (tok[0] == '[' || tok[0] == '{') {
			s->pos++;
			if (++s->depth > 16)
				return pat_fail(s, "groups nested too deep%s",
						"");
			rc = compile_group(s, tok[0] == '[' ? ']' : '}',
					   tok[0] == '[');
			s->depth--;
		} else if (tok[0] == '<') {
			rc = compile_param(s, tok);
			s->pos++;
		} else {
			rc = compile_kw(s, tok);
			s->pos++;
		}
		if (rc < 0)
			return -1;
		items++;
	}
	return items;
}

static int compile_group(struct pat *s, char close, bool optional)
{
	int jumps[64], njumps = 0, opt = -1;
	struct cli_insn *in;

	if (optional && (opt = emit(s, CLI_OP_SPLIT, 0, 0, 0)) < 0)
		return -1;
	if (opt >= 0)
		s->p->insns[opt].x = (uint16_t)(opt + 1);
	for (;;) {
		int sp = emit(s, CLI_OP_SPLIT, 0, 0, 0);
		int n;

		if (sp < 0)
			return -1;
		s->p->insns[sp].x = (uint16_t)(sp + 1);
		n = compile_seq(s);
		if (n < 0)
			return -1;
		if (n == 0)
			return pat_fail(s, "empty alternative in group '%c'",
					(char[]){ close, 0 });
		if (s->pos == s->ntok)
			return pat_fail(s, "missing '%s'",
					close == ']' ? "]" : "}");
		if (s->toks[s->pos][0] == '|') {
			if (njumps == 64)
				return pat_fail(s, "too many alternatives%s",
						"");
			jumps[njumps] = emit(s, CLI_OP_JMP, 0, 0, 0);
			if (jumps[njumps] < 0)
				return -1;
			njumps++;
			s->p->insns[sp].y = (uint16_t)s->p->ninsn;
			s->pos++;
			continue;
		}
		if (s->toks[s->pos][0] != close)
			return pat_fail(s, "mismatched '%s'", s->toks[s->pos]);
		/* The last alternative needs no fork. */
		in = &s->p->insns[sp];
		in->op = CLI_OP_JMP;
		s->pos++;
		break;
	}
	for (int i = 0; i < njumps; i++)
		s->p->insns[jumps[i]].x = (uint16_t)s->p->ninsn;
	if (opt >= 0)
		s->p->insns[opt].y = (uint16_t)s->p->ninsn;
	return 0;
}

int cli_pattern_compile(const char *pattern, struct cli_prog *p, char *err,
			size_t elen)
{
	struct pat s = { .p = p, .err = err, .elen = elen };
	int rc = -1;

	memset(p, 0, sizeof(*p));
	if (!pattern || pat_split(&s, pattern) < 0)
		goto out;
	if (s.ntok == 0 || s.toks[0][0] == '<' || is_punct(s.toks[0][0])) {
		pat_fail(&s, "pattern must start with a keyword: '%s'",
			 pattern ? pattern : "(null)");
		goto out;
	}
	if (compile_seq(&s) < 0)
		goto out;
	if (s.pos != s.ntok) {
		pat_fail(&s, "unexpected '%s'", s.toks[s.pos]);
		goto out;
	}
	if (emit(&s, CLI_OP_MATCH, 0, 0, 0) < 0)
		goto out;
	rc = 0;
out:
	for (int i = 0; i < s.ntok; i++)
		free(s.toks[i]);
	if (rc < 0)
		cli_prog_free(p);
	return rc;
}

void cli_prog_free(struct cli_prog *p)
{
	for (int i = 0; i < p->nelem; i++)
		free(p->elems[i].text);
	free(p->elems);
	free(p->insns);
	memset(p, 0, sizeof(*p));
}

int cli_prog_param(const struct cli_prog *p, const char *name)
{
	for (int i = 0; i < p->nelem; i++) {
		if (!p->elems[i].is_kw && !strcmp(p->elems[i].text, name))
			return i;
	}
	return -1;
}
