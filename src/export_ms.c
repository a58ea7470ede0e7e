/* export_ms.c — the report as a document to print and sign: groff's ms
 * macros, tables by tbl.  `groff -ms -t -k -Tpdf FILE > FILE.pdf` renders
 * it: a title block, the committee's summary on a page of its own, the
 * report with a heading per block, section and question, and at the end a
 * signature block, a line per approval and per required role still missing.
 *
 * Text from the assessment is escaped as for the man(7) report (markup.h):
 * backslashes as "\e", "\&" before a line that starts with '.', '\'' or a
 * space.  Table cells are cleaned of tabs (tbl's separator) and start with
 * "\&", so that no cell can be one of tbl's own (a rule "_" or "=", a span
 * "\^", a text block "T{"), and long cells sit in text blocks whose lines
 * start with "\&" too, so that none can end the block ("T}"). */
#include "export_int.h"
#include "textutil.h"

#include <stdio.h>
#include <string.h>

#include "markup.h"

#define MS_PD "0.25v"   /* the space between paragraphs */

static void nop(struct rctx *c)
{
    (void)c;
}

/* A macro line whose rest is text: ".SH 1" then the text on its own line. */
static void ms_heading_at(struct rctx *c, int level, const char *text)
{
    sbuf_addf(c->out, ".SH %d\n", level);
    roff_line(c->out, text);
    c->nkv = 0;
}

/* The title block: the cooperation's title, under it the kind of report
 * and the catalogue (the other formats have both in one title line). */
static void ms_begin(struct rctx *c, const char *title, const char *date)
{
    const struct assessment *a = c->a;
    (void)title;
    sbuf_adds(c->out, ".\\\" -*- coding: utf-8 -*-\n");
    sbuf_adds(c->out, ".\\\" An assessment report made by coopcheck, to print and sign.  Render it\n");
    sbuf_adds(c->out, ".\\\" with \"groff -ms -t -k -Tpdf FILE > FILE.pdf\".\n");
    /* 10 point type on 11, little space between paragraphs, narrow
     * margins, no hyphenation (names, ids): the summary fits one page */
    sbuf_adds(c->out, ".nr PS 10\n.nr VS 11p\n.nr PD " MS_PD "\n.nr GROWPS 2\n.nr PSINCR 1.5p\n"
                      ".nr LL 6.3i\n.nr HM 0.6i\n.nr FM 0.6i\n.nr HY 0\n.na\n");
    /* running heads and feet: the cooperation (a slug), the date, the page */
    sbuf_adds(c->out, ".ds LH ");
    roff_escape(c->out, a->coop.id ? a->coop.id : "coopcheck");
    sbuf_adds(c->out, "\n.ds CH\n.ds RH ");
    roff_escape(c->out, date);
    sbuf_adds(c->out, "\n.ds LF ");
    roff_escape(c->out, c->L->report);
    sbuf_adds(c->out, "\n.ds CF \\\\n[%]\n.ds RF\n");
    sbuf_adds(c->out, ".TL\n");
    roff_line(c->out, a->coop.title && *a->coop.title ? a->coop.title : c->L->report);
    sbuf_adds(c->out, ".LP\n.ce\n\\fI");
    roff_escape(c->out, c->L->report);
    sbuf_adds(c->out, " \\(em ");
    roff_escape(c->out, l10n_get(&a->cat->short_title, c->lang));
    sbuf_adds(c->out, "\\fP\n");
}

static void ms_heading(struct rctx *c, const char *text)
{
    ms_heading_at(c, 1, text);
}

static void ms_kv(struct rctx *c, const char *label, const char *value, int multiline)
{
    sbuf_adds(c->out, c->nkv++ == 0 ? ".LP\n" : ".br\n");
    sbuf_adds(c->out, "\\fB");
    roff_escape(c->out, label);
    sbuf_adds(c->out, label_needs_colon(label) ? ":\\fP " : "\\fP ");
    if (multiline) {
        roff_text(c->out, value, NULL, NULL);
    } else {
        roff_escape(c->out, value);
        sbuf_addc(c->out, '\n');
    }
}

/* text in a font ("B", "I") for the middle of a line */
static void in_font(struct sbuf *out, const char *font, const char *text)
{
    sbuf_addf(out, "\\f%s", font);
    roff_escape(out, text);
    sbuf_adds(out, "\\fP");
}

static void ms_question_begin(struct rctx *c, const char *heading, const struct qstatus *st)
{
    const struct labels *L = c->L;
    ms_heading_at(c, 2, heading);
    sbuf_adds(c->out, ".LP\n");
    roff_escape(c->out, L->status);
    sbuf_adds(c->out, ": ");
    if (st->state == QS_UNANSWERED)
        in_font(c->out, "B", L->st_open);
    else
        roff_escape(c->out, st->state == QS_PARTIAL ? L->st_partial : L->st_answered);
    if (st->review) {
        sbuf_adds(c->out, "; ");
        in_font(c->out, "I", L->st_review);
    }
    if (st->followup) {
        sbuf_adds(c->out, "; ");
        in_font(c->out, "I", L->st_followup);
    }
    sbuf_addc(c->out, '\n');
}

static void ms_question_text(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, ".QP\n");
    roff_text(c->out, text, "\\fI", "\\fP");
}

