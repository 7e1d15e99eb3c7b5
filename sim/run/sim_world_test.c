/*
 * Scenario tests: outages derived by hand from the configured delays
 * (scenarios/regress/failover-exact.yaml), the routed-failover scenario's
 * anatomy, crash and restart, errors that name file:line, two worlds
 * interleaved in one process, and receivers that leave their group.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/core/sim_log.h"
#include "sim/run/sim_world.h"

#define SCN(f) FAILSIM_SOURCE_DIR "/scenarios/" f

/* failover-exact.yaml, in ns. */
#define US	    1000
#define T_FAIL	    SIM_S(2)
#define LINK_DETECT SIM_MS(5)
#define BATCH	    (100 * US)
#define FIB_W	    (5 * US)
#define ADJ_W	    (5 * US)
#define MFIB_W	    (20 * US)
#define OIF_W	    (10 * US)
#define PIPE	    (2 * US)
#define SER(len)    ((sim_time_t)((len) + 24) * 8) /* ns at 1 Gb/s */
#define MC_FRAME    (14 + 20 + 8 + 256)
#define UC_FRAME    (14 + 20 + 8 + 160)
/* src -> SW1 -> R1 -> (primary|backup) -> R2 -> SW2 -> rcv1: five links
 * (1, 1, 10, 1, 1 us) and two ASIC pipelines. */
#define PATH(len) (5 * SER(len) + 14 * US + 2 * PIPE)

static struct sim_world *load_world(const char *path, struct scn_spec **spec)
{
	char err[1024];
	struct sim_world *w;

