/*
 * The BFD codec against the outside world. First, real captures: every
 * UDP payload to a BFD Control port (3784 single hop, RFC 5881; 4784
 * multihop, RFC 5883; 6784 micro-BFD, RFC 7130; 7784 S-BFD, RFC 7880, whose
 * reflector answers from 7784) in
 * FAILSIM_SHARED_DIR/captures/bfd is decoded from an exact-size heap copy,
 * the authentication captures must show their types (simple password, keyed
 * MD5, meticulous SHA1), and the counts of captures/INDEX.tsv (packets, states,
 * auth types as tshark saw them) must match what the codec decoded. Second,
 * tshark as an independent decoder: one frame per state, flag and auth type
 * is encoded, wrapped in UDP/IPv4 or IPv6 with the sim/net builders (source
 * port 49152, TTL 255, RFC 5881 sections 4 and 5) and must decode cleanly,
 * with the fields tshark reads equal to the ones encoded. Each part skips
 * when its input (captures, tshark) is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include "protocols/bfd/bfd_pkt.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_read.h"
#include "sim/trace/trace_tshark.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define CAPTURES     FAILSIM_SHARED_DIR "/captures"
#define BFD_DIR	     CAPTURES "/bfd"

/* What the codec found in one capture. */
struct cap_stats {
	unsigned frames; /* all frames */
	unsigned bfd;	 /* UDP payloads to a Control port */
	unsigned ok;	 /* of which decoded */
	unsigned state[4];
	unsigned auth[BFD_AUTH__COUNT];
	unsigned err[BFD_PKT_E__COUNT];
	bool pw_secret; /* every simple password was "secret" */
};

static bool bfd_ctrl_port(uint16_t port)
{
	return port == BFD_PORT_SINGLE || port == BFD_PORT_MULTI ||
	       port == 6784 || port == 7784;
}

static void decode_payload(struct cap_stats *s, const uint8_t *p, size_t n)
{
	uint8_t *copy = malloc(n ? n : 1);
	struct bfd_ctrl c;
	enum bfd_pkt_err e;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	e = bfd_pkt_decode(copy, n, &c);
	s->bfd++;
	s->err[e]++;
	if (e == BFD_PKT_OK) {
		s->ok++;
		s->state[c.state]++;
		s->auth[c.auth_present ? c.auth.type : BFD_AUTH_NONE]++;
		if (c.auth_present && c.auth.type == BFD_AUTH_SIMPLE)
			s->pw_secret &=
				c.auth.pwlen == 6 &&
				memcmp(c.auth.password, "secret", 6) == 0;
	}
	free(copy);
}

static void count_frame(struct cap_stats *s, const uint8_t *data, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	struct net_pkt_info pi;

	assert_non_null(copy);
	if (len)
		memcpy(copy, data, len);
	s->frames++;
	net_dissect(copy, len, &pi);
	/* Any upper-layer bytes, BFD or not, must not crash the decoder. */
	if (pi.l4 && pi.l4_len) {
		struct cap_stats junk = { 0 };

		decode_payload(&junk, pi.l4, pi.l4_len);
	}
	/* A bad UDP checksum still leaves a usable datagram. */
	if ((net_pkt_has(&pi, NET_LAYER_UDP) ||
	     pi.err_layer == NET_LAYER_UDP) &&
	    pi.udp.payload &&
	    (bfd_ctrl_port(pi.udp.dport) || pi.udp.sport == 7784))
		decode_payload(s, pi.udp.payload, pi.udp.payload_len);
	free(copy);
}

static void each_frame(void *arg, int dlt, const uint8_t *data, size_t len)
{
	if (dlt == DLT_EN10MB)
		count_frame(arg, data, len);
}

/* Read one capture; false when it is not Ethernet or unreadable. */
static bool read_capture(const char *path, struct cap_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->pw_secret = true;
	return trace_read_each(path, each_frame, s, NULL, 0) == DLT_EN10MB;
}

/* Column col (0-based) of file's row in INDEX.tsv, or false. */
static bool index_column(const char *file, int col, char *out, size_t len)
{
	return trace_index_column(CAPTURES "/INDEX.tsv", file, col, out, len);
}

/* Split "Namexcount" (e.g. "Downx31", "keyed-MD5x31"); false if not one. */
static bool name_count(const char *tok, size_t n, char *name, size_t cap,
		       unsigned *count)
{
	size_t x = n;

	while (x > 0 && tok[x - 1] >= '0' && tok[x - 1] <= '9')
		x--;
	if (x == n || x < 2 || tok[x - 1] != 'x' || x - 1 >= cap)
		return false;
	memcpy(name, tok, x - 1);
	name[x - 1] = '\0';
	*count = (unsigned)strtoul(tok + x, NULL, 10);
	return true;
}

