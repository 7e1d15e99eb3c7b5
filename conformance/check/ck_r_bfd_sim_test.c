/*
 * failsim's own BFD must pass every rule of the BFD module: routers built
 * from scenarios run real sessions (protocols/bfd), the links are
 * captured to pcap and the capture is checked. The single-hop scenario
 * brings IPv4 and IPv6 sessions Up, changes the transmit and receive
 * intervals (Poll/Final, RFC 5880 6.5 and 6.8.3), takes a session
 * administratively down and up (6.8.16), freezes one router's CPU for 300 ms so
 * its peer detects the silence (6.8.4), drops every frame for a second (grey
 * failure) and cuts the link (Path Down). The multihop scenario (RFC 5883)
 * runs an authenticated session (meticulous keyed SHA1) through a router.
 * The repository's scenarios/bfd-grey-failure.yaml and a seed scenario
 * that crashes and restarts a BFD router are checked too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "conformance/check/ck_proto.h"
#include "conformance/check/ck_r_bfd_testutil.h"
#include "conformance/check/ck_rules_captest.h"

/* A fault running VRP commands on a router at a time. */
#define CLI(at, r, session, cmd)                                               \
	"  - at: " at "\n    cli: " r "\n    command: |\n"                     \
	"      system-view\n      " session "\n      " cmd "\n"                \
	"      commit\n"
#define R1_S4                                                                  \
	"bfd s4 bind peer-ip 10.0.12.2 source-ip 10.0.12.1 "                   \
	"interface GigabitEthernet0/2/0"
#define R2_S4                                                                  \
	"bfd s4 bind peer-ip 10.0.12.1 source-ip 10.0.12.2 "                   \
	"interface GigabitEthernet0/2/0"
#define R1_S6                                                                  \
	"bfd s6 bind peer-ipv6 FE80::2 source-ipv6 FE80::1 "                   \
	"track-interface interface GigabitEthernet0/2/0"

static const char single_hop[] =
	"name: bfd-check\nseed: 11\nduration: 9500ms\n"
	"nodes:\n"
	"  - name: R1\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      interface GigabitEthernet0/2/0\n"
	"       ip address 10.0.12.1 30\n"
	"       ipv6 enable\n"
	"       ipv6 address FE80::1 link-local\n"
	"      quit\n"
	"      bfd\n"
	"      quit\n"
	"      bfd s4 bind peer-ip 10.0.12.2 source-ip 10.0.12.1 interface "
	"GigabitEthernet0/2/0\n"
	"       discriminator local 10\n"
	"      quit\n"
	"      bfd s6 bind peer-ipv6 FE80::2 source-ipv6 FE80::1 "
	"track-interface interface GigabitEthernet0/2/0\n"
	"       discriminator local 11\n"
	"       discriminator remote 21\n"
	"      quit\n"
	"      commit\n"
	"  - name: R2\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      interface GigabitEthernet0/2/0\n"
	"       ip address 10.0.12.2 30\n"
	"       ipv6 enable\n"
	"       ipv6 address FE80::2 link-local\n"
	"      quit\n"
	"      bfd\n"
	"       hardware-offload\n"
	"      quit\n"
	"      bfd s4 bind peer-ip 10.0.12.1 source-ip 10.0.12.2 interface "
	"GigabitEthernet0/2/0\n"
	"       discriminator local 20\n"
	"      quit\n"
	"      bfd s6 bind peer-ipv6 FE80::1 source-ipv6 FE80::2 "
	"track-interface interface GigabitEthernet0/2/0\n"
	"       discriminator local 21\n"
	"       discriminator remote 11\n"
	"      quit\n"
	"      commit\n"
	"links:\n"
	"  - { name: core, a: \"R1:GE0/2/0\", b: \"R2:GE0/2/0\", delay: 10us "
	"}\n"
	"faults:\n" CLI("3s", "R1", R1_S4, "min-tx-interval 20") CLI(
		"3500ms", "R2", R2_S4,
		"min-rx-interval 50") CLI("4s", "R1", R1_S6, "shutdown")
		CLI("4500ms", "R1", R1_S6,
		    "undo shutdown") "  - { at: 5500ms, freeze: R1, for: 300ms "
				     "}\n"
				     "  - { at: 6500ms, loss: core, rate: 100% "
				     "}\n"
				     "  - { at: 7500ms, loss: core, rate: 0 }\n"
				     "  - { at: 9s, link-down: core }\n"
				     "captures:\n"
				     "  - { link: core }\n";

static const char multi_hop[] =
	"name: bfd-check-mh\nseed: 3\nduration: 4s\n"
	"nodes:\n"
	"  - name: R1\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      interface GE0/1/0\n"
	"       ip address 10.0.1.1 30\n"
	"      interface LoopBack0\n"
	"       ip address 1.1.1.1 32\n"
	"      quit\n"
	"      ip route-static 3.3.3.3 32 10.0.1.2\n"
	"      bfd\n"
	"      quit\n"
	"      bfd mh bind peer-ip 3.3.3.3 source-ip 1.1.1.1\n"
	"       discriminator local 1\n"
	"       min-tx-interval 50\n"
	"       min-rx-interval 50\n"
	"       authentication-mode meticulous-sha1 key-id 7 cipher s3cret\n"
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
	"      bfd\n"
	"      quit\n"
	"      bfd mh bind peer-ip 1.1.1.1 source-ip 3.3.3.3\n"
	"       discriminator local 3\n"
	"       min-tx-interval 50\n"
	"       min-rx-interval 50\n"
	"       authentication-mode meticulous-sha1 key-id 7 cipher s3cret\n"
	"      commit\n"
	"links:\n"
	"  - { name: l1, a: \"R1:GE0/1/0\", b: \"R2:GE0/1/0\" }\n"
	"  - { name: l2, a: \"R2:GE0/2/0\", b: \"R3:GE0/1/0\" }\n"
	"faults:\n"
	"  - { at: 3s, link-down: l2 }\n"
	"captures:\n"
	"  - { link: l1 }\n";

