/* export_emit.c — the report's formats: one table of operations each for
 * Markdown, plain text, roff (man(7)) and HTML, called by export.c's driver
 * in a fixed order.  All escaping goes through markup.h. */
#include "export_int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "markup.h"
#include "textutil.h"

int label_needs_colon(const char *label)
{
    size_t n = strlen(label);
    return n == 0 || (label[n - 1] != '?' && label[n - 1] != ':');
}

static void nop(struct rctx *c)
{
    (void)c;
}

/* -- md -- */

static void md_begin(struct rctx *c, const char *title, const char *date)
{
    (void)date;
    sbuf_adds(c->out, "# ");
    md_inline(c->out, title);
    sbuf_adds(c->out, "\n\n");
    md_inline(c->out, c->L->report);
    sbuf_addc(c->out, '\n');
}

static void md_heading(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, "\n## ");
    md_inline(c->out, text);
    sbuf_addc(c->out, '\n');
    c->nkv = 0;
}

static void md_kv(struct rctx *c, const char *label, const char *value, int multiline)
{
    if (c->nkv++ == 0)
        sbuf_addc(c->out, '\n');
    sbuf_adds(c->out, "- **");
    md_inline(c->out, label);
    sbuf_adds(c->out, label_needs_colon(label) ? ":** " : "** ");
    if (multiline)
        md_text(c->out, value, "  ");
    else
        md_inline(c->out, value);
    sbuf_addc(c->out, '\n');
}

static void md_question_begin(struct rctx *c, const char *heading, const struct qstatus *st)
{
    const struct labels *L = c->L;
    sbuf_adds(c->out, "\n### ");
    md_inline(c->out, heading);
    sbuf_adds(c->out, "\n\n");
    md_inline(c->out, L->status);
    sbuf_adds(c->out, ": ");
    if (st->state == QS_UNANSWERED) {
        sbuf_adds(c->out, "**");
        md_inline(c->out, L->st_open);
        sbuf_adds(c->out, "**");
    } else {
        md_inline(c->out, st->state == QS_PARTIAL ? L->st_partial : L->st_answered);
    }
    if (st->review) {
        sbuf_adds(c->out, "; *");
        md_inline(c->out, L->st_review);
        sbuf_adds(c->out, "*");
    }
    if (st->followup) {
        sbuf_adds(c->out, "; *");
        md_inline(c->out, L->st_followup);
        sbuf_adds(c->out, "*");
    }
    sbuf_addc(c->out, '\n');
}

static void md_question_text(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, "\n> ");
    md_text(c->out, text, "> ");
    sbuf_addc(c->out, '\n');
}

static void md_field(struct rctx *c, const char *label, const char *value, const char *by)
{
    sbuf_adds(c->out, "\n**");
    md_inline(c->out, label);
    sbuf_adds(c->out, label_needs_colon(label) ? ":**\\\n" : "**\\\n");
    if (!value) {
        sbuf_adds(c->out, "*");
        md_inline(c->out, c->L->field_open);
        sbuf_adds(c->out, "*\n");
        return;
    }
    md_text(c->out, value, "");
    if (by) {
        sbuf_adds(c->out, "\\\n*");
        md_inline(c->out, by);
        sbuf_adds(c->out, "*");
    }
    sbuf_addc(c->out, '\n');
}

const struct emitter emit_md = {
    md_begin, nop, md_heading, md_kv, nop, md_question_begin, md_question_text, md_field, nop,
};

/* -- txt -- */

void txt_underlined(struct sbuf *out, const char *text, char ch, int overline)
{
    struct sbuf w;
    size_t max = 0;
    sbuf_init(&w);
    text_wrap(&w, text, TXT_WIDTH, 0);
    for (char *p = w.buf; *p;) {
        char *nl = strchr(p, '\n');
        size_t width;
        if (nl)
            *nl = '\0';
        width = text_width(p);
        if (width > max)
            max = width;
        if (!nl)
            break;
        *nl = '\n';
        p = nl + 1;
    }
    if (overline) {
        for (size_t i = 0; i < max; i++)
            sbuf_addc(out, ch);
        sbuf_addc(out, '\n');
    }
    sbuf_add(out, w.buf, w.len);
    for (size_t i = 0; i < max; i++)
        sbuf_addc(out, ch);
    sbuf_addc(out, '\n');
    sbuf_release(&w);
}

static void txt_begin(struct rctx *c, const char *title, const char *date)
{
    struct sbuf t;
    (void)date;
    sbuf_init(&t);
    markup_clean(&t, title, 0);
    txt_underlined(c->out, t.buf, '=', 1);
    sbuf_release(&t);
    text_wrap(c->out, c->L->report, TXT_WIDTH, 0);
}

