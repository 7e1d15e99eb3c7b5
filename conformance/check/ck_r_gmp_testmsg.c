/*
 * Group membership test messages (ck_r_gmp_testmsg.h). No RFC is
 * implemented here: the encoder is the simulator's.
 */
#include "conformance/check/ck_r_gmp_testmsg.h"

#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

#include <cmocka.h>

static void clear(struct gmp_msg *m, enum net_af af, enum gmp_type t)
{
	memset(m, 0, offsetof(struct gmp_msg, rec));
	m->af = af;
	m->type = t;
}

void gmt_query(struct gmp_msg *m, enum net_af af, uint8_t v, const char *group,
	       sim_time_t mrt, uint8_t qrv, sim_time_t qqi)
{
	clear(m, af, GMP_T_QUERY);
	m->version = v;
	m->max_resp = mrt;
	if (group) {
		m->group = ckrt_addr(group);
	} else {
		memset(&m->group, 0, sizeof(m->group));
		m->group.af = (uint8_t)af;
	}
	m->qrv = qrv;
	m->qqi = qqi;
}

void gmt_report(struct gmp_msg *m, enum net_af af, enum gmp_type t,
		const char *group)
{
	clear(m, af, t);
	m->version = t == GMP_T_REPORT_V1 || af == NET_AF_IP6 ? 1 : 2;
	m->group = ckrt_addr(group);
}

void gmt_report3(struct gmp_msg *m, enum net_af af, const uint8_t *types,
		 const char *const *groups, size_t n)
{
	clear(m, af, GMP_T_REPORT_V3);
	m->version = af == NET_AF_IP6 ? 2 : 3;
	assert_true(n <= GMP_MAX_RECORDS);
	m->nrec = (uint16_t)n;
	for (size_t i = 0; i < n; i++) {
		memset(&m->rec[i], 0, sizeof(m->rec[i]));
		m->rec[i].type = types[i];
		m->rec[i].group = ckrt_addr(groups[i]);
	}
}

size_t gmt_frame(uint8_t *buf, size_t cap, const struct gmp_msg *m,
		 const char *src, const char *dst, uint8_t ttl, bool ra)
{
	uint8_t pl[2048];
	struct net_addr s = ckrt_addr(src), d = ckrt_addr(dst);
	int n = gmp_pkt_encode(m, &s, &d, pl, sizeof(pl));

	assert_true(n > 0);
	if (m->af == NET_AF_IP4)
		return ckrt_ip4(buf, cap, src, dst, ttl, ra, GMP_IGMP_PROTO, pl,
				(size_t)n);
	return ckrt_ip6(buf, cap, src, dst, ttl, ra, 58, pl, (size_t)n);
}

void gmt_send(struct ckrt *r, sim_time_t t, const struct gmp_msg *m,
	      const char *src, const char *dst, uint8_t ttl, bool ra)
{
	uint8_t b[CKRT_FRAME_MAX];
	size_t n = gmt_frame(b, sizeof(b), m, src, dst, ttl, ra);

	ckrt_frame(r, t, b, n);
}
