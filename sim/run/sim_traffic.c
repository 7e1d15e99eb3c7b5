/*
 * Test traffic: sources send sequence-numbered UDP packets (the
 * sim/measure payload) at an exact rate, one source per multicast group or
 * unicast flow; packet n of a source leaves at first + n * 1e9 / rate
 * (integer arithmetic, no drift), and the groups of one stream are spread
 * evenly over one interval. Receivers join their groups at the given times
 * (statically until IGMP/MLD hosts exist) and hand every arrival to the
 * measurement as an RFC 6412 Offered Load sample.
 */
#include "sim/run/sim_world_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/measure/meas_payload.h"
#include "sim/node/node_host.h"

static sim_time_t pkt_time(const struct sim_source *s, uint64_t n)
{
	return s->first +
	       (sim_time_t)((unsigned __int128)n * 1000000000u / s->rate_pps);
}

static void source_fire(struct sim_timer *t)
{
	struct sim_source *s = sim_container_of(t, struct sim_source, timer);
	struct meas_payload p = { .stream_id = (uint32_t)s->meas_stream,
				  .seq = s->seq,
				  .tx_time = sim_now(s->w->eng) };
	uint8_t buf[NET_FRAME_MAX];

	if (p.tx_time >= s->stop)
		return;
	if (meas_payload_encode(&p, s->size, buf, sizeof(buf)) ==
	    MEAS_PAYLOAD_OK) {
		meas_tx(s->w->meas, s->meas_stream, s->seq, p.tx_time);
		node_host_udp_send(s->host, &s->dst, s->port, s->port, 64, buf,
				   s->size);
	}
	s->seq++;
	sim_timer_arm(&s->timer, pkt_time(s, s->seq));
}

static void on_udp(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct sim_rxmap *rx = ctx;
	struct sim_world *w = rx->w;
	struct meas_payload p;
	int flow;

	(void)h;
	if (meas_payload_decode(m->payload, m->len, &p) != MEAS_PAYLOAD_OK ||
	    p.stream_id >= (uint32_t)w->nstreams)
		return;
	flow = rx->flow_by_stream[p.stream_id];
	if (flow >= 0)
		meas_rx(w->meas, flow, p.seq, p.tx_time, m->t);
}

static struct net_addr group_n(const struct net_addr *g, uint32_t k)
{
	struct net_addr a = *g;
	int last = a.af == NET_AF_IP4 ? 3 : 15;
	uint32_t carry = k;

	for (int i = last; i >= 0 && carry; i--) {
		uint32_t v = a.b[i] + (carry & 0xff);

		a.b[i] = (uint8_t)v;
		carry = (carry >> 8) + (v >> 8);
	}
	return a;
}

static int source_add(struct sim_world *w, struct node *host,
		      const struct net_addr *dst, uint16_t port, uint32_t size,
		      uint32_t rate, sim_time_t first, sim_time_t stop,
		      int stream)
{
	struct sim_source *s = &w->src[w->nsrc];

	s->w = w;
	s->host = host;
	s->dst = *dst;
	s->port = port;
	s->size = size;
	s->rate_pps = rate;
	s->first = first;
	s->stop = stop;
	s->meas_stream = stream;
	if (sim_timer_init(w->eng, &s->timer, source_fire) != 0)
		return -1;
	w->nsrc++;
	sim_timer_arm(&s->timer, first);
	return 0;
}

static int rx_bind(struct sim_world *w, int node, uint16_t port)
{
	if (!w->rx[node].flow_by_stream) {
		w->rx[node].flow_by_stream = malloc(
			sizeof(int) * (size_t)(w->nstreams ? w->nstreams : 1));
		if (!w->rx[node].flow_by_stream)
			return -1;
		for (int i = 0; i < w->nstreams; i++)
			w->rx[node].flow_by_stream[i] = -1;
	}
	w->rx[node].w = w;
	w->rx[node].node = node;
	/* Binding an already bound port fails harmlessly. */
	node_host_udp_bind(w->nodes[node], port, on_udp, &w->rx[node]);
	return 0;
}

static size_t count_sources(const struct scn_spec *spec)
{
	size_t n = spec->nunicast;

	for (size_t i = 0; i < spec->nmcast; i++)
		n += spec->mcast[i].count;
	return n;
}

