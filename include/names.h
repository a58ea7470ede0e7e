/* names.h — institution names normalised and compared for screening
 * (names.c, with utf8proc).  No curses.
 *
 * A name is normalised by NFKC, case folding and removing combining marks
 * (utf8proc), punctuation and hyphens become spaces, abbreviations are
 * expanded ("univ." → "university", "inst" → "institute", ...), and it is cut
 * into tokens.  Legal forms ("co., ltd.", "gmbh", "有限公司", ...) are
 * dropped; generic words ("university", "universität", "institute", "of",
 * "大学" is NOT dropped from CJK forms, see below) are kept with a small
 * weight, so that they count a little: "Beijing Institute of Technology" and
 * "Beijing University of Technology" are different institutions.
 *
 * A name written in CJK characters is compared exactly on its normalised
 * form (spaces, punctuation and legal forms removed); a CJK form that
 * contains an entry's CJK form of at least four characters is a "contains"
 * match (a sub-institute of a listed institution).  Latin names are
 * compared by a weighted token similarity, by acronyms (an alias "HIT"
 * against the initials of "Harbin Institute of Technology") and by
 * containment (an alias naming a sub-institute that contains a listed
 * name of at least two significant words). */
#ifndef COOPCHECK_NAMES_H
#define COOPCHECK_NAMES_H

#include <stddef.h>

#include "catalog.h"

struct name_token {
    char *s;         /* normalised, e.g. "harbin" */
    double weight;   /* 1 for a significant word, less for a generic one */
};

struct name_form {
    char *norm;              /* the normalised form as explanations show it:
                              * tokens joined by single spaces (CJK: the
                              * characters without spaces); "" when nothing
                              * is left (a name of only legal forms) */
    int cjk;                 /* 1: written in CJK, compared on norm */
    struct name_token *tok;  /* Latin: the tokens, in order (legal forms dropped) */
    size_t ntok;
    char *acronym;           /* initials of the significant tokens ("hit"),
                              * NULL with fewer than two */
};

/* Normalises the UTF-8 name s.  0, or -1 when s is not valid UTF-8 (out is
 * then empty but may be released). */
int name_normalize(const char *s, struct name_form *out);
void name_form_release(struct name_form *f);

enum match_kind {
    MK_EXACT,      /* the same normalised form */
    MK_TOKENS,     /* similar words (token similarity) */
    MK_ACRONYM,    /* one is the acronym of the other */
    MK_CONTAINS,   /* the alias contains the entry's name (a sub-institute) */
    MK_CJK,        /* the same CJK form */
    MK_COUNT
};
/* "exact", "tokens", "acronym", "contains", "cjk": names in files. */
const char *match_kind_name(enum match_kind k);
int match_kind_parse(const char *s);
/* One line that says why, for people, in the user's language (gettext):
 * "the same words", "similar words", "acronym", ... */
const char *match_kind_text(enum match_kind k);

/* How alike the partner's alias a and a list's name e are, 0..100 (100:
 * the same after normalisation), and how (kind, may be NULL).  Not
 * symmetric: containment is of e in a. */
int name_score(const struct name_form *a, const struct name_form *e, enum match_kind *kind);

/* The default threshold: a pair scoring at least this is a hit. */
#define NAME_THRESHOLD_DEFAULT 85

/* The keys an index files a list's name under (query 0), or looks a
 * partner's alias up by (query 1), pushed to keys: every pair of names that
 * can score at or above a threshold of 50 shares at least one key.  Keys are
 * short strings: significant tokens, "#" + acronym, "=" + CJK form, and for
 * a CJK query also "=" + each substring of at least four characters.  For
 * the near matches of names_match.c a significant token also brings its
 * prefixes of 4 to 12 letters (for an abbreviation "Aero."), and one of 8
 * letters or more each spelling with one letter left out (for a letter
 * wrong, added or swapped); two neighbouring words bring their
 * concatenation ("jiao tong": "jiaotong"), and a name without significant
 * words "~" + its normalised form.  Not duplicated within one call. */
void name_keys(const struct name_form *f, int query, struct strlist *keys);

#endif
