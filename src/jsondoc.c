/* jsondoc.c — strict JSON parsing with source positions.  See jsondoc.h.
 *
 * Two passes over the text:
 *
 *  1. A hand-written RFC 8259 scanner (jsondoc_scan.c, jsondoc_lex.c,
 *     jsondoc_keys.c) walks the bytes once.  It validates the grammar, UTF-8,
 *     string escapes, numbers, nesting depth and key uniqueness, and records
 *     in document pre-order the position of every value (and, for object
 *     members, of the key).
 *  2. cJSON_ParseWithLengthOpts builds the tree from the same text.  A
 *     pre-order walk of the tree pairs node k with record k (checking that the
 *     kinds agree), and the pairs are sorted by node address so that
 *     jsondoc_pos is a binary search.
 *
 * This file holds pass 2 and the document and query interface.
 */
#include "jsondoc.h"
#include "jsondoc_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "textutil.h"

/* One cJSON node of the finished document. */
struct map_ent {
    uintptr_t node;
    struct json_pos pos;
    struct json_pos key;
};

struct jsondoc {
    char *name;
    cJSON *root;
    struct map_ent *map;  /* sorted by node */
    size_t n;
};

/* ---- mapping the tree ------------------------------------------------- */

static int cmp_ent(const void *a, const void *b)
{
    uintptr_t x = ((const struct map_ent *)a)->node, y = ((const struct map_ent *)b)->node;
    return x < y ? -1 : x > y;
}

/* Line and column of byte off, for cJSON's error position. */
static struct json_pos pos_of_offset(const unsigned char *s, size_t len, size_t off)
{
    struct json_pos p = {1, 1};
    size_t i;

    for (i = 0; i < off && i < len; i++) {
        if (s[i] == '\n') {
            p.line++;
            p.col = 1;
        } else if ((s[i] & 0xc0) != 0x80) {
            p.col++;
        }
    }
    return p;
}

/* Pairs the nodes of doc->root in pre-order with the records. */
static int map_tree(struct jsondoc *doc, const struct jsondoc_rec *recs, size_t nrecs,
                    struct cc_err *err)
{
    const cJSON *stack[JSONDOC_MAX_DEPTH + 1];
    const cJSON *n = doc->root;
    size_t k = 0, sp = 0;
    int bad = 0;

    doc->map = xmalloc(nrecs * sizeof(*doc->map));
    while (n) {
        if (k >= nrecs || (n->type & 0xff) != recs[k].kind) {
            bad = 1;
            break;
        }
        doc->map[k].node = (uintptr_t)n;
        doc->map[k].pos = recs[k].pos;
        doc->map[k].key = recs[k].key;
        k++;
        if (n->child) {
            if (sp == CC_ARRAY_LEN(stack)) {
                bad = 1;    /* deeper than the scanner allows */
                break;
            }
            stack[sp++] = n;
            n = n->child;
            continue;
        }
        while (n && !n->next)
            n = sp ? stack[--sp] : NULL;
        if (n)
            n = n->next;
    }
    if (bad || k != nrecs)
        return cc_error_code(err, EINVAL,
                             _("%s: internal error: cJSON's tree does not match the scanned document "
                                "(node %zu of %zu)"), doc->name, k, nrecs);
    doc->n = nrecs;
    qsort(doc->map, doc->n, sizeof(*doc->map), cmp_ent);
    return 0;
}

/* ---- interface ------------------------------------------------------------ */

struct jsondoc *jsondoc_parse(const char *buf, size_t len, const char *name, unsigned flags,
                              struct cc_err *err)
{
    const unsigned char *s = (const unsigned char *)(buf ? buf : "");
    struct jsondoc_rec *recs;
    size_t nrecs;
    struct jsondoc *doc;
    char *copy;
    const char *end = NULL;

