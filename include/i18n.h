/* i18n.h — the program's own words in German and English, through gettext.
 *
 * Every string the program says itself — the interface, messages and errors,
 * --help, report labels, diff output, the help's headings — is written in
 * English and marked: _("...") where it is used, N_("...") where it is only
 * stored (a table), to be translated with _() of the stored string when used;
 * P_(one, many, n) where a number decides.  po/de.po holds the German; the
 * build makes LOCALEDIR/de/LC_MESSAGES/coopcheck.mo of it, and `make check`
 * fails when a marked string has no German.  The catalogue's texts (questions,
 * help, cover note) are not here: they are in the catalogue, in both languages.
 *
 * gettext follows the locale's LC_MESSAGES, which may be "C" or missing on a
 * server reached over SSH: i18n_init puts C.UTF-8 in its place, so that
 * LANGUAGE (which i18n_set writes) is honoured whatever the user's locale.
 * Translations come out in UTF-8 whatever LC_CTYPE says; what reaches a
 * terminal is sanitised and, without a UTF-8 locale, drawn in ASCII. */
#ifndef COOPCHECK_I18N_H
#define COOPCHECK_I18N_H

#include <libintl.h>

#include "lang.h"

/* The language of _() (i18n.c); set with i18n_set. */
extern enum lang i18n_current_lang;

/* English is the message ids themselves, so it needs no look-up: a gettext
 * call costs more than parsing the value whose name it translates, and the
 * parsers name every value they read. */
#if defined(__GNUC__) || defined(__clang__)
#define CC_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define CC_FORMAT_ARG(n)
#endif

static inline char *cc_gettext(const char *s) CC_FORMAT_ARG(1);
static inline char *cc_ngettext(const char *one, const char *many, unsigned long n)
    CC_FORMAT_ARG(2);   /* the plural takes every argument; the singular may leave the number out */

static inline char *cc_gettext(const char *s)
{
    return i18n_current_lang == LANG_EN ? (char *)s : gettext(s);
}

static inline char *cc_ngettext(const char *one, const char *many, unsigned long n)
{
    return i18n_current_lang == LANG_EN ? (char *)(n == 1 ? one : many) : ngettext(one, many, n);
}

#define _(s) cc_gettext(s)
#define N_(s) (s)
#define P_(one, many, n) cc_ngettext((one), (many), (unsigned long)(n))

/* The locale (C.UTF-8 when the user's does not exist) and the text domain,
 * from the installed locale directory or else the build tree's.  Call once,
 * first thing. */
void i18n_init(void);
/* The language of every _() from now on (and of strerror, where the C
 * library has its translations).  Binds the text domain when i18n_init was
 * not called (a unit test, the benchmark), keeping the program's locale but
 * for LC_MESSAGES "C", which would ignore the language. */
void i18n_set(enum lang l);
/* The language set last (English before any i18n_set). */
enum lang i18n_lang(void);

#endif
