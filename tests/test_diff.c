/* test_diff.c — the word diff (tokens, minimality, reconstruction, the
 * readable choice among minimal diffs, UTF-8, long texts, a randomised check
 * against an LCS computed by dynamic programming) and the comparison of two
 * assessments (every kind of field change, the summary counts, follow-ups,
 * changed question texts, catalogue mismatch, catalogue versions).
 *
 * The assessment tests run against the real catalogue
 * catalog/bmbf-china-2024.json (found through $COOPCHECK_SRCDIR, set by
 * tests/run.sh, else the current directory).  Question and field indexes are
 * looked up by id, never hard-coded. */
#include "testutil.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diff.h"
#include "model.h"
#include "textutil.h"
#include "util.h"

#define NOW1 "2026-01-02T03:04:05Z"
#define NOW2 "2027-01-02T03:04:05Z"

/* ---- helpers for word diffs ---------------------------------------------- */

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Number of tokens (words and white-space runs) in s. */
static size_t count_tokens(const char *s)
{
    size_t n = 0;
    while (*s) {
        int w = is_ws(*s);
        n++;
        while (*s && is_ws(*s) == w)
            s++;
    }
    return n;
}

/* Number of words in s. */
static size_t count_words(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += !is_ws(*s) && (s[1] == '\0' || is_ws(s[1]));
    return n;
}

/* Concatenation of the pieces that are not `skip`: the old text (skip
 * INSERT) or the new text (skip DELETE).  Caller frees. */
static char *rebuild(const struct word_diff *d, enum diff_op skip)
{
    struct sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].op != skip)
            sbuf_adds(&sb, d->v[i].text);
    return sbuf_detach(&sb, NULL);
}

/* Tokens in DELETE and INSERT pieces. */
static size_t changed_tokens(const struct word_diff *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].op != DIFF_EQUAL)
            n += count_tokens(d->v[i].text);
    return n;
}

/* The shape every diff must have: pieces rebuild a and b exactly, none is
 * empty, neighbours differ in op, an INSERT never precedes a DELETE directly,
 * and word_diff_changed agrees with the pieces. */
static void check_diff(const char *a, const char *b, const struct word_diff *d)
{
    char *ra = rebuild(d, DIFF_INSERT), *rb = rebuild(d, DIFF_DELETE);
    int any = 0;
    if (strcmp(ra, a ? a : "") != 0)
        fail_msg("old text not rebuilt: \"%s\" instead of \"%s\"", ra, a);
    if (strcmp(rb, b ? b : "") != 0)
        fail_msg("new text not rebuilt: \"%s\" instead of \"%s\"", rb, b);
    free(ra);
    free(rb);
    for (size_t i = 0; i < d->n; i++) {
        assert_non_null(d->v[i].text);
        if (d->v[i].text[0] == '\0')
            fail_msg("piece %zu is empty", i);
        if (i > 0 && d->v[i].op == d->v[i - 1].op)
            fail_msg("pieces %zu and %zu have the same op (not merged)", i - 1, i);
        if (i > 0 && d->v[i].op == DIFF_DELETE && d->v[i - 1].op == DIFF_INSERT)
            fail_msg("piece %zu: a DELETE after an INSERT", i);
        any |= d->v[i].op != DIFF_EQUAL;
    }
    assert_int_equal(word_diff_changed(d), any);
}

struct piece_exp {
    enum diff_op op;
    const char *text;
};

static const char *op_name(enum diff_op op)
{
    return op == DIFF_EQUAL ? "EQUAL" : op == DIFF_DELETE ? "DELETE" : "INSERT";
}

static void expect_pieces(const struct word_diff *d, const struct piece_exp *e, size_t n)
{
    for (size_t i = 0; i < d->n && i < n; i++)
        if (d->v[i].op != e[i].op || strcmp(d->v[i].text, e[i].text) != 0)
            fail_msg("piece %zu is %s \"%s\", expected %s \"%s\"", i, op_name(d->v[i].op),
                     d->v[i].text, op_name(e[i].op), e[i].text);
    if (d->n != n)
        fail_msg("%zu pieces, expected %zu", d->n, n);
}

/* word_diff(a, b), checked for shape, compared with the expected pieces. */
static void expect_diff(const char *a, const char *b, const struct piece_exp *e, size_t n)
{
    struct word_diff d;
    word_diff(a, b, &d);
    check_diff(a, b, &d);
    expect_pieces(&d, e, n);
    word_diff_release(&d);
}

#define EXPECT(a, b, ...)                                                                  \
    do {                                                                                   \
        static const struct piece_exp e_[] = { __VA_ARGS__ };                              \
        expect_diff((a), (b), e_, CC_ARRAY_LEN(e_));                                       \
    } while (0)

#define EQ(s) { DIFF_EQUAL, (s) }
#define DEL(s) { DIFF_DELETE, (s) }
#define INS(s) { DIFF_INSERT, (s) }

/* Tokens of s, for the reference LCS. */
struct tokv {
    char **v;
    size_t n;
};

static void split_tokens(const char *s, struct tokv *t)
{
    t->n = 0;
    t->v = calloc(strlen(s) + 1, sizeof(*t->v));
    assert_non_null(t->v);
    while (*s) {
        const char *st = s;
        int w = is_ws(*s);
        while (*s && is_ws(*s) == w)
            s++;
        t->v[t->n++] = xstrndup(st, (size_t)(s - st));
    }
}

static void free_tokens(struct tokv *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
}

