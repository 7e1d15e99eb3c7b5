/*
 * BFD Control packet codec (see bfd_pkt.h): decode and encode of the
 * mandatory section of RFC 5880 section 4.1 and of the authentication
 * sections of sections 4.2 (simple password), 4.3 (keyed and meticulous
 * keyed MD5) and 4.4 (keyed and meticulous keyed SHA1), and the digest
 * computation and check of sections 6.7.2-6.7.4. All wire access goes
 * through the bounds-checked cursors of sim/net/net_buf.h. The decoder
 * checks only what section 6.8.6 calls well-formedness (version, the Length
 * field against the payload, the authentication section's shape); every
 * other reception rule belongs to the session.
 */
#include "protocols/bfd/bfd_pkt.h"

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <string.h>

#include "sim/net/net_buf.h"

/* Offsets inside a packet (RFC 5880 section 4.1 and 4.3/4.4). */
#define BFD_OFF_AUTH   BFD_HDR_LEN	 /* Auth Type */
#define BFD_OFF_DIGEST (BFD_HDR_LEN + 8) /* Auth Key/Digest or Hash */

/* Authentication section lengths (Auth Len). */
#define BFD_AUTH_SIMPLE_MIN 4  /* 3 + a 1-byte password */
#define BFD_AUTH_SIMPLE_MAX 19 /* 3 + a 16-byte password */
#define BFD_AUTH_MD5_LEN    24
#define BFD_AUTH_SHA1_LEN   28
#define BFD_MD5_KEY_LEN	    16 /* MD5 key/digest field */
#define BFD_SHA1_KEY_LEN    20 /* SHA1 key/hash field */

/* Flag bits of the second byte: Sta(2) P F C A D M. */
#define BFD_FLAG_P 0x20
#define BFD_FLAG_F 0x10
#define BFD_FLAG_C 0x08
#define BFD_FLAG_A 0x04
#define BFD_FLAG_D 0x02
#define BFD_FLAG_M 0x01

static const char *const bfd_pkt_err_names[BFD_PKT_E__COUNT] = {
	[BFD_PKT_OK] = "ok",
	[BFD_PKT_E_SHORT] = "short",
	[BFD_PKT_E_VERSION] = "bad-version",
	[BFD_PKT_E_LENGTH] = "bad-length",
	[BFD_PKT_E_AUTH_SHORT] = "auth-short",
	[BFD_PKT_E_AUTH_LEN] = "bad-auth-length",
	[BFD_PKT_E_AUTH_TYPE] = "bad-auth-type",
};

static const char *const bfd_state_names[] = {
	[BFD_STATE_ADMIN_DOWN] = "AdminDown",
	[BFD_STATE_DOWN] = "Down",
	[BFD_STATE_INIT] = "Init",
	[BFD_STATE_UP] = "Up",
};

/* RFC 5880 section 4.1, "Diagnostic (Diag)". */
static const char *const bfd_diag_names[BFD_DIAG__COUNT] = {
	[BFD_DIAG_NONE] = "No Diagnostic",
	[BFD_DIAG_TIME_EXPIRED] = "Control Detection Time Expired",
	[BFD_DIAG_ECHO_FAILED] = "Echo Function Failed",
	[BFD_DIAG_NEIGHBOR_DOWN] = "Neighbor Signaled Session Down",
	[BFD_DIAG_FWD_RESET] = "Forwarding Plane Reset",
	[BFD_DIAG_PATH_DOWN] = "Path Down",
	[BFD_DIAG_CONCAT_DOWN] = "Concatenated Path Down",
	[BFD_DIAG_ADMIN_DOWN] = "Administratively Down",
	[BFD_DIAG_REV_CONCAT_DOWN] = "Reverse Concatenated Path Down",
};

