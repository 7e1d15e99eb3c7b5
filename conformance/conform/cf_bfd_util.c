/*
 * Helpers of the "bfd" conformance suite (see cf_bfd_int.h): the DUT
 * router with one single-hop session configured with VRP commands, the
 * probe that plays the remote system with control packets built by the
 * BFD codec (RFC 5880 section 4.1, with the authentication sections of
 * 4.2-4.4) inside UDP to port 3784 with TTL 255 (RFC 5881 sections 4-5),
 * the packets the DUT sent as the probe saw them, and the wire times.
 * The RFC rules themselves are checked by the cases.
 */
#include "conformance/conform/cf_bfd_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"

#define DUT_IP	"10.0.12.1"
#define PEER_IP "10.0.12.2"

static const struct {
	const char *kw;
	enum bfd_auth_type type;
} bx_auth[] = {
	{ "simple", BFD_AUTH_SIMPLE },
	{ "md5", BFD_AUTH_KEYED_MD5 },
	{ "meticulous-md5", BFD_AUTH_METICULOUS_MD5 },
	{ "sha1", BFD_AUTH_KEYED_SHA1 },
	{ "meticulous-sha1", BFD_AUTH_METICULOUS_SHA1 },
};

static bool bx_key(struct bx *x, const char *kw)
{
	memset(&x->key, 0, sizeof(x->key));
	x->key.type = BFD_AUTH_NONE;
	if (!kw)
		return true;
	for (size_t i = 0; i < sizeof(bx_auth) / sizeof(bx_auth[0]); i++) {
		if (strcmp(kw, bx_auth[i].kw))
			continue;
		x->key.type = (uint8_t)bx_auth[i].type;
		x->key.id = BX_KEY_ID;
		x->key.len = (uint8_t)strlen(BX_KEY);
		memcpy(x->key.secret, BX_KEY, x->key.len);
		return true;
	}
	return cf_check(x->c, false, "setup: unknown authentication %s", kw);
}

static void bx_config(const struct bx *x, char *buf, size_t len)
{
	const struct bx_cfg *g = &x->cfg;
	int n = snprintf(buf, len,
			 "system-view\n"
			 "interface " BX_PORT "\n"
			 " ip address " DUT_IP " 255.255.255.0\n"
			 "quit\n"
			 "bfd\n"
			 "quit\n"
			 "bfd " BX_SESSION " bind peer-ip " PEER_IP
			 " interface " BX_PORT "\n"
			 " discriminator local %u\n",
			 BX_DUT_DISC);

	if (g->tx_ms)
		n += snprintf(buf + n, len - (size_t)n, " min-tx-interval %u\n",
			      g->tx_ms);
	if (g->rx_ms)
		n += snprintf(buf + n, len - (size_t)n, " min-rx-interval %u\n",
			      g->rx_ms);
	if (g->mult)
		n += snprintf(buf + n, len - (size_t)n,
			      " detect-multiplier %u\n", g->mult);
	if (g->auth)
		n += snprintf(buf + n, len - (size_t)n,
			      " authentication-mode %s key-id %d cipher %s\n",
			      g->auth, BX_KEY_ID, BX_KEY);
	snprintf(buf + n, len - (size_t)n, "quit\ncommit\n");
}

/* The probe announces itself (RFC 826): the DUT learns its MAC. */
static bool bx_arp(struct bx *x)
{
	uint8_t frame[NET_FRAME_MAX];
	struct net_l2 l2 = { .dst = net_mac_broadcast };
	struct net_arp a = { .op = NET_ARP_REQUEST };
	struct net_wr w;
	int n;

	l2.src = x->peer->ifaces[0]->mac;
	a.sha = l2.src;
	a.spa = node_tw_ip4(PEER_IP);
	a.tpa = node_tw_ip4(DUT_IP);
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_arp(&w, &l2, &a);
	return n > 0 &&
	       node_tw_probe_send(x->peer, "eth0", frame, (size_t)n) == 0;
}

