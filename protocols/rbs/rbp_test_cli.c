/*
 * The VRP commands of remote backup profiles on the test worlds
 * (rbp_test_util.h): each refusal with its reason (a backup-id another
 * profile has, vrrp-id and vrrp6-id together, an interface or profile
 * that does not exist, a loopback, a profile still bound, undo forms that
 * name another value, batch-backup now without what it needs), the undo
 * forms and service-type taking effect on IGMP, and the display of both
 * roles after a batch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/rbs/rbp_test_util.h"

#define OUT 8192

/* Run lines on R1; the output must contain want. */
static void expect(struct bt *t, int i, const char *lines, const char *want)
{
	char out[OUT];

	bt_cli(t, i, lines, out, sizeof(out));
	if (!strstr(out, want))
		fail_msg("`%s`: no \"%s\" in:\n%s", lines, want, out);
}

#define P2    "system-view\nremote-backup-profile p2\n"
#define P1    "system-view\nremote-backup-profile p1\n"
#define IF(x) "system-view\ninterface GigabitEthernet" x "\n"

static void test_cli_errors(void **state)
{
	struct bt *t = bt_load(BT_FLOWDOWN, true, "", "");

	(void)state;
	bt_run(t, SIM_MS(10));
	expect(t, 0, P2 "backup-id 10 remote-backup-service rbs1\ncommit",
	       "The backup-id 10 is used by the remote backup profile p1.");
	expect(t, 0, P2 "vrrp-id 1 interface GigabitEthernet0/9/0\ncommit",
	       "The interface GigabitEthernet0/9/0 does not exist.");
	expect(t, 0,
	       P2 "vrrp-id 1 interface GigabitEthernet0/3/0\n"
		  "vrrp6-id 1 interface GigabitEthernet0/3/0\ncommit",
	       "The profile follows a VRRP group already; run undo vrrp-id "
	       "first.");
	expect(t, 0,
	       P2 "undo vrrp6-id 1 interface GigabitEthernet0/3/0\n"
		  "commit",
	       "No vrrp6-id is configured.");
	expect(t, 0,
	       P2 "undo vrrp-id 2 interface GigabitEthernet0/3/0\n"
		  "commit",
	       "The configured vrrp-id differs.");
	expect(t, 0, P2 "batch-backup now", "The profile has no backup-id.");
	expect(t, 0,
	       P2 "backup-id 11 remote-backup-service rbs9\ncommit\n"
		  "batch-backup now",
	       "The remote backup service rbs9 is not connected.");
	expect(t, 0, P2 "undo backup-id 12 remote-backup-service rbs1\ncommit",
	       "The configured backup-id differs.");
	bt_up(t);
	expect(t, 0,
	       P2 "backup-id 11 remote-backup-service rbs1\nundo vrrp-id\n"
		  "commit\nbatch-backup now",
	       "The profile has no VRRP group: it neither sends nor "
	       "receives.");
	expect(t, 0, "system-view\nundo remote-backup-profile p1\ncommit",
	       "The profile is bound to GigabitEthernet0/1/0.");
	expect(t, 0, "system-view\nundo remote-backup-profile p9\ncommit",
	       "The remote backup profile p9 does not exist.");
	expect(t, 0, IF("0/2/0") "remote-backup-profile p9\ncommit",
	       "The remote backup profile p9 does not exist.");
	expect(t, 0, IF("0/2/0") "undo remote-backup-profile p2\ncommit",
	       "The interface is bound to no remote backup profile.");
	expect(t, 0, IF("0/1/0") "undo remote-backup-profile p2\ncommit",
	       "The interface is bound to the remote backup profile p1.");
	expect(t, 0,
	       "system-view\ninterface LoopBack0\nremote-backup-profile p2\n"
	       "commit",
	       "A loopback interface has no hosts to back up.");
	expect(t, 0, "display remote-backup-profile p9",
	       "The remote backup profile p9 does not exist.");
	/* What was refused changed nothing. */
	assert_int_equal(bt_info(t, 0).backup_id, 10);
	assert_string_equal(rbp_iface_profile(rbp_inst(t->r[0]), BT_LAN), "p1");
	bt_free(t);
}

/* Undo forms take effect: unbinding ends passive mode, the service type
 * chooses the families, a profile with nothing bound can go. */
