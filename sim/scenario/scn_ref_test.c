/*
 * Tests of the scenario loader's error reporting, part two: links, traffic,
 * faults, captures, displays and measurement settings that are malformed or
 * refer to what does not exist or does not fit (a switch as a traffic source,
 * IGMP for an IPv6 stream, an interface cabled twice, ...), each with the exact
 * message expected.
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

/* Lines 1-7 of most cases: one node of each kind and two hosts. */
#define B                                                                      \
	"name: t\n"                                                            \
	"duration: 5s\n"                                                       \
	"nodes:\n"                                                             \
	"  - {name: R1, kind: router}\n"                                       \
	"  - {name: SW1, kind: switch}\n"                                      \
	"  - {name: h1, kind: host, ipv4: 10.0.0.1/24}\n"                      \
	"  - {name: h2, kind: host, ipv4: 10.0.0.2/24, ipv6: "                 \
	"\"2001:db8::2/64\"}\n"

struct bad_case {
	const char *name;
	const char *text;
	const char *want;
};

static const struct bad_case bad_cases[] = {
	{ "link-rate",
	  B "links:\n"
	    "  - {a: \"R1:Gi0/0/1\", b: \"SW1:p1\"}\n"
	    "  - {a: \"R1:Gi0/0/2\", b: \"SW1:p2\"}\n"
	    "  - name: L3\n"
	    "    a: R1:Gi0/0/3\n"
	    "    b: SW1:p3\n"
	    "    rate: fast\n",
	  "t.yaml:14:11: links[2].rate: expected a rate like \"1G\", \"100M\" "
	  "or \"10000000\", got \"fast\"" },
	{ "link-noep",
	  B "links:\n"
	    "  - {a: R1, b: \"SW1:p1\"}\n",
	  "t.yaml:9:9: links[0].a: expected \"node:interface\", like "
	  "\"R1:GigabitEthernet0/1/0\", got \"R1\"" },
	{ "link-unknown-node",
	  B "links:\n"
	    "  - {a: \"R9:Gi0/0/1\", b: \"SW1:p1\"}\n",
	  "t.yaml:9:9: links[0].a: no node named \"R9\"" },
	{ "link-host-iface",
	  B "links:\n"
	    "  - {a: \"h1:eth1\", b: \"SW1:p1\"}\n",
	  "t.yaml:9:9: links[0].a: host \"h1\" has no interface \"eth1\"" },
	{ "link-same-node",
	  B "links:\n"
	    "  - {a: \"SW1:p1\", b: \"SW1:p2\"}\n",
	  "t.yaml:9:22: links[0].b: both ends are on node \"SW1\"; a link "
	  "joins two nodes" },
	{ "link-ep-twice",
	  B "links:\n"
	    "  - {a: \"h1:eth0\", b: \"SW1:p1\"}\n"
	    "  - {a: \"h2:eth0\", b: \"SW1:p1\"}\n",
	  "t.yaml:10:23: links[1].b: SW1:p1 is already connected by links[0] "
	  "(at 9:23)" },
	{ "link-dup-name",
	  B "links:\n"
	    "  - {name: L, a: \"h1:eth0\", b: \"SW1:p1\"}\n"
	    "  - {name: L, a: \"h2:eth0\", b: \"SW1:p2\"}\n",
	  "t.yaml:10:5: links[1].name: duplicate link name \"L\" (first at "
	  "9:5)" },
	{ "link-loss",
	  B "links:\n"
	    "  - {a: \"h1:eth0\", b: \"SW1:p1\", loss: 2}\n",
	  "t.yaml:9:39: links[0].loss: expected a loss like \"0.01\" (a "
	  "fraction from 0 to 1) or \"1%\", got \"2\"" },
	{ "link-up",
	  B "links:\n"
	    "  - {a: \"h1:eth0\", b: \"SW1:p1\", up: maybe}\n",
	  "t.yaml:9:37: links[0].up: expected true or false, got \"maybe\"" },
	{ "link-missing-b",
	  B "links:\n"
	    "  - {a: \"h1:eth0\"}\n",
	  "t.yaml:9:5: links[0]: missing required key \"b\"" },
	{ "link-unknown-key",
	  B "links:\n"
	    "  - {a: \"h1:eth0\", b: \"SW1:p1\", mtu: 9000}\n",
	  "t.yaml:9:33: links[0].mtu: unknown key (allowed: name, a, b, rate, "
	  "delay, loss, up)" },
	{ "tr-unknown",
	  B "traffic:\n"
	    "  broadcast: []\n",
	  "t.yaml:9:3: traffic.broadcast: unknown key (allowed: multicast, "
	  "receivers, unicast)" },
	{ "mc-norate",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1}\n",
	  "t.yaml:10:7: traffic.multicast[0]: missing required key \"rate\"" },
	{ "mc-src-router",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: R1, group: 239.1.1.1, rate: 10}\n",
	  "t.yaml:10:25: traffic.multicast[0].source: \"R1\" is a router; "
	  "expected a host" },
	{ "mc-src-unknown",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h9, group: 239.1.1.1, rate: 10}\n",
	  "t.yaml:10:25: traffic.multicast[0].source: no node named \"h9\"" },
	{ "mc-src-nov6",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: \"ff3e::1\", rate: 10}\n",
	  "t.yaml:10:25: traffic.multicast[0].source: host \"h1\" has no IPv6 "
	  "address to send group ff3e::1 from" },
	{ "mc-group-unicast",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 10.1.1.1, rate: 10}\n",
	  "t.yaml:10:36: traffic.multicast[0].group: expected a multicast "
	  "group address, got \"10.1.1.1\"" },
	{ "mc-group-bad",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1, rate: 10}\n",
	  "t.yaml:10:36: traffic.multicast[0].group: expected an IPv4 or IPv6 "
	  "address, got \"239.1.1\"" },
	{ "mc-range",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.255.255.255, count: 2, "
	    "rate: 10}\n",
	  "t.yaml:10:60: traffic.multicast[0].count: 2 groups from "
	  "239.255.255.255 run past the end of the multicast range" },
	{ "mc-count0",
	  B
	  "traffic:\n"
	  "  multicast:\n"
	  "    - {name: s, source: h1, group: 239.1.1.1, count: 0, rate: 10}\n",
	  "t.yaml:10:54: traffic.multicast[0].count: expected an integer from "
	  "1 to 65536, got \"0\"" },
	{ "mc-size4",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10, size: "
	    "1473}\n",
	  "t.yaml:10:63: traffic.multicast[0].size: expected an integer from "
	  "32 to 1472, got \"1473\"" },
	{ "mc-size6",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h2, group: \"ff3e::1\", rate: 10, size: "
	    "1453}\n",
	  "t.yaml:10:63: traffic.multicast[0].size: expected an integer from "
	  "32 to 1452, got \"1453\"" },
	{ "mc-stop",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10, start: "
	    "2s, stop: 2s}\n",
	  "t.yaml:10:74: traffic.multicast[0].stop: must be later than start" },
	{ "mc-port",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10, port: "
	    "65536}\n",
	  "t.yaml:10:63: traffic.multicast[0].port: expected an integer from 1 "
	  "to 65535, got \"65536\"" },
	{ "mc-rate",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 1.5}\n",
	  "t.yaml:10:53: traffic.multicast[0].rate: expected a packet rate "
	  "like \"100\" or \"100pps\" (1 to 10000000), got \"1.5\"" },
	{ "stream-dup",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  unicast:\n"
	    "    - {name: s, from: h1, to: h2, rate: 10}\n",
	  "t.yaml:12:7: traffic.unicast[0].name: duplicate stream name \"s\" "
	  "(first at 10:7)" },
	{ "rx-streams-scalar",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: s}\n",
	  "t.yaml:12:27: traffic.receivers[0].streams: expected a list of "
	  "stream names like [iptv], got \"s\"" },
	{ "rx-streams-empty",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: []}\n",
	  "t.yaml:12:27: traffic.receivers[0].streams: expected a list of "
	  "stream names like [iptv], got an empty list" },
	{ "rx-unknown-stream",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: [s, t]}\n",
	  "t.yaml:12:31: traffic.receivers[0].streams[1]: no stream named "
	  "\"t\"" },
	{ "rx-unicast-stream",
	  B "traffic:\n"
	    "  unicast:\n"
	    "    - {name: u, from: h1, to: h2, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: [u]}\n",
	  "t.yaml:12:28: traffic.receivers[0].streams[0]: \"u\" is a unicast "
	  "stream; receivers take multicast streams" },
	{ "rx-dup-stream",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: [s, s]}\n",
	  "t.yaml:12:31: traffic.receivers[0].streams[1]: stream \"s\" is "
	  "listed twice" },
	{ "rx-version",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: [s], version: igmpv4}\n",
	  "t.yaml:12:41: traffic.receivers[0].version: expected none, igmpv1, "
	  "igmpv2, igmpv3, mldv1 or mldv2, got \"igmpv4\"" },
	{ "rx-version-family",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h2, group: \"ff3e::1\", rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h1, streams: [s], version: igmpv3}\n",
	  "t.yaml:12:41: traffic.receivers[0].version: igmpv3 cannot join IPv6 "
	  "stream \"s\"; use mldv1 or mldv2" },
	{ "rx-leave",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: [s], join: 1s, leave: 1s}\n",
	  "t.yaml:12:49: traffic.receivers[0].leave: must be later than join" },
	{ "rx-host-switch",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: SW1, streams: [s]}\n",
	  "t.yaml:12:14: traffic.receivers[0].host: \"SW1\" is a switch; "
	  "expected a host" },
	{ "uc-to-bad",
	  B "traffic:\n"
	    "  unicast:\n"
	    "    - {name: u, from: h1, to: nowhere, rate: 10}\n",
	  "t.yaml:10:31: traffic.unicast[0].to: expected a host name or an IP "
	  "address, got \"nowhere\"" },
	{ "uc-to-mcast",
	  B "traffic:\n"
	    "  unicast:\n"
	    "    - {name: u, from: h1, to: 239.1.1.1, rate: 10}\n",
	  "t.yaml:10:31: traffic.unicast[0].to: expected a unicast address "
	  "(multicast goes under traffic.multicast), got \"239.1.1.1\"" },
	{ "uc-to-self",
	  B "traffic:\n"
	    "  unicast:\n"
	    "    - {name: u, from: h1, to: 10.0.0.1, rate: 10}\n",
	  "t.yaml:10:31: traffic.unicast[0].to: \"10.0.0.1\" is the sending "
	  "host" },
	{ "uc-from-nov6",
	  B "traffic:\n"
	    "  unicast:\n"
	    "    - {name: u, from: h1, to: \"2001:db8::2\", rate: 10}\n",
	  "t.yaml:10:23: traffic.unicast[0].from: host \"h1\" has no IPv6 "
	  "address to send to 2001:db8::2 from" },
	{ "uc-to-router",
	  B "traffic:\n"
	    "  unicast:\n"
	    "    - {name: u, from: h1, to: R1, rate: 10}\n",
	  "t.yaml:10:31: traffic.unicast[0].to: \"R1\" is a router; expected a "
	  "host" },
	{ "f-none",
	  B "faults:\n"
	    "  - {at: 1s}\n",
	  "t.yaml:9:5: faults[0]: expected one action (link-down, link-up, "
	  "shutdown, undo-shutdown, crash, restart, freeze, loss, cli), got "
	  "none" },
	{ "f-two",
	  B "faults:\n"
	    "  - {at: 1s, crash: R1, restart: R1}\n",
	  "t.yaml:9:25: faults[0].restart: one action per fault (this one "
	  "already has crash)" },
	{ "f-at-missing",
	  B "faults:\n"
	    "  - {crash: R1}\n",
	  "t.yaml:9:5: faults[0]: missing required key \"at\"" },
	{ "f-for-alone",
	  B "faults:\n"
	    "  - {at: 1s, crash: R1, for: 1s}\n",
	  "t.yaml:9:25: faults[0].for: only allowed with freeze" },
	{ "f-freeze-nofor",
	  B "faults:\n"
	    "  - {at: 1s, freeze: R1}\n",
	  "t.yaml:9:5: faults[0]: missing required key \"for\" (for freeze)" },
	{ "f-freeze-zero",
	  B "faults:\n"
	    "  - {at: 1s, freeze: R1, for: 0s}\n",
	  "t.yaml:9:31: faults[0].for: must be longer than 0" },
	{ "f-link-unknown",
	  B "faults:\n"
	    "  - {at: 1s, link-down: L9}\n",
	  "t.yaml:9:25: faults[0].link-down: no link named \"L9\"" },
	{ "f-shut-switch",
	  B "faults:\n"
	    "  - {at: 1s, shutdown: \"SW1:p1\"}\n",
	  "t.yaml:9:24: faults[0].shutdown: \"SW1\" is a switch; expected a "
	  "router" },
	{ "f-shut-bad",
	  B "faults:\n"
	    "  - {at: 1s, shutdown: R1}\n",
	  "t.yaml:9:24: faults[0].shutdown: expected \"router:interface\", "
	  "like \"R1:GigabitEthernet0/1/0\", got \"R1\"" },
	{ "f-crash-host",
	  B "faults:\n"
	    "  - {at: 1s, crash: h1}\n",
	  "t.yaml:9:21: faults[0].crash: \"h1\" is a host; expected a router "
	  "or switch" },
	{ "f-cli-blank",
	  B "faults:\n"
	    "  - {at: 1s, cli: R1, command: \"  \"}\n",
	  "t.yaml:9:32: faults[0].command: expected at least one command" },
	{ "f-cli-folded",
	  B "faults:\n"
	    "  - at: 1s\n"
	    "    cli: R1\n"
	    "    command: >\n"
	    "      display vrrp\n",
	  "t.yaml:11:14: faults[0].command: expected a literal block "
	  "(\"command: |\") or text on one line, got \"display vrrp\\x0a\"" },
	{ "f-loss-bad",
	  B "links:\n"
	    "  - {name: L, a: \"h1:eth0\", b: \"SW1:p1\"}\n"
	    "faults:\n"
	    "  - {at: 1s, loss: L, rate: 200%}\n",
	  "t.yaml:11:29: faults[0].rate: expected a loss like \"0.01\" (a "
	  "fraction from 0 to 1) or \"1%\", got \"200%\"" },
	{ "f-at-bad",
	  B "faults:\n"
	    "  - {at: later, crash: R1}\n",
	  "t.yaml:9:10: faults[0].at: expected a time like \"10ms\", \"1.5s\" "
	  "or \"250us\", got \"later\"" },
	{ "f-unknown-key",
	  B "faults:\n"
	    "  - {at: 1s, crash: R1, reason: test}\n",
	  "t.yaml:9:25: faults[0].reason: unknown key (allowed: at, name, "
	  "link-down, link-up, shutdown, undo-shutdown, crash, restart, "
	  "freeze, loss, cli, for, rate, command)" },
	{ "f-not-map",
	  B "faults:\n"
	    "  - crash R1\n",
	  "t.yaml:9:5: faults[0]: expected a mapping, got \"crash R1\"" },
	{ "cap-unknown",
	  B "captures:\n"
	    "  - {link: L9}\n",
	  "t.yaml:9:12: captures[0].link: no link named \"L9\"" },
	{ "cap-dup",
	  B "links:\n"
	    "  - {name: L, a: \"h1:eth0\", b: \"SW1:p1\"}\n"
	    "captures:\n"
	    "  - {link: L, name: x}\n"
	    "  - {link: L, name: x}\n",
	  "t.yaml:12:5: captures[1]: duplicate capture name \"x\" (first at "
	  "11:5)" },
	{ "cap-name",
	  B "links:\n"
	    "  - {name: L, a: \"h1:eth0\", b: \"SW1:p1\"}\n"
	    "captures:\n"
	    "  - {link: L, name: ../x}\n",
	  "t.yaml:11:21: captures[0].name: expected a name of 1 to 63 "
	  "characters from A-Z a-z 0-9 _ . -, got \"../x\"" },
	{ "meas-zero",
	  B "measure:\n"
	    "  gap_threshold: 0\n",
	  "t.yaml:9:18: measure.gap_threshold: expected an integer from 1 to "
	  "1000000, got \"0\"" },
	{ "meas-unknown",
	  B "measure:\n"
	    "  gap: 3\n",
	  "t.yaml:9:3: measure.gap: unknown key (allowed: gap_threshold, "
	  "settle)" },
	{ "rx-stream-list",
	  B "traffic:\n"
	    "  multicast:\n"
	    "    - {name: s, source: h1, group: 239.1.1.1, rate: 10}\n"
	    "  receivers:\n"
	    "    - {host: h2, streams: [[s]]}\n",
	  "t.yaml:12:28: traffic.receivers[0].streams[0]: expected a stream "
	  "name, got a list" },
	{ "label-map",
	  B "faults:\n"
	    "  - {at: 1s, crash: R1, name: {a: b}}\n",
	  "t.yaml:9:31: faults[0].name: expected text, got a mapping" },
	{ "d-not-list",
	  B "displays:\n"
	    "  at: 1s\n",
	  "t.yaml:9:3: displays: expected a list, got a mapping" },
	{ "d-not-map",
	  B "displays:\n"
	    "  - display vrrp\n",
	  "t.yaml:9:5: displays[0]: expected a mapping, got \"display vrrp\"" },
	{ "d-at-missing",
	  B "displays:\n"
	    "  - {node: R1, command: display vrrp}\n",
	  "t.yaml:9:5: displays[0]: missing required key \"at\"" },
	{ "d-node-missing",
	  B "displays:\n"
	    "  - {at: 1s, command: display vrrp}\n",
	  "t.yaml:9:5: displays[0]: missing required key \"node\"" },
	{ "d-command-missing",
	  B "displays:\n"
	    "  - {at: 1s, node: R1}\n",
	  "t.yaml:9:5: displays[0]: missing required key \"command\"" },
	{ "d-unknown-key",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: display vrrp, host: h1}\n",
	  "t.yaml:9:47: displays[0].host: unknown key (allowed: at, node, "
	  "command, name)" },
	{ "d-at-bad",
	  B "displays:\n"
	    "  - {at: -1s, node: R1, command: display vrrp}\n",
	  "t.yaml:9:10: displays[0].at: expected a time like \"10ms\", "
	  "\"1.5s\" or \"250us\", got \"-1s\"" },
	{ "d-node-unknown",
	  B "displays:\n"
	    "  - {at: 1s, node: R9, command: display vrrp}\n",
	  "t.yaml:9:20: displays[0].node: no node named \"R9\"" },
	{ "d-node-switch",
	  B "displays:\n"
	    "  - {at: 1s, node: SW1, command: display vrrp}\n",
	  "t.yaml:9:20: displays[0].node: \"SW1\" is a switch; expected a "
	  "router" },
	{ "d-node-host",
	  B "displays:\n"
	    "  - {at: 1s, command: display vrrp, node: h2}\n",
	  "t.yaml:9:43: displays[0].node: \"h2\" is a host; expected a "
	  "router" },
	{ "d-node-list",
	  B "displays:\n"
	    "  - {at: 1s, node: [R1], command: display vrrp}\n",
	  "t.yaml:9:20: displays[0].node: expected a router name, got a "
	  "list" },
	{ "d-second-item",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: display vrrp}\n"
	    "  - at: 2s\n"
	    "    node: R1\n"
	    "    command:\n",
	  "t.yaml:12:13: displays[1].command: expected at least one "
	  "command" },
	{ "d-command-blank",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: \" \"}\n",
	  "t.yaml:9:33: displays[0].command: expected at least one command" },
	{ "d-command-blank-block",
	  B "displays:\n"
	    "  - at: 1s\n"
	    "    node: R1\n"
	    "    command: |\n"
	    "\n",
	  "t.yaml:11:14: displays[0].command: expected at least one "
	  "command" },
	{ "d-command-folded",
	  B "displays:\n"
	    "  - at: 1s\n"
	    "    node: R1\n"
	    "    command: >\n"
	    "      display vrrp\n"
	    "      display bfd session all\n",
	  "t.yaml:11:14: displays[0].command: expected a literal block "
	  "(\"command: |\") or text on one line, got \"display vrrp display "
	  "bfd session all\\x0a\"" },
	{ "d-command-quoted-lines",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: \"display vrrp\n"
	    "      display ip routing-table\"}\n",
	  "t.yaml:9:33: displays[0].command: expected a literal block "
	  "(\"command: |\") or text on one line, got \"display vrrp display "
	  "ip routing-table\"" },
	{ "d-command-map",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: {display: vrrp}}\n",
	  "t.yaml:9:33: displays[0].command: expected a literal block "
	  "(\"command: |\") or text on one line, got a mapping" },
	{ "d-name-lines",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: display vrrp, name: \"a\\nb\"}\n",
	  "t.yaml:9:53: displays[0].name: expected text on one line" },
	{ "d-name-blank",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: display vrrp, name: \"  \"}\n",
	  "t.yaml:9:53: displays[0].name: expected some text, got only "
	  "blanks" },
	{ "d-name-empty",
	  B "displays:\n"
	    "  - {at: 1s, node: R1, command: display vrrp, name: }\n",
	  "t.yaml:9:53: displays[0].name: expected text, got nothing" },
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
