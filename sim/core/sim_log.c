/*
 * The structured event log: builds one JSON object per record into the
 * record's fixed buffer (never allocating), escaping keys and strings as
 * RFC 8259 section 7 requires (quote, reverse solidus and control
 * characters; invalid UTF-8 replaced by U+FFFD so every line is valid JSON),
 * then writes it as one line and hands it to the taps. A record that would
 * overflow its buffer keeps its fields that fit and is closed with
 * "truncated":true. sim_log_field is the taps' way back in: a small
 * bounds-checked parser that finds a top-level key of a finished record.
 */
#include "sim/core/sim_log.h"

#include <errno.h>
#include <string.h>

#define SIM_LOG_TRUNC_TAIL ",\"truncated\":true"
/* Bytes a record may use before its tail, the closing brace and the NUL. */
#define SIM_LOG_BODY_MAX    (SIM_LOG_REC_MAX - sizeof(SIM_LOG_TRUNC_TAIL) - 1)
#define SIM_LOG_HDR_STR_MAX 256

void sim_log_init(struct sim_log *log, FILE *out)
{
	memset(log, 0, sizeof(*log));
	log->out = out;
}

int sim_log_add_tap(struct sim_log *log, sim_log_tap_fn fn, void *arg)
{
	if (fn == NULL || log->ntaps >= SIM_LOG_MAX_TAPS)
		return -1;
	log->taps[log->ntaps].fn = fn;
	log->taps[log->ntaps].arg = arg;
	log->ntaps++;
	return 0;
}

static bool sim_log_put(struct sim_log_rec *r, const char *s, size_t n)
{
	if (n > SIM_LOG_BODY_MAX - r->len)
		return false;
	memcpy(r->json + r->len, s, n);
	r->len += n;
	return true;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629 table), 0 if invalid. */
static size_t sim_utf8_seq(const unsigned char *p)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
		return p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 ? 3
									 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
		return p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 &&
				       (p[3] & 0xc0) == 0x80
			       ? 4
			       : 0;
	}
	return 0;
}

/*
 * The JSON text standing for the input character at p (RFC 8259 section 7):
 * returns it and its length, and sets *used to the input bytes it covers.
 */
static const char *sim_json_esc(const unsigned char *p, char esc[8],
				size_t *len, size_t *used)
{
	static const char hex[] = "0123456789abcdef";
	const char *named = NULL;

	*used = 1;
	*len = 2;
	switch (*p) {
	case '"':
		named = "\\\"";
		break;
	case '\\':
		named = "\\\\";
		break;
	case '\n':
		named = "\\n";
		break;
	case '\r':
		named = "\\r";
		break;
	case '\t':
		named = "\\t";
		break;
	case '\b':
		named = "\\b";
		break;
	case '\f':
		named = "\\f";
		break;
	}
	if (named != NULL)
		return named;
	*len = 6;
	if (*p < 0x20) {
		memcpy(esc, "\\u00", 4);
		esc[4] = hex[*p >> 4];
		esc[5] = hex[*p & 15];
		return esc;
	}
	*used = sim_utf8_seq(p);
	if (*used == 0) {
		*used = 1; /* one invalid byte, one replacement character */
		return "\\ufffd";
	}
	*len = *used; /* valid UTF-8 (ASCII included) is copied as is */
	return (const char *)p;
}

/* A JSON string (quotes included), or null for NULL. */
static bool sim_log_put_str(struct sim_log_rec *r, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[8];
	size_t len, used;

	if (s == NULL)
		return sim_log_put(r, "null", 4);
	if (!sim_log_put(r, "\"", 1))
		return false;
	while (*p != '\0') {
		const char *out = sim_json_esc(p, esc, &len, &used);

		if (!sim_log_put(r, out, len))
			return false;
		p += used;
	}
	return sim_log_put(r, "\"", 1);
}

static bool sim_log_put_u64(struct sim_log_rec *r, uint64_t v, bool neg)
{
	char d[24];
	size_t i = sizeof(d);

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (neg)
		d[--i] = '-';
	return sim_log_put(r, d + i, sizeof(d) - i);
}

static bool sim_log_put_i64(struct sim_log_rec *r, int64_t v)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	return sim_log_put_u64(r, a, v < 0);
}

/* ,"key": -- or nothing at all when the record is inactive or full. */
static bool sim_log_key(struct sim_log_rec *r, const char *key, size_t *mark)
{
	if (!r->active || r->overflow)
		return false;
	*mark = r->len;
	if (sim_log_put(r, ",", 1) && sim_log_put_str(r, key) &&
	    sim_log_put(r, ":", 1))
		return true;
	r->len = *mark;
	r->overflow = true;
	return false;
}

static void sim_log_done(struct sim_log_rec *r, size_t mark, bool ok)
{
	if (!ok) {
		r->len = mark; /* drop the field that did not fit */
		r->overflow = true;
	}
}

