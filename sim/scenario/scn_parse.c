/*
 * Value parsers for scenario files, public so other modules (the CLI, the
 * sweep tool) read rates, loss and endpoints the same way. Decimal
 * fractions are exact (no floating point): "1.5G" is 1500000000 bits/s and
 * "0.25%" 2500000 parts per billion; a value that is not a whole number of
 * units after scaling is rejected rather than rounded. Also the default host
 * MAC derivation (FNV-1a-64, locally administered unicast, IEEE 802
 * section 8.2 U/L and I/G bits).
 */
#include <string.h>
#include <strings.h>

#include "sim/scenario/scn_spec.h"

#define SCN_RATE_MAX   10000000000000ull /* 10 Tbit/s */
#define SCN_PPS_MAX    10000000u
#define SCN_DEC_DIGITS 18 /* significant digits on either side of "." */

/* A non-negative decimal number ip + fp / pow10 read exactly. */
struct scn_dec {
	unsigned __int128 ip, fp, pow10;
};

static bool scn_is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Read digits[.digits] at *p; advances *p. Returns 0 or -1. */
static int scn_dec_read(const char **p, struct scn_dec *d)
{
	const char *s = *p, *f;
	size_t nint = 0, nz, i;

	d->ip = 0;
	d->fp = 0;
	d->pow10 = 1;
	while (scn_is_digit(*s)) {
		if (d->ip != 0 || *s != '0')
			nint++;
		if (nint > SCN_DEC_DIGITS)
			return -1;
		d->ip = d->ip * 10 + (unsigned)(*s - '0');
		s++;
	}
	if (s == *p)
		return -1;
	if (*s == '.') {
		f = ++s;
		while (scn_is_digit(*s))
			s++;
		if (s == f)
			return -1;
		nz = (size_t)(s - f);
		while (nz > 0 && f[nz - 1] == '0')
			nz--;
		if (nz > SCN_DEC_DIGITS)
			return -1;
		for (i = 0; i < nz; i++) {
			d->fp = d->fp * 10 + (unsigned)(f[i] - '0');
			d->pow10 *= 10;
		}
	}
	*p = s;
	return 0;
}

/* d * mult as an exact integer no larger than max. */
static int scn_dec_scale(const struct scn_dec *d, uint64_t mult, uint64_t max,
			 uint64_t *out)
{
	unsigned __int128 m = mult, frac = d->fp * m, total;

	if (frac % d->pow10 != 0)
		return -1;
	if (d->ip > (unsigned __int128)max)
		return -1;
	total = d->ip * m + frac / d->pow10;
	if (total > (unsigned __int128)max)
		return -1;
	*out = (uint64_t)total;
	return 0;
}

int scn_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = s;

	if (s == NULL || !scn_is_digit(*p))
		return -1;
	for (; scn_is_digit(*p); p++) {
		unsigned dg = (unsigned)(*p - '0');

		if (v > (max - dg) / 10)
			return -1;
		v = v * 10 + dg;
	}
	if (*p != '\0')
		return -1;
	*out = v;
	return 0;
}

int scn_parse_rate(const char *s, uint64_t *bps)
{
	struct scn_dec d;
	uint64_t mult = 1, v;
	const char *p = s;

	if (s == NULL || scn_dec_read(&p, &d) != 0)
		return -1;
	switch (*p) {
	case 'k':
	case 'K':
		mult = 1000ull;
		p++;
		break;
	case 'm':
	case 'M':
		mult = 1000000ull;
		p++;
		break;
	case 'g':
	case 'G':
		mult = 1000000000ull;
		p++;
		break;
	case 't':
	case 'T':
		mult = 1000000000000ull;
		p++;
		break;
	default:
		break;
	}
	if (strcmp(p, "bps") == 0 || strcmp(p, "bit/s") == 0)
		p += strlen(p);
	if (*p != '\0')
		return -1;
	if (scn_dec_scale(&d, mult, SCN_RATE_MAX, &v) != 0 || v == 0)
		return -1;
	*bps = v;
	return 0;
}

