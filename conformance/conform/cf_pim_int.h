/*
 * Private helpers of the PIM-SM conformance suite (cf_pim*.c): one
 * failsim router R1 (the device under test) between two probe nodes
 * that play the other PIM routers and hosts of its two links. The probe
 * on the LAN (GE0/1/0) stands for downstream routers A, B and H and for
 * a source host; the probe on the upstream link (GE0/2/0) for the
 * upstream router U (RPF neighbor towards the RP 9.9.9.9 and the remote
 * source network), another router C and a source host. Messages are
 * built with the PIM codec (pim_pkt_encode) and injected as whole
 * frames; what R1 sends is read back from the probes and decoded with the
 * same codec. Times are exact: the moment R1's control plane gets an
 * injected frame, and when one of R1's frames reaches a probe, follow
 * from the link rate and delay and the ASIC latencies. The expected
 * values of RFC 7761 section 4.11 are passed to the case bodies so that
 * tests can run them with wrong expectations and see them fail.
 */
#ifndef CF_PIM_INT_H
#define CF_PIM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/conform/cf.h"
#include "conformance/conform/cf_world.h"
#include "protocols/pim/pim.h"
#include "protocols/pim/pim_pkt.h"
#include "sim/net/net_dissect.h"

#define CFP_LAN "GigabitEthernet0/1/0"
#define CFP_UP	"GigabitEthernet0/2/0"

#define CFP_R_LAN "10.0.1.100" /* R1 on the LAN */
#define CFP_R_UP  "10.0.2.1"   /* R1 on the upstream link */
#define CFP_A	  "10.0.1.2"   /* downstream routers on the LAN */
#define CFP_B	  "10.0.1.3"
#define CFP_H	  "10.0.1.200" /* a LAN router above R1's address */
#define CFP_U	  "10.0.2.2"   /* upstream router: RPF' of RP and 10.9/16 */
#define CFP_C	  "10.0.2.3"   /* another router on the upstream link */
#define CFP_RP	  "9.9.9.9"
#define CFP_G	  "239.1.1.1"
#define CFP_S_FAR "10.9.0.10"  /* remote source, reached through U */
#define CFP_S_ALT "10.8.0.10"  /* remote source, reached through C */
#define CFP_S_LAN "10.0.1.10"  /* source on the LAN (Register) */
#define CFP_ALL	  "224.0.0.13" /* ALL-PIM-ROUTERS */

/* Static route preference of R1's routes to the remote sources: the
 * Metric Preference of its Asserts (RFC 7761 4.6.3). */
#define CFP_STATIC_PREF 60

enum { CFP_PL = 0, CFP_PU = 1 }; /* the probe on the LAN, upstream */

/* RFC 7761 section 4.11 values the cases expect (tests change them to
 * prove the cases can fail). */
struct cfp_exp {
	sim_time_t hello_period;     /* Hello_Period, 30 s */
	sim_time_t triggered_delay;  /* Triggered_Hello_Delay, 5 s */
	sim_time_t default_holdtime; /* Default_Hello_Holdtime, 105 s */
	sim_time_t t_periodic;	     /* t_periodic, 60 s */
	sim_time_t jp_override;	     /* J/P_Override_Interval, 3 s */
	sim_time_t t_override_max;   /* Effective_Override_Interval, 2.5 s */
	sim_time_t assert_time;	     /* Assert_Time, 180 s */
	sim_time_t assert_override;  /* Assert_Override_Interval, 3 s */
	sim_time_t reg_suppression;  /* Register_Suppression_Time, 60 s */
	sim_time_t reg_probe;	     /* Register_Probe_Time, 5 s */
};

extern const struct cfp_exp cfp_rfc;

/* The world of one case. */
struct cfp {
	struct cf_ctx *c;
	struct cf_world *w;
	struct router *r;
	struct node *p[2];
	struct node_link *l[2];
	struct pim_msg *m; /* encode / decode buffer */
	uint32_t genid;	   /* Generation ID of the probes' Hellos */
	size_t rx_len;	   /* frame length of the last cfp_rx match */
	const char *grp;   /* the group of messages and data: CFP_G */
};

/* R1 with its base configuration plus extra lines (typed in the system
 * view before commit; may be NULL), both probes cabled, booted at the
 * current time (0). The upstream probe has told R1 its MAC (ARP). NULL
 * when setup failed (reported through cf_check). */
struct cfp *cfp_new(struct cf_ctx *c, const char *extra);
/* cfp_new with neighbors that never time out: U upstream, then those of
 * the NULL-terminated lists lan (on the LAN) and up (upstream; either
 * list may be NULL), each sending its Hello at 1 s; run to 7 s, when
 * R1's own startup and triggered Hellos are out. */
struct cfp *cfp_new_nbrs(struct cf_ctx *c, const char *extra,
			 const char *const *lan, const char *const *up);
/* Free; a leaked frame or timer is a failed check. */
void cfp_free(struct cfp *x);

void cfp_run(struct cfp *x, sim_time_t until);
sim_time_t cfp_now(const struct cfp *x);
/* Run configuration lines on R1 (system-view ... commit ... return);
 * false (reported) when a line fails. */
bool cfp_config(struct cfp *x, const char *lines);
/* Output of a command on R1 ("" on failure, reported). */
const char *cfp_cli(struct cfp *x, const char *lines);

