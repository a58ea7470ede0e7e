/* interview.h — the line-by-line mode (coopcheck interview): the questions
 * of one cooperation asked in turn on standard input and output, for screen
 * readers, braille displays, dumb terminals and scripts.  No curses, no
 * colour, no cursor movement: one piece of information per line, and every
 * prompt ends with what can be typed.
 *
 * It works on the same store as the interface: it holds the cooperation's
 * editor lock while it runs, saves every change at once (store_save), and
 * journals what is not saved yet (a text being typed, an answer a failed
 * save could not write) to a recovery draft (draft.h), which the interface
 * offers at the next open.  SIGHUP, SIGTERM and SIGINT save and end it. */
#ifndef COOPCHECK_INTERVIEW_H
#define COOPCHECK_INTERVIEW_H

#include <stddef.h>

#include "lang.h"

struct interview_opts {
    const char *data;              /* the data directory */
    const char *question;          /* number or id to start at; NULL: the first open one */
    enum lang lang;
    const char *editor;            /* config.ini's editor, or NULL ($VISUAL, $EDITOR, vi) */
    size_t width;                  /* of the help text, in columns */
    int in_fd, out_fd;             /* the dialogue's input and output (0 and 1) */
};

struct assessment;
/* Runs the interview of a (loaded by the caller, who holds its editor lock
 * and frees it after); returns the exit status (cli.h): 0 after q with
 * everything saved; 2 when the input ends before q (what was answered is
 * saved; a text not finished goes to a recovery draft); 6 when a save
 * failed (the draft says where the answers are); 130 after SIGINT. */
int interview_session(const struct interview_opts *o, struct assessment *a);

/* 1 when the line mode is wanted instead of the full-screen interface:
 * TERM unset, empty or "dumb"; else $ACCESSIBLE set and not "0"; else
 * accessible = true in config.ini (cfg_on).  ACCESSIBLE=0 overrides the
 * configuration. */
int interview_wanted(int cfg_on);

#endif
