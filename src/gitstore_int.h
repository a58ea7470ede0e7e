/* gitstore_int.h — shared by src/gitstore.c and src/gitsync.c only. */
#ifndef COOPCHECK_GITSTORE_INT_H
#define COOPCHECK_GITSTORE_INT_H

#include "gitstore.h"

/* Runs argv (argv[0] is "git") with the umask 077, so that what git writes
 * into the store is the user's alone.  0 when it exited 0, else -1 with a
 * message quoting git (r holds the output either way). */
int gs_run(const char *const argv[], struct run_result *r, struct cc_err *err);
/* gs_git without the output. */
int gs_git_quiet(const char *data, const char *const args[], struct cc_err *err);
/* gs_git for a command whose exit status is an answer: 0, git's exit status
 * (1..127), or -1 with err when git could not run or was killed. */
int gs_git_status(const char *data, const char *const args[], struct cc_err *err);
/* 1 when git tracks path (relative to data), 0 when not, -1 on error. */
int gs_tracked(const char *data, const char *path);
/* 1 when l holds s. */
int gs_strlist_has(const struct strlist *l, const char *s);

#endif
