/* lists_parse.c — the formats' names, detection, list_parse, the entry checks
 * every format shares (lists_int.h) and the two JSON formats, csl-json and
 * misp.  See lists.h.
 *
 * The JSON formats are read with jsondoc (strict RFC 8259, positions for
 * every value): it refuses invalid UTF-8, "\u0000", duplicate keys and
 * nesting over 64; the list formats need no more than LIST_MAX_DEPTH, and
 * deeper nesting is refused here.  Members a format does not use are
 * ignored, whatever their type. */
#include "lists.h"
#include "lists_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jsondoc.h"
#include "textutil.h"

static const char *const format_names[LF_COUNT] = {
    [LF_CSL_JSON] = "csl-json", [LF_CSL_CSV] = "csl-csv", [LF_MISP] = "misp",
    [LF_OPENSANCTIONS] = "opensanctions", [LF_CSV] = "csv",
};

const char *list_format_name(enum list_format f)
{
    return (unsigned)f < LF_COUNT ? format_names[f] : "?";
}

int list_format_parse(const char *s)
{
    for (int f = 0; s && f < LF_COUNT; f++)
        if (strcmp(s, format_names[f]) == 0)
            return f;
    return -1;
}

void list_about_release(struct list_about *a)
{
    if (!a)
        return;
    free(a->version);
    free(a->title);
    a->version = a->title = NULL;
}

/* ---- the entry checks (lists_int.h) ------------------------------------ */

int lp_error(struct cc_err *err, struct lp_pos at, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return cc_error_code(err, EINVAL, "%s:%zu:%zu: %s", at.path, at.line, at.col, msg);
}

void lp_entry_reset(struct lp_entry *e)
{
    free(e->id);
    free(e->name);
    free(e->category);
    free(e->note);
    free(e->url);
    strlist_release(&e->aliases);
    memset(e, 0, sizeof(*e));
}

static const char *kind_what(enum lp_kind k)
{
    switch (k) {
    case LP_ID: return _("the id");
    case LP_NAME: return _("the name");
    case LP_ALIAS: return _("an alias");
    case LP_CATEGORY: return _("the category");
    case LP_NOTE: return _("the note");
    case LP_URL: return _("the url");
    }
    return "?";
}

/* Length of the space (ASCII, U+00A0 or U+3000) at s[0..len), or 0. */
static size_t space_at(const char *s, size_t len)
{
    if (len >= 1 && s[0] == ' ')
        return 1;
    if (len >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
        return 2;
    if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* Length of the space ending at s[len), or 0. */
static size_t space_before(const char *s, size_t len)
{
    if (len >= 1 && s[len - 1] == ' ')
        return 1;
    if (len >= 2 && memcmp(s + len - 2, "\xc2\xa0", 2) == 0)
        return 2;
    if (len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* s[0..*len) without the spaces around it: returns the start. */
static const char *trim(const char *s, size_t *len)
{
    size_t n;
    while ((n = space_at(s, *len)) != 0) {
        s += n;
        *len -= n;
    }
    while ((n = space_before(s, *len)) != 0)
        *len -= n;
    return s;
}

int lp_text(struct lp_pos at, const char *src, size_t len, enum lp_kind kind, char **out,
            struct cc_err *err)
{
    size_t max = kind == LP_NAME || kind == LP_ALIAS ? LIST_MAX_NAME : LIST_MAX_TEXT;
    char *t = xmalloc(len + 1);
    const char *s, *bad;
    size_t n;

    *out = NULL;
    n = 0;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
            continue;   /* CRLF: one space */
        t[n++] = src[i] == '\t' || src[i] == '\r' || src[i] == '\n' ? ' ' : src[i];
    }
    t[n] = '\0';
    bad = text_find_unsafe(t, 0);
    if (bad) {
        uint32_t cp = utf8_decode_at(bad, NULL);
        free(t);
        /* TRANSLATORS: %s is "the name", "an alias", "the note"... */
        return lp_error(err, at, _("%s contains the control character U+%04X; remove it from the "
                                   "file or get the list again from its publisher"),
                        kind_what(kind), (unsigned)cp);
    }
    s = trim(t, &n);
    if (n > max) {
        free(t);
        return lp_error(err, at, _("%s is longer than %zu bytes; shorten it"), kind_what(kind),
                        max);
    }
    if (n) {
        memmove(t, s, n);
        t[n] = '\0';
        *out = t;
    } else {
        free(t);
    }
    return 0;
}

int lp_alias(struct lp_entry *e, struct lp_pos at, const char *src, size_t len,
             struct cc_err *err)
{
    char *a;
    if (lp_text(at, src, len, LP_ALIAS, &a, err) != 0)
        return -1;
    if (!a)
        return 0;
    if (++e->naliases > LIST_MAX_ALIASES) {
        free(a);
        return lp_error(err, at, _("the entry has more than %d aliases; split it or shorten the "
                                   "list of aliases"), LIST_MAX_ALIASES);
    }
    if (e->name && strcmp(a, e->name) == 0) {
        free(a);
        return 0;
    }
    for (size_t i = 0; i < e->aliases.n; i++) {
        if (strcmp(a, e->aliases.v[i]) == 0) {
            free(a);
            return 0;
        }
    }
    strlist_push_owned(&e->aliases, a);
    return 0;
}

int lp_alias_list(struct lp_entry *e, struct lp_pos at, const char *src, size_t len, char sep,
                  struct cc_err *err)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || src[i] == sep) {
            if (lp_alias(e, at, src + start, i - start, err) != 0)
                return -1;
            start = i + 1;
        }
    }
    return 0;
}

