/*
 * The scenario specification: plain data read from a scenario YAML file
 * (format reference: scenarios/README.md). The loader fills it, checks every
 * value and every cross-reference, applies defaults and resolves names to
 * indices; it builds nothing. All strings and arrays are owned by the spec
 * and freed by scn_spec_free. Every item keeps the file position it came from
 * (struct scn_loc) so later stages can report "file:line:col: ..." errors
 * about problems only they can see (e.g. an interface name a router rejects),
 * using scn_spec_errf. Times are sim_time_t (ns), link rates bits/s, loss
 * parts per billion. No RFC is implemented here.
 */
#ifndef SCN_SPEC_H
#define SCN_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

/* Limits: a file beyond them fails to load with a clear message. */
#define SCN_FILE_MAX	      (16u << 20) /* bytes of YAML */
#define SCN_CONFIG_MAX	      (1u << 20)  /* bytes of one router's config */
#define SCN_NAME_MAX	      31	  /* node/profile/stream/link names */
#define SCN_SCENARIO_NAME_MAX 63
#define SCN_IFNAME_MAX	      63 /* interface names */
#define SCN_MAX_PROFILES      64
#define SCN_MAX_NODES	      4096
#define SCN_MAX_HOST_IFACES   8
#define SCN_MAX_LINKS	      16384
#define SCN_MAX_STREAMS	      4096  /* multicast + unicast */
#define SCN_MAX_GROUPS	      65536 /* count of one multicast stream */
#define SCN_MAX_RECEIVERS     4096
#define SCN_MAX_RX_SOURCES    64 /* source filter of one receiver item */
#define SCN_MAX_FAULTS	      4096
#define SCN_MAX_CAPTURES      256
#define SCN_MAX_DISPLAYS      4096
#define SCN_LABEL_MAX	      256u	  /* fault and display names */
#define SCN_COMMAND_MAX	      (64u << 10) /* bytes of CLI text of one item */

#define SCN_NONE (-1) /* an index that refers to nothing */

/* A position in the scenario file, 1-based (0 = unknown / built in). */
struct scn_loc {
	uint32_t line;
	uint32_t col;
};

/* ASIC timing profile (DESIGN.md, "ASIC timing profile"). */
struct scn_profile {
	char *name;
	struct scn_loc loc;
	sim_time_t pipeline_latency;	/* ingress to egress, default 2us */
	sim_time_t replication_latency; /* per extra mcast copy, 100ns */
	sim_time_t punt_latency;	/* wire to CPU, default 30us */
	sim_time_t inject_latency;	/* CPU to wire, default 20us */
	uint32_t cpu_pps;		/* control-plane packets/s, 20000 */
	uint32_t cpu_queue;		/* CPU queue length, packets, 1024 */
	sim_time_t fib_write;		/* per unicast FIB entry, 5us */
	sim_time_t mfib_write;		/* per multicast FIB entry, 20us */
	sim_time_t oif_write;		/* per outgoing-interface entry, 10us */
	sim_time_t adj_write;		/* per ARP/ND adjacency, 5us */
	sim_time_t batch_overhead;	/* per programming batch, 100us */
	sim_time_t link_detect;		/* loss of signal to if-down, 5ms */
	uint32_t egress_queue;		/* frames per egress FIFO, 1000 */
};

enum scn_node_kind {
	SCN_NODE_ROUTER,
	SCN_NODE_SWITCH,
	SCN_NODE_HOST,
};

struct scn_router {
	char *model; /* profile name as written ("default" if absent) */
	int profile; /* index into spec->profiles */
	sim_time_t boot_delay; /* restart to running config, default 30s */
	char *config;	       /* VRP command text; NULL when absent */
	/*
	 * File line of the first line of config: line k (0-based) of the text
	 * is at file line config_line + k. 0 when config is NULL.
	 */
	uint32_t config_line;
	/*
	 * Indentation of the literal block in the file: column c of a config
	 * line is file column config_indent + c. 0 for one-line text.
	 */
	uint32_t config_indent;
};

struct scn_switch {
	sim_time_t mac_ageing; /* default 300s */
	bool snooping;	       /* IGMP/MLD snooping (RFC 4541), default off */
};

struct scn_host_iface {
	char *name; /* default "eth0" */
	struct scn_loc loc;
	struct net_mac mac; /* as given, or scn_host_mac_default() */
	bool mac_given;
	/* Absent addresses have af == NET_AF_NONE. */
	struct net_addr ip4; /* host address (not the network) */
	uint8_t ip4_len;     /* prefix length */
	struct net_addr gateway4;
	struct net_addr ip6; /* global/ULA; link-local is always generated */
	uint8_t ip6_len;
	struct net_addr gateway6; /* may be link-local (fe80::/10) */
};

struct scn_host {
	struct scn_host_iface *ifaces; /* at least one */
	size_t nifaces;
};

