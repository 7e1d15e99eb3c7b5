/*
 * BFD on routers, end to end through scenarios: static IPv4 and IPv6
 * sessions from VRP commands come Up over real UDP (RFC 5881, TTL 255),
 * a grey failure is detected exactly one Detection Time after the last
 * packet each side accepted, track-interface takes a session down with
 * Path Down, an authentication mismatch keeps a session Down and counts
 * drops, a frozen CPU flaps a CPU session but not an offloaded one, the
 * watch API follows sessions created later, and the displays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/bfd/bfd_router.h"
#include "protocols/protocols.h"
#include "sim/router/router.h"
#include "sim/run/sim_world.h"

#define SCN FAILSIM_SOURCE_DIR "/scenarios/bfd-grey-failure.yaml"

struct bw {
	struct scn_spec *spec;
	struct sim_world *w;
	struct router *r1, *r2;
};

static void bw_load(struct bw *b, const char *text)
{
	struct sim_opts o = { .modules = protocols_all };
	char err[2048];
	int rc = text ? scn_load_string(text, "t.yaml", &b->spec, err,
					sizeof(err))
		      : scn_load_file(SCN, &b->spec, err, sizeof(err));

	if (rc != 0)
		fail_msg("%s", err);
	b->w = sim_world_new(b->spec, &o, NULL, err, sizeof(err));
	if (!b->w)
		fail_msg("%s", err);
	b->r1 = router_from_node(sim_world_node(b->w, "R1"));
	b->r2 = router_from_node(sim_world_node(b->w, "R2"));
}

static void bw_free(struct bw *b)
{
	sim_world_free(b->w);
	scn_spec_free(b->spec);
}

static struct bfd_session *sess(struct router *r, const char *name)
{
	struct bfd_session *s = bfd_find_name(bfd_inst(r), name);

	assert_non_null(s);
	return s;
}

static void run_to(struct bw *b, sim_time_t t)
{
	sim_world_run(b->w, t);
}

static const char *cli(struct router *r, const char *lines)
{
	static char buf[8192]; /* test only */
	struct cli_out out;

	cli_out_init(&out);
	router_cli_exec(r, lines, &out);
	snprintf(buf, sizeof(buf), "%s", cli_out_str(&out));
	cli_out_free(&out);
	return buf;
}

/* Both sessions come Up on both routers, CPU (R1) and offloaded (R2). */
static void test_sessions_up(void **state)
{
	static const char *const names[] = { "s4", "s6" };
	struct bw b;

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_S(2) - 1);
	for (int i = 0; i < 2; i++) {
		struct bfd_session_info a, c;

		bfd_session_info(sess(b.r1, names[i]), &a);
		bfd_session_info(sess(b.r2, names[i]), &c);
		assert_int_equal(a.state, BFD_STATE_UP);
		assert_int_equal(c.state, BFD_STATE_UP);
		assert_int_equal(a.remote_disc, c.local_disc);
		assert_int_equal(c.remote_disc, a.local_disc);
		assert_int_equal(a.tx_interval, SIM_MS(10));
		assert_int_equal(a.detect_time, SIM_MS(30));
		assert_true(a.rx > 50 && c.rx > 50);
		assert_int_equal(a.drops[BFD_DROP_TTL], 0);
	}
	assert_non_null(strstr(cli(b.r1, "display bfd session all"),
			       "10    20         10.0.12.2"));
	assert_non_null(strstr(cli(b.r1, "display bfd session all"),
			       "Total UP/DOWN Session Number : 2/0"));
	assert_non_null(strstr(cli(b.r2, "display bfd session name s6 "
					 "verbose"),
			       "ASIC (offloaded)"));
	assert_non_null(strstr(cli(b.r1, "display bfd statistics"),
			       "control-plane CPU"));
	bw_free(&b);
}

/*
 * The core link drops everything from 2 s: each session goes Down with
 * diag 1 exactly at its last accepted packet + DetectMult x 10 ms.
 */
