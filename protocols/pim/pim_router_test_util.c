/*
 * Helpers of the PIM router tests (see pim_router_test.h): the two-router
 * world with hosts, the stream, PIM frames read back from captures, and
 * state read through the engine. No RFC logic lives here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_host.h"
#include "protocols/gmp/gmp_router.h"
#include "protocols/pim/pim_router_test.h"
#include "sim/node/node_host.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_tshark.h"

static const struct router_module *const pt_modules[] = {
	&gmp_module,
	&pim_module,
	NULL,
};

#define BOTH_SM " pim sm\n pim ipv6 sm\n"

const char pt_cfg_r1[] =
	"system-view\n"
	"multicast routing-enable\n"
	"multicast ipv6 routing-enable\n"
	"interface LoopBack0\n"
	" ip address 1.1.1.1 255.255.255.255\n"
	" ipv6 enable\n"
	" ipv6 address 2001:db8:ff::1 128\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.1.1 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address 2001:db8:1::1 64\n" BOTH_SM
	"interface GigabitEthernet0/2/0\n"
	" ip address 10.0.12.1 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address FE80::12:1 link-local\n" BOTH_SM
	"interface GigabitEthernet0/3/0\n"
	" ip address 10.0.21.1 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address FE80::21:1 link-local\n" BOTH_SM
	"ip route-static 10.0.2.0 255.255.255.0 10.0.12.2\n"
	"ip route-static 10.0.2.0 255.255.255.0 10.0.21.2 preference 100\n"
	"pim\n"
	" static-rp 1.1.1.1\n"
	"pim-ipv6\n"
	" static-rp 2001:db8:ff::1\n";

const char pt_cfg_r2[] =
	"system-view\n"
	"multicast routing-enable\n"
	"multicast ipv6 routing-enable\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.2.1 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address 2001:db8:2::1 64\n"
	" igmp enable\n"
	" mld enable\n" BOTH_SM "interface GigabitEthernet0/2/0\n"
	" ip address 10.0.12.2 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address FE80::12:2 link-local\n" BOTH_SM
	"interface GigabitEthernet0/3/0\n"
	" ip address 10.0.21.2 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address FE80::21:2 link-local\n" BOTH_SM
	"ip route-static 10.0.1.0 255.255.255.0 10.0.12.1\n"
	"ip route-static 10.0.1.0 255.255.255.0 10.0.21.1 preference 100\n"
	"ip route-static 1.1.1.1 255.255.255.255 10.0.12.1\n"
	"ip route-static 1.1.1.1 255.255.255.255 10.0.21.1 preference 100\n"
	"ipv6 route-static 2001:db8:1:: 64 GigabitEthernet0/2/0 FE80::12:1\n"
	"ipv6 route-static 2001:db8:1:: 64 GigabitEthernet0/3/0 FE80::21:1 "
	"preference 100\n"
	"ipv6 route-static 2001:db8:ff::1 128 GigabitEthernet0/2/0 "
	"FE80::12:1\n"
	"ipv6 route-static 2001:db8:ff::1 128 GigabitEthernet0/3/0 "
	"FE80::21:1 preference 100\n"
	"pim\n"
	" static-rp 1.1.1.1\n"
	"pim-ipv6\n"
	" static-rp 2001:db8:ff::1\n";

void pt_world(struct pt *x, uint64_t seed)
{
	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, seed);
	assert_int_equal(gmp_module.cli_register(x->t.reg), 0);
	assert_int_equal(pim_module.cli_register(x->t.reg), 0);
	x->t.modules = pt_modules;
	x->m = calloc(1, sizeof(*x->m));
	assert_non_null(x->m);
}

static void on_udp(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct pt *x = ctx;

	(void)h;
	if (!x->rx)
		x->rx_first = m->t;
	x->rx++;
	x->rx_last = m->t;
}

static struct router *mk_router(struct pt *x, const char *name,
				const char *base, const char *extra)
{
	static const char *const ports[] = { PT_LAN, PT_MAIN, PT_BACK, NULL };
	size_t len = strlen(base) + (extra ? strlen(extra) : 0) + 16;
	char *cfg = malloc(len);
	struct router *r;

	assert_non_null(cfg);
	snprintf(cfg, len, "%s%scommit\n", base, extra ? extra : "");
	r = rtest_router(&x->t, name, cfg, ports);
	/* router_new keeps its own copy of the configuration. */
	free(cfg);
	return r;
}

