/* export_gather.h — what a report needs besides its assessment (struct
 * export_extra, export.h), gathered from the data directory for the export
 * command and the interface's export key: the round's base snapshot, the
 * approvals of the reported snapshot (they live in the working assessment)
 * with their signatures checked by ssh-keygen (approvals.h), the required
 * roles and today's date.  Whatever cannot be had is said in the extra's
 * problems, and the report still comes out.  No curses. */
#ifndef COOPCHECK_EXPORT_GATHER_H
#define COOPCHECK_EXPORT_GATHER_H

#include "catalog.h"
#include "export.h"
#include "model.h"

struct export_gathered {
    struct export_extra x;          /* what to pass to export_render; points into these */
    struct assessment *base;        /* owned; NULL when none or it did not load */
    struct assessment *working;     /* owned when loaded here, else NULL */
    struct approval *approvals;     /* the reported snapshot's, shallow copies of the
                                     * working assessment's (the array is owned) */
    struct approval_check *checks;  /* owned, one per approval */
    char *base_problem, *approvals_problem;   /* owned */
    char today[11];
};

/* Gathers g for a report of a, the working assessment or a snapshot of
 * cooperation id (its name now: a snapshot keeps the id it was taken
 * under) in data.  working is the working assessment when the caller holds
 * it (it must outlive g), else NULL: it is loaded when a is a snapshot.
 * allowed is the allowed_signers file (approvals_signers_path), required
 * the roles config requires (may be NULL), now the clock's ISO time. */
void export_gather(struct export_gathered *g, const char *data, const char *id,
                   const struct catalog_set *cats, const struct assessment *a,
                   const struct assessment *working, const char *allowed,
                   const struct strlist *required, const char *now);
void export_gathered_release(struct export_gathered *g);

#endif