static void test_grey_failure_detection(void **state)
{
	static const char *const names[] = { "s4", "s6" };
	struct bw b;
	struct router *rs[2];

	(void)state;
	bw_load(&b, NULL);
	rs[0] = b.r1;
	rs[1] = b.r2;
	run_to(&b, SIM_S(2));
	/* Each session's deadline, from what it last accepted before 2 s. */
	struct {
		struct bfd_session *s;
		sim_time_t down;
	} d[4], tmp;
	int n = 0;

	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 2; i++) {
			struct bfd_session_info in;

			d[n].s = sess(rs[k], names[i]);
			bfd_session_info(d[n].s, &in);
			d[n].down = in.last_rx + 3 * SIM_MS(10);
			assert_true(d[n].down > SIM_S(2));
			assert_true(d[n].down <= SIM_S(2) + SIM_MS(30));
			n++;
		}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (d[j].down < d[i].down) {
				tmp = d[i];
				d[i] = d[j];
				d[j] = tmp;
			}
	for (int i = 0; i < n; i++) {
		struct bfd_session_info in;

		/* Up 1 ns before the deadline, Down at it. */
		run_to(&b, d[i].down - 1);
		assert_int_equal(bfd_session_state(d[i].s), BFD_STATE_UP);
		run_to(&b, d[i].down);
		bfd_session_info(d[i].s, &in);
		assert_int_equal(in.state, BFD_STATE_DOWN);
		assert_int_equal(in.local_diag, BFD_DIAG_TIME_EXPIRED);
		assert_int_equal(in.last_down, d[i].down);
	}
	/* The link heals at 3 s; the sessions come back. */
	run_to(&b, SIM_MS(4400));
	for (int i = 0; i < 2; i++)
		assert_int_equal(bfd_session_state(sess(b.r1, names[i])),
				 BFD_STATE_UP);
	bw_free(&b);
}

struct seen {
	int n;
	enum bfd_state last;
	enum bfd_diag diag;
};

static void seen_fn(void *arg, struct bfd_session *s, enum bfd_state old,
		    enum bfd_state new, enum bfd_diag diag)
{
	struct seen *w = arg;

	(void)s;
	(void)old;
	w->n++;
	w->last = new;
	w->diag = diag;
}

/*
 * track-interface: shutting R1's core port takes s6 down at once with
 * Path Down; a watcher registered by discriminator sees it; undo shutdown
 * brings it back.
 */
static void test_track_interface_and_watch(void **state)
{
	struct bw b;
	struct seen w = { 0 }, late = { 0 };
	int id;

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_S(1));
	id = bfd_watch(bfd_inst(b.r1), NULL, 11, seen_fn, &w);
	assert_true(id > 0);
	assert_int_equal(bfd_watch_state(bfd_inst(b.r1), id), BFD_STATE_UP);
	/* A watch on a session that does not exist yet. */
	assert_true(bfd_watch(bfd_inst(b.r1), "s9", 0, seen_fn, &late) > 0);
	cli(b.r1, "system-view\ninterface GigabitEthernet0/2/0\nshutdown\n"
		  "commit");
	assert_int_equal(bfd_session_state(sess(b.r1, "s6")), BFD_STATE_DOWN);
	assert_int_equal(w.last, BFD_STATE_DOWN);
	assert_int_equal(w.diag, BFD_DIAG_PATH_DOWN);
	cli(b.r1, "system-view\ninterface GigabitEthernet0/2/0\nundo "
		  "shutdown\ncommit");
	run_to(&b, SIM_MS(1900)); /* before the grey failure at 2 s */
	assert_int_equal(bfd_session_state(sess(b.r1, "s6")), BFD_STATE_UP);
	assert_int_equal(w.last, BFD_STATE_UP);
	/* The late session appears and the watcher hears of it. */
	cli(b.r1, "system-view\nbfd s9 bind peer-ip 10.0.12.2\n"
		  "discriminator local 99\ncommit");
	assert_true(late.n >= 1);
	assert_int_equal(late.last, BFD_STATE_DOWN);
	bw_free(&b);
}

