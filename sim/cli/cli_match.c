/*
 * The matcher: runs every command available in a view over the words of a
 * line at once, as threads of a token-level VM (one thread per position in
 * a pattern, leftmost-preferred, deduplicated per instruction). Keyword
 * abbreviation is decided across all live threads, as VRP does: an exact
 * keyword wins, else a prefix must select one keyword. When every thread
 * dies, the error names the word and the kind (unrecognized, wrong
 * parameter, ambiguous, too many parameters); running out of words before a
 * command is complete is "incomplete". Undo forms may stop early (see
 * undo_min). Also serves "?" help from the same thread lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/cli/cli_impl.h"

struct mstate {
	const struct cli_registry *reg;
	struct cli_scratch *s;
	const struct cli_tokens *t;
	bool undo;
	int cur; /* index of the current list in s->t[] */
	size_t n[2];
	struct cli_thread done[CLI_MAX_MATCH]; /* completed by text params */
	int ndone;
};

int cli_tokenize(const char *line, struct cli_tokens *t, struct cli_perr *pe)
{
	size_t o = 0;
	int i = 0;

	t->line = line;
	t->n = 0;
	while (line[i]) {
		unsigned char ch = (unsigned char)line[i];
		int b;

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			i++;
			continue;
		}
		if (ch < 0x20 || ch == 0x7f) {
			pe->code = CLI_ERR_UNRECOGNIZED;
			pe->tok = t->n;
			pe->col = i;
			snprintf(pe->reason, sizeof(pe->reason),
				 "control character 0x%02x in the line", ch);
			return -1;
		}
		if (t->n == CLI_MAX_TOKENS) {
			pe->code = CLI_ERR_TOO_LONG;
			pe->tok = t->n;
			pe->col = i;
			snprintf(pe->reason, sizeof(pe->reason),
				 "more than %d words", CLI_MAX_TOKENS);
			return -1;
		}
		b = i;
		while (line[i] && line[i] != ' ' && line[i] != '\t' &&
		       line[i] != '\r' && line[i] != '\n' &&
		       (unsigned char)line[i] >= 0x20 && line[i] != 0x7f)
			i++;
		if (o + (size_t)(i - b) + 1 > sizeof(t->buf)) {
			pe->code = CLI_ERR_TOO_LONG;
			pe->tok = t->n;
			pe->col = b;
			snprintf(pe->reason, sizeof(pe->reason),
				 "line longer than %d characters",
				 CLI_LINE_MAX);
			return -1;
		}
		memcpy(t->buf + o, line + b, (size_t)(i - b));
		t->buf[o + (size_t)(i - b)] = '\0';
		t->tok[t->n] = t->buf + o;
		t->start[t->n] = b;
		t->len[t->n] = i - b;
		o += (size_t)(i - b) + 1;
		t->n++;
	}
	return 0;
}

void cli_scratch_free(struct cli_scratch *s)
{
	free(s->mark);
	free(s->t[0]);
	free(s->t[1]);
	free(s->caps);
	memset(s, 0, sizeof(*s));
}

static int scratch_prepare(struct cli_scratch *s,
			   const struct cli_registry *reg)
{
	size_t need = (size_t)reg->total_insns * 2;

	if (s->nmark < need) {
		uint32_t *m = realloc(s->mark, need * sizeof(*m));

		if (!m)
			return -1;
		memset(m + s->nmark, 0, (need - s->nmark) * sizeof(*m));
		s->mark = m;
		s->nmark = need;
	}
	s->ncaps = 0;
	return 0;
}

static void next_gen(struct cli_scratch *s)
{
	if (++s->gen == 0) {
		memset(s->mark, 0, s->nmark * sizeof(*s->mark));
		s->gen = 1;
	}
}

