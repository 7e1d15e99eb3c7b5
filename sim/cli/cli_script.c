/*
 * Multi-line configuration texts: a scenario's per-node config, or a
 * factory configuration loaded straight into the running configuration.
 * Lines are run one by one with the source name and line number recorded,
 * so any error (including a commit failure later in the script) points at
 * file:line:column of the line concerned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

int cli_source_intern(struct cli *c, const char *name)
{
	char **p, *s;

	for (int i = 0; i < c->nsources; i++) {
		if (!strcmp(c->sources[i], name))
			return i;
	}
	s = strdup(name);
	p = realloc(c->sources, (size_t)(c->nsources + 1) * sizeof(*p));
	if (!s || !p) {
		free(s);
		if (p)
			c->sources = p;
		return -1;
	}
	c->sources = p;
	c->sources[c->nsources] = s;
	return c->nsources++;
}

int cli_exec_script(struct cli *c, const char *text, const char *source,
		    int first_line, struct cli_out *out, struct cli_err *err)
{
	char buf[CLI_LINE_MAX + 2];
	const char *p = text;
	int lineno = first_line, rc = 0;
	int saved_src = c->cur_src, saved_line = c->cur_line;

	if (c->busy) {
		cli_set_err(c, CLI_ERR_STATE, 0, "",
			    "cli_exec_script called from a command handler");
		goto fail;
	}
	c->cur_src = source ? cli_source_intern(c, source) : -1;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		c->cur_line = lineno;
		if (n > CLI_LINE_MAX) {
			snprintf(buf, sizeof(buf), "%.*s", CLI_LINE_MAX, p);
			cli_set_err(c, CLI_ERR_TOO_LONG, 0, buf, "");
			snprintf(c->err.reason, sizeof(c->err.reason),
				 "more than %d characters", CLI_LINE_MAX);
			rc = -1;
			break;
		}
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (cli_exec(c, buf, out) < 0) {
			rc = -1;
			break;
		}
		lineno++;
		p = nl ? nl + 1 : NULL;
	}
	c->cur_src = saved_src;
	c->cur_line = saved_line;
	if (rc == 0)
		return 0;
fail:
	if (err)
		*err = c->err;
	return -1;
}

int cli_load_running(struct cli *c, const char *text, const char *source,
		     struct cli_err *err)
{
	int rc;

	if (c->ncand || c->busy) {
		cli_set_err(c, CLI_ERR_STATE, 0, "",
			    c->busy ? "cli_load_running called from a handler"
				    : "uncommitted lines are pending");
		if (err)
			*err = c->err;
		return -1;
	}
	c->preload = true;
	cli_leave_to(c, 1);
	rc = cli_exec_script(c, text, source, 1, NULL, err);
	c->preload = false;
	cli_leave_to(c, 0);
	return rc;
}
