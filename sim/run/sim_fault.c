/*
 * Fault injection at scenario times: link down/up, interface shutdown and
 * undo shutdown typed into the router's CLI (as an operator would), node
 * crash (all state lost, silent) and restart (boot from the startup
 * configuration after the boot delay), control-plane freeze, link loss
 * rate, and arbitrary CLI lines. Each fault is logged (module "fault") and
 * registered with the measurement, which attributes outages to it. The
 * operator's CLI session (run and log, module "cli") is shared with the
 * scenario's displays (sim_display.c).
 */
#include "sim/run/sim_world_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/router/router.h"

static const char *const fault_names[] = {
	[SCN_FAULT_LINK_DOWN] = "link-down",
	[SCN_FAULT_LINK_UP] = "link-up",
	[SCN_FAULT_SHUTDOWN] = "shutdown",
	[SCN_FAULT_UNDO_SHUTDOWN] = "undo-shutdown",
	[SCN_FAULT_CRASH] = "crash",
	[SCN_FAULT_RESTART] = "restart",
	[SCN_FAULT_FREEZE] = "freeze",
	[SCN_FAULT_LOSS] = "loss",
	[SCN_FAULT_CLI] = "cli",
};

int sim_cli_exec(struct node *n, const char *text, struct cli_out *out)
{
	struct router *r = router_from_node(n);

	cli_out_clear(out);
	out->echo = true;
	return r ? router_cli_exec(r, text, out) : -1;
}

void sim_cli_log(const struct node *n, const char *module, const char *event,
		 const char *name, const char *cmd, const char *output)
{
	struct sim_log_rec rec;

	node_log_begin(&rec, n, module, event);
	if (name)
		sim_log_str(&rec, "name", name);
	sim_log_str(&rec, "command", cmd);
	sim_log_str(&rec, "output", output);
	sim_log_end(&rec);
}

static void run_cli(struct node *n, const char *text)
{
	struct cli_out out;
	int rc;

	cli_out_init(&out);
	rc = sim_cli_exec(n, text, &out);
	sim_cli_log(n, "cli", rc == 0 ? "exec" : "error", NULL, text,
		    cli_out_str(&out));
	cli_out_free(&out);
}

/* Shutdown as typed: system-view, interface, [undo] shutdown, commit. */
static void iface_shutdown(struct node *n, const char *ifname, bool undo)
{
	char text[256];

	snprintf(text, sizeof(text),
		 "system-view\ninterface %s\n%sshutdown\ncommit\nreturn\n",
		 ifname, undo ? "undo " : "");
	run_cli(n, text);
}

void sim_fault_label(const struct scn_fault *f, char *buf, size_t len)
{
	if (f->label)
		snprintf(buf, len, "%s", f->label);
	else
		snprintf(buf, len, "%s %s", fault_names[f->kind], f->target);
}

static void fault_fire(struct sim_timer *t)
{
	struct sim_fault_ev *ev =
		sim_container_of(t, struct sim_fault_ev, timer);
	struct sim_world *w = ev->w;
	const struct scn_fault *f = ev->f;
	struct node *n = f->node_idx >= 0 ? w->nodes[f->node_idx] : NULL;
	struct node_link *l = f->link_idx >= 0 ? w->links[f->link_idx] : NULL;
	struct sim_log_rec rec;
	char label[SCN_LABEL_MAX + 160];

	sim_fault_label(f, label, sizeof(label));
	sim_log_begin(&rec, &w->log, sim_now(w->eng), n ? n->name : "-",
		      "fault", fault_names[f->kind]);
	sim_log_str(&rec, "target", f->target);
	sim_log_str(&rec, "label", label);
	sim_log_end(&rec);
	meas_fault(w->meas, sim_now(w->eng), label);

	switch (f->kind) {
	case SCN_FAULT_LINK_DOWN:
	case SCN_FAULT_LINK_UP:
		node_link_set_up(l, f->kind == SCN_FAULT_LINK_UP);
		break;
	case SCN_FAULT_LOSS:
		node_link_set_loss(l, f->loss_ppb);
		break;
	case SCN_FAULT_SHUTDOWN:
	case SCN_FAULT_UNDO_SHUTDOWN:
		iface_shutdown(n, f->iface, f->kind == SCN_FAULT_UNDO_SHUTDOWN);
		break;
	case SCN_FAULT_CRASH:
		if (n->ops->crash)
			n->ops->crash(n);
		break;
	case SCN_FAULT_RESTART:
		if (n->ops->restart)
			n->ops->restart(n);
		break;
	case SCN_FAULT_FREEZE:
		if (router_from_node(n))
			router_freeze(router_from_node(n), f->duration);
		else
			n->frozen_until = sim_now(w->eng) + f->duration;
		break;
	case SCN_FAULT_CLI:
		run_cli(n, f->command);
		break;
	}
}

int sim_fault_build(struct sim_world *w, char *err, size_t errlen)
{
	const struct scn_spec *spec = w->spec;

	w->faults = calloc(spec->nfaults + 1, sizeof(*w->faults));
	if (!w->faults) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < spec->nfaults; i++) {
		const struct scn_fault *f = &spec->faults[i];
		struct sim_fault_ev *ev = &w->faults[i];

		if ((f->kind == SCN_FAULT_SHUTDOWN ||
		     f->kind == SCN_FAULT_UNDO_SHUTDOWN ||
		     f->kind == SCN_FAULT_CLI) &&
		    spec->nodes[f->node_idx].kind != SCN_NODE_ROUTER)
			return scn_spec_errf(spec, f->loc, err, errlen,
					     "faults[%zu]: %s needs a router, "
					     "%s is not one",
					     i, fault_names[f->kind],
					     spec->nodes[f->node_idx].name);
		ev->w = w;
		ev->f = f;
		if (sim_timer_init(w->eng, &ev->timer, fault_fire) != 0)
			return -1;
		sim_timer_arm(&ev->timer, f->at);
	}
	return 0;
}

void sim_fault_free(struct sim_world *w)
{
	for (size_t i = 0; w->faults && i < w->spec->nfaults; i++)
		if (w->faults[i].w)
			sim_timer_fini(&w->faults[i].timer);
	free(w->faults);
	w->faults = NULL;
}
