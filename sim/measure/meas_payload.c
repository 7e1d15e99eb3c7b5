/*
 * Encoder and decoder of the failsim test-traffic payload (layout in
 * meas_payload.h): a 28-byte big-endian header with magic, version, stream
 * id, sequence number and transmit time, zero padded to the configured
 * size. All access goes through the net_buf cursors, so a short buffer can
 * never be over-read. Used by the traffic sources and sinks that feed the
 * RFC 6412/6413 outage measurement (meas.c).
 */
#include "sim/measure/meas_payload.h"

#include <string.h>

#include "sim/net/net_buf.h"

static const char *const meas_payload_err_names[MEAS_PAYLOAD_E__COUNT] = {
	[MEAS_PAYLOAD_OK] = "ok",
	[MEAS_PAYLOAD_E_SHORT] = "short",
	[MEAS_PAYLOAD_E_LONG] = "long",
	[MEAS_PAYLOAD_E_BAD_MAGIC] = "bad-magic",
	[MEAS_PAYLOAD_E_BAD_VERSION] = "bad-version",
	[MEAS_PAYLOAD_E_BAD_SIZE] = "bad-size",
	[MEAS_PAYLOAD_E_NO_ROOM] = "no-room",
};

const char *meas_payload_err_name(enum meas_payload_err e)
{
	if ((unsigned)e >= MEAS_PAYLOAD_E__COUNT)
		return "unknown";
	return meas_payload_err_names[e];
}

enum meas_payload_err meas_payload_encode(const struct meas_payload *p,
					  size_t size, uint8_t *buf,
					  size_t buflen)
{
	struct net_wr w;

	if (size < MEAS_PAYLOAD_MIN_LEN || size > MEAS_PAYLOAD_MAX_LEN)
		return MEAS_PAYLOAD_E_BAD_SIZE;
	if (buf == NULL || buflen < size)
		return MEAS_PAYLOAD_E_NO_ROOM;
	net_wr_init(&w, buf, size);
	net_wr_be32(&w, MEAS_PAYLOAD_MAGIC);
	net_wr_u8(&w, MEAS_PAYLOAD_VERSION);
	net_wr_u8(&w, p->flags);
	net_wr_be16(&w, 0); /* reserved */
	net_wr_be32(&w, p->stream_id);
	net_wr_be64(&w, p->seq);
	net_wr_be64(&w, (uint64_t)p->tx_time);
	net_wr_zero(&w, size - MEAS_PAYLOAD_HDR_LEN);
	/* Cannot fail: size >= MIN_LEN > HDR_LEN and the cursor holds size. */
	return w.err ? MEAS_PAYLOAD_E_NO_ROOM : MEAS_PAYLOAD_OK;
}

enum meas_payload_err meas_payload_decode(const uint8_t *buf, size_t len,
					  struct meas_payload *out)
{
	struct net_rd r;
	uint32_t magic;
	uint8_t version;

	memset(out, 0, sizeof(*out));
	if (buf == NULL || len < MEAS_PAYLOAD_MIN_LEN)
		return MEAS_PAYLOAD_E_SHORT;
	if (len > MEAS_PAYLOAD_MAX_LEN)
		return MEAS_PAYLOAD_E_LONG;
	net_rd_init(&r, buf, len);
	magic = net_rd_be32(&r);
	version = net_rd_u8(&r);
	out->flags = net_rd_u8(&r);
	net_rd_be16(&r); /* reserved: ignored on receipt */
	out->stream_id = net_rd_be32(&r);
	out->seq = net_rd_be64(&r);
	out->tx_time = (sim_time_t)net_rd_be64(&r);
	if (r.err) {
		memset(out, 0, sizeof(*out));
		return MEAS_PAYLOAD_E_SHORT;
	}
	if (magic != MEAS_PAYLOAD_MAGIC || version != MEAS_PAYLOAD_VERSION) {
		memset(out, 0, sizeof(*out));
		return magic != MEAS_PAYLOAD_MAGIC ? MEAS_PAYLOAD_E_BAD_MAGIC
						   : MEAS_PAYLOAD_E_BAD_VERSION;
	}
	return MEAS_PAYLOAD_OK;
}