/* The world: DUT, probe, cable, booted at 0. NULL or why not. */
static const char *bx_build(struct bx *x)
{
	static const char *const ports[] = { BX_PORT, NULL };
	char conf[1024];

	x->w = cf_world_new(cf_seed(x->c));
	if (!x->w)
		return "no memory for the world";
	bx_config(x, conf, sizeof(conf));
	x->dut = cf_router(x->w, "DUT", conf, ports);
	if (!x->dut)
		return x->w->err;
	x->peer = node_tw_probe(x->w->w, "PEER");
	x->link = cf_link(x->w, "lan", x->peer, "eth0", router_node(x->dut),
			  BX_PORT);
	if (!x->link || cf_boot(x->w, x->dut) != 0)
		return x->w->err;
	return NULL;
}

bool bx_open(struct bx *x, struct cf_ctx *c, const struct bx_cfg *cfg)
{
	const char *why;

	memset(x, 0, sizeof(*x));
	x->c = c;
	x->last_cpu = -1;
	x->answer_polls = true;
	if (cfg)
		x->cfg = *cfg;
	if (!bx_key(x, x->cfg.auth))
		return false;
	x->seq = 1000;
	why = bx_build(x);
	if (!cf_check(c, why == NULL, "setup: %s", why))
		return false;
	if (!cf_check(c, bx_arp(x), "setup: the probe's ARP was not sent"))
		return false;
	bx_run(x, SIM_MS(1));
	return cf_check(c, bx_state(x) == BFD_STATE_DOWN,
			"setup: session %s is %s after boot, expected Down",
			BX_SESSION, bfd_state_name(bx_state(x)));
}

void bx_close(struct bx *x)
{
	if (x->w)
		cf_check(x->c, cf_world_free(x->w),
			 "the world leaked a frame or a timer (see stderr)");
	x->w = NULL;
}

void bx_run(struct bx *x, sim_time_t t)
{
	if (t > cf_now(x->w))
		cf_run_until(x->w, t);
}

sim_time_t bx_to_cpu(const struct bx *x, size_t len)
{
	return cf_to_cpu(x->w, x->link, len);
}

sim_time_t bx_from_cpu(const struct bx *x, size_t len)
{
	return cf_from_cpu(x->w, x->link, len);
}

/* The control packet of t, encoded and damaged as t->bad asks. */
static int bx_encode(struct bx *x, const struct bx_tx *t, uint8_t *buf,
		     size_t cap)
{
	struct bfd_ctrl c = {
		.version = BFD_VERSION,
		.diag = t->diag,
		.state = t->state,
		.poll = t->poll,
		.final = t->final,
		.demand = t->demand,
		.detect_mult = t->mult ? t->mult : 3,
		.my_disc = BX_PEER_DISC,
		.your_disc = t->learnt ? BX_DUT_DISC : 0,
	};
	struct bfd_key sha = { .type = BFD_AUTH_KEYED_SHA1, .id = BX_KEY_ID };
	const struct bfd_key *key = &x->key;
	int n;

	c.desired_min_tx_us = (uint32_t)((t->tx ? t->tx : BX_IVAL) / 1000);
	c.required_min_rx_us = (uint32_t)((t->rx ? t->rx : BX_IVAL) / 1000);
	switch (t->bad) {
	case BX_BAD_MULT:
		c.detect_mult = 0;
		break;
	case BX_BAD_MULTIPOINT:
		c.multipoint = true;
		break;
	case BX_BAD_MY_DISC:
		c.my_disc = 0;
		break;
	case BX_BAD_YOUR_DISC_0:
		c.your_disc = 0;
		break;
	case BX_BAD_YOUR_DISC:
		c.your_disc = BX_DUT_DISC + 4321;
		break;
	case BX_BAD_AUTH_PRESENT:
		sha.len = (uint8_t)strlen(BX_KEY);
		memcpy(sha.secret, BX_KEY, sha.len);
		key = &sha;
		break;
	case BX_BAD_AUTH_MISSING:
		key = NULL;
		break;
	default:
		break;
	}
	/* Meticulous types want a new number per packet, keyed ones accept
	 * a repeat: always advance, except for the replay. */
	if (t->bad != BX_BAD_SEQ_REPLAY)
		x->seq++;
	c.auth.seq = x->seq;
	if (key && key->type == BFD_AUTH_NONE)
		key = NULL;
	n = bfd_pkt_encode(&c, key, buf, cap);
	if (n < BFD_HDR_LEN)
		return -1;
	if (t->bad == BX_BAD_VERSION)
		buf[0] = (uint8_t)((2 << 5) | (buf[0] & 0x1f));
	else if (t->bad == BX_BAD_LENGTH)
		buf[3] = 20;
	else if (t->bad == BX_BAD_LENGTH_LONG)
		buf[3] = (uint8_t)(n + 8);
	else if (t->bad == BX_BAD_DIGEST)
		buf[n - 1] ^= 0x5a;
	return n;
}

