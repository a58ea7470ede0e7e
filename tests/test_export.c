/* test_export.c — reports of an assessment (src/export.c): the format names,
 * golden outputs (md, txt, roff, html in English; md and txt in German), the
 * summary and the markers of open questions, json as the assessment file,
 * escaping of hostile answers in every format, the roff report under
 * `mandoc -Tlint -Wwarning` and as PDF through `groff -man -k -Tpdf` and
 * pdftotext, and a self-contained html file.
 *
 * The assessment is built in code from the real catalogue
 * (catalog/bmbf-china-2024.json, found through $COOPCHECK_SRCDIR) with fixed
 * names and times, so the reports are byte for byte the same on every run.
 *
 * Golden files: tests/golden/export-LANG.EXT.  When a change to the report is
 * intended, regenerate them with
 *     COOPCHECK_UPDATE_GOLDEN=1 COOPCHECK_SRCDIR=$PWD build/tests/test_export
 * then review the diff (git diff tests/golden) by eye before committing: with
 * that variable set the golden tests rewrite the files instead of comparing.
 *
 * mandoc, groff and pdftotext are installed by `make check` (scripts/deps.sh);
 * a test that needs a missing one fails and says so. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "exportfx.h"
#include "catalog.h"
#include "export.h"
#include "model.h"
#include "textutil.h"

/* Non-ASCII text is written as escapes; octal ones ("\303\274" for "u" with
 * umlaut) where a letter follows, which a hex escape would swallow. */
#define GENERATED FX_GENERATED

/* Every hostile construct, one per line, some at a line start. */
#define HOSTILE                                                                            \
    ".so /etc/passwd\n"                                                                    \
    "first line\n"                                                                         \
    ".so /etc/shadow\n"                                                                    \
    "'\\\" comment\n"                                                                      \
    " leading space\n"                                                                     \
    "\\fBbold\n"                                                                           \
    "<script>alert(1)</script>\n"                                                          \
    "**bold** [link](http://x)\n"                                                          \
    "&amp;\n"                                                                              \
    "# heading\n"                                                                          \
    "- item\n"                                                                             \
    "1. ordered\n"                                                                         \
    "\x1b[31mred\x1b[0m bell\a rtl\xe2\x80\xae end"

/* ---- fixture ------------------------------------------------------------ */

/* The assessment (exportfx.h) with the officer's records, and the report's
 * extra: the committee's summary is full in every report. */
struct fx {
    struct catalog *cat;
    struct assessment *a;
    struct fx_extra e;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char *path = tu_src_path("catalog/bmbf-china-2024.json");
    struct cc_err err;

    if (!f) {
        free(path);
        return -1;
    }
    memset(&err, 0, sizeof(err));
    if (catalog_load_file(path, &f->cat, NULL, &err) != 0) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.msg);
        free(path);
        free(f);
        return -1;
    }
    free(path);
    f->a = fx_assessment(f->cat);
    fx_officer(f->a);
    fx_extra_init(&f->e, f->cat);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    assessment_free(f->a);
    fx_extra_release(&f->e);
    catalog_free(f->cat);
    free(f);
    return 0;
}

/* ---- helpers ------------------------------------------------------------ */

#define assert_contains(hay, needle)                                                       \
    do {                                                                                   \
        const char *h_ = (hay), *n_ = (needle);                                            \
        if (!h_ || !strstr(h_, n_))                                                        \
            fail_msg("the output does not contain \"%s\":\n%s", n_, h_ ? h_ : "(null)");   \
    } while (0)

#define assert_not_contains(hay, needle)                                                   \
    do {                                                                                   \
        const char *h_ = (hay), *n_ = (needle);                                            \
        const char *at_ = strstr(h_, n_);                                                  \
        if (at_)                                                                           \
            fail_msg("the output contains \"%s\" at offset %ld:\n%.200s", n_,              \
                     (long)(at_ - h_), at_);                                               \
    } while (0)

/* Every occurrence of needle is escaped: preceded by a backslash. */
static void assert_only_escaped(const char *hay, const char *needle)
{
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        if (p == hay || p[-1] != '\\')
            fail_msg("unescaped \"%s\" at offset %ld:\n%.200s", needle, (long)(p - hay), p);
}

static char *render(const struct fx *f, enum export_format fmt, enum lang lang)
{
    struct sbuf sb;
    sbuf_init(&sb);
    export_render(&sb, f->a, fmt, lang, GENERATED, &f->e.x);
    return sbuf_detach(&sb, NULL);
}

/* No byte of the output is a control character other than '\n'; no bidi
 * override (U+202E) and no other character text_sanitize would escape. */
static void assert_no_controls(const char *s)
{
    const char *bad = text_find_unsafe(s, TEXT_ALLOW_NEWLINE);
    if (bad)
        fail_msg("unsafe character at offset %ld: \"%.40s\"", (long)(bad - s), bad);
}

