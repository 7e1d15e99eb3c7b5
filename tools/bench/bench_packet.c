/*
 * bench_packet: packet throughput through the real link model with a BFD
 * load. K point-to-point links (default 1,000), each joining two minimal
 * nodes; each node sends a BFD-sized frame to its peer every 3.3 ms (an
 * Ethernet/IPv4/UDP frame to port 3784 carrying a 24-byte BFD Control
 * packet, RFC 5880 section 4.1 and RFC 5881 sections 4 and 5: 66 bytes on
 * the wire), built once per node with net_build_udp4 and copied into a
 * pooled frame for each transmission. Senders are engine timers re-armed
 * from their own deadline; with -j each interval is reduced by a random 0 to
 * 25 % (RFC 5880 section 6.8.7) drawn from the sending node's own stream.
 * Frames go through node_iface_send and node_link (serialization at 1 Gb/s,
 * 5 us propagation); the receiving node's rx dissects each frame with
 * net_dissect, checks it is the BFD packet it expects, and frees it back to
 * the pool. Prints frames sent and delivered, events fired, wall time,
 * frames and events per second, simulated seconds per wall second, the peak
 * frame pool size and the peak resident set size. Exits 1 if any frame was
 * lost, malformed or leaked, so it doubles as a smoke test (-q).
 *
 * Build and run (Release, i.e. -O2 or better):
 *   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
 *   cmake --build build-rel --target bench_packet
 *   build-rel/tools/bench/bench_packet [-k LINKS] [-t SIMTIME] [-j] [-q]
 * Instructions per frame (only the simulation loop is counted):
 *   valgrind --tool=callgrind --toggle-collect=bench_run \
 *       build-rel/tools/bench/bench_packet -k 100 -t 1
 *   then divide the "Collected" Ir total by the frames delivered.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim/core/sim_engine.h"
#include "tools/bench/bench_util.h"
#include "sim/core/sim_log.h"
#include "sim/core/sim_rng.h"
#include "sim/core/sim_time.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"
#include "sim/net/net_frame.h"
#include "sim/node/node.h"
#include "sim/node/node_link.h"

#define BENCH_BFD_PORT	    3784  /* RFC 5881 section 4: single-hop control */
#define BENCH_BFD_SPORT	    49152 /* RFC 5881 section 4: 49152..65535 */
#define BENCH_BFD_LEN	    24	  /* RFC 5880 section 4.1, no authentication */
#define BENCH_RATE_BPS	    1000000000ull
#define BENCH_DELAY	    SIM_US(5) /* about 1 km of fibre */
#define BENCH_MAX_LINKS	    1000000
#define BENCH_QUICK_LINKS   10
#define BENCH_QUICK_TIME    SIM_MS(100)
#define BENCH_DEFAULT_LINKS 1000

struct bench;

/* A node that only sends and receives BFD-sized frames. */
struct bench_node {
	struct node n;
	struct node_iface *ifp;
	struct sim_timer tx; /* next transmission */
	struct bench *b;
	uint16_t len;			   /* bytes in frame */
	uint8_t frame[NET_FRAME_MIN + 16]; /* built once, copied per send */
};

struct bench {
	struct node_env env;
	struct sim_log log;
	struct net_frame_pool pool;
	struct bench_node *nodes; /* 2 * k; link i joins 2i and 2i + 1 */
	struct node_link **links;
	long k;
	sim_time_t interval; /* bfd.DesiredMinTxInterval, ns */
	sim_time_t until;
	bool jitter;
	uint64_t sent, delivered, bad, alloc_fail;
};

struct bench_opts {
	long k;
	sim_time_t until, interval;
	uint64_t seed;
	bool jitter, quick, k_set, t_set;
};

/* A frame arrived: decode it as a BFD receiver would, then free it. */
static void bench_rx(struct node *n, struct node_iface *ifp,
		     struct net_frame *f)
{
	struct bench_node *bn = sim_container_of(n, struct bench_node, n);
	struct net_pkt_info pi;
	bool ok;

