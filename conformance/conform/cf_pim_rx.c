/*
 * PIM-SM conformance cases on reception (RFC 7761 sections 4.9 and
 * 4.9.2): a Hello with a bad checksum, of another PIM version, or sent
 * to a unicast or other group address or with a TTL other than 1 makes
 * no neighbor and is counted by reason in `display pim statistics`;
 * a Hello carrying an unknown option makes a neighbor all the same. Each
 * case then sends a proper Hello, which must make the neighbor, so that
 * a router that ignores everything cannot pass.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/conform/cf_pim_int.h"

/* The count of receive drops `reason` in `display pim statistics`, -1
 * when the line is not there. */
static int64_t shown_drops(struct cfp *x, const char *reason)
{
	const char *out = cfp_cli(x, "display pim statistics");
	const char *line = strstr(out, "Dropped on receipt:");
	char key[40];
	const char *p;

	if (!line)
		return -1;
	snprintf(key, sizeof(key), " %s ", reason);
	p = strstr(line, key);
	if (!p || p > strchr(line, '\n'))
		return -1;
	return strtoll(p + strlen(key), NULL, 10);
}

static size_t nbrs(struct cfp *x)
{
	struct pim_if_info in;

	cfp_if_info(x, CFP_LAN, &in);
	return in.nnbrs;
}

/* A's Hello encoded into buf (to ALL-PIM-ROUTERS): its length. */
static int hello_bytes(struct cfp *x, uint8_t *buf, size_t cap)
{
	cfp_hello(x, SIM_S(105), 1, x->genid);
	return cfp_encode(x, CFP_A, CFP_ALL, buf, cap);
}

/* The control: a proper Hello from A makes the neighbor. */
static void proper_hello(struct cfp *x)
{
	sim_time_t a;

	cfp_hello(x, SIM_S(105), 1, x->genid);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, cfp_now(x) + SIM_S(1));
	cf_check(x->c, cfp_ev(x, "nbr-up", "neighbor", CFP_A, 0) == a,
		 "a proper Hello from A at %s made no neighbor", CF_TS(a));
}

/* One bad Hello: no neighbor, `reason` counted once more. */
static void rejected(struct cfp *x, const char *what, const uint8_t *pim,
		     size_t len, const char *dst, uint8_t ttl,
		     const char *reason)
{
	int64_t before = shown_drops(x, reason), after;

	cfp_send_raw(x, CFP_PL, CFP_A, dst, ttl, pim, len);
	cfp_run(x, cfp_now(x) + SIM_S(1));
	after = shown_drops(x, reason);
	cf_check(x->c, nbrs(x) == 0, "%s made a neighbor", what);
	cf_check(x->c, before >= 0 && after == before + 1,
		 "%s: `display pim statistics` shows %s %" PRId64
		 ", expected %" PRId64,
		 what, reason, after, before + 1);
}

/* RFC 7761 4.9: the checksum covers the whole PIM message. */
void cfp_rx_checksum(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	uint8_t buf[256];
	int n;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	n = hello_bytes(x, buf, sizeof(buf));
	if (cf_check(c, n > 4, "the Hello does not encode")) {
		buf[3] ^= 0x01;
		rejected(x, "a Hello with a bad checksum", buf, (size_t)n,
			 CFP_ALL, 1, "malformed");
		proper_hello(x);
	}
	cfp_free(x);
}

/* RFC 7761 4.9: "PIM version number is 2." A version-3 Hello (checksum
 * right) is not a PIMv2 Hello. */
void cfp_rx_version(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	uint8_t buf[256];
	int n;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	n = hello_bytes(x, buf, sizeof(buf));
	if (cf_check(c, n > 4, "the Hello does not encode")) {
		buf[0] = (uint8_t)(3 << 4 | PIM_T_HELLO);
		pim_pkt_set_checksum(NET_AF_IP4, buf, (size_t)n, NULL, NULL);
		rejected(x, "a PIM version 3 Hello", buf, (size_t)n, CFP_ALL, 1,
			 "malformed");
		proper_hello(x);
	}
	cfp_free(x);
}

/* RFC 7761 4.9: Hellos go to ALL-PIM-ROUTERS with TTL 1. */
void cfp_rx_destination(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	uint8_t buf[256];
	int n;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	n = hello_bytes(x, buf, sizeof(buf));
	if (cf_check(c, n > 4, "the Hello does not encode")) {
		rejected(x, "a Hello unicast to R1", buf, (size_t)n, CFP_R_LAN,
			 1, "destination");
		rejected(x, "a Hello to 224.0.0.5", buf, (size_t)n, "224.0.0.5",
			 1, "destination");
		rejected(x, "a Hello with TTL 2", buf, (size_t)n, CFP_ALL, 2,
			 "ttl");
		proper_hello(x);
	}
	cfp_free(x);
}

/* RFC 7761 4.9.2: "Unknown options MUST be ignored and MUST NOT prevent
 * a neighbor relationship from being formed." Option type 65001, 4
 * bytes, after the others. */
void cfp_rx_unknown_option(struct cf_ctx *c, const struct cfp_exp *e)
{
	static const uint8_t opt[] = { 0xfd, 0xe9, 0x00, 0x04,
				       0xde, 0xad, 0xbe, 0xef };
	struct cfp *x = cfp_new(c, NULL);
	uint8_t buf[256];
	sim_time_t a;
	int n;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	n = hello_bytes(x, buf, sizeof(buf) - sizeof(opt));
	if (!cf_check(c, n > 4, "the Hello does not encode"))
		goto out;
	memcpy(buf + n, opt, sizeof(opt));
	n += (int)sizeof(opt);
	pim_pkt_set_checksum(NET_AF_IP4, buf, (size_t)n, NULL, NULL);
	a = cfp_send_raw(x, CFP_PL, CFP_A, CFP_ALL, 1, buf, (size_t)n);
	cfp_run(x, SIM_S(3));
	cf_check(c, cfp_ev(x, "nbr-up", "neighbor", CFP_A, 0) == a,
		 "a Hello with an unknown option (type 65001) at %s made no "
		 "neighbor",
		 CF_TS(a));
	cf_check(c, nbrs(x) == 1, "%zu neighbors, expected 1", nbrs(x));
out:
	cfp_free(x);
}