/* ---- messages from the probes ---- */

/* Holdtime 0xffff: never time out (RFC 7761 4.9.2). */
#define CFP_FOREVER SIM_S(65535)

/* Fill x->m with a Hello: holdtime < 0 leaves the option out (and so
 * does prio < 0 for DR Priority); the LAN Prune Delay option carries
 * 500 ms / 2500 ms. */
void cfp_hello(struct cfp *x, sim_time_t holdtime, int64_t prio,
	       uint32_t genid);
/* A Join/Prune to upstream for group CFP_G: src NULL is (*,G) (RP with
 * the W and R bits), else (S,G); join or prune; holdtime. */
void cfp_jp(struct cfp *x, const char *upstream, const char *src, bool join,
	    sim_time_t holdtime);
/* An (S,G) Assert with the given metrics. */
void cfp_assert(struct cfp *x, const char *src, uint32_t pref, uint32_t metric);
/* A Register-Stop for (src, CFP_G). */
void cfp_regstop(struct cfp *x, const char *src);

/* Send x->m from src to dst out of probe k (TTL 1 to a multicast
 * destination, 64 otherwise): the time R1's control plane gets it, or
 * -1 (reported). */
sim_time_t cfp_send(struct cfp *x, int k, const char *src, const char *dst);
/* Send raw PIM bytes with an explicit TTL (receive-check cases). */
sim_time_t cfp_send_raw(struct cfp *x, int k, const char *src, const char *dst,
			uint8_t ttl, const uint8_t *pim, size_t len);
/* Encode x->m from src to dst into buf; length or -1. */
int cfp_encode(struct cfp *x, const char *src, const char *dst, uint8_t *buf,
	       size_t cap);
/* A UDP datagram from src to CFP_G out of probe k (TTL 16). */
sim_time_t cfp_data(struct cfp *x, int k, const char *src);

/* ---- what R1 sends ---- */

/* The nth PIM message of type (type < 0: any) that probe k received
 * with arrival time in [from, to), decoded into x->m (pi filled when not
 * NULL); its arrival time, or -1. */
sim_time_t cfp_rx(struct cfp *x, int k, int type, sim_time_t from,
		  sim_time_t to, size_t nth, struct net_pkt_info *pi);
/* Count of such messages. */
size_t cfp_rx_count(struct cfp *x, int k, int type, sim_time_t from,
		    sim_time_t to);
/* Datagrams to CFP_G that probe k received in [from, to). */
size_t cfp_data_count(struct cfp *x, int k, sim_time_t from, sim_time_t to);
/* How long one of R1's frames of len bytes takes from its control plane
 * to probe k (inject latency, serialization, propagation). */
sim_time_t cfp_wire(const struct cfp *x, int k, size_t len);
/* Length of the frame last returned by cfp_rx. */
size_t cfp_rx_len(const struct cfp *x);

/* x->m, decoded by cfp_rx, is a J/P whose first group carries the
 * source (src NULL: the RP with W and R, a (*,G) entry) as a join or a
 * prune. */
bool cfp_jp_has(const struct cfp *x, const char *src, bool join);

/* ---- R1's state ---- */

/* The time of R1's nth pim event with key = val (key NULL: any); -1. */
sim_time_t cfp_ev(const struct cfp *x, const char *event, const char *key,
		  const char *val, size_t nth);
/* Count of such events. */
size_t cfp_ev_count(const struct cfp *x, const char *event, const char *key,
		    const char *val);
struct pim *cfp_engine(struct cfp *x);
/* Interface info of ifname (false when PIM does not run there). */
bool cfp_if_info(struct cfp *x, const char *ifname, struct pim_if_info *out);
int cfp_ifindex(struct cfp *x, const char *ifname);
/* The entry (src NULL: (*,G)) for CFP_G; false when absent. The state
 * of the downstream interface ifname goes to *oif ("" when not there). */
bool cfp_entry(struct cfp *x, const char *src, const char *ifname,
	       struct pim_entry_info *out, const char **oif);

/* ---- the case bodies (cf_pim_*.c), parameterised by expectations ---- */

void cfp_hello_startup(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_hello_period(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_hello_holdtime(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_hello_triggered(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_hello_goodbye_tx(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_nbr_expiry(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_nbr_default_holdtime(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_nbr_goodbye(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_nbr_genid(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_dr_election(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_dr_no_priority(struct cf_ctx *c, const struct cfp_exp *e);

void cfp_jp_join(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_periodic(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_expiry(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_prune_pending(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_prune_override(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_suppression(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_override(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_genid(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_jp_not_ours(struct cf_ctx *c, const struct cfp_exp *e);

void cfp_reg_encap(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_reg_stop(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_reg_probe(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_spt_switch(struct cf_ctx *c, const struct cfp_exp *e);

void cfp_assert_loser(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_assert_winner(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_assert_metric(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_assert_tie(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_assert_timer(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_assert_data(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_assert_lan(struct cf_ctx *c, const struct cfp_exp *e);

void cfp_rx_checksum(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_rx_version(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_rx_destination(struct cf_ctx *c, const struct cfp_exp *e);
void cfp_rx_unknown_option(struct cf_ctx *c, const struct cfp_exp *e);

#endif
