/*
 * libFuzzer harness of the checker's lower layers and every rule module
 * over a sequence of frames, so per-flow state is fuzzed too. Input: one
 * byte choosing the link type, then frames, each a 2-byte big-endian
 * length, a 2-byte time step in milliseconds and the bytes (the last frame
 * takes what is left). Each frame is copied to an exact-size buffer.
 */
#include <pcap/dlt.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/check/ck_cap.h"
#include "conformance/check/ck_check.h"
#include "conformance/fuzz/fuzz.h"

static const int fuzz_dlts[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW,
	DLT_IPV4,   DLT_IPV6,	   DLT_NULL,	   DLT_LOOP,
};
#define NDLTS	    (sizeof(fuzz_dlts) / sizeof(fuzz_dlts[0]))
#define NPROTOS_MAX 16

static void run_frames(struct ck_ctx *c, void **st, size_t np, int dlt,
		       const uint8_t *p, size_t n)
{
	sim_time_t t = SIM_S(1000);
	uint64_t no = 0;

	while (n > 0) {
		size_t len = n, hdr = 0;
		struct ck_frame f;
		uint8_t *b;

		if (n >= 4) {
			len = (size_t)p[0] << 8 | p[1];
			t += SIM_MS((p[2] << 8) | p[3]);
			hdr = 4;
			if (len > n - 4)
				len = n - 4;
		}
		b = fuzz_dup(p + hdr, len);
		if (!b)
			return;
		memset(&f, 0, sizeof(f));
		f.no = ++no;
		f.t = t;
		f.data = b;
		f.caplen = f.wirelen = len;
		f.dlt = dlt;
		ck_cap_dissect(dlt, &f);
		for (size_t i = 0; i < np; i++)
			ck_check_protos[i]->frame(c, st[i], &f);
		free(b);
		p += hdr + len;
		n -= hdr + len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ck_ctx *c;
	void *st[NPROTOS_MAX];
	size_t np = 0;
	char err[256];
	int e = 0;

	if (size < 1)
		return 0;
	c = ck_ctx_new("fuzz");
	if (!c)
		return 0;
	for (; ck_check_protos[np] && np < NPROTOS_MAX; np++) {
		const struct ck_proto *p = ck_check_protos[np];

		ck_ctx_add_rules(c, p->rules, p->nrules, err, sizeof(err));
		st[np] = p->open ? p->open(c, &e) : NULL;
	}
	run_frames(c, st, np, fuzz_dlts[data[0] % NDLTS], data + 1, size - 1);
	for (size_t i = 0; i < np; i++)
		if (ck_check_protos[i]->close)
			ck_check_protos[i]->close(c, st[i]);
	ck_ctx_free(c);
	return 0;
}