int scn_parse_pps(const char *s, uint32_t *pps)
{
	char buf[24];
	size_t n;
	uint64_t v;

	if (s == NULL)
		return -1;
	n = strlen(s);
	if (n >= 3 && strcmp(s + n - 3, "pps") == 0)
		n -= 3;
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (scn_parse_uint(buf, SCN_PPS_MAX, &v) != 0 || v == 0)
		return -1;
	*pps = (uint32_t)v;
	return 0;
}

int scn_parse_loss(const char *s, uint32_t *ppb)
{
	struct scn_dec d;
	const char *p = s;
	uint64_t mult = 1000000000ull, v;

	if (s == NULL || scn_dec_read(&p, &d) != 0)
		return -1;
	if (*p == '%') {
		mult = 10000000ull;
		p++;
	}
	if (*p != '\0')
		return -1;
	if (scn_dec_scale(&d, mult, 1000000000ull, &v) != 0)
		return -1;
	*ppb = (uint32_t)v;
	return 0;
}

int scn_parse_bool(const char *s, bool *out)
{
	static const char *const t[] = { "true", "yes", "on" };
	static const char *const f[] = { "false", "no", "off" };
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < 3; i++) {
		if (strcasecmp(s, t[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(s, f[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

bool scn_name_valid(const char *s, size_t max)
{
	size_t n = 0;

	if (s == NULL)
		return false;
	for (; s[n] != '\0'; n++) {
		char ch = s[n];

		if (n >= max)
			return false;
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      scn_is_digit(ch) || ch == '_' || ch == '.' || ch == '-'))
			return false;
	}
	return n > 0;
}

/* Interface names: 1..SCN_IFNAME_MAX visible ASCII characters. */
static bool scn_ifname_valid(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++) {
		if (n >= SCN_IFNAME_MAX)
			return false;
		if ((unsigned char)s[n] <= ' ' || (unsigned char)s[n] >= 0x7f)
			return false;
	}
	return n > 0;
}

int scn_parse_endpoint(const char *s, char node[SCN_NAME_MAX + 1],
		       char iface[SCN_IFNAME_MAX + 1])
{
	const char *colon;
	size_t nlen;

	if (s == NULL)
		return -1;
	colon = strchr(s, ':');
	if (colon == NULL)
		return -1;
	nlen = (size_t)(colon - s);
	if (nlen == 0 || nlen > SCN_NAME_MAX)
		return -1;
	memcpy(node, s, nlen);
	node[nlen] = '\0';
	if (!scn_name_valid(node, SCN_NAME_MAX) || !scn_ifname_valid(colon + 1))
		return -1;
	strcpy(iface, colon + 1);
	return 0;
}

int scn_parse_addr_len(const char *s, struct net_addr *addr, uint8_t *len)
{
	char buf[NET_ADDR_STRLEN];
	const char *slash;
	size_t n;
	uint64_t l;

	if (s == NULL)
		return -1;
	slash = strchr(s, '/');
	if (slash == NULL)
		return -1;
	n = (size_t)(slash - s);
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (net_addr_parse(buf, addr) != 0)
		return -1;
	if (strlen(slash + 1) > 3 || scn_parse_uint(slash + 1, 128, &l) != 0)
		return -1;
	if (addr->af == NET_AF_IP4 ? l > 32 : l > 128)
		return -1;
	*len = (uint8_t)l;
	return 0;
}

void scn_host_mac_default(const char *node, unsigned idx, struct net_mac *out)
{
	uint64_t h = 0xcbf29ce484222325ull;
	uint32_t x;
	const char *p;

	for (p = node; *p != '\0'; p++) {
		h ^= (unsigned char)*p;
		h *= 0x100000001b3ull;
	}
	x = (uint32_t)(h ^ (h >> 32));
	out->b[0] = 0x02; /* locally administered, unicast */
	out->b[1] = (uint8_t)(x >> 24);
	out->b[2] = (uint8_t)(x >> 16);
	out->b[3] = (uint8_t)(x >> 8);
	out->b[4] = (uint8_t)x;
	out->b[5] = (uint8_t)idx;
}