/* Check a capture with the BFD module; the run, freed by the caller. */
static struct ck_ctx *check_pcap(const char *path)
{
	char failing[1024];
	uint64_t no;
	int dlt;
	struct ck_ctx *c = ckbt_check_pcap(path, &dlt, &no);

	assert_non_null(c);
	assert_int_equal(dlt, DLT_EN10MB);
	ckbt_failing(c, failing, sizeof(failing));
	printf("  %s: %llu frames, failing: %s\n", path, (unsigned long long)no,
	       failing[0] ? failing : "none");
	printf("   ");
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (r->checked)
			printf(" %s=%llu", r->rule->id + 4,
			       (unsigned long long)r->checked);
	}
	printf("\n");
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (r->nkept)
			printf("    %s frame %llu: %s\n", r->rule->id,
			       (unsigned long long)r->kept[0].frame,
			       r->kept[0].detail);
	}
	return c;
}

static uint64_t checked(const struct ck_ctx *c, const char *id)
{
	return ck_result(c, id)->checked;
}

static void assert_clean(const struct ck_ctx *c)
{
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (r->failed)
			fail_msg("%s failed %llu times: %s", r->rule->id,
				 (unsigned long long)r->failed,
				 r->nkept ? r->kept[0].detail : "");
	}
}

static void test_bfd_sim_single_hop(void **state)
{
	char dir[] = "/tmp/ck_r_bfd_sim_XXXXXX", path[600];
	struct ck_ctx *c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	ckc_run_scenario(single_hop, NULL, dir);
	snprintf(path, sizeof(path), "%s/core.pcap", dir);
	c = check_pcap(path);
	assert_clean(c);
	/* Every behaviour was exercised, in both families. */
	assert_true(checked(c, "bfd.tx-interval") > 500);
	assert_true(checked(c, "bfd.poll-response") >= 6);
	assert_true(checked(c, "bfd.state-transition") >= 12);
	assert_true(checked(c, "bfd.detect-timeout") >= 1);
	assert_true(checked(c, "bfd.your-disc-match") > 500);
	assert_true(checked(c, "bfd.down-tx") > 5);
	assert_true(checked(c, "bfd.src-port-stable") > 500);
	assert_true(checked(c, "bfd.ttl") > 500);
	ck_ctx_free(c);
	ckc_remove_dir(dir);
}

static void test_bfd_sim_multi_hop(void **state)
{
	char dir[] = "/tmp/ck_r_bfd_sim_XXXXXX", path[600];
	struct ck_ctx *c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	ckc_run_scenario(multi_hop, NULL, dir);
	snprintf(path, sizeof(path), "%s/l1.pcap", dir);
	c = check_pcap(path);
	assert_clean(c);
	assert_true(checked(c, "bfd.multihop-auth") > 50);
	assert_true(checked(c, "bfd.auth-seq") > 50);
	assert_true(checked(c, "bfd.tx-interval") > 30);
	assert_int_equal(checked(c, "bfd.ttl"), 0);
	ck_ctx_free(c);
	ckc_remove_dir(dir);
}

/* The repository's BFD scenario (grey failure, heal, cut; with traffic). */
static void test_bfd_sim_grey_failure(void **state)
{
	char dir[] = "/tmp/ck_r_bfd_sim_XXXXXX", path[600];
	struct ck_ctx *c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	ckc_run_scenario(NULL,
			 FAILSIM_SOURCE_DIR "/scenarios/bfd-grey-failure.yaml",
			 dir);
	snprintf(path, sizeof(path), "%s/core.pcap", dir);
	c = check_pcap(path);
	assert_clean(c);
	assert_true(checked(c, "bfd.tx-interval") > 300);
	assert_true(checked(c, "bfd.state-transition") >= 8);
	ck_ctx_free(c);
	ckc_remove_dir(dir);
}

/*
 * A seed scenario crashes the VRRP master (a BFD end) and restarts it 15 s
 * later: the restarted session starts over (its first packet says Init
 * after the Up sent before the crash), then links go down and up.
 */
static void test_bfd_sim_restart(void **state)
{
	static const char scn[] =
		FAILSIM_SOURCE_DIR "/scenarios/seeds/mld-vrrp6-hot-backup.yaml";
	char dir[] = "/tmp/ck_r_bfd_sim_XXXXXX", path[600];
	struct ck_ctx *c;

	(void)state;
	if (access(scn, R_OK) != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	ckc_run_scenario(NULL, scn, dir);
	snprintf(path, sizeof(path), "%s/mb.pcap", dir);
	c = check_pcap(path);
	assert_clean(c);
	assert_true(checked(c, "bfd.state-transition") >= 6);
	assert_true(checked(c, "bfd.tx-interval") > 1000);
	ck_ctx_free(c);
	ckc_remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bfd_sim_single_hop),
		cmocka_unit_test(test_bfd_sim_multi_hop),
		cmocka_unit_test(test_bfd_sim_grey_failure),
		cmocka_unit_test(test_bfd_sim_restart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