int lp_set(struct lp_entry *e, struct lp_pos at, const char *src, size_t len, enum lp_kind kind,
           struct cc_err *err)
{
    char **slot = NULL, *t;
    switch (kind) {
    case LP_ALIAS: return lp_alias(e, at, src, len, err);
    case LP_ID: slot = &e->id; break;
    case LP_NAME: slot = &e->name; break;
    case LP_CATEGORY: slot = &e->category; break;
    case LP_NOTE: slot = &e->note; break;
    case LP_URL: slot = &e->url; break;
    }
    if (lp_text(at, src, len, kind, &t, err) != 0)
        return -1;
    free(*slot);
    *slot = t;
    return 0;
}

int lp_emit(struct lp_entry *e, list_entry_fn fn, void *arg)
{
    struct list_entry le;
    int rc;
    if (!e->id)
        e->id = xasprintf("row %zu", e->line);
    memset(&le, 0, sizeof(le));
    le.id = e->id;
    le.name = e->name;
    le.aliases = e->aliases;
    le.category = e->category;
    le.note = e->note;
    le.url = e->url;
    le.line = e->line;
    rc = fn(&le, arg);
    lp_entry_reset(e);
    return rc;
}

/* ---- detection --------------------------------------------------------- */

#define KNOWN_FORMATS "csl-json, csl-csv, misp, opensanctions, csv"

