/* catalog_blob.c — a catalogue as a flat blob, and the bundled catalogue
 * compiled into the program.  See catalog.h.
 *
 * Reading and checking the bundled catalogue (catalog/bmbf-china-2024.json,
 * 265 kB) was two thirds of the work before the interface's first frame.
 * The build reads it once with catalog_parse (every check a user's file
 * gets) and compiles into the program both the file's exact bytes and the
 * catalogue it yields, written by catalog_blob_write (build/gen/
 * catalog_builtin.c, made by scripts/catalog_builtin.c).  catalog_load_file
 * compares a file with that one by its length and a 128-bit digest (XXH3-
 * 128, libxxhash), read in small pieces: only a file that is the one
 * checked at build time is taken from the blob (a fraction of the time);
 * any other file, however small the difference, is read and checked as
 * before.  So no check is skipped for a file a user supplies, and the blob
 * is part of the program, not a cache a user could change.  (The digest
 * replaced a comparison with the file's bytes compiled in: those 265 kB and
 * a copy of the file were in memory at every start, a sixth of the
 * program's.  XXH3 is not built against a forger; a file forged to the
 * same digest would get the bundled, checked catalogue — the official
 * text — not its own, which gains a forger nothing.)
 *
 * The blob is "CCB3", the offset of its string pool, then the catalogue's
 * fields in the order of struct catalog: numbers as 4 or 8 bytes
 * little-endian, a string as a reference (0: NULL, else its offset in the
 * pool + 1), an array as its length (0xffffffff: NULL) and its elements; then
 * the pool, each string with its '\0', those a first frame shows (ids,
 * titles, section titles) first, the rest in the order of the fields.  With
 * the strings apart from the fields, reading the blob touches only the
 * fields' pages (strings between the lengths had made every start touch all
 * 225 kB: half of catalog_blob_read's 0.11 ms, and pages the peak RSS
 * counts).  The reader checks that every reference lies in the pool and that
 * the pool ends in a '\0' (for the bundled blob the build did, so a start
 * does not touch its last page), so no string can run past the blob; that each
 * string ends where the next begins is the build's check (scripts/
 * catalog_builtin.c reads the blob back and compares).  catalog_blob_read makes the arrays
 * catalog_parse makes (one element longer, as catalog_free expects), but its
 * strings point into the blob, which must outlive the catalogue (the bundled
 * one is part of the program): copying them was 230 kB of the heap and a
 * tenth of the instructions before the first frame.  catalog_free knows
 * (cat->borrowed).  A field added to the structs
 * must be added here too: the sizes checked below fail the build until it
 * is. */
#include "catalog.h"
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOB_MAGIC 0x33424343u   /* "CCB3" */
#define BLOB_NULL 0xffffffffu

#if UINTPTR_MAX == 0xffffffffffffffffu && UINT_MAX == 0xffffffffu
/* The structs' sizes on LP64 when this file was written: a new field
 * changes one.  Then add the field to put_* and get_* below, and the size
 * here. */
_Static_assert(sizeof(struct catalog) == 376, "struct catalog changed: update catalog_blob.c");
_Static_assert(sizeof(struct cat_question) == 232, "struct cat_question changed: update catalog_blob.c");
_Static_assert(sizeof(struct cat_field) == 48, "struct cat_field changed: update catalog_blob.c");
_Static_assert(sizeof(struct cat_section) == 40, "struct cat_section changed: update catalog_blob.c");
_Static_assert(sizeof(struct cat_resource) == 64, "struct cat_resource changed: update catalog_blob.c");
_Static_assert(sizeof(struct cat_footnote) == 16, "struct cat_footnote changed: update catalog_blob.c");
_Static_assert(sizeof(struct cat_help) == 64, "struct cat_help changed: update catalog_blob.c");
#endif

/* ---- writing ---- */

/* The blob being written: its header and fields, and its strings in two
 * pools, those a first frame shows (hot) before the rest.  A cold string's
 * reference is known only once the hot pool is complete: fix lists where
 * each goes and its offset in the cold pool. */
