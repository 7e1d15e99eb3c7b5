/*
 * failsim's own traces for the rule modules' tests (ck_rules_captest.h):
 * a scenario run with the real routers and protocol modules, its links
 * captured to pcap files in a folder by the simulator, and the folder
 * removed afterwards. No RFC is implemented here.
 */
#include "conformance/check/ck_rules_captest.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "sim/run/sim_world.h"
#include "sim/scenario/scn_spec.h"

void ckc_run_scenario(const char *text, const char *path, const char *dir)
{
	struct sim_opts o = { .modules = protocols_all, .quiet = true };
	struct scn_spec *spec;
	struct sim_world *w;
	char err[2048];
	int rc = text ? scn_load_string(text, "t.yaml", &spec, err, sizeof(err))
		      : scn_load_file(path, &spec, err, sizeof(err));

	if (rc != 0)
		fail_msg("%s", err);
	w = sim_world_new(spec, &o, NULL, err, sizeof(err));
	if (!w)
		fail_msg("%s", err);
	if (sim_world_open_captures(w, dir, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	sim_world_run(w, sim_world_duration(w));
	if (sim_world_close_captures(w, true, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	sim_world_free(w);
	scn_spec_free(spec);
}

void ckc_remove_dir(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	char path[600];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}