/* The line of s that starts at p, for messages. */
static void line_at(const char *p, char *buf, size_t n)
{
    size_t len = strcspn(p, "\n");
    snprintf(buf, n, "%.*s", (int)(len < n - 1 ? len : n - 1), p);
}

/* Full path of a tool in $PATH, or NULL. */
static char *find_tool(const char *name)
{
    const char *path = getenv("PATH");
    char *copy, *dir, *save = NULL, *found = NULL;
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    copy = xstrdup(path);
    for (dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        char *p = xasprintf("%s/%s", *dir ? dir : ".", name);
        if (access(p, X_OK) == 0) {
            found = p;
            break;
        }
        free(p);
    }
    free(copy);
    return found;
}

static char *need_tool(const char *name, const char *package)
{
    char *p = find_tool(name);
    if (!p)
        fail_msg("%s is not installed: run `make check` (scripts/deps.sh installs the package "
                 "%s) or `apt-get install %s`", name, package, package);
    return p;
}

/* ---- format names ------------------------------------------------------- */

static void test_format_parse(void **state)
{
    (void)state;
    assert_int_equal(export_format_parse("md"), EXPORT_MD);
    assert_int_equal(export_format_parse("txt"), EXPORT_TXT);
    assert_int_equal(export_format_parse("roff"), EXPORT_ROFF);
    assert_int_equal(export_format_parse("html"), EXPORT_HTML);
    assert_int_equal(export_format_parse("json"), EXPORT_JSON);
    assert_int_equal(export_format_parse("pdf"), -1);
    assert_int_equal(export_format_parse("MD"), -1);
    assert_int_equal(export_format_parse(""), -1);
    assert_int_equal(export_format_parse(NULL), -1);
}

/* ---- golden files ------------------------------------------------------- */

static void golden(void **state, enum export_format fmt, enum lang lang, const char *name)
{
    struct fx *f = *state;
    char *out = render(f, fmt, lang);
    tu_check_golden(name, out);
    free(out);
}

static void test_golden_md_en(void **state) { golden(state, EXPORT_MD, LANG_EN, "export-en.md"); }
static void test_golden_txt_en(void **state) { golden(state, EXPORT_TXT, LANG_EN, "export-en.txt"); }
static void test_golden_roff_en(void **state) { golden(state, EXPORT_ROFF, LANG_EN, "export-en.7"); }
static void test_golden_html_en(void **state)
{
    golden(state, EXPORT_HTML, LANG_EN, "export-en.html");
}
static void test_golden_ms_en(void **state) { golden(state, EXPORT_MS, LANG_EN, "export-en.ms"); }

/* A snapshot: its name, taken at/by and note appear, and in the summary its
 * approvals with each signature state and the required role missing; the
 * ms report's signature block has a line for each. */
static void test_golden_en_snapshot(void **state)
{
    struct fx *f = *state;
    fx_snapshot(f->a);
    golden(state, EXPORT_MD, LANG_EN, "export-en-snapshot.md");
    golden(state, EXPORT_TXT, LANG_EN, "export-en-snapshot.txt");
    golden(state, EXPORT_MS, LANG_EN, "export-en-snapshot.ms");
}

/* German, and a snapshot: German dates in the summary. */
static void test_golden_de_snapshot(void **state)
{
    struct fx *f = *state;
    fx_snapshot(f->a);
    golden(state, EXPORT_MD, LANG_DE, "export-de-snapshot.md");
    golden(state, EXPORT_TXT, LANG_DE, "export-de-snapshot.txt");
    golden(state, EXPORT_MS, LANG_DE, "export-de-snapshot.ms");
}

/* ---- content ------------------------------------------------------------ */

/* Every format holds the cooperation, catalogue, round and summary data. */
static void test_content_every_format(void **state)
{
    struct fx *f = *state;
    static const enum export_format fmts[] = { EXPORT_MD, EXPORT_TXT, EXPORT_ROFF, EXPORT_HTML };
    static const char *const en[] = {
        "BMBF China question catalogue (11/2024): Gemeinsames Labor f\xc3\xbcr Quantensensorik",
        "tum", "M\xc3\xbcnchen", "Harbin Institute of Technology", "CN",
        "Prof", "J\xc3\xbcrgen Wei\xc3\x9f", "2026", "every 12 months", "bmbf", "2024", "11/2024",
        "Round", "2025", "round1", GENERATED, "Last changed", "Answered", "4 of 19",
        "Partly answered", "Open (unanswered)", "To review", "Flagged for follow-up",
        "3 yes, 2 no, 3 unsure, 11 unanswered", "Question 1: Focus and your goals",
        "What is the thematic focus of the intended cooperation", "Thematic focus",
        "Br\303\274ckenmonitoring", "\xe5\x90\x88\xe4\xbd\x9c\xe7\xa0\x94\xe7\xa9\xb6",
        "by alice, 2026", "partly answered", "to review", "needs follow-up", "(unanswered)",
        "Question 19: Handling influence incidents",
    };
    for (size_t i = 0; i < CC_ARRAY_LEN(fmts); i++) {
        char *out = render(f, fmts[i], LANG_EN);
        for (size_t k = 0; k < CC_ARRAY_LEN(en); k++)
            if (!strstr(out, en[k]))
                fail_msg("format %zu lacks \"%s\":\n%s", i, en[k], out);
        assert_no_controls(out);
        free(out);
    }
}

