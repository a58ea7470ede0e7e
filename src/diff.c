/* diff.c — see diff.h.
 *
 * Word diff
 * ---------
 * Both texts are cut into tokens: words (maximal runs of bytes other than
 * space, tab, CR and LF, so multibyte UTF-8 characters always stay inside a
 * word) and maximal runs of those four white-space bytes.  Tokens therefore
 * alternate between the two kinds.  Every distinct token gets a small integer,
 * and the difference is computed on the two integer sequences, after the
 * tokens that occur in one text only are set aside as changed (they cannot
 * be matched, so the script stays minimal): two texts with no word in common
 * leave only their white space to compare, in linear time (1 MiB each: 1.3 s
 * before, 0.11 s after, `make bench`).
 *
 * The algorithm is the linear-space divide-and-conquer variant of Myers'
 * O(ND) algorithm (E. Myers, "An O(ND) Difference Algorithm and Its
 * Variations", Algorithmica 1986, section 4b): find the middle snake of an
 * optimal edit path by running the greedy search from both corners at once,
 * split there and recurse on the two halves.  Memory is O(N+M) (two V arrays
 * and one "changed" flag per token); time is O((N+M)·D).  The V arrays are
 * kept inside the edit-graph box (see middle_snake), so every value is a
 * point of the graph.
 *
 * The result is a minimal edit script.  Among the minimal scripts a cleanup
 * pass (slide_hunks) picks the one that reads best, without changing the
 * number of inserted or deleted tokens: a pure insertion or deletion that can
 * slide along repeated tokens is moved to join a neighbouring change if it
 * can reach it, otherwise to start with a word and end with white space
 * ("a [x ]b" rather than "a[ x] b").
 */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- tokens -------------------------------------------------------------- */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* One text cut into tokens: token i is s[off[i] .. off[i+1]). */
struct toks {
    const char *s;
    size_t *off;   /* n + 1 entries */
    long *id;      /* n entries: the token's number (same bytes, same number) */
    long n;
};

static void tokenize(const char *s, struct toks *t)
{
    size_t len = strlen(s), cap = 16, i = 0;
    t->s = s;
    t->n = 0;
    t->off = xmalloc(cap * sizeof(*t->off));
    while (i < len) {
        int sp = is_space((unsigned char)s[i]);
        if ((size_t)t->n + 2 > cap) {
            cap *= 2;
            t->off = xrealloc(t->off, cap * sizeof(*t->off));
        }
        t->off[t->n++] = i;
        while (i < len && is_space((unsigned char)s[i]) == sp)
            i++;
    }
    t->off[t->n] = len;
    t->id = xmalloc(((size_t)t->n + 1) * sizeof(*t->id));
}

static const char *tok_ptr(const struct toks *t, long i)
{
    return t->s + t->off[i];
}

static size_t tok_len(const struct toks *t, long i)
{
    return t->off[i + 1] - t->off[i];
}

static int tok_is_word(const struct toks *t, long i)
{
    return !is_space((unsigned char)t->s[t->off[i]]);
}

/* Numbers the tokens of both texts through one open-addressing hash table. */
struct slot {
    const char *p;    /* NULL: empty */
    size_t len;
    uint64_t h;
    long id;
};

static uint64_t hash_bytes(const char *p, size_t len)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Numbers the tokens of both texts; returns how many distinct ones there are. */
static long number_tokens(struct toks *a, struct toks *b)
{
    size_t total = (size_t)a->n + (size_t)b->n, cap = 16, mask;
    struct slot *tab;
    long next = 0;
    struct toks *both[2] = { a, b };

    while (cap < 2 * total)
        cap *= 2;
    mask = cap - 1;
    tab = xcalloc(cap, sizeof(*tab));
    for (int w = 0; w < 2; w++) {
        struct toks *t = both[w];
        for (long i = 0; i < t->n; i++) {
            const char *p = tok_ptr(t, i);
            size_t len = tok_len(t, i);
            uint64_t h = hash_bytes(p, len);
            size_t k = (size_t)h & mask;
            while (tab[k].p && !(tab[k].h == h && tab[k].len == len &&
                                 memcmp(tab[k].p, p, len) == 0))
                k = (k + 1) & mask;
            if (!tab[k].p) {
                tab[k].p = p;
                tab[k].len = len;
                tab[k].h = h;
                tab[k].id = next++;
            }
            t->id[i] = tab[k].id;
        }
    }
    free(tab);
    return next;
}

