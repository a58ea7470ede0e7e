/* Tests of names.c and names_match.c: normalisation, the rules, the kinds'
 * words, the index keys' guarantee, and the quality measured on the
 * labelled pairs bench/screening/pairs.tsv against tests/data/lists/aspi.json
 * (found through $COOPCHECK_SRCDIR; see tests/support/screenfx.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "names.h"
#include "screenfx.h"
#include "testutil.h"

/* The normalised form of s (which must be valid); caller frees. */
static char *norm_of(const char *s)
{
    struct name_form f;
    assert_int_equal(name_normalize(s, &f), 0);
    char *n = xstrdup(f.norm);
    name_form_release(&f);
    return n;
}

#define ASSERT_NORM(in, want)                 \
    do {                                      \
        char *n_ = norm_of(in);               \
        assert_string_equal(n_, (want));      \
        free(n_);                             \
    } while (0)

static int score(const char *a, const char *e, enum match_kind *k)
{
    struct name_form fa, fe;
    assert_int_equal(name_normalize(a, &fa), 0);
    assert_int_equal(name_normalize(e, &fe), 0);
    int s = name_score(&fa, &fe, k);
    name_form_release(&fa);
    name_form_release(&fe);
    return s;
}

static void test_normalize_unicode(void **state)
{
    (void)state;
    ASSERT_NORM("ＨＡＲＢＩＮ　Ｉｎｓｔｉｔｕｔｅ", "harbin institute"); /* NFKC */
    ASSERT_NORM("HARBIN Institute", "harbin institute");
    ASSERT_NORM("Zürich Genève", "zurich geneve");
    ASSERT_NORM("Straße", "strasse");
    ASSERT_NORM("Universität", "university");
    ASSERT_NORM("Xī'ān Jiāotōng", "xian jiaotong");
    ASSERT_NORM("Xi’an", "xian");
    ASSERT_NORM("Jiao-Tong", "jiao tong");
    ASSERT_NORM("Science & Technology; (Beijing)", "science technology beijing");
    ASSERT_NORM("  Harbin\tInstitute  ", "harbin institute");
    ASSERT_NORM("H.I.T.", "hit");
    ASSERT_NORM("Harbin Inst. of Tech.", "harbin institute of technology");
    ASSERT_NORM("Nanjing Univ. of Aeronaut.", "nanjing university of aeronaut.");
    ASSERT_NORM("哈尔滨 工业大学", "哈尔滨工业大学");
    ASSERT_NORM("中国地质大学（武汉）", "中国地质大学武汉");
    ASSERT_NORM("北京理工大学（BIT）", "北京理工大学");
    ASSERT_NORM("中国人民解放军国防科技大学", "国防科技大学");
}

static void test_normalize_legal_forms(void **state)
{
    (void)state;
    ASSERT_NORM("Siemens AG", "siemens");
    ASSERT_NORM("Airbus Defence and Space GmbH", "airbus defense and space");
    ASSERT_NORM("Fraunhofer-Gesellschaft e.V.", "fraunhofer gesellschaft");
    ASSERT_NORM("Sichuan Dingcheng Material Trade Co., Ltd.", "sichuan dingcheng material trade");
    ASSERT_NORM("Skyeye Laser Technology Limited", "skyeye laser technology");
    ASSERT_NORM("中国航空工业集团有限公司", "中国航空工业集团");
    ASSERT_NORM("中国航空工业集团公司", "中国航空工业集团");
    ASSERT_NORM("北京北航天华科技有限责任公司", "北京北航天华科技");
    ASSERT_NORM("GmbH", "");
    ASSERT_NORM("Nanjing University of Science and Technology (NJUST)",
                "nanjing university of science and technology");
}