static void test_content_german_labels(void **state)
{
    struct fx *f = *state;
    static const enum export_format fmts[] = { EXPORT_MD, EXPORT_TXT, EXPORT_ROFF, EXPORT_HTML };
    static const char *const de[] = {
        "BMBF-Fragenkatalog China (11/2024): Gemeinsames Labor f\xc3\xbcr Quantensensorik",
        "Kooperation", "Zusammenfassung", "Beantwortet", "4 von 19", "Teilweise beantwortet",
        "alle 12 Monate", "Frage 1: Schwerpunkt und eigene Ziele", "Inhaltlicher Schwerpunkt",
        "3 ja, 2 nein, 3 unsicher, 11 unbeantwortet", "von alice, 2026", "nein", "unsicher",
        "Nachverfolgung n\xc3\xb6tig", "zu \303\274berpr\303\274fen", "(unbeantwortet)",
    };
    for (size_t i = 0; i < CC_ARRAY_LEN(fmts); i++) {
        char *out = render(f, fmts[i], LANG_DE);
        for (size_t k = 0; k < CC_ARRAY_LEN(de); k++)
            if (!strstr(out, de[k]))
                fail_msg("format %zu lacks \"%s\":\n%s", i, de[k], out);
        assert_not_contains(out, "Question 1");
        free(out);
    }
}

/* Open questions stand out in each format; partly answered ones are marked. */
static void test_open_questions_marked(void **state)
{
    struct fx *f = *state;
    char *md = render(f, EXPORT_MD, LANG_EN), *txt = render(f, EXPORT_TXT, LANG_EN),
         *roff = render(f, EXPORT_ROFF, LANG_EN), *html = render(f, EXPORT_HTML, LANG_EN),
         *txt_de = render(f, EXPORT_TXT, LANG_DE);

    assert_contains(md, "### Question 5: Goals of the Chinese partner\n\nStatus: "
                        "**OPEN (unanswered)**\n");
    assert_contains(md, "### Question 8: Civil-military fusion\n\nStatus: **OPEN (unanswered)**; "
                        "*needs follow-up*\n");
    assert_contains(md, "Status: partly answered; *to review*\n");
    assert_contains(txt, "Status: *** OPEN (UNANSWERED) ***\n");
    assert_contains(txt, "Status: *** OPEN (UNANSWERED) ***; needs follow-up\n");
    assert_contains(txt_de, "Status: *** OFFEN (UNBEANTWORTET) ***\n");
    assert_contains(roff, "Status: \\fBOPEN (unanswered)\\fR\n");
    assert_contains(html, "<section class=\"question open\">\n<h3>Question 5: Goals of the "
                          "Chinese partner</h3>\n<p class=\"status\">Status: <strong "
                          "class=\"open\">OPEN (unanswered)</strong></p>");
    assert_contains(html, "<section class=\"question partial\">");
    free(md);
    free(txt);
    free(roff);
    free(html);
    free(txt_de);
}

/* Line breaks in text answers are kept in every format. */
static void test_line_breaks_kept(void **state)
{
    struct fx *f = *state;
    char *md = render(f, EXPORT_MD, LANG_EN), *txt = render(f, EXPORT_TXT, LANG_EN),
         *roff = render(f, EXPORT_ROFF, LANG_EN), *html = render(f, EXPORT_HTML, LANG_EN);
    assert_contains(md, "Br\303\274ckenmonitoring.\\\nPr\303\274fst");
    assert_contains(md, "agreement:\\\n\\\n\\- IP stays");
    assert_contains(md, "\\\n1\\. publication");
    assert_contains(txt, "      Quantensensorik f\xc3\xbcr Br\303\274ckenmonitoring.\n"
                         "      Pr\303\274fst");
    assert_contains(roff, "Br\303\274ckenmonitoring.\n.br\nPr\303\274fst");
    assert_contains(roff, "agreement:\n.sp\n- IP stays");
    assert_contains(roff, "\n.br\n\\&  indented line\n");
    assert_contains(html, "Br\303\274ckenmonitoring.<br>\nPr\303\274fst");
    free(md);
    free(txt);
    free(roff);
    free(html);
}