static size_t skip_bom(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The string at s[*i] == '"': moves past it; -1 when unterminated. */
static int skip_string(const char *s, size_t len, size_t *i)
{
    for (size_t k = *i + 1; k < len; k++) {
        if (s[k] == '\\')
            k++;
        else if (s[k] == '"') {
            *i = k + 1;
            return 0;
        }
    }
    return -1;
}

/* Moves past the value at s[*i] (roughly: brackets are counted, strings
 * skipped; jsondoc checks the rest).  -1 when it does not end. */
static int skip_value(const char *s, size_t len, size_t *i)
{
    size_t depth = 0;
    if (*i < len && s[*i] == '"')
        return skip_string(s, len, i);
    if (*i < len && s[*i] != '{' && s[*i] != '[') {
        while (*i < len && !strchr(",}] \t\r\n", s[*i]))
            (*i)++;
        return 0;
    }
    while (*i < len) {
        char c = s[*i];
        if (c == '"') {
            if (skip_string(s, len, i) != 0)
                return -1;
            continue;
        }
        (*i)++;
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            return 0;
    }
    return -1;
}

/* LF_CSL_JSON when the top-level object has a "results" array, LF_MISP for
 * a "values" array; -1 for neither, -2 when the text is not JSON. */
static int detect_json(const char *s, size_t len)
{
    size_t i = skip_ws(s, len, 0);
    if (i >= len || s[i] != '{')
        return -1;
    i = skip_ws(s, len, i + 1);
    while (i < len && s[i] == '"') {
        size_t k = i + 1, klen;
        if (skip_string(s, len, &i) != 0)
            return -2;
        klen = i - k - 1;
        i = skip_ws(s, len, i);
        if (i >= len || s[i] != ':')
            return -2;
        i = skip_ws(s, len, i + 1);
        if (i < len && s[i] == '[') {
            if (klen == 7 && memcmp(s + k, "results", 7) == 0)
                return LF_CSL_JSON;
            if (klen == 6 && memcmp(s + k, "values", 6) == 0)
                return LF_MISP;
        }
        if (skip_value(s, len, &i) != 0)
            return -2;
        i = skip_ws(s, len, i);
        if (i < len && s[i] == ',')
            i = skip_ws(s, len, i + 1);
        else
            break;
    }
    return i < len && s[i] == '}' ? -1 : -2;
}

int list_detect(const char *data, size_t len, const char *path, enum list_format *out,
                struct cc_err *err)
{
    size_t off = skip_bom(data, len), i = skip_ws(data, len, off);
    struct lp_pos start = { path, 1, 1 };
    int f;

    if (i >= len)
        return lp_error(err, start, _("the file is empty; a list is a file in one of the formats "
                                      "%s"), KNOWN_FORMATS);
    if (data[i] != '{' && data[i] != '[')
        return lists_csv_detect(data, len, path, out, err);
    f = detect_json(data + off, len - off);
    if (f >= 0) {
        *out = (enum list_format)f;
        return 0;
    }
    if (f == -2) {
        /* not JSON: jsondoc says where */
        struct jsondoc *doc = jsondoc_parse(data + off, len - off, path, 0, err);
        if (!doc)
            return -1;
        jsondoc_free(doc);
    }
    return lp_error(err, start, _("a JSON file without a \"results\" array (csl-json) or a "
                                  "\"values\" array (misp); a list is a file in one of the "
                                  "formats %s"), KNOWN_FORMATS);
}

/* ---- the JSON formats -------------------------------------------------- */

struct jctx {
    struct jsondoc *doc;
    list_entry_fn fn;
    void *arg;
    struct cc_err *err;
};

static struct lp_pos jpos(const struct jctx *j, const cJSON *n)
{
    struct json_pos p = jsondoc_pos(j->doc, n);
    struct lp_pos at = { jsondoc_name(j->doc), (size_t)p.line, (size_t)p.col };
    return at;
}

/* The first container nested deeper than LIST_MAX_DEPTH (n at depth). */
static const cJSON *too_deep(const cJSON *n, int depth)
{
    const cJSON *c, *r;
    if (!cJSON_IsArray(n) && !cJSON_IsObject(n))
        return NULL;
    if (depth > LIST_MAX_DEPTH)
        return n;
    cJSON_ArrayForEach(c, n) {
        if ((r = too_deep(c, depth + 1)) != NULL)
            return r;
    }
    return NULL;
}

/* A number as text: an integer without a fraction when it is one (no
 * libm: the program does not link it). */
static char *number_text(double v)
{
    if (v > -1e15 && v < 1e15 && v == (double)(long long)v)
        return xasprintf("%lld", (long long)v);
    return xasprintf("%g", v);
}

/* Member key of obj, which must be a string, null or absent: 0 with *node
 * (NULL when absent or null); -1 for another type. */
static int jstring(const struct jctx *j, const cJSON *obj, const char *key, const cJSON **node)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, key);
    *node = NULL;
    if (!n || cJSON_IsNull(n))
        return 0;
    if (!cJSON_IsString(n))
        return lp_error(j->err, jpos(j, n),
                        _("\"%s\" must be a string; check that the file is the list as "
                          "published"), key);
    *node = n;
    return 0;
}

