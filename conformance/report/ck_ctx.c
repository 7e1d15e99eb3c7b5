/*
 * A conformance run (ck.h): the registered rules with their totals and
 * kept findings, rule selection, interop quirks, counters and facts. Rule
 * lookups from ck_pass/ck_fail go through a small open-addressing table
 * keyed by the rule's address, since rule modules call them for every
 * packet. No RFC is implemented here.
 */
#include "conformance/report/ck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ck_slot {
	const struct ck_rule *rule; /* NULL: empty */
	size_t idx;
};

struct ck_kv {
	char *key;
	char *val;
	uint64_t n;
};

struct ck_ctx {
	char *name;
	struct ck_result *res;
	bool *sel;	       /* selected, per result */
	const char **quirk_of; /* active quirk downgrading it, or NULL */
	size_t nres, capres;
	struct ck_slot *slots; /* rule -> index, power-of-2 size */
	size_t nslots;
	struct ck_kv *counts, *facts;
	size_t ncounts, capcounts, nfacts, capfacts;
	char quirks[256];
};

struct ck_ctx *ck_ctx_new(const char *name)
{
	struct ck_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->name = strdup(name ? name : "");
	if (!c->name) {
		free(c);
		return NULL;
	}
	return c;
}

void ck_ctx_free(struct ck_ctx *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nres; i++)
		free(c->res[i].kept);
	for (size_t i = 0; i < c->ncounts; i++)
		free(c->counts[i].key);
	for (size_t i = 0; i < c->nfacts; i++) {
		free(c->facts[i].key);
		free(c->facts[i].val);
	}
	free(c->res);
	free(c->sel);
	free(c->quirk_of);
	free(c->slots);
	free(c->counts);
	free(c->facts);
	free(c->name);
	free(c);
}

static size_t slot_hash(const struct ck_rule *r, size_t mask)
{
	uintptr_t p = (uintptr_t)r;

	p ^= p >> 17;
	p *= 0x9e3779b97f4a7c15ull;
	return (size_t)(p >> 20) & mask;
}

static long slot_find(const struct ck_ctx *c, const struct ck_rule *r)
{
	size_t mask = c->nslots - 1;

	if (!c->nslots)
		return -1;
	for (size_t h = slot_hash(r, mask);; h = (h + 1) & mask) {
		if (c->slots[h].rule == r)
			return (long)c->slots[h].idx;
		if (!c->slots[h].rule)
			return -1;
	}
}

static int rehash(struct ck_ctx *c, size_t want)
{
	size_t n = 16;
	struct ck_slot *s;

	while (n < want * 2)
		n *= 2;
	s = calloc(n, sizeof(*s));
	if (!s)
		return -1;
	free(c->slots);
	c->slots = s;
	c->nslots = n;
	for (size_t i = 0; i < c->nres; i++) {
		size_t h = slot_hash(c->res[i].rule, n - 1);

		while (s[h].rule)
			h = (h + 1) & (n - 1);
		s[h].rule = c->res[i].rule;
		s[h].idx = i;
	}
	return 0;
}

static int grow_results(struct ck_ctx *c, size_t want)
{
	size_t cap = c->capres ? c->capres : 32;
	void *p;

	if (want <= c->capres)
		return 0;
	while (cap < want)
		cap *= 2;
	p = realloc(c->res, cap * sizeof(*c->res));
	if (!p)
		return -1;
	c->res = p;
	p = realloc(c->sel, cap * sizeof(*c->sel));
	if (!p)
		return -1;
	c->sel = p;
	p = realloc(c->quirk_of, cap * sizeof(*c->quirk_of));
	if (!p)
		return -1;
	c->quirk_of = p;
	c->capres = cap;
	return 0;
}

int ck_ctx_add_rules(struct ck_ctx *c, const struct ck_rule *rules, size_t n,
		     char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		if (!rules[i].id || !*rules[i].id) {
			snprintf(err, errlen, "a rule has no id");
			return -1;
		}
		if (ck_result(c, rules[i].id)) {
			snprintf(err, errlen, "rule %s registered twice",
				 rules[i].id);
			return -1;
		}
		if (grow_results(c, c->nres + 1) != 0)
			goto oom;
		memset(&c->res[c->nres], 0, sizeof(c->res[0]));
		c->res[c->nres].rule = &rules[i];
		c->sel[c->nres] = true;
		c->quirk_of[c->nres] = NULL;
		c->nres++;
	}
	if (rehash(c, c->nres) != 0)
		goto oom;
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
}

