/*
 * Internals shared by the scenario loader's files: the load context (file
 * name, error buffer, the spec being filled, name indices), error
 * formatting, and the typed getters that turn a YAML node into a checked
 * value or a "file:line:col: path: expected ..., got ..." message.
 */
#ifndef SCN_INTERNAL_H
#define SCN_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/scenario/scn_spec.h"
#include "sim/scenario/scn_yaml.h"

#define SCN_PATH_MAX 192

/* A sorted name -> index table for reference checks while loading. */
struct scn_index_ent {
	const char *name;
	int idx;
};

struct scn_index {
	struct scn_index_ent *ents;
	size_t n;
};

struct scn_ctx {
	const char *file;
	const char *text; /* the whole file, for block indentation */
	size_t len;
	char *err;
	size_t errlen;
	struct scn_spec *spec;
	struct scn_index nodes;
	struct scn_index links;
	struct scn_index streams; /* >= 0: mcast[i]; <= -2: unicast[-i-2] */
	uint64_t total_groups;
};

/* "file:line:col: " + message into buf (line 0: no position). */
int scn_vferr(const char *file, struct scn_loc loc, char *buf, size_t len,
	      const char *fmt, va_list ap);
/* "file: message" (no position); returns -1. */
int scn_ferr(const char *file, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Record an error in c; always returns -1. */
int scn_fail(struct scn_ctx *c, struct scn_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Out of memory while loading; returns -1. */
int scn_oom(struct scn_ctx *c);
char *scn_strdup(struct scn_ctx *c, const char *s);
void *scn_calloc(struct scn_ctx *c, size_t n, size_t size);

/* Child paths: "links[2]", "links[2].rate" ("" parent gives "rate"). */
void scn_path_key(char *buf, const char *parent, const char *key);
void scn_path_idx(char *buf, const char *parent, size_t idx);

/* What a node is, for "got ...": "\"fast\"", "nothing", "a mapping". */
void scn_describe(const struct scn_ynode *n, char *buf, size_t len);
/* Fail with "path: expected <what>, got <describe(n)>". */
int scn_expected(struct scn_ctx *c, const struct scn_ynode *n, const char *path,
		 const char *what);

/*
 * n must be a mapping (a null value counts as an empty one when
 * null_ok; pass no required keys then). Every key must be in allowed
 * (NULL-terminated) and every one of required present. Returns 0 or -1.
 */
int scn_check_map(struct scn_ctx *c, const struct scn_ynode *n,
		  const char *path, const char *const *allowed,
		  const char *const *required, bool null_ok);
/*
 * Sequence value of key in map: *out is NULL when the key is absent or
 * null. Fails when the value is not a sequence or has more than max items.
 */
int scn_get_seq(struct scn_ctx *c, const struct scn_ynode *map,
		const char *path, const char *key, size_t max,
		const struct scn_ynode **out);

/*
 * Typed getters: key absent leaves *out unchanged and returns 0 (callers
 * preset defaults; required keys are checked by scn_check_map). A value of
 * the wrong shape fails with the expected form. path is the map's path.
 */
int scn_get_str(struct scn_ctx *c, const struct scn_ynode *map,
		const char *path, const char *key, size_t maxlen, char **out);
int scn_get_name(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, size_t maxlen, char **out);
int scn_get_time(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, sim_time_t *out);
int scn_get_uint(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, uint64_t min, uint64_t max,
		 uint64_t *out);
int scn_get_u32(struct scn_ctx *c, const struct scn_ynode *map,
		const char *path, const char *key, uint32_t min, uint32_t max,
		uint32_t *out);
int scn_get_rate(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, uint64_t *out);
int scn_get_pps(struct scn_ctx *c, const struct scn_ynode *map,
		const char *path, const char *key, uint32_t *out);
int scn_get_loss(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, uint32_t *out);
int scn_get_bool(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, bool *out);
/* An address of either family (callers check the family they need). */
int scn_get_addr(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, struct net_addr *out);
/*
 * Multi-line text that must keep its file lines: a literal block scalar
 * ("|") or a scalar on one line. *line is the file line of the first line.
 */
/* Indentation of the literal block whose "|" is at byte offset. */
uint32_t scn_block_indent(const struct scn_ctx *c, size_t offset);
int scn_get_text(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, size_t maxlen, char **out,
		 uint32_t *line, uint32_t *indent);
/* True when s holds only blanks (spaces, tabs, line ends). */
bool scn_blank(const char *s);
/* The scalar string of key's value; fails for a non-scalar. */
int scn_get_scalar(struct scn_ctx *c, const struct scn_ynode *map,
		   const char *path, const char *key, const char *what,
		   const struct scn_ynode **out);

/*
 * Name indices (scn_ref.c). Build sorts names[0..n) (ids[k] is what a
 * lookup returns) and fails on the first repeat in file order with
 * "<path>: duplicate <what> name ..."; pathfn writes the path of id.
 */
typedef void (*scn_path_fn)(char *buf, int id);
int scn_index_build(struct scn_ctx *c, struct scn_index *ix,
		    const char *const *names, const struct scn_loc *locs,
		    const int *ids, size_t n, const char *what,
		    scn_path_fn pathfn);
int scn_index_find(const struct scn_index *ix, const char *name);
void scn_index_free(struct scn_index *ix);

/* Schema sections (scn_load*.c). */
int scn_load_profiles(struct scn_ctx *c, const struct scn_ynode *root);
int scn_load_nodes(struct scn_ctx *c, const struct scn_ynode *root);
int scn_load_links(struct scn_ctx *c, const struct scn_ynode *root);
int scn_load_traffic(struct scn_ctx *c, const struct scn_ynode *root);
int scn_load_faults(struct scn_ctx *c, const struct scn_ynode *root);
int scn_load_captures(struct scn_ctx *c, const struct scn_ynode *root);
int scn_load_displays(struct scn_ctx *c, const struct scn_ynode *root);

/* Cross-reference checks (scn_ref.c). */
/*
 * Resolve a node name found at loc (path names the value) to an index;
 * kinds_mask has SCN_KIND_BIT(kind) for each accepted kind, kinds says so
 * in words ("a router or switch").
 */
int scn_ref_node(struct scn_ctx *c, struct scn_loc loc, const char *path,
		 const char *name, unsigned kinds_mask, const char *kinds,
		 int *idx);
/* No two host interfaces share a MAC, IPv4 or IPv6 address. */
int scn_ref_hosts_unique(struct scn_ctx *c);
/* No interface is the end of two links. */
int scn_ref_endpoints(struct scn_ctx *c);
/* True when a and b (same family) agree in their first len bits. */
bool scn_same_prefix(const struct net_addr *a, const struct net_addr *b,
		     unsigned len);

#define SCN_KIND_BIT(k) (1u << (k))

#endif