static int new_cap(struct cli_scratch *s, int elem, int tok, int ntok,
		   int parent)
{
	if (s->ncaps == s->capcaps) {
		size_t cap = s->capcaps ? 2 * s->capcaps : 64;
		void *n = realloc(s->caps, cap * sizeof(*s->caps));

		if (!n)
			return -1;
		s->caps = n;
		s->capcaps = cap;
	}
	s->caps[s->ncaps] = (struct cli_cap){ .elem = (uint16_t)elem,
					      .tok = (uint8_t)tok,
					      .ntok = (uint8_t)ntok,
					      .parent = parent };
	return (int)s->ncaps++;
}

static int push_thread(struct mstate *ms, int li, const struct cli_thread *th)
{
	struct cli_scratch *s = ms->s;

	if (ms->n[li] == s->tcap[li]) {
		size_t cap = s->tcap[li] ? 2 * s->tcap[li] : 256;
		void *n = realloc(s->t[li], cap * sizeof(*th));

		if (!n)
			return -1;
		s->t[li] = n;
		s->tcap[li] = cap;
	}
	s->t[li][ms->n[li]++] = *th;
	return 0;
}

/* Add a thread, following JMP and SPLIT (epsilon closure). */
static int add_thread(struct mstate *ms, int li, struct cli_thread th)
{
	const struct cli_rcmd *rc = &ms->reg->cmds[th.cmd];
	size_t slot = ((size_t)rc->base + th.pc) * 2 + th.pend;
	const struct cli_insn *in = &rc->prog.insns[th.pc];

	if (ms->s->mark[slot] == ms->s->gen)
		return 0;
	ms->s->mark[slot] = ms->s->gen;
	if (!th.pend && in->op == CLI_OP_JMP) {
		th.pc = in->x;
		return add_thread(ms, li, th);
	}
	if (!th.pend && in->op == CLI_OP_SPLIT) {
		struct cli_thread t2 = th;

		th.pc = in->x;
		t2.pc = in->y;
		if (add_thread(ms, li, th) < 0)
			return -1;
		return add_thread(ms, li, t2);
	}
	return push_thread(ms, li, &th);
}

static bool cmd_usable(const struct cli_rcmd *rc, bool undo)
{
	if (undo)
		return rc->def.flags &
		       (CLI_UNDO | CLI_UNDO_KEEP | CLI_UNDO_ONLY);
	return !(rc->def.flags & CLI_UNDO_ONLY);
}

static int start_threads(struct mstate *ms, int view, int only_cmd)
{
	ms->cur = 0;
	ms->n[0] = ms->n[1] = 0;
	ms->ndone = 0;
	next_gen(ms->s);
	for (int i = 0; i < ms->reg->ncmds; i++) {
		const struct cli_rcmd *rc = &ms->reg->cmds[i];
		struct cli_thread th = { .cmd = i, .cap = -1 };

		if (only_cmd >= 0 && i != only_cmd)
			continue;
		if (only_cmd < 0 && (!cli_cmd_in_view(ms->reg, rc, view) ||
				     !cmd_usable(rc, ms->undo)))
			continue;
		if (add_thread(ms, 0, th) < 0)
			return -1;
	}
	return 0;
}

static const struct cli_insn *th_insn(const struct mstate *ms,
				      const struct cli_thread *th)
{
	return &ms->reg->cmds[th->cmd].prog.insns[th->pc];
}

static const struct cli_elem *th_elem(const struct mstate *ms,
				      const struct cli_thread *th)
{
	return &ms->reg->cmds[th->cmd].prog.elems[th_insn(ms, th)->elem];
}

/* How the keywords of the live threads receive a word. */
struct kwsel {
	bool exact;
	int ndistinct;
	const char *names[8];
};

static void kw_select(const struct mstate *ms, const char *tok, struct kwsel *k)
{
	size_t len = strlen(tok);
	const struct cli_thread *cur = ms->s->t[ms->cur];

	memset(k, 0, sizeof(*k));
	for (size_t i = 0; i < ms->n[ms->cur]; i++) {
		const char *kw;
		bool seen = false;

		if (cur[i].pend || th_insn(ms, &cur[i])->op != CLI_OP_KW)
			continue;
		kw = th_elem(ms, &cur[i])->text;
		if (!strcasecmp(kw, tok)) {
			k->exact = true;
			continue;
		}
		if (strlen(kw) <= len || strncasecmp(kw, tok, len))
			continue;
		for (int j = 0; j < k->ndistinct && j < 8; j++)
			seen |= !strcasecmp(k->names[j], kw);
		if (seen)
			continue;
		if (k->ndistinct < 8)
			k->names[k->ndistinct] = kw;
		k->ndistinct++;
	}
}

