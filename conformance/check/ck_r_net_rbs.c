/*
 * RBS channels in a capture (failsim's remote backup service,
 * protocols/rbs/README.md: "Framing", "Header", "Message types", "TLVs",
 * "Versioning and unknown TLVs"). A bounded table follows every TCP
 * connection; a direction whose first payload bytes are the RBS magic and
 * version 1 is an RBS stream. Its bytes are reassembled in sequence order
 * (RFC 9293 section 3.4: the SYN takes one sequence number, data follows)
 * and cut into messages with the codec's own framing (rbs_stream), and
 * each message is decoded with rbs_pkt_decode. A gap or reordering in the
 * capture drops the direction (counted): the messages after it cannot be
 * framed with certainty. Retransmitted bytes are skipped. The sequence
 * number and Hello-first rules need the connection's start, so they apply
 * from the SYN only; a stream picked up mid-way checks the sequence from
 * the first message seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/check/ck_r_net_int.h"

#define RBS_DETECT_LEN 3 /* magic (2) and version (1) */

/* Sequence-space comparison (RFC 9293 section 3.4, modulo 2^32). */
static bool seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static bool seq_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}

/* ---- the flow table ---- */

int ck_net_flows_init(struct ck_net *n)
{
	n->flows = calloc(CK_NET_MAX_FLOWS, sizeof(*n->flows));
	n->buckets = malloc(CK_NET_BUCKETS * sizeof(*n->buckets));
	n->free = malloc(CK_NET_MAX_FLOWS * sizeof(*n->free));
	if (!n->flows || !n->buckets || !n->free) {
		free(n->flows);
		free(n->buckets);
		free(n->free);
		n->flows = NULL;
		n->buckets = NULL;
		n->free = NULL;
		return -1;
	}
	for (size_t i = 0; i < CK_NET_BUCKETS; i++)
		n->buckets[i] = -1;
	/* Slot 0 on top of the stack. */
	for (size_t i = 0; i < CK_NET_MAX_FLOWS; i++)
		n->free[i] = (int32_t)(CK_NET_MAX_FLOWS - 1 - i);
	n->nfree = CK_NET_MAX_FLOWS;
	return 0;
}

struct flow_key {
	uint32_t link;
	struct net_addr a, b;
	uint16_t aport, bport;
};

/* The key of a segment; *dir: 0 when the sender is endpoint a. */
static void key_of(const struct ck_frame *f, const struct tcp_seg *s,
		   struct flow_key *k, int *dir)
{
	int cmp = net_addr_cmp(&f->pi.src, &f->pi.dst);

	memset(k, 0, sizeof(*k));
	k->link = f->link;
	if (cmp < 0 || (cmp == 0 && s->sport <= s->dport)) {
		k->a = f->pi.src;
		k->b = f->pi.dst;
		k->aport = s->sport;
		k->bport = s->dport;
		*dir = 0;
	} else {
		k->a = f->pi.dst;
		k->b = f->pi.src;
		k->aport = s->dport;
		k->bport = s->sport;
		*dir = 1;
	}
}

