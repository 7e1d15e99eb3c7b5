/*
 * Conformance cases of hot backup over the remote backup service
 * (protocols/rbs/README.md "Profiles and hot backup (RBP)", and the seed
 * procedures): the Master sends a batch when the channel comes up
 * (BatchStart, an EntryAdd per record, BatchEnd with the count) and the
 * Backup installs the records, shown as imported; a host joining or
 * leaving reaches the Backup in real time; a batch after a channel cut
 * removes what the Master lost meanwhile; and after the Master's crash
 * the Backup forwards the stream again within the VRRP takeover plus the
 * ASIC programming, without relearning membership, against the IGMP
 * relearning of the same world without hot backup.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "conformance/conform/cf_rbs_int.h"

#define RBP_SEC "Profiles and hot backup (RBP)"
/* The channel's way from the Master's CPU to the Backup's (inject and
 * punt latencies, one short frame on a direct link) and what may queue
 * ahead of a message, bounded. */
#define CHAN_BOUND SIM_US(200)
/* After the VRRP takeover: the ASIC batch that opens the LAN port, then
 * the next datagram of the stream (one a millisecond) through R2. */
#define TAKEOVER_BOUND SIM_MS(3)

static sim_time_t ev(struct cfh *h, const char *node, const char *mod,
		     const char *event, const char *key, const char *val,
		     size_t nth)
{
	return cf_event_time(cfh_world(h), node, mod, event, key, val, nth);
}

/* A field of the nth rbp event of node (-1 when absent). */
static int64_t ev_field(struct cfh *h, const char *node, const char *event,
			const char *key, size_t nth)
{
	const struct node_tw_rec *r =
		node_tw_find(cfh_world(h)->w, node, "rbp", event, nth);

	return r ? node_tw_field_int(r, key, -1) : -1;
}

/* The hot world with h1 in groups 0..n-1 (joined at 0.5 s), run to 2 s,
 * the channel not up yet. */
static struct cfh *members(struct cf_ctx *c, int n)
{
	struct cfh *h = cfh_new(c, true);

	if (!h)
		return NULL;
	cfh_run(h, SIM_MS(500));
	for (int k = 0; k < n; k++)
		cfh_join(h, k, true);
	cfh_run(h, SIM_S(2));
	return h;
}

/* README "What the Master sends": "A batch (BatchStart, one EntryAdd per
 * record of every bound interface, in interface then group order,
 * BatchEnd with the count) when the channel becomes Connected". */
void cfr_batch(struct cf_ctx *c, const struct cfr_exp *e)
{
	static const uint8_t want[] = { RBS_T_BATCH_START, RBS_T_ENTRY_ADD,
					RBS_T_ENTRY_ADD, RBS_T_BATCH_END };
	struct cfh *h = members(c, 2);
	const struct cfr_msg *hello, *m;
	sim_time_t up, tx;
	struct cfr *x;

	(void)e;
	if (!h)
		return;
	for (int k = 0; k < 2; k++)
		cf_check(c,
			 cfh_record(h, 0, k, NULL) == 0 &&
				 cfh_record(h, 1, k, NULL) < 0,
			 "setup: group %d before the channel: R1 %d, R2 %d", k,
			 cfh_record(h, 0, k, NULL), cfh_record(h, 1, k, NULL));
	if (!cfh_service_up(h))
		goto out;
	cfh_run(h, SIM_S(4));
	up = ev(h, "R1", "rbs", "state", "new", "Connected", 0);
	tx = ev(h, "R1", "rbp", "batch-tx", "cause", "channel-up", 0);
	cf_check(c,
		 up >= 0 && tx == up &&
			 ev_field(h, "R1", "batch-tx", "entries", 0) == 2,
		 "R1's batch at %s with %" PRId64 " entries, expected at "
		 "Connected (%s) with 2",
		 CF_TS(tx), ev_field(h, "R1", "batch-tx", "entries", 0),
		 CF_TS(up));
	x = cfh_chan(h);
	cfr_parse(x, CFR_PORT);
	hello = cfr_find(x, 0, RBS_T_HELLO, 0, 0);
	for (size_t i = 0; hello && i < sizeof(want); i++) {
		m = cfr_find(x, 0, 0, hello->t, 1 + i);
		if (!cf_check(c, m && m->type == want[i],
			      "R1's message %zu after its Hello is %s, "
			      "expected %s",
			      i + 1, m ? rbs_type_name(m->type) : "none",
			      rbs_type_name(want[i])))
			break;
		if (m->type == RBS_T_BATCH_END)
			cf_check(c, m->count == 2,
				 "BatchEnd count %u, expected 2", m->count);
	}
	cf_check(c, hello != NULL, "no Hello from R1 on the channel");
	for (int k = 0; k < 2; k++)
		cf_check(c,
			 cfh_record(h, 1, k, NULL) == 1 &&
				 cfh_shown(h, 1, k) == 1,
			 "R2 does not hold group %d as imported (record %d, "
			 "display %d)",
			 k, cfh_record(h, 1, k, NULL), cfh_shown(h, 1, k));
out:
	cfh_free(h);
}

