/* screening.h — a cooperation's partners screened against the installed
 * lists, each hit explained and decided, each screening kept in the
 * assessment (screening.c; the record in the file: afile_screen.c).
 * No curses.
 *
 * A hit is one partner against one list entry: the best-scoring pair of the
 * partner's names (its name and aliases) and the entry's names.  It is
 * known by (partner, list, entry id); the entry's SHA-256 (of its names,
 * category, note and url) tells a changed entry.  A new screening carries
 * each decision over from the last one when the entry is unchanged; a hit
 * that is new, or whose entry changed, is open again (the old decision is
 * kept beside it).  Open hits are open items of the round. */
#ifndef COOPCHECK_SCREENING_H
#define COOPCHECK_SCREENING_H

#include <stddef.h>

#include "lists.h"
#include "model.h"
#include "names.h"

enum verdict { V_OPEN, V_SAME, V_DIFFERENT, V_UNSURE, V_COUNT };
/* "open", "same", "different", "unsure" (file and command line). */
const char *verdict_name(enum verdict v);
int verdict_parse(const char *s);
/* "not decided", "the same entity", "not the same", "unsure" (gettext). */
const char *verdict_text(enum verdict v);

struct hit_decision {
    enum verdict verdict;
    char *note;              /* why, or NULL */
    char *at, *by;           /* who decided when; NULL while open */
};

/* Compared with the screening before (in the same assessment). */
enum hit_state { HS_NEW, HS_CHANGED, HS_KNOWN, HS_COUNT };
const char *hit_state_name(enum hit_state s);   /* "new", "changed", "known" */
/* The same in the current language, for people (the names are the file's). */
const char *hit_state_text(enum hit_state s);

struct hit {
    char *partner;           /* the partner's name as the cooperation has it */
    char *alias;             /* which of its names matched (may be the name) */
    char *alias_norm;        /* its normalised form */
    char *list;              /* the list's name */
    char *entry_id;
    char *entry_sha256;
    char *entry_name;        /* the entry's main name */
    char *matched;           /* the entry's name or alias that matched */
    char *matched_norm;
    int score;               /* 0..100 */
    enum match_kind kind;
    char *category, *note, *url;   /* the entry's, or NULL */
    enum hit_state state;
    struct hit_decision d;
    struct hit_decision was; /* HS_CHANGED: the decision on the entry as it was */
};

/* A list as it was when the screening used it. */
struct screen_list {
    char *name, *format, *version, *retrieved, *sha256;
    size_t entries;
};

struct screening {
    char *at, *by;
    int threshold;
    struct screen_list *lists;
    size_t nlists;
    struct strlist missing;  /* known lists (lists_known) that were not installed */
    struct strlist problems; /* installed lists that could not be read, with why */
    struct hit *hits;
    size_t nhits;
};

void hit_release(struct hit *h);
void screening_release(struct screening *s);
/* Frees a's screenings. */
void assessment_screenings_release(struct assessment *a);
/* The last screening, or NULL. */
const struct screening *assessment_last_screening(const struct assessment *a);
struct screening *assessment_last_screening_mut(struct assessment *a);

/* Screens a's partners against the lists installed in lists_dir (threshold
 * 0: the default) and appends the result as a's newest screening,
 * carrying decisions over.  The screening's time and user are at/by.  0, or
 * -1 with a message (then a is unchanged).  A list that cannot be read is
 * named in problems, not an error. */
int screening_run(struct assessment *a, const char *lists_dir, int threshold, const char *at,
                  const char *by, struct cc_err *err);

/* Decides hit i of the last screening.  -1 with a message when there is no
 * such hit or the verdict is V_OPEN without a note. */
int screening_decide(struct assessment *a, size_t i, enum verdict v, const char *note,
                     const char *at, const char *by, struct cc_err *err);

/* Hits of the last screening not decided (V_OPEN): their indices. */
void screening_open_hits(const struct assessment *a, struct idlist *out);
/* How many hits of s are not decided (s may be NULL). */
size_t screening_undecided(const struct screening *s);
/* The hit of s (may be NULL) with like's key (partner, list, entry id), or NULL. */
const struct hit *screening_find_hit(const struct screening *s, const struct hit *like);

/* Days from an ISO date/time a to b (b - a, whole days), or -1 when either
 * does not parse. */
long screening_days(const char *a, const char *b);

/* The default age after which a list is old (config [screening] max_age_days). */
#define LIST_MAX_AGE_DEFAULT 90

/* The screening described honestly, for a report or `screen`: which lists
 * (with dates), which are old (older than max_age days at the screening),
 * which are missing; "no entry found in ..." for lists without a hit.
 * Plain text lines (no markup), in the current language. */
void screening_summary(const struct screening *s, int max_age, struct strlist *lines);
/* The explanation of one hit: which name matched which entry name on which
 * list, the normalised forms, the score, the entry's category, note and
 * reference, and the decision (with the one before, for a changed entry). */
void screening_hit_lines(const struct hit *h, struct strlist *lines);

#endif
