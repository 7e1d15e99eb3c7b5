/*
 * The channel world of the RBS conformance cases (cf_rbs_int.h): two
 * routers on a captured link, their services configured through the
 * CLI, the event log's "rbs" records, and the captured channel
 * reassembled into RBS messages (TCP payload in sequence order per
 * direction, cut into messages by rbs_stream, read by the codec) with
 * the time each reaches the peer's control plane. No protocol logic
 * lives here; the cases (cf_rbs_chan.c) cite the README.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/conform/cf_rbs_int.h"
#include "sim/net/net_dissect.h"

const struct cfr_exp cfr_readme = {
	.ka_interval = SIM_MS(1000),
	.ka_count = 3,
	.backoff_min = SIM_S(1),
	.backoff_max = SIM_S(16),
};

#define TCP_PROTO_NUM 6

/* Each router: a loopback, the link, static routes to the other's
 * loopback, a BFD session on the link (R1 discriminator 10, R2 20). */
static const char *const cfg[2] = {
	"system-view\n"
	"interface LoopBack0\n"
	" ip address 1.1.1.1 255.255.255.255\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:FF::2 128\n"
	"interface " CFR_IF "\n"
	" ip address 10.0.12.1 255.255.255.252\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:12::1 64\n"
	"quit\n"
	"ip route-static 2.2.2.2 255.255.255.255 10.0.12.2\n"
	"ipv6 route-static 2001:DB8:FF::1 128 2001:DB8:12::2\n"
	"bfd\n"
	"quit\n"
	"bfd s1 bind peer-ip 10.0.12.2 source-ip 10.0.12.1 interface " CFR_IF
	"\n"
	" discriminator local 10\n"
	" discriminator remote 20\n"
	"quit\n"
	"commit\n",
	"system-view\n"
	"interface LoopBack0\n"
	" ip address 2.2.2.2 255.255.255.255\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:FF::1 128\n"
	"interface " CFR_IF "\n"
	" ip address 10.0.12.2 255.255.255.252\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:12::2 64\n"
	"quit\n"
	"ip route-static 1.1.1.1 255.255.255.255 10.0.12.1\n"
	"ipv6 route-static 2001:DB8:FF::2 128 2001:DB8:12::1\n"
	"bfd\n"
	"quit\n"
	"bfd s1 bind peer-ip 10.0.12.1 source-ip 10.0.12.2 interface " CFR_IF
	"\n"
	" discriminator local 20\n"
	" discriminator remote 10\n"
	"quit\n"
	"commit\n",
};

static const char *const pings[2][2] = {
	{ "ping -c 1 10.0.12.2", "ping ipv6 -c 1 2001:DB8:12::2" },
	{ "ping -c 1 10.0.12.1", "ping ipv6 -c 1 2001:DB8:12::1" },
};

/* Build and boot; NULL or why not. */
static const char *build(struct cfr *x)
{
	static const char *const ports[] = { CFR_IF, NULL };
	static const char *const names[2] = { "R1", "R2" };

	for (int i = 0; i < 2; i++) {
		x->r[i] = cf_router(x->w, names[i], cfg[i], ports);
		if (!x->r[i])
			return x->w->err;
	}
	x->link = cf_link(x->w, "core", router_node(x->r[0]), CFR_IF,
			  router_node(x->r[1]), CFR_IF);
	if (!x->link)
		return x->w->err;
	x->cap = node_tw_capture(x->w->w, x->link);
	for (int i = 0; i < 2; i++)
		if (cf_boot(x->w, x->r[i]) != 0)
			return x->w->err;
	/* Neighbors resolved before any channel starts: a ping each way
	 * per family once the ports are up (one ping at a time per router;
	 * a refused one only leaves the resolution to the channel). */
	for (int f = 0; f < 2; f++) {
		cf_run_until(x->w, cf_now(x->w) + SIM_MS(10));
		for (int i = 0; i < 2; i++) {
			int rc = 0;

			if (!cf_cli(x->w, x->r[i], pings[i][f], &rc))
				return "out of memory";
		}
		cf_run_until(x->w, cf_now(x->w) + SIM_MS(990));
	}
	return NULL;
}

struct cfr *cfr_new(struct cf_ctx *c)
{
	struct cfr *x = calloc(1, sizeof(*x));
	const char *why = "out of memory";

