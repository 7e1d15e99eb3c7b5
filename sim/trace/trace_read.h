/*
 * Reading captures for tests and the conformance checker: every frame of
 * a pcap or pcapng file with its link type (libpcap), and the facts
 * ../shared/captures/INDEX.tsv records about each capture.
 */
#ifndef TRACE_READ_H
#define TRACE_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*trace_frame_fn)(void *arg, int dlt, const uint8_t *data,
			       size_t len);

/*
 * Call fn for every frame of path, in order. Returns the file's link type
 * (a DLT_ value), or -1 with the reason in err when it cannot be read.
 */
int trace_read_each(const char *path, trace_frame_fn fn, void *arg, char *err,
		    size_t errlen);

/*
 * Column col (0-based) of the row of a tab-separated index whose first
 * column is file (e.g. "vrrp/vrrp.pcap" in INDEX.tsv). False when absent.
 */
bool trace_index_column(const char *index_tsv, const char *file, int col,
			char *out, size_t len);

#endif
