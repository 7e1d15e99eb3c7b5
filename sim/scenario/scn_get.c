/*
 * The scenario loader's error reporting and typed getters. Each getter reads
 * one key of a YAML mapping and either stores a checked value or fails with
 * one line naming the file position of the value, its path in the document
 * ("links[2].rate") and the expected form, quoting what was found. Mapping
 * shape checks (unknown keys with the list of allowed ones, missing required
 * keys) live here too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

#define SCN_GOT_MAX 40 /* characters of a bad value quoted in a message */

int scn_fail(struct scn_ctx *c, struct scn_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scn_vferr(c->file, loc, c->err, c->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int scn_oom(struct scn_ctx *c)
{
	return scn_fail(c, (struct scn_loc){ 0, 0 }, "out of memory");
}

char *scn_strdup(struct scn_ctx *c, const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		scn_oom(c);
	return d;
}

void *scn_calloc(struct scn_ctx *c, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		scn_oom(c);
	return p;
}

void scn_path_key(char *buf, const char *parent, const char *key)
{
	if (parent[0] == '\0')
		snprintf(buf, SCN_PATH_MAX, "%s", key);
	else
		snprintf(buf, SCN_PATH_MAX, "%s.%s", parent, key);
}

void scn_path_idx(char *buf, const char *parent, size_t idx)
{
	snprintf(buf, SCN_PATH_MAX, "%s[%zu]", parent, idx);
}

static const char *scn_pname(const char *path)
{
	return path[0] != '\0' ? path : "scenario";
}

void scn_describe(const struct scn_ynode *n, char *buf, size_t len)
{
	size_t i, o = 0;

	if (n == NULL || (n->type == SCN_Y_SCALAR && n->len == 0 &&
			  n->style == SCN_YS_PLAIN)) {
		snprintf(buf, len, "nothing");
		return;
	}
	if (n->type != SCN_Y_SCALAR) {
		snprintf(buf, len, "%s%s", n->n == 0 ? "an empty " : "a ",
			 n->type == SCN_Y_MAP ? "mapping" : "list");
		return;
	}
	if (len < 8)
		return;
	buf[o++] = '"';
	for (i = 0; i < n->len && i < SCN_GOT_MAX && o + 6 < len; i++) {
		unsigned char ch = (unsigned char)n->str[i];

		if (ch == '"' || ch == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)ch;
		} else if (ch < ' ' || ch == 0x7f) {
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", ch);
		} else {
			buf[o++] = (char)ch;
		}
	}
	buf[o++] = '"';
	if (i < n->len && o + 4 < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
}

int scn_expected(struct scn_ctx *c, const struct scn_ynode *n, const char *path,
		 const char *what)
{
	char got[3 * SCN_GOT_MAX];

	scn_describe(n, got, sizeof(got));
	return scn_fail(c, n->loc, "%s: expected %s, got %s", path, what, got);
}

static bool scn_in_list(const char *const *list, const char *s)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static int scn_unknown_key(struct scn_ctx *c, const struct scn_ynode *k,
			   const char *path, const char *const *allowed)
{
	char kp[SCN_PATH_MAX], list[512];
	size_t o = 0;

	list[0] = '\0';
	for (; allowed != NULL && *allowed != NULL; allowed++) {
		int n = snprintf(list + o, sizeof(list) - o, "%s%s",
				 o ? ", " : "", *allowed);

		if (n < 0 || (size_t)n >= sizeof(list) - o)
			break;
		o += (size_t)n;
	}
	scn_path_key(kp, path, k->str);
	return scn_fail(c, k->loc, "%s: unknown key (allowed: %s)", kp, list);
}

int scn_check_map(struct scn_ctx *c, const struct scn_ynode *n,
		  const char *path, const char *const *allowed,
		  const char *const *required, bool null_ok)
{
	size_t i;

	if (null_ok && scn_ynode_is_null(n))
		return 0;
	if (n->type != SCN_Y_MAP)
		return scn_expected(c, n, scn_pname(path), "a mapping");
	for (i = 0; i < scn_ymap_len(n); i++)
		if (!scn_in_list(allowed, scn_ymap_key(n, i)->str))
			return scn_unknown_key(c, scn_ymap_key(n, i), path,
					       allowed);
	for (; required != NULL && *required != NULL; required++)
		if (scn_ymap_get(n, *required) == NULL)
			return scn_fail(c, n->loc,
					"%s: missing required key \"%s\"",
					scn_pname(path), *required);
	return 0;
}

int scn_get_seq(struct scn_ctx *c, const struct scn_ynode *map,
		const char *path, const char *key, size_t max,
		const struct scn_ynode **out)
{
	const struct scn_ynode *v = scn_ymap_get(map, key);
	char kp[SCN_PATH_MAX];

	*out = NULL;
	if (v == NULL || scn_ynode_is_null(v))
		return 0;
	scn_path_key(kp, path, key);
	if (v->type != SCN_Y_SEQ)
		return scn_expected(c, v, kp, "a list");
	if (v->n > max)
		return scn_fail(c, v->loc, "%s: more than %zu items", kp, max);
	*out = v;
	return 0;
}

int scn_get_scalar(struct scn_ctx *c, const struct scn_ynode *map,
		   const char *path, const char *key, const char *what,
		   const struct scn_ynode **out)
{
	const struct scn_ynode *v = scn_ymap_get(map, key);
	char kp[SCN_PATH_MAX];

	*out = NULL;
	if (v == NULL)
		return 0;
	if (v->type != SCN_Y_SCALAR ||
	    (v->len == 0 && v->style == SCN_YS_PLAIN)) {
		scn_path_key(kp, path, key);
		return scn_expected(c, v, kp, what);
	}
	*out = v;
	return 0;
}

int scn_get_str(struct scn_ctx *c, const struct scn_ynode *map,
		const char *path, const char *key, size_t maxlen, char **out)
{
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];

	if (scn_get_scalar(c, map, path, key, "text", &v) != 0)
		return -1;
	if (v == NULL)
		return 0;
	if (v->len > maxlen) {
		scn_path_key(kp, path, key);
		return scn_fail(c, v->loc, "%s: longer than %zu characters", kp,
				maxlen);
	}
	free(*out);
	*out = scn_strdup(c, v->str);
	return *out != NULL ? 0 : -1;
}

int scn_get_name(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, size_t maxlen, char **out)
{
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX], what[96];

	snprintf(what, sizeof(what),
		 "a name of 1 to %zu characters from A-Z a-z 0-9 _ . -",
		 maxlen);
	if (scn_get_scalar(c, map, path, key, what, &v) != 0)
		return -1;
	if (v == NULL)
		return 0;
	if (!scn_name_valid(v->str, maxlen)) {
		scn_path_key(kp, path, key);
		return scn_expected(c, v, kp, what);
	}
	free(*out);
	*out = scn_strdup(c, v->str);
	return *out != NULL ? 0 : -1;
}

