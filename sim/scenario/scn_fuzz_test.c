/*
 * Robustness of the scenario loader: every prefix of a scenario that uses
 * every section, thousands of seeded random mutations of it (byte flips,
 * YAML punctuation inserted, ranges deleted, lines swapped or repeated) and
 * random text built from YAML's special characters must each either load or
 * fail with one well-formed message, and never crash or leak (run under
 * ASan/UBSan). The random source is a local xorshift so runs repeat exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/scenario/scn_spec.h"

static const char seed_yaml[] =
	"name: fuzz\n"
	"description: |\n"
	"  text\n"
	"seed: 3\n"
	"duration: 6s\n"
	"profiles:\n"
	"  p: {cpu_pps: 100, mfib_write: 1us}\n"
	"nodes:\n"
	"  - name: R1\n"
	"    kind: router\n"
	"    model: p\n"
	"    config: |\n"
	"      system-view\n"
	"      interface GigabitEthernet0/1/0\n"
	"  - {name: SW1, kind: switch, mac_ageing: 10s}\n"
	"  - name: src\n"
	"    kind: host\n"
	"    interfaces:\n"
	"      - {name: eth0, ipv4: 10.0.1.10/24, gateway: 10.0.1.1,\n"
	"         ipv6: '2001:db8:1::10/64', gateway6: 'fe80::1'}\n"
	"  - {name: rcv, kind: host, ipv4: 10.0.1.11/24, mac: "
	"'00:00:00:00:00:02'}\n"
	"links:\n"
	"  - {name: L1, a: 'R1:GigabitEthernet0/1/0', b: 'SW1:p1', rate: 1G,\n"
	"     delay: 5us, loss: 1%, up: true}\n"
	"  - {a: 'src:eth0', b: 'SW1:p2'}\n"
	"  - {a: 'rcv:eth0', b: 'SW1:p3'}\n"
	"traffic:\n"
	"  multicast:\n"
	"    - {name: tv, source: src, group: 239.1.1.1, count: 3, rate: 10}\n"
	"    - {name: tv6, source: src, group: 'ff3e::1', rate: 10}\n"
	"  receivers:\n"
	"    - {host: rcv, streams: [tv], join: 1s, leave: 2s, version: "
	"igmpv3}\n"
	"  unicast:\n"
	"    - {name: u, from: src, to: rcv, rate: 5, stop: 3s}\n"
	"faults:\n"
	"  - {at: 1s, link-down: L1, name: cut}\n"
	"  - {at: 2s, freeze: R1, for: 1s}\n"
	"  - {at: 2s, shutdown: 'R1:GigabitEthernet0/1/0'}\n"
	"  - {at: 3s, loss: L1, rate: 0.5}\n"
	"  - at: 4s\n"
	"    cli: R1\n"
	"    command: |\n"
	"      display vrrp\n"
	"captures:\n"
	"  - {link: L1, name: l1}\n"
	"measure: {gap_threshold: 4, settle: 10ms}\n";

struct rnd {
	uint64_t s;
};

static uint64_t rnd_next(struct rnd *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return r->s;
}

static size_t rnd_below(struct rnd *r, size_t n)
{
	return n ? (size_t)(rnd_next(r) % n) : 0;
}

/* Load text; it must load or fail with a message naming the file. */
static int try_load(const char *text)
{
	struct scn_spec *s = NULL;
	char err[256];

	memset(err, 0, sizeof(err));
	if (scn_load_string(text, "f.yaml", &s, err, sizeof(err)) == 0) {
		assert_non_null(s);
		scn_spec_free(s);
		return 1;
	}
	assert_null(s);
	if (strncmp(err, "f.yaml:", 7) != 0)
		fail_msg("bad message \"%s\" for:\n%s", err, text);
	assert_true(strlen(err) > 8);
	return 0;
}

static void test_seed_loads(void **state)
{
	(void)state;
	assert_int_equal(try_load(seed_yaml), 1);
}

