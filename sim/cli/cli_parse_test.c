/*
 * Tests of the command language: every parameter type (good and bad
 * values, canonical forms), interface name canonicalisation, keyword
 * abbreviation and ambiguity, the router-style errors with their exact
 * caret column, pattern and registration errors, and "?" help.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/cli/cli_test_util.h"

/* Each type behind an action that prints the canonical value and value. */
static int show_val(struct cli_ctx *ctx, const struct cli_args *a)
{
	char buf[NET_PREFIX_STRLEN];
	struct net_addr ad = cli_arg_addr(a, "v");
	struct net_prefix p = cli_arg_prefix(a, "v");

	cli_printf(ctx, "%s", cli_arg_str(a, "v"));
	if (ad.af) {
		net_addr_fmt(&ad, buf, sizeof(buf));
		cli_printf(ctx, " a=%s", buf);
	}
	if (p.len)
		cli_printf(ctx, " len=%u", p.len);
	if (cli_arg_has(a, "x"))
		cli_printf(ctx, " x");
	cli_printf(ctx, " i=%lld\n", (long long)cli_arg_int(a, "v"));
	return 0;
}

#define T(p)                                                                   \
	{                                                                      \
		.pattern = p, .flags = CLI_ACTION, .apply = show_val           \
	}

static const struct cli_cmd type_cmds[] = {
	T("tint <v:int:1-255>"), T("tneg <v:int:-50-50>"),
	T("tbig <v:int>"),	 T("tip4 <v:ip4>"),
	T("tip6 <v:ip6>"),	 T("tip <v:ip>"),
	T("tmask <v:mask4>"),	 T("tip4len <v:ip4len>"),
	T("tip6len <v:ip6len>"), T("tpfx4 <v:pfx4>"),
	T("tpfx6 <v:pfx6>"),	 T("tpfx <v:pfx>"),
	T("tmac <v:mac>"),	 T("tif <v:iface> [ x ]"),
	T("tword <v:word:2-5>"), T("ttext <v:text:1-20>"),
	T("tdef <v:word>"),
};

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
	assert_int_equal(tmod_register(f.reg), 0);
	assert_int_equal(cli_registry_add_table(f.reg, type_cmds,
						sizeof(type_cmds) /
							sizeof(type_cmds[0])),
			 0);
	f.c = cli_new(f.reg, "R1", &f.m);
	assert_non_null(f.c);
	cli_out_init(&f.o);
	assert_string_equal(tmod_run(f.c, &f.o, "system-view"), "");
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

struct type_case {
	const char *line;
	const char *out; /* expected output, NULL when an error */
	enum cli_err_code code;
	int col;	    /* 1-based caret column */
	const char *reason; /* substring of the reason */
};

