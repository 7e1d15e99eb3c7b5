/*
 * The "traffic:" section of a scenario: multicast sources (a range of
 * consecutive groups, IPv4 in 224.0.0.0/4 per RFC 5771 or IPv6 in ff00::/8
 * per RFC 4291 section 2.7), receivers (which streams, when they join and
 * leave, and which membership protocol they speak: IGMPv2 RFC 2236, IGMPv3
 * RFC 3376, MLDv1 RFC 2710, MLDv2 RFC 3810, or none) and unicast flows.
 * Payload sizes are bounded so one UDP datagram fits a 1500-byte MTU
 * without fragmentation (1472 bytes over IPv4, 1452 over IPv6).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

#define SCN_MAX_GROUPS_TOTAL (1u << 20)
#define SCN_MAX_RX_STREAMS   256
#define SCN_PAYLOAD_MIN	     32
#define SCN_PAYLOAD_MAX4     1472
#define SCN_PAYLOAD_MAX6     1452

static const char *const scn_mcast_keys[] = {
	"name", "source", "group", "count", "rate",
	"size", "port",	  "start", "stop",  NULL,
};
static const char *const scn_mcast_required[] = { "name", "source", "group",
						  "rate", NULL };
static const char *const scn_unicast_keys[] = {
	"name", "from", "to", "rate", "size", "port", "start", "stop", NULL,
};
static const char *const scn_unicast_required[] = { "name", "from", "to",
						    "rate", NULL };
static const char *const scn_rx_keys[] = {
	"host", "streams", "join", "leave", "version", "mode", "sources", NULL,
};
static const char *const scn_rx_required[] = { "host", "streams", NULL };

static bool scn_host_has_af(const struct scn_node *n, uint8_t af)
{
	size_t i;

	for (i = 0; i < n->host.nifaces; i++)
		if ((af == NET_AF_IP4 && n->host.ifaces[i].ip4.af == af) ||
		    (af == NET_AF_IP6 && n->host.ifaces[i].ip6.af == af))
			return true;
	return false;
}

static const char *scn_af_name(uint8_t af)
{
	return af == NET_AF_IP4 ? "IPv4" : "IPv6";
}

/* A "host:" style key: the value names a host. */
static int scn_get_host(struct scn_ctx *c, const struct scn_ynode *m,
			const char *path, const char *key, char **name,
			int *idx)
{
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];

	if (scn_get_scalar(c, m, path, key, "a host name", &v) != 0)
		return -1;
	*name = scn_strdup(c, v->str);
	if (*name == NULL)
		return -1;
	scn_path_key(kp, path, key);
	return scn_ref_node(c, v->loc, kp, v->str, SCN_KIND_BIT(SCN_NODE_HOST),
			    "a host", idx);
}

/* start, stop (stop later than start) and the payload size and port. */
static int scn_load_flow_common(struct scn_ctx *c, const struct scn_ynode *m,
				const char *path, uint8_t af, uint32_t *size,
				uint16_t *port, sim_time_t *start,
				sim_time_t *stop, bool *stop_given)
{
	uint32_t p = *port;

	if (scn_get_u32(c, m, path, "size", SCN_PAYLOAD_MIN,
			af == NET_AF_IP4 ? SCN_PAYLOAD_MAX4 : SCN_PAYLOAD_MAX6,
			size) != 0 ||
	    scn_get_u32(c, m, path, "port", 1, 65535, &p) != 0 ||
	    scn_get_time(c, m, path, "start", start) != 0)
		return -1;
	*port = (uint16_t)p;
	*stop = c->spec->duration;
	if (scn_ymap_get(m, "stop") == NULL)
		return 0;
	*stop_given = true;
	if (scn_get_time(c, m, path, "stop", stop) != 0)
		return -1;
	if (*stop <= *start)
		return scn_fail(c, scn_ymap_get(m, "stop")->loc,
				"%s.stop: must be later than start", path);
	return 0;
}

