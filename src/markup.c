/* markup.c — see markup.h. */
#include "markup.h"

#include <stdlib.h>
#include <string.h>

#include "textutil.h"

/* ---- cleaning ----------------------------------------------------------- */

/* Appends s with unsafe characters as visible escapes and tabs as four
 * spaces.  With multiline, line breaks are kept (else shown as "\x0a"). */
void markup_clean(struct sbuf *out, const char *s, int multiline)
{
    struct sbuf tmp;
    sbuf_init(&tmp);
    text_sanitize(&tmp, s ? s : "", TEXT_ALLOW_TAB | (multiline ? TEXT_ALLOW_NEWLINE : 0u));
    for (size_t i = 0; i < tmp.len; i++) {
        if (tmp.buf[i] == '\t')
            sbuf_adds(out, "    ");
        else
            sbuf_addc(out, tmp.buf[i]);
    }
    sbuf_release(&tmp);
}

/* Cleans multi-line text and drops leading blank lines and trailing white
 * space, so that a block never starts or ends with an empty line. */
void markup_clean_block(struct sbuf *out, const char *s)
{
    struct sbuf tmp;
    const char *p, *e;
    sbuf_init(&tmp);
    markup_clean(&tmp, s, 1);
    p = tmp.buf;
    for (const char *q = p; *q == ' ' || *q == '\n'; q++)
        if (*q == '\n')
            p = q + 1;
    e = tmp.buf + tmp.len;
    while (e > p && (e[-1] == ' ' || e[-1] == '\n'))
        e--;
    sbuf_add(out, p, (size_t)(e - p));
    sbuf_release(&tmp);
}

/* Length of line s[0..len) without trailing spaces. */
static size_t rtrim_len(const char *s, size_t len)
{
    while (len > 0 && s[len - 1] == ' ')
        len--;
    return len;
}

/* Calls fn for each line of s (cleaned multi-line text). */
typedef void (*line_fn)(void *ctx, const char *line, size_t len, size_t index);
static void for_each_line(const char *s, line_fn fn, void *ctx)
{
    size_t index = 0;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        fn(ctx, s, len, index++);
        if (!nl)
            break;
        s = nl + 1;
    }
}

/* ---- roff --------------------------------------------------------------- */

/* Escapes cleaned text for the middle of a roff line. */
static void roff_escape_raw(struct sbuf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\')
            sbuf_adds(out, "\\e");
        else
            sbuf_addc(out, s[i]);
    }
}

void roff_escape(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean(&c, s, 0);
    /* harmless in the middle of a line, and safe should it start one */
    if (c.buf[0] == '.' || c.buf[0] == '\'' || c.buf[0] == ' ')
        sbuf_adds(out, "\\&");
    roff_escape_raw(out, c.buf, c.len);
    sbuf_release(&c);
}

/* A quoted macro argument. */
void roff_arg(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean(&c, s, 0);
    sbuf_addc(out, '"');
    for (size_t i = 0; i < c.len; i++) {
        if (c.buf[i] == '\\')
            sbuf_adds(out, "\\e");
        else if (c.buf[i] == '"')
            sbuf_adds(out, "\\(dq");
        else
            sbuf_addc(out, c.buf[i]);
    }
    sbuf_addc(out, '"');
    sbuf_release(&c);
}

void roff_macro(struct sbuf *out, const char *macro, const char *arg)
{
    sbuf_addf(out, ".%s ", macro);
    roff_arg(out, arg);
    sbuf_addc(out, '\n');
}

void roff_line(struct sbuf *out, const char *s)
{
    roff_escape(out, s);
    sbuf_addc(out, '\n');
}

struct roff_lines {
    struct sbuf *out;
    size_t blank;      /* empty lines seen since the last text line */
    int first;         /* nothing written yet */
};

static void roff_put_line(void *ctx, const char *line, size_t len, size_t index)
{
    struct roff_lines *r = ctx;
    (void)index;
    len = rtrim_len(line, len);
    if (len == 0) {
        r->blank++;
        return;
    }
    if (!r->first) {
        if (r->blank == 0)
            sbuf_adds(r->out, ".br\n");
        else if (r->blank == 1)
            sbuf_adds(r->out, ".sp\n");
        else
            sbuf_addf(r->out, ".sp %zu\n", r->blank);
    }
    if (line[0] == '.' || line[0] == '\'' || line[0] == ' ')
        sbuf_adds(r->out, "\\&");
    roff_escape_raw(r->out, line, len);
    sbuf_addc(r->out, '\n');
    r->blank = 0;
    r->first = 0;
}

