/* store_int.h — shared by the storage files (store.c, store_round.c,
 * store_lock.c) only.
 *
 * Every file of a cooperation is reached through a descriptor of its
 * directory opened without following a symbolic link (store_open_coop), and
 * opened relative to it with O_NOFOLLOW (the fsio *_at functions): a link
 * planted in the data directory can never lead a write elsewhere. */
#ifndef COOPCHECK_STORE_INT_H
#define COOPCHECK_STORE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define WORKING_NAME "assessment.json"
#define SNAP_DIR_NAME "snapshots"
#define STEP_NAME "round-step.json"        /* the record of a snapshot step under way */
#define STAGED_NAME "assessment.next.json" /* the working file of the next round, staged */
#define WRITE_LOCK_NAME "write.lock"
#define EDIT_LOCK_NAME "lock"
#define RENAME_NAME "rename-step.json"     /* the record of a rename under way */

/* DATA/ID opened (O_DIRECTORY, no link followed); -1 with a message naming
 * the cooperation (ENOENT: no such cooperation). */
int store_open_coop(const char *data, const char *id, struct cc_err *err);
/* DATA/ID/snapshots opened like that; with create it is made when missing.
 * Without create, a missing directory gives -1 with err->code ENOENT. */
int store_open_snapdir(int dirfd, const char *dirpath, int create, struct cc_err *err);

/* The snapshot names of the cooperation in dirfd, oldest first; without
 * with_pending, a snapshot whose step is not complete is left out. */
int store_list_snapshots(int dirfd, const char *dirpath, const char *id, struct strlist *names,
                         int with_pending, struct cc_err *err);
/* 0 when the working file is the one a was read from or last saved as. */
int store_w_check_unchanged(struct store_w *w, const struct assessment *a, struct cc_err *err);
/* Takes the stamp of a working file read or written: its status st (NULL,
 * or inode 0: unknown; only its bytes' len and digest known then). */
struct stat;
void store_stamp(struct file_stamp *s, const struct stat *st, size_t len, uint64_t digest);
/* Refines the stamp's granule by the file system of fd (the file's or its
 * directory's); store_stamp assumes the coarsest (2 s).  read_ns
 * (store_stamp_clock_ns) is when the reading of the bytes the stamp holds
 * the digest of began: the stamp is settled only when that was after the
 * file's last step of its times, so that no change can hide in that step. */
void store_stamp_granule(struct file_stamp *s, int fd, long long read_ns);
long long store_stamp_clock_ns(void);
/* 1 when st is the file the stamp was taken of, as it was then. */
int store_stamp_same(const struct file_stamp *s, const struct stat *st);
/* The granule of the time stamps of fd's file system, in ns. */
long long store_time_granule_ns(int fd);
/* 1 when fd is on one of the local file systems store_time_granule_ns knows
 * (ext4, xfs, btrfs, tmpfs, f2fs, overlayfs, zfs). */
int store_fs_local(int fd);
/* store_load with the file's SHA-256 too (verify). */
int store_load_sha(const char *data, const char *id, const struct catalog_set *cats,
                   struct assessment **out, struct cc_err *err);

/* SHA-256 of data as lowercase hex. */
void store_sha(const void *data, size_t len, char out[65]);
/* The SHA-256 of the file name in dirfd: 0, or -1 with err (ENOENT when it
 * is missing). */
int store_file_sha(int dirfd, const char *name, const char *path, char out[65], struct cc_err *err);

/* 1 when n is a snapshot name (20261127T034521Z, 20261127T034521Z-2, ...). */
int store_snap_name_ok(const char *n);

/* The record of a snapshot step (STEP_NAME), see store_round.c. */
struct round_step {
    char snapshot[32];
    char snapshot_sha[65];
    char before_sha[65];   /* the working file when the step began */
    char after_sha[65];    /* the working file of the next round */
};
/* Reads the step record of the cooperation in dirfd: 1 and *rs when there is
 * one, 0 when there is none, -1 when it is unreadable or not a record
 * coopcheck writes (err says where, file:line:column). */
int store_step_read(int dirfd, const char *dirpath, const char *id, struct round_step *rs,
                    struct cc_err *err);
/* The snapshot a step left half done and not yet completed: 1 and its name
 * in out when the step record exists and the working file is still the one
 * from before the step (so readers show the cooperation as before it). */
int store_step_pending(int dirfd, const char *dirpath, const char *id, char out[32]);
/* Completes or rolls back a step a crash interrupted (under the write lock);
 * 0 when there was nothing to do or it was done (w->note says what), -1 when
 * the files do not fit together (err: what, and what to do). */
int store_step_recover(struct store_w *w, struct cc_err *err);

/* The record of a rename (RENAME_NAME), see store_life.c. */
struct rename_step {
    char from[COOP_ID_MAX + 1], to[COOP_ID_MAX + 1];
    char by[256], at[32];
};
/* 1 and *rs when the cooperation in dirfd has a rename record, 0 when not,
 * -1 when it cannot be read. */
int store_rename_read(int dirfd, const char *dirpath, struct rename_step *rs, struct cc_err *err);
/* Completes (or forgets) a rename a crash interrupted (under the write lock). */
int store_rename_recover(struct store_w *w, struct cc_err *err);

#endif
