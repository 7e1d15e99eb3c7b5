/*
 * Harness of the PIM engine tests (pim_test*.c): up to PT_MAX_R engines
 * on test nodes of one node_tw world, wired through fake ops. Each
 * router has interfaces on numbered LANs; a message sent on a link is
 * recorded, checked to decode, and (wire on) delivered decoded to every
 * other router interface on the same LAN PT_DELAY later; a unicast
 * message (Register, Register-Stop) goes to the router owning the
 * destination address. A small RIB per router answers rpf (longest
 * prefix; connected routes name the address itself), and the MFIB calls
 * are recorded in a table whose packet counters tests bump. Tests own the
 * clock (pt_run); teardown fails on a leaked timer or frame.
 */
#ifndef PIM_TEST_UTIL_H
#define PIM_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/pim/pim.h"
#include "protocols/pim/pim_pkt.h"
#include "sim/node/node_testlib.h"

#define PT_MAX_R  6
#define PT_MAX_IF 6
#define PT_MAX_RT 16
#define PT_MAX_MR 32
#define PT_DELAY  SIM_US(100)

struct pt_if {
	int ifindex;
	int lan;
	bool up; /* delivers and receives */
	struct net_addr addr;
	char name[16];
};

struct pt_route {
	struct net_prefix pfx;
	int ifindex;
	struct net_addr nh;
	uint32_t pref, metric;
	bool connected;
};

struct pt_mroute {
	struct net_addr src, grp; /* src af NONE: (*,G) */
	int iif;
	int oifs[PT_MAX_IF];
	size_t n;
	bool cpu;
	bool present;
	uint64_t pkts;
};

/* A message as sent. */
struct pt_tx {
	sim_time_t t;
	int ifindex; /* -1: unicast */
	struct net_addr src, dst;
	enum pim_type type;
	size_t len;
	uint8_t buf[1600];
};

struct pt_fwd {
	sim_time_t t;
	size_t len;
	size_t n;
	int oifs[PT_MAX_IF];
};

struct pt;

struct pt_r {
	struct node node;
	struct pim *p;
	struct pt *w;
	int idx;
	struct pt_if ifs[PT_MAX_IF];
	int nifs;
	struct net_addr locals[4]; /* extra own addresses (loopbacks) */
	int nlocals;
	struct pt_route rt[PT_MAX_RT];
	int nrt;
	struct pt_mroute mr[PT_MAX_MR];
	int nmr;
	uint64_t nset, ndel;
	struct pt_tx *tx;
	size_t ntx, captx;
	struct pt_fwd *fwd;
	size_t nfwd, capfwd;
};

struct pt_q {
	sim_time_t at;
	int to, ifindex;
	struct net_addr src, dst;
	size_t len;
	uint8_t buf[1600];
};

struct pt {
	struct node_tw *w;
	enum net_af af;
	struct pt_r r[PT_MAX_R];
	int n;
	bool wire; /* deliver (default true) */
	int send_ret;
	struct pim_cfg cfg;	/* used by pt_start */
	struct pim_if_cfg icfg; /* used by pt_pim_if (addr filled) */
	struct pim_msg *m;	/* pt_dec's result */
	struct pim_msg *im;	/* injection scratch */
	struct pim_msg *rx;	/* what pim_rx is reading */
	struct pim_msg *chk;	/* decode check of what is sent */
	struct pt_q *q;
	size_t qhead, nq, capq;
	struct sim_timer qt;
};

extern const struct pim_ops pt_ops;

/* n routers "R0".."R<n-1>", no interfaces, engines not started. */
struct pt *pt_new(enum net_af af, int n);
void pt_free(struct pt *w);
/* Add an interface on lan with address a ("10.0.0.1"); returns ifindex. */
int pt_if(struct pt *w, int r, int lan, const char *a);
/* pim_new with w->cfg. */
void pt_start(struct pt *w, int r);
/* pim_if_add with w->icfg and the interface's address. */
void pt_pim_if(struct pt *w, int r, int ifindex);
/* Start r and enable PIM on all its interfaces. */
void pt_start_all(struct pt *w, int r);
/* Routes: via nh ("" or NULL: connected). */
void pt_route(struct pt *w, int r, const char *prefix, int ifindex,
	      const char *nh, uint32_t pref, uint32_t metric);
void pt_local(struct pt *w, int r, const char *a);
void pt_run(struct pt *w, sim_time_t t);
void pt_run_for(struct pt *w, sim_time_t dt);
sim_time_t pt_now(const struct pt *w);
/* Bring an interface down/up on the wire (no PIM call). */
void pt_if_wire(struct pt *w, int r, int ifindex, bool up);
/* Add the static RP rp for all groups to w->cfg. */
void pt_rp(struct pt *w, const char *rp);