/* The fewest inserted plus deleted tokens turning a into b: N + M - 2 LCS,
 * by the textbook O(NM) dynamic programme. */
static size_t min_edits(const char *a, const char *b)
{
    struct tokv ta, tb;
    size_t *row, *prev, r;
    split_tokens(a, &ta);
    split_tokens(b, &tb);
    row = calloc(tb.n + 1, sizeof(*row));
    prev = calloc(tb.n + 1, sizeof(*prev));
    assert_non_null(row);
    assert_non_null(prev);
    for (size_t i = 1; i <= ta.n; i++) {
        size_t *t = prev;
        prev = row;
        row = t;
        row[0] = 0;
        for (size_t j = 1; j <= tb.n; j++) {
            if (strcmp(ta.v[i - 1], tb.v[j - 1]) == 0)
                row[j] = prev[j - 1] + 1;
            else
                row[j] = prev[j] > row[j - 1] ? prev[j] : row[j - 1];
        }
    }
    r = ta.n + tb.n - 2 * (ta.n ? row[tb.n] : 0);
    free(row);
    free(prev);
    free_tokens(&ta);
    free_tokens(&tb);
    return r;
}

/* xorshift32: the same sequence on every platform */
static uint32_t rng_state;

static uint32_t rng(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

/* ---- word diff ----------------------------------------------------------- */

static void test_empty_empty(void **state)
{
    struct word_diff d;
    (void)state;
    word_diff("", "", &d);
    assert_int_equal(d.n, 0);
    assert_false(word_diff_changed(&d));
    word_diff_release(&d);
    /* NULL counts as "" */
    word_diff(NULL, NULL, &d);
    assert_int_equal(d.n, 0);
    word_diff_release(&d);
    word_diff(NULL, "x", &d);
    check_diff("", "x", &d);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].op, DIFF_INSERT);
    word_diff_release(&d);
    /* release twice is harmless */
    word_diff_release(&d);
    assert_int_equal(d.n, 0);
    assert_null(d.v);
}

static void test_empty_to_text_and_back(void **state)
{
    (void)state;
    EXPECT("", "Joint lab,\n  two partners.", INS("Joint lab,\n  two partners."));
    EXPECT("Joint lab,\n  two partners.", "", DEL("Joint lab,\n  two partners."));
    EXPECT("", "   ", INS("   "));
}

static void test_equal_texts(void **state)
{
    struct word_diff d;
    const char *t = "Same text,\n\twith  odd   spacing \n";
    (void)state;
    EXPECT(t, t, EQ("Same text,\n\twith  odd   spacing \n"));
    word_diff(t, t, &d);
    assert_false(word_diff_changed(&d));
    word_diff_release(&d);
}

static void test_all_changed(void **state)
{
    struct word_diff d;
    (void)state;
    /* no token in common (the white space differs too) */
    EXPECT("alpha beta", "gamma  delta\n", DEL("alpha beta"), INS("gamma  delta\n"));
    EXPECT("x", "y", DEL("x"), INS("y"));
    /* every word differs, the single spaces between them stay equal */
    word_diff("one two three", "uno dos tres", &d);
    check_diff("one two three", "uno dos tres", &d);
    assert_int_equal(changed_tokens(&d), 6);
    for (size_t i = 0; i < d.n; i++)
        if (d.v[i].op == DIFF_EQUAL)
            assert_string_equal(d.v[i].text, " ");
    word_diff_release(&d);
}

static void test_one_word_replaced(void **state)
{
    (void)state;
    EXPECT("the quick brown fox jumps", "the quick red fox jumps",
           EQ("the quick "), DEL("brown"), INS("red"), EQ(" fox jumps"));
    EXPECT("Die Partner sind informiert.", "Die Partner sind nicht informiert.",
           EQ("Die Partner sind "), INS("nicht "), EQ("informiert."));
    /* one word for two */
    EXPECT("the quick fox", "the slow brown fox",
           EQ("the "), DEL("quick"), INS("slow brown"), EQ(" fox"));
    /* a word removed from the middle takes its following space along */
    EXPECT("a b c", "a c", EQ("a "), DEL("b "), EQ("c"));
}

static void test_insert_at_start_and_end(void **state)
{
    (void)state;
    EXPECT("world peace", "hello world peace", INS("hello "), EQ("world peace"));
    EXPECT("hello world", "hello world again", EQ("hello world"), INS(" again"));
    EXPECT("hello world", "hello world\n", EQ("hello world"), INS("\n"));
    EXPECT("b c", "a b c d", INS("a "), EQ("b c"), INS(" d"));
    EXPECT("a b c d", "b c", DEL("a "), EQ("b c"), DEL(" d"));
    /* an insertion among repeated words still starts with a word */
    EXPECT("a b", "a x b", EQ("a "), INS("x "), EQ("b"));
    /* where several minimal diffs exist, inserted runs start with a word and
     * end with white space, not " the province and" */
    EXPECT("The partner is funded by the state.",
           "The partner is partly funded by the province and the state.",
           EQ("The partner is "), INS("partly "), EQ("funded by "), INS("the province and "),
           EQ("the state."));
    EXPECT("and so on and on", "and so on", EQ("and so "), DEL("on and "), EQ("on"));
}

