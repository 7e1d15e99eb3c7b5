/*
 * bench_bfd: real BFD sessions (RFC 5880, protocols/bfd) over the real link
 * model, the shape of the benchmark: K point-to-point links
 * (default 1,000), each joining two minimal nodes, each node running one
 * asynchronous-mode session with static discriminators, Desired Min TX and
 * Required Min RX 3.3 ms and Detect Mult 3, for 10 s simulated with no
 * capture. Sessions start Down and come Up through the three-way handshake
 * of section 6.2 at the slow rate (1 s, section 6.8.3), so the run includes
 * the bring-up. A session's ops->send wraps the Control packet in an
 * Ethernet/IPv4/UDP frame (RFC 5881 sections 4 and 5: destination port
 * 3784, source port 49152, TTL 255) with net_build_udp4 and sends it on the
 * node's interface; the peer's rx dissects the frame (net_dissect), applies
 * the GTSM check of RFC 5881 section 5, demultiplexes by Your Discriminator
 * (section 6.3), decodes the payload (bfd_pkt_decode) and feeds it to
 * bfd_session_rx. Prints sessions Up, packets, events, the wall time of the
 * run loop, events and packets per second, simulated seconds per wall
 * second and the peak RSS, and exits 1 if a session is not Up at the end,
 * ever went down, or a frame was dropped, malformed or leaked. -r runs the
 * same shape on full failsim routers instead (bench_bfd_router.c).
 *
 * Build and run (Release):
 *   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
 *   cmake --build build-rel --target bench_bfd
 *   build-rel/tools/bench/bench_bfd [-k LINKS] [-t SIMTIME] [-s SEED] [-q] [-r]
 * Instructions per packet (only the run loop is counted):
 *   valgrind --tool=callgrind --toggle-collect=bench_run \
 *       build-rel/tools/bench/bench_bfd -t 1
 *   then divide the "Collected" Ir total by "bfd rx".
 */
#define _POSIX_C_SOURCE 200809L
#include "tools/bench/bench_bfd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "protocols/bfd/bfd.h"
#include "protocols/bfd/bfd_pkt.h"
#include "sim/core/sim_engine.h"
#include "sim/core/sim_log.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"
#include "sim/net/net_frame.h"
#include "sim/node/node.h"
#include "sim/node/node_link.h"

#define BENCH_INTERVAL	    SIM_US(3300) /* 3.3 ms, whole microseconds */
#define BENCH_MULT	    3
#define BENCH_RATE_BPS	    1000000000ull
#define BENCH_DELAY	    SIM_US(5)
#define BENCH_MAX_LINKS	    1000000
#define BENCH_DEFAULT_LINKS 1000
#define BENCH_QUICK_LINKS   10
#define BENCH_QUICK_TIME    SIM_MS(1500) /* bring-up takes about 1 s */

struct bench;

/* A node that runs one BFD session on its single interface. */
struct bench_node {
	struct node n;
	struct node_iface *ifp;
	struct bfd_session *s;
	struct bench *b;
	struct net_udp4_params u; /* addresses and ports of every packet */
};

struct bench {
	struct node_env env;
	struct sim_log log;
	struct net_frame_pool pool;
	struct bench_node *nodes; /* 2 * k; link i joins 2i and 2i + 1 */
	struct node_link **links;
	long k;
	uint64_t sent, delivered, bad, no_session, tx_fail;
};

/* ops->send: one Control packet in a whole frame out of the interface. */
static int bench_send(void *ctx, struct bfd_session *s, const uint8_t *pkt,
		      size_t len)
{
	struct bench_node *bn = ctx;
	struct bench *b = bn->b;
	struct net_frame *f = net_frame_alloc(&b->pool);
	struct net_wr w;
	int flen;

	(void)s;
	if (!f) {
		b->tx_fail++;
		return -1;
	}
	net_wr_init(&w, f->data, sizeof(f->data));
	flen = net_build_udp4(&w, &bn->u, pkt, len);
	if (flen < 0) {
		net_frame_free(&b->pool, f);
		b->tx_fail++;
		return -1;
	}
	f->len = (uint16_t)flen;
	node_iface_send(bn->ifp, f);
	b->sent++;
	return 0;
}

static const struct bfd_session_ops bench_bfd_ops = { .send = bench_send };

