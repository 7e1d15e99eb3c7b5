/*
 * IGMP and MLD on routers: what a router accepts. Every receive rule of
 * gmp_router.c (TTL / Hop Limit 1, Router Alert where RFC 3376 sections
 * 4 and 9.1 and RFC 3810 section 5 ask for it, RFC 3376 4.2.13 sources,
 * RFC 3810 5.1.14 / 5.2.13 link-local sources, destinations of RFC 3376
 * 4.1.12 / 4.2.14 and RFC 3810 5.1.15 / 5.2.14, link-scope groups) is one
 * row of a table of injected frames with the drop reason it must count,
 * and the exceptions the RFCs make (0.0.0.0 and :: report sources, v1/v2
 * reports to the router's own address without Router Alert) are rows that
 * must create the group. Also: our own queries heard back, membership
 * watchers and the RBS import wrappers, following address changes and
 * interface state, IGMPv3 compatibility with a v2 host (RFC 3376 7.3.2),
 * and tshark decoding our queries with no malformed frame and no bad
 * checksum.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_router_test.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_tshark.h"

struct rx_case {
	const char *name;
	enum net_af af;
	enum gmp_type type;
	uint8_t version;
	const char *group; /* the message's group ("" none) */
	const char *rec;   /* v3 reports: the record's group */
	struct gt_ip ip;
	int drop; /* enum gmp_drop counted, -1: none */
};

#define IP4 NET_AF_IP4
#define IP6 NET_AF_IP6
#define H   "10.0.1.10"
#define HL  "fe80::10"

/* One row: name, family, type, version, group, v3 record group, source,
 * destination, what is counted, then gt_ip options. */
#define ROW(n, af, t, v, g, rec, src, dst, drop, ...)                          \
	{                                                                      \
		n, af, t, v, g, rec, { src, dst, __VA_ARGS__ }, drop           \
	}