/* Plain text: no line is wider than 78 columns. */
static void test_txt_width(void **state)
{
    struct fx *f = *state;
    for (int l = 0; l < LANG_COUNT; l++) {
        char *txt = render(f, EXPORT_TXT, (enum lang)l);
        for (char *p = txt; *p;) {
            char *nl = strchr(p, '\n');
            char save = 0;
            if (nl) {
                save = *nl;
                *nl = '\0';
            }
            if (text_width(p) > 78)
                fail_msg("line wider than 78 columns (%zu): %s", text_width(p), p);
            if (!nl)
                break;
            *nl = save;
            p = nl + 1;
        }
        free(txt);
    }
}

/* json is exactly the assessment file. */
static void test_json_is_afile(void **state)
{
    struct fx *f = *state;
    char *out = render(f, EXPORT_JSON, LANG_DE), *want = afile_format(f->a);
    assert_string_equal(out, want);
    free(out);
    free(want);
    fx_snapshot(f->a);
    out = render(f, EXPORT_JSON, LANG_EN);
    want = afile_format(f->a);
    assert_string_equal(out, want);
    assert_contains(out, "coopcheck-snapshot");
    free(out);
    free(want);
}

/* ---- hostile answers ---------------------------------------------------- */

/* The fixture with hostile text in answers, the title, a partner, the note
 * and the name of the last editor; in the officer's records (a measure, the
 * decision) and in the approvals the summary shows: tbl's own cells ("_",
 * "T{"), roff requests, HTML and Markdown. */
static void make_hostile(struct fx *f)
{
    struct assessment *a = f->a, *w = f->e.working;
    fx_set_text(a, "q01", "focus", HOSTILE);
    fx_set_text(a, "q16", "measures", ".TH x\n.SH y\n'br\n\\\\\n\\");
    fx_replace(&a->coop.title, ".so /etc/group \"quoted\" \\fBx <b>&amp;\nsecond");
    free(a->coop.partners.v[0]);
    a->coop.partners.v[0] = xstrdup(".so partner");
    fx_snapshot(a);
    fx_replace(&a->snap->note, "'\\\" note\n.so /etc/passwd\n<script>x</script>");
    fx_replace(&a->updated_by, "\x1b]0;title\a<i>");
    fx_replace(&a->measures[1].what, ".so /etc/hosts\n<script>m()</script> **m** | \\fBm");
    fx_replace(&a->decision.why, "'\\\" why\n.TS\nT}\n_");
    fx_replace(&a->decision.body, "<b>body</b> | [x](http://y)");
    fx_replace(&w->approvals[0].role, "T{");
    fx_replace(&w->approvals[0].name, ".so approver");
    fx_replace(&w->approvals[3].name, "_\t_");   /* a tab: tbl's separator */
    fx_replace(&w->approvals[3].role, "=");
}

/* Every line of roff out is text safe at a line start or one of the
 * requests in macros (prefixes); none is empty or starts with a space, a
 * tab or a quote. */
static void check_roff_lines(const char *out, const char *const *macros, size_t n)
{
    for (const char *p = out; *p;) {
        char line[200];
        line_at(p, line, sizeof(line));
        if (*p == '\n')
            fail_msg("empty line in roff output");
        if (*p == ' ' || *p == '\'' || *p == '\t')
            fail_msg("roff line starts with a space or quote: %s", line);
        if (*p == '.') {
            int ok = 0;
            for (size_t i = 0; i < n; i++)
                ok |= strncmp(p, macros[i], strlen(macros[i])) == 0;
            if (!ok)
                fail_msg("roff line calls an unexpected request: %s", line);
        }
        p += strcspn(p, "\n");
        if (*p)
            p++;
    }
}

