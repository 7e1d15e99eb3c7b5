/*
 * Out-of-order segment text kept for reassembly (RFC 9293 3.10.7.4,
 * seventh step: segments beyond RCV.NXT inside the window "may be held
 * for later processing"; failsim holds them). A ring of RCV.WND bytes
 * with a presence bit per byte, so overlapping and duplicate segments
 * need no bookkeeping: a byte is kept once, whatever carried it. The ring
 * is allocated when the first out-of-order byte arrives. A FIN is never
 * kept: it is processed only in order (the peer retransmits it).
 */
#include "protocols/tcp/tcp_int.h"

#include <stdlib.h>
#include <string.h>

static bool bit(const uint8_t *m, size_t i)
{
	return (m[i / 8] >> (i % 8)) & 1;
}

static void bit_set(uint8_t *m, size_t i)
{
	m[i / 8] |= (uint8_t)(1u << (i % 8));
}

static void bit_clear(uint8_t *m, size_t i)
{
	m[i / 8] &= (uint8_t) ~(1u << (i % 8));
}

static bool ring_alloc(struct tcp_sock *s)
{
	size_t w = s->rcv_wnd;

	if (s->ooo)
		return true;
	s->ooo = malloc(w);
	s->ooo_map = calloc((w + 7) / 8, 1);
	if (!s->ooo || !s->ooo_map) {
		free(s->ooo);
		free(s->ooo_map);
		s->ooo = s->ooo_map = NULL;
		return false;
	}
	s->ooo_base = 0;
	s->ooo_bytes = 0;
	return true;
}

void tcp_rcv_store(struct tcp_sock *s, uint32_t seq, const uint8_t *p, size_t n)
{
	size_t w = s->rcv_wnd, rel = seq - s->rcv_nxt;

	if (rel >= w || !n || !ring_alloc(s))
		return;
	if (n > w - rel)
		n = w - rel;
	for (size_t i = 0; i < n; i++) {
		size_t k = (s->ooo_base + rel + i) % w;

		if (bit(s->ooo_map, k))
			continue;
		s->ooo[k] = p[i];
		bit_set(s->ooo_map, k);
		s->ooo_bytes++;
	}
}

void tcp_rcv_advance(struct tcp_sock *s, size_t n)
{
	size_t w = s->rcv_wnd;

	if (!s->ooo)
		return;
	if (n > w)
		n = w;
	for (size_t i = 0; i < n && s->ooo_bytes; i++) {
		size_t k = (s->ooo_base + i) % w;

		if (bit(s->ooo_map, k)) {
			bit_clear(s->ooo_map, k);
			s->ooo_bytes--;
		}
	}
	s->ooo_base = (s->ooo_base + n) % w;
}

size_t tcp_rcv_next(const struct tcp_sock *s, const uint8_t **p)
{
	size_t w = s->rcv_wnd, n = 0;

	if (!s->ooo || !s->ooo_bytes)
		return 0;
	/* Up to the end of the ring: the rest comes on the next call. */
	while (s->ooo_base + n < w && bit(s->ooo_map, s->ooo_base + n))
		n++;
	*p = s->ooo + s->ooo_base;
	return n;
}

void tcp_rcv_flush(struct tcp_sock *s)
{
	free(s->ooo);
	free(s->ooo_map);
	s->ooo = s->ooo_map = NULL;
	s->ooo_base = 0;
	s->ooo_bytes = 0;
}