struct bw {
    struct sbuf st, hot, cold;
    struct { size_t at; size_t off; } *fix;
    size_t nfix, cap;
};

static void set_u32(unsigned char *c, uint32_t v)
{
    c[0] = (unsigned char)v;
    c[1] = (unsigned char)(v >> 8);
    c[2] = (unsigned char)(v >> 16);
    c[3] = (unsigned char)(v >> 24);
}

static void put_u32(struct bw *w, uint32_t v)
{
    unsigned char c[4];
    set_u32(c, v);
    sbuf_add(&w->st, c, 4);
}

static void put_u64(struct bw *w, uint64_t v)
{
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

/* A string: 0 for NULL, else its offset in the pool + 1; its bytes and its
 * '\0' into the pool (the catalogue read points at them). */
static void put_ref(struct bw *w, const char *s, int hot)
{
    struct sbuf *pool = hot ? &w->hot : &w->cold;
    if (!s) {
        put_u32(w, 0);
        return;
    }
    if (!hot) {
        if (w->nfix == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 256;
            w->fix = xrealloc(w->fix, w->cap * sizeof(*w->fix));
        }
        w->fix[w->nfix].at = w->st.len;
        w->fix[w->nfix++].off = pool->len;
    }
    put_u32(w, (uint32_t)pool->len + 1);   /* a cold one's is set at the end */
    sbuf_add(pool, s, strlen(s) + 1);
}

static void put_str(struct bw *w, const char *s)
{
    put_ref(w, s, 0);
}

static void put_l10n_in(struct bw *w, const struct l10n *t, int hot)
{
    for (int l = 0; l < LANG_COUNT; l++)
        put_ref(w, t->s[l], hot);
}

static void put_l10n(struct bw *w, const struct l10n *t)
{
    put_l10n_in(w, t, 0);
}

static void put_strlist(struct bw *w, const struct strlist *l)
{
    put_u32(w, (uint32_t)l->n);
    for (size_t i = 0; i < l->n; i++)
        put_str(w, l->v[i]);
}

/* An array's length, or BLOB_NULL for none. */
static void put_len(struct bw *w, const void *arr, size_t n)
{
    put_u32(w, arr ? (uint32_t)n : BLOB_NULL);
}

static void put_l10n_array(struct bw *w, const struct l10n *a, size_t n)
{
    put_len(w, a, n);
    for (size_t i = 0; a && i < n; i++)
        put_l10n(w, &a[i]);
}

static void put_question(struct bw *w, const struct cat_question *q)
{
    put_ref(w, q->id, 1);
    put_u32(w, (uint32_t)q->number);
    put_u64(w, q->section);
    put_l10n_in(w, &q->title, 1);
    put_l10n(w, &q->text);
    put_len(w, q->fields, q->nfields);
    for (size_t f = 0; q->fields && f < q->nfields; f++) {
        const struct cat_field *fd = &q->fields[f];
        put_ref(w, fd->id, 1);
        put_u32(w, (uint32_t)fd->type);
        put_l10n(w, &fd->label);
        put_u64(w, (uint64_t)fd->when_field);
        put_u32(w, fd->when_is);
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        put_strlist(w, &q->help[l].asks);
        put_strlist(w, &q->help[l].why);
        put_strlist(w, &q->help[l].check);
        put_strlist(w, &q->help[l].who);
    }
    put_strlist(w, &q->refs);
    put_strlist(w, &q->related);
}

static void put_catalog(struct bw *w, const struct catalog *cat)

{
    put_ref(w, cat->id, 1);
    put_str(w, cat->version);
    for (int l = 0; l < LANG_COUNT; l++)
        put_u32(w, (uint32_t)cat->langs[l]);
    put_l10n_in(w, &cat->title, 1);
    put_l10n_in(w, &cat->short_title, 1);
    put_l10n(w, &cat->issuer);
    put_l10n(w, &cat->stand);
    put_l10n(w, &cat->source);
    put_l10n(w, &cat->note_title);
    put_l10n_array(w, cat->note_paras, cat->nnote_paras);
    put_len(w, cat->footnotes, cat->nfootnotes);
    for (size_t i = 0; cat->footnotes && i < cat->nfootnotes; i++) {
        put_str(w, cat->footnotes[i].mark);
        put_str(w, cat->footnotes[i].resource);
    }
    put_l10n_array(w, cat->note_closing, cat->nnote_closing);
    put_strlist(w, &cat->note_further);
    put_l10n(w, &cat->further_intro);
    put_l10n(w, &cat->resources_intro);
    put_strlist(w, &cat->resources_list);
    put_l10n(w, &cat->kept_as_is);
    put_l10n(w, &cat->purpose_intro);
    put_l10n(w, &cat->purpose_emphasis);
    put_l10n_array(w, cat->purpose_items, cat->npurpose_items);
    put_l10n_array(w, cat->purpose_closing, cat->npurpose_closing);
    put_len(w, cat->sections, cat->nsections);
    for (size_t i = 0; cat->sections && i < cat->nsections; i++) {
        put_str(w, cat->sections[i].id);
        put_l10n_in(w, &cat->sections[i].title, 1);
        put_u64(w, cat->sections[i].first);
        put_u64(w, cat->sections[i].count);
    }
    put_len(w, cat->questions, cat->nquestions);
    for (size_t i = 0; cat->questions && i < cat->nquestions; i++)
        put_question(w, &cat->questions[i]);
    put_len(w, cat->resources, cat->nresources);
    for (size_t i = 0; cat->resources && i < cat->nresources; i++) {
        const struct cat_resource *r = &cat->resources[i];
        put_str(w, r->id);
        put_l10n(w, &r->title);
        put_str(w, r->url);
        put_str(w, r->kind);
        put_u32(w, (uint32_t)r->title_added);
        put_u32(w, (uint32_t)r->url_added);
        put_l10n(w, &r->remark);
    }
}

void catalog_blob_write(const struct catalog *cat, struct sbuf *b)
{
    struct bw w = { 0 };
    sbuf_init(&w.st);
    sbuf_init(&w.hot);
    sbuf_init(&w.cold);
    put_u32(&w, BLOB_MAGIC);
    put_u32(&w, 0);   /* the pool's offset, set below */
    put_catalog(&w, cat);
    if (w.hot.len + w.cold.len == 0)
        sbuf_addc(&w.cold, '\0');   /* the pool ends in a '\0' */
    for (size_t i = 0; i < w.nfix; i++)
        set_u32((unsigned char *)w.st.buf + w.fix[i].at,
                (uint32_t)(w.hot.len + w.fix[i].off + 1));
    set_u32((unsigned char *)w.st.buf + 4, (uint32_t)w.st.len);
    sbuf_add(b, w.st.buf, w.st.len);
    sbuf_add(b, w.hot.buf, w.hot.len);
    sbuf_add(b, w.cold.buf, w.cold.len);
    sbuf_release(&w.st);
    sbuf_release(&w.hot);
    sbuf_release(&w.cold);
    free(w.fix);
}

/* ---- reading ---- */

struct rd {
    const unsigned char *p, *end;    /* the fields */
    const unsigned char *pool;       /* the strings, ending in a '\0' */
    size_t pool_len;
    int bad;
};

static uint32_t get_u32(struct rd *r)
{
    uint32_t v;
    if (r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

static uint64_t get_u64(struct rd *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

/* A string of the blob, where it is in the pool (the catalogue borrows it).
 * Only its reference is read: the text stays untouched until it is shown
 * (its pages are not even mapped before).  A reference within the pool
 * always ends at a '\0', the pool's last byte at the latest. */
static char *get_str(struct rd *r)
{
    uint32_t ref = get_u32(r);
    if (ref == 0 || r->bad)
        return NULL;
    if ((size_t)ref - 1 >= r->pool_len) {
        r->bad = 1;
        return NULL;
    }
    return (char *)(uintptr_t)(r->pool + ref - 1);
}

static void get_l10n(struct rd *r, struct l10n *t)
{
    for (int l = 0; l < LANG_COUNT; l++)
        t->s[l] = get_str(r);
}

static void get_strlist(struct rd *r, struct strlist *l)
{
    uint32_t n = get_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        char *s = get_str(r);
        if (!s) {
            r->bad = 1;
            break;
        }
        strlist_push_owned(l, s);
    }
}

/* An array of n elements of size sz (one more, zeroed, as catalog_parse
 * allocates them), or NULL; *n its length. */
static void *get_array(struct rd *r, size_t sz, size_t *n)
{
    uint32_t len = get_u32(r);
    *n = 0;
    if (len == BLOB_NULL || r->bad)
        return NULL;
    if ((size_t)(r->end - r->p) < len) {   /* every element takes a byte at least */
        r->bad = 1;
        return NULL;
    }
    *n = len;
    return xcalloc((size_t)len + 1, sz);
}

static struct l10n *get_l10n_array(struct rd *r, size_t *n)
{
    struct l10n *a = get_array(r, sizeof(*a), n);
    for (size_t i = 0; a && i < *n; i++)
        get_l10n(r, &a[i]);
    return a;
}

static void get_question(struct rd *r, struct cat_question *q)
{
    q->id = get_str(r);
    q->number = (int)get_u32(r);
    q->section = (size_t)get_u64(r);
    get_l10n(r, &q->title);
    get_l10n(r, &q->text);
    q->fields = get_array(r, sizeof(*q->fields), &q->nfields);
    for (size_t f = 0; q->fields && f < q->nfields; f++) {
        struct cat_field *fd = &q->fields[f];
        fd->id = get_str(r);
        fd->type = get_u32(r) == FIELD_TEXT ? FIELD_TEXT : FIELD_YESNO;
        get_l10n(r, &fd->label);
        fd->when_field = (long)get_u64(r);
        fd->when_is = get_u32(r);
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        get_strlist(r, &q->help[l].asks);
        get_strlist(r, &q->help[l].why);
        get_strlist(r, &q->help[l].check);
        get_strlist(r, &q->help[l].who);
    }
    get_strlist(r, &q->refs);
    get_strlist(r, &q->related);
}

static void get_catalog(struct rd *r, struct catalog *cat)
{
    cat->id = get_str(r);
    cat->version = get_str(r);
    for (int l = 0; l < LANG_COUNT; l++)
        cat->langs[l] = get_u32(r) != 0;
    get_l10n(r, &cat->title);
    get_l10n(r, &cat->short_title);
    get_l10n(r, &cat->issuer);
    get_l10n(r, &cat->stand);
    get_l10n(r, &cat->source);
    get_l10n(r, &cat->note_title);
    cat->note_paras = get_l10n_array(r, &cat->nnote_paras);
    cat->footnotes = get_array(r, sizeof(*cat->footnotes), &cat->nfootnotes);
    for (size_t i = 0; cat->footnotes && i < cat->nfootnotes; i++) {
        cat->footnotes[i].mark = get_str(r);
        cat->footnotes[i].resource = get_str(r);
    }
    cat->note_closing = get_l10n_array(r, &cat->nnote_closing);
    get_strlist(r, &cat->note_further);
    get_l10n(r, &cat->further_intro);
    get_l10n(r, &cat->resources_intro);
    get_strlist(r, &cat->resources_list);
    get_l10n(r, &cat->kept_as_is);
    get_l10n(r, &cat->purpose_intro);
    get_l10n(r, &cat->purpose_emphasis);
    cat->purpose_items = get_l10n_array(r, &cat->npurpose_items);
    cat->purpose_closing = get_l10n_array(r, &cat->npurpose_closing);
    cat->sections = get_array(r, sizeof(*cat->sections), &cat->nsections);
    for (size_t i = 0; cat->sections && i < cat->nsections; i++) {
        cat->sections[i].id = get_str(r);
        get_l10n(r, &cat->sections[i].title);
        cat->sections[i].first = (size_t)get_u64(r);
        cat->sections[i].count = (size_t)get_u64(r);
    }
    cat->questions = get_array(r, sizeof(*cat->questions), &cat->nquestions);
    for (size_t i = 0; cat->questions && i < cat->nquestions; i++)
        get_question(r, &cat->questions[i]);
    cat->resources = get_array(r, sizeof(*cat->resources), &cat->nresources);
    for (size_t i = 0; cat->resources && i < cat->nresources; i++) {
        struct cat_resource *res = &cat->resources[i];
        res->id = get_str(r);
        get_l10n(r, &res->title);
        res->url = get_str(r);
        res->kind = get_str(r);
        res->title_added = get_u32(r) != 0;
        res->url_added = get_u32(r) != 0;
        get_l10n(r, &res->remark);
    }
}

/* end_known: the caller knows the blob ends in a '\0' (the bundled one, which
 * the build read back with every check), so its last page need not be read. */
static int blob_read(const unsigned char *blob, size_t len, const char *path, int end_known,
                     struct catalog **out)
{
    struct rd r = { blob, blob + len, NULL, 0, 0 };
    struct catalog *cat;
    uint32_t pool_off;
    *out = NULL;
    if (get_u32(&r) != BLOB_MAGIC)
        return -1;
    pool_off = get_u32(&r);
    if (r.bad || pool_off < 8 || pool_off >= len ||
        (!end_known && blob[len - 1] != '\0'))
        return -1;
    r.end = blob + pool_off;
    r.pool = blob + pool_off;
    r.pool_len = len - pool_off;
    cat = xcalloc(1, sizeof(*cat));
    cat->borrowed = 1;
    get_catalog(&r, cat);
    /* the whole blob read, every section's questions within the list */
    for (size_t i = 0; !r.bad && i < cat->nsections; i++)
        if (cat->sections[i].first > cat->nquestions ||
            cat->sections[i].count > cat->nquestions - cat->sections[i].first)
            r.bad = 1;
    for (size_t i = 0; !r.bad && i < cat->nquestions; i++)
        if (cat->questions[i].section >= cat->nsections)
            r.bad = 1;
    if (r.bad || r.p != r.end || !cat->id) {
        catalog_free(cat);
        return -1;
    }
    cat->path = xstrdup(path);
    *out = cat;
    return 0;
}

int catalog_blob_read(const unsigned char *blob, size_t len, const char *path, struct catalog **out)
{
    return blob_read(blob, len, path, 0, out);
}

/* ---- the bundled catalogue ---- */

void catalog_text_digest(const void *text, size_t len, uint64_t out[2])
{
    digest128_of(text, len, out);
}

/* (Not fs_digest_at, which reads the same way: that one refuses a symbolic
 * link, and an installed catalogue may be one.) */
int catalog_builtin_file(const char *path, struct catalog **out)
{
    unsigned char chunk[16384];
    struct stat st;
    struct digest128 *s;
    uint64_t h[2];
    size_t seen = 0;
    int fd, same = 0;
    *out = NULL;
    if (catalog_builtin_text_len == 0)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (uintmax_t)st.st_size != (uintmax_t)catalog_builtin_text_len || !(s = digest128_new())) {
        close(fd);
        return 0;
    }
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            same = n == 0;
            break;
        }
        seen += (size_t)n;
        digest128_update(s, chunk, (size_t)n);
    }
    close(fd);
    digest128_final(s, h);
    digest128_free(s);
    if (!same || seen != catalog_builtin_text_len || h[0] != catalog_builtin_text_digest[0] ||
        h[1] != catalog_builtin_text_digest[1])
        return 0;
    /* scripts/catalog_builtin.c read this blob back with catalog_blob_read:
     * it ends in a '\0'.  Checking again would map the blob's last 64 KiB
     * (the kernel maps the pages around a fault), which nothing else reads. */
    return blob_read(catalog_builtin_blob, catalog_builtin_blob_len, path, 1, out) == 0;
}