/* Groups group .. group+count-1 must stay multicast (no carry out). */
static int scn_check_group_range(struct scn_ctx *c, const struct scn_ynode *m,
				 const char *path, const struct scn_mcast *s)
{
	const uint8_t *b = s->group.b;
	size_t off = s->group.af == NET_AF_IP4 ? 0 : 12;
	uint64_t low = (uint64_t)b[off] << 24 | (uint64_t)b[off + 1] << 16 |
		       (uint64_t)b[off + 2] << 8 | b[off + 3];
	uint64_t last = low + s->count - 1;
	uint64_t limit =
		s->group.af == NET_AF_IP4 ? 0xefffffffull : 0xffffffffull;

	if (last > limit)
		return scn_fail(c, scn_ymap_get(m, "count")->loc,
				"%s.count: %u groups from %s run past the end "
				"of the multicast range",
				path, s->count, scn_ymap_get(m, "group")->str);
	c->total_groups += s->count;
	if (c->total_groups > SCN_MAX_GROUPS_TOTAL)
		return scn_fail(c, scn_ymap_get(m, "count")->loc,
				"%s.count: more than %u groups in all streams",
				path, SCN_MAX_GROUPS_TOTAL);
	return 0;
}

static int scn_load_mcast(struct scn_ctx *c, const struct scn_ynode *m,
			  const char *path, struct scn_mcast *s)
{
	const struct scn_ynode *g;
	char kp[SCN_PATH_MAX];

	s->loc = m->loc;
	s->count = 1;
	s->size = 1316;
	s->port = 5000;
	if (scn_check_map(c, m, path, scn_mcast_keys, scn_mcast_required,
			  false) != 0 ||
	    scn_get_name(c, m, path, "name", SCN_NAME_MAX, &s->name) != 0 ||
	    scn_get_host(c, m, path, "source", &s->source, &s->source_idx) ||
	    scn_get_addr(c, m, path, "group", &s->group) != 0)
		return -1;
	g = scn_ymap_get(m, "group");
	scn_path_key(kp, path, "group");
	if (!net_addr_is_multicast(&s->group))
		return scn_expected(c, g, kp, "a multicast group address");
	if (!scn_host_has_af(&c->spec->nodes[s->source_idx], s->group.af))
		return scn_fail(c, scn_ymap_get(m, "source")->loc,
				"%s.source: host \"%s\" has no %s address to "
				"send group %s from",
				path, s->source, scn_af_name(s->group.af),
				g->str);
	if (scn_get_u32(c, m, path, "count", 1, SCN_MAX_GROUPS, &s->count) ||
	    scn_check_group_range(c, m, path, s) != 0 ||
	    scn_get_pps(c, m, path, "rate", &s->rate_pps) != 0)
		return -1;
	return scn_load_flow_common(c, m, path, s->group.af, &s->size, &s->port,
				    &s->start, &s->stop, &s->stop_given);
}

/* The first host owning address a, or SCN_NONE. */
static int scn_host_of_addr(const struct scn_spec *s, const struct net_addr *a)
{
	size_t i, j;

	for (i = 0; i < s->nnodes; i++)
		for (j = 0; j < s->nodes[i].host.nifaces; j++)
			if (net_addr_eq(&s->nodes[i].host.ifaces[j].ip4, a) ||
			    net_addr_eq(&s->nodes[i].host.ifaces[j].ip6, a))
				return (int)i;
	return SCN_NONE;
}