static void test_moved_words(void **state)
{
    static const char *const pairs[][2] = {
        { "a b c", "c a b" },
        { "one two three four five", "four five one two three" },
        { "red green blue", "blue green red" },
        { "x y\nz", "z\nx y" },
    };
    (void)state;
    /* "c" moves to the front: two tokens out, two in */
    EXPECT("a b c", "c a b", INS("c "), EQ("a b"), DEL(" c"));
    for (size_t i = 0; i < CC_ARRAY_LEN(pairs); i++) {
        struct word_diff d;
        word_diff(pairs[i][0], pairs[i][1], &d);
        check_diff(pairs[i][0], pairs[i][1], &d);
        if (changed_tokens(&d) != min_edits(pairs[i][0], pairs[i][1]))
            fail_msg("\"%s\" -> \"%s\": %zu changed tokens, the minimum is %zu", pairs[i][0],
                     pairs[i][1], changed_tokens(&d), min_edits(pairs[i][0], pairs[i][1]));
        word_diff_release(&d);
    }
    assert_int_equal(min_edits("a b c", "c a b"), 4);
    assert_int_equal(min_edits("one two three four five", "four five one two three"), 8);
}

static void test_whitespace_changes(void **state)
{
    (void)state;
    EXPECT("a  b", "a b", EQ("a"), DEL("  "), INS(" "), EQ("b"));
    EXPECT("a b", "a  b", EQ("a"), DEL(" "), INS("  "), EQ("b"));
    EXPECT("first line\nsecond", "first line second", EQ("first line"), DEL("\n"), INS(" "),
           EQ("second"));
    EXPECT("a\tb", "a b", EQ("a"), DEL("\t"), INS(" "), EQ("b"));
    EXPECT("a b", "a b ", EQ("a b"), INS(" "));
    EXPECT(" a b", "a b", DEL(" "), EQ("a b"));
    EXPECT("a\r\nb", "a\nb", EQ("a"), DEL("\r\n"), INS("\n"), EQ("b"));
}

static void test_utf8_words_never_split(void **state)
{
    struct word_diff d;
    const char *a = "Grüße aus 北京", *b = "Grüße aus 上海";
    (void)state;
    EXPECT(a, b, EQ("Grüße aus "), DEL("北京"), INS("上海"));
    /* CJK without spaces is one word; no piece starts inside a character
     * although both texts share their last bytes */
    EXPECT("北京欢迎你", "上海欢迎你", DEL("北京欢迎你"), INS("上海欢迎你"));
    EXPECT("Straße", "Strasse", DEL("Straße"), INS("Strasse"));
    /* a no-break space (U+00A0) is not white space */
    EXPECT("a\xc2\xa0" "b c", "a\xc2\xa0" "b d", EQ("a\xc2\xa0" "b "), DEL("c"), INS("d"));
    word_diff("Ärger über Öl, 東京 und 大阪", "Ärger über Öl und 東京, 大阪", &d);
    check_diff("Ärger über Öl, 東京 und 大阪", "Ärger über Öl und 東京, 大阪", &d);
    for (size_t i = 0; i < d.n; i++)
        if (utf8_invalid(d.v[i].text, strlen(d.v[i].text)))
            fail_msg("piece %zu \"%s\" is not valid UTF-8", i, d.v[i].text);
    assert_int_equal(changed_tokens(&d),
                     min_edits("Ärger über Öl, 東京 und 大阪", "Ärger über Öl und 東京, 大阪"));
    word_diff_release(&d);
}

/* 20,000 distinct words; 3 replaced, 2 deleted, 2 inserted, far apart.  As
 * every word is distinct and the edits do not touch, the minimum is
 * 3 x (word out + word in) + 2 x (word + space out) + 2 x (word + space in)
 * = 14 tokens. */
static void test_long_text(void **state)
{
    struct sbuf a, b;
    struct word_diff d;
    char *ra, *rb;
    size_t i;
    int ins_seen = 0, del_seen = 0;
    (void)state;
    sbuf_init(&a);
    sbuf_init(&b);
    for (i = 0; i < 20000; i++) {
        const char *sep = i + 1 == 20000 ? "" : i % 17 == 16 ? "\n" : " ";
        sbuf_addf(&a, "w%zu%s", i, sep);
        if (i == 1000 || i == 9000 || i == 19990)          /* replaced */
            sbuf_addf(&b, "NEW%zu%s", i, sep);
        else if (i == 5000 || i == 15001)                  /* deleted with its space */
            ;
        else if (i == 3000 || i == 12000)                  /* inserted before */
            sbuf_addf(&b, "ins%zu w%zu%s", i, i, sep);
        else
            sbuf_addf(&b, "w%zu%s", i, sep);
    }
    word_diff(a.buf, b.buf, &d);
    ra = rebuild(&d, DIFF_INSERT);
    rb = rebuild(&d, DIFF_DELETE);
    assert_true(strcmp(ra, a.buf) == 0);
    assert_true(strcmp(rb, b.buf) == 0);
    free(ra);
    free(rb);
    assert_int_equal(changed_tokens(&d), 14);
    /* 7 changes, each between two EQUAL pieces: 7 hunks, 3 of them replacements */
    for (i = 0; i < d.n; i++) {
        ins_seen += d.v[i].op == DIFF_INSERT;
        del_seen += d.v[i].op == DIFF_DELETE;
    }
    assert_int_equal(ins_seen, 5);
    assert_int_equal(del_seen, 5);
    assert_int_equal(d.n, 8 + 3 * 2 + 2 + 2);   /* EQUALs around 7 hunks */
    for (i = 0; i < d.n; i++)
        if (d.v[i].op == DIFF_INSERT && strncmp(d.v[i].text, "ins", 3) == 0)
            assert_true(strcmp(d.v[i].text, "ins3000 ") == 0 ||
                        strcmp(d.v[i].text, "ins12000 ") == 0);
    word_diff_release(&d);
    sbuf_release(&a);
    sbuf_release(&b);
}

