/*
 * The ASIC model's lifecycle, ports and counters: creation from a timing
 * profile, ports with their own MAC, admin state and carrier, the delayed
 * report of carrier changes (every edge is reported, in order, link_detect
 * after it happened), per-reason names, counters and the crash reset that
 * empties every table and queue. Forwarding is in asic_fwd.c, the CPU in
 * asic_cpu.c, programming in asic_prog.c, tables in asic_tab.c. No RFC is
 * implemented here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/asic/asic_int.h"

static const char *const punt_names[ASIC_PUNT__COUNT] = {
	[ASIC_PUNT_ARP] = "arp",
	[ASIC_PUNT_LOCAL] = "local",
	[ASIC_PUNT_PROTOCOL] = "protocol",
	[ASIC_PUNT_NO_CACHE] = "no-cache",
	[ASIC_PUNT_WRONG_IIF] = "wrong-iif",
	[ASIC_PUNT_TTL_EXPIRED] = "ttl-expired",
	[ASIC_PUNT_NO_ROUTE] = "no-route",
	[ASIC_PUNT_GLEAN] = "glean",
	[ASIC_PUNT_MCAST_COPY] = "mcast-copy",
};

static const char *const drop_names[ASIC_DROP__COUNT] = {
	[ASIC_DROP_MALFORMED] = "malformed",
	[ASIC_DROP_PORT_DOWN] = "port-down",
	[ASIC_DROP_NO_PORT] = "no-port",
	[ASIC_DROP_NOT_FOR_US] = "not-for-us",
	[ASIC_DROP_LINK_BCAST] = "link-bcast",
	[ASIC_DROP_UNKNOWN_PROTO] = "unknown-proto",
	[ASIC_DROP_SCOPE] = "scope",
	[ASIC_DROP_BLACKHOLE] = "blackhole",
	[ASIC_DROP_TTL] = "ttl",
	[ASIC_DROP_MCAST_DISABLED] = "mcast-disabled",
	[ASIC_DROP_NO_OIF] = "no-oif",
	[ASIC_DROP_EGRESS_DOWN] = "egress-down",
	[ASIC_DROP_CPU_QUEUE] = "cpu-queue",
	[ASIC_DROP_NO_BUFFER] = "no-buffer",
	[ASIC_DROP_RESET] = "reset",
	[ASIC_DROP_RPF_FAIL] = "rpf-fail",
};

static const char *const table_names[ASIC_TBL__COUNT] = {
	[ASIC_TBL_FIB] = "fib",	  [ASIC_TBL_ADJ] = "adj",
	[ASIC_TBL_MFIB] = "mfib", [ASIC_TBL_OIF] = "oif",
	[ASIC_TBL_MAC] = "mac",	  [ASIC_TBL_MCAST_EN] = "mcast-enable",
};

const char *asic_punt_name(enum asic_punt r)
{
	return (unsigned)r < ASIC_PUNT__COUNT ? punt_names[r] : "unknown";
}

const char *asic_drop_name(enum asic_drop r)
{
	return (unsigned)r < ASIC_DROP__COUNT ? drop_names[r] : "unknown";
}

const char *asic_table_name(enum asic_table t)
{
	return (unsigned)t < ASIC_TBL__COUNT ? table_names[t] : "unknown";
}

void asic_profile_default(struct asic_profile *p)
{
	*p = (struct asic_profile){
		.name = "default",
		.pipeline_latency = SIM_US(2),
		.replication_latency = SIM_NS(100),
		.punt_latency = SIM_US(30),
		.inject_latency = SIM_US(20),
		.cpu_pps = 20000,
		.cpu_queue = 1024,
		.fib_write = SIM_US(5),
		.mfib_write = SIM_US(20),
		.oif_write = SIM_US(10),
		.adj_write = SIM_US(5),
		.batch_overhead = SIM_US(100),
		.link_detect = SIM_MS(5),
		.egress_queue = 1000,
	};
}

static bool profile_valid(const struct asic_profile *p)
{
	return p->pipeline_latency >= 0 && p->replication_latency >= 0 &&
	       p->punt_latency >= 0 && p->inject_latency >= 0 &&
	       p->fib_write >= 0 && p->mfib_write >= 0 && p->oif_write >= 0 &&
	       p->adj_write >= 0 && p->batch_overhead >= 0 &&
	       p->link_detect >= 0;
}

static void pev_fire(struct sim_timer *t);

struct asic *asic_new(struct sim_engine *e, struct sim_log *log,
		      struct net_frame_pool *pool, const char *node_name,
		      const struct asic_profile *p, const struct asic_ops *ops,
		      void *ctx)
{
	struct asic *a;

	if (!e || !pool || !p || !ops || !profile_valid(p))
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->eng = e;
	a->log = log;
	a->pool = pool;
	snprintf(a->node, sizeof(a->node), "%s", node_name ? node_name : "");
	a->prof = *p;
	a->prof.name[sizeof(a->prof.name) - 1] = '\0';
	a->ops = *ops;
	a->ctx = ctx;
	if (asic_tables_init(a) || asic_prog_init(a) || asic_egress_init(a) ||
	    asic_cpu_init(a) || sim_timer_init(e, &a->pev_timer, pev_fire)) {
		asic_free(a);
		return NULL;
	}
	return a;
}

void asic_free(struct asic *a)
{
	if (!a)
		return;
	asic_cpu_fini(a);
	asic_egress_fini(a);
	asic_prog_fini(a);
	asic_tables_fini(a);
	sim_timer_fini(&a->pev_timer);
	free(a->pev);
	for (int i = 0; i < a->nports; i++)
		free(a->ports[i].macs);
	free(a->ports);
	free(a);
}

const struct asic_profile *asic_profile(const struct asic *a)
{
	return &a->prof;
}

void asic_reset(struct asic *a)
{
	struct sim_log_rec r;

	asic_cpu_clear(a);
	asic_egress_clear(a);
	asic_prog_clear(a);
	asic_tables_clear(a);
	asic_offload_clear(a);
	sim_timer_cancel(&a->pev_timer);
	a->pev_head = a->pev_n = 0;
	for (int i = 0; i < a->nports; i++) {
		struct asic_port *p = &a->ports[i];

		p->admin = true;
		p->mcast = false;
		asic_port_macs_clear(p);
	}
	sim_log_begin(&r, a->log, sim_now(a->eng), a->node, "asic", "reset");
	sim_log_end(&r);
}

/* ---- ports ---- */

