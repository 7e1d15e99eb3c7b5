/*
 * The seed documents' procedures, typed verbatim into a session whose
 * registry holds the commands as the protocol modules will register them
 * (see cli_test_util.c): every line must parse in the view the procedure
 * types it in, each handler must see its line with the right view path, and
 * the running configuration must come out in VRP's layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/cli/cli_test_util.h"

/* seeds/igmp-dual-device-backup-platform.txt, with its prerequisites. */
static const char igmp_cfg[] =
	"system-view\n"
	"interface GigabitEthernet0/1/0\n"
	" vrrp vrid 1 virtual-ip 10.1.1.111\n"
	" admin-vrrp vrid 1 ignore-if-down\n"
	"quit\n"
	"remote-backup-service rbs1\n"
	" peer 10.1.1.2 source 10.1.1.1 port 2046\n"
	"quit\n"
	"remote-backup-profile p1\n"
	" backup-id 10 remote-backup-service rbs1\n"
	" peer-backup hot\n"
	"quit\n"
	"remote-backup-profile p1\n"
	" vrrp-id 1 interface GigabitEthernet0/1/0\n"
	"quit\n"
	"commit\n"
	"monitor-group m1\n"
	" monitor enable\n"
	" binding interface GigabitEthernet0/2/0\n"
	"quit\n"
	"multicast routing-enable\n"
	"interface GigabitEthernet0/1/1\n"
	" pim sm\n"
	" igmp enable\n"
	" vrrp vrid 1 track monitor-group m1 failure-ratio 50 reduced 20\n"
	" vrrp vrid 2 track admin-vrrp interface GigabitEthernet0/1/0 vrid 1\n"
	" multicast track admin-vrrp interface GigabitEthernet0/1/0 vrid 1\n"
	" pim ignore dr-state\n"
	" pim ignore assert-state\n"
	" remote-backup-profile p1\n"
	"quit\n"
	"commit\n";

static const char igmp_running[] =
	"#\n"
	"sysname R1\n"
	"#\n"
	"interface GigabitEthernet0/1/0\n"
	" vrrp vrid 1 virtual-ip 10.1.1.111\n"
	" admin-vrrp vrid 1 ignore-if-down\n"
	"#\n"
	"remote-backup-service rbs1\n"
	" peer 10.1.1.2 source 10.1.1.1 port 2046\n"
	"#\n"
	"remote-backup-profile p1\n"
	" backup-id 10 remote-backup-service rbs1\n"
	" peer-backup hot\n"
	" vrrp-id 1 interface GigabitEthernet0/1/0\n"
	"#\n"
	"monitor-group m1\n"
	" monitor enable\n"
	" binding interface GigabitEthernet0/2/0\n"
	"#\n"
	"multicast routing-enable\n"
	"#\n"
	"interface GigabitEthernet0/1/1\n"
	" pim sm\n"
	" igmp enable\n"
	" vrrp vrid 1 track monitor-group m1 failure-ratio 50 reduced 20\n"
	" vrrp vrid 2 track admin-vrrp interface GigabitEthernet0/1/0 vrid 1\n"
	" multicast track admin-vrrp interface GigabitEthernet0/1/0 vrid 1\n"
	" pim ignore dr-state\n"
	" pim ignore assert-state\n"
	" remote-backup-profile p1\n"
	"#\n"
	"return\n";