static const struct type_case type_cases[] = {
	{ "tint 1", "1 i=1\n" },
	{ "tint 255", "255 i=255\n" },
	{ "tint 0010", "10 i=10\n" },
	{ "tint 0", NULL, CLI_ERR_WRONG_PARAM, 6, "expected an integer 1-255" },
	{ "tint 256", NULL, CLI_ERR_WRONG_PARAM, 6, "integer 1-255" },
	{ "tint -1", NULL, CLI_ERR_WRONG_PARAM, 6, "integer 1-255" },
	{ "tint 1x", NULL, CLI_ERR_WRONG_PARAM, 6, "integer" },
	{ "tint 99999999999999999999999", NULL, CLI_ERR_WRONG_PARAM, 6,
	  "integer" },
	{ "tneg -50", "-50 i=-50\n" },
	{ "tneg 50", "50 i=50\n" },
	{ "tneg -51", NULL, CLI_ERR_WRONG_PARAM, 6, "integer -50-50" },
	{ "tneg -", NULL, CLI_ERR_WRONG_PARAM, 6, "integer" },
	{ "tbig 4294967295", "4294967295 i=4294967295\n" },
	{ "tbig 4294967296", NULL, CLI_ERR_WRONG_PARAM, 6,
	  "integer 0-4294967295" },
	{ "tip4 10.1.1.111", "10.1.1.111 a=10.1.1.111 i=0\n" },
	{ "tip4 10.1.1", NULL, CLI_ERR_WRONG_PARAM, 6, "an IPv4 address" },
	{ "tip4 10.1.1.256", NULL, CLI_ERR_WRONG_PARAM, 6, "IPv4" },
	{ "tip4 FE80::1", NULL, CLI_ERR_WRONG_PARAM, 6, "IPv4" },
	{ "tip6 FE80::1", "FE80::1 a=fe80::1 i=0\n" },
	{ "tip6 fe80::2", "FE80::2 a=fe80::2 i=0\n" },
	{ "tip6 2001:db8:0:0:0:0:0:1", "2001:DB8::1 a=2001:db8::1 i=0\n" },
	{ "tip6 ::", ":: a=:: i=0\n" },
	{ "tip6 10.1.1.1", NULL, CLI_ERR_WRONG_PARAM, 6, "an IPv6 address" },
	{ "tip6 fe80:::1", NULL, CLI_ERR_WRONG_PARAM, 6, "IPv6" },
	{ "tip6 fe80::1%eth0", NULL, CLI_ERR_WRONG_PARAM, 6, "IPv6" },
	{ "tip 10.0.0.1", "10.0.0.1 a=10.0.0.1 i=0\n" },
	{ "tip 2001:DB8::5", "2001:DB8::5 a=2001:db8::5 i=0\n" },
	{ "tip host", NULL, CLI_ERR_WRONG_PARAM, 5, "IPv4 or IPv6" },
	{ "tmask 24", "255.255.255.0 i=24\n" },
	{ "tmask 0", "0.0.0.0 i=0\n" },
	{ "tmask 32", "255.255.255.255 i=32\n" },
	{ "tmask 255.255.254.0", "255.255.254.0 i=23\n" },
	{ "tmask 33", NULL, CLI_ERR_WRONG_PARAM, 7, "mask" },
	{ "tmask 255.0.255.0", NULL, CLI_ERR_WRONG_PARAM, 7, "mask" },
	{ "tmask 024", NULL, CLI_ERR_WRONG_PARAM, 7, "length 0-32" },
	{ "tip4len 10.1.1.1/24", "10.1.1.1/24 a=10.1.1.1 len=24 i=24\n" },
	{ "tip4len 10.1.1.1/33", NULL, CLI_ERR_WRONG_PARAM, 9, "IPv4" },
	{ "tip4len 10.1.1.1", NULL, CLI_ERR_WRONG_PARAM, 9, "address/length" },
	{ "tip6len 2001:db8::1/64",
	  "2001:DB8::1/64 a=2001:db8::1 len=64 i=64\n" },
	{ "tip6len fe80::1/129", NULL, CLI_ERR_WRONG_PARAM, 9, "IPv6" },
	{ "tpfx4 10.1.2.3/16", "10.1.0.0/16 a=10.1.0.0 len=16 i=16\n" },
	{ "tpfx4 0.0.0.0/0", "0.0.0.0/0 a=0.0.0.0 i=0\n" },
	{ "tpfx4 10.1.0.0/x", NULL, CLI_ERR_WRONG_PARAM, 7, "IPv4 prefix" },
	{ "tpfx6 2001:db8:1::/48",
	  "2001:DB8:1::/48 a=2001:db8:1:: len=48 i=48\n" },
	{ "tpfx6 10.0.0.0/8", NULL, CLI_ERR_WRONG_PARAM, 7, "IPv6 prefix" },
	{ "tpfx ff00::/8", "FF00::/8 a=ff00:: len=8 i=8\n" },
	{ "tmac 00:11:22:aa:bb:cc", "0011-22aa-bbcc i=0\n" },
	{ "tmac 0011-22aa-bbcc", "0011-22aa-bbcc i=0\n" },
	{ "tmac 0011-22aa", NULL, CLI_ERR_WRONG_PARAM, 6, "MAC address" },
	{ "tif GigabitEthernet0/1/0", "GigabitEthernet0/1/0 i=0\n" },
	{ "tif gigabitethernet 0/1/0 x", "GigabitEthernet0/1/0 x i=0\n" },
	{ "tif GE0/1/0.100", "GigabitEthernet0/1/0.100 i=0\n" },
	{ "tif GE", NULL, CLI_ERR_INCOMPLETE, 8, "interface number" },
	{ "tif GE x", NULL, CLI_ERR_WRONG_PARAM, 8,
	  "interface number after 'GE'" },
	{ "tif GE 0/1/0/1", NULL, CLI_ERR_WRONG_PARAM, 8,
	  "bad interface number '0/1/0/1'" },
	{ "tif GE 0", NULL, CLI_ERR_WRONG_PARAM, 8, "slot/card/port" },
	{ "tif Foo0/1/0", NULL, CLI_ERR_WRONG_PARAM, 5,
	  "expected an interface name" },
	{ "tif LoopBack0/1", NULL, CLI_ERR_WRONG_PARAM, 5,
	  "LoopBack takes one number" },
	{ "tword ab", "ab i=0\n" },
	{ "tword abcde", "abcde i=0\n" },
	{ "tword a", NULL, CLI_ERR_WRONG_PARAM, 7, "name of 2-5 characters" },
	{ "tword abcdef", NULL, CLI_ERR_WRONG_PARAM, 7, "2-5" },
	{ "tdef abcdefghij", "abcdefghij i=0\n" },
	{ "ttext one two  three", "one two  three i=0\n" },
	{ "ttext 0123456789 123456789", "0123456789 123456789 i=0\n" },
	{ "ttext 0123456789 123456789x", NULL, CLI_ERR_WRONG_PARAM, 7,
	  "text of 1-20 characters" },
	{ "ttext", NULL, CLI_ERR_INCOMPLETE, 7, "text of 1-20" },
};