/* Messages of r of a type on ifindex (-1 any, -2 unicast only). */
size_t pt_ntx(const struct pt_r *r, enum pim_type type, int ifindex);
const struct pt_tx *pt_tx(const struct pt_r *r, enum pim_type type, int ifindex,
			  size_t nth);
const struct pt_tx *pt_last(const struct pt_r *r, enum pim_type type,
			    int ifindex);
/* Decode a recorded message into w->m (fails the test if it does not). */
const struct pim_msg *pt_dec(struct pt *w, const struct pt_tx *tx);
void pt_clear_tx(struct pt_r *r);
/* Does J/P m hold the entry? src NULL with wc: the (*,G) entry. */
bool pt_jp_has(const struct pim_msg *m, const char *grp, const char *src,
	       bool wc, bool rpt, bool join);
/* J/P messages of r on ifindex that hold the entry, since time since. */
size_t pt_njp(struct pt *w, const struct pt_r *r, int ifindex, const char *grp,
	      const char *src, bool wc, bool rpt, bool join, sim_time_t since);
/* Time of the first such message at or after since, -1 if none. */
sim_time_t pt_jp_time(struct pt *w, const struct pt_r *r, int ifindex,
		      const char *grp, const char *src, bool wc, bool rpt,
		      bool join, sim_time_t since);

/* MFIB entry (src NULL: (*,G)); NULL when absent. */
struct pt_mroute *pt_mr(struct pt_r *r, const char *src, const char *grp);
bool pt_mr_oifs(const struct pt_mroute *m, const int *v, size_t n);

/* Inject a message built by the test into r on ifindex from addr (run
 * through the codec). */
void pt_inject(struct pt *w, int r, int ifindex, const char *from,
	       struct pim_msg *m);
/* A Hello from a foreign router: prio < 0 omits DR Priority. */
void pt_hello(struct pt *w, int r, int ifindex, const char *from,
	      sim_time_t hold, int64_t prio, uint32_t genid);
void pt_assert(struct pt *w, int r, int ifindex, const char *from,
	       const char *grp, const char *src, bool rpt, uint32_t pref,
	       uint32_t metric);
/* An IP packet S -> G (UDP), into buf; returns its length. */
size_t pt_ip(struct pt *w, const char *src, const char *grp, uint8_t *buf,
	     size_t cap);
void pt_nocache(struct pt *w, int r, int ifindex, const char *src,
		const char *grp);
void pt_copy(struct pt *w, int r, int ifindex, const char *src,
	     const char *grp);
void pt_member(struct pt *w, int r, int ifindex, const char *grp,
	       const char *src, bool include, bool present);
/* Entry read-out (src NULL: (*,G)); false when absent. */
bool pt_entry(struct pt_r *r, const char *src, const char *grp,
	      struct pim_entry_info *out);
size_t pt_nentries(struct pt_r *r);
size_t pt_log(struct pt *w, int r, const char *event);
const struct node_tw_rec *pt_log_nth(struct pt *w, int r, const char *event,
				     size_t nth);

/* Tests (pim_test_nbr.c, pim_test_jp.c, pim_test_reg.c,
 * pim_test_assert.c), run by pim_test.c. */
void pt_test_hello_timing(void **state);
void pt_test_dr_election(void **state);
void pt_test_dr_no_priority(void **state);
void pt_test_nbr_holdtime(void **state);
void pt_test_genid_change(void **state);
void pt_test_goodbye(void **state);
void pt_test_api(void **state);
void pt_test_ipv6_hello(void **state);
void pt_test_star_join_dr(void **state);
void pt_test_periodic_join(void **state);
void pt_test_downstream_expiry(void **state);
void pt_test_prune_override(void **state);
void pt_test_rpt_prune(void **state);
void pt_test_ssm(void **state);
void pt_test_rpf_change(void **state);
void pt_test_upstream_reboot(void **state);
void pt_test_register(void **state);
void pt_test_register_probe(void **state);
void pt_test_keepalive(void **state);
void pt_test_spt_switch(void **state);
void pt_test_spt_never(void **state);
void pt_test_register_not_rp(void **state);
void pt_test_rp_first_hop(void **state);
void pt_test_assert_winner(void **state);
void pt_test_assert_timers(void **state);
void pt_test_assert_ignore(void **state);
void pt_test_assert_star(void **state);
void pt_test_assert_rpf(void **state);
void pt_test_join_suppression(void **state);
void pt_test_jp_checks(void **state);
void pt_test_nocache_hold(void **state);
void pt_test_ipv6_sm(void **state);
void pt_test_t_bit(void **state);
void pt_test_rp_change(void **state);

#endif