/* seeds/mld-vrrp6-dual-device-hot-backup.txt, master side. */
static const char mld_cfg[] =
	"system-view\n"
	"remote-backup-service rbs1\n"
	" peer-ipv6 2001:db8::2 source-ipv6 2001:db8::1 port 2046\n"
	"quit\n"
	"remote-backup-profile p1\n"
	" backup-id 10 remote-backup-service rbs1\n"
	" peer-backup hot\n"
	"quit\n"
	"remote-backup-profile p1\n"
	" vrrp6-id 1 interface GigabitEthernet0/1/0\n"
	"quit\n"
	"commit\n"
	"bfd\n"
	"quit\n"
	"bfd s1 bind peer-ipv6 FE80::2 source-ipv6 FE80::1 track-interface "
	"interface GigabitEthernet0/1/0\n"
	" discriminator local 10\n"
	" discriminator remote 20\n"
	"quit\n"
	"multicast ipv6 routing-enable\n"
	"interface GigabitEthernet0/1/0\n"
	" ipv6 enable\n"
	" ipv6 address FE80::1 link-local\n"
	" ipv6 address 2001:DB8:1::1/64\n"
	" pim ipv6 sm\n"
	" mld enable\n"
	" vrrp6 vrid 1 virtual-ip FE80::100 link-local\n"
	" vrrp6 vrid 1 track bfd-session 10 reduced 20\n"
	" vrrp6 vrid 1 track bfd-session 10 peer\n"
	" vrrp6 vrid 2 track admin-vrrp6 interface GigabitEthernet0/1/1 vrid "
	"1\n"
	" multicast ipv6 track admin-vrrp6 interface GigabitEthernet0/1/1 "
	"vrid 1\n"
	" multicast ipv6 track vrrp6 vrid 1\n"
	" pim ipv6 ignore dr-state\n"
	" pim ipv6 ignore assert-state\n"
	" remote-backup-profile p1\n"
	"quit\n"
	"commit\n";

struct fixture {
	struct cli_registry *reg;
	struct cli *c;
	struct tmod m;
	struct cli_out o;
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	f.reg = cli_registry_new();
	assert_non_null(f.reg);
	if (tmod_register(f.reg) < 0 || tmod_register_seeds(f.reg) < 0)
		fail_msg("%s", cli_registry_error(f.reg));
	f.c = cli_new(f.reg, "R1", &f.m);
	assert_non_null(f.c);
	cli_out_init(&f.o);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	cli_out_free(&f->o);
	cli_out_free(&f->m.log);
	cli_free(f->c);
	cli_registry_free(f->reg);
	return 0;
}

static void run_script(struct fixture *f, const char *text, const char *name)
{
	struct cli_err err;
	char buf[1024];

	if (cli_exec_script(f->c, text, name, 1, &f->o, &err) != 0)
		fail_msg("%s", cli_err_fmt(&err, buf, sizeof(buf)));
	assert_false(cli_has_uncommitted(f->c));
}

static void test_igmp_seed(void **state)
{
	struct fixture *f = *state;

	run_script(f, igmp_cfg, "igmp-seed");
	cli_out_clear(&f->o);
	cli_show_running(f->c, &f->o);
	assert_string_equal(cli_out_str(&f->o), igmp_running);
	/* Handlers saw each line in its view instance. */
	assert_non_null(strstr(cli_out_str(&f->m.log),
			       "remote-backup-service[rbs1] peer 10.1.1.2 "
			       "source 10.1.1.1 port 2046\n"));
	assert_non_null(strstr(cli_out_str(&f->m.log),
			       "interface[GigabitEthernet0/1/1] "
			       "remote-backup-profile p1\n"));
	assert_non_null(strstr(cli_out_str(&f->m.log),
			       "remote-backup-profile[p1] vrrp-id 1 interface "
			       "GigabitEthernet0/1/0\n"));
}

static void test_mld_seed(void **state)
{
	struct fixture *f = *state;

	run_script(f, mld_cfg, "mld-seed");
	cli_out_clear(&f->o);
	cli_show_running(f->c, &f->o);
	assert_non_null(strstr(cli_out_str(&f->o),
			       "remote-backup-service rbs1\n"
			       " peer-ipv6 2001:DB8::2 source-ipv6 2001:DB8::1 "
			       "port 2046\n"));
	assert_non_null(strstr(cli_out_str(&f->o),
			       "#\nbfd\n#\nbfd s1 bind peer-ipv6 FE80::2 "
			       "source-ipv6 FE80::1 track-interface interface "
			       "GigabitEthernet0/1/0\n"
			       " discriminator local 10\n"
			       " discriminator remote 20\n"));
	assert_non_null(strstr(cli_out_str(&f->o),
			       " vrrp6 vrid 1 virtual-ip FE80::100 link-local\n"
			       " vrrp6 vrid 1 track bfd-session 10 reduced 20\n"
			       " vrrp6 vrid 1 track bfd-session 10 peer\n"));
	assert_non_null(strstr(cli_out_str(&f->m.log),
			       "bfd-session[s1] discriminator local 10\n"));
}

