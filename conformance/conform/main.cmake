# conf_conform: the `failsim conform` command (cf_main.c) and the suite
# table (cf_suites.c) with every suite.
add_library(conf_conform STATIC cf_main.c cf_suites.c)
target_link_libraries(conf_conform PUBLIC conf_conform_core conf_report
	conf_suite_vrrp conf_suite_bfd conf_suite_gmp conf_suite_pim
	conf_suite_rbs)
