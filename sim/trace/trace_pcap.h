/*
 * A pcap writer for one capture point (a link end or an interface). Frames
 * are Ethernet II (DLT_EN10MB) with nanosecond timestamps taken from the
 * simulation clock, written with libpcap to a temporary file beside the
 * final path and renamed into place on close (sim/core/sim_file.h), so an
 * interrupted run never leaves a half-written capture; abort removes the
 * temporary file. Same frames and times give byte-identical files.
 */
#ifndef TRACE_PCAP_H
#define TRACE_PCAP_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"

/* Longest frame accepted (the snapshot length written in the header). */
#define TRACE_PCAP_SNAPLEN 65535

struct trace_pcap;

/* Start a capture at path. NULL on failure with a message in err. */
struct trace_pcap *trace_pcap_open(const char *path, char *err, size_t errlen);
/*
 * Append one frame seen at sim time t (>= 0). Returns 0, or -1 on a bad
 * argument (negative time, len 0 or > TRACE_PCAP_SNAPLEN) or after a write
 * error; errors are sticky and make close fail.
 */
int trace_pcap_write(struct trace_pcap *tp, sim_time_t t, const uint8_t *data,
		     size_t len);
/* Frames written so far. */
uint64_t trace_pcap_frames(const struct trace_pcap *tp);
/* The final path. */
const char *trace_pcap_path(const struct trace_pcap *tp);
/*
 * Flush and rename into place, then free tp. Returns 0, or -1 when any
 * write failed (the temporary file is removed and an existing file at the
 * path is left as it was). trace_pcap_finish also gives the reason.
 */
int trace_pcap_close(struct trace_pcap *tp);
int trace_pcap_finish(struct trace_pcap *tp, char *err, size_t errlen);
/* Discard the capture: remove the temporary file and free tp. */
void trace_pcap_abort(struct trace_pcap *tp);

#endif