static bool kw_accepts(const struct kwsel *k, const char *kw, const char *tok)
{
	size_t len = strlen(tok);

	if (k->exact)
		return !strcasecmp(kw, tok);
	return k->ndistinct == 1 && strlen(kw) > len &&
	       !strncasecmp(kw, tok, len);
}

/* What went wrong at one word, kept for the error if every thread dies. */
struct stepinfo {
	bool saw_match, saw_param;
	char param_why[CLI_REASON_MAX];
};

static int advance(struct mstate *ms, int nl, const struct cli_thread *th,
		   int tok, int ntok, int pc)
{
	int cap = new_cap(ms->s, th_insn(ms, th)->elem, tok, ntok, th->cap);
	struct cli_thread nt = { .cmd = th->cmd,
				 .pc = (uint16_t)pc,
				 .nel = (uint8_t)(th->nel + 1),
				 .cap = cap };

	if (cap < 0)
		return -1;
	return add_thread(ms, nl, nt);
}

static int step_param(struct mstate *ms, int nl, const struct cli_thread *th,
		      int i, struct stepinfo *si)
{
	const struct cli_elem *e = th_elem(ms, th);
	const struct cli_tokens *t = ms->t;
	char canon[CLI_LINE_MAX + 1], why[CLI_REASON_MAX], joined[CLI_KEY_MAX];
	const char *tok = t->tok[i];
	struct cli_val v;

	if (th->pend) {
		snprintf(joined, sizeof(joined), "%s%s", t->tok[i - 1], tok);
		if (cli_type_parse(e, joined, &v, canon, sizeof(canon), why,
				   sizeof(why)) == 0)
			return advance(ms, nl, th, i - 1, 2, th->pc + 1);
		if (tok[0] < '0' || tok[0] > '9')
			snprintf(why, sizeof(why),
				 "expected an interface number after '%.40s'",
				 t->tok[i - 1]);
	} else if (e->type == CLI_T_TEXT) {
		const char *rest = t->line + t->start[i];
		size_t n = strlen(rest);

		while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t' ||
				 rest[n - 1] == '\r' || rest[n - 1] == '\n'))
			n--;
		if ((int64_t)n >= e->lo && (int64_t)n <= e->hi) {
			int cap = new_cap(ms->s, th_insn(ms, th)->elem, i, 0,
					  th->cap);

			if (cap < 0)
				return -1;
			if (ms->ndone < CLI_MAX_MATCH) {
				ms->done[ms->ndone] = *th;
				ms->done[ms->ndone].pc = th->pc + 1;
				ms->done[ms->ndone].nel = th->nel + 1;
				ms->done[ms->ndone].cap = cap;
				ms->ndone++;
			}
			return 0;
		}
		cli_type_describe(e, canon, 96);
		snprintf(why, sizeof(why), "expected %.96s", canon);
	} else if (e->type == CLI_T_IFACE && cli_iface_is_type_word(tok)) {
		struct cli_thread pt = *th;

		pt.pend = 1;
		return add_thread(ms, nl, pt);
	} else if (cli_type_parse(e, tok, &v, canon, sizeof(canon), why,
				  sizeof(why)) == 0) {
		return advance(ms, nl, th, i, 1, th->pc + 1);
	}
	if (!si->saw_param)
		snprintf(si->param_why, sizeof(si->param_why), "%s", why);
	si->saw_param = true;
	return 0;
}