/* Sets the text of kind from member key (a string, null or absent). */
static int jset(const struct jctx *j, struct lp_entry *e, const cJSON *obj, const char *key,
                enum lp_kind kind)
{
    const cJSON *n;
    if (jstring(j, obj, key, &n) != 0)
        return -1;
    if (!n)
        return 0;
    return lp_set(e, jpos(j, n), n->valuestring, strlen(n->valuestring), kind, j->err);
}

/* Member key of obj as an array of strings (or null, or absent): each item
 * through each(); *n the array or NULL. */
static int jstrings(const struct jctx *j, const cJSON *obj, const char *key, const cJSON **arr)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key), *it;
    *arr = NULL;
    if (!a || cJSON_IsNull(a))
        return 0;
    if (!cJSON_IsArray(a))
        return lp_error(j->err, jpos(j, a),
                        _("\"%s\" must be an array of strings; check that the file is the "
                          "list as published"), key);
    cJSON_ArrayForEach(it, a) {
        if (!cJSON_IsString(it))
            return lp_error(j->err, jpos(j, it),
                        _("each item of \"%s\" must be a string; check that the file "
                          "is the list as published"), key);
    }
    *arr = a;
    return 0;
}

static int jaliases(const struct jctx *j, struct lp_entry *e, const cJSON *obj, const char *key)
{
    const cJSON *a, *it;
    if (jstrings(j, obj, key, &a) != 0)
        return -1;
    cJSON_ArrayForEach(it, a) {
        if (lp_alias(e, jpos(j, it), it->valuestring, strlen(it->valuestring), j->err) != 0)
            return -1;
    }
    return 0;
}

/* The entry's name from member key: required, a non-empty string. */
static int jname(const struct jctx *j, struct lp_entry *e, const cJSON *obj, const char *key)
{
    const cJSON *n;
    if (jstring(j, obj, key, &n) != 0)
        return -1;
    if (!n)
        return lp_error(j->err, jpos(j, obj), _("the entry has no \"%s\"; every entry needs a "
                                                "name: add it or remove the entry"), key);
    if (lp_set(e, jpos(j, n), n->valuestring, strlen(n->valuestring), LP_NAME, j->err) != 0)
        return -1;
    if (!e->name)
        return lp_error(j->err, jpos(j, n),
                        _("the name is empty; every entry needs one: add it or remove the "
                          "entry"));
    return 0;
}

/* The entry's id from the first of keys present (a string or a number),
 * else "line N". */
static int jid(const struct jctx *j, struct lp_entry *e, const cJSON *obj, const char *const *keys)
{
    for (; *keys; keys++) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, *keys);
        if (cJSON_IsNumber(n)) {
            e->id = number_text(n->valuedouble);
            return 0;
        }
        if (jset(j, e, obj, *keys, LP_ID) != 0)
            return -1;
        if (e->id)
            return 0;
    }
    e->id = xasprintf("line %zu", e->line);
    return 0;
}

static int csl_entry(const struct jctx *j, const cJSON *it)
{
    static const char *const id_keys[] = { "id", "_id", NULL };
    struct lp_entry e;

    memset(&e, 0, sizeof(e));
    if (!cJSON_IsObject(it))
        return lp_error(j->err, jpos(j, it),
                        _("each item of \"results\" must be an object; check that the file "
                          "is the list as published"));
    e.line = jpos(j, it).line;
    if (jname(j, &e, it, "name") == 0 && jid(j, &e, it, id_keys) == 0 &&
        jaliases(j, &e, it, "alt_names") == 0 && jset(j, &e, it, "source", LP_CATEGORY) == 0 &&
        jset(j, &e, it, "remarks", LP_NOTE) == 0 &&
        jset(j, &e, it, "source_information_url", LP_URL) == 0)
        return lp_emit(&e, j->fn, j->arg);
    lp_entry_reset(&e);
    return -1;
}

