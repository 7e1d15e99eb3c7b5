/*
 * Tests of the scenario loader's error reporting, part one: a table of bad
 * scenarios, each with the exact one-line message expected (file:line:column,
 * the path of the value, what was expected and what was found), covering
 * YAML syntax, document shape, the top-level keys, profiles and nodes; plus
 * undecodable input and small or absent error buffers. References between
 * sections are in scn_ref_test.c, size limits in scn_limit_test.c.
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

struct bad_case {
	const char *name;
	const char *text;
	const char *want;
};

static const struct bad_case bad_cases[] = {
	{ "tab",
	  "name: t\n"
	  "nodes:\n"
	  "\t- x\n",
	  "t.yaml:3:1: YAML syntax error: found character that cannot start "
	  "any token (while scanning for the next token at 3:1)" },
	{ "two-docs",
	  "name: a\n"
	  "---\n"
	  "name: b\n",
	  "t.yaml:2:1: only one YAML document is allowed" },
	{ "alias",
	  "name: &n t\n"
	  "duration: *n\n",
	  "t.yaml:2:11: aliases (*n) are not supported: write the value out" },
	{ "dup-top",
	  "name: t\n"
	  "duration: 1s\n"
	  "name: u\n",
	  "t.yaml:3:1: duplicate key \"name\" (first at 1:1)" },
	{ "unknown-top",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodez: []\n",
	  "t.yaml:3:1: nodez: unknown key (allowed: name, description, seed, "
	  "duration, profiles, nodes, links, traffic, faults, captures, "
	  "displays, measure)" },
	{ "missing-name",
	  "duration: 1s\n"
	  "nodes: [{name: R1, kind: router}]\n",
	  "t.yaml:1:1: scenario: missing required key \"name\"" },
	{ "missing-nodes",
	  "name: t\n"
	  "duration: 1s\n",
	  "t.yaml:1:1: scenario: missing required key \"nodes\"" },
	{ "bad-name",
	  "name: \"my scenario\"\n"
	  "duration: 1s\n"
	  "nodes: []\n",
	  "t.yaml:1:7: name: expected a name of 1 to 63 characters from A-Z "
	  "a-z 0-9 _ . -, got \"my scenario\"" },
	{ "seed-neg",
	  "name: t\n"
	  "seed: -1\n"
	  "duration: 1s\n"
	  "nodes: []\n",
	  "t.yaml:2:7: seed: expected a non-negative integer, got \"-1\"" },
	{ "seed-float",
	  "name: t\n"
	  "seed: 1.5\n"
	  "duration: 1s\n"
	  "nodes: []\n",
	  "t.yaml:2:7: seed: expected a non-negative integer, got \"1.5\"" },
	{ "seed-big",
	  "name: t\n"
	  "seed: 18446744073709551616\n"
	  "duration: 1s\n"
	  "nodes: []\n",
	  "t.yaml:2:7: seed: expected a non-negative integer, got "
	  "\"18446744073709551616\"" },
	{ "dur-zero",
	  "name: t\n"
	  "duration: 0s\n"
	  "nodes: []\n",
	  "t.yaml:2:11: duration: must be longer than 0" },
	{ "dur-bad",
	  "name: t\n"
	  "duration: soon\n"
	  "nodes: []\n",
	  "t.yaml:2:11: duration: expected a time like \"10ms\", \"1.5s\" or "
	  "\"250us\", got \"soon\"" },
	{ "dur-map",
	  "name: t\n"
	  "duration: {s: 1}\n"
	  "nodes: []\n",
	  "t.yaml:2:11: duration: expected a time like \"10ms\", \"1.5s\" or "
	  "\"250us\", got a mapping" },
	{ "nodes-empty",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes: []\n",
	  "t.yaml:3:8: nodes: expected a list of nodes, got an empty list" },
	{ "nodes-map",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes: {R1: router}\n",
	  "t.yaml:3:8: nodes: expected a list, got a mapping" },
	{ "node-scalar",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes: [R1]\n",
	  "t.yaml:3:9: nodes[0]: expected a mapping (a node), got \"R1\"" },
	{ "kind-missing",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: R1\n",
	  "t.yaml:4:5: nodes[0]: missing required key \"kind\"" },
	{ "kind-bad",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: R1\n"
	  "    kind: rooter\n",
	  "t.yaml:5:11: nodes[0].kind: expected router, switch or host, got "
	  "\"rooter\"" },
	{ "name-missing",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - kind: router\n",
	  "t.yaml:4:5: nodes[0]: missing required key \"name\"" },
	{ "switch-model",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: SW1\n"
	  "    kind: switch\n"
	  "    model: x\n",
	  "t.yaml:6:5: nodes[0].model: unknown key (allowed: name, kind, "
	  "mac_ageing, snooping)" },
	{ "switch-snooping-bad",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: SW1, kind: switch, snooping: maybe}\n",
	  "t.yaml:4:41: nodes[0].snooping: expected true or false, got "
	  "\"maybe\"" },
	{ "model-unknown",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: R1\n"
	  "    kind: router\n"
	  "    model: turbo\n",
	  "t.yaml:6:12: nodes[0].model: no profile named \"turbo\" under "
	  "profiles" },
	{ "dup-node",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: R1, kind: router}\n"
	  "  - {name: R2, kind: router}\n"
	  "  - {name: R1, kind: switch}\n",
	  "t.yaml:6:5: nodes[2].name: duplicate node name \"R1\" (first at "
	  "4:5)" },
	{ "node-name-long",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: abcdefghijklmnopqrstuvwxyz0123456, kind: router}\n",
	  "t.yaml:4:12: nodes[0].name: expected a name of 1 to 31 characters "
	  "from A-Z a-z 0-9 _ . -, got \"abcdefghijklmnopqrstuvwxyz0123456\"" },
	{ "config-folded",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: R1\n"
	  "    kind: router\n"
	  "    config: >\n"
	  "      system-view\n"
	  "      sysname R1\n",
	  "t.yaml:6:13: nodes[0].config: expected a literal block (\"config: "
	  "|\") or text on one line, got \"system-view sysname R1\\x0a\"" },
	{ "config-multiline-quoted",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: R1\n"
	  "    kind: router\n"
	  "    config: \"system-view\n"
	  "      sysname R1\"\n",
	  "t.yaml:6:13: nodes[0].config: expected a literal block (\"config: "
	  "|\") or text on one line, got \"system-view sysname R1\"" },
	{ "config-map",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: R1\n"
	  "    kind: router\n"
	  "    config: {a: b}\n",
	  "t.yaml:6:13: nodes[0].config: expected a literal block (\"config: "
	  "|\") or text on one line, got a mapping" },
	{ "boot-neg",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: R1, kind: router, boot_delay: -1s}\n",
	  "t.yaml:4:42: nodes[0].boot_delay: expected a time like \"10ms\", "
	  "\"1.5s\" or \"250us\", got \"-1s\"" },
	{ "host-mixed",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: h\n"
	  "    kind: host\n"
	  "    interfaces: [{ipv4: 10.0.0.1/24}]\n"
	  "    ipv4: 10.0.0.2/24\n",
	  "t.yaml:7:5: nodes[0].ipv4: not allowed beside interfaces; put it in "
	  "the interface" },
	{ "host-ifaces-map",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: h\n"
	  "    kind: host\n"
	  "    interfaces: {eth0: {}}\n",
	  "t.yaml:6:17: nodes[0].interfaces: expected a list, got a mapping" },
	{ "host-ifaces-empty",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: h\n"
	  "    kind: host\n"
	  "    interfaces: []\n",
	  "t.yaml:6:17: nodes[0].interfaces: expected at least one interface" },
	{ "host-ifaces-many",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: h\n"
	  "    kind: host\n"
	  "    interfaces: [{}, {}, {}, {}, {}, {}, {}, {}, {}]\n",
	  "t.yaml:6:17: nodes[0].interfaces: more than 8 items" },
	{ "ip4-noplen",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: 10.0.0.1}\n",
	  "t.yaml:4:33: nodes[0].ipv4: expected an IPv4 address with prefix "
	  "length, like \"10.0.1.10/24\", got \"10.0.0.1\"" },
	{ "ip4-v6",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: \"2001:db8::1/64\"}\n",
	  "t.yaml:4:33: nodes[0].ipv4: expected an IPv4 address with prefix "
	  "length, like \"10.0.1.10/24\", got \"2001:db8::1/64\"" },
	{ "ip4-net",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: 10.0.0.0/24}\n",
	  "t.yaml:4:33: nodes[0].ipv4: 10.0.0.0/24 is the subnet's network or "
	  "broadcast address; give a host address" },
	{ "ip4-bcast",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: 10.0.0.255/24}\n",
	  "t.yaml:4:33: nodes[0].ipv4: 10.0.0.255/24 is the subnet's network "
	  "or broadcast address; give a host address" },
	{ "ip4-mcast",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: 224.0.0.5/24}\n",
	  "t.yaml:4:33: nodes[0].ipv4: expected a unicast IPv4 address, got "
	  "\"224.0.0.5/24\"" },
	{ "gw-outside",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: 10.0.0.1/24, gateway: 10.0.1.1}\n",
	  "t.yaml:4:55: nodes[0].gateway: 10.0.1.1 is not another address in "
	  "the interface's subnet" },
	{ "gw-self",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: 10.0.0.1/24, gateway: 10.0.0.1}\n",
	  "t.yaml:4:55: nodes[0].gateway: 10.0.0.1 is not another address in "
	  "the interface's subnet" },
	{ "gw-noip",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, gateway: 10.0.1.1}\n",
	  "t.yaml:4:36: nodes[0].gateway: a gateway needs ipv4 on the same "
	  "interface" },
	{ "ip6-ll",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv6: \"fe80::1/64\"}\n",
	  "t.yaml:4:33: nodes[0].ipv6: the link-local address is generated "
	  "from the MAC; give a global or unique-local one" },
	{ "gw6-noip",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, gateway6: \"2001:db8::1\"}\n",
	  "t.yaml:4:37: nodes[0].gateway6: a global gateway needs ipv6 on the "
	  "same interface (or use a link-local gateway)" },
	{ "gw6-outside",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv6: \"2001:db8::2/64\", gateway6: "
	  "\"2001:db9::1\"}\n",
	  "t.yaml:4:61: nodes[0].gateway6: 2001:db9::1 is not another address "
	  "in the interface's prefix" },
	{ "mac-mcast",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, mac: \"01:00:5e:00:00:01\"}\n",
	  "t.yaml:4:32: nodes[0].mac: expected a unicast MAC address like "
	  "\"00:00:00:00:01:10\", got \"01:00:5e:00:00:01\"" },
	{ "mac-bad",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, mac: \"00:11:22\"}\n",
	  "t.yaml:4:32: nodes[0].mac: expected a unicast MAC address like "
	  "\"00:00:00:00:01:10\", got \"00:11:22\"" },
	{ "iface-dup",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: h\n"
	  "    kind: host\n"
	  "    interfaces:\n"
	  "      - {name: eth0}\n"
	  "      - {name: eth0}\n",
	  "t.yaml:8:9: nodes[0].interfaces[1]: duplicate interface name "
	  "\"eth0\"" },
	{ "iface-unknown",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: h\n"
	  "    kind: host\n"
	  "    interfaces:\n"
	  "      - {name: eth0, vlan: 5}\n",
	  "t.yaml:7:22: nodes[0].interfaces[0].vlan: unknown key (allowed: "
	  "name, mac, ipv4, gateway, ipv6, gateway6)" },
	{ "dup-ip4",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h1, kind: host, ipv4: 10.0.0.1/24}\n"
	  "  - {name: h2, kind: host, ipv4: 10.0.0.1/24}\n",
	  "t.yaml:5:5: nodes[1]: IPv4 address 10.0.0.1 of interface eth0 is "
	  "also used by h1:eth0" },
	{ "dup-mac",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h1, kind: host, mac: \"00:00:00:00:00:01\"}\n"
	  "  - {name: h2, kind: host, mac: \"00:00:00:00:00:01\"}\n",
	  "t.yaml:5:5: nodes[1]: MAC address 00:00:00:00:00:01 of interface "
	  "eth0 is also used by h1:eth0" },
	{ "prof-list",
	  "name: t\n"
	  "duration: 1s\n"
	  "profiles: [a]\n"
	  "nodes: [{name: R1, kind: router}]\n",
	  "t.yaml:3:11: profiles: expected a mapping of profile names to "
	  "parameters, got a list" },
	{ "prof-unknown",
	  "name: t\n"
	  "duration: 1s\n"
	  "profiles:\n"
	  "  p1:\n"
	  "    fib_wrte: 5us\n"
	  "nodes: [{name: R1, kind: router}]\n",
	  "t.yaml:5:5: profiles.p1.fib_wrte: unknown key (allowed: "
	  "pipeline_latency, replication_latency, punt_latency, "
	  "inject_latency, cpu_pps, cpu_queue, fib_write, mfib_write, "
	  "oif_write, adj_write, batch_overhead, link_detect, egress_queue)" },
	{ "prof-pps0",
	  "name: t\n"
	  "duration: 1s\n"
	  "profiles:\n"
	  "  p1: {cpu_pps: 0}\n"
	  "nodes: [{name: R1, kind: router}]\n",
	  "t.yaml:4:17: profiles.p1.cpu_pps: expected an integer from 1 to "
	  "100000000, got \"0\"" },
	{ "prof-time",
	  "name: t\n"
	  "duration: 1s\n"
	  "profiles:\n"
	  "  p1: {fib_write: 5 us}\n"
	  "nodes: [{name: R1, kind: router}]\n",
	  "t.yaml:4:19: profiles.p1.fib_write: expected a time like \"10ms\", "
	  "\"1.5s\" or \"250us\", got \"5 us\"" },
	{ "prof-name",
	  "name: t\n"
	  "duration: 1s\n"
	  "profiles:\n"
	  "  \"p 1\": {}\n"
	  "nodes: [{name: R1, kind: router}]\n",
	  "t.yaml:4:3: profiles.p 1: profile names are 1 to 31 characters from "
	  "A-Z a-z 0-9 _ . -" },
	{ "prof-dup",
	  "name: t\n"
	  "duration: 1s\n"
	  "profiles:\n"
	  "  p1: {}\n"
	  "  p1: {}\n"
	  "nodes: [{name: R1, kind: router}]\n",
	  "t.yaml:5:3: duplicate key \"p1\" (first at 4:3)" },
	{ "nul-scalar",
	  "name: \"a\\0b\"\n"
	  "duration: 1s\n"
	  "nodes: []\n",
	  "t.yaml:1:7: text contains a NUL character" },
	{ "complex-key",
	  "name: t\n"
	  "? [a]\n"
	  ": b\n",
	  "t.yaml:2:3: mapping keys must be plain strings, not a sequence" },
	{ "deep",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes: "
	  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	  "[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
	  "]]]]]\n",
	  "t.yaml:3:71: nested deeper than 64 levels" },
	{ "mac-derived",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h117220, kind: host}\n"
	  "  - {name: h138743, kind: host}\n",
	  "t.yaml:5:5: nodes[1]: MAC address 02:e9:95:74:a0:00 of interface "
	  "eth0 is also used by h117220:eth0 (derived from the host name); set "
	  "mac: explicitly on one of them" },
	{ "syntax-indent",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - name: R1\n"
	  "   kind: router\n",
	  "t.yaml:5:4: YAML syntax error: did not find expected '-' indicator "
	  "(while parsing a block collection at 4:3)" },
	{ "uc-to-noaddr",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: a, kind: host, ipv4: 10.0.0.1/24}\n"
	  "  - {name: b, kind: host}\n"
	  "traffic:\n"
	  "  unicast:\n"
	  "    - {name: u, from: a, to: b, rate: 1}\n",
	  "t.yaml:8:30: traffic.unicast[0].to: host \"b\" has no IPv4 or IPv6 "
	  "address" },
	{ "rx-sources-v2",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: a, kind: host, ipv4: 10.0.0.1/24}\n"
	  "  - {name: b, kind: host, ipv4: 10.0.0.2/24}\n"
	  "traffic:\n"
	  "  multicast:\n"
	  "    - {name: s, source: a, group: 239.1.1.1, rate: 1}\n"
	  "  receivers:\n"
	  "    - {host: b, streams: [s], version: igmpv2, sources: "
	  "[10.0.0.1]}\n",
	  "t.yaml:10:57: traffic.receivers[0].sources: this version cannot "
	  "signal sources; use igmpv3 or mldv2" },
	{ "rx-source-family",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: a, kind: host, ipv4: 10.0.0.1/24}\n"
	  "  - {name: b, kind: host, ipv4: 10.0.0.2/24}\n"
	  "traffic:\n"
	  "  multicast:\n"
	  "    - {name: s, source: a, group: 239.1.1.1, rate: 1}\n"
	  "  receivers:\n"
	  "    - {host: b, streams: [s], version: igmpv3, sources: ['::1']}\n",
	  "t.yaml:10:58: traffic.receivers[0].sources[0]: ::1 is not a unicast "
	  "IPv4 source for the receiver's streams" },
	{ "rx-include-empty",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: a, kind: host, ipv4: 10.0.0.1/24}\n"
	  "  - {name: b, kind: host, ipv4: 10.0.0.2/24}\n"
	  "traffic:\n"
	  "  multicast:\n"
	  "    - {name: s, source: a, group: 239.1.1.1, rate: 1}\n"
	  "  receivers:\n"
	  "    - {host: b, streams: [s], version: igmpv3, mode: include}\n",
	  "t.yaml:10:54: traffic.receivers[0].mode: include needs a list of "
	  "sources" },
	{ "rx-version-clash",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: a, kind: host, ipv4: 10.0.0.1/24}\n"
	  "  - {name: b, kind: host, ipv4: 10.0.0.2/24}\n"
	  "traffic:\n"
	  "  multicast:\n"
	  "    - {name: s, source: a, group: 239.1.1.1, rate: 1}\n"
	  "  receivers:\n"
	  "    - {host: b, streams: [s], version: igmpv3}\n"
	  "    - {host: b, streams: [s], version: igmpv2}\n",
	  "t.yaml:11:40: traffic.receivers[1].version: host \"b\" already "
	  "signals with another version (traffic.receivers[0]); a host runs "
	  "one IGMP version" },
	{ "rx-igmp-noipv4",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: a, kind: host, ipv4: 10.0.0.1/24}\n"
	  "  - {name: b, kind: host, ipv6: \"2001:db8::1/64\"}\n"
	  "traffic:\n"
	  "  multicast:\n"
	  "    - {name: s, source: a, group: 239.1.1.1, rate: 1}\n"
	  "  receivers:\n"
	  "    - {host: b, streams: [s], version: igmpv2}\n",
	  "t.yaml:10:40: traffic.receivers[0].version: host \"b\" has no IPv4 "
	  "address to send IGMP reports from" },
	{ "gw-v6",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv4: 10.0.0.1/24, gateway: "
	  "\"2001:db8::1\"}\n",
	  "t.yaml:4:55: nodes[0].gateway: expected an IPv4 address, got "
	  "\"2001:db8::1\"" },
	{ "ip6-mcast",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, ipv6: \"ff02::1/64\"}\n",
	  "t.yaml:4:33: nodes[0].ipv6: expected a unicast IPv6 address, got "
	  "\"ff02::1/64\"" },
	{ "gw6-mcast",
	  "name: t\n"
	  "duration: 1s\n"
	  "nodes:\n"
	  "  - {name: h, kind: host, gateway6: \"ff02::2\"}\n",
	  "t.yaml:4:37: nodes[0].gateway6: expected a unicast IPv6 address, "
	  "got \"ff02::2\"" },
};

static void test_bad_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct scn_spec *s = (struct scn_spec *)&s;
		char err[512];

		memset(err, 'x', sizeof(err));
		if (scn_load_string(c->text, "t.yaml", &s, err, sizeof(err)) ==
		    0)
			fail_msg("%s: loaded", c->name);
		assert_null(s);
		if (strcmp(err, c->want) != 0)
			fail_msg("%s:\n got  %s\n want %s", c->name, err,
				 c->want);
	}
}

static void test_invalid_utf8(void **state)
{
	struct scn_spec *s;
	char err[256];

	(void)state;
	assert_int_equal(scn_load_string("name: t\nseed: a\xff\n", "u.yaml", &s,
					 err, sizeof(err)),
			 -1);
	assert_string_equal(err,
			    "u.yaml:2:8: invalid input: invalid leading UTF-8 "
			    "octet");
}

static void test_small_err_buffers(void **state)
{
	struct scn_spec *s;
	char err[16];

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(
		scn_load_string("name: [\n", "t.yaml", &s, err, sizeof(err)),
		-1);
	assert_string_equal(err, "t.yaml:2:1: YAM");
	assert_int_equal(scn_load_string("name: [\n", "t.yaml", &s, err, 1),
			 -1);
	assert_string_equal(err, "");
	assert_int_equal(scn_load_string("- x\n", "t.yaml", &s, NULL, 0), -1);
	assert_null(s);
	assert_int_equal(scn_load_file("/nonexistent/x.yaml", &s, NULL, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_table),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_small_err_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