static void list_expected(const struct mstate *ms, char *buf, size_t len)
{
	const struct cli_thread *cur = ms->s->t[ms->cur];
	size_t o = 0;
	int shown = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ms->n[ms->cur] && o + 1 < len; i++) {
		const struct cli_insn *in = th_insn(ms, &cur[i]);
		char d[96];
		int w;

		if (cur[i].pend) {
			snprintf(d, sizeof(d), "an interface number");
		} else if (in->op == CLI_OP_KW) {
			snprintf(d, sizeof(d), "'%s'",
				 th_elem(ms, &cur[i])->text);
		} else if (in->op == CLI_OP_PARAM) {
			cli_type_describe(th_elem(ms, &cur[i]), d, sizeof(d));
		} else {
			continue;
		}
		if (strstr(buf, d))
			continue;
		if (shown == 6) {
			snprintf(buf + o, len - o, ", ...");
			return;
		}
		w = snprintf(buf + o, len - o, "%s%s", shown ? ", " : "", d);
		if (w < 0 || (size_t)w >= len - o)
			return;
		o += (size_t)w;
		shown++;
	}
}

static void step_error(const struct mstate *ms, int i, int first,
		       const struct kwsel *k, const struct stepinfo *si,
		       int view, struct cli_perr *pe)
{
	const char *tok = ms->t->tok[i];
	char exp[CLI_REASON_MAX - 40];

	pe->tok = i;
	pe->col = ms->t->start[i];
	if (!k->exact && k->ndistinct > 1) {
		pe->code = CLI_ERR_AMBIGUOUS;
		snprintf(pe->reason, sizeof(pe->reason),
			 "'%s' matches %s, %s%s", tok, k->names[0], k->names[1],
			 k->ndistinct > 2 ? ", ..." : "");
	} else if (si->saw_param) {
		pe->code = CLI_ERR_WRONG_PARAM;
		snprintf(pe->reason, sizeof(pe->reason), "%s", si->param_why);
	} else if (si->saw_match) {
		pe->code = CLI_ERR_TOO_MANY;
		snprintf(pe->reason, sizeof(pe->reason),
			 "the command is complete before '%s'", tok);
	} else if (i == first) {
		pe->code = CLI_ERR_UNRECOGNIZED;
		snprintf(pe->reason, sizeof(pe->reason),
			 "no command '%s' in the %s view", tok,
			 cli_view_name(ms->reg, view));
	} else {
		pe->code = CLI_ERR_UNRECOGNIZED;
		list_expected(ms, exp, sizeof(exp));
		snprintf(pe->reason, sizeof(pe->reason), "expected %s", exp);
	}
}

/* Feed word i to every live thread. 0 ok, 1 all died (pe set), -1 OOM. */
static int step(struct mstate *ms, int i, int first, int view,
		struct cli_perr *pe)
{
	const struct cli_thread *cur = ms->s->t[ms->cur];
	int nl = 1 - ms->cur;
	const char *tok = ms->t->tok[i];
	struct stepinfo si = { 0 };
	struct kwsel k;

	kw_select(ms, tok, &k);
	ms->n[nl] = 0;
	next_gen(ms->s);
	for (size_t j = 0; j < ms->n[ms->cur]; j++) {
		const struct cli_thread *th = &cur[j];
		const struct cli_insn *in = th_insn(ms, th);
		int rc = 0;

		if (th->pend || in->op == CLI_OP_PARAM)
			rc = step_param(ms, nl, th, i, &si);
		else if (in->op == CLI_OP_MATCH)
			si.saw_match = true;
		else if (in->op == CLI_OP_KW &&
			 kw_accepts(&k, th_elem(ms, th)->text, tok))
			rc = advance(ms, nl, th, i, 1, th->pc + 1);
		if (rc < 0)
			return -1;
	}
	/* A text parameter that took the rest of the line is a success. */
	if (ms->n[nl] == 0 && ms->ndone == 0) {
		step_error(ms, i, first, &k, &si, view, pe);
		return 1;
	}
	ms->cur = nl;
	return 0;
}

static bool cap_has_elem(const struct cli_scratch *s, int cap, int elem)
{
	for (; cap >= 0; cap = s->caps[cap].parent) {
		if (s->caps[cap].elem == elem)
			return true;
	}
	return false;
}