/* Did the DUT send a Poll the probe has not answered yet? */
static void bx_scan_polls(struct bx *x)
{
	size_t keep = x->next;
	struct bx_rx r;

	x->next = x->pscan;
	while (bx_next(x, &r))
		if (r.ok && r.c.poll)
			x->poll_seen = true;
	x->pscan = x->next;
	x->next = keep;
}

sim_time_t bx_send(struct bx *x, const struct bx_tx *tx)
{
	uint8_t body[BFD_MAX_LEN + 8], frame[NET_FRAME_MAX];
	struct bx_tx copy = *tx;
	const struct bx_tx *t = &copy;
	sim_time_t start;
	struct net_udp4_params u = { .sport = BX_PEER_PORT,
				     .dport = BFD_PORT_SINGLE };
	struct node_iface *dif = node_iface_find(router_node(x->dut), BX_PORT);
	struct net_wr w;
	int len, n;

	/* 6.5: a peer answers the DUT's Poll with a Final. */
	bx_scan_polls(x);
	if (x->answer_polls && x->poll_seen && t->bad == BX_OK && !copy.poll) {
		copy.final = true;
		x->poll_seen = false;
	} else if (copy.final) {
		x->poll_seen = false;
	}
	len = bx_encode(x, t, body, sizeof(body));
	if (!cf_check(x->c, len > 0 && dif, "setup: cannot build a packet"))
		return -1;
	u.ip.src = node_tw_ip4(PEER_IP);
	u.ip.dst = node_tw_ip4(DUT_IP);
	u.ip.ttl = t->bad == BX_BAD_TTL ? 254 : 255;
	u.ip.l2.src = x->peer->ifaces[0]->mac;
	u.ip.l2.dst = dif->mac;
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_udp4(&w, &u, body, (size_t)len);
	if (!cf_check(x->c,
		      n > 0 && node_tw_probe_send(x->peer, "eth0", frame,
						  (size_t)n) == 0,
		      "setup: the probe could not send"))
		return -1;
	/* Frames leave the probe one after the other (the cable's FIFO). */
	start = cf_now(x->w) > x->busy ? cf_now(x->w) : x->busy;
	x->busy = start + node_link_ser_time(x->link, (size_t)n);
	x->last_cpu = start + bx_to_cpu(x, (size_t)n);
	return x->last_cpu;
}

sim_time_t bx_send_every(struct bx *x, const struct bx_tx *t, sim_time_t from,
			 sim_time_t every, sim_time_t to)
{
	sim_time_t last = -1;

	for (sim_time_t at = from; at <= to; at += every) {
		bx_run(x, at);
		last = bx_send(x, t);
		if (last < 0)
			return -1;
	}
	return last;
}

