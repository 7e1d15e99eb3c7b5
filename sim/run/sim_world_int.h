/*
 * Internal state of a simulation world, shared by the files of sim/run:
 * the build (sim_world.c), traffic (sim_traffic.c), faults (sim_fault.c),
 * displays (sim_display.c), captures and outputs (sim_output.c) and the
 * log-to-measurement bridge.
 */
#ifndef SIM_WORLD_INT_H
#define SIM_WORLD_INT_H

#include "sim/cli/cli.h"
#include "sim/core/sim_engine.h"
#include "sim/core/sim_log.h"
#include "sim/node/node_link.h"
#include "sim/run/sim_world.h"

struct trace_pcap;
struct sim_displays; /* sim_display.c */

/* One multicast group of a stream, or one unicast flow: a source timer. */
struct sim_source {
	struct sim_world *w;
	struct sim_timer timer;
	struct node *host;
	struct net_addr dst;
	uint16_t port;
	uint32_t size;
	uint32_t rate_pps;
	sim_time_t first; /* time of packet 0 */
	sim_time_t stop;
	uint64_t seq;	 /* next sequence number */
	int meas_stream; /* measurement stream id */
};

/* A membership change of a receiver at a time. */
struct sim_join {
	struct sim_world *w;
	struct sim_timer timer;
	struct node *host;
	int receiver; /* index into spec->receivers */
	bool join;
	/* the receiver item's measurement flows: consecutive ids */
	int first_flow;
	int nflows;
};

struct sim_fault_ev {
	struct sim_world *w;
	struct sim_timer timer;
	const struct scn_fault *f;
};

struct sim_capture {
	struct trace_pcap *pc;
	char path[1024];
	int link;
};

/* Flow lookup on arrival: per receiving node, meas flow by stream id. */
struct sim_rxmap {
	struct sim_world *w;
	int node;
	int *flow_by_stream; /* nstreams entries, -1 when not a receiver */
};

struct sim_world {
	struct scn_spec *spec;
	uint64_t seed;
	sim_time_t duration;
	struct sim_engine *eng;
	struct sim_log log;
	struct net_frame_pool pool;
	struct node_env env;
	struct cli_registry *reg;
	const struct router_module *const *modules;
	struct node **nodes; /* parallel to spec->nodes */
	struct node_link **links;
	struct meas *meas;
	int nstreams;	      /* measurement streams */
	struct sim_rxmap *rx; /* parallel to spec->nodes */
	struct sim_source *src;
	size_t nsrc;
	struct sim_join *joins;
	size_t njoins;
	struct sim_fault_ev *faults;
	struct sim_capture *caps;
	size_t ncaps;
	const struct node_module *const *node_modules;
	void **nmod_state; /* [node * nnode_modules + module] */
	size_t nnode_modules;
	struct sim_displays *disp; /* NULL when the scenario has none */
	bool finished;
};

/* sim_traffic.c */
int sim_traffic_build(struct sim_world *w, char *err, size_t errlen);
void sim_traffic_free(struct sim_world *w);
/* sim_fault.c */
int sim_fault_build(struct sim_world *w, char *err, size_t errlen);
void sim_fault_free(struct sim_world *w);
/*
 * An operator's CLI session on router n: a new session in the user view
 * running text (one or more lines), each line echoed after its prompt.
 * out (initialised by the caller) is cleared first and receives the
 * output. Returns the CLI's status: 0, or -1 on the first failing line or
 * when the router is not running (out says why), or when n is not a
 * router (out stays empty).
 */
int sim_cli_exec(struct node *n, const char *text, struct cli_out *out);
/* Log a session: {module, event, "name" (when not NULL), "command",
 * "output"} at n's time. */
void sim_cli_log(const struct node *n, const char *module, const char *event,
		 const char *name, const char *cmd, const char *output);
/* sim_display.c */
int sim_display_build(struct sim_world *w, char *err, size_t errlen);
void sim_display_free(struct sim_world *w);
/*
 * Write <outdir>/displays.txt (temporary name, then rename) when the
 * scenario has displays; displays that never ran are listed with the
 * reason. 0, or -1 with err.
 */
int sim_display_write(struct sim_world *w, const char *outdir, char *err,
		      size_t errlen);
/* sim_marks.c: event log records to measurement marks */
void sim_marks_tap(void *arg, const struct sim_log_rec *r);

#endif