/* 1 for the code points of Chinese, Japanese and Korean writing. */
static int is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
           (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
           (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

/* A name "Latin name (中文名)" (ASCII or full-width parentheses): the part in
 * parentheses, when it holds CJK characters, becomes an alias and the name
 * is the part before it. */
static int split_cjk(const struct jctx *j, struct lp_entry *e, struct lp_pos at)
{
    char *s = e->name;
    size_t len = strlen(s), close = 0, open, inner, head;
    int cjk = 0;

    if (len && s[len - 1] == ')')
        close = 1;
    else if (len >= 3 && memcmp(s + len - 3, "\xef\xbc\x89", 3) == 0)
        close = 3;
    if (!close)
        return 0;
    for (open = len - close; open > 0; open--)
        if (s[open - 1] == '(' || (open >= 3 && memcmp(s + open - 3, "\xef\xbc\x88", 3) == 0))
            break;
    if (open == 0)
        return 0;
    inner = open;
    for (size_t i = inner, n; i < len - close; i += n)
        cjk |= is_cjk(utf8_decode_at(s + i, &n));
    head = s[open - 1] == '(' ? open - 1 : open - 3;
    if (!cjk || trim(s, &head) != s || head == 0)
        return 0;
    if (lp_alias(e, at, s + inner, len - close - inner, j->err) != 0)
        return -1;
    s[head] = '\0';
    return 0;
}

/* meta.categories joined by ", ". */
static int misp_categories(const struct jctx *j, struct lp_entry *e, const cJSON *meta)
{
    const cJSON *a, *it;
    struct sbuf sb;
    if (jstrings(j, meta, "categories", &a) != 0)
        return -1;
    sbuf_init(&sb);
    cJSON_ArrayForEach(it, a) {
        char *t;
        if (lp_text(jpos(j, it), it->valuestring, strlen(it->valuestring), LP_CATEGORY, &t,
                    j->err) != 0) {
            sbuf_release(&sb);
            return -1;
        }
        if (t)
            sbuf_addf(&sb, "%s%s", sb.len ? ", " : "", t);
        free(t);
    }
    if (sb.len > LIST_MAX_TEXT) {
        sbuf_release(&sb);
        return lp_error(j->err, jpos(j, a), _("%s is longer than %zu bytes; shorten it"),
                        kind_what(LP_CATEGORY), (size_t)LIST_MAX_TEXT);
    }
    if (sb.len)
        e->category = sbuf_detach(&sb, NULL);
    sbuf_release(&sb);
    return 0;
}

static int misp_meta(const struct jctx *j, struct lp_entry *e, const cJSON *it)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(it, "meta"), *refs, *r;
    if (!meta || cJSON_IsNull(meta))
        return 0;
    if (!cJSON_IsObject(meta))
        return lp_error(j->err, jpos(j, meta),
                        _("\"meta\" must be an object; check that the file is the list "
                          "as published"));
    if (jaliases(j, e, meta, "aliases") != 0 || misp_categories(j, e, meta) != 0 ||
        jstrings(j, meta, "refs", &refs) != 0)
        return -1;
    cJSON_ArrayForEach(r, refs) {
        if (lp_set(e, jpos(j, r), r->valuestring, strlen(r->valuestring), LP_URL, j->err) != 0)
            return -1;
        if (e->url)
            break;
    }
    return 0;
}

static int misp_entry(const struct jctx *j, const cJSON *it)
{
    static const char *const id_keys[] = { "uuid", NULL };
    struct lp_entry e;

    memset(&e, 0, sizeof(e));
    if (!cJSON_IsObject(it))
        return lp_error(j->err, jpos(j, it),
                        _("each item of \"values\" must be an object; check that the file "
                          "is the list as published"));
    e.line = jpos(j, it).line;
    if (jname(j, &e, it, "value") == 0 &&
        split_cjk(j, &e, jpos(j, cJSON_GetObjectItemCaseSensitive(it, "value"))) == 0 &&
        jid(j, &e, it, id_keys) == 0 && misp_meta(j, &e, it) == 0)
        return lp_emit(&e, j->fn, j->arg);
    lp_entry_reset(&e);
    return -1;
}

/* about's text from member key of root: a string or a number. */
static int about_text(const struct jctx *j, const cJSON *root, const char *key, char **out)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(root, key);
    if (*out || !n || cJSON_IsNull(n))
        return 0;
    if (cJSON_IsNumber(n)) {
        *out = number_text(n->valuedouble);
        return 0;
    }
    if (!cJSON_IsString(n))
        return lp_error(j->err, jpos(j, n),
                        _("\"%s\" must be a string or a number; check that the file is the "
                          "list as published"), key);
    return lp_text(jpos(j, n), n->valuestring, strlen(n->valuestring), LP_NOTE, out, j->err);
}

