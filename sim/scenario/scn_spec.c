/*
 * The scenario spec's life cycle and small queries: freeing every owned
 * string and array (also of a half-filled spec, as the loader leaves it on
 * error), the --duration override, name lookups, the documented ASIC
 * profile defaults, and "file:line:col: message" formatting for errors that
 * later stages find in a loaded scenario.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

void scn_profile_defaults(struct scn_profile *p)
{
	p->pipeline_latency = SIM_US(2);
	p->replication_latency = SIM_NS(100);
	p->punt_latency = SIM_US(30);
	p->inject_latency = SIM_US(20);
	p->cpu_pps = 20000;
	p->cpu_queue = 1024;
	p->fib_write = SIM_US(5);
	p->mfib_write = SIM_US(20);
	p->oif_write = SIM_US(10);
	p->adj_write = SIM_US(5);
	p->batch_overhead = SIM_US(100);
	p->link_detect = SIM_MS(5);
	p->egress_queue = 1000;
}

static void scn_node_free(struct scn_node *n)
{
	size_t i;

	free(n->name);
	free(n->router.model);
	free(n->router.config);
	for (i = 0; i < n->host.nifaces; i++)
		free(n->host.ifaces[i].name);
	free(n->host.ifaces);
}

static void scn_traffic_free(struct scn_spec *s)
{
	size_t i, j;

	for (i = 0; i < s->nmcast; i++) {
		free(s->mcast[i].name);
		free(s->mcast[i].source);
	}
	free(s->mcast);
	for (i = 0; i < s->nreceivers; i++) {
		for (j = 0; j < s->receivers[i].nstreams; j++)
			free(s->receivers[i].streams[j]);
		free(s->receivers[i].streams);
		free(s->receivers[i].stream_idx);
		free(s->receivers[i].sources);
		free(s->receivers[i].host);
	}
	free(s->receivers);
	for (i = 0; i < s->nunicast; i++) {
		free(s->unicast[i].name);
		free(s->unicast[i].from);
		free(s->unicast[i].to);
	}
	free(s->unicast);
}

void scn_spec_free(struct scn_spec *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nprofiles; i++)
		free(s->profiles[i].name);
	free(s->profiles);
	for (i = 0; i < s->nnodes; i++)
		scn_node_free(&s->nodes[i]);
	free(s->nodes);
	for (i = 0; i < s->nlinks; i++) {
		free(s->links[i].name);
		free(s->links[i].a.node);
		free(s->links[i].a.iface);
		free(s->links[i].b.node);
		free(s->links[i].b.iface);
	}
	free(s->links);
	scn_traffic_free(s);
	for (i = 0; i < s->nfaults; i++) {
		free(s->faults[i].label);
		free(s->faults[i].target);
		free(s->faults[i].iface);
		free(s->faults[i].command);
	}
	free(s->faults);
	for (i = 0; i < s->ncaptures; i++) {
		free(s->captures[i].name);
		free(s->captures[i].link);
	}
	free(s->captures);
	for (i = 0; i < s->ndisplays; i++) {
		free(s->displays[i].name);
		free(s->displays[i].node);
		free(s->displays[i].command);
	}
	free(s->displays);
	free(s->file);
	free(s->name);
	free(s->description);
	free(s);
}

void scn_spec_set_duration(struct scn_spec *s, sim_time_t duration)
{
	size_t i;

	s->duration = duration;
	for (i = 0; i < s->nmcast; i++)
		if (!s->mcast[i].stop_given)
			s->mcast[i].stop = duration;
	for (i = 0; i < s->nunicast; i++)
		if (!s->unicast[i].stop_given)
			s->unicast[i].stop = duration;
}

int scn_node_find(const struct scn_spec *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nnodes; i++)
		if (strcmp(s->nodes[i].name, name) == 0)
			return (int)i;
	return SCN_NONE;
}

int scn_link_find(const struct scn_spec *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nlinks; i++)
		if (strcmp(s->links[i].name, name) == 0)
			return (int)i;
	return SCN_NONE;
}

int scn_mcast_find(const struct scn_spec *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nmcast; i++)
		if (strcmp(s->mcast[i].name, name) == 0)
			return (int)i;
	return SCN_NONE;
}

int scn_profile_find(const struct scn_spec *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nprofiles; i++)
		if (strcmp(s->profiles[i].name, name) == 0)
			return (int)i;
	return SCN_NONE;
}

int scn_vferr(const char *file, struct scn_loc loc, char *buf, size_t len,
	      const char *fmt, va_list ap)
{
	int n;

	if (buf == NULL || len == 0)
		return -1;
	if (file == NULL)
		file = "<scenario>";
	if (loc.line == 0)
		n = snprintf(buf, len, "%s: ", file);
	else if (loc.col == 0)
		n = snprintf(buf, len, "%s:%u: ", file, loc.line);
	else
		n = snprintf(buf, len, "%s:%u:%u: ", file, loc.line, loc.col);
	if (n >= 0 && (size_t)n < len)
		vsnprintf(buf + n, len - (size_t)n, fmt, ap);
	return -1;
}

int scn_spec_errf(const struct scn_spec *spec, struct scn_loc loc, char *buf,
		  size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scn_vferr(spec ? spec->file : NULL, loc, buf, len, fmt, ap);
	va_end(ap);
	return -1;
}

int scn_ferr(const char *file, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scn_vferr(file, (struct scn_loc){ 0, 0 }, buf, len, fmt, ap);
	va_end(ap);
	return -1;
}