	if (!cf_check(c, x != NULL, "setup: out of memory"))
		return NULL;
	x->c = c;
	x->msgs = calloc(CFR_MAX_MSGS, sizeof(*x->msgs));
	x->w = cf_world_new(cf_seed(c));
	if (x->msgs && x->w)
		why = build(x);
	if (!cf_check(c, why == NULL, "setup: %s", why ? why : "")) {
		cfr_free(x);
		return NULL;
	}
	return x;
}

void cfr_free(struct cfr *x)
{
	if (!x)
		return;
	if (x->w)
		cf_check(x->c, cf_world_free(x->w),
			 "the world leaked a frame or a timer");
	free(x->msgs);
	free(x);
}

void cfr_run(struct cfr *x, sim_time_t until)
{
	cf_run_until(x->w, until);
}

sim_time_t cfr_now(const struct cfr *x)
{
	return cf_now(x->w);
}

bool cfr_config(struct cfr *x, int i, const char *lines)
{
	return cf_check(x->c, cf_config(x->w, x->r[i], lines) != NULL,
			"R%d refused: %s", i + 1, x->w->err);
}

bool cfr_service(struct cfr *x, int i, bool v6, const char *extra)
{
	static const char *const lines[2][2] = {
		{ "remote-backup-service rbs1\n"
		  " peer 2.2.2.2 source 1.1.1.1 port 2046\n",
		  "remote-backup-service rbs1\n"
		  " peer 1.1.1.1 source 2.2.2.2 port 2046\n" },
		{ "remote-backup-service rbs6\n"
		  " peer-ipv6 2001:DB8:FF::1 source-ipv6 2001:DB8:FF::2 "
		  "port 3000\n",
		  "remote-backup-service rbs6\n"
		  " peer-ipv6 2001:DB8:FF::2 source-ipv6 2001:DB8:FF::1 "
		  "port 3000\n" },
	};
	char buf[512];

	snprintf(buf, sizeof(buf), "%s%squit\n", lines[v6][i],
		 extra ? extra : "");
	return cfr_config(x, i, buf);
}

/* ---- the event log ---- */

static bool field_is(const struct node_tw_rec *r, const char *key,
		     const char *val)
{
	char buf[64];

	return !val ||
	       (node_tw_field(r, key, buf, sizeof(buf)) && !strcmp(buf, val));
}

sim_time_t cfr_state(const struct cfr *x, int i, const char *svc,
		     const char *state, const char *cause, size_t nth)
{
	const char *node = i ? "R2" : "R1";
	const struct node_tw_rec *r;

	for (size_t k = 0; (r = node_tw_find(x->w->w, node, "rbs", "state", k));
	     k++)
		if (field_is(r, "service", svc) && field_is(r, "new", state) &&
		    field_is(r, "cause", cause) && nth-- == 0)
			return r->t;
	return -1;
}

sim_time_t cfr_connect(const struct cfr *x, int i, const char *svc, size_t nth)
{
	const struct node_tw_rec *r;

	for (size_t k = 0;
	     (r = node_tw_find(x->w->w, i ? "R2" : "R1", "rbs", "connect", k));
	     k++)
		if (field_is(r, "service", svc) && nth-- == 0)
			return r->t;
	return -1;
}

/* ---- the capture ---- */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* A TCP segment of frame f; false when it is none. */
static bool seg_of(const struct cfr *x, const struct node_tw_frame *f,
		   struct cfr_seg *s, uint32_t *seq, const uint8_t **payload)
{
	struct net_pkt_info pi;
	const uint8_t *t;
	size_t hl;

	net_dissect(f->data, f->len, &pi);
	if (pi.af == NET_AF_NONE || pi.l4_proto != TCP_PROTO_NUM || !pi.l4 ||
	    pi.l4_len < 20)
		return false;
	t = pi.l4;
	hl = (size_t)(t[12] >> 4) * 4;
	if (hl < 20 || hl > pi.l4_len)
		return false;
	s->af = pi.af;
	s->sport = (uint16_t)(t[0] << 8 | t[1]);
	s->dport = (uint16_t)(t[2] << 8 | t[3]);
	s->flags = t[13];
	s->plen = pi.l4_len - hl;
	s->t = f->t;
	s->dir = f->dir;
	s->arr = f->t + cf_to_cpu(x->w, x->link, f->len);
	*seq = be32(t + 4);
	*payload = t + hl;
	return true;
}