static uint32_t fnv(uint32_t h, const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static uint32_t key_hash(const struct flow_key *k)
{
	uint32_t h = 2166136261u;

	h = fnv(h, &k->link, sizeof(k->link));
	h = fnv(h, &k->a.af, 1);
	h = fnv(h, k->a.b, sizeof(k->a.b));
	h = fnv(h, k->b.b, sizeof(k->b.b));
	h = fnv(h, &k->aport, sizeof(k->aport));
	h = fnv(h, &k->bport, sizeof(k->bport));
	return h & (CK_NET_BUCKETS - 1);
}

static bool key_eq(const struct ck_net_flow *fl, const struct flow_key *k)
{
	return fl->link == k->link && fl->aport == k->aport &&
	       fl->bport == k->bport && net_addr_eq(&fl->a, &k->a) &&
	       net_addr_eq(&fl->b, &k->b);
}

static void dir_reset(struct ck_net *n, struct ck_net_dir *d)
{
	if (d->state == CK_NET_DIR_RBS)
		n->nrbs--;
	rbs_stream_fini(&d->rs);
	memset(d, 0, sizeof(*d));
	rbs_stream_init(&d->rs);
}

static void flow_unlink(struct ck_net *n, int32_t idx)
{
	struct ck_net_flow *fl = &n->flows[idx];
	struct flow_key k = { fl->link, fl->a, fl->b, fl->aport, fl->bport };
	int32_t *pp = &n->buckets[key_hash(&k)];

	while (*pp != -1 && *pp != idx)
		pp = &n->flows[*pp].hnext;
	if (*pp == idx)
		*pp = fl->hnext;
}

/* Pending bytes of a stream that ends without a whole message. */
static void dir_end(struct ck_ctx *c, struct ck_net_dir *d)
{
	if (d->state == CK_NET_DIR_RBS && rbs_stream_pending(&d->rs))
		ck_count(c, "rbs partial messages at connection or capture end",
			 1);
}

static void flow_free(struct ck_ctx *c, struct ck_net *n, int32_t idx)
{
	struct ck_net_flow *fl = &n->flows[idx];

	flow_unlink(n, idx);
	for (int i = 0; i < 2; i++) {
		dir_end(c, &fl->d[i]);
		dir_reset(n, &fl->d[i]);
	}
	fl->used = false;
	n->free[n->nfree++] = idx;
}

static bool flow_is_rbs(const struct ck_net_flow *fl)
{
	return fl->d[0].state == CK_NET_DIR_RBS ||
	       fl->d[1].state == CK_NET_DIR_RBS;
}

/*
 * A free slot: an unused one, or else the first flow from the clock hand
 * that is no RBS channel (evicted). At most CK_NET_MAX_RBS slots are
 * skipped. -1 when every slot is an RBS channel.
 */
static int32_t slot_take(struct ck_ctx *c, struct ck_net *n)
{
	for (size_t i = 0; !n->nfree && i < CK_NET_MAX_FLOWS; i++) {
		size_t s = (n->hand + i) % CK_NET_MAX_FLOWS;

		if (flow_is_rbs(&n->flows[s]))
			continue;
		n->hand = (s + 1) % CK_NET_MAX_FLOWS;
		ck_count(c, "tcp flows evicted (table full)", 1);
		flow_free(c, n, (int32_t)s);
	}
	return n->nfree ? n->free[--n->nfree] : -1;
}

/* The flow of k; a new one only when create is set. NULL when absent. */
static struct ck_net_flow *flow_get(struct ck_ctx *c, struct ck_net *n,
				    const struct flow_key *k, bool create,
				    int32_t *idxp)
{
	uint32_t h = key_hash(k);
	int32_t i;
	struct ck_net_flow *fl;

	for (i = n->buckets[h]; i != -1; i = n->flows[i].hnext)
		if (key_eq(&n->flows[i], k)) {
			*idxp = i;
			return &n->flows[i];
		}
	if (!create)
		return NULL;
	i = slot_take(c, n);
	if (i < 0) {
		ck_count(c, "tcp flows not followed (table full of RBS)", 1);
		return NULL;
	}
	fl = &n->flows[i];
	memset(fl, 0, sizeof(*fl));
	rbs_stream_init(&fl->d[0].rs);
	rbs_stream_init(&fl->d[1].rs);
	fl->used = true;
	fl->link = k->link;
	fl->a = k->a;
	fl->b = k->b;
	fl->aport = k->aport;
	fl->bport = k->bport;
	fl->hnext = n->buckets[h];
	n->buckets[h] = i;
	*idxp = i;
	return fl;
}

void ck_net_flows_fini(struct ck_ctx *c, struct ck_net *n)
{
	if (!n->flows)
		return;
	for (int32_t i = 0; i < CK_NET_MAX_FLOWS; i++)
		if (n->flows[i].used)
			flow_free(c, n, i);
	free(n->flows);
	free(n->buckets);
	free(n->free);
	n->flows = NULL;
	n->buckets = NULL;
	n->free = NULL;
}

/* ---- RBS messages ---- */

static void rbs_message(struct ck_ctx *c, struct ck_net *n,
			struct ck_net_dir *d, const struct ck_frame *f,
			const uint8_t *p, size_t len)
{
	struct rbs_msg *m = &n->msg;
	enum rbs_pkt_err e = rbs_pkt_decode(p, len, m);
	uint32_t want;

	ck_count(c, "rbs", 1);
	/* Framing accepted the header: magic, version, Length. */
	ck_pass(c, ck_net_rule(CK_NET_RBS_HEADER));
	ck_expect(c, ck_net_rule(CK_NET_RBS_TYPE), e != RBS_PKT_E_TYPE, f->no,
		  f->t, "message %llu: type %u is not defined in version 1",
		  (unsigned long long)d->nmsg + 1, m->type);
	if (e != RBS_PKT_E_TYPE)
		ck_expect(c, ck_net_rule(CK_NET_RBS_TLV), e == RBS_PKT_OK,
			  f->no, f->t, "%s (seq %u, %zu octets): %s",
			  rbs_type_name(m->type), m->seq, len,
			  rbs_pkt_err_name(e));
	/* README "Header": 1 on a connection, then +1 per message. */
	if (d->have_seq || d->from_syn) {
		want = d->have_seq ? d->last_seq + 1 : 1;
		ck_expect(c, ck_net_rule(CK_NET_RBS_SEQ), m->seq == want, f->no,
			  f->t,
			  "%s with Sequence Number %u, %u expected (message "
			  "%llu of this direction)",
			  rbs_type_name(m->type), m->seq, want,
			  (unsigned long long)d->nmsg + 1);
	}
	/* README "Message types": Hello first, both directions. */
	if (d->from_syn && d->nmsg == 0)
		ck_expect(c, ck_net_rule(CK_NET_RBS_HELLO_FIRST),
			  m->type == RBS_T_HELLO, f->no, f->t,
			  "first message is %s (type %u), Hello expected",
			  rbs_type_name(m->type), m->type);
	d->have_seq = true;
	d->last_seq = m->seq;
	d->nmsg++;
}

/* A header the framing refused: report why and stop following. */
static void rbs_bad_header(struct ck_ctx *c, struct ck_net *n,
			   struct ck_net_dir *d, const struct ck_frame *f)
{
	const uint8_t *h = d->rs.buf + d->rs.head;
	enum rbs_pkt_err e = rbs_pkt_decode(h, RBS_HDR_LEN, &n->msg);

	ck_fail(c, ck_net_rule(CK_NET_RBS_HEADER), f->no, f->t,
		"after message %llu: header %02x%02x %02x %02x length %u: %s",
		(unsigned long long)d->nmsg, h[0], h[1], h[2], h[3],
		(unsigned)((uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 |
			   (uint32_t)h[6] << 8 | h[7]),
		rbs_pkt_err_name(e));
	ck_count(c, "rbs streams dropped (bad header)", 1);
	n->nrbs--;
	d->state = CK_NET_DIR_LOST;
	rbs_stream_fini(&d->rs);
	rbs_stream_init(&d->rs);
}

static void rbs_feed(struct ck_ctx *c, struct ck_net *n, struct ck_net_dir *d,
		     const struct ck_frame *f, const uint8_t *p, size_t len)
{
	const uint8_t *msg;
	size_t mlen;
	int r;

	if (rbs_stream_push(&d->rs, p, len) != 0) {
		ck_count(c, "rbs streams dropped (out of memory)", 1);
		n->nrbs--;
		d->state = CK_NET_DIR_LOST;
		rbs_stream_fini(&d->rs);
		rbs_stream_init(&d->rs);
		return;
	}
	while ((r = rbs_stream_next(&d->rs, &msg, &mlen)) == 1)
		rbs_message(c, n, d, f, msg, mlen);
	if (r < 0)
		rbs_bad_header(c, n, d, f);
}

/* Stream bytes in order: classify on the first three, then follow. */
static void dir_bytes(struct ck_ctx *c, struct ck_net *n, struct ck_net_dir *d,
		      const struct ck_frame *f, const uint8_t *p, size_t len)
{
	size_t take;

	if (d->state == CK_NET_DIR_NEW) {
		take = RBS_DETECT_LEN - d->nprefix;
		if (take > len)
			take = len;
		memcpy(d->prefix + d->nprefix, p, take);
		d->nprefix += (uint8_t)take;
		p += take;
		len -= take;
		if (d->nprefix < RBS_DETECT_LEN)
			return;
		if (d->prefix[0] != (RBS_MAGIC >> 8) ||
		    d->prefix[1] != (RBS_MAGIC & 0xff) ||
		    d->prefix[2] != RBS_VERSION) {
			d->state = CK_NET_DIR_OTHER;
			return;
		}
		if (n->nrbs >= CK_NET_MAX_RBS) {
			ck_count(c, "rbs streams not followed (limit)", 1);
			d->state = CK_NET_DIR_OTHER;
			return;
		}
		d->state = CK_NET_DIR_RBS;
		n->nrbs++;
		ck_count(c, "rbs streams", 1);
		rbs_feed(c, n, d, f, d->prefix, RBS_DETECT_LEN);
	}
	if (d->state == CK_NET_DIR_RBS && len)
		rbs_feed(c, n, d, f, p, len);
}

/* One direction's segment: sequence bookkeeping, then its new bytes. */
static void dir_segment(struct ck_ctx *c, struct ck_net *n,
			struct ck_net_dir *d, const struct ck_frame *f,
			const struct tcp_seg *s)
{
	uint32_t start = s->seq + ((s->flags & TCP_SYN) ? 1 : 0);
	uint32_t len = (uint32_t)s->len, skip;

	/* A SYN (re)starts the direction, unless it repeats the one that
	 * started it and no data followed yet. */
	if ((s->flags & TCP_SYN) &&
	    !(d->from_syn && d->next == start && d->state == CK_NET_DIR_NEW &&
	      !d->nprefix)) {
		dir_reset(n, d);
		d->started = true;
		d->from_syn = true;
		d->next = start;
	}
	if (len && !d->started) {
		d->started = true;
		d->next = start;
	}
	if (s->flags & TCP_FIN)
		d->fin = true;
	if (!len || d->state == CK_NET_DIR_OTHER || d->state == CK_NET_DIR_LOST)
		return;
	if (seq_le(start + len, d->next))
		return; /* all retransmitted */
	if (seq_lt(d->next, start)) {
		/* Bytes are missing before this segment. */
		if (d->state == CK_NET_DIR_RBS) {
			ck_count(c, "rbs streams dropped (gap or reordering)",
				 1);
			n->nrbs--;
			rbs_stream_fini(&d->rs);
			rbs_stream_init(&d->rs);
		}
		d->state = CK_NET_DIR_LOST;
		return;
	}
	skip = d->next - start; /* overlap with bytes already taken */
	d->next = start + len;
	dir_bytes(c, n, d, f, s->data + skip, len - skip);
}

void ck_net_flows_segment(struct ck_ctx *c, struct ck_net *n,
			  const struct ck_frame *f, const struct tcp_seg *seg)
{
	struct flow_key k;
	struct ck_net_flow *fl;
	struct ck_net_dir *d;
	int32_t idx;
	int dir;

	key_of(f, seg, &k, &dir);
	/* A bare ACK (or the last one after both FINs) opens nothing. */
	fl = flow_get(c, n, &k, (seg->flags & TCP_SYN) || seg->len, &idx);
	if (!fl)
		return;
	d = &fl->d[dir];
	if ((seg->flags & TCP_SYN) && !(seg->flags & TCP_ACK) &&
	    (d->started || fl->d[!dir].started) &&
	    !(d->from_syn && d->next == seg->seq + 1 &&
	      d->state == CK_NET_DIR_NEW && !d->nprefix)) {
		/* A SYN that does not repeat the one seen: a new connection
		 * on the same ports. Start over. */
		dir_reset(n, &fl->d[0]);
		dir_reset(n, &fl->d[1]);
	}
	dir_segment(c, n, &fl->d[dir], f, seg);
	if ((seg->flags & TCP_RST) || (fl->d[0].fin && fl->d[1].fin))
		flow_free(c, n, idx);
}
