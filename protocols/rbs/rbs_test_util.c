/*
 * Helpers of the RBS channel tests (see rbs_test_util.h): the two-router
 * world, configuration, event-log queries, TCP segments read back from
 * the link capture with their delivery times, the tshark check, and a
 * listener that records what it hears. No RFC logic lives here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/bfd/bfd_router.h"
#include "protocols/rbs/rbs_test_util.h"
#include "protocols/tcp/tcp_router.h"
#include "sim/net/net_dissect.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_tshark.h"

static const struct router_module *const rt_modules[] = {
	&bfd_module,
	&tcp_module,
	&rbs_module,
	NULL,
};

/* Each router: a loopback, the link, static routes to the other's
 * loopback, a BFD session on the link (R1 discriminator 10, R2 20). */
static const char cfg_r1[] =
	"system-view\n"
	"interface LoopBack0\n"
	" ip address 1.1.1.1 255.255.255.255\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:FF::2 128\n"
	"interface " RT_IF "\n"
	" ip address 10.0.12.1 255.255.255.252\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:12::1 64\n"
	"quit\n"
	"ip route-static 2.2.2.2 255.255.255.255 10.0.12.2\n"
	"ipv6 route-static 2001:DB8:FF::1 128 2001:DB8:12::2\n"
	"bfd\n"
	"quit\n"
	"bfd s1 bind peer-ip 10.0.12.2 source-ip 10.0.12.1 interface " RT_IF
	"\n"
	" discriminator local 10\n"
	" discriminator remote 20\n"
	"quit\n"
	"commit\n"
	"return\n";

static const char cfg_r2[] =
	"system-view\n"
	"interface LoopBack0\n"
	" ip address 2.2.2.2 255.255.255.255\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:FF::1 128\n"
	"interface " RT_IF "\n"
	" ip address 10.0.12.2 255.255.255.252\n"
	" ipv6 enable\n"
	" ipv6 address 2001:DB8:12::2 64\n"
	"quit\n"
	"ip route-static 1.1.1.1 255.255.255.255 10.0.12.1\n"
	"ipv6 route-static 2001:DB8:FF::2 128 2001:DB8:12::1\n"
	"bfd\n"
	"quit\n"
	"bfd s1 bind peer-ip 10.0.12.1 source-ip 10.0.12.2 interface " RT_IF
	"\n"
	" discriminator local 20\n"
	" discriminator remote 10\n"
	"quit\n"
	"commit\n"
	"return\n";

void rt_init(struct rt *x, sim_time_t until)
{
	static const char *const ports[] = { RT_IF, NULL };

	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, 7);
	for (int i = 0; rt_modules[i]; i++)
		assert_int_equal(rt_modules[i]->cli_register(x->t.reg), 0);
	x->t.modules = rt_modules;
	x->r1 = rtest_router(&x->t, "R1", NULL, ports);
	x->r2 = rtest_router(&x->t, "R2", NULL, ports);
	x->link = node_tw_link(x->t.w, "core", router_node(x->r1), RT_IF,
			       router_node(x->r2), RT_IF, RTEST_RATE, RT_DELAY);
	x->cap = node_tw_capture(x->t.w, x->link);
	rtest_boot(x->r1);
	rtest_boot(x->r2);
	rtest_cli(&x->t, x->r1, cfg_r1, NULL);
	rtest_cli(&x->t, x->r2, cfg_r2, NULL);
	/* Neighbors resolved before any channel starts (one ping at a
	 * time per router). */
	rtest_cli(&x->t, x->r1, "ping -c 1 10.0.12.2", NULL);
	rtest_cli(&x->t, x->r2, "ping -c 1 10.0.12.1", NULL);
	rt_run(x, SIM_MS(100));
	rtest_cli(&x->t, x->r1, "ping ipv6 -c 1 2001:DB8:12::2", NULL);
	rtest_cli(&x->t, x->r2, "ping ipv6 -c 1 2001:DB8:12::1", NULL);
	rt_run(x, until);
}

void rt_fini(struct rt *x)
{
	rtest_fini(&x->t);
}

void rt_config(struct rt *x, struct router *r, const char *lines)
{
	size_t len = strlen(lines) + 64;
	char *buf = malloc(len);

	assert_non_null(buf);
	snprintf(buf, len, "system-view\n%scommit\nreturn\n", lines);
	rtest_cli(&x->t, r, buf, NULL);
	free(buf);
}

void rt_run(struct rt *x, sim_time_t until)
{
	node_tw_run(x->t.w, until);
}

struct rbs_svc *rt_svc(struct router *r, const char *name)
{
	struct rbs_svc *s = rbs_find(r, name);

	if (!s)
		fail_msg("no service %s on %s", name, router_node(r)->name);
	return s;
}

static bool state_match(const struct node_tw_rec *r, const char *svc,
			const char *state)
{
	char buf[64];

	if (!node_tw_field(r, "service", buf, sizeof(buf)) || strcmp(buf, svc))
		return false;
	return !state || (node_tw_field(r, "new", buf, sizeof(buf)) &&
			  !strcmp(buf, state));
}