/* Whether id is item or starts with item followed by a dot. */
static bool id_matches(const char *id, const char *item, size_t len)
{
	return !strncmp(id, item, len) && (id[len] == '\0' || id[len] == '.');
}

int ck_ctx_select(struct ck_ctx *c, const char *list, char *err, size_t errlen)
{
	const char *p = list;
	bool first = true;

	if (!list || !*list)
		return 0;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool neg = len && *p == '!';
		size_t hits = 0;

		if (neg) {
			p++;
			len--;
		}
		if (!len) {
			snprintf(err, errlen, "--rules: empty item in \"%s\"",
				 list);
			return -1;
		}
		for (size_t i = 0; first && i < c->nres; i++)
			c->sel[i] = neg;
		first = false;
		for (size_t i = 0; i < c->nres; i++) {
			if (id_matches(c->res[i].rule->id, p, len)) {
				c->sel[i] = !neg;
				hits++;
			}
		}
		if (!hits) {
			snprintf(err, errlen,
				 "--rules: \"%.*s\" matches no rule "
				 "(--list-rules lists them)",
				 (int)len, p);
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static const struct ck_quirk *quirk_find(const struct ck_quirk *q, size_t n,
					 const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(q[i].name) == len && !strncmp(q[i].name, name, len))
			return &q[i];
	return NULL;
}

static void quirk_names(const struct ck_quirk *q, size_t n, char *buf,
			size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
				      q[i].name);
}

static void quirk_apply(struct ck_ctx *c, const struct ck_quirk *q)
{
	for (const char *const *id = q->rules; id && *id; id++)
		for (size_t i = 0; i < c->nres; i++)
			if (!strcmp(c->res[i].rule->id, *id))
				c->quirk_of[i] = q->name;
}

int ck_ctx_quirks(struct ck_ctx *c, const struct ck_quirk *q, size_t n,
		  const char *list, char *err, size_t errlen)
{
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const struct ck_quirk *k = quirk_find(q, n, p, len);
		size_t o = strlen(c->quirks);

		if (!k) {
			char known[512];

			quirk_names(q, n, known, sizeof(known));
			snprintf(err, errlen,
				 "--interop: unknown quirk \"%.*s\" (known: "
				 "%s)",
				 (int)len, p, known);
			return -1;
		}
		quirk_apply(c, k);
		snprintf(c->quirks + o, sizeof(c->quirks) - o, "%s%s",
			 o ? "," : "", k->name);
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

bool ck_enabled(const struct ck_ctx *c, const struct ck_rule *r)
{
	long i = slot_find(c, r);

	return i >= 0 && c->sel[i];
}

void ck_pass(struct ck_ctx *c, const struct ck_rule *r)
{
	long i = slot_find(c, r);

	if (i >= 0 && c->sel[i])
		c->res[i].checked++;
}

static void record(struct ck_ctx *c, long i, uint64_t frame, sim_time_t t,
		   const char *fmt, va_list ap)
{
	struct ck_result *res = &c->res[i];
	struct ck_finding *f;

	res->checked++;
	if (c->quirk_of[i])
		res->noted++;
	else
		res->failed++;
	if (res->nkept >= CK_KEEP_PER_RULE)
		return;
	if (!res->kept) {
		res->kept = calloc(CK_KEEP_PER_RULE, sizeof(*res->kept));
		if (!res->kept)
			return;
	}
	f = &res->kept[res->nkept++];
	f->frame = frame;
	f->t = t;
	f->v = c->quirk_of[i] ? CK_NOTE : CK_FAIL;
	f->quirk = c->quirk_of[i];
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
}

void ck_fail(struct ck_ctx *c, const struct ck_rule *r, uint64_t frame,
	     sim_time_t t, const char *fmt, ...)
{
	long i = slot_find(c, r);
	va_list ap;

	if (i < 0 || !c->sel[i])
		return;
	va_start(ap, fmt);
	record(c, i, frame, t, fmt, ap);
	va_end(ap);
}

bool ck_expect(struct ck_ctx *c, const struct ck_rule *r, bool cond,
	       uint64_t frame, sim_time_t t, const char *fmt, ...)
{
	long i = slot_find(c, r);
	va_list ap;

	if (i < 0 || !c->sel[i])
		return cond;
	if (cond) {
		c->res[i].checked++;
		return true;
	}
	va_start(ap, fmt);
	record(c, i, frame, t, fmt, ap);
	va_end(ap);
	return false;
}

static struct ck_kv *kv_get(struct ck_kv **v, size_t *n, size_t *cap,
			    const char *key, bool find)
{
	struct ck_kv *p;

	for (size_t i = 0; find && i < *n; i++)
		if (!strcmp((*v)[i].key, key))
			return &(*v)[i];
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;

		p = realloc(*v, nc * sizeof(*p));
		if (!p)
			return NULL;
		*v = p;
		*cap = nc;
	}
	p = &(*v)[*n];
	memset(p, 0, sizeof(*p));
	p->key = strdup(key);
	if (!p->key)
		return NULL;
	(*n)++;
	return p;
}

