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

struct screening;   /* screening.h */
struct merge_conflict;
struct merged_snapshot;

/* 2: partners with aliases, who changed the cooperation's data when,
 * archiving, notes on yes/no answers, complete and interim snapshots, the
 * chain's head apart from the round's base.  3: the officer's half (risk
 * ratings, measures, the decision, approvals; officer.h).  4: partner
 * screenings (screening.h).  5: what a merge of two copies of a shared
 * store recorded (conflicts, merged snapshot chains; gitstore.h).  Files of
 * formats 1 to 4 load and are written as 5 at the next save. */
#define ASSESSMENT_FORMAT 5
#define COOP_ID_MAX 64
#define TEXT_ANSWER_MAX (256u * 1024u)  /* bytes per text field */

/* Never a default of "no": a field starts unanswered. */
enum yesno { YN_UNSET = 0, YN_YES, YN_NO, YN_UNSURE };
const char *yesno_name(enum yesno v);          /* "unset", "yes", "no", "unsure" */
int yesno_parse(const char *s);                /* those names; -1 otherwise */

struct answer {
    enum yesno yn;   /* yes/no fields */
    char *text;      /* text fields; NULL when unanswered (never "").  On a
                      * yes/no field: its note (why "unsure"), or NULL */
    char *by, *at;   /* who set it, when (ISO 8601 UTC); NULL when never set */
};

/* A risk rating (officer.h): of one question, or of the whole cooperation. */
enum risk { RISK_UNRATED = 0, RISK_NONE, RISK_LOW, RISK_MEDIUM, RISK_HIGH };
#define RISK_LEVELS 5
struct rating {
    enum risk level;
    char *why;       /* the rationale; NULL when none */
    char *by, *at;   /* who rated, when; NULL when never rated */
    int review;      /* carried over from the last round, not yet confirmed */
};

struct qanswers {
    struct answer *f;
    size_t nf;
    int followup;    /* "needs follow-up" */
    int review;      /* carried over from the last round, not yet confirmed */
    struct rating risk;
};

/* Who last changed a piece of the cooperation's data, and when. */
struct stamp {
    char *at, *by;          /* NULL when never changed since creation */
};

/* The cooperation's data that `coopcheck edit` changes, each stamped. */
enum coop_field { CF_TITLE, CF_PARTNERS, CF_COUNTRY, CF_PI, CF_START, CF_INTERVAL, CF_CATALOG,
                  CF_ID, CF_COUNT };
/* "title", "partners", ... "catalog", "id": names in the file and in messages. */
const char *coop_field_name(enum coop_field f);

struct coop {
    char *id;               /* slug */
    char *title;            /* any text */
    struct strlist partners;   /* names */
    struct strlist *aliases;   /* partners.n entries: each partner's other names
                                * (Chinese name, acronyms); NULL when none has any */
    char *country, *pi;     /* may be NULL */
    char *start;            /* YYYY-MM-DD or NULL */
    int interval_months;    /* 1..120 */
    struct stamp changed[CF_COUNT];
    struct stamp archived;  /* set while archived */
};

struct snapinfo {
    char *name;             /* file name without ".json" */
    char *taken_at, *taken_by;
    char *note;             /* may be NULL */
    char *prev_name;        /* NULL for the first snapshot */
    char *prev_sha256;
    int complete;           /* 1: closed the round; 0: interim (format 1: always 1) */
};

/* A measure of the mitigation register (officer.h). */
enum mstatus { MS_PLANNED = 0, MS_IN_PLACE, MS_DONE, MS_DROPPED };
#define MS_COUNT 4
struct measure {
    unsigned id;              /* M1, M2, ...: never reused */
    char *what;
    struct strlist addresses; /* question ids, or "overall" */
    char *owner;              /* NULL when none */
    char *due;                /* YYYY-MM-DD or NULL */
    enum mstatus status;
    char *effect;             /* a note on its effect; NULL when none */
    int review;               /* carried over: still in place and effective? */
    struct stamp created, changed;
};

/* The decision of a round (officer.h). */
enum outcome { OUT_NONE = 0, OUT_PROCEED, OUT_CONDITIONS, OUT_POSTPONE, OUT_DECLINE };
#define OUT_COUNT 5
struct decision {
    enum outcome outcome;     /* OUT_NONE: no decision yet */
    int round;                /* the round it decided */
    struct strlist conditions; /* measure ids ("M1") */
    char *body;               /* who decided (a committee, an officer) */
    char *date;               /* YYYY-MM-DD */
    char *why;                /* the rationale */
    char *by, *at;            /* who recorded it, when */
};

/* A named approval of a snapshot, optionally signed (officer.h, sign.h). */
struct approval {
    char *snapshot, *sha256;  /* the snapshot approved and its file's SHA-256 */
    char *role, *name;
    char *date;               /* YYYY-MM-DD */
    char *signer;             /* the principal in allowed_signers; NULL: unsigned */
    char *signature;          /* an armoured SSH signature; NULL: unsigned */
    char *by, *at;
};