/* The tokens of t that also occur in the other text (seen: per token
 * number, 1 when it does) into *ids, with their positions in t into *pos;
 * returns how many.  A token found in one text only can never be matched,
 * so leaving it out changes no minimal script (GNU diff and xdiff discard
 * such lines too) and makes two texts with nothing in common cost linear
 * time: what is left of them is their white space. */
static long matchable(const struct toks *t, const unsigned char *seen, long **ids, long **pos)
{
    long n = 0;
    *ids = xmalloc(((size_t)t->n + 1) * sizeof(**ids));
    *pos = xmalloc(((size_t)t->n + 1) * sizeof(**pos));
    for (long i = 0; i < t->n; i++)
        if (seen[t->id[i]]) {
            (*ids)[n] = t->id[i];
            (*pos)[n++] = i;
        }
    return n;
}

/* Marks every token of t changed but those kept (at pos, with their own
 * flags in kept_flags). */
static unsigned char *expand_flags(const struct toks *t, const long *pos, long nkept,
                                   const unsigned char *kept_flags)
{
    unsigned char *c = xmalloc((size_t)t->n + 1);
    memset(c, 1, (size_t)t->n + 1);
    for (long j = 0; j < nkept; j++)
        c[pos[j]] = kept_flags[j];
    c[t->n] = 0;
    return c;
}

/* ---- Myers, linear space --------------------------------------------------- */

struct myers {
    const long *a, *b;          /* token numbers */
    unsigned char *ca, *cb;     /* 1: token deleted from a / inserted into b */
    long *vf, *vr;              /* V arrays, indexed by diagonal + voff */
    long voff;
    long max_cost;              /* rounds of one middle-snake search; see below */
};

/* One search for a middle snake (below): the box, relative to its corner,
 * and the diagonals the last forward and reverse rounds reached. */
struct snake_box {
    const long *a, *b;          /* the box's tokens */
    long *vf, *vr;              /* indexed by diagonal */
    long N, M;
    int odd;                    /* N - M is odd */
    long flo, fhi, rlo, rhi;    /* diagonals of the last round */
};

/* Round 0: the snakes from both corners. */
static void snake_start(struct snake_box *bx, const struct myers *m, long x0, long x1, long y0,
                        long y1)
{
    const long *a = m->a + x0, *b = m->b + y0;
    long N = x1 - x0, M = y1 - y0, delta = N - M;
    long x, y;

    bx->a = a;
    bx->b = b;
    bx->vf = m->vf + m->voff;
    bx->vr = m->vr + m->voff;
    bx->N = N;
    bx->M = M;
    bx->odd = (delta & 1) != 0;
    bx->flo = bx->fhi = 0;
    bx->rlo = bx->rhi = delta;
    for (x = 0; x < N && x < M && a[x] == b[x]; x++)
        ;
    bx->vf[0] = x;
    for (x = N, y = M; x > 0 && y > 0 && a[x - 1] == b[y - 1]; x--, y--)
        ;
    bx->vr[delta] = x;
}

/* The next forward round: diagonal k from k - 1 (one more deleted) or k + 1
 * (one more inserted) of the round before; their entries are not overwritten
 * yet, as they have the other parity.  1 with the point (*xo, *xo - *ko)
 * where it overlaps the reverse search (checked when delta is odd), else 0. */
static int snake_forward(struct snake_box *bx, long *xo, long *ko)
{
    const long *a = bx->a, *b = bx->b;
    long *vf = bx->vf;
    const long *vr = bx->vr;
    long N = bx->N, M = bx->M, flo = bx->flo, fhi = bx->fhi, rlo = bx->rlo, rhi = bx->rhi;
    int odd = bx->odd;
    long lo = flo - 1 >= -M ? flo - 1 : flo + 1;
    long hi = fhi + 1 <= N ? fhi + 1 : fhi - 1;
    long x, y, k;

    for (k = lo; k <= hi; k += 2) {
        if (k - 1 < flo)
            x = vf[k + 1];
        else if (k + 1 > fhi)
            x = vf[k - 1] + 1;
        else
            x = vf[k - 1] + 1 > vf[k + 1] ? vf[k - 1] + 1 : vf[k + 1];
        if (x > N)
            x = N;
        if (x - k > M)
            x = M + k;
        for (y = x - k; x < N && y < M && a[x] == b[y]; x++, y++)
            ;
        vf[k] = x;
        if (odd && k >= rlo && k <= rhi && vr[k] <= x) {
            *xo = x;
            *ko = k;
            return 1;
        }
    }
    bx->flo = lo;
    bx->fhi = hi;
    return 0;
}

