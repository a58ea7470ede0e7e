/* test_lists_parse.c — the screening-list parsers (lists_parse.c,
 * lists_csv.c): every format from its fixture in tests/data/lists/ (entries,
 * aliases, category, note, url, line numbers), detection, each refusal with
 * its exact "PATH:LINE:COL: message", hostile input (control characters,
 * bidi overrides, invalid UTF-8, "\u0000", deep nesting, huge fields), CRLF,
 * a byte order mark and quoted line breaks.
 *
 * Each entry handed over is written as one line
 *   id | name | alias/alias | category | note | url | line
 * ("-" for NULL), so that a test compares a whole list at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "testutil.h"
#include "textutil.h"
#include "util.h"

struct got {
    struct sbuf out;
    size_t n;
    int stop_after;   /* > 0: return 7 after this many entries */
};

static void add_text(struct sbuf *sb, const char *s)
{
    sbuf_adds(sb, s ? s : "-");
}

static int collect(const struct list_entry *e, void *arg)
{
    struct got *g = arg;
    assert_non_null(e->id);
    assert_non_null(e->name);
    assert_true(e->id[0] && e->name[0]);
    add_text(&g->out, e->id);
    sbuf_adds(&g->out, " | ");
    add_text(&g->out, e->name);
    sbuf_adds(&g->out, " | ");
    for (size_t i = 0; i < e->aliases.n; i++) {
        assert_true(e->aliases.v[i][0] != '\0');
        sbuf_addf(&g->out, "%s%s", i ? "/" : "", e->aliases.v[i]);
    }
    sbuf_adds(&g->out, " | ");
    add_text(&g->out, e->category);
    sbuf_adds(&g->out, " | ");
    add_text(&g->out, e->note);
    sbuf_adds(&g->out, " | ");
    add_text(&g->out, e->url);
    sbuf_addf(&g->out, " | %zu\n", e->line);
    g->n++;
    return g->stop_after > 0 && g->n == (size_t)g->stop_after ? 7 : 0;
}

static char *fixture(const char *name, size_t *len)
{
    char *rel = xasprintf("tests/data/lists/%s", name), *path = tu_src_path(rel);
    char *text = tu_read(path, len);
    if (!text)
        fail_msg("cannot read %s", path);
    free(path);
    free(rel);
    return text;
}

/* Parses data[0..len) as f and expects exactly want (the entries). */
static void expect_len(enum list_format f, const char *data, size_t len, const char *want,
                       struct list_about *about)
{
    struct got g = { { 0 }, 0, 0 };
    struct cc_err err = { 0, "" };
    int rc;
    sbuf_init(&g.out);
    rc = list_parse(f, data, len, "t", collect, &g, about, &err);
    if (rc != 0)
        fail_msg("refused: %s", err.msg);
    assert_string_equal(g.out.buf, want);
    sbuf_release(&g.out);
}

#define EXPECT(f, lit, want) expect_len((f), (lit), sizeof(lit) - 1, (want), NULL)

static void expect_file(enum list_format f, const char *name, const char *want,
                        struct list_about *about)
{
    size_t len;
    char *text = fixture(name, &len);
    enum list_format d;
    struct cc_err err = { 0, "" };
    if (list_detect(text, len, name, &d, &err) != 0)
        fail_msg("not detected: %s", err.msg);
    assert_int_equal(d, f);
    expect_len(f, text, len, want, about);
    free(text);
}

/* Parses a literal (which may hold NUL bytes) as f and expects the message. */
static void check_refuse(enum list_format f, const char *data, size_t len, const char *want)
{
    struct got g = { { 0 }, 0, 0 };
    struct cc_err err = { 0, "" };
    struct list_about about;
    char *copy = xmalloc(len ? len : 1);   /* exact size: ASan sees reads past the end */
    int rc;
    memcpy(copy, data, len);
    sbuf_init(&g.out);
    rc = list_parse(f, copy, len, "t", collect, &g, &about, &err);
    free(copy);
    sbuf_release(&g.out);
    if (rc == 0)
        fail_msg("accepted, expected \"%s\"", want);
    assert_int_equal(rc, -1);
    assert_null(about.version);
    assert_null(about.title);
    assert_string_equal(err.msg, want);
}

