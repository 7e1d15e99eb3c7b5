/*
 * The seed procedures (the .txt files of ../shared/seeds) run verbatim: every
 * "Run" step is read from the seed text, its command template instantiated
 * (keywords as written; placeholders such as *interface-type* replaced by
 * values of a small prepared network; optional [ ] groups left out; the
 * first { | } alternative taken) and typed, in the seed's order, into the
 * CLI of a master and a backup router, each step on the interface the
 * seed's context names ("On the interface that connects to a downstream
 * device", ...) and role-specific steps ("On the master device") only on
 * that router. Every line must be accepted and the commits must apply.
 * The test skips when ../shared/seeds is absent.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "sim/router/router.h"
#include "sim/run/sim_world.h"

#define SEEDS	  FAILSIM_SHARED_DIR "/seeds"
#define MAX_TOK	  64
#define MAX_STEPS 64

/* A value for each placeholder of the seeds, per router role
 * (0 master, 1 backup). */
struct ph {
	const char *name;
	const char *val[2];
};

static const struct ph ph_igmp[] = {
	{ "remote-backup-service-name", { "rbs1", "rbs1" } },
	{ "service-name", { "rbs1", "rbs1" } },
	{ "peer-ip-address", { "10.0.23.2", "10.0.23.1" } },
	{ "source-ip-address", { "10.0.23.1", "10.0.23.2" } },
	{ "port-id", { "2046", "2046" } },
	{ "profile-name", { "rbp1", "rbp1" } },
	{ "backup-id", { "10", "10" } },
	{ "vrid", { "1", "1" } },
	{ "monitor-group-name", { "mg1", "mg1" } },
	{ "interface-name",
	  { "GigabitEthernet0/1/0", "GigabitEthernet0/1/0" } },
	{ "virtual-router-id", { "1", "1" } },
	{ "failure-ratio-value", { "50", "50" } },
	{ "priority-value", { "10", "10" } },
	{ "virtual-router-id1", { "2", "2" } },
	{ "virtual-router-id2", { "1", "1" } },
	/* the group a `multicast track` names: see subst_if */
	{ "vrid-value", { "@VRID", "@VRID" } },
	{ NULL, { NULL, NULL } },
};

static const struct ph ph_mld[] = {
	{ "remote-backup-service-name", { "rbs1", "rbs1" } },
	{ "service-name", { "rbs1", "rbs1" } },
	{ "peer-ipv6-address", { "2001:db8:23::2", "2001:db8:23::1" } },
	{ "source-ipv6-address", { "2001:db8:23::1", "2001:db8:23::2" } },
	{ "port-id", { "2046", "2046" } },
	{ "profile-name", { "rbp1", "rbp1" } },
	{ "backup-id", { "10", "10" } },
	{ "vrid", { "1", "1" } },
	{ "session-name", { "s1", "s1" } },
	{ "peer-ipv6", { "2001:db8:23::2", "2001:db8:23::1" } },
	{ "source-ipv6", { "2001:db8:23::1", "2001:db8:23::2" } },
	{ "interface-name",
	  { "GigabitEthernet0/3/0", "GigabitEthernet0/3/0" } },
	{ "discr-value", { "10", "20" } },
	{ "virtual-router-id", { "2", "2" } },
	{ "virtual-address", { "FE80::2", "FE80::2" } },
	{ "bfd-session-id", { "10", "20" } }, /* the local discriminator */
	{ "value-increased", { "10", "10" } },
	{ "value-reduced", { "10", "10" } },
	{ "virtual-router-id1", { "2", "2" } },
	{ "virtual-router-id2", { "1", "1" } },
	/* the group a `multicast track` names: see subst_if */
	{ "vrid-value", { "@VRID", "@VRID" } },
	{ NULL, { NULL, NULL } },
};

/* The prerequisites the seeds assume ("a VRRP group has been created",
 * "an mVRRP group ..."): the master-backup link GE0/3/0 with the mVRRP
 * group 1, the downstream interface GE0/2/0 with the service group 2, the
 * uplink GE0/1/0. */