	(void)ifp;
	ok = net_dissect(f->data, f->len, &pi) == NET_OK &&
	     net_pkt_has(&pi, NET_LAYER_UDP) &&
	     pi.udp.dport == BENCH_BFD_PORT && pi.ttl == 255 &&
	     pi.payload_len == BENCH_BFD_LEN && pi.payload[0] >> 5 == 1 &&
	     pi.payload[3] == BENCH_BFD_LEN;
	if (ok)
		bn->b->delivered++;
	else
		bn->b->bad++;
	net_frame_free(n->env->pool, f);
}

static const struct node_ops bench_node_ops = {
	.kind_name = "bench",
	.rx = bench_rx,
};

/* Send one frame, then re-arm from this deadline (RFC 5880 6.8.7). */
static void bench_tx(struct sim_timer *t)
{
	struct bench_node *bn = sim_container_of(t, struct bench_node, tx);
	struct bench *b = bn->b;
	struct net_frame *f = net_frame_alloc(&b->pool);
	sim_time_t next = b->interval;

	if (f) {
		memcpy(f->data, bn->frame, bn->len);
		f->len = bn->len;
		node_iface_send(bn->ifp, f);
		b->sent++;
	} else {
		b->alloc_fail++;
	}
	if (b->jitter)
		next = sim_rng_time(&bn->n.rng, next - next / 4, next);
	sim_timer_arm(t, t->deadline + next);
}

/* 10.0.0.0/8 address of node index i (i < 2^24 - 2). */
static struct net_ip4 bench_ip(long i)
{
	unsigned long h = (unsigned long)i + 1;
	struct net_ip4 a = { { 10, (uint8_t)(h >> 16), (uint8_t)(h >> 8),
			       (uint8_t)h } };

	return a;
}

/*
 * Build node i's frame to its peer: a BFD Control packet in state Up,
 * Detect Mult 3, both intervals the benchmark's (RFC 5880 section 4.1),
 * TTL 255 (RFC 5881 section 5).
 */
static int bench_build(struct bench *b, long i)
{
	struct bench_node *bn = &b->nodes[i], *peer = &b->nodes[i ^ 1];
	uint32_t us = (uint32_t)(b->interval / SIM_US(1));
	struct net_udp4_params u;
	uint8_t bfd[BENCH_BFD_LEN];
	struct net_wr w;
	int len;

	memset(bfd, 0, sizeof(bfd));
	bfd[0] = 1 << 5;			      /* Vers 1, Diag 0 */
	bfd[1] = 3 << 6;			      /* Sta Up, no flags */
	bfd[2] = 3;				      /* Detect Mult */
	bfd[3] = BENCH_BFD_LEN;			      /* Length */
	net_put_be32(bfd + 4, (uint32_t)i + 1);	      /* My Discriminator */
	net_put_be32(bfd + 8, (uint32_t)(i ^ 1) + 1); /* Your Discriminator */
	net_put_be32(bfd + 12, us); /* Desired Min TX Interval, us */
	net_put_be32(bfd + 16, us); /* Required Min RX Interval, us */
	memset(&u, 0, sizeof(u));
	u.ip.l2.src = bn->ifp->mac;
	u.ip.l2.dst = peer->ifp->mac;
	u.ip.src = bench_ip(i);
	u.ip.dst = bench_ip(i ^ 1);
	u.ip.ttl = 255;
	u.ip.tos = 48 << 2; /* CS6, as routers send BFD */
	u.sport = (uint16_t)(BENCH_BFD_SPORT + (i >> 1) % 16384);
	u.dport = BENCH_BFD_PORT;
	net_wr_init(&w, bn->frame, sizeof(bn->frame));
	len = net_build_udp4(&w, &u, bfd, sizeof(bfd));
	if (len < 0)
		return -1;
	bn->len = (uint16_t)len;
	return 0;
}

