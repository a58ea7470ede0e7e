/* export.h — an assessment as a report for a committee, an export-control
 * office or a funder.  No curses, no I/O: the caller writes the result.
 *
 * Every report holds: the cooperation's data, the catalogue and its version,
 * who assessed it and when (round, snapshot), a summary (answered, open,
 * to review, flagged; a yes/no overview), then every question with its
 * official text and the answers, open questions clearly marked.
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

enum export_format { EXPORT_MD, EXPORT_TXT, EXPORT_ROFF, EXPORT_HTML, EXPORT_JSON };

/* "md", "txt", "roff", "html", "json"; -1 when unknown. */
int export_format_parse(const char *name);
/* The format a file name's extension says (.md .markdown .txt .roff .man .7
 * .html .htm .json); -1 when none (also for a name that is only the
 * extension, such as ".md"). */
int export_format_of_path(const char *path);

/* Appends the report to out.  generated_at is the time printed as "generated
 * at" (ISO 8601 UTC; pass the clock's now — tests pass a fixed one).  txt is
 * wrapped at 78 columns; roff is a man(7) document that renders with
 * `groff -man -k -Tpdf` and passes `mandoc -Tlint -Wwarning`; html is one
 * self-contained file (inline CSS, no external resources, no scripts); md is
 * CommonMark; json is the assessment document itself (afile_format). */
void export_render(struct sbuf *out, const struct assessment *a, enum export_format fmt,
                   enum lang lang, const char *generated_at);

#endif
