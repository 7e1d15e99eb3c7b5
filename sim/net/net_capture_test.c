/*
 * The codecs against real captures: every Ethernet frame of every capture
 * under FAILSIM_SHARED_DIR/captures/{arp_nd,igmp,mld,vrrp,bfd,pim,tcp,mixed}
 * goes through net_dissect from an exact-size heap copy (the sanitizer build
 * proves no out-of-bounds read), including deliberately malformed fuzz
 * regressions. Known facts from captures/INDEX.tsv (tshark's counts of ARP,
 * gratuitous ARP, Neighbor Advertisements, MLD) are then checked against what
 * the dissector found. Skips when the captures are absent. Set
 * NET_CAPTURE_VERBOSE=1 to print per-file counts.
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

#include "sim/trace/trace_read.h"
#include <dirent.h>
#include <pcap/pcap.h>

#include "sim/net/net_dissect.h"

#define CAPTURES FAILSIM_SHARED_DIR "/captures"

static const char *const folders[] = { "arp_nd", "igmp", "mld", "vrrp",
				       "bfd",	 "pim",	 "tcp", "mixed" };

struct counts {
	unsigned frames;   /* DLT_EN10MB frames read */
	unsigned rejected; /* net_dissect returned an error */
	unsigned arp;	   /* ARP decoded */
	unsigned garp;	   /* of which gratuitous */
	unsigned na;	   /* Neighbor Advertisements decoded */
	unsigned na_unsol; /* of which S=0 */
	unsigned mld;	   /* MLD messages (ICMPv6 130, 131, 132, 143) */
	unsigned udp, icmp, icmp6, ra;
	unsigned err[NET_E__COUNT];
};

static void count_frame(struct counts *c, const uint8_t *data, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	struct net_pkt_info pi;

	assert_non_null(copy);
	memcpy(copy, data, len);
	c->frames++;
	if (net_dissect(copy, len, &pi) != NET_OK) {
		c->rejected++;
		c->err[pi.err]++;
	}
	if (net_pkt_has(&pi, NET_LAYER_ARP)) {
		c->arp++;
		c->garp += net_arp_is_gratuitous(&pi.arp);
	}
	if (pi.has_nd && pi.nd.type == NET_ICMP6_ND_NA) {
		c->na++;
		c->na_unsol += !pi.nd.solicited;
	}
	if (net_pkt_has(&pi, NET_LAYER_ICMP6)) {
		uint8_t t = pi.icmp6.type;

		c->mld +=
			(t >= NET_ICMP6_MLD_QUERY && t <= NET_ICMP6_MLD_DONE) ||
			t == NET_ICMP6_MLD2_REPORT;
	}
	c->udp += net_pkt_has(&pi, NET_LAYER_UDP);
	c->icmp += net_pkt_has(&pi, NET_LAYER_ICMP);
	c->icmp6 += net_pkt_has(&pi, NET_LAYER_ICMP6);
	c->ra += pi.router_alert;
	free(copy);
}

static void each_frame(void *arg, int dlt, const uint8_t *data, size_t len)
{
	if (dlt == DLT_EN10MB)
		count_frame(arg, data, len);
}

/* Dissect one capture; false when it is not Ethernet or unreadable. */
static bool read_capture(const char *path, struct counts *c)
{
	memset(c, 0, sizeof(*c));
	return trace_read_each(path, each_frame, c, NULL, 0) == DLT_EN10MB;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void test_all_captures(void **state)
{
	struct counts total, c;
	unsigned files = 0;
	bool verbose = getenv("NET_CAPTURE_VERBOSE") != NULL;

	(void)state;
	memset(&total, 0, sizeof(total));
	for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
		char dir[512];
		struct dirent *de;
		DIR *d;

		snprintf(dir, sizeof(dir), "%s/%s", CAPTURES, folders[i]);
		d = opendir(dir);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			char path[1024];

			if (!has_suffix(de->d_name, ".pcap") &&
			    !has_suffix(de->d_name, ".pcapng"))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			if (!read_capture(path, &c))
				continue;
			files++;
			if (verbose)
				printf("%s/%s frames=%u rejected=%u arp=%u "
				       "garp=%u na=%u na_unsol=%u udp=%u "
				       "icmp=%u icmp6=%u ra=%u\n",
				       folders[i], de->d_name, c.frames,
				       c.rejected, c.arp, c.garp, c.na,
				       c.na_unsol, c.udp, c.icmp, c.icmp6,
				       c.ra);
			total.frames += c.frames;
			total.rejected += c.rejected;
			total.arp += c.arp;
			total.udp += c.udp;
			total.icmp6 += c.icmp6;
			for (int e = 0; e < NET_E__COUNT; e++)
				total.err[e] += c.err[e];
		}
		closedir(d);
	}
	if (files == 0)
		skip();
	if (verbose)
		for (int e = 1; e < NET_E__COUNT; e++)
			if (total.err[e])
				printf("  %s: %u\n",
				       net_err_name((enum net_err)e),
				       total.err[e]);
	printf("%u Ethernet captures, %u frames, %u rejected\n", files,
	       total.frames, total.rejected);
	/* Most real traffic is well formed. */
	assert_true(total.frames > 10000);
	assert_true(total.rejected < total.frames / 10);
	assert_true(total.arp > 100 && total.udp > 1000 && total.icmp6 > 50);
}