static int scn_load_unicast_to(struct scn_ctx *c, const struct scn_ynode *m,
			       const char *path, struct scn_unicast *u)
{
	static const char what[] = "a host name or an IP address";
	const struct scn_node *h;
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];
	size_t i;

	if (scn_get_scalar(c, m, path, "to", what, &v) != 0)
		return -1;
	u->to = scn_strdup(c, v->str);
	if (u->to == NULL)
		return -1;
	scn_path_key(kp, path, "to");
	u->to_idx = SCN_NONE;
	if (scn_index_find(&c->nodes, v->str) != SCN_NONE) {
		if (scn_ref_node(c, v->loc, kp, v->str,
				 SCN_KIND_BIT(SCN_NODE_HOST), "a host",
				 &u->to_idx) != 0)
			return -1;
		h = &c->spec->nodes[u->to_idx];
		for (i = 0; i < h->host.nifaces && u->to_addr.af == 0; i++)
			u->to_addr = h->host.ifaces[i].ip4;
		for (i = 0; i < h->host.nifaces && u->to_addr.af == 0; i++)
			u->to_addr = h->host.ifaces[i].ip6;
		if (u->to_addr.af == NET_AF_NONE)
			return scn_fail(c, v->loc,
					"%s: host \"%s\" has no IPv4 or IPv6 "
					"address",
					kp, v->str);
	} else if (net_addr_parse(v->str, &u->to_addr) == 0) {
		if (net_addr_is_multicast(&u->to_addr) ||
		    net_addr_is_unspec(&u->to_addr))
			return scn_expected(c, v, kp,
					    "a unicast address (multicast "
					    "goes under traffic.multicast)");
		u->to_idx = scn_host_of_addr(c->spec, &u->to_addr);
	} else {
		return scn_expected(c, v, kp, what);
	}
	if (u->to_idx == u->from_idx)
		return scn_fail(c, v->loc, "%s: \"%s\" is the sending host", kp,
				v->str);
	return 0;
}

static int scn_load_unicast(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, struct scn_unicast *u)
{
	u->loc = m->loc;
	u->size = 1316;
	u->port = 6000;
	if (scn_check_map(c, m, path, scn_unicast_keys, scn_unicast_required,
			  false) != 0 ||
	    scn_get_name(c, m, path, "name", SCN_NAME_MAX, &u->name) != 0 ||
	    scn_get_host(c, m, path, "from", &u->from, &u->from_idx) != 0 ||
	    scn_load_unicast_to(c, m, path, u) != 0)
		return -1;
	if (!scn_host_has_af(&c->spec->nodes[u->from_idx], u->to_addr.af))
		return scn_fail(c, scn_ymap_get(m, "from")->loc,
				"%s.from: host \"%s\" has no %s address to "
				"send to %s from",
				path, u->from, scn_af_name(u->to_addr.af),
				u->to);
	if (scn_get_pps(c, m, path, "rate", &u->rate_pps) != 0)
		return -1;
	return scn_load_flow_common(c, m, path, u->to_addr.af, &u->size,
				    &u->port, &u->start, &u->stop,
				    &u->stop_given);
}

static void scn_stream_path(char *buf, int id)
{
	if (id >= 0)
		snprintf(buf, SCN_PATH_MAX, "traffic.multicast[%d].name", id);
	else
		snprintf(buf, SCN_PATH_MAX, "traffic.unicast[%d].name",
			 -id - 2);
}

static int scn_index_streams(struct scn_ctx *c)
{
	const struct scn_spec *s = c->spec;
	size_t n = s->nmcast + s->nunicast, i;
	const char **names = scn_calloc(c, n, sizeof(*names));
	struct scn_loc *locs = scn_calloc(c, n, sizeof(*locs));
	int *ids = scn_calloc(c, n, sizeof(*ids));
	int r = -1;

	if (names != NULL && locs != NULL && ids != NULL) {
		for (i = 0; i < s->nmcast; i++) {
			names[i] = s->mcast[i].name;
			locs[i] = s->mcast[i].loc;
			ids[i] = (int)i;
		}
		for (i = 0; i < s->nunicast; i++) {
			names[s->nmcast + i] = s->unicast[i].name;
			locs[s->nmcast + i] = s->unicast[i].loc;
			ids[s->nmcast + i] = -(int)i - 2;
		}
		r = scn_index_build(c, &c->streams, names, locs, ids, n,
				    "stream", scn_stream_path);
	}
	free(names);
	free(locs);
	free(ids);
	return r;
}

static const struct {
	const char *name;
	enum scn_gmp_version v;
	uint8_t af; /* family it signals for; NET_AF_NONE: any */
} scn_versions[] = {
	{ "none", SCN_GMP_NONE, NET_AF_NONE },
	{ "igmpv1", SCN_GMP_IGMPV1, NET_AF_IP4 },
	{ "igmpv2", SCN_GMP_IGMPV2, NET_AF_IP4 },
	{ "igmpv3", SCN_GMP_IGMPV3, NET_AF_IP4 },
	{ "mldv1", SCN_GMP_MLDV1, NET_AF_IP6 },
	{ "mldv2", SCN_GMP_MLDV2, NET_AF_IP6 },
};