/* RFC 5880 section 4.1, "Auth Type". */
static const char *const bfd_auth_names[BFD_AUTH__COUNT] = {
	[BFD_AUTH_NONE] = "None",
	[BFD_AUTH_SIMPLE] = "Simple Password",
	[BFD_AUTH_KEYED_MD5] = "Keyed MD5",
	[BFD_AUTH_METICULOUS_MD5] = "Meticulous Keyed MD5",
	[BFD_AUTH_KEYED_SHA1] = "Keyed SHA1",
	[BFD_AUTH_METICULOUS_SHA1] = "Meticulous Keyed SHA1",
};

const char *bfd_pkt_err_name(enum bfd_pkt_err e)
{
	if ((unsigned)e >= BFD_PKT_E__COUNT)
		return "unknown";
	return bfd_pkt_err_names[e];
}

const char *bfd_state_name(enum bfd_state s)
{
	if ((unsigned)s >= sizeof(bfd_state_names) / sizeof(bfd_state_names[0]))
		return "unknown";
	return bfd_state_names[s];
}

const char *bfd_diag_name(enum bfd_diag d)
{
	if ((unsigned)d >= BFD_DIAG__COUNT)
		return "Reserved"; /* 9-31 */
	return bfd_diag_names[d];
}

const char *bfd_auth_name(enum bfd_auth_type t)
{
	if ((unsigned)t >= BFD_AUTH__COUNT)
		return "Reserved"; /* 6-255 */
	return bfd_auth_names[t];
}

static bool bfd_auth_is_md5(uint8_t type)
{
	return type == BFD_AUTH_KEYED_MD5 || type == BFD_AUTH_METICULOUS_MD5;
}

static bool bfd_auth_is_sha1(uint8_t type)
{
	return type == BFD_AUTH_KEYED_SHA1 || type == BFD_AUTH_METICULOUS_SHA1;
}

/* The fixed Auth Len of the digest types, 0 for the others. */
static size_t bfd_auth_digest_len(uint8_t type)
{
	if (bfd_auth_is_md5(type))
		return BFD_AUTH_MD5_LEN;
	if (bfd_auth_is_sha1(type))
		return BFD_AUTH_SHA1_LEN;
	return 0;
}

/* Bytes of the Auth Key/Digest (or Hash) field of a digest type. */
static size_t bfd_auth_key_field(uint8_t type)
{
	return bfd_auth_is_md5(type) ? BFD_MD5_KEY_LEN : BFD_SHA1_KEY_LEN;
}

/*
 * The authentication section: r covers exactly the Length - 24 bytes after
 * the mandatory section. Sections 4.2-4.4 give its shape per Auth Type.
 */
static enum bfd_pkt_err bfd_decode_auth(struct net_rd *r, struct bfd_auth *a)
{
	size_t room = net_rd_left(r), want;

	a->type = net_rd_u8(r);
	a->len = net_rd_u8(r);
	if (a->type == BFD_AUTH_NONE || a->type >= BFD_AUTH__COUNT)
		return BFD_PKT_E_AUTH_TYPE;
	if (a->type == BFD_AUTH_SIMPLE) {
		if (room < BFD_AUTH_SIMPLE_MIN)
			return BFD_PKT_E_AUTH_SHORT;
		if (a->len < BFD_AUTH_SIMPLE_MIN ||
		    a->len > BFD_AUTH_SIMPLE_MAX || a->len > room)
			return BFD_PKT_E_AUTH_LEN;
		a->key_id = net_rd_u8(r);
		a->pwlen = (uint8_t)(a->len - 3);
		net_rd_bytes(r, a->password, a->pwlen);
		return r->err ? BFD_PKT_E_AUTH_SHORT : BFD_PKT_OK;
	}
	want = bfd_auth_digest_len(a->type);
	if (room < want)
		return BFD_PKT_E_AUTH_SHORT;
	if (a->len != want)
		return BFD_PKT_E_AUTH_LEN;
	a->key_id = net_rd_u8(r);
	net_rd_u8(r); /* Reserved: ignored on receipt */
	a->seq = net_rd_be32(r);
	net_rd_bytes(r, a->digest, bfd_auth_key_field(a->type));
	return r->err ? BFD_PKT_E_AUTH_SHORT : BFD_PKT_OK;
}