struct asic_port *asic_port_get(const struct asic *a, int ifindex)
{
	if (ifindex < 0 || ifindex >= a->nports || !a->ports[ifindex].present)
		return NULL;
	return &a->ports[ifindex];
}

int asic_port_add(struct asic *a, int ifindex, const struct net_mac *mac,
		  bool carrier)
{
	struct asic_port *p;

	if (ifindex < 0 || ifindex >= ASIC_MAX_PORTS || !mac ||
	    asic_port_get(a, ifindex))
		return -1;
	if (ifindex >= a->nports) {
		int n = ifindex + 1;

		p = realloc(a->ports, (size_t)n * sizeof(*p));
		if (!p)
			return -1;
		memset(p + a->nports, 0, (size_t)(n - a->nports) * sizeof(*p));
		a->ports = p;
		a->nports = n;
	}
	p = &a->ports[ifindex];
	*p = (struct asic_port){
		.present = true,
		.admin = true,
		.carrier = carrier,
		.mac = *mac,
	};
	return 0;
}

bool asic_port_exists(const struct asic *a, int ifindex)
{
	return asic_port_get(a, ifindex) != NULL;
}

void asic_port_admin(struct asic *a, int ifindex, bool up)
{
	struct asic_port *p = asic_port_get(a, ifindex);

	if (p)
		p->admin = up;
}

static int pev_push(struct asic *a, const struct asic_port_ev *ev)
{
	if (a->pev_n == a->pev_cap) {
		size_t cap = a->pev_cap ? a->pev_cap * 2 : 8;
		struct asic_port_ev *v = malloc(cap * sizeof(*v));

		if (!v)
			return -1;
		for (size_t i = 0; i < a->pev_n; i++)
			v[i] = a->pev[(a->pev_head + i) % a->pev_cap];
		free(a->pev);
		a->pev = v;
		a->pev_cap = cap;
		a->pev_head = 0;
	}
	a->pev[(a->pev_head + a->pev_n) % a->pev_cap] = *ev;
	a->pev_n++;
	return 0;
}

static void pev_fire(struct sim_timer *t)
{
	struct asic *a = sim_container_of(t, struct asic, pev_timer);
	sim_time_t now = sim_now(a->eng);

	/* One edge per firing, re-armed, so a callback that resets the ASIC
	 * or adds edges never sees a half-consumed queue. */
	if (a->pev_n == 0)
		return;
	struct asic_port_ev ev = a->pev[a->pev_head];

	if (ev.t > now) {
		sim_timer_arm(t, ev.t);
		return;
	}
	a->pev_head = (a->pev_head + 1) % a->pev_cap;
	a->pev_n--;
	if (a->pev_n)
		sim_timer_arm(t, a->pev[a->pev_head].t);
	if (a->ops.port_event)
		a->ops.port_event(a->ctx, ev.ifindex, ev.up);
}

void asic_port_carrier(struct asic *a, int ifindex, bool up)
{
	struct asic_port *p = asic_port_get(a, ifindex);
	struct asic_port_ev ev;

	if (!p || p->carrier == up)
		return;
	p->carrier = up;
	ev = (struct asic_port_ev){
		.t = sim_now(a->eng) + a->prof.link_detect,
		.ifindex = ifindex,
		.up = up,
	};
	/* On allocation failure the edge is not reported; the carrier state
	 * itself (asic_port_carrier_get) stays right. */
	if (pev_push(a, &ev) == 0 && !sim_timer_armed(&a->pev_timer))
		sim_timer_arm(&a->pev_timer, a->pev[a->pev_head].t);
}

bool asic_port_carrier_get(const struct asic *a, int ifindex)
{
	const struct asic_port *p = asic_port_get(a, ifindex);

	return p && p->carrier;
}

bool asic_port_up(const struct asic *a, int ifindex)
{
	const struct asic_port *p = asic_port_get(a, ifindex);

	return p && p->admin && p->carrier;
}

bool asic_port_mcast(const struct asic *a, int ifindex)
{
	const struct asic_port *p = asic_port_get(a, ifindex);

	return p && p->mcast;
}

const struct net_mac *asic_port_mac(const struct asic *a, int ifindex)
{
	const struct asic_port *p = asic_port_get(a, ifindex);

	return p ? &p->mac : NULL;
}

/* ---- counters ---- */

void asic_count_drop(struct asic *a, int ifindex, enum asic_drop r)
{
	struct asic_port *p = asic_port_get(a, ifindex);

	a->cnt.all.dropped[r]++;
	if (p)
		p->cnt.dropped[r]++;
}

void asic_drop_frame(struct asic *a, int ifindex, enum asic_drop r,
		     struct net_frame *f)
{
	asic_count_drop(a, ifindex, r);
	net_frame_free(a->pool, f);
}

const struct asic_counters *asic_counters(const struct asic *a)
{
	return &a->cnt;
}

const struct asic_port_counters *asic_port_counters(const struct asic *a,
						    int ifindex)
{
	const struct asic_port *p = asic_port_get(a, ifindex);

	return p ? &p->cnt : NULL;
}
