/*
 * The "nodes:" section of a scenario: routers (ASIC profile, boot delay,
 * VRP configuration text with its file line), switches (MAC ageing) and
 * hosts (one or more interfaces with MAC, IPv4 and IPv6 addresses and
 * default gateways, or the single-interface short form). Host addresses are
 * checked for sense: unicast, not the subnet's network or broadcast
 * address (RFC 1122 section 3.2.1.3 / RFC 3021 for /31), gateways inside
 * the subnet (IPv6 gateways may be link-local, RFC 4861 section 8). Node
 * names must be unique; host MACs and addresses too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

static const char *const scn_router_keys[] = {
	"name", "kind", "model", "boot_delay", "config", NULL,
};
static const char *const scn_switch_keys[] = {
	"name", "kind", "mac_ageing", "snooping", NULL,
};
static const char *const scn_host_keys[] = {
	"name",	   "kind", "interfaces", "mac", "ipv4",
	"gateway", "ipv6", "gateway6",	 NULL,
};
static const char *const scn_iface_keys[] = {
	"name", "mac", "ipv4", "gateway", "ipv6", "gateway6", NULL,
};
static const char *const scn_node_required[] = { "name", "kind", NULL };

static int scn_load_router(struct scn_ctx *c, const struct scn_ynode *m,
			   const char *path, struct scn_router *r)
{
	const struct scn_ynode *mv = scn_ymap_get(m, "model");
	char kp[SCN_PATH_MAX];

	r->boot_delay = SIM_S(30);
	if (scn_get_name(c, m, path, "model", SCN_NAME_MAX, &r->model) != 0)
		return -1;
	if (r->model == NULL) {
		r->model = scn_strdup(c, "default");
		if (r->model == NULL)
			return -1;
	}
	r->profile = scn_profile_find(c->spec, r->model);
	if (r->profile == SCN_NONE) {
		scn_path_key(kp, path, "model");
		return scn_fail(c, mv->loc,
				"%s: no profile named \"%s\" under profiles",
				kp, r->model);
	}
	if (scn_get_time(c, m, path, "boot_delay", &r->boot_delay) != 0)
		return -1;
	return scn_get_text(c, m, path, "config", SCN_CONFIG_MAX, &r->config,
			    &r->config_line, &r->config_indent);
}

static int scn_iface_ip4(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, struct scn_host_iface *f)
{
	static const char what[] =
		"an IPv4 address with prefix length, like \"10.0.1.10/24\"";
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];
	uint32_t a, host;

	if (scn_get_scalar(c, m, path, "ipv4", what, &v) != 0)
		return -1;
	if (v == NULL)
		return 0;
	scn_path_key(kp, path, "ipv4");
	if (scn_parse_addr_len(v->str, &f->ip4, &f->ip4_len) != 0 ||
	    f->ip4.af != NET_AF_IP4 || f->ip4_len == 0)
		return scn_expected(c, v, kp, what);
	a = (uint32_t)f->ip4.b[0] << 24 | (uint32_t)f->ip4.b[1] << 16 |
	    (uint32_t)f->ip4.b[2] << 8 | f->ip4.b[3];
	host = f->ip4_len == 32 ? 0 : 0xffffffffu >> f->ip4_len;
	if (a == 0 || net_addr_is_multicast(&f->ip4) || a >= 0xf0000000u)
		return scn_expected(c, v, kp, "a unicast IPv4 address");
	if (f->ip4_len <= 30 && ((a & host) == 0 || (a & host) == host))
		return scn_fail(c, v->loc,
				"%s: %s is the subnet's network or broadcast "
				"address; give a host address",
				kp, v->str);
	return 0;
}

static int scn_iface_gw4(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, struct scn_host_iface *f)
{
	const struct scn_ynode *v = scn_ymap_get(m, "gateway");
	char kp[SCN_PATH_MAX];

	if (scn_get_addr(c, m, path, "gateway", &f->gateway4) != 0)
		return -1;
	if (v == NULL)
		return 0;
	scn_path_key(kp, path, "gateway");
	if (f->gateway4.af != NET_AF_IP4)
		return scn_expected(c, v, kp, "an IPv4 address");
	if (f->ip4.af == NET_AF_NONE)
		return scn_fail(c, v->loc,
				"%s: a gateway needs ipv4 on the same "
				"interface",
				kp);
	if (!scn_same_prefix(&f->gateway4, &f->ip4, f->ip4_len) ||
	    net_addr_eq(&f->gateway4, &f->ip4))
		return scn_fail(c, v->loc,
				"%s: %s is not another address in the "
				"interface's subnet",
				kp, v->str);
	return 0;
}

static int scn_iface_ip6(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, struct scn_host_iface *f)
{
	static const char what[] =
		"an IPv6 address with prefix length, like \"2001:db8::10/64\"";
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];
	struct net_ip6 a;

	if (scn_get_scalar(c, m, path, "ipv6", what, &v) != 0)
		return -1;
	if (v == NULL)
		return 0;
	scn_path_key(kp, path, "ipv6");
	if (scn_parse_addr_len(v->str, &f->ip6, &f->ip6_len) != 0 ||
	    f->ip6.af != NET_AF_IP6 || f->ip6_len == 0)
		return scn_expected(c, v, kp, what);
	a = net_addr_ip6(&f->ip6);
	if (net_addr_is_unspec(&f->ip6) || net_ip6_is_multicast(&a))
		return scn_expected(c, v, kp, "a unicast IPv6 address");
	if (net_ip6_is_link_local(&a))
		return scn_fail(c, v->loc,
				"%s: the link-local address is generated from "
				"the MAC; give a global or unique-local one",
				kp);
	return 0;
}

static int scn_iface_gw6(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, struct scn_host_iface *f)
{
	const struct scn_ynode *v = scn_ymap_get(m, "gateway6");
	char kp[SCN_PATH_MAX];
	struct net_ip6 g;

	if (scn_get_addr(c, m, path, "gateway6", &f->gateway6) != 0)
		return -1;
	if (v == NULL)
		return 0;
	scn_path_key(kp, path, "gateway6");
	g = net_addr_ip6(&f->gateway6);
	if (f->gateway6.af != NET_AF_IP6 || net_ip6_is_multicast(&g) ||
	    net_addr_is_unspec(&f->gateway6))
		return scn_expected(c, v, kp, "a unicast IPv6 address");
	if (net_ip6_is_link_local(&g))
		return 0;
	if (f->ip6.af == NET_AF_NONE)
		return scn_fail(c, v->loc,
				"%s: a global gateway needs ipv6 on the same "
				"interface (or use a link-local gateway)",
				kp);
	if (!scn_same_prefix(&f->gateway6, &f->ip6, f->ip6_len) ||
	    net_addr_eq(&f->gateway6, &f->ip6))
		return scn_fail(c, v->loc,
				"%s: %s is not another address in the "
				"interface's prefix",
				kp, v->str);
	return 0;
}

static int scn_iface_mac(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, const char *node, unsigned idx,
			 struct scn_host_iface *f)
{
	static const char what[] =
		"a unicast MAC address like \"00:00:00:00:01:10\"";
	static const struct net_mac zero;
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];

	if (scn_get_scalar(c, m, path, "mac", what, &v) != 0)
		return -1;
	if (v == NULL) {
		scn_host_mac_default(node, idx, &f->mac);
		return 0;
	}
	scn_path_key(kp, path, "mac");
	if (net_mac_parse(v->str, &f->mac) != 0 ||
	    net_mac_is_multicast(&f->mac) || net_mac_eq(&f->mac, &zero))
		return scn_expected(c, v, kp, what);
	f->mac_given = true;
	return 0;
}

/* One interface from mapping m (an interfaces[] item or the host itself). */
static int scn_load_iface(struct scn_ctx *c, const struct scn_ynode *m,
			  const char *path, const char *node, unsigned idx,
			  struct scn_host_iface *f)
{
	char def[16];

