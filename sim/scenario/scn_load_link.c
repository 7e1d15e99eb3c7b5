/*
 * The "links:" and "captures:" sections of a scenario. A link joins two
 * "node:interface" endpoints on different nodes with a rate, propagation
 * delay, loss and initial state; each interface ends at most one link, a
 * host endpoint must name one of the host's interfaces, and link names are
 * unique. A capture names a link and the pcap file it is written to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

#define SCN_CAPTURE_NAME_MAX 63

static const char *const scn_link_keys[] = {
	"name", "a", "b", "rate", "delay", "loss", "up", NULL,
};
static const char *const scn_link_required[] = { "a", "b", NULL };

static int scn_host_has_iface(const struct scn_node *n, const char *iface)
{
	size_t i;

	for (i = 0; i < n->host.nifaces; i++)
		if (strcmp(n->host.ifaces[i].name, iface) == 0)
			return 1;
	return 0;
}

static int scn_load_endpoint(struct scn_ctx *c, const struct scn_ynode *m,
			     const char *path, const char *key,
			     struct scn_endpoint *ep)
{
	static const char what[] =
		"\"node:interface\", like \"R1:GigabitEthernet0/1/0\"";
	char node[SCN_NAME_MAX + 1], iface[SCN_IFNAME_MAX + 1];
	char kp[SCN_PATH_MAX];
	const struct scn_ynode *v;
	const struct scn_node *n;

	if (scn_get_scalar(c, m, path, key, what, &v) != 0)
		return -1;
	scn_path_key(kp, path, key);
	if (scn_parse_endpoint(v->str, node, iface) != 0)
		return scn_expected(c, v, kp, what);
	ep->loc = v->loc;
	ep->node = scn_strdup(c, node);
	ep->iface = scn_strdup(c, iface);
	if (ep->node == NULL || ep->iface == NULL)
		return -1;
	if (scn_ref_node(c, v->loc, kp, node, ~0u, "a node", &ep->node_idx))
		return -1;
	n = &c->spec->nodes[ep->node_idx];
	if (n->kind == SCN_NODE_HOST && !scn_host_has_iface(n, iface))
		return scn_fail(c, v->loc,
				"%s: host \"%s\" has no interface \"%s\"", kp,
				node, iface);
	return 0;
}

static int scn_load_link(struct scn_ctx *c, const struct scn_ynode *m,
			 const char *path, struct scn_link *l)
{
	char kp[SCN_PATH_MAX];
	size_t len;

	l->loc = m->loc;
	l->rate_bps = 1000000000ull;
	l->delay = SIM_US(1);
	l->up = true;
	if (scn_check_map(c, m, path, scn_link_keys, scn_link_required,
			  false) != 0 ||
	    scn_get_name(c, m, path, "name", SCN_NAME_MAX, &l->name) != 0 ||
	    scn_load_endpoint(c, m, path, "a", &l->a) != 0 ||
	    scn_load_endpoint(c, m, path, "b", &l->b) != 0)
		return -1;
	if (l->a.node_idx == l->b.node_idx) {
		scn_path_key(kp, path, "b");
		return scn_fail(c, l->b.loc,
				"%s: both ends are on node \"%s\"; a link "
				"joins two nodes",
				kp, l->a.node);
	}
	if (scn_get_rate(c, m, path, "rate", &l->rate_bps) != 0 ||
	    scn_get_time(c, m, path, "delay", &l->delay) != 0 ||
	    scn_get_loss(c, m, path, "loss", &l->loss_ppb) != 0 ||
	    scn_get_bool(c, m, path, "up", &l->up) != 0)
		return -1;
	if (l->name != NULL)
		return 0;
	len = strlen(l->a.node) + strlen(l->a.iface) + strlen(l->b.node) +
	      strlen(l->b.iface) + 7;
	l->name = scn_calloc(c, len, 1);
	if (l->name == NULL)
		return -1;
	snprintf(l->name, len, "%s:%s--%s:%s", l->a.node, l->a.iface, l->b.node,
		 l->b.iface);
	return 0;
}

static void scn_link_path(char *buf, int id)
{
	snprintf(buf, SCN_PATH_MAX, "links[%d].name", id);
}

static int scn_index_links(struct scn_ctx *c)
{
	const struct scn_spec *s = c->spec;
	const char **names = scn_calloc(c, s->nlinks, sizeof(*names));
	struct scn_loc *locs = scn_calloc(c, s->nlinks, sizeof(*locs));
	int *ids = scn_calloc(c, s->nlinks, sizeof(*ids));
	size_t i;
	int r = -1;

	if (names != NULL && locs != NULL && ids != NULL) {
		for (i = 0; i < s->nlinks; i++) {
			names[i] = s->links[i].name;
			locs[i] = s->links[i].loc;
			ids[i] = (int)i;
		}
		r = scn_index_build(c, &c->links, names, locs, ids, s->nlinks,
				    "link", scn_link_path);
	}
	free(names);
	free(locs);
	free(ids);
	return r;
}

int scn_load_links(struct scn_ctx *c, const struct scn_ynode *root)
{
	struct scn_spec *s = c->spec;
	const struct scn_ynode *seq;
	char path[SCN_PATH_MAX];
	size_t i;

	if (scn_get_seq(c, root, "", "links", SCN_MAX_LINKS, &seq) != 0)
		return -1;
	if (seq != NULL) {
		s->links = scn_calloc(c, seq->n, sizeof(*s->links));
		if (s->links == NULL)
			return -1;
		for (i = 0; i < seq->n; i++) {
			s->nlinks = i + 1;
			scn_path_idx(path, "links", i);
			if (scn_load_link(c, seq->kids[i], path,
					  &s->links[i]) != 0)
				return -1;
		}
	}
	if (scn_ref_endpoints(c) != 0)
		return -1;
	return scn_index_links(c);
}

/* File-name-safe copy: characters outside [A-Za-z0-9_.-] become '_'. */
static char *scn_sanitize(struct scn_ctx *c, const char *s)
{
	char *d = scn_strdup(c, s), *p;

	for (p = d; p != NULL && *p != '\0'; p++) {
		char one[2] = { *p, '\0' };

		if (!scn_name_valid(one, 1))
			*p = '_';
	}
	return d;
}

