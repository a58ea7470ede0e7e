/* fuzz_diff.c — word_diff, which compares answer texts of two rounds (text
 * that came from files).
 *
 * Input: the old and the new text, split at the first NUL byte (or, without
 * one, in the middle); a second NUL in the new text ends it.  Invariants (see
 * diff.h): EQUAL + DELETE pieces give the old text back and EQUAL + INSERT
 * the new one; no piece is empty; adjacent pieces differ in op and an INSERT
 * never comes right before a DELETE; word_diff_changed says whether there is
 * a DELETE or INSERT; a text compared with itself has no change; and the
 * script is minimal (diff.c: exact up to 512 differences): for texts of up to
 * 400 tokens each, the deleted and inserted tokens are those that a longest
 * common subsequence of tokens leaves (computed here by dynamic programming). */
#include "fuzz.h"

#include "diff.h"

/* Tokens as diff.c cuts them: maximal runs of white space (space, tab, CR,
 * LF) and of anything else. */
#define MAX_TOKS 400

struct toks {
    const char *p[MAX_TOKS];
    size_t len[MAX_TOKS];
    size_t n;
};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Counts the tokens of s; fills t (when not NULL) while they fit.  Returns
 * the count. */
static size_t tokens(const char *s, struct toks *t)
{
    size_t n = 0;
    while (*s) {
        const char *start = s;
        int sp = is_space(*s);
        while (*s && is_space(*s) == sp)
            s++;
        if (t && n < MAX_TOKS) {
            t->p[n] = start;
            t->len[n] = (size_t)(s - start);
        }
        n++;
    }
    if (t)
        t->n = n;
    return n;
}

static int tok_eq(const struct toks *a, size_t i, const struct toks *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

/* Length of a longest common subsequence of the tokens (both <= MAX_TOKS). */
static size_t lcs(const struct toks *a, const struct toks *b)
{
    static size_t row[2][MAX_TOKS + 1];
    memset(row, 0, sizeof(row));
    for (size_t i = 1; i <= a->n; i++) {
        size_t *cur = row[i & 1], *prev = row[(i - 1) & 1];
        cur[0] = 0;
        for (size_t j = 1; j <= b->n; j++) {
            if (tok_eq(a, i - 1, b, j - 1))
                cur[j] = prev[j - 1] + 1;
            else
                cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
        }
    }
    return row[a->n & 1][b->n];
}

/* With both texts short enough, the numbers of deleted and inserted tokens
 * must be minimal whenever there are at most 512 differences. */
static void check_minimal(const char *a, const char *b, size_t deleted, size_t inserted)
{
    static struct toks ta, tb;
    size_t common;
    if (tokens(a, &ta) > MAX_TOKS || tokens(b, &tb) > MAX_TOKS)
        return;
    common = lcs(&ta, &tb);
    if (ta.n + tb.n - 2 * common > 512)
        return;
    FZ_CHECK(deleted == ta.n - common && inserted == tb.n - common);
}

static void check(const char *a, const char *b)
{
    struct word_diff d;
    struct sbuf olds, news;
    int changed = 0;
    size_t deleted = 0, inserted = 0;

    word_diff(a, b, &d);
    sbuf_init(&olds);
    sbuf_init(&news);
    for (size_t i = 0; i < d.n; i++) {
        const struct diff_piece *p = &d.v[i];
        FZ_CHECK(p->text != NULL && p->text[0] != '\0');
        if (i > 0) {
            FZ_CHECK(p->op != d.v[i - 1].op);
            FZ_CHECK(!(d.v[i - 1].op == DIFF_INSERT && p->op == DIFF_DELETE));
        }
        if (p->op != DIFF_INSERT)
            sbuf_adds(&olds, p->text);
        if (p->op != DIFF_DELETE)
            sbuf_adds(&news, p->text);
        /* a piece is whole tokens, so its own tokens are the diff's */
        if (p->op == DIFF_DELETE)
            deleted += tokens(p->text, NULL);
        if (p->op == DIFF_INSERT)
            inserted += tokens(p->text, NULL);
        changed |= p->op != DIFF_EQUAL;
    }
    FZ_CHECK(strcmp(olds.buf, a) == 0);
    FZ_CHECK(strcmp(news.buf, b) == 0);
    FZ_CHECK(word_diff_changed(&d) == changed);
    check_minimal(a, b, deleted, inserted);
    sbuf_release(&olds);
    sbuf_release(&news);
    word_diff_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t alen = nul ? (size_t)(nul - data) : size / 2;
    size_t bstart = nul ? alen + 1 : alen;
    char *a = fz_str(data, alen), *b = fz_str(data + bstart, size - bstart);
    struct word_diff same;

    check(a, b);
    word_diff(a, a, &same);
    FZ_CHECK(!word_diff_changed(&same));
    word_diff_release(&same);
    free(a);
    free(b);
    return 0;
}