static const struct rx_case drop_cases[] = {
	ROW("ttl-2", IP4, GMP_T_REPORT_V2, 2, GT_GROUP, NULL, H, GT_GROUP,
	    GMP_DROP_TTL, .ttl = 2),
	ROW("v3-report-no-ra", IP4, GMP_T_REPORT_V3, 3, "", GT_GROUP, H,
	    "224.0.0.22", GMP_DROP_NO_RA, .no_ra = true),
	ROW("v2-query-no-ra", IP4, GMP_T_QUERY, 2, "", NULL, "10.0.1.5",
	    "224.0.0.1", GMP_DROP_NO_RA, .no_ra = true),
	ROW("bad-checksum", IP4, GMP_T_REPORT_V2, 2, GT_GROUP, NULL, H,
	    GT_GROUP, GMP_DROP_MALFORMED, .bad_csum = true),
	ROW("foreign-source", IP4, GMP_T_REPORT_V2, 2, GT_GROUP, NULL,
	    "10.9.9.9", GT_GROUP, GMP_DROP_SRC),
	ROW("query-from-zero", IP4, GMP_T_QUERY, 2, "", NULL, "0.0.0.0",
	    "224.0.0.1", GMP_DROP_SRC),
	ROW("leave-from-zero", IP4, GMP_T_LEAVE, 2, GT_GROUP, NULL, "0.0.0.0",
	    "224.0.0.2", GMP_DROP_SRC),
	ROW("link-scope-group", IP4, GMP_T_REPORT_V2, 2, "224.0.0.5", NULL, H,
	    "224.0.0.5", GMP_DROP_GROUP),
	ROW("v3-link-scope-record", IP4, GMP_T_REPORT_V3, 3, "", "224.0.0.9", H,
	    "224.0.0.22", GMP_DROP_GROUP),
	ROW("unicast-group", IP4, GMP_T_REPORT_V2, 2, "10.1.1.1", NULL, H,
	    "10.0.1.1", GMP_DROP_GROUP),
	ROW("leave-to-all-hosts", IP4, GMP_T_LEAVE, 2, GT_GROUP, NULL, H,
	    "224.0.0.1", GMP_DROP_DST),
	ROW("v2-report-to-all-routers", IP4, GMP_T_REPORT_V2, 2, "239.2.0.4",
	    NULL, H, "224.0.0.2", GMP_DROP_DST),
	ROW("general-query-to-group", IP4, GMP_T_QUERY, 2, "", NULL, "10.0.1.5",
	    GT_GROUP, GMP_DROP_DST),
	ROW("v3-to-all-hosts", IP4, GMP_T_REPORT_V3, 3, "", GT_GROUP, H,
	    "224.0.0.1", GMP_DROP_DST),
	ROW("v2-report-other-group", IP4, GMP_T_REPORT_V2, 2, GT_GROUP, NULL, H,
	    "239.1.1.2", GMP_DROP_DST),
	ROW("mld-global-source", IP6, GMP_T_REPORT_V3, 2, "", "ff0e::1",
	    "2001:db8::5", "ff02::16", GMP_DROP_SRC),
	ROW("mld-no-ra", IP6, GMP_T_REPORT_V3, 2, "", "ff0e::1", HL, "ff02::16",
	    GMP_DROP_NO_RA, .no_ra = true),
	ROW("mld-v1-no-ra", IP6, GMP_T_REPORT_V2, 1, "ff02::fb", NULL, HL,
	    "ff02::fb", GMP_DROP_NO_RA, .no_ra = true),
	ROW("mld-hop-limit-255", IP6, GMP_T_REPORT_V2, 1, "ff0e::1", NULL, HL,
	    "ff0e::1", GMP_DROP_TTL, .ttl = 255),
	ROW("mld-link-scope", IP6, GMP_T_REPORT_V2, 1, "ff02::fb", NULL, HL,
	    "ff02::fb", GMP_DROP_GROUP),
	ROW("mld-done-from-unspecified", IP6, GMP_T_LEAVE, 1, "ff0e::1", NULL,
	    "::", "ff02::2", GMP_DROP_SRC),
	/* RFC 3810 5.2.13: "A Report sent with the unspecified address is
	 * also discarded by the router." */
	ROW("mld-v2-report-from-unspecified", IP6, GMP_T_REPORT_V3, 2, "",
	    "ff0e::2:3", "::", "ff02::16", GMP_DROP_SRC),
	ROW("mld-v1-report-from-unspecified", IP6, GMP_T_REPORT_V2, 1,
	    "ff0e::2:3", NULL, "::", "ff0e::2:3", GMP_DROP_SRC),
	ROW("mld-query-global-source", IP6, GMP_T_QUERY, 2, "", NULL,
	    "2001:db8::5", "ff02::1", GMP_DROP_SRC),
	ROW("mld-v2-report-to-all-nodes", IP6, GMP_T_REPORT_V3, 2, "",
	    "ff0e::1", HL, "ff02::1", GMP_DROP_DST),
	/* The router drops an ICMPv6 checksum error before any protocol
	 * handler sees it (sim/router/router_cp.c): nothing is counted. */
	ROW("mld-bad-checksum", IP6, GMP_T_REPORT_V3, 2, "", "ff0e::1", HL,
	    "ff02::16", -1, .bad_csum = true),
};

static void build(struct gt *x, const struct rx_case *c)
{
	struct gmp_msg *m = gt_msg(x, c->af, c->type, c->version, c->group);

	if (c->type == GMP_T_QUERY)
		m->max_resp = c->version == 1 && c->af == IP4 ? 0 : SIM_S(10);
	if (c->rec)
		gt_rec(x, GMP_REC_IS_EX, c->rec, NULL);
}

void gt_test_drops(void **state)
{
	struct gt x;
	struct gmp_if_info b, a;
	struct node_iface *lan;

	(void)state;
	gt_init(&x, "");
	lan = node_iface_find(router_node(x.r), GT_LAN);
	for (size_t i = 0; i < sizeof(drop_cases) / sizeof(drop_cases[0]);
	     i++) {
		const struct rx_case *c = &drop_cases[i];
		struct gt_ip ip = c->ip;

		if (!strcmp(ip.dst, "10.0.1.1"))
			ip.l2dst = &lan->mac;
		gt_info(x.r, GT_LAN, c->af, &b);
		build(&x, c);
		gt_send(x.h1, x.m, &ip);
		node_tw_run_for(x.t.w, SIM_MS(1));
		gt_info(x.r, GT_LAN, c->af, &a);
		for (int d = 0; d < GMP_DROP__COUNT; d++) {
			uint64_t want = b.drops[d] + (d == c->drop);

			if (a.drops[d] != want)
				fail_msg("%s: %s counted %llu, want %llu",
					 c->name, gmp_drop_name(d),
					 (unsigned long long)a.drops[d],
					 (unsigned long long)want);
		}
		if (a.ngroups != 0 || a.rx_query != b.rx_query)
			fail_msg("%s: reached the core", c->name);
	}
	gt_fini(&x);
}