static void test_hostile_roff(void **state)
{
    struct fx *f = *state;
    static const char *const macros[] = { ".\\\" ", ".TH ", ".SH ", ".SS ", ".PP\n", ".TP\n",
                                          ".B ", ".br\n", ".sp\n", ".IP \\(bu 2\n" };
    char *out;
    make_hostile(f);
    out = render(f, EXPORT_ROFF, LANG_EN);
    assert_no_controls(out);
    check_roff_lines(out, macros, CC_ARRAY_LEN(macros));
    assert_contains(out, "\\&.so /etc/passwd\n");
    assert_contains(out, "\\&.so /etc/shadow\n");
    assert_contains(out, "\\&'\\e\" comment\n");
    assert_contains(out, "\\& leading space\n");
    assert_contains(out, "\\efBbold\n");
    assert_contains(out, "\\ex1b[31mred\\ex1b[0m bell\\ex07 rtl<U+202E> end");
    assert_contains(out, "\\&.TH x\n");
    assert_contains(out, "\\&'br\n");
    /* the title as a quoted macro argument */
    assert_contains(out, ".SH \"BMBF China question catalogue (11/2024): .so /etc/group "
                         "\\(dqquoted\\(dq \\efBx <b>&amp;\\ex0asecond\"\n");
    assert_contains(out, "\\fBPartners:\\fR \\&.so partner; TU");
    assert_contains(out, "\\&'\\e\" note\n.br\n\\&.so /etc/passwd\n");
    /* the summary: the decision's rationale, a measure, an approval */
    assert_contains(out, "\\fBRationale:\\fR \\&'\\e\" why\n.br\n\\&.TS\n.br\nT}\n.br\n_\n");
    assert_contains(out, "M2 .so /etc/hosts\n.br\n<script>m()</script> **m** | \\efBm");
    assert_contains(out, "T{: .so approver, 16 January 2026");
    free(out);
}

static void test_hostile_html(void **state)
{
    struct fx *f = *state;
    char *out;
    make_hostile(f);
    out = render(f, EXPORT_HTML, LANG_EN);
    assert_no_controls(out);
    assert_not_contains(out, "<script");
    assert_not_contains(out, "<SCRIPT");
    assert_not_contains(out, "<b>");
    assert_not_contains(out, "<i>");
    assert_not_contains(out, "src=");
    assert_not_contains(out, "href=");
    assert_not_contains(out, "url(");
    assert_contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_contains(out, "&lt;script&gt;m()&lt;/script&gt;");
    assert_contains(out, "&lt;b&gt;body&lt;/b&gt; | [x](http://y)");
    assert_contains(out, "**bold** [link](http://x)");
    assert_contains(out, "&amp;amp;");
    assert_contains(out, "&#39;\\&quot; comment");
    assert_contains(out, "\\x1b[31mred\\x1b[0m bell\\x07 rtl&lt;U+202E&gt; end");
    assert_contains(out, "\\x1b]0;title\\x07&lt;i&gt;");
    assert_contains(out, "<title>BMBF China question catalogue (11/2024): .so /etc/group "
                         "&quot;quoted&quot; \\fBx &lt;b&gt;&amp;amp;\\x0asecond</title>");
    /* every tag is ours: no attribute holds an address */
    for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
        size_t len = strcspn(p, ">");
        char tag[300];
        snprintf(tag, sizeof(tag), "%.*s", (int)(len < 299 ? len : 299), p);
        if (strstr(tag, "http") || strstr(tag, "//"))
            fail_msg("a tag holds an address: %s", tag);
        if (strstr(tag, " on") && strchr(tag, '='))
            fail_msg("a tag holds an event handler: %s", tag);
    }
    free(out);
}

static void test_hostile_md(void **state)
{
    struct fx *f = *state;
    char *out;
    make_hostile(f);
    out = render(f, EXPORT_MD, LANG_EN);
    assert_no_controls(out);
    assert_only_escaped(out, "<script");
    assert_only_escaped(out, "<b");
    assert_only_escaped(out, "<i");
    assert_only_escaped(out, "](http");
    assert_only_escaped(out, "**bold");
    assert_contains(out, "\\*\\*bold\\*\\* \\[link\\](http://x)");
    assert_contains(out, "\\<script\\>alert(1)\\</script\\>");
    assert_contains(out, "\\<script\\>m()\\</script\\> \\*\\*m\\*\\* \\| \\\\fBm");
    assert_contains(out, "\\<b\\>body\\</b\\> \\| \\[x\\](http://y)");
    assert_contains(out, "\\&amp;");
    assert_contains(out, "\\\n\\# heading\\\n\\- item\\\n1\\. ordered\\\n");
    assert_contains(out, "\\\\fBbold");
    assert_contains(out, "\\\\x1b\\[31mred\\\\x1b\\[0m bell\\\\x07 rtl\\<U+202E\\> end");
    assert_contains(out, "\\\\x1b\\]0;title\\\\x07\\<i\\>");
    /* the leading space is dropped (CommonMark drops it too), the text stays */
    assert_contains(out, "\\\nleading space\\\n");
    free(out);
}

static void test_hostile_txt(void **state)
{
    struct fx *f = *state;
    char *out;
    make_hostile(f);
    out = render(f, EXPORT_TXT, LANG_EN);
    assert_no_controls(out);
    assert_contains(out, "      .so /etc/passwd\n");
    assert_contains(out, "       leading space\n");
    assert_contains(out, "      <script>alert(1)</script>\n");
    assert_contains(out, "\\x1b[31mred\\x1b[0m bell\\x07 rtl<U+202E> end");
    assert_contains(out, ".so /etc/group \"quoted\" \\fBx <b>&amp;\\x0asecond");
    free(out);
}

