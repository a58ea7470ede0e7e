/* jsondoc_scan.c — pass 1 of jsondoc_parse: the strict scanner's grammar.
 * See jsondoc_int.h.
 *
 * A hand-written RFC 8259 scanner walks the bytes once.  It validates the
 * grammar, UTF-8, string escapes, numbers (jsondoc_lex.c), nesting depth and
 * key uniqueness (jsondoc_keys.c), builds the cJSON tree as it goes (as
 * cJSON_Parse would build it: the same node types, values and links, but in
 * the document's own memory), and
 * records in document pre-order the position of every node (and, for object
 * members, of the key).
 */
#include "jsondoc_int.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"

/* ---- nodes and keys ----------------------------------------------------- */

/* ---- the tree's memory --------------------------------------------------- */

/* A document's nodes and strings come from chunks of its own, freed at once
 * by jsondoc_free: for a small file the allocator's work per node (three
 * mallocs and three frees) cost as much as reading it. */
#define ARENA_CHUNK 16384

struct jsondoc_arena {
    struct jsondoc_arena *next;
    size_t used, size;
    max_align_t data[];
};

void jsondoc_arena_free(struct jsondoc_arena *a)
{
    while (a) {
        struct jsondoc_arena *next = a->next;
        free(a);
        a = next;
    }
}

static void *arena_alloc(struct jsondoc_arena **head, size_t n)
{
    struct jsondoc_arena *a = *head;
    size_t al = sizeof(max_align_t);
    void *p;
    n = (n + al - 1) / al * al;
    if (!a || a->size - a->used < n) {
        size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
        struct jsondoc_arena *c = xmalloc(sizeof(*c) + size);
        c->used = 0;
        c->size = size;
        if (a && size == n) {
            /* a large string gets a chunk of its own, behind the current one */
            c->next = a->next;
            a->next = c;
        } else {
            c->next = a;
            *head = c;
        }
        a = c;
    }
    p = (char *)a->data + a->used;
    a->used += n;
    return p;
}

static char *arena_strndup(struct jsondoc_arena **head, const char *s, size_t len)
{
    char *c = arena_alloc(head, len + 1);
    memcpy(c, s, len);
    c[len] = '\0';
    return c;
}

/* A new node of cJSON type kind for the value at pos, appended to parent
 * (with the member name key[0..keylen) when parent is an object) or made the
 * root, and recorded with its position. */
static cJSON *add_node(struct scanner *sc, int kind, struct json_pos pos, const struct json_pos *keypos,
                       cJSON *parent, const char *key, size_t keylen)
{
    cJSON *n = arena_alloc(&sc->arena, sizeof(*n));
    struct jsondoc_ent *e;

    memset(n, 0, sizeof(*n));
    if (key)
        n->string = arena_strndup(&sc->arena, key, keylen);
    n->type = kind;
    if (kind == cJSON_True)
        n->valueint = 1;     /* as cJSON_Parse has it */
    if (!parent) {
        sc->root = n;
    } else if (!parent->child) {
        parent->child = n;
        n->prev = n;         /* cJSON keeps the last element in the first's prev */
    } else {
        cJSON *last = parent->child->prev;
        last->next = n;
        n->prev = last;
        parent->child->prev = n;
    }
    if (sc->nents == sc->capents) {
        sc->capents = sc->capents ? 2 * sc->capents : 256;
        sc->ents = xrealloc(sc->ents, sc->capents * sizeof(*sc->ents));
    }
    e = &sc->ents[sc->nents++];
    e->node = (uintptr_t)n;
    e->pos = pos;
    e->key = keypos ? *keypos : pos;
    return n;
}

/* The key just decoded into sc->kt.keys[off..] belongs to object obj: refuse
 * it if the object already has it (or a case variant, by flag), else remember
 * it. */
static int add_key(struct scanner *sc, size_t obj, size_t off, struct json_pos pos)
{
    const char *key = sc->kt.keys.buf + off;
    size_t len = sc->kt.keys.len - off;
    const struct jsondoc_keyent *o;
    char q1[320], q2[320];

    o = jsondoc_keys_add(&sc->kt, obj, off, pos, (sc->flags & JSONDOC_NO_CASE_VARIANTS) != 0);
    if (!o)
        return 0;
    if (memcmp(sc->kt.keys.buf + o->off, key, len) == 0) {
        scan_quote_key(key, len, q1, sizeof(q1));
        return scan_fail_at(sc, pos.line, pos.col, _("duplicate key %s (first at %d:%d)"), q1,
                            o->pos.line, o->pos.col);
    }
    scan_quote_key(key, len, q1, sizeof(q1));
    scan_quote_key(sc->kt.keys.buf + o->off, len, q2, sizeof(q2));
    return scan_fail_at(sc, pos.line, pos.col,
                        _("key %s differs only in letter case from key %s (at %d:%d)"), q1, q2,
                        o->pos.line, o->pos.col);
}