/* A header string, or "" if it is unreasonably long. */
static void sim_log_put_hdr(struct sim_log_rec *r, const char *key,
			    const char *val)
{
	size_t mark;

	sim_log_put(r, key, strlen(key));
	mark = r->len;
	if (!sim_log_put_str(r, val) || r->len - mark > SIM_LOG_HDR_STR_MAX) {
		r->len = mark;
		r->overflow = true;
		sim_log_put(r, "\"\"", 2);
	}
}

void sim_log_begin(struct sim_log_rec *r, struct sim_log *log, sim_time_t t,
		   const char *node, const char *module, const char *event)
{
	r->log = log;
	r->t = t;
	r->node = node;
	r->module = module;
	r->event = event;
	r->overflow = false;
	r->len = 0;
	r->active = log != NULL && (log->out != NULL || log->ntaps > 0);
	if (!r->active) {
		r->json[0] = '\0';
		return;
	}
	/* Always fits: three header strings of at most 256 bytes each. */
	sim_log_put(r, "{\"t\":", 5);
	sim_log_put_i64(r, t);
	sim_log_put_hdr(r, ",\"node\":", node);
	sim_log_put_hdr(r, ",\"module\":", module);
	sim_log_put_hdr(r, ",\"event\":", event);
}

void sim_log_str(struct sim_log_rec *r, const char *key, const char *val)
{
	size_t mark;

	if (sim_log_key(r, key, &mark))
		sim_log_done(r, mark, sim_log_put_str(r, val));
}

void sim_log_int(struct sim_log_rec *r, const char *key, int64_t val)
{
	size_t mark;

	if (sim_log_key(r, key, &mark))
		sim_log_done(r, mark, sim_log_put_i64(r, val));
}

void sim_log_uint(struct sim_log_rec *r, const char *key, uint64_t val)
{
	size_t mark;

	if (sim_log_key(r, key, &mark))
		sim_log_done(r, mark, sim_log_put_u64(r, val, false));
}

void sim_log_bool(struct sim_log_rec *r, const char *key, bool val)
{
	size_t mark;

	if (sim_log_key(r, key, &mark))
		sim_log_done(r, mark,
			     val ? sim_log_put(r, "true", 4)
				 : sim_log_put(r, "false", 5));
}

void sim_log_time(struct sim_log_rec *r, const char *key, sim_time_t val)
{
	sim_log_int(r, key, val);
}

void sim_log_end(struct sim_log_rec *r)
{
	struct sim_log *log = r->log;
	int i;

	if (!r->active)
		return;
	r->active = false; /* later field calls are no-ops */
	if (r->overflow) {
		/* The tail was reserved by SIM_LOG_BODY_MAX: it always fits. */
		memcpy(r->json + r->len, SIM_LOG_TRUNC_TAIL,
		       sizeof(SIM_LOG_TRUNC_TAIL) - 1);
		r->len += sizeof(SIM_LOG_TRUNC_TAIL) - 1;
		log->truncated++;
	}
	r->json[r->len++] = '}';
	r->json[r->len] = '\0';
	log->records++;
	if (log->out != NULL) {
		errno = 0;
		if ((fwrite(r->json, 1, r->len, log->out) != r->len ||
		     fputc('\n', log->out) == EOF) &&
		    log->err == 0)
			log->err = errno != 0 ? errno : EIO;
	}
	for (i = 0; i < log->ntaps; i++)
		log->taps[i].fn(log->taps[i].arg, r);
}

/*
 * Reading a finished record back (sim_log_field). The scanner works on
 * json[0..len) with explicit bounds and accepts any RFC 8259 object, not
 * only the ones this file writes.
 */
struct sim_json_cur {
	const char *p, *end;
};

/* Where unescaped string bytes go: a bounded copy, or a comparison. */
struct sim_json_sink {
	char *out;	 /* copy target (may be NULL) */
	size_t cap;	 /* bytes out holds, NUL included */
	size_t n;	 /* bytes produced so far */
	const char *cmp; /* compare against this NUL-terminated text instead */
	bool eq;	 /* comparison still matching */
	bool full;	 /* the copy has been cut */
};

static void sim_json_emit(struct sim_json_sink *k, const char *b, size_t n)
{
	size_t i;

	if (k->cmp != NULL) {
		for (i = 0; i < n && k->eq; i++)
			if (k->cmp[k->n + i] == '\0' ||
			    k->cmp[k->n + i] != b[i])
				k->eq = false;
	} else if (!k->full && k->out != NULL && k->n + n < k->cap) {
		memcpy(k->out + k->n, b, n);
	} else {
		k->full =
			true; /* whole sequences only: stop at the first cut */
		return;
	}
	k->n += n;
}