/* ---- roff through mandoc and groff -------------------------------------- */

struct tmpfiles {
    char *dir, *roff, *pdf;
};

/* The report in format fmt (roff or ms) written to a file of a new
 * temporary directory. */
static void write_report(struct tmpfiles *t, const struct fx *f, enum export_format fmt,
                         enum lang lang)
{
    char *out = render(f, fmt, lang);
    t->dir = tu_tempdir();
    t->roff = xasprintf("%s/report.%s", t->dir, fmt == EXPORT_MS ? "ms" : "7");
    t->pdf = xasprintf("%s/report.pdf", t->dir);
    tu_write(t->roff, out);
    free(out);
}

static void write_roff(struct tmpfiles *t, const struct fx *f, enum lang lang)
{
    write_report(t, f, EXPORT_ROFF, lang);
}

static void tmpfiles_release(struct tmpfiles *t)
{
    tu_rmrf(t->dir);
    free(t->dir);
    free(t->roff);
    free(t->pdf);
}

static void lint(const struct fx *f, enum lang lang, int hostile)
{
    char *mandoc = need_tool("mandoc", "mandoc");
    struct tmpfiles t;
    struct tu_run r;
    write_roff(&t, f, lang);
    {
        const char *argv[] = { mandoc, "-Tlint", "-Wwarning", t.roff, NULL };
        tu_run(&r, NULL, argv, NULL);
    }
    if (r.status != 0)
        fail_msg("mandoc -Tlint -Wwarning exited %d:\n%s%s", r.status, r.out, r.err);
    tu_run_free(&r);
    /* mandoc shows the hostile text as text */
    {
        const char *argv[] = { mandoc, "-Tutf8", "-Owidth=200", t.roff, NULL };
        tu_run(&r, NULL, argv, NULL);
    }
    assert_int_equal(r.status, 0);
    if (hostile) {
        assert_contains(r.out, ".so /etc/passwd");
        assert_contains(r.out, "'\\\" comment");
        assert_contains(r.out, "\\fBbold");
        assert_contains(r.out, ".TH x");
        assert_contains(r.out, "\\x1b[31mred");
    }
    tu_run_free(&r);
    tmpfiles_release(&t);
    free(mandoc);
}

static void test_roff_lint(void **state)
{
    struct fx *f = *state;
    lint(f, LANG_EN, 0);
    lint(f, LANG_DE, 0);
}

static void test_roff_lint_hostile(void **state)
{
    struct fx *f = *state;
    make_hostile(f);
    lint(f, LANG_EN, 1);
    lint(f, LANG_DE, 1);
}

/* Collapses white space and joins words hyphenated at a line end, so that
 * pdftotext's line breaks do not matter. */
