/* names_match.c — see names.h: how alike two normalised names are, and the
 * keys an index files them under.  name_score allocates nothing: it compares
 * the tokens of the two forms, O(ntok_a × ntok_e).
 *
 * The rules, from the strongest:
 *   exact     the same normalised form (100)
 *   cjk       the same CJK form (100)
 *   acronym   a one-word name of 5 to 8 letters that is the initials of the
 *             other (90); shorter ones are too ambiguous ("HIT" is also
 *             Heilongjiang Institute of Technology, "HUST" the initials of
 *             four more universities than Huazhong's) and only match a
 *             list's own alias
 *   contains  a sub-institute's name: the entry's words, all of them, in a
 *             row at the end of the alias with a word for a part of an
 *             institution before them ("School of Computer Science, Harbin
 *             Institute of Technology"), or at its start with such a word
 *             right after them; in CJK, the alias begins with the entry's
 *             form (four characters or more, ending in 大学, 研究院, ...)
 *             and ends in a part (学院, 系, 研究所, ...) (88)
 *   tokens    each word of one name finds its best word in the other: the
 *             same (1); a word abbreviated with a full stop ("Aero.") and a
 *             word it begins (0.85); one letter different, missing or two
 *             swapped, in words of 8 letters or more with the same first
 *             letter ("Tsinghau") (0.85); a word written as two ("Jiao
 *             Tong" / "Jiaotong") (1).  Each side's score is its matched
 *             weight over its total weight; the score is the lower of the
 *             two, times 100, at most 99 — and 0 unless at least one
 *             significant word matched one.  A weak word ("china", "pla")
 *             that finds no match weighs little, unless both names have
 *             one: "University of Science and Technology of China" is not
 *             "PLA University of Science and Technology". */
#include "names.h"

#include <stdlib.h>
#include <string.h>

#include "names_int.h"
#include "textutil.h"
#include "util.h"

#define SIM_NEAR 0.85
#define EDIT_MIN_LEN 8
#define TYPE_ALONE_WEIGHT 0.1
#define SCORE_ACRONYM 90
#define SCORE_CONTAINS 88
#define ACRONYM_MIN 5
#define ACRONYM_MAX 8
#define CJK_CONTAINS_MIN 4

/* x and y differ by one letter substituted, inserted or deleted, or two
 * neighbours swapped; the shorter has EDIT_MIN_LEN bytes or more and both
 * begin alike. */
static int one_edit(const char *x, size_t lx, const char *y, size_t ly)
{
    if (lx > ly) {
        const char *t = x;
        x = y;
        y = t;
        size_t l = lx;
        lx = ly;
        ly = l;
    }
    if (lx < EDIT_MIN_LEN || ly - lx > 1 || x[0] != y[0])
        return 0;
    size_t i = 0;
    while (i < lx && x[i] == y[i])
        i++;
    if (lx < ly)
        return memcmp(x + i, y + i + 1, lx - i) == 0;
    if (i == lx)
        return 0;
    if (memcmp(x + i + 1, y + i + 1, lx - i - 1) == 0)
        return 1;
    return i + 1 < lx && x[i] == y[i + 1] && x[i + 1] == y[i] &&
           memcmp(x + i + 2, y + i + 2, lx - i - 2) == 0;
}

static double tok_sim(const char *x, const char *y)
{
    size_t lx = strlen(x), ly = strlen(y);
    size_t bx = names_base_len(x, lx), by = names_base_len(y, ly);
    if (bx == by && memcmp(x, y, bx) == 0)
        return 1.0;
    if (bx != lx && by > bx && memcmp(x, y, bx) == 0)
        return SIM_NEAR;
    if (by != ly && bx > by && memcmp(x, y, by) == 0)
        return SIM_NEAR;
    if (bx == lx && by == ly && one_edit(x, lx, y, ly))
        return SIM_NEAR;
    return 0.0;
}

/* t is a followed by b. */
static int is_concat(const char *t, const char *a, const char *b)
{
    size_t la = strlen(a);
    return strncmp(t, a, la) == 0 && strcmp(t + la, b) == 0;
}

static int joinable(const struct name_form *f, size_t i)
{
    const struct name_token *t = &f->tok[i];
    size_t l = strlen(t->s);
    return !nw_is_stop(t->weight) && names_base_len(t->s, l) == l;
}

struct best {
    double sim;
    int sig;   /* the match pairs a significant word with a word both index */
};

static void consider(struct best *b, double sim, int sig)
{
    if (sim > b->sim || (sim > 0 && sim >= b->sim && sig && !b->sig)) {
        b->sim = sim;
        b->sig = sig;
    }
}