#define REFUSE(f, lit, want) check_refuse((f), (lit), sizeof(lit) - 1, (want))

/* The message of list_detect for a literal. */
static void check_detect(const char *data, size_t len, int want_format, const char *want_msg)
{
    struct cc_err err = { 0, "" };
    enum list_format f;
    int rc = list_detect(data, len, "t", &f, &err);
    if (want_format >= 0) {
        if (rc != 0)
            fail_msg("not detected: %s", err.msg);
        assert_int_equal(f, want_format);
    } else {
        assert_int_equal(rc, -1);
        assert_string_equal(err.msg, want_msg);
    }
}

#define DETECT(lit, f) check_detect((lit), sizeof(lit) - 1, (f), NULL)
#define DETECT_FAIL(lit, msg) check_detect((lit), sizeof(lit) - 1, -1, (msg))

/* ---- names -------------------------------------------------------------- */

static void test_format_names(void **state)
{
    (void)state;
    for (int f = 0; f < LF_COUNT; f++)
        assert_int_equal(list_format_parse(list_format_name((enum list_format)f)), f);
    assert_string_equal(list_format_name(LF_CSL_JSON), "csl-json");
    assert_string_equal(list_format_name(LF_OPENSANCTIONS), "opensanctions");
    assert_int_equal(list_format_parse("CSV"), -1);
    assert_int_equal(list_format_parse(""), -1);
    assert_int_equal(list_format_parse(NULL), -1);
    list_about_release(NULL);
}

/* ---- the fixtures ----------------------------------------------------- */

#define EL "Entity List (EL) - Bureau of Industry and Security"

static void test_csl_json(void **state)
{
    struct list_about about;
    (void)state;
    expect_file(LF_CSL_JSON, "csl.json",
                "fixture-csl-1 | Harbin Institute of Technology | HIT/哈尔滨工业大学 | " EL
                " | Fixture remark (placeholder). | https://example.org/csl/info/1 | 3\n"
                "fixture-csl-2 | Beihang University | Beijing University of Aeronautics and "
                "Astronautics/北京航空航天大学 | " EL " | - | https://example.org/csl/info/2 | 15\n"
                "line 23 | Northwestern Polytechnical University |  | " EL " | - | - | 23\n",
                &about);
    assert_null(about.version);
    assert_null(about.title);
}

static void test_csl_csv(void **state)
{
    (void)state;
    /* a byte order mark, CRLF, a quoted CRLF, doubled quotes, "; " between aliases */
    expect_file(LF_CSL_CSV, "csl.csv",
                "fixture-csv-1 | National University of Defense Technology | NUDT/国防科技大学 | " EL
                " | Fixture remark, with a comma | https://example.org/csl/info/nudt | 2\n"
                "fixture-csv-2 | Harbin Engineering University | HEU/\"Harbin Engineering\"/"
                "哈尔滨工程大学 | " EL " | Fixture remark on two lines | "
                "https://example.org/csl/info/heu | 3\n"
                "fixture-csv-3 | Sichuan University |  | " EL " | - | - | 5\n",
                NULL);
}

static void test_opensanctions(void **state)
{
    (void)state;
    expect_file(LF_OPENSANCTIONS, "opensanctions.csv",
                "fixture-os-1 | Harbin Institute of Technology | HIT/哈尔滨工业大学 | "
                "Organization; Fixture dataset A (placeholder) | - | - | 2\n"
                "fixture-os-2 | Beihang University | Beijing University of Aeronautics and "
                "Astronautics/北京航空航天大学 | Organization; Fixture dataset A (placeholder);"
                "Fixture dataset B (placeholder) | - | - | 3\n"
                "fixture-os-3 | Northwestern Polytechnical University |  | Company | - | - | 4\n",
                NULL);
}