static void txt_heading(struct rctx *c, const char *text)
{
    struct sbuf t;
    sbuf_init(&t);
    markup_clean(&t, text, 0);
    sbuf_addc(c->out, '\n');
    txt_underlined(c->out, t.buf, '=', 0);
    sbuf_release(&t);
    c->nkv = 0;
}

static void txt_kv(struct rctx *c, const char *label, const char *value, int multiline)
{
    struct sbuf l, v, w;
    size_t lw;
    sbuf_init(&l);
    sbuf_init(&v);
    sbuf_init(&w);
    markup_clean(&l, label, 0);
    if (label_needs_colon(label))
        sbuf_addc(&l, ':');
    if (multiline)
        markup_clean_block(&v, value);
    else
        markup_clean(&v, value, 0);
    if (c->nkv++ == 0)
        sbuf_addc(c->out, '\n');
    text_wrap(&w, v.buf, TXT_WIDTH - TXT_KV_WIDTH, TXT_KV_WIDTH);
    lw = text_width(l.buf);
    if (lw < TXT_KV_WIDTH) {
        /* the label goes into the first line's indentation */
        sbuf_add(c->out, l.buf, l.len);
        for (size_t i = lw; i < TXT_KV_WIDTH; i++)
            sbuf_addc(c->out, ' ');
        sbuf_adds(c->out, w.buf + TXT_KV_WIDTH);
    } else {
        text_wrap(c->out, l.buf, TXT_WIDTH, 0);
        sbuf_add(c->out, w.buf, w.len);
    }
    sbuf_release(&l);
    sbuf_release(&v);
    sbuf_release(&w);
}

static void txt_question_begin(struct rctx *c, const char *heading, const struct qstatus *st)
{
    const struct labels *L = c->L;
    struct sbuf t, s;
    sbuf_init(&t);
    sbuf_init(&s);
    markup_clean(&t, heading, 0);
    sbuf_addc(c->out, '\n');
    txt_underlined(c->out, t.buf, '-', 0);
    sbuf_addf(&s, "%s: %s", L->status,
              st->state == QS_UNANSWERED ? L->st_open_txt
              : st->state == QS_PARTIAL  ? L->st_partial
                                         : L->st_answered);
    if (st->review)
        sbuf_addf(&s, "; %s", L->st_review);
    if (st->followup)
        sbuf_addf(&s, "; %s", L->st_followup);
    text_wrap(c->out, s.buf, TXT_WIDTH, 0);
    sbuf_release(&t);
    sbuf_release(&s);
}

static void txt_question_text(struct rctx *c, const char *text)
{
    struct sbuf t;
    sbuf_init(&t);
    markup_clean_block(&t, text);
    sbuf_addc(c->out, '\n');
    text_wrap(c->out, t.buf, TXT_WIDTH - 2, 2);
    sbuf_release(&t);
}

static void txt_field(struct rctx *c, const char *label, const char *value, const char *by)
{
    struct sbuf t;
    sbuf_init(&t);
    markup_clean(&t, label, 0);
    if (label_needs_colon(label))
        sbuf_addc(&t, ':');
    sbuf_addc(c->out, '\n');
    text_wrap(c->out, t.buf, TXT_WIDTH - 2, 2);
    sbuf_reset(&t);
    if (value)
        markup_clean_block(&t, value);
    else
        sbuf_adds(&t, c->L->field_open);
    text_wrap(c->out, t.buf, TXT_WIDTH - 6, 6);
    if (value && by) {
        sbuf_reset(&t);
        sbuf_addc(&t, '(');
        markup_clean(&t, by, 0);
        sbuf_addc(&t, ')');
        text_wrap(c->out, t.buf, TXT_WIDTH - 6, 6);
    }
    sbuf_release(&t);
}

const struct emitter emit_txt = {
    txt_begin, nop, txt_heading, txt_kv, nop, txt_question_begin, txt_question_text, txt_field,
    nop,
};

/* -- roff (man(7)) -- */

static void roff_begin(struct rctx *c, const char *title, const char *date)
{
    struct sbuf name;
    sbuf_init(&name);
    /* the page name: the cooperation id (a slug) in capitals */
    for (const char *p = c->a->coop.id ? c->a->coop.id : "coopcheck"; *p; p++)
        sbuf_addc(&name, *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
    sbuf_adds(c->out, ".\\\" -*- coding: utf-8 -*-\n");
    sbuf_adds(c->out, ".\\\" An assessment report made by coopcheck.  Render it with\n");
    sbuf_adds(c->out, ".\\\" \"groff -man -k -Tpdf FILE > FILE.pdf\" or \"man -l FILE\".\n");
    sbuf_adds(c->out, ".TH ");
    roff_arg(c->out, name.buf);
    sbuf_release(&name);
    sbuf_adds(c->out, " \"7\" ");
    roff_arg(c->out, date);
    sbuf_adds(c->out, " \"coopcheck\" ");
    roff_arg(c->out, c->L->report);
    sbuf_adds(c->out, "\n.SH ");
    roff_arg(c->out, title);
    sbuf_addc(c->out, '\n');
    roff_text(c->out, c->L->report, NULL, NULL);
}

static void roff_heading(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, ".SH ");
    roff_arg(c->out, text);
    sbuf_addc(c->out, '\n');
    c->nkv = 0;
}