	f->loc = m->loc;
	if (scn_get_name(c, m, path, "name", SCN_IFNAME_MAX, &f->name) != 0)
		return -1;
	if (f->name == NULL) {
		snprintf(def, sizeof(def), "eth%u", idx);
		f->name = scn_strdup(c, def);
		if (f->name == NULL)
			return -1;
	}
	if (scn_iface_mac(c, m, path, node, idx, f) != 0 ||
	    scn_iface_ip4(c, m, path, f) != 0 ||
	    scn_iface_gw4(c, m, path, f) != 0 ||
	    scn_iface_ip6(c, m, path, f) != 0 ||
	    scn_iface_gw6(c, m, path, f) != 0)
		return -1;
	return 0;
}

static int scn_load_ifaces(struct scn_ctx *c, const struct scn_ynode *seq,
			   const char *path, const char *node,
			   struct scn_host *h)
{
	char ip[SCN_PATH_MAX], kp[SCN_PATH_MAX];
	size_t i, j;

	scn_path_key(kp, path, "interfaces");
	if (seq->n == 0)
		return scn_fail(c, seq->loc,
				"%s: expected at least one interface", kp);
	h->ifaces = scn_calloc(c, seq->n, sizeof(*h->ifaces));
	if (h->ifaces == NULL)
		return -1;
	for (i = 0; i < seq->n; i++) {
		h->nifaces = i + 1;
		scn_path_idx(ip, kp, i);
		if (scn_check_map(c, seq->kids[i], ip, scn_iface_keys, NULL,
				  true) != 0 ||
		    scn_load_iface(c, seq->kids[i], ip, node, (unsigned)i,
				   &h->ifaces[i]) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(h->ifaces[j].name, h->ifaces[i].name) == 0)
				return scn_fail(c, h->ifaces[i].loc,
						"%s: duplicate interface name "
						"\"%s\"",
						ip, h->ifaces[i].name);
	}
	return 0;
}