/* README "What the Master sends", real time: "after each event (a
 * report, leave, timer, import) that changed or refreshed records of a
 * bound interface, one message per record, coalesced: EntryAdd when the
 * peer does not have it yet, EntryUpdate when it does (...),
 * EntryDelete when it went (a leave, an expiry)." */
void cfr_realtime(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfh *h = members(c, 1);
	sim_time_t t, born, got, gone;
	struct cfr *x;

	(void)e;
	if (!h || !cfh_service_up(h))
		goto out;
	cfh_run(h, SIM_S(4));
	t = cfh_now(h);
	cfh_join(h, 1, true);
	cfh_run(h, t + SIM_S(1));
	if (!cf_check(c, cfh_record(h, 0, 1, &born) == 0,
		      "R1 did not learn h1's join of group 1 at %s", CF_TS(t)))
		goto out;
	cf_check(c, cfh_record(h, 1, 1, &got) == 1 && cfh_shown(h, 1, 1) == 1,
		 "R2 does not hold group 1 as imported after h1 joined");
	cf_check(c, got >= born && got - born <= CHAN_BOUND,
		 "R2 imported group 1 at %s, %s after R1 learnt it (%s); "
		 "expected within %s (one channel message)",
		 CF_TS(got), CF_TS(got - born), CF_TS(born), CF_TS(CHAN_BOUND));
	x = cfh_chan(h);
	cfr_parse(x, CFR_PORT);
	cf_check(c,
		 cfr_find(x, 0, RBS_T_ENTRY_ADD, t, 0) &&
			 !cfr_find(x, 0, RBS_T_BATCH_START, t, 0),
		 "the join did not travel as an EntryAdd (or a batch went)");
	/* The leave: IGMPv2 last member queries, then the record goes. */
	t = cfh_now(h);
	cfh_join(h, 1, false);
	cfh_run(h, t + SIM_S(5));
	gone = ev(h, "R1", "igmp", "group-del", "group", "239.1.1.2", 0);
	cf_check(c, gone >= 0 && cfh_record(h, 0, 1, NULL) < 0,
		 "R1 still has group 1 after h1 left");
	cf_check(c, cfh_record(h, 1, 1, NULL) < 0 && cfh_shown(h, 1, 1) < 0,
		 "R2 still holds group 1 after R1 removed it at %s",
		 CF_TS(gone));
	cfr_parse(x, CFR_PORT);
	cf_check(c, cfr_find(x, 0, RBS_T_ENTRY_DELETE, t, 0) != NULL,
		 "R1 sent no EntryDelete after h1 left");
	cf_check(c, cfh_record(h, 1, 0, NULL) == 1,
		 "R2 lost group 0, which h1 kept");
out:
	cfh_free(h);
}

/* README "What the Backup does": "BatchEnd: if its count equals the
 * entries received since BatchStart, every imported record of the
 * profile's interfaces that the batch did not carry is removed
 * (`stale`)". h1 leaves group 1 while the channel is cut. */
void cfr_stale(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfh *h = members(c, 2);
	sim_time_t cut, back, rx;
	size_t nb;

	(void)e;
	if (!h || !cfh_service_up(h))
		goto out;
	cfh_run(h, SIM_S(4));
	cut = cfh_now(h);
	node_link_set_up(cfh_rbs_link(h), false);
	cfh_run(h, cut + SIM_MS(500));
	cfh_join(h, 1, false);
	cfh_run(h, cut + SIM_S(6));
	cf_check(c,
		 cfh_record(h, 0, 1, NULL) < 0 &&
			 cfh_record(h, 1, 1, NULL) == 1,
		 "during the cut: R1 group 1 %d (expected gone), R2 %d "
		 "(expected its copy, imported)",
		 cfh_record(h, 0, 1, NULL), cfh_record(h, 1, 1, NULL));
	for (nb = 0; ev(h, "R2", "rbp", "batch-rx", NULL, NULL, nb) >= 0; nb++)
		;
	back = cfh_now(h);
	node_link_set_up(cfh_rbs_link(h), true);
	cfh_run(h, back + SIM_S(20));
	rx = ev(h, "R2", "rbp", "batch-rx", NULL, NULL, nb);
	if (!cf_check(c, rx >= back,
		      "no batch at R2 after the channel came "
		      "back at %s",
		      CF_TS(back)))
		goto out;
	cf_check(c, ev_field(h, "R2", "batch-rx", "stale", nb) == 1,
		 "the batch end at %s removed %" PRId64
		 " stale records, expected 1",
		 CF_TS(rx), ev_field(h, "R2", "batch-rx", "stale", nb));
	cf_check(c, cfh_record(h, 1, 1, NULL) < 0 && cfh_shown(h, 1, 1) < 0,
		 "R2 still holds group 1, which R1 lost during the cut");
	cf_check(c, cfh_record(h, 1, 0, NULL) == 1,
		 "R2 lost group 0, which the batch carried");
out:
	cfh_free(h);
}

