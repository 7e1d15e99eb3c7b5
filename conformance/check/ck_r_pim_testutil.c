/*
 * PIM test messages (ck_r_pim_testutil.h). No RFC is implemented here:
 * the encoder is the simulator's.
 */
#include "conformance/check/ck_r_pim_testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

#include <cmocka.h>

static void clear(struct pim_msg *m, enum net_af af, enum pim_type t)
{
	memset(m, 0, sizeof(*m));
	m->af = af;
	m->type = t;
}

static uint8_t full_mask(enum net_af af)
{
	return af == NET_AF_IP6 ? 128 : 32;
}

void pmt_hello(struct pim_msg *m, enum net_af af, sim_time_t holdtime,
	       uint32_t genid)
{
	clear(m, af, PIM_T_HELLO);
	if (holdtime >= 0) {
		m->hello.has_holdtime = true;
		m->hello.holdtime = holdtime;
		m->hello.holdtime_forever = holdtime == SIM_S(0xffff);
	}
	if (genid) {
		m->hello.has_genid = true;
		m->hello.genid = genid;
	}
	m->hello.has_dr_priority = true;
	m->hello.dr_priority = 1;
}

void pmt_jp(struct pim_msg *m, enum net_af af, const char *upstream,
	    sim_time_t holdtime, const char *group, const char *source,
	    bool join, bool wc)
{
	struct pim_jp_group *g;
	struct pim_esrc *s;

	clear(m, af, PIM_T_JOIN_PRUNE);
	m->jp.upstream = ckrt_addr(upstream);
	m->jp.holdtime = holdtime;
	m->jp.ngroups = 1;
	g = &m->jp.groups[0];
	g->group.addr = ckrt_addr(group);
	g->group.mask_len = full_mask(af);
	g->njoin = join ? 1 : 0;
	g->nprune = join ? 0 : 1;
	g->src0 = 0;
	s = &m->jp.srcs[0];
	s->addr = ckrt_addr(source);
	s->mask_len = full_mask(af);
	s->s_bit = true;
	s->w_bit = wc;
	s->r_bit = wc;
	m->jp.nsrcs = 1;
}

void pmt_assert(struct pim_msg *m, enum net_af af, const char *group,
		const char *source, bool rpt, uint32_t pref, uint32_t metric)
{
	clear(m, af, PIM_T_ASSERT);
	m->assert.group.addr = ckrt_addr(group);
	m->assert.group.mask_len = full_mask(af);
	m->assert.source = ckrt_addr(source);
	m->assert.rpt_bit = rpt;
	m->assert.metric_pref = pref;
	m->assert.metric = metric;
}

void pmt_register(struct pim_msg *m, enum net_af af, const uint8_t *data,
		  size_t n)
{
	clear(m, af, PIM_T_REGISTER);
	m->reg.inner = data;
	m->reg.inner_len = n;
}

static size_t frame_of(uint8_t *buf, size_t cap, enum net_af af,
		       const char *src, const char *dst, uint8_t ttl,
		       const uint8_t *pl, size_t n)
{
	if (af == NET_AF_IP4)
		return ckrt_ip4(buf, cap, src, dst, ttl, false, PIM_PROTO, pl,
				n);
	return ckrt_ip6(buf, cap, src, dst, ttl, false, PIM_PROTO, pl, n);
}

size_t pmt_frame(uint8_t *buf, size_t cap, const struct pim_msg *m,
		 const char *src, const char *dst, uint8_t ttl)
{
	static uint8_t pl[CKRT_FRAME_MAX];
	struct net_addr s = ckrt_addr(src), d = ckrt_addr(dst);
	int n = pim_pkt_encode(m, &s, &d, pl, sizeof(pl));

	assert_true(n > 0);
	return frame_of(buf, cap, m->af, src, dst, ttl, pl, (size_t)n);
}

void pmt_send(struct ckrt *r, sim_time_t t, const struct pim_msg *m,
	      const char *src, const char *dst, uint8_t ttl)
{
	static uint8_t b[CKRT_FRAME_MAX];
	size_t n = pmt_frame(b, sizeof(b), m, src, dst, ttl);

	ckrt_frame(r, t, b, n);
}

size_t pmt_raw(uint8_t *buf, size_t cap, enum net_af af, uint8_t *pim, size_t n,
	       const char *src, const char *dst, bool fix)
{
	if (fix) {
		struct net_addr s = ckrt_addr(src), d = ckrt_addr(dst);

		assert_int_equal(pim_pkt_set_checksum(af, pim, n, &s, &d), 0);
	}
	return frame_of(buf, cap, af, src, dst, 1, pim, n);
}