static void test_weights(void **state)
{
    (void)state;
    struct name_form f;
    assert_int_equal(name_normalize("Chinese Academy of Engineering Physics", &f), 0);
    assert_int_equal(f.ntok, 5);
    assert_string_equal(f.tok[0].s, "chinese");
    assert_true(f.tok[0].weight > 0 && f.tok[0].weight < f.tok[1].weight); /* weak */
    assert_true(f.tok[1].weight < 1.0);                                   /* a kind */
    assert_true(f.tok[2].weight == 0.0);                                  /* "of" */
    assert_true(f.tok[3].weight == 1.0 && f.tok[4].weight == 1.0);
    assert_string_equal(f.acronym, "caep");
    assert_int_equal(f.cjk, 0);
    name_form_release(&f);
    assert_int_equal(name_normalize("HIT", &f), 0);
    assert_null(f.acronym);
    name_form_release(&f);
    /* the generic words count a little: these are two universities */
    assert_true(score("Beijing University of Technology", "Beijing Institute of Technology", NULL) <
                NAME_THRESHOLD_DEFAULT);
    assert_true(score("Tianjin University", "Tianjin University of Technology", NULL) <
                NAME_THRESHOLD_DEFAULT);
    assert_true(score("Tsinghua", "Tsinghua University", NULL) >= NAME_THRESHOLD_DEFAULT);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char *bad[] = {"ab\xffz", "x\xc3", "\xc0\xaf", "\xed\xa0\x80", "Harbin \xf8\x88\x80\x80\x80"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct name_form f;
        assert_int_equal(name_normalize(bad[i], &f), -1);
        assert_null(f.norm);
        assert_int_equal(f.ntok, 0);
        name_form_release(&f);
    }
}