int scn_get_time(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, sim_time_t *out)
{
	static const char what[] =
		"a time like \"10ms\", \"1.5s\" or \"250us\"";
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];
	sim_time_t t;

	if (scn_get_scalar(c, map, path, key, what, &v) != 0)
		return -1;
	if (v == NULL)
		return 0;
	if (sim_time_parse(v->str, &t) != 0 || t < 0) {
		scn_path_key(kp, path, key);
		return scn_expected(c, v, kp, what);
	}
	*out = t;
	return 0;
}

int scn_get_uint(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, uint64_t min, uint64_t max,
		 uint64_t *out)
{
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX], what[80];
	uint64_t x;

	if (min == 0 && max == UINT64_MAX)
		snprintf(what, sizeof(what), "a non-negative integer");
	else
		snprintf(what, sizeof(what), "an integer from %llu to %llu",
			 (unsigned long long)min, (unsigned long long)max);
	if (scn_get_scalar(c, map, path, key, what, &v) != 0)
		return -1;
	if (v == NULL)
		return 0;
	if (scn_parse_uint(v->str, max, &x) != 0 || x < min) {
		scn_path_key(kp, path, key);
		return scn_expected(c, v, kp, what);
	}
	*out = x;
	return 0;
}

int scn_get_u32(struct scn_ctx *c, const struct scn_ynode *map,
		const char *path, const char *key, uint32_t min, uint32_t max,
		uint32_t *out)
{
	uint64_t x = *out;

	if (scn_get_uint(c, map, path, key, min, max, &x) != 0)
		return -1;
	*out = (uint32_t)x;
	return 0;
}

