/*
 * bench_gmp: group membership at scale on full failsim nodes. A scenario
 * is generated in memory: one router R1 running IGMPv3 (or v2 with -2) on
 * its LAN port with a short query interval (-Q, default 10 s, so every
 * host answers many general queries), a switch (snooping with -S) and H
 * hosts (-H, default 100), host i a receiver of G groups of its own (-g,
 * default 20: 2,000 groups in all), and one source sending -r packets/s
 * to every group (default 1) from 1 s on. Every report takes the real
 * path: the host's membership state machine (RFC 3376 section 5 / RFC
 * 2236 section 3), the switch, the router's ASIC punt path and CPU queue,
 * the IGMP module's checks and the group records (RFC 3376 section 6),
 * and each new group reprograms the multicast forwarding entries of its
 * source through the ASIC queue. It prints the wall time of the run loop,
 * events, frames, the router's group count and the peak RSS; it fails
 * unless the router holds every group and every host receives its data.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp.h"
#include "protocols/gmp/gmp_router.h"
#include "protocols/protocols.h"
#include "sim/node/node_host.h"
#include "sim/router/router.h"
#include "sim/run/sim_world.h"
#include "tools/bench/bench_util.h"

struct bench_gmp_opts {
	long hosts, groups, rate, query, version;
	bool snooping, quiet, print;
	sim_time_t until;
};

static char *bench_gmp_yaml(const struct bench_gmp_opts *o)
{
	struct bench_txt t = { 0 };

	bench_txt_add(&t,
		      "name: bench-gmp\n"
		      "duration: 1h\n"
		      "profiles:\n"
		      "  bench:\n"
		      "    cpu_pps: 1000000\n"
		      "    cpu_queue: 100000\n"
		      "nodes:\n"
		      "  - name: R1\n"
		      "    kind: router\n"
		      "    model: bench\n"
		      "    config: |\n"
		      "      system-view\n"
		      "      multicast routing-enable\n"
		      "      interface GigabitEthernet0/1/0\n"
		      "       ip address 10.0.0.1 255.255.255.0\n"
		      "      interface GigabitEthernet0/2/0\n"
		      "       ip address 10.128.0.1 255.192.0.0\n"
		      "       igmp enable\n"
		      "       igmp version %ld\n"
		      "       igmp max-response-time %ld\n"
		      "       igmp timer query %ld\n"
		      "      commit\n"
		      "  - { name: SW, kind: switch, snooping: %s }\n"
		      "  - { name: src, kind: host, ipv4: 10.0.0.10/24, "
		      "gateway: 10.0.0.1 }\n",
		      o->version, o->query > 10 ? 10 : o->query - 1, o->query,
		      o->snooping ? "true" : "false");
	for (long i = 0; i < o->hosts; i++) {
		long n = i + 2; /* 10.128.0.2 onwards inside 10.128.0.0/10 */

		bench_txt_add(&t,
			      "  - { name: h%ld, kind: host, ipv4: "
			      "10.%ld.%ld.%ld/10, gateway: 10.128.0.1 }\n",
			      i, 128 + n / 65536, (n / 256) % 256, n % 256);
	}
	bench_txt_add(&t,
		      "links:\n  - { a: \"src:eth0\", "
		      "b: \"R1:GigabitEthernet0/1/0\" }\n"
		      "  - { a: \"R1:GigabitEthernet0/2/0\", b: \"SW:p0\" }\n");
	for (long i = 0; i < o->hosts; i++)
		bench_txt_add(&t, "  - { a: \"h%ld:eth0\", b: \"SW:p%ld\" }\n",
			      i, i + 1);
	bench_txt_add(&t, "traffic:\n  multicast:\n");
	for (long i = 0; i < o->hosts; i++) {
		long g = i * o->groups;

		bench_txt_add(&t,
			      "    - { name: s%ld, source: src, group: "
			      "232.%ld.%ld.%ld, count: %ld, rate: %ld, size: "
			      "64, start: 1s }\n",
			      i, 1 + g / 65536, (g / 256) % 256, g % 256,
			      o->groups, o->rate);
	}
	bench_txt_add(&t, "  receivers:\n");
	for (long i = 0; i < o->hosts; i++)
		bench_txt_add(&t,
			      "    - { host: h%ld, streams: [s%ld], version: "
			      "igmpv%ld }\n",
			      i, i, o->version);
	if (t.err) {
		free(t.p);
		return NULL;
	}
	return t.p;
}

