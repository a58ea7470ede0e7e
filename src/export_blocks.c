/* export_blocks.c — the blocks of the committee's summary (subheadings,
 * paragraphs, bulleted lists, tables, the end of its page) for Markdown,
 * plain text, roff (man(7)) and HTML; ms has its own in export_ms.c.  All
 * escaping goes through markup.h, as in export_emit.c. */
#include "export_int.h"

#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "textutil.h"

#define TXT_GAP 2          /* spaces between the columns of a txt table */
#define TXT_MAX_COLS 8

static void nop(struct rctx *c)
{
    (void)c;
}

static const char *cell(const struct rtable *t, size_t row, size_t col)
{
    return t->cells.v[row * t->ncols + col];
}

static int right(const struct rtable *t, size_t col)
{
    return t->align && col < strlen(t->align) && t->align[col] == 'r';
}

/* -- md -- */

static void md_subheading(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, "\n### ");
    md_inline(c->out, text);
    sbuf_addc(c->out, '\n');
    c->nkv = 0;
}

static void md_para(struct rctx *c, const char *text)
{
    sbuf_addc(c->out, '\n');
    md_text(c->out, text, "");
    sbuf_addc(c->out, '\n');
    c->nkv = 0;
}

/* '*' bullets, so that a list never runs on into the '-' list of labels and
 * values before it. */
static void md_items(struct rctx *c, const struct strlist *items)
{
    sbuf_addc(c->out, '\n');
    for (size_t i = 0; i < items->n; i++) {
        sbuf_adds(c->out, "* ");
        md_text(c->out, items->v[i], "  ");
        sbuf_addc(c->out, '\n');
    }
    c->nkv = 0;
}

static void md_row(struct sbuf *out, const struct rtable *t, const char *const *v, int bold)
{
    sbuf_addc(out, '|');
    for (size_t i = 0; i < t->ncols; i++) {
        sbuf_adds(out, bold ? " **" : " ");
        md_inline(out, v[i]);
        sbuf_adds(out, bold ? "** |" : " |");
    }
    sbuf_addc(out, '\n');
}

static void md_table(struct rctx *c, const struct rtable *t)
{
    sbuf_addc(c->out, '\n');
    md_row(c->out, t, (const char *const *)t->head.v, 0);
    sbuf_addc(c->out, '|');
    for (size_t i = 0; i < t->ncols; i++)
        sbuf_adds(c->out, right(t, i) ? " ---: |" : " --- |");
    sbuf_addc(c->out, '\n');
    for (size_t r = 0; r < t->nrows; r++)
        md_row(c->out, t, (const char *const *)&t->cells.v[r * t->ncols],
               t->total && r + 1 == t->nrows);
    c->nkv = 0;
}

static void md_page_end(struct rctx *c)
{
    sbuf_adds(c->out, "\n---\n");
    c->nkv = 0;
}

const struct blocks blocks_md = {
    md_subheading, md_para, md_items, md_table, md_page_end, NULL,
};

/* -- txt -- */

static void txt_subheading(struct rctx *c, const char *text)
{
    struct sbuf t;
    sbuf_init(&t);
    markup_clean(&t, text, 0);
    sbuf_addc(c->out, '\n');
    txt_underlined(c->out, t.buf, '-', 0);
    sbuf_release(&t);
    c->nkv = 0;
}

static void txt_para(struct rctx *c, const char *text)
{
    struct sbuf t;
    sbuf_init(&t);
    markup_clean_block(&t, text);
    sbuf_addc(c->out, '\n');
    text_wrap(c->out, t.buf, TXT_WIDTH, 0);
    sbuf_release(&t);
    c->nkv = 0;
}

static void txt_items(struct rctx *c, const struct strlist *items)
{
    struct sbuf t, w;
    sbuf_init(&t);
    sbuf_init(&w);
    sbuf_addc(c->out, '\n');
    for (size_t i = 0; i < items->n; i++) {
        sbuf_reset(&t);
        sbuf_reset(&w);
        markup_clean_block(&t, items->v[i]);
        text_wrap(&w, t.buf, TXT_WIDTH - 4, 4);
        if (w.len >= 4 && strncmp(w.buf, "    ", 4) == 0)
            memcpy(w.buf, "  - ", 4);   /* the bullet in the first line's indentation */
        sbuf_add(c->out, w.buf, w.len);
    }
    sbuf_release(&t);
    sbuf_release(&w);
    c->nkv = 0;
}

/* Display columns of the longest word of s. */
static size_t longest_word(const char *s)
{
    size_t max = 0;
    char *copy = xstrdup(s), *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t n = text_width(w);
        if (n > max)
            max = n;
    }
    free(copy);
    return max;
}