void ck_count(struct ck_ctx *c, const char *what, uint64_t n)
{
	struct ck_kv *kv =
		kv_get(&c->counts, &c->ncounts, &c->capcounts, what, true);

	if (kv)
		kv->n += n;
}

void ck_fact(struct ck_ctx *c, const char *key, const char *fmt, ...)
{
	struct ck_kv *kv =
		kv_get(&c->facts, &c->nfacts, &c->capfacts, key, true);
	char buf[512];
	va_list ap;

	if (!kv)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(kv->val);
	kv->val = strdup(buf);
}

const char *ck_ctx_name(const struct ck_ctx *c)
{
	return c->name;
}

size_t ck_nresults(const struct ck_ctx *c)
{
	return c->nres;
}

const struct ck_result *ck_result_at(const struct ck_ctx *c, size_t i)
{
	return i < c->nres ? &c->res[i] : NULL;
}

const struct ck_result *ck_result(const struct ck_ctx *c, const char *id)
{
	for (size_t i = 0; i < c->nres; i++)
		if (!strcmp(c->res[i].rule->id, id))
			return &c->res[i];
	return NULL;
}

bool ck_result_selected(const struct ck_ctx *c, const struct ck_result *r)
{
	size_t i = (size_t)(r - c->res);

	return i < c->nres && c->sel[i];
}

size_t ck_ncounts(const struct ck_ctx *c)
{
	return c->ncounts;
}

void ck_count_at(const struct ck_ctx *c, size_t i, const char **what,
		 uint64_t *n)
{
	*what = i < c->ncounts ? c->counts[i].key : NULL;
	*n = i < c->ncounts ? c->counts[i].n : 0;
}

size_t ck_nfacts(const struct ck_ctx *c)
{
	return c->nfacts;
}

void ck_fact_at(const struct ck_ctx *c, size_t i, const char **key,
		const char **val)
{
	*key = i < c->nfacts ? c->facts[i].key : NULL;
	*val = i < c->nfacts && c->facts[i].val ? c->facts[i].val : "";
}

const char *ck_ctx_quirk_list(const struct ck_ctx *c)
{
	return c->quirks;
}

void ck_totals(const struct ck_ctx *c, uint64_t *must_failed,
	       uint64_t *should_failed, uint64_t *noted)
{
	uint64_t m = 0, s = 0, n = 0;

	for (size_t i = 0; i < c->nres; i++) {
		if (!c->sel[i])
			continue;
		if (c->res[i].rule->level == CK_MUST)
			m += c->res[i].failed;
		else
			s += c->res[i].failed;
		n += c->res[i].noted;
	}
	if (must_failed)
		*must_failed = m;
	if (should_failed)
		*should_failed = s;
	if (noted)
		*noted = n;
}

int ck_exit_status(const struct ck_ctx *c)
{
	uint64_t m;

	ck_totals(c, &m, NULL, NULL);
	return m ? 1 : 0;
}

const char *ck_level_name(enum ck_level l)
{
	return l == CK_MUST ? "MUST" : "SHOULD";
}
