/*
 * Protocol modules on hosts and switches (the router's are
 * sim/router/router_module.h). A module describes itself with one const
 * struct node_module; the program lists the modules it wants in one
 * explicit table (STYLE.md point 9) and the world attaches each to every
 * node of the module's kind after the node is built and configured, before
 * time 0. The module decides from the node's configuration whether it has
 * anything to do there (e.g. snooping only on switches that enable it).
 */
#ifndef NODE_MODULE_H
#define NODE_MODULE_H

#include "sim/node/node.h"

struct node_module {
	const char *name;
	enum node_kind kind; /* NODE_HOST or NODE_SWITCH */
	/* Attach to n: 0 with *state set (NULL when the module has nothing
	 * to do on n), or -1 on failure (the world fails to build). */
	int (*attach)(struct node *n, void **state);
	/* Free the state at teardown, silently. */
	void (*detach)(void *state);
};

#endif