/* INDEX.tsv's auth token names, by auth type. */
static const char *const index_auth_names[BFD_AUTH__COUNT] = {
	[BFD_AUTH_SIMPLE] = "simple-pw",
	[BFD_AUTH_KEYED_MD5] = "keyed-MD5",
	[BFD_AUTH_METICULOUS_MD5] = "meticulous-MD5",
	[BFD_AUTH_KEYED_SHA1] = "keyed-SHA1",
	[BFD_AUTH_METICULOUS_SHA1] = "meticulous-SHA1",
};

/*
 * Compare the "states ..." and "auth ..." lists of the description
 * column with the decoded counts. Returns how many facts were checked.
 */
static unsigned check_description(const char *file, const char *desc,
				  const struct cap_stats *s)
{
	const char *lists[] = { "states ", "auth " };
	unsigned checked = 0;

	for (size_t l = 0; l < ARRAY_LEN(lists); l++) {
		const char *p = strstr(desc, lists[l]);
		char name[32];
		unsigned n;

		if (!p)
			continue;
		p += strlen(lists[l]);
		for (;;) {
			size_t tl = strcspn(p, " ;");
			unsigned got = ~0u;

			if (!name_count(p, tl, name, sizeof(name), &n))
				break;
			for (int t = 0; l == 0 && t < 4; t++)
				if (!strcmp(name, bfd_state_name(t)))
					got = s->state[t];
			for (int t = 1; l == 1 && t < BFD_AUTH__COUNT; t++)
				if (!strcmp(name, index_auth_names[t]))
					got = s->auth[t];
			if (got == ~0u)
				fail_msg("%s: unknown INDEX.tsv name %s", file,
					 name);
			if (got != n)
				fail_msg("%s: INDEX.tsv says %s x%u, decoded "
					 "%u",
					 file, name, n, got);
			checked++;
			p += tl;
			if (*p != ' ')
				break;
			p++;
		}
	}
	return checked;
}

