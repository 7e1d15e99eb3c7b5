/*
 * The VRP-style command engine. Modules register views and command patterns
 * in a registry (built once per simulation, shared by every router); each
 * router owns a `struct cli` session with its own view stack, candidate and
 * running configuration. The engine parses lines (keyword abbreviation,
 * typed parameters, optional parts and alternatives), reports errors the way
 * a router does (caret under the offending word), queues configuration lines
 * in a candidate that `commit` applies in order through the modules'
 * handlers, and keeps the running configuration as canonical text per view
 * instance for `display current-configuration`. No protocol knowledge lives
 * here; see sim/cli/README.md for the pattern language and the rules for
 * line identity, replacement and undo.
 */
#ifndef CLI_H
#define CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define CLI_LINE_MAX   510 /* longest command a user may type (as VRP) */
#define CLI_MAX_TOKENS 64  /* words in one line */
#define CLI_MAX_ARGS   40  /* keywords + parameters captured for a line */
#define CLI_MAX_DEPTH  8   /* views nested below the system view */
#define CLI_KEY_MAX    80  /* longest view key (interface or object name) */
#define CLI_NAME_MAX   64  /* longest sysname */
#define CLI_REASON_MAX 200

/* Built-in views; every registered view descends from "system". */
#define CLI_VIEW_USER	"user"
#define CLI_VIEW_SYSTEM "system"

/* cli_cmd.flags. Without CLI_ACTION or CLI_ENTER a command is CONFIG. */
enum cli_cmd_flags {
	CLI_CONFIG = 0,	      /* a configuration line: candidate, commit */
	CLI_ACTION = 1u << 0, /* runs at once (display, ping, reset, ...) */
	CLI_ENTER = 1u << 1,  /* a config line that enters view .enter */
	CLI_UNDO = 1u << 2,   /* "undo ..." removes matching running lines */
	CLI_UNDO_KEEP =
		1u << 3, /* "undo X" is itself stored ("undo shutdown") */
	CLI_UNDO_ONLY =
		1u << 4,	/* exists only as "undo X"; removes by prefix */
	CLI_SUBVIEWS = 1u << 5, /* ACTION: also available in views below */
	CLI_ANY_VIEW = 1u << 6, /* ACTION: available in every view */
	CLI_HIDDEN = 1u << 7,	/* not listed by "?" */
};

struct cli;
struct cli_ctx;
struct cli_args;
struct cli_registry;

typedef int (*cli_handler_fn)(struct cli_ctx *ctx, const struct cli_args *a);

/*
 * One command. Tables of these are usually `static const`; the registry
 * copies the struct and compiles the pattern, but keeps the help and data
 * pointers, which must outlive it.
 */
struct cli_cmd {
	const char *view; /* view typed in; NULL means "system" */
	const char
		*pattern; /* see README.md, e.g. "vrrp vrid <vrid:int:1-255>" */
	unsigned flags;	  /* enum cli_cmd_flags */
	int key_tokens;	  /* identity = first N canonical tokens; 0: all */
	int undo_tokens;  /* shortest accepted undo form; 0: default */
	const char *enter;     /* CLI_ENTER: the view entered */
	const char *key_param; /* CLI_ENTER: parameter naming the instance;
				  NULL: the first parameter (or no key) */
	cli_handler_fn check;  /* optional: validate when typed */
	cli_handler_fn apply; /* at commit (CONFIG/ENTER) or at once (ACTION) */
	const char *help;     /* one line for "?" */
	const void *data;     /* handed back by cli_ctx_data() */
};

struct cli_view_def {
	const char *name;   /* unique, e.g. "interface" */
	const char *parent; /* NULL means "system" */
	const char *prompt; /* "%s" is replaced by the key: "rbs-%s" */
};

