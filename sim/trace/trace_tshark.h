/*
 * Test support: tshark as an independent decoder of our captures. Runs
 * tshark (found in PATH, or at $FAILSIM_TSHARK) on a pcap with checksum
 * validation turned on for IPv4, UDP and TCP (ICMP, ICMPv6, IGMP, PIM and
 * VRRP checksums are always verified by their dissectors) and reports how
 * many frames were decoded, malformed (_ws.malformed or a malformed expert
 * item), carried a bad checksum (an expert item of the checksum group at
 * warning or error level), or carried any expert error or warning, with
 * the first offending frame numbers. Tests skip when tshark is absent. A
 * field runner exposes any other tshark field (e.g. frame.protocols).
 */
#ifndef TRACE_TSHARK_H
#define TRACE_TSHARK_H

#include <stddef.h>
#include <stdint.h>

enum trace_tshark_rc {
	TRACE_TSHARK_OK = 0,
	TRACE_TSHARK_UNAVAILABLE = 1, /* no tshark: callers skip */
	TRACE_TSHARK_FAILED = -1,     /* tshark ran and failed, or I/O error */
};

/* Frame numbers (1-based, as tshark shows them) kept per category. */
#define TRACE_TSHARK_FIRST 8

struct trace_tshark_count {
	unsigned count;			    /* frames in this category */
	unsigned nfirst;		    /* entries used in first[] */
	uint32_t first[TRACE_TSHARK_FIRST]; /* the first such frames */
};

struct trace_tshark_result {
	unsigned frames;
	struct trace_tshark_count malformed;
	struct trace_tshark_count bad_checksum;
	struct trace_tshark_count errors;   /* any expert item >= error */
	struct trace_tshark_count warnings; /* any expert item == warning */
};

/* One output row: cols[i] is the value of fields[i] ("" when absent;
 * multiple occurrences joined with ','). row counts from 0. */
typedef void (*trace_tshark_row_fn)(void *arg, unsigned row,
				    const char *const *cols, size_t ncols);

/* The tshark program to run, or NULL when none is installed. */
const char *trace_tshark_path(char *buf, size_t len);

/* Decode pcap and fill *res. err (may be NULL) gets a message. */
enum trace_tshark_rc trace_tshark_check(const char *pcap,
					struct trace_tshark_result *res,
					char *err, size_t errlen);

/*
 * Run tshark -T fields with the given fields (at most 32) and an optional
 * display filter, calling fn for every output row.
 */
enum trace_tshark_rc trace_tshark_fields(const char *pcap, const char *filter,
					 const char *const *fields,
					 size_t nfields, trace_tshark_row_fn fn,
					 void *arg, char *err, size_t errlen);

#endif