/* What storage (store.c) knows of the working file an assessment was read
 * from or last written to, to tell at the next save whether someone else
 * changed it since: its identity and times, and a digest of its bytes
 * (digest.h).  All zero when unknown (loaded only for reading, or never
 * stored): such an assessment is never saved over the file. */
struct file_stamp {
    int known;
    int settled;                /* taken when the file's times were older than
                                 * any time stamp's granule: a later change
                                 * would show in them */
    unsigned long long dev, ino;   /* ino 0: identity unknown, only the bytes */
    long long size;
    long long mtime_s, mtime_ns, ctime_s, ctime_ns;
    long long granule_ns;       /* of the file system's time stamps */
    unsigned long long digest;
};

/* Question ids and their recorded text hashes, in one block (read for
 * every cooperation by list and due: two strings each of 19 questions cost
 * a tenth of reading an assessment as separate blocks).  Free with
 * qsha_release. */
struct qsha_list {
    char *buf;               /* every id and hash, NUL-terminated, owned */
    const char **id, **sha;  /* n of each, into buf; owned arrays */
    size_t n;
};
void qsha_release(struct qsha_list *l);
/* l (released first) holds the n ids and hashes given. */
void qsha_set(struct qsha_list *l, size_t n, const char *const *ids, const char *const *shas);

struct assessment {
    const struct catalog *cat;  /* not owned */
    char *catalog_id, *catalog_version;
    struct coop coop;
    char *created_at, *created_by;
    char *updated_at, *updated_by;
    int round;                  /* 1 for the first assessment */
    char *round_started;        /* when the round began: when the last complete
                                 * snapshot was taken, or the creation */
    char *round_based_on;       /* the complete snapshot that closed the last round, or NULL */
    char *round_based_on_sha256; /* that snapshot file's SHA-256, or NULL */
    char *last_snapshot;        /* the newest snapshot (complete or interim), or NULL:
                                 * the head of the hash chain */
    char *last_snapshot_sha256;
    struct qanswers *q;         /* cat->nquestions entries */
    struct rating overall;      /* the cooperation's overall risk */
    struct measure *measures;   /* the mitigation register, in id order */
    size_t nmeasures;
    struct decision decision;   /* the last decision (of this round or an earlier one) */
    struct approval *approvals; /* of this cooperation's snapshots, oldest first */
    size_t napprovals;
    struct screening *screenings; /* partner screenings, oldest first (screening.h) */
    size_t nscreenings;
    struct merge_conflict *conflicts; /* what a merge of two copies left to decide */
    size_t nconflicts;
    struct merged_snapshot *merged; /* heads of snapshot chains merged in (gitstore.h) */
    size_t nmerged;
    struct snapinfo *snap;      /* set when this is a snapshot */
    char *file_sha256;          /* SHA-256 of the file as read, where storage
                                 * needs it (snapshots, verify); else NULL */
    struct file_stamp stamp;    /* the working file as read or last written
                                 * (storage) */
    /* The question texts this was answered against, as hashes recorded in
     * the file (question id -> question_text_sha256); used to tell which
     * question texts changed between catalogue versions. */
    struct qsha_list qsha;
    /* Answers to questions or fields the current catalogue no longer has
     * ("q20", "q04.kind"): kept only for snapshots of another catalogue
     * version, which must still load. */
    struct strlist dropped;
    int tolerate_unknown;       /* while loading: see dropped */
};

/* A conflict that a merge of two copies of a shared store recorded
 * (coopcheck merge-driver): the same value was changed on both sides.  The
 * file holds this side's value ("mine") until the user picks theirs or edits
 * it; a conflict whose path holds another value than mine is resolved. */
struct merge_conflict {
    char *path;                 /* the value's place: a JSON array of steps ("answers", "q04", ...) */
    char *at;                   /* when the merge recorded it */
    char *base, *mine, *theirs; /* each side's value as JSON text; NULL: absent on that side */
};
void merge_conflict_release(struct merge_conflict *c);
/* Exchanges what a and b hold (a change that rebuilds an assessment in place). */
void assessment_swap_contents(struct assessment *a, struct assessment *b);
/* The newest snapshot of a side whose chain was merged in when both sides
 * had taken snapshots: a second head of the chain, which verify accepts. */
struct merged_snapshot {
    char *name, *sha256;
};

enum qstate { QS_UNANSWERED, QS_PARTIAL, QS_ANSWERED };

/* What keeps an assessment from being complete, as question indices in
 * catalogue order (progress.c). */
struct idlist {
    size_t *v;
    size_t n;
};
struct open_items {
    struct idlist unanswered, partial, unexplained, review, followup;
    /* the officer's records carried over and not yet confirmed: ratings
     * (question indices; nquestions for the overall one) and measures (ids) */
    struct idlist risk_review, measure_review;
    /* hits of the last screening not decided (their indices) */
    struct idlist screen_open;
    /* conflicts a merge recorded and nobody resolved yet (their indices) */
    struct idlist conflicts;
};
/* Appends v to l. */
void idlist_add(struct idlist *l, size_t v);