static int scn_load_rx_stream(struct scn_ctx *c, const struct scn_ynode *v,
			      const char *path, struct scn_receiver *r,
			      size_t i)
{
	char ip[SCN_PATH_MAX];
	int id;
	size_t j;

	scn_path_idx(ip, path, i);
	if (v->type != SCN_Y_SCALAR || v->len == 0)
		return scn_expected(c, v, ip, "a stream name");
	r->streams[i] = scn_strdup(c, v->str);
	if (r->streams[i] == NULL)
		return -1;
	id = scn_index_find(&c->streams, v->str);
	if (id == SCN_NONE)
		return scn_fail(c, v->loc, "%s: no stream named \"%s\"", ip,
				v->str);
	if (id < 0)
		return scn_fail(c, v->loc,
				"%s: \"%s\" is a unicast stream; receivers "
				"take multicast streams",
				ip, v->str);
	for (j = 0; j < i; j++)
		if (r->stream_idx[j] == id)
			return scn_fail(c, v->loc,
					"%s: stream \"%s\" is listed twice", ip,
					v->str);
	r->stream_idx[i] = id;
	return 0;
}

static int scn_load_rx_streams(struct scn_ctx *c, const struct scn_ynode *m,
			       const char *path, struct scn_receiver *r)
{
	const struct scn_ynode *v = scn_ymap_get(m, "streams");
	char kp[SCN_PATH_MAX];
	size_t i;

	scn_path_key(kp, path, "streams");
	if (v->type != SCN_Y_SEQ || v->n == 0)
		return scn_expected(c, v, kp,
				    "a list of stream names like [iptv]");
	if (v->n > SCN_MAX_RX_STREAMS)
		return scn_fail(c, v->loc, "%s: more than %d streams", kp,
				SCN_MAX_RX_STREAMS);
	r->streams = scn_calloc(c, v->n, sizeof(*r->streams));
	r->stream_idx = scn_calloc(c, v->n, sizeof(*r->stream_idx));
	if (r->streams == NULL || r->stream_idx == NULL)
		return -1;
	for (i = 0; i < v->n; i++) {
		r->nstreams = i + 1;
		if (scn_load_rx_stream(c, v->kids[i], kp, r, i) != 0)
			return -1;
	}
	return 0;
}

/* A host runs one membership version per family on its interfaces (as a
 * host OS does): receiver items of one host must agree. */
static int scn_rx_version_clash(struct scn_ctx *c, const struct scn_ynode *v,
				const char *kp, const struct scn_receiver *r)
{
	const struct scn_spec *s = c->spec;
	bool v4 = r->version <= SCN_GMP_IGMPV3;

	for (const struct scn_receiver *o = s->receivers; o < r; o++) {
		bool o4 = o->version <= SCN_GMP_IGMPV3;

		if (o->host_idx != r->host_idx || o->version == SCN_GMP_NONE ||
		    o4 != v4 || o->version == r->version)
			continue;
		return scn_fail(c, v->loc,
				"%s: host \"%s\" already signals with another "
				"version (traffic.receivers[%zu]); a host runs "
				"one %s version",
				kp, r->host, (size_t)(o - s->receivers),
				v4 ? "IGMP" : "MLD");
	}
	return 0;
}

static int scn_load_rx_source(struct scn_ctx *c, const struct scn_ynode *v,
			      const char *kp, size_t i, struct scn_receiver *r)
{
	char ip[SCN_PATH_MAX];
	enum net_af af = c->spec->mcast[r->stream_idx[0]].group.af;
	struct net_addr *a = &r->sources[i];

	scn_path_idx(ip, kp, i);
	if (v->type != SCN_Y_SCALAR || net_addr_parse(v->str, a) != 0)
		return scn_expected(c, v, ip, "a unicast source address");
	if (a->af != af || net_addr_is_multicast(a) || net_addr_is_unspec(a))
		return scn_fail(c, v->loc,
				"%s: %s is not a unicast %s source for the "
				"receiver's streams",
				ip, v->str, scn_af_name(af));
	for (size_t j = 0; j < i; j++)
		if (net_addr_eq(&r->sources[j], a))
			return scn_fail(c, v->loc, "%s: %s is listed twice", ip,
					v->str);
	return 0;
}