static void test_truncations(void **state)
{
	size_t n = strlen(seed_yaml), i;
	char *t = malloc(n + 1);
	int loaded = 0;

	(void)state;
	assert_non_null(t);
	for (i = 0; i <= n; i++) {
		memcpy(t, seed_yaml, i);
		t[i] = '\0';
		loaded += try_load(t);
	}
	free(t);
	/* Only prefixes ending inside the last section can still load. */
	assert_true(loaded >= 1);
	assert_true(loaded < 200);
}

static const char yaml_chars[] = ":-[]{},#&*!|>'\"%@` \n\t?.0123456789aZ/\\";

static void mutate(struct rnd *r, char *t, size_t *len, size_t cap)
{
	size_t at = rnd_below(r, *len + 1), k, n;

	switch (rnd_below(r, 5)) {
	case 0: /* flip a byte (maybe into a control or high byte) */
		if (*len > 0)
			t[rnd_below(r, *len)] = (char)(rnd_below(r, 255) + 1);
		break;
	case 1: /* insert YAML punctuation */
		if (*len + 1 < cap) {
			memmove(t + at + 1, t + at, *len - at);
			t[at] = yaml_chars[rnd_below(r,
						     sizeof(yaml_chars) - 1)];
			(*len)++;
		}
		break;
	case 2: /* delete a range */
		n = rnd_below(r, 16) + 1;
		if (at + n > *len)
			n = *len - at;
		memmove(t + at, t + at + n, *len - at - n);
		*len -= n;
		break;
	case 3: /* repeat a slice (e.g. duplicate a key or an item) */
		n = rnd_below(r, 40) + 1;
		if (at + n > *len)
			n = *len - at;
		if (*len + n < cap) {
			memmove(t + at + n, t + at, *len - at);
			(*len) += n;
		}
		break;
	default: /* swap two bytes, maybe far apart */
		if (*len > 1) {
			char c;

			at = rnd_below(r, *len);
			k = rnd_below(r, *len);
			c = t[at];
			t[at] = t[k];
			t[k] = c;
		}
		break;
	}
	t[*len] = '\0';
}

static void test_mutations(void **state)
{
	struct rnd r = { 0x9e3779b97f4a7c15ull };
	size_t cap = sizeof(seed_yaml) * 2, len, i, m;
	char *t = malloc(cap + 1);

	(void)state;
	assert_non_null(t);
	for (i = 0; i < 20000; i++) {
		len = strlen(seed_yaml);
		memcpy(t, seed_yaml, len + 1);
		for (m = rnd_below(&r, 4) + 1; m > 0; m--)
			mutate(&r, t, &len, cap);
		try_load(t);
	}
	free(t);
}

static void test_random_text(void **state)
{
	struct rnd r = { 12345 };
	char t[600];
	size_t i, j, n;

	(void)state;
	for (i = 0; i < 3000; i++) {
		n = rnd_below(&r, sizeof(t) - 1);
		for (j = 0; j < n; j++)
			t[j] = yaml_chars[rnd_below(&r,
						    sizeof(yaml_chars) - 1)];
		t[n] = '\0';
		try_load(t);
	}
}

/* Valid YAML of the wrong shape in every position. */
static void test_shapes(void **state)
{
	static const char *const vals[] = {
		"",   "~",	 "[]",
		"{}", "[[]]",	 "{a: {b: c}}",
		"-1", "0",	 "99999999999999999999999",
		"''", "\"\\t\"", "|\n  x\n",
	};
	static const char *const keys[] = {
		"name",	 "seed",    "duration", "profiles", "nodes",
		"links", "traffic", "faults",	"captures", "measure",
	};
	char t[512];
	size_t k, v;

	(void)state;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		for (v = 0; v < sizeof(vals) / sizeof(vals[0]); v++) {
			snprintf(t, sizeof(t),
				 "name: n\nduration: 1s\nnodes: [{name: a, "
				 "kind: host}]\n%s: %s\n",
				 keys[k], vals[v]);
			try_load(t);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_loads),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_random_text),
		cmocka_unit_test(test_shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
