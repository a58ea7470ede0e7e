/* textutil.h — UTF-8, display width and sanitising of untrusted text.
 *
 * Text from users and files (answers, catalogue strings, file names) never
 * reaches a terminal raw: text_sanitize() turns C0/C1 control characters, DEL
 * and the bidirectional-override characters into visible escapes such as
 * "\x1b" or "<U+202E>".  Widths are display columns (wcwidth), never bytes; in
 * a locale where wcwidth knows nothing of non-ASCII characters, printable ones
 * count one column (East Asian wide ones two).  No curses here.
 */
#ifndef COOPCHECK_TEXTUTIL_H
#define COOPCHECK_TEXTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Decodes the UTF-8 character at s (which must be valid UTF-8, e.g. checked
 * with utf8_valid).  Stores its length in *len when len is not NULL.  Returns
 * U+FFFD and length 1 for a byte that does not start a valid sequence. */
uint32_t utf8_decode_at(const char *s, size_t *len);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
/* NULL when s[0..len) is valid UTF-8 without NUL; else a pointer to the first
 * bad byte. */
const char *utf8_invalid(const char *s, size_t len);

/* 1 for characters that must never be sent raw to a terminal: C0 controls
 * (except those allowed by flags), DEL, C1 controls, bidi embedding/override/
 * isolate characters and the line/paragraph separators. */
#define TEXT_ALLOW_NEWLINE 0x1u
#define TEXT_ALLOW_TAB     0x2u
int text_is_unsafe(uint32_t cp, unsigned flags);
/* The first unsafe character in s, or NULL. */
const char *text_find_unsafe(const char *s, unsigned flags);
/* 1 when s, of len bytes, may reach a terminal as it is but for its line
 * breaks: valid UTF-8, no NUL, nothing text_find_unsafe finds with
 * TEXT_ALLOW_NEWLINE (which stops where utf8_invalid would, so no pass of its
 * own for UTF-8; strlen finds a NUL inside). */
int text_clean(const char *s, size_t len);
/* How many bytes from s (at most len) are printable ASCII, ' ' to '~': safe,
 * one column each. */
size_t text_printable_run(const char *s, size_t len);

/* Appends s to out with every unsafe character replaced by a visible escape
 * ("\x1b", "\x7f", "<U+202E>"); invalid UTF-8 bytes become "\xNN". */
void text_sanitize(struct sbuf *out, const char *s, unsigned flags);
/* Formats fmt and appends it to out through text_sanitize(flags). */
void text_sanitize_vf(struct sbuf *out, unsigned flags, const char *fmt, va_list ap)
    CC_PRINTF(3, 0);
/* "coopcheck: MESSAGE" on standard error, the message sanitised (its
 * newlines kept): the command line's and the line mode's errors. */
void text_error_v(const char *fmt, va_list ap) CC_PRINTF(1, 0);

/* A readable ASCII stand-in for a character, for terminals without UTF-8:
 * "ae" for "ä", "\"" for "„", "-" for "–", "?" for anything else. */
const char *text_ascii(uint32_t cp);

/* Display columns of one character (0 for combining marks, 2 for wide ones);
 * -1 for control characters. */
int text_char_width(uint32_t cp);
/* Code points in valid UTF-8 s, and in its first n bytes. */
size_t text_count_chars(const char *s);
size_t text_count_chars_n(const char *s, size_t n);

/* Display columns of a sanitised string. */
size_t text_width(const char *s);

/* Appends s (sanitised) to out, word-wrapped to width columns, each line
 * prefixed with indent spaces; words longer than the line are broken by
 * character.  Line breaks in s are kept.  Ends with a newline. */
void text_wrap(struct sbuf *out, const char *s, size_t width, size_t indent);
/* The same, but a word longer than the line (a path, an address) is kept
 * whole on a row of its own, for copying: output for a terminal's scrollback
 * rather than a screen. */
void text_wrap_words(struct sbuf *out, const char *s, size_t width, size_t indent);

/* Appends at most width columns of s (sanitised) to out, never splitting a
 * character; with ellipsis, a cut string ends in "...". */
void text_truncate(struct sbuf *out, const char *s, size_t width, int ellipsis);
/* s cut (with "...") or padded with spaces to exactly width columns. */
void text_column(struct sbuf *out, const char *s, size_t width);

/* Replaces every "\r\n" with "\n" in place (text pasted from Windows). */
void text_normalize_newlines(char *s);

#endif