static void test_watch_csv(void **state)
{
    (void)state;
    /* headings in any case; an empty line skipped; spaces trimmed; a tab
     * and a line break in a quoted field become spaces */
    expect_file(LF_CSV, "watch.csv",
                "row 2 | Harbin Engineering University | HEU/哈尔滨工程大学 | Entity List | "
                "Fixture note (placeholder) | https://example.org/watch/heu | 2\n"
                "row 3 | Sichuan University |  | - | - | - | 3\n"
                "row 5 | National University of Defense Technology | NUDT/国防科技大学 | - | "
                "A note with a tab and a line break | - | 5\n",
                NULL);
}

static void test_misp(void **state)
{
    struct list_about about;
    (void)state;
    /* "Latin (中文)" split, the repeated alias left out, categories joined,
     * refs[0]; full-width parentheses; a parenthesis without CJK kept */
    expect_file(LF_MISP, "misp-small.json",
                "fixture-misp-1 | Harbin Institute of Technology | 哈尔滨工业大学/HIT | "
                "Fixture category A, Fixture category B | - | https://example.org/misp/hit | 10\n"
                "fixture-misp-2 | Northwestern Polytechnical University | 西北工业大学 | - | - | "
                "- | 20\n"
                "fixture-misp-3 | Sichuan University (SCU) |  | - | - | - | 28\n",
                &about);
    assert_string_equal(about.version, "3");
    assert_string_equal(about.title, "Fixture universities");
    list_about_release(&about);
    assert_null(about.version);
}

/* ---- small valid inputs -------------------------------------------------- */

static void test_csv_variants(void **state)
{
    (void)state;
    /* no final line break; CRLF; a lone CR inside a field becomes a space */
    EXPECT(LF_CSV, "name\r\nA\r\nB", "row 2 | A |  | - | - | - | 2\nrow 3 | B |  | - | - | - | 3\n");
    EXPECT(LF_CSV, "name,note\n\"A\",\"x\ry\"\n", "row 2 | A |  | - | x y | - | 2\n");
    /* a quoted line break in the name; empty lines before and after */
    EXPECT(LF_CSV, "\n\nname\n\"Harbin\nEngineering University\"\n\n\nB\n",
           "row 4 | Harbin Engineering University |  | - | - | - | 4\n"
           "row 8 | B |  | - | - | - | 8\n");
    /* fewer fields than the header: the others are empty; a trailing empty heading */
    EXPECT(LF_CSV, "name,note,url,\nA\n", "row 2 | A |  | - | - | - | 2\n");
    /* aliases: empty ones, repeats and the name itself left out */
    EXPECT(LF_CSV, "name,aliases\nA,\" ; B;A; B ;C;;\"\n", "row 2 | A | B/C | - | - | - | 2\n");
    /* a byte order mark before the header */
    EXPECT(LF_CSV, "\xef\xbb\xbfname\nA\n", "row 2 | A |  | - | - | - | 2\n");
    /* csl-csv: "id" when there is no "_id"; no id column: "row N" */
    EXPECT(LF_CSL_CSV, "id,name,source,alt_names\nx1,A,S,\n", "x1 | A |  | S | - | - | 2\n");
    EXPECT(LF_CSL_CSV, "name,source,alt_names\nA,S,\n", "row 2 | A |  | S | - | - | 2\n");
    EXPECT(LF_CSL_CSV, "id,_id,name,source,alt_names\nx1,y1,A,S,\n", "y1 | A |  | S | - | - | 2\n");
    /* opensanctions without a dataset */
    EXPECT(LF_OPENSANCTIONS, "id,name,dataset\nx,A,\n", "x | A |  | - | - | - | 2\n");
}