/* Keys differ: the session falls and stays Down; drops are counted. */
static void test_auth_mismatch(void **state)
{
	struct bw b;
	struct bfd_session_info in;

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_S(1));
	cli(b.r1, "system-view\nbfd s4 bind peer-ip 10.0.12.2 source-ip "
		  "10.0.12.1 interface GigabitEthernet0/2/0\n"
		  "authentication-mode meticulous-sha1 key-id 7 cipher "
		  "secret\ncommit");
	run_to(&b, SIM_MS(1900));
	bfd_session_info(sess(b.r2, "s4"), &in);
	assert_int_equal(in.state, BFD_STATE_DOWN);
	assert_true(in.drops[BFD_DROP_AUTH_MISMATCH] > 0);
	/* The same key on R2: Up again. */
	cli(b.r2, "system-view\nbfd s4 bind peer-ip 10.0.12.1 source-ip "
		  "10.0.12.2 interface GigabitEthernet0/2/0\n"
		  "authentication-mode meticulous-sha1 key-id 7 cipher "
		  "secret\ncommit");
	run_to(&b, SIM_MS(4400)); /* healed at 3 s, cut at 4.5 s */
	assert_int_equal(bfd_session_state(sess(b.r2, "s4")), BFD_STATE_UP);
	assert_int_equal(bfd_session_state(sess(b.r1, "s4")), BFD_STATE_UP);
	bw_free(&b);
}

/*
 * A 100 ms control-plane freeze of R1: its CPU sessions stop talking, so
 * R2 declares them Down. A freeze of R2 (offloaded) changes nothing.
 */
static void test_freeze_cpu_vs_offload(void **state)
{
	struct bw b;

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_S(1));
	router_freeze(b.r2, SIM_MS(100));
	run_to(&b, SIM_MS(1150));
	assert_int_equal(bfd_session_state(sess(b.r1, "s4")), BFD_STATE_UP);
	assert_int_equal(bfd_session_state(sess(b.r2, "s4")), BFD_STATE_UP);
	router_freeze(b.r1, SIM_MS(100));
	run_to(&b, SIM_MS(1190));
	assert_int_equal(bfd_session_state(sess(b.r2, "s4")), BFD_STATE_DOWN);
	bw_free(&b);
}

/* Configuration errors name the line. */
static void test_config_errors(void **state)
{
	static const char text[] =
		"name: x\nduration: 1s\nnodes:\n"
		"  - name: R1\n    kind: router\n    config: |\n"
		"      system-view\n"
		"      bfd s1 bind peer-ip 10.0.0.2\n"
		"      commit\n";
	struct scn_spec *spec;
	struct sim_opts o = { .modules = protocols_all };
	char err[2048];

	(void)state;
	assert_int_equal(
		scn_load_string(text, "x.yaml", &spec, err, sizeof(err)), 0);
	assert_null(sim_world_new(spec, &o, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "x.yaml:8:"));
	assert_non_null(strstr(err, "enable BFD"));
	scn_spec_free(spec);
}

static const char mh_scn[] =
	"name: mh\nduration: 4s\n"
	"nodes:\n"
	"  - name: R1\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      interface GE0/1/0\n"
	"       ip address 10.0.1.1 30\n"
	"      interface LoopBack0\n"
	"       ip address 1.1.1.1 32\n"
	"      quit\n"
	"      ip route-static 3.3.3.3 32 10.0.1.2\n"
	"      ip route-static 10.0.2.0 30 10.0.1.2\n"
	"      bfd\n"
	"      quit\n"
	"      bfd mh bind peer-ip 3.3.3.3 source-ip 1.1.1.1\n"
	"       discriminator local 1\n"
	"       discriminator remote 3\n"
	"       min-tx-interval 50\n"
	"       min-rx-interval 50\n"
	"      commit\n"
	"  - name: R2\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      interface GE0/1/0\n"
	"       ip address 10.0.1.2 30\n"
	"      interface GE0/2/0\n"
	"       ip address 10.0.2.1 30\n"
	"      quit\n"
	"      ip route-static 1.1.1.1 32 10.0.1.1\n"
	"      ip route-static 3.3.3.3 32 10.0.2.2\n"
	"      commit\n"
	"  - name: R3\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      interface GE0/1/0\n"
	"       ip address 10.0.2.2 30\n"
	"      interface LoopBack0\n"
	"       ip address 3.3.3.3 32\n"
	"      quit\n"
	"      ip route-static 1.1.1.1 32 10.0.2.1\n"
	"      ip route-static 10.0.1.0 30 10.0.2.1\n"
	"      bfd\n"
	"      quit\n"
	"      bfd mh bind peer-ip 1.1.1.1 source-ip 3.3.3.3\n"
	"       discriminator local 3\n"
	"       discriminator remote 1\n"
	"       min-tx-interval 50\n"
	"       min-rx-interval 50\n"
	"      commit\n"
	"links:\n"
	"  - { name: l1, a: \"R1:GE0/1/0\", b: \"R2:GE0/1/0\" }\n"
	"  - { name: l2, a: \"R2:GE0/2/0\", b: \"R3:GE0/1/0\" }\n"
	"faults:\n"
	"  - { at: 3s, link-down: l2 }\n";

