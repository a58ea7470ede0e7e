/* lists_index.c — the on-disk index of an installed list (see lists_int.h). */
#include "lindex.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "sha256.h"

#define LIDX_MAGIC "CCLIDX01"
/* A key filed under more names than this is too common to look up by when
 * the alias has rarer keys; with none, only its rarest key is used. */
#define KEY_CAP 1500

struct lidx_header {
    char magic[8];
    uint64_t nentries, nnames, nkeys, npost;
    uint64_t off_entries, off_names, off_keys, off_post, off_blob, blob_len;
};
struct lidx_entry {
    uint64_t off;
    uint32_t len, pad;
};
struct lidx_name {
    uint64_t off;
    uint32_t entry, len;
};
struct lidx_key {
    uint64_t hash;
    uint32_t start, count;
};
struct pair {
    uint64_t hash;
    uint32_t name;
};

struct lindex {
    const unsigned char *map;
    size_t size;
    struct lidx_header h;
    const struct lidx_entry *entries;
    const struct lidx_name *names;
    const struct lidx_key *keys;
    const uint32_t *post;
    const char *blob;
};

uint64_t lindex_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* ---- building ---- */

struct builder {
    FILE *blob;              /* the blob, written as entries come */
    uint64_t blob_len;
    struct lidx_entry *entries;
    size_t nentries, cap_entries;
    struct lidx_name *names;
    size_t nnames, cap_names;
    struct pair *pairs;
    size_t npairs, cap_pairs;
    int write_failed;
};

static uint64_t blob_put(struct builder *b, const char *s, size_t len)
{
    uint64_t off = b->blob_len;
    if (len && fwrite(s, 1, len, b->blob) != len)
        b->write_failed = 1;
    b->blob_len += len;
    return off;
}

static void add_name(struct builder *b, const char *s, uint32_t entry)
{
    struct name_form f;
    struct strlist keys = { 0 };
    size_t len = strlen(s);
    uint32_t ni = (uint32_t)b->nnames;
    if (b->nnames == b->cap_names) {
        b->cap_names = b->cap_names ? 2 * b->cap_names : 1024;
        b->names = xrealloc(b->names, b->cap_names * sizeof(*b->names));
    }
    b->names[b->nnames].off = blob_put(b, s, len);
    b->names[b->nnames].entry = entry;
    b->names[b->nnames].len = (uint32_t)len;
    b->nnames++;
    if (name_normalize(s, &f) == 0)
        name_keys(&f, 0, &keys);
    name_form_release(&f);
    for (size_t k = 0; k < keys.n; k++) {
        if (b->npairs == b->cap_pairs) {
            b->cap_pairs = b->cap_pairs ? 2 * b->cap_pairs : 4096;
            b->pairs = xrealloc(b->pairs, b->cap_pairs * sizeof(*b->pairs));
        }
        b->pairs[b->npairs].hash = lindex_hash(keys.v[k]);
        b->pairs[b->npairs].name = ni;
        b->npairs++;
    }
    strlist_release(&keys);
}

static void record_text(struct sbuf *sb, const struct list_entry *e)
{
    sbuf_addf(sb, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%zu\x1f", e->id, e->name,
              e->category ? e->category : "", e->note ? e->note : "", e->url ? e->url : "",
              e->line);
    for (size_t i = 0; i < e->aliases.n; i++) {
        if (i)
            sbuf_addc(sb, '\x1e');
        sbuf_adds(sb, e->aliases.v[i]);
    }
}

static int on_entry(const struct list_entry *e, void *arg)
{
    struct builder *b = arg;
    struct sbuf sb;
    uint32_t ei = (uint32_t)b->nentries;
    if (b->nentries == UINT32_MAX - 1 || b->nnames + e->aliases.n + 1 >= UINT32_MAX)
        return -2;
    sbuf_init(&sb);
    record_text(&sb, e);
    if (b->nentries == b->cap_entries) {
        b->cap_entries = b->cap_entries ? 2 * b->cap_entries : 1024;
        b->entries = xrealloc(b->entries, b->cap_entries * sizeof(*b->entries));
    }
    b->entries[ei].off = blob_put(b, sb.buf, sb.len);
    b->entries[ei].len = (uint32_t)sb.len;
    b->entries[ei].pad = 0;
    b->nentries++;
    sbuf_release(&sb);
    add_name(b, e->name, ei);
    for (size_t i = 0; i < e->aliases.n; i++)
        add_name(b, e->aliases.v[i], ei);
    return b->write_failed ? -3 : 0;
}