/* Column widths: each column's widest cell, then the widest columns made
 * narrower one column at a time until the table fits — first not below
 * their longest word, then (words broken) not below one. */
static void txt_widths(const struct strlist *clean, size_t ncols, size_t *w)
{
    size_t min[TXT_MAX_COLS], sum = 0;
    for (size_t i = 0; i < ncols; i++)
        w[i] = min[i] = 1;
    for (size_t k = 0; k < clean->n; k++) {
        size_t i = k % ncols, n = text_width(clean->v[k]), m = longest_word(clean->v[k]);
        if (n > w[i])
            w[i] = n;
        if (m > min[i])
            min[i] = m;
    }
    for (size_t i = 0; i < ncols; i++)
        sum += w[i] + (i ? TXT_GAP : 0);
    for (int phase = 0; phase < 2 && sum > TXT_WIDTH; phase++) {
        while (sum > TXT_WIDTH) {
            size_t best = ncols;
            for (size_t i = 0; i < ncols; i++)
                if (w[i] > (phase ? 1 : min[i]) && (best == ncols || w[i] > w[best]))
                    best = i;
            if (best == ncols)
                break;
            w[best]--;
            sum--;
        }
    }
}

/* Line li of the wrapped cell text s ("" past its last line). */
static void nth_line(const char *s, size_t li, struct sbuf *out)
{
    for (; li > 0 && s; li--) {
        s = strchr(s, '\n');
        if (s)
            s++;
    }
    sbuf_reset(out);
    if (s && *s)
        sbuf_add(out, s, strcspn(s, "\n"));
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void pad(struct sbuf *out, size_t n)
{
    while (n-- > 0)
        sbuf_addc(out, ' ');
}

/* One row: each cell wrapped to its column, the row as tall as its tallest cell. */
static void txt_row(struct sbuf *out, const struct rtable *t, char *const *clean, const size_t *w)
{
    struct sbuf wrapped[TXT_MAX_COLS], line, row;
    size_t height = 1;
    sbuf_init(&line);
    sbuf_init(&row);
    for (size_t i = 0; i < t->ncols; i++) {
        size_t h;
        sbuf_init(&wrapped[i]);
        text_wrap(&wrapped[i], clean[i], w[i], 0);
        h = count_lines(wrapped[i].buf);
        if (h > height)
            height = h;
    }
    for (size_t li = 0; li < height; li++) {
        sbuf_reset(&row);
        for (size_t i = 0; i < t->ncols; i++) {
            size_t lw;
            nth_line(wrapped[i].buf, li, &line);
            lw = text_width(line.buf);
            if (i)
                pad(&row, TXT_GAP);
            if (right(t, i))
                pad(&row, w[i] > lw ? w[i] - lw : 0);
            sbuf_add(&row, line.buf, line.len);
            if (!right(t, i))
                pad(&row, w[i] > lw ? w[i] - lw : 0);
        }
        while (row.len && row.buf[row.len - 1] == ' ')
            row.buf[--row.len] = '\0';
        sbuf_add(out, row.buf, row.len);
        sbuf_addc(out, '\n');
    }
    for (size_t i = 0; i < t->ncols; i++)
        sbuf_release(&wrapped[i]);
    sbuf_release(&line);
    sbuf_release(&row);
}

static void txt_rule(struct sbuf *out, size_t ncols, const size_t *w)
{
    for (size_t i = 0; i < ncols; i++) {
        if (i)
            pad(out, TXT_GAP);
        for (size_t k = 0; k < w[i]; k++)
            sbuf_addc(out, '-');
    }
    sbuf_addc(out, '\n');
}

static void txt_table(struct rctx *c, const struct rtable *t)
{
    struct strlist clean = { 0 };
    struct sbuf sb;
    size_t w[TXT_MAX_COLS];
    if (t->ncols == 0 || t->ncols > TXT_MAX_COLS)
        return;
    sbuf_init(&sb);
    for (size_t k = 0; k < t->ncols * (t->nrows + 1); k++) {
        sbuf_reset(&sb);
        markup_clean(&sb, k < t->ncols ? t->head.v[k] : t->cells.v[k - t->ncols], 0);
        strlist_push(&clean, sb.buf);
    }
    sbuf_release(&sb);
    txt_widths(&clean, t->ncols, w);
    sbuf_addc(c->out, '\n');
    txt_row(c->out, t, clean.v, w);
    txt_rule(c->out, t->ncols, w);
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->total && r + 1 == t->nrows && r > 0)
            txt_rule(c->out, t->ncols, w);
        txt_row(c->out, t, &clean.v[(r + 1) * t->ncols], w);
    }
    strlist_release(&clean);
    c->nkv = 0;
}

