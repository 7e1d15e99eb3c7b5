/*
 * Internal state of BFD on a router, shared by bfd_router.c (transport,
 * sessions, watchers) and bfd_cli.c (commands and displays).
 */
#ifndef BFD_ROUTER_INT_H
#define BFD_ROUTER_INT_H

#include "protocols/bfd/bfd_router.h"

#define BFD_MAX_WATCHERS 64

/* A configured static session ("bfd NAME bind ..."). */
struct bfd_rsess {
	struct bfd_inst *b;
	char name[BFD_NAME_MAX];
	struct net_addr peer, src; /* src af NET_AF_NONE: not given */
	int ifindex;		   /* "interface" / "track-interface", or -1 */
	bool track;		   /* bound with track-interface */
	bool multihop;		   /* RFC 5883: decided when it starts */
	int out_ifindex;	   /* single hop: the interface used */
	uint16_t sport;		   /* UDP source port, from 49152 */
	struct bfd_session_cfg cfg;
	struct bfd_session *s; /* running once "discriminator local" is set */
};

struct bfd_watcher {
	int id; /* 0: free slot */
	char name[BFD_NAME_MAX];
	uint32_t disc;
	bfd_listen_fn fn;
	void *arg;
	struct bfd_session *on; /* session listened to, if any */
};

struct bfd_inst {
	struct router *r;
	bool enabled; /* "bfd" in the system view */
	bool offload; /* "hardware-offload": sessions run in the ASIC */
	struct bfd_rsess **sess;
	size_t nsess, capsess;
	struct bfd_watcher watch[BFD_MAX_WATCHERS];
	int next_watch;
	uint16_t next_sport;
	uint64_t rx_packets, rx_malformed, rx_no_session, rx_wrong_port;
};

struct bfd_rsess *bfd_rsess_find(struct bfd_inst *b, const char *name);
struct bfd_rsess *bfd_rsess_add(struct bfd_inst *b, const char *name);
void bfd_rsess_del(struct bfd_inst *b, struct bfd_rsess *rs);
/* Start (or restart, after a change that needs it) the session. */
int bfd_rsess_start(struct bfd_rsess *rs, char *why, size_t whylen);
void bfd_rsess_stop(struct bfd_rsess *rs);
void bfd_set_offload(struct bfd_inst *b, bool on);
int bfd_cli_register(struct cli_registry *reg);

#endif
