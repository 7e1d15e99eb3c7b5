/*
 * The remote backup service conformance suite ("rbs"): the case table.
 * RBS is failsim's own protocol, specified by protocols/rbs/README.md:
 * each case cites "failsim RBS", the README heading as its section and
 * the README's sentence, and runs its body (cf_rbs_chan.c for the
 * channel, cf_rbs_hot.c for hot backup) with the README's values.
 */
#include "conformance/conform/cf_rbs_int.h"

#define SPEC "failsim RBS"

#define CASE(fn)                                                               \
	static void run_##fn(struct cf_ctx *c)                                 \
	{                                                                      \
		cfr_##fn(c, &cfr_readme);                                      \
	}

CASE(role)
CASE(hello)
CASE(keepalive)
CASE(hold)
CASE(backoff)
CASE(bfd)
CASE(fin)
CASE(batch)
CASE(realtime)
CASE(stale)
CASE(switchover)

static const struct cf_case cases[] = {
	{ { "rbs.role", CK_MUST, SPEC, "Roles: who connects",
	    "The side whose source address is lower (numerically, family "
	    "first) connects; the other listens on `source:port` and accepts "
	    "only connections whose remote address is the configured peer",
	    "the lower source address connects (IPv4 and IPv6)" },
	  run_role },
	{ { "rbs.hello", CK_MUST, SPEC, "Bringing the channel up",
	    "As soon as TCP is established, each side sends a Hello (its "
	    "backup-ids and keepalive settings) and starts its keepalive "
	    "timer. A side is Connected when the peer's Hello arrives.",
	    "Hello first; Connected when the peer's Hello arrives" },
	  run_hello },
	{ { "rbs.keepalive", CK_MUST, SPEC,
	    "Keepalive (failsim's own; VRP documents none)",
	    "Each side sends a Keepalive every interval from the moment TCP "
	    "is established (periodic from the deadline, no drift), whatever "
	    "else it sends.",
	    "Keepalives exactly every interval (200 ms, 1000 ms)" },
	  run_keepalive },
	{ { "rbs.hold", CK_MUST, SPEC,
	    "Keepalive (failsim's own; VRP documents none)",
	    "Each side runs a hold timer: restarted by every message "
	    "received; it expires after the peer's interval (from its Hello) "
	    "times our own count.",
	    "the channel drops exactly interval x count after the last "
	    "message" },
	  run_hold },
	{ { "rbs.backoff", CK_MUST, SPEC, "Reconnecting",
	    "The active side retries after a backoff of 1 s, doubling after "
	    "each failed attempt up to 16 s (1, 2, 4, 8, 16, 16, ... s), and "
	    "back to 1 s once Connected.",
	    "reconnect backoff 1, 2, 4, 8, 16, 16 s, reset when Connected" },
	  run_backoff },
	{ { "rbs.bfd", CK_MUST, SPEC, "BFD tracking",
	    "Once the session has been seen Up, its fall from Up drops the "
	    "channel (RST) and holds it in Initial until the session is Up "
	    "again; then the channel restarts at once (backoff reset).",
	    "track bfd-session: down with BFD, back at once with it" },
	  run_bfd },
	{ { "rbs.fin", CK_MUST, SPEC, "Reconnecting",
	    "the peer's FIN | FIN back, reconnect / listen | peer-closed",
	    "the peer's FIN ends the channel; FIN back, retry after the "
	    "backoff" },
	  run_fin },
	{ { "rbs.batch", CK_MUST, SPEC, "What the Master sends",
	    "A batch (BatchStart, one EntryAdd per record of every bound "
	    "interface, in interface then group order, BatchEnd with the "
	    "count) when the channel becomes Connected, when the profile "
	    "becomes Master, on a BatchRequest and on `batch-backup now`.",
	    "a batch at channel up; the Backup shows the records imported" },
	  run_batch },
	{ { "rbs.realtime", CK_MUST, SPEC, "What the Master sends",
	    "Real time: after each event (a report, leave, timer, import) "
	    "that changed or refreshed records of a bound interface, one "
	    "message per record, coalesced: EntryAdd when the peer does not "
	    "have it yet, EntryUpdate when it does (new mode, sources or "
	    "timers; a refresh by hosts is an update, so the Backup's timers "
	    "follow), EntryDelete when it went (a leave, an expiry).",
	    "joins and leaves reach the Backup at once" },
	  run_realtime },
	{ { "rbs.stale", CK_MUST, SPEC, "What the Backup does",
	    "BatchEnd: if its count equals the entries received since "
	    "BatchStart, every imported record of the profile's interfaces "
	    "that the batch did not carry is removed (`stale`); otherwise "
	    "nothing is removed and the mismatch is counted (`batch count`).",
	    "the batch end removes what the Master lost meanwhile" },
	  run_stale },
	{ { "rbs.switchover", CK_SHOULD, SPEC, "Switchover and switch-back",
	    "With hot backup the multicast part of an outage is about zero: "
	    "the Backup holds the records and already pulls the streams.",
	    "after the Master's crash the stream is back within takeover + "
	    "programming, no relearning, shorter than IGMP relearning" },
	  run_switchover },
};

const struct cf_suite cf_suite_rbs = {
	.name = "rbs",
	.what = "remote backup service and hot backup (failsim RBS, "
		"protocols/rbs/README.md): channel, keepalive, backoff, BFD "
		"tracking, batches, real time, switchover",
	.cases = cases,
	.ncases = sizeof(cases) / sizeof(cases[0]),
};
