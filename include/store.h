/* store.h — cooperations on disk.
 *
 * DATA/ID/assessment.json is the working assessment of cooperation ID and
 * DATA/ID/snapshots/NAME.json its snapshots (NAME is the UTC time it was taken,
 * e.g. 20261127T034521Z, with "-2", "-3" ... for several in one second).  All
 * files are 0600, all directories 0700; writes are atomic (fsio.h).  A file
 * that fails to load is never written over.
 *
 * One writer at a time: every change of a cooperation (the command line's
 * and the interface's) is a read-modify-write under the cooperation's write
 * lock (struct store_w, an flock on DATA/ID/write.lock), so two writers never
 * lose each other's change.  A snapshot and the start of the next round are
 * one step that a crash cannot leave half done (store_w_snapshot).  Nothing
 * under DATA/ID is reached through a symbolic link. */
#ifndef COOPCHECK_STORE_H
#define COOPCHECK_STORE_H

#include "catalog.h"
#include "cctime.h"
#include "model.h"
#include "util.h"

/* The data directory: opt (from --data) if given, else $COOPCHECK_DATA, else
 * $XDG_DATA_HOME/coopcheck, else ~/.local/share/coopcheck.  Caller frees. */
int store_data_dir(const char *opt, char **out, struct cc_err *err);

/* Creates the cooperation's directory and its first assessment; refuses an id
 * that exists already (err->code EEXIST). */
int store_create(const char *data, struct assessment *a, struct cc_err *err);

/* Loads the working assessment of id.  A missing cooperation gives
 * err->code ENOENT. */
int store_load(const char *data, const char *id, const struct catalog_set *cats,
               struct assessment **out, struct cc_err *err);
/* store_load for reading only (list, due, the picker): the file is not
 * hashed, so the result can never be saved (store_w_save refuses it). */
int store_load_ro(const char *data, const char *id, const struct catalog_set *cats,
                  struct assessment **out, struct cc_err *err);
/* store_load_ro and store_snapshots in one (list, due: the cooperation's
 * directory opened once, in datafd, the data directory opened by the caller
 * for every cooperation, or -1): -1 when the assessment does not load (err);
 * 1 when it loaded but its snapshots cannot be listed (snap_err, names
 * empty); 0.  names NULL: the snapshots are not listed. */
int store_load_ro_snapshots(int datafd, const char *data, const char *id,
                            const struct catalog_set *cats, struct assessment **out,
                            struct strlist *names, struct cc_err *err, struct cc_err *snap_err);
/* The data directory opened for reading (close it), or -1 with err (ENOENT
 * when it does not exist). */
int store_open_data(const char *data, struct cc_err *err);
/* Loads any assessment or snapshot file. */
int store_load_path(const char *path, const struct catalog_set *cats, struct assessment **out,
                    struct cc_err *err);

/* A cooperation held for writing. */
struct store_w {
    char *data, *id;       /* owned copies */
    char *dir;             /* DATA/ID, for messages */
    int dirfd;             /* the cooperation's directory */
    int lockfd;            /* DATA/ID/write.lock, held with flock */
    char note[512];        /* what opening repaired ("" when nothing) */
};

/* Takes the write lock of cooperation id for one read-modify-write, waiting
 * for another writer at most $COOPCHECK_LOCK_TIMEOUT milliseconds (default
 * 10000), then completes (or rolls back) a snapshot step that a crash
 * interrupted and removes the temporary files of killed writes.  Fails with
 * ENOENT (no such cooperation), EBUSY (another writer kept the lock all that
 * time: the message names it), EINVAL (a symbolic link in the way, a step
 * record that does not fit the files).  Release with store_w_close. */
int store_w_open(const char *data, const char *id, struct store_w *w, struct cc_err *err);
void store_w_close(struct store_w *w);
/* store_load under the lock. */
int store_w_load(struct store_w *w, const struct catalog_set *cats, struct assessment **out,
                 struct cc_err *err);