static bool complete(const struct mstate *ms, const struct cli_thread *th)
{
	const struct cli_rcmd *rc = &ms->reg->cmds[th->cmd];
	bool at_match = !th->pend && th_insn(ms, th)->op == CLI_OP_MATCH;

	if (!ms->undo || th->pend)
		return at_match;
	if (rc->key_elem >= 0 && (rc->def.flags & CLI_ENTER) &&
	    !cap_has_elem(ms->s, th->cap, rc->key_elem))
		return false;
	return at_match || (rc->undo_min >= 0 && th->nel >= rc->undo_min);
}

static void add_result(struct cli_match *m, const struct cli_thread *th,
		       bool undo)
{
	for (int i = 0; i < m->n; i++) {
		if (m->th[i].cmd == th->cmd)
			return;
	}
	if (m->n < CLI_MAX_MATCH && (undo || m->n == 0))
		m->th[m->n++] = *th;
}

static int run(struct mstate *ms, int view, int first, int only_cmd,
	       struct cli_perr *pe)
{
	if (scratch_prepare(ms->s, ms->reg) < 0 ||
	    start_threads(ms, view, only_cmd) < 0)
		goto oom;
	for (int i = first; i < ms->t->n; i++) {
		int rc = step(ms, i, first, view, pe);

		if (rc < 0)
			goto oom;
		if (rc > 0)
			return -1;
		if (ms->n[ms->cur] == 0)
			break; /* only text parameters remain */
	}
	return 0;
oom:
	pe->code = CLI_ERR_STATE;
	pe->tok = first;
	pe->col = 0;
	snprintf(pe->reason, sizeof(pe->reason), "out of memory");
	return -1;
}

int cli_match(const struct cli_registry *reg, struct cli_scratch *s, int view,
	      const struct cli_tokens *t, int first, bool undo, int only_cmd,
	      struct cli_match *m, struct cli_perr *pe)
{
	struct mstate ms = { .reg = reg, .s = s, .t = t, .undo = undo };
	const struct cli_thread *cur;

	m->undo = undo;
	m->n = 0;
	if (run(&ms, view, first, only_cmd, pe) < 0)
		return -1;
	cur = s->t[ms.cur];
	for (size_t i = 0; i < ms.n[ms.cur]; i++) {
		if (complete(&ms, &cur[i]))
			add_result(m, &cur[i], undo);
	}
	for (int i = 0; i < ms.ndone; i++)
		add_result(m, &ms.done[i], undo);
	if (m->n > 0)
		return 0;
	pe->code = CLI_ERR_INCOMPLETE;
	pe->tok = t->n;
	pe->col = t->n ? t->start[t->n - 1] + t->len[t->n - 1] + 1 : 0;
	{
		char exp[CLI_REASON_MAX - 16];

		list_expected(&ms, exp, sizeof(exp));
		snprintf(pe->reason, sizeof(pe->reason), "expected %s", exp);
	}
	return -1;
}

int cli_match_undo_word(const struct cli_registry *reg, int view,
			const struct cli_tokens *t, struct cli_perr *pe)
{
	const char *tok = t->tok[0];
	size_t len = strlen(tok);
	bool other = false;

	if (!strcasecmp(tok, "undo"))
		return 1;
	if (len > 4 || strncasecmp("undo", tok, len))
		return 0;
	for (int i = 0; i < reg->ncmds; i++) {
		const struct cli_rcmd *rc = &reg->cmds[i];

		if (!cli_cmd_in_view(reg, rc, view) || !cmd_usable(rc, false))
			continue;
		if (!strcasecmp(rc->first_kw, tok))
			return 0;
		if (!strncasecmp(rc->first_kw, tok, len))
			other = true;
	}
	if (!other)
		return 1;
	pe->code = CLI_ERR_AMBIGUOUS;
	pe->tok = 0;
	pe->col = t->start[0];
	snprintf(pe->reason, sizeof(pe->reason),
		 "'%s' matches undo and other commands", tok);
	return -1;
}

