/*
 * Helpers of the end-to-end VRRP tests (see vrrp_router_test.h): build a
 * world from a scenario with every protocol module, run it, type CLI
 * lines, read group information through the module, look at the switch's
 * filtering database and a host's neighbor caches, and tap the LAN.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "protocols/vrrp/vrrp_pkt.h"
#include "protocols/vrrp/vrrp_router_test.h"
#include "sim/node/node_host.h"
#include "sim/node/node_switch.h"
#include "sim/router/router.h"

/* The tap: VRRP advertisements h1 hears on the LAN. */
static bool tap_rx(void *ctx, struct node *h, struct node_iface *ifp,
		   const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct vt_tap *tap = ctx;
	struct vrrp_adv a;
	int fam;

	(void)ifp;
	(void)f;
	if (pi->l4_proto != VRRP_PROTO)
		return false;
	if (vrrp_pkt_decode(pi->l4, pi->l4_len, &pi->src, &pi->dst, &a) !=
	    VRRP_PKT_OK) {
		tap->bad++;
		return true;
	}
	fam = pi->af == NET_AF_IP6;
	tap->adv[fam][a.vrid]++;
	tap->last[fam][a.vrid] = node_now(h);
	if (a.priority == VRRP_PRIO_RESIGN) {
		if (!tap->prio0[fam][a.vrid])
			tap->first0[fam][a.vrid] = node_now(h);
		tap->prio0[fam][a.vrid]++;
	}
	return true;
}

static void tap_attach(struct vt *t)
{
	static const struct node_host_listener proto = { .ip_rx = tap_rx };
	struct node_host_listener l = proto;
	struct net_addr g4, g6;

	memset(&t->tap, 0, sizeof(t->tap));
	for (int f = 0; f < 2; f++)
		for (int v = 0; v < 256; v++)
			t->tap.first0[f][v] = t->tap.last[f][v] = -1;
	if (!t->h1)
		return;
	assert_int_equal(net_addr_parse("224.0.0.18", &g4), 0);
	assert_int_equal(net_addr_parse("ff02::12", &g6), 0);
	assert_int_equal(node_host_join(t->h1, "eth0", &g4), 0);
	assert_int_equal(node_host_join(t->h1, "eth0", &g6), 0);
	l.ctx = &t->tap;
	assert_int_equal(node_host_add_listener(t->h1, &l), 0);
}

void vt_load(struct vt *t, const char *text, const char *file)
{
	struct sim_opts o = { .modules = protocols_all, .quiet = true };
	char err[2048], path[512];
	int rc;

	memset(t, 0, sizeof(*t));
	if (text) {
		rc = scn_load_string(text, "t.yaml", &t->spec, err,
				     sizeof(err));
	} else {
		snprintf(path, sizeof(path), "%s/scenarios/%s",
			 FAILSIM_SOURCE_DIR, file);
		rc = scn_load_file(path, &t->spec, err, sizeof(err));
	}
	if (rc != 0)
		fail_msg("%s", err);
	t->w = sim_world_new(t->spec, &o, NULL, err, sizeof(err));
	if (!t->w)
		fail_msg("%s", err);
	t->r1 = router_from_node(sim_world_node(t->w, "R1"));
	t->r2 = router_from_node(sim_world_node(t->w, "R2"));
	t->sw = sim_world_node(t->w, "SW1");
	t->h1 = sim_world_node(t->w, "h1");
	assert_non_null(t->r1);
	assert_non_null(t->r2);
	tap_attach(t);
}

void vt_free(struct vt *t)
{
	sim_world_free(t->w);
	scn_spec_free(t->spec);
}

void vt_run(struct vt *t, sim_time_t until)
{
	sim_world_run(t->w, until);
}

const char *vt_cli(struct router *r, const char *lines, char *buf, size_t len)
{
	struct cli_out out;

	cli_out_init(&out);
	router_cli_exec(r, lines, &out);
	snprintf(buf, len, "%s", cli_out_str(&out));
	cli_out_free(&out);
	return buf;
}

void vt_info(struct router *r, const char *ifname, enum net_af af, uint8_t vrid,
	     struct vrrp_group_info *in)
{
	const struct vrrp_group *g =
		vrrp_group_of(vrrp_inst(r), ifname, af, vrid);

	if (!g)
		fail_msg("no group %s %u on %s", ifname, vrid,
			 router_node(r)->name);
	vrrp_group_info(g, in);
}

enum vrrp_state vt_state(struct router *r, const char *ifname, enum net_af af,
			 uint8_t vrid)
{
	return vrrp_state_of(vrrp_inst(r), ifname, af, vrid);
}

int vt_port(struct vt *t, const char *swport)
{
	struct node_iface *ifp = node_iface_find(t->sw, swport);

	assert_non_null(ifp);
	return ifp->ifindex;
}

static struct net_mac vt_vmac(enum net_af af, uint8_t vrid)
{
	struct net_mac m = { { 0x00, 0x00, 0x5e, 0x00,
			       af == NET_AF_IP6 ? 0x02 : 0x01, vrid } };

	return m;
}

int vt_vmac_port(struct vt *t, enum net_af af, uint8_t vrid)
{
	struct net_mac m = vt_vmac(af, vrid);

	return node_switch_lookup(t->sw, &m);
}

bool vt_host_resolves(struct vt *t, const char *host, const char *addr,
		      enum net_af af, uint8_t vrid)
{
	struct node *h = sim_world_node(t->w, host);
	struct node_nbr *c = h ? node_host_nbr(h, "eth0", af) : NULL;
	struct net_mac want = vt_vmac(af, vrid), got;
	struct net_addr a;

	assert_non_null(c);
	assert_int_equal(net_addr_parse(addr, &a), 0);
	return node_nbr_mac(c, &a, &got) && (!vrid || net_mac_eq(&got, &want));
}