/* Saves the working assessment atomically.  Refuses (err->code EBUSY) when the
 * file on disk changed since it was loaded or last saved by this process. */
int store_w_save(struct store_w *w, struct assessment *a, struct cc_err *err);
/* Freezes the current answers as a new snapshot (never overwriting one),
 * chained to the previous snapshot by its SHA-256.  A complete snapshot
 * closes the round: the working assessment starts the next one, based on it
 * (answered questions are marked "to review"); an interim one (complete 0)
 * is kept and compared like any other but leaves the round as it is.  On
 * disk this is one step: a crash at any point leaves the cooperation before
 * the snapshot or after it, never between (the next store_w_open finishes or
 * undoes it).  On failure nothing was taken and a is as before.  *name
 * receives the snapshot's name (caller frees).  Whether the answers allow a
 * complete snapshot is the caller's to decide (assessment_open_items). */
int store_w_snapshot(struct store_w *w, struct assessment *a, const char *note, int complete,
                     const char *who, const char *now, char **name, struct cc_err *err);

/* Once the working file a was read from or saved as is older than its file
 * system's time stamp granule, reads it once and, when it is still that
 * file, marks the stamp settled, so that the next save tells it unchanged
 * by its times alone (store_stamp.c).  Returns the ms to wait before it
 * can do that, or -1 when there is nothing (more) to do.  Reads only; no
 * lock needed. */
long store_settle(const char *data, struct assessment *a);

/* store_w_open, store_w_save / store_w_snapshot, store_w_close in one. */
int store_save(const char *data, struct assessment *a, struct cc_err *err);
int store_snapshot(const char *data, struct assessment *a, const char *note, int complete,
                   const char *who,
                   const char *now, char **name, struct cc_err *err);
/* Completes what a crash interrupted (store_w_open alone); *note (caller
 * frees) says what was done, "" when nothing was needed. */
int store_repair(const char *data, const char *id, char **note, struct cc_err *err);

/* Snapshot names of id, oldest first. */
int store_snapshots(const char *data, const char *id, struct strlist *names, struct cc_err *err);
int store_load_snapshot(const char *data, const char *id, const char *name,
                        const struct catalog_set *cats, struct assessment **out,
                        struct cc_err *err);
/* Nothing changed in a's round since the complete snapshot it is based on:
 * assessment_untouched (its times, which tell only to the second) and, where
 * they say so, the content compared with that snapshot (a change in the
 * second the round began). */
int store_round_untouched(const char *data, const struct catalog_set *cats,
                          const struct assessment *a);

/* Checks the chain of snapshots: each names its predecessor and that file's
 * SHA-256; the working assessment names the newest and its SHA-256.  Every
 * snapshot changed, removed, inserted or renamed after the fact is described
 * in problems (empty: intact).  A snapshot step that a crash interrupted is
 * no alteration: it is described in notes (with how to complete it) and the
 * chain is checked as the cooperation stands before that step.  Returns -1
 * only when the check could not run (no such cooperation, unreadable working
 * assessment). */
int store_verify(const char *data, const char *id, const struct catalog_set *cats,
                 struct strlist *problems, struct strlist *notes, size_t *nsnapshots,
                 struct cc_err *err);

/* When the next re-assessment is due: the last complete snapshot's date plus
 * the cooperation's interval; a cooperation never assessed (no complete
 * snapshot yet) is due from its start date, else its creation.  "overdue"
 * when that date has passed, "due" within a month, else "ok".  Interim
 * snapshots do not count. */