static const char *const pre_igmp[2] = {
	"system-view\nsysname R1\n"
	"interface GigabitEthernet0/1/0\n ip address 10.0.1.1 24\n"
	"interface GigabitEthernet0/2/0\n ip address 10.0.4.2 24\n"
	" vrrp vrid 2 virtual-ip 10.0.4.1\n"
	"interface GigabitEthernet0/3/0\n ip address 10.0.23.1 24\n"
	" vrrp vrid 1 virtual-ip 10.0.23.254\n"
	" admin-vrrp vrid 1 ignore-if-down\n"
	"quit\ncommit\nreturn\n",
	"system-view\nsysname R2\n"
	"interface GigabitEthernet0/1/0\n ip address 10.0.2.1 24\n"
	"interface GigabitEthernet0/2/0\n ip address 10.0.4.3 24\n"
	" vrrp vrid 2 virtual-ip 10.0.4.1\n"
	"interface GigabitEthernet0/3/0\n ip address 10.0.23.2 24\n"
	" vrrp vrid 1 virtual-ip 10.0.23.254\n"
	" admin-vrrp vrid 1 ignore-if-down\n"
	"quit\ncommit\nreturn\n",
};

static const char *const pre_mld[2] = {
	"system-view\nsysname R1\n"
	"interface GigabitEthernet0/1/0\n ipv6 enable\n"
	" ipv6 address 2001:db8:1::1 64\n"
	"interface GigabitEthernet0/2/0\n ipv6 enable\n"
	" ipv6 address 2001:db8:4::2 64\n"
	"interface GigabitEthernet0/3/0\n ipv6 enable\n"
	" ipv6 address 2001:db8:23::1 64\n"
	" vrrp6 vrid 1 virtual-ip FE80::1 link-local\n"
	" admin-vrrp6 vrid 1 ignore-if-down\n"
	"quit\ncommit\nreturn\n",
	"system-view\nsysname R2\n"
	"interface GigabitEthernet0/1/0\n ipv6 enable\n"
	" ipv6 address 2001:db8:2::1 64\n"
	"interface GigabitEthernet0/2/0\n ipv6 enable\n"
	" ipv6 address 2001:db8:4::3 64\n"
	"interface GigabitEthernet0/3/0\n ipv6 enable\n"
	" ipv6 address 2001:db8:23::2 64\n"
	" vrrp6 vrid 1 virtual-ip FE80::1 link-local\n"
	" admin-vrrp6 vrid 1 ignore-if-down\n"
	"quit\ncommit\nreturn\n",
};

static const char world[] =
	"name: seeds\nduration: 1s\nnodes:\n"
	"  - { name: R1, kind: router }\n  - { name: R2, kind: router }\n"
	"links:\n"
	"  - { a: 'R1:GigabitEthernet0/3/0', b: 'R2:GigabitEthernet0/3/0' }\n"
	"  - { a: 'R1:GigabitEthernet0/2/0', b: 'R2:GigabitEthernet0/2/0' }\n"
	"  - { a: 'R1:GigabitEthernet0/1/0', b: 'R2:GigabitEthernet0/1/0' }\n";

struct tok {
	char s[96];
	bool italic, bold;
};

/* Drop "(cmdqueryname=...)" and the link brackets around bold text. */
static void clean(const char *in, char *out, size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; in[i] && o + 1 < cap; i++) {
		if (!strncmp(in + i, "(cmdqueryname=", 14)) {
			while (in[i] && in[i] != ')')
				i++;
			if (!in[i])
				break;
			continue;
		}
		if (in[i] == '[' && in[i + 1] == '*')
			continue;
		if (in[i] == ']' && i > 0 && in[i - 1] == '*')
			continue;
		out[o++] = in[i];
	}
	out[o] = '\0';
}

/* Words with their emphasis; [ ] { } | as tokens of their own. */
static int tokenize(const char *s, struct tok *t, int max)
{
	bool it = false, bd = false;
	int n = 0;

	for (size_t i = 0; s[i] && n < max;) {
		if (s[i] == '*') {
			size_t k = 0;

			while (s[i + k] == '*')
				k++;
			if (k % 2)
				it = !it;
			if ((k / 2) % 2)
				bd = !bd;
			i += k;
		} else if (strchr("[]{}|", s[i])) {
			snprintf(t[n].s, sizeof(t[n].s), "%c", s[i]);
			t[n].italic = t[n].bold = false;
			n++;
			i++;
		} else if (isspace((unsigned char)s[i])) {
			i++;
		} else {
			size_t k = 0;

			while (s[i + k] && !isspace((unsigned char)s[i + k]) &&
			       !strchr("*[]{}|", s[i + k]))
				k++;
			snprintf(t[n].s, sizeof(t[n].s), "%.*s", (int)k, s + i);
			t[n].italic = it;
			t[n].bold = bd;
			n++;
			i += k;
		}
	}
	return n;
}

static const char *ph_value(const struct ph *ph, const char *name, int role)
{
	for (; ph->name; ph++)
		if (!strcmp(ph->name, name))
			return ph->val[role];
	return NULL;
}