bool cfr_seg(const struct cfr *x, uint16_t port, int dir, uint8_t with,
	     uint8_t without, sim_time_t from, struct cfr_seg *out)
{
	for (size_t i = 0; i < x->cap->n; i++) {
		const uint8_t *p;
		uint32_t seq;

		if (x->cap->v[i].t < from ||
		    !seg_of(x, &x->cap->v[i], out, &seq, &p))
			continue;
		if ((out->sport == port || out->dport == port) &&
		    (dir < 0 || out->dir == dir) &&
		    (out->flags & with) == with && !(out->flags & without))
			return true;
	}
	return false;
}

/* One direction of the channel being reassembled. */
struct cfr_dir {
	struct rbs_stream s;
	bool synced, fresh;
	uint32_t next;
};

static void add_msg(struct cfr *x, const struct cfr_seg *s, struct cfr_dir *d,
		    const uint8_t *m, size_t len, struct rbs_msg *dec)
{
	struct cfr_msg *o;

	if (x->nmsgs == CFR_MAX_MSGS) {
		x->dropped++;
		return;
	}
	o = &x->msgs[x->nmsgs++];
	memset(o, 0, sizeof(*o));
	o->t = s->t;
	o->arr = s->arr;
	o->dir = s->dir;
	o->sport = s->sport;
	o->type = m[3];
	o->seq = be32(m + 8);
	o->syn_before = d->fresh;
	d->fresh = false;
	if (o->type == RBS_T_BATCH_END &&
	    rbs_pkt_decode(m, len, dec) == RBS_PKT_OK)
		o->count = dec->count;
}

/* Feed one segment's payload to its direction's stream. */
static void feed(struct cfr *x, struct cfr_dir *d, const struct cfr_seg *s,
		 uint32_t seq, const uint8_t *p, struct rbs_msg *dec)
{
	const uint8_t *m;
	size_t len, off;

	if (s->flags & CFR_SYN) {
		rbs_stream_reset(&d->s);
		d->synced = d->fresh = true;
		d->next = seq + 1;
		return;
	}
	if (!d->synced || !s->plen)
		return;
	off = d->next - seq; /* bytes already had (retransmission) */
	if ((int32_t)(d->next - seq) < 0) {
		d->synced = false; /* a gap: nothing after it is readable */
		return;
	}
	if (off >= s->plen)
		return;
	if (rbs_stream_push(&d->s, p + off, s->plen - off) != 0) {
		d->synced = false;
		return;
	}
	d->next = seq + (uint32_t)s->plen;
	while (rbs_stream_next(&d->s, &m, &len) == 1)
		add_msg(x, s, d, m, len, dec);
}

void cfr_parse(struct cfr *x, uint16_t port)
{
	struct cfr_dir d[2];
	struct rbs_msg *dec = malloc(sizeof(*dec));

	x->nmsgs = x->dropped = 0;
	if (!cf_check(x->c, dec != NULL, "out of memory"))
		return;
	memset(d, 0, sizeof(d));
	for (int i = 0; i < 2; i++)
		rbs_stream_init(&d[i].s);
	for (size_t i = 0; i < x->cap->n; i++) {
		const uint8_t *p;
		struct cfr_seg s;
		uint32_t seq;

		if (!seg_of(x, &x->cap->v[i], &s, &seq, &p) ||
		    (s.sport != port && s.dport != port) || s.dir < 0 ||
		    s.dir > 1)
			continue;
		if (s.flags & CFR_RST) {
			d[s.dir].synced = false;
			continue;
		}
		feed(x, &d[s.dir], &s, seq, p, dec);
	}
	for (int i = 0; i < 2; i++)
		rbs_stream_fini(&d[i].s);
	free(dec);
	cf_check(x->c, x->dropped == 0,
		 "%zu channel messages beyond the %d analysed", x->dropped,
		 CFR_MAX_MSGS);
}

const struct cfr_msg *cfr_find(const struct cfr *x, int dir, uint8_t type,
			       sim_time_t from, size_t nth)
{
	for (size_t i = 0; i < x->nmsgs; i++) {
		const struct cfr_msg *m = &x->msgs[i];

		if (m->t >= from && (dir < 0 || m->dir == dir) &&
		    (!type || m->type == type) && nth-- == 0)
			return m;
	}
	return NULL;
}