enum due_status { DUE_OK, DUE_SOON, DUE_OVERDUE };
struct store_due {
    char last[CC_ISO_LEN];   /* when the last complete snapshot was taken, "" when never */
    char next[11];           /* YYYY-MM-DD */
    enum due_status status;
    int never;               /* never assessed */
    int interim;             /* an interim snapshot is newer than the last complete one */
};
/* "ok", "due", "overdue": the names in JSON output (not translated). */
const char *store_due_name(enum due_status s);
/* The same as a word for people (words.c, translated). */
const char *store_due_word(enum due_status s);
void store_due(const struct assessment *a, struct store_due *d);
/* One cooperation as store_each loaded it (store_load_ro_snapshots). */
struct store_item {
    const char *id;
    struct assessment *a;     /* NULL when it did not load (err says why) */
    struct strlist snaps;     /* its snapshots, when asked for */
    struct store_due due;     /* when a loaded */
    struct cc_err err, serr;  /* why it did not load; why its snapshots cannot be listed */
    int r;                    /* store_load_ro_snapshots': -1, 1 or 0 */
    int none;                 /* a directory without a working file: not handed on */
};
typedef void store_each_fn(void *arg, const struct store_item *x);
/* Every cooperation of data loaded for reading (with its snapshots when
 * with_snaps), handed to each in the order of the ids, the ones that do not
 * load too (x->a NULL); x and what it holds are freed after each returns.
 * Several threads load at once (store_each.c), each only reading cats.  -1
 * when the data directory cannot be read (err), else 0. */
int store_each(const char *data, const struct catalog_set *cats, int with_snaps,
               store_each_fn *each, void *arg, struct cc_err *err);
/* The UTC time a snapshot name stands for (20261127T034521Z-2 ->
 * 2026-11-27T03:45:21Z) into out; "" when name is NULL or too short. */
void store_snap_time(const char *name, char out[CC_ISO_LEN]);

/* The editor's lock: while the interface has a cooperation open, DATA/ID/lock
 * names who holds it (user, host, process with its start time and the boot
 * it runs in, since).  A second editor, and the commands that write (set,
 * snapshot), are told who holds it instead of writing over the first one's
 * work (err->code EBUSY).  A lock is stale, and taken over, when it is from
 * this host and its process no longer runs: gone, the machine restarted
 * since, or the pid now belongs to another process (a different start time).
 * A lock from another host is never broken without being asked
 * (store_lock_break). */
int store_lock(const char *data, const char *id, struct cc_err *err);
/* Removes the lock if this process holds it. */
void store_unlock(const char *data, const char *id);
/* 0 when nobody else holds the lock; -1 (EBUSY, with who holds it) otherwise. */
int store_check_lock(const char *data, const char *id, struct cc_err *err);
/* The same, for a caller that holds the write lock already. */
int store_w_check_lock(struct store_w *w, struct cc_err *err);
/* Removes the editor's lock at the user's request ('coopcheck unlock'):
 * refused (EBUSY) while its process still runs on this host; a lock from
 * another host, or a stale one, is removed.  *whose (caller frees) describes
 * the lock that was removed; NULL when there was none. */
int store_lock_break(const char *data, const char *id, char **whose, struct cc_err *err);

/* Renames cooperation from to to (store_life.c): refused while the
 * interface has it open (EBUSY), when to exists (EEXIST) or is no id.  One
 * step that a crash cannot leave half done; the snapshots keep the id they
 * were taken under, so the chain stays valid.  The working assessment
 * records who renamed it when. */
int store_rename(const char *data, const char *from, const char *to, const struct catalog_set *cats,
                 const char *who, const char *now, struct cc_err *err);
/* Deletes cooperation id and all its snapshots: refused while the interface
 * has it open or another writer holds it (EBUSY).  The directory is hidden
 * in one rename before it is removed, so a crash never leaves half a
 * cooperation that lists or loads. */
int store_delete(const char *data, const char *id, struct cc_err *err);

/* Ids of every cooperation in data, sorted.  A missing data directory is an
 * empty list. */
int store_coops(const char *data, struct strlist *ids, struct cc_err *err);
/* The same without looking into each directory for its working file (one
 * system call each less): also directories that hold none, whose loading
 * then fails with ENOENT. */
int store_coop_dirs(const char *data, struct strlist *ids, struct cc_err *err);
/* 1 when directory id of the data directory datafd holds a working file, 0
 * when it does not, -1 when that cannot be told. */
int store_has_working(int datafd, const char *id);

#endif
