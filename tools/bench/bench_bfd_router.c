/*
 * bench_bfd -r: the BFD benchmark's shape on full failsim routers. A
 * scenario is generated in memory: K router pairs R<i>a/R<i>b joined by
 * one link each (GigabitEthernet0/1/0, addresses 10.<i/64>.<4(i%64)+1 or
 * 2>/30), each router running one static single-hop session configured
 * with VRP commands (`bfd`, `bfd s bind peer-ip ... interface ...`,
 * `discriminator local/remote`, `min-tx-interval 3`, `min-rx-interval 3`,
 * i.e. 3 ms: VRP takes whole milliseconds, so the interval here is 3 ms,
 * not the session mode's 3.3 ms). The ASIC profile gives the control-plane
 * CPU 1,000,000 packets/s so its queue never drops. The world is loaded
 * with scn_load_string and built by sim_world_new with every protocol
 * module, so each packet takes the real path: the session (RFC 5880), UDP
 * and IPv4 out through the router's route lookup and ARP (RFC 826), the
 * link, the peer's ASIC pipeline and punt path, its CPU queue, and the
 * BFD module's demultiplexing and GTSM check (RFC 5881 sections 3-5).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/bfd/bfd_router.h"
#include "protocols/protocols.h"
#include "sim/asic/asic.h"
#include "sim/core/sim_engine.h"
#include "sim/node/node_link.h"
#include "sim/router/router.h"
#include "sim/run/sim_world.h"
#include "sim/scenario/scn_spec.h"
#include "tools/bench/bench_bfd.h"

#define BENCH_R_MAX_LINKS (SCN_MAX_NODES / 2)
#define BENCH_R_INTERVAL  SIM_MS(3) /* VRP min-tx-interval 3 */
#define BENCH_R_CPU_PPS	  1000000
/* Frames a router may hold inside its ASIC pipeline at the end of a run:
 * one session sends every 3 ms and a frame spends under 100 us inside. */
#define BENCH_R_PIPE_SLACK 2

/* Address of end s (0 = a, 1 = b) of link i, as text. */
static void bench_r_addr(long i, int s, char *buf, size_t len)
{
	unsigned hi = (unsigned)(i >> 6) & 255, lo = (unsigned)(i & 63) << 2;

	snprintf(buf, len, "10.%u.%u.%u", hi, lo, 1u + (unsigned)s);
}

/* One router's node entry with its VRP configuration. */
static void bench_r_router(struct bench_txt *t, long i, int s)
{
	char me[32], peer[32];

	bench_r_addr(i, s, me, sizeof(me));
	bench_r_addr(i, !s, peer, sizeof(peer));
	bench_txt_add(t,
		      "  - name: R%ld%c\n"
		      "    kind: router\n"
		      "    model: bench\n"
		      "    config: |\n"
		      "      system-view\n"
		      "      sysname R%ld%c\n"
		      "      interface GigabitEthernet0/1/0\n"
		      "       ip address %s 30\n"
		      "      quit\n"
		      "      bfd\n"
		      "      quit\n"
		      "      bfd s bind peer-ip %s source-ip %s interface "
		      "GigabitEthernet0/1/0\n"
		      "       discriminator local %ld\n"
		      "       discriminator remote %ld\n"
		      "       min-tx-interval 3\n"
		      "       min-rx-interval 3\n"
		      "      quit\n"
		      "      commit\n",
		      i, 'a' + s, i, 'a' + s, me, peer, me, 2 * i + 1 + s,
		      2 * i + 1 + !s);
}

/* The whole scenario text (NULL when out of memory). */
static char *bench_r_yaml(long k)
{
	struct bench_txt t = { 0 };

	bench_txt_add(&t,
		      "name: bench-bfd\n"
		      "duration: 10s\n"
		      "profiles:\n"
		      "  bench:\n"
		      "    cpu_pps: %d\n"
		      "nodes:\n",
		      BENCH_R_CPU_PPS);
	for (long i = 0; i < k; i++) {
		bench_r_router(&t, i, 0);
		bench_r_router(&t, i, 1);
	}
	bench_txt_add(&t, "links:\n");
	for (long i = 0; i < k; i++)
		bench_txt_add(&t,
			      "  - { name: l%ld, a: \"R%lda:GE0/1/0\", "
			      "b: \"R%ldb:GE0/1/0\" }\n",
			      i, i, i);
	if (t.err) {
		free(t.p);
		return NULL;
	}
	return t.p;
}

/* Figures and frame accounting gathered from every router. */
struct bench_r_tally {
	uint64_t link_inflight, link_drops, cpu_depth, cpu_drops;
	long routers;
};

static void bench_r_port(const struct node_iface *ifp, struct bench_r_tally *t,
			 struct bench_bfd_result *r)
{
	const struct node_link_dir *ld;

	if (!ifp->link)
		return;
	ld = &ifp->link->dir[ifp->link_dir];
	r->frames += ld->delivered;
	t->link_inflight += ld->egress.len + ld->wire.len;
	t->link_drops += ld->drop_queue + ld->drop_loss + ld->drop_down +
			 ifp->cnt.tx_drops;
}

