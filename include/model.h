/* model.h — a cooperation and its assessment, in memory.  No I/O, no curses.
 *
 * The assessment answers one catalogue: for each catalogue question (same
 * index as cat->questions) one struct qanswers, for each of its fields (same
 * index as the question's fields) one struct answer.  Each answer records who
 * set it and when.  All strings are owned by the assessment.
 */
#ifndef COOPCHECK_MODEL_H
#define COOPCHECK_MODEL_H

#include <stddef.h>

#include "catalog.h"
#include "util.h"

#define ASSESSMENT_FORMAT 1
#define COOP_ID_MAX 64
#define TEXT_ANSWER_MAX (256u * 1024u)  /* bytes per text field */

/* Never a default of "no": a field starts unanswered. */
enum yesno { YN_UNSET = 0, YN_YES, YN_NO, YN_UNSURE };
const char *yesno_name(enum yesno v);          /* "unset", "yes", "no", "unsure" */
int yesno_parse(const char *s);                /* those names; -1 otherwise */

struct answer {
    enum yesno yn;   /* yes/no fields */
    char *text;      /* text fields; NULL when unanswered (never "") */
    char *by, *at;   /* who set it, when (ISO 8601 UTC); NULL when never set */
};

struct qanswers {
    struct answer *f;
    size_t nf;
    int followup;    /* "needs follow-up" */
    int review;      /* carried over from the last round, not yet confirmed */
};

struct coop {
    char *id;               /* slug */
    char *title;            /* any text */
    struct strlist partners;
    char *country, *pi;     /* may be NULL */
    char *start;            /* YYYY-MM-DD or NULL */
    int interval_months;    /* 1..120 */
};

struct snapinfo {
    char *name;             /* file name without ".json" */
    char *taken_at, *taken_by;
    char *note;             /* may be NULL */
    char *prev_name;        /* NULL for the first snapshot */
    char *prev_sha256;
};

struct assessment {
    const struct catalog *cat;  /* not owned */
    char *catalog_id, *catalog_version;
    struct coop coop;
    char *created_at, *created_by;
    char *updated_at, *updated_by;
    int round;                  /* 1 for the first assessment */
    char *round_started;
    char *round_based_on;       /* snapshot name, or NULL */
    char *round_based_on_sha256; /* that snapshot file's SHA-256, or NULL */
    struct qanswers *q;         /* cat->nquestions entries */
    struct snapinfo *snap;      /* set when this is a snapshot */
    char *file_sha256;          /* hash of the file as read/written (storage) */
    /* The question texts this was answered against, as hashes recorded in
     * the file (question id -> question_text_sha256); used to tell which
     * question texts changed between catalogue versions. */
    struct strlist qsha_ids, qsha_vals;
    /* Answers to questions or fields the current catalogue no longer has
     * ("q20", "q04.kind"): kept only for snapshots of another catalogue
     * version, which must still load. */
    struct strlist dropped;
    int tolerate_unknown;       /* while loading: see dropped */
};

enum qstate { QS_UNANSWERED, QS_PARTIAL, QS_ANSWERED };

/* 1 when id matches [a-z0-9][a-z0-9-]{0,63}. */
int coop_id_valid(const char *id);
/* A message-ready explanation of why id is refused (static text). */
const char *coop_id_rule(void);
void coop_release(struct coop *c);
void coop_copy(struct coop *dst, const struct coop *src);

/* A new, unanswered assessment of cat for the cooperation meta (copied). */
struct assessment *assessment_new(const struct catalog *cat, const struct coop *meta,
                                  const char *who, const char *now);
void assessment_free(struct assessment *a);

/* Setters validate and record who/when; they return -1 with a message for a
 * wrong field type or bad text (invalid UTF-8, NUL, too long). */
int assessment_set_yesno(struct assessment *a, size_t qi, size_t fi, enum yesno v,
                         const char *who, const char *now, struct cc_err *err);
/* text "" (or only white space) clears the field. */
int assessment_set_text(struct assessment *a, size_t qi, size_t fi, const char *text,
                        const char *who, const char *now, struct cc_err *err);
void assessment_set_followup(struct assessment *a, size_t qi, int on, const char *who,
                             const char *now);
/* Marks a question reviewed (clears its "to review" mark). */
void assessment_confirm(struct assessment *a, size_t qi, const char *who, const char *now);

/* SHA-256 (hex) of a question's official texts in all its languages. */
void question_text_sha256(const struct cat_question *q, char out[65]);
/* The recorded hash for question id, or NULL. */
const char *assessment_recorded_qsha(const struct assessment *a, const char *qid);

/* Deep copies of one question's answers (for undo); release frees the
 * contents.  equal: same values, flags and who/when. */
void qanswers_copy(struct qanswers *dst, const struct qanswers *src);
void qanswers_release(struct qanswers *q);
int qanswers_equal(const struct qanswers *a, const struct qanswers *b);

int answer_is_set(const struct answer *ans);
enum qstate assessment_qstate(const struct assessment *a, size_t qi);
/* Number of fully answered questions. */
size_t assessment_answered(const struct assessment *a);
size_t assessment_to_review(const struct assessment *a);

#endif