static const struct rx_case accept_cases[] = {
	/* RFC 3376 4.2.14: any address of the interface; a packet to the
	 * router's own address reaches the CPU without Router Alert. */
	ROW("v2-report-to-router-no-ra", IP4, GMP_T_REPORT_V2, 2, "239.2.0.1",
	    NULL, H, "10.0.1.1", -1, .no_ra = true),
	ROW("v1-report", IP4, GMP_T_REPORT_V1, 1, "239.2.0.2", NULL, H,
	    "239.2.0.2", -1),
	/* RFC 1112 has no Router Alert; RFC 2236 section 2 sends it but
	 * gives routers no rule to refuse reports without it (the ASIC
	 * traps IGMP whatever its options). */
	ROW("v1-report-no-ra", IP4, GMP_T_REPORT_V1, 1, "239.2.0.6", NULL, H,
	    "239.2.0.6", -1, .no_ra = true),
	ROW("v2-report-no-ra", IP4, GMP_T_REPORT_V2, 2, "239.2.0.7", NULL, H,
	    "239.2.0.7", -1, .no_ra = true),
	/* RFC 3376 4.2.13: MUST accept 0.0.0.0. */
	ROW("v3-report-from-zero", IP4, GMP_T_REPORT_V3, 3, "", "239.2.0.3",
	    "0.0.0.0", "224.0.0.22", -1),
	ROW("mld-v1-report", IP6, GMP_T_REPORT_V2, 1, "ff0e::2:4", NULL, HL,
	    "ff0e::2:4", -1),
};

