/* afile.h — the assessment file format (JSON, format ASSESSMENT_FORMAT).
 *
 * Working assessments and snapshots share one self-describing layout:
 *   { "format": 1, "kind": "coopcheck-assessment" | "coopcheck-snapshot",
 *     "catalog": {"id", "version"}, "cooperation": {...},
 *     "created": {"at", "by"}, "updated": {"at", "by"},
 *     "round": {"number", "started", "based_on"},
 *     "answers": { "q01": { "followup": false, "review": false,
 *                           "fields": { "focus": {"value", "by", "at"} } } },
 *     "snapshot": { "name", "taken_at", "taken_by", "note",
 *                   "previous", "previous_sha256" }   (snapshots only) }
 * Yes/no values are the strings "yes", "no", "unsure"; an unanswered field is
 * absent.  Reading is strict (see afile_parse); nothing here touches files. */
#ifndef COOPCHECK_AFILE_H
#define COOPCHECK_AFILE_H

#include <stddef.h>

#include "catalog.h"
#include "model.h"
#include "util.h"

#define ASSESSMENT_MAX_BYTES (32u << 20)

/* The document as JSON text (caller frees). */
char *afile_format(const struct assessment *a);
/* The same bytes handed to emit in pieces (jsondoc_print_stream): 0, or -1
 * once emit failed. */
int afile_format_stream(const struct assessment *a, int (*emit)(void *arg, const char *s, size_t n),
                        void *arg);

/* Drops the merge conflicts (model.h) that a's current values resolve: the
 * value at a conflict's place is no longer "mine" (the user edited it). */
void afile_prune_conflicts(struct assessment *a);

/* Parses and validates a document named name (used in messages).  The
 * catalogue it answers is looked up in cats.  Refused with
 * "NAME:LINE:COL: ...": malformed JSON and everything jsondoc refuses, a newer
 * format, unknown keys, wrong types, unknown question or field ids, values of
 * the wrong kind, bad timestamps, a catalogue that is not installed. */
int afile_parse(const char *buf, size_t len, const char *name, const struct catalog_set *cats,
                struct assessment **out, struct cc_err *err);
/* The same from a document parsed with jsondoc_parse(..., JSONDOC_NO_CASE_
 * VARIANTS, ...), which it frees (so that the file's text can be freed before
 * the assessment is made of its tree: three copies of 7 MiB of answers at
 * once were the peak of memory). */
struct jsondoc;
int afile_parse_doc(struct jsondoc *doc, const struct catalog_set *cats, const char *expect_id,
                    struct assessment **out, struct cc_err *err);
/* The same, and the cooperation id in the file must be expect_id (the name of
 * its directory); a mismatch is reported at the id's line:column. */
int afile_parse_expect(const char *buf, size_t len, const char *name,
                       const struct catalog_set *cats, const char *expect_id,
                       struct assessment **out, struct cc_err *err);

#endif