/* Two unrelated texts of 128 KiB each (far beyond the exact search's cost
 * limit): the diff must still rebuild both texts and never report more
 * changes than deleting everything and inserting everything. */
/* How many tokens of s are exactly tok (a run of white space or a word). */
static size_t count_token(const char *s, const char *tok)
{
    size_t n = 0, len = strlen(tok);
    for (const char *p = s; *p;) {
        const char *e = p;
        int ws = is_ws(*p);
        while (*e && is_ws(*e) == ws)
            e++;
        n += (size_t)(e - p) == len && strncmp(p, tok, len) == 0;
        p = e;
    }
    return n;
}

static void test_long_unrelated_texts(void **state)
{
    struct sbuf a, b;
    struct word_diff d;
    char *ra, *rb;
    (void)state;
    sbuf_init(&a);
    sbuf_init(&b);
    rng_state = 12345;
    while (a.len < 128 * 1024)
        sbuf_addf(&a, "a%u%s", rng() % 5000, rng() % 9 ? " " : "\n");
    while (b.len < 128 * 1024)
        sbuf_addf(&b, "b%u%s", rng() % 5000, rng() % 7 ? " " : "  ");
    word_diff(a.buf, b.buf, &d);
    check_diff(a.buf, b.buf, &d);
    /* no word is shared, so every word is out or in, and the script is still
     * minimal: the only common token is " ", and as many of those as the
     * text with fewer of them has stay equal */
    {
        size_t sa = count_token(a.buf, " "), sb = count_token(b.buf, " ");
        size_t lcs = sa < sb ? sa : sb;
        assert_int_equal(changed_tokens(&d), count_tokens(a.buf) + count_tokens(b.buf) - 2 * lcs);
    }
    assert_true(count_words(a.buf) > 10000);
    ra = rebuild(&d, DIFF_INSERT);
    rb = rebuild(&d, DIFF_DELETE);
    assert_int_equal(strlen(ra), a.len);
    assert_int_equal(strlen(rb), b.len);
    free(ra);
    free(rb);
    word_diff_release(&d);
    sbuf_release(&a);
    sbuf_release(&b);
}

/* Random short token strings, half of them unrelated, half small edits of
 * the other: exact rebuilding, and as few changed tokens as the LCS allows. */
static void test_random_pairs_are_minimal(void **state)
{
    static const char *const words[] = { "a", "b", "c", "ab", "ä", "北", "x." };
    static const char *const spaces[] = { " ", " ", "  ", "\n", "\t", " \n" };
    (void)state;
    rng_state = 2024;
    for (int it = 0; it < 200; it++) {
        struct sbuf a, b;
        struct word_diff d;
        size_t na = rng() % 24, nw = 1 + rng() % CC_ARRAY_LEN(words);
        int word = (int)(rng() % 2);
        sbuf_init(&a);
        sbuf_init(&b);
        for (size_t i = 0; i < na; i++, word = !word)
            sbuf_adds(&a, word ? words[rng() % nw] : spaces[rng() % CC_ARRAY_LEN(spaces)]);
        if (it % 2) {
            size_t nb = rng() % 24;
            word = (int)(rng() % 2);
            for (size_t i = 0; i < nb; i++, word = !word)
                sbuf_adds(&b, word ? words[rng() % nw] : spaces[rng() % CC_ARRAY_LEN(spaces)]);
        } else {
            /* copy a, dropping or adding a token here and there */
            struct tokv t;
            split_tokens(a.buf, &t);
            for (size_t i = 0; i < t.n; i++) {
                uint32_t r = rng() % 8;
                if (r == 1)
                    sbuf_adds(&b, "new ");
                if (r != 0)
                    sbuf_adds(&b, t.v[i]);
            }
            free_tokens(&t);
        }
        word_diff(a.buf, b.buf, &d);
        check_diff(a.buf, b.buf, &d);
        if (changed_tokens(&d) != min_edits(a.buf, b.buf))
            fail_msg("pair %d \"%s\" -> \"%s\": %zu changed tokens, the minimum is %zu", it,
                     a.buf, b.buf, changed_tokens(&d), min_edits(a.buf, b.buf));
        word_diff_release(&d);
        sbuf_release(&a);
        sbuf_release(&b);
    }
}

/* ---- assessments: fixture -------------------------------------------------- */

struct fx {
    struct catalog *cat;
    struct assessment *old, *new_;
    struct assessment_diff d;
    struct cc_err err;
};

static struct coop demo_meta(void)
{
    static char id[] = "tum-hit-2026", title[] = "Joint lab";
    struct coop c;
    memset(&c, 0, sizeof(c));
    c.id = id;
    c.title = title;
    c.interval_months = 12;
    return c;
}

/* Parsed (the diags ask for the full check), not taken from the program's
 * blob: its strings are its own, so that a test may change them. */
static struct catalog *load_catalog(void)
{
    char *path = tu_src_path("catalog/bmbf-china-2024.json");
    struct catalog *cat = NULL;
    struct strlist diags = { 0 };
    struct cc_err err;
    memset(&err, 0, sizeof(err));
    if (catalog_load_file(path, &cat, &diags, &err) != 0) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.msg);
        cat = NULL;
    }
    strlist_release(&diags);
    free(path);
    return cat;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct coop meta = demo_meta();
    if (!f)
        return -1;
    f->cat = load_catalog();
    if (!f->cat) {
        free(f);
        return -1;
    }
    f->old = assessment_new(f->cat, &meta, "alice", NOW1);
    f->new_ = assessment_new(f->cat, &meta, "bob", NOW2);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    assessment_diff_release(&f->d);
    assessment_free(f->old);
    assessment_free(f->new_);
    catalog_free(f->cat);
    free(f);
    return 0;
}