enum bfd_pkt_err bfd_pkt_decode(const uint8_t *buf, size_t len,
				struct bfd_ctrl *out)
{
	struct net_rd r, auth;
	uint8_t b0, b1;

	memset(out, 0, sizeof(*out));
	net_rd_init(&r, buf, len);
	b0 = net_rd_u8(&r);
	b1 = net_rd_u8(&r);
	out->detect_mult = net_rd_u8(&r);
	out->length = net_rd_u8(&r);
	out->my_disc = net_rd_be32(&r);
	out->your_disc = net_rd_be32(&r);
	out->desired_min_tx_us = net_rd_be32(&r);
	out->required_min_rx_us = net_rd_be32(&r);
	out->required_min_echo_rx_us = net_rd_be32(&r);
	if (r.err)
		return BFD_PKT_E_SHORT;
	out->version = b0 >> 5;
	out->diag = b0 & 0x1f;
	out->state = b1 >> 6;
	out->poll = b1 & BFD_FLAG_P;
	out->final = b1 & BFD_FLAG_F;
	out->cpi = b1 & BFD_FLAG_C;
	out->auth_present = b1 & BFD_FLAG_A;
	out->demand = b1 & BFD_FLAG_D;
	out->multipoint = b1 & BFD_FLAG_M;
	if (out->version != BFD_VERSION)
		return BFD_PKT_E_VERSION;
	/* Section 6.8.6: Length below the minimum or beyond the payload. */
	if (out->length < BFD_HDR_LEN + (out->auth_present ? 2 : 0) ||
	    out->length > len)
		return BFD_PKT_E_LENGTH;
	if (!out->auth_present)
		return BFD_PKT_OK;
	net_rd_init(&auth, buf + BFD_HDR_LEN, out->length - BFD_HDR_LEN);
	return bfd_decode_auth(&auth, &out->auth);
}

/* A key the encoder and checker can use: a known type, a usable length. */
static bool bfd_key_valid(const struct bfd_key *key)
{
	if (key->len == 0)
		return false;
	if (key->type == BFD_AUTH_SIMPLE)
		return key->len <= BFD_PASSWORD_MAX;
	if (bfd_auth_is_md5(key->type))
		return key->len <= BFD_MD5_KEY_LEN;
	if (bfd_auth_is_sha1(key->type))
		return key->len <= BFD_SHA1_KEY_LEN;
	return false;
}

/*
 * Hash pkt (n bytes, the whole packet with the key already in the digest
 * field) with the key's algorithm into out (16 or 20 bytes).
 */
static void bfd_digest(uint8_t type, const uint8_t *pkt, size_t n, uint8_t *out)
{
	if (bfd_auth_is_md5(type)) {
		struct md5_ctx m;

		md5_init(&m);
		md5_update(&m, n, pkt);
		md5_digest(&m, MD5_DIGEST_SIZE, out);
	} else {
		struct sha1_ctx s;

		sha1_init(&s);
		sha1_update(&s, n, pkt);
		sha1_digest(&s, SHA1_DIGEST_SIZE, out);
	}
}

/* Write the key zero-padded to its field width (sections 6.7.3, 6.7.4). */
static void bfd_put_key(uint8_t *field, const struct bfd_key *key)
{
	size_t w = bfd_auth_key_field(key->type);

	memset(field, 0, w);
	memcpy(field, key->secret, key->len);
}

/* The authentication section for key; the digest is filled in later. */
static void bfd_encode_auth(struct net_wr *w, const struct bfd_ctrl *c,
			    const struct bfd_key *key)
{
	uint8_t *field;

	net_wr_u8(w, key->type);
	if (key->type == BFD_AUTH_SIMPLE) {
		net_wr_u8(w, (uint8_t)(3 + key->len));
		net_wr_u8(w, key->id);
		net_wr_bytes(w, key->secret, key->len);
		return;
	}
	net_wr_u8(w, (uint8_t)bfd_auth_digest_len(key->type));
	net_wr_u8(w, key->id);
	net_wr_u8(w, 0); /* Reserved: zero on transmit */
	net_wr_be32(w, c->auth.seq);
	field = net_wr_reserve(w, bfd_auth_key_field(key->type));
	if (field)
		bfd_put_key(field, key);
}

