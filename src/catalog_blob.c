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
 * The blob is the catalogue's fields in the order of struct catalog:
 * numbers as 4 or 8 bytes little-endian, a string as its length + 1
 * (0: NULL) and its bytes with their '\0', an array as its length
 * (0xffffffff: NULL) and its elements.  catalog_blob_read makes the arrays
 * catalog_parse makes (one element longer, as catalog_free expects), but its
 * strings point into the blob, which must outlive the catalogue (the bundled
 * one is part of the program): copying them was 230 kB of the heap and a
 * tenth of the instructions before the first frame.  catalog_free knows
 * (cat->borrowed).  A field added to the structs
 * must be added here too: the sizes checked below fail the build until it
 * is. */
#include "catalog.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define BLOB_MAGIC 0x32424343u   /* "CCB2" */
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

static void put_u32(struct sbuf *b, uint32_t v)
{
    unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24) };
    sbuf_add(b, c, 4);
}

static void put_u64(struct sbuf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

static void put_str(struct sbuf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_u32(b, s ? (uint32_t)n + 1 : 0);
    if (s)
        sbuf_add(b, s, n + 1);   /* with its '\0': the catalogue read points at it */
}

static void put_l10n(struct sbuf *b, const struct l10n *t)
{
    for (int l = 0; l < LANG_COUNT; l++)
        put_str(b, t->s[l]);
}

static void put_strlist(struct sbuf *b, const struct strlist *l)
{
    put_u32(b, (uint32_t)l->n);
    for (size_t i = 0; i < l->n; i++)
        put_str(b, l->v[i]);
}

/* An array's length, or BLOB_NULL for none. */
static void put_len(struct sbuf *b, const void *arr, size_t n)
{
    put_u32(b, arr ? (uint32_t)n : BLOB_NULL);
}

static void put_l10n_array(struct sbuf *b, const struct l10n *a, size_t n)
{
    put_len(b, a, n);
    for (size_t i = 0; a && i < n; i++)
        put_l10n(b, &a[i]);
}

static void put_question(struct sbuf *b, const struct cat_question *q)
{
    put_str(b, q->id);
    put_u32(b, (uint32_t)q->number);
    put_u64(b, q->section);
    put_l10n(b, &q->title);
    put_l10n(b, &q->text);
    put_len(b, q->fields, q->nfields);
    for (size_t f = 0; q->fields && f < q->nfields; f++) {
        const struct cat_field *fd = &q->fields[f];
        put_str(b, fd->id);
        put_u32(b, (uint32_t)fd->type);
        put_l10n(b, &fd->label);
        put_u64(b, (uint64_t)fd->when_field);
        put_u32(b, fd->when_is);
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        put_strlist(b, &q->help[l].asks);
        put_strlist(b, &q->help[l].why);
        put_strlist(b, &q->help[l].check);
        put_strlist(b, &q->help[l].who);
    }
    put_strlist(b, &q->refs);
    put_strlist(b, &q->related);
}

void catalog_blob_write(const struct catalog *cat, struct sbuf *b)
{
    put_u32(b, BLOB_MAGIC);
    put_str(b, cat->id);
    put_str(b, cat->version);
    for (int l = 0; l < LANG_COUNT; l++)
        put_u32(b, (uint32_t)cat->langs[l]);
    put_l10n(b, &cat->title);
    put_l10n(b, &cat->short_title);
    put_l10n(b, &cat->issuer);
    put_l10n(b, &cat->stand);
    put_l10n(b, &cat->source);
    put_l10n(b, &cat->note_title);
    put_l10n_array(b, cat->note_paras, cat->nnote_paras);
    put_len(b, cat->footnotes, cat->nfootnotes);
    for (size_t i = 0; cat->footnotes && i < cat->nfootnotes; i++) {
        put_str(b, cat->footnotes[i].mark);
        put_str(b, cat->footnotes[i].resource);
    }
    put_l10n_array(b, cat->note_closing, cat->nnote_closing);
    put_strlist(b, &cat->note_further);
    put_l10n(b, &cat->further_intro);
    put_l10n(b, &cat->resources_intro);
    put_strlist(b, &cat->resources_list);
    put_l10n(b, &cat->kept_as_is);
    put_l10n(b, &cat->purpose_intro);
    put_l10n(b, &cat->purpose_emphasis);
    put_l10n_array(b, cat->purpose_items, cat->npurpose_items);
    put_l10n_array(b, cat->purpose_closing, cat->npurpose_closing);
    put_len(b, cat->sections, cat->nsections);
    for (size_t i = 0; cat->sections && i < cat->nsections; i++) {
        put_str(b, cat->sections[i].id);
        put_l10n(b, &cat->sections[i].title);
        put_u64(b, cat->sections[i].first);
        put_u64(b, cat->sections[i].count);
    }
    put_len(b, cat->questions, cat->nquestions);
    for (size_t i = 0; cat->questions && i < cat->nquestions; i++)
        put_question(b, &cat->questions[i]);
    put_len(b, cat->resources, cat->nresources);
    for (size_t i = 0; cat->resources && i < cat->nresources; i++) {
        const struct cat_resource *r = &cat->resources[i];
        put_str(b, r->id);
        put_l10n(b, &r->title);
        put_str(b, r->url);
        put_str(b, r->kind);
        put_u32(b, (uint32_t)r->title_added);
        put_u32(b, (uint32_t)r->url_added);
        put_l10n(b, &r->remark);
    }
}

/* ---- reading ---- */

struct rd {
    const unsigned char *p, *end;
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

/* A string of the blob, where it is (the catalogue borrows it). */
static char *get_str(struct rd *r)
{
    uint32_t n = get_u32(r);
    char *s;
    if (n == 0 || r->bad)
        return NULL;
    if ((size_t)(r->end - r->p) < n || r->p[n - 1] != '\0') {
        r->bad = 1;
        return NULL;
    }
    s = (char *)(uintptr_t)r->p;
    r->p += n;
    return s;
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

int catalog_blob_read(const unsigned char *blob, size_t len, const char *path, struct catalog **out)
{
    struct rd r = { blob, blob + len, 0 };
    struct catalog *cat;
    *out = NULL;
    if (get_u32(&r) != BLOB_MAGIC)
        return -1;
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

/* ---- the bundled catalogue ---- */

void catalog_text_digest(const void *text, size_t len, uint64_t out[2])
{
    XXH128_hash_t h = XXH3_128bits(text, len);
    out[0] = h.low64;
    out[1] = h.high64;
}

/* (Not fs_digest_at, which reads the same way: that one refuses a symbolic
 * link, and an installed catalogue may be one.) */
int catalog_builtin_file(const char *path, struct catalog **out)
{
    unsigned char chunk[16384];
    struct stat st;
    XXH3_state_t *s;
    XXH128_hash_t h;
    size_t seen = 0;
    int fd, same = 0;
    *out = NULL;
    if (catalog_builtin_text_len == 0)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (uintmax_t)st.st_size != (uintmax_t)catalog_builtin_text_len || !(s = XXH3_createState())) {
        close(fd);
        return 0;
    }
    XXH3_128bits_reset(s);
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            same = n == 0;
            break;
        }
        seen += (size_t)n;
        XXH3_128bits_update(s, chunk, (size_t)n);
    }
    close(fd);
    h = XXH3_128bits_digest(s);
    XXH3_freeState(s);
    if (!same || seen != catalog_builtin_text_len || h.low64 != catalog_builtin_text_digest[0] ||
        h.high64 != catalog_builtin_text_digest[1])
        return 0;
    return catalog_blob_read(catalog_builtin_blob, catalog_builtin_blob_len, path, out) == 0;
}
