/*
 * The RBS wire format codec: failsim's own remote backup service messages
 * (protocols/rbs/README.md is the specification; no RFC defines them). A
 * message is a 12-byte header (magic "RB", version, type, length, sequence
 * number) and TLVs (type 2, length 2, value). Decoding checks only
 * well-formedness: header fields, TLV lengths, the mandatory TLVs of the
 * type, value shapes (address families, printable interface names, filter
 * mode), counts; TLVs a type does not list are skipped, so later versions
 * may add optional ones. Times travel in milliseconds and are converted
 * here only. All access goes through the bounds-checked cursors of
 * sim/net/net_buf.h.
 */
#include "protocols/rbs/rbs_pkt.h"

#include <string.h>

#include "sim/net/net_buf.h"

#define BIT(t) (1u << (t))

static const char *const type_names[RBS_T__MAX] = {
	[RBS_T_HELLO] = "Hello",
	[RBS_T_KEEPALIVE] = "Keepalive",
	[RBS_T_BATCH_START] = "BatchStart",
	[RBS_T_BATCH_END] = "BatchEnd",
	[RBS_T_ENTRY_ADD] = "EntryAdd",
	[RBS_T_ENTRY_UPDATE] = "EntryUpdate",
	[RBS_T_ENTRY_DELETE] = "EntryDelete",
	[RBS_T_BATCH_REQUEST] = "BatchRequest",
};

static const char *const err_names[RBS_PKT_E__COUNT] = {
	[RBS_PKT_OK] = "ok",
	[RBS_PKT_E_SHORT] = "short",
	[RBS_PKT_E_MAGIC] = "bad-magic",
	[RBS_PKT_E_VERSION] = "bad-version",
	[RBS_PKT_E_TYPE] = "unknown-type",
	[RBS_PKT_E_LENGTH] = "bad-length",
	[RBS_PKT_E_TLV] = "bad-tlv",
	[RBS_PKT_E_MISSING] = "missing-tlv",
	[RBS_PKT_E_VALUE] = "bad-value",
	[RBS_PKT_E_TOO_MANY] = "too-many",
	[RBS_PKT_E_DUP] = "duplicate-tlv",
};

/* The TLVs each type takes (others are skipped) and those it needs. */
struct type_rule {
	uint16_t take, need;
};

#define ENTRY_NEED                                                             \
	(BIT(RBS_TLV_BACKUP_ID) | BIT(RBS_TLV_INTERFACE) |                     \
	 BIT(RBS_TLV_GROUP) | BIT(RBS_TLV_FILTER_MODE) |                       \
	 BIT(RBS_TLV_GROUP_TIMER))
#define DELETE_NEED                                                            \
	(BIT(RBS_TLV_BACKUP_ID) | BIT(RBS_TLV_INTERFACE) | BIT(RBS_TLV_GROUP))

static const struct type_rule rules[RBS_T__MAX] = {
	[RBS_T_HELLO] = { BIT(RBS_TLV_BACKUP_IDS) | BIT(RBS_TLV_KEEPALIVE),
			  BIT(RBS_TLV_BACKUP_IDS) | BIT(RBS_TLV_KEEPALIVE) },
	[RBS_T_KEEPALIVE] = { 0, 0 },
	[RBS_T_BATCH_START] = { BIT(RBS_TLV_BACKUP_ID),
				BIT(RBS_TLV_BACKUP_ID) },
	[RBS_T_BATCH_END] = { BIT(RBS_TLV_BACKUP_ID) | BIT(RBS_TLV_COUNT),
			      BIT(RBS_TLV_BACKUP_ID) | BIT(RBS_TLV_COUNT) },
	[RBS_T_ENTRY_ADD] = { ENTRY_NEED | BIT(RBS_TLV_SOURCE), ENTRY_NEED },
	[RBS_T_ENTRY_UPDATE] = { ENTRY_NEED | BIT(RBS_TLV_SOURCE), ENTRY_NEED },
	[RBS_T_ENTRY_DELETE] = { DELETE_NEED, DELETE_NEED },
	[RBS_T_BATCH_REQUEST] = { BIT(RBS_TLV_BACKUP_ID),
				  BIT(RBS_TLV_BACKUP_ID) },
};

