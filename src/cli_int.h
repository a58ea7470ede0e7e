/* cli_int.h — shared by the command line's files only: src/cli.c (the
 * dispatcher, option parsing, output and the steps every command shares) and
 * src/cmd_*.c (the commands, by topic).
 *
 * A command is a row of the table in cli.c (git's builtins are the model):
 * its name, its arguments, a one-line summary, its options and how many
 * positional arguments it takes.  The dispatcher parses the options (with
 * the global ones), checks the count, settles the language and the data
 * directory and then calls the handler with the positional arguments; the
 * handler returns an exit status.  Errors are mapped to exit statuses in one
 * place (cli_fail), by their errno-like code, never by their text. */
#ifndef COOPCHECK_CLI_INT_H
#define COOPCHECK_CLI_INT_H

#include <stddef.h>

#include "catalog.h"
#include "cctime.h"
#include "cli.h"
#include "config.h"
#include "model.h"
#include "store.h"
#include "util.h"

struct ctx {
    const char *prog;
    const char *data_opt;
    const char *lang_opt;
    const char *theme_opt;
    enum lang lang;
    char *data;
    int cats_loaded;
    struct catalog_set cats;
    struct strlist cat_problems;
    size_t width;              /* of the output, in columns */
    struct config cfg;
    char cfg_err[1024];        /* a problem of config.ini, not yet reported */
    int interactive;           /* the interface reports it instead, in its status line */
    cli_tui_fn tui;
    struct sbuf commit_msg;    /* the message of the commit that follows the change ("" default) */
};

enum opt_kind { OPT_FLAG, OPT_VALUE, OPT_LIST };

struct opt {
    const char *name;     /* long name without "--" */
    char shortname;       /* 0: none */
    enum opt_kind kind;
    void *target;         /* int*, const char**, struct strlist* */
};

enum {
    CMD_INTERACTIVE = 1,   /* the interface: config problems go to its status line; in a git
                            * store what it changed is committed when it ends */
    CMD_COMMITS = 2,       /* changes cooperation ID (the first argument): committed in a git store */
    CMD_COMMITS2 = 4,      /* ... and the second argument (rename) */
    CMD_ID_SECOND = 8,     /* the cooperation is the second argument (measure add ID ...) */
};

struct command {
    const char *name;
    const char *args;           /* its forms after the name, "\n" between them */
    const char *summary;        /* N_(): what it does, for --help */
    const struct opt *opts;
    size_t nopts;
    size_t min_args, max_args;  /* positional arguments */
    unsigned flags;
    int (*run)(struct ctx *c, const struct strlist *pos);
};

/* The commands, defined in src/cmd_*.c. */
extern const struct command cmd_new_def, cmd_list_def, cmd_show_def, cmd_due_def, cmd_open_def;
extern const struct command cmd_set_def;
extern const struct command cmd_snapshot_def, cmd_snapshots_def, cmd_diff_def, cmd_verify_def,
    cmd_unlock_def;
extern const struct command cmd_export_def, cmd_help_def, cmd_catalog_def;
extern const struct command cmd_rate_def, cmd_measure_def, cmd_decide_def, cmd_approve_def;
extern const struct command cmd_lists_def, cmd_screen_def;
extern const struct command cmd_store_def, cmd_sync_def, cmd_merge_driver_def,
    cmd_resolve_def;
extern const struct command cmd_interview_def;
/* 1 when open is to run the line mode (cmd_coop.c: its options parsed). */
int cli_open_line_mode_wanted(const struct ctx *c);
/* open in the line mode (cmd_interview.c): the interview of ID. */
int cli_open_line_mode(struct ctx *c, const struct strlist *pos);
extern const struct command cmd_edit_def, cmd_rename_def, cmd_archive_def, cmd_unarchive_def,
    cmd_delete_def;

/* ---- output (sanitised: no control character from data reaches a terminal) ---- */

/* "coopcheck: MESSAGE" on stderr; returns -1. */
int say_error(const char *fmt, ...) CC_PRINTF(1, 2);
/* Says err and returns its exit status (fallback when the code says none). */
int cli_fail(const struct cc_err *err, int fallback);
/* A usage problem of command cmd (NULL: of the command line): says it, with
 * where --help explains it, and returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) CC_PRINTF(2, 3);
/* Writes out to stdout and releases it; EXIT_OK or EXIT_SYSTEM. */
int flush_out(struct sbuf *out);
void put(struct sbuf *out, const char *s);
void putf(struct sbuf *out, const char *fmt, ...) CC_PRINTF(2, 3);
/* s padded (or cut, with "...") to exactly w columns. */
void put_col(struct sbuf *out, const char *s, size_t w);
/* text (sanitised) as the rest of a row already at column at: wrapped to
 * width columns, its further rows indented to at (the text gets 20 columns
 * at least; a path or address longer than that stays whole); ends with a
 * newline. */