static size_t QI(const struct catalog *cat, const char *id)
{
    const struct cat_question *q = catalog_question(cat, id);
    long i;
    if (!q)
        fail_msg("the catalogue has no question %s", id);
    i = catalog_question_index(cat, q);
    assert_true(i >= 0);
    return (size_t)i;
}

static size_t FI(const struct catalog *cat, size_t qi, const char *id, enum field_type type)
{
    long i = cat_question_field_index(&cat->questions[qi], id);
    if (i < 0)
        fail_msg("question %s has no field %s", cat->questions[qi].id, id);
    assert_int_equal(cat->questions[qi].fields[i].type, type);
    return (size_t)i;
}

static void set_text(struct assessment *a, const char *q, const char *field, const char *text)
{
    struct cc_err err;
    size_t qi = QI(a->cat, q);
    if (assessment_set_text(a, qi, FI(a->cat, qi, field, FIELD_TEXT), text, "alice", NOW1,
                            &err) != 0)
        fail_msg("%s.%s: %s", q, field, err.msg);
}

static void set_yn(struct assessment *a, const char *q, const char *field, enum yesno v)
{
    struct cc_err err;
    size_t qi = QI(a->cat, q);
    if (assessment_set_yesno(a, qi, FI(a->cat, qi, field, FIELD_YESNO), v, "alice", NOW1,
                             &err) != 0)
        fail_msg("%s.%s: %s", q, field, err.msg);
}

static void run_diff(struct fx *f)
{
    memset(&f->err, 0, sizeof(f->err));
    if (assessment_diff(f->old, f->new_, &f->d, &f->err) != 0)
        fail_msg("assessment_diff failed: %s", f->err.msg);
    assert_ptr_equal(f->d.cat, f->new_->cat);
    assert_non_null(f->d.q);
}

static const struct question_diff *QD(const struct fx *f, const char *q)
{
    const struct question_diff *qd = &f->d.q[QI(f->d.cat, q)];
    assert_int_equal(qd->nf, f->d.cat->questions[QI(f->d.cat, q)].nfields);
    return qd;
}

static const struct field_diff *FD(const struct fx *f, const char *q, const char *field)
{
    size_t qi = QI(f->d.cat, q);
    long fi = cat_question_field_index(&f->d.cat->questions[qi], field);
    if (fi < 0)
        fail_msg("question %s has no field %s", q, field);
    return &f->d.q[qi].f[fi];
}