	if (scn_load_file(path, spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	w = sim_world_new(*spec, NULL, NULL, err, sizeof(err));
	if (!w)
		fail_msg("%s", err);
	return w;
}

static const struct meas_outage *outage_of(const struct meas_results *r,
					   const char *stream, int fault)
{
	for (size_t i = 0; i < r->noutages; i++) {
		const struct meas_outage *o = &r->outages[i];
		const struct meas_flow_info *f = &r->flows[o->flow];

		if (o->fault == fault &&
		    !strcmp(r->streams[f->stream].name, stream))
			return o;
	}
	return NULL;
}

/*
 * Multicast: R2 sees loss of signal LINK_DETECT after the cut, and its
 * programming batch holds 3 FIB writes (route change, subnet and host
 * route withdrawn), the adjacency of R1 on the dead link, then the (S,G)
 * iif change. Packet n leaves the source at 1 s + n ms and reaches R2
 * 3 serializations + 12 us + one pipeline later; the first one after the
 * iif change goes through. Packets 1000..1005 are lost (1000 left at the
 * instant of the cut), so the outage is 6 ms loss-derived, and the same
 * time-derived because both paths have equal latency.
 */
static void test_exact_multicast(void **state)
{
	struct scn_spec *spec;
	struct sim_world *w =
		load_world(SCN("regress/failover-exact.yaml"), &spec);
	const struct meas_results *r;
	const struct meas_outage *o;
	const struct meas_fault_info *x;
	sim_time_t sum = 0;
	sim_time_t iif_visible =
		T_FAIL + LINK_DETECT + BATCH + 3 * FIB_W + ADJ_W + MFIB_W;
	sim_time_t to_r2 = 3 * SER(MC_FRAME) + 12 * US + PIPE;
	uint64_t first = 1000;

	(void)state;
	while (SIM_S(1) + (sim_time_t)first * SIM_MS(1) + to_r2 < iif_visible)
		first++;
	sim_world_run(w, SIM_TIME_NEVER);
	r = sim_world_finish(w);
	o = outage_of(r, "tv/239.1.1.1", 0);
	assert_non_null(o);
	assert_int_equal(first, 1006);
	assert_int_equal(o->before_seq, 999);
	assert_int_equal(o->before_rx,
			 SIM_S(1) + 999 * SIM_MS(1) + PATH(MC_FRAME));
	assert_int_equal(o->after_seq, first);
	assert_int_equal(o->after_rx, SIM_S(1) + (sim_time_t)first * SIM_MS(1) +
					      PATH(MC_FRAME));
	assert_int_equal(o->lost, first - 1000);
	assert_int_equal(o->loss_derived, SIM_MS(6));
	assert_int_equal(o->time_derived, SIM_MS(6));
	assert_int_equal(o->dups, 0);
	/* Anatomy: detection is exactly link_detect; no VRRP, IGMP or PIM
	 * here, so no transition, membership or join; the static plane's
	 * oif change is the protocol reaction, at once; the last write
	 * before recovery is R1's (S,G) without the dead oif; the stages
	 * add up to the outage. */
	x = &r->faults[0];
	assert_int_equal(x->stage[MEAS_STAGE_DETECTION], LINK_DETECT);
	assert_int_equal(x->mark[MEAS_MARK_TRANSITION].at, MEAS_UNKNOWN);
	assert_int_equal(x->stage[MEAS_STAGE_TRANSITION], 0);
	assert_int_equal(x->stage[MEAS_STAGE_MEMBERSHIP], 0);
	assert_int_equal(x->stage[MEAS_STAGE_JOIN], 0);
	assert_int_equal(x->stage[MEAS_STAGE_PROTOCOL], 0);
	assert_string_equal(x->mark[MEAS_MARK_PROTOCOL].what,
			    "mcast oif-change 239.1.1.1");
	assert_int_equal(x->mark[MEAS_MARK_PROGRAM].at,
			 T_FAIL + LINK_DETECT + BATCH + 3 * FIB_W + ADJ_W +
				 MFIB_W + OIF_W);
	assert_int_equal(x->stage[MEAS_STAGE_PROGRAMMING],
			 BATCH + 3 * FIB_W + ADJ_W + MFIB_W + OIF_W);
	for (int k = 0; k < MEAS_STAGE__COUNT; k++)
		sum += x->stage[k];
	assert_int_equal(sum, o->after_rx - T_FAIL);
	/* Switch back is hitless here. */
	assert_null(outage_of(r, "tv/239.1.1.1", 1));
	sim_world_free(w);
	scn_spec_free(spec);
}

/*
 * Unicast: R1 keeps forwarding into the dead port until its FIB entry for
 * 10.0.2.0/24 moves to the backup, the first write of its batch; the
 * backup next hop is already resolved. Packet n leaves at 1.0005 s + n ms
 * and reaches R1 after two serializations and 2 us.
 */
static void test_exact_unicast(void **state)
{
	struct scn_spec *spec;
	struct sim_world *w =
		load_world(SCN("regress/failover-exact.yaml"), &spec);
	const struct meas_results *r;
	const struct meas_outage *o;
	sim_time_t fib_visible = T_FAIL + LINK_DETECT + BATCH + FIB_W;
	sim_time_t to_r1 = 2 * SER(UC_FRAME) + 2 * US;
	sim_time_t start = SIM_S(1) + 500 * US;
	uint64_t first = 1000;

	(void)state;
	while (start + (sim_time_t)first * SIM_MS(1) + to_r1 < fib_visible)
		first++;
	sim_world_run(w, SIM_TIME_NEVER);
	r = sim_world_finish(w);
	o = outage_of(r, "voice", 0);
	assert_non_null(o);
	assert_int_equal(o->before_seq, 999);
	assert_int_equal(o->before_rx,
			 start + 999 * SIM_MS(1) + PATH(UC_FRAME));
	assert_int_equal(o->after_seq, first);
	assert_int_equal(o->lost, first - 1000);
	assert_int_equal(o->loss_derived, (sim_time_t)o->lost * SIM_MS(1));
	assert_int_equal(o->time_derived, SIM_MS(5));
	assert_null(outage_of(r, "voice", 1));
	sim_world_free(w);
	scn_spec_free(spec);
}

/* routed-failover.yaml: every flow recovers from both faults, detection is the
 * profile's link_detect, nothing is duplicated. */
static void test_routed_failover(void **state)
{
	struct scn_spec *spec;
	struct sim_world *w = load_world(SCN("routed-failover.yaml"), &spec);
	const struct meas_results *r;

	(void)state;
	sim_world_run(w, SIM_TIME_NEVER);
	r = sim_world_finish(w);
	assert_int_equal(r->nfaults, 2);
	assert_int_equal(r->nflows, 14);
	for (size_t i = 0; i < r->nfaults; i++)
		assert_int_equal(r->faults[i].stage[MEAS_STAGE_DETECTION],
				 SIM_MS(5));
	for (size_t i = 0; i < r->noutages; i++) {
		assert_true(r->outages[i].recovered);
		assert_int_equal(r->outages[i].dups, 0);
		/* Nothing heals before detection + one programming batch. */
		if (r->outages[i].fault == 0)
			assert_true(r->outages[i].after_rx >=
				    T_FAIL + LINK_DETECT + BATCH);
	}
	for (size_t i = 0; i < r->nflows; i++) {
		assert_int_equal(r->flows[i].tail_lost, 0);
		assert_int_equal(r->flows[i].dups, 0);
	}
	sim_world_free(w);
	scn_spec_free(spec);
}

static const char crash_scn[] =
	"name: crash\nduration: 6s\n"
	"nodes:\n"
	"  - name: R1\n    kind: router\n    boot_delay: 1s\n"
	"    config: |\n"
	"      system-view\n"
	"      interface GE0/1/0\n"
	"       ip address 10.0.1.1 24\n"
	"      interface GE0/2/0\n"
	"       ip address 10.0.2.1 24\n"
	"      commit\n"
	"  - { name: a, kind: host, interfaces: [ { ipv4: 10.0.1.10/24, "
	"gateway: 10.0.1.1 } ] }\n"
	"  - { name: b, kind: host, interfaces: [ { ipv4: 10.0.2.10/24, "
	"gateway: 10.0.2.1 } ] }\n"
	"links:\n"
	"  - { a: \"a:eth0\", b: \"R1:GE0/1/0\" }\n"
	"  - { a: \"b:eth0\", b: \"R1:GE0/2/0\" }\n"
	"traffic:\n"
	"  unicast:\n"
	"    - { name: f, from: a, to: b, rate: 1000, size: 100, start: 1s, "
	"stop: 5s }\n"
	"faults:\n"
	"  - { at: 2s, crash: R1 }\n"
	"  - { at: 2.5s, restart: R1 }\n";

/*
 * A crashed router is silent and forgets everything; restarted at 2.5 s it
 * boots 1 s later, and the flow comes back once R1 has resolved b again.
 * a keeps its ARP entry for R1 (R1's MAC is unchanged), so nothing heals
 * before 3.5 s and everything has healed within a few packets after it.
 */
static void test_crash_restart(void **state)
{
	struct scn_spec *spec;
	char err[1024];
	struct sim_world *w;
	const struct meas_results *r;
	const struct meas_outage *o;

	(void)state;
	assert_int_equal(scn_load_string(crash_scn, "crash.yaml", &spec, err,
					 sizeof(err)),
			 0);
	w = sim_world_new(spec, NULL, NULL, err, sizeof(err));
	assert_non_null(w);
	sim_world_run(w, SIM_TIME_NEVER);
	r = sim_world_finish(w);
	o = outage_of(r, "f", 0);
	assert_non_null(o);
	assert_true(o->recovered);
	assert_true(o->before_rx < SIM_S(2));
	assert_true(o->after_rx > SIM_MS(3500));
	assert_true(o->after_rx < SIM_MS(3500) + SIM_MS(3));
	assert_int_equal(r->nfaults, 2);
	assert_null(outage_of(r, "f", 1)); /* attributed to the crash */
	sim_world_free(w);
	scn_spec_free(spec);
}

/* A bad VRP line fails the load with the scenario's file:line. */
static void test_bad_command_names_line(void **state)
{
	static const char text[] =
		"name: bad\nduration: 1s\n"
		"nodes:\n"
		"  - name: R1\n    kind: router\n    config: |\n"
		"      system-view\n"
		"      interface GE0/1/0\n"
		"       ip adress 10.0.1.1 24\n"
		"      commit\n"
		"  - { name: h, kind: host }\n"
		"links:\n  - { a: \"h:eth0\", b: \"R1:GE0/1/0\" }\n";
	struct scn_spec *spec;
	char err[1024];

	(void)state;
	assert_int_equal(
		scn_load_string(text, "bad.yaml", &spec, err, sizeof(err)), 0);
	assert_null(sim_world_new(spec, NULL, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "bad.yaml:9:11: "));
	assert_non_null(strstr(err, "Unrecognized command"));
	assert_non_null(strstr(err, "ip adress 10.0.1.1 24"));
	scn_spec_free(spec);
}

static void test_bad_port_names_line(void **state)
{
	static const char text[] =
		"name: bad\nduration: 1s\n"
		"nodes:\n"
		"  - { name: R1, kind: router }\n"
		"  - { name: h, kind: host }\n"
		"links:\n  - { a: \"h:eth0\", b: \"R1:Fooether1\" }\n";
	struct scn_spec *spec;
	char err[1024];

	(void)state;
	assert_int_equal(
		scn_load_string(text, "port.yaml", &spec, err, sizeof(err)), 0);
	assert_null(sim_world_new(spec, NULL, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "port.yaml:7:"));
	assert_non_null(strstr(err, "Fooether1"));
	scn_spec_free(spec);
}

struct cli_seen {
	int n;
	bool routing_table;
	int replies;
	sim_time_t rtt;
	char stats[SIM_LOG_REC_MAX];
};

static void cli_tap(void *arg, const struct sim_log_rec *r)
{
	struct cli_seen *c = arg;
	char out[1024];

	if (!strcmp(r->module, "ping") && !strcmp(r->event, "reply")) {
		c->replies++;
		if (sim_log_field(r, "rtt_ns", out, sizeof(out)))
			c->rtt = strtoll(out, NULL, 10);
	}
	if (!strcmp(r->module, "ping") && !strcmp(r->event, "statistics"))
		snprintf(c->stats, sizeof(c->stats), "%s", r->json);
	if (strcmp(r->module, "cli") || strcmp(r->event, "exec"))
		return;
	c->n++;
	if (sim_log_field(r, "output", out, sizeof(out)) &&
	    strstr(out, "Routing Tables: Public"))
		c->routing_table = true;
}

/*
 * Every fault kind (faults-mix.yaml). Shutdown of R1's core port darkens
 * the link: R2 notices 5 ms later and withdraws its routes, so multicast
 * and unicast only come back after undo shutdown at 1.5 s plus R2's
 * link_detect. A 300 ms control-plane freeze of R2 costs nothing (its
 * ASIC keeps forwarding). Loss on the core link makes only short outages
 * inside [3 s, 3.5 s]. The crash of R2 at 4 s lasts until it has booted
 * (restart at 4.2 s + 500 ms boot delay).
 */
static void test_faults_mix(void **state)
{
	struct scn_spec *spec;
	struct sim_world *w = load_world(SCN("regress/faults-mix.yaml"), &spec);
	const struct meas_results *r;
	struct cli_seen seen = { 0 };
	int by_fault[9] = { 0 };

	(void)state;
	sim_log_add_tap(sim_world_log(w), cli_tap, &seen);
	sim_world_run(w, SIM_TIME_NEVER);
	r = sim_world_finish(w);
	assert_int_equal(r->nfaults, 9);
	for (size_t i = 0; i < r->noutages; i++) {
		const struct meas_outage *o = &r->outages[i];

		assert_true(o->fault >= 0 && o->fault < 9);
		assert_true(o->recovered);
		by_fault[o->fault]++;
		switch (o->fault) {
		case 0:
			assert_true(o->before_rx < SIM_S(1));
			assert_true(o->after_rx > SIM_MS(1505));
			if (r->streams[r->flows[o->flow].stream].kind ==
			    MEAS_MULTICAST) {
				/* + 2 packet intervals */
				assert_true(o->after_rx < SIM_MS(1510));
				break;
			}
			/* R1's first ARP for R2 (1.502 s) reaches R2 before R2
			 * has detected the light (1.505 s) and is dropped:
			 * unicast waits for the ARP retry 1 s later. */
			assert_true(o->after_rx > SIM_MS(2502));
			assert_true(o->after_rx < SIM_MS(2510));
			break;
		case 3:
			assert_true(o->start >= SIM_S(3));
			assert_true(o->after_rx <= SIM_MS(3500) + SIM_MS(10));
			assert_true(o->lost <= 5);
			break;
		case 7:
			assert_true(o->before_rx < SIM_S(4));
			assert_true(o->after_rx > SIM_MS(4700));
			assert_true(o->after_rx < SIM_MS(4710));
			break;
		default:
			fail_msg("outage attributed to fault %d", o->fault);
		}
	}
	assert_int_equal(by_fault[0], 3); /* two groups and the flow */
	assert_true(by_fault[3] > 0);
	assert_int_equal(by_fault[7], 3);
	assert_int_equal(seen.n, 4); /* shutdown, undo, display, ping */
	assert_true(seen.routing_table);
	/*
	 * R1 pings rcv: inject 20 us, then each way a 98-byte frame over the
	 * core link (20 us) and link b (1 us) at 1 Gb/s, R2's pipeline (2 us)
	 * each way, and the reply's punt (30 us) into R1's CPU.
	 */
	assert_int_equal(seen.replies, 3);
	assert_int_equal(seen.rtt, 20 * US + 4 * SER(98) + 2 * (20 + 1) * US +
					   2 * PIPE + 30 * US);
	assert_non_null(strstr(seen.stats, "\"received\":3"));
	sim_world_free(w);
	scn_spec_free(spec);
}

/* Two 1000 pps groups on one LAN, no router: a leaves at 500 ms. */
static const char leave_scn[] =
	"name: leave\nduration: 1s\n"
	"nodes:\n"
	"  - { name: SW, kind: switch }\n"
	"  - { name: src, kind: host, ipv4: 10.0.0.1/24 }\n"
	"  - { name: a, kind: host, ipv4: 10.0.0.2/24 }\n"
	"  - { name: b, kind: host, ipv4: 10.0.0.3/24 }\n"
	"links:\n"
	"  - { a: \"src:eth0\", b: \"SW:p1\" }\n"
	"  - { a: \"a:eth0\", b: \"SW:p2\" }\n"
	"  - { a: \"b:eth0\", b: \"SW:p3\" }\n"
	"traffic:\n"
	"  multicast:\n"
	"    - { name: tv, source: src, group: 239.1.1.1, count: 2, rate: "
	"1000, size: 100, port: 5000, start: 100ms }\n"
	"  receivers:\n"
	"    - { host: a, streams: [tv], join: 200ms, leave: 500ms }\n"
	"    - { host: b, streams: [tv], join: 200ms }\n";

/*
 * A receiver that leaves stops expecting its streams: packets 100..399 of
 * each group reach a (the leave at 500 ms comes before packet 400 of the
 * first group, sent at that same instant), the 500 sent after the leave
 * are after_leave, not an unrecovered outage; b, which stays, gets 800.
 */
static void test_receiver_leave(void **state)
{
	struct scn_spec *spec;
	char err[1024];
	struct sim_world *w;
	const struct meas_results *r;

	(void)state;
	assert_int_equal(scn_load_string(leave_scn, "leave.yaml", &spec, err,
					 sizeof(err)),
			 0);
	w = sim_world_new(spec, NULL, NULL, err, sizeof(err));
	assert_non_null(w);
	sim_world_run(w, SIM_TIME_NEVER);
	r = sim_world_finish(w);
	assert_int_equal(r->nflows, 4);
	assert_int_equal(r->noutages, 0);
	for (size_t i = 0; i < r->nflows; i++) {
		const struct meas_flow_info *f = &r->flows[i];
		bool left = !strcmp(f->receiver, "a");

		assert_int_equal(f->sent, 900);
		assert_int_equal(f->before_first, 100);
		assert_int_equal(f->received, left ? 300 : 800);
		assert_int_equal(f->after_leave, left ? 500 : 0);
		assert_int_equal(f->lost, 0);
		assert_int_equal(f->tail_lost, 0);
		assert_true(f->left_at == (left ? SIM_MS(500) : MEAS_UNKNOWN));
	}
	sim_world_free(w);
	scn_spec_free(spec);
}

/* Two worlds stepped alternately give the results of one alone. */
static void test_two_worlds(void **state)
{
	struct scn_spec *s1, *s2, *s3;
	struct sim_world *a =
		load_world(SCN("regress/failover-exact.yaml"), &s1);
	struct sim_world *b =
		load_world(SCN("regress/failover-exact.yaml"), &s2);
	struct sim_world *c =
		load_world(SCN("regress/failover-exact.yaml"), &s3);
	const struct meas_results *ra, *rb, *rc;

	(void)state;
	for (sim_time_t t = SIM_MS(1); t <= sim_world_duration(a);
	     t += SIM_MS(7)) {
		sim_world_run(a, t);
		sim_world_run(b, t);
	}
	sim_world_run(a, SIM_TIME_NEVER);
	sim_world_run(b, SIM_TIME_NEVER);
	sim_world_run(c, SIM_TIME_NEVER);
	ra = sim_world_finish(a);
	rb = sim_world_finish(b);
	rc = sim_world_finish(c);
	assert_int_equal(ra->noutages, rc->noutages);
	assert_int_equal(rb->noutages, rc->noutages);
	for (size_t i = 0; i < rc->noutages; i++) {
		assert_int_equal(ra->outages[i].after_rx,
				 rc->outages[i].after_rx);
		assert_int_equal(rb->outages[i].after_rx,
				 rc->outages[i].after_rx);
	}
	assert_int_equal(sim_engine_fired(sim_world_engine(a)),
			 sim_engine_fired(sim_world_engine(c)));
	assert_int_equal(sim_world_log(a)->records, sim_world_log(c)->records);
	sim_world_free(a);
	sim_world_free(b);
	sim_world_free(c);
	scn_spec_free(s1);
	scn_spec_free(s2);
	scn_spec_free(s3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_multicast),
		cmocka_unit_test(test_exact_unicast),
		cmocka_unit_test(test_routed_failover),
		cmocka_unit_test(test_crash_restart),
		cmocka_unit_test(test_faults_mix),
		cmocka_unit_test(test_bad_command_names_line),
		cmocka_unit_test(test_bad_port_names_line),
		cmocka_unit_test(test_two_worlds),
		cmocka_unit_test(test_receiver_leave),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
