/*
 * Router lifecycle and the glue between its node, its ASIC and its control
 * plane: ports, boot from the startup configuration, crash (every
 * control-plane object is freed and the ASIC reset; the router goes
 * silent), restart after the boot delay, control-plane freeze, and the
 * interface state machine (oper up = admin up and carrier as detected by
 * the ASIC after link_detect; loopbacks follow admin state).
 */
#include "sim/router/router_int.h"
#include "sim/node/node_link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void router_asic_tx(void *ctx, int ifindex, struct net_frame *f)
{
	struct router *r = ctx;
	struct node_iface *ifp = router_iface_by_index(r, ifindex);

	if (!ifp) {
		net_frame_free(r->node.env->pool, f);
		return;
	}
	node_iface_send(ifp, f);
}

static void router_port_event(void *ctx, int ifindex, bool up)
{
	struct router *r = ctx;
	struct node_iface *ifp = router_iface_by_index(r, ifindex);
	struct router_if *rif;

	if (!r->cp || !ifp || !(rif = router_if_of(ifp)))
		return;
	rif->detected = up;
	router_iface_update(r, ifp, up ? "carrier-up" : "carrier-down");
}

static const struct asic_ops router_asic_ops = {
	.tx = router_asic_tx,
	.cp_rx = router_cp_rx,
	.port_event = router_port_event,
};

struct node_iface *router_iface_by_index(struct router *r, int ifindex)
{
	if (ifindex < 0 || ifindex >= r->node.nifaces)
		return NULL;
	return r->node.ifaces[ifindex];
}

struct router *router_from_node(struct node *n)
{
	return (n && n->kind == NODE_ROUTER) ? (struct router *)n : NULL;
}

struct node *router_node(struct router *r)
{
	return &r->node;
}

struct asic *router_asic(struct router *r)
{
	return r->asic;
}

struct rt_rib *router_rib(struct router *r)
{
	return r->cp ? r->cp->rib : NULL;
}

struct cli *router_cli(struct router *r)
{
	return r->cp ? r->cp->cli : NULL;
}

bool router_booted(const struct router *r)
{
	return r->cp != NULL;
}

/*
 * Oper state: admin up and (loopback or carrier detected). On a change the
 * RIB learns it first (so the FIB is reprogrammed), then the neighbor
 * caches of a down interface are flushed, then multicast and listeners.
 */
/* Tell link listeners when a port's link state (held or not) changed. */
static void router_link_notify(struct router *r, struct node_iface *ifp,
			       bool link)
{
	struct router_if *rif = router_if_of(ifp);
	struct router_cp *cp = r->cp;

	if (rif->link_up == link)
		return;
	rif->link_up = link;
	for (int i = 0; i < cp->nlink_listeners && !cp->dying; i++)
		cp->link_listeners[i].fn(cp->link_listeners[i].ctx, r, ifp,
					 link);
}

bool router_iface_link_up(const struct router *r, const struct node_iface *ifp)
{
	const struct router_if *rif = ifp ? router_if_of(ifp) : NULL;

	return r && r->cp && rif && ifp->admin_up &&
	       (ifp->loopback || rif->detected);
}

int router_link_listen(struct router *r, router_link_fn fn, void *ctx)
{
	struct router_cp *cp = r->cp;

	if (!cp || cp->nlink_listeners >= ROUTER_MAX_LISTENERS)
		return -1;
	cp->link_listeners[cp->nlink_listeners].fn = fn;
	cp->link_listeners[cp->nlink_listeners].ctx = ctx;
	cp->nlink_listeners++;
	return 0;
}

void router_iface_update(struct router *r, struct node_iface *ifp,
			 const char *why)
{
	struct router_if *rif = router_if_of(ifp);
	struct router_cp *cp = r->cp;
	bool up, link;

	if (!cp || !rif || cp->dying)
		return;
	link = ifp->admin_up && (ifp->loopback || rif->detected);
	up = link && !rif->held;
	if (up == ifp->oper_up) {
		router_link_notify(r, ifp, link);
		return;
	}
	node_iface_set_oper(ifp, up, why);
	rt_rib_iface_set(cp->rib, ifp->ifindex, up);
	if (!up) {
		node_nbr_flush(&rif->arp, why);
		node_nbr_flush(&rif->nd, why);
	}
	router_mcast_iface(r, ifp, up);
	router_mcast_rib_changed(r);
	for (int i = 0; i < cp->nlisteners; i++)
		cp->listeners[i].fn(cp->listeners[i].ctx, r, ifp, up);
	router_link_notify(r, ifp, link);
}