/* The summary must equal the expectation field by field (named in the message). */
static void expect_summary(const struct diff_summary *got, const struct diff_summary *want)
{
#define S_(m)                                                                              \
    if (got->m != want->m)                                                                 \
        fail_msg("summary." #m " is %zu, expected %zu", got->m, want->m);
    S_(changed) S_(newly_answered) S_(cleared) S_(yes_to_no) S_(no_to_yes) S_(to_unsure)
    S_(from_unsure) S_(followup_raised) S_(followup_cleared) S_(unchanged) S_(text_changed)
#undef S_
}

/* Every question except those listed is unchanged, with all fields FC_SAME
 * and no word diffs. */
static void expect_rest_same(const struct fx *f, const char *const *changed, size_t n)
{
    for (size_t qi = 0; qi < f->d.cat->nquestions; qi++) {
        const struct question_diff *qd = &f->d.q[qi];
        int listed = 0;
        for (size_t i = 0; i < n; i++)
            listed |= strcmp(f->d.cat->questions[qi].id, changed[i]) == 0;
        if (listed)
            continue;
        if (qd->changed)
            fail_msg("question %s reported as changed", f->d.cat->questions[qi].id);
        for (size_t fi = 0; fi < qd->nf; fi++) {
            assert_int_equal(qd->f[fi].change, FC_SAME);
            assert_int_equal(qd->f[fi].words.n, 0);
        }
    }
}

/* ---- assessments ----------------------------------------------------------- */

static void test_assessment_unchanged(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;
    size_t nq = f->cat->nquestions;

    /* the same answers on both sides */
    set_text(f->old, "q01", "focus", "Batteries");
    set_text(f->new_, "q01", "focus", "Batteries");
    set_yn(f->old, "q04", "dep_on_china", YN_NO);
    set_yn(f->new_, "q04", "dep_on_china", YN_NO);
    run_diff(f);
    memset(&want, 0, sizeof(want));
    want.unchanged = nq;
    expect_summary(&f->d.sum, &want);
    expect_rest_same(f, NULL, 0);
    assert_int_equal(FD(f, "q04", "dep_on_china")->old_yn, YN_NO);
    assert_int_equal(FD(f, "q04", "dep_on_china")->new_yn, YN_NO);
    assert_true(nq >= 19);
}

static void test_assessment_newly_answered_text(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;
    const struct field_diff *fd;
    static const char *const changed[] = { "q03" };

    set_text(f->new_, "q03", "added_value", "Access to a unique test rig.");
    run_diff(f);
    fd = FD(f, "q03", "added_value");
    assert_int_equal(fd->change, FC_ANSWERED);
    expect_pieces(&fd->words, (const struct piece_exp[]){ INS("Access to a unique test rig.") },
                  1);
    assert_true(QD(f, "q03")->changed);
    memset(&want, 0, sizeof(want));
    want.changed = 1;
    want.newly_answered = 1;
    want.unchanged = f->cat->nquestions - 1;
    expect_summary(&f->d.sum, &want);
    expect_rest_same(f, changed, 1);
}

static void test_assessment_cleared_text(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;
    const struct field_diff *fd;

    set_text(f->old, "q03", "added_value", "Shared data.");
    run_diff(f);
    fd = FD(f, "q03", "added_value");
    assert_int_equal(fd->change, FC_CLEARED);
    expect_pieces(&fd->words, (const struct piece_exp[]){ DEL("Shared data.") }, 1);
    memset(&want, 0, sizeof(want));
    want.changed = 1;
    want.cleared = 1;
    want.unchanged = f->cat->nquestions - 1;
    expect_summary(&f->d.sum, &want);
}

static void test_assessment_changed_text(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;
    const struct field_diff *fd;

    /* q01 has two text fields: one changes, one stays */
    set_text(f->old, "q01", "focus", "The lab is funded by the ministry.");
    set_text(f->new_, "q01", "focus", "The lab is funded by the province.");
    set_text(f->old, "q01", "own_goals", "Publications.");
    set_text(f->new_, "q01", "own_goals", "Publications.");
    run_diff(f);
    fd = FD(f, "q01", "focus");
    assert_int_equal(fd->change, FC_CHANGED);
    assert_true(word_diff_changed(&fd->words));
    expect_pieces(&fd->words,
                  (const struct piece_exp[]){ EQ("The lab is funded by the "), DEL("ministry."),
                                              INS("province.") },
                  3);
    assert_int_equal(FD(f, "q01", "own_goals")->change, FC_SAME);
    assert_int_equal(FD(f, "q01", "own_goals")->words.n, 0);
    memset(&want, 0, sizeof(want));
    want.changed = 1;
    want.unchanged = f->cat->nquestions - 1;   /* answered both times: neither new nor cleared */
    expect_summary(&f->d.sum, &want);
}

static void test_assessment_yesno_changes(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;
    const struct field_diff *fd;
    static const char *const changed[] = { "q04", "q06", "q07", "q08", "q15" };

    set_yn(f->old, "q04", "dep_on_china", YN_YES);         /* yes -> no */
    set_yn(f->new_, "q04", "dep_on_china", YN_NO);
    set_yn(f->old, "q04", "partner_dep_on_de", YN_NO);     /* no -> yes */
    set_yn(f->new_, "q04", "partner_dep_on_de", YN_YES);
    set_yn(f->old, "q04", "alternatives", YN_YES);         /* yes -> unsure */
    set_yn(f->new_, "q04", "alternatives", YN_UNSURE);
    set_yn(f->old, "q06", "funding_informed", YN_UNSURE);  /* unsure -> no */
    set_yn(f->new_, "q06", "funding_informed", YN_NO);
    set_yn(f->new_, "q07", "contract_secured", YN_YES);    /* unanswered -> yes */
    set_yn(f->old, "q08", "informed", YN_NO);              /* no -> unanswered */
    set_yn(f->old, "q15", "known", YN_NO);                 /* no -> unsure */
    set_yn(f->new_, "q15", "known", YN_UNSURE);
    set_yn(f->old, "q10", "informed", YN_UNSURE);          /* unsure both times */
    set_yn(f->new_, "q10", "informed", YN_UNSURE);
    run_diff(f);

    fd = FD(f, "q04", "dep_on_china");
    assert_int_equal(fd->change, FC_CHANGED);
    assert_int_equal(fd->old_yn, YN_YES);
    assert_int_equal(fd->new_yn, YN_NO);
    assert_int_equal(fd->words.n, 0);
    fd = FD(f, "q04", "partner_dep_on_de");
    assert_int_equal(fd->change, FC_CHANGED);
    assert_int_equal(fd->old_yn, YN_NO);
    assert_int_equal(fd->new_yn, YN_YES);
    fd = FD(f, "q04", "alternatives");
    assert_int_equal(fd->change, FC_CHANGED);
    assert_int_equal(fd->new_yn, YN_UNSURE);
    assert_int_equal(FD(f, "q04", "dep_on_china_kind")->change, FC_SAME);
    fd = FD(f, "q06", "funding_informed");
    assert_int_equal(fd->change, FC_CHANGED);
    assert_int_equal(fd->old_yn, YN_UNSURE);
    assert_int_equal(fd->new_yn, YN_NO);
    fd = FD(f, "q07", "contract_secured");
    assert_int_equal(fd->change, FC_ANSWERED);
    assert_int_equal(fd->old_yn, YN_UNSET);
    assert_int_equal(fd->new_yn, YN_YES);
    fd = FD(f, "q08", "informed");
    assert_int_equal(fd->change, FC_CLEARED);
    assert_int_equal(fd->old_yn, YN_NO);
    assert_int_equal(fd->new_yn, YN_UNSET);
    fd = FD(f, "q15", "known");
    assert_int_equal(fd->change, FC_CHANGED);
    assert_int_equal(fd->old_yn, YN_NO);
    assert_int_equal(fd->new_yn, YN_UNSURE);
    assert_int_equal(FD(f, "q10", "informed")->change, FC_SAME);
    assert_false(QD(f, "q10")->changed);

    memset(&want, 0, sizeof(want));
    want.changed = 5;             /* q04, q06, q07, q08, q15 */
    want.newly_answered = 1;      /* q07 */
    want.cleared = 1;             /* q08 */
    want.yes_to_no = 1;
    want.no_to_yes = 1;
    want.to_unsure = 2;
    want.from_unsure = 1;
    want.unchanged = f->cat->nquestions - 5;
    expect_summary(&f->d.sum, &want);
    expect_rest_same(f, changed, CC_ARRAY_LEN(changed));
}

/* A question going from partly answered to unanswered is "cleared"; one
 * going from unanswered to partly answered is "newly answered"; partly to
 * fully answered is neither. */
static void test_assessment_partial_states(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;

    set_yn(f->old, "q11", "aware", YN_YES);                /* partial -> unanswered */
    set_yn(f->new_, "q12", "icp", YN_NO);                  /* unanswered -> partial */
    set_yn(f->old, "q13", "sensitive_apps", YN_NO);        /* partial -> answered */
    set_yn(f->new_, "q13", "sensitive_apps", YN_NO);
    set_text(f->new_, "q13", "sensitive_apps_which", "none");
    run_diff(f);
    assert_int_equal(FD(f, "q13", "sensitive_apps")->change, FC_SAME);
    assert_int_equal(FD(f, "q13", "sensitive_apps_which")->change, FC_ANSWERED);
    memset(&want, 0, sizeof(want));
    want.changed = 3;
    want.newly_answered = 1;
    want.cleared = 1;
    want.unchanged = f->cat->nquestions - 3;
    expect_summary(&f->d.sum, &want);
}

static void test_assessment_followup(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;
    static const char *const changed[] = { "q07", "q09" };

    assessment_set_followup(f->new_, QI(f->cat, "q07"), 1, "bob", NOW2);   /* raised */
    assessment_set_followup(f->old, QI(f->cat, "q09"), 1, "alice", NOW1);  /* cleared */
    assessment_set_followup(f->old, QI(f->cat, "q16"), 1, "alice", NOW1);  /* kept */
    assessment_set_followup(f->new_, QI(f->cat, "q16"), 1, "bob", NOW2);
    run_diff(f);
    assert_true(QD(f, "q07")->changed);
    assert_false(QD(f, "q07")->followup_old);
    assert_true(QD(f, "q07")->followup_new);
    assert_true(QD(f, "q09")->changed);
    assert_true(QD(f, "q09")->followup_old);
    assert_false(QD(f, "q09")->followup_new);
    assert_false(QD(f, "q16")->changed);
    assert_true(QD(f, "q16")->followup_old && QD(f, "q16")->followup_new);
    /* the fields themselves did not change */
    assert_int_equal(FD(f, "q07", "contract_secured")->change, FC_SAME);
    memset(&want, 0, sizeof(want));
    want.changed = 2;
    want.followup_raised = 1;
    want.followup_cleared = 1;
    want.unchanged = f->cat->nquestions - 2;
    expect_summary(&f->d.sum, &want);
    expect_rest_same(f, changed, CC_ARRAY_LEN(changed));
}

static void test_assessment_question_text_changed(void **state)
{
    struct fx *f = *state;
    struct diff_summary want;
    char sha[65];

    question_text_sha256(&f->cat->questions[QI(f->cat, "q01")], sha);
    /* q01: same hash; q02: different hashes; q03: only the old one has a hash */
    {
        static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";
        const char *oid[] = { "q01", "q02", "q03" }, *osha[] = { sha, zero, sha };
        const char *nid[] = { "q01", "q02" }, *nsha[] = { sha, sha };
        qsha_set(&f->old->qsha, 3, oid, osha);
        qsha_set(&f->new_->qsha, 2, nid, nsha);
    }
    run_diff(f);
    assert_false(QD(f, "q01")->text_changed);
    assert_true(QD(f, "q02")->text_changed);
    assert_false(QD(f, "q03")->text_changed);
    assert_false(QD(f, "q04")->text_changed);
    /* a new wording is not a change of the answers */
    assert_false(QD(f, "q02")->changed);
    memset(&want, 0, sizeof(want));
    want.text_changed = 1;
    /* "unchanged" counts the questions the diff does not list; a question
     * whose wording changed is listed (diffout shows it) */
    want.unchanged = f->cat->nquestions - 1;
    expect_summary(&f->d.sum, &want);
}

/* The cooperation's data: what changed, as text, with who changed it. */
static void test_assessment_coop_changes(void **state)
{
    struct fx *f = *state;
    struct coop e;
    struct strlist al = { 0 };
    struct cc_err err;
    run_diff(f);
    assert_int_equal(f->d.ncoop, 0);
    assessment_diff_release(&f->d);
    coop_copy(&e, &f->new_->coop);
    free(e.title);
    e.title = strdup("Renamed lab");
    strlist_push(&al, "复旦");
    coop_add_partner(&e, "Fudan", &al);
    assert_int_equal(coop_apply_edit(f->new_, &e, "carol", NOW2, &err), 2);
    run_diff(f);
    assert_int_equal(f->d.ncoop, 2);
    assert_int_equal(f->d.coop[0].field, CF_TITLE);
    assert_string_equal(f->d.coop[0].new_, "Renamed lab");
    assert_string_equal(f->d.coop[0].stamp->by, "carol");
    assert_int_equal(f->d.coop[1].field, CF_PARTNERS);
    assert_non_null(strstr(f->d.coop[1].new_, "Fudan (复旦)"));
    assert_true(!f->d.coop[1].old || !strstr(f->d.coop[1].old, "Fudan"));
    /* the answers did not change */
    assert_int_equal(f->d.sum.changed, 0);
    strlist_release(&al);
    coop_release(&e);
}

/* A yes/no answer's note is part of the answer. */
static void test_assessment_note_changed(void **state)
{
    struct fx *f = *state;
    struct cc_err err;
    size_t q8 = QI(f->cat, "q08"), inf = FI(f->cat, q8, "informed", FIELD_YESNO);
    const struct field_diff *fd;
    set_yn(f->old, "q08", "informed", YN_UNSURE);
    set_yn(f->new_, "q08", "informed", YN_UNSURE);
    assert_int_equal(assessment_set_note(f->new_, q8, inf, "asked the office", "bob", NOW2, &err), 0);
    run_diff(f);
    fd = FD(f, "q08", "informed");
    assert_int_equal(fd->change, FC_CHANGED);
    assert_true(fd->note_changed);
    assert_int_equal(fd->old_yn, YN_UNSURE);
    expect_pieces(&fd->words, (const struct piece_exp[]){ INS("asked the office") }, 1);
    assert_true(QD(f, "q08")->changed);
    assert_int_equal(f->d.sum.changed, 1);
}

static void test_assessment_catalog_mismatch(void **state)
{
    struct fx *f = *state;
    int rc;

    free(f->new_->catalog_id);
    f->new_->catalog_id = xstrdup("other-catalogue-2030");
    memset(&f->err, 0, sizeof(f->err));
    rc = assessment_diff(f->old, f->new_, &f->d, &f->err);
    assert_int_equal(rc, -1);
    if (!strstr(f->err.msg, "cannot compare") || !strstr(f->err.msg, f->cat->id) ||
        !strstr(f->err.msg, "other-catalogue-2030"))
        fail_msg("unhelpful message: \"%s\"", f->err.msg);
    assert_null(f->d.q);   /* nothing to release, and releasing is harmless */
    assessment_diff_release(&f->d);
}

/* Two copies of the catalogue (as when a snapshot was read against an older
 * version of it): questions and fields are matched by id, and one missing on
 * a side counts as unanswered there. */
static void test_assessment_other_catalog_copy(void **state)
{
    struct fx *f = *state;
    struct catalog *cat2 = load_catalog();
    struct assessment *n2;
    struct coop meta = demo_meta();
    struct cc_err err;
    size_t q03, q05, fi;
    struct diff_summary want;

    assert_non_null(cat2);
    /* in the "new version", q03's field and q05 itself got new ids */
    q03 = QI(cat2, "q03");
    fi = FI(cat2, q03, "added_value", FIELD_TEXT);
    free(cat2->questions[q03].fields[fi].id);
    cat2->questions[q03].fields[fi].id = xstrdup("added_value_v2");
    q05 = QI(cat2, "q05");
    free(cat2->questions[q05].id);
    cat2->questions[q05].id = xstrdup("q05b");

    n2 = assessment_new(cat2, &meta, "bob", NOW2);
    set_text(f->old, "q01", "focus", "Old focus");
    set_text(n2, "q01", "focus", "New focus");
    set_text(f->old, "q03", "added_value", "kept under the old id");
    set_text(n2, "q03", "added_value_v2", "kept under the old id");
    set_text(f->old, "q05", "partner_goals", "Goals");
    assert_int_equal(assessment_set_text(n2, q05, 0, "Goals", "bob", NOW2, &err), 0);

    memset(&err, 0, sizeof(err));
    assert_int_equal(assessment_diff(f->old, n2, &f->d, &err), 0);
    assert_ptr_equal(f->d.cat, cat2);
    assert_int_equal(FD(f, "q01", "focus")->change, FC_CHANGED);
    expect_pieces(&FD(f, "q01", "focus")->words,
                  (const struct piece_exp[]){ DEL("Old"), INS("New"), EQ(" focus") }, 3);
    /* matched by id: the renamed field was unanswered in the old round */
    assert_int_equal(FD(f, "q03", "added_value_v2")->change, FC_ANSWERED);
    /* the renamed question likewise */
    assert_int_equal(f->d.q[q05].f[0].change, FC_ANSWERED);
    memset(&want, 0, sizeof(want));
    want.changed = 3;
    want.newly_answered = 2;   /* q03 and q05b, as far as the new ids go */
    want.unchanged = cat2->nquestions - 3;
    expect_summary(&f->d.sum, &want);

    assessment_diff_release(&f->d);
    assessment_free(n2);
    catalog_free(cat2);
}

#define T(name) cmocka_unit_test(name)
#define TA(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_empty_empty),
        T(test_empty_to_text_and_back),
        T(test_equal_texts),
        T(test_all_changed),
        T(test_one_word_replaced),
        T(test_insert_at_start_and_end),
        T(test_moved_words),
        T(test_whitespace_changes),
        T(test_utf8_words_never_split),
        T(test_long_text),
        T(test_long_unrelated_texts),
        T(test_random_pairs_are_minimal),
        TA(test_assessment_unchanged),
        TA(test_assessment_newly_answered_text),
        TA(test_assessment_cleared_text),
        TA(test_assessment_changed_text),
        TA(test_assessment_yesno_changes),
        TA(test_assessment_partial_states),
        TA(test_assessment_followup),
        TA(test_assessment_question_text_changed),
        TA(test_assessment_coop_changes),
        TA(test_assessment_note_changed),
        TA(test_assessment_catalog_mismatch),
        TA(test_assessment_other_catalog_copy),
    };
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C.utf8");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
