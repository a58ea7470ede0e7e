/* cli.h — the command line: option parsing and the batch subcommands.
 * Everything here works without a terminal; the interactive interface is
 * started through the hook given to cli_main. */
#ifndef COOPCHECK_CLI_H
#define COOPCHECK_CLI_H

#include "catalog.h"
#include "config.h"
#include "lang.h"

/* Exit statuses (also listed in --help and coopcheck(1)). */
enum cli_exit {
    EXIT_OK = 0,
    EXIT_NEGATIVE = 1,   /* a check answered "no": differences, due reviews, broken chain */
    EXIT_USAGE = 2,      /* the command line is wrong */
    EXIT_NOTFOUND = 3,   /* no such cooperation, question, field, snapshot or catalogue */
    EXIT_DATA = 4,       /* a file or value is invalid; nothing was changed */
    EXIT_CONFLICT = 5,   /* exists already, or changed by someone else meanwhile */
    EXIT_SYSTEM = 6,     /* the system refused: permissions, disk full, ... */
};

/* What the command line settled, handed to the interactive interface. */
struct cli_env {
    char *data;             /* data directory */
    enum lang lang;
    const char *theme;      /* NULL: from the config */
    struct catalog_set cats;
    const char *open_id;    /* "open ID": the cooperation, or NULL for the picker */
    const char *open_question;
    int reader;             /* a screen reader follows the cursor: it stays on the focus */
    struct config *cfg;     /* config.ini as cli_main read it (never NULL): the interface
                             * takes it over, leaving it as config_init does */
    const char *cfg_err;    /* what was wrong in it, "" for nothing */
};

/* The interactive interface; returns an exit status. */
typedef int (*cli_tui_fn)(struct cli_env *env);

int cli_main(int argc, char **argv, cli_tui_fn tui);

#endif