const char *rbs_type_name(uint8_t t)
{
	return t < RBS_T__MAX && type_names[t] ? type_names[t] : "Unknown";
}

const char *rbs_pkt_err_name(enum rbs_pkt_err e)
{
	return (unsigned)e < RBS_PKT_E__COUNT ? err_names[e] : "?";
}

static bool type_known(uint8_t t)
{
	return t >= RBS_T_HELLO && t < RBS_T__MAX;
}

/* ---- time units ---- */

static sim_time_t ms_to_ns(uint32_t ms)
{
	return SIM_MS(ms);
}

/* Round up to whole ms (a running timer never becomes 0), cap at 2^32-1;
 * -1 for a negative time. */
static int64_t ns_to_ms(sim_time_t ns)
{
	int64_t ms;

	if (ns < 0)
		return -1;
	ms = ns / SIM_MS(1) + (ns % SIM_MS(1) != 0);
	return ms > UINT32_MAX ? UINT32_MAX : ms;
}

/* ---- framing ---- */

/* Header checks shared by framing and decoding. */
static enum rbs_pkt_err hdr_check(const uint8_t *buf, uint32_t *lenp)
{
	uint32_t len = net_get_be32(buf + 4);

	if (net_get_be16(buf) != RBS_MAGIC)
		return RBS_PKT_E_MAGIC;
	if (buf[2] != RBS_VERSION)
		return RBS_PKT_E_VERSION;
	if (len < RBS_HDR_LEN || len > RBS_MAX_MSG)
		return RBS_PKT_E_LENGTH;
	*lenp = len;
	return RBS_PKT_OK;
}

long rbs_pkt_frame_len(const uint8_t *buf, size_t len)
{
	uint32_t mlen;

	if (!buf || len < RBS_HDR_LEN)
		return 0;
	if (hdr_check(buf, &mlen) != RBS_PKT_OK)
		return -1;
	return (long)mlen;
}

/* ---- decoding ---- */

static bool afi_af(uint8_t afi, size_t alen, struct net_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (afi == RBS_AFI_IP4 && alen == 4)
		a->af = NET_AF_IP4;
	else if (afi == RBS_AFI_IP6 && alen == 16)
		a->af = NET_AF_IP6;
	else
		return false;
	return true;
}

/* AFI + address filling the value but `tail` bytes: 5|17 + tail. */
static enum rbs_pkt_err rd_addr(struct net_rd *v, size_t tail,
				struct net_addr *a)
{
	size_t left = net_rd_left(v);
	size_t alen;
	uint8_t afi;

	if (left != 5 + tail && left != 17 + tail)
		return RBS_PKT_E_TLV;
	alen = left - tail - 1;
	afi = net_rd_u8(v);
	if (!afi_af(afi, alen, a))
		return RBS_PKT_E_VALUE;
	net_rd_bytes(v, a->b, alen);
	return RBS_PKT_OK;
}

static enum rbs_pkt_err tlv_ids(struct net_rd *v, struct rbs_msg *out)
{
	size_t len = net_rd_left(v);

	if (len % 4)
		return RBS_PKT_E_TLV;
	if (len / 4 > RBS_MAX_IDS)
		return RBS_PKT_E_TOO_MANY;
	out->nids = (uint16_t)(len / 4);
	for (uint16_t i = 0; i < out->nids; i++)
		out->ids[i] = net_rd_be32(v);
	return RBS_PKT_OK;
}

static enum rbs_pkt_err tlv_keepalive(struct net_rd *v, struct rbs_msg *out)
{
	uint32_t ms;