static void test_json_variants(void **state)
{
    struct list_about about;
    const char *text;
    (void)state;
    /* a BOM; tab and line break escapes become spaces; a number id */
    EXPECT(LF_CSL_JSON, "\xef\xbb\xbf{\"results\": [{\"name\": \"A\\tB\\nC\", \"id\": 12}]}",
           "12 | A B C |  | - | - | - | 1\n");
    /* MISP: the first non-empty ref; an entry without meta; fraction version */
    text = "{\"version\": 2.5, \"values\": [{\"value\": \"A\", \"meta\": "
           "{\"refs\": [\" \", \"https://example.org/a\"]}}]}";
    expect_len(LF_MISP, text, strlen(text),
               "line 1 | A |  | - | - | https://example.org/a | 1\n", &about);
    assert_string_equal(about.version, "2.5");
    assert_null(about.title);
    list_about_release(&about);
    /* a CJK-only value keeps its parentheses; "(" without CJK too */
    EXPECT(LF_MISP, "{\"values\": [{\"value\": \"(中文)\"}, {\"value\": \"A (b)\"}]}",
           "line 1 | (中文) |  | - | - | - | 1\nline 1 | A (b) |  | - | - | - | 1\n");
    /* CSL: the version from "last_updated" */
    text = "{\"last_updated\": \"fixture-version\", \"results\": [{\"name\": \"A\"}]}";
    expect_len(LF_CSL_JSON, text, strlen(text), "line 1 | A |  | - | - | - | 1\n", &about);
    assert_string_equal(about.version, "fixture-version");
    list_about_release(&about);
}

static void test_callback_stops(void **state)
{
    size_t len;
    char *text = fixture("watch.csv", &len), *json = fixture("csl.json", &len);
    struct got g = { { 0 }, 0, 2 };
    struct cc_err err = { 0, "untouched" };
    struct list_about about;
    (void)state;
    sbuf_init(&g.out);
    assert_int_equal(list_parse(LF_CSV, text, strlen(text), "w", collect, &g, NULL, &err), 7);
    assert_int_equal(g.n, 2);
    assert_string_equal(err.msg, "untouched");
    g.n = 0;
    g.stop_after = 1;
    assert_int_equal(list_parse(LF_CSL_JSON, json, strlen(json), "c", collect, &g, &about, &err),
                     7);
    assert_int_equal(g.n, 1);
    assert_null(about.version);
    assert_string_equal(err.msg, "untouched");
    sbuf_release(&g.out);
    free(text);
    free(json);
}

/* ---- detection ------------------------------------------------------------ */

