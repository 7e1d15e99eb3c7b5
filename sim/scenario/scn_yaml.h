/*
 * A small document tree over libyaml's event parser, private to the
 * scenario loader. Each node keeps its 1-based file position so the schema
 * layer can name file:line:column in every message. The tree is checked
 * while it is built: one document only, no aliases, scalar mapping keys, no
 * duplicate keys, bounded depth and node count, no NUL in scalars.
 */
#ifndef SCN_YAML_H
#define SCN_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/scenario/scn_spec.h"

#define SCN_YAML_MAX_DEPTH 64
#define SCN_YAML_MAX_NODES (1u << 20)

enum scn_ytype {
	SCN_Y_SCALAR,
	SCN_Y_SEQ,
	SCN_Y_MAP,
};

enum scn_ystyle {
	SCN_YS_PLAIN,
	SCN_YS_SINGLE,	/* 'quoted' */
	SCN_YS_DOUBLE,	/* "quoted" */
	SCN_YS_LITERAL, /* | */
	SCN_YS_FOLDED,	/* > */
	SCN_YS_BLOCK,	/* a block collection */
	SCN_YS_FLOW,	/* a flow collection: [..] or {..} */
};

struct scn_ynode {
	enum scn_ytype type;
	enum scn_ystyle style;
	struct scn_loc loc; /* start */
	uint32_t end_line;  /* line of the end mark (1-based) */
	size_t offset;	    /* byte offset of the start mark in the text */
	char *str;	    /* scalar: NUL-terminated value */
	size_t len;	    /* scalar: length of str */
	/* SEQ: items; MAP: key at kids[2i], value at kids[2i+1]. */
	struct scn_ynode **kids;
	size_t n; /* number of kids */
	size_t cap;
	struct scn_ynode *all_next; /* every node of a tree, for freeing */
};

struct scn_ydoc {
	struct scn_ynode *root; /* NULL for an empty stream */
	struct scn_ynode *all;
	size_t nnodes;
};

/*
 * Parse text[0..len) into doc. On error returns -1 with "file:line:col:
 * message" in err (doc is then empty). file is the name used in messages.
 */
int scn_yaml_parse(const char *text, size_t len, const char *file,
		   struct scn_ydoc *doc, char *err, size_t errlen);
void scn_yaml_free(struct scn_ydoc *doc);

/* Number of key/value pairs of a mapping. */
static inline size_t scn_ymap_len(const struct scn_ynode *m)
{
	return m->n / 2;
}

static inline const struct scn_ynode *scn_ymap_key(const struct scn_ynode *m,
						   size_t i)
{
	return m->kids[2 * i];
}

static inline const struct scn_ynode *scn_ymap_val(const struct scn_ynode *m,
						   size_t i)
{
	return m->kids[2 * i + 1];
}

/* Value of key in mapping m, or NULL. */
const struct scn_ynode *scn_ymap_get(const struct scn_ynode *m,
				     const char *key);
/* The key node of key in m (for positions), or NULL. */
const struct scn_ynode *scn_ymap_get_key(const struct scn_ynode *m,
					 const char *key);

/* A plain empty, "~" or "null" scalar. */
bool scn_ynode_is_null(const struct scn_ynode *n);

#endif
