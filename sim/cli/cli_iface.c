/*
 * Interface names as VRP accepts them: a type (full, abbreviated to any
 * unambiguous prefix, or a short alias such as "GE"), case-insensitive, an
 * optional space, then the number ("0/1/0" for physical ports, "0" for
 * logical ones) and an optional ".N" sub-interface. The canonical form is the
 * one VRP displays: "GigabitEthernet0/1/0", "LoopBack0", "Eth-Trunk1.100".
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sim/cli/cli_impl.h"

enum iface_kind {
	IF_PHYS,    /* slot/card/port or slot/port, sub-interfaces allowed */
	IF_TRUNK,   /* one number, sub-interfaces allowed */
	IF_LOGICAL, /* one number, no sub-interface */
	IF_TUNNEL,  /* one or three numbers */
};

struct iface_type {
	const char *name;  /* canonical spelling */
	const char *alias; /* extra accepted spelling, or NULL */
	enum iface_kind kind;
	long lo, hi; /* range of a one-number interface */
};

static const struct iface_type iface_types[] = {
	{ "Ethernet", NULL, IF_PHYS, 0, 0 },
	{ "GigabitEthernet", "GE", IF_PHYS, 0, 0 },
	{ "XGigabitEthernet", "XGE", IF_PHYS, 0, 0 },
	{ "10GE", NULL, IF_PHYS, 0, 0 },
	{ "25GE", NULL, IF_PHYS, 0, 0 },
	{ "40GE", NULL, IF_PHYS, 0, 0 },
	{ "100GE", NULL, IF_PHYS, 0, 0 },
	{ "Eth-Trunk", NULL, IF_TRUNK, 0, 65535 },
	{ "LoopBack", NULL, IF_LOGICAL, 0, 65535 },
	{ "Vlanif", NULL, IF_LOGICAL, 1, 4094 },
	{ "NULL", NULL, IF_LOGICAL, 0, 0 },
	{ "Tunnel", NULL, IF_TUNNEL, 0, 65535 },
};

#define N_TYPES (sizeof(iface_types) / sizeof(iface_types[0]))

/* Resolve a type word of length n: 0 found, -1 unknown, -2 ambiguous. */
static int iface_type_lookup(const char *w, size_t n,
			     const struct iface_type **out)
{
	const struct iface_type *hit = NULL;
	int hits = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < N_TYPES; i++) {
		const struct iface_type *t = &iface_types[i];

		if ((strlen(t->name) == n && !strncasecmp(t->name, w, n)) ||
		    (t->alias && strlen(t->alias) == n &&
		     !strncasecmp(t->alias, w, n))) {
			*out = t;
			return 0;
		}
	}
	for (size_t i = 0; i < N_TYPES; i++) {
		if (strlen(iface_types[i].name) > n &&
		    !strncasecmp(iface_types[i].name, w, n)) {
			hit = &iface_types[i];
			hits++;
		}
	}
	if (hits == 1) {
		*out = hit;
		return 0;
	}
	return hits ? -2 : -1;
}

/* Parse up to max "/"-separated decimal numbers; returns count or -1. */
static int parse_numbers(const char *s, size_t n, long *v, int max)
{
	int cnt = 0;
	size_t i = 0;

	while (i < n) {
		long x = 0;
		size_t digits = 0;

		if (cnt == max)
			return -1;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (x > 999999)
				return -1;
			x = x * 10 + (s[i] - '0');
			i++;
			digits++;
		}
		if (digits == 0)
			return -1;
		v[cnt++] = x;
		if (i < n) {
			if (s[i] != '/' || i + 1 == n)
				return -1;
			i++;
		}
	}
	return cnt;
}

static int check_numbers(const struct iface_type *t, const long *v, int cnt,
			 char *why, size_t wlen)
{
	switch (t->kind) {
	case IF_PHYS:
		if (cnt < 2 || cnt > 3) {
			snprintf(why, wlen,
				 "%s needs slot/card/port, e.g. %s0/1/0",
				 t->name, t->name);
			return -1;
		}
		for (int i = 0; i < cnt; i++) {
			if (v[i] > 65535) {
				snprintf(why, wlen, "%s number out of range",
					 t->name);
				return -1;
			}
		}
		return 0;
	case IF_TUNNEL:
		if (cnt != 1 && cnt != 3) {
			snprintf(why, wlen, "Tunnel needs 1 or 3 numbers");
			return -1;
		}
		for (int i = 0; i < cnt; i++) {
			if (v[i] > t->hi) {
				snprintf(why, wlen, "Tunnel number too large");
				return -1;
			}
		}
		return 0;
	default:
		if (cnt != 1 || v[0] < t->lo || v[0] > t->hi) {
			snprintf(why, wlen, "%s takes one number %ld-%ld",
				 t->name, t->lo, t->hi);
			return -1;
		}
		return 0;
	}
}

