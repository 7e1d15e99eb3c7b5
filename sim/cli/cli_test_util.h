/*
 * Test support for the command engine: a fake "widget" module (views and
 * commands exercising every parameter type, optional parts, alternatives,
 * nested views and the undo variants) whose handlers record what they were
 * asked to do, and a fake set of the seed documents' command patterns.
 */
#ifndef CLI_TEST_UTIL_H
#define CLI_TEST_UTIL_H

#include "sim/cli/cli.h"

struct tmod {
	struct cli_out log; /* one line per handler call */
	char fail_on[64];   /* apply fails when the line contains this */
	int applies;
};

/* Views and commands of the widget module (see the .c for the table). */
int tmod_register(struct cli_registry *reg);
/* The seed documents' commands, as a protocol module would register them. */
int tmod_register_seeds(struct cli_registry *reg);

/* Run one line; return the output (valid until the next call). */
const char *tmod_run(struct cli *c, struct cli_out *o, const char *line);

#endif