static void test_kinds(void **state)
{
    (void)state;
    enum match_kind k;
    assert_int_equal(score("Harbin Inst. of Tech.", "Harbin Institute of Technology", &k), 100);
    assert_int_equal(k, MK_EXACT);
    assert_in_range(score("Shanghai Jiaotong University", "Shanghai Jiao Tong University", &k), 85, 99);
    assert_int_equal(k, MK_TOKENS);
    assert_in_range(score("Tsinghau University", "Tsinghua University", &k), 85, 99);
    assert_int_equal(k, MK_TOKENS);
    assert_in_range(score("UESTC", "University of Electronic Science and Technology of China", &k), 85, 99);
    assert_int_equal(k, MK_ACRONYM);
    assert_in_range(score("China Aerospace Science and Industry Corporation", "CASIC", &k), 85, 99);
    assert_int_equal(k, MK_ACRONYM);
    assert_in_range(score("School of Astronautics, Harbin Institute of Technology",
                          "Harbin Institute of Technology", &k), 85, 99);
    assert_int_equal(k, MK_CONTAINS);
    assert_int_equal(score("哈尔滨工业大学", "哈尔滨 工业大学", &k), 100);
    assert_int_equal(k, MK_CJK);
    assert_in_range(score("哈尔滨工业大学计算机科学与技术学院", "哈尔滨工业大学", &k), 85, 99);
    assert_int_equal(k, MK_CONTAINS);
    for (int i = 0; i < MK_COUNT; i++) {
        assert_int_equal(match_kind_parse(match_kind_name((enum match_kind)i)), i);
        assert_true(strlen(match_kind_text((enum match_kind)i)) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(match_kind_text((enum match_kind)i),
                                    match_kind_text((enum match_kind)j));
    }
    assert_int_equal(match_kind_parse("nonsense"), -1);
    assert_string_equal(match_kind_text(MK_CJK), "the same Chinese name");
}

static void test_rules_refuse(void **state)
{
    (void)state;
    /* three letters are too ambiguous to be taken for initials */
    assert_true(score("HIT", "Heilongjiang Institute of Technology", NULL) < NAME_THRESHOLD_DEFAULT);
    /* a longer name that begins like a listed one is not its part */
    assert_true(score("Nanjing University of Science and Technology", "Nanjing University", NULL) <
                NAME_THRESHOLD_DEFAULT);
    assert_true(score("School of Software, Nanjing University of Science and Technology",
                      "Nanjing University", NULL) < NAME_THRESHOLD_DEFAULT);
    /* one letter apart, but short place names: other universities */
    assert_true(score("Hunan University", "Henan University", NULL) < NAME_THRESHOLD_DEFAULT);
    /* CJK: a contained name must be the beginning and end in a kind */
    assert_int_equal(score("西安电子科技大学计算机学院", "电子科技大学", NULL), 0);
    assert_int_equal(score("中国电子科技集团公司", "中国电子", NULL), 0);
    assert_int_equal(score("中国地质大学(北京)", "中国地质大学", NULL), 0);
    /* CJK and Latin are not compared, nor names of legal forms only */
    assert_int_equal(score("哈尔滨工业大学", "Harbin Institute of Technology", NULL), 0);
    assert_int_equal(score("GmbH", "GmbH", NULL), 0);
}

/* ---- keys --------------------------------------------------------------- */

static int share_key(const struct strlist *a, const struct strlist *b)
{
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (strcmp(a->v[i], b->v[j]) == 0)
                return 1;
    return 0;
}

struct indexed {
    struct strlist *keys;   /* per name of every entry, in order */
    size_t n;
};

static void index_list(const struct sfx_list *l, struct indexed *ix)
{
    ix->n = 0;
    for (size_t e = 0; e < l->n; e++)
        ix->n += l->v[e].n;
    ix->keys = calloc(ix->n, sizeof(*ix->keys));
    assert_non_null(ix->keys);
    size_t k = 0;
    for (size_t e = 0; e < l->n; e++)
        for (size_t j = 0; j < l->v[e].n; j++)
            name_keys(&l->v[e].forms[j], 0, &ix->keys[k++]);
}

static void index_release(struct indexed *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        strlist_release(&ix->keys[i]);
    free(ix->keys);
}

/* alias against every name of the list: each one scoring 50 or more shares a
 * key with it; the number of such names. */
static size_t check_keys(const char *alias, const struct sfx_list *l, const struct indexed *ix)
{
    struct name_form a;
    if (name_normalize(alias, &a) != 0)
        return 0;
    struct strlist qk = {NULL, 0};
    name_keys(&a, 1, &qk);
    size_t k = 0, n = 0;
    for (size_t e = 0; e < l->n; e++)
        for (size_t j = 0; j < l->v[e].n; j++, k++) {
            int s = name_score(&a, &l->v[e].forms[j], NULL);
            if (s < 50)
                continue;
            n++;
            if (!share_key(&qk, &ix->keys[k]))
                fail_msg("\"%s\" scores %d against \"%s\" but shares no key", alias, s,
                         l->v[e].names[j]);
        }
    strlist_release(&qk);
    name_form_release(&a);
    return n;
}

struct fixture {
    struct sfx_list list;
    struct sfx_pairs pairs;
};

static int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char err[512];
    char *lp = tu_src_path("tests/data/lists/aspi.json");
    char *pp = tu_src_path("bench/screening/pairs.tsv");
    int rc = sfx_load_list(lp, &f->list, err, sizeof(err));
    if (rc == 0)
        rc = sfx_load_pairs(pp, &f->pairs, err, sizeof(err));
    free(lp);
    free(pp);
    if (rc != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    sfx_list_release(&f->list);
    sfx_pairs_release(&f->pairs);
    free(f);
    return 0;
}

static void test_keys_labelled(void **state)
{
    struct fixture *f = *state;
    struct indexed ix;
    index_list(&f->list, &ix);
    size_t hits = 0;
    for (size_t i = 0; i < f->pairs.n; i++)
        hits += check_keys(f->pairs.v[i].alias, &f->list, &ix);
    /* and every name of the list against the others */
    for (size_t e = 0; e < f->list.n; e++)
        for (size_t j = 0; j < f->list.v[e].n; j++)
            hits += check_keys(f->list.v[e].names[j], &f->list, &ix);
    assert_true(hits > f->pairs.n);
    index_release(&ix);
}

static uint32_t rnd_state = 12345;

static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

/* One random change of a Latin name: a letter dropped, doubled, replaced or
 * swapped with its neighbour, a space removed or added, a word dropped or
 * abbreviated with a full stop, a part's name put before it. */
static char *perturb(const char *s)
{
    size_t n = strlen(s);
    struct sbuf sb;
    sbuf_init(&sb);
    size_t i = n ? rnd((uint32_t)n) : 0;
    const char *sp = strchr(s + i, ' ');
    switch (rnd(8)) {
    case 0: sbuf_add(&sb, s, i); sbuf_adds(&sb, s + i + (i < n)); break;
    case 1: sbuf_add(&sb, s, i + (i < n)); sbuf_adds(&sb, s + i); break;
    case 2: sbuf_adds(&sb, s); if (i < n) sb.buf[i] = (char)('a' + rnd(26)); break;
    case 3:
        sbuf_adds(&sb, s);
        if (i + 1 < n) {
            char c = sb.buf[i];
            sb.buf[i] = sb.buf[i + 1];
            sb.buf[i + 1] = c;
        }
        break;
    case 4: /* remove a space: two words written as one */
        if (sp) {
            sbuf_add(&sb, s, (size_t)(sp - s));
            sbuf_adds(&sb, sp + 1);
        } else
            sbuf_adds(&sb, s);
        break;
    case 5: sbuf_add(&sb, s, i); sbuf_addc(&sb, ' '); sbuf_adds(&sb, s + i); break;
    case 6: /* a word cut to its first letters and a full stop */
        if (sp && (size_t)(sp - s) > i + 4) {
            sbuf_add(&sb, s, i + 4);
            sbuf_addc(&sb, '.');
            sbuf_adds(&sb, sp);
        } else
            sbuf_adds(&sb, s);
        break;
    default: sbuf_addf(&sb, "School of Physics, %s", s); break;
    }
    return sbuf_detach(&sb, NULL);
}

static void test_keys_perturbed(void **state)
{
    struct fixture *f = *state;
    struct indexed ix;
    index_list(&f->list, &ix);
    for (size_t e = 0; e < f->list.n; e++)
        for (size_t j = 0; j < f->list.v[e].n; j++) {
            if (f->list.v[e].forms[j].cjk)
                continue;
            for (int r = 0; r < 2; r++) {
                char *p = perturb(f->list.v[e].names[j]);
                check_keys(p, &f->list, &ix);
                free(p);
            }
        }
    index_release(&ix);
}

static void test_quality(void **state)
{
    struct fixture *f = *state;
    assert_true(f->pairs.n >= 300);
    int *scores = calloc(f->pairs.n, sizeof(*scores));
    assert_non_null(scores);
    char err[512];
    if (sfx_score_pairs(&f->list, &f->pairs, scores, NULL, err, sizeof(err)) != 0)
        fail_msg("%s", err);
    struct sfx_counts c;
    sfx_count(&f->pairs, scores, NAME_THRESHOLD_DEFAULT, &c);
    double r = sfx_recall(&c), p = sfx_precision(&c);
    print_message("recall %.3f, precision %.3f (tp %zu fp %zu fn %zu tn %zu)\n", r, p, c.tp, c.fp,
                  c.fn, c.tn);
    assert_true(r >= 0.95);
    assert_true(p >= 0.90);
    free(scores);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_unicode),
        cmocka_unit_test(test_normalize_legal_forms),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_rules_refuse),
        cmocka_unit_test(test_keys_labelled),
        cmocka_unit_test(test_keys_perturbed),
        cmocka_unit_test(test_quality),
    };
    i18n_set(LANG_EN);
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
