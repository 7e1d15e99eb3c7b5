/*
 * Test harness of the group membership core tests (gmp_test*.c): up to
 * three interfaces A, B, C (addresses 10.0.0.1.. or fe80::1..) on nodes
 * of their own in a node_tw world. Every query an interface sends is
 * recorded (time, fields, destination, up to GT_QSRC sources) and, when
 * the wire is on, encoded with the codec and delivered decoded to the
 * other interfaces GT_DELAY later. Every listener notification is
 * recorded with its time. Messages from hosts are injected with the
 * gt_rx_* helpers (sources as space-separated address lists). Tests own
 * the clock: gt_run_to advances it; teardown fails on a leaked timer.
 */
#ifndef GMP_TEST_UTIL_H
#define GMP_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/gmp/gmp.h"
#include "sim/node/node_testlib.h"

#define GT_MAX_ENDS 3
#define GT_QSRC	    16
#define GT_WQ	    16
#define GT_DELAY    SIM_US(100) /* the wire's one-way delay */

/* A query as sent. */
struct gt_q {
	sim_time_t t;
	uint8_t version;
	sim_time_t max_resp;
	struct net_addr group, dst;
	bool s;
	uint8_t qrv;
	sim_time_t qqi;
	size_t nsrc;
	struct net_addr src[GT_QSRC];
};

/* A listener notification. */
struct gt_ev {
	sim_time_t t;
	struct net_addr group, src;
	enum gmp_mode mode;
	enum gmp_change change;
};

struct gt;

struct gt_end {
	struct node node;
	struct gmp_if *gi;
	struct gmp_if_cfg cfg;
	struct gt *h;
	int idx;
	struct gt_q *q;
	size_t nq, capq;
	struct gt_ev *ev;
	size_t nev, capev;
	/* Frames on their way to this end. */
	struct sim_timer qt;
	struct {
		sim_time_t at;
		int from;
		size_t len;
		struct net_addr dst;
		uint8_t buf[1500];
	} wq[GT_WQ];
	size_t wqhead, wqn;
};

struct gt {
	struct node_tw *w;
	struct gt_end e[GT_MAX_ENDS];
	int n;
	bool wire;	       /* deliver queries to the other ends */
	int send_ret;	       /* what ops->send returns */
	struct gmp_msg m, rxm; /* injected / delivered message scratch */
};

extern const struct gmp_if_ops gt_ops;

/* Defaults of the family, version, address 10.0.0.<idx+1> / fe80::<idx+1>,
 * name "if<idx>". */
struct gmp_if_cfg gt_cfg(int idx, enum net_af af, uint8_t version);
struct gt *gt_new(int n, const struct gmp_if_cfg *cfgs);
/* One interface with gt_cfg(0, af, version), started at time 0. */
struct gt *gt_one(enum net_af af, uint8_t version);
void gt_free(struct gt *h);
void gt_run_to(struct gt *h, sim_time_t t);
void gt_start(struct gt *h, int i);
struct gmp_if_info gt_info(const struct gt_end *e);

/* Injected messages, delivered to end i now. srcs: a space-separated
 * list ("" or NULL: none). */
void gt_rx_old(struct gt *h, int i, enum gmp_type type, const char *group,
	       const char *from);
void gt_rx_v3(struct gt *h, int i, const char *from, uint8_t rec,
	      const char *group, const char *srcs);
void gt_rx_query(struct gt *h, int i, const char *from, uint8_t version,
		 const char *group, const char *srcs, bool s);
/* The same with QRV / QQI / Max Resp (0: the defaults 2, 125 s, 10 s). */
void gt_rx_query_ex(struct gt *h, int i, const char *from, uint8_t version,
		    const char *group, const char *srcs, bool s, uint8_t qrv,
		    sim_time_t qqi, sim_time_t max_resp);

/* Queries e sent for group (NULL: general queries), optionally only
 * those with sources (want_src 1), without (0) or either (-1). */
size_t gt_nq(const struct gt_end *e, const char *group, int want_src);
/* The nth such query (fails the test when absent). */
const struct gt_q *gt_q(const struct gt_end *e, const char *group, int want_src,
			size_t nth);
/* Whether query q lists exactly the sources of the list. */
bool gt_q_srcs(const struct gt_q *q, const char *srcs);

/* Group record state; false when the group has no record. */
bool gt_group(const struct gt_end *e, const char *group,
	      struct gmp_group_info *out);
/* A source timer: true with *expires when listed. */
bool gt_src(const struct gt_end *e, const char *group, const char *src,
	    sim_time_t *expires);
/* Import into end e (sources with their remaining times). */
int gt_import(struct gt_end *e, const char *group, enum gmp_mode mode,
	      sim_time_t group_left, const char *srcs, const sim_time_t *left);

/* Listener events of e for group (NULL: any). */
size_t gt_nev(const struct gt_end *e, const char *group);
const struct gt_ev *gt_ev(const struct gt_end *e, const char *group,
			  size_t nth);
void gt_clear_ev(struct gt_end *e);

/* Tests in gmp_test_table.c, gmp_test_compat.c, gmp_test_api.c. */
void gt_test_table(void **state);
void gt_test_table_mld(void **state);
void gt_test_gss_rxmt(void **state);
void gt_test_gss_s_flag(void **state);
void gt_test_gs_s_flag(void **state);
void gt_test_excl_to_incl(void **state);
void gt_test_gss_split(void **state);
void gt_test_compat_v2(void **state);
void gt_test_compat_v1(void **state);
void gt_test_compat_mld(void **state);
void gt_test_v2_router(void **state);
void gt_test_v1_router(void **state);
void gt_test_mldv1_router(void **state);
void gt_test_listeners(void **state);
void gt_test_wants(void **state);
void gt_test_import(void **state);
void gt_test_import_replace(void **state);
void gt_test_rx_checks(void **state);
void gt_test_cfg(void **state);
void gt_test_stop_free(void **state);
void gt_test_each_group(void **state);
void gt_test_passive(void **state);

#endif