static int bench_gmp_opts(int argc, char **argv, struct bench_gmp_opts *o)
{
	int c;

	*o = (struct bench_gmp_opts){ .hosts = 100,
				      .groups = 20,
				      .rate = 1,
				      .query = 10,
				      .version = 3,
				      .until = SIM_S(60) };
	while ((c = getopt(argc, argv, "H:g:r:Q:t:2Sqy")) != -1) {
		switch (c) {
		case 'H':
			if (bench_opt_long(argv[0], 'H', optarg, 1, 4000,
					   &o->hosts))
				return -1;
			break;
		case 'g':
			if (bench_opt_long(argv[0], 'g', optarg, 1, 1000,
					   &o->groups))
				return -1;
			break;
		case 'r':
			if (bench_opt_long(argv[0], 'r', optarg, 1, 10000,
					   &o->rate))
				return -1;
			break;
		case 'Q':
			if (bench_opt_long(argv[0], 'Q', optarg, 2, 18000,
					   &o->query))
				return -1;
			break;
		case 't':
			if (bench_opt_time(argv[0], 't', optarg, &o->until))
				return -1;
			break;
		case '2':
			o->version = 2;
			break;
		case 'S':
			o->snooping = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'y':
			o->print = true;
			break;
		default:
			fprintf(stderr,
				"usage: %s [-H hosts] [-g groups/host] [-r "
				"pps] "
				"[-Q query s] [-t time] [-2] [-S] [-q] [-y]\n",
				argv[0]);
			return -1;
		}
	}
	if (o->quiet) {
		o->hosts = o->hosts > 4 ? 4 : o->hosts;
		o->groups = o->groups > 4 ? 4 : o->groups;
		o->until = SIM_S(3);
	}
	if (o->hosts * o->groups > 65536 * 254) {
		fprintf(stderr, "%s: too many groups\n", argv[0]);
		return -1;
	}
	return 0;
}

/* Frames delivered on every link, the receivers' UDP count. */
static void bench_gmp_count(struct sim_world *w, const struct bench_gmp_opts *o,
			    uint64_t *udp_rx, long *silent)
{
	char name[32];

	*udp_rx = 0;
	*silent = 0;
	for (long i = 0; i < o->hosts; i++) {
		snprintf(name, sizeof(name), "h%ld", i);
		uint64_t n =
			node_host_counters(sim_world_node(w, name))->udp_rx;

		*udp_rx += n;
		*silent += n == 0;
	}
}

__attribute__((noinline)) static void bench_gmp_run(struct sim_world *w,
						    sim_time_t until)
{
	sim_world_run(w, until);
}

int main(int argc, char **argv)
{
	struct sim_opts so = { .quiet = true,
			       .no_plots = true,
			       .modules = protocols_all,
			       .node_modules = protocols_nodes };
	struct bench_gmp_opts o;
	struct gmp_if_info gi = { 0 };
	struct scn_spec *spec;
	struct sim_world *w;
	struct router *r;
	struct gmp_if *g;
	char err[2048], *yaml;
	uint64_t ev0, udp_rx;
	long silent;
	double t0, setup, wall;
	bool ok;

	if (bench_gmp_opts(argc, argv, &o) != 0)
		return 2;
	t0 = bench_wall();
	yaml = bench_gmp_yaml(&o);
	if (!yaml || scn_load_string(yaml, "bench-gmp.yaml", &spec, err,
				     sizeof(err)) != 0) {
		fprintf(stderr, "bench_gmp: %s\n", yaml ? err : "no memory");
		free(yaml);
		return 1;
	}
	if (o.print) { /* the scenario, for `failsim run` */
		fputs(yaml, stdout);
		free(yaml);
		scn_spec_free(spec);
		return 0;
	}
	free(yaml);
	w = sim_world_new(spec, &so, NULL, err, sizeof(err));
	if (!w) {
		fprintf(stderr, "bench_gmp: %s\n", err);
		scn_spec_free(spec);
		return 1;
	}
	setup = bench_wall() - t0;
	ev0 = sim_engine_fired(sim_world_engine(w));
	t0 = bench_wall();
	bench_gmp_run(w, o.until);
	wall = bench_wall() - t0;
	r = router_from_node(sim_world_node(w, "R1"));
	g = gmp_router_if(
		r, node_iface_find(router_node(r), "GigabitEthernet0/2/0"),
		NET_AF_IP4);
	if (g)
		gmp_if_info(g, &gi);
	bench_gmp_count(w, &o, &udp_rx, &silent);
	uint64_t events = sim_engine_fired(sim_world_engine(w)) - ev0;

	printf("hosts: %ld  groups/host: %ld  groups: %ld  IGMPv%ld  "
	       "snooping: %s  simulated: %.1f s\n",
	       o.hosts, o.groups, o.hosts * o.groups, o.version,
	       o.snooping ? "on" : "off", (double)o.until / 1e9);
	printf("setup: %.3f s  run: %.3f s  events: %llu  (%.2f M/s)\n", setup,
	       wall, (unsigned long long)events,
	       wall > 0 ? (double)events / wall / 1e6 : 0.0);
	printf("frames: %zu allocated at the peak\n",
	       sim_world_node(w, "R1")->env->pool->allocated);
	printf("router: %zu groups, %llu v3 reports, %llu v2 reports, %llu "
	       "queries sent  receivers: %llu packets  peak RSS: %ld kB\n",
	       gi.ngroups, (unsigned long long)gi.rx_report[3],
	       (unsigned long long)gi.rx_report[2],
	       (unsigned long long)(gi.tx_general + gi.tx_group +
				    gi.tx_group_src),
	       (unsigned long long)udp_rx, bench_rss_kb());
	ok = g && gi.ngroups == (size_t)(o.hosts * o.groups) && silent == 0;
	if (!ok)
		fprintf(stderr,
			"bench_gmp: FAIL: router has %zu of %ld groups, %ld "
			"hosts received nothing\n",
			gi.ngroups, o.hosts * o.groups, silent);
	sim_world_free(w);
	scn_spec_free(spec);
	return ok ? 0 : 1;
}