static void txt_page_end(struct rctx *c)
{
    sbuf_addc(c->out, '\n');
    for (size_t i = 0; i < TXT_WIDTH; i++)
        sbuf_addc(c->out, '=');
    sbuf_addc(c->out, '\n');
    c->nkv = 0;
}

const struct blocks blocks_txt = {
    txt_subheading, txt_para, txt_items, txt_table, txt_page_end, NULL,
};

/* -- roff (man(7)) -- */

static void roff_subheading(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, ".SS ");
    roff_arg(c->out, text);
    sbuf_addc(c->out, '\n');
    c->nkv = 0;
}

int roff_after_heading(const struct sbuf *out)
{
    size_t i = out->len;
    if (i > 0 && out->buf[i - 1] == '\n')
        i--;
    while (i > 0 && out->buf[i - 1] != '\n')
        i--;
    return strncmp(out->buf + i, ".SH ", 4) == 0 || strncmp(out->buf + i, ".SS ", 4) == 0;
}

static void roff_para(struct rctx *c, const char *text)
{
    if (!roff_after_heading(c->out))
        sbuf_adds(c->out, ".PP\n");
    roff_text(c->out, text, NULL, NULL);
    c->nkv = 0;
}

static void roff_items(struct rctx *c, const struct strlist *items)
{
    for (size_t i = 0; i < items->n; i++) {
        sbuf_adds(c->out, ".IP \\(bu 2\n");
        roff_text(c->out, items->v[i], NULL, NULL);
    }
    c->nkv = 0;
}

/* A man page has no tables without tbl, which `groff -man` does not run:
 * a row is a tagged paragraph, its first cell the tag and the others
 * "heading: cell". */
static void roff_table(struct rctx *c, const struct rtable *t)
{
    struct sbuf sb;
    sbuf_init(&sb);
    for (size_t r = 0; r < t->nrows; r++) {
        sbuf_adds(c->out, ".TP\n.B ");
        roff_arg(c->out, cell(t, r, 0));
        sbuf_addc(c->out, '\n');
        sbuf_reset(&sb);
        for (size_t i = 1; i < t->ncols; i++)
            sbuf_addf(&sb, "%s%s: %s", i > 1 ? "; " : "", t->head.v[i], cell(t, r, i));
        roff_line(c->out, sb.buf);
    }
    sbuf_release(&sb);
    c->nkv = 0;
}

const struct blocks blocks_roff = {
    roff_subheading, roff_para, roff_items, roff_table, nop, NULL,
};

/* -- html -- */

static void html_subheading(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, "<h3>");
    html_inline(c->out, text);
    sbuf_adds(c->out, "</h3>\n");
    c->nkv = 0;
}

static void html_para(struct rctx *c, const char *text)
{
    sbuf_adds(c->out, "<p>");
    html_text(c->out, text);
    sbuf_adds(c->out, "</p>\n");
    c->nkv = 0;
}

static void html_items(struct rctx *c, const struct strlist *items)
{
    sbuf_adds(c->out, "<ul>\n");
    for (size_t i = 0; i < items->n; i++) {
        sbuf_adds(c->out, "<li>");
        html_text(c->out, items->v[i]);
        sbuf_adds(c->out, "</li>\n");
    }
    sbuf_adds(c->out, "</ul>\n");
    c->nkv = 0;
}

static void html_row(struct sbuf *out, const struct rtable *t, const char *const *v,
                     const char *tag, int total)
{
    sbuf_adds(out, total ? "<tr class=\"total\">" : "<tr>");
    for (size_t i = 0; i < t->ncols; i++) {
        sbuf_addf(out, "<%s%s>", tag, right(t, i) ? " class=\"num\"" : "");
        html_inline(out, v[i]);
        sbuf_addf(out, "</%s>", tag);
    }
    sbuf_adds(out, "</tr>\n");
}

static void html_table(struct rctx *c, const struct rtable *t)
{
    sbuf_adds(c->out, "<table class=\"grid\">\n<thead>\n");
    html_row(c->out, t, (const char *const *)t->head.v, "th", 0);
    sbuf_adds(c->out, "</thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++)
        html_row(c->out, t, (const char *const *)&t->cells.v[r * t->ncols], "td",
                 t->total && r + 1 == t->nrows);
    sbuf_adds(c->out, "</tbody>\n</table>\n");
    c->nkv = 0;
}

static void html_page_end(struct rctx *c)
{
    sbuf_adds(c->out, "<hr class=\"page\">\n");
    c->nkv = 0;
}

const struct blocks blocks_html = {
    html_subheading, html_para, html_items, html_table, html_page_end, NULL,
};
