/*
 * Internal structures of the command engine, shared by its files: the
 * compiled pattern program (a tiny token-level VM: keyword, parameter,
 * split, jump, match), the registry tables, the matcher's scratch space and
 * result, the running-configuration tree and the candidate list. Nothing
 * here is part of the public API in cli.h.
 */
#ifndef CLI_IMPL_H
#define CLI_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/cli/cli.h"
#include "sim/net/net_addr.h"

/* ---- parameter types (cli_types.c) ---- */
enum cli_ptype {
	CLI_T_INT,
	CLI_T_IP4,
	CLI_T_IP6,
	CLI_T_IP,
	CLI_T_MASK4,
	CLI_T_IP4LEN,
	CLI_T_IP6LEN,
	CLI_T_PFX4,
	CLI_T_PFX6,
	CLI_T_PFX,
	CLI_T_MAC,
	CLI_T_IFACE,
	CLI_T_WORD,
	CLI_T_TEXT,
};

struct cli_elem {
	char *text; /* keyword, or parameter name */
	bool is_kw;
	uint8_t type; /* enum cli_ptype for parameters */
	int64_t lo, hi;
};

struct cli_val {
	int64_t i; /* int; mask4: the prefix length */
	struct net_addr addr;
	uint8_t plen; /* prefix/len types */
	struct net_mac mac;
};

/*
 * Parse one token of parameter type e. On success the canonical text goes
 * to canon and the value to v; on failure why says what was expected.
 */
int cli_type_parse(const struct cli_elem *e, const char *tok, struct cli_val *v,
		   char *canon, size_t clen, char *why, size_t wlen);
/* "integer 1-255", "IPv4 address", ... for errors and "?" */
void cli_type_describe(const struct cli_elem *e, char *buf, size_t len);
/* Map "int", "ip4", ... to a type; -1 if unknown. */
int cli_type_by_name(const char *name);
bool cli_type_has_range(int type);

/* The interface type alone ("gigabitethernet", "GE"), for two-word names. */
bool cli_iface_is_type_word(const char *word);

/* ---- compiled patterns (cli_pattern.c) ---- */
enum cli_op { CLI_OP_KW, CLI_OP_PARAM, CLI_OP_SPLIT, CLI_OP_JMP, CLI_OP_MATCH };

struct cli_insn {
	uint8_t op;
	uint16_t elem; /* KW, PARAM */
	uint16_t x, y; /* SPLIT: x preferred; JMP: x */
};

struct cli_prog {
	struct cli_elem *elems;
	int nelem;
	struct cli_insn *insns;
	int ninsn;
};

int cli_pattern_compile(const char *pattern, struct cli_prog *p, char *err,
			size_t elen);
void cli_prog_free(struct cli_prog *p);
/* Index of the parameter named name, or -1. */
int cli_prog_param(const struct cli_prog *p, const char *name);

/* ---- registry (cli_registry.c) ---- */
struct cli_rview {
	char *name;
	int parent; /* -1 for the user view */
	char *prompt;
};

struct cli_rcmd {
	struct cli_cmd def;
	int view;	/* -1 with CLI_ANY_VIEW */
	int enter_view; /* CLI_ENTER, else -1 */
	int key_elem;	/* CLI_ENTER: element naming the instance, or -1 */
	int undo_min;	/* undo: fewest elements, -1 = whole pattern */
	int base;	/* offset of insn 0 among all commands' insns */
	const char *first_kw; /* the pattern's first keyword */
	bool builtin;	      /* engine command: runs even when preloading */
	struct cli_prog prog;
};

struct cli_registry {
	struct cli_rview *views;
	int nviews, capviews;
	struct cli_rcmd *cmds;
	int ncmds, capcmds;
	int total_insns;
	char err[256];
};

#define CLI_V_USER   0
#define CLI_V_SYSTEM 1

bool cli_view_below(const struct cli_registry *reg, int view, int anc);
bool cli_cmd_in_view(const struct cli_registry *reg, const struct cli_rcmd *rc,
		     int view);
int cli_view_find(const struct cli_registry *reg, const char *name);
int cli_builtin_register(struct cli_registry *reg);
int cli_source_intern(struct cli *c, const char *name);

/* ---- tokens and matching (cli_match.c) ---- */
struct cli_tokens {
	const char *line;
	int n;
	int start[CLI_MAX_TOKENS];
	int len[CLI_MAX_TOKENS];
	char buf[2 * CLI_LINE_MAX + CLI_MAX_TOKENS + 8]; /* NUL-ended */
	const char *tok[CLI_MAX_TOKENS];
};

struct cli_perr {
	enum cli_err_code code;
	int tok; /* offending token, n for "end of line" */
	int col; /* 0-based byte offset into the line */
	char reason[CLI_REASON_MAX];
};

int cli_tokenize(const char *line, struct cli_tokens *t, struct cli_perr *pe);

struct cli_cap {
	uint16_t elem;
	uint8_t tok, ntok; /* ntok 0: to the end of the line (text) */
	int parent;	   /* previous capture, -1 at the start */
};

struct cli_thread {
	int cmd;
	uint16_t pc;
	uint8_t pend; /* interface type seen, number expected */
	uint8_t nel;  /* elements consumed */
	int cap;      /* last capture, -1 if none */
};

struct cli_scratch {
	uint32_t *mark; /* per (insn, pend) generation stamp */
	size_t nmark;
	uint32_t gen;
	struct cli_thread *t[2];
	size_t tcap[2];
	struct cli_cap *caps;
	size_t ncaps, capcaps;
};

