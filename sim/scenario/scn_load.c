/*
 * Scenario loader entry points and the top level of the schema: reading the
 * file (bounded), building the YAML tree, the top-level keys (name,
 * description, seed, duration), the ASIC timing profiles and the
 * measurement settings, then the sections in dependency order: profiles,
 * nodes, links, traffic, faults, captures, displays. The format is
 * documented in scenarios/README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

#define SCN_DESCRIPTION_MAX (64u << 10)

static const char *const scn_top_keys[] = {
	"name",	    "description", "seed",    "duration", "profiles",
	"nodes",    "links",	   "traffic", "faults",	  "captures",
	"displays", "measure",	   NULL,
};
static const char *const scn_top_required[] = { "name", "duration", "nodes",
						NULL };

static const char *const scn_profile_keys[] = {
	"pipeline_latency", "replication_latency",
	"punt_latency",	    "inject_latency",
	"cpu_pps",	    "cpu_queue",
	"fib_write",	    "mfib_write",
	"oif_write",	    "adj_write",
	"batch_overhead",   "link_detect",
	"egress_queue",	    NULL,
};

/* The time-valued profile parameters, by key. */
static sim_time_t *scn_profile_time(struct scn_profile *p, size_t k)
{
	sim_time_t *t[] = {
		&p->pipeline_latency,
		&p->replication_latency,
		&p->punt_latency,
		&p->inject_latency,
		NULL,
		NULL,
		&p->fib_write,
		&p->mfib_write,
		&p->oif_write,
		&p->adj_write,
		&p->batch_overhead,
		&p->link_detect,
		NULL,
	};
	return k < sizeof(t) / sizeof(t[0]) ? t[k] : NULL;
}

static int scn_load_profile(struct scn_ctx *c, const struct scn_ynode *key,
			    const struct scn_ynode *v, struct scn_profile *p)
{
	char path[SCN_PATH_MAX];
	size_t k;

	scn_path_key(path, "profiles", key->str);
	if (!scn_name_valid(key->str, SCN_NAME_MAX))
		return scn_fail(c, key->loc,
				"%s: profile names are 1 to %d characters "
				"from A-Z a-z 0-9 _ . -",
				path, SCN_NAME_MAX);
	scn_profile_defaults(p);
	p->loc = key->loc;
	p->name = scn_strdup(c, key->str);
	if (p->name == NULL)
		return -1;
	if (scn_check_map(c, v, path, scn_profile_keys, NULL, true) != 0)
		return -1;
	for (k = 0; scn_profile_keys[k] != NULL; k++) {
		sim_time_t *t = scn_profile_time(p, k);

		if (t != NULL &&
		    scn_get_time(c, v, path, scn_profile_keys[k], t) != 0)
			return -1;
	}
	if (scn_get_u32(c, v, path, "cpu_pps", 1, 100000000, &p->cpu_pps) ||
	    scn_get_u32(c, v, path, "cpu_queue", 1, 1000000, &p->cpu_queue) ||
	    scn_get_u32(c, v, path, "egress_queue", 1, 1000000,
			&p->egress_queue))
		return -1;
	return 0;
}

int scn_load_profiles(struct scn_ctx *c, const struct scn_ynode *root)
{
	const struct scn_ynode *m = scn_ymap_get(root, "profiles");
	struct scn_spec *s = c->spec;
	size_t i, n = 0;

	if (m != NULL && !scn_ynode_is_null(m)) {
		if (m->type != SCN_Y_MAP)
			return scn_expected(c, m, "profiles",
					    "a mapping of profile names to "
					    "parameters");
		n = scn_ymap_len(m);
		if (n > SCN_MAX_PROFILES)
			return scn_fail(c, m->loc,
					"profiles: more than %d profiles",
					SCN_MAX_PROFILES);
	}
	s->profiles = scn_calloc(c, n + 1, sizeof(*s->profiles));
	if (s->profiles == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		s->nprofiles = i + 1;
		if (scn_load_profile(c, scn_ymap_key(m, i), scn_ymap_val(m, i),
				     &s->profiles[i]) != 0)
			return -1;
	}
	if (scn_profile_find(s, "default") == SCN_NONE) {
		struct scn_profile *p = &s->profiles[s->nprofiles++];

		scn_profile_defaults(p);
		p->name = scn_strdup(c, "default");
		if (p->name == NULL)
			return -1;
	}
	return 0;
}

static int scn_load_measure(struct scn_ctx *c, const struct scn_ynode *root)
{
	static const char *const keys[] = { "gap_threshold", "settle", NULL };
	const struct scn_ynode *m = scn_ymap_get(root, "measure");
	struct scn_measure *ms = &c->spec->measure;

	ms->gap_threshold = 3;
	ms->settle = 0;
	if (m == NULL)
		return 0;
	ms->loc = m->loc;
	if (scn_check_map(c, m, "measure", keys, NULL, true) != 0)
		return -1;
	if (scn_get_u32(c, m, "measure", "gap_threshold", 1, 1000000,
			&ms->gap_threshold) != 0)
		return -1;
	return scn_get_time(c, m, "measure", "settle", &ms->settle);
}

