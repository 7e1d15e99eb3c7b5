/*
 * PIM-SM conformance case on Assert between two failsim routers (RFC 7761
 * section 4.6): R1 and R2 share the source's LAN and a receivers' LAN;
 * two downstream routers on the receivers' LAN (played by a probe) join
 * the SSM channel (S,G) through R1 and through R2 respectively, so both
 * forward the stream onto that LAN and each sees the other's copies on
 * an outgoing interface. The Assert elects one forwarder: the metrics
 * are equal (both directly connected to S), so R2 (the higher address)
 * wins, and the probe, which counts the datagrams by the sending
 * router's MAC, receives each one once, from R2, after the election.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/conform/cf_pim_int.h"
#include "sim/node/node_host.h"

#define SLAN "GigabitEthernet0/1/0" /* the source's LAN */
#define RLAN "GigabitEthernet0/2/0" /* the receivers' LAN */
#define SSM  "232.1.1.1"
#define SRC  "10.0.5.10"
#define D1   "10.0.6.10" /* downstream routers (the probe) */
#define D2   "10.0.6.11"

#define LAN_CFG                                                                \
	"system-view\n"                                                        \
	"multicast routing-enable\n"                                           \
	"interface " SLAN "\n"                                                 \
	" ip address 10.0.5.%d 255.255.255.0\n"                                \
	" pim sm\n"                                                            \
	"interface " RLAN "\n"                                                 \
	" ip address 10.0.6.%d 255.255.255.0\n"                                \
	" pim sm\n"                                                            \
	"quit\n"                                                               \
	"commit\n"

struct lan {
	struct cfp *x; /* r: R1, p[CFP_PL]: the receivers' LAN probe */
	struct router *r2;
	struct node *src;
};

/* Build and boot; NULL or why not. */
static const char *lan_build(struct lan *l)
{
	static const char *const ports[] = { SLAN, RLAN, NULL };
	struct cfp *x = l->x;
	struct router *r[2];
	struct node *ss, *sr;
	char cfg[512];

	for (int i = 0; i < 2; i++) {
		snprintf(cfg, sizeof(cfg), LAN_CFG, i + 1, i + 1);
		r[i] = cf_router(x->w, i ? "R2" : "R1", cfg, ports);
		if (!r[i])
			return x->w->err;
	}
	x->r = r[0];
	l->r2 = r[1];
	ss = node_tw_switch(x->w->w, "SWS", 3, 0);
	sr = node_tw_switch(x->w->w, "SWR", 3, 0);
	l->src = node_tw_host(x->w->w, "src", "eth0", SRC "/24", "10.0.5.1",
			      NULL, NULL);
	x->p[CFP_PL] = node_tw_probe(x->w->w, "PR");
	x->l[CFP_PL] = cf_link(x->w, "probe", x->p[CFP_PL], "eth0", sr, "p2");
	if (!x->l[CFP_PL] || !cf_link(x->w, "src", l->src, "eth0", ss, "p2") ||
	    !cf_link(x->w, "s1", router_node(r[0]), SLAN, ss, "p0") ||
	    !cf_link(x->w, "s2", router_node(r[1]), SLAN, ss, "p1") ||
	    !cf_link(x->w, "r1", router_node(r[0]), RLAN, sr, "p0") ||
	    !cf_link(x->w, "r2", router_node(r[1]), RLAN, sr, "p1"))
		return x->w->err;
	for (int i = 0; i < 2; i++)
		if (cf_boot(x->w, r[i]) != 0)
			return x->w->err;
	return NULL;
}

static bool lan_new(struct cf_ctx *c, struct lan *l)
{
	struct cfp *x = calloc(1, sizeof(*x));
	const char *why = "out of memory";

	memset(l, 0, sizeof(*l));
	if (!cf_check(c, x != NULL, "setup: out of memory"))
		return false;
	l->x = x;
	x->c = c;
	x->genid = 0x2000;
	x->grp = SSM;
	x->m = calloc(1, sizeof(*x->m));
	x->w = cf_world_new(cf_seed(c));
	if (x->m && x->w)
		why = lan_build(l);
	if (!cf_check(c, why == NULL, "setup: %s", why ? why : "")) {
		cfp_free(x);
		l->x = NULL;
		return false;
	}
	return true;
}

