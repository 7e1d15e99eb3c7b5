/*
 * BFD Control packet codec (RFC 5880 section 4.1) with the optional
 * authentication section (sections 4.2-4.4: simple password, keyed and
 * meticulous keyed MD5, keyed and meticulous keyed SHA1). The codec checks
 * well-formedness only (version, lengths, the authentication section's
 * shape); the reception rules of section 6.8.6 (detect multiplier,
 * multipoint, discriminators, authentication verdicts, sequence numbers)
 * belong to the session (bfd.c). Digests come from nettle (Debian
 * nettle-dev), never hand-written. Intervals are microseconds on the wire
 * and in struct bfd_ctrl; conversion to sim_time_t is the session's job.
 */
#ifndef BFD_PKT_H
#define BFD_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BFD_PORT_SINGLE	 3784  /* RFC 5881 section 4 */
#define BFD_PORT_ECHO	 3785  /* RFC 5881 section 4 */
#define BFD_PORT_MULTI	 4784  /* RFC 5883 section 5 */
#define BFD_SRC_PORT_MIN 49152 /* RFC 5881 section 4 */
#define BFD_VERSION	 1
#define BFD_HDR_LEN	 24		    /* mandatory section */
#define BFD_MAX_LEN	 (BFD_HDR_LEN + 28) /* with the longest auth */
#define BFD_PASSWORD_MAX 16
#define BFD_KEY_MAX	 20 /* SHA1 key length */

enum bfd_state {
	BFD_STATE_ADMIN_DOWN = 0,
	BFD_STATE_DOWN = 1,
	BFD_STATE_INIT = 2,
	BFD_STATE_UP = 3,
};

/* RFC 5880 section 4.1, "Diagnostic (Diag)". */
enum bfd_diag {
	BFD_DIAG_NONE = 0,
	BFD_DIAG_TIME_EXPIRED = 1, /* Control Detection Time Expired */
	BFD_DIAG_ECHO_FAILED = 2,
	BFD_DIAG_NEIGHBOR_DOWN = 3, /* Neighbor Signaled Session Down */
	BFD_DIAG_FWD_RESET = 4,
	BFD_DIAG_PATH_DOWN = 5,
	BFD_DIAG_CONCAT_DOWN = 6,
	BFD_DIAG_ADMIN_DOWN = 7,
	BFD_DIAG_REV_CONCAT_DOWN = 8,
	BFD_DIAG__COUNT
};

enum bfd_auth_type {
	BFD_AUTH_NONE = 0,
	BFD_AUTH_SIMPLE = 1,
	BFD_AUTH_KEYED_MD5 = 2,
	BFD_AUTH_METICULOUS_MD5 = 3,
	BFD_AUTH_KEYED_SHA1 = 4,
	BFD_AUTH_METICULOUS_SHA1 = 5,
	BFD_AUTH__COUNT
};

/* The authentication section as decoded (or to encode). */
struct bfd_auth {
	uint8_t type;	/* enum bfd_auth_type */
	uint8_t len;	/* Auth Len as on the wire */
	uint8_t key_id; /* Auth Key ID */
	uint32_t seq;	/* Sequence Number (MD5/SHA1 types) */
	uint8_t password[BFD_PASSWORD_MAX]; /* simple password */
	uint8_t pwlen;
	uint8_t digest[BFD_KEY_MAX]; /* Auth Key/Digest or Hash as received */
};

/* A Control packet, fields named as in RFC 5880 section 4.1. */
struct bfd_ctrl {
	uint8_t version;
	uint8_t diag;  /* enum bfd_diag */
	uint8_t state; /* enum bfd_state (Sta) */
	bool poll, final, cpi, auth_present, demand, multipoint;
	uint8_t detect_mult;
	uint8_t length; /* Length field as on the wire */
	uint32_t my_disc, your_disc;
	uint32_t desired_min_tx_us;	  /* Desired Min TX Interval */
	uint32_t required_min_rx_us;	  /* Required Min RX Interval */
	uint32_t required_min_echo_rx_us; /* Required Min Echo RX Interval */
	struct bfd_auth auth;		  /* valid when auth_present */
};

/* A configured key: type, Key ID and the secret (password or key). */
struct bfd_key {
	uint8_t type; /* enum bfd_auth_type */
	uint8_t id;
	uint8_t secret[BFD_KEY_MAX];
	uint8_t len; /* 1..16 for simple passwords; keys are zero-padded */
};

enum bfd_pkt_err {
	BFD_PKT_OK = 0,
	BFD_PKT_E_SHORT,      /* fewer than 24 bytes */
	BFD_PKT_E_VERSION,    /* version is not 1 */
	BFD_PKT_E_LENGTH,     /* Length < 24 (26 with A), or > the payload */
	BFD_PKT_E_AUTH_SHORT, /* A bit set, no room for the auth section */
	BFD_PKT_E_AUTH_LEN,   /* Auth Len wrong for its type or > Length */
	BFD_PKT_E_AUTH_TYPE,  /* reserved Auth Type */
	BFD_PKT_E__COUNT
};

const char *bfd_pkt_err_name(enum bfd_pkt_err e);
const char *bfd_state_name(enum bfd_state s); /* "AdminDown", "Down", ... */
const char *bfd_diag_name(enum bfd_diag d);
const char *bfd_auth_name(enum bfd_auth_type t);

/* Decode a UDP payload. Never reads outside buf. */
enum bfd_pkt_err bfd_pkt_decode(const uint8_t *buf, size_t len,
				struct bfd_ctrl *out);

/*
 * Encode c into buf. With key (non-NULL, type != NONE) the A bit is set and
 * the authentication section is written (c->auth.seq supplies the
 * sequence number), the digest computed over the whole packet as RFC 5880
 * sections 6.7.3 and 6.7.4 say. The Length field is computed. Returns the
 * packet length, or -1 if buf is too small or the key is invalid.
 */
int bfd_pkt_encode(const struct bfd_ctrl *c, const struct bfd_key *key,
		   uint8_t *buf, size_t cap);

/*
 * Check the authentication of a decoded packet (buf is the same bytes)
 * against key: type and Key ID match, password equal, or the digest
 * recomputed with the key equals the one received (RFC 5880 6.7.2-6.7.4).
 * Sequence-number checks are the session's. True when authentic.
 */
bool bfd_pkt_auth_ok(const uint8_t *buf, size_t len, const struct bfd_ctrl *c,
		     const struct bfd_key *key);

#endif