void gt_test_accepts(void **state)
{
	struct gt x;
	struct node_iface *lan;
	struct gmp_if_info in;
	uint64_t group_drops;

	(void)state;
	gt_init(&x, " igmp version 3\n");
	lan = node_iface_find(router_node(x.r), GT_LAN);
	for (size_t i = 0; i < sizeof(accept_cases) / sizeof(accept_cases[0]);
	     i++) {
		const struct rx_case *c = &accept_cases[i];
		struct gt_ip ip = c->ip;

		build(&x, c);
		if (!strcmp(ip.dst, "10.0.1.1"))
			ip.l2dst = &lan->mac;
		gt_send(x.h1, x.m, &ip);
		node_tw_run_for(x.t.w, SIM_MS(1));
		if (!gt_has_group(x.r, GT_LAN, c->rec ? c->rec : c->group))
			fail_msg("%s: no group", c->name);
	}
	/* A v3 report keeps its routable records, ignoring link-scope
	 * ones. */
	gt_info(x.r, GT_LAN, IP4, &in);
	gt_msg(&x, IP4, GMP_T_REPORT_V3, 3, "");
	gt_rec(&x, GMP_REC_IS_EX, "224.0.0.9", NULL);
	gt_rec(&x, GMP_REC_IS_EX, "239.2.0.5", NULL);
	gt_send(x.h1, x.m, &(struct gt_ip){ H, "224.0.0.22" });
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_true(gt_has_group(x.r, GT_LAN, "239.2.0.5"));
	assert_false(gt_has_group(x.r, GT_LAN, "224.0.0.9"));
	group_drops = in.drops[GMP_DROP_GROUP];
	gt_info(x.r, GT_LAN, IP4, &in);
	assert_int_equal(in.drops[GMP_DROP_GROUP], group_drops);
	assert_int_equal(in.ngroups, 6);
	assert_int_equal(in.rx_report[3], 2);
	/* A leave sent to the group (as older hosts do) is a leave. */
	gt_leave(&x, IP4, H, "239.2.0.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	gt_info(x.r, GT_LAN, IP4, &in);
	assert_int_equal(in.rx_leave, 1);
	assert_int_equal(in.tx_group, 1);
	gt_msg(&x, IP4, GMP_T_LEAVE, 2, "239.2.0.5");
	gt_send(x.h1, x.m, &(struct gt_ip){ H, "239.2.0.5" });
	node_tw_run_for(x.t.w, SIM_MS(1));
	gt_info(x.r, GT_LAN, IP4, &in);
	assert_int_equal(in.rx_leave, 2);
	assert_int_equal(in.tx_group, 2); /* TO_IN({}): queried too */
	gt_fini(&x);
}

/* Our own queries heard back (a looped LAN) change nothing and count no
 * query; a query from a higher address keeps us querier. */
void gt_test_own_query(void **state)
{
	struct gt x;
	struct gmp_if_info b, a;
	const struct node_addr6 *ll;
	char own6[NET_ADDR_STRLEN];
	struct net_addr l;

	(void)state;
	gt_init(&x, "");
	ll = node_iface_link_local(node_iface_find(router_node(x.r), GT_LAN));
	l = net_addr_from_ip6(&ll->addr);
	net_addr_fmt(&l, own6, sizeof(own6));
	gt_info(x.r, GT_LAN, IP4, &b);
	build(&x, &(struct rx_case){ .af = IP4,
				     .type = GMP_T_QUERY,
				     .version = 2,
				     .group = "" });
	gt_send(x.h1, x.m, &(struct gt_ip){ "10.0.1.1", "224.0.0.1" });
	node_tw_run_for(x.t.w, SIM_MS(1));
	gt_info(x.r, GT_LAN, IP4, &a);
	assert_int_equal(a.rx_query, b.rx_query);
	assert_int_equal(a.qstate, GMP_QUERIER);
	gt_send(x.h1, x.m, &(struct gt_ip){ "10.0.1.9", "224.0.0.1" });
	node_tw_run_for(x.t.w, SIM_MS(1));
	gt_info(x.r, GT_LAN, IP4, &a);
	assert_int_equal(a.rx_query, b.rx_query + 1);
	assert_int_equal(a.qstate, GMP_QUERIER);
	gt_info(x.r, GT_LAN, IP6, &b);
	build(&x, &(struct rx_case){ .af = IP6,
				     .type = GMP_T_QUERY,
				     .version = 2,
				     .group = "" });
	gt_send(x.h1, x.m, &(struct gt_ip){ own6, "ff02::1" });
	node_tw_run_for(x.t.w, SIM_MS(1));
	gt_info(x.r, GT_LAN, IP6, &a);
	assert_int_equal(a.rx_query, b.rx_query);
	assert_int_equal(a.qstate, GMP_QUERIER);
	assert_string_equal(
		strstr(rtest_cli(&x.t, x.r, "display igmp interface", NULL),
		       "   Ignored:"),
		"   Ignored: v3 records 0, own queries 1\n"
		"  Total 0 IGMP Groups reported\n");
	gt_fini(&x);
}

/* ---- watchers ---- */

#define MAX_EV 32

struct ev {
	char group[NET_ADDR_STRLEN];
	enum net_af src_af;
	enum gmp_mode mode;
	enum gmp_change change;
	const struct gmp_if *gi;
};

struct evlog {
	struct ev v[MAX_EV];
	size_t n;
};

static void watch_fn(void *arg, struct gmp_if *gi, const struct net_addr *g,
		     const struct net_addr *src, enum gmp_mode mode,
		     enum gmp_change change)
{
	struct evlog *l = arg;
	struct ev *e;

	assert_true(l->n < MAX_EV);
	e = &l->v[l->n++];
	net_addr_fmt(g, e->group, sizeof(e->group));
	e->src_af = (enum net_af)src->af;
	e->mode = mode;
	e->change = change;
	e->gi = gi;
}

static void other_fn(void *arg, struct gmp_if *gi, const struct net_addr *g,
		     const struct net_addr *src, enum gmp_mode mode,
		     enum gmp_change change)
{
	(void)arg;
	(void)gi;
	(void)g;
	(void)src;
	(void)mode;
	(void)change;
}

/*
 * A watcher learns the records that exist when it starts (ADDED), then
 * every change on any interface and family, until it stops; the gmp_if
 * it is handed leads back to its interface. At most
 * GMP_ROUTER_MAX_WATCH watchers.
 */
void gt_test_watch(void **state)
{
	struct gt x;
	struct evlog l = { 0 };
	struct node_iface *lan;
	int extra[GMP_ROUTER_MAX_WATCH];

	(void)state;
	gt_init(&x, "");
	lan = node_iface_find(router_node(x.r), GT_LAN);
	gt_report(&x, IP4, 2, H, GT_GROUP);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gmp_router_watch(x.r, watch_fn, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].group, GT_GROUP);
	assert_int_equal(l.v[0].src_af, NET_AF_NONE);
	assert_int_equal(l.v[0].mode, GMP_EXCLUDE); /* a v2 join */
	assert_int_equal(l.v[0].change, GMP_ADDED);
	assert_ptr_equal(gmp_router_ifp(x.r, l.v[0].gi), lan);
	assert_ptr_equal(l.v[0].gi, gmp_router_if(x.r, lan, IP4));
	gt_report(&x, IP6, 1, HL, "ff0e::5");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].group, "ff0e::5");
	assert_int_equal(l.v[1].change, GMP_ADDED);
	assert_ptr_equal(l.v[1].gi, gmp_router_if(x.r, lan, IP6));
	gt_leave(&x, IP4, H, GT_GROUP);
	node_tw_run_for(x.t.w, SIM_S(3));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2].group, GT_GROUP);
	assert_int_equal(l.v[2].change, GMP_REMOVED);
	/* The slots: 15 more fit, the 17th does not. */
	for (int i = 1; i < GMP_ROUTER_MAX_WATCH; i++)
		extra[i] = gmp_router_watch(x.r, other_fn, &extra[i]);
	for (int i = 1; i < GMP_ROUTER_MAX_WATCH; i++)
		assert_int_equal(extra[i], 0);
	assert_int_equal(gmp_router_watch(x.r, other_fn, &extra[0]), -1);
	gmp_router_unwatch(x.r, watch_fn, &l);
	gt_report(&x, IP4, 2, H, "239.9.9.9");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(l.n, 3);
	assert_null(gmp_router_ifp(x.r, NULL));
	gt_fini(&x);
}

