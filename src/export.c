/* export.c — see export.h.
 *
 * One driver (render_report) walks the assessment in a fixed order and calls
 * the operations of an emitter, one table of functions per format (md, txt,
 * roff, html).  The emitters own all escaping: the driver hands them raw text
 * (catalogue strings, answers, and strings composed from both) and never
 * writes a byte of the output itself.
 *
 * Every piece of text is first cleaned (clean_text): control characters,
 * escape sequences, bidi overrides and invalid bytes become visible escapes
 * ("\x1b", "<U+202E>", as text_sanitize makes them), a tab becomes four
 * spaces.  Then each format escapes what is markup for it:
 *   roff  "\" -> "\e"; a text line starting with '.', '\'' or ' ' gets "\&"
 *         in front; macro arguments are quoted with '"' written as "\(dq";
 *         no blank lines (".sp" instead), no trailing spaces.
 *   html  & < > " ' as entities; line breaks as <br>.
 *   md    \ ` * _ [ ] < > | ~ & # everywhere; + - = and "1." / "1)" at a
 *         line start; leading and trailing spaces dropped (CommonMark drops
 *         them anyway); line breaks as hard breaks (backslash at line end).
 *   txt   wrapped at 78 columns with text_wrap.
 */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "i18n.h"
#include "textutil.h"

#define TXT_WIDTH 78
#define TXT_KV_WIDTH 26   /* label column of "Label: value" lines in txt */

int export_format_parse(const char *name)
{
    static const char *const names[] = { "md", "txt", "roff", "html", "json" };
    static const enum export_format fmts[] = { EXPORT_MD, EXPORT_TXT, EXPORT_ROFF, EXPORT_HTML,
                                               EXPORT_JSON };
    for (size_t i = 0; name && i < CC_ARRAY_LEN(names); i++)
        if (strcmp(name, names[i]) == 0)
            return (int)fmts[i];
    return -1;
}

/* ---- labels ------------------------------------------------------------- */

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
        *generated, *dropped;
    /* snapshot */
    const char *snap_name, *snap_taken, *snap_note, *snap_prev;
    /* summary */
    const char *answered, *partial, *open, *review, *followup, *yn_overview;
    /* questions */
    const char *status, *st_answered, *st_partial, *st_open, *st_open_txt, *st_review,
        *st_followup, *field_open;
    const char *yes, *no, *unsure;
    const char *not_given;
};

static void labels_init(struct labels *L)
{
    L->report = _("Assessment report");
    L->sec_coop = _("Cooperation");
    L->sec_catalog = _("Catalogue");
    L->sec_assessment = _("Assessment");
    L->sec_snapshot = _("Snapshot");
    L->sec_summary = _("Summary");
    /* TRANSLATORS: the cooperation's id, a label in the report */
    L->id = _("ID");
    L->title = _("Title");
    L->partners = _("Partners");
    L->country = _("Country");
    L->pi = _("Principal investigator");
    L->start = _("Start date");
    L->interval = _("Re-assessment interval");
    L->cat_title = _("Title");
    L->cat_id = _("Catalogue id");
    L->version = _("Version");
    /* TRANSLATORS: the catalogue's edition ("Stand 11/2024"), a label */
    L->stand = _("Edition");
    L->issuer = _("Issued by");
    L->round = _("Round");
    L->round_started = _("Round started");
    L->based_on = _("Based on snapshot");
    L->none = _("none");
    L->none_first = _("none (first round)");
    L->created = _("Created");
    L->changed = _("Last changed");
    L->generated = _("Generated at");
    L->dropped = _("Answers to questions no longer in the catalogue");
    L->snap_name = _("Name");
    /* TRANSLATORS: when and by whom a snapshot was taken, a label */
    L->snap_taken = _("Taken");
    L->snap_note = _("Note");
    L->snap_prev = _("Previous snapshot");
    L->answered = _("Answered");
    L->partial = _("Partly answered");
    L->open = _("Open (unanswered)");
    L->review = _("To review");
    L->followup = _("Flagged for follow-up");
    L->yn_overview = _("Yes/no answers");
    L->status = _("Status");
    L->st_answered = _("answered");
    L->st_partial = _("partly answered");
    L->st_open = _("OPEN (unanswered)");
    /* TRANSLATORS: an open question's status in the plain-text report */
    L->st_open_txt = _("*** OPEN (UNANSWERED) ***");
    L->st_review = _("to review");
    L->st_followup = _("needs follow-up");
    L->field_open = _("(unanswered)");
    L->yes = _("yes");
    L->no = _("no");
    L->unsure = _("unsure");
    L->not_given = _("not given");
}