/*
 * mode / sources: the receiver's source filter. Sources need one family
 * across the streams and a version that carries them (igmpv3, mldv2, or
 * none for a static filter); INCLUDE needs at least one source.
 */
static int scn_load_rx_filter(struct scn_ctx *c, const struct scn_ynode *m,
			      const char *path, struct scn_receiver *r)
{
	const struct scn_ynode *mv = NULL, *sv = NULL;
	char kp[SCN_PATH_MAX];

	if (scn_get_scalar(c, m, path, "mode", "include or exclude", &mv))
		return -1;
	if (mv && strcmp(mv->str, "include") && strcmp(mv->str, "exclude")) {
		scn_path_key(kp, path, "mode");
		return scn_expected(c, mv, kp, "include or exclude");
	}
	r->include = mv && !strcmp(mv->str, "include");
	if (scn_get_seq(c, m, path, "sources", SCN_MAX_RX_SOURCES, &sv) != 0)
		return -1;
	scn_path_key(kp, path, "sources");
	if (sv && sv->n > 0) {
		for (size_t i = 1; i < r->nstreams; i++)
			if (c->spec->mcast[r->stream_idx[i]].group.af !=
			    c->spec->mcast[r->stream_idx[0]].group.af)
				return scn_fail(c, sv->loc,
						"%s: streams of both families "
						"cannot share a source list",
						kp);
		if (r->version == SCN_GMP_IGMPV1 ||
		    r->version == SCN_GMP_IGMPV2 || r->version == SCN_GMP_MLDV1)
			return scn_fail(c, sv->loc,
					"%s: this version cannot signal "
					"sources; use igmpv3 or mldv2",
					kp);
		r->sources = scn_calloc(c, sv->n, sizeof(*r->sources));
		if (r->sources == NULL)
			return -1;
		for (size_t i = 0; i < sv->n; i++) {
			r->nsources = i + 1;
			if (scn_load_rx_source(c, sv->kids[i], kp, i, r) != 0)
				return -1;
		}
	}
	if (r->include && r->nsources == 0)
		return scn_fail(c, mv->loc,
				"%s.mode: include needs a list of sources",
				path);
	return 0;
}

static int scn_load_rx_version(struct scn_ctx *c, const struct scn_ynode *m,
			       const char *path, struct scn_receiver *r)
{
	static const char what[] =
		"none, igmpv1, igmpv2, igmpv3, mldv1 or mldv2";
	const struct scn_ynode *v;
	const struct scn_mcast *s;
	char kp[SCN_PATH_MAX];
	size_t i, k;

	if (scn_get_scalar(c, m, path, "version", what, &v) != 0)
		return -1;
	if (v == NULL)
		return 0;
	scn_path_key(kp, path, "version");
	for (k = 0; k < sizeof(scn_versions) / sizeof(scn_versions[0]); k++)
		if (strcmp(v->str, scn_versions[k].name) == 0)
			break;
	if (k == sizeof(scn_versions) / sizeof(scn_versions[0]))
		return scn_expected(c, v, kp, what);
	r->version = scn_versions[k].v;
	if (scn_versions[k].af == NET_AF_NONE)
		return 0;
	for (i = 0; i < r->nstreams; i++) {
		s = &c->spec->mcast[r->stream_idx[i]];
		if (s->group.af != scn_versions[k].af)
			return scn_fail(
				c, v->loc,
				"%s: %s cannot join %s stream \"%s\"; "
				"use %s",
				kp, v->str, scn_af_name(s->group.af), s->name,
				s->group.af == NET_AF_IP4 ? "igmpv2 or igmpv3"
							  : "mldv1 or mldv2");
	}
	if (scn_rx_version_clash(c, v, kp, r) != 0)
		return -1;
	if (scn_versions[k].af == NET_AF_IP4 &&
	    !scn_host_has_af(&c->spec->nodes[r->host_idx], NET_AF_IP4))
		return scn_fail(c, v->loc,
				"%s: host \"%s\" has no IPv4 address to send "
				"IGMP reports from",
				kp, r->host);
	return 0;
}

