/*
 * The MLD host (RFC 2710 section 4, RFC 3810 sections 6, 8.2.1 and 9) and
 * the host's checks of received queries, times exact from the host's
 * stream: MLDv1 reports (Hop Limit 1, hop-by-hop Router Alert, link-local
 * source) repeated within 10 s, Done to ff02::2, answers and suppression;
 * MLDv2 state-change and current-state records to ff02::16, the MLDv1
 * compatibility mode and its timeout; queries refused for a source that is
 * not link-local (RFC 3810 5.1.14), a group that is not multicast, or a
 * bad checksum; and tshark decoding every MLD message (skipped without).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unistd.h>

#include "protocols/gmp/gmp_host_testutil.h"
#include "sim/trace/trace_tshark.h"

#define F86 86 /* MLDv1 message or query: 14 + 40 + 8 + 24 */

static const char *const G6 = "ff15::1";

static void listen6(struct ght *x, int h, const char *g,
		    enum node_host_filter mode, const char *src)
{
	struct net_addr ga = node_tw_addr(g), s;

	if (src)
		s = node_tw_addr(src);
	assert_int_equal(node_host_listen(x->h[h], "eth0", 1, &ga, mode, &s,
					  src ? 1 : 0),
			 0);
}

static struct gmp_host_if_info info6(struct ght *x, int h)
{
	struct gmp_host_if_info i;

	assert_int_equal(gmp_host_if_info(x->st[h],
					  node_iface_find(x->h[h], "eth0"),
					  NET_AF_IP6, &i),
			 0);
	return i;
}

static struct ght_pkt nth(struct ght *x, enum gmp_type t, size_t n)
{
	struct ght_pkt p;
	long i = ght_find_type(x, 0, t, n);

	assert_true(i >= 0);
	assert_true(ght_get(x, (size_t)i, &p));
	return p;
}

static void test_mldv1(void **state)
{
	struct ght x;
	struct sim_rng r;
	struct ght_pkt p;
	struct net_ip6 src;
	sim_time_t d, t0;

	(void)state;
	ght_init(&x, 81, 1, NET_AF_IP6, 1);
	r = ght_rng(&x, 0);
	node_tw_run(x.w, SIM_S(1));
	listen6(&x, 0, G6, NODE_HOST_EXCLUDE, NULL);
	node_tw_run(x.w, SIM_S(20));
	d = (sim_time_t)sim_rng_below(&r, SIM_S(10)); /* RFC 2710 7.10 */
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 2);
	p = nth(&x, GMP_T_REPORT_V2, 0);
	assert_int_equal(p.t, SIM_S(1) + ght_transit(&x, F86));
	assert_int_equal(p.len, F86);
	assert_int_equal(p.pi.ttl, 1);
	assert_true(p.pi.router_alert);
	assert_int_equal(p.pi.ra_value, 0);
	src = net_addr_ip6(&p.pi.src);
	assert_true(net_ip6_is_link_local(&src));
	assert_true(net_addr_eq(&p.pi.dst, &p.m->group));
	assert_int_equal(p.m->version, 1);
	assert_int_equal(nth(&x, GMP_T_REPORT_V2, 1).t,
			 SIM_S(1) + d + ght_transit(&x, F86));
	assert_int_equal(node_tw_count(x.w, "H1", "mld", "report"), 2);
	/* general query: answered below Maximum Response Delay */
	ght_clear(&x);
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP6, 1, NULL, SIM_S(2), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, SIM_S(30));
	d = (sim_time_t)sim_rng_below(&r, SIM_S(2));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	assert_int_equal(nth(&x, GMP_T_REPORT_V2, 0).t,
			 t0 + 2 * ght_transit(&x, F86) + d);
	/* Done to ff02::2 from the last reporter */
	ght_clear(&x);
	listen6(&x, 0, G6, NODE_HOST_INCLUDE, NULL);
	node_tw_run(x.w, SIM_S(31));
	p = nth(&x, GMP_T_LEAVE, 0);
	assert_true(net_addr_eq(&p.pi.dst, &gmp_all_routers6));
	assert_int_equal(p.m->version, 1);
	assert_int_equal(info6(&x, 0).tx_leave, 1);
	assert_true(ght_free(&x));
}