static void check_case(struct fixture *f, const char *line, const char *out,
		       enum cli_err_code code, int col, const char *reason)
{
	const struct cli_err *e;
	const char *got = tmod_run(f->c, &f->o, line);

	e = cli_last_error(f->c);
	if (out) {
		if (e->code != CLI_ERR_NONE)
			fail_msg("'%s': unexpected error %s (%s)", line, e->msg,
				 e->reason);
		assert_string_equal(got, out);
		return;
	}
	if (e->code != code || e->col != col)
		fail_msg("'%s': got %s col %d (%s), want %s col %d", line,
			 cli_err_code_name(e->code), e->col, e->reason,
			 cli_err_code_name(code), col);
	if (!strstr(e->reason, reason))
		fail_msg("'%s': reason '%s' lacks '%s'", line, e->reason,
			 reason);
	assert_string_equal(e->text, line);
}

static void test_types(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(type_cases) / sizeof(type_cases[0]);
	     i++) {
		const struct type_case *t = &type_cases[i];

		check_case(f, t->line, t->out, t->code, t->col, t->reason);
	}
}

struct if_case {
	const char *in;
	const char *canon; /* NULL: rejected */
};

static const struct if_case if_cases[] = {
	{ "GigabitEthernet0/1/0", "GigabitEthernet0/1/0" },
	{ "GE0/1/0", "GigabitEthernet0/1/0" },
	{ "ge0/1/0", "GigabitEthernet0/1/0" },
	{ "g0/1/0", "GigabitEthernet0/1/0" },
	{ "Gi0/1/0", "GigabitEthernet0/1/0" },
	{ "gigabitethernet 0/1/0", "GigabitEthernet0/1/0" },
	{ "GigabitEthernet0/1/0.1", "GigabitEthernet0/1/0.1" },
	{ "GE0/01/00", "GigabitEthernet0/1/0" },
	{ "GE1/0", "GigabitEthernet1/0" },
	{ "LoopBack0", "LoopBack0" },
	{ "loopback 0", "LoopBack0" },
	{ "Loop0", "LoopBack0" },
	{ "lo1", "LoopBack1" },
	{ "Eth-Trunk1", "Eth-Trunk1" },
	{ "eth-trunk 10.5", "Eth-Trunk10.5" },
	{ "Vlanif10", "Vlanif10" },
	{ "vlan 4094", "Vlanif4094" },
	{ "Ethernet0/0/1", "Ethernet0/0/1" },
	{ "ethe0/0/1", "Ethernet0/0/1" },
	{ "XGigabitEthernet0/0/1", "XGigabitEthernet0/0/1" },
	{ "XGE0/0/1", "XGigabitEthernet0/0/1" },
	{ "x0/0/1", "XGigabitEthernet0/0/1" },
	{ "10GE1/0/1", "10GE1/0/1" },
	{ "10ge1/0/1", "10GE1/0/1" },
	{ "100GE1/0/1", "100GE1/0/1" },
	{ "NULL0", "NULL0" },
	{ "null 0", "NULL0" },
	{ "Tunnel1", "Tunnel1" },
	{ "Eth0/0/1", NULL }, /* Ethernet or Eth-Trunk */
	{ "e1", NULL },	      /* ditto */
	{ "NULL1", NULL },    /* only NULL0 */
	{ "Vlanif0", NULL },  /* 1-4094 */
	{ "Vlanif4095", NULL },
	{ "LoopBack0.1", NULL }, /* no sub-interfaces */
	{ "GE0", NULL },	 /* slot/card/port */
	{ "GE0/1/0/1", NULL },
	{ "GE0//1", NULL },
	{ "GE0/1/", NULL },
	{ "GE0/1/0.", NULL },
	{ "GE0/1/0.0", NULL },
	{ "GE0/1/0.65536", NULL },
	{ "GE0/1/99999999", NULL },
	{ "GigabitEthernet", NULL },
	{ "0/1/0", NULL },
	{ "", NULL },
	{ "Serial0/0/0", NULL },
};