/* ---- registry (one per simulation) ---- */
struct cli_registry *cli_registry_new(void);
void cli_registry_free(struct cli_registry *reg);
/* 0, or -1 with cli_registry_error() saying why (bad pattern, ...). */
int cli_registry_add_view(struct cli_registry *reg,
			  const struct cli_view_def *v);
int cli_registry_add(struct cli_registry *reg, const struct cli_cmd *cmd);
int cli_registry_add_table(struct cli_registry *reg, const struct cli_cmd *cmds,
			   size_t n);
const char *cli_registry_error(const struct cli_registry *reg);

/* ---- output buffer ---- */
struct cli_out {
	char *buf;  /* NUL-terminated when non-NULL */
	size_t len; /* bytes written, excluding the NUL */
	size_t cap;
	bool echo; /* write "prompt+line" before each executed line */
	bool oom;  /* an append failed for lack of memory */
};

void cli_out_init(struct cli_out *o);
void cli_out_free(struct cli_out *o);
void cli_out_clear(struct cli_out *o);
const char *cli_out_str(const struct cli_out *o); /* "" when empty */
/* Display helpers. "hh:mm:ss" of a duration rounded down to the second,
 * or `off` (e.g. "off", "-") when t < 0; returns buf. */
const char *cli_fmt_hms(sim_time_t t, const char *off, char *buf, size_t len);
/* Time left until an absolute deadline (0 once passed); -1 when the
 * deadline is -1 (a timer that does not run). */