	if (net_rd_left(v) != 8)
		return RBS_PKT_E_TLV;
	ms = net_rd_be32(v);
	out->keepalive_count = net_rd_u8(v);
	if (ms == 0 || out->keepalive_count == 0)
		return RBS_PKT_E_VALUE;
	out->keepalive_interval = ms_to_ns(ms);
	return RBS_PKT_OK; /* 3 reserved bytes ignored */
}

static enum rbs_pkt_err tlv_u32(struct net_rd *v, uint32_t *out)
{
	if (net_rd_left(v) != 4)
		return RBS_PKT_E_TLV;
	*out = net_rd_be32(v);
	return RBS_PKT_OK;
}

static enum rbs_pkt_err tlv_ifname(struct net_rd *v, struct rbs_entry *e)
{
	size_t len = net_rd_left(v);
	const uint8_t *p;

	if (len == 0 || len >= RBS_IFNAME_MAX)
		return RBS_PKT_E_TLV;
	p = net_rd_ptr(v, len);
	for (size_t i = 0; i < len; i++)
		if (p[i] < 0x21 || p[i] > 0x7e)
			return RBS_PKT_E_VALUE;
	memcpy(e->ifname, p, len);
	e->ifname[len] = '\0';
	return RBS_PKT_OK;
}

static enum rbs_pkt_err tlv_group(struct net_rd *v, struct rbs_entry *e)
{
	enum rbs_pkt_err err = rd_addr(v, 0, &e->group);

	if (err)
		return err;
	if (!net_addr_is_multicast(&e->group))
		return RBS_PKT_E_VALUE;
	e->af = (enum net_af)e->group.af;
	return RBS_PKT_OK;
}

static enum rbs_pkt_err tlv_source(struct net_rd *v, struct rbs_entry *e)
{
	struct rbs_src *s;
	enum rbs_pkt_err err;

	if (e->nsrc >= RBS_MAX_SRCS)
		return RBS_PKT_E_TOO_MANY;
	s = &e->srcs[e->nsrc];
	err = rd_addr(v, 4, &s->addr);
	if (err)
		return err;
	s->left = ms_to_ns(net_rd_be32(v));
	e->nsrc++;
	return RBS_PKT_OK;
}

static enum rbs_pkt_err tlv_take(uint16_t t, struct net_rd *v,
				 struct rbs_msg *out)
{
	struct rbs_entry *e = &out->entry;
	enum rbs_pkt_err err = RBS_PKT_OK;
	uint32_t u = 0;

	switch (t) {
	case RBS_TLV_BACKUP_IDS:
		return tlv_ids(v, out);
	case RBS_TLV_KEEPALIVE:
		return tlv_keepalive(v, out);
	case RBS_TLV_BACKUP_ID:
		err = tlv_u32(v, &out->backup_id);
		e->backup_id = out->backup_id;
		return err;
	case RBS_TLV_COUNT:
		return tlv_u32(v, &out->count);
	case RBS_TLV_INTERFACE:
		return tlv_ifname(v, e);
	case RBS_TLV_GROUP:
		return tlv_group(v, e);
	case RBS_TLV_FILTER_MODE:
		if (net_rd_left(v) != 1)
			return RBS_PKT_E_TLV;
		e->mode = net_rd_u8(v);
		return e->mode > 1 ? RBS_PKT_E_VALUE : RBS_PKT_OK;
	case RBS_TLV_GROUP_TIMER:
		err = tlv_u32(v, &u);
		e->group_left = ms_to_ns(u);
		return err;
	case RBS_TLV_SOURCE:
		return tlv_source(v, e);
	default:
		return RBS_PKT_OK;
	}
}

static enum rbs_pkt_err tlvs_decode(struct net_rd *r, struct rbs_msg *out)
{
	const struct type_rule *rule = &rules[out->type];
	uint32_t seen = 0;

