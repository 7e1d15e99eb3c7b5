# The run writers (text, JSON, JUnit XML) in conf_report, and their test.
target_sources(conf_report PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ck_report.c)
failsim_test(ck_report_test SOURCES ck_report_test.c LIBS conf_report)