sim_time_t bx_up(struct bx *x)
{
	const struct bx_tx down = { .state = BFD_STATE_DOWN };
	const struct bx_tx up = { .state = BFD_STATE_UP, .learnt = true };
	const struct bx_tx fin = { .state = BFD_STATE_UP,
				   .learnt = true,
				   .final = true };
	sim_time_t t = cf_now(x->w);
	char b[32];

	if (bx_send(x, &down) < 0)
		return -1;
	bx_run(x, t + SIM_MS(1));
	if (!cf_check(x->c, bx_state(x) == BFD_STATE_INIT,
		      "setup: the DUT is %s after a Down packet, expected Init",
		      bfd_state_name(bx_state(x))))
		return -1;
	if (bx_send(x, &up) < 0)
		return -1;
	bx_run(x, t + SIM_MS(2));
	if (!cf_check(x->c, bx_state(x) == BFD_STATE_UP,
		      "setup: the DUT is %s at %s after Down and Up packets, "
		      "expected Up",
		      bfd_state_name(bx_state(x)), cf_ts(cf_now(x->w), b)))
		return -1;
	/* Entering Up changed the DUT's Desired Min TX (6.8.3): answer its
	 * Poll with a Final, as a peer does. */
	if (bx_send(x, &fin) < 0)
		return -1;
	bx_run(x, t + SIM_MS(3));
	return bx_went(x, BFD_STATE_UP, 0);
}

sim_time_t bx_keep(struct bx *x, sim_time_t to)
{
	const struct bx_tx up = { .state = BFD_STATE_UP, .learnt = true };

	return bx_send_every(x, &up, cf_now(x->w), BX_IVAL, to);
}

static struct bfd_session *bx_sess(const struct bx *x)
{
	struct bfd_inst *b = x->dut ? bfd_inst(x->dut) : NULL;

	return b ? bfd_find_name(b, BX_SESSION) : NULL;
}

enum bfd_state bx_state(const struct bx *x)
{
	struct bfd_session *s = bx_sess(x);

	return s ? bfd_session_state(s) : BFD_STATE_ADMIN_DOWN;
}

bool bx_info(const struct bx *x, struct bfd_session_info *in)
{
	struct bfd_session *s = bx_sess(x);

	memset(in, 0, sizeof(*in));
	if (!s)
		return false;
	bfd_session_info(s, in);
	return true;
}

sim_time_t bx_went(const struct bx *x, enum bfd_state to, size_t nth)
{
	return cf_event_time(x->w, "DUT", "bfd", "state", "new",
			     bfd_state_name(to), nth);
}

bool bx_next(struct bx *x, struct bx_rx *out)
{
	while (x->next < node_tw_probe_count(x->peer)) {
		const struct node_tw_frame *f =
			node_tw_probe_frame(x->peer, x->next++);
		struct net_pkt_info pi;

		if (!f || net_dissect(f->data, f->len, &pi) != NET_OK ||
		    !net_pkt_has(&pi, NET_LAYER_UDP) ||
		    (pi.udp.dport != BFD_PORT_SINGLE &&
		     pi.udp.sport != BFD_PORT_SINGLE))
			continue;
		memset(out, 0, sizeof(*out));
		out->t = f->t;
		out->sent = f->t - bx_from_cpu(x, f->len);
		out->ttl = pi.ttl;
		out->sport = pi.udp.sport;
		out->dport = pi.udp.dport;
		out->ok = bfd_pkt_decode(pi.payload, pi.payload_len, &out->c) ==
			  BFD_PKT_OK;
		return true;
	}
	return false;
}

void bx_skip(struct bx *x)
{
	x->next = node_tw_probe_count(x->peer);
}

size_t bx_sent(struct bx *x, sim_time_t from, sim_time_t to, struct bx_rx *v,
	       size_t cap)
{
	size_t keep = x->next, n = 0;
	struct bx_rx r;

	x->next = 0;
	while (bx_next(x, &r)) {
		if (r.sent < from || r.sent > to)
			continue;
		if (n < cap)
			v[n] = r;
		n++;
	}
	x->next = keep;
	return n;
}

long long bx_stat(struct bx *x, const char *label)
{
	const char *out = cf_cli(x->w, x->dut, "display bfd statistics", NULL);
	const char *p = out ? strstr(out, label) : NULL;
	long long v;

	if (!out)
		return -1;
	if (!p)
		return 0; /* "Dropped, X" lines appear once X is counted */
	p = strchr(p, ':');
	if (!p || sscanf(p + 1, "%lld", &v) != 1)
		return -1;
	return v;
}
