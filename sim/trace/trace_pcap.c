/*
 * pcap capture writer (see trace_pcap.h): libpcap's dump API on a "dead"
 * handle with nanosecond precision, over an atomic sim_file.
 */
#include "sim/trace/trace_pcap.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_file.h"

struct trace_pcap {
	struct sim_file sf;
	pcap_t *dead; /* a handle that only carries link type/precision */
	pcap_dumper_t *dump; /* writes into sf.f; closed by sim_file */
	uint64_t frames;
	bool failed; /* a write failed or an argument was rejected */
	char why[SIM_FILE_PATH_MAX + 256]; /* the first failure */
};

static void tp_fail(struct trace_pcap *tp, const char *what)
{
	if (!tp->failed)
		snprintf(tp->why, sizeof(tp->why), "%s: %s", tp->sf.path, what);
	tp->failed = true;
}

struct trace_pcap *trace_pcap_open(const char *path, char *err, size_t errlen)
{
	struct trace_pcap *tp = calloc(1, sizeof(*tp));

	if (!tp) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (sim_file_open(&tp->sf, path) != 0) {
		snprintf(err, errlen, "%s", tp->sf.err);
		free(tp);
		return NULL;
	}
	tp->dead = pcap_open_dead_with_tstamp_precision(
		DLT_EN10MB, TRACE_PCAP_SNAPLEN, PCAP_TSTAMP_PRECISION_NANO);
	if (tp->dead)
		tp->dump = pcap_dump_fopen(tp->dead, tp->sf.f);
	if (!tp->dump) {
		snprintf(err, errlen, "%s: cannot start pcap: %s", path,
			 tp->dead ? pcap_geterr(tp->dead) : "out of memory");
		if (tp->dead)
			pcap_close(tp->dead);
		sim_file_abort(&tp->sf);
		free(tp);
		return NULL;
	}
	return tp;
}

int trace_pcap_write(struct trace_pcap *tp, sim_time_t t, const uint8_t *data,
		     size_t len)
{
	struct pcap_pkthdr h;

	if (tp->failed)
		return -1;
	if (t < 0 || len == 0 || len > TRACE_PCAP_SNAPLEN || !data) {
		tp_fail(tp, "bad frame (negative time or bad length)");
		return -1;
	}
	memset(&h, 0, sizeof(h));
	/* With nanosecond precision tv_usec carries nanoseconds. */
	h.ts.tv_sec = (time_t)(t / SIM_S(1));
	h.ts.tv_usec = (suseconds_t)(t % SIM_S(1));
	h.caplen = (bpf_u_int32)len;
	h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)tp->dump, &h, data);
	if (ferror(tp->sf.f)) {
		tp_fail(tp, strerror(errno));
		return -1;
	}
	tp->frames++;
	return 0;
}

uint64_t trace_pcap_frames(const struct trace_pcap *tp)
{
	return tp->frames;
}

const char *trace_pcap_path(const struct trace_pcap *tp)
{
	return tp->sf.path;
}

/*
 * The dumper is the FILE owned by sim_file: it is flushed here and closed
 * by sim_file_commit/abort, so pcap_dump_close is never called.
 */
static void tp_free(struct trace_pcap *tp)
{
	pcap_close(tp->dead);
	free(tp);
}

int trace_pcap_finish(struct trace_pcap *tp, char *err, size_t errlen)
{
	int rc = 0;

	if (!tp->failed && pcap_dump_flush(tp->dump) != 0)
		tp_fail(tp, "cannot flush");
	if (tp->failed) {
		if (err && errlen)
			snprintf(err, errlen, "%s", tp->why);
		sim_file_abort(&tp->sf);
		rc = -1;
	} else if (sim_file_commit(&tp->sf) != 0) {
		if (err && errlen)
			snprintf(err, errlen, "%s", tp->sf.err);
		rc = -1;
	}
	tp_free(tp);
	return rc;
}

int trace_pcap_close(struct trace_pcap *tp)
{
	return trace_pcap_finish(tp, NULL, 0);
}

void trace_pcap_abort(struct trace_pcap *tp)
{
	sim_file_abort(&tp->sf);
	tp_free(tp);
}
