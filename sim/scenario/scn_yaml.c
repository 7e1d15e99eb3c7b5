/*
 * Builds the scenario loader's document tree (scn_yaml.h) from libyaml's
 * event stream. Containers under construction sit on a bounded explicit
 * stack, so no input can recurse deeply; node count and depth are capped.
 * While building it rejects what the scenario format does not use or what
 * would make positions ambiguous: several documents, aliases, non-scalar
 * mapping keys, duplicate keys and scalars holding a NUL character.
 * libyaml's own syntax errors are reported with their file position.
 */
#include "sim/scenario/scn_yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "sim/scenario/scn_internal.h"

struct ybuild {
	const char *file;
	const char *text;
	size_t len;
	char *err;
	size_t errlen;
	struct scn_ydoc *doc;
	struct scn_ynode *stack[SCN_YAML_MAX_DEPTH];
	int depth;
	int ndocs;
};

static int yfail(struct ybuild *b, struct scn_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int yfail(struct ybuild *b, struct scn_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scn_vferr(b->file, loc, b->err, b->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static struct scn_loc yloc(yaml_mark_t m)
{
	struct scn_loc l = { .line = (uint32_t)m.line + 1,
			     .col = (uint32_t)m.column + 1 };
	return l;
}

/* libyaml's reader errors carry a byte offset, not a mark. */
static struct scn_loc yloc_offset(const struct ybuild *b, size_t off)
{
	struct scn_loc l = { .line = 1, .col = 1 };
	size_t i;

	for (i = 0; i < off && i < b->len; i++) {
		if (b->text[i] == '\n') {
			l.line++;
			l.col = 1;
		} else {
			l.col++;
		}
	}
	return l;
}

static int yparse_error(struct ybuild *b, const yaml_parser_t *p)
{
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return yfail(b, (struct scn_loc){ 0, 0 }, "out of memory");
	case YAML_READER_ERROR:
		return yfail(b, yloc_offset(b, p->problem_offset),
			     "invalid input: %s",
			     p->problem ? p->problem : "unreadable text");
	default:
		break;
	}
	if (p->context != NULL)
		return yfail(b, yloc(p->problem_mark),
			     "YAML syntax error: %s (%s at %lu:%lu)",
			     p->problem ? p->problem : "malformed", p->context,
			     (unsigned long)p->context_mark.line + 1,
			     (unsigned long)p->context_mark.column + 1);
	return yfail(b, yloc(p->problem_mark), "YAML syntax error: %s",
		     p->problem ? p->problem : "malformed");
}

static struct scn_ynode *ynew(struct ybuild *b, enum scn_ytype type,
			      yaml_mark_t mark)
{
	struct scn_ynode *n;

	if (b->doc->nnodes >= SCN_YAML_MAX_NODES) {
		yfail(b, yloc(mark), "too many YAML nodes (at most %u)",
		      SCN_YAML_MAX_NODES);
		return NULL;
	}
	n = calloc(1, sizeof(*n));
	if (n == NULL) {
		yfail(b, yloc(mark), "out of memory");
		return NULL;
	}
	n->type = type;
	n->loc = yloc(mark);
	n->end_line = n->loc.line;
	n->all_next = b->doc->all;
	b->doc->all = n;
	b->doc->nnodes++;
	return n;
}

/* Attach n to the open container (or make it the root). */
static int yattach(struct ybuild *b, struct scn_ynode *n)
{
	struct scn_ynode *p;

	if (b->depth == 0) {
		b->doc->root = n;
		return 0;
	}
	p = b->stack[b->depth - 1];
	if (p->type == SCN_Y_MAP && p->n % 2 == 0 && n->type != SCN_Y_SCALAR)
		return yfail(b, n->loc,
			     "mapping keys must be plain strings, not a %s",
			     n->type == SCN_Y_MAP ? "mapping" : "sequence");
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		struct scn_ynode **k = realloc(p->kids, cap * sizeof(*k));

		if (k == NULL)
			return yfail(b, n->loc, "out of memory");
		p->kids = k;
		p->cap = cap;
	}
	p->kids[p->n++] = n;
	return 0;
}

static int yscalar(struct ybuild *b, const yaml_event_t *ev)
{
	struct scn_ynode *n = ynew(b, SCN_Y_SCALAR, ev->start_mark);
	size_t len = ev->data.scalar.length;

	if (n == NULL)
		return -1;
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		n->style = SCN_YS_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->style = SCN_YS_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
		n->style = SCN_YS_LITERAL;
		break;
	case YAML_FOLDED_SCALAR_STYLE:
		n->style = SCN_YS_FOLDED;
		break;
	default:
		n->style = SCN_YS_PLAIN;
		break;
	}
	n->end_line = (uint32_t)ev->end_mark.line + 1;
	n->offset = ev->start_mark.index;
	if (memchr(ev->data.scalar.value, '\0', len) != NULL)
		return yfail(b, n->loc, "text contains a NUL character");
	n->str = malloc(len + 1);
	if (n->str == NULL)
		return yfail(b, n->loc, "out of memory");
	memcpy(n->str, ev->data.scalar.value, len);
	n->str[len] = '\0';
	n->len = len;
	return yattach(b, n);
}