/* The next reverse round: diagonal k from k + 1 (one more deleted, walking
 * back) or k - 1 (one more inserted).  1 with the point (*xo, *xo - *ko)
 * where it overlaps the forward search (checked when delta is even), else 0. */
static int snake_reverse(struct snake_box *bx, long *xo, long *ko)
{
    const long *a = bx->a, *b = bx->b;
    const long *vf = bx->vf;
    long *vr = bx->vr;
    long N = bx->N, M = bx->M, flo = bx->flo, fhi = bx->fhi, rlo = bx->rlo, rhi = bx->rhi;
    int odd = bx->odd;
    long lo = rlo - 1 >= -M ? rlo - 1 : rlo + 1;
    long hi = rhi + 1 <= N ? rhi + 1 : rhi - 1;
    long x, y, k;

    for (k = lo; k <= hi; k += 2) {
        if (k - 1 < rlo)
            x = vr[k + 1] - 1;
        else if (k + 1 > rhi)
            x = vr[k - 1];
        else
            x = vr[k + 1] - 1 < vr[k - 1] ? vr[k + 1] - 1 : vr[k - 1];
        if (x < 0)
            x = 0;
        if (x < k)
            x = k;
        for (y = x - k; x > 0 && y > 0 && a[x - 1] == b[y - 1]; x--, y--)
            ;
        vr[k] = x;
        if (!odd && k >= flo && k <= fhi && x <= vf[k]) {
            *xo = x;
            *ko = k;
            return 1;
        }
    }
    bx->rlo = lo;
    bx->rhi = hi;
    return 0;
}

/* For a search given up: the point of the two frontiers that got furthest
 * from its corner, as (*xm, *ym) of the whole texts. */
static void snake_furthest(const struct snake_box *bx, long x0, long y0, long *xm, long *ym)
{
    const long *vf = bx->vf, *vr = bx->vr;
    long N = bx->N, M = bx->M, best = -1, k;

    for (k = bx->flo; k <= bx->fhi; k += 2)
        if (2 * vf[k] - k > best) {
            best = 2 * vf[k] - k;             /* x + y */
            *xm = x0 + vf[k];
            *ym = y0 + vf[k] - k;
        }
    for (k = bx->rlo; k <= bx->rhi; k += 2)
        if (N + M - 2 * vr[k] + k > best) {
            best = N + M - 2 * vr[k] + k;     /* (N - x) + (M - y) */
            *xm = x0 + vr[k];
            *ym = y0 + vr[k] - k;
        }
}

/* Finds a point (*xm, *ym) on an optimal edit path through the box
 * a[x0..x1) x b[y0..y1) (both non-empty, first and last tokens differing)
 * that splits it into two boxes, each with fewer differences.
 *
 * Coordinates are relative to (x0, y0); N = x1 - x0, M = y1 - y0; diagonal
 * k holds the points with x - y = k.  vf[k] is the largest x on diagonal k
 * reachable from (0,0) with d differences (the furthest reaching d-path),
 * vr[k] the smallest x from which (N,M) is reachable with d differences.
 * Unlike the paper's unbounded formulation, diagonals are limited to
 * [-M, N] and a move that would leave the box is cut at its edge; the point
 * so reached is still reachable with d differences (one difference less
 * reaches its neighbour on the edge), so the values stay exact.  Costs only
 * grow along a diagonal, so when the forward d-path and the reverse
 * d'-path overlap on diagonal k (vr[k] <= vf[k]), every point between them
 * has forward cost <= d and reverse cost <= d': an optimal path of length
 * d + d' goes through it.  As in the paper, overlap is checked in the forward
 * pass when delta = N - M is odd (D = 2d - 1) and in the reverse pass when it
 * is even (D = 2d).
 *
 * A search that has not met in the middle after m->max_cost rounds (D above
 * 2·max_cost) stops there and splits at the point of its two frontiers that
 * got furthest from its corner.  Each half is smaller, the half on that
 * corner's side is solved exactly, and the whole diff stays valid but may be
 * longer than minimal; the time is O((N+M)·max_cost) instead of up to
 * O((N+M)^2) for two entirely different 256 KiB texts (over a minute). */
static void middle_snake(struct myers *m, long x0, long x1, long y0, long y1, long *xm,
                         long *ym)
{
    struct snake_box bx;
    long x, k;

    snake_start(&bx, m, x0, x1, y0, y1);
    for (long d = 1;; d++) {
        if (snake_forward(&bx, &x, &k) || snake_reverse(&bx, &x, &k)) {
            *xm = x0 + x;
            *ym = y0 + x - k;
            return;
        }
        if (d >= m->max_cost) {
            snake_furthest(&bx, x0, y0, xm, ym);
            return;
        }
    }
}