/* 1 when id matches [a-z0-9][a-z0-9-]{0,63}. */
int coop_id_valid(const char *id);
/* A message-ready explanation of why id is refused (static text). */
const char *coop_id_rule(void);
/* NULL when a new cooperation may be called id (a valid one); else why not,
 * message-ready (static text): "reports" is the data directory's folder of
 * reports.  A cooperation called so by an older coopcheck still loads. */
const char *coop_id_refusal(const char *id);
void coop_release(struct coop *c);
void coop_copy(struct coop *dst, const struct coop *src);
/* Appends a partner with its aliases (NULL: none). */
void coop_add_partner(struct coop *c, const char *name, const struct strlist *aliases);
/* The aliases of partner i (an empty list when it has none). */
const struct strlist *coop_aliases(const struct coop *c, size_t i);
/* Text for the cooperation's data: valid UTF-8 without control characters,
 * at most max bytes; NULL when fine, else why not (static text). */
const char *coop_text_problem(const char *s, size_t max);

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
/* The note of a yes/no answer (why "unsure"); "" clears it. */
int assessment_set_note(struct assessment *a, size_t qi, size_t fi, const char *text,
                        const char *who, const char *now, struct cc_err *err);
/* assessment_set_text of a text field, assessment_set_note of a yes/no
 * field; the text the field held goes to *old (the caller frees it, NULL
 * when there was none), so a caller that keeps it need not copy it; old
 * NULL: it is freed. */
int assessment_replace_text(struct assessment *a, size_t qi, size_t fi, const char *text,
                            const char *who, const char *now, char **old, struct cc_err *err);

/* The cooperation's data as edited (coop.c): each field of e that differs
 * from a's is taken over and stamped who/now; e->id is ignored (renaming is
 * the store's).  Returns the number of fields changed, or -1 with a message
 * (nothing changed then) for bad text, no title, a bad date or interval.
 * Changing the catalogue is store_w_recatalog's. */
int coop_apply_edit(struct assessment *a, const struct coop *e, const char *who, const char *now,
                    struct cc_err *err);
/* A field of the cooperation's data as text, partners as "A (alias, alias);
 * B" (caller frees; NULL when unset). */
char *coop_field_text(const struct assessment *a, enum coop_field f);
/* Partner i of c as the diff, reports and the command line show it,
 * "Fudan University (复旦大学, FDU)", appended to sb (not sanitised). */
void coop_partner_text(struct sbuf *sb, const struct coop *c, size_t i);
/* 1 when a and b list the same partners with the same aliases, in order. */
int coop_same_partners(const struct coop *a, const struct coop *b);
/* Archives (on) or restores a cooperation; 0 when it already was so. */
int coop_set_archived(struct assessment *a, int on, const char *who, const char *now);

/* SHA-256 (hex) of a question's official texts in all its languages. */
void question_text_sha256(const struct cat_question *q, char out[65]);
/* The recorded hash for question id, or NULL. */
const char *assessment_recorded_qsha(const struct assessment *a, const char *qid);

/* Deep copies of one question's answers (for undo); release frees the
 * contents.  equal: same values, flags and who/when. */
void qanswers_copy(struct qanswers *dst, const struct qanswers *src);
/* qanswers_copy without field skip's text (NULL in dst). */
void qanswers_copy_but_text(struct qanswers *dst, const struct qanswers *src, size_t skip);
void qanswers_release(struct qanswers *q);
int qanswers_equal(const struct qanswers *a, const struct qanswers *b);

/* Something is recorded: a yes/no chosen, a text or a note written (what
 * counts as an answer is field_answered's). */
int answer_is_set(const struct answer *ans);
/* progress.c: whether field fi of question qi is asked with the answers as
 * they are (a field with a condition only when its yes/no field has one of
 * its values); whether an "unsure" there is explained (its own note, or a
 * text field of the question that applies and is filled); whether the field
 * counts as answered (asked, set, and not an unexplained "unsure"). */
int field_applies(const struct assessment *a, size_t qi, size_t fi);
int field_unexplained(const struct assessment *a, size_t qi, size_t fi);
int field_answered(const struct assessment *a, size_t qi, size_t fi);
/* Unanswered: nothing set; answered: every field that applies counts;
 * partly answered otherwise. */
enum qstate assessment_qstate(const struct assessment *a, size_t qi);
/* Number of fully answered questions. */
size_t assessment_answered(const struct assessment *a);
size_t assessment_to_review(const struct assessment *a);
/* What is still open (release with open_items_release); 1 when nothing is. */
void assessment_open_items(const struct assessment *a, struct open_items *o);
int open_items_none(const struct open_items *o);
void open_items_release(struct open_items *o);
/* 1 when a round after the first has seen no change since it began: what
 * stands for it is still the complete snapshot it is based on. */
int assessment_untouched(const struct assessment *a);

/* Moves the answers to another catalogue (or version): each answer goes to
 * the question and field of the same ids; a question whose official text
 * changed is marked "to review".  The answers that have no place in cat are
 * appended to lost ("q04.kind"); with lost non-empty and !force nothing is
 * changed and -1 is returned.  Stamps the catalogue change who/now. */
int assessment_recatalog(struct assessment *a, const struct catalog *cat, int force,
                         struct strlist *lost, const char *who, const char *now);

#endif