/* ---- cleaning ----------------------------------------------------------- */

/* Appends s with unsafe characters as visible escapes and tabs as four
 * spaces.  With multiline, line breaks are kept (else shown as "\x0a"). */
static void clean_text(struct sbuf *out, const char *s, int multiline)
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
static void clean_block(struct sbuf *out, const char *s)
{
    struct sbuf tmp;
    const char *p, *e;
    sbuf_init(&tmp);
    clean_text(&tmp, s, 1);
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

void export_roff_escape(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_text(&c, s, 0);
    /* harmless in the middle of a line, and safe should it start one */
    if (c.buf[0] == '.' || c.buf[0] == '\'' || c.buf[0] == ' ')
        sbuf_adds(out, "\\&");
    roff_escape_raw(out, c.buf, c.len);
    sbuf_release(&c);
}

/* A quoted macro argument. */
static void roff_arg(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_text(&c, s, 0);
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

struct roff_lines {
    struct sbuf *out;
    size_t blank;      /* empty lines seen since the last text line */
    int first;         /* nothing written yet */
};

static void roff_line(void *ctx, const char *line, size_t len, size_t index)
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
static void roff_text(struct sbuf *out, const char *s, const char *prefix, const char *suffix)
{
    struct sbuf c;
    struct roff_lines r = { out, 0, 1 };
    sbuf_init(&c);
    clean_block(&c, s);
    if (c.len == 0)
        sbuf_adds(&c, "-");
    if (prefix)
        sbuf_adds(out, prefix);   /* then "\\&" before the first line is harmless */
    for_each_line(c.buf, roff_line, &r);
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

void export_html_escape(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_text(&c, s, 1);
    html_escape_raw(out, c.buf, c.len);
    sbuf_release(&c);
}

/* One line of text (line breaks shown as "\x0a"). */
static void html_inline(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_text(&c, s, 0);
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
static void html_text(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_block(&c, s);
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

void export_md_escape(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_text(&c, s, 1);
    md_lines_raw(out, c.buf, "");
    sbuf_release(&c);
}

/* Multi-line text; cont is the indentation of continuation lines. */
static void md_text(struct sbuf *out, const char *s, const char *cont)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_block(&c, s);
    md_lines_raw(out, c.buf, cont);
    sbuf_release(&c);
}

/* One line of text (line breaks shown as "\x0a"). */
static void md_inline(struct sbuf *out, const char *s)
{
    struct sbuf c;
    sbuf_init(&c);
    clean_text(&c, s, 0);
    md_escape_line(out, c.buf, c.len);
    sbuf_release(&c);
}

/* ---- the emitters ------------------------------------------------------- */

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

/* "Label:" unless the label already ends in a question mark or colon. */
static int label_needs_colon(const char *label)
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

static const struct emitter emit_md = {
    md_begin, nop, md_heading, md_kv, nop, md_question_begin, md_question_text, md_field, nop,
};

/* -- txt -- */

/* Wrapped text whose lines are underlined with ch (the widest line), and
 * with overline also overlined. */
static void txt_underlined(struct sbuf *out, const char *text, char ch, int overline)
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
    clean_text(&t, title, 0);
    txt_underlined(c->out, t.buf, '=', 1);
    sbuf_release(&t);
    text_wrap(c->out, c->L->report, TXT_WIDTH, 0);
}

static void txt_heading(struct rctx *c, const char *text)
{
    struct sbuf t;
    sbuf_init(&t);
    clean_text(&t, text, 0);
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
    clean_text(&l, label, 0);
    if (label_needs_colon(label))
        sbuf_addc(&l, ':');
    if (multiline)
        clean_block(&v, value);
    else
        clean_text(&v, value, 0);
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
    clean_text(&t, heading, 0);
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
    clean_block(&t, text);
    sbuf_addc(c->out, '\n');
    text_wrap(c->out, t.buf, TXT_WIDTH - 2, 2);
    sbuf_release(&t);
}

static void txt_field(struct rctx *c, const char *label, const char *value, const char *by)
{
    struct sbuf t;
    sbuf_init(&t);
    clean_text(&t, label, 0);
    if (label_needs_colon(label))
        sbuf_addc(&t, ':');
    sbuf_addc(c->out, '\n');
    text_wrap(c->out, t.buf, TXT_WIDTH - 2, 2);
    sbuf_reset(&t);
    if (value)
        clean_block(&t, value);
    else
        sbuf_adds(&t, c->L->field_open);
    text_wrap(c->out, t.buf, TXT_WIDTH - 6, 6);
    if (value && by) {
        sbuf_reset(&t);
        sbuf_addc(&t, '(');
        clean_text(&t, by, 0);
        sbuf_addc(&t, ')');
        text_wrap(c->out, t.buf, TXT_WIDTH - 6, 6);
    }
    sbuf_release(&t);
}

static const struct emitter emit_txt = {
    txt_begin, nop, txt_heading, txt_kv, nop, txt_question_begin, txt_question_text, txt_field,
    nop,
};

/* -- roff (man(7)) -- */

/* YYYY-MM-DD from the start of an ISO 8601 time, or NULL. */
static int iso_date(const char *s, char out[11])
{
    static const char pat[] = "dddd-dd-dd";
    if (!s)
        return 0;
    for (size_t i = 0; i < 10; i++) {
        if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
            return 0;
    }
    memcpy(out, s, 10);
    out[10] = '\0';
    return 1;
}

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
    sbuf_adds(c->out, "\\fB");
    export_roff_escape(c->out, label);
    sbuf_adds(c->out, label_needs_colon(label) ? ":\\fR " : "\\fR ");
    if (multiline) {
        roff_text(c->out, value, NULL, NULL);
    } else {
        export_roff_escape(c->out, value);
        sbuf_addc(c->out, '\n');
    }
}

static void roff_question_begin(struct rctx *c, const char *heading, const struct qstatus *st)
{
    const struct labels *L = c->L;
    sbuf_adds(c->out, ".SS ");
    roff_arg(c->out, heading);
    sbuf_addc(c->out, '\n');
    export_roff_escape(c->out, L->status);
    sbuf_adds(c->out, ": ");
    if (st->state == QS_UNANSWERED) {
        sbuf_adds(c->out, "\\fB");
        export_roff_escape(c->out, L->st_open);
        sbuf_adds(c->out, "\\fR");
    } else {
        export_roff_escape(c->out, st->state == QS_PARTIAL ? L->st_partial : L->st_answered);
    }
    if (st->review) {
        sbuf_adds(c->out, "; \\fI");
        export_roff_escape(c->out, L->st_review);
        sbuf_adds(c->out, "\\fR");
    }
    if (st->followup) {
        sbuf_adds(c->out, "; \\fI");
        export_roff_escape(c->out, L->st_followup);
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
        export_roff_escape(c->out, c->L->field_open);
        sbuf_adds(c->out, "\\fR\n");
        return;
    }
    roff_text(c->out, value, NULL, NULL);
    if (by) {
        sbuf_adds(c->out, ".br\n\\fI(");
        export_roff_escape(c->out, by);
        sbuf_adds(c->out, ")\\fR\n");
    }
}

static const struct emitter emit_roff = {
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
    "@media print{body{max-width:none;margin:0}.question{break-inside:avoid}}\n";

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

static const struct emitter emit_html = {
    html_begin, html_end, html_heading, html_kv, html_kv_end, html_question_begin,
    html_question_text, html_field, html_question_end,
};

/* ---- the report --------------------------------------------------------- */

static const char *or_not_given(const struct labels *L, const char *s)
{
    return s && *s ? s : L->not_given;
}

/* "WHEN by WHO" with either part possibly missing. */
static void when_by(struct sbuf *sb, const struct labels *L, const char *when, const char *who)
{
    sbuf_reset(sb);
    /* TRANSLATORS: "2026-01-15T10:00:00Z by alice" (when, who) */
    sbuf_addf(sb, _("%s by %s"), or_not_given(L, when), or_not_given(L, who));
}

static void kv_joined(const struct emitter *em, struct rctx *c, const char *label,
                      const struct strlist *l)
{
    struct sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < l->n; i++)
        sbuf_addf(&sb, "%s%s", i ? ", " : "", l->v[i]);
    em->kv(c, label, or_not_given(c->L, sb.buf), 0);
    sbuf_release(&sb);
}

static void render_header(const struct emitter *em, struct rctx *c, const struct assessment *a,
                          const char *generated_at)
{
    const struct labels *L = c->L;
    const struct catalog *cat = a->cat;
    struct sbuf sb;
    sbuf_init(&sb);

    em->heading(c, L->sec_coop);
    em->kv(c, L->id, or_not_given(L, a->coop.id), 0);
    em->kv(c, L->title, or_not_given(L, a->coop.title), 0);
    kv_joined(em, c, L->partners, &a->coop.partners);
    em->kv(c, L->country, or_not_given(L, a->coop.country), 0);
    em->kv(c, L->pi, or_not_given(L, a->coop.pi), 0);
    em->kv(c, L->start, or_not_given(L, a->coop.start), 0);
    if (a->coop.interval_months == 1)
        sbuf_adds(&sb, _("every month"));
    else
        sbuf_addf(&sb, P_("every %d month", "every %d months", a->coop.interval_months),
                  a->coop.interval_months);
    em->kv(c, L->interval, sb.buf, 0);
    em->kv_end(c);

    em->heading(c, L->sec_catalog);
    em->kv(c, L->cat_title, l10n_get(&cat->title, c->lang), 0);
    em->kv(c, L->cat_id, or_not_given(L, a->catalog_id), 0);
    em->kv(c, L->version, or_not_given(L, a->catalog_version), 0);
    em->kv(c, L->stand, l10n_get(&cat->stand, c->lang), 0);
    em->kv(c, L->issuer, l10n_get(&cat->issuer, c->lang), 0);
    em->kv_end(c);

    em->heading(c, L->sec_assessment);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%d", a->round);
    em->kv(c, L->round, sb.buf, 0);
    em->kv(c, L->round_started, or_not_given(L, a->round_started), 0);
    em->kv(c, L->based_on,
           a->round_based_on ? a->round_based_on : a->round <= 1 ? L->none_first : L->none, 0);
    when_by(&sb, L, a->created_at, a->created_by);
    em->kv(c, L->created, sb.buf, 0);
    when_by(&sb, L, a->updated_at, a->updated_by);
    em->kv(c, L->changed, sb.buf, 0);
    em->kv(c, L->generated, or_not_given(L, generated_at), 0);
    if (a->dropped.n > 0)
        kv_joined(em, c, L->dropped, &a->dropped);
    em->kv_end(c);

    if (a->snap) {
        em->heading(c, L->sec_snapshot);
        em->kv(c, L->snap_name, or_not_given(L, a->snap->name), 0);
        when_by(&sb, L, a->snap->taken_at, a->snap->taken_by);
        em->kv(c, L->snap_taken, sb.buf, 0);
        if (a->snap->note && *a->snap->note)
            em->kv(c, L->snap_note, a->snap->note, 1);
        if (a->snap->prev_name)
            em->kv(c, L->snap_prev, a->snap->prev_name, 0);
        em->kv_end(c);
    }
    sbuf_release(&sb);
}

static void render_summary(const struct emitter *em, struct rctx *c, const struct assessment *a)
{
    const struct labels *L = c->L;
    const struct catalog *cat = a->cat;
    size_t nq = cat->nquestions, n[3] = { 0, 0, 0 }, followup = 0;
    size_t yn[4] = { 0, 0, 0, 0 };   /* indexed by enum yesno */
    struct sbuf sb;

    for (size_t qi = 0; qi < nq; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        n[assessment_qstate(a, qi)]++;
        followup += a->q[qi].followup != 0;
        for (size_t f = 0; f < q->nfields && f < a->q[qi].nf; f++)
            if (q->fields[f].type == FIELD_YESNO && (unsigned)a->q[qi].f[f].yn <= YN_UNSURE)
                yn[a->q[qi].f[f].yn]++;
    }
    sbuf_init(&sb);
    em->heading(c, L->sec_summary);
    /* TRANSLATORS: "4 of 19" questions answered */
    sbuf_addf(&sb, _("%zu of %zu"), n[QS_ANSWERED], nq);
    em->kv(c, L->answered, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", n[QS_PARTIAL]);
    em->kv(c, L->partial, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", n[QS_UNANSWERED]);
    em->kv(c, L->open, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", assessment_to_review(a));
    em->kv(c, L->review, sb.buf, 0);
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%zu", followup);
    em->kv(c, L->followup, sb.buf, 0);
    sbuf_reset(&sb);
    /* TRANSLATORS: the counts of yes/no fields by answer */
    sbuf_addf(&sb, _("%zu yes, %zu no, %zu unsure, %zu unanswered"), yn[YN_YES], yn[YN_NO],
              yn[YN_UNSURE], yn[YN_UNSET]);
    em->kv(c, L->yn_overview, sb.buf, 0);
    em->kv_end(c);
    sbuf_release(&sb);
}

static const char *answer_word(const struct labels *L, enum yesno v)
{
    switch (v) {
    case YN_YES: return L->yes;
    case YN_NO: return L->no;
    case YN_UNSURE: return L->unsure;
    default: return NULL;
    }
}

static void render_question(const struct emitter *em, struct rctx *c, const struct assessment *a,
                            size_t qi)
{
    const struct labels *L = c->L;
    const struct cat_question *q = &a->cat->questions[qi];
    const struct qanswers *qa = &a->q[qi];
    struct qstatus st;
    struct sbuf sb, by;

    st.state = assessment_qstate(a, qi);
    st.review = qa->review != 0;
    st.followup = qa->followup != 0;
    sbuf_init(&sb);
    sbuf_init(&by);
    sbuf_addf(&sb, _("Question %d: %s"), q->number, l10n_get(&q->title, c->lang));
    em->question_begin(c, sb.buf, &st);
    em->question_text(c, l10n_get(&q->text, c->lang));
    for (size_t f = 0; f < q->nfields; f++) {
        const struct answer *ans = f < qa->nf ? &qa->f[f] : NULL;
        const char *value = NULL;
        if (ans && answer_is_set(ans))
            value = q->fields[f].type == FIELD_YESNO ? answer_word(L, ans->yn) : ans->text;
        sbuf_reset(&by);
        if (value && (ans->by || ans->at))
            /* TRANSLATORS: who gave an answer, and when */
            sbuf_addf(&by, _("by %s, %s"), or_not_given(L, ans->by), or_not_given(L, ans->at));
        em->field(c, l10n_get(&q->fields[f].label, c->lang), value, by.len ? by.buf : NULL);
    }
    em->question_end(c);
    sbuf_release(&sb);
    sbuf_release(&by);
}

static void render_report(const struct emitter *em, struct sbuf *out, const struct assessment *a,
                          enum lang lang, const char *generated_at)
{
    const struct catalog *cat = a->cat;
    struct labels L;
    struct rctx c;
    struct sbuf sb;
    char date[11];

    labels_init(&L);
    memset(&c, 0, sizeof(c));
    c.out = out;
    c.a = a;
    c.lang = lang;
    c.L = &L;
    sbuf_init(&sb);
    sbuf_addf(&sb, "%s: %s", l10n_get(&cat->short_title, lang), a->coop.title ? a->coop.title : "");
    if (!iso_date(generated_at, date) && !iso_date(a->updated_at, date))
        memcpy(date, "1970-01-01", sizeof(date));
    em->begin(&c, sb.buf, date);
    render_header(em, &c, a, generated_at);
    render_summary(em, &c, a);
    for (size_t s = 0; s < cat->nsections; s++) {
        const struct cat_section *sec = &cat->sections[s];
        sbuf_reset(&sb);
        sbuf_addf(&sb, _("Section %zu: %s"), s + 1, l10n_get(&sec->title, lang));
        em->heading(&c, sb.buf);
        for (size_t qi = sec->first; qi < sec->first + sec->count && qi < cat->nquestions; qi++)
            render_question(em, &c, a, qi);
    }
    em->end(&c);
    sbuf_release(&sb);
}

void export_render(struct sbuf *out, const struct assessment *a, enum export_format fmt,
                   enum lang lang, const char *generated_at)
{
    const struct emitter *em = NULL;
    enum lang prev;
    if ((unsigned)lang >= LANG_COUNT)
        lang = LANG_EN;
    switch (fmt) {
    case EXPORT_MD: em = &emit_md; break;
    case EXPORT_TXT: em = &emit_txt; break;
    case EXPORT_ROFF: em = &emit_roff; break;
    case EXPORT_HTML: em = &emit_html; break;
    case EXPORT_JSON: {
        char *json = afile_format(a);
        sbuf_adds(out, json);
        free(json);
        return;
    }
    }
    if (!em)
        return;
    prev = i18n_lang();
    if (prev != lang)
        i18n_set(lang);
    render_report(em, out, a, lang, generated_at);
    if (prev != lang)
        i18n_set(prev);
}
