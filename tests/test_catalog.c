/* Tests of the catalogue loader and validator, and of the bundled BMBF
 * catalogue's content. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "testutil.h"

/* A minimal valid catalogue; each line is one line of the file so that the
 * tests can name exact line:column positions. */
static const char *const mini_lines[] = {
    /* 1 */ "{",
    /* 2 */ "  \"format\": 1, \"id\": \"mini\", \"version\": \"1\",",
    /* 3 */ "  \"title\": {\"de\": \"Titel\", \"en\": \"Title\"},",
    /* 4 */ "  \"languages\": [\"de\", \"en\"],",
    /* 5 */ "  \"resources\": [{\"id\": \"r1\", \"title\": {\"de\": \"R\", \"en\": \"R\"}, \"url\": null}],",
    /* 6 */ "  \"sections\": [{\"id\": \"s1\", \"title\": {\"de\": \"S\", \"en\": \"S\"}, \"questions\": [",
    /* 7 */ "    {\"id\": \"q01\", \"number\": 1, \"title\": {\"de\": \"a\", \"en\": \"a\"},",
    /* 8 */ "     \"text\": {\"de\": \"Frage?\", \"en\": \"Question?\"},",
    /* 9 */ "     \"fields\": [{\"id\": \"answer\", \"type\": \"text\", \"label\": {\"de\": \"A\", \"en\": \"A\"}}],",
    /* 10 */ "     \"help\": {\"de\": {\"asks\": [\"x\"], \"why\": [\"x\"], \"check\": [\"x\"], \"who\": [\"x\"]},",
    /* 11 */ "              \"en\": {\"asks\": [\"x\"], \"why\": [\"x\"], \"check\": [\"x\"], \"who\": [\"x\"]}},",
    /* 12 */ "     \"references\": [\"r1\"], \"related\": []},",
    /* 13 */ "    {\"id\": \"q02\", \"number\": 2, \"title\": {\"de\": \"b\", \"en\": \"b\"},",
    /* 14 */ "     \"text\": {\"de\": \"Sind Sie informiert?\", \"en\": \"Are you informed?\"},",
    /* 15 */ "     \"fields\": [{\"id\": \"informed\", \"type\": \"yesno\", \"label\": {\"de\": \"I\", \"en\": \"I\"}},",
    /* 16 */ "                {\"id\": \"evidence\", \"type\": \"text\", \"label\": {\"de\": \"E\", \"en\": \"E\"}}],",
    /* 17 */ "     \"help\": {\"de\": {\"asks\": [\"x\"], \"why\": [\"x\"], \"check\": [\"x\"], \"who\": [\"x\"]},",
    /* 18 */ "              \"en\": {\"asks\": [\"x\"], \"why\": [\"x\"], \"check\": [\"x\"], \"who\": [\"x\"]}},",
    /* 19 */ "     \"related\": [\"q01\"]}",
    /* 20 */ "  ]}]",
    /* 21 */ "}",
};

static char *mini(void)
{
    size_t n = 0;
    char *s;
    for (size_t i = 0; i < sizeof(mini_lines) / sizeof(*mini_lines); i++)
        n += strlen(mini_lines[i]) + 1;
    s = calloc(1, n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < sizeof(mini_lines) / sizeof(*mini_lines); i++) {
        strcat(s, mini_lines[i]);
        strcat(s, "\n");
    }
    return s;
}

/* mini() with the first occurrence of from replaced by to. */
static char *mini_with(const char *from, const char *to)
{
    char *s = mini(), *p = strstr(s, from), *out;
    assert_non_null(p);
    out = calloc(1, strlen(s) + strlen(to) + 1);
    assert_non_null(out);
    memcpy(out, s, (size_t)(p - s));
    strcat(out, to);
    strcat(out, p + strlen(from));
    free(s);
    return out;
}

/* Parses text and expects failure with a message containing want. */
static void expect_error(char *text, const char *want)
{
    struct catalog *cat = NULL;
    struct cc_err err;
    struct strlist diags = { 0 };
    int rc = catalog_parse(text, strlen(text), "mini.json", &cat, &diags, &err);
    if (rc == 0 || !strstr(err.msg, want))
        fail_msg("expected an error containing \"%s\", got rc %d: \"%s\"", want, rc, rc ? err.msg : "");
    assert_null(cat);
    assert_true(diags.n >= 1);
    strlist_release(&diags);
    free(text);
}