static int pair_cmp(const void *pa, const void *pb)
{
    const struct pair *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->name < b->name ? -1 : a->name > b->name;
}

static int write_all(FILE *f, const void *p, size_t len)
{
    return len == 0 || fwrite(p, 1, len, f) == len ? 0 : -1;
}

/* Writes the tables and copies the blob after them. */
static int write_index(struct builder *b, FILE *out)
{
    struct lidx_header h;
    struct lidx_key *keys = NULL;
    uint32_t *post = xmalloc((b->npairs ? b->npairs : 1) * sizeof(*post));
    size_t nkeys = 0, npost = 0;
    char buf[65536];
    size_t got;
    int rc = 0;

    qsort(b->pairs, b->npairs, sizeof(*b->pairs), pair_cmp);
    keys = xmalloc((b->npairs ? b->npairs : 1) * sizeof(*keys));
    for (size_t i = 0; i < b->npairs; i++) {
        if (i && b->pairs[i].hash == b->pairs[i - 1].hash && b->pairs[i].name == b->pairs[i - 1].name)
            continue;
        if (!nkeys || keys[nkeys - 1].hash != b->pairs[i].hash) {
            keys[nkeys].hash = b->pairs[i].hash;
            keys[nkeys].start = (uint32_t)npost;
            keys[nkeys].count = 0;
            nkeys++;
        }
        keys[nkeys - 1].count++;
        post[npost++] = b->pairs[i].name;
    }
    memset(&h, 0, sizeof(h));
    memcpy(h.magic, LIDX_MAGIC, 8);
    h.nentries = b->nentries;
    h.nnames = b->nnames;
    h.nkeys = nkeys;
    h.npost = npost;
    h.off_entries = sizeof(h);
    h.off_names = h.off_entries + b->nentries * sizeof(*b->entries);
    h.off_keys = h.off_names + b->nnames * sizeof(*b->names);
    h.off_post = h.off_keys + nkeys * sizeof(*keys);
    h.off_blob = h.off_post + npost * sizeof(*post);
    h.blob_len = b->blob_len;
    if (write_all(out, &h, sizeof(h)) || write_all(out, b->entries, b->nentries * sizeof(*b->entries))
        || write_all(out, b->names, b->nnames * sizeof(*b->names))
        || write_all(out, keys, nkeys * sizeof(*keys)) || write_all(out, post, npost * sizeof(*post)))
        rc = -1;
    if (fflush(b->blob) != 0 || fseek(b->blob, 0, SEEK_SET) != 0)
        rc = -1;
    while (rc == 0 && (got = fread(buf, 1, sizeof(buf), b->blob)) > 0)
        rc = write_all(out, buf, got);
    if (ferror(b->blob))
        rc = -1;
    free(keys);
    free(post);
    return rc;
}

int lindex_build(enum list_format f, const char *data, size_t len, const char *path,
                 const char *out_path, struct list_about *about, size_t *entries, size_t *names,
                 struct cc_err *err)
{
    struct builder b;
    FILE *out = NULL;
    int fd, rc;