static void roff_kv(struct rctx *c, const char *label, const char *value, int multiline)
{
    if (c->nkv++ > 0)
        sbuf_adds(c->out, ".br\n");
    else if (!roff_after_heading(c->out))
        sbuf_adds(c->out, ".PP\n");   /* not in the indentation of a list before it */
    sbuf_adds(c->out, "\\fB");
    roff_escape(c->out, label);
    sbuf_adds(c->out, label_needs_colon(label) ? ":\\fR " : "\\fR ");
    if (multiline) {
        roff_text(c->out, value, NULL, NULL);
    } else {
        roff_escape(c->out, value);
        sbuf_addc(c->out, '\n');
    }
}

static void roff_question_begin(struct rctx *c, const char *heading, const struct qstatus *st)
{
    const struct labels *L = c->L;
    sbuf_adds(c->out, ".SS ");
    roff_arg(c->out, heading);
    sbuf_addc(c->out, '\n');
    roff_escape(c->out, L->status);
    sbuf_adds(c->out, ": ");
    if (st->state == QS_UNANSWERED) {
        sbuf_adds(c->out, "\\fB");
        roff_escape(c->out, L->st_open);
        sbuf_adds(c->out, "\\fR");
    } else {
        roff_escape(c->out, st->state == QS_PARTIAL ? L->st_partial : L->st_answered);
    }
    if (st->review) {
        sbuf_adds(c->out, "; \\fI");
        roff_escape(c->out, L->st_review);
        sbuf_adds(c->out, "\\fR");
    }
    if (st->followup) {
        sbuf_adds(c->out, "; \\fI");
        roff_escape(c->out, L->st_followup);
        sbuf_adds(c->out, "\\fR");
    }
    sbuf_addc(c->out, '\n');
}

static void roff_question_text(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, ".PP\n");
    roff_text(c->out, text, "\\fI", "\\fR");
}

static void roff_field(struct rctx *c, const char *label, const char *value, const char *by)
{
    sbuf_adds(c->out, ".TP\n.B ");
    roff_arg(c->out, label);
    sbuf_addc(c->out, '\n');
    if (!value) {
        sbuf_adds(c->out, "\\fI");
        roff_escape(c->out, c->L->field_open);
        sbuf_adds(c->out, "\\fR\n");
        return;
    }
    roff_text(c->out, value, NULL, NULL);
    if (by) {
        sbuf_adds(c->out, ".br\n\\fI(");
        roff_escape(c->out, by);
        sbuf_adds(c->out, ")\\fR\n");
    }
}

const struct emitter emit_roff = {
    roff_begin, nop, roff_heading, roff_kv, nop, roff_question_begin, roff_question_text,
    roff_field, nop,
};

/* -- html -- */

static const char html_style[] =
    "body{font-family:sans-serif;line-height:1.45;max-width:52em;margin:2em auto;"
    "padding:0 1em;color:#111;background:#fff}\n"
    "h1{font-size:1.6em}\n"
    "h2{font-size:1.3em;border-bottom:1px solid #999;margin-top:2em}\n"
    "h3{font-size:1.1em;margin-bottom:.3em}\n"
    ".subtitle{color:#444}\n"
    "table.kv{border-collapse:collapse}\n"
    "table.kv th{text-align:left;vertical-align:top;padding:.15em 1.5em .15em 0;"
    "font-weight:600}\n"
    "table.kv td{vertical-align:top;padding:.15em 0}\n"
    ".question{border-left:4px solid #bbb;padding:.1em 0 .5em 1em;margin:1.5em 0}\n"
    ".question.open{border-left-color:#b00}\n"
    ".question.partial{border-left-color:#d80}\n"
    ".status .open{color:#b00}\n"
    ".qtext{font-style:italic;margin:.6em 0}\n"
    "dt{font-weight:600;margin-top:.6em}\n"
    "dd{margin-left:1.5em}\n"
    ".by{font-size:.85em;color:#555}\n"
    ".unanswered{color:#b00;font-style:italic}\n"
    "table.grid{border-collapse:collapse;margin:.5em 0}\n"
    "table.grid th,table.grid td{border:1px solid #bbb;padding:.15em .5em;text-align:left;"
    "vertical-align:top}\n"
    "table.grid td.num,table.grid th.num{text-align:right}\n"
    "table.grid tr.total td{font-weight:600}\n"
    "hr.page{border:0;border-top:2px solid #999;margin:2em 0}\n"
    "@media print{body{max-width:none;margin:0}.question{break-inside:avoid}"
    "hr.page{break-after:page;border:0;margin:0}}\n";