static int yopen(struct ybuild *b, const yaml_event_t *ev, enum scn_ytype t,
		 bool flow)
{
	struct scn_ynode *n;

	if (b->depth >= SCN_YAML_MAX_DEPTH)
		return yfail(b, yloc(ev->start_mark),
			     "nested deeper than %d levels",
			     SCN_YAML_MAX_DEPTH);
	n = ynew(b, t, ev->start_mark);
	if (n == NULL)
		return -1;
	n->style = flow ? SCN_YS_FLOW : SCN_YS_BLOCK;
	if (yattach(b, n) != 0)
		return -1;
	b->stack[b->depth++] = n;
	return 0;
}

struct ykey {
	const struct scn_ynode *key;
	size_t pos;
};

static int ykey_cmp(const void *a, const void *b)
{
	const struct ykey *x = a, *y = b;
	int r = strcmp(x->key->str, y->key->str);

	if (r != 0)
		return r;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Report the first (in file order) repeated key of a finished mapping. */
static int ycheck_dups(struct ybuild *b, const struct scn_ynode *m)
{
	size_t nk = m->n / 2, i, best = SIZE_MAX, first = 0;
	struct ykey *k;

	if (nk < 2)
		return 0;
	k = malloc(nk * sizeof(*k));
	if (k == NULL)
		return yfail(b, m->loc, "out of memory");
	for (i = 0; i < nk; i++) {
		k[i].key = m->kids[2 * i];
		k[i].pos = i;
	}
	qsort(k, nk, sizeof(*k), ykey_cmp);
	for (i = 1; i < nk; i++) {
		if (strcmp(k[i].key->str, k[i - 1].key->str) != 0)
			continue;
		if (k[i].pos < best) {
			best = k[i].pos;
			first = k[i - 1].pos;
		}
		/* Skip the rest of this run: its first repeat is k[i]. */
		while (i + 1 < nk &&
		       strcmp(k[i + 1].key->str, k[i].key->str) == 0)
			i++;
	}
	free(k);
	if (best == SIZE_MAX)
		return 0;
	{
		const struct scn_ynode *d = m->kids[2 * best];
		const struct scn_ynode *f = m->kids[2 * first];

		return yfail(b, d->loc, "duplicate key \"%s\" (first at %u:%u)",
			     d->str, f->loc.line, f->loc.col);
	}
}

static int yclose(struct ybuild *b, const yaml_event_t *ev)
{
	struct scn_ynode *n;

	if (b->depth == 0)
		return yfail(b, yloc(ev->start_mark), "unbalanced YAML");
	n = b->stack[--b->depth];
	n->end_line = (uint32_t)ev->end_mark.line + 1;
	if (n->type == SCN_Y_MAP)
		return ycheck_dups(b, n);
	return 0;
}

/* One event; returns 1 at the end of the stream, 0 to go on, -1 on error. */
static int yevent(struct ybuild *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++b->ndocs > 1)
			return yfail(b, yloc(ev->start_mark),
				     "only one YAML document is allowed");
		return 0;
	case YAML_ALIAS_EVENT:
		return yfail(b, yloc(ev->start_mark),
			     "aliases (*%s) are not supported: write the "
			     "value out",
			     (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		return yscalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return yopen(b, ev, SCN_Y_SEQ,
			     ev->data.sequence_start.style ==
				     YAML_FLOW_SEQUENCE_STYLE);
	case YAML_MAPPING_START_EVENT:
		return yopen(b, ev, SCN_Y_MAP,
			     ev->data.mapping_start.style ==
				     YAML_FLOW_MAPPING_STYLE);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return yclose(b, ev);
	default:
		return 0;
	}
}

int scn_yaml_parse(const char *text, size_t len, const char *file,
		   struct scn_ydoc *doc, char *err, size_t errlen)
{
	struct ybuild b = { .file = file,
			    .text = text,
			    .len = len,
			    .err = err,
			    .errlen = errlen,
			    .doc = doc };
	yaml_parser_t p;
	yaml_event_t ev;
	int r = 0;

	memset(doc, 0, sizeof(*doc));
	if (!yaml_parser_initialize(&p))
		return yfail(&b, (struct scn_loc){ 0, 0 }, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (r == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			r = yparse_error(&b, &p);
			break;
		}
		r = yevent(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (r < 0) {
		scn_yaml_free(doc);
		return -1;
	}
	return 0;
}

void scn_yaml_free(struct scn_ydoc *doc)
{
	struct scn_ynode *n = doc->all, *next;

	while (n != NULL) {
		next = n->all_next;
		free(n->str);
		free(n->kids);
		free(n);
		n = next;
	}
	memset(doc, 0, sizeof(*doc));
}

const struct scn_ynode *scn_ymap_get_key(const struct scn_ynode *m,
					 const char *key)
{
	size_t i;

	if (m == NULL || m->type != SCN_Y_MAP)
		return NULL;
	for (i = 0; i + 1 < m->n; i += 2)
		if (strcmp(m->kids[i]->str, key) == 0)
			return m->kids[i];
	return NULL;
}

const struct scn_ynode *scn_ymap_get(const struct scn_ynode *m, const char *key)
{
	size_t i;

	if (m == NULL || m->type != SCN_Y_MAP)
		return NULL;
	for (i = 0; i + 1 < m->n; i += 2)
		if (strcmp(m->kids[i]->str, key) == 0)
			return m->kids[i + 1];
	return NULL;
}

bool scn_ynode_is_null(const struct scn_ynode *n)
{
	if (n == NULL)
		return true;
	if (n->type != SCN_Y_SCALAR || n->style != SCN_YS_PLAIN)
		return false;
	return n->len == 0 || strcmp(n->str, "~") == 0 ||
	       strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	       strcmp(n->str, "NULL") == 0;
}
