/*
 * The suites of `failsim conform`, in the order `--suite all` runs them
 * (cf.h). No RFC is implemented here; each case cites its own.
 */
#include "conformance/conform/cf.h"

const struct cf_suite *const cf_suites[] = {
	&cf_suite_vrrp, &cf_suite_bfd, &cf_suite_igmp, &cf_suite_mld,
	&cf_suite_pim,	&cf_suite_rbs, NULL,
};