/* ---- values ------------------------------------------------------------- */

static int scan_value(struct scanner *sc, int depth, const struct json_pos *key, cJSON *parent,
                      const char *name, size_t namelen);

static int eof_in(struct scanner *sc, const char *what, struct json_pos start)
{
    return scan_fail_at(sc, sc->line, sc->col, _("unexpected end of file inside %s (started at %d:%d)"),
                        what, start.line, start.col);
}

static int scan_array(struct scanner *sc, int depth, cJSON *arr)
{
    struct json_pos start = scan_pos(sc), comma;

    scan_step(sc, 1);
    scan_skip_ws(sc);
    if (sc->i >= sc->len)
        return eof_in(sc, _("an array"), start);
    if (sc->s[sc->i] == ']') {
        scan_step(sc, 1);
        return 0;
    }
    for (;;) {
        if (scan_value(sc, depth, NULL, arr, NULL, 0) < 0)
            return -1;
        scan_skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an array"), start);
        if (sc->s[sc->i] == ']') {
            scan_step(sc, 1);
            return 0;
        }
        if (sc->s[sc->i] != ',') {
            unsigned char c = sc->s[sc->i];
            int value_start = c == '"' || c == '{' || c == '[' || c == '-' || scan_is_digit(c) ||
                              (c >= 'a' && c <= 'z');
            return scan_unexpected(sc, value_start ? _("',' or ']' after an array element (missing comma?)")
                                                   : _("',' or ']' after an array element"), 0);
        }
        comma = scan_pos(sc);
        scan_step(sc, 1);
        scan_skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an array"), start);
        if (sc->s[sc->i] == ']')
            return scan_fail_at(sc, comma.line, comma.col, _("trailing comma before ']' (not allowed in JSON)"));
    }
}

static int scan_object(struct scanner *sc, int depth, cJSON *obj_node)
{
    struct json_pos start = scan_pos(sc), comma, key;
    size_t obj = ++sc->nobjs;

    scan_step(sc, 1);
    scan_skip_ws(sc);
    if (sc->i >= sc->len)
        return eof_in(sc, _("an object"), start);
    if (sc->s[sc->i] == '}') {
        scan_step(sc, 1);
        return 0;
    }
    for (;;) {
        size_t off = sc->kt.keys.len;
        char q[320], what[400];

        if (sc->s[sc->i] != '"')
            return scan_unexpected(sc, _("a member name in double quotes"), 0);
        key = scan_pos(sc);
        if (scan_string(sc, &sc->kt.keys) < 0 || add_key(sc, obj, off, key) < 0)
            return -1;
        scan_skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (sc->s[sc->i] != ':') {
            scan_quote_key(sc->kt.keys.buf + off, sc->kt.keys.len - off, q, sizeof(q));
            snprintf(what, sizeof(what), _("':' after the member name %s"), q);
            return scan_unexpected(sc, what, 0);
        }
        scan_step(sc, 1);
        scan_skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (scan_value(sc, depth, &key, obj_node, sc->kt.keys.buf + off, sc->kt.keys.len - off) < 0)
            return -1;
        scan_skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (sc->s[sc->i] == '}') {
            scan_step(sc, 1);
            return 0;
        }
        if (sc->s[sc->i] != ',')
            return scan_unexpected(sc, sc->s[sc->i] == '"'
                                           ? _("',' or '}' after an object member (missing comma?)")
                                           : _("',' or '}' after an object member"), 0);
        comma = scan_pos(sc);
        scan_step(sc, 1);
        scan_skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (sc->s[sc->i] == '}')
            return scan_fail_at(sc, comma.line, comma.col, _("trailing comma before '}' (not allowed in JSON)"));
    }
}