/* INDEX.tsv facts for one capture; returns how many were checked. */
static unsigned check_index(const char *file, const struct cap_stats *s)
{
	char key[320], col[4096];
	const char *p;
	unsigned checked = 0;

	snprintf(key, sizeof(key), "bfd/%s", file);
	/* Column 5: packets_by_protocol, "bfd=N bfd_echo=M". */
	if (index_column(key, 5, col, sizeof(col))) {
		p = !strncmp(col, "bfd=", 4) ? col : strstr(col, " bfd=");
		if (p) {
			unsigned n =
				(unsigned)strtoul(strchr(p, '=') + 1, NULL, 10);

			if (n != s->ok)
				fail_msg("%s: INDEX.tsv says bfd=%u, decoded "
					 "%u",
					 file, n, s->ok);
			checked++;
		}
	}
	if (index_column(key, 6, col, sizeof(col)))
		checked += check_description(file, col, s);
	return checked;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

/* Named facts about the authentication captures (seen with tshark -V). */
static void check_known(const char *file, const struct cap_stats *s)
{
	if (!strcmp(file, "bfd-raw-auth-md5.pcap")) {
		assert_int_equal(s->ok, s->frames);
		assert_int_equal(s->auth[BFD_AUTH_KEYED_MD5] +
					 s->auth[BFD_AUTH_METICULOUS_MD5],
				 s->ok);
	} else if (!strcmp(file, "bfd-raw-auth-sha1.pcap")) {
		assert_int_equal(s->ok, s->frames);
		assert_int_equal(s->auth[BFD_AUTH_KEYED_SHA1] +
					 s->auth[BFD_AUTH_METICULOUS_SHA1],
				 s->ok);
	} else if (!strcmp(file, "bfd-raw-auth-simple.pcap")) {
		assert_int_equal(s->ok, s->frames);
		assert_int_equal(s->auth[BFD_AUTH_SIMPLE], s->ok);
		assert_true(s->pw_secret);
	} else {
		return;
	}
	assert_true(s->ok > 0);
}

static void test_captures(void **state)
{
	unsigned files = 0, payloads = 0, decoded = 0, facts = 0, known = 0;
	struct dirent *de;
	DIR *d = opendir(BFD_DIR);

	(void)state;
	if (!d)
		skip();
	while ((de = readdir(d))) {
		char path[1024];
		struct cap_stats s;

		if (!has_suffix(de->d_name, ".pcap") &&
		    !has_suffix(de->d_name, ".pcapng"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", BFD_DIR, de->d_name);
		if (!read_capture(path, &s))
			continue;
		files++;
		payloads += s.bfd;
		decoded += s.ok;
		if (getenv("BFD_CAPTURE_VERBOSE"))
			printf("%s: frames %u bfd %u ok %u\n", de->d_name,
			       s.frames, s.bfd, s.ok);
		facts += check_index(de->d_name, &s);
		check_known(de->d_name, &s);
		known += strncmp(de->d_name, "bfd-raw-auth-", 13) == 0;
	}
	closedir(d);
	if (files == 0)
		skip();
	printf("%u BFD captures, %u Control payloads, %u decoded, %u "
	       "INDEX.tsv facts checked\n",
	       files, payloads, decoded, facts);
	assert_int_equal(known, 3);
	assert_true(decoded > 100);
	assert_true(facts >= 10);
}

/* ---- tshark ---- */

static const struct net_mac mac_a = { { 0x02, 0x00, 0x00, 0x00, 0x0b, 0x01 } };
static const struct net_mac mac_b = { { 0x02, 0x00, 0x00, 0x00, 0x0b, 0x02 } };

static const struct bfd_key keys[] = {
	{ BFD_AUTH_NONE },
	{ BFD_AUTH_SIMPLE, 5, "failsim-password", 16 },
	{ BFD_AUTH_KEYED_MD5, 6, "md5-key", 7 },
	{ BFD_AUTH_METICULOUS_MD5, 7, "0123456789abcdef", 16 },
	{ BFD_AUTH_KEYED_SHA1, 8, "sha1-key", 8 },
	{ BFD_AUTH_METICULOUS_SHA1, 9, "0123456789abcdefghij", 20 },
};

#define N_FRAMES 12

struct wire {
	int n;
	struct bfd_ctrl ctrl[N_FRAMES];
	const struct bfd_key *key[N_FRAMES];
	uint8_t frame[N_FRAMES][160];
	int len[N_FRAMES];
	int bfd_len[N_FRAMES]; /* the encoded Control packet */
	unsigned rows;
};

/* Encode c with key and wrap it in UDP over IPv4 or IPv6. */
static void add_frame(struct wire *w, const struct bfd_ctrl *c,
		      const struct bfd_key *key, bool v6)
{
	uint8_t pkt[BFD_MAX_LEN];
	struct net_wr wr;
	int n = bfd_pkt_encode(c, key, pkt, sizeof(pkt)), len;

	assert_true(n >= BFD_HDR_LEN && w->n < N_FRAMES);
	net_wr_init(&wr, w->frame[w->n], sizeof(w->frame[0]));
	if (v6) {
		struct net_udp6_params u = {
			.ip = { .l2 = { .src = mac_a, .dst = mac_b },
				.src = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } },
				.dst = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } },
				.hop_limit = 255 },
			.sport = BFD_SRC_PORT_MIN,
			.dport = BFD_PORT_SINGLE,
		};
		len = net_build_udp6(&wr, &u, pkt, (size_t)n);
	} else {
		struct net_udp4_params u = {
			.ip = { .l2 = { .src = mac_a, .dst = mac_b },
				.src = { { 192, 0, 2, 1 } },
				.dst = { { 192, 0, 2, 2 } },
				.ttl = 255,
				.id = (uint16_t)w->n },
			.sport = BFD_SRC_PORT_MIN,
			.dport = BFD_PORT_SINGLE,
		};
		len = net_build_udp4(&wr, &u, pkt, (size_t)n);
	}
	assert_true(len > 0);
	w->ctrl[w->n] = *c;
	w->key[w->n] = key && key->type != BFD_AUTH_NONE ? key : NULL;
	w->len[w->n] = len;
	w->bfd_len[w->n] = n;
	w->n++;
}