/*
 * RFC 5883: loopback to loopback through R2 is multihop (port 4784, the
 * TTL arrives as 254 and is accepted). Cutting the far link: R1 hears
 * nothing more and declares Down after its Detection Time (3 x 50 ms).
 */
static void test_multihop(void **state)
{
	struct bw b;
	struct bfd_session *s1, *s3;
	struct bfd_session_info in;

	(void)state;
	bw_load(&b, mh_scn);
	run_to(&b, SIM_MS(2900));
	s1 = sess(b.r1, "mh");
	s3 = sess(router_from_node(sim_world_node(b.w, "R3")), "mh");
	assert_int_equal(bfd_session_state(s1), BFD_STATE_UP);
	assert_int_equal(bfd_session_state(s3), BFD_STATE_UP);
	assert_non_null(
		strstr(cli(b.r1, "display bfd session all"), "S_IP_MH"));
	assert_non_null(strstr(cli(b.r1, "display bfd session all verbose"),
			       "(Multi Hop)"));
	bfd_session_info(s1, &in);
	assert_int_equal(in.detect_time, 3 * SIM_MS(50));
	assert_int_equal(in.drops[BFD_DROP_TTL], 0);
	run_to(&b, SIM_S(3));
	bfd_session_info(s1, &in);
	run_to(&b, in.last_rx + 3 * SIM_MS(50) - 1);
	assert_int_equal(bfd_session_state(s1), BFD_STATE_UP);
	run_to(&b, in.last_rx + 3 * SIM_MS(50));
	assert_int_equal(bfd_session_state(s1), BFD_STATE_DOWN);
	bw_free(&b);
}

struct pair {
	struct bfd_inst *b;
	int other;   /* the watch the first callback cancels */
	int n_first; /* calls of the first watcher */
	struct seen second;
};

static void first_fn(void *arg, struct bfd_session *s, enum bfd_state old,
		     enum bfd_state new, enum bfd_diag diag)
{
	struct pair *p = arg;

	(void)s;
	(void)old;
	(void)diag;
	if (p->n_first++ && new != BFD_STATE_UP)
		bfd_unwatch(p->b, p->other);
}

static void second_fn(void *arg, struct bfd_session *s, enum bfd_state old,
		      enum bfd_state new, enum bfd_diag diag)
{
	struct pair *p = arg;

	seen_fn(&p->second, s, old, new, diag);
}

/*
 * A watcher that cancels another watch of the same session while a state
 * change is being reported: the cancelled one is not called (its slot is
 * empty, or reused by a new watch) and nothing crashes.
 */
static void test_unwatch_from_callback(void **state)
{
	struct bw b;
	struct pair p = { 0 };

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_S(1));
	p.b = bfd_inst(b.r1);
	assert_true(bfd_watch(p.b, "s4", 0, first_fn, &p) > 0);
	p.other = bfd_watch(p.b, "s4", 0, second_fn, &p);
	assert_true(p.other > 0);
	assert_int_equal(p.second.n, 1);
	cli(b.r1, "system-view\nbfd s4 bind peer-ip 10.0.12.2 source-ip "
		  "10.0.12.1 interface GigabitEthernet0/2/0\nshutdown\ncommit");
	assert_int_equal(bfd_session_state(sess(b.r1, "s4")),
			 BFD_STATE_ADMIN_DOWN);
	assert_int_equal(p.n_first, 2);
	assert_int_equal(p.second.n, 1);
	assert_int_equal(p.second.last, BFD_STATE_UP);
	bw_free(&b);
}

/*
 * `undo bfd NAME` deletes the session (IPv4 or IPv6) and its
 * running-configuration block; a watcher sees it Down and follows the
 * session created again under that name; deleting one that does not
 * exist is an error.
 */