static int bench_node_init(struct bench *b, long i)
{
	struct bench_node *bn = &b->nodes[i];
	char name[NODE_NAME_MAX];

	snprintf(name, sizeof(name), "%c%ld", i & 1 ? 'b' : 'a', i >> 1);
	node_init(&bn->n, &bench_node_ops, NODE_HOST, name, &b->env);
	bn->b = b;
	bn->ifp = node_iface_add(&bn->n, "eth0", NULL);
	if (!bn->ifp)
		return -1;
	return sim_timer_init(b->env.eng, &bn->tx, bench_tx);
}

/* Nodes, links, frames and the first transmissions (spread over one
 * interval, from each node's own stream). */
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
	for (i = 0; i < n; i++) {
		struct bench_node *bn = &b->nodes[i];

		if (bench_build(b, i) != 0)
			return -1;
		sim_timer_arm(&bn->tx,
			      sim_rng_time(&bn->n.rng, 0, b->interval - 1));
	}
	return 0;
}

/* Frames still queued or on the wire, and frames dropped anywhere. */
static void bench_tally(const struct bench *b, uint64_t *inflight,
			uint64_t *drops)
{
	long i;
	int d;

	*inflight = *drops = 0;
	for (i = 0; i < b->k; i++) {
		const struct node_link *l = b->links[i];

		for (d = 0; d < 2; d++) {
			const struct node_link_dir *ld = &l->dir[d];

			*inflight += ld->egress.len + ld->wire.len;
			*drops +=
				ld->drop_queue + ld->drop_loss + ld->drop_down;
		}
	}
	for (i = 0; i < 2 * b->k; i++)
		*drops += b->nodes[i].ifp->cnt.tx_drops;
}

/* Free what setup made (safe after a partial setup). False on a leak. */
static bool bench_teardown(struct bench *b)
{
	long i;
	bool ok;

	for (i = 0; b->nodes && i < 2 * b->k; i++)
		sim_timer_fini(&b->nodes[i].tx);
	for (i = 0; b->links && i < b->k; i++)
		node_link_free(b->links[i]);
	for (i = 0; b->nodes && i < 2 * b->k; i++)
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

static void bench_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-k LINKS] [-t SIMTIME] [-i INTERVAL] [-j] [-q] "
		"[-s SEED]\n"
		"  -k LINKS    point-to-point links, two senders each "
		"(default 1000)\n"
		"  -t SIMTIME  simulated duration, e.g. 10s, 500ms "
		"(default 10s)\n"
		"  -i INTERVAL transmit interval (default 3.3ms)\n"
		"  -j          RFC 5880 jitter: 75-100 %% of the interval\n"
		"  -q          quick smoke run: 10 links, 100ms unless -k/-t\n"
		"  -s SEED     random seed (default 1)\n",
		prog);
}