/* Each variant of the seeds' syntax lines, typed in the interface view. */
static const char *const variants[] = {
	"vrrp vrid 1 track monitor-group m1 failure-ratio 50",
	"vrrp vrid 1 track monitor-group m1 failure-ratio 50 link",
	"vrrp vrid 1 track monitor-group failure-ratio 50 reduced 10",
	"vrrp vrid 1 track monitor-group failure-ratio 100 link",
	"vrrp vrid 2 track admin-vrrp interface GE0/1/0 vrid 1 unflowdown",
	"vrrp6 vrid 1 track bfd-session 10",
	"vrrp6 vrid 1 track bfd-session 10 increased 5",
	"vrrp6 vrid 1 track bfd-session 10 link",
	"vrrp6 vrid 1 virtual-ip FE80::100",
	"vrrp6 vrid 1 virtual-ip 2001:db8::100",
	"multicast track vrrp vrid 1",
	"admin-vrrp vrid 1",
	"int g0/1/1",
	"bfd s2 bind peer-ipv6 FE80::3 vpn-instance v1 track-interface "
	"interface gigabitethernet 0/1/0",
	"bfd s3 bind peer-ipv6 FE80::3 track-interface interface GE0/1/0",
	"quit",
	"remote-backup-service rbs2",
	"peer 10.1.1.2 source 10.1.1.1 port 1024",
	"peer 10.1.1.2 source 10.1.1.1 port 55535",
	"track bfd-session 10",
	"pim",
	"static-rp 10.0.0.1",
	NULL,
};

static void test_seed_variants(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(cli_exec(f->c, "system-view", &f->o), 0);
	assert_int_equal(cli_exec(f->c, "interface GE0/1/0", &f->o), 0);
	for (const char *const *l = variants; *l; l++) {
		if (cli_exec(f->c, *l, &f->o) != 0)
			fail_msg("'%s': %s", *l, cli_out_str(&f->o));
	}
	assert_string_equal(cli_prompt(f->c), "[*R1-pim]");
	assert_int_equal(cli_commit(f->c, &f->o), 0);
}

/* Lines the seeds' syntax rejects, with the word blamed. */
static const struct {
	const char *line;
	enum cli_err_code code;
	int col;
} bad[] = {
	{ "peer 10.1.1.2 source 10.1.1.1 port 1023", CLI_ERR_WRONG_PARAM, 36 },
	{ "peer 10.1.1.2 source 10.1.1.1 port 55536", CLI_ERR_WRONG_PARAM, 36 },
	{ "peer 10.1.1.2 source 10.1.1.1", CLI_ERR_INCOMPLETE, 31 },
	{ "peer 10.1.1.2 port 2046", CLI_ERR_UNRECOGNIZED, 15 },
	{ "peer FE80::2 source FE80::1 port 2046", CLI_ERR_WRONG_PARAM, 6 },
	{ "peer-ipv6 10.1.1.2 source-ipv6 10.1.1.1 port 2046",
	  CLI_ERR_WRONG_PARAM, 11 },
	{ "pe 10.1.1.2 source 10.1.1.1 port 2046", CLI_ERR_AMBIGUOUS, 1 },
};

static void test_seed_errors(void **state)
{
	struct fixture *f = *state;
	const struct cli_err *e = cli_last_error(f->c);

	assert_int_equal(cli_exec(f->c, "system-view", &f->o), 0);
	assert_int_equal(cli_exec(f->c, "remote-backup-service rbs1", &f->o),
			 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (cli_exec(f->c, bad[i].line, &f->o) == 0)
			fail_msg("'%s' accepted", bad[i].line);
		if (e->code != bad[i].code || e->col != bad[i].col)
			fail_msg("'%s': %s col %d (%s)", bad[i].line,
				 cli_err_code_name(e->code), e->col, e->reason);
	}
}