/* One run of the crash: the stream to h1 through R1, R1 crashes at 8 s.
 * Returns the outage (-1 on failure); *takeover, *back: R2's takeover
 * time and h1's first datagram after the crash; *since: when R2's
 * record of the group (1 s after the crash) was created (-1 none). */
static sim_time_t crash_run(struct cf_ctx *c, bool hot, sim_time_t *takeover,
			    sim_time_t *back, sim_time_t *since)
{
	struct cfh *h = cfh_new(c, hot);
	sim_time_t crash = SIM_S(8), last, adv, mdi, out = -1;
	struct node *n;

	*takeover = *back = *since = -1;
	if (!h)
		return -1;
	cfh_run(h, SIM_MS(500));
	cfh_join(h, 0, true);
	cfh_run(h, SIM_S(1));
	if ((hot && !cfh_service_up(h)) || !cfh_stream(h))
		goto done;
	cfh_run(h, crash);
	if (!cf_check(c, cfh_rx_count(h, crash - SIM_S(1), crash) >= 990,
		      "setup: h1 got %" PRIu64 " datagrams in the second "
		      "before the crash, expected 1000",
		      cfh_rx_count(h, crash - SIM_S(1), crash)))
		goto done;
	n = router_node(cfh_router(h, 0));
	n->ops->crash(n);
	last = cfh_rx_last(h, crash + SIM_US(100));
	cfh_run(h, crash + SIM_S(1));
	if (cfh_record(h, 1, 0, since) < 0)
		*since = -1;
	cfh_run(h, crash + SIM_S(25));
	*back = cfh_rx_first(h, crash + SIM_US(100));
	*takeover = -1;
	if (cfh_vrrp(h, &adv, &mdi) && adv >= 0)
		*takeover = adv + mdi;
	cf_check(c,
		 ev(h, "R2", "vrrp", "state", "new", "Master", 0) == *takeover,
		 "%s: R2's mVRRP became Master at %s, expected %s "
		 "(Master_Down_Interval after R1's last advertisement)",
		 hot ? "hot backup" : "baseline",
		 CF_TS(ev(h, "R2", "vrrp", "state", "new", "Master", 0)),
		 CF_TS(*takeover));
	if (cf_check(c, *back > 0 && last > 0,
		     "%s: h1 got no datagram after the crash",
		     hot ? "hot backup" : "baseline"))
		out = *back - last;
done:
	cfh_free(h);
	return out;
}

/*
 * README "Switchover and switch-back": "With hot backup the multicast
 * part of an outage is about zero: the Backup holds the records and
 * already pulls the streams." The stream is back within the takeover
 * plus the ASIC's programming and the next datagram, with the record
 * still the imported one; and the outage is shorter than the same
 * world's without hot backup, where R2 learns membership by querying.
 */
void cfr_switchover(struct cf_ctx *c, const struct cfr_exp *e)
{
	sim_time_t to_hot, back_hot, to_base, back_base, hot, base;
	sim_time_t since_hot, since_base;

	(void)e;
	hot = crash_run(c, true, &to_hot, &back_hot, &since_hot);
	base = crash_run(c, false, &to_base, &back_base, &since_base);
	if (hot < 0 || base < 0)
		return;
	cf_check(c, to_hot > 0 && back_hot <= to_hot + TAKEOVER_BOUND,
		 "hot backup: h1's stream back at %s, expected by %s "
		 "(takeover at %s + %s); outage %s",
		 CF_TS(back_hot), CF_TS(to_hot + TAKEOVER_BOUND), CF_TS(to_hot),
		 CF_TS(TAKEOVER_BOUND), CF_TS(hot));
	cf_check(c, since_hot >= 0 && since_hot < SIM_S(8),
		 "hot backup: R2's record of the group dates from %s, expected "
		 "the one imported before the crash at 8 s (nothing "
		 "relearned)",
		 CF_TS(since_hot));
	cf_check(c, hot < base,
		 "hot backup outage %s is not below the IGMP relearning "
		 "baseline's %s",
		 CF_TS(hot), CF_TS(base));
}