static void build_frames(struct wire *w)
{
	struct bfd_ctrl c = {
		.state = BFD_STATE_DOWN,
		.detect_mult = 3,
		.my_disc = 0x01020304,
		.desired_min_tx_us = 1000000,
		.required_min_rx_us = 1000000,
	};

	add_frame(w, &c, NULL, false);
	c.state = BFD_STATE_INIT;
	c.your_disc = 0xa0b0c0d0;
	c.poll = true;
	add_frame(w, &c, NULL, false);
	c.state = BFD_STATE_UP;
	c.poll = false;
	c.final = true;
	c.cpi = true;
	c.required_min_echo_rx_us = 50000;
	add_frame(w, &c, NULL, true);
	c.final = c.cpi = false;
	c.demand = true;
	add_frame(w, &c, NULL, false);
	c.demand = false;
	c.state = BFD_STATE_ADMIN_DOWN;
	c.diag = BFD_DIAG_ADMIN_DOWN;
	add_frame(w, &c, NULL, true);
	c.state = BFD_STATE_UP;
	c.diag = BFD_DIAG_NONE;
	for (size_t k = 1; k < ARRAY_LEN(keys); k++) {
		c.my_disc = 0x100 + (uint32_t)k;
		c.auth.seq = 1000 * (uint32_t)k;
		add_frame(w, &c, &keys[k], k % 2 == 0);
	}
}

static void write_capture(const char *path, const struct wire *w)
{
	char err[256];
	struct trace_pcap *tp = trace_pcap_open(path, err, sizeof(err));

	if (!tp)
		fail_msg("%s", err);
	for (int i = 0; i < w->n; i++)
		assert_int_equal(trace_pcap_write(tp, SIM_MS(i), w->frame[i],
						  (size_t)w->len[i]),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
}

static const char *const fields[] = {
	"bfd.sta",
	"bfd.diag",
	"bfd.flags.p",
	"bfd.flags.f",
	"bfd.flags.c",
	"bfd.flags.a",
	"bfd.flags.d",
	"bfd.message_length",
	"bfd.my_discriminator",
	"bfd.your_discriminator",
	"bfd.auth.type",
	"bfd.auth.key",
	"bfd.auth.seq_num",
	"bfd.auth.password",
};

/* A tshark number ("0x01", "3") or boolean ("1", "True"); "" is 0. */
static unsigned long num(const char *s)
{
	if (!strcmp(s, "True"))
		return 1;
	if (!strcmp(s, "False"))
		return 0;
	return strtoul(s, NULL, 0);
}

static void check_row(void *arg, unsigned row, const char *const *cols,
		      size_t ncols)
{
	struct wire *w = arg;
	const struct bfd_ctrl *c;
	const struct bfd_key *k;
	unsigned long want[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

	assert_int_equal(ncols, ARRAY_LEN(fields));
	assert_true(row < (unsigned)w->n);
	c = &w->ctrl[row];
	k = w->key[row];
	want[0] = c->state;
	want[1] = c->diag;
	want[2] = c->poll;
	want[3] = c->final;
	want[4] = c->cpi;
	want[5] = k != NULL;
	want[6] = c->demand;
	want[7] = (unsigned long)w->bfd_len[row];
	want[8] = c->my_disc;
	want[9] = c->your_disc;
	if (k) {
		want[10] = k->type;
		want[11] = k->id;
		want[12] = k->type == BFD_AUTH_SIMPLE ? 0 : c->auth.seq;
	}
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		if (num(cols[i]) != want[i])
			fail_msg("frame %u: tshark %s = '%s', encoded %lu",
				 row + 1, fields[i], cols[i], want[i]);
	if (k && k->type == BFD_AUTH_SIMPLE)
		assert_true(strlen(cols[13]) == k->len &&
			    !memcmp(cols[13], k->secret, k->len));
	w->rows++;
}

static void test_tshark(void **state)
{
	static struct wire w;
	char path[512], err[512], prog[4096];
	struct trace_tshark_result r;

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	memset(&w, 0, sizeof(w));
	build_frames(&w);
	snprintf(path, sizeof(path), "%s/bfd_pkt_wire_%ld.pcap",
		 FAILSIM_BINARY_DIR, (long)getpid());
	write_capture(path, &w);
	if (trace_tshark_check(path, &r, err, sizeof(err)) != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(r.frames, w.n);
	if (r.malformed.count || r.bad_checksum.count || r.errors.count ||
	    r.warnings.count)
		fail_msg("tshark: %u malformed (first %u), %u bad checksum "
			 "(first %u), %u errors (first %u), %u warnings "
			 "(first %u)",
			 r.malformed.count, r.malformed.first[0],
			 r.bad_checksum.count, r.bad_checksum.first[0],
			 r.errors.count, r.errors.first[0], r.warnings.count,
			 r.warnings.first[0]);
	if (trace_tshark_fields(path, "bfd", fields, ARRAY_LEN(fields),
				check_row, &w, err,
				sizeof(err)) != TRACE_TSHARK_OK)
		fail_msg("tshark fields: %s", err);
	assert_int_equal(w.rows, w.n);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_captures),
		cmocka_unit_test(test_tshark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
