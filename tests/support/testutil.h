/* testutil.h — helpers shared by the cmocka suites (no curses). */
#ifndef COOPCHECK_TESTUTIL_H
#define COOPCHECK_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <setjmp.h>
#include <cmocka.h>

/* A fresh private directory under $TMPDIR (or /tmp); caller frees the string
 * and removes the tree with tu_rmrf. */
char *tu_tempdir(void);
/* Removes a tree (only ever called on tu_tempdir results). */
void tu_rmrf(const char *path);

/* Reads a whole file (NULL when missing); caller frees.  len may be NULL. */
char *tu_read(const char *path, size_t *len);
/* Writes a file (mode 0644), failing the test on error. */
void tu_write(const char *path, const char *data);

/* Result of running a program. */
struct tu_run {
    int status;   /* exit status, or 128+signal */
    char *out;    /* everything written to stdout */
    char *err;    /* everything written to stderr */
};
/* Runs argv (argv[0] a path) with stdin from in (NULL: /dev/null), with the
 * given extra environment entries ("NAME=value"; "NAME=" alone removes NAME)
 * on top of this process's, NULL-terminated (env may be NULL).  Fails the test
 * if it cannot start.  Free with tu_run_free. */
void tu_run(struct tu_run *r, const char *in, const char *const argv[],
            const char *const env[]);
void tu_run_free(struct tu_run *r);
/* Starts argv like tu_run but without waiting: stdin from /dev/null, stdout
 * and stderr to the file out (NULL: /dev/null).  Returns the pid; collect it
 * with tu_wait, which returns the exit status (or 128+signal). */
pid_t tu_spawn(const char *const argv[], const char *const env[], const char *out);
int tu_wait(pid_t pid);
/* A pid that is certainly not running: a child that has been reaped. */
long tu_dead_pid(void);

/* $COOPCHECK_BIN (set by tests/run.sh), else "./coopcheck". */
const char *tu_bin(void);
/* $COOPCHECK_SRCDIR, else ".": the repository root. */
const char *tu_srcdir(void);
/* ssh-keygen's path, found in PATH (a test dependency: scripts/deps.sh);
 * fails the test when it is not installed. */
const char *tu_ssh_keygen(void);
/* Path under the repository root; caller frees. */
char *tu_src_path(const char *rel);

/* Compares out with tests/golden/NAME under the repository root, failing
 * with the first line that differs; with COOPCHECK_UPDATE_GOLDEN=1 in the
 * environment (make golden) rewrites the file instead, to be reviewed with
 * git diff tests/golden before committing. */
void tu_check_golden(const char *name, const char *out);

/* Permission bits of a path (e.g. 0600), or -1 when it does not exist. */
int tu_mode(const char *path);

#endif
