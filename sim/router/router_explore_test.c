#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include "sim/router/router_testutil.h"

static void t1(void **s)
{
	const char *cfgs[] = { "system-view\ninterface GigabitEthernet0/9/0\n "
			       "ip address 10.0.0.1 24\ncommit\n",
			       "system-view\ninterface GigabitEthernet0/1/0\n "
			       "ip address 10.0.0.300 24\ncommit\n",
			       "system-view\ninterface GigabitEthernet0/1/0\n "
			       "ip address 10.0.0.0 24\ncommit\n",
			       "system-view\nip route-static 10.0.2.1 "
			       "255.255.255.0 10.0.1.2\ncommit\n",
			       "system-view\ninterface GigabitEthernet0/1/0\n "
			       "ipv6 address 2001:db8::1 64\ncommit\n",
			       "system-view\ninterface GigabitEthernet0/1/0\n "
			       "ip address 10.0.0.1 24\n",
			       "system-view\nip route-static 10.0.2.0 24 "
			       "GigabitEthernet0/7/0\ncommit\n",
			       "system-view\ninterface GigabitEthernet0/1/0\n "
			       "igmp static-group 224.0.0.5\ncommit\n",
			       NULL };
	(void)s;
	for (int i = 0; cfgs[i]; i++) {
		struct rtest t;
		const char *ports[] = { "GE0/1/0", NULL };
		char err[2048];
		rtest_init(&t, 1);
		struct router *r = rtest_router(&t, "R1", cfgs[i], ports);
		int rc = router_boot(r, err, sizeof(err));
		printf("==== %d rc %d\n%s\n", i, rc, err);
		rtest_fini(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(t1) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