static int scn_load_capture(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, struct scn_capture *cap)
{
	static const char *const keys[] = { "link", "name", NULL };
	static const char *const req[] = { "link", NULL };
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];

	cap->loc = m->loc;
	if (scn_check_map(c, m, path, keys, req, false) != 0 ||
	    scn_get_scalar(c, m, path, "link", "a link name", &v) != 0)
		return -1;
	cap->link = scn_strdup(c, v->str);
	if (cap->link == NULL)
		return -1;
	cap->link_idx = scn_index_find(&c->links, v->str);
	if (cap->link_idx == SCN_NONE) {
		scn_path_key(kp, path, "link");
		return scn_fail(c, v->loc, "%s: no link named \"%s\"", kp,
				v->str);
	}
	if (scn_get_name(c, m, path, "name", SCN_CAPTURE_NAME_MAX,
			 &cap->name) != 0)
		return -1;
	if (cap->name == NULL)
		cap->name = scn_sanitize(c, v->str);
	return cap->name != NULL ? 0 : -1;
}

static void scn_capture_path(char *buf, int id)
{
	snprintf(buf, SCN_PATH_MAX, "captures[%d]", id);
}

int scn_load_captures(struct scn_ctx *c, const struct scn_ynode *root)
{
	struct scn_spec *s = c->spec;
	const struct scn_ynode *seq;
	char path[SCN_PATH_MAX];
	const char *names[SCN_MAX_CAPTURES];
	struct scn_loc locs[SCN_MAX_CAPTURES];
	int ids[SCN_MAX_CAPTURES];
	struct scn_index ix = { 0 };
	size_t i;
	int r;

	if (scn_get_seq(c, root, "", "captures", SCN_MAX_CAPTURES, &seq) != 0)
		return -1;
	if (seq == NULL)
		return 0;
	s->captures = scn_calloc(c, seq->n, sizeof(*s->captures));
	if (s->captures == NULL)
		return -1;
	for (i = 0; i < seq->n; i++) {
		s->ncaptures = i + 1;
		scn_path_idx(path, "captures", i);
		if (scn_load_capture(c, seq->kids[i], path, &s->captures[i]) !=
		    0)
			return -1;
		names[i] = s->captures[i].name;
		locs[i] = s->captures[i].loc;
		ids[i] = (int)i;
	}
	r = scn_index_build(c, &ix, names, locs, ids, seq->n, "capture",
			    scn_capture_path);
	scn_index_free(&ix);
	return r;
}