static void test_iface_canon(void **state)
{
	char out[CLI_KEY_MAX], why[128];

	(void)state;
	for (size_t i = 0; i < sizeof(if_cases) / sizeof(if_cases[0]); i++) {
		const struct if_case *t = &if_cases[i];
		int rc = cli_iface_canon(t->in, out, sizeof(out), why,
					 sizeof(why));

		if (t->canon) {
			if (rc != 0)
				fail_msg("'%s' rejected: %s", t->in, why);
			assert_string_equal(out, t->canon);
		} else if (rc == 0) {
			fail_msg("'%s' accepted as '%s'", t->in, out);
		} else {
			assert_true(why[0] != '\0');
		}
	}
	/* A buffer too small for the name is an error, not a truncation. */
	assert_int_equal(cli_iface_canon("GE0/1/0", out, 8, why, sizeof(why)),
			 -1);
}

/* Abbreviation, ambiguity and the error kinds, each with its caret. */
static const struct type_case parse_cases[] = {
	/* In the system view "wid" is widget or widget-global. */
	{ "wid w1", NULL, CLI_ERR_UNRECOGNIZED, 1, "no command 'wid'" },
	{ "WIDGET W2", "" },
	{ "widget w1", "" },
	{ "cou 5", "" }, /* count */
	{ "co 5", NULL, CLI_ERR_AMBIGUOUS, 1, "matches commit, count" },
	{ "c 5", NULL, CLI_ERR_AMBIGUOUS, 1, "'c' matches" }, /* commit */
	{ "mode f", "" },
	{ "mode s 5", "" },
	{ "mode x", NULL, CLI_ERR_UNRECOGNIZED, 6, "'fast', 'slow'" },
	{ "mode slow", NULL, CLI_ERR_INCOMPLETE, 11, "integer 0-100" },
	{ "mode fast now", NULL, CLI_ERR_TOO_MANY, 11, "complete before" },
	{ "peer 1.1.1.1 po 2000", "" },
	{ "peer 1.1.1.1 port", NULL, CLI_ERR_INCOMPLETE, 19, "integer" },
	{ "peer 1.1.1.1 port 80", NULL, CLI_ERR_WRONG_PARAM, 19,
	  "integer 1024-55535" },
	{ "   count    300", NULL, CLI_ERR_WRONG_PARAM, 13, "1-255" },
	{ "track 1 re 5", "" },
	{ "track 1 p", "" },
	{ "track 1", "" },
	{ "track 1 x", NULL, CLI_ERR_TOO_MANY, 9, "complete before 'x'" },
	{ "track x", NULL, CLI_ERR_WRONG_PARAM, 7, "integer 1-9" },
	{ "tra", NULL, CLI_ERR_INCOMPLETE, 5, "integer 1-9" },
	{ "display wid", "widget show all\n" },
	{ "dis widget w1 verb", "widget show w1 verbose\n" },
	{ "dis w", NULL, CLI_ERR_AMBIGUOUS, 5, "matches widget, wodget" },
	{ "d widget", "widget show all\n" }, /* only display starts "d" */
	{ "bogus", NULL, CLI_ERR_UNRECOGNIZED, 1,
	  "no command 'bogus' in the widget view" },
};

static void test_parse_errors(void **state)
{
	struct fixture *f = *state;

	tmod_run(f->c, &f->o, "widget w1");
	assert_string_equal(cli_view(f->c), "widget");
	for (size_t i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]);
	     i++) {
		const struct type_case *t = &parse_cases[i];

		check_case(f, t->line, t->out, t->code, t->col, t->reason);
		/* Errors never leave the view. */
		assert_string_equal(cli_view(f->c), "widget");
	}
}