/* Shared shape of the getters that wrap a string parser. */
#define SCN_GETTER(fn, type, parse, what_text)                                 \
	int fn(struct scn_ctx *c, const struct scn_ynode *map,                 \
	       const char *path, const char *key, type *out)                   \
	{                                                                      \
		static const char what[] = what_text;                          \
		const struct scn_ynode *v;                                     \
		char kp[SCN_PATH_MAX];                                         \
		type x;                                                        \
                                                                               \
		if (scn_get_scalar(c, map, path, key, what, &v) != 0)          \
			return -1;                                             \
		if (v == NULL)                                                 \
			return 0;                                              \
		if (parse(v->str, &x) != 0) {                                  \
			scn_path_key(kp, path, key);                           \
			return scn_expected(c, v, kp, what);                   \
		}                                                              \
		*out = x;                                                      \
		return 0;                                                      \
	}

SCN_GETTER(scn_get_rate, uint64_t, scn_parse_rate,
	   "a rate like \"1G\", \"100M\" or \"10000000\"")
SCN_GETTER(scn_get_pps, uint32_t, scn_parse_pps,
	   "a packet rate like \"100\" or \"100pps\" (1 to 10000000)")
SCN_GETTER(scn_get_loss, uint32_t, scn_parse_loss,
	   "a loss like \"0.01\" (a fraction from 0 to 1) or \"1%\"")
SCN_GETTER(scn_get_bool, bool, scn_parse_bool, "true or false")
SCN_GETTER(scn_get_addr, struct net_addr, net_addr_parse,
	   "an IPv4 or IPv6 address")

bool scn_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

int scn_get_text(struct scn_ctx *c, const struct scn_ynode *map,
		 const char *path, const char *key, size_t maxlen, char **out,
		 uint32_t *line, uint32_t *indent)
{
	const struct scn_ynode *v = scn_ymap_get(map, key);
	char kp[SCN_PATH_MAX], what[96];

	if (v == NULL)
		return 0;
	scn_path_key(kp, path, key);
	snprintf(what, sizeof(what),
		 "a literal block (\"%s: |\") or text on one line", key);
	if (v->type != SCN_Y_SCALAR ||
	    (v->style != SCN_YS_LITERAL &&
	     (v->end_line != v->loc.line || memchr(v->str, '\n', v->len))))
		return scn_expected(c, v, kp, what);
	if (v->len > maxlen)
		return scn_fail(c, v->loc, "%s: longer than %zu bytes", kp,
				maxlen);
	free(*out);
	*out = scn_strdup(c, v->str);
	if (*out == NULL)
		return -1;
	/* A literal block's text starts on the line after the "|". */
	*line = v->style == SCN_YS_LITERAL ? v->loc.line + 1 : v->loc.line;
	if (indent)
		*indent = v->style == SCN_YS_LITERAL
				  ? scn_block_indent(c, v->offset)
				  : 0;
	return 0;
}

/*
 * Indentation of a literal block scalar whose "|" indicator is at byte
 * `offset` of the file: the leading spaces of its first non-blank content
 * line (YAML 1.1 section 9.2.2, auto-detected indentation). 0 if the file
 * text is not at hand.
 */
uint32_t scn_block_indent(const struct scn_ctx *c, size_t offset)
{
	const char *p, *end;

	if (!c->text || offset >= c->len)
		return 0;
	p = c->text + offset;
	end = c->text + c->len;
	p = memchr(p, '\n', (size_t)(end - p));
	if (!p)
		return 0;
	p++; /* the content starts on the next line */
	while (p < end) {
		uint32_t n = 0;

		while (p + n < end && p[n] == ' ')
			n++;
		if (p + n < end && p[n] != '\n' && p[n] != '\r')
			return n;
		p += n;
		if (p < end)
			p++; /* a blank line: look at the next */
	}
	return 0;
}
