/*
 * Bounds-checked wire cursors. A reader (struct net_rd) walks a byte buffer
 * in network byte order; a read past the end returns zero and sets a sticky
 * error flag, so a decoder reads a whole header and checks err once. A writer
 * (struct net_wr) appends to a fixed buffer the same way, and can reserve
 * bytes to patch later (lengths, checksums) with the net_put_* helpers.
 * There are no packed structs and no unaligned casts: every multi-byte field
 * is assembled byte by byte, and length checks are written so they cannot
 * overflow.
 */
#ifndef NET_BUF_H
#define NET_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct net_rd {
	const uint8_t *p; /* start of the readable window */
	size_t len;	  /* bytes in the window */
	size_t off;	  /* next byte to read */
	bool err;	  /* sticky: a read ran past the end */
};

struct net_wr {
	uint8_t *p; /* start of the output buffer */
	size_t cap; /* bytes available in p */
	size_t off; /* bytes written so far */
	bool err;   /* sticky: a write did not fit */
};

/* Big-endian loads and stores on raw bytes (for patching and peeking). */
static inline uint16_t net_get_be16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t net_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t net_get_be64(const uint8_t *p)
{
	return (uint64_t)net_get_be32(p) << 32 | net_get_be32(p + 4);
}

static inline void net_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void net_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void net_put_be64(uint8_t *p, uint64_t v)
{
	net_put_be32(p, (uint32_t)(v >> 32));
	net_put_be32(p + 4, (uint32_t)v);
}

/* ---- reader ---- */

static inline void net_rd_init(struct net_rd *r, const void *p, size_t len)
{
	r->p = (const uint8_t *)p;
	r->len = p ? len : 0;
	r->off = 0;
	r->err = false;
}

static inline size_t net_rd_left(const struct net_rd *r)
{
	return r->err ? 0 : r->len - r->off;
}

/* Pointer to the next unread byte (valid for net_rd_left bytes). */
static inline const uint8_t *net_rd_cur(const struct net_rd *r)
{
	return r->p ? r->p + r->off : NULL;
}

/* True when n more bytes can be read; otherwise sets err. */
static inline bool net_rd_need(struct net_rd *r, size_t n)
{
	if (r->err || n > r->len - r->off) {
		r->err = true;
		return false;
	}
	return true;
}

static inline uint8_t net_rd_u8(struct net_rd *r)
{
	if (!net_rd_need(r, 1))
		return 0;
	return r->p[r->off++];
}

static inline uint16_t net_rd_be16(struct net_rd *r)
{
	uint16_t v;

	if (!net_rd_need(r, 2))
		return 0;
	v = net_get_be16(r->p + r->off);
	r->off += 2;
	return v;
}

static inline uint32_t net_rd_be32(struct net_rd *r)
{
	uint32_t v;

	if (!net_rd_need(r, 4))
		return 0;
	v = net_get_be32(r->p + r->off);
	r->off += 4;
	return v;
}

static inline uint64_t net_rd_be64(struct net_rd *r)
{
	uint64_t v;

	if (!net_rd_need(r, 8))
		return 0;
	v = net_get_be64(r->p + r->off);
	r->off += 8;
	return v;
}

/* Copy n bytes into dst; on a short buffer dst is zeroed and err set. */
static inline bool net_rd_bytes(struct net_rd *r, void *dst, size_t n)
{
	if (!net_rd_need(r, n)) {
		if (n)
			memset(dst, 0, n);
		return false;
	}
	if (n)
		memcpy(dst, r->p + r->off, n);
	r->off += n;
	return true;
}

/* A view of the next n bytes (advancing past them), or NULL and err. */
static inline const uint8_t *net_rd_ptr(struct net_rd *r, size_t n)
{
	const uint8_t *v;

	if (!net_rd_need(r, n))
		return NULL;
	v = r->p + r->off;
	r->off += n;
	return v;
}

static inline bool net_rd_skip(struct net_rd *r, size_t n)
{
	if (!net_rd_need(r, n))
		return false;
	r->off += n;
	return true;
}

/*
 * A cursor over the next n bytes; the parent advances past them. When fewer
 * than n bytes remain, both the parent and the returned cursor are in error.
 */
static inline struct net_rd net_rd_sub(struct net_rd *r, size_t n)
{
	struct net_rd s;
	const uint8_t *v = net_rd_ptr(r, n);

	net_rd_init(&s, v, v ? n : 0);
	s.err = v == NULL;
	return s;
}

/* ---- writer ---- */

static inline void net_wr_init(struct net_wr *w, void *p, size_t cap)
{
	w->p = (uint8_t *)p;
	w->cap = p ? cap : 0;
	w->off = 0;
	w->err = false;
}

static inline size_t net_wr_left(const struct net_wr *w)
{
	return w->err ? 0 : w->cap - w->off;
}

/*
 * Room for n more bytes: returns a pointer to them (zeroed) and advances, or
 * NULL with err set. The pointer stays valid for later patching.
 */
static inline uint8_t *net_wr_reserve(struct net_wr *w, size_t n)
{
	uint8_t *v;

	if (w->err || n > w->cap - w->off) {
		w->err = true;
		return NULL;
	}
	v = w->p + w->off;
	if (n)
		memset(v, 0, n);
	w->off += n;
	return v;
}

static inline bool net_wr_u8(struct net_wr *w, uint8_t v)
{
	uint8_t *p = net_wr_reserve(w, 1);

	if (p)
		p[0] = v;
	return p != NULL;
}

static inline bool net_wr_be16(struct net_wr *w, uint16_t v)
{
	uint8_t *p = net_wr_reserve(w, 2);

	if (p)
		net_put_be16(p, v);
	return p != NULL;
}

static inline bool net_wr_be32(struct net_wr *w, uint32_t v)
{
	uint8_t *p = net_wr_reserve(w, 4);

	if (p)
		net_put_be32(p, v);
	return p != NULL;
}

static inline bool net_wr_be64(struct net_wr *w, uint64_t v)
{
	uint8_t *p = net_wr_reserve(w, 8);

	if (p)
		net_put_be64(p, v);
	return p != NULL;
}

static inline bool net_wr_bytes(struct net_wr *w, const void *src, size_t n)
{
	uint8_t *p = net_wr_reserve(w, n);

	if (p && n)
		memcpy(p, src, n);
	return p != NULL;
}

static inline bool net_wr_zero(struct net_wr *w, size_t n)
{
	return net_wr_reserve(w, n) != NULL;
}

#endif