/* Output of an error as the router prints it after the echoed line. */
static void test_error_text(void **state)
{
	struct fixture *f = *state;
	char buf[1024];
	const char *got;

	f->o.echo = true;
	tmod_run(f->c, &f->o, "widget w1");
	got = tmod_run(f->c, &f->o, "count 300");
	assert_string_equal(got, "[*R1-widget-w1]count 300\n"
				 "                     ^\n"
				 "Error: Wrong parameter found at '^' "
				 "position. (expected an integer 1-255)\n");
	got = tmod_run(f->c, &f->o, "cuont 3");
	assert_string_equal(got, "[*R1-widget-w1]cuont 3\n"
				 "               ^\n"
				 "Error: Unrecognized command found at '^' "
				 "position. (no command 'cuont' in the widget "
				 "view)\n");
	got = tmod_run(f->c, &f->o, "peer 1.1.1.1 port 4444");
	assert_string_equal(got, "[*R1-widget-w1]peer 1.1.1.1 port 4444\n"
				 "Error: port 4444 is reserved\n");
	assert_int_equal(cli_last_error(f->c)->code, CLI_ERR_REJECTED);
	assert_int_equal(cli_last_error(f->c)->col, 1);
	f->o.echo = false;

	/* The structured form without a source. */
	tmod_run(f->c, &f->o, "count x");
	cli_err_fmt(cli_last_error(f->c), buf, sizeof(buf));
	assert_string_equal(buf, "7: Error: Wrong parameter found at '^' "
				 "position. (expected an integer 1-255)\n"
				 "  count x\n"
				 "        ^\n");
}