static int bench_r_collect(struct sim_world *w, long k,
			   struct bench_bfd_result *r, struct bench_r_tally *t)
{
	struct bfd_session_info in;
	char name[32];

	for (long i = 0; i < 2 * k; i++) {
		snprintf(name, sizeof(name), "R%ld%c", i >> 1,
			 'a' + (int)(i & 1));
		struct node *n = sim_world_node(w, name);
		struct router *rt = n ? router_from_node(n) : NULL;
		struct bfd_session *s =
			rt ? bfd_find_name(bfd_inst(rt), "s") : NULL;
		const struct asic_counters *ac;

		if (!s) {
			fprintf(stderr, "bench_bfd: %s has no session\n", name);
			return -1;
		}
		bfd_session_info(s, &in);
		r->up += in.state == BFD_STATE_UP;
		r->flaps += in.down_count;
		r->bfd_tx += in.tx;
		r->bfd_rx += in.rx;
		for (int j = 0; j < n->nifaces; j++)
			bench_r_port(n->ifaces[j], t, r);
		ac = asic_counters(router_asic(rt));
		t->cpu_depth += asic_cpu_depth(router_asic(rt));
		t->cpu_drops += ac->all.dropped[ASIC_DROP_CPU_QUEUE];
		t->routers++;
	}
	return 0;
}

/*
 * Every session Up and never down; no drop; frames alive at the end no
 * more than those on the links and in the CPU queues plus a few in each
 * ASIC pipeline (a leak of one frame in a thousand packets exceeds it).
 */
static bool bench_r_check(const struct bench_bfd_result *r,
			  const struct bench_r_tally *t, size_t in_use)
{
	uint64_t bound = t->link_inflight + t->cpu_depth +
			 (uint64_t)BENCH_R_PIPE_SLACK * (uint64_t)t->routers;
	bool ok = true;

	if (r->up != r->sessions || r->flaps) {
		fprintf(stderr,
			"bench_bfd: FAIL: %ld of %ld sessions Up, %llu went "
			"down\n",
			r->up, r->sessions, (unsigned long long)r->flaps);
		ok = false;
	}
	if (t->link_drops || t->cpu_drops || in_use > bound) {
		fprintf(stderr,
			"bench_bfd: FAIL: link drops %llu, CPU queue drops "
			"%llu, frames alive %zu (at most %llu expected)\n",
			(unsigned long long)t->link_drops,
			(unsigned long long)t->cpu_drops, in_use,
			(unsigned long long)bound);
		ok = false;
	}
	return ok;
}

__attribute__((noinline)) static void bench_bfd_run_world(struct sim_world *w,
							  sim_time_t until)
{
	sim_world_run(w, until);
}

static struct sim_world *bench_r_build(const struct bench_bfd_opts *o,
				       struct scn_spec **spec)
{
	struct sim_opts so = { .seed = o->seed,
			       .seed_set = true,
			       .duration = o->until,
			       .duration_set = true,
			       .quiet = true,
			       .no_plots = true,
			       .modules = protocols_all };
	char err[512];
	char *yaml = bench_r_yaml(o->k);
	struct sim_world *w;

	*spec = NULL;
	if (!yaml) {
		fprintf(stderr, "bench_bfd: out of memory\n");
		return NULL;
	}
	if (scn_load_string(yaml, "bench-bfd.yaml", spec, err, sizeof(err))) {
		fprintf(stderr, "bench_bfd: %s\n", err);
		free(yaml);
		return NULL;
	}
	free(yaml);
	w = sim_world_new(*spec, &so, NULL, err, sizeof(err));
	if (!w)
		fprintf(stderr, "bench_bfd: %s\n", err);
	return w;
}

int bench_bfd_router_main(const struct bench_bfd_opts *o)
{
	struct bench_bfd_result r = { .mode = "router",
				      .interval = BENCH_R_INTERVAL,
				      .sessions = 2 * o->k };
	struct bench_r_tally t = { 0 };
	struct scn_spec *spec;
	struct sim_world *w;
	struct sim_engine *e;
	uint64_t fired0;
	size_t in_use;
	double t0;
	bool ok;

	if (o->k > BENCH_R_MAX_LINKS) {
		fprintf(stderr, "bench_bfd: -r allows at most %d links\n",
			BENCH_R_MAX_LINKS);
		return 2;
	}
	t0 = bench_wall();
	w = bench_r_build(o, &spec);
	if (!w) {
		scn_spec_free(spec);
		return 1;
	}
	r.setup = bench_wall() - t0;
	e = sim_world_engine(w);
	fired0 = sim_engine_fired(e);
	t0 = bench_wall();
	bench_bfd_run_world(w, o->until);
	r.wall = bench_wall() - t0;
	r.events = sim_engine_fired(e) - fired0;
	ok = bench_r_collect(w, o->k, &r, &t) == 0;
	if (ok) {
		struct net_frame_pool *pool =
			sim_world_node(w, "R0a")->env->pool;

		r.pool_peak = pool->allocated;
		in_use = pool->in_use;
		bench_bfd_report(o, &r);
		ok = bench_r_check(&r, &t, in_use);
	}
	sim_world_free(w);
	scn_spec_free(spec);
	return ok ? 0 : 1;
}