/* Streams: multicast groups first (stream by stream), then unicast. */
static int streams_build(struct sim_world *w, int *first_of, char *err,
			 size_t errlen)
{
	const struct scn_spec *spec = w->spec;
	char name[96], dst[NET_ADDR_STRLEN];

	for (size_t i = 0; i < spec->nmcast; i++) {
		const struct scn_mcast *mc = &spec->mcast[i];
		sim_time_t iv = SIM_S(1) / mc->rate_pps;

		first_of[i] = w->nstreams;
		for (uint32_t k = 0; k < mc->count; k++) {
			struct net_addr g = group_n(&mc->group, k);
			sim_time_t first = mc->start + iv * k / mc->count;
			int id;

			net_addr_fmt(&g, dst, sizeof(dst));
			snprintf(name, sizeof(name), "%s/%s", mc->name, dst);
			id = meas_stream_add(w->meas, name, MEAS_MULTICAST, dst,
					     mc->rate_pps, first, mc->stop);
			if (id < 0 ||
			    source_add(w, w->nodes[mc->source_idx], &g,
				       mc->port, mc->size, mc->rate_pps, first,
				       mc->stop, id) != 0)
				return scn_spec_errf(spec, mc->loc, err, errlen,
						     "stream %s: %s", mc->name,
						     meas_error(w->meas));
			w->nstreams++;
		}
	}
	for (size_t i = 0; i < spec->nunicast; i++) {
		const struct scn_unicast *u = &spec->unicast[i];
		int id;

		net_addr_fmt(&u->to_addr, dst, sizeof(dst));
		id = meas_stream_add(w->meas, u->name, MEAS_UNICAST, dst,
				     u->rate_pps, u->start, u->stop);
		if (id < 0 || source_add(w, w->nodes[u->from_idx], &u->to_addr,
					 u->port, u->size, u->rate_pps,
					 u->start, u->stop, id) != 0)
			return scn_spec_errf(spec, u->loc, err, errlen,
					     "flow %s: %s", u->name,
					     meas_error(w->meas));
		w->nstreams++;
	}
	return 0;
}

static void join_fire(struct sim_timer *t)
{
	struct sim_join *j = sim_container_of(t, struct sim_join, timer);
	const struct scn_spec *spec = j->w->spec;
	const struct scn_receiver *rc = &spec->receivers[j->receiver];

	for (size_t s = 0; s < rc->nstreams; s++) {
		const struct scn_mcast *mc = &spec->mcast[rc->stream_idx[s]];

		for (uint32_t k = 0; k < mc->count; k++) {
			struct net_addr g = group_n(&mc->group, k);

			/* One socket per receiver item (RFC 3376 section 2):
			 * items of one host merge per section 3.2. */
			if (j->join)
				node_host_listen(j->host, NULL,
						 (uint32_t)j->receiver + 1, &g,
						 rc->include
							 ? NODE_HOST_INCLUDE
							 : NODE_HOST_EXCLUDE,
						 rc->sources, rc->nsources);
			else
				node_host_listen(j->host, NULL,
						 (uint32_t)j->receiver + 1, &g,
						 NODE_HOST_INCLUDE, NULL, 0);
		}
	}
	/* Packets sent from now on are no longer expected (meas.h). */
	for (int f = 0; !j->join && f < j->nflows; f++)
		meas_flow_leave(j->w->meas, j->first_flow + f,
				sim_now(j->w->eng));
}

static int join_add(struct sim_world *w, int receiver, bool join, sim_time_t at,
		    int first_flow, int nflows)
{
	struct sim_join *j = &w->joins[w->njoins];
	const struct scn_receiver *rc = &w->spec->receivers[receiver];

	j->w = w;
	j->host = w->nodes[rc->host_idx];
	j->receiver = receiver;
	j->join = join;
	j->first_flow = first_flow;
	j->nflows = nflows;
	if (sim_timer_init(w->eng, &j->timer, join_fire) != 0)
		return -1;
	w->njoins++;
	sim_timer_arm(&j->timer, at);
	return 0;
}

static enum net_af gmp_af(enum scn_gmp_version v)
{
	return v == SCN_GMP_MLDV1 || v == SCN_GMP_MLDV2 ? NET_AF_IP6
							: NET_AF_IP4;
}