/*
 * RBS import: an imported record forwards like a reported one and is
 * marked; removing it stops forwarding; an interface without IGMP, or
 * with IGMP down, refuses.
 */
void gt_test_import(void **state)
{
	struct gt x;
	struct node_iface *lan, *up;
	struct gmp_group_info gi;
	struct net_addr g = node_tw_addr("239.7.7.7");
	struct gmp_import e = { .group = g,
				.mode = GMP_EXCLUDE,
				.group_left = SIM_S(100) };

	(void)state;
	gt_init(&x, "");
	lan = node_iface_find(router_node(x.r), GT_LAN);
	up = node_iface_find(router_node(x.r), GT_UP);
	assert_int_equal(gmp_router_import(x.r, up, &e), -1);
	assert_int_equal(gmp_router_import(x.r, lan, &e), 0);
	assert_true(gmp_if_group(gt_gi(x.r, GT_LAN, IP4), &g, &gi));
	assert_true(gi.imported);
	assert_non_null(strstr(rtest_cli(&x.t, x.r, "display igmp group", NULL),
			       "   239.7.7.7       -               00:00:00    "
			       "00:01:40 (imported)\n"));
	gt_data(&x, "239.7.7.7");
	node_tw_run_for(x.t.w, SIM_MS(1));
	rtest_settle(&x.t, x.r);
	gt_data(&x, "239.7.7.7");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_h1_data(&x, "239.7.7.7"), 1);
	assert_int_equal(gmp_router_import_remove(x.r, lan, &g), 0);
	assert_false(gt_has_group(x.r, GT_LAN, "239.7.7.7"));
	rtest_settle(&x.t, x.r);
	gt_data(&x, "239.7.7.7");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_h1_data(&x, "239.7.7.7"), 1);
	assert_int_equal(gmp_router_import_remove(x.r, up, &g), -1);
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/1/0\nshutdown\n"
		  "commit\nreturn",
		  NULL);
	assert_int_equal(gmp_router_import(x.r, lan, &e), -1);
	gt_fini(&x);
}