void pt_init(struct pt *x, const char *extra1, const char *extra2, uint8_t igmp)
{
	struct node_tw *w;

	pt_world(x, 11);
	w = x->t.w;
	x->r1 = mk_router(x, "R1", pt_cfg_r1, extra1);
	x->r2 = mk_router(x, "R2", pt_cfg_r2, extra2);
	x->src = node_tw_host(w, "SRC", "eth0", "10.0.1.10/24", "10.0.1.1",
			      "2001:db8:1::10/64", "2001:db8:1::1");
	x->rcv = node_tw_host(w, "RCV", "eth0", "10.0.2.10/24", "10.0.2.1",
			      "2001:db8:2::10/64", "2001:db8:2::1");
	x->lsrc = node_tw_link(w, "src", x->src, "eth0", router_node(x->r1),
			       PT_LAN, RTEST_RATE, RTEST_DELAY);
	x->lrcv = node_tw_link(w, "rcv", x->rcv, "eth0", router_node(x->r2),
			       PT_LAN, RTEST_RATE, RTEST_DELAY);
	x->lmain = node_tw_link(w, "main", router_node(x->r1), PT_MAIN,
				router_node(x->r2), PT_MAIN, RTEST_RATE,
				RTEST_DELAY);
	x->lback = node_tw_link(w, "back", router_node(x->r1), PT_BACK,
				router_node(x->r2), PT_BACK, RTEST_RATE,
				RTEST_DELAY);
	x->cmain = node_tw_capture(w, x->lmain);
	x->crcv = node_tw_capture(w, x->lrcv);
	assert_int_equal(
		node_host_set_gmp_version(x->rcv, NULL, NET_AF_IP4, igmp), 0);
	assert_int_equal(node_host_set_gmp_version(x->rcv, NULL, NET_AF_IP6, 2),
			 0);
	assert_int_equal(gmp_host_module.attach(x->rcv, &x->rcv_st), 0);
	assert_non_null(x->rcv_st);
	assert_int_equal(node_host_udp_bind(x->rcv, PT_PORT, on_udp, x), 0);
	rtest_boot(x->r1);
	rtest_boot(x->r2);
}

void pt_fini(struct pt *x)
{
	if (x->rcv_st)
		gmp_host_module.detach(x->rcv_st);
	free(x->m);
	rtest_fini(&x->t);
}

void pt_stream(struct pt *x, const char *g, int n, sim_time_t interval)
{
	struct net_addr grp = node_tw_addr(g);
	uint8_t payload[64];

	memset(payload, 0xab, sizeof(payload));
	for (int i = 0; i < n; i++) {
		assert_int_equal(node_host_udp_send(x->src, &grp, PT_PORT,
						    PT_PORT, 16, payload,
						    sizeof(payload)),
				 0);
		node_tw_run_for(x->t.w, interval);
	}
}

size_t pt_cap_pim(struct pt *x, const struct node_tw_cap *c, pt_pim_fn fn,
		  void *arg)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct net_pkt_info pi;
		enum pim_pkt_err e;

		net_dissect(c->v[i].data, c->v[i].len, &pi);
		if (pi.err != NET_OK || pi.l4_proto != PIM_PROTO || !pi.l4)
			continue;
		e = pim_pkt_decode(pi.af, pi.l4, pi.l4_len, &pi.src, &pi.dst,
				   x->m);
		if (e != PIM_PKT_OK)
			fail_msg("frame %zu: PIM does not decode (%s)", i,
				 pim_pkt_err_name(e));
		n++;
		if (fn)
			fn(arg, c->v[i].t, &pi, x->m);
	}
	return n;
}

bool pt_tshark(const struct node_tw_cap *c, const char *name)
{
	char path[512], err[512];
	struct trace_tshark_result res;
	struct trace_pcap *tp;
	enum trace_tshark_rc rc;

	if (!trace_tshark_path(path, sizeof(path)))
		return false;
	snprintf(path, sizeof(path), "%s/%s", FAILSIM_BINARY_DIR, name);
	tp = trace_pcap_open(path, err, sizeof(err));
	if (!tp)
		fail_msg("%s", err);
	for (size_t i = 0; i < c->n; i++)
		assert_int_equal(trace_pcap_write(tp, c->v[i].t, c->v[i].data,
						  c->v[i].len),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
	rc = trace_tshark_check(path, &res, err, sizeof(err));
	if (rc == TRACE_TSHARK_UNAVAILABLE)
		return false;
	if (rc != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(res.frames, c->n);
	if (res.malformed.count || res.bad_checksum.count || res.errors.count)
		fail_msg("tshark on %s: %u malformed (first %u), %u bad "
			 "checksums (first %u), %u errors (first %u)",
			 path, res.malformed.count, res.malformed.first[0],
			 res.bad_checksum.count, res.bad_checksum.first[0],
			 res.errors.count, res.errors.first[0]);
	return true;
}

void pt_if_info(struct router *r, enum net_af af, const char *ifname,
		struct pim_if_info *out)
{
	struct pim *p = pim_router_engine(r, af);
	struct node_iface *ifp = node_iface_find(router_node(r), ifname);

	assert_non_null(p);
	assert_non_null(ifp);
	assert_true(pim_if_info(p, ifp->ifindex, out));
}

struct count_ctx {
	size_t n, spt;
};

static void count_one(void *arg, const struct pim_entry_info *e)
{
	struct count_ctx *c = arg;

	c->n++;
	if (e->src.af != NET_AF_NONE && !e->rpt && e->spt)
		c->spt++;
}

size_t pt_entries(struct router *r, enum net_af af, size_t *spt)
{
	struct pim *p = pim_router_engine(r, af);
	struct count_ctx c = { 0 };

	if (p)
		pim_each_entry(p, count_one, &c);
	if (spt)
		*spt = c.spt;
	return c.n;
}

bool pt_addr_is(const struct net_addr *a, const char *s)
{
	struct net_addr b = node_tw_addr(s);

	return net_addr_eq(a, &b);
}