static void test_mini_valid(void **state)
{
    char *text = mini();
    struct catalog *cat = NULL;
    struct cc_err err;
    (void)state;
    if (catalog_parse(text, strlen(text), "mini.json", &cat, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    assert_string_equal(cat->id, "mini");
    assert_int_equal(cat->nquestions, 2);
    assert_int_equal(cat->nsections, 1);
    assert_int_equal(cat->questions[1].nfields, 2);
    assert_int_equal(cat->questions[1].fields[0].type, FIELD_YESNO);
    assert_string_equal(l10n_get(&cat->questions[1].text, LANG_EN), "Are you informed?");
    assert_string_equal(l10n_get(&cat->questions[1].text, LANG_DE), "Sind Sie informiert?");
    assert_ptr_equal(catalog_question(cat, "2"), &cat->questions[1]);
    assert_ptr_equal(catalog_question(cat, "02"), &cat->questions[1]);
    assert_ptr_equal(catalog_question(cat, "q02"), &cat->questions[1]);
    assert_null(catalog_question(cat, "3"));
    assert_null(catalog_question(cat, "q2x"));
    assert_null(catalog_question(cat, "-1"));
    catalog_free(cat);
    free(text);
}

static void test_unknown_key(void **state)
{
    (void)state;
    /* line 8, column 6 is where "text" starts */
    expect_error(mini_with("\"text\": {", "\"txt\": {"), "mini.json:8:6: unknown key \"txt\"");
    expect_error(mini_with("\"format\": 1,", "\"format\": 1, \"extra\": true,"),
                 "mini.json:2:16: unknown key \"extra\" in the catalogue");
}

static void test_missing_translation(void **state)
{
    (void)state;
    expect_error(mini_with("\"text\": {\"de\": \"Frage?\", \"en\": \"Question?\"}",
                           "\"text\": {\"de\": \"Frage?\"}"),
                 "mini.json:8:6: the text of q01 lacks the \"en\" translation");
    expect_error(mini_with("\"en\": \"Title\"", "\"fr\": \"Title\""),
                 "mini.json:3:28: \"fr\" in the catalogue title is not one of the catalogue's languages");
}

static void test_duplicate_ids(void **state)
{
    (void)state;
    expect_error(mini_with("{\"id\": \"q02\"", "{\"id\": \"q01\""), "duplicate question id \"q01\"");
    expect_error(mini_with("\"number\": 2", "\"number\": 1"), "have the same number 1");
    /* an id of digits would be ambiguous with question numbers ("set ID 2 ...") */
    expect_error(mini_with("{\"id\": \"q02\"", "{\"id\": \"2\""),
                 "mini.json:13:6: question id \"2\" is only digits");
    expect_error(mini_with("{\"id\": \"evidence\"", "{\"id\": \"informed\""),
                 "mini.json:16:18: duplicate field id \"informed\" in q02");
}

static void test_duplicate_and_case_keys(void **state)
{
    (void)state;
    expect_error(mini_with("\"version\": \"1\",", "\"version\": \"1\", \"version\": \"2\","),
                 "mini.json:2:46: duplicate key \"version\" (first at 2:30)");
    expect_error(mini_with("\"version\": \"1\",", "\"version\": \"1\", \"Version\": \"2\","),
                 "mini.json:2:46: key \"Version\" differs only in letter case from key \"version\" (at 2:30)");
}

static void test_wrong_types(void **state)
{
    (void)state;
    expect_error(mini_with("\"number\": 1", "\"number\": \"1\""),
                 "mini.json:7:19: \"number\" in a question must be a number");
    expect_error(mini_with("\"type\": \"text\"", "\"type\": \"essay\""),
                 "mini.json:9:34: field type \"essay\" is unknown: use \"yesno\" or \"text\"");
    expect_error(mini_with("\"languages\": [\"de\", \"en\"]", "\"languages\": \"de\""),
                 "mini.json:4:3: \"languages\" in the catalogue must be an array");
    expect_error(mini_with("\"format\": 1", "\"format\": 7"),
                 "newer than this coopcheck understands");
}

static void test_links_and_rules(void **state)
{
    (void)state;
    expect_error(mini_with("\"references\": [\"r1\"]", "\"references\": [\"r9\"]"),
                 "mini.json:12:21: q01 names the resource \"r9\"");
    expect_error(mini_with("\"related\": [\"q01\"]", "\"related\": [\"q07\"]"),
                 "mini.json:19:18: q02 names the related question \"q07\", which does not exist");
    expect_error(mini_with("{\"id\": \"evidence\", \"type\": \"text\"", "{\"id\": \"evidence\", \"type\": \"yesno\""),
                 "q02 has no text field");
    expect_error(mini_with("\"Frage?\"", "\"Fra\\u001bge?\""),
                 "mini.json:8:15: the \"de\" text of the text of q01 contains the control character U+001B");
    expect_error(mini_with("\"Frage?\"", "\"\""), "mini.json:8:15: the \"de\" text of the text of q01 is empty");
    /* the issue-11 keys: an added address needs an address; emphasis is words of the intro */
    expect_error(mini_with("\"url\": null}", "\"url\": null, \"url_added\": true}"),
                 "mini.json:5:76: resource \"r1\" says its address was added, but has none");
    expect_error(mini_with("\"languages\": [\"de\", \"en\"],",
                           "\"languages\": [\"de\", \"en\"], \"purpose\": {\"intro\": {\"de\": \"Ein Satz\", "
                           "\"en\": \"A sentence\"}, \"emphasis\": {\"de\": \"Satz\", \"en\": \"phrase\"}},"),
                 "the purpose's emphasis must be words of its intro, as they stand there");
    expect_error(mini_with("\"resources\": [", "\"resources_list\": [\"r7\"], \"resources\": ["),
                 "\"resources_list\" names the resource \"r7\", which the \"resources\" list lacks");
}

/* "when" on the evidence field of q02: "informed" must be an earlier yes/no
 * field; "is" one of yes/no/unsure or a list of them. */
#define Q02_EVIDENCE "{\"id\": \"evidence\", \"type\": \"text\", "

static void test_conditional_fields(void **state)
{
    struct catalog *cat = NULL;
    struct cc_err err;
    char *text;
    (void)state;
    text = mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"informed\", \"is\": [\"yes\", \"unsure\"]}, ");
    if (catalog_parse(text, strlen(text), "mini.json", &cat, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(cat->questions[1].fields[1].when_field, 0);
    assert_int_equal(cat->questions[1].fields[1].when_is, (1u << 1) | (1u << 3));
    assert_int_equal(cat->questions[1].fields[0].when_field, CAT_WHEN_ALWAYS);
    assert_int_equal(cat->questions[0].fields[0].when_field, CAT_WHEN_ALWAYS);
    catalog_free(cat);
    free(text);
    text = mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"informed\", \"is\": \"no\"}, ");
    if (catalog_parse(text, strlen(text), "mini.json", &cat, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(cat->questions[1].fields[1].when_is, 1u << 2);
    catalog_free(cat);
    free(text);

    expect_error(mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"nosuch\", \"is\": \"yes\"}, "),
                 "mini.json:16:61: the condition of field \"evidence\" of q02 names \"nosuch\", which is not a field before it");
    expect_error(mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"informed\", \"is\": \"maybe\"}, "),
                 "mini.json:16:82: \"is\" of the condition on \"informed\" takes \"yes\", \"no\" or \"unsure\"");
    expect_error(mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"informed\", \"is\": [\"yes\", \"yes\"]}, "),
                 "\"yes\" is named twice in the condition");
    expect_error(mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"informed\", \"is\": []}, "),
                 "lists no answer");
    expect_error(mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"informed\"}, "),
                 "mini.json:16:52: the condition of field \"evidence\" of q02 lacks the required key \"is\"");
    expect_error(mini_with(Q02_EVIDENCE, Q02_EVIDENCE "\"when\": {\"field\": \"informed\", \"is\": \"yes\", \"or\": 1}, "),
                 "unknown key \"or\"");
    /* a field may not depend on a text field, nor on itself or a later one */
    expect_error(mini_with("{\"id\": \"informed\", \"type\": \"yesno\", ",
                           "{\"id\": \"informed\", \"type\": \"yesno\", \"when\": {\"field\": \"evidence\", \"is\": \"yes\"}, "),
                 "names \"evidence\", which is not a field before it");
}

