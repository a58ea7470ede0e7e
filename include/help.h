/* help.h — a question's man-page style help, rendered as plain text.
 * (The roff form and the man pages come with the documentation issue.) */
#ifndef COOPCHECK_HELP_H
#define COOPCHECK_HELP_H

#include <stddef.h>

#include "catalog.h"
#include "lang.h"
#include "util.h"

/* Appends the help of q in lang to out, wrapped to width columns: NAME,
 * QUESTION, WHAT IT ASKS, WHY IT MATTERS, WHAT TO CHECK, WHO CAN HELP,
 * REFERENCES, SEE ALSO (headings in lang), the text indented by indent
 * columns (7 as in man(1); less in a narrow pane).  All catalogue text is
 * sanitised. */
void help_render_text(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                      enum lang lang, size_t width, size_t indent);

/* Appends the list of all questions by section ("  9  Military research ..."). */
void help_render_index(struct sbuf *out, const struct catalog *cat, enum lang lang, size_t width);

/* Appends the "About this catalogue" page: title, issuer and date, the cover
 * note with its footnotes, the purpose, and every reference with its address.
 * With marks, each word the source sets in bold is put between HELP_EMPH_ON
 * and HELP_EMPH_OFF (after wrapping, so they take no columns); without, the
 * text is plain. */
#define HELP_EMPH_ON '\x02'
#define HELP_EMPH_OFF '\x03'
void help_render_about(struct sbuf *out, const struct catalog *cat, enum lang lang, size_t width,
                       size_t indent, int marks);

/* Appends the help of q as a man(7) page (coopcheck help N --roff). */
void help_render_roff(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                      enum lang lang, const char *version);
/* Appends coopcheck-questions(7): every question of cat with its help. */
void help_render_roff_all(struct sbuf *out, const struct catalog *cat, enum lang lang,
                          const char *version);

#endif