/* Split "GE0/1/0.5" into type word and number part (starting at a digit). */
static size_t split_number(const char *in, size_t n)
{
	size_t i = n;

	while (i > 0 && ((in[i - 1] >= '0' && in[i - 1] <= '9') ||
			 in[i - 1] == '/' || in[i - 1] == '.'))
		i--;
	/* The number must start with a digit ("10GE1/0/1": "1/0/1"). */
	while (i < n && (in[i] < '0' || in[i] > '9'))
		i++;
	return i;
}

static int fmt_iface(const struct iface_type *t, const long *v, int cnt,
		     long sub, char *out, size_t len)
{
	size_t o;
	int w = snprintf(out, len, "%s", t->name);

	if (w < 0 || (size_t)w >= len)
		return -1;
	o = (size_t)w;
	for (int i = 0; i < cnt; i++) {
		w = snprintf(out + o, len - o, "%s%ld", i ? "/" : "", v[i]);
		if (w < 0 || (size_t)w >= len - o)
			return -1;
		o += (size_t)w;
	}
	if (sub >= 0) {
		w = snprintf(out + o, len - o, ".%ld", sub);
		if (w < 0 || (size_t)w >= len - o)
			return -1;
	}
	return 0;
}

static int parse_sub(const char *s, size_t n, long *sub)
{
	long x = 0;

	if (n == 0 || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	if (x < 1 || x > 65535)
		return -1;
	*sub = x;
	return 0;
}

int cli_iface_canon(const char *in, char *out, size_t len, char *why,
		    size_t wlen)
{
	char tmp[CLI_KEY_MAX];
	const struct iface_type *t = NULL;
	size_t n, k = 0, split, dot;
	long v[3], sub = -1;
	int cnt, rc;

	/* Drop one run of blanks between type and number. */
	for (n = 0; in[n]; n++) {
		if (k + 1 >= sizeof(tmp)) {
			snprintf(why, wlen, "interface name too long");
			return -1;
		}
		if (in[n] != ' ' && in[n] != '\t')
			tmp[k++] = in[n];
	}
	tmp[k] = '\0';
	split = split_number(tmp, k);
	rc = iface_type_lookup(tmp, split, &t);
	if (rc == -2) {
		snprintf(why, wlen, "ambiguous interface type '%.*s'",
			 (int)split, tmp);
		return -1;
	}
	if (rc < 0 || split == k) {
		if (rc == 0)
			snprintf(why, wlen, "%s needs a number", t->name);
		else
			snprintf(why, wlen,
				 "expected an interface name such as "
				 "GigabitEthernet0/1/0");
		return -1;
	}
	dot = split;
	while (dot < k && tmp[dot] != '.')
		dot++;
	cnt = parse_numbers(tmp + split, dot - split, v, 3);
	if (cnt < 0) {
		snprintf(why, wlen, "bad interface number '%s'", tmp + split);
		return -1;
	}
	if (check_numbers(t, v, cnt, why, wlen) < 0)
		return -1;
	if (dot < k) {
		if (t->kind != IF_PHYS && t->kind != IF_TRUNK) {
			snprintf(why, wlen, "%s has no sub-interfaces",
				 t->name);
			return -1;
		}
		if (parse_sub(tmp + dot + 1, k - dot - 1, &sub) < 0) {
			snprintf(why, wlen,
				 "bad sub-interface number (1-65535)");
			return -1;
		}
	}
	if (fmt_iface(t, v, cnt, sub, out, len) < 0) {
		snprintf(why, wlen, "interface name too long");
		return -1;
	}
	return 0;
}

bool cli_iface_is_type_word(const char *word)
{
	const struct iface_type *t;
	size_t n = strlen(word);

	if (n == 0 || split_number(word, n) != n)
		return false;
	return iface_type_lookup(word, n, &t) == 0;
}