/* The best match of x's token i among y's tokens. */
static struct best best_match(const struct name_form *x, size_t i, const struct name_form *y)
{
    const struct name_token *t = &x->tok[i];
    int tsig = nw_is_sig(t->weight);
    struct best b = {0.0, 0};
    for (size_t j = 0; j < y->ntok && b.sim < 1.0; j++) {
        const struct name_token *u = &y->tok[j];
        if (nw_is_stop(u->weight))
            continue;
        consider(&b, tok_sim(t->s, u->s), tsig && nw_is_sig(u->weight));
        /* "jiaotong" against "jiao" "tong" */
        if (j + 1 < y->ntok && joinable(x, i) && joinable(y, j) && joinable(y, j + 1) &&
            is_concat(t->s, u->s, y->tok[j + 1].s))
            consider(&b, 1.0, tsig);
        /* "jiao" (with "tong" before or after it) against "jiaotong" */
        if (!joinable(x, i) || !joinable(y, j))
            continue;
        if (i + 1 < x->ntok && joinable(x, i + 1) && is_concat(u->s, t->s, x->tok[i + 1].s))
            consider(&b, 1.0, nw_is_sig(u->weight));
        if (i > 0 && joinable(x, i - 1) && is_concat(u->s, x->tok[i - 1].s, t->s))
            consider(&b, 1.0, nw_is_sig(u->weight));
    }
    return b;
}

static int has_type_word(const struct name_form *f)
{
    for (size_t i = 0; i < f->ntok; i++)
        if (nw_is_type(f->tok[i].weight))
            return 1;
    return 0;
}

static int is_weak(double w)
{
    return !nw_is_stop(w) && !nw_is_type(w) && !nw_is_sig(w);
}

/* 1 when a weak word of x finds no match in y. */
static int unmatched_weak(const struct name_form *x, const struct name_form *y)
{
    for (size_t i = 0; i < x->ntok; i++)
        if (is_weak(x->tok[i].weight) && best_match(x, i, y).sim <= 0)
            return 1;
    return 0;
}

/* How much of x's weight finds a match in y, 0..1; *sig set when a
 * significant word matched.  With conflict, weak words weigh fully. */
static double side(const struct name_form *x, const struct name_form *y, int conflict, int *sig)
{
    int y_type = has_type_word(y);
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < x->ntok; i++) {
        double w = x->tok[i].weight;
        if (nw_is_stop(w))
            continue;
        if (nw_is_type(w) && !y_type)
            w = TYPE_ALONE_WEIGHT;
        if (conflict && is_weak(w))
            w = NW_SIG;
        struct best b = best_match(x, i, y);
        num += w * b.sim;
        den += w;
        if (b.sim > 0 && b.sig)
            *sig = 1;
    }
    return den > 0 ? num / den : 0.0;
}

static int token_score(const struct name_form *a, const struct name_form *e)
{
    int sig = 0, conflict = unmatched_weak(a, e) && unmatched_weak(e, a);
    double sa = side(a, e, conflict, &sig), se = side(e, a, conflict, &sig);
    if (!sig)
        return 0;
    int s = (int)(100.0 * (sa < se ? sa : se) + 1e-9);
    return s > 99 ? 99 : s;
}

/* The tokens of f that are not stop words (their indexes), at most max. */
static size_t words(const struct name_form *f, size_t *idx, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < f->ntok && n < max; i++)
        if (!nw_is_stop(f->tok[i].weight))
            idx[n++] = i;
    return n;
}

#define MAX_WORDS 64

static int has_unit(const struct name_form *f, const size_t *idx, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (names_unit_word(f->tok[idx[k]].s))
            return 1;
    return 0;
}

/* a names a part of e (see the top of the file). */
static int latin_contains(const struct name_form *a, const struct name_form *e)
{
    size_t ia[MAX_WORDS], ie[MAX_WORDS];
    size_t na = words(a, ia, MAX_WORDS), ne = words(e, ie, MAX_WORDS);
    int esig = 0;
    for (size_t k = 0; k < ne; k++)
        esig |= nw_is_sig(e->tok[ie[k]].weight);
    if (ne < 2 || na <= ne || !esig)
        return 0;
    for (size_t p = 0; p + ne <= na; p++) {
        size_t k = 0;
        while (k < ne && strcmp(a->tok[ia[p + k]].s, e->tok[ie[k]].s) == 0)
            k++;
        if (k < ne)
            continue;
        if (p + ne == na && has_unit(a, ia, 0, p))
            return 1;
        if (p == 0 && names_unit_word(a->tok[ia[ne]].s))
            return 1;
    }
    return 0;
}

static int cjk_contains(const struct name_form *a, const struct name_form *e)
{
    size_t la = strlen(a->norm), le = strlen(e->norm);
    return la > le && text_count_chars(e->norm) >= CJK_CONTAINS_MIN &&
           memcmp(a->norm, e->norm, le) == 0 && names_cjk_type_end(e->norm, le) &&
           names_cjk_unit_end(a->norm, la);
}