static int scn_load_top(struct scn_ctx *c, const struct scn_ynode *root)
{
	struct scn_spec *s = c->spec;
	const struct scn_ynode *d;

	if (root == NULL)
		return scn_fail(c, (struct scn_loc){ 0, 0 },
				"empty scenario: expected a mapping with at "
				"least name, duration and nodes");
	if (scn_check_map(c, root, "", scn_top_keys, scn_top_required, false) !=
	    0)
		return -1;
	if (scn_get_name(c, root, "", "name", SCN_SCENARIO_NAME_MAX,
			 &s->name) != 0)
		return -1;
	if (scn_get_str(c, root, "", "description", SCN_DESCRIPTION_MAX,
			&s->description) != 0)
		return -1;
	s->seed = 1;
	if (scn_get_uint(c, root, "", "seed", 0, UINT64_MAX, &s->seed) != 0)
		return -1;
	if (scn_get_time(c, root, "", "duration", &s->duration) != 0)
		return -1;
	d = scn_ymap_get(root, "duration");
	if (s->duration <= 0)
		return scn_fail(c, d->loc, "duration: must be longer than 0");
	return 0;
}

static int scn_load_tree(struct scn_ctx *c, const struct scn_ynode *root)
{
	if (scn_load_top(c, root) != 0 || scn_load_profiles(c, root) != 0 ||
	    scn_load_nodes(c, root) != 0 || scn_load_links(c, root) != 0 ||
	    scn_load_traffic(c, root) != 0 || scn_load_faults(c, root) != 0 ||
	    scn_load_captures(c, root) != 0 ||
	    scn_load_displays(c, root) != 0 || scn_load_measure(c, root) != 0)
		return -1;
	return 0;
}

static int scn_load_buf(const char *text, size_t len, const char *name,
			struct scn_spec **out, char *err, size_t errlen)
{
	struct scn_ctx c = { .file = name,
			     .err = err,
			     .errlen = errlen,
			     .text = text,
			     .len = len };
	struct scn_ydoc doc;
	int r;

	*out = NULL;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (len > SCN_FILE_MAX)
		return scn_fail(&c, (struct scn_loc){ 0, 0 },
				"larger than %u bytes", SCN_FILE_MAX);
	c.spec = calloc(1, sizeof(*c.spec));
	if (c.spec == NULL)
		return scn_oom(&c);
	c.spec->file = scn_strdup(&c, name);
	if (c.spec->file == NULL) {
		scn_spec_free(c.spec);
		return -1;
	}
	if (scn_yaml_parse(text, len, name, &doc, err, errlen) != 0) {
		scn_spec_free(c.spec);
		return -1;
	}
	r = scn_load_tree(&c, doc.root);
	scn_yaml_free(&doc);
	scn_index_free(&c.nodes);
	scn_index_free(&c.links);
	scn_index_free(&c.streams);
	if (r != 0) {
		scn_spec_free(c.spec);
		return -1;
	}
	*out = c.spec;
	return 0;
}

int scn_load_string(const char *text, const char *name, struct scn_spec **out,
		    char *err, size_t errlen)
{
	if (name == NULL)
		name = "<string>";
	if (text == NULL) {
		*out = NULL;
		return scn_ferr(name, err, errlen, "no text");
	}
	return scn_load_buf(text, strlen(text), name, out, err, errlen);
}

/* Read all of f into a NUL-terminated buffer of at most SCN_FILE_MAX + 1. */
static char *scn_read_all(FILE *f, size_t *len)
{
	size_t cap = 1u << 16, n = 0, got;
	char *buf = malloc(cap + 1), *nb;

	while (buf != NULL) {
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap || cap > SCN_FILE_MAX) {
			if (ferror(f))
				break;
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		cap = cap * 2 > SCN_FILE_MAX ? SCN_FILE_MAX + 1 : cap * 2;
		nb = realloc(buf, cap + 1);
		if (nb == NULL)
			break;
		buf = nb;
	}
	free(buf);
	return NULL;
}

int scn_load_file(const char *path, struct scn_spec **out, char *err,
		  size_t errlen)
{
	FILE *f;
	char *buf;
	size_t n = 0;
	int r;

	*out = NULL;
	f = fopen(path, "rb");
	if (f == NULL)
		return scn_ferr(path, err, errlen, "cannot open: %s",
				strerror(errno));
	buf = scn_read_all(f, &n);
	if (buf == NULL)
		r = scn_ferr(path, err, errlen, "cannot read: %s",
			     ferror(f) ? strerror(errno) : "out of memory");
	else
		r = scn_load_buf(buf, n, path, out, err, errlen);
	fclose(f);
	free(buf);
	return r;
}
