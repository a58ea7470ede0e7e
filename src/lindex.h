/* lindex.h — the index of an installed list (lists_index.c), shared by
 * lists_store.c and screening.c.  No curses.
 *
 * The index is one file, mapped read-only when screening, so that a list of
 * millions of names is never read into memory as a whole: only the pages a
 * look-up touches are.  Layout (host byte order; the file is rebuilt from
 * the installed list when it does not fit this machine):
 *   header   magic "CCLIDX01", counts and the offsets of the sections
 *   entries  per entry: the offset and length of its record in the blob
 *   names    per name (entries' names and aliases): its entry, the offset
 *            and length of its text in the blob
 *   keys     sorted by a 64-bit hash of the key (names.h, name_keys): where
 *            its postings start and how many there are
 *   postings name numbers
 *   blob     records ("id\x1fname\x1fcategory\x1fnote\x1furl\x1fline\x1f"
 *            then the aliases separated by \x1e) and names' texts
 * Every offset read from the file is checked against its size: a damaged
 * index gives an error, never a read outside the map. */
#ifndef COOPCHECK_LINDEX_H
#define COOPCHECK_LINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "lists.h"
#include "names.h"

struct lindex;

/* Builds the index of data[0..len) (format f; path names it in messages)
 * into the new file out_path (0600).  0 with the counts and what the file
 * says about itself, or -1 with a message (out_path is then removed). */
int lindex_build(enum list_format f, const char *data, size_t len, const char *path,
                 const char *out_path, struct list_about *about, size_t *entries, size_t *names,
                 struct cc_err *err);

int lindex_open(const char *path, struct lindex **out, struct cc_err *err);
void lindex_close(struct lindex *x);
size_t lindex_nentries(const struct lindex *x);

/* The names that may match the alias q: their numbers, without duplicates,
 * into *out (caller frees).  Keys with more postings than a cap are skipped
 * when q has other keys.  -1 when the index is damaged. */
int lindex_candidates(const struct lindex *x, const struct name_form *q, uint32_t **out,
                      size_t *n, struct cc_err *err);
/* Name number i: its text (not NUL-terminated: *len bytes) and its entry. */
int lindex_name(const struct lindex *x, uint32_t i, const char **text, size_t *len,
                uint32_t *entry, struct cc_err *err);

/* An entry read back: strings newly allocated (release with
 * lentry_release). */
struct lentry {
    char *id, *name, *category, *note, *url;
    struct strlist aliases;
    size_t line;
    char sha256[65];      /* of its record: a changed entry has another */
};
int lindex_entry(const struct lindex *x, uint32_t e, struct lentry *out, struct cc_err *err);
void lentry_release(struct lentry *le);

/* The 64-bit hash keys are filed under. */
uint64_t lindex_hash(const char *s);

#endif