struct scn_node {
	char *name;
	struct scn_loc loc; /* the "- name:" item */
	enum scn_node_kind kind;
	struct scn_router router; /* valid when kind == SCN_NODE_ROUTER */
	struct scn_switch sw;	  /* valid when kind == SCN_NODE_SWITCH */
	struct scn_host host;	  /* valid when kind == SCN_NODE_HOST */
};

/* "node:interface" as written; node resolved to an index. */
struct scn_endpoint {
	char *node;
	char *iface; /* routers: VRP name as written (maybe abbreviated) */
	int node_idx;
	struct scn_loc loc;
};

struct scn_link {
	char *name; /* given, or "<a>--<b>" with a and b as written */
	struct scn_loc loc;
	struct scn_endpoint a, b;
	uint64_t rate_bps; /* default 1G */
	sim_time_t delay;  /* propagation delay, default 1us */
	uint32_t loss_ppb; /* drop probability, parts per 1e9, default 0 */
	bool up;	   /* default true */
};

/* A multicast source: count consecutive groups, each at rate_pps. */
struct scn_mcast {
	char *name;
	struct scn_loc loc;
	char *source;	       /* host name */
	int source_idx;	       /* index into spec->nodes (a host) */
	struct net_addr group; /* first group; IPv4 or IPv6 multicast */
	uint32_t count;	       /* groups, default 1 */
	uint32_t rate_pps;     /* packets/s per group */
	uint32_t size;	       /* UDP payload bytes, default 1316 */
	uint16_t port;	       /* UDP destination port, default 5000 */
	sim_time_t start;      /* default 0 */
	sim_time_t stop;       /* default the scenario duration */
	bool stop_given;       /* false: stop follows scn_spec_set_duration */
};

enum scn_gmp_version {
	SCN_GMP_NONE, /* static: no membership signalling */
	SCN_GMP_IGMPV1,
	SCN_GMP_IGMPV2,
	SCN_GMP_IGMPV3,
	SCN_GMP_MLDV1,
	SCN_GMP_MLDV2,
};

struct scn_receiver {
	struct scn_loc loc;
	char *host;
	int host_idx;	 /* index into spec->nodes (a host) */
	char **streams;	 /* stream names as written */
	int *stream_idx; /* indices into spec->mcast, parallel */
	size_t nstreams;
	sim_time_t join;  /* default 0 */
	sim_time_t leave; /* SIM_TIME_NEVER when not given */
	enum scn_gmp_version version;
	/* Source filter (RFC 3376 section 2 / RFC 3810 section 3): EXCLUDE
	 * {} (any source) unless given; INCLUDE needs sources. */
	bool include;
	struct net_addr *sources;
	size_t nsources;
};

struct scn_unicast {
	char *name;
	struct scn_loc loc;
	char *from; /* host name */
	int from_idx;
	char *to; /* as written: a host name or an address */
	/*
	 * Index of the destination host, or SCN_NONE when "to" is an address
	 * no host owns (e.g. a router's or a VRRP virtual address).
	 */
	int to_idx;
	/*
	 * Destination address: as written, or for a host name the host's
	 * first IPv4 address, else its first IPv6 address.
	 */
	struct net_addr to_addr;
	uint32_t rate_pps;
	uint32_t size;	  /* UDP payload bytes, default 1316 */
	uint16_t port;	  /* default 6000 */
	sim_time_t start; /* default 0 */
	sim_time_t stop;  /* default the scenario duration */
	bool stop_given;
};

enum scn_fault_kind {
	SCN_FAULT_LINK_DOWN,	 /* link: link */
	SCN_FAULT_LINK_UP,	 /* link: link */
	SCN_FAULT_SHUTDOWN,	 /* node + iface: router CLI "shutdown" */
	SCN_FAULT_UNDO_SHUTDOWN, /* node + iface: "undo shutdown" */
	SCN_FAULT_CRASH,	 /* node (router or switch): all state lost */
	SCN_FAULT_RESTART,	 /* node: boot again (after boot_delay) */
	SCN_FAULT_FREEZE,	 /* node (router): control plane stalls */
	SCN_FAULT_LOSS,		 /* link + loss_ppb */
	SCN_FAULT_CLI,		 /* node (router) + command */
};

struct scn_fault {
	enum scn_fault_kind kind;
	struct scn_loc loc;
	sim_time_t at;
	char *label;	       /* "name:", NULL if absent */
	char *target;	       /* the action's value as written */
	int link_idx;	       /* LINK_DOWN, LINK_UP, LOSS; else SCN_NONE */
	int node_idx;	       /* node faults, SHUTDOWN, CLI; else SCN_NONE */
	char *iface;	       /* SHUTDOWN, UNDO_SHUTDOWN; else NULL */
	sim_time_t duration;   /* FREEZE ("for:"); else 0 */
	uint32_t loss_ppb;     /* LOSS ("rate:") */
	char *command;	       /* CLI: one or more lines; else NULL */
	uint32_t command_line; /* file line of the command's first line */
};

struct scn_capture {
	char *name; /* file is <name>.pcap; default the link name, sanitized */
	struct scn_loc loc;
	char *link;
	int link_idx;
};

