/*
 * One rule module alone over the real captures (ck_rules_captest.h):
 * every capture of every folder of FAILSIM_SHARED_DIR/captures is read by
 * the checker's own driver (ck_check_run, every link type it knows), the
 * failing rules and the counts of each capture are printed, the verdicts
 * checked by hand asserted, and the totals per rule printed at the end.
 * No RFC is implemented here.
 */
#include "conformance/check/ck_rules_captest.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_check.h"

#define CAPS FAILSIM_SHARED_DIR "/captures"

/* Rules of a module whose totals are kept (the first ones). */
#define CKC_MAX_RULES 64

/* Totals over every capture, per rule (indexed like p->rules). */
struct total {
	uint64_t checked, failed;
};

/* One run over the captures. */
struct ckc_run {
	const struct ck_proto *p;
	const struct ck_proto *protos[2];
	const struct ckc_want *want;
	size_t nwant;
	struct total totals[CKC_MAX_RULES];
	unsigned nrun; /* captures read */
};

static bool capture_name(const char *n)
{
	size_t l = strlen(n);

	return (l > 5 && !strcmp(n + l - 5, ".pcap")) ||
	       (l > 7 && !strcmp(n + l - 7, ".pcapng"));
}

/* Print the counts and failing rules of capture dir/name, add them up. */
static void report(struct ckc_run *k, const struct ck_ctx *c, const char *dir,
		   const char *name)
{
	const char *pn = k->p->name;

	for (size_t i = 0; i < ck_ncounts(c); i++) {
		const char *what;
		uint64_t n;

		ck_count_at(c, i, &what, &n);
		if (strcmp(what, "frames"))
			printf("%s %s/%s: count %s %llu\n", pn, dir, name, what,
			       (unsigned long long)n);
	}
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (i < k->p->nrules && i < CKC_MAX_RULES) {
			k->totals[i].checked += r->checked;
			k->totals[i].failed += r->failed;
		}
		if (r->failed)
			printf("%s %s/%s: %s %s %llu/%llu: %s\n", pn, dir, name,
			       ck_level_name(r->rule->level), r->rule->id,
			       (unsigned long long)r->failed,
			       (unsigned long long)r->checked,
			       r->nkept ? r->kept[0].detail : "");
	}
}

/* The hand-checked verdicts of capture dir/name. */
static void assert_wanted(const struct ckc_run *k, const struct ck_ctx *c,
			  const char *dir, const char *name)
{
	char full[300];

	snprintf(full, sizeof(full), "%s/%s", dir, name);
	for (size_t i = 0; i < k->nwant; i++) {
		const struct ckc_want *w = &k->want[i];
		const struct ck_result *r;

		if (strcmp(w->file, full))
			continue;
		r = ck_result(c, w->rule);
		assert_non_null(r);
		if ((r->failed != 0) != w->fail)
			fail_msg("%s: %s expected %s, failed %llu of %llu",
				 full, w->rule, w->fail ? "to fail" : "clean",
				 (unsigned long long)r->failed,
				 (unsigned long long)r->checked);
	}
}

/* Check one capture. */
static void run_one(struct ckc_run *k, const char *base, const char *dir,
		    const char *name)
{
	struct ck_check_opts o = { 0 };
	struct ck_ctx *c = NULL;
	char path[512], err[512];

	snprintf(path, sizeof(path), "%s/%s/%s", base, dir, name);
	o.path = path;
	o.protos = k->protos;
	if (ck_check_run(&o, &c, err, sizeof(err)) != 0) {
		printf("%s %s/%s: unreadable (%s)\n", k->p->name, dir, name,
		       err);
		ck_ctx_free(c);
		return;
	}
	k->nrun++;
	report(k, c, dir, name);
	assert_wanted(k, c, dir, name);
	ck_ctx_free(c);
}

/* Check every capture of base/dir. */
static void run_dir(struct ckc_run *k, const char *base, const char *dir)
{
	char path[512];
	struct dirent *e;
	DIR *dp;

	snprintf(path, sizeof(path), "%s/%s", base, dir);
	dp = opendir(path);
	if (!dp)
		return;
	while ((e = readdir(dp)) != NULL)
		if (capture_name(e->d_name))
			run_one(k, base, dir, e->d_name);
	closedir(dp);
}

void ckc_captures(const struct ck_proto *p, const struct ckc_want *want,
		  size_t nwant)
{
	static const char *const dirs[] = { "arp_nd", "bfd", "igmp", "mixed",
					    "mld",    "pim", "tcp",  "vrrp" };
	struct ckc_run k = {
		.p = p,
		.protos = { p, NULL },
		.want = want,
		.nwant = nwant,
	};

	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++)
		run_dir(&k, CAPS, dirs[d]);
	if (getenv("CK_R_EXTRA_CAPS"))
		run_dir(&k, getenv("CK_R_EXTRA_CAPS"), ".");
	if (k.nrun == 0)
		skip();
	for (size_t i = 0; i < p->nrules && i < CKC_MAX_RULES; i++)
		printf("%s total %s: failed %llu of %llu\n", p->name,
		       p->rules[i].id, (unsigned long long)k.totals[i].failed,
		       (unsigned long long)k.totals[i].checked);
}