static void router_rx(struct node *n, struct node_iface *ifp,
		      struct net_frame *f)
{
	struct router *r = (struct router *)n;

	if (!r->cp) {
		ifp->cnt.rx_drops++;
		net_frame_free(n->env->pool, f);
		return;
	}
	asic_rx(r->asic, ifp->ifindex, f);
}

static void router_carrier(struct node *n, struct node_iface *ifp, bool up)
{
	struct router *r = (struct router *)n;

	if (!ifp->loopback)
		asic_port_carrier(r->asic, ifp->ifindex, up);
}

/* Free the control plane: the crash half of the lifecycle. */
static void router_cp_destroy(struct router *r)
{
	struct router_cp *cp = r->cp;

	if (!cp)
		return;
	/*
	 * A module's destroy may undo what it did (e.g. release an interface
	 * hold): during a crash that must neither change interface state
	 * nor call back modules already destroyed.
	 */
	cp->dying = true;
	router_ping_stop(r);
	for (size_t i = r->nmodules; cp->mstate && i-- > 0;)
		if (cp->mstate[i] && r->modules[i]->destroy)
			r->modules[i]->destroy(cp->mstate[i]);
	free(cp->mstate);
	cp->mstate = NULL;
	router_mcast_fini(r);
	for (int i = 0; i < r->node.nifaces; i++) {
		struct node_iface *ifp = r->node.ifaces[i];

		if (ifp->oper_up)
			node_iface_set_oper(ifp, false, "crash");
		router_if_cp_fini(r, ifp);
		ifp->n4 = 0;
		ifp->n6 = 0;
		ifp->ipv6_enabled = false;
		ifp->admin_up = !ifp->loopback;
	}
	rt_rib_free(cp->rib);
	cli_free(cp->cli);
	free(cp);
	r->cp = NULL;
}

static int router_cp_create(struct router *r)
{
	struct router_cp *cp = calloc(1, sizeof(*cp));
	struct rt_rib_cfg rc = {
		.change = router_fib_change,
		.ctx = r,
		.inloopback = true,
	};

	if (!cp)
		return -1;
	r->cp = cp;
	cp->cli = cli_new(r->reg, r->node.name, r);
	cp->rib = rt_rib_new(&rc);
	if (!cp->cli || !cp->rib)
		goto fail;
	for (int i = 0; i < r->node.nifaces; i++) {
		struct node_iface *ifp = r->node.ifaces[i];

		if (ifp->loopback)
			continue; /* created again by the configuration */
		ifp->admin_up = true;
		asic_port_admin(r->asic, ifp->ifindex, true);
		/* A port shut before a crash transmits again until the
		 * configuration says otherwise (else the peer never sees
		 * light after a restart). */
		router_port_admin_changed(r, ifp);
		if (router_if_cp_init(r, ifp) != 0)
			goto fail;
		router_if_of(ifp)->detected =
			asic_port_carrier_get(r->asic, ifp->ifindex);
		router_iface_update(r, ifp, "boot");
	}
	/* Protocols come up before the configuration that configures them. */
	cp->mstate = calloc(r->nmodules + 1, sizeof(void *));
	if (!cp->mstate)
		goto fail;
	for (size_t i = 0; i < r->nmodules; i++) {
		if (!r->modules[i]->create)
			continue;
		cp->mstate[i] = r->modules[i]->create(r);
		if (!cp->mstate[i])
			goto fail;
	}
	return 0;
fail:
	router_cp_destroy(r);
	return -1;
}

static void router_log_node(struct router *r, const char *event)
{
	struct sim_log_rec rec;

	node_log_begin(&rec, &r->node, "node", event);
	sim_log_end(&rec);
}

/* The file line of the configuration's last non-empty line. */
static uint32_t config_last_line(const struct router *r)
{
	uint32_t line = r->config_line, last = r->config_line;

	for (const char *s = r->config; *s; s++) {
		if (*s == '\n')
			line++;
		else if (*s != ' ' && *s != '\t' && *s != '\r')
			last = line;
	}
	return last;
}

/*
 * The command error as "src:line:col: Error: ... (router R1)", then the
 * offending line and its caret: the router's name goes on the first line
 * so the message still reads as one compiler-style diagnostic.
 */