void put_hanging(struct sbuf *out, size_t width, size_t at, const char *text);
/* text on a row of its own from column at, its further rows from at + more
 * (put_hanging after at blanks). */
void put_block(struct sbuf *out, size_t width, size_t at, size_t more, const char *text);

/* ---- steps the commands share ---- */

const struct catalog_set *cli_cats(struct ctx *c);
void report_cat_problems(struct ctx *c);
/* Checks id; EXIT_USAGE with the rule when it is not one. */
int check_id(const char *cmd, const char *id);
int load_coop(struct ctx *c, const char *id, struct assessment **a);
/* The working assessment of id, or its snapshot snap when not NULL. */
int load_coop_or_snapshot(struct ctx *c, const char *id, const char *snap, struct assessment **a);
/* Takes the write lock of cooperation id (which completes a snapshot step a
 * crash interrupted, said on stderr), loads it and checks that no interface
 * has it open.  0 or an exit status; the caller closes w. */
int open_for_writing(struct ctx *c, const char *id, struct store_w *w, struct assessment **a);
/* A change of a cooperation under its write lock: 0 to save, -1 when there
 * is nothing to save, else an exit status. */
typedef int (*coop_change_fn)(struct ctx *c, struct assessment *a, const char *who,
                              const char *now, void *arg);
/* Opens id for writing (cmd names the command in messages), runs change
 * and saves (cmd_officer.c). */
int write_coop(struct ctx *c, const char *cmd, const char *id, coop_change_fn change, void *arg);
/* The message of the commit that follows this command's change in a git
 * store (cmd_store.c); without one it is "ID: what the command does". */
void cli_commit_msg(struct ctx *c, const char *fmt, ...) CC_PRINTF(2, 3);
/* Commits what command cmd changed, when the data directory is a git store;
 * a failure is said as a warning (the change itself is saved). */
void cli_commit(struct ctx *c, const struct command *cmd, const struct strlist *pos);
/* The directory of the screening lists ($COOPCHECK_LISTS, [screening] lists,
 * the default); NULL after saying why there is none (cmd_screen.c). */
char *cli_lists_dir(struct ctx *c);
/* After new or edit: screens id when lists are installed and says how many
 * hits there are to decide.  An exit status. */
int screen_after_change(struct ctx *c, const char *id);
/* The question key (number or id) names, or NULL after saying so (*rc). */
const struct cat_question *find_question(const struct catalog *cat, const char *key, int *rc);
/* Every cooperation of the data directory loaded (store_each, store_each.c), with its
 * snapshots (only with_snaps: an empty list else) and due date, and handed to
 * each in the order of the ids; one that does not load is said on stderr (in
 * that order too), archived ones are left out unless all.  Only a window of
 * them is in memory at a time: 10,000 assessments held at once cost 80 MB
 * and more time in the allocator than reading them.  0, or an exit status. */
struct coop_set {
    size_t shown;           /* handed to each */
    size_t hidden;          /* archived ones left out */
    int bad;                /* some did not load */
};
typedef void coop_fn(struct ctx *c, void *arg, const struct assessment *a,
                     const struct strlist *snaps, const struct store_due *d);
int coop_set_each(struct ctx *c, int all, int with_snaps, struct coop_set *set, coop_fn *each,
                  void *arg);
/* Standard input as text (at most TEXT_ANSWER_MAX bytes, no NUL, one final
 * newline dropped) into *text (caller frees): 0, or an exit status after
 * saying what is wrong. */
int read_stdin_text(char **text);
/* Plain text with no control characters and valid UTF-8 (an option's value). */
int plain_text(const char *s, unsigned flags);
/* The catalogue id names, a catalogue file's path, or the default one;
 * NULL after saying so (*rc). */
const struct catalog *pick_catalog(struct ctx *c, const char *id, int *rc);

/* ---- the cooperation's data as options take it (new, edit) ---- */

/* A partner as an option gives it, "Fudan University; 复旦大学; FDU" (the
 * name, then its aliases, separated by semicolons, each trimmed), appended
 * to co; 0, or EXIT_USAGE after saying what is wrong (cmd's usage). */
int partner_arg(const char *cmd, const char *opt, const char *arg, struct coop *co);
/* --interval: 1 to 120 months into *iv; 0 or EXIT_USAGE. */
int months_arg(const char *cmd, const char *s, long *iv);
/* --start: a date like 2026-01-31; 0 or EXIT_USAGE. */
int date_arg(const char *cmd, const char *s);
/* The state of a cooperation for lists: "archived", then due_state_text,
 * overdue measures and approvals config.ini requires that are missing
 * (words.h); into out ("" when nothing is to say). */
void coop_state_text(const struct ctx *c, const struct assessment *a, const struct store_due *d,
                     char *out, size_t n);

#endif
