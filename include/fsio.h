/* fsio.h — careful file I/O for assessment data.
 *
 * Files written here are 0600 and directories 0700 whatever the umask.  Writes
 * are atomic: a temporary file in the same directory is written completely,
 * fsync'ed, renamed over the target and the directory fsync'ed, so a reader (or
 * a crash) sees either the old file or the new one, never a mix.  On any
 * failure the target is untouched and the temporary file is removed.
 */
#ifndef COOPCHECK_FSIO_H
#define COOPCHECK_FSIO_H

#include <stddef.h>
#include <sys/types.h>

#include "util.h"

/* Reads a whole regular file into a NUL-terminated buffer (caller frees).
 * Refuses files larger than max bytes (err->code EFBIG) and anything that is
 * not a regular file (EISDIR/EINVAL).  A missing file gives err->code ENOENT.
 * Messages name the path. */
int fs_read_file(const char *path, size_t max, char **out, size_t *len, struct cc_err *err);

/* Atomically replaces (or creates) path with data[0..len), mode 0600. */
int fs_write_atomic(const char *path, const void *data, size_t len, struct cc_err *err);

/* Creates path with data, mode 0600, but never replaces an existing file: the
 * data is written to a temporary file, fsync'ed, then link()ed to path.  When
 * path exists, returns -1 with err->code EEXIST and leaves both untouched. */
int fs_write_new(const char *path, const void *data, size_t len, struct cc_err *err);

/* Creates a directory and any missing parents; the directories it creates are
 * 0700 whatever the umask.  An existing directory is accepted as it is. */
int fs_mkdir_p(const char *path, struct cc_err *err);

/* 1 when path exists (any type), 0 when not. */
int fs_exists(const char *path);

/* Joins a directory and a name with exactly one '/'; caller frees. */
char *fs_join(const char *dir, const char *name);

#endif
