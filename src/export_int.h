/* export_int.h — what the report's driver (export.c) and its emitters
 * (export_emit.c) share: the labels, the rendering context and the table of
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

extern const struct emitter emit_md, emit_txt, emit_roff, emit_html;

#endif