/* Scans the value at the current position (not at the end) into a node of
 * parent (NULL: the root), named name[0..namelen) in an object.  depth is the
 * number of arrays and objects around it; key is the member key's
 * position. */
static int scan_value(struct scanner *sc, int depth, const struct json_pos *key, cJSON *parent,
                      const char *name, size_t namelen)
{
    unsigned char c = sc->s[sc->i];
    struct json_pos pos = scan_pos(sc);
    cJSON *n;
    double num;
    int kind = cJSON_Invalid;

    if ((c == '[' || c == '{') && depth >= JSONDOC_MAX_DEPTH)
        return scan_fail_at(sc, pos.line, pos.col,
                            _("nesting deeper than %d levels of arrays and objects"), JSONDOC_MAX_DEPTH);
    switch (c) {
    case '{':
        /* the container is in the tree before its elements: a failure
         * half way frees it with the rest */
        n = add_node(sc, cJSON_Object, pos, key, parent, name, namelen);
        return scan_object(sc, depth + 1, n);
    case '[':
        n = add_node(sc, cJSON_Array, pos, key, parent, name, namelen);
        return scan_array(sc, depth + 1, n);
    case '"':
        sbuf_reset(&sc->str);
        if (scan_string(sc, &sc->str) < 0)
            return -1;
        n = add_node(sc, cJSON_String, pos, key, parent, name, namelen);
        n->valuestring = arena_strndup(&sc->arena, sc->str.buf, sc->str.len);
        return 0;
    default:
        break;
    }
    if (c == '-' || scan_is_digit(c)) {
        if (scan_number(sc, &num) < 0)
            return -1;
        n = add_node(sc, cJSON_Number, pos, key, parent, name, namelen);
        n->valuedouble = num;
        /* valueint saturates, as in cJSON_Parse and cJSON_CreateNumber */
        n->valueint = num >= INT_MAX ? INT_MAX : num <= (double)INT_MIN ? INT_MIN : (int)num;
        return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        if (scan_word(sc, &kind) < 0)
            return -1;
        add_node(sc, kind, pos, key, parent, name, namelen);
        return 0;
    }
    return scan_unexpected(sc, _("a value"), 1);
}

static int scan_document(struct scanner *sc)
{
    const unsigned char *s = sc->s;

    if (sc->len == 0)
        return scan_fail_at(sc, 1, 1, _("empty input (expected a JSON value)"));
    if (sc->len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
        return scan_fail_at(sc, 1, 1, _("the file starts with a UTF-8 byte order mark (BOM); save it without one"));
    scan_skip_ws(sc);
    if (sc->i >= sc->len)
        return scan_fail_at(sc, sc->line, sc->col, _("no JSON value, only white space"));
    if (scan_value(sc, 0, NULL, NULL, NULL, 0) < 0)
        return -1;
    scan_skip_ws(sc);
    if (sc->i < sc->len) {
        if (s[sc->i] == 0)
            return scan_fail_at(sc, sc->line, sc->col, _("NUL byte (0x00) after the end of the JSON value"));
        return scan_fail_at(sc, sc->line, sc->col, _("text after the end of the JSON value"));
    }
    return 0;
}

static void scanner_release(struct scanner *sc)
{
    jsondoc_arena_free(sc->arena);
    free(sc->ents);
    jsondoc_keys_release(&sc->kt);
    sbuf_release(&sc->tmp);
    sbuf_release(&sc->str);
}

int jsondoc_scan(const unsigned char *s, size_t len, const char *name, unsigned flags,
                 cJSON **root, struct jsondoc_arena **arena, struct jsondoc_ent **ents,
                 size_t *nents, struct cc_err *err)
{
    struct scanner sc;

    memset(&sc, 0, sizeof(sc));
    sc.s = s;
    sc.len = len;
    sc.line = sc.col = 1;
    sc.name = name;
    sc.flags = flags;
    sc.err = err;
    jsondoc_keys_init(&sc.kt);
    sbuf_init(&sc.tmp);
    sbuf_init(&sc.str);
    *root = NULL;
    *arena = NULL;
    *ents = NULL;
    *nents = 0;
    if (scan_document(&sc) < 0) {
        scanner_release(&sc);
        return -1;
    }
    *root = sc.root;
    *arena = sc.arena;
    *ents = sc.ents;
    *nents = sc.nents;
    sc.arena = NULL;
    sc.ents = NULL;
    scanner_release(&sc);
    return 0;
}
