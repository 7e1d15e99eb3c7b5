/*
 * Parameter types of the command language: integers with a range, IPv4 and
 * IPv6 addresses (either family, compressed IPv6, link-local), IPv4 masks
 * given dotted or as a length, address/length pairs, prefixes, MAC
 * addresses, interface names, names and trailing free text. Each parser
 * checks the token completely, produces the canonical text stored in the
 * running configuration (IPv6 upper-case as VRP shows it, IPv4 masks dotted,
 * MAC addresses "0011-2233-4455") and says what it expected on failure.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

static const char *const type_names[] = {
	[CLI_T_INT] = "int",	   [CLI_T_IP4] = "ip4",
	[CLI_T_IP6] = "ip6",	   [CLI_T_IP] = "ip",
	[CLI_T_MASK4] = "mask4",   [CLI_T_IP4LEN] = "ip4len",
	[CLI_T_IP6LEN] = "ip6len", [CLI_T_PFX4] = "pfx4",
	[CLI_T_PFX6] = "pfx6",	   [CLI_T_PFX] = "pfx",
	[CLI_T_MAC] = "mac",	   [CLI_T_IFACE] = "iface",
	[CLI_T_WORD] = "word",	   [CLI_T_TEXT] = "text",
};

int cli_type_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]);
	     i++) {
		if (type_names[i] && !strcmp(type_names[i], name))
			return (int)i;
	}
	return -1;
}

bool cli_type_has_range(int type)
{
	return type == CLI_T_INT || type == CLI_T_WORD || type == CLI_T_TEXT;
}

void cli_type_describe(const struct cli_elem *e, char *buf, size_t len)
{
	switch (e->type) {
	case CLI_T_INT:
		snprintf(buf, len, "an integer %" PRId64 "-%" PRId64, e->lo,
			 e->hi);
		break;
	case CLI_T_IP4:
		snprintf(buf, len, "an IPv4 address");
		break;
	case CLI_T_IP6:
		snprintf(buf, len, "an IPv6 address");
		break;
	case CLI_T_IP:
		snprintf(buf, len, "an IPv4 or IPv6 address");
		break;
	case CLI_T_MASK4:
		snprintf(buf, len, "a mask (255.255.255.0) or a length 0-32");
		break;
	case CLI_T_IP4LEN:
		snprintf(buf, len, "an IPv4 address/length");
		break;
	case CLI_T_IP6LEN:
		snprintf(buf, len, "an IPv6 address/length");
		break;
	case CLI_T_PFX4:
		snprintf(buf, len, "an IPv4 prefix such as 10.1.0.0/16");
		break;
	case CLI_T_PFX6:
		snprintf(buf, len, "an IPv6 prefix such as 2001:DB8::/32");
		break;
	case CLI_T_PFX:
		snprintf(buf, len, "an IPv4 or IPv6 prefix");
		break;
	case CLI_T_MAC:
		snprintf(buf, len, "a MAC address such as 0011-2233-4455");
		break;
	case CLI_T_IFACE:
		snprintf(buf, len, "an interface name");
		break;
	case CLI_T_WORD:
		snprintf(buf, len,
			 "a name of %" PRId64 "-%" PRId64 " characters", e->lo,
			 e->hi);
		break;
	default:
		snprintf(buf, len, "text of %" PRId64 "-%" PRId64 " characters",
			 e->lo, e->hi);
		break;
	}
}

static int expected(const struct cli_elem *e, char *why, size_t wlen)
{
	char d[96];

	cli_type_describe(e, d, sizeof(d));
	snprintf(why, wlen, "expected %s", d);
	return -1;
}

static int parse_int(const struct cli_elem *e, const char *s, int64_t *out)
{
	bool neg = false;
	uint64_t x = 0;

	if (*s == '-' && e->lo < 0) {
		neg = true;
		s++;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (x > (UINT64_C(1) << 62))
			return -1;
		x = x * 10 + (uint64_t)(*s - '0');
	}
	if (x > (UINT64_C(1) << 62))
		return -1;
	*out = neg ? -(int64_t)x : (int64_t)x;
	return *out < e->lo || *out > e->hi ? -1 : 0;
}

static void fmt_addr(const struct net_addr *a, char *buf, size_t len)
{
	net_addr_fmt(a, buf, len);
	if (a->af == NET_AF_IP6) {
		for (char *p = buf; *p; p++)
			*p = (char)toupper((unsigned char)*p);
	}
}

static int parse_addr(const char *s, int want, struct net_addr *a)
{
	if (net_addr_parse(s, a) < 0)
		return -1;
	return want && a->af != want ? -1 : 0;
}

/* "ADDR/LEN" keeping host bits; want is the family or 0 for either. */
static int parse_addr_len(const char *s, int want, struct cli_val *v)
{
	char addr[NET_ADDR_STRLEN];
	const char *slash = strchr(s, '/');
	size_t alen;
	int64_t len = 0;
	struct cli_elem le = { .lo = 0, .hi = 128 };

	if (!slash)
		return -1;
	alen = (size_t)(slash - s);
	if (alen == 0 || alen >= sizeof(addr))
		return -1;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (parse_addr(addr, want, &v->addr) < 0)
		return -1;
	if (strlen(slash + 1) > 3 || parse_int(&le, slash + 1, &len) < 0)
		return -1;
	if (len > (v->addr.af == NET_AF_IP4 ? 32 : 128))
		return -1;
	v->plen = (uint8_t)len;
	return 0;
}