/* Placeholders the seeds' markup shows in bold by mistake. */
static bool slip(const char *w)
{
	static const char *const words[] = {
		"session-name",	  "bfd-session-id",  "virtual-router-id",
		"interface-name", "virtual-address", NULL,
	};

	for (int i = 0; words[i]; i++)
		if (!strcmp(w, words[i]))
			return true;
	return false;
}

/*
 * A command from a template: optional groups in (their first
 * alternative), except VPN instances (failsim has none); the first { | }
 * alternative; placeholders replaced. A placeholder is an italic word, a
 * word repeating the one before it ("peer-ipv6 peer-ipv6", the markup's
 * slip) or one of slip(). "interface-type interface-number" is one value.
 */
static void instantiate(const struct tok *t, int n, const struct ph *ph,
			int role, char *out, size_t cap)
{
	int skip_depth = 0, depth = 0, alt[16] = { 0 };
	size_t o = 0;

	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *w = t[i].s, *v = NULL;
		bool phd;

		if (!strcmp(w, "[") || !strcmp(w, "{")) {
			depth++;
			if (depth < 16)
				alt[depth] = 0;
			if (!skip_depth && !strcmp(w, "[") && i + 1 < n &&
			    !strcmp(t[i + 1].s, "vpn-instance"))
				skip_depth = depth;
			continue;
		}
		if (!strcmp(w, "]") || !strcmp(w, "}")) {
			if (skip_depth == depth)
				skip_depth = 0;
			depth--;
			continue;
		}
		if (!strcmp(w, "|")) {
			if (depth > 0 && depth < 16)
				alt[depth] = 1;
			continue;
		}
		bool off = skip_depth > 0;

		for (int d = 1; d <= depth && d < 16; d++)
			off |= alt[d] != 0;
		if (off || !strcmp(w, "interface-number") ||
		    !strcmp(w, "nterface-number") || !strcmp(w, "i"))
			continue;
		phd = t[i].italic || slip(w) ||
		      (i > 0 && !strcmp(w, t[i - 1].s));
		if (!strcmp(w, "interface-type"))
			v = "@IF";
		else if (phd)
			v = ph_value(ph, w, role);
		if (phd && !v)
			fail_msg("no value for placeholder '%s'", w);
		o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? " " : "",
				      v ? v : w);
	}
}

/* The interface a step names (its context, or the template's). */
static const char *step_iface(const char *ctx)
{
	if (strstr(ctx, "master and backup"))
		return "GigabitEthernet0/3/0";
	if (strstr(ctx, "downstream"))
		return "GigabitEthernet0/2/0";
	return NULL;
}

struct step {
	char cmd[2][512]; /* per role */
	char iface[32];	  /* interface to enter first, "" none */
	int only;	  /* -1 both, 0 master, 1 backup */
	int line;
};

static int read_steps(const char *path, const struct ph *ph, struct step *st)
{
	FILE *f = fopen(path, "r");
	char line[2048], clean_s[2048];
	struct tok t[MAX_TOK];
	int n = 0, ln = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) && n < MAX_STEPS) {
		char *run = strstr(line, "Run ");
		const char *ifn;

		ln++;
		if (!run || !isdigit((unsigned char)line[strspn(line, " ")]))
			continue;
		*run = '\0';
		memset(&st[n], 0, sizeof(st[n]));
		st[n].line = ln;
		st[n].only = strstr(line, "(On the master device)")   ? 0
			     : strstr(line, "(On the backup device)") ? 1
								      : -1;
		ifn = step_iface(line);
		if (ifn)
			snprintf(st[n].iface, sizeof(st[n].iface), "%s", ifn);
		clean(run + 4, clean_s, sizeof(clean_s));
		int nt = tokenize(clean_s, t, MAX_TOK);

		for (int role = 0; role < 2; role++)
			instantiate(t, nt, ph, role, st[n].cmd[role],
				    sizeof(st[n].cmd[role]));
		n++;
	}
	fclose(f);
	return n;
}

/* Replace "@IF" by the step's interface (or the downstream one) and
 * "@VRID" by the tracked group: the mVRRP (1) for admin-vrrp, the service
 * group (2) otherwise. */