/* The views a seed command may be typed in, and how to get there. */
static const char *const view_paths[][3] = {
	{ NULL },
	{ "system-view" },
	{ "system-view", "interface GE0/1/0" },
	{ "system-view", "remote-backup-service r" },
	{ "system-view", "remote-backup-profile p" },
	{ "system-view", "monitor-group m" },
	{ "system-view", "bfd" },
	{ "system-view", "bfd s bind peer-ipv6 FE80::2 track-interface "
			 "interface GE0/1/0" },
	{ "system-view", "pim" },
};

/* Whether the keywords start a command in one of the views. */
static bool known_somewhere(struct fixture *f, const char *words)
{
	char line[256];

	snprintf(line, sizeof(line), "%s ?", words);
	for (size_t v = 0; v < sizeof(view_paths) / sizeof(view_paths[0]);
	     v++) {
		cli_exec(f->c, "return", NULL);
		for (int i = 0; i < 3 && view_paths[v][i]; i++)
			assert_int_equal(cli_exec(f->c, view_paths[v][i], NULL),
					 0);
		cli_out_clear(&f->o);
		if (cli_exec(f->c, line, &f->o) == 0 && f->o.len > 0)
			return true;
	}
	return false;
}

/* The command a "Run ..." step of a seed document names, or NULL. */
static const char *seed_step(const char *line, char *buf, size_t len)
{
	const char *run = strstr(line, "Run "), *q, *e;
	size_t n;

	if (!run)
		return NULL;
	q = strstr(run, "cmdqueryname=");
	if (q) {
		q += strlen("cmdqueryname=");
		e = strchr(q, ')');
	} else if (!strncmp(run + 4, "**", 2)) {
		q = run + 6;
		e = strstr(q, "**");
	} else {
		return NULL;
	}
	if (!e || (n = (size_t)(e - q)) == 0 || n >= len)
		return NULL;
	memcpy(buf, q, n);
	buf[n] = '\0';
	for (char *p = buf; *p; p++) {
		if (*p == '+')
			*p = ' ';
	}
	return buf;
}

/*
 * Every command a seed document says to run starts a command of the
 * registry in some view (skipped when the shared folder is absent).
 */
static void test_seed_documents(void **state)
{
	struct fixture *f = *state;
	static const char *const docs[] = {
		"igmp-dual-device-backup-platform.txt",
		"mld-vrrp6-dual-device-hot-backup.txt",
	};
	int checked = 0;

	for (size_t d = 0; d < 2; d++) {
		char path[512], line[4096], cmd[128];
		FILE *fp;

		snprintf(path, sizeof(path), "%s/seeds/%s", FAILSIM_SHARED_DIR,
			 docs[d]);
		fp = fopen(path, "r");
		if (!fp)
			continue;
		while (fgets(line, sizeof(line), fp)) {
			if (!seed_step(line, cmd, sizeof(cmd)))
				continue;
			if (!known_somewhere(f, cmd))
				fail_msg("%s: '%s' is not a command", docs[d],
					 cmd);
			checked++;
		}
		fclose(fp);
	}
	if (checked)
		assert_true(checked > 30);
}