/* ---- "?" help ---- */

struct help_item {
	int kind; /* 0 keyword, 1 parameter, 2 <cr>: the listing order */
	char word[48];
	char desc[96];
};

struct help_list {
	struct help_item v[128];
	int n;
};

static int help_cmp(const void *a, const void *b)
{
	const struct help_item *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	return strcmp(x->word, y->word);
}

static void help_add(struct help_list *l, int kind, const char *word,
		     const char *what)
{
	struct help_item *it;

	for (int i = 0; i < l->n; i++) {
		if (!strcmp(l->v[i].word, word))
			return;
	}
	if (l->n == 128)
		return;
	it = &l->v[l->n++];
	it->kind = kind;
	snprintf(it->word, sizeof(it->word), "%s", word);
	snprintf(it->desc, sizeof(it->desc), "%s", what ? what : "");
}

static void help_thread(const struct mstate *ms, const struct cli_thread *th,
			const char *partial, struct help_list *l)
{
	const struct cli_rcmd *rc = &ms->reg->cmds[th->cmd];
	const struct cli_insn *in = th_insn(ms, th);
	char d[96], w[48];

	if (rc->def.flags & CLI_HIDDEN)
		return;
	if (th->pend) {
		if (!partial)
			help_add(l, 1, "<number>",
				 "interface number, e.g. 0/1/0");
	} else if (in->op == CLI_OP_KW) {
		const char *kw = th_elem(ms, th)->text;

		if (!partial || !strncasecmp(kw, partial, strlen(partial)))
			help_add(l, 0, kw, th->nel == 0 ? rc->def.help : NULL);
	} else if (in->op == CLI_OP_PARAM && !partial) {
		cli_type_describe(th_elem(ms, th), d, sizeof(d));
		snprintf(w, sizeof(w), "<%.40s>", th_elem(ms, th)->text);
		help_add(l, 1, w, d);
	} else if (in->op == CLI_OP_MATCH && !partial) {
		help_add(l, 2, "<cr>", NULL);
	}
}

/* Whether "undo" starts any command of the view. */
static bool help_undo_usable(const struct cli_registry *reg, int view)
{
	for (int i = 0; i < reg->ncmds; i++) {
		if (cli_cmd_in_view(reg, &reg->cmds[i], view) &&
		    cmd_usable(&reg->cmds[i], true))
			return true;
	}
	return false;
}

int cli_help(const struct cli_registry *reg, struct cli_scratch *s, int view,
	     const struct cli_tokens *t, int first, bool undo,
	     const char *partial, struct cli_out *out, struct cli_perr *pe)
{
	struct mstate ms = { .reg = reg, .s = s, .t = t, .undo = undo };
	static const struct help_list empty;
	struct help_list *l = malloc(sizeof(*l));

	if (!l || run(&ms, view, first, -1, pe) < 0) {
		if (!l) {
			pe->code = CLI_ERR_STATE;
			pe->col = 0;
			snprintf(pe->reason, sizeof(pe->reason),
				 "out of memory");
		}
		free(l);
		return -1;
	}
	*l = empty;
	for (size_t i = 0; i < ms.n[ms.cur]; i++)
		help_thread(&ms, &s->t[ms.cur][i], partial, l);
	if (t->n == 0 && help_undo_usable(reg, view) &&
	    (!partial || !strncasecmp("undo", partial, strlen(partial))))
		help_add(l, 0, "undo", "Cancel a setting");
	if (ms.ndone && !partial)
		help_add(l, 2, "<cr>", NULL);
	qsort(l->v, (size_t)l->n, sizeof(l->v[0]), help_cmp);
	for (int i = 0; i < l->n; i++) {
		if (l->v[i].desc[0])
			cli_out_printf(out, "  %-28s %s\n", l->v[i].word,
				       l->v[i].desc);
		else
			cli_out_printf(out, "  %s\n", l->v[i].word);
	}
	free(l);
	return 0;
}