void cli_scratch_free(struct cli_scratch *s);

#define CLI_MAX_MATCH 8

struct cli_match {
	bool undo;
	int n; /* commands matched (several only for undo lines) */
	struct cli_thread th[CLI_MAX_MATCH];
};

/*
 * Match tokens [first, n) against the commands of view (only_cmd >= 0:
 * just that one). undo: undo forms only. 0 or -1 with pe filled in.
 */
int cli_match(const struct cli_registry *reg, struct cli_scratch *s, int view,
	      const struct cli_tokens *t, int first, bool undo, int only_cmd,
	      struct cli_match *m, struct cli_perr *pe);
/* Whether token 0 selects the undo form in view; -1 if ambiguous. */
int cli_match_undo_word(const struct cli_registry *reg, int view,
			const struct cli_tokens *t, struct cli_perr *pe);
/*
 * "?" help: list what may follow tokens [first, n) (partial: only keywords
 * starting so). 0, or -1 with pe when the words before do not parse.
 */
int cli_help(const struct cli_registry *reg, struct cli_scratch *s, int view,
	     const struct cli_tokens *t, int first, bool undo,
	     const char *partial, struct cli_out *out, struct cli_perr *pe);

/* ---- arguments (cli_args.c) ---- */
struct cli_arg {
	const struct cli_elem *e;
	const char *text; /* canonical, in pool */
	struct cli_val v;
};

struct cli_args {
	const struct cli_rcmd *cmd;
	bool undo;
	int n;
	struct cli_arg a[CLI_MAX_ARGS];
	char line[2 * CLI_LINE_MAX + 8]; /* canonical line */
	char pool[2 * CLI_LINE_MAX + CLI_MAX_ARGS];
	size_t used;
};

/* Rebuild the arguments of a matched thread. 0, or -1 if they overflow. */
int cli_args_build(const struct cli_registry *reg, const struct cli_scratch *s,
		   const struct cli_thread *th, const struct cli_tokens *t,
		   bool undo, struct cli_args *a);
/* The canonical text of the view key for an entering command, "" if none. */
const char *cli_args_key(const struct cli_args *a);

/* ---- sessions (cli.c) ---- */
struct cli_level {
	int view;
	char key[CLI_KEY_MAX];
};

struct cli_ctx {
	struct cli *cli;
	const struct cli_rcmd *cmd;
	int depth; /* levels below the system view */
	const struct cli_level *path;
	int view; /* view the line runs in */
	struct cli_out *out;
	char reason[CLI_REASON_MAX];
	bool failed;
	bool err_set; /* the engine already set and printed cli.err */
};

/* ---- running configuration and candidate (cli_config.c) ---- */
struct cli_rnode;

struct cli_item {
	int cmd;
	char *text;		 /* canonical line; for a block, its entry */
	struct cli_rnode *child; /* non-NULL for a view instance */
};

struct cli_rnode {
	int view;
	char *key;
	struct cli_item *items;
	int n, cap;
};

struct cli_centry {
	int cmd;
	bool undo;
	char *text; /* canonical, without "undo " */
	int depth;
	struct cli_level *path;
	int src; /* index in cli.sources, -1 interactive */
	int line, col;
};

struct cli {
	const struct cli_registry *reg;
	void *owner;
	char sysname[CLI_NAME_MAX + 1];
	char sysname0[CLI_NAME_MAX + 1];
	int depth; /* 0 user view, 1 system view, 1 + n: n sub-views */
	struct cli_level stack[CLI_MAX_DEPTH + 2];
	bool immediate, imm_session, rollback, busy, preload;
	struct cli_centry *cand;
	size_t ncand, capcand;
	struct cli_rnode *root;
	struct cli_err err;
	struct cli_scratch scratch;
	char **sources;
	int nsources;
	int cur_src, cur_line;
	char prompt[CLI_NAME_MAX + CLI_KEY_MAX + 16];
};

struct cli_rnode *cli_rnode_new(int view, const char *key);
void cli_rnode_free(struct cli_rnode *n);
/* Instance at path below root, NULL if some level does not exist. */
struct cli_rnode *cli_rnode_find(struct cli_rnode *root,
				 const struct cli_level *path, int depth);
/* Whether committing this entry into node would change nothing. */
bool cli_entry_is_noop(const struct cli *c, const struct cli_rnode *node,
		       const struct cli_centry *e, const struct cli_args *a);
/* Update the running tree after the entry's handler accepted it. */
int cli_running_update(struct cli *c, struct cli_rnode *node,
		       const struct cli_centry *e, const struct cli_args *a);
void cli_render_running(const struct cli *c, const struct cli_rnode *node,
			int depth, struct cli_out *out);
void cli_render_candidate(const struct cli *c, struct cli_out *out);
void cli_centry_clear(struct cli_centry *e);
/*
 * Apply candidate entries in order; see cli_commit. immediate: the error
 * is about the one line just typed (CLI_ERR_REJECTED, not printed).
 */
int cli_commit_run(struct cli *c, struct cli_out *out, bool call_handlers,
		   bool immediate);

/* Errors (cli.c) */
void cli_set_err(struct cli *c, enum cli_err_code code, int col,
		 const char *text, const char *reason);
void cli_leave_to(struct cli *c, int depth);
/* "[~R1-GigabitEthernet0/1/0]"; mark 0 for none. */
void cli_fmt_prompt(const struct cli *c, int view, const char *key, char mark,
		    char *buf, size_t len);
const char *cli_view_name(const struct cli_registry *reg, int view);

#endif
