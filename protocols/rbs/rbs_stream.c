/*
 * Reassembly of RBS messages from the TCP byte stream (README.md
 * "Framing"): TCP delivers bytes in whatever pieces its segments make, so
 * a message may arrive split over several reads or several messages in
 * one. The buffer keeps the unread bytes, compacts before it grows, and
 * hands out whole messages as the header's Length field delimits them
 * (rbs_pkt_frame_len). It holds at most one partial message (64 KiB) plus
 * one read. No RFC applies; the wire format is failsim's own.
 */
#include "protocols/rbs/rbs_pkt.h"

#include <stdlib.h>
#include <string.h>

void rbs_stream_init(struct rbs_stream *s)
{
	memset(s, 0, sizeof(*s));
}

void rbs_stream_fini(struct rbs_stream *s)
{
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

void rbs_stream_reset(struct rbs_stream *s)
{
	s->head = 0;
	s->len = 0;
}

size_t rbs_stream_pending(const struct rbs_stream *s)
{
	return s->len;
}

int rbs_stream_push(struct rbs_stream *s, const uint8_t *data, size_t len)
{
	if (!len)
		return 0;
	if (len > SIZE_MAX / 2 - s->len)
		return -1;
	if (s->head) { /* compact: unread bytes to the front */
		memmove(s->buf, s->buf + s->head, s->len);
		s->head = 0;
	}
	if (s->len + len > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		uint8_t *nb;

		while (cap < s->len + len)
			cap *= 2;
		nb = realloc(s->buf, cap);
		if (!nb)
			return -1;
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, len);
	s->len += len;
	return 0;
}

int rbs_stream_next(struct rbs_stream *s, const uint8_t **msg, size_t *len)
{
	const uint8_t *p = s->buf ? s->buf + s->head : NULL;
	long need = rbs_pkt_frame_len(p, s->len);

	if (need < 0)
		return -1;
	if (need == 0 || (size_t)need > s->len)
		return 0;
	*msg = p;
	*len = (size_t)need;
	s->head += (size_t)need;
	s->len -= (size_t)need;
	if (!s->len)
		s->head = 0;
	return 1;
}