static int scn_load_host(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, const char *node, struct scn_host *h)
{
	const struct scn_ynode *seq, *k;
	char kp[SCN_PATH_MAX];
	size_t i;

	if (scn_get_seq(c, m, path, "interfaces", SCN_MAX_HOST_IFACES, &seq))
		return -1;
	if (seq == NULL && scn_ymap_get(m, "interfaces") != NULL)
		return scn_expected(c, scn_ymap_get(m, "interfaces"), path,
				    "a list of interfaces");
	if (seq != NULL) {
		for (i = 1; scn_iface_keys[i] != NULL; i++) {
			k = scn_ymap_get_key(m, scn_iface_keys[i]);
			if (k == NULL)
				continue;
			scn_path_key(kp, path, k->str);
			return scn_fail(c, k->loc,
					"%s: not allowed beside interfaces; "
					"put it in the interface",
					kp);
		}
		return scn_load_ifaces(c, seq, path, node, h);
	}
	h->ifaces = scn_calloc(c, 1, sizeof(*h->ifaces));
	if (h->ifaces == NULL)
		return -1;
	h->nifaces = 1;
	/* The short form: the host's own keys describe eth0 ("name" is the
	 * host's, so the interface keeps its default name). */
	h->ifaces[0].name = scn_strdup(c, "eth0");
	if (h->ifaces[0].name == NULL)
		return -1;
	h->ifaces[0].loc = m->loc;
	if (scn_iface_mac(c, m, path, node, 0, &h->ifaces[0]) != 0 ||
	    scn_iface_ip4(c, m, path, &h->ifaces[0]) != 0 ||
	    scn_iface_gw4(c, m, path, &h->ifaces[0]) != 0 ||
	    scn_iface_ip6(c, m, path, &h->ifaces[0]) != 0 ||
	    scn_iface_gw6(c, m, path, &h->ifaces[0]) != 0)
		return -1;
	return 0;
}