	while (net_rd_left(r) > 0) {
		uint16_t t, l;
		struct net_rd v;
		enum rbs_pkt_err err;

		if (net_rd_left(r) < RBS_TLV_HDR)
			return RBS_PKT_E_TLV;
		t = net_rd_be16(r);
		l = net_rd_be16(r);
		v = net_rd_sub(r, l);
		if (v.err)
			return RBS_PKT_E_TLV;
		if (t >= 16 || !(rule->take & BIT(t)))
			continue; /* not for this type: skipped */
		if (t != RBS_TLV_SOURCE && (seen & BIT(t)))
			return RBS_PKT_E_DUP;
		seen |= BIT(t);
		err = tlv_take(t, &v, out);
		if (err)
			return err;
	}
	if ((seen & rule->need) != rule->need)
		return RBS_PKT_E_MISSING;
	for (uint16_t i = 0; i < out->entry.nsrc; i++)
		if (out->entry.srcs[i].addr.af != out->entry.group.af)
			return RBS_PKT_E_VALUE;
	return RBS_PKT_OK;
}

enum rbs_pkt_err rbs_pkt_decode(const uint8_t *buf, size_t len,
				struct rbs_msg *out)
{
	struct net_rd r;
	uint32_t mlen = 0;
	enum rbs_pkt_err err;

	memset(out, 0, sizeof(*out));
	if (!buf || len < RBS_HDR_LEN)
		return RBS_PKT_E_SHORT;
	out->version = buf[2];
	out->type = buf[3];
	out->seq = net_get_be32(buf + 8);
	err = hdr_check(buf, &mlen);
	if (err)
		return err;
	if (len < mlen)
		return RBS_PKT_E_SHORT;
	if (len > mlen)
		return RBS_PKT_E_LENGTH;
	if (!type_known(out->type))
		return RBS_PKT_E_TYPE;
	net_rd_init(&r, buf + RBS_HDR_LEN, mlen - RBS_HDR_LEN);
	return tlvs_decode(&r, out);
}

/* ---- encoding ---- */

/* Start a TLV; returns where its length goes (patched by tlv_end). */
static uint8_t *tlv_begin(struct net_wr *w, uint16_t t)
{
	uint8_t *p = net_wr_reserve(w, RBS_TLV_HDR);

	if (p)
		net_put_be16(p, t);
	return p;
}

static void tlv_end(struct net_wr *w, uint8_t *hdr)
{
	size_t vlen;

	if (!hdr || w->err)
		return;
	vlen = (size_t)(w->p + w->off - hdr) - RBS_TLV_HDR;
	if (vlen > UINT16_MAX)
		w->err = true;
	else
		net_put_be16(hdr + 2, (uint16_t)vlen);
}

static void wr_u32_tlv(struct net_wr *w, uint16_t t, uint32_t v)
{
	uint8_t *h = tlv_begin(w, t);

	net_wr_be32(w, v);
	tlv_end(w, h);
}

static void wr_addr(struct net_wr *w, const struct net_addr *a)
{
	bool v6 = a->af == NET_AF_IP6;

	net_wr_u8(w, v6 ? RBS_AFI_IP6 : RBS_AFI_IP4);
	net_wr_bytes(w, a->b, v6 ? 16 : 4);
}

static bool ifname_ok(const char *name)
{
	size_t n = strnlen(name, RBS_IFNAME_MAX);

	if (n == 0 || n >= RBS_IFNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x21 ||
		    (unsigned char)name[i] > 0x7e)
			return false;
	return true;
}

static bool entry_ok(const struct rbs_entry *e, bool del)
{
	if (!ifname_ok(e->ifname) ||
	    (e->group.af != NET_AF_IP4 && e->group.af != NET_AF_IP6) ||
	    e->af != e->group.af || !net_addr_is_multicast(&e->group))
		return false;
	if (del)
		return true;
	if (e->mode > 1 || e->group_left < 0 || e->nsrc > RBS_MAX_SRCS)
		return false;
	for (uint16_t i = 0; i < e->nsrc; i++)
		if (e->srcs[i].addr.af != e->group.af || e->srcs[i].left < 0)
			return false;
	return true;
}

