/* gitstore.h — a data directory that is a git repository: one store for a
 * whole institution, shared through the institution's own git server (or a
 * bare repository on an SSH host).  No curses; no server of coopcheck's own.
 *
 * git is run as the `git` program with an argument vector (`git -C DATA
 * ...`, through run_program, never a shell), so the user's configuration,
 * identity, credentials, SSH and signing keys apply as they are.
 *
 * What is shared: each cooperation's assessment.json and snapshots, and the
 * store's allowed_signers.  What is not (.gitignore, written by
 * gs_setup): the editor's and the writers' locks, the records of steps under
 * way, temporary files, the screening lists and reports.
 *
 * Assessments are merged field by field by `coopcheck merge-driver`, which
 * gs_setup registers in the repository's own configuration (.git/config,
 * with the path of the running program) and in .gitattributes.  Snapshots
 * are never merged: their names are unique and they never change. */
#ifndef COOPCHECK_GITSTORE_H
#define COOPCHECK_GITSTORE_H

#include <stddef.h>

#include "catalog.h"
#include "run.h"
#include "util.h"

/* The name of the merge driver in git's configuration and .gitattributes. */
#define GS_DRIVER "coopcheck"
/* Where sync keeps what came in (inside .git, so never committed). */
#define GS_SYNC_FILE "coopcheck-sync.json"

/* 1 when data is the top of a git repository (DATA/.git exists). */
int gs_enabled(const char *data);

/* Runs `git -C data ARGS...` (args ends with NULL).  0 when git exited 0;
 * otherwise -1 with a message that names the command and quotes what git
 * said (r keeps its output either way; release it with run_release). */
int gs_git(const char *data, const char *const args[], struct run_result *r, struct cc_err *err);

/* Makes data (created when missing) a git repository and sets it up
 * (gs_setup); with remote, adds it as "origin".  Existing cooperations are
 * committed as the first commit.  said receives what was done. */
int gs_init(const char *data, const char *remote, struct sbuf *said, struct cc_err *err);
/* Clones url into dir (which must not exist or be empty) and sets it up. */
int gs_clone(const char *url, const char *dir, struct sbuf *said, struct cc_err *err);
/* Writes .gitignore and .gitattributes when they lack coopcheck's lines and
 * registers the merge driver with this program's path; committed when they
 * changed.  Idempotent. */
int gs_setup(const char *data, struct cc_err *err);

/* Commits what changed under paths (cooperation ids, relative to data) with
 * message msg, authored by the user's git identity; nothing when nothing
 * changed there (*made 0).  Paths that exist neither in the tree nor in the
 * index are skipped. */
int gs_commit(const char *data, const struct strlist *paths, const char *msg, int *made,
              struct cc_err *err);
/* gs_commit of cooperation id alone, when data is a git store (0 and
 * nothing done when it is not): for the interface's events (a snapshot, a
 * decision, an approval), which are commits of their own. */
int gs_commit_id(const char *data, const char *id, const char *msg, struct cc_err *err);
/* The cooperations (top-level directories) with changes not committed, and
 * whether the store's own files (.gitignore, allowed_signers ...) have any. */
int gs_pending(const char *data, struct strlist *ids, int *other, struct cc_err *err);
/* Commits every change not yet committed, with a message that names the
 * cooperations (subject_fmt is used for one: "%s: ..." gets the id; for
 * several, "N cooperations ...: a, b, c").  *made as gs_commit. */
int gs_commit_pending(const char *data, const char *what, int *made, struct cc_err *err);

/* One cooperation that came in by a sync, or that has changes not synced. */
struct gs_change {
    char *id;
    struct strlist authors;   /* who made the commits, each once */
    size_t commits;
    size_t conflicts;         /* conflicts open in it after the sync (set by the caller) */
};
struct gs_changes {
    struct gs_change *v;
    size_t n;
};
void gs_changes_release(struct gs_changes *c);
/* The change's authors as "Anna, Bob", appended to out. */
void gs_change_authors(const struct gs_change *c, struct sbuf *out);

struct gs_sync {
    char *remote, *branch;
    char at[32];               /* when (UTC, ISO) */
    struct gs_changes in;      /* what came in */
    size_t pushed;             /* commits pushed */
    int retries;               /* pushes refused because the other side moved first */
    struct strlist notes;      /* what sync repaired or committed on the way */
};
void gs_sync_release(struct gs_sync *s);
/* Commits what is pending, fetches, merges (the driver merging assessments
 * field by field), pushes, and when the push is refused because someone
 * pushed first, integrates and tries again.  A merge or sync that was
 * interrupted (killed) is undone and done again.  The caller keeps the
 * result for the interface with gs_save_sync, once it has counted the
 * conflicts of what came in. */
int gs_sync_run(const char *data, const char *now, struct gs_sync *s, struct cc_err *err);
/* Keeps s in .git/coopcheck-sync.json (best effort), for gs_last_sync. */
void gs_save_sync(const char *data, const struct gs_sync *s);
/* What the last sync brought in (0 and s->at "" when there was none). */
int gs_last_sync(const char *data, struct gs_sync *s, struct cc_err *err);

/* Changes not yet synced: commits here that the remote lacks (out), and
 * commits the last fetch brought that are not merged here (in), by
 * cooperation and author; uncommitted cooperations in pending. */
int gs_status(const char *data, struct gs_changes *out, struct gs_changes *in,
              struct strlist *pending, struct cc_err *err);

/* Checks the history: every commit's signature (git's, against
 * DATA/allowed_signers when it exists), and that no snapshot file was ever
 * changed or removed after it was committed, nor differs from its committed
 * version now.  problems: what is wrong; notes: what is worth knowing
 * (unsigned commits, no allowed_signers).  counts: commits, good signatures. */
int gs_verify(const char *data, struct strlist *problems, struct strlist *notes, size_t *commits,
              size_t *signed_good, struct cc_err *err);

#endif