/* The protocol version number: IGMP 1..3, MLD 1..2. */
static uint8_t gmp_version(enum scn_gmp_version v)
{
	switch (v) {
	case SCN_GMP_IGMPV1:
	case SCN_GMP_MLDV1:
		return 1;
	case SCN_GMP_IGMPV2:
	case SCN_GMP_MLDV2:
		return 2;
	case SCN_GMP_IGMPV3:
		return 3;
	default:
		return 0;
	}
}

static int receivers_build(struct sim_world *w, const int *first_of)
{
	const struct scn_spec *spec = w->spec;

	for (size_t i = 0; i < spec->nreceivers; i++) {
		const struct scn_receiver *rc = &spec->receivers[i];
		int first_flow = -1, nflows = 0;

		for (size_t s = 0; s < rc->nstreams; s++) {
			const struct scn_mcast *mc =
				&spec->mcast[rc->stream_idx[s]];

			if (rx_bind(w, rc->host_idx, mc->port) != 0)
				return -1;
			for (uint32_t k = 0; k < mc->count; k++) {
				int st = first_of[rc->stream_idx[s]] + (int)k;
				int fl = meas_flow_add(w->meas, st, rc->host);

				/* meas hands out consecutive flow ids */
				if (fl < 0 ||
				    (nflows > 0 && fl != first_flow + nflows))
					return -1;
				if (nflows++ == 0)
					first_flow = fl;
				w->rx[rc->host_idx].flow_by_stream[st] = fl;
			}
		}
		if (rc->version != SCN_GMP_NONE &&
		    node_host_set_gmp_version(w->nodes[rc->host_idx], NULL,
					      gmp_af(rc->version),
					      gmp_version(rc->version)) != 0)
			return -1;
		if (join_add(w, (int)i, true, rc->join, first_flow, nflows) !=
		    0)
			return -1;
		if (rc->leave != SIM_TIME_NEVER &&
		    join_add(w, (int)i, false, rc->leave, first_flow, nflows) !=
			    0)
			return -1;
	}
	for (size_t i = 0; i < spec->nunicast; i++) {
		const struct scn_unicast *u = &spec->unicast[i];
		int st = w->nstreams - (int)spec->nunicast + (int)i;
		int fl;

		if (u->to_idx == SCN_NONE)
			continue; /* to a router: sent, never received */
		if (rx_bind(w, u->to_idx, u->port) != 0)
			return -1;
		fl = meas_flow_add(w->meas, st, spec->nodes[u->to_idx].name);
		if (fl < 0)
			return -1;
		w->rx[u->to_idx].flow_by_stream[st] = fl;
	}
	return 0;
}

int sim_traffic_build(struct sim_world *w, char *err, size_t errlen)
{
	const struct scn_spec *spec = w->spec;
	struct meas_config cfg;
	int *first_of;
	int rc;

	meas_config_default(&cfg);
	if (spec->measure.gap_threshold)
		cfg.gap_threshold = spec->measure.gap_threshold;
	w->meas = meas_new(&cfg);
	w->src = calloc(count_sources(spec) + 1, sizeof(*w->src));
	w->joins = calloc(2 * spec->nreceivers + 1, sizeof(*w->joins));
	w->rx = calloc(spec->nnodes + 1, sizeof(*w->rx));
	first_of = calloc(spec->nmcast + 1, sizeof(int));
	if (!w->meas || !w->src || !w->joins || !w->rx || !first_of) {
		free(first_of);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = streams_build(w, first_of, err, errlen);
	if (rc == 0 && receivers_build(w, first_of) != 0) {
		snprintf(err, errlen, "out of memory building receivers");
		rc = -1;
	}
	free(first_of);
	return rc;
}

void sim_traffic_free(struct sim_world *w)
{
	for (size_t i = 0; i < w->nsrc; i++)
		sim_timer_fini(&w->src[i].timer);
	for (size_t i = 0; i < w->njoins; i++)
		sim_timer_fini(&w->joins[i].timer);
	for (size_t i = 0; w->rx && i < w->spec->nnodes; i++)
		free(w->rx[i].flow_by_stream);
	free(w->src);
	free(w->joins);
	free(w->rx);
	w->src = NULL;
	w->joins = NULL;
	w->rx = NULL;
	w->nsrc = w->njoins = 0;
}