/* One field of INDEX.tsv's packets_by_protocol ("arp=4 tcp=14"). */
static bool index_count(const char *file, const char *key, unsigned *out)
{
	char line[8192], pat[64];
	FILE *f = fopen(CAPTURES "/INDEX.tsv", "r");
	bool found = false;

	if (!f)
		return false;
	snprintf(pat, sizeof(pat), " %s=", key);
	while (!found && fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		char *col = line, *p;

		if (!tab || (size_t)(tab - line) != strlen(file) ||
		    strncmp(line, file, strlen(file)) != 0)
			continue;
		/* Column 6 (1-based) is packets_by_protocol. */
		for (int i = 0; i < 5 && col; i++) {
			col = strchr(col, '\t');
			if (col)
				col++;
		}
		found = true;
		*out = 0;
		if (!col)
			break;
		/* Match at the column start or after a space. */
		line[strcspn(line, "\n")] = '\0';
		tab = strchr(col, '\t');
		if (tab)
			*tab = '\0';
		if (strncmp(col, pat + 1, strlen(pat + 1)) == 0)
			p = col + strlen(pat + 1);
		else if ((p = strstr(col, pat)))
			p += strlen(pat);
		if (p)
			*out = (unsigned)strtoul(p, NULL, 10);
	}
	fclose(f);
	return found;
}

static void test_index_facts(void **state)
{
	static const struct {
		const char *file;
		const char *key;
	} facts[] = {
		{ "arp_nd/zeek_arp-who-has.pcap", "arp" },
		{ "arp_nd/zeek_communityid_arp.pcap", "arp" },
		{ "arp_nd/pcpp_ArpRequestWithVlan.pcap", "arp" },
		{ "arp_nd/pcpp_ArpResponsePacket.pcap", "arp" },
		{ "arp_nd/sv_arp_detect-arp-03-vlan__input.pcap", "arp" },
		{ "arp_nd/sv_decode-arp-2__arp.pcap", "arp" },
		{ "mixed/eapon1.pcap", "arp" },
		{ "mixed/eapon1.pcap", "garp" },
		{ "mixed/ndpi_iphone.pcap", "garp" },
		{ "arp_nd/pcpp_IcmpV6_NeighAdvSoli.pcap", "nd_na" },
		{ "arp_nd/pcpp_IcmpV6_NeighAdvSoli.pcap", "nd_na_unsolicited" },
		{ "arp_nd/zeek_icmp_icmp6-nd-options.pcap", "nd_na" },
		{ "arp_nd/zeek_icmp_icmp6-neighbor-advert.pcap",
		  "nd_na_unsolicited" },
		{ "arp_nd/zeek_icmp_icmp6-nd-options.pcap", "mld" },
		{ "mld/zeek_icmp_icmp6-mldv1.pcap", "mld" },
		{ "mld/zeek_icmp_icmp6-mldv2.pcap", "mld" },
		{ "mld/zeek_icmp_icmp6-mld-query.pcap", "mld" },
	};
	unsigned checked = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		char path[1024];
		unsigned want, got;
		struct counts c;

		if (!index_count(facts[i].file, facts[i].key, &want))
			continue;
		snprintf(path, sizeof(path), "%s/%s", CAPTURES, facts[i].file);
		if (!read_capture(path, &c))
			continue;
		if (strcmp(facts[i].key, "arp") == 0)
			got = c.arp;
		else if (strcmp(facts[i].key, "garp") == 0)
			got = c.garp;
		else if (strcmp(facts[i].key, "mld") == 0)
			got = c.mld;
		else if (strcmp(facts[i].key, "nd_na") == 0)
			got = c.na;
		else
			got = c.na_unsol;
		if (got != want)
			fail_msg("%s: %s=%u, INDEX.tsv says %u", facts[i].file,
				 facts[i].key, got, want);
		checked++;
	}
	if (checked == 0)
		skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_captures),
		cmocka_unit_test(test_index_facts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