static bool msg_ok(const struct rbs_msg *m)
{
	switch (m->type) {
	case RBS_T_HELLO:
		return m->nids <= RBS_MAX_IDS && m->keepalive_interval > 0 &&
		       m->keepalive_count > 0;
	case RBS_T_ENTRY_ADD:
	case RBS_T_ENTRY_UPDATE:
		return entry_ok(&m->entry, false);
	case RBS_T_ENTRY_DELETE:
		return entry_ok(&m->entry, true);
	default:
		return type_known(m->type);
	}
}

static void enc_hello(struct net_wr *w, const struct rbs_msg *m)
{
	uint8_t *h = tlv_begin(w, RBS_TLV_BACKUP_IDS);

	for (uint16_t i = 0; i < m->nids; i++)
		net_wr_be32(w, m->ids[i]);
	tlv_end(w, h);
	h = tlv_begin(w, RBS_TLV_KEEPALIVE);
	net_wr_be32(w, (uint32_t)ns_to_ms(m->keepalive_interval));
	net_wr_u8(w, m->keepalive_count);
	net_wr_zero(w, 3);
	tlv_end(w, h);
}

static void enc_entry(struct net_wr *w, const struct rbs_entry *e, bool del)
{
	uint8_t *h;

	wr_u32_tlv(w, RBS_TLV_BACKUP_ID, e->backup_id);
	h = tlv_begin(w, RBS_TLV_INTERFACE);
	net_wr_bytes(w, e->ifname, strlen(e->ifname));
	tlv_end(w, h);
	h = tlv_begin(w, RBS_TLV_GROUP);
	wr_addr(w, &e->group);
	tlv_end(w, h);
	if (del)
		return;
	h = tlv_begin(w, RBS_TLV_FILTER_MODE);
	net_wr_u8(w, e->mode);
	tlv_end(w, h);
	wr_u32_tlv(w, RBS_TLV_GROUP_TIMER, (uint32_t)ns_to_ms(e->group_left));
	for (uint16_t i = 0; i < e->nsrc; i++) {
		h = tlv_begin(w, RBS_TLV_SOURCE);
		wr_addr(w, &e->srcs[i].addr);
		net_wr_be32(w, (uint32_t)ns_to_ms(e->srcs[i].left));
		tlv_end(w, h);
	}
}

int rbs_pkt_encode(const struct rbs_msg *m, uint8_t *buf, size_t cap)
{
	struct net_wr w;

	if (!m || !buf || !msg_ok(m))
		return -1;
	net_wr_init(&w, buf, cap);
	net_wr_be16(&w, RBS_MAGIC);
	net_wr_u8(&w, RBS_VERSION);
	net_wr_u8(&w, m->type);
	net_wr_be32(&w, 0); /* length, patched below */
	net_wr_be32(&w, m->seq);
	switch (m->type) {
	case RBS_T_HELLO:
		enc_hello(&w, m);
		break;
	case RBS_T_BATCH_START:
	case RBS_T_BATCH_REQUEST:
		wr_u32_tlv(&w, RBS_TLV_BACKUP_ID, m->backup_id);
		break;
	case RBS_T_BATCH_END:
		wr_u32_tlv(&w, RBS_TLV_BACKUP_ID, m->backup_id);
		wr_u32_tlv(&w, RBS_TLV_COUNT, m->count);
		break;
	case RBS_T_ENTRY_ADD:
	case RBS_T_ENTRY_UPDATE:
	case RBS_T_ENTRY_DELETE:
		enc_entry(&w, &m->entry, m->type == RBS_T_ENTRY_DELETE);
		break;
	default: /* Keepalive: no TLV */
		break;
	}
	if (w.err || w.off > RBS_MAX_MSG)
		return -1;
	net_put_be32(buf + 4, (uint32_t)w.off);
	return (int)w.off;
}