    len = buf ? len : 0;
    if (!name)
        name = "<input>";
    if (len == SIZE_MAX) {
        cc_error_code(err, EINVAL, _("%s: input too large"), name);
        return NULL;
    }
    if (jsondoc_scan(s, len, name, flags, &recs, &nrecs, err) < 0)
        return NULL;

    doc = xcalloc(1, sizeof(*doc));
    doc->name = xstrdup(name);
    /* cJSON wants the terminating NUL inside the length when it must check
     * that nothing follows the value. */
    copy = xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    doc->root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    if (!doc->root) {
        size_t off = end && end >= copy && end <= copy + len ? (size_t)(end - copy) : 0;
        struct json_pos p = pos_of_offset(s, len, off);
        cc_error_code(err, EINVAL,
                      _("%s:%d:%d: internal error: cJSON could not build the tree of a valid document "
                         "(out of memory?)"), doc->name, p.line, p.col);
        free(copy);
        free(recs);
        jsondoc_free(doc);
        return NULL;
    }
    free(copy);
    if (map_tree(doc, recs, nrecs, err) < 0) {
        free(recs);
        jsondoc_free(doc);
        return NULL;
    }
    free(recs);
    return doc;
}

cJSON *jsondoc_root(const struct jsondoc *doc)
{
    return doc ? doc->root : NULL;
}

const char *jsondoc_name(const struct jsondoc *doc)
{
    return doc ? doc->name : NULL;
}

static const struct map_ent *find(const struct jsondoc *doc, const cJSON *node)
{
    struct map_ent key;

    if (!doc || !node || !doc->n)
        return NULL;
    key.node = (uintptr_t)node;
    return bsearch(&key, doc->map, doc->n, sizeof(*doc->map), cmp_ent);
}

struct json_pos jsondoc_pos(const struct jsondoc *doc, const cJSON *node)
{
    const struct map_ent *e = find(doc, node);
    struct json_pos none = {0, 0};
    return e ? e->pos : none;
}

struct json_pos jsondoc_key_pos(const struct jsondoc *doc, const cJSON *node)
{
    const struct map_ent *e = find(doc, node);
    struct json_pos none = {0, 0};
    return e ? e->key : none;
}

int jsondoc_error(const struct jsondoc *doc, const cJSON *node, struct cc_err *err,
                  const char *fmt, ...)
{
    char msg[sizeof(err->msg)];
    struct json_pos p = jsondoc_key_pos(doc, node);
    const char *name = doc ? doc->name : "<input>";
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (p.line > 0)
        return cc_error_code(err, EINVAL, "%s:%d:%d: %s", name, p.line, p.col, msg);
    return cc_error_code(err, EINVAL, "%s: %s", name, msg);
}

void jsondoc_free(struct jsondoc *doc)
{
    if (!doc)
        return;
    cJSON_Delete(doc->root);
    free(doc->map);
    free(doc->name);
    free(doc);
}

char *jsondoc_print(const cJSON *node)
{
    char *raw = cJSON_Print(node);
    struct sbuf out;
    const char *p;
    if (!raw) {
        fprintf(stderr, "coopcheck: %s\n", _("out of memory while formatting JSON"));
        abort();
    }
    sbuf_init(&out);
    for (p = raw; *p;) {
        /* only DEL and characters starting with these bytes can be unsafe
         * (C1: C2 80-9F, U+061C: D8 9C, U+200E-202E and U+2066-2069: E2 80/81):
         * copy everything else in runs */
        size_t run = strcspn(p, "\x7f\xc2\xd8\xe2"), n;
        uint32_t cp;
        sbuf_add(&out, p, run);
        p += run;
        if (!*p)
            break;
        cp = utf8_decode_at(p, &n);
        if (text_is_unsafe(cp, 0))
            sbuf_addf(&out, "\\u%04x", (unsigned)cp);
        else
            sbuf_add(&out, p, n);
        p += n;
    }
    cJSON_free(raw);
    return sbuf_detach(&out, NULL);
}