/*
 * A new primary address is the source of the next query (and the
 * election address from then on); with no address left, IGMP stops at
 * its next query and says why.
 */
void gt_test_address_change(void **state)
{
	struct gt x;
	struct net_pkt_info pi;
	size_t from;
	bool seen = false;

	(void)state;
	gt_init(&x, "");
	node_tw_run(x.t.w, SIM_S(1));
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/1/0\n"
		  "ip address 10.0.1.7 255.255.255.0\ncommit\nreturn",
		  NULL);
	from = node_tw_probe_count(x.h1);
	node_tw_run(x.t.w, SIM_S(16));
	for (size_t i = from; i < node_tw_probe_count(x.h1); i++)
		if (gt_h1_gmp(&x, i, &pi, x.rx, NULL) && pi.af == IP4 &&
		    x.rx->type == GMP_T_QUERY) {
			assert_true(gt_addr_is(&pi.src, "10.0.1.7"));
			seen = true;
		}
	assert_true(seen);
	assert_true(gt_addr_is(&gmp_if_cfg(gt_gi(x.r, GT_LAN, IP4))->addr,
			       "10.0.1.7"));
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/1/0\n"
		  "undo ip address 10.0.1.7 255.255.255.0\ncommit\nreturn",
		  NULL);
	node_tw_run(x.t.w, SIM_S(76));
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, IP4)));
	assert_non_null(strstr(rtest_cli(&x.t, x.r,
					 "display igmp interface "
					 "GigabitEthernet0/1/0",
					 NULL),
			       "   IGMP state: down (the interface has no "
			       "IPv4 address)\n"));
	gt_fini(&x);
}

/*
 * The interface going down stops IGMP and MLD at once: every group goes
 * (the forwarding plane is told); back up, the router is querier again
 * and sends its first startup query at that moment.
 */
void gt_test_iface_down(void **state)
{
	struct gt x;
	struct gmp_if_info in;
	uint64_t sent;

	(void)state;
	gt_init(&x, "");
	gt_stream_entry(&x);
	gt_report(&x, IP4, 2, H, GT_GROUP);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_true(gt_has_group(x.r, GT_LAN, GT_GROUP));
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/1/0\nshutdown\n"
		  "commit\nreturn",
		  NULL);
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, IP4)));
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, IP6)));
	assert_false(gt_has_group(x.r, GT_LAN, GT_GROUP));
	gt_info(x.r, GT_LAN, IP4, &in);
	sent = in.tx_general;
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/1/0\nundo shutdown\n"
		  "commit\nreturn",
		  NULL);
	node_tw_run_for(x.t.w, SIM_MS(100));
	assert_true(gmp_if_running(gt_gi(x.r, GT_LAN, IP4)));
	gt_info(x.r, GT_LAN, IP4, &in);
	assert_int_equal(in.qstate, GMP_QUERIER);
	assert_int_equal(in.tx_general, sent + 1);
	gt_fini(&x);
}

/*
 * `undo multicast routing-enable` stops IGMP (its groups go) by the next
 * query, and the display says why; MLD runs on.
 */
void gt_test_mcast_disable(void **state)
{
	struct gt x;

	(void)state;
	gt_init(&x, "");
	gt_report(&x, IP4, 2, H, GT_GROUP);
	node_tw_run(x.t.w, SIM_S(1));
	rtest_cli(&x.t, x.r,
		  "system-view\nundo multicast routing-enable\ncommit\nreturn",
		  NULL);
	node_tw_run(x.t.w, SIM_S(15) + SIM_MS(1));
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, IP4)));
	assert_false(gt_has_group(x.r, GT_LAN, GT_GROUP));
	assert_true(gmp_if_running(gt_gi(x.r, GT_LAN, IP6)));
	assert_non_null(strstr(
		rtest_cli(&x.t, x.r, "display igmp interface", NULL),
		"   IGMP state: down (multicast routing is disabled)\n"));
	gt_fini(&x);
}