static void ms_field(struct rctx *c, const char *label, const char *value, const char *by)
{
    sbuf_adds(c->out, ".LP\n\\fB");
    roff_escape(c->out, label);
    sbuf_adds(c->out, label_needs_colon(label) ? ":\\fP\n" : "\\fP\n");
    sbuf_adds(c->out, ".IP \"\" 2m\n");
    if (!value) {
        in_font(c->out, "I", c->L->field_open);
        sbuf_addc(c->out, '\n');
        return;
    }
    roff_text(c->out, value, NULL, NULL);
    if (by) {
        sbuf_adds(c->out, ".br\n\\fI(");
        roff_escape(c->out, by);
        sbuf_adds(c->out, ")\\fP\n");
    }
}

const struct emitter emit_ms = {
    ms_begin, nop, ms_heading, ms_kv, nop, ms_question_begin, ms_question_text, ms_field, nop,
};

/* -- blocks -- */

static void ms_subheading(struct rctx *c, const char *text)
{
    ms_heading_at(c, 2, text);
}

static void ms_para(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, ".LP\n");
    roff_text(c->out, text, NULL, NULL);
    c->nkv = 0;
}

/* A list without space between its items (PD 0), the space before it kept. */
static void ms_items(struct rctx *c, const struct strlist *items)
{
    for (size_t i = 0; i < items->n; i++) {
        sbuf_adds(c->out, ".IP \\(bu 2m\n");
        if (i == 0)
            sbuf_adds(c->out, ".nr PD 0\n");
        roff_text(c->out, items->v[i], NULL, NULL);
    }
    sbuf_adds(c->out, ".nr PD " MS_PD "\n");
    c->nkv = 0;
}

/* One cell of a tbl row: "\&" and the escaped text; with bold in bold; with
 * block as a text block (it may wrap); empty with line as a rule to write on. */
static void tbl_cell(struct sbuf *out, const char *text, int bold, int block, int line)
{
    if (line && !*text) {
        sbuf_adds(out, "\\_");
        return;
    }
    if (block)
        sbuf_adds(out, "T{\n");
    sbuf_adds(out, "\\&");
    if (bold)
        in_font(out, "B", text);
    else
        roff_escape(out, text);
    if (block)
        sbuf_adds(out, "\nT}");
}

/* The rows of t in tbl's data: the header in bold, a rule under it and
 * above a total; the first column wraps when wrap (its format has a width);
 * with lines, empty cells are rules to write on and rows are spaced apart. */
static void tbl_rows(struct sbuf *out, const struct rtable *t, int wrap, int lines)
{
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            sbuf_addc(out, '\t');
        tbl_cell(out, t->head.v[i], 1, 0, 0);
    }
    sbuf_adds(out, "\n_\n");
    for (size_t r = 0; r < t->nrows; r++) {
        int total = t->total && r + 1 == t->nrows;
        if (total && r > 0)
            sbuf_adds(out, "_\n");
        if (lines)
            sbuf_adds(out, ".sp 1.5\n");
        for (size_t i = 0; i < t->ncols; i++) {
            if (i)
                sbuf_addc(out, '\t');
            tbl_cell(out, t->cells.v[r * t->ncols + i], total, wrap && i == 0, lines);
        }
        sbuf_addc(out, '\n');
    }
}

/* A format line: the first column of width first (NULL: its natural
 * width), the others as t->align says. */
static void tbl_format(struct sbuf *out, const struct rtable *t, const char *first)
{
    for (size_t i = 0; i < t->ncols; i++) {
        char a = t->align && i < strlen(t->align) && t->align[i] == 'r' ? 'r' : 'l';
        sbuf_addf(out, "%s%c", i ? " " : "", a);
        if (i == 0 && first)
            sbuf_addf(out, "w(%s)", first);
    }
    sbuf_adds(out, ".\n");
}

static void ms_table(struct rctx *c, const struct rtable *t)
{
    /* the first column (the section, wrapped in its cell) gets what the
     * headings of the others leave of the 6-inch line: German ones ("nicht
     * bewertet") are longer; about 0.065 inch per character of bold 10 pt (measured) */
    size_t chars = 0;
    double first;
    char w[16];
    for (size_t i = 1; i < t->ncols && i < t->head.n; i++)
        chars += text_width(t->head.v[i]) + 3;
    first = 6.0 - 0.065 * (double)chars;
    if (first > 2.6)
        first = 2.6;
    if (first < 1.2)
        first = 1.2;
    snprintf(w, sizeof(w), "%.1fi", first);
    sbuf_adds(c->out, ".LP\n.TS\n");
    tbl_format(c->out, t, w);
    tbl_rows(c->out, t, 1, 0);
    sbuf_adds(c->out, ".TE\n");
    c->nkv = 0;
}

static void ms_page_end(struct rctx *c)
{
    sbuf_adds(c->out, ".bp\n");
    c->nkv = 0;
}

/* Kept on one page (.KS/.KE): the heading, the intro, and a table of four
 * columns of fixed width, so that the lines to write on are long enough. */
static void ms_signatures(struct rctx *c, const char *heading, const struct strlist *intro,
                          const struct rtable *t)
{
    sbuf_adds(c->out, ".KS\n");
    ms_heading_at(c, 1, heading);
    for (size_t i = 0; i < intro->n; i++) {
        sbuf_adds(c->out, ".LP\n");
        roff_text(c->out, intro->v[i], NULL, NULL);
    }
    sbuf_adds(c->out, ".LP\n.TS\nlw(1.5i) lw(1.6i) lw(1.1i) lw(1.4i).\n");
    tbl_rows(c->out, t, 0, 1);
    sbuf_adds(c->out, ".TE\n.KE\n");
    c->nkv = 0;
}

const struct blocks blocks_ms = {
    ms_subheading, ms_para, ms_items, ms_table, ms_page_end, ms_signatures,
};
