/*
 * The capture reader of `failsim check`: pcap and pcapng through libpcap,
 * frames handed out one by one with their time in nanoseconds (micro- and
 * nanosecond files alike), lower layers dissected by link type: Ethernet
 * (802.1Q), Linux cooked v1 (SLL) and v2 (SLL2), raw IP (DLT_RAW,
 * DLT_IPV4, DLT_IPV6) and BSD loopback (DLT_NULL, DLT_LOOP). Never reads
 * outside a frame; a link type it does not know is a clear error.
 */
#ifndef CK_CAP_H
#define CK_CAP_H

#include <stdbool.h>
#include <stddef.h>

#include "conformance/check/ck_frame.h"

struct ck_cap;

/* Open path. NULL with the reason in err (missing, not a capture, link
 * type not supported: the message names it). */
struct ck_cap *ck_cap_open(const char *path, char *err, size_t errlen);
/* The next frame into *f (valid until the next call): 1, 0 at the end,
 * -1 on a read error (err: the reason and frame number; frames before it
 * stay valid). */
int ck_cap_next(struct ck_cap *c, struct ck_frame *f, char *err, size_t errlen);
int ck_cap_dlt(const struct ck_cap *c);
const char *ck_cap_dlt_name(const struct ck_cap *c); /* "Ethernet"... */
void ck_cap_close(struct ck_cap *c);

/*
 * Dissect one frame of link type dlt into f (no, t, data, lengths set by
 * the caller; link is set to the VLAN part only). Also the fuzzing entry
 * point of the lower layers. Returns false when dlt is not supported.
 */
bool ck_cap_dissect(int dlt, struct ck_frame *f);

#endif