static void test_mldv1_suppression(void **state)
{
	struct ght x;

	(void)state;
	ght_init(&x, 83, 2, NET_AF_IP6, 1);
	listen6(&x, 0, G6, NODE_HOST_EXCLUDE, NULL);
	node_tw_run(x.w, SIM_S(20));
	listen6(&x, 1, G6, NODE_HOST_EXCLUDE, NULL);
	node_tw_run(x.w, SIM_S(40));
	ght_clear(&x);
	ght_query(&x, NET_AF_IP6, 1, NULL, SIM_S(10), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, SIM_S(60));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	assert_int_equal(info6(&x, 0).suppressed + info6(&x, 1).suppressed, 1);
	assert_true(ght_free(&x));
}

static void test_mldv2_and_compat(void **state)
{
	struct ght x;
	struct ght_pkt p;
	char s[128];
	sim_time_t t0;

	(void)state;
	ght_init(&x, 85, 1, NET_AF_IP6, 2);
	listen6(&x, 0, G6, NODE_HOST_INCLUDE, "2001:db8:5::1");
	node_tw_run(x.w, SIM_S(3));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V3), 2);
	p = nth(&x, GMP_T_REPORT_V3, 0);
	assert_true(net_addr_eq(&p.pi.dst, &gmp_v2_routers6));
	assert_int_equal(p.m->version, 2);
	assert_int_equal(p.m->rec[0].type, GMP_REC_ALLOW);
	ght_rec_srcs(&x, 0, s, sizeof(s));
	assert_string_equal(s, "2001:db8:5::1");
	assert_int_equal(p.len, 14 + 40 + 8 + 8 + 20 + 16);
	assert_true(p.pi.router_alert);
	assert_int_equal(p.pi.ttl, 1);
	/* MLDv2 general query: IS_IN */
	ght_clear(&x);
	ght_query(&x, NET_AF_IP6, 2, NULL, SIM_S(1), NULL, 0, 2, SIM_S(125),
		  NULL);
	node_tw_run(x.w, SIM_S(5));
	p = nth(&x, GMP_T_REPORT_V3, 0);
	assert_int_equal(p.m->rec[0].type, GMP_REC_IS_IN);
	/* an MLDv1 querier: MLDv1 mode for 2 * 125 s + 1 s (the learned
	 * Query Response Interval), RFC 3810 8.2.1 and 9.12 */
	ght_clear(&x);
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP6, 1, NULL, SIM_S(1), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, SIM_S(10));
	assert_int_equal(info6(&x, 0).compat, 1);
	assert_int_equal(info6(&x, 0).older_until[0],
			 t0 + ght_transit(&x, F86) + SIM_S(251));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	node_tw_run(x.w, t0 + SIM_S(252));
	assert_int_equal(info6(&x, 0).compat, 2);
	assert_int_equal(node_tw_count(x.w, "H1", "mld", "compat"), 2);
	assert_true(ght_free(&x));
}

static void test_query_checks(void **state)
{
	struct ght x;
	struct gmp_msg *m = calloc(1, sizeof(*m));
	struct net_addr s4 = node_tw_addr("10.0.0.254");
	struct net_addr d4 = node_tw_addr("224.0.0.1");
	uint8_t buf[64];
	int len;

	(void)state;
	assert_non_null(m);
	ght_init(&x, 87, 1, NET_AF_IP6, 2);
	node_host_set_gmp_version(x.h[0], NULL, NET_AF_IP4, 2);
	listen6(&x, 0, G6, NODE_HOST_EXCLUDE, NULL);
	node_tw_run(x.w, SIM_S(3));
	ght_clear(&x);
	/* RFC 3810 5.1.14: a query from a global address is ignored */
	ght_query(&x, NET_AF_IP6, 2, NULL, SIM_S(1), NULL, 0, 2, SIM_S(125),
		  "2001:db8::fe");
	node_tw_run(x.w, SIM_S(5));
	assert_int_equal(ght_count(&x), 0);
	assert_int_equal(info6(&x, 0).drops[GMP_HOST_DROP_SRC], 1);
	assert_int_equal(info6(&x, 0).rx_query[2], 0);
	/* IGMP: a query whose group is not multicast, a bad checksum */
	m->af = NET_AF_IP4;
	m->type = GMP_T_QUERY;
	m->version = 2;
	m->max_resp = SIM_S(1);
	m->group = node_tw_addr("10.1.1.1");
	len = gmp_pkt_encode(m, &s4, &d4, buf, sizeof(buf));
	assert_int_equal(len, 8);
	ght_send_raw(&x, "10.0.0.254", "224.0.0.1", buf, (size_t)len);
	buf[2] ^= 0xff;
	ght_send_raw(&x, "10.0.0.254", "224.0.0.1", buf, (size_t)len);
	node_tw_run(x.w, SIM_S(7));
	{
		struct gmp_host_if_info i;

		assert_int_equal(
			gmp_host_if_info(x.st[0],
					 node_iface_find(x.h[0], "eth0"),
					 NET_AF_IP4, &i),
			0);
		assert_int_equal(i.drops[GMP_HOST_DROP_GROUP], 1);
		assert_int_equal(i.drops[GMP_HOST_DROP_MALFORMED], 1);
		assert_string_equal(gmp_host_drop_name(GMP_HOST_DROP_GROUP),
				    "group");
		assert_string_equal(gmp_host_drop_name(GMP_HOST_DROP__COUNT),
				    "unknown");
	}
	assert_int_equal(ght_count(&x), 0);
	free(m);
	assert_true(ght_free(&x));
}

