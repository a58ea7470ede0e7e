/* jsondoc.c — strict JSON parsing with source positions.  See jsondoc.h.
 *
 * One pass over the text: a hand-written RFC 8259 scanner (jsondoc_scan.c,
 * jsondoc_lex.c, jsondoc_keys.c) validates the grammar, UTF-8, string
 * escapes, numbers, nesting depth and key uniqueness, builds the cJSON tree
 * and records the position of every node (and, for object members, of the
 * key).  (It used to scan first and have cJSON_ParseWithLengthOpts build the
 * tree from a copy of the text, then pair the two: half the time of loading
 * the catalogue and a second copy of every file in memory.)
 *
 * The tree lives in memory of the document's own (jsondoc_scan.c), freed at
 * once by jsondoc_free.  The positions are needed only for messages: they are sorted by node
 * address for jsondoc_pos's binary search when the first is asked for.
 *
 * This file holds the document and query interface.
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

/* The positions of the nodes: in document order until the first look-up,
 * then sorted by node. */
struct posmap {
    struct jsondoc_ent *ents;
    size_t n;
    int sorted;
};

struct jsondoc {
    char *name;
    cJSON *root;
    struct jsondoc_arena *arena;   /* the tree's memory */
    struct posmap *map;   /* a pointer: a look-up in a const document sorts it */
};

static int cmp_ent(const void *a, const void *b)
{
    uintptr_t x = ((const struct jsondoc_ent *)a)->node, y = ((const struct jsondoc_ent *)b)->node;
    return x < y ? -1 : x > y;
}

/* ---- interface ------------------------------------------------------------ */

struct jsondoc *jsondoc_parse(const char *buf, size_t len, const char *name, unsigned flags,
                              struct cc_err *err)
{
    const unsigned char *s = (const unsigned char *)(buf ? buf : "");
    struct jsondoc_ent *ents;
    size_t nents;
    struct jsondoc *doc;
    struct jsondoc_arena *arena;
    cJSON *root;

    len = buf ? len : 0;
    if (!name)
        name = "<input>";
    if (len == SIZE_MAX) {
        cc_error_code(err, EINVAL, _("%s: input too large"), name);
        return NULL;
    }
    if (jsondoc_scan(s, len, name, flags, &root, &arena, &ents, &nents, err) < 0)
        return NULL;
    doc = xcalloc(1, sizeof(*doc));
    doc->name = xstrdup(name);
    doc->root = root;
    doc->arena = arena;
    doc->map = xcalloc(1, sizeof(*doc->map));
    doc->map->ents = ents;
    doc->map->n = nents;
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

static const struct jsondoc_ent *find(const struct jsondoc *doc, const cJSON *node)
{
    struct jsondoc_ent key;
    struct posmap *m = doc ? doc->map : NULL;

    if (!m || !node || !m->n)
        return NULL;
    if (!m->sorted) {
        qsort(m->ents, m->n, sizeof(*m->ents), cmp_ent);
        m->sorted = 1;
    }
    key.node = (uintptr_t)node;
    return bsearch(&key, m->ents, m->n, sizeof(*m->ents), cmp_ent);
}

struct json_pos jsondoc_pos(const struct jsondoc *doc, const cJSON *node)
{
    const struct jsondoc_ent *e = find(doc, node);
    struct json_pos none = {0, 0};
    return e ? e->pos : none;
}

struct json_pos jsondoc_key_pos(const struct jsondoc *doc, const cJSON *node)
{
    const struct jsondoc_ent *e = find(doc, node);
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
    jsondoc_arena_free(doc->arena);   /* the tree: never cJSON_Delete */
    if (doc->map)
        free(doc->map->ents);
    free(doc->map);
    free(doc->name);
    free(doc);
}