static void test_detect(void **state)
{
    (void)state;
    DETECT("{\"results\": []}", LF_CSL_JSON);
    DETECT(" \n{\"name\": \"x\", \"meta\": {\"values\": 1}, \"values\": [1]}", LF_MISP);
    DETECT("{\"a\": [1, {\"b\": \"}\\\"]\"}], \"results\": [ ]}", LF_CSL_JSON);
    DETECT("\xef\xbb\xbf{\"values\": []}", LF_MISP);
    DETECT("id,schema,name,aliases,dataset\n", LF_OPENSANCTIONS);
    DETECT("_id,source,name,alt_names\n", LF_CSL_CSV);
    DETECT("Name,URL\n", LF_CSV);
    DETECT("\"name\"\r\n", LF_CSV);
    DETECT_FAIL("", "t:1:1: the file is empty; a list is a file in one of the formats csl-json, "
                "csl-csv, misp, opensanctions, csv");
    DETECT_FAIL(" \n ", "t:1:1: the file is empty; a list is a file in one of the formats "
                "csl-json, csl-csv, misp, opensanctions, csv");
    DETECT_FAIL("{\"results\": 1, \"value\": []}",
                "t:1:1: a JSON file without a \"results\" array (csl-json) or a \"values\" array "
                "(misp); a list is a file in one of the formats csl-json, csl-csv, misp, "
                "opensanctions, csv");
    DETECT_FAIL("{\"results\" [", "t:1:12: expected ':' after the member name \"results\", found '['");
    DETECT_FAIL("name,colour\n",
                "t:1:6: the column \"colour\" is not one of a watch list's (name, aliases, "
                "category, note, url), and the header row fits no other format (csl-csv needs "
                "source and alt_names, opensanctions id, schema and dataset); rename or remove it");
    DETECT_FAIL("title,url\n",
                "t:1:1: no known list format: a JSON list is csl-json or misp; a CSV list starts "
                "with a header row, for csl-csv with source and alt_names, for opensanctions "
                "with id, schema and dataset, for a watch list (csv) with name and optionally "
                "aliases, category, note, url");
    DETECT_FAIL("na\xffme\n", "t:1:3: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
}

/* ---- refusals: CSV -------------------------------------------------------- */

static void test_csv_refusals(void **state)
{
    (void)state;
    REFUSE(LF_CSV, "name\nA\n\"abc\n", "t:3:1: the quoted field has no closing quote; end it "
           "with \" (and write a quote inside it as \"\")");
    REFUSE(LF_CSV, "name,note\nA,b,c\n", "t:2:5: this row has 3 fields, the header row 2; put a "
           "field that holds a comma in quotes");
    REFUSE(LF_CSV, "name,Colour\nA,b\n", "t:1:6: unknown column \"Colour\"; a watch list's "
           "columns are name, aliases, category, note, url");
    REFUSE(LF_CSV, "name,NAME\n", "t:1:6: the column \"NAME\" appears twice; remove one");
    REFUSE(LF_CSV, "note\nx\n", "t:1:1: the header row has no \"name\" column; a csv list needs "
           "one");
    REFUSE(LF_OPENSANCTIONS, "name,schema\nx,y\n", "t:1:1: the header row has no \"id\" column; "
           "an opensanctions list needs one");
    REFUSE(LF_CSV, "name,note\n  ,x\n", "t:2:1: the name is empty; every entry needs one: add "
           "it or remove the row");
    REFUSE(LF_CSV, "note,name\nx\n", "t:2:1: the name is empty; every entry needs one: add it "
           "or remove the row");
    REFUSE(LF_OPENSANCTIONS, "id,name\n,A\n", "t:2:1: the id is empty, but every OpenSanctions "
           "entry has one; get the list again from OpenSanctions");
    REFUSE(LF_CSV, "name\n", "t:2:1: the list has no entry: there is no row after the header "
           "row; add a row per entry");
    REFUSE(LF_CSV, "", "t:1:1: the file is empty; a list has a header row naming its columns, "
           "then a row per entry");
    REFUSE(LF_CSV, "name\n\"A\"B\n", "t:2:4: text after the closing quote of a field; put the "
           "whole field in quotes and write a quote inside it as \"\"");
    REFUSE(LF_CSV, "name\nA \"B\"\n", "t:2:3: a quote inside a field that does not start with "
           "one; put the whole field in quotes and write the quote as \"\"");
}

static void test_csv_hostile(void **state)
{
    (void)state;
    REFUSE(LF_CSV, "name\nHarbin\x1b[2J\n", "t:2:7: a field contains the control character "
           "U+001B; remove it from the file or get the list again from its publisher");
    REFUSE(LF_CSV, "name,aliases\nA,\"x\n\x07\"\n", "t:3:1: a field contains the control "
           "character U+0007; remove it from the file or get the list again from its publisher");
    REFUSE(LF_CSV, "name\nab\xe2\x80\xae" "cd\n", "t:2:3: a field contains the control "
           "character U+202E; remove it from the file or get the list again from its publisher");
    REFUSE(LF_CSV, "name\n\xe2\x81\xa6x\n", "t:2:1: a field contains the control character "
           "U+2066; remove it from the file or get the list again from its publisher");
    REFUSE(LF_CSV, "name\n\xc2\x9b" "x\n", "t:2:1: a field contains the control character "
           "U+009B; remove it from the file or get the list again from its publisher");
    REFUSE(LF_CSV, "name\nä\xff\n", "t:2:2: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
    REFUSE(LF_CSV, "name\n\xc0\xaf\n", "t:2:1: invalid UTF-8 (byte 0xC0); save the file as UTF-8");
    REFUSE(LF_CSV, "name\n\xed\xa0\x80\n", "t:2:1: invalid UTF-8 (byte 0xED); save the file as "
           "UTF-8");
    REFUSE(LF_CSV, "name\nab\xe4\xb8", "t:2:3: invalid UTF-8 (byte 0xE4); save the file as UTF-8");
    REFUSE(LF_CSV, "name\nA\0B\n", "t:2:2: a NUL byte; a list file is text: save it as UTF-8 "
           "text");
    /* a control character in a column no format uses is not handed over */
    EXPECT(LF_CSL_CSV, "name,source,alt_names,type\nA,S,,\x1b\n", "row 2 | A |  | S | - | - | 2\n");
}

/* A CSV watch list with one row: the name, then an aliases field. */
static char *one_row(size_t name_len, size_t naliases)
{
    struct sbuf sb;
    sbuf_init(&sb);
    sbuf_adds(&sb, "name,aliases\n");
    for (size_t i = 0; i < name_len; i++)
        sbuf_addc(&sb, 'n');
    sbuf_addc(&sb, ',');
    for (size_t i = 0; i < naliases; i++)
        sbuf_addf(&sb, "%sa%zu", i ? ";" : "", i);
    sbuf_addc(&sb, '\n');
    return sbuf_detach(&sb, NULL);
}

static void test_limits(void **state)
{
    char *s;
    struct sbuf big;
    (void)state;
    s = one_row(1000, 1000);   /* at the limits */
    {
        struct got g = { { 0 }, 0, 0 };
        struct cc_err err = { 0, "" };
        sbuf_init(&g.out);
        if (list_parse(LF_CSV, s, strlen(s), "t", collect, &g, NULL, &err) != 0)
            fail_msg("refused: %s", err.msg);
        assert_int_equal(g.n, 1);
        assert_true(strstr(g.out.buf, "/a999 | ") != NULL);
        sbuf_release(&g.out);
    }
    free(s);
    s = one_row(1001, 0);
    check_refuse(LF_CSV, s, strlen(s), "t:2:1: the name is longer than 1000 bytes; shorten it");
    free(s);
    s = one_row(3, 1001);
    check_refuse(LF_CSV, s, strlen(s), "t:2:5: the entry has more than 1000 aliases; split it or "
                 "shorten the list of aliases");
    free(s);
    /* a field over 1 MiB, quoted or not */
    sbuf_init(&big);
    sbuf_adds(&big, "name,note\nA,\"");
    for (size_t i = 0; i < 1024 * 1024 + 1; i++)
        sbuf_addc(&big, 'x');
    check_refuse(LF_CSV, big.buf, big.len, "t:2:3: a field longer than 1048576 bytes; this is "
                 "not a list file");
    check_refuse(LF_CSV, big.buf, big.len - 1, "t:2:3: the quoted field has no closing quote; "
                 "end it with \" (and write a quote inside it as \"\")");
    sbuf_reset(&big);
    sbuf_adds(&big, "name\n");
    for (size_t i = 0; i < 1025; i++)
        sbuf_adds(&big, "a,");
    check_refuse(LF_CSV, big.buf, big.len, "t:2:2049: more than 1024 fields in one row; this is "
                 "not a list file");
    sbuf_release(&big);
}

/* ---- refusals: JSON ------------------------------------------------------- */

static void test_json_refusals(void **state)
{
    (void)state;
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": 5}]}", "t:1:23: \"name\" must be a string; "
           "check that the file is the list as published");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"id\": \"a\"}]}", "t:1:14: the entry has no \"name\"; "
           "every entry needs a name: add it or remove the entry");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": null}]}", "t:1:14: the entry has no "
           "\"name\"; every entry needs a name: add it or remove the entry");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \" \"}]}", "t:1:23: the name is empty; "
           "every entry needs one: add it or remove the entry");
    REFUSE(LF_CSL_JSON, "{\"results\": [\"A\"]}", "t:1:14: each item of \"results\" must be an "
           "object; check that the file is the list as published");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\", \"alt_names\": \"B\"}]}", "t:1:41: "
           "\"alt_names\" must be an array of strings; check that the file is the list as "
           "published");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\", \"alt_names\": [\"B\", 2]}]}", "t:1:47: "
           "each item of \"alt_names\" must be a string; check that the file is the list as "
           "published");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\", \"remarks\": {}}]}", "t:1:39: "
           "\"remarks\" must be a string; check that the file is the list as published");
    REFUSE(LF_CSL_JSON, "{\"results\": []}", "t:1:13: \"results\" is empty: the list has no "
           "entry; get the whole list");
    REFUSE(LF_CSL_JSON, "{\"values\": []}", "t:1:1: the file has no \"results\" array, so it is "
           "not a csl-json list; name the right format or let it be detected");
    REFUSE(LF_MISP, "{\"values\": {}}", "t:1:12: the file has no \"values\" array, so it is not "
           "a misp list; name the right format or let it be detected");
    REFUSE(LF_MISP, "[]", "t:1:1: the file has no \"values\" array, so it is not a misp list; "
           "name the right format or let it be detected");
    REFUSE(LF_MISP, "{\"values\": [{\"value\": \"A\", \"meta\": []}]}", "t:1:36: \"meta\" must "
           "be an object; check that the file is the list as published");
    REFUSE(LF_MISP, "{\"version\": true, \"values\": [{\"value\": \"A\"}]}", "t:1:13: "
           "\"version\" must be a string or a number; check that the file is the list as "
           "published");
    REFUSE(LF_MISP, "{\"values\": [{\"value\": \"A\", \"uuid\": 1, \"meta\": {\"refs\": [1]}}]}",
           "t:1:57: each item of \"refs\" must be a string; check that the file is the list as "
           "published");
}