static const char *const mld_fields[] = { "icmpv6.type", "ipv6.hlim" };

struct rows {
	struct ght *x;
	unsigned n;
};

static void check_row(void *arg, unsigned row, const char *const *cols,
		      size_t ncols)
{
	struct rows *w = arg;
	struct ght_pkt p;
	long i = ght_find_type(w->x, 0, GMP_T__COUNT, row);

	assert_int_equal(ncols, 2);
	assert_true(i >= 0);
	assert_true(ght_get(w->x, (size_t)i, &p));
	assert_int_equal(strtoul(cols[0], NULL, 10), p.pi.l4[0]);
	assert_int_equal(strtoul(cols[1], NULL, 10), 1);
	w->n++;
}

/* Every kind of MLD message a host sends, then tshark. */
static void test_wire_tshark(void **state)
{
	char path[512], err[512], prog[4096];
	struct rows w = { 0 };
	struct ght x;
	size_t n;

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	ght_init(&x, 89, 2, NET_AF_NONE, 0);
	node_host_set_gmp_version(x.h[0], NULL, NET_AF_IP6, 1);
	node_host_set_gmp_version(x.h[1], NULL, NET_AF_IP6, 2);
	listen6(&x, 0, "ff15::2", NODE_HOST_EXCLUDE, NULL);
	listen6(&x, 1, G6, NODE_HOST_INCLUDE, "2001:db8:5::1");
	listen6(&x, 1, "ff15::3", NODE_HOST_EXCLUDE, "2001:db8:5::2");
	node_tw_run(x.w, SIM_S(1));
	ght_query(&x, NET_AF_IP6, 2, NULL, SIM_S(2), NULL, 0, 2, SIM_S(125),
		  NULL);
	node_tw_run(x.w, SIM_S(20));
	listen6(&x, 0, "ff15::2", NODE_HOST_INCLUDE, NULL);
	listen6(&x, 1, G6, NODE_HOST_INCLUDE, NULL);
	node_tw_run(x.w, SIM_S(40));
	n = ght_count_type(&x, 0, GMP_T__COUNT);
	assert_true(ght_count_type(&x, 0, GMP_T_REPORT_V2) > 0);
	assert_true(ght_count_type(&x, 0, GMP_T_REPORT_V3) > 0);
	assert_true(ght_count_type(&x, 0, GMP_T_LEAVE) > 0);
	if (ght_wire_tshark(&x, FAILSIM_BINARY_DIR, "gmp_host_mld_wire", path,
			    sizeof(path), err, sizeof(err)) != 0)
		fail_msg("%s", err);
	w.x = &x;
	if (trace_tshark_fields(path, "icmpv6", mld_fields, 2, check_row, &w,
				err, sizeof(err)) != TRACE_TSHARK_OK)
		fail_msg("tshark fields: %s", err);
	assert_int_equal(w.n, n);
	unlink(path);
	assert_true(ght_free(&x));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mldv1),
		cmocka_unit_test(test_mldv1_suppression),
		cmocka_unit_test(test_mldv2_and_compat),
		cmocka_unit_test(test_query_checks),
		cmocka_unit_test(test_wire_tshark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