static void boot_error(const struct router *r, const struct cli_err *ce,
		       char *err, size_t errlen)
{
	char buf[1024], hbuf[1024];
	struct cli_err at = *ce;
	const char *s = cli_err_fmt(ce, buf, sizeof(buf));
	const char *nl = strchr(s, '\n');
	const char *h, *hnl;

	/* The position in the file counts the block's indentation; the caret
	 * stays under the word of the line as shown. */
	if (at.col > 0)
		at.col += (int)r->config_indent;
	h = cli_err_fmt(&at, hbuf, sizeof(hbuf));
	hnl = strchr(h, '\n');
	snprintf(err, errlen, "%.*s (router %s)%s",
		 hnl ? (int)(hnl - h) : (int)strlen(h), h, r->node.name,
		 nl ? nl : "");
}

int router_boot(struct router *r, char *err, size_t errlen)
{
	struct cli_out out;
	struct cli_err ce;
	int rc = 0;

	if (router_cp_create(r) != 0) {
		snprintf(err, errlen, "%s: out of memory", r->node.name);
		return -1;
	}
	r->node.crashed = false;
	router_log_node(r, "boot");
	if (!r->config)
		return 0;
	cli_out_init(&out);
	memset(&ce, 0, sizeof(ce));
	if (cli_exec_script(r->cp->cli, r->config, r->config_src,
			    (int)r->config_line, &out, &ce) != 0) {
		boot_error(r, &ce, err, errlen);
		rc = -1;
	} else if (cli_has_uncommitted(r->cp->cli)) {
		snprintf(err, errlen,
			 "%s:%u: Error: the configuration of router %s ends "
			 "with %zu uncommitted line(s); add \"commit\"",
			 r->config_src, config_last_line(r), r->node.name,
			 cli_uncommitted_count(r->cp->cli));
		rc = -1;
	}
	/* The operator logs out: the next session starts in the user view. */
	cli_exec(r->cp->cli, "return", &out);
	cli_out_free(&out);
	return rc;
}

static void router_crash(struct node *n)
{
	struct router *r = (struct router *)n;

	if (n->crashed)
		return;
	sim_timer_cancel(&r->boot_timer);
	router_cp_destroy(r);
	asic_reset(r->asic);
	n->crashed = true;
	n->frozen_until = 0;
	router_log_node(r, "crash");
}

static void router_boot_timer(struct sim_timer *t)
{
	struct router *r = sim_container_of(t, struct router, boot_timer);
	char err[1024];

	if (router_boot(r, err, sizeof(err)) != 0) {
		struct sim_log_rec rec;

		node_log_begin(&rec, &r->node, "node", "boot-error");
		sim_log_str(&rec, "error", err);
		sim_log_end(&rec);
	}
}

static void router_restart(struct node *n)
{
	struct router *r = (struct router *)n;

	router_crash(n);
	router_log_node(r, "restarting");
	sim_timer_arm_in(&r->boot_timer, r->boot_delay);
}

void router_freeze(struct router *r, sim_time_t duration)
{
	sim_time_t until = node_now(&r->node) + duration;
	struct sim_log_rec rec;

	/* A crashed (or booting) router has no CPU to freeze; the one that
	 * boots after the restart must not inherit the freeze. */
	if (!r->cp)
		return;
	if (until > r->node.frozen_until)
		r->node.frozen_until = until;
	asic_cpu_freeze(r->asic, until);
	node_log_begin(&rec, &r->node, "node", "freeze");
	sim_log_time(&rec, "until", until);
	sim_log_end(&rec);
}

static void router_destroy(struct node *n)
{
	struct router *r = (struct router *)n;

	router_cp_destroy(r);
	sim_timer_fini(&r->boot_timer);
	asic_free(r->asic);
	free(r->config);
	free(r->config_src);
	node_fini(n);
	free(r);
}