sim_time_t cli_time_left(sim_time_t deadline, sim_time_t now);
void cli_out_printf(struct cli_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cli_out_vprintf(struct cli_out *o, const char *fmt, va_list ap);

/* ---- errors ---- */
enum cli_err_code {
	CLI_ERR_NONE = 0,
	CLI_ERR_UNRECOGNIZED, /* "Unrecognized command found at '^' ..." */
	CLI_ERR_WRONG_PARAM,  /* "Wrong parameter found at '^' ..." */
	CLI_ERR_INCOMPLETE,   /* "Incomplete command found at '^' ..." */
	CLI_ERR_TOO_MANY,     /* "Too many parameters found at '^' ..." */
	CLI_ERR_AMBIGUOUS,    /* "Ambiguous command found at '^' ..." */
	CLI_ERR_TOO_LONG,     /* line over CLI_LINE_MAX or CLI_MAX_TOKENS */
	CLI_ERR_REJECTED,     /* a check or an immediate apply refused it */
	CLI_ERR_COMMIT,	      /* commit stopped at the line named */
	CLI_ERR_STATE,	      /* engine misuse (re-entered from a handler) */
};

struct cli_err {
	enum cli_err_code code;
	char source[64];	     /* script name, "" for interactive lines */
	int line;		     /* script line number, 0 if none */
	int col;		     /* 1-based column of the word, 0 if none */
	char text[CLI_LINE_MAX + 1]; /* the line concerned */
	char msg[CLI_REASON_MAX];    /* the router's message, "Error: ..." */
	char reason[CLI_REASON_MAX]; /* failsim's explanation, may be "" */
};

/*
 * "src:line:col: Error: ... (reason)" followed by the line and a caret
 * under column col, each on its own line indented by two spaces.
 */
const char *cli_err_fmt(const struct cli_err *e, char *buf, size_t len);
const char *cli_err_code_name(enum cli_err_code code);

/* ---- one session per router ---- */
struct cli *cli_new(const struct cli_registry *reg, const char *sysname,
		    void *owner);
void cli_free(struct cli *c);

/*
 * Run one line in the current view. Returns 0, or -1 with the router's
 * error text written to out and the details in cli_last_error().
 */
int cli_exec(struct cli *c, const char *line, struct cli_out *out);
/*
 * Run a multi-line text. Blank lines and lines whose first non-blank
 * character is '#' or '!' are skipped; indentation is ignored. Stops at the
 * first error, which is copied to err (may be NULL) with source and line.
 */
int cli_exec_script(struct cli *c, const char *text, const char *source,
		    int first_line, struct cli_out *out, struct cli_err *err);
/*
 * Load text straight into the running configuration without calling any
 * handler (the owner already built those objects), e.g. the factory lines
 * "interface GigabitEthernet0/1/0" / " undo shutdown". Runs from the system
 * view and leaves the session in the user view. Same errors as a script.
 */
int cli_load_running(struct cli *c, const char *text, const char *source,
		     struct cli_err *err);
const struct cli_err *cli_last_error(const struct cli *c);

/* Apply the candidate (what "commit" does). 0 or -1 (see cli_last_error). */
int cli_commit(struct cli *c, struct cli_out *out);
bool cli_has_uncommitted(const struct cli *c);
size_t cli_uncommitted_count(const struct cli *c);

/* "<R1>", "[~R1]", "[*R1-GigabitEthernet0/1/0]"; valid until next call. */
const char *cli_prompt(struct cli *c);
const char *cli_sysname(const struct cli *c);
void *cli_owner(const struct cli *c);
/* Name of the current view ("user", "system", "interface", ...). */
const char *cli_view(const struct cli *c);
/* Key of the current view instance, "" if the view has none. */
const char *cli_view_key(const struct cli *c);

/*
 * Immediate mode: config lines apply when typed (no commit needed); lines
 * still pending from two-stage mode are committed with the next one.
 */
void cli_set_immediate(struct cli *c, bool on);
/*
 * Intelligent rollback (on by default, as VRP8): a non-undo line that does
 * not parse in the current view is tried in the enclosing views up to the
 * system view, and runs there, leaving the session in that view.
 */
void cli_set_rollback(struct cli *c, bool on);

/* The running configuration as "display current-configuration" shows it. */
void cli_show_running(const struct cli *c, struct cli_out *out);

/* ---- inside handlers ---- */
void *cli_ctx_owner(const struct cli_ctx *ctx);
struct cli *cli_ctx_cli(const struct cli_ctx *ctx);
const void *cli_ctx_data(const struct cli_ctx *ctx);
/* Name of the view the line belongs to ("system" for top-level lines). */
const char *cli_ctx_view(const struct cli_ctx *ctx);
/* Key of view `view` on the line's path, NULL if that view is not on it. */
const char *cli_ctx_key(const struct cli_ctx *ctx, const char *view);
void cli_printf(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Record why the line is refused; returns -1 for "return cli_error(...)". */
int cli_error(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Argument access by parameter name (or keyword text for cli_arg_has).
 * Absent parameters read as zero / NULL; cli_arg_int_or gives a default.
 */
bool cli_arg_has(const struct cli_args *a, const char *name);
int64_t cli_arg_int(const struct cli_args *a, const char *name);
int64_t cli_arg_int_or(const struct cli_args *a, const char *name,
		       int64_t dflt);
struct net_ip4 cli_arg_ip4(const struct cli_args *a, const char *name);
struct net_ip6 cli_arg_ip6(const struct cli_args *a, const char *name);
struct net_addr cli_arg_addr(const struct cli_args *a, const char *name);
struct net_prefix cli_arg_prefix(const struct cli_args *a, const char *name);
struct net_mac cli_arg_mac(const struct cli_args *a, const char *name);
/* Canonical text of a parameter ("GigabitEthernet0/1/0", "FE80::1"). */
const char *cli_arg_str(const struct cli_args *a, const char *name);
bool cli_args_undo(const struct cli_args *a);
/* The whole canonical line, with "undo " when it is an undo form. */
const char *cli_args_line(const struct cli_args *a);

/*
 * Interface names: "GE0/1/0", "g0/1/0", "gigabitethernet0/1/0" all give
 * "GigabitEthernet0/1/0". 0 on success, -1 with a reason in why.
 */
int cli_iface_canon(const char *in, char *out, size_t len, char *why,
		    size_t wlen);

#endif