static void test_cli_undo(void **state)
{
	struct bt *t = bt_load(BT_FLOWDOWN, true, "", "");
	struct node_iface *lan;
	char out[OUT];

	(void)state;
	bt_run(t, SIM_S(1));
	lan = bt_iface(t, 1, BT_LAN);
	assert_true(gmp_router_passive(t->r[1], lan, NET_AF_IP4));
	assert_string_equal(rbp_iface_profile(rbp_inst(t->r[1]), BT_LAN), "p1");
	/* MLD only: IGMP on the LAN is nobody's backup (and stops while
	 * flowdown holds the LAN). */
	bt_cli(t, 1,
	       "system-view\nremote-backup-profile p1\nservice-type mld\n"
	       "commit",
	       out, sizeof(out));
	assert_int_equal(bt_info(t, 1).families, RBP_FAM_MLD);
	assert_true(bt_info(t, 1).service_type);
	assert_false(gmp_if_running(gmp_router_if(t->r[1], lan, NET_AF_IP4)));
	bt_cli(t, 1, P1 "undo service-type\ncommit", out, sizeof(out));
	assert_int_equal(bt_info(t, 1).families, RBP_FAM_IGMP);
	assert_true(gmp_router_passive(t->r[1], lan, NET_AF_IP4));
	bt_cli(t, 1, P1 "service-type multicast\ncommit", out, sizeof(out));
	assert_int_equal(bt_info(t, 1).families, RBP_FAM_IGMP | RBP_FAM_MLD);
	bt_cli(t, 1, IF("0/1/0") "undo remote-backup-profile p1\ncommit", out,
	       sizeof(out));
	assert_null(rbp_iface_profile(rbp_inst(t->r[1]), BT_LAN));
	assert_int_equal(bt_info(t, 1).nifs, 0);
	assert_false(gmp_router_passive(t->r[1], lan, NET_AF_IP4));
	bt_cli(t, 1, P1 "undo vrrp-id\ncommit", out, sizeof(out));
	assert_int_equal(bt_info(t, 1).role, RBP_ROLE_NONE);
	bt_cli(t, 1, "system-view\nundo remote-backup-profile p1\ncommit", out,
	       sizeof(out));
	assert_int_equal(rbp_profile_info(rbp_inst(t->r[1]), "p1", NULL), -1);
	expect(t, 1, "display remote-backup-profile",
	       "Info: No remote backup profile is configured.");
	bt_free(t);
}

static const char disp_r1[] =
	"Remote backup profile: p1\n"
	"  Backup ID             : 10\n"
	"  Remote backup service : rbs1 (Connected)\n"
	"  Backup mode           : hot\n"
	"  Service type          : IGMP (from the VRRP group)\n"
	"  VRRP group            : vrrp-id 1 interface GigabitEthernet0/3/0 "
	"(Master)\n"
	"  Role                  : Master since %s s\n"
	"  Interfaces            : GigabitEthernet0/1/0, IGMP active (1 "
	"group)\n"
	"  Batches               : sent 1 (last 1.000000000 s), received 0 "
	"(last never)\n"
	"  Entries sent          : add 1, update 0, delete 0, held by the "
	"peer 1\n"
	"  Entries received      : add/update 0, delete 0, installed 0, "
	"failed 0, unknown interface 0\n"
	"  Entries removed       : 0 (stale at a batch end 0)\n"
	"  Batch requests        : sent 0, received 0\n"
	"  Errors                : batch count 0, truncated 0, send refused "
	"0, ignored 0\n";

static const char disp_r2[] =
	"Remote backup profile: p1\n"
	"  Backup ID             : 10\n"
	"  Remote backup service : rbs1 (Connected)\n"
	"  Backup mode           : hot\n"
	"  Service type          : IGMP (from the VRRP group)\n"
	"  VRRP group            : vrrp-id 1 interface GigabitEthernet0/3/0 "
	"(Backup)\n"
	"  Role                  : Backup since %s s\n"
	"  Interfaces            : GigabitEthernet0/1/0, IGMP passive (1 "
	"group)\n"
	"  Batches               : sent 0 (last never), received 1 (last "
	"1.000100000 s)\n"
	"  Entries sent          : add 0, update 0, delete 0, held by the "
	"peer 0\n"
	"  Entries received      : add/update 1, delete 0, installed 1, "
	"failed 0, unknown interface 0\n"
	"  Entries removed       : 0 (stale at a batch end 0)\n"
	"  Batch requests        : sent 0, received 0\n"
	"  Errors                : batch count 0, truncated 0, send refused "
	"0, ignored 0\n";

static void test_display(void **state)
{
	struct bt *t = bt_load(BT_FLOWDOWN, true, "", "");
	char out[OUT], want[OUT], since[32];

	(void)state;
	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_run(t, SIM_S(1));
	bt_up(t);
	bt_run(t, SIM_S(1) + SIM_MS(1));
	for (int i = 0; i < 2; i++) {
		sim_time_t s = bt_info(t, i).role_since;

		snprintf(since, sizeof(since), "%lld.%09lld",
			 (long long)(s / SIM_S(1)), (long long)(s % SIM_S(1)));
		snprintf(want, sizeof(want), i ? disp_r2 : disp_r1, since);
		bt_cli(t, i, "display remote-backup-profile", out, sizeof(out));
		assert_string_equal(out, want);
	}
	bt_cli(t, 0, "display remote-backup-profile p1", out, sizeof(out));
	snprintf(since, sizeof(since), "%lld.%09lld",
		 (long long)(bt_info(t, 0).role_since / SIM_S(1)),
		 (long long)(bt_info(t, 0).role_since % SIM_S(1)));
	snprintf(want, sizeof(want), disp_r1, since);
	assert_string_equal(out, want);
	/* The running configuration keeps every line as typed. */
	expect(t, 0, "display current-configuration",
	       "remote-backup-profile p1\n"
	       " backup-id 10 remote-backup-service rbs1\n"
	       " peer-backup hot\n"
	       " vrrp-id 1 interface GigabitEthernet0/3/0\n");
	bt_free(t);
}

static const struct CMUnitTest cli_tests[] = {
	cmocka_unit_test(test_cli_errors),
	cmocka_unit_test(test_cli_undo),
	cmocka_unit_test(test_display),
};

int rbp_cli_tests(void)
{
	return cmocka_run_group_tests_name("rbp_cli", cli_tests, NULL, NULL);
}