static const struct node_ops router_node_ops = {
	.kind_name = "router",
	.rx = router_rx,
	.carrier = router_carrier,
	.crash = router_crash,
	.restart = router_restart,
	.destroy = router_destroy,
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct router *router_new(struct node_env *env, const struct router_params *p)
{
	struct router *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	node_init(&r->node, &router_node_ops, NODE_ROUTER, p->name, env);
	if (p->profile)
		r->profile = *p->profile;
	else
		asic_profile_default(&r->profile);
	r->reg = p->reg;
	r->config = dup_or_null(p->config);
	r->config_src = strdup(p->config_src ? p->config_src : p->name);
	r->modules = p->modules;
	while (r->modules && r->modules[r->nmodules])
		r->nmodules++;
	r->config_line = p->config_line;
	r->config_indent = p->config_indent;
	r->boot_delay = p->boot_delay;
	r->asic = asic_new(env->eng, env->log, env->pool, r->node.name,
			   &r->profile, &router_asic_ops, r);
	if (!r->asic || !r->config_src || (p->config && !r->config) ||
	    sim_timer_init(env->eng, &r->boot_timer, router_boot_timer) != 0) {
		router_destroy(&r->node);
		return NULL;
	}
	return r;
}

struct node_iface *router_port_add(struct router *r, const char *name,
				   char *why, size_t whylen)
{
	char canon[NODE_IFNAME_MAX];
	struct node_iface *ifp;

	if (cli_iface_canon(name, canon, sizeof(canon), why, whylen) != 0)
		return NULL;
	if (!strncmp(canon, "LoopBack", 8) || !strncmp(canon, "NULL", 4)) {
		snprintf(why, whylen, "%s is not a physical port", canon);
		return NULL;
	}
	if (node_iface_find(&r->node, canon)) {
		snprintf(why, whylen, "%s is already connected", canon);
		return NULL;
	}
	ifp = node_iface_add(&r->node, canon, NULL);
	if (!ifp || asic_port_add(r->asic, ifp->ifindex, &ifp->mac,
				  ifp->carrier) != 0) {
		snprintf(why, whylen, "cannot add port %s", canon);
		return NULL;
	}
	ifp->egress_qmax = r->profile.egress_queue;
	return ifp;
}

struct node_iface *router_loopback_create(struct router *r, const char *name)
{
	struct node_iface *ifp = node_iface_find(&r->node, name);

	if (!ifp) {
		ifp = node_iface_add(&r->node, name, NULL);
		if (!ifp)
			return NULL;
		ifp->loopback = true;
		/*
		 * node_iface_add starts a loopback oper up; the router raises
		 * it itself below so that the RIB learns the interface is up
		 * (else its addresses never make Direct routes).
		 */
		ifp->oper_up = false;
	}
	if (!router_if_of(ifp)) {
		ifp->admin_up = true;
		if (router_if_cp_init(r, ifp) != 0)
			return NULL;
		router_iface_update(r, ifp, "created");
	}
	return ifp;
}

int router_cli_exec(struct router *r, const char *lines, struct cli_out *out)
{
	struct cli_err ce;

	if (!r->cp) {
		cli_out_printf(out, "Error: %s is not running.\n",
			       r->node.name);
		return -1;
	}
	/* A new operator session starts in the user view. */
	cli_exec(r->cp->cli, "return", out);
	cli_out_clear(out);
	return cli_exec_script(r->cp->cli, lines, "cli", 1, out, &ce);
}

static int router_handler_add(struct router *r, int kind, int key,
			      router_rx_fn fn, void *ctx)
{
	struct router_cp *cp = r->cp;

	if (!cp || cp->nhandlers >= ROUTER_MAX_HANDLERS)
		return -1;
	for (int i = 0; i < cp->nhandlers; i++)
		if (cp->handlers[i].kind == kind && cp->handlers[i].key == key)
			return -1;
	cp->handlers[cp->nhandlers++] = (struct router_handler){
		.kind = kind, .key = key, .fn = fn, .ctx = ctx
	};
	return 0;
}

int router_register_proto(struct router *r, enum net_af af, uint8_t proto,
			  router_rx_fn fn, void *ctx)
{
	return router_handler_add(r, af == NET_AF_IP6 ? 1 : 0, proto, fn, ctx);
}

int router_register_udp(struct router *r, uint16_t port, router_rx_fn fn,
			void *ctx)
{
	return router_handler_add(r, 2, port, fn, ctx);
}

int router_register_icmp6(struct router *r, uint8_t type, router_rx_fn fn,
			  void *ctx)
{
	return router_handler_add(r, 3, type, fn, ctx);
}

int router_iface_listen(struct router *r, router_iface_fn fn, void *ctx)
{
	struct router_cp *cp = r->cp;

	if (!cp || cp->nlisteners >= ROUTER_MAX_LISTENERS)
		return -1;
	cp->listeners[cp->nlisteners].fn = fn;
	cp->listeners[cp->nlisteners].ctx = ctx;
	cp->nlisteners++;
	return 0;
}

/*
 * An administratively down port turns its transmitter off: the far end
 * loses signal (and detects it after its own link_detect), as on real
 * Ethernet.
 */
void router_port_admin_changed(struct router *r, struct node_iface *ifp)
{
	(void)r;
	if (ifp->link)
		node_link_set_light(ifp->link, ifp->link_dir, ifp->admin_up);
}

void *router_module_state(struct router *r, const struct router_module *m)
{
	if (!r->cp || !r->cp->mstate)
		return NULL;
	for (size_t i = 0; i < r->nmodules; i++)
		if (r->modules[i] == m)
			return r->cp->mstate[i];
	return NULL;
}
