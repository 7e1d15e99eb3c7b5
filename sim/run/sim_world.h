/*
 * A whole simulation built from a scenario spec: engine, event log, frame
 * pool, nodes (routers booted from their VRP configuration, switches,
 * hosts), links, traffic sources and receivers, faults at their times,
 * displays (router CLI output at given times), capture points and the
 * measurement. Several worlds can live in one
 * process (no global state). sim_run_scenario is the `failsim run` driver:
 * it writes every output to a temporary name and renames it when complete.
 */
#ifndef SIM_WORLD_H
#define SIM_WORLD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/sim_time.h"
#include "sim/measure/meas.h"
#include "sim/node/node.h"
#include "sim/node/node_module.h"
#include "sim/router/router_module.h"
#include "sim/scenario/scn_spec.h"

struct sim_opts {
	uint64_t seed; /* with seed_set: overrides the scenario's */
	bool seed_set;
	sim_time_t duration; /* with duration_set: overrides */
	bool duration_set;
	bool quiet;    /* do not print the report */
	bool no_plots; /* skip gnuplot */
	/* Protocol modules for every router (NULL-terminated; may be NULL):
	 * the program's table, e.g. protocols/protocols.h. */
	const struct router_module *const *modules;
	/* Host and switch modules (NULL-terminated; may be NULL): IGMP/MLD
	 * host side, snooping. */
	const struct node_module *const *node_modules;
};

struct sim_world;

/*
 * Build the world (routers boot at time 0 from their configuration). The
 * spec is modified by option overrides and must outlive the world. events
 * receives events.jsonl lines (may be NULL). Returns NULL with a message
 * naming file:line (and the offending command, for a bad VRP line) in err.
 */
struct sim_world *sim_world_new(struct scn_spec *spec,
				const struct sim_opts *opts, FILE *events,
				char *err, size_t errlen);
void sim_world_free(struct sim_world *w);

/* Run until the scenario's duration (or `until`, if earlier). */
void sim_world_run(struct sim_world *w, sim_time_t until);
/* Finish the measurement at the current time; results stay valid until
 * sim_world_free. */
const struct meas_results *sim_world_finish(struct sim_world *w);

struct node *sim_world_node(struct sim_world *w, const char *name);
struct sim_engine *sim_world_engine(struct sim_world *w);
struct sim_log *sim_world_log(struct sim_world *w);
uint64_t sim_world_seed(const struct sim_world *w);
sim_time_t sim_world_duration(const struct sim_world *w);

/*
 * The scenario's displays shown so far, as displays.txt holds them (one
 * heading line per item, the router's output, a blank line between
 * items); "" when there are none. Valid until the next run or free.
 */
const char *sim_world_displays(const struct sim_world *w);

/*
 * Open a pcap for every capture point in dir (temporary names). Must be
 * called before running. 0 or -1 with err.
 */
int sim_world_open_captures(struct sim_world *w, const char *dir, char *err,
			    size_t errlen);
/* Close (rename into place) or abort every capture file. */
int sim_world_close_captures(struct sim_world *w, bool commit, char *err,
			     size_t errlen);

/*
 * `failsim run`: build, run, write report.txt, report.json, events.jsonl,
 * displays.txt (when the scenario has displays), the pcaps and the plots
 * into outdir, print report.txt to out unless
 * opts->quiet. 0, or -1 with err (nothing half-written is left behind).
 */
int sim_run_scenario(struct scn_spec *spec, const char *outdir,
		     const struct sim_opts *opts, FILE *out, char *err,
		     size_t errlen);
/*
 * sim_run_scenario, keeping the world: on success *keep (which must not be
 * NULL) holds the finished world, whose results (sim_world_finish) the
 * caller reads before sim_world_free; on failure *keep is NULL. `failsim
 * compare` uses it to compare two runs.
 */
int sim_run_scenario_keep(struct scn_spec *spec, const char *outdir,
			  const struct sim_opts *opts, FILE *out,
			  struct sim_world **keep, char *err, size_t errlen);

/* The label of fault f in the measurement and the reports: its name:, or
 * "<action> <target>" (e.g. "link-down primary"). */
void sim_fault_label(const struct scn_fault *f, char *buf, size_t len);

#endif