/* RFC 5881 sections 4 and 5, RFC 5880 section 6.3: port, GTSM, demux. */
static void bench_rx(struct node *n, struct node_iface *ifp,
		     struct net_frame *f)
{
	struct bench_node *bn = sim_container_of(n, struct bench_node, n);
	struct net_pkt_info pi;
	struct bfd_ctrl c;

	(void)ifp;
	if (net_dissect(f->data, f->len, &pi) != NET_OK ||
	    !net_pkt_has(&pi, NET_LAYER_UDP) ||
	    pi.udp.dport != BFD_PORT_SINGLE || pi.ttl != 255 ||
	    bfd_pkt_decode(pi.payload, pi.payload_len, &c) != BFD_PKT_OK) {
		bn->b->bad++;
	} else if (c.your_disc &&
		   c.your_disc != bfd_session_local_disc(bn->s)) {
		bn->b->no_session++;
	} else {
		bn->b->delivered++;
		bfd_session_rx(bn->s, &c, pi.payload, pi.payload_len);
	}
	net_frame_free(n->env->pool, f);
}

static const struct node_ops bench_node_ops = {
	.kind_name = "bench",
	.rx = bench_rx,
};

/* 10.0.0.0/8 address of node index i (i < 2^24 - 2). */
static struct net_ip4 bench_ip(long i)
{
	unsigned long h = (unsigned long)i + 1;
	struct net_ip4 a = { { 10, (uint8_t)(h >> 16), (uint8_t)(h >> 8),
			       (uint8_t)h } };

	return a;
}

static int bench_node_init(struct bench *b, long i)
{
	struct bench_node *bn = &b->nodes[i];
	char name[NODE_NAME_MAX];

	snprintf(name, sizeof(name), "%c%ld", i & 1 ? 'b' : 'a', i >> 1);
	node_init(&bn->n, &bench_node_ops, NODE_HOST, name, &b->env);
	bn->b = b;
	bn->ifp = node_iface_add(&bn->n, "eth0", NULL);
	return bn->ifp ? 0 : -1;
}

/* Node i's packet addressing (RFC 5881 sections 4 and 5) and session:
 * discriminators i + 1 (local) and (i ^ 1) + 1 (remote, static). */
static int bench_session(struct bench *b, long i)
{
	struct bench_node *bn = &b->nodes[i], *peer = &b->nodes[i ^ 1];
	struct bfd_session_cfg cfg;

	memset(&bn->u, 0, sizeof(bn->u));
	bn->u.ip.l2.src = bn->ifp->mac;
	bn->u.ip.l2.dst = peer->ifp->mac;
	bn->u.ip.src = bench_ip(i);
	bn->u.ip.dst = bench_ip(i ^ 1);
	bn->u.ip.ttl = 255;
	bn->u.ip.tos = 48 << 2; /* CS6, as routers send BFD */
	bn->u.sport = BFD_SRC_PORT_MIN;
	bn->u.dport = BFD_PORT_SINGLE;
	memset(&cfg, 0, sizeof(cfg));
	snprintf(cfg.name, sizeof(cfg.name), "s%ld", i);
	cfg.local_disc = (uint32_t)i + 1;
	cfg.remote_disc = (uint32_t)(i ^ 1) + 1;
	cfg.desired_min_tx = BENCH_INTERVAL;
	cfg.required_min_rx = BENCH_INTERVAL;
	cfg.detect_mult = BENCH_MULT;
	bn->s = bfd_session_new(&bn->n, &cfg, &bench_bfd_ops, bn);
	return bn->s ? 0 : -1;
}

static int bench_setup(struct bench *b)
{
	long i, n = 2 * b->k;
	char name[32];

	b->nodes = calloc((size_t)n, sizeof(*b->nodes));
	b->links = calloc((size_t)b->k, sizeof(*b->links));
	if (!b->nodes || !b->links)
		return -1;
	for (i = 0; i < n; i++)
		if (bench_node_init(b, i) != 0)
			return -1;
	for (i = 0; i < b->k; i++) {
		snprintf(name, sizeof(name), "l%ld", i);
		b->links[i] =
			node_link_new(&b->env, name, b->nodes[2 * i].ifp,
				      b->nodes[2 * i + 1].ifp, BENCH_RATE_BPS,
				      BENCH_DELAY, 0, true);
		if (!b->links[i])
			return -1;
	}
	for (i = 0; i < n; i++)
		if (bench_session(b, i) != 0)
			return -1;
	return 0;
}