/* Router CLI commands run at a time, their output kept (displays.txt). */
struct scn_display {
	struct scn_loc loc;
	sim_time_t at;
	char *name;	       /* "name:", one line; NULL if absent */
	char *node;	       /* as written */
	int node_idx;	       /* index into spec->nodes (a router) */
	char *command;	       /* one or more lines */
	uint32_t command_line; /* file line of the command's first line */
};

struct scn_measure {
	struct scn_loc loc;
	/*
	 * A gap in one (receiver, group) stream is a silence longer than
	 * gap_threshold nominal packet intervals (1/rate) between two
	 * received packets. Default 3.
	 */
	uint32_t gap_threshold;
	/*
	 * Gaps closer together than settle (from the end of one to the start
	 * of the next) belong to the same outage. Default 0.
	 */
	sim_time_t settle;
};

struct scn_spec {
	char *file; /* the name errors use (path or the name given) */
	char *name;
	char *description; /* NULL if absent */
	uint64_t seed;	   /* default 1 */
	sim_time_t duration;
	/* profiles[] always holds one named "default" (built in or given). */
	struct scn_profile *profiles;
	size_t nprofiles;
	struct scn_node *nodes;
	size_t nnodes;
	struct scn_link *links;
	size_t nlinks;
	struct scn_mcast *mcast;
	size_t nmcast;
	struct scn_receiver *receivers;
	size_t nreceivers;
	struct scn_unicast *unicast;
	size_t nunicast;
	struct scn_fault *faults; /* file order (ties at equal "at") */
	size_t nfaults;
	struct scn_capture *captures;
	size_t ncaptures;
	struct scn_display *displays; /* file order (ties at equal "at") */
	size_t ndisplays;
	struct scn_measure measure;
};

/*
 * Load a scenario. On success returns 0 and *out owns a spec. On error
 * returns -1, *out is NULL and err holds one line such as
 *   flagship.yaml:23:7: links[2].rate: expected a rate like "1G", ...
 * scn_load_string reads text (NUL-terminated); name is used in messages.
 */
int scn_load_file(const char *path, struct scn_spec **out, char *err,
		  size_t errlen);
int scn_load_string(const char *text, const char *name, struct scn_spec **out,
		    char *err, size_t errlen);
void scn_spec_free(struct scn_spec *spec);

/* --duration: sets duration and the stop of streams without "stop:". */
void scn_spec_set_duration(struct scn_spec *spec, sim_time_t duration);

/* Index by name, or SCN_NONE. */
int scn_node_find(const struct scn_spec *spec, const char *name);
int scn_link_find(const struct scn_spec *spec, const char *name);
int scn_mcast_find(const struct scn_spec *spec, const char *name);
int scn_profile_find(const struct scn_spec *spec, const char *name);

/*
 * Format "file:line:col: message" (or "file:line: " when col is 0) into
 * buf, for errors found by later stages. Returns -1 so callers can write
 * "return scn_spec_errf(...);".
 */
int scn_spec_errf(const struct scn_spec *spec, struct scn_loc loc, char *buf,
		  size_t len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Profile with every parameter at its documented default. */
void scn_profile_defaults(struct scn_profile *p);

/* Value parsers, shared with other modules. Each returns 0 or -1. */

/* "1G", "100M", "10k", "1.5G", "10Gbps", "64000", "2.5Mbit/s" -> bits/s. */
int scn_parse_rate(const char *s, uint64_t *bps);
/* "100", "100pps" -> packets/s (1 .. 10000000). */
int scn_parse_pps(const char *s, uint32_t *pps);
/* Fraction "0", "0.05", "1" or percent "5%", "0.25%" -> parts per 1e9. */
int scn_parse_loss(const char *s, uint32_t *ppb);
/* Non-negative decimal integer up to max. */
int scn_parse_uint(const char *s, uint64_t max, uint64_t *out);
/* true/false, yes/no, on/off (any case). */
int scn_parse_bool(const char *s, bool *out);
/* Name of [A-Za-z0-9_.-], 1..max characters. */
bool scn_name_valid(const char *s, size_t max);
/*
 * "R1:GigabitEthernet0/1/0" -> node "R1", iface "GigabitEthernet0/1/0".
 * The node part must be a valid name; the interface part 1..SCN_IFNAME_MAX
 * printable characters without spaces. Buffers must hold SCN_NAME_MAX + 1
 * and SCN_IFNAME_MAX + 1 bytes.
 */
int scn_parse_endpoint(const char *s, char node[SCN_NAME_MAX + 1],
		       char iface[SCN_IFNAME_MAX + 1]);
/* "10.0.1.10/24" -> address and length (address may have host bits). */
int scn_parse_addr_len(const char *s, struct net_addr *addr, uint8_t *len);
/*
 * Default host MAC: 02:h1:h2:h3:h4:idx, locally administered unicast, with
 * h1..h4 from FNV-1a-64 of the node name.
 */
void scn_host_mac_default(const char *node, unsigned idx, struct net_mac *out);

#endif
