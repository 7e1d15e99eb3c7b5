/*
 * PIM messages for the tests of the "pim" rule module, built with the
 * simulator's encoder (pim_pkt_encode) and framed in IPv4 or IPv6
 * (protocol 103); the run helpers are those of ck_r_gmp_testutil.h.
 */
#ifndef CK_R_PIM_TESTUTIL_H
#define CK_R_PIM_TESTUTIL_H

#include "conformance/check/ck_r_gmp_testutil.h"
#include "protocols/pim/pim_pkt.h"

/* A Hello; holdtime < 0: no Holdtime option; genid 0: no GenID. */
void pmt_hello(struct pim_msg *m, enum net_af af, sim_time_t holdtime,
	       uint32_t genid);
/* A Join/Prune to upstream with one group and one source joined (join)
 * or pruned; wc: a (*,G) entry (source is the RP, W and R set). */
void pmt_jp(struct pim_msg *m, enum net_af af, const char *upstream,
	    sim_time_t holdtime, const char *group, const char *source,
	    bool join, bool wc);
/* An Assert for (source, group). */
void pmt_assert(struct pim_msg *m, enum net_af af, const char *group,
		const char *source, bool rpt, uint32_t pref, uint32_t metric);
/* A Register carrying n bytes of data (a fake inner packet). */
void pmt_register(struct pim_msg *m, enum net_af af, const uint8_t *data,
		  size_t n);

/* m in an Ethernet frame; returns its length. */
size_t pmt_frame(uint8_t *buf, size_t cap, const struct pim_msg *m,
		 const char *src, const char *dst, uint8_t ttl);
void pmt_send(struct ckrt *r, sim_time_t t, const struct pim_msg *m,
	      const char *src, const char *dst, uint8_t ttl);
/* Raw PIM bytes (checksum fixed up when fix) in a frame. */
size_t pmt_raw(uint8_t *buf, size_t cap, enum net_af af, uint8_t *pim, size_t n,
	       const char *src, const char *dst, bool fix);

#endif