/* Frames still queued or on the wire, and frames dropped anywhere. */
static void bench_tally(const struct bench *b, uint64_t *inflight,
			uint64_t *drops)
{
	*inflight = *drops = 0;
	for (long i = 0; i < b->k; i++)
		for (int d = 0; d < 2; d++) {
			const struct node_link_dir *ld = &b->links[i]->dir[d];

			*inflight += ld->egress.len + ld->wire.len;
			*drops +=
				ld->drop_queue + ld->drop_loss + ld->drop_down;
		}
	for (long i = 0; i < 2 * b->k; i++)
		*drops += b->nodes[i].ifp->cnt.tx_drops;
}

/* Sessions Up, flaps and packet counts from the sessions themselves. */
static void bench_collect(const struct bench *b, struct bench_bfd_result *r)
{
	struct bfd_session_info in;

	for (long i = 0; i < 2 * b->k; i++) {
		bfd_session_info(b->nodes[i].s, &in);
		r->up += in.state == BFD_STATE_UP;
		r->flaps += in.down_count;
		r->bfd_tx += in.tx;
		r->bfd_rx += in.rx;
	}
	for (long i = 0; i < b->k; i++)
		r->frames += b->links[i]->dir[0].delivered +
			     b->links[i]->dir[1].delivered;
	r->pool_peak = b->pool.allocated;
}

/* Every session Up and never down again; every frame accounted for. */
static bool bench_check(const struct bench *b, const struct bench_bfd_result *r)
{
	uint64_t inflight, drops;
	bool ok = true;

	bench_tally(b, &inflight, &drops);
	if (r->up != r->sessions || r->flaps) {
		fprintf(stderr,
			"bench_bfd: FAIL: %ld of %ld sessions Up, %llu went "
			"down\n",
			r->up, r->sessions, (unsigned long long)r->flaps);
		ok = false;
	}
	if (b->bad || b->no_session || b->tx_fail || drops ||
	    b->sent != b->delivered + b->bad + b->no_session + inflight) {
		fprintf(stderr,
			"bench_bfd: FAIL: sent %llu, accepted %llu, in flight "
			"%llu, dropped %llu, malformed %llu, no session %llu, "
			"send failures %llu\n",
			(unsigned long long)b->sent,
			(unsigned long long)b->delivered,
			(unsigned long long)inflight, (unsigned long long)drops,
			(unsigned long long)b->bad,
			(unsigned long long)b->no_session,
			(unsigned long long)b->tx_fail);
		ok = false;
	}
	return ok;
}

/* Free what setup made (safe after a partial setup). False on a leak. */
static bool bench_teardown(struct bench *b)
{
	bool ok;

	for (long i = 0; b->nodes && i < 2 * b->k; i++)
		bfd_session_free(b->nodes[i].s);
	for (long i = 0; b->links && i < b->k; i++)
		node_link_free(b->links[i]);
	for (long i = 0; b->nodes && i < 2 * b->k; i++)
		node_fini(&b->nodes[i].n);
	ok = b->pool.in_use == 0 &&
	     (!b->env.eng || sim_engine_pending(b->env.eng) == 0);
	net_frame_pool_fini(&b->pool);
	if (b->env.eng)
		sim_engine_free(b->env.eng);
	free(b->nodes);
	free(b->links);
	return ok;
}

static int bench_session_main(const struct bench_bfd_opts *o)
{
	struct bench_bfd_result r = { .mode = "session",
				      .interval = BENCH_INTERVAL,
				      .sessions = 2 * o->k };
	struct bench b;
	double t0;
	bool ok;

	memset(&b, 0, sizeof(b));
	b.k = o->k;
	sim_log_init(&b.log, NULL); /* no file, no taps: records skipped */
	net_frame_pool_init(&b.pool);
	b.env.eng = sim_engine_new();
	b.env.log = &b.log;
	b.env.pool = &b.pool;
	b.env.seed = o->seed;
	t0 = bench_wall();
	if (!b.env.eng || bench_setup(&b) != 0) {
		fprintf(stderr, "bench_bfd: setup failed (out of memory)\n");
		bench_teardown(&b);
		return 1;
	}
	r.setup = bench_wall() - t0;
	t0 = bench_wall();
	r.events = bench_run(b.env.eng, o->until);
	r.wall = bench_wall() - t0;
	bench_collect(&b, &r);
	bench_bfd_report(o, &r);
	ok = bench_check(&b, &r);
	if (!bench_teardown(&b)) {
		fprintf(stderr, "bench_bfd: FAIL: frames or timers leaked\n");
		ok = false;
	}
	return ok ? 0 : 1;
}