static void test_undo_session(void **state)
{
	struct bw b;
	struct seen w = { 0 };
	const char *out;

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_S(1));
	assert_true(bfd_watch(bfd_inst(b.r1), "s4", 0, seen_fn, &w) > 0);
	out = cli(b.r1, "system-view\nundo bfd s4\nundo bfd s6\ncommit");
	assert_null(strstr(out, "Error"));
	assert_null(bfd_find_name(bfd_inst(b.r1), "s4"));
	assert_null(bfd_find_name(bfd_inst(b.r1), "s6"));
	assert_int_equal(w.last, BFD_STATE_DOWN);
	assert_int_equal(w.diag, BFD_DIAG_ADMIN_DOWN);
	out = cli(b.r1, "display current-configuration");
	assert_null(strstr(out, "bfd s4"));
	assert_null(strstr(out, "bfd s6"));
	assert_non_null(strstr(cli(b.r1, "display bfd session all"),
			       "Total UP/DOWN Session Number : 0/0"));
	out = cli(b.r1, "system-view\nundo bfd s4\ncommit");
	assert_non_null(strstr(out, "does not exist"));
	cli(b.r1, "system-view\nbfd s4 bind peer-ip 10.0.12.2 source-ip "
		  "10.0.12.1 interface GigabitEthernet0/2/0\n"
		  "discriminator local 10\ndiscriminator remote 20\ncommit");
	run_to(&b, SIM_MS(1900));
	assert_int_equal(bfd_session_state(sess(b.r1, "s4")), BFD_STATE_UP);
	assert_int_equal(w.last, BFD_STATE_UP);
	bw_free(&b);
}

/*
 * A session without an interface to a peer on a connected subnet is
 * single hop on that interface even when it starts while the interface
 * is down (RFC 5881): it waits with Path Down and comes Up with the
 * interface, instead of running multihop (RFC 5883) for ever.
 */
static void test_single_hop_iface_down(void **state)
{
	struct bw b;
	const char *out;

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_MS(500));
	cli(b.r1, "system-view\ninterface GigabitEthernet0/2/0\nshutdown\n"
		  "quit\nbfd s4 bind peer-ip 10.0.12.2 source-ip 10.0.12.1\n"
		  "discriminator local 10\ndiscriminator remote 20\ncommit");
	out = cli(b.r1, "display bfd session all");
	assert_non_null(strstr(out, "S_IP_PEER"));
	assert_non_null(strstr(out, "GigabitEthernet0/2/0"));
	cli(b.r1, "system-view\ninterface GigabitEthernet0/2/0\n"
		  "undo shutdown\ncommit");
	run_to(&b, SIM_MS(1900));
	assert_int_equal(bfd_session_state(sess(b.r1, "s4")), BFD_STATE_UP);
	bw_free(&b);
}

/* Binding a session again differently is refused, source included. */
static void test_rebind_refused(void **state)
{
	struct bw b;
	const char *out;

	(void)state;
	bw_load(&b, NULL);
	run_to(&b, SIM_MS(10));
	out = cli(b.r1, "system-view\nbfd s4 bind peer-ip 10.0.12.2 source-ip "
			"10.0.12.9 interface GigabitEthernet0/2/0\ncommit");
	assert_non_null(strstr(out, "bound differently"));
	out = cli(b.r1, "system-view\nbfd s6 bind peer-ipv6 FE80::2 "
			"source-ipv6 FE80::1 interface GigabitEthernet0/2/0\n"
			"commit");
	assert_non_null(strstr(out, "bound differently"));
	/* The same binding again is fine. */
	out = cli(b.r1, "system-view\nbfd s4 bind peer-ip 10.0.12.2 source-ip "
			"10.0.12.1 interface GigabitEthernet0/2/0\ncommit");
	assert_null(strstr(out, "Error"));
	bw_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_up),
		cmocka_unit_test(test_grey_failure_detection),
		cmocka_unit_test(test_track_interface_and_watch),
		cmocka_unit_test(test_auth_mismatch),
		cmocka_unit_test(test_freeze_cpu_vs_offload),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_multihop),
		cmocka_unit_test(test_rebind_refused),
		cmocka_unit_test(test_unwatch_from_callback),
		cmocka_unit_test(test_undo_session),
		cmocka_unit_test(test_single_hop_iface_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