static void test_bad_lines(void **state)
{
	struct fixture *f = *state;
	char longline[CLI_LINE_MAX + 10];
	const struct cli_err *e = cli_last_error(f->c);

	memset(longline, 'a', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	assert_int_equal(cli_exec(f->c, longline, &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_TOO_LONG);
	assert_int_equal(cli_exec(f->c, "tint \x01", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_UNRECOGNIZED);
	assert_int_equal(e->col, 6);
	assert_non_null(strstr(e->reason, "control character"));
	/* Blank lines and comments do nothing. */
	assert_int_equal(cli_exec(f->c, "", &f->o), 0);
	assert_int_equal(cli_exec(f->c, "   \t ", &f->o), 0);
	assert_int_equal(cli_exec(f->c, "# tint 0", &f->o), 0);
	assert_int_equal(cli_exec(f->c, "  ! tint 0", &f->o), 0);
	assert_int_equal(cli_exec(f->c, NULL, &f->o), 0);
	/* Too many words. */
	{
		char many[CLI_LINE_MAX + 1] = "tint";

		for (int i = 0; i < CLI_MAX_TOKENS + 1; i++)
			strcat(many, " 1");
		assert_int_equal(cli_exec(f->c, many, &f->o), -1);
		assert_int_equal(e->code, CLI_ERR_TOO_LONG);
	}
	/* Tabs separate words like spaces. */
	assert_string_equal(tmod_run(f->c, &f->o, "tint\t7"), "7 i=7\n");
}

struct reg_case {
	struct cli_cmd cmd;
	const char *err; /* substring of cli_registry_error */
};

static int nop(struct cli_ctx *ctx, const struct cli_args *a)
{
	(void)ctx;
	(void)a;
	return 0;
}

static const struct reg_case reg_cases[] = {
	{ { .pattern = "<x:int>" }, "must start with a keyword" },
	{ { .pattern = "[ a ]" }, "must start with a keyword" },
	{ { .pattern = "a <x:float>" }, "unknown parameter type" },
	{ { .pattern = "a <x>" }, "needs <name:type>" },
	{ { .pattern = "a <x:int" }, "unclosed '<'" },
	{ { .pattern = "a [ b" }, "missing ']'" },
	{ { .pattern = "a { b | }" }, "empty alternative" },
	{ { .pattern = "a { b ]" }, "mismatched" },
	{ { .pattern = "a b ]" }, "unexpected ']'" },
	{ { .pattern = "a <x:int:5-1>" }, "bad range" },
	{ { .pattern = "a <x:ip4:1-2>" }, "bad range" },
	{ { .pattern = "a <x:word:0-3>" }, "bad range" },
	{ { .pattern = "a <t:text> b" }, "must end the pattern" },
	{ { .pattern = "a [ <t:text> ]" }, "must end the pattern" },
	{ { .pattern = "a", .view = "nowhere" }, "unknown view" },
	{ { .pattern = "a", .view = "user" }, "actions only" },
	{ { .pattern = "a", .flags = CLI_ENTER, .enter = "nowhere" },
	  "unknown view to enter" },
	{ { .pattern = "a", .flags = CLI_ENTER, .enter = "gadget" },
	  "not a child" },
	{ { .pattern = "a <n:word>",
	    .flags = CLI_ENTER,
	    .enter = "widget",
	    .key_param = "m" },
	  "no parameter 'm'" },
	{ { .pattern = "a", .flags = CLI_ACTION }, "needs an apply" },
	{ { .pattern = "a", .flags = CLI_ACTION | CLI_ENTER, .apply = nop },
	  "exclude each other" },
	{ { .pattern = "a", .flags = CLI_ANY_VIEW }, "only actions" },
	{ { .pattern = "a", .flags = CLI_UNDO_ONLY | CLI_UNDO_KEEP },
	  "UNDO_ONLY" },
	{ { .pattern = "a", .key_tokens = -1 }, "negative" },
	{ { .pattern = "a <n:word>",
	    .flags = CLI_ENTER | CLI_UNDO_KEEP,
	    .enter = "widget" },
	  "no stored undo" },
	{ { .pattern = NULL }, "without a pattern" },
};

static void test_registry_errors(void **state)
{
	struct fixture *f = *state;
	struct cli_view_def v = { .name = "widget" };

	for (size_t i = 0; i < sizeof(reg_cases) / sizeof(reg_cases[0]); i++) {
		const struct reg_case *t = &reg_cases[i];

		if (cli_registry_add(f->reg, &t->cmd) == 0)
			fail_msg("pattern '%s' accepted", t->cmd.pattern);
		if (!strstr(cli_registry_error(f->reg), t->err))
			fail_msg("'%s': error '%s' lacks '%s'", t->cmd.pattern,
				 cli_registry_error(f->reg), t->err);
	}
	assert_int_equal(cli_registry_add_view(f->reg, &v), -1);
	assert_non_null(strstr(cli_registry_error(f->reg), "twice"));
	v = (struct cli_view_def){ .name = "v2", .parent = "nope" };
	assert_int_equal(cli_registry_add_view(f->reg, &v), -1);
	assert_non_null(strstr(cli_registry_error(f->reg), "parent"));
	v = (struct cli_view_def){ .name = "v3", .prompt = "%d" };
	assert_int_equal(cli_registry_add_view(f->reg, &v), -1);
	assert_non_null(strstr(cli_registry_error(f->reg), "prompt"));
	v = (struct cli_view_def){ .name = "v4", .prompt = "x-%s-%s" };
	assert_int_equal(cli_registry_add_view(f->reg, &v), -1);
}

static void test_help(void **state)
{
	struct fixture *f = *state;

	tmod_run(f->c, &f->o, "widget w1");
	assert_string_equal(tmod_run(f->c, &f->o, "mode ?"), "  fast\n"
							     "  slow\n");
	assert_string_equal(
		tmod_run(f->c, &f->o, "mode slow ?"),
		"  <delay>                      an integer 0-100\n");
	assert_string_equal(tmod_run(f->c, &f->o, "count 5 ?"), "  <cr>\n");
	assert_string_equal(tmod_run(f->c, &f->o, "ro?"), "  route\n"
							  "  route6\n");
	/* Keywords first, then parameters, then <cr>. */
	assert_string_equal(tmod_run(f->c, &f->o, "track 1 ?"), "  increased\n"
								"  link\n"
								"  peer\n"
								"  reduced\n"
								"  <cr>\n");
	assert_string_equal(tmod_run(f->c, &f->o, "dis?"),
			    "  display                      Show the running "
			    "configuration\n");
	assert_string_equal(
		tmod_run(f->c, &f->o, "u?"),
		"  undo                         Cancel a setting\n");
	/* What the undo form takes. */
	assert_non_null(strstr(tmod_run(f->c, &f->o, "undo ?"), "  count"));
	assert_null(strstr(cli_out_str(&f->o), "offset"));
	/* Help after a bad word is the error for that word. */
	assert_int_equal(cli_exec(f->c, "mode zzz ?", &f->o), -1);
	assert_int_equal(cli_last_error(f->c)->col, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_types, setup, teardown),
		cmocka_unit_test(test_iface_canon),
		cmocka_unit_test_setup_teardown(test_parse_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_error_text, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_lines, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_registry_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_help, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
