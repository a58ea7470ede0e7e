/* markup.h — text made safe for the formats coopcheck writes: roff (man
 * pages, reports), HTML and Markdown.  Used by the reports (export.c), the
 * help pages (help.c) and the key table of coopcheck(1) (keymap).
 *
 * Every piece of text is first cleaned (markup_clean): control characters,
 * escape sequences, bidi overrides and invalid bytes become visible escapes
 * ("\x1b", "<U+202E>", as text_sanitize makes them), a tab becomes four
 * spaces.  Then each format escapes what is markup for it:
 *   roff  "\" -> "\e"; a text line starting with '.', '\'' or ' ' gets "\&"
 *         in front; macro arguments are quoted with '"' written as "\(dq";
 *         no blank lines (".sp" instead), no trailing spaces.
 *   html  & < > " ' as entities; line breaks as <br>.
 *   md    \ ` * _ [ ] < > | ~ & # everywhere; + - = and "1." / "1)" at a
 *         line start; leading and trailing spaces dropped (CommonMark drops
 *         them anyway); line breaks as hard breaks (backslash at line end).
 */
#ifndef COOPCHECK_MARKUP_H
#define COOPCHECK_MARKUP_H

#include "util.h"

/* Appends s with unsafe characters as visible escapes and tabs as four
 * spaces.  With multiline, line breaks are kept (else shown as "\x0a"). */
void markup_clean(struct sbuf *out, const char *s, int multiline);
/* Cleans multi-line text and drops leading blank lines and trailing white
 * space, so that a block never starts or ends with an empty line. */
void markup_clean_block(struct sbuf *out, const char *s);

/* roff: text of one line (line breaks shown as "\x0a"), safe at a line's
 * start; roff_arg: a quoted macro argument; roff_macro: ".MACRO "arg"\n";
 * roff_line: text as a whole line of its own; roff_text: multi-line text as
 * text lines separated by .br, .sp for empty lines, "-" when empty, with
 * prefix (roff of ours, e.g. "\fI") before the first line and suffix after
 * the last (both may be NULL). */
void roff_escape(struct sbuf *out, const char *s);
void roff_arg(struct sbuf *out, const char *s);
void roff_macro(struct sbuf *out, const char *macro, const char *arg);
void roff_line(struct sbuf *out, const char *s);
void roff_text(struct sbuf *out, const char *s, const char *prefix, const char *suffix);

/* HTML: multi-line text with entities (line breaks kept as they are); one
 * line; multi-line text with its line breaks as <br>. */
void html_escape(struct sbuf *out, const char *s);
void html_inline(struct sbuf *out, const char *s);
void html_text(struct sbuf *out, const char *s);

/* Markdown: multi-line text (hard breaks); multi-line text whose
 * continuation lines start with cont; one line. */
void md_escape(struct sbuf *out, const char *s);
void md_text(struct sbuf *out, const char *s, const char *cont);
void md_inline(struct sbuf *out, const char *s);

#endif
