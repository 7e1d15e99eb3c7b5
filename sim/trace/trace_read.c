/*
 * Capture reading helpers (see trace_read.h).
 */
#include "sim/trace/trace_read.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

int trace_read_each(const char *path, trace_frame_fn fn, void *arg, char *err,
		    size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p = pcap_open_offline(path, perr);
	int dlt;

	if (!p) {
		if (err)
			snprintf(err, errlen, "%s", perr);
		return -1;
	}
	dlt = pcap_datalink(p);
	while (pcap_next_ex(p, &h, &data) == 1)
		fn(arg, dlt, data, h->caplen);
	pcap_close(p);
	return dlt;
}

bool trace_index_column(const char *index_tsv, const char *file, int col,
			char *out, size_t len)
{
	char line[8192];
	FILE *f = fopen(index_tsv, "r");
	size_t flen = strlen(file);
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *c = line, *end;

		if (strncmp(line, file, flen) != 0 || line[flen] != '\t')
			continue;
		for (int i = 0; i < col && c; i++) {
			c = strchr(c, '\t');
			c = c ? c + 1 : NULL;
		}
		if (!c)
			break;
		end = c + strcspn(c, "\t\n");
		*end = '\0';
		snprintf(out, len, "%s", c);
		found = true;
	}
	fclose(f);
	return found;
}
