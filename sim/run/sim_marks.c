/*
 * The bridge from the event log to the measurement's outage anatomy
 * (DESIGN.md "Measurement", sim/measure/meas.h): records that mean "a
 * failure was noticed" (an interface went oper down or up), "a protocol
 * reacted" (a route or a static multicast RPF / oif / entry changed) and
 * "the forwarding plane was written" (an ASIC write completed) become
 * detect, protocol and program marks by the rules below. Protocols mark
 * their own records with a "mark" field, which also gives the finer
 * kinds: "transition" (VRRP / VRRP6 / mVRRP Master, a multicast-track
 * gate opening), "membership" (an IGMP/MLD group record created, learned
 * or imported over RBS) and "join" (PIM upstream Joined, RPF' re-join,
 * SPT join, assert winner change).
 */
#include "sim/run/sim_world_int.h"

#include <stdio.h>
#include <string.h>

struct mark_rule {
	const char *module;
	const char *event; /* NULL: any event of the module */
	enum meas_mark_kind kind;
	const char *field; /* field naming what changed */
};

static const struct mark_rule mark_rules[] = {
	{ "iface", "oper-down", MEAS_MARK_DETECT, "iface" },
	{ "iface", "oper-up", MEAS_MARK_DETECT, "iface" },
	{ "rib", NULL, MEAS_MARK_PROTOCOL, "prefix" },
	{ "mcast", "rpf-change", MEAS_MARK_PROTOCOL, "group" },
	{ "mcast", "oif-change", MEAS_MARK_PROTOCOL, "group" },
	{ "mcast", "entry-create", MEAS_MARK_PROTOCOL, "group" },
	{ "asic", "programmed", MEAS_MARK_PROGRAM, "key" },
};

void sim_marks_tap(void *arg, const struct sim_log_rec *r)
{
	struct sim_world *w = arg;

	char mark[16];

	if (!w->meas)
		return;
	/*
	 * Protocols need no entry here: a record with a field "mark" whose
	 * value is a mark kind's name (meas_mark_name: "detect",
	 * "transition", "membership", "join", "protocol", "program") is a
	 * mark of that kind (e.g. BFD:
	 * {"event":"state","new":"Down","mark":"detect"}); a record with an
	 * unknown value is left to the rules.
	 */
	if (sim_log_field(r, "mark", mark, sizeof(mark))) {
		/* what changed: the first of these fields the record has
		 * (a group record's group before its interface) */
		static const char *const names[] = { "session", "group",
						     "prefix", "iface" };
		char what[192], val[96] = "";

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (sim_log_field(r, names[i], val, sizeof(val)))
				break;
		snprintf(what, sizeof(what), "%s %s %s", r->module, r->event,
			 val);
		for (int k = 0; k < MEAS_MARK__COUNT; k++)
			if (!strcmp(mark,
				    meas_mark_name((enum meas_mark_kind)k))) {
				meas_mark(w->meas, r->t, (enum meas_mark_kind)k,
					  r->node, what);
				return;
			}
	}
	for (size_t i = 0; i < sizeof(mark_rules) / sizeof(mark_rules[0]);
	     i++) {
		const struct mark_rule *m = &mark_rules[i];
		char val[128], what[192];

		if (strcmp(r->module, m->module) ||
		    (m->event && strcmp(r->event, m->event)))
			continue;
		/* Interfaces of switches and hosts are not failure
		 * detectors of the network's protocols; a crashed node's own
		 * interfaces going down detect nothing either: someone else
		 * has to notice the crash. */
		if (!strcmp(r->module, "iface") && r->node) {
			int n = scn_node_find(w->spec, r->node);

			if (n >= 0 && w->spec->nodes[n].kind != SCN_NODE_ROUTER)
				return;
		}
		if (sim_log_field(r, "why", val, sizeof(val)) &&
		    !strcmp(val, "crash"))
			return;
		if (!sim_log_field(r, m->field, val, sizeof(val)))
			val[0] = 0;
		snprintf(what, sizeof(what), "%s %s %s", r->module, r->event,
			 val);
		meas_mark(w->meas, r->t, m->kind, r->node, what);
		return;
	}
}