static int fmt_addr_len(const struct cli_val *v, char *canon, size_t clen)
{
	char a[NET_ADDR_STRLEN];

	fmt_addr(&v->addr, a, sizeof(a));
	snprintf(canon, clen, "%s/%u", a, (unsigned)v->plen);
	return 0;
}

static int parse_mask4(const char *s, struct cli_val *v, char *canon,
		       size_t clen)
{
	struct cli_elem le = { .lo = 0, .hi = 32 };
	struct net_addr m;
	struct net_ip4 ip;
	int64_t len;
	uint32_t bits;

	if (strchr(s, '.')) {
		if (parse_addr(s, NET_AF_IP4, &m) < 0)
			return -1;
		ip = net_addr_ip4(&m);
		len = net_ip4_mask_len(&ip);
		if (len < 0)
			return -1;
	} else if (strlen(s) > 2 || parse_int(&le, s, &len) < 0) {
		return -1;
	}
	v->i = len;
	bits = len ? 0xffffffffu << (32 - len) : 0;
	snprintf(canon, clen, "%u.%u.%u.%u", bits >> 24, (bits >> 16) & 255,
		 (bits >> 8) & 255, bits & 255);
	return 0;
}

static int parse_word(const struct cli_elem *e, const char *s)
{
	size_t n = strlen(s);

	if ((int64_t)n < e->lo || (int64_t)n > e->hi)
		return -1;
	for (; *s; s++) {
		if (!isgraph((unsigned char)*s) || *s == '?')
			return -1;
	}
	return 0;
}

static int parse_value(const struct cli_elem *e, const char *tok,
		       struct cli_val *v, char *canon, size_t clen, char *why,
		       size_t wlen)
{
	static const int fam[] = { [CLI_T_IP4] = NET_AF_IP4,
				   [CLI_T_IP6] = NET_AF_IP6,
				   [CLI_T_IP] = 0,
				   [CLI_T_IP4LEN] = NET_AF_IP4,
				   [CLI_T_IP6LEN] = NET_AF_IP6,
				   [CLI_T_PFX4] = NET_AF_IP4,
				   [CLI_T_PFX6] = NET_AF_IP6,
				   [CLI_T_PFX] = 0 };

	switch (e->type) {
	case CLI_T_INT:
		if (parse_int(e, tok, &v->i) < 0)
			return -1;
		snprintf(canon, clen, "%" PRId64, v->i);
		return 0;
	case CLI_T_IP4:
	case CLI_T_IP6:
	case CLI_T_IP:
		if (parse_addr(tok, fam[e->type], &v->addr) < 0)
			return -1;
		fmt_addr(&v->addr, canon, clen);
		return 0;
	case CLI_T_MASK4:
		return parse_mask4(tok, v, canon, clen);
	case CLI_T_IP4LEN:
	case CLI_T_IP6LEN:
		if (parse_addr_len(tok, fam[e->type], v) < 0)
			return -1;
		return fmt_addr_len(v, canon, clen);
	case CLI_T_PFX4:
	case CLI_T_PFX6:
	case CLI_T_PFX: {
		struct net_prefix p;

		if (parse_addr_len(tok, fam[e->type], v) < 0)
			return -1;
		/* Host bits are cleared, as VRP does for route prefixes. */
		p.addr = v->addr;
		p.len = v->plen;
		net_prefix_normalize(&p);
		v->addr = p.addr;
		return fmt_addr_len(v, canon, clen);
	}
	case CLI_T_MAC:
		if (net_mac_parse(tok, &v->mac) < 0)
			return -1;
		net_mac_fmt_vrp(&v->mac, canon, clen);
		return 0;
	case CLI_T_IFACE:
		return cli_iface_canon(tok, canon, clen, why, wlen);
	case CLI_T_WORD:
	case CLI_T_TEXT:
		if (e->type == CLI_T_WORD ? parse_word(e, tok) < 0
					  : ((int64_t)strlen(tok) < e->lo ||
					     (int64_t)strlen(tok) > e->hi))
			return -1;
		snprintf(canon, clen, "%s", tok);
		return 0;
	default:
		return -1;
	}
}

int cli_type_parse(const struct cli_elem *e, const char *tok, struct cli_val *v,
		   char *canon, size_t clen, char *why, size_t wlen)
{
	memset(v, 0, sizeof(*v));
	why[0] = '\0';
	if (parse_value(e, tok, v, canon, clen, why, wlen) == 0)
		return 0;
	if (!why[0])
		expected(e, why, wlen);
	return -1;
}