/* Words the random lines are made of: commands, values and junk. */
static const char *const vocab[] = {
	"sys",
	"system-view",
	"int",
	"interface",
	"g0/1/0",
	"GE",
	"0/1/0",
	"quit",
	"return",
	"commit",
	"abort",
	"widget",
	"w1",
	"gadget",
	"1",
	"300",
	"count",
	"peer",
	"1.1.1.1",
	"FE80::1",
	"port",
	"2046",
	"mode",
	"fast",
	"slow",
	"track",
	"reduced",
	"link",
	"undo",
	"un",
	"dis",
	"display",
	"cur",
	"this",
	"?",
	"dis?",
	"note",
	"route",
	"10.0.0.0/8",
	"addr6",
	"2001:db8::1/64",
	"link-local",
	"bfd",
	"s1",
	"bind",
	"peer-ipv6",
	"track-interface",
	"vrrp",
	"vrid",
	"virtual-ip",
	"admin-vrrp",
	"ignore-if-down",
	"remote-backup-service",
	"rbs1",
	"source",
	"10.1.1.1",
	"remote-backup-profile",
	"pim",
	"sm",
	"ip",
	"address",
	"24",
	"sub",
	"shutdown",
	"sysname",
	"#",
	"!",
	"loop",
	"0",
	"e",
	"immediately",
	"LoopBack0",
	"Eth-Trunk1.5",
	"NULL0",
	"",
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
};

/* Valid lines mixed in so that configuration builds up. */
static const char *const good[] = {
	"system-view",
	"interface GE0/1/1",
	"interface LoopBack0",
	"vrrp vrid 1 virtual-ip 10.1.1.111",
	"admin-vrrp vrid 1 ignore-if-down",
	"pim sm",
	"widget w1",
	"widget w2",
	"count 7",
	"note a # b",
	"gadget 2",
	"level 1",
	"remote-backup-service rbs1",
	"peer 10.1.1.2 source 10.1.1.1 port 2046",
	"bfd s1 bind peer-ipv6 FE80::2 track-interface interface GE0/1/0",
	"discriminator local 10",
	"multicast routing-enable",
	"commit",
	"commit",
};

/*
 * Random lines never crash the engine or corrupt its state: whatever the
 * session ends with, its displayed configuration loads back identically.
 */
static void test_random_lines(void **state)
{
	struct fixture *f = *state;
	const size_t nv = sizeof(vocab) / sizeof(vocab[0]);
	uint64_t x = 0x5eed;
	struct tmod m2 = { 0 };
	struct cli_out o2;
	struct cli_err err;
	struct cli *c2;
	char line[1024], *saved;

	for (int i = 0; i < 20000; i++) {
		int words;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		if ((x >> 60) < 8) {
			snprintf(line, sizeof(line), "%s",
				 good[(x >> 33) %
				      (sizeof(good) / sizeof(good[0]))]);
			cli_exec(f->c, line, NULL);
			continue;
		}
		words = (int)((x >> 33) % 9);
		line[0] = '\0';
		for (int w = 0; w < words; w++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			strcat(line, w ? " " : "");
			strcat(line, vocab[(x >> 33) % nv]);
		}
		if ((x >> 20) % 64 == 0)
			snprintf(f->m.fail_on, sizeof(f->m.fail_on), "%s",
				 vocab[(x >> 40) % nv]);
		cli_out_clear(&f->o);
		cli_exec(f->c, line, &f->o);
	}
	cli_exec(f->c, "return", NULL);
	cli_exec(f->c, "system-view", NULL);
	cli_exec(f->c, "abort", NULL);
	cli_out_clear(&f->o);
	cli_show_running(f->c, &f->o);
	saved = strdup(cli_out_str(&f->o));
	assert_non_null(saved);
	/* The lines built a configuration worth checking. */
	{
		int lines = 0;

		for (const char *p = saved; *p; p++)
			lines += *p == '\n';
		assert_true(lines > 40);
	}
	c2 = cli_new(f->reg, "X", &m2);
	assert_non_null(c2);
	if (cli_load_running(c2, saved, "saved", &err) < 0)
		fail_msg("%s", cli_err_fmt(&err, line, sizeof(line)));
	cli_out_init(&o2);
	cli_show_running(c2, &o2);
	assert_string_equal(cli_out_str(&o2), saved);
	cli_out_free(&o2);
	cli_free(c2);
	free(saved);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_igmp_seed),	T(test_mld_seed),
		T(test_seed_variants),	T(test_seed_errors),
		T(test_seed_documents), T(test_random_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