/* Writes multi-line text as roff text lines (each safe at a line start)
 * separated by .br, with .sp for empty lines.  prefix (roff of ours, e.g.
 * "\fI") goes before the first line, suffix after the last. */
void roff_text(struct sbuf *out, const char *s, const char *prefix, const char *suffix)
{
    struct sbuf c;
    struct roff_lines r = { out, 0, 1 };
    sbuf_init(&c);
    markup_clean_block(&c, s);
    if (c.len == 0)
        sbuf_adds(&c, "-");
    if (prefix)
        sbuf_adds(out, prefix);   /* then "\\&" before the first line is harmless */
    for_each_line(c.buf, roff_put_line, &r);
    if (suffix) {
        /* re-open the last line: drop its newline and append */
        if (out->len > 0 && out->buf[out->len - 1] == '\n')
            out->buf[--out->len] = '\0';
        sbuf_adds(out, suffix);
        sbuf_addc(out, '\n');
    }
    sbuf_release(&c);
}

/* ---- html --------------------------------------------------------------- */

static void html_escape_raw(struct sbuf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '&': sbuf_adds(out, "&amp;"); break;
        case '<': sbuf_adds(out, "&lt;"); break;
        case '>': sbuf_adds(out, "&gt;"); break;
        case '"': sbuf_adds(out, "&quot;"); break;
        case '\'': sbuf_adds(out, "&#39;"); break;
        default: sbuf_addc(out, s[i]); break;
        }
    }
}

void html_escape(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean(&c, s, 1);
    html_escape_raw(out, c.buf, c.len);
    sbuf_release(&c);
}

/* One line of text (line breaks shown as "\x0a"). */
void html_inline(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean(&c, s, 0);
    html_escape_raw(out, c.buf, c.len);
    sbuf_release(&c);
}

static void html_line(void *ctx, const char *line, size_t len, size_t index)
{
    struct sbuf *out = ctx;
    if (index > 0)
        sbuf_adds(out, "<br>\n");
    html_escape_raw(out, line, rtrim_len(line, len));
}

/* Multi-line text with its line breaks as <br>. */
void html_text(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean_block(&c, s);
    for_each_line(c.buf, html_line, out);
    sbuf_release(&c);
}

/* ---- markdown ----------------------------------------------------------- */

static int md_always(char c)
{
    return c != '\0' && strchr("\\`*_[]<>|~&#", c) != NULL;
}

/* One line of cleaned text, which starts a line of the output. */
static void md_escape_line(struct sbuf *out, const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    while (i < len && s[i] == ' ')
        i++;
    len = rtrim_len(s, len);
    if (i < len && (s[i] == '+' || s[i] == '-' || s[i] == '=')) {
        sbuf_addc(out, '\\');
        sbuf_addc(out, s[i++]);
    }
    while (i + digits < len && s[i + digits] >= '0' && s[i + digits] <= '9')
        digits++;
    if (digits > 0 && i + digits < len && (s[i + digits] == '.' || s[i + digits] == ')')) {
        sbuf_add(out, s + i, digits);
        sbuf_addc(out, '\\');
        sbuf_addc(out, s[i + digits]);
        i += digits + 1;
    }
    for (; i < len; i++) {
        if (md_always(s[i]))
            sbuf_addc(out, '\\');
        sbuf_addc(out, s[i]);
    }
}

struct md_lines {
    struct sbuf *out;
    const char *cont;   /* written before every line after the first */
};

static void md_line(void *ctx, const char *line, size_t len, size_t index)
{
    struct md_lines *m = ctx;
    if (index > 0) {
        sbuf_adds(m->out, "\\\n");   /* hard line break */
        sbuf_adds(m->out, m->cont);
    }
    md_escape_line(m->out, line, len);
}

static void md_lines_raw(struct sbuf *out, const char *clean, const char *cont)
{
    struct md_lines m = { out, cont };
    for_each_line(clean, md_line, &m);
}

void md_escape(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean(&c, s, 1);
    md_lines_raw(out, c.buf, "");
    sbuf_release(&c);
}

/* Multi-line text; cont is the indentation of continuation lines. */
void md_text(struct sbuf *out, const char *s, const char *cont)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean_block(&c, s);
    md_lines_raw(out, c.buf, cont);
    sbuf_release(&c);
}

/* One line of text (line breaks shown as "\x0a"). */
void md_inline(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    markup_clean(&c, s, 0);
    md_escape_line(out, c.buf, c.len);
    sbuf_release(&c);
}