static int scn_load_kind(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, enum scn_node_kind *kind)
{
	static const char what[] = "router, switch or host";
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];

	if (scn_get_scalar(c, m, path, "kind", what, &v) != 0)
		return -1;
	if (v == NULL)
		return scn_fail(c, m->loc, "%s: missing required key \"kind\"",
				path);
	if (strcmp(v->str, "router") == 0)
		*kind = SCN_NODE_ROUTER;
	else if (strcmp(v->str, "switch") == 0)
		*kind = SCN_NODE_SWITCH;
	else if (strcmp(v->str, "host") == 0)
		*kind = SCN_NODE_HOST;
	else {
		scn_path_key(kp, path, "kind");
		return scn_expected(c, v, kp, what);
	}
	return 0;
}

static int scn_load_node(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, struct scn_node *n)
{
	static const char *const *keys[] = {
		[SCN_NODE_ROUTER] = scn_router_keys,
		[SCN_NODE_SWITCH] = scn_switch_keys,
		[SCN_NODE_HOST] = scn_host_keys,
	};

	n->loc = m->loc;
	if (m->type != SCN_Y_MAP)
		return scn_expected(c, m, path, "a mapping (a node)");
	if (scn_load_kind(c, m, path, &n->kind) != 0 ||
	    scn_check_map(c, m, path, keys[n->kind], scn_node_required,
			  false) != 0 ||
	    scn_get_name(c, m, path, "name", SCN_NAME_MAX, &n->name) != 0)
		return -1;
	switch (n->kind) {
	case SCN_NODE_ROUTER:
		return scn_load_router(c, m, path, &n->router);
	case SCN_NODE_SWITCH:
		n->sw.mac_ageing = SIM_S(300);
		if (scn_get_bool(c, m, path, "snooping", &n->sw.snooping) != 0)
			return -1;
		return scn_get_time(c, m, path, "mac_ageing",
				    &n->sw.mac_ageing);
	case SCN_NODE_HOST:
		return scn_load_host(c, m, path, n->name, &n->host);
	}
	return -1;
}

static void scn_node_path(char *buf, int id)
{
	snprintf(buf, SCN_PATH_MAX, "nodes[%d].name", id);
}

static int scn_index_nodes(struct scn_ctx *c)
{
	const struct scn_spec *s = c->spec;
	const char **names = scn_calloc(c, s->nnodes, sizeof(*names));
	struct scn_loc *locs = scn_calloc(c, s->nnodes, sizeof(*locs));
	int *ids = scn_calloc(c, s->nnodes, sizeof(*ids));
	size_t i;
	int r = -1;

	if (names != NULL && locs != NULL && ids != NULL) {
		for (i = 0; i < s->nnodes; i++) {
			names[i] = s->nodes[i].name;
			locs[i] = s->nodes[i].loc;
			ids[i] = (int)i;
		}
		r = scn_index_build(c, &c->nodes, names, locs, ids, s->nnodes,
				    "node", scn_node_path);
	}
	free(names);
	free(locs);
	free(ids);
	return r;
}

int scn_load_nodes(struct scn_ctx *c, const struct scn_ynode *root)
{
	struct scn_spec *s = c->spec;
	const struct scn_ynode *seq;
	char path[SCN_PATH_MAX];
	size_t i;

	if (scn_get_seq(c, root, "", "nodes", SCN_MAX_NODES, &seq) != 0)
		return -1;
	if (seq == NULL || seq->n == 0) {
		const struct scn_ynode *v = scn_ymap_get(root, "nodes");

		return scn_expected(c, v, "nodes", "a list of nodes");
	}
	s->nodes = scn_calloc(c, seq->n, sizeof(*s->nodes));
	if (s->nodes == NULL)
		return -1;
	for (i = 0; i < seq->n; i++) {
		s->nnodes = i + 1;
		scn_path_idx(path, "nodes", i);
		if (scn_load_node(c, seq->kids[i], path, &s->nodes[i]) != 0)
			return -1;
	}
	if (scn_index_nodes(c) != 0)
		return -1;
	return scn_ref_hosts_unique(c);
}