    memset(&b, 0, sizeof(b));
    b.blob = tmpfile();
    if (!b.blob)
        return cc_error_code(err, errno, _("cannot make a temporary file for the index of %s: %s"),
                             path, strerror(errno));
    rc = list_parse(f, data, len, path, on_entry, &b, about, err);
    if (rc == -2)
        cc_error(err, _("%s: too many entries or names for one list (at most %u)"), path,
                 UINT32_MAX - 2);
    else if (rc == -3 || (rc == 0 && b.write_failed))
        cc_error(err, _("cannot write the index of %s: %s (is the disk full?)"), path,
                 strerror(errno));
    if (rc == 0 && b.write_failed)
        rc = -1;
    if (rc == 0) {
        fd = open(out_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        out = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (!out) {
            rc = cc_error_code(err, errno, _("cannot create %s: %s"), out_path, strerror(errno));
            if (fd >= 0)
                close(fd);
        } else if (write_index(&b, out) != 0 || fflush(out) != 0 || fsync(fileno(out)) != 0) {
            rc = cc_error_code(err, errno, _("cannot write %s: %s (is the disk full?)"), out_path,
                               strerror(errno));
        }
        if (out && fclose(out) != 0 && rc == 0)
            rc = cc_error_code(err, errno, _("cannot write %s: %s"), out_path, strerror(errno));
        if (rc != 0 && (out || fd >= 0))
            unlink(out_path);
    }
    if (rc == 0) {
        *entries = b.nentries;
        *names = b.nnames;
    }
    fclose(b.blob);
    free(b.entries);
    free(b.names);
    free(b.pairs);
    return rc == 0 ? 0 : -1;
}

/* ---- reading ---- */

static int section_ok(const struct lindex *x, uint64_t off, uint64_t n, size_t size)
{
    return off <= x->size && (size == 0 || n <= (x->size - off) / size);
}

int lindex_open(const char *path, struct lindex **out, struct cc_err *err)
{
    struct lindex *x;
    struct stat st;
    void *map;
    int fd;

    *out = NULL;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return cc_error_code(err, errno, _("cannot open the index %s: %s"), path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size < sizeof(struct lidx_header)) {
        close(fd);
        return cc_error_code(err, EINVAL, _("the index %s is damaged (too short); add the list "
                                            "again with 'coopcheck lists add'"), path);
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return cc_error_code(err, errno, _("cannot map the index %s: %s"), path, strerror(errno));
    x = xcalloc(1, sizeof(*x));
    x->map = map;
    x->size = (size_t)st.st_size;
    memcpy(&x->h, map, sizeof(x->h));
    if (memcmp(x->h.magic, LIDX_MAGIC, 8) != 0
        || !section_ok(x, x->h.off_entries, x->h.nentries, sizeof(struct lidx_entry))
        || !section_ok(x, x->h.off_names, x->h.nnames, sizeof(struct lidx_name))
        || !section_ok(x, x->h.off_keys, x->h.nkeys, sizeof(struct lidx_key))
        || !section_ok(x, x->h.off_post, x->h.npost, sizeof(uint32_t))
        || !section_ok(x, x->h.off_blob, x->h.blob_len, 1)
        || x->h.off_entries % 8 || x->h.off_names % 8 || x->h.off_keys % 8 || x->h.off_post % 4) {
        lindex_close(x);
        return cc_error_code(err, EINVAL, _("the index %s is damaged or was made by another "
                                            "version; add the list again with 'coopcheck lists "
                                            "add'"), path);
    }
    x->entries = (const void *)(x->map + x->h.off_entries);
    x->names = (const void *)(x->map + x->h.off_names);
    x->keys = (const void *)(x->map + x->h.off_keys);
    x->post = (const void *)(x->map + x->h.off_post);
    x->blob = (const char *)x->map + x->h.off_blob;
    *out = x;
    return 0;
}

void lindex_close(struct lindex *x)
{
    if (!x)
        return;
    munmap((void *)x->map, x->size);
    free(x);
}

size_t lindex_nentries(const struct lindex *x)
{
    return (size_t)x->h.nentries;
}

static int damaged(struct cc_err *err)
{
    return cc_error_code(err, EINVAL, _("a list's index is damaged; add the list again with "
                                        "'coopcheck lists add'"));
}

static const struct lidx_key *find_key(const struct lindex *x, uint64_t hash)
{
    size_t lo = 0, hi = (size_t)x->h.nkeys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->keys[mid].hash < hash)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->h.nkeys && x->keys[lo].hash == hash ? &x->keys[lo] : NULL;
}

static int u32_cmp(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

int lindex_candidates(const struct lindex *x, const struct name_form *q, uint32_t **out,
                      size_t *n, struct cc_err *err)
{
    struct strlist keys = { 0 };
    const struct lidx_key **found;
    size_t nfound = 0, total = 0, rare = 0, k;
    uint32_t *v;

    *out = NULL;
    *n = 0;
    name_keys(q, 1, &keys);
    found = xmalloc((keys.n ? keys.n : 1) * sizeof(*found));
    for (k = 0; k < keys.n; k++) {
        const struct lidx_key *key = find_key(x, lindex_hash(keys.v[k]));
        if (!key)
            continue;
        if ((uint64_t)key->start + key->count > x->h.npost) {
            free(found);
            strlist_release(&keys);
            return damaged(err);
        }
        found[nfound++] = key;
        if (key->count <= KEY_CAP)
            rare++;
    }
    strlist_release(&keys);
    if (!rare && nfound > 1) {   /* only common keys: the rarest of them */
        for (k = 1; k < nfound; k++)
            if (found[k]->count < found[0]->count)
                found[0] = found[k];
        nfound = 1;
    }
    for (k = 0; k < nfound; k++)
        if (!rare || found[k]->count <= KEY_CAP)
            total += found[k]->count;
    v = xmalloc((total ? total : 1) * sizeof(*v));
    total = 0;
    for (k = 0; k < nfound; k++) {
        if (rare && found[k]->count > KEY_CAP)
            continue;
        memcpy(v + total, x->post + found[k]->start, found[k]->count * sizeof(*v));
        total += found[k]->count;
    }
    free(found);
    qsort(v, total, sizeof(*v), u32_cmp);
    for (size_t i = 0; i < total; i++) {
        if (v[i] >= x->h.nnames) {
            free(v);
            return damaged(err);
        }
        if (!*n || v[*n - 1] != v[i])
            v[(*n)++] = v[i];
    }
    *out = v;
    return 0;
}

int lindex_name(const struct lindex *x, uint32_t i, const char **text, size_t *len,
                uint32_t *entry, struct cc_err *err)
{
    const struct lidx_name *nm;
    if (i >= x->h.nnames)
        return damaged(err);
    nm = &x->names[i];
    if (nm->off > x->h.blob_len || nm->len > x->h.blob_len - nm->off || nm->entry >= x->h.nentries)
        return damaged(err);
    *text = x->blob + nm->off;
    *len = nm->len;
    *entry = nm->entry;
    return 0;
}

/* The next field of a record, up to sep or the end. */
static char *field(const char **p, const char *end, char sep)
{
    const char *s = *p, *e = memchr(s, sep, (size_t)(end - s));
    if (!e)
        e = end;
    *p = e < end ? e + 1 : end;
    return xstrndup(s, (size_t)(e - s));
}

static char *or_null(char *s)
{
    if (s && !*s) {
        free(s);
        return NULL;
    }
    return s;
}

int lindex_entry(const struct lindex *x, uint32_t e, struct lentry *out, struct cc_err *err)
{
    const struct lidx_entry *en;
    const char *p, *end;
    char *line;
    memset(out, 0, sizeof(*out));
    if (e >= x->h.nentries)
        return damaged(err);
    en = &x->entries[e];
    if (en->off > x->h.blob_len || en->len > x->h.blob_len - en->off)
        return damaged(err);
    p = x->blob + en->off;
    end = p + en->len;
    sha256_hex(p, en->len, out->sha256);
    out->id = field(&p, end, '\x1f');
    out->name = field(&p, end, '\x1f');
    out->category = or_null(field(&p, end, '\x1f'));
    out->note = or_null(field(&p, end, '\x1f'));
    out->url = or_null(field(&p, end, '\x1f'));
    line = field(&p, end, '\x1f');
    out->line = (size_t)strtoul(line, NULL, 10);
    free(line);
    while (p < end)
        strlist_push_owned(&out->aliases, field(&p, end, '\x1e'));
    if (!*out->id || !*out->name) {
        lentry_release(out);
        return damaged(err);
    }
    return 0;
}

void lentry_release(struct lentry *le)
{
    free(le->id);
    free(le->name);
    free(le->category);
    free(le->note);
    free(le->url);
    strlist_release(&le->aliases);
    memset(le, 0, sizeof(*le));
}