const struct node_tw_rec *rt_state(struct rt *x, const char *node,
				   const char *svc, const char *state,
				   size_t nth)
{
	const struct node_tw_rec *r;

	for (size_t i = 0; (r = node_tw_find(x->t.w, node, "rbs", "state", i));
	     i++)
		if (state_match(r, svc, state) && nth-- == 0)
			return r;
	return NULL;
}

size_t rt_state_count(struct rt *x, const char *node, const char *svc,
		      const char *state)
{
	size_t n = 0;

	while (rt_state(x, node, svc, state, n))
		n++;
	return n;
}

const char *rt_field(const struct node_tw_rec *r, const char *key)
{
	static char buf[128]; /* test only */

	if (!r || !node_tw_field(r, key, buf, sizeof(buf)))
		fail_msg("record has no field %s", key);
	return buf;
}

/* ---- capture ---- */

static bool seg_of(const struct node_tw_frame *f, struct rt_seg *s)
{
	struct net_pkt_info pi;
	const uint8_t *t;
	size_t hl;

	net_dissect(f->data, f->len, &pi);
	if (pi.af == NET_AF_NONE || pi.l4_proto != TCP_PROTO || !pi.l4 ||
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
	s->payload = t + hl;
	s->plen = pi.l4_len - hl;
	return true;
}

size_t rt_segs(struct rt *x, uint16_t port, size_t from, struct rt_seg *out,
	       size_t max)
{
	size_t n = 0;

	for (size_t i = from; i < x->cap->n && n < max; i++) {
		const struct node_tw_frame *f = &x->cap->v[i];
		struct rt_seg s;

		if (!seg_of(f, &s) || (s.sport != port && s.dport != port))
			continue;
		s.idx = i;
		s.t = f->t;
		s.dir = f->dir;
		s.flen = f->len;
		out[n++] = s;
	}
	return n;
}

sim_time_t rt_arrival(struct rt *x, const struct rt_seg *s)
{
	/* First bit + serialization + propagation, then the punt to the
	 * control plane (the routers' CPU queue is unlimited here). */
	return s->t + node_link_ser_time(x->link, s->flen) + RT_DELAY +
	       x->t.prof.punt_latency;
}

bool rt_tshark(struct rt *x, const char *name)
{
	char path[512], err[512];
	struct trace_tshark_result res;
	struct trace_pcap *tp;
	enum trace_tshark_rc rc;

	if (!trace_tshark_path(path, sizeof(path)))
		return false;
	snprintf(path, sizeof(path), "%s/%s", FAILSIM_BINARY_DIR, name);
	tp = trace_pcap_open(path, err, sizeof(err));
	if (!tp)
		fail_msg("%s", err);
	for (size_t i = 0; i < x->cap->n; i++)
		assert_int_equal(trace_pcap_write(tp, x->cap->v[i].t,
						  x->cap->v[i].data,
						  x->cap->v[i].len),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
	rc = trace_tshark_check(path, &res, err, sizeof(err));
	if (rc == TRACE_TSHARK_UNAVAILABLE)
		return false;
	if (rc != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(res.frames, x->cap->n);
	if (res.malformed.count || res.bad_checksum.count || res.errors.count)
		fail_msg("tshark on %s: %u malformed (first %u), %u bad "
			 "checksums (first %u), %u errors (first %u)",
			 path, res.malformed.count, res.malformed.first[0],
			 res.bad_checksum.count, res.bad_checksum.first[0],
			 res.errors.count, res.errors.first[0]);
	return true;
}

/* ---- listeners ---- */

static void ear_state(void *ctx, struct rbs_svc *s, enum rbs_state st)
{
	struct rt_ear *e = ctx;

	(void)s;
	if (e->nstates < sizeof(e->states) / sizeof(e->states[0]))
		e->states[e->nstates++] = st;
}

static void ear_msg(void *ctx, struct rbs_svc *s, const struct rbs_msg *m)
{
	struct rt_ear *e = ctx;

	(void)s;
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 16;
		struct rbs_msg *nm = realloc(e->msgs, cap * sizeof(*nm));

		assert_non_null(nm);
		e->msgs = nm;
		e->cap = cap;
	}
	e->msgs[e->n++] = *m;
}

void rt_ear_listen(struct rt_ear *e, struct rbs_svc *s)
{
	struct rbs_listener l = { ear_state, ear_msg, e };

	assert_int_equal(rbs_listen(s, &l), 0);
}

void rt_ear_free(struct rt_ear *e)
{
	free(e->msgs);
	memset(e, 0, sizeof(*e));
}

void rt_ear_watch(void *ctx, struct rbs_svc *s, bool created)
{
	struct rt_ear *e = ctx;

	(void)s;
	if (created)
		e->watch_created++;
	else
		e->watch_deleted++;
}