static void test_malformed(void **state)
{
    (void)state;
    expect_error(mini_with("\"format\": 1,", "\"format\": 1"), "mini.json:2:15: expected ',' or '}'");
    expect_error(mini_with("\"Titel\"", "\"Tit\xffl\""), "mini.json:3:23: invalid UTF-8 byte 0xff");
}

static void test_reports_all_problems(void **state)
{
    char *text;
    struct catalog *cat = NULL;
    struct cc_err err;
    struct strlist diags = { 0 };
    (void)state;
    text = mini();
    /* two independent problems: both are listed */
    {
        char *a = mini_with("\"number\": 1", "\"number\": \"x\"");
        char *p = strstr(a, "\"url\": null");
        assert_non_null(p);
        memcpy(p, "\"url\": 1234", 11);
        assert_int_equal(catalog_parse(a, strlen(a), "mini.json", &cat, &diags, &err), -1);
        assert_int_equal(diags.n, 2);
        assert_non_null(strstr(err.msg, "(and 1 more problem)"));
        free(a);
    }
    strlist_release(&diags);
    free(text);
}

/* ---- the bundled catalogue ---- */

static struct catalog *bmbf(void)
{
    char *path = tu_src_path("catalog/bmbf-china-2024.json");
    struct catalog *cat = NULL;
    struct cc_err err;
    if (catalog_load_file(path, &cat, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    free(path);
    return cat;
}

static void test_bmbf_structure(void **state)
{
    struct catalog *cat = bmbf();
    static const size_t per_section[] = { 7, 8, 2, 2 };
    (void)state;
    assert_string_equal(cat->id, "bmbf-china-2024");
    assert_int_equal(cat->nquestions, 19);
    assert_int_equal(cat->nsections, 4);
    for (size_t s = 0; s < 4; s++)
        assert_int_equal(cat->sections[s].count, per_section[s]);
    assert_string_equal(l10n_get(&cat->stand, LANG_DE), "Stand 11/2024; BMBF Ref. 214");
    assert_true(cat->nnote_paras >= 4);
    assert_int_equal(cat->npurpose_items, 5);
    assert_true(cat->nresources >= 10);
    for (size_t i = 0; i < cat->nquestions; i++) {
        const struct cat_question *q = &cat->questions[i];
        char id[24];
        size_t ntext = 0;
        snprintf(id, sizeof(id), "q%02zu", i + 1);
        assert_string_equal(q->id, id);
        assert_int_equal(q->number, (int)i + 1);
        for (size_t f = 0; f < q->nfields; f++)
            ntext += q->fields[f].type == FIELD_TEXT;
        assert_true(ntext >= 1);
        for (int l = 0; l < LANG_COUNT; l++) {
            size_t words = 0;
            const struct cat_help *h = &q->help[l];
            assert_non_null(q->text.s[l]);
            assert_non_null(q->title.s[l]);
            assert_true(h->asks.n >= 1 && h->why.n >= 1 && h->check.n >= 3 && h->who.n >= 1);
            /* "a few paragraphs, not one line": count words over all parts */
            for (size_t k = 0; k < h->why.n; k++)
                for (const char *p = h->why.v[k]; *p; p++)
                    words += *p == ' ';
            for (size_t k = 0; k < h->asks.n; k++)
                for (const char *p = h->asks.v[k]; *p; p++)
                    words += *p == ' ';
            assert_true(words >= 60);
        }
        assert_true(q->refs.n >= 1);
        assert_true(q->related.n >= 1);
    }
    catalog_free(cat);
}

/* Questions that ask "Sind Sie ...?", "Haben Sie ...?" etc. have a yes/no field. */
static void test_bmbf_yesno_fields(void **state)
{
    static const char *const openers[] = { "Sind Sie", "Haben Sie", "Verfügt", "Ist Ihnen",
                                           "Gibt es", "Bestehen" };
    struct catalog *cat = bmbf();
    (void)state;
    for (size_t i = 0; i < cat->nquestions; i++) {
        const struct cat_question *q = &cat->questions[i];
        const char *de = q->text.s[LANG_DE];
        int asks_yesno = 0, has_yesno = 0;
        for (size_t k = 0; k < sizeof(openers) / sizeof(*openers); k++) {
            const char *p = strstr(de, openers[k]);
            /* at the start of the text or of a sentence */
            if (p && (p == de || p[-2] == '?' || p[-2] == '.'))
                asks_yesno = 1;
        }
        for (size_t f = 0; f < q->nfields; f++)
            has_yesno |= q->fields[f].type == FIELD_YESNO;
        if (asks_yesno && !has_yesno)
            fail_msg("%s asks a yes/no question but has no yes/no field", q->id);
    }
    catalog_free(cat);
}

/* Every German question text is the official wording, verbatim from the source
 * document (shared/seeds beside the checkout, as in CI). */
static void test_bmbf_verbatim(void **state)
{
    char *path = tu_src_path("../shared/seeds/000_1ae6d7474b234d5c.txt");
    char *seed = tu_read(path, NULL);
    struct catalog *cat;
    (void)state;
    free(path);
    if (!seed) {
        skip();
        return;
    }
    cat = bmbf();
    for (size_t i = 0; i < cat->nquestions; i++) {
        char *line = xasprintf("\n%d. %s\n", cat->questions[i].number, cat->questions[i].text.s[LANG_DE]);
        if (!strstr(seed, line))
            fail_msg("the German text of %s is not verbatim from the source", cat->questions[i].id);
        free(line);
    }
    for (size_t s = 0; s < cat->nsections; s++)
        assert_non_null(strstr(seed, cat->sections[s].title.s[LANG_DE]));
    for (size_t p = 0; p < cat->nnote_paras; p++)
        assert_non_null(strstr(seed, cat->note_paras[p].s[LANG_DE]));
    catalog_free(cat);
    free(seed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mini_valid),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_missing_translation),
        cmocka_unit_test(test_duplicate_ids),
        cmocka_unit_test(test_duplicate_and_case_keys),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_links_and_rules),
        cmocka_unit_test(test_conditional_fields),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_reports_all_problems),
        cmocka_unit_test(test_bmbf_structure),
        cmocka_unit_test(test_bmbf_yesno_fields),
        cmocka_unit_test(test_bmbf_verbatim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