static void subst_if(const char *cmd, const char *ifn, char *out, size_t cap)
{
	const char *p = strstr(cmd, "@IF"), *v = strstr(cmd, "@VRID");
	char tmp[600];

	if (v) {
		snprintf(tmp, sizeof(tmp), "%.*s%s%s", (int)(v - cmd), cmd,
			 strstr(cmd, "admin-vrrp") ? "1" : "2", v + 5);
		cmd = tmp;
		p = strstr(cmd, "@IF");
	}
	if (!p) {
		snprintf(out, cap, "%s", cmd);
		return;
	}
	/* In a binding the named interface is the master-backup link
	 * (the mVRRP); `interface X` itself enters the downstream one. */
	if (!strncmp(cmd, "interface ", 10))
		ifn = "GigabitEthernet0/2/0";
	else if (!ifn || strstr(cmd, "admin-vrrp") || strstr(cmd, "vrrp-id") ||
		 strstr(cmd, "vrrp6-id"))
		ifn = "GigabitEthernet0/3/0";
	snprintf(out, cap, "%.*s%s%s", (int)(p - cmd), cmd, ifn, p + 3);
}

/* Run a whole script in one CLI session; every line must pass. */
static void exec_ok(struct router *r, const char *script, const char *seed)
{
	struct cli_out out;

	cli_out_init(&out);
	out.echo = true;
	if (router_cli_exec(r, script, &out) != 0)
		fail_msg("%s: the procedure was refused:\n%s", seed,
			 out.buf ? out.buf : "");
	cli_out_free(&out);
}

static void add_line(char *buf, size_t cap, size_t *len, const char *line)
{
	int n = snprintf(buf + *len, cap - *len, "%s\n", line);

	assert_true(n > 0 && (size_t)n < cap - *len);
	*len += (size_t)n;
}

/*
 * skip: seed lines not typed because the seed offers them as an
 * alternative to another step ("A multicast service interface can be
 * bound to only one type of VRRP6 group ... select one type"); 0 ends.
 */
static void run_seed(const char *name, const struct ph *ph,
		     const char *const pre[2], const int *skip_lines)
{
	struct sim_opts o = { .quiet = true,
			      .modules = protocols_all,
			      .node_modules = protocols_nodes };
	struct step st[MAX_STEPS];
	struct scn_spec *spec;
	struct sim_world *w;
	char path[512], err[1024], cmd[600];
	int n;

	snprintf(path, sizeof(path), SEEDS "/%s", name);
	if (access(path, R_OK) != 0)
		skip();
	n = read_steps(path, ph, st);
	assert_true(n >= 20);
	if (getenv("SEEDS_TEST_PRINT"))
		for (int i = 0; i < n; i++)
			printf("%s:%d [%s] only=%d: %s | %s\n", name,
			       st[i].line, st[i].iface, st[i].only,
			       st[i].cmd[0], st[i].cmd[1]);
	assert_int_equal(
		scn_load_string(world, "seeds.yaml", &spec, err, sizeof(err)),
		0);
	w = sim_world_new(spec, &o, NULL, err, sizeof(err));
	if (!w)
		fail_msg("%s", err);
	for (int role = 0; role < 2; role++) {
		struct router *r =
			router_from_node(sim_world_node(w, role ? "R2" : "R1"));
		static char script[32768];
		size_t len = 0;

		exec_ok(r, pre[role], name);
		for (int i = 0; i < n; i++) {
			bool skipped = false;

			for (int k = 0; skip_lines && skip_lines[k]; k++)
				skipped |= skip_lines[k] == st[i].line;
			if (skipped || (st[i].only >= 0 && st[i].only != role))
				continue;
			if (st[i].iface[0] &&
			    strncmp(st[i].cmd[role], "quit", 4)) {
				snprintf(cmd, sizeof(cmd), "interface %s",
					 st[i].iface);
				add_line(script, sizeof(script), &len, cmd);
			}
			subst_if(st[i].cmd[role],
				 st[i].iface[0] ? st[i].iface : NULL, cmd,
				 sizeof(cmd));
			add_line(script, sizeof(script), &len, cmd);
		}
		exec_ok(r, script, name);
	}
	sim_world_free(w);
	scn_spec_free(spec);
}

static void test_igmp_seed(void **state)
{
	(void)state;
	run_seed("igmp-dual-device-backup-platform.txt", ph_igmp, pre_igmp,
		 NULL);
}

static void test_mld_seed(void **state)
{
	(void)state;
	/* step 15 (`multicast ipv6 track vrrp6`, line 164) is the other
	 * choice to step 14 (the mVRRP6 binding) */
	static const int skip[] = { 164, 0 };

	run_seed("mld-vrrp6-dual-device-hot-backup.txt", ph_mld, pre_mld, skip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_igmp_seed),
		cmocka_unit_test(test_mld_seed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
