/*
 * VRRP advertisement codec: VRRPv2 (RFC 3768 section 5) and VRRPv3 for
 * IPv4 and IPv6 (RFC 5798 section 5, as clarified by RFC 9568). The codec
 * checks well-formedness only: version, type, length against the address
 * count, the checksum (v2 over the VRRP message; v3 with the IPv4/IPv6
 * pseudo-header, RFC 5798 section 5.2.8), and the v2 authentication type
 * field's range. Whether the VRID, priority, interval or addresses are
 * acceptable is the group's business (vrrp.c). The advertisement interval
 * is converted here from the wire unit (v2 seconds, v3 centiseconds) to
 * sim_time_t.
 */
#ifndef VRRP_PKT_H
#define VRRP_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define VRRP_PROTO	 112 /* IP protocol / Next Header */
#define VRRP_TYPE_ADVERT 1
#define VRRP_MAX_ADDRS	 16 /* per advertisement, failsim's bound */
#define VRRP_V2_AUTH_LEN 8  /* RFC 3768 5.3.10 Authentication Data */
#define VRRP_PRIO_OWNER	 255
#define VRRP_PRIO_RESIGN 0
/* 224.0.0.18 and ff02::12 (RFC 5798 section 5.1.1.2 / 5.1.2.2). */
extern const struct net_addr vrrp_group4, vrrp_group6;

enum vrrp_v2_auth {
	VRRP_AUTH_NONE = 0,
	VRRP_AUTH_SIMPLE = 1, /* simple text password */
	VRRP_AUTH_AH = 2,     /* IP Authentication Header (obsolete) */
};

struct vrrp_adv {
	uint8_t version; /* 2 or 3 */
	uint8_t type;	 /* 1: ADVERTISEMENT */
	uint8_t vrid;
	uint8_t priority;
	uint8_t naddrs;			     /* Count IPvX Addr */
	enum net_af af;			     /* family of the addresses */
	sim_time_t adver_int;		     /* Advertisement Interval, ns */
	uint16_t checksum;		     /* as received */
	uint8_t auth_type;		     /* v2 only */
	uint8_t auth_data[VRRP_V2_AUTH_LEN]; /* v2 simple text, zero padded */
	struct net_addr addrs[VRRP_MAX_ADDRS];
};

enum vrrp_pkt_err {
	VRRP_PKT_OK = 0,
	VRRP_PKT_E_SHORT,     /* shorter than the fixed header */
	VRRP_PKT_E_VERSION,   /* not 2 or 3, or 2 over IPv6 */
	VRRP_PKT_E_TYPE,      /* not ADVERTISEMENT */
	VRRP_PKT_E_LENGTH,    /* length does not match the address count */
	VRRP_PKT_E_NADDRS,    /* zero or more than VRRP_MAX_ADDRS addresses */
	VRRP_PKT_E_CHECKSUM,  /* bad checksum */
	VRRP_PKT_E_AUTH_TYPE, /* v2 authentication type other than 0-2 */
	VRRP_PKT_E__COUNT
};

const char *vrrp_pkt_err_name(enum vrrp_pkt_err e);

/*
 * Decode the VRRP message (the IP payload) received from src to dst (the
 * pseudo-header of v3); af is the IP family it arrived over.
 */
enum vrrp_pkt_err vrrp_pkt_decode(const uint8_t *buf, size_t len,
				  const struct net_addr *src,
				  const struct net_addr *dst,
				  struct vrrp_adv *out);

/*
 * Encode a with its checksum (pseudo-header from src/dst for v3). The
 * interval is rounded down to the wire unit (v2: whole seconds, at least
 * 1; v3: centiseconds, 1..4095). Returns the length or -1.
 */
int vrrp_pkt_encode(const struct vrrp_adv *a, const struct net_addr *src,
		    const struct net_addr *dst, uint8_t *buf, size_t cap);

#endif