static void test_json_hostile(void **state)
{
    (void)state;
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\\u001b[31mB\"}]}", "t:1:23: the name "
           "contains the control character U+001B; remove it from the file or get the list "
           "again from its publisher");
    REFUSE(LF_MISP, "{\"values\": [{\"value\": \"A\", \"meta\": {\"aliases\": [\"\\u202eB\"]}}]}",
           "t:1:49: an alias contains the control character U+202E; remove it from the file or "
           "get the list again from its publisher");
    REFUSE(LF_MISP, "{\"name\": \"T\\u0007\", \"values\": [{\"value\": \"A\"}]}", "t:1:10: the "
           "note contains the control character U+0007; remove it from the file or get the "
           "list again from its publisher");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\\u0000B\"}]}",
           "t:1:25: \\u0000 (the NUL character) is not allowed in a string");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\xff\"}]}", "t:1:25: invalid UTF-8 "
           "byte 0xff");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\", \"name\": \"B\"}]}", "t:1:28: "
           "duplicate key \"name\" (first at 1:15)");
    REFUSE(LF_CSL_JSON, "{\"results\": [{\"name\": \"A\", \"x\": [[[{}]]]}]}", "t:1:36: more "
           "than 6 levels of nesting, which a csl-json list never needs; check that the file is "
           "the list as published");
}

