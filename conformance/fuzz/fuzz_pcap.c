/*
 * libFuzzer harness of the capture reader and the whole check: the input
 * is a capture file (pcap or pcapng), handed to libpcap through an
 * in-memory file (memfd) and checked with every module, then reported in
 * all three formats to /dev/null. Any outcome but a crash, a hang or an
 * out-of-bounds read is fine: unreadable input is exit status 2.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "conformance/check/ck_check.h"
#include "conformance/fuzz/fuzz.h"
#include "conformance/report/ck_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz.pcap", 0);
	struct ck_check_opts o = { .protos = ck_check_protos };
	struct ck_ctx *c = NULL;
	char path[64], err[512];
	FILE *null;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		o.path = path;
		if (ck_check_run(&o, &c, err, sizeof(err)) == 0 && c &&
		    (null = fopen("/dev/null", "w"))) {
			ck_report_write(c, CK_FMT_TEXT, true, null);
			ck_report_write(c, CK_FMT_JSON, false, null);
			ck_report_write(c, CK_FMT_JUNIT, false, null);
			fclose(null);
		}
	}
	ck_ctx_free(c);
	close(fd);
	return 0;
}