static void sim_json_emit_cp(struct sim_json_sink *k, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		sim_json_emit(k, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		sim_json_emit(k, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		sim_json_emit(k, b, 3);
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		sim_json_emit(k, b, 4);
	}
}

static bool sim_json_hex4(struct sim_json_cur *c, uint32_t *v)
{
	int i;

	if (c->end - c->p < 4)
		return false;
	*v = 0;
	for (i = 0; i < 4; i++) {
		char h = *c->p++;

		*v <<= 4;
		if (h >= '0' && h <= '9')
			*v |= (uint32_t)(h - '0');
		else if (h >= 'a' && h <= 'f')
			*v |= (uint32_t)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			*v |= (uint32_t)(h - 'A' + 10);
		else
			return false;
	}
	return true;
}

/* \uXXXX after the backslash-u, surrogate pairs joined, lone ones U+FFFD. */
static bool sim_json_unicode(struct sim_json_cur *c, struct sim_json_sink *k)
{
	uint32_t cp, lo;

	if (!sim_json_hex4(c, &cp))
		return false;
	if (cp >= 0xd800 && cp <= 0xdbff && c->end - c->p >= 6 &&
	    c->p[0] == '\\' && c->p[1] == 'u') {
		struct sim_json_cur save = *c;

		c->p += 2;
		if (sim_json_hex4(c, &lo) && lo >= 0xdc00 && lo <= 0xdfff)
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		else
			*c = save;
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		cp = 0xfffd;
	sim_json_emit_cp(k, cp);
	return true;
}

/* A string starting at the opening quote; leaves c after the closing one. */
static bool sim_json_string(struct sim_json_cur *c, struct sim_json_sink *k)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

	if (c->p >= c->end || *c->p != '"')
		return false;
	c->p++;
	while (c->p < c->end && *c->p != '"') {
		const char *e;

		if (*c->p != '\\') {
			/* A whole UTF-8 sequence at a time: never cut inside.
			 */
			unsigned char b = (unsigned char)*c->p;
			size_t n = b >= 0xf0   ? 4
				   : b >= 0xe0 ? 3
				   : b >= 0xc0 ? 2
					       : 1;

			if (n > (size_t)(c->end - c->p))
				n = (size_t)(c->end - c->p);
			sim_json_emit(k, c->p, n);
			c->p += n;
			continue;
		}
		if (++c->p >= c->end)
			return false;
		if (*c->p == 'u') {
			c->p++;
			if (!sim_json_unicode(c, k))
				return false;
			continue;
		}
		e = memchr(from, *c->p, sizeof(from) - 1);
		if (e == NULL)
			return false;
		sim_json_emit(k, &to[e - from], 1);
		c->p++;
	}
	if (c->p >= c->end)
		return false;
	c->p++;
	return true;
}

static void sim_json_ws(struct sim_json_cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' ||
				 *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

/*
 * A non-string value: a scalar token, or a nested object/array whose
 * brackets must match (one bit per level: 1 for '{', up to 64 levels).
 */
static bool sim_json_raw(struct sim_json_cur *c)
{
	struct sim_json_sink skip = { 0 };
	uint64_t braces = 0;
	int depth = 0;

	while (c->p < c->end) {
		char ch = *c->p;

		if (ch == '"') {
			if (depth == 0 || !sim_json_string(c, &skip))
				return false;
			continue;
		}
		if (ch == '{' || ch == '[') {
			if (depth == 64)
				return false;
			braces = braces << 1 | (ch == '{');
			depth++;
		} else if (ch == '}' || ch == ']') {
			if (depth == 0)
				break;
			if ((braces & 1) != (ch == '}'))
				return false;
			braces >>= 1;
			depth--;
		} else if (depth == 0 &&
			   (ch == ',' || ch == ' ' || ch == '\t' ||
			    ch == '\n' || ch == '\r')) {
			break;
		}
		c->p++;
	}
	return depth == 0;
}

bool sim_log_field(const struct sim_log_rec *r, const char *key, char *buf,
		   size_t len)
{
	size_t n = r->len < SIM_LOG_REC_MAX ? r->len : SIM_LOG_REC_MAX;
	struct sim_json_cur c = { r->json, r->json + n };

	if (buf != NULL && len > 0)
		buf[0] = '\0';
	sim_json_ws(&c);
	if (key == NULL || c.p >= c.end || *c.p++ != '{')
		return false;
	for (;;) {
		struct sim_json_sink kk = { .cmp = key, .eq = true };
		struct sim_json_sink val = { .out = buf, .cap = len };
		const char *v;
		bool hit;

		sim_json_ws(&c);
		if (!sim_json_string(&c, &kk))
			return false;
		hit = kk.eq && key[kk.n] == '\0';
		sim_json_ws(&c);
		if (c.p >= c.end || *c.p++ != ':')
			return false;
		sim_json_ws(&c);
		if (c.p < c.end && *c.p == '"') {
			if (!hit) {
				val.out = NULL;
				val.cap = 0;
			}
			if (!sim_json_string(&c, &val))
				return false;
		} else {
			v = c.p;
			if (!sim_json_raw(&c) || c.p == v)
				return false;
			for (; hit && v < c.p; v++)
				sim_json_emit(&val, v, 1);
		}
		if (hit) {
			if (val.out != NULL && val.cap > 0)
				val.out[val.n] = '\0';
			return true;
		}
		sim_json_ws(&c);
		if (c.p >= c.end || *c.p != ',')
			return false; /* '}' (key absent) or malformed */
		c.p++;
	}
}
