/* export.h — an assessment as a report for a committee, an export-control
 * office or a funder.  No curses, no I/O: the caller writes the result.
 *
 * Every report starts with a one-page summary for the committee
 * (export_summary.c): the cooperation, its partners and round, the overall
 * risk and the risk per section, the decision and its conditions, open and
 * overdue measures, the questions answered "unsure" or flagged, what changed
 * since the round's base snapshot, and the approvals of the snapshot with
 * their signature state and the required roles still missing.  Then it
 * holds: the cooperation's data, the catalogue and its version, who assessed
 * it and when (round, snapshot), a summary of the answers (answered, open,
 * to review, flagged; a yes/no overview), then every question with its
 * official text and the answers, open questions clearly marked.  The ms
 * report ends with a signature block.
 *
 * All text from answers and files is escaped for the target format and
 * stripped of control characters and escape sequences (roff: backslashes,
 * leading '.' and '\''; Markdown and HTML special characters), so an answer
 * holding ".so /etc/passwd" or "<script>" appears as that text (markup.h). */
#ifndef COOPCHECK_EXPORT_H
#define COOPCHECK_EXPORT_H

#include "lang.h"
#include "model.h"
#include "util.h"

struct approval_check;   /* approvals.h */

enum export_format { EXPORT_MD, EXPORT_TXT, EXPORT_ROFF, EXPORT_HTML, EXPORT_JSON, EXPORT_MS };

/* "md", "txt", "roff", "html", "json", "ms"; -1 when unknown. */
int export_format_parse(const char *name);
/* The format a file name's extension says (.md .markdown .txt .roff .man .7
 * .ms .html .htm .json); -1 when none (also for a name that is only the
 * extension, such as ".md"). */
int export_format_of_path(const char *path);

/* What the summary needs that the assessment does not hold; every member
 * may be NULL (0), and so may the whole struct.  Nothing is owned.
 *   base         the snapshot the round is based on (a->round_based_on),
 *                for "what changed since the previous round"
 *   base_problem why base is NULL although the round has a base (it did not
 *                load): the summary says the comparison is unavailable and why
 *   approvals    approvals of the cooperation's snapshots (they live in the
 *                working assessment); the summary shows those of the
 *                reported snapshot (approval.snapshot == a->snap->name)
 *   checks       napprovals entries, one per approval: the signature state
 *                (approvals_check); NULL: "not checked"
 *   approvals_problem  why the approvals could not be read, or NULL
 *   required     the roles a snapshot needs (config: required_approvals)
 *   today        YYYY-MM-DD for overdue measures; NULL: generated_at's date */
struct export_extra {
    const struct assessment *base;
    const char *base_problem;
    const struct approval *approvals;
    size_t napprovals;
    const struct approval_check *checks;
    const char *approvals_problem;
    const struct strlist *required;
    const char *today;
    int list_max_age;     /* days after which a screening list is old; 0: the default */
};

/* Appends the report to out.  generated_at is the time printed as "generated
 * at" (ISO 8601 UTC; pass the clock's now — tests pass a fixed one); extra
 * (may be NULL) what export_extra says.  txt is wrapped at 78 columns; roff
 * is a man(7) document that renders with `groff -man -k -Tpdf` and passes
 * `mandoc -Tlint -Wwarning`; ms is a document for print and signing that
 * renders with `groff -ms -t -k -Tpdf` (ms macros, tables by tbl: a title
 * block, the summary on its own page, a signature block at the end); html
 * is one self-contained file (inline CSS, no external resources, no
 * scripts); md is CommonMark (the tables as pipe tables); json is the
 * assessment document itself (afile_format). */
void export_render(struct sbuf *out, const struct assessment *a, enum export_format fmt,
                   enum lang lang, const char *generated_at, const struct export_extra *extra);

#endif