static void test_json_deep_and_long(void **state)
{
    struct sbuf sb;
    (void)state;
    /* nesting over jsondoc's own limit: its message, with a position */
    sbuf_init(&sb);
    sbuf_adds(&sb, "{\"results\": ");
    for (int i = 0; i < 100000; i++)
        sbuf_addc(&sb, '[');
    check_refuse(LF_CSL_JSON, sb.buf, sb.len, "t:1:76: nesting deeper than 64 levels of arrays and "
                 "objects");
    sbuf_reset(&sb);
    sbuf_adds(&sb, "{\"results\": [{\"name\": \"");
    for (int i = 0; i < 1001; i++)
        sbuf_adds(&sb, "é");
    sbuf_adds(&sb, "\"}]}");
    check_refuse(LF_CSL_JSON, sb.buf, sb.len, "t:1:23: the name is longer than 1000 bytes; "
                 "shorten it");
    sbuf_reset(&sb);
    sbuf_adds(&sb, "{\"results\": [{\"name\": \"A\", \"remarks\": \"");
    for (int i = 0; i < 65537; i++)
        sbuf_addc(&sb, 'r');
    sbuf_adds(&sb, "\"}]}");
    check_refuse(LF_CSL_JSON, sb.buf, sb.len, "t:1:39: the note is longer than 65536 bytes; "
                 "shorten it");
    sbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_csl_json),
        cmocka_unit_test(test_csl_csv),
        cmocka_unit_test(test_opensanctions),
        cmocka_unit_test(test_watch_csv),
        cmocka_unit_test(test_misp),
        cmocka_unit_test(test_csv_variants),
        cmocka_unit_test(test_json_variants),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_csv_refusals),
        cmocka_unit_test(test_csv_hostile),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_json_refusals),
        cmocka_unit_test(test_json_hostile),
        cmocka_unit_test(test_json_deep_and_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