static double bench_per(double n, double wall)
{
	return wall > 0 ? n / wall : 0.0;
}

void bench_bfd_report(const struct bench_bfd_opts *o,
		      const struct bench_bfd_result *r)
{
	char buf[40];
	double sim_s = (double)o->until / 1e9;

	printf("mode:         %s\n", r->mode);
	printf("links:        %ld (%ld sessions)\n", o->k, r->sessions);
	sim_time_fmt_short(r->interval, buf, sizeof(buf));
	printf("interval:     %s, detect mult %d\n", buf, BENCH_MULT);
	sim_time_fmt_short(o->until, buf, sizeof(buf));
	printf("simulated:    %s\n", buf);
	printf("setup:        %.3f s (not counted)\n", r->setup);
	printf("sessions up:  %ld of %ld (%llu went down)\n", r->up,
	       r->sessions, (unsigned long long)r->flaps);
	printf("bfd tx:       %llu packets\n", (unsigned long long)r->bfd_tx);
	printf("bfd rx:       %llu packets\n", (unsigned long long)r->bfd_rx);
	printf("frames:       %llu delivered by the links\n",
	       (unsigned long long)r->frames);
	printf("events:       %llu (%.2f per packet)\n",
	       (unsigned long long)r->events,
	       r->bfd_rx ? (double)r->events / (double)r->bfd_rx : 0.0);
	printf("wall:         %.3f s\n", r->wall);
	printf("events/s:     %.2f M\n",
	       bench_per((double)r->events, r->wall) / 1e6);
	printf("packets/s:    %.2f M\n",
	       bench_per((double)r->bfd_rx, r->wall) / 1e6);
	printf("ns/packet:    %.1f\n",
	       r->bfd_rx ? r->wall * 1e9 / (double)r->bfd_rx : 0.0);
	printf("sim s/wall s: %.2f\n", bench_per(sim_s, r->wall));
	printf("pool peak:    %llu frames\n", (unsigned long long)r->pool_peak);
	printf("rss peak:     %ld kB\n", bench_rss_kb());
}

static void bench_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-k LINKS] [-t SIMTIME] [-s SEED] [-q] [-r]\n"
		"  -k LINKS    point-to-point links, one BFD session at each "
		"end (default 1000)\n"
		"  -t SIMTIME  simulated duration, e.g. 10s, 1500ms "
		"(default 10s)\n"
		"  -s SEED     random seed (default 1)\n"
		"  -q          quick smoke run: 10 links, 1.5s unless -k/-t\n"
		"  -r          full failsim routers (ASIC, CPU queue, routes, "
		"ARP)\n",
		prog);
}

static int bench_opts(int argc, char **argv, struct bench_bfd_opts *o)
{
	bool k_set = false, t_set = false;
	int c;

	while ((c = getopt(argc, argv, "k:t:s:qrh")) != -1) {
		switch (c) {
		case 'k':
			k_set = true;
			if (bench_opt_long("bench_bfd", 'k', optarg, 1,
					   BENCH_MAX_LINKS, &o->k) != 0)
				return -1;
			break;
		case 't':
			t_set = true;
			if (bench_opt_time("bench_bfd", 't', optarg,
					   &o->until) != 0)
				return -1;
			break;
		case 's':
			if (bench_opt_u64("bench_bfd", 's', optarg, &o->seed) !=
			    0)
				return -1;
			break;
		case 'q':
			o->quick = true;
			break;
		case 'r':
			o->router = true;
			break;
		default:
			bench_usage(argv[0]);
			return -1;
		}
	}
	if (optind != argc) {
		bench_usage(argv[0]);
		return -1;
	}
	if (o->quick && !k_set)
		o->k = BENCH_QUICK_LINKS;
	if (o->quick && !t_set)
		o->until = BENCH_QUICK_TIME;
	return 0;
}

int main(int argc, char **argv)
{
	struct bench_bfd_opts o = { .k = BENCH_DEFAULT_LINKS,
				    .until = SIM_S(10),
				    .seed = 1 };

	if (bench_opts(argc, argv, &o) != 0)
		return 2;
	if (!o.router)
		return bench_session_main(&o);
#ifdef BENCH_BFD_ROUTER
	return bench_bfd_router_main(&o);
#else
	fprintf(stderr, "bench_bfd: -r needs the router libraries (sim_run, "
			"protocols), not part of this build\n");
	return 2;
#endif
}