/* Datagrams probe k received in [from, to) from router r's LAN MAC. */
static size_t from_router(struct cfp *x, struct router *r, sim_time_t from,
			  sim_time_t to)
{
	const struct node_iface *ifp = node_iface_find(router_node(r), RLAN);
	struct net_addr g;
	size_t n = 0;

	net_addr_parse(SSM, &g);
	for (size_t i = 0; ifp && i < node_tw_probe_count(x->p[CFP_PL]); i++) {
		const struct node_tw_frame *f =
			node_tw_probe_frame(x->p[CFP_PL], i);
		struct net_pkt_info p;

		if (f->t < from || f->t >= to)
			continue;
		net_dissect(f->data, f->len, &p);
		n += p.err == NET_OK && p.l4_proto == 17 &&
		     net_addr_eq(&p.dst, &g) &&
		     net_mac_eq(&p.eth.src, &ifp->mac);
	}
	return n;
}

/* The source sends n datagrams, one every 10 ms. */
static void lan_stream(struct lan *l, int n)
{
	struct net_addr g;
	uint8_t payload[64];

	memset(payload, 0x33, sizeof(payload));
	net_addr_parse(SSM, &g);
	for (int i = 0; i < n; i++) {
		node_host_udp_send(l->src, &g, 5000, 5000, 16, payload,
				   sizeof(payload));
		cfp_run(l->x, cfp_now(l->x) + SIM_MS(10));
	}
}

/* RFC 7761 4.6: "Instead, it detects when this has happened and elects
 * a single forwarder amongst the upstream routers to prevent further
 * duplication. This election is performed using PIM Assert messages." */
void cfp_assert_lan(struct cf_ctx *c, const struct cfp_exp *e)
{
	sim_time_t t0, t1, lost;
	size_t n1, n2, dup;
	struct lan l;
	struct cfp *x;

	(void)e;
	if (!lan_new(c, &l))
		return;
	x = l.x;
	cfp_run(x, SIM_S(1));
	cfp_hello(x, CFP_FOREVER, 1, x->genid);
	cfp_send(x, CFP_PL, D1, CFP_ALL);
	cfp_send(x, CFP_PL, D2, CFP_ALL);
	cfp_run(x, SIM_S(7));
	cfp_jp(x, "10.0.6.1", SRC, true, CFP_FOREVER);
	cfp_send(x, CFP_PL, D1, CFP_ALL);
	cfp_jp(x, "10.0.6.2", SRC, true, CFP_FOREVER);
	cfp_send(x, CFP_PL, D2, CFP_ALL);
	cfp_run(x, SIM_S(8));
	t0 = cfp_now(x);
	lan_stream(&l, 100);
	t1 = t0 + SIM_MS(500);
	lost = cf_event_time(x->w, "R1", "pim", "assert-loser", "iface", RLAN,
			     0);
	dup = from_router(x, x->r, t0, t1) + from_router(x, l.r2, t0, t1);
	cf_check(c, dup > 0, "setup: neither router forwarded (S,G)");
	cf_check(c, lost >= t0,
		 "R1 (the lower address, equal metrics) never lost the Assert "
		 "on the receivers' LAN (R2 won at %s)",
		 CF_TS(cf_event_time(x->w, "R2", "pim", "assert-winner",
				     "iface", RLAN, 0)));
	n1 = from_router(x, x->r, t1, cfp_now(x));
	n2 = from_router(x, l.r2, t1, cfp_now(x));
	cf_check(c, n1 == 0 && n2 == 50,
		 "after the election the receivers' LAN got %zu datagrams "
		 "from R1 and %zu from R2 for 50 sent; expected one forwarder, "
		 "R2",
		 n1, n2);
	cfp_free(x);
}