int bfd_pkt_encode(const struct bfd_ctrl *c, const struct bfd_key *key,
		   uint8_t *buf, size_t cap)
{
	bool auth = key && key->type != BFD_AUTH_NONE;
	struct net_wr w;
	uint8_t *lenp;
	uint8_t flags;

	if (auth && !bfd_key_valid(key))
		return -1;
	flags = (uint8_t)((c->state & 3) << 6);
	flags |= c->poll ? BFD_FLAG_P : 0;
	flags |= c->final ? BFD_FLAG_F : 0;
	flags |= c->cpi ? BFD_FLAG_C : 0;
	flags |= auth ? BFD_FLAG_A : 0;
	flags |= c->demand ? BFD_FLAG_D : 0;
	flags |= c->multipoint ? BFD_FLAG_M : 0;
	net_wr_init(&w, buf, cap);
	net_wr_u8(&w, (uint8_t)(BFD_VERSION << 5 | (c->diag & 0x1f)));
	net_wr_u8(&w, flags);
	net_wr_u8(&w, c->detect_mult);
	lenp = net_wr_reserve(&w, 1);
	net_wr_be32(&w, c->my_disc);
	net_wr_be32(&w, c->your_disc);
	net_wr_be32(&w, c->desired_min_tx_us);
	net_wr_be32(&w, c->required_min_rx_us);
	net_wr_be32(&w, c->required_min_echo_rx_us);
	if (auth)
		bfd_encode_auth(&w, c, key);
	if (w.err)
		return -1;
	*lenp = (uint8_t)w.off;
	/* Sections 6.7.3/6.7.4: hash with the key in place, then overwrite. */
	if (auth && key->type != BFD_AUTH_SIMPLE)
		bfd_digest(key->type, buf, w.off, buf + BFD_OFF_DIGEST);
	return (int)w.off;
}

/* Sections 6.7.3 and 6.7.4, receipt: the digest with the key in place. */
static bool bfd_digest_ok(const uint8_t *buf, const struct bfd_ctrl *c,
			  const struct bfd_key *key)
{
	uint8_t copy[UINT8_MAX + 1], mine[SHA1_DIGEST_SIZE];
	size_t w = bfd_auth_key_field(key->type);

	if (c->length < BFD_OFF_DIGEST + w)
		return false;
	memcpy(copy, buf, c->length);
	bfd_put_key(copy + BFD_OFF_DIGEST, key);
	bfd_digest(key->type, copy, c->length, mine);
	return memcmp(mine, buf + BFD_OFF_DIGEST, w) == 0;
}

bool bfd_pkt_auth_ok(const uint8_t *buf, size_t len, const struct bfd_ctrl *c,
		     const struct bfd_key *key)
{
	const struct bfd_auth *a = &c->auth;

	if (!key || !c->auth_present || !bfd_key_valid(key))
		return false;
	/* The packet must be the one c was decoded from (or as long). */
	if (c->length < BFD_HDR_LEN + 3 || c->length > len)
		return false;
	if (a->type != key->type || a->key_id != key->id ||
	    buf[BFD_OFF_AUTH] != key->type)
		return false;
	if (key->type == BFD_AUTH_SIMPLE) {
		/* Section 6.7.2: Auth Len is the password length plus 3. */
		return a->len == 3 + key->len && a->pwlen == key->len &&
		       memcmp(a->password, key->secret, key->len) == 0;
	}
	if (a->len != bfd_auth_digest_len(key->type))
		return false;
	return bfd_digest_ok(buf, c, key);
}
