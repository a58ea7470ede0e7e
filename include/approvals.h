/* approvals.h — the approvals of a cooperation's snapshots as they stand on
 * disk: whether each approved snapshot is still the file that was approved,
 * and whether its signature is valid (sign.h).  No curses. */
#ifndef COOPCHECK_APPROVALS_H
#define COOPCHECK_APPROVALS_H

#include "model.h"
#include "sign.h"
#include "util.h"

struct approval_check {
    enum sig_state state;
    char why[640];           /* "" for valid and unsigned */
};

/* The allowed_signers file to check against: opt (--allowed-signers) when
 * given, else DATA/allowed_signers.  Caller frees. */
char *approvals_signers_path(const char *data, const char *opt);
/* SHA-256 of snapshot name of cooperation id into out; -1 (ENOENT when it
 * is missing) with a message otherwise. */
int store_snapshot_sha(const char *data, const char *id, const char *name, char out[65],
                       struct cc_err *err);
/* Checks every approval of a, cooperation a->coop.id in data: checks
 * receives a->napprovals entries (caller frees). */
struct approval_check *approvals_check(const char *data, const struct assessment *a,
                                       const char *allowed);
/* The roles of required that the snapshot name still lacks, as one line
 * "PI, export control" into missing (empty when none); the number missing. */
size_t approvals_missing_text(const struct assessment *a, const char *name,
                              const struct strlist *required, struct sbuf *missing);

#endif
