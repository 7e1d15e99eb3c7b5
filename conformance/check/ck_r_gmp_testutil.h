/*
 * Helpers for the tests of the "gmp" and "pim" rule modules: a run of one
 * module (a ck_ctx with the module's rules, optional interop quirks) fed
 * with frames built by the tests, each dissected as the capture reader
 * would (Ethernet, net_dissect); IPv4 and IPv6 frames around any payload
 * (sim/net/net_build.h); the totals of a rule; and a mutation fuzz loop
 * (byte flips and truncations of good frames, fixed seed).
 */
#ifndef CK_R_GMP_TESTUTIL_H
#define CK_R_GMP_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_proto.h"

#define CKRT_FRAME_MAX 9216

struct ckrt {
	const struct ck_proto *proto;
	struct ck_ctx *c;
	void *st;
	uint64_t no;   /* frames fed so far */
	uint32_t link; /* link of the next frames */
	bool open;
};

/* A run of module p with quirks (NULL: strict): ck_check_quirks-like
 * table of the two quirks the gmp and pim modules know. */
void ckrt_open(struct ckrt *r, const struct ck_proto *p, const char *quirks);
/* Close the module (flow rules report what is pending). */
void ckrt_finish(struct ckrt *r);
/* Finish if needed and free the run. */
void ckrt_free(struct ckrt *r);

/* Feed one Ethernet frame at time t (ns). */
void ckrt_frame(struct ckrt *r, sim_time_t t, const uint8_t *b, size_t len);

/* IPv4 / IPv6 frame around payload; addresses as text. Returns length. */
size_t ckrt_ip4(uint8_t *buf, size_t cap, const char *src, const char *dst,
		uint8_t ttl, bool ra, uint8_t proto, const void *pl, size_t n);
size_t ckrt_ip6(uint8_t *buf, size_t cap, const char *src, const char *dst,
		uint8_t hop_limit, bool ra, uint8_t nh, const void *pl,
		size_t n);

/* Totals of rule id (the test fails when id is unknown). */
uint64_t ckrt_checked(const struct ckrt *r, const char *id);
uint64_t ckrt_failed(const struct ckrt *r, const char *id);
uint64_t ckrt_noted(const struct ckrt *r, const char *id);
/* The detail of the first failure of id ("" when none). */
const char *ckrt_detail(const struct ckrt *r, const char *id);
/* Total MUST + SHOULD failures. */
uint64_t ckrt_fails(const struct ckrt *r);
/* Print every failing rule and its first detail (debugging). */
void ckrt_dump(const struct ckrt *r, const char *title);

/* net_addr from text (the test fails on bad text). */
struct net_addr ckrt_addr(const char *s);

/*
 * Mutation fuzz: `rounds` times pick one of the frames and copy it into
 * an exact-size heap buffer. A quarter of the rounds change 1..4 bytes
 * anywhere or cut the frame short; the others change 1..4 bytes of the
 * IP payload only and then let fix (when not NULL) repair the payload's
 * checksum, so that the module's decoded paths and flow rules see odd
 * but well-formed messages. Times mostly advance by up to 3 s and now and
 * then jump back; links vary; a fresh run every 1000 rounds. Only crashes
 * and out-of-bounds reads fail (the sanitizer build checks). Returns how
 * many rule checks were made, so callers can assert the loop reached
 * the rules.
 */
typedef void (*ckrt_fix_fn)(uint8_t *l4, size_t len,
			    const struct net_pkt_info *pi);
uint64_t ckrt_fuzz(const struct ck_proto *p, const uint8_t *const *frames,
		   const size_t *lens, size_t n, unsigned rounds,
		   ckrt_fix_fn fix);

#endif