static void compare(struct myers *m, long x0, long x1, long y0, long y1)
{
    for (;;) {
        long xm = 0, ym = 0;   /* set by middle_snake */
        while (x0 < x1 && y0 < y1 && m->a[x0] == m->b[y0])
            x0++, y0++;
        while (x0 < x1 && y0 < y1 && m->a[x1 - 1] == m->b[y1 - 1])
            x1--, y1--;
        if (x0 == x1) {
            memset(m->cb + y0, 1, (size_t)(y1 - y0));
            return;
        }
        if (y0 == y1) {
            memset(m->ca + x0, 1, (size_t)(x1 - x0));
            return;
        }
        /* at least two differences are left here (one would have been
         * stripped above), so both halves are smaller */
        middle_snake(m, x0, x1, y0, y1, &xm, &ym);
        compare(m, x0, xm, y0, ym);
        x0 = xm;
        y0 = ym;
    }
}

/* ---- hunks and their cleanup ----------------------------------------------- */

/* A change: a[a .. a+da) replaced by b[b .. b+db); the tokens between two
 * hunks are equal. */
struct hunk {
    long a, da, b, db;
};

struct hunks {
    struct hunk *v;
    long n;
};

static void hunks_from_flags(const unsigned char *ca, long na, const unsigned char *cb,
                             long nb, struct hunks *h)
{
    long i = 0, j = 0, cap = 0;
    h->v = NULL;
    h->n = 0;
    while (i < na || j < nb) {
        if ((i < na && ca[i]) || (j < nb && cb[j])) {
            struct hunk x = { i, 0, j, 0 };
            while (i < na && ca[i])
                i++, x.da++;
            while (j < nb && cb[j])
                j++, x.db++;
            if (h->n == cap) {
                cap = cap ? 2 * cap : 16;
                h->v = xrealloc(h->v, (size_t)cap * sizeof(*h->v));
            }
            h->v[h->n++] = x;
        } else {
            i++;
            j++;
        }
    }
}

static void hunk_remove(struct hunks *h, long i)
{
    memmove(h->v + i, h->v + i + 1, (size_t)(h->n - i - 1) * sizeof(*h->v));
    h->n--;
}

/* How good [s, s+len) of t is as the extent of an inserted or deleted run:
 * one point for starting with a word (or at the start of the text), one for
 * ending in white space (or at the end). */
static int run_score(const struct toks *t, long s, long len)
{
    return (s == 0 || tok_is_word(t, s)) + (s + len == t->n || !tok_is_word(t, s + len - 1));
}

/* Slides pure insertions and deletions among the equivalent minimal scripts:
 * into a neighbouring hunk when the equal tokens between them allow it,
 * else to the best-reading place. */
static void slide_hunks(const struct toks *A, const struct toks *B, struct hunks *h)
{
    long i = 0;
    while (i < h->n) {
        struct hunk *c = &h->v[i];
        int del = c->db == 0;
        const struct toks *t;
        long s, len, before, after, l, r, best, bests;

        if ((c->da == 0) == (c->db == 0)) {   /* a replacement: stays */
            i++;
            continue;
        }
        t = del ? A : B;
        s = del ? c->a : c->b;
        len = del ? c->da : c->db;
        /* equal tokens before and after (same count in both texts) */
        before = i > 0 ? c->a - (h->v[i - 1].a + h->v[i - 1].da) : c->a;
        after = (i + 1 < h->n ? h->v[i + 1].a : A->n) - (c->a + c->da);
        for (l = 0; l < before && t->id[s - 1 - l] == t->id[s + len - 1 - l]; l++)
            ;
        for (r = 0; r < after && t->id[s + r] == t->id[s + len + r]; r++)
            ;
        if (l == before && i > 0) {
            struct hunk *p = &h->v[i - 1];
            /* slid back by l, the run touches the previous hunk */
            if (del)
                p->da += c->da;
            else
                p->db += c->db;
            hunk_remove(h, i);
            i--;   /* the merged hunk may slide on */
            continue;
        }
        if (r == after && i + 1 < h->n) {
            struct hunk *nx = &h->v[i + 1];
            if (del) {
                nx->a -= c->da;
                nx->da += c->da;
            } else {
                nx->b -= c->db;
                nx->db += c->db;
            }
            hunk_remove(h, i);
            continue;   /* look at the merged hunk (now at i) */
        }
        best = -1;
        bests = s;
        for (long p = s - l; p <= s + r; p++) {
            int sc = run_score(t, p, len);
            if (sc > best) {
                best = sc;
                bests = p;
            }
        }
        c->a += bests - s;
        c->b += bests - s;
        i++;
    }
}

