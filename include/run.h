/* run.h — running another program (ssh-keygen; later git and curl) with an
 * argument vector, never through a shell, collecting what it writes.
 * No curses. */
#ifndef COOPCHECK_RUN_H
#define COOPCHECK_RUN_H

#include "util.h"

struct run_result {
    int status;          /* its exit status; 128 + N when killed by signal N */
    struct sbuf out;     /* its standard output */
    struct sbuf err;     /* its standard error */
};

/* Runs argv[0] (looked up in PATH) with argv, standard input from the file
 * in_path (NULL: /dev/null), standard output and error collected (each at
 * most 1 MiB).  0 when it ran (whatever its exit status); -1 with a message
 * when it could not be started (err->code ENOENT: no such program).
 * Release r with run_release. */
int run_program(const char *const argv[], const char *in_path, struct run_result *r,
                struct cc_err *err);
void run_release(struct run_result *r);

/* A private temporary directory (0700) under $TMPDIR or /tmp; caller frees
 * the path and removes it with run_tmpdir_remove (which deletes the files
 * in it, not below). */
char *run_tmpdir(struct cc_err *err);
void run_tmpdir_remove(char *dir);

/* The editor to run on an answer: configured (config.ini's editor) when set,
 * else $VISUAL, else $EDITOR, else vi. */
const char *run_editor_command(const char *configured);
/* The text the editor left in path: 0 with *out (caller frees; without the
 * one newline editors put at the end), or -1 with a message when it cannot
 * be read or is not valid UTF-8. */
int run_editor_read(const char *path, char **out, struct cc_err *err);

#endif