/* RFC 3376 7.3.2: on an IGMPv3 interface a v2 report puts its group in
 * IGMPv2 compatibility mode; v3 reports keep theirs in v3. */
void gt_test_v3_compat(void **state)
{
	struct gt x;
	struct gmp_group_info gi;
	struct net_addr g2 = node_tw_addr("239.3.0.2"),
			g3 = node_tw_addr("239.3.0.3");

	(void)state;
	gt_init(&x, " igmp version 3\n");
	gt_report(&x, IP4, 2, H, "239.3.0.2");
	gt_report(&x, IP4, 3, H, "239.3.0.3");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_true(gmp_if_group(gt_gi(x.r, GT_LAN, IP4), &g2, &gi));
	assert_int_equal(gi.compat, 2);
	assert_true(gmp_if_group(gt_gi(x.r, GT_LAN, IP4), &g3, &gi));
	assert_int_equal(gi.compat, 3);
	gt_fini(&x);
}

/*
 * Our queries on the wire as tshark reads them: general queries of both
 * families, and group-specific ones after a leave and a done, with no
 * malformed frame, no bad checksum and no expert error.
 */
void gt_test_tshark(void **state)
{
	char path[512], err[512];
	struct trace_tshark_result res;
	struct trace_pcap *tp;
	struct node_tw_cap *cap;
	enum trace_tshark_rc rc;
	struct gt x;

	(void)state;
	if (!trace_tshark_path(path, sizeof(path)))
		skip();
	gt_init(&x, "");
	cap = node_tw_capture(x.t.w, x.lan);
	gt_report(&x, IP4, 2, H, GT_GROUP);
	gt_report(&x, IP6, 1, HL, "ff0e::1");
	node_tw_run_for(x.t.w, SIM_S(1));
	gt_leave(&x, IP4, H, GT_GROUP);
	gt_leave(&x, IP6, HL, "ff0e::1");
	node_tw_run(x.t.w, SIM_S(40));
	assert_true(gt_h1_queries(&x, IP4, GT_GROUP, 0) >= 2);
	assert_true(gt_h1_queries(&x, IP6, "ff0e::1", 0) >= 2);
	snprintf(path, sizeof(path), "%s/gmp_router_test.pcap",
		 FAILSIM_BINARY_DIR);
	tp = trace_pcap_open(path, err, sizeof(err));
	if (!tp)
		fail_msg("%s", err);
	for (size_t i = 0; i < cap->n; i++)
		assert_int_equal(trace_pcap_write(tp, cap->v[i].t,
						  cap->v[i].data,
						  cap->v[i].len),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
	rc = trace_tshark_check(path, &res, err, sizeof(err));
	if (rc == TRACE_TSHARK_UNAVAILABLE) {
		gt_fini(&x);
		skip();
	}
	if (rc != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(res.frames, cap->n);
	assert_int_equal(res.malformed.count, 0);
	assert_int_equal(res.bad_checksum.count, 0);
	assert_int_equal(res.errors.count, 0);
	gt_fini(&x);
}

struct rep_log {
	size_t n;
	char last[NET_ADDR_STRLEN];
};

static void on_report(void *arg, struct gmp_if *gi,
		      const struct net_addr *group)
{
	struct rep_log *l = arg;

	(void)gi;
	l->n++;
	net_addr_fmt(group, l->last, sizeof(l->last));
}

/*
 * Hot backup: report watchers hear every host message, refreshes
 * included; a hold (VRRP flowdown) stops IGMP unless the interface is
 * bound (hold_keep), when it runs on passive with its records, which
 * become the peer's and take imports; a passive interface that is up
 * sends no query and ignores hosts; released, it is querier again with
 * a query at once.
 */
void gt_test_backup(void **state)
{
	struct gt x;
	struct rep_log l = { 0 };
	struct node_iface *lan;
	struct gmp_group_info gi;
	struct gmp_if_info in;
	struct net_addr g = node_tw_addr(GT_GROUP);
	struct gmp_import e = { .group = node_tw_addr("239.7.7.7"),
				.mode = GMP_EXCLUDE,
				.group_left = SIM_S(100) };
	size_t from;

	(void)state;
	gt_init(&x, "");
	lan = node_iface_find(router_node(x.r), GT_LAN);
	assert_int_equal(gmp_router_watch_reports(x.r, on_report, &l), 0);
	gt_report(&x, IP4, 2, H, GT_GROUP);
	gt_report(&x, IP4, 2, H, GT_GROUP); /* a refresh: heard too */
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.last, GT_GROUP);
	assert_int_equal(gmp_router_set_backup(x.r, lan, IP4, false, true), 0);
	assert_int_equal(
		gmp_router_set_backup(x.r, lan, NET_AF_NONE, false, true), -1);
	assert_false(gmp_router_passive(x.r, lan, IP4));
	/* Held: IGMP (bound) runs on passive, MLD (not bound) stops. */
	router_iface_hold(x.r, lan, true, "test");
	assert_true(router_iface_held(x.r, lan));
	assert_false(lan->oper_up);
	assert_true(gmp_if_running(gt_gi(x.r, GT_LAN, IP4)));
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, IP6)));
	assert_true(gmp_router_passive(x.r, lan, IP4));
	assert_true(gmp_if_group(gt_gi(x.r, GT_LAN, IP4), &g, &gi));
	assert_true(gi.imported);
	assert_int_equal(gmp_router_import(x.r, lan, &e), 0);
	node_tw_run_for(x.t.w, SIM_S(200));
	gt_info(x.r, GT_LAN, IP4, &in);
	assert_true(in.passive);
	assert_int_equal(in.ngroups, 0); /* both ran down */
	/* Carrier loss stops it even held; carrier back, it runs again. */
	node_link_set_up(x.lan, false);
	node_tw_run_for(x.t.w, SIM_MS(100));
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, IP4)));
	assert_int_equal(gmp_router_import(x.r, lan, &e), -1);
	node_link_set_up(x.lan, true);
	node_tw_run_for(x.t.w, SIM_MS(100));
	assert_true(gmp_router_passive(x.r, lan, IP4));
	assert_int_equal(gmp_router_import(x.r, lan, &e), 0);
	/* Released and not passive: querier, a query at once. */
	from = gt_h1_queries(&x, IP4, "", 0);
	router_iface_hold(x.r, lan, false, "test");
	assert_false(router_iface_held(x.r, lan));
	assert_false(gmp_router_passive(x.r, lan, IP4));
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_h1_queries(&x, IP4, "", 0), from + 1);
	gt_info(x.r, GT_LAN, IP4, &in);
	assert_int_equal(in.qstate, GMP_QUERIER);
	assert_int_equal(in.ngroups, 1);
	/* Passive while up: hosts are ignored (and not told to
	 * watchers), no query goes out. */
	assert_int_equal(gmp_router_set_backup(x.r, lan, IP4, true, true), 0);
	from = gt_h1_queries(&x, IP4, NULL, 0);
	l.n = 0;
	gt_report(&x, IP4, 2, H, GT_GROUP);
	node_tw_run_for(x.t.w, SIM_S(300));
	assert_int_equal(l.n, 0);
	assert_int_equal(gt_h1_queries(&x, IP4, NULL, 0), from);
	gt_info(x.r, GT_LAN, IP4, &in);
	assert_int_equal(in.drops[GMP_DROP_PASSIVE], 1);
	assert_int_equal(in.ngroups, 0);
	/* Unbound: a hold stops it as before. */
	assert_int_equal(gmp_router_set_backup(x.r, lan, IP4, false, false), 0);
	router_iface_hold(x.r, lan, true, "test");
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, IP4)));
	gmp_router_unwatch_reports(x.r, on_report, &l);
	router_iface_hold(x.r, lan, false, "test");
	node_tw_run_for(x.t.w, SIM_MS(1));
	gt_report(&x, IP4, 2, H, GT_GROUP);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(l.n, 0);
	assert_true(gt_has_group(x.r, GT_LAN, GT_GROUP));
	gt_fini(&x);
}