static int json_about(const struct jctx *j, enum list_format f, const cJSON *root,
                      struct list_about *about)
{
    if (f == LF_MISP)
        return about_text(j, root, "version", &about->version) ||
               about_text(j, root, "name", &about->title) ? -1 : 0;
    return about_text(j, root, "version", &about->version) ||
           about_text(j, root, "last_updated", &about->version) ? -1 : 0;
}

static int json_parse(enum list_format f, const char *data, size_t len, const char *path,
                      struct jctx *j, struct list_about *about)
{
    const char *key = f == LF_MISP ? "values" : "results";
    const cJSON *root, *arr, *deep, *it;
    size_t n = 0;
    int rc;

    j->doc = jsondoc_parse(data, len, path, 0, j->err);
    if (!j->doc)
        return -1;
    root = jsondoc_root(j->doc);
    arr = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!cJSON_IsArray(arr))
        return lp_error(j->err, jpos(j, arr ? arr : root),
                        _("the file has no \"%s\" array, so it is not a %s list; name the "
                          "right format or let it be detected"), key, list_format_name(f));
    if ((deep = too_deep(root, 1)) != NULL)
        return lp_error(j->err, jpos(j, deep),
                        _("more than %d levels of nesting, which a %s list never needs; check "
                          "that the file is the list as published"), LIST_MAX_DEPTH,
                        list_format_name(f));
    if (about && json_about(j, f, root, about) != 0)
        return -1;
    cJSON_ArrayForEach(it, arr) {
        rc = f == LF_MISP ? misp_entry(j, it) : csl_entry(j, it);
        if (rc != 0)
            return rc;
        n++;
    }
    if (n == 0)
        return lp_error(j->err, jpos(j, arr),
                        _("\"%s\" is empty: the list has no entry; get the whole list"),
                        key);
    return 0;
}

int list_parse(enum list_format f, const char *data, size_t len, const char *path,
               list_entry_fn fn, void *arg, struct list_about *about, struct cc_err *err)
{
    struct jctx j = { NULL, fn, arg, err };
    size_t off = skip_bom(data, len);
    int rc;

    if (about)
        memset(about, 0, sizeof(*about));
    switch (f) {
    case LF_CSL_JSON:
    case LF_MISP:
        rc = json_parse(f, data + off, len - off, path, &j, about);
        jsondoc_free(j.doc);
        break;
    case LF_CSL_CSV:
    case LF_OPENSANCTIONS:
    case LF_CSV:
        rc = lists_csv_parse(f, data, len, path, fn, arg, err);
        break;
    default:
        rc = cc_error_code(err, EINVAL, _("%s: unknown list format; the formats are %s"), path,
                           KNOWN_FORMATS);
        break;
    }
    if (rc != 0)
        list_about_release(about);
    return rc;
}