static int bench_opts(int argc, char **argv, struct bench_opts *o)
{
	int c;

	while ((c = getopt(argc, argv, "k:t:i:s:jqh")) != -1) {
		switch (c) {
		case 'k':
			o->k_set = true;
			if (bench_opt_long("bench_packet", 'k', optarg, 1,
					   BENCH_MAX_LINKS, &o->k) != 0)
				return -1;
			break;
		case 't':
			o->t_set = true;
			if (bench_opt_time("bench_packet", 't', optarg,
					   &o->until) != 0)
				return -1;
			break;
		case 'i':
			if (bench_opt_time("bench_packet", 'i', optarg,
					   &o->interval) != 0)
				return -1;
			if (o->interval < SIM_US(4)) {
				/* 3us after jitter: over 4 frame times. */
				fprintf(stderr, "bench_packet: -i must be at "
						"least 4us\n");
				return -1;
			}
			break;
		case 's':
			if (bench_opt_u64("bench_packet", 's', optarg,
					  &o->seed) != 0)
				return -1;
			break;
		case 'j':
			o->jitter = true;
			break;
		case 'q':
			o->quick = true;
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
	if (o->quick && !o->k_set)
		o->k = BENCH_QUICK_LINKS;
	if (o->quick && !o->t_set)
		o->until = BENCH_QUICK_TIME;
	return 0;
}

static void bench_report(const struct bench *b, uint64_t events, double wall)
{
	char buf[40];
	double sim_s = (double)b->until / 1e9;

	printf("links:        %ld (%ld senders)\n", b->k, 2 * b->k);
	sim_time_fmt_short(b->interval, buf, sizeof(buf));
	printf("interval:     %s%s\n", buf,
	       b->jitter ? " (jitter 75-100 %)" : "");
	printf("frame:        %u bytes\n", b->nodes[0].len);
	sim_time_fmt_short(b->until, buf, sizeof(buf));
	printf("simulated:    %s\n", buf);
	printf("sent:         %llu frames\n", (unsigned long long)b->sent);
	printf("delivered:    %llu frames\n", (unsigned long long)b->delivered);
	printf("events:       %llu (%.2f per frame)\n",
	       (unsigned long long)events,
	       b->delivered ? (double)events / (double)b->delivered : 0.0);
	printf("wall:         %.3f s\n", wall);
	printf("frames/s:     %.2f M\n",
	       wall > 0 ? (double)b->delivered / wall / 1e6 : 0.0);
	printf("events/s:     %.2f M\n",
	       wall > 0 ? (double)events / wall / 1e6 : 0.0);
	printf("ns/frame:     %.1f\n",
	       b->delivered ? wall * 1e9 / (double)b->delivered : 0.0);
	printf("sim s/wall s: %.2f\n", wall > 0 ? sim_s / wall : 0.0);
	printf("pool peak:    %zu frames (%zu KiB)\n", b->pool.allocated,
	       b->pool.allocated * sizeof(struct net_frame) / 1024);
	printf("rss peak:     %ld kB\n", bench_rss_kb());
}

/* Every frame sent was delivered well formed or is still in flight. */
static bool bench_check(const struct bench *b)
{
	uint64_t inflight, drops;

	bench_tally(b, &inflight, &drops);
	if (b->bad || b->alloc_fail || drops ||
	    b->sent != b->delivered + inflight || b->delivered == 0) {
		fprintf(stderr,
			"bench_packet: FAIL: sent %llu, delivered %llu, in "
			"flight %llu, dropped %llu, malformed %llu, "
			"allocation failures %llu\n",
			(unsigned long long)b->sent,
			(unsigned long long)b->delivered,
			(unsigned long long)inflight, (unsigned long long)drops,
			(unsigned long long)b->bad,
			(unsigned long long)b->alloc_fail);
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	struct bench_opts o = { .k = BENCH_DEFAULT_LINKS,
				.until = SIM_S(10),
				.interval = SIM_US(3300),
				.seed = 1 };
	struct bench b;
	uint64_t events;
	double t0, wall;
	bool ok;

	if (bench_opts(argc, argv, &o) != 0)
		return 2;
	memset(&b, 0, sizeof(b));
	b.k = o.k;
	b.until = o.until;
	b.interval = o.interval;
	b.jitter = o.jitter;
	sim_log_init(&b.log, NULL); /* no file, no taps: records are skipped */
	net_frame_pool_init(&b.pool);
	b.env.eng = sim_engine_new();
	b.env.log = &b.log;
	b.env.pool = &b.pool;
	b.env.seed = o.seed;
	if (!b.env.eng || bench_setup(&b) != 0) {
		fprintf(stderr, "bench_packet: setup failed (out of memory)\n");
		bench_teardown(&b);
		return 1;
	}
	t0 = bench_wall();
	events = bench_run(b.env.eng, b.until);
	wall = bench_wall() - t0;
	/* Setup fires nothing: the run's count is sim_engine_fired(). */
	if (events != sim_engine_fired(b.env.eng))
		fprintf(stderr, "bench_packet: events fired during setup\n");
	bench_report(&b, events, wall);
	ok = bench_check(&b);
	if (!bench_teardown(&b)) {
		fprintf(stderr,
			"bench_packet: FAIL: frames or timers leaked\n");
		ok = false;
	}
	return ok ? 0 : 1;
}
