/*
 * Test helpers of the gmp and pim rule modules (ck_r_gmp_testutil.h).
 * No RFC is implemented here.
 */
#include "conformance/check/ck_r_gmp_testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/net/net_build.h"

static const char *const q_ra[] = { "igmp.router-alert", "mld.router-alert",
				    NULL };
static const char *const q_reg[] = { "pim.register.csum-header", NULL };
static const struct ck_quirk ckrt_quirks[] = {
	{ "igmp-no-router-alert", "no Router Alert", q_ra },
	{ "pim-register-full-csum", "Register checksum over all", q_reg },
};

static const struct net_mac mac_src = { { 0x02, 0, 0, 0, 0, 0x01 } };
static const struct net_mac mac_dst = { { 0x01, 0, 0x5e, 0, 0, 0x01 } };

void ckrt_open(struct ckrt *r, const struct ck_proto *p, const char *quirks)
{
	char err[256];
	int e = 0;

	memset(r, 0, sizeof(*r));
	r->proto = p;
	r->c = ck_ctx_new(p->name);
	assert_non_null(r->c);
	if (ck_ctx_add_rules(r->c, p->rules, p->nrules, err, sizeof(err)))
		fail_msg("add rules: %s", err);
	if (quirks &&
	    ck_ctx_quirks(r->c, ckrt_quirks, 2, quirks, err, sizeof(err)))
		fail_msg("quirks: %s", err);
	r->st = p->open(r->c, &e);
	assert_int_equal(e, 0);
	assert_non_null(r->st);
	r->open = true;
}

void ckrt_finish(struct ckrt *r)
{
	if (!r->open)
		return;
	r->proto->close(r->c, r->st);
	r->st = NULL;
	r->open = false;
}

void ckrt_free(struct ckrt *r)
{
	ckrt_finish(r);
	ck_ctx_free(r->c);
	r->c = NULL;
}

void ckrt_frame(struct ckrt *r, sim_time_t t, const uint8_t *b, size_t len)
{
	struct ck_frame f;

	memset(&f, 0, sizeof(f));
	f.no = ++r->no;
	f.t = t;
	f.data = b;
	f.caplen = len;
	f.wirelen = len;
	f.dlt = 1; /* DLT_EN10MB */
	net_dissect(b, len, &f.pi);
	f.has_eth = net_pkt_has(&f.pi, NET_LAYER_ETH);
	if (f.has_eth) {
		f.has_l2src = true;
		f.l2src = f.pi.eth.src;
	}
	f.link = r->link;
	r->proto->frame(r->c, r->st, &f);
}

struct net_addr ckrt_addr(const char *s)
{
	struct net_addr a;

	if (net_addr_parse(s, &a) != 0)
		fail_msg("bad address %s", s);
	return a;
}

size_t ckrt_ip4(uint8_t *buf, size_t cap, const char *src, const char *dst,
		uint8_t ttl, bool ra, uint8_t proto, const void *pl, size_t n)
{
	struct net_ip4_params p;
	struct net_addr s = ckrt_addr(src), d = ckrt_addr(dst);
	struct net_wr w;
	int len;

	memset(&p, 0, sizeof(p));
	p.l2.src = mac_src;
	p.l2.dst = mac_dst;
	p.src = net_addr_ip4(&s);
	p.dst = net_addr_ip4(&d);
	p.ttl = ttl;
	p.router_alert = ra;
	net_wr_init(&w, buf, cap);
	len = net_build_ip4(&w, &p, proto, pl, n);
	assert_true(len > 0);
	return (size_t)len;
}

size_t ckrt_ip6(uint8_t *buf, size_t cap, const char *src, const char *dst,
		uint8_t hop_limit, bool ra, uint8_t nh, const void *pl,
		size_t n)
{
	struct net_ip6_params p;
	struct net_addr s = ckrt_addr(src), d = ckrt_addr(dst);
	struct net_wr w;
	int len;

	memset(&p, 0, sizeof(p));
	p.l2.src = mac_src;
	p.l2.dst = mac_dst;
	p.src = net_addr_ip6(&s);
	p.dst = net_addr_ip6(&d);
	p.hop_limit = hop_limit;
	p.router_alert = ra;
	net_wr_init(&w, buf, cap);
	len = net_build_ip6(&w, &p, nh, pl, n);
	assert_true(len > 0);
	return (size_t)len;
}