static void html_begin(struct rctx *c, const char *title, const char *date)
{
    (void)date;
    sbuf_addf(c->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
              lang_code(c->lang));
    sbuf_adds(c->out, "<title>");
    html_inline(c->out, title);
    sbuf_adds(c->out, "</title>\n<style>\n");
    sbuf_adds(c->out, html_style);
    sbuf_adds(c->out, "</style>\n</head>\n<body>\n<h1>");
    html_inline(c->out, title);
    sbuf_adds(c->out, "</h1>\n<p class=\"subtitle\">");
    html_inline(c->out, c->L->report);
    sbuf_adds(c->out, "</p>\n");
}

static void html_end(struct rctx *c)
{
    sbuf_adds(c->out, "</body>\n</html>\n");
}

static void html_heading(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, "<h2>");
    html_inline(c->out, text);
    sbuf_adds(c->out, "</h2>\n");
    c->nkv = 0;
}

static void html_kv(struct rctx *c, const char *label, const char *value, int multiline)
{
    if (c->nkv++ == 0)
        sbuf_adds(c->out, "<table class=\"kv\">\n");
    sbuf_adds(c->out, "<tr><th>");
    html_inline(c->out, label);
    sbuf_adds(c->out, "</th><td>");
    if (multiline) {
        html_text(c->out, value);
    } else {
        html_inline(c->out, value);
    }
    sbuf_adds(c->out, "</td></tr>\n");
}

static void html_kv_end(struct rctx *c)
{
    if (c->nkv > 0)
        sbuf_adds(c->out, "</table>\n");
    c->nkv = 0;
}

static void html_question_begin(struct rctx *c, const char *heading, const struct qstatus *st)
{
    const struct labels *L = c->L;
    sbuf_addf(c->out, "<section class=\"question%s\">\n<h3>",
              st->state == QS_UNANSWERED ? " open" : st->state == QS_PARTIAL ? " partial" : "");
    html_inline(c->out, heading);
    sbuf_adds(c->out, "</h3>\n<p class=\"status\">");
    html_inline(c->out, L->status);
    sbuf_adds(c->out, ": ");
    if (st->state == QS_UNANSWERED) {
        sbuf_adds(c->out, "<strong class=\"open\">");
        html_inline(c->out, L->st_open);
        sbuf_adds(c->out, "</strong>");
    } else {
        html_inline(c->out, st->state == QS_PARTIAL ? L->st_partial : L->st_answered);
    }
    if (st->review) {
        sbuf_adds(c->out, "; <em>");
        html_inline(c->out, L->st_review);
        sbuf_adds(c->out, "</em>");
    }
    if (st->followup) {
        sbuf_adds(c->out, "; <em>");
        html_inline(c->out, L->st_followup);
        sbuf_adds(c->out, "</em>");
    }
    sbuf_adds(c->out, "</p>\n");
}

static void html_question_text(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, "<p class=\"qtext\">");
    html_text(c->out, text);
    sbuf_adds(c->out, "</p>\n<dl>\n");
}

static void html_field(struct rctx *c, const char *label, const char *value, const char *by)
{
    sbuf_adds(c->out, "<dt>");
    html_inline(c->out, label);
    sbuf_adds(c->out, "</dt>\n");
    if (!value) {
        sbuf_adds(c->out, "<dd class=\"unanswered\">");
        html_inline(c->out, c->L->field_open);
        sbuf_adds(c->out, "</dd>\n");
        return;
    }
    sbuf_adds(c->out, "<dd><div class=\"answer\">");
    html_text(c->out, value);
    sbuf_adds(c->out, "</div>");
    if (by) {
        sbuf_adds(c->out, "<div class=\"by\">");
        html_inline(c->out, by);
        sbuf_adds(c->out, "</div>");
    }
    sbuf_adds(c->out, "</dd>\n");
}

static void html_question_end(struct rctx *c)
{
    sbuf_adds(c->out, "</dl>\n</section>\n");
}

const struct emitter emit_html = {
    html_begin, html_end, html_heading, html_kv, html_kv_end, html_question_begin,
    html_question_text, html_field, html_question_end,
};