/* The only word of f if it can be an acronym (5 to 8 letters a-z), else
 * NULL. */
static const char *acronym_word(const struct name_form *f)
{
    size_t idx[2];
    if (words(f, idx, 2) != 1)
        return NULL;
    const char *s = f->tok[idx[0]].s;
    size_t n = strlen(s);
    if (n < ACRONYM_MIN || n > ACRONYM_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return NULL;
    return s;
}

static int acronym_match(const struct name_form *a, const struct name_form *e)
{
    const char *w;
    if ((w = acronym_word(a)) && e->acronym && strcmp(w, e->acronym) == 0)
        return 1;
    return (w = acronym_word(e)) && a->acronym && strcmp(w, a->acronym) == 0;
}

int name_score(const struct name_form *a, const struct name_form *e, enum match_kind *kind)
{
    enum match_kind k = MK_TOKENS;
    int s = 0;
    if (!a || !e || !a->norm || !e->norm || !*a->norm || !*e->norm || a->cjk != e->cjk) {
        /* nothing to compare: a name of legal forms only, or CJK and Latin */
    } else if (a->cjk) {
        if (strcmp(a->norm, e->norm) == 0)
            s = 100, k = MK_CJK;
        else if (cjk_contains(a, e))
            s = SCORE_CONTAINS, k = MK_CONTAINS;
    } else if (strcmp(a->norm, e->norm) == 0) {
        s = 100, k = MK_EXACT;
    } else {
        s = token_score(a, e);
        if (s < SCORE_ACRONYM && acronym_match(a, e))
            s = SCORE_ACRONYM, k = MK_ACRONYM;
        if (s < SCORE_CONTAINS && latin_contains(a, e))
            s = SCORE_CONTAINS, k = MK_CONTAINS;
    }
    if (kind)
        *kind = k;
    return s;
}

/* ---- keys --------------------------------------------------------------- */

/* Pushes k (taken) unless keys from index from on already hold it. */
static void push_key(struct strlist *keys, size_t from, char *k)
{
    for (size_t i = from; i < keys->n; i++)
        if (strcmp(keys->v[i], k) == 0) {
            free(k);
            return;
        }
    strlist_push_owned(keys, k);
}

static void cjk_keys(const struct name_form *f, int query, struct strlist *keys)
{
    size_t from = keys->n, len = strlen(f->norm);
    push_key(keys, from, xasprintf("=%s", f->norm));
    if (!query)
        return;
    for (size_t b = 0; b < len; b++) {
        if (((unsigned char)f->norm[b] & 0xC0) == 0x80)
            continue;
        size_t n = 0;
        for (size_t e = b; e < len;) {
            e++;
            while (e < len && ((unsigned char)f->norm[e] & 0xC0) == 0x80)
                e++;
            if (++n >= CJK_CONTAINS_MIN && !(b == 0 && e == len))
                strlist_push_owned(keys, xasprintf("=%.*s", (int)(e - b), f->norm + b));
        }
    }
}

/* A significant word's keys: itself, its prefixes of NAME_ABBR_MIN to
 * NAME_ABBR_MAX letters (for "Aero."), and for long words every spelling
 * with one letter left out (a letter substituted, added or swapped leaves
 * one of these in common). */
static void word_keys(const char *s, struct strlist *keys, size_t from)
{
    size_t l = strlen(s), b = names_base_len(s, l);
    push_key(keys, from, xstrndup(s, b));
    if (b != l)
        return;
    for (size_t p = NAME_ABBR_MIN; p <= NAME_ABBR_MAX && p < l; p++)
        push_key(keys, from, xstrndup(s, p));
    if (l < EDIT_MIN_LEN)
        return;
    for (size_t i = 0; i < l; i++)
        push_key(keys, from, xasprintf("%.*s%s", (int)i, s, s + i + 1));
}

void name_keys(const struct name_form *f, int query, struct strlist *keys)
{
    if (!f || !f->norm || !*f->norm)
        return;
    if (f->cjk) {
        cjk_keys(f, query, keys);
        return;
    }
    size_t from = keys->n;
    int any = 0;
    for (size_t i = 0; i < f->ntok; i++) {
        if (nw_is_sig(f->tok[i].weight)) {
            word_keys(f->tok[i].s, keys, from);
            any = 1;
        }
        if (i + 1 < f->ntok && joinable(f, i) && joinable(f, i + 1))
            push_key(keys, from, xasprintf("%s%s", f->tok[i].s, f->tok[i + 1].s));
    }
    if (!any)
        push_key(keys, from, xasprintf("~%s", f->norm));
    if (f->acronym && strlen(f->acronym) >= ACRONYM_MIN)
        push_key(keys, from, xasprintf("#%s", f->acronym));
    const char *w = acronym_word(f);
    if (w)
        push_key(keys, from, xasprintf("#%s", w));
}