static const struct ck_result *res(const struct ckrt *r, const char *id)
{
	const struct ck_result *x = ck_result(r->c, id);

	if (!x)
		fail_msg("no rule %s", id);
	return x;
}

uint64_t ckrt_checked(const struct ckrt *r, const char *id)
{
	return res(r, id)->checked;
}

uint64_t ckrt_failed(const struct ckrt *r, const char *id)
{
	return res(r, id)->failed;
}

uint64_t ckrt_noted(const struct ckrt *r, const char *id)
{
	return res(r, id)->noted;
}

const char *ckrt_detail(const struct ckrt *r, const char *id)
{
	const struct ck_result *x = res(r, id);

	return x->nkept ? x->kept[0].detail : "";
}

uint64_t ckrt_fails(const struct ckrt *r)
{
	uint64_t must, should, noted;

	ck_totals(r->c, &must, &should, &noted);
	return must + should;
}

void ckrt_dump(const struct ckrt *r, const char *title)
{
	for (size_t i = 0; i < ck_nresults(r->c); i++) {
		const struct ck_result *x = ck_result_at(r->c, i);

		if (!x->failed && !x->noted)
			continue;
		printf("%s: %s failed %llu noted %llu of %llu: %s\n", title,
		       x->rule->id, (unsigned long long)x->failed,
		       (unsigned long long)x->noted,
		       (unsigned long long)x->checked,
		       x->nkept ? x->kept[0].detail : "");
	}
}

static uint64_t rnd(uint64_t *seed)
{
	*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
	return *seed >> 17;
}

static uint64_t total_checked(const struct ckrt *r)
{
	uint64_t n = 0;

	for (size_t i = 0; i < ck_nresults(r->c); i++)
		n += ck_result_at(r->c, i)->checked;
	return n;
}

/* One mutated copy of frame f (pi: its dissection) fed to r. */
static void fuzz_one(struct ckrt *r, uint64_t *seed, sim_time_t t,
		     const uint8_t *f, size_t len,
		     const struct net_pkt_info *pi, ckrt_fix_fn fix)
{
	size_t off = pi->l4 ? (size_t)(pi->l4 - f) : 0;
	bool l4_only = pi->l4 && pi->l4_len > 0 && rnd(seed) % 4 != 0;
	unsigned nflip = 1 + (unsigned)(rnd(seed) % 4);
	uint8_t *b;

	if (!l4_only && len > 0 && rnd(seed) % 3 == 0)
		len = (size_t)(rnd(seed) % len);
	b = malloc(len ? len : 1);
	assert_non_null(b);
	memcpy(b, f, len);
	for (unsigned j = 0; len && j < nflip; j++) {
		size_t at = l4_only ? off + (size_t)(rnd(seed) % pi->l4_len)
				    : (size_t)(rnd(seed) % len);

		b[at] = (uint8_t)rnd(seed);
	}
	if (l4_only && fix)
		fix(b + off, pi->l4_len, pi);
	ckrt_frame(r, t, b, len);
	free(b);
}

uint64_t ckrt_fuzz(const struct ck_proto *p, const uint8_t *const *frames,
		   const size_t *lens, size_t n, unsigned rounds,
		   ckrt_fix_fn fix)
{
	struct net_pkt_info *pi = calloc(n, sizeof(*pi));
	uint64_t seed = 0x9e3779b97f4a7c15ull, checked = 0;
	sim_time_t t = SIM_S(1700000000);
	struct ckrt r;

	assert_non_null(pi);
	for (size_t k = 0; k < n; k++)
		net_dissect(frames[k], lens[k], &pi[k]);
	ckrt_open(&r, p, NULL);
	for (unsigned i = 0; i < rounds; i++) {
		size_t k = (size_t)(rnd(&seed) % n);

		t += (sim_time_t)(rnd(&seed) % 3000) * SIM_MS(1);
		if (rnd(&seed) % 50 == 0)
			t -= SIM_S(1000);
		r.link = (uint32_t)(rnd(&seed) % 3);
		fuzz_one(&r, &seed, t, frames[k], lens[k], &pi[k], fix);
		if (i % 1000 == 999) {
			checked += total_checked(&r);
			ckrt_free(&r);
			ckrt_open(&r, p, NULL);
		}
	}
	checked += total_checked(&r);
	ckrt_free(&r);
	free(pi);
	return checked;
}
