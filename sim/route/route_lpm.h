/*
 * Longest-prefix-match table: maps IPv4 and IPv6 prefixes (struct
 * net_prefix) to caller values (void *). It is a path-compressed binary
 * trie (PATRICIA-style, as in RFC 1812 section 5.2.4.3's "longest match"
 * rule for route lookup): every node holds a full prefix, a node with a
 * value may sit anywhere on the path, and a node without a value ("glue")
 * always has two children. Each family has its own root, so an IPv4 and an
 * IPv6 prefix never meet. Lookups cost one node per distinguishing bit at
 * most (33 for IPv4, 129 for IPv6) and never allocate.
 *
 * Ordering: iteration visits prefixes by family (IPv4 first), then by
 * address, then by length (10.0.0.0/8 before 10.0.0.0/24 before
 * 10.1.0.0/16). A pre-order walk of the trie is exactly that order.
 *
 * The table owns its nodes; values belong to the caller (rt_lpm_free can
 * hand each one to a release function). No global state: tables are
 * independent. Not thread-safe; a walk must not modify the table (use the
 * rt_lpm_first/rt_lpm_next cursor for that).
 *
 * Used by the RIB (sim/route/route_rib.c) and by the ASIC FIB.
 */
#ifndef ROUTE_LPM_H
#define ROUTE_LPM_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/net/net_addr.h"

struct rt_lpm;

/* Visitor for rt_lpm_walk: return non-zero to stop the walk early. */
typedef int (*rt_lpm_walk_fn)(void *arg, const struct net_prefix *p,
			      void *value);
/* Predicate for rt_lpm_match_filter: true if this entry may answer. */
typedef bool (*rt_lpm_pred_fn)(void *arg, const struct net_prefix *p,
			       void *value);
/* Release function for the values left in a table being freed. */
typedef void (*rt_lpm_free_fn)(void *arg, void *value);

/* An empty table; NULL when out of memory. */
struct rt_lpm *rt_lpm_new(void);
/* Free every node; call release(arg, value) for each value if non-NULL. */
void rt_lpm_free(struct rt_lpm *t, rt_lpm_free_fn release, void *arg);

/*
 * Whether p is usable as a key: family IPv4 or IPv6, length within the
 * family (0..32, 0..128) and every bit past the length zero (also the
 * unused bytes of an IPv4 address).
 */
bool rt_lpm_prefix_valid(const struct net_prefix *p);

/*
 * Insert or replace the value of p. A NULL value is allowed and is a real
 * value (lookups return it with found=true). *old (if old != NULL) gets the
 * replaced value, or NULL when p was absent. Returns 0, -EINVAL for an
 * invalid prefix, -ENOMEM (table unchanged).
 */
int rt_lpm_insert(struct rt_lpm *t, const struct net_prefix *p, void *value,
		  void **old);
/* Remove p. *value (if non-NULL) gets its value. 0 or -ENOENT/-EINVAL. */
int rt_lpm_remove(struct rt_lpm *t, const struct net_prefix *p, void **value);

/* Exact lookup. Returns true and sets *value (if non-NULL) when present. */
bool rt_lpm_get(const struct rt_lpm *t, const struct net_prefix *p,
		void **value);

/*
 * Longest match for address a (IPv4 or IPv6). Returns true when some stored
 * prefix covers a; *match (if non-NULL) gets that prefix and *value (if
 * non-NULL) its value.
 */
bool rt_lpm_match(const struct rt_lpm *t, const struct net_addr *a,
		  struct net_prefix *match, void **value);
/*
 * Like rt_lpm_match, but only entries for which pred(arg, prefix, value)
 * is true count: the answer is the longest covering prefix that passes.
 */
bool rt_lpm_match_filter(const struct rt_lpm *t, const struct net_addr *a,
			 rt_lpm_pred_fn pred, void *arg,
			 struct net_prefix *match, void **value);

/* Number of stored prefixes of one family, or of both for NET_AF_NONE. */
size_t rt_lpm_count(const struct rt_lpm *t, enum net_af af);

/*
 * Trie nodes allocated, glue included. The trie never holds more than
 * 2 * count - 1 nodes per family; an empty table holds none.
 */
size_t rt_lpm_node_count(const struct rt_lpm *t);

/*
 * Visit the prefixes of one family (or both, IPv4 first, for NET_AF_NONE)
 * in order. Returns the non-zero value that stopped the walk, or 0. The
 * visitor must not insert into or remove from the table.
 */
int rt_lpm_walk(const struct rt_lpm *t, enum net_af af, rt_lpm_walk_fn fn,
		void *arg);

/*
 * Visit, in order, the stored prefixes that lie inside p (p included):
 * e.g. under 10.0.0.0/8 both 10.0.0.0/8 and 10.1.2.3/32, not 0.0.0.0/0.
 * Same rules as rt_lpm_walk; an invalid p visits nothing.
 */
int rt_lpm_walk_under(const struct rt_lpm *t, const struct net_prefix *p,
		      rt_lpm_walk_fn fn, void *arg);

/*
 * Cursor iteration that tolerates changes between calls: rt_lpm_first
 * gives the smallest prefix of family af (both families for NET_AF_NONE),
 * rt_lpm_next the smallest prefix strictly after *after (which need not be
 * in the table) within af. Both return false at the end.
 */
bool rt_lpm_first(const struct rt_lpm *t, enum net_af af,
		  struct net_prefix *out, void **value);
bool rt_lpm_next(const struct rt_lpm *t, enum net_af af,
		 const struct net_prefix *after, struct net_prefix *out,
		 void **value);

/* Total order used by the table: family, then address, then length. */
int rt_prefix_cmp(const struct net_prefix *a, const struct net_prefix *b);

#endif