static int scn_load_receiver(struct scn_ctx *c, const struct scn_ynode *m,
			     const char *path, struct scn_receiver *r)
{
	r->loc = m->loc;
	r->leave = SIM_TIME_NEVER;
	if (scn_check_map(c, m, path, scn_rx_keys, scn_rx_required, false) ||
	    scn_get_host(c, m, path, "host", &r->host, &r->host_idx) != 0 ||
	    scn_load_rx_streams(c, m, path, r) != 0 ||
	    scn_get_time(c, m, path, "join", &r->join) != 0 ||
	    scn_get_time(c, m, path, "leave", &r->leave) != 0)
		return -1;
	if (scn_ymap_get(m, "leave") != NULL && r->leave <= r->join)
		return scn_fail(c, scn_ymap_get(m, "leave")->loc,
				"%s.leave: must be later than join", path);
	if (scn_load_rx_version(c, m, path, r) != 0)
		return -1;
	return scn_load_rx_filter(c, m, path, r);
}

static int scn_load_receivers(struct scn_ctx *c, const struct scn_ynode *tr)
{
	struct scn_spec *s = c->spec;
	const struct scn_ynode *seq;
	char path[SCN_PATH_MAX];
	size_t i;

	if (scn_get_seq(c, tr, "traffic", "receivers", SCN_MAX_RECEIVERS,
			&seq) != 0)
		return -1;
	if (seq == NULL)
		return 0;
	s->receivers = scn_calloc(c, seq->n, sizeof(*s->receivers));
	if (s->receivers == NULL)
		return -1;
	for (i = 0; i < seq->n; i++) {
		s->nreceivers = i + 1;
		scn_path_idx(path, "traffic.receivers", i);
		if (scn_load_receiver(c, seq->kids[i], path,
				      &s->receivers[i]) != 0)
			return -1;
	}
	return 0;
}

int scn_load_traffic(struct scn_ctx *c, const struct scn_ynode *root)
{
	static const char *const keys[] = { "multicast", "receivers", "unicast",
					    NULL };
	const struct scn_ynode *tr = scn_ymap_get(root, "traffic"), *seq;
	struct scn_spec *s = c->spec;
	char path[SCN_PATH_MAX];
	size_t i;

	if (tr != NULL &&
	    scn_check_map(c, tr, "traffic", keys, NULL, true) != 0)
		return -1;
	if (scn_get_seq(c, tr, "traffic", "multicast", SCN_MAX_STREAMS, &seq))
		return -1;
	if (seq != NULL) {
		s->mcast = scn_calloc(c, seq->n, sizeof(*s->mcast));
		if (s->mcast == NULL)
			return -1;
		for (i = 0; i < seq->n; i++) {
			s->nmcast = i + 1;
			scn_path_idx(path, "traffic.multicast", i);
			if (scn_load_mcast(c, seq->kids[i], path,
					   &s->mcast[i]) != 0)
				return -1;
		}
	}
	if (scn_get_seq(c, tr, "traffic", "unicast", SCN_MAX_STREAMS, &seq))
		return -1;
	if (seq != NULL) {
		if (seq->n + s->nmcast > SCN_MAX_STREAMS)
			return scn_fail(c, seq->loc,
					"traffic: more than %d streams",
					SCN_MAX_STREAMS);
		s->unicast = scn_calloc(c, seq->n, sizeof(*s->unicast));
		if (s->unicast == NULL)
			return -1;
		for (i = 0; i < seq->n; i++) {
			s->nunicast = i + 1;
			scn_path_idx(path, "traffic.unicast", i);
			if (scn_load_unicast(c, seq->kids[i], path,
					     &s->unicast[i]) != 0)
				return -1;
		}
	}
	if (scn_index_streams(c) != 0)
		return -1;
	return scn_load_receivers(c, tr);
}
