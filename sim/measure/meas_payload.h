/*
 * The failsim test-traffic payload: what every measured UDP datagram
 * carries, so a receiver can tell which stream a packet belongs to, where it
 * sits in the stream and when it was sent. It plays the role of the
 * tester's sequence number and timestamp in the benchmarking methodology of
 * RFC 6413 (section 4: loss and loss-of-connectivity are observed on
 * sequence-numbered packets offered at a known rate). All fields are
 * big-endian, written and read through the bounds-checked net_buf cursors:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |                     magic "FSIM" (0x4653494d)                 |
 *   +---------------+---------------+-------------------------------+
 *   |  version (1)  |     flags     |        reserved (zero)        |
 *   +---------------+---------------+-------------------------------+
 *   |                           stream id                           |
 *   +---------------------------------------------------------------+
 *   |                 sequence number (64 bits, from 0)             |
 *   |                                                               |
 *   +---------------------------------------------------------------+
 *   |          transmit time (signed 64 bits, sim time in ns)       |
 *   |                                                               |
 *   +---------------------------------------------------------------+
 *   |       zero padding up to the configured size (>= 4 bytes)     |
 *   +---------------------------------------------------------------+
 *
 * The header is 28 bytes; a payload is at least MEAS_PAYLOAD_MIN_LEN (32)
 * and at most MEAS_PAYLOAD_MAX_LEN bytes (the largest UDP payload over
 * IPv4). Like every failsim codec this one holds no state and checks only
 * well-formedness: length, magic and version. Flags and reserved bits are
 * sent as zero and ignored on receipt; padding content is not checked.
 */
#ifndef MEAS_PAYLOAD_H
#define MEAS_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"

#define MEAS_PAYLOAD_MAGIC   0x4653494du /* "FSIM" */
#define MEAS_PAYLOAD_VERSION 1
#define MEAS_PAYLOAD_HDR_LEN 28
#define MEAS_PAYLOAD_MIN_LEN 32
#define MEAS_PAYLOAD_MAX_LEN 65507

struct meas_payload {
	uint8_t flags;	    /* no flag is defined yet: send 0 */
	uint32_t stream_id; /* meas_stream_add id of the sending stream */
	uint64_t seq;	    /* sequence number, 0 for the first packet */
	sim_time_t tx_time; /* sim time the packet left the source, ns */
};

enum meas_payload_err {
	MEAS_PAYLOAD_OK = 0,
	MEAS_PAYLOAD_E_SHORT,	    /* fewer than MEAS_PAYLOAD_MIN_LEN bytes */
	MEAS_PAYLOAD_E_LONG,	    /* more than MEAS_PAYLOAD_MAX_LEN bytes */
	MEAS_PAYLOAD_E_BAD_MAGIC,   /* not "FSIM" */
	MEAS_PAYLOAD_E_BAD_VERSION, /* version other than 1 */
	MEAS_PAYLOAD_E_BAD_SIZE,    /* encode: size outside [32, 65507] */
	MEAS_PAYLOAD_E_NO_ROOM,	    /* encode: buffer smaller than size */
	MEAS_PAYLOAD_E__COUNT
};

/* Stable kebab-case name of e ("bad-magic"); "unknown" when out of range. */
const char *meas_payload_err_name(enum meas_payload_err e);

/*
 * Write p as a payload of exactly size bytes (header then zero padding)
 * into buf, which holds buflen bytes. Nothing is written on failure.
 */
enum meas_payload_err meas_payload_encode(const struct meas_payload *p,
					  size_t size, uint8_t *buf,
					  size_t buflen);

/* Decode len bytes at buf into out (zeroed on failure). */
enum meas_payload_err meas_payload_decode(const uint8_t *buf, size_t len,
					  struct meas_payload *out);

#endif