static void normalize_pdf_text(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if ((*r == '-' && r[1] == '\n') ||
            (strncmp(r, "\xe2\x80\x90\n", 4) == 0)) {   /* U+2010 hyphen */
            r += *r == '-' ? 1 : 3;
            while (r[1] == ' ')   /* the next line's indentation (pdftotext -layout) */
                r++;
            continue;
        }
        if (*r == '\n' || *r == ' ' || *r == '\t' || *r == '\f') {
            if (w > s && w[-1] != ' ')
                *w++ = ' ';
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
}

/* Fails on anything groff says but the CJK characters its PDF fonts lack
 * (README: dropped in the PDF): a warning of tbl or troff is a bug. */
static void expect_quiet_groff(const char *err)
{
    for (const char *p = err; *p;) {
        size_t len = strcspn(p, "\n");
        char line[300];
        snprintf(line, sizeof(line), "%.*s", (int)len, p);
        if (len && !strstr(line, "can't find special character 'u"))
            fail_msg("groff warns: %s\n(all it said:\n%s)", line, err);
        p += len;
        if (*p)
            p++;
    }
}

/* The report in fmt through groff to PDF (roff: -man, ms: -ms -t), then
 * pdftotext of pages first..last (0: all), white space collapsed.  Caller
 * frees. */
static char *pdf_text(const struct fx *f, enum export_format fmt, enum lang lang, int first,
                      int last)
{
    char *groff = need_tool("groff", "groff"), *pdftotext = need_tool("pdftotext", "poppler-utils");
    char *gropdf = need_tool("gropdf", "groff"), *text, fp[16], lp[16];
    struct tmpfiles t;
    struct tu_run r;
    write_report(&t, f, fmt, lang);
    {
        char *cmd = xasprintf("'%s' %s -k -Tpdf \"$1\" >\"$2\"", groff,
                              fmt == EXPORT_MS ? "-ms -t" : "-man");
        const char *argv[] = { "/bin/sh", "-c", cmd, "sh", t.roff, t.pdf, NULL };
        tu_run(&r, NULL, argv, NULL);
        free(cmd);
    }
    if (r.status != 0)
        fail_msg("groff -k -Tpdf exited %d:\n%s", r.status, r.err);
    expect_quiet_groff(r.err);
    tu_run_free(&r);
    snprintf(fp, sizeof(fp), "%d", first ? first : 1);
    snprintf(lp, sizeof(lp), "%d", last ? last : 9999);
    {
        /* -layout: a table's row stays on its line */
        const char *argv[] = { pdftotext, "-layout", "-enc", "UTF-8", "-f", fp, "-l", lp, t.pdf,
                               "-", NULL };
        tu_run(&r, NULL, argv, NULL);
    }
    if (r.status != 0)
        fail_msg("pdftotext exited %d:\n%s", r.status, r.err);
    normalize_pdf_text(r.out);
    text = xstrdup(r.out);
    tu_run_free(&r);
    tmpfiles_release(&t);
    free(groff);
    free(gropdf);
    free(pdftotext);
    return text;
}

static void pdf(const struct fx *f, enum export_format fmt, enum lang lang, const char *heading)
{
    char *text = pdf_text(f, fmt, lang, 0, 0);
    assert_contains(text, "Gemeinsames Labor f\xc3\xbcr Quantensensorik");
    assert_contains(text, heading);
    assert_contains(text, "Br\303\274ckenmonitoring");
    assert_contains(text, "J\xc3\xbclich");
    assert_contains(text, "Export control: Ms M\xc3\xbcller");
    /* the committee's summary, in the report's language */
    assert_contains(text, lang == LANG_DE ? "Zusammenfassung f\xc3\xbcr das Gremium"
                                          : "Summary for the committee");
    assert_contains(text, lang == LANG_DE ? "mit Auflagen fortfahren" : "proceed with conditions");
    assert_contains(text, "Kommission f\xc3\xbcr Forschungssicherheit");
    assert_contains(text, "Screen the partner");
    assert_contains(text, lang == LANG_DE ? "\xc3\x9c" "BERF\xc3\x84" "LLIG" : "OVERDUE");
    free(text);
}

static void test_roff_pdf(void **state)
{
    struct fx *f = *state;
    pdf(f, EXPORT_ROFF, LANG_EN, "Question 1: Focus and your goals");
    pdf(f, EXPORT_ROFF, LANG_DE, "Frage 1: Schwerpunkt und eigene Ziele");
}

/* The README's PDF: ms through groff -ms -t, the summary on page 1 alone
 * (tables by tbl), the report from page 2, the signature block at the end. */
static void test_ms_pdf(void **state)
{
    struct fx *f = *state;
    char *p1, *p2, *all;
    pdf(f, EXPORT_MS, LANG_EN, "Question 1: Focus and your goals");
    pdf(f, EXPORT_MS, LANG_DE, "Frage 1: Schwerpunkt und eigene Ziele");
    fx_snapshot(f->a);
    p1 = pdf_text(f, EXPORT_MS, LANG_EN, 1, 1);
    p2 = pdf_text(f, EXPORT_MS, LANG_EN, 2, 2);
    all = pdf_text(f, EXPORT_MS, LANG_EN, 0, 0);
    /* page 1: the whole summary, from the risk table to the approvals */
    assert_contains(p1, "Summary for the committee");
    assert_contains(p1, "Risk per section");
    /* a row on its line, its long section title wrapped in its cell */
    assert_contains(p1, "1 Subject, goals and environment of the medium 1 1 1 0 4 cooperation");
    assert_contains(p1, "All questions high 1 2 2 1 13");
    assert_contains(p1, "Date: 14 January 2026");
    assert_contains(p1, "Questions changed: 3 of 19: 1, 3, 12");
    assert_contains(p1, "PI: Prof. Dr. J\xc3\xbcrgen Wei\xc3\x9f, 16 January 2026 \xe2\x80\x94 "
                        "INVALID");
    assert_contains(p1, "Export control: Ms M\xc3\xbcller, 17 January 2026 \xe2\x80\x94 unsigned");
    assert_contains(p1, "Missing required roles: Legal office");
    assert_not_contains(p1, "Catalogue id");
    /* page 2: the report as before */
    assert_contains(p2, "Cooperation ID: tum-hit-2026");
    assert_not_contains(p2, "Summary for the committee");
    /* the signature block */
    assert_contains(all, "Signatures This report is of snapshot 2026-01-15-committee of 15 January "
                         "2026.");
    assert_contains(all, "Role Name Date Signature Research-security officer Dr. Anna Schmidt "
                         "16 January 2026 signature valid");
    assert_contains(all, "Data protection Mr Li Wei 19 January 2026 signature not checked Legal "
                         "office");
    free(p1);
    free(p2);
    free(all);
}

/* ms: every request is ours, every tbl cell starts with "\\&" (so that "_",
 * "=", "T{" of an approval are text), every text block's "T}" follows a
 * line of ours; groff shows the hostile text as text. */
static void test_hostile_ms(void **state)
{
    struct fx *f = *state;
    static const char *const macros[] = {
        ".\\\" ", ".nr ", ".ds ", ".na\n", ".TL\n", ".LP\n", ".ce\n", ".SH 1\n", ".SH 2\n",
        ".QP\n", ".IP \\(bu 2m\n", ".IP \"\" 2m\n", ".br\n", ".sp\n", ".sp 1.5\n", ".TS\n",
        ".TE\n", ".bp\n", ".KS\n", ".KE\n",
    };
    char *out, *text;
    make_hostile(f);
    out = render(f, EXPORT_MS, LANG_EN);
    /* tabs are tbl's separators, ours alone */
    {
        const char *bad = text_find_unsafe(out, TEXT_ALLOW_NEWLINE | TEXT_ALLOW_TAB);
        if (bad)
            fail_msg("unsafe character at offset %ld: \"%.40s\"", (long)(bad - out), bad);
    }
    check_roff_lines(out, macros, CC_ARRAY_LEN(macros));
    /* in a table, a text block's end follows a line of ours */
    {
        const char *p = out, *prev = NULL;
        int in_table = 0;
        while (*p) {
            if (strncmp(p, ".TS\n", 4) == 0 || strncmp(p, ".TE\n", 4) == 0)
                in_table = p[2] == 'S';
            if (in_table && strncmp(p, "T}", 2) == 0 && (!prev || strncmp(prev, "\\&", 2) != 0))
                fail_msg("a text block's end follows a line not of ours: %.60s", prev ? prev : p);
            prev = p;
            p += strcspn(p, "\n");
            if (*p)
                p++;
        }
    }
    assert_contains(out, "\n\\&T{\t\\&\\&.so approver\t");
    assert_contains(out, "\n\\&=\t\\&_    _\t\\&17 January 2026\t\\&unsigned\n");
    assert_contains(out, "\\fBRationale:\\fP \\&'\\e\" why\n.br\n\\&.TS\n.br\nT}\n.br\n_\n");
    assert_contains(out, ".TL\n\\&.so /etc/group \"quoted\" \\efBx <b>&amp;\\ex0asecond\n");
    free(out);
    text = pdf_text(f, EXPORT_MS, LANG_EN, 0, 0);
    assert_contains(text, "T{: .so approver, 16 January 2026");
    assert_contains(text, "=: _ _, 17 January 2026");
    assert_contains(text, "M2 .so /etc/hosts <script>m()</script> **m** | \\fBm");
    assert_contains(text, ".so /etc/passwd");
    assert_contains(text, "\xe2\x80\x99\\\" why .TS T} _");   /* groff's right quote */
    free(text);
}

/* ---- html is self-contained --------------------------------------------- */

static void test_html_self_contained(void **state)
{
    struct fx *f = *state;
    char *out = render(f, EXPORT_HTML, LANG_DE);
    static const char head[] = "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n"
                               "<meta charset=\"utf-8\">\n";
    assert_true(strncmp(out, head, strlen(head)) == 0);
    assert_contains(out, "<style>\n");
    assert_contains(out, "</html>\n");
    assert_not_contains(out, "<script");
    assert_not_contains(out, "<link");
    assert_not_contains(out, "<img");
    assert_not_contains(out, "<iframe");
    assert_not_contains(out, "src=");
    assert_not_contains(out, "href=");
    assert_not_contains(out, "url(");
    assert_not_contains(out, "@import");
    assert_not_contains(out, "http");
    free(out);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_parse),
        T(test_golden_md_en),
        T(test_golden_txt_en),
        T(test_golden_roff_en),
        T(test_golden_html_en),
        T(test_golden_ms_en),
        T(test_golden_en_snapshot),
        T(test_golden_de_snapshot),
        T(test_content_every_format),
        T(test_content_german_labels),
        T(test_open_questions_marked),
        T(test_line_breaks_kept),
        T(test_txt_width),
        T(test_json_is_afile),
        T(test_hostile_roff),
        T(test_hostile_html),
        T(test_hostile_md),
        T(test_hostile_txt),
        T(test_roff_lint),
        T(test_roff_lint_hostile),
        T(test_roff_pdf),
        T(test_ms_pdf),
        T(test_hostile_ms),
        T(test_html_self_contained),
    };
    /* text widths (txt wrapping, golden files) as in a UTF-8 terminal */
    if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")) {
        fprintf(stderr, "test_export: no C.UTF-8 locale; the txt reports will differ\n");
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