/* ---- pieces -------------------------------------------------------------- */

struct pieces {
    struct word_diff *d;
    size_t cap;
};

static void add_piece(struct pieces *p, enum diff_op op, const char *s, size_t len)
{
    struct word_diff *d = p->d;
    if (len == 0)
        return;
    if (d->n > 0 && d->v[d->n - 1].op == op) {
        struct diff_piece *last = &d->v[d->n - 1];
        size_t old = strlen(last->text);
        last->text = xrealloc(last->text, old + len + 1);
        memcpy(last->text + old, s, len);
        last->text[old + len] = '\0';
        return;
    }
    if (d->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 8;
        d->v = xrealloc(d->v, p->cap * sizeof(*d->v));
    }
    d->v[d->n].op = op;
    d->v[d->n].text = xstrndup(s, len);
    d->n++;
}

/* Tokens [from, to) of t as one piece. */
static void add_range(struct pieces *p, enum diff_op op, const struct toks *t, long from,
                      long to)
{
    if (to > from)
        add_piece(p, op, t->s + t->off[from], t->off[to] - t->off[from]);
}

void word_diff(const char *a, const char *b, struct word_diff *out)
{
    struct toks A, B;
    struct myers m;
    struct hunks h;
    struct pieces p;
    long pa = 0, ntok, na, nb, *ia, *ib, *pos_a, *pos_b;
    unsigned char *in_a, *in_b, *ca, *cb;
    size_t vlen;

    memset(out, 0, sizeof(*out));
    tokenize(a ? a : "", &A);
    tokenize(b ? b : "", &B);
    ntok = number_tokens(&A, &B);
    in_a = xcalloc((size_t)ntok + 1, 1);
    in_b = xcalloc((size_t)ntok + 1, 1);
    for (long i = 0; i < A.n; i++)
        in_a[A.id[i]] = 1;
    for (long i = 0; i < B.n; i++)
        in_b[B.id[i]] = 1;
    na = matchable(&A, in_b, &ia, &pos_a);
    nb = matchable(&B, in_a, &ib, &pos_b);
    free(in_a);
    free(in_b);

    m.a = ia;
    m.b = ib;
    m.ca = xcalloc((size_t)na + 1, 1);
    m.cb = xcalloc((size_t)nb + 1, 1);
    /* diagonals -M-1 .. N+1 of any sub-box */
    vlen = (size_t)na + (size_t)nb + 3;
    m.voff = nb + 1;
    m.vf = xmalloc(vlen * sizeof(long));
    m.vr = xmalloc(vlen * sizeof(long));
    /* exact up to 2·max_cost differences; at least 256, more for long texts */
    m.max_cost = 256;
    while (m.max_cost * m.max_cost < na + nb)
        m.max_cost *= 2;
    compare(&m, 0, na, 0, nb);
    free(m.vf);
    free(m.vr);
    ca = expand_flags(&A, pos_a, na, m.ca);
    cb = expand_flags(&B, pos_b, nb, m.cb);
    free(m.ca);
    free(m.cb);
    free(ia);
    free(ib);
    free(pos_a);
    free(pos_b);

    hunks_from_flags(ca, A.n, cb, B.n, &h);
    free(ca);
    free(cb);
    slide_hunks(&A, &B, &h);

    p.d = out;
    p.cap = 0;
    for (long i = 0; i < h.n; i++) {
        const struct hunk *c = &h.v[i];
        add_range(&p, DIFF_EQUAL, &A, pa, c->a);
        add_range(&p, DIFF_DELETE, &A, c->a, c->a + c->da);
        add_range(&p, DIFF_INSERT, &B, c->b, c->b + c->db);
        pa = c->a + c->da;
    }
    add_range(&p, DIFF_EQUAL, &A, pa, A.n);

    free(h.v);
    free(A.off);
    free(A.id);
    free(B.off);
    free(B.id);
}

void word_diff_release(struct word_diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].text);
    free(d->v);
    d->v = NULL;
    d->n = 0;
}

int word_diff_changed(const struct word_diff *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].op != DIFF_EQUAL)
            return 1;
    return 0;
}
