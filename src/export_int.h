/* export_int.h — what the report's driver (export.c), the committee's
 * summary (export_summary.c) and the emitters (export_emit.c, export_blocks.c,
 * export_ms.c) share: the labels, the rendering context and the tables of
 * operations each format implements. */
#ifndef COOPCHECK_EXPORT_INT_H
#define COOPCHECK_EXPORT_INT_H

#include "export.h"

#define TXT_WIDTH 78
#define TXT_KV_WIDTH 26   /* label column of "Label: value" lines in txt */

/* The report's own words, in the language of gettext (labels_init). */
struct labels {
    const char *report;
    /* blocks */
    const char *sec_coop, *sec_catalog, *sec_assessment, *sec_snapshot, *sec_summary;
    /* cooperation */
    const char *id, *title, *partners, *country, *pi, *start, *interval;
    /* catalogue */
    const char *cat_title, *cat_id, *version, *stand, *issuer;
    /* assessment */
    const char *round, *round_started, *based_on, *none, *none_first, *created, *changed,
        *generated, *dropped, *archived, *data_changed, *in_progress;
    /* snapshot */
    const char *snap_name, *snap_taken, *snap_note, *snap_prev, *snap_kind, *complete, *interim;
    /* summary */
    const char *answered, *partial, *open, *review, *followup, *yn_overview, *unexplained;
    /* questions */
    const char *status, *st_answered, *st_partial, *st_open, *st_open_txt, *st_review,
        *st_followup, *field_open;
    const char *yes, *no, *unsure;
    const char *not_given, *note, *needs_note;
};

struct rctx {
    struct sbuf *out;
    const struct assessment *a;
    const struct labels *L;
    enum lang lang;
    size_t nkv;    /* entries written in the current label/value block */
    const struct export_extra *x;   /* never NULL (an empty one when the caller gave none) */
    const char *generated_at;       /* may be NULL */
    char today[11];                 /* YYYY-MM-DD, or "" when unknown */
};

/* A question's status: its state and the extra marks. */
struct qstatus {
    enum qstate state;
    int review, followup;
};

struct emitter {
    void (*begin)(struct rctx *, const char *title, const char *date);
    void (*end)(struct rctx *);
    void (*heading)(struct rctx *, const char *text);   /* a block or a section */
    void (*kv)(struct rctx *, const char *label, const char *value, int multiline);
    void (*kv_end)(struct rctx *);
    void (*question_begin)(struct rctx *, const char *heading, const struct qstatus *st);
    void (*question_text)(struct rctx *, const char *text);
    /* value NULL: unanswered; by: "by WHO, WHEN" or NULL */
    void (*field)(struct rctx *, const char *label, const char *value, const char *by);
    void (*question_end)(struct rctx *);
};

extern const struct emitter emit_md, emit_txt, emit_roff, emit_html, emit_ms;

/* A table: a header row and nrows rows of ncols cells (cells is row-major),
 * each column aligned as align says ('l' left, 'r' right); with total, the
 * last row sums up the others and is set apart.  In a signature table an
 * empty cell is a line to write on. */
struct rtable {
    size_t ncols, nrows;
    struct strlist head, cells;
    const char *align;
    int total;
};
void rtable_init(struct rtable *t, size_t ncols, const char *align);
/* Appends a row of t->ncols cells (copied). */
void rtable_row(struct rtable *t, const char *const *cells);
void rtable_release(struct rtable *t);

/* The blocks of the committee's summary, one table of them per format
 * (export_blocks.c; ms in export_ms.c).  As the emitter's operations they
 * escape everything they are given. */
struct blocks {
    void (*subheading)(struct rctx *, const char *text);
    void (*para)(struct rctx *, const char *text);
    void (*items)(struct rctx *, const struct strlist *items);   /* a bulleted list */
    void (*table)(struct rctx *, const struct rtable *t);
    void (*page_end)(struct rctx *);   /* after the summary: its page ends */
    /* the signature block at the end of the report (NULL: the format has
     * none): a heading, the paragraphs of intro, the table (role, name,
     * date, signature) */
    void (*signatures)(struct rctx *, const char *heading, const struct strlist *intro,
                       const struct rtable *t);
};

extern const struct blocks blocks_md, blocks_txt, blocks_roff, blocks_html, blocks_ms;

/* The committee's one-page summary, after the report's title
 * (export_summary.c); the signature block, before its end. */
void render_committee_summary(const struct emitter *em, const struct blocks *bl, struct rctx *c);
void render_signatures(const struct blocks *bl, struct rctx *c);
/* The partner screening's paragraphs, under the caller's heading (export_screen.c). */
void render_screening(const struct blocks *bl, struct rctx *c);

/* A date (YYYY-MM-DD, or an ISO 8601 time starting with one) in words in
 * lang: "1 December 2026", "1. Dezember 2026"; with_time, the time of an
 * ISO 8601 time is added (", 08:30 UTC").  Anything else is appended as it is. */
void export_date(struct sbuf *out, const char *iso, enum lang lang, int with_time);

/* "Label:" unless the label already ends in a question mark or colon. */
int label_needs_colon(const char *label);
/* roff: 1 when the last line of out is a heading (.SH, .SS), after which
 * mandoc warns of a paragraph macro (export_blocks.c). */
int roff_after_heading(const struct sbuf *out);
/* txt: wrapped (cleaned) text whose lines are underlined with ch (the widest
 * line), and with overline also overlined. */
void txt_underlined(struct sbuf *out, const char *text, char ch, int overline);

#endif
