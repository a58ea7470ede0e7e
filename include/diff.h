/* diff.h — what changed between two rounds of an assessment.  No curses, no
 * I/O: the command line and the diff view only draw these structures.
 *
 * Text fields are compared word by word with Myers' O(ND) algorithm over
 * tokens; a token is a word (a run of non-space characters) or a run of
 * white space (spaces, tabs, line breaks), so that white space and line
 * breaks are kept exactly and the pieces of a diff concatenate back to the
 * old text (EQUAL + DELETE) and to the new text (EQUAL + INSERT). */
#ifndef COOPCHECK_DIFF_H
#define COOPCHECK_DIFF_H

#include <stddef.h>

#include "model.h"
#include "util.h"

enum diff_op { DIFF_EQUAL, DIFF_DELETE, DIFF_INSERT };

struct diff_piece {
    enum diff_op op;
    char *text;          /* owned, NUL-terminated */
};

struct word_diff {
    struct diff_piece *v;
    size_t n;
};

/* Word diff of a (old) and b (new); NULL counts as "".  Adjacent pieces of the
 * same op are merged; a DELETE comes before the INSERT that replaces it.
 * Runs in O((N+M)·D) time for N, M tokens and D differences, and in linear
 * space for the trace (or O(D^2) — say which in the implementation). */
void word_diff(const char *a, const char *b, struct word_diff *out);
void word_diff_release(struct word_diff *d);
/* 1 when the diff has any DELETE or INSERT. */
int word_diff_changed(const struct word_diff *d);

/* ---- assessments ---- */

enum field_change {
    FC_SAME,       /* unchanged */
    FC_ANSWERED,   /* unanswered before, answered now */
    FC_CLEARED,    /* answered before, unanswered now */
    FC_CHANGED,    /* answered both times, differently */
};

struct field_diff {
    enum field_change change;
    enum yesno old_yn, new_yn;   /* yes/no fields */
    struct word_diff words;      /* text fields: the word diff (empty when FC_SAME);
                                  * yes/no fields: of the note, when it changed */
    int note_changed;            /* yes/no fields: the note differs */
};

struct question_diff {
    int changed;                 /* any field changed, or the follow-up flag */
    int followup_old, followup_new;
    int text_changed;            /* the catalogue's question text differs between the two */
    struct field_diff *f;        /* one per catalogue field */
    size_t nf;
};

struct diff_summary {
    size_t changed;              /* questions with any change */
    size_t newly_answered;       /* questions unanswered before, (partly) answered now */
    size_t cleared;              /* questions answered before, unanswered now */
    size_t yes_to_no, no_to_yes; /* yes/no flips (fields) */
    size_t to_unsure, from_unsure; /* fields moved to or from "unsure" from or to yes/no */
    size_t followup_raised, followup_cleared;
    size_t unchanged;            /* questions without any change, also of their text */
    size_t text_changed;         /* question texts that differ between catalogue versions */
};

/* A piece of the cooperation's data that differs (diff_coop.c). */
struct coop_change {
    enum coop_field field;
    char *old, *new_;            /* as text (partners "A (alias, alias); B"); NULL when unset */
    const struct stamp *stamp;   /* who changed it when, in new_ (not owned; may be empty) */
};

/* A record of the officer's half that differs (diff_officer.c). */
enum officer_kind { OK_RATING, OK_MEASURE, OK_DECISION, OK_APPROVAL, OK_SCREEN, OK_HIT };
struct officer_change {
    enum officer_kind kind;
    char *what;                  /* "q05", "overall", "M2", "decision", "20261201T...Z PI" */
    char *old, *new_;            /* as text, for people (translated); NULL when absent */
    const char *by, *at;         /* who made new_ (or removed old) when, not owned; may be NULL */
};

struct assessment_diff {
    const struct catalog *cat;   /* the catalogue both are read against (not owned) */
    struct question_diff *q;     /* cat->nquestions entries */
    struct diff_summary sum;
    struct coop_change *coop;    /* the cooperation's data that changed */
    size_t ncoop;
    struct officer_change *off;  /* ratings, measures, decision, approvals that changed */
    size_t noff;
};

/* The cooperation's data of old and new_ compared into out->coop. */
void coop_diff(const struct assessment *old, const struct assessment *new_, struct assessment_diff *out);
/* The officer's records of old and new_ compared into out->off: ratings in
 * catalogue order, then the overall rating, the measures by id, the
 * decision and the approvals.  "to review" marks alone are no change. */
void officer_diff(const struct assessment *old, const struct assessment *new_,
                  struct assessment_diff *out);
/* Appends a change unless old and new text are the same (takes what, o, n). */
void officer_change_add(struct assessment_diff *out, enum officer_kind k, char *what, char *o,
                        char *n, const char *by, const char *at);
/* The last screenings of old and new_ compared into out->off (OK_SCREEN:
 * when and against which lists; OK_HIT: each hit, what "partner / list
 * entry", with its decision) (diff_screen.c). */
void screening_diff(const struct assessment *old, const struct assessment *new_,
                    struct assessment_diff *out);
/* "risk", "measure", "decision", "approval", "screening", "hit": names in JSON output. */
const char *officer_kind_name(enum officer_kind k);


/* Compares old and new, which must answer the same catalogue id (else -1 with
 * a message).  Question text changes are detected from the question-text
 * hashes that snapshots record (assessment.qtext_sha), when both have them. */
int assessment_diff(const struct assessment *old, const struct assessment *new_,
                    struct assessment_diff *out, struct cc_err *err);
void assessment_diff_release(struct assessment_diff *d);
/* 1 when new_ answers the questions, describes the cooperation and holds the
 * officer's records as old does (assessment_diff finds nothing but
 * approvals, which are given to snapshots and change no round, as approve
 * leaves "updated" alone; "to review" marks are no change either); 0 when
 * anything else differs or they cannot be compared.
 * With assessment_untouched, whose times tell only to the second, it says
 * whether a round has really not changed since the snapshot it is based on. */
int assessment_same_content(const struct assessment *old, const struct assessment *new_);

#endif
