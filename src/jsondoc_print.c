/* jsondoc_print.c — JSON text of a cJSON tree: the text cJSON_Print makes
 * (tabs, "key":<TAB>value, arrays on one line), with every character that
 * must not reach a terminal raw written as a \uXXXX escape.  See jsondoc.h.
 *
 * It used to be cJSON_Print followed by a second pass that copied its text
 * and replaced those characters: with 7 MiB of answers that was two more
 * copies of the file in memory (cJSON's buffer grows by doubling) and two
 * passes over every byte.  This writes the final text in one pass into one
 * buffer; a string's runs of bytes that need nothing are copied at once.
 * Numbers, which need cJSON's exact rules of precision, are printed by
 * cJSON itself.  tests/test_jsondoc.c checks that the text is the one
 * cJSON_Print and the replacement made. */
#include "jsondoc.h"
#include "jsondoc_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "textutil.h"

/* Bytes of a string copied as they are: printable ASCII but '"' and '\\',
 * and every byte from 0x80 up except the first bytes of characters that
 * may be unsafe (C1 controls: C2 80-9F; U+061C: D8 9C; U+200E-202E and
 * U+2066-2069: E2 80 and E2 81).  DEL (7F) is unsafe. */
static int plain_byte(unsigned char c)
{
    if (c >= 0x80)
        return c != 0xc2 && c != 0xd8 && c != 0xe2;
    return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f;
}

static unsigned char plain_table[256];
static int plain_ready;

static void init_plain(void)
{
    for (int c = 0; c < 256; c++)
        plain_table[c] = (unsigned char)plain_byte((unsigned char)c);
    plain_ready = 1;
}

/* Where the text goes: into sb, which is handed to emit (when not NULL)
 * and emptied whenever it holds chunk bytes or more, between members. */
struct jout {
    struct sbuf *sb;
    size_t chunk;
    int (*emit)(void *arg, const char *s, size_t n);
    void *arg;
    int failed;
};

static void jflush(struct jout *o)
{
    if (!o->emit || o->sb->len < o->chunk)
        return;
    if (!o->failed && o->emit(o->arg, o->sb->buf, o->sb->len) != 0)
        o->failed = 1;
    sbuf_reset(o->sb);
}

static void put_escape(struct jout *o, uint32_t cp)
{
    char e[8];
    snprintf(e, sizeof(e), "\\u%04x", (unsigned)cp);
    sbuf_add(o->sb, e, 6);
}

/* s as a JSON string: cJSON's escapes for '"', '\\' and C0 controls, \uXXXX
 * for the other unsafe characters. */
static void put_string(struct jout *o, const char *str)
{
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    size_t len = strlen((const char *)s), i = 0;
    sbuf_addc(o->sb, '"');
    while (i < len) {
        size_t start = i, n;
        uint32_t cp;
        /* the run that needs nothing: 8 bytes at a time while they are
         * plain ASCII, then byte by byte through the table */
        for (;;) {
            while (len - i >= 8 && jsondoc_plain8(s + i))
                i += 8;
            n = i + 8 < len ? i + 8 : len;
            while (i < n && plain_table[s[i]])
                i++;
            if (i < n || i == len)
                break;
        }
        if (i > start)
            sbuf_add(o->sb, s + start, i - start);
        if (i == len)
            break;
        switch (s[i]) {
        case '"': sbuf_add(o->sb, "\\\"", 2); i++; continue;
        case '\\': sbuf_add(o->sb, "\\\\", 2); i++; continue;
        case '\b': sbuf_add(o->sb, "\\b", 2); i++; continue;
        case '\f': sbuf_add(o->sb, "\\f", 2); i++; continue;
        case '\n': sbuf_add(o->sb, "\\n", 2); i++; continue;
        case '\r': sbuf_add(o->sb, "\\r", 2); i++; continue;
        case '\t': sbuf_add(o->sb, "\\t", 2); i++; continue;
        default: break;
        }
        if (s[i] < 0x20) {
            put_escape(o, s[i++]);
            continue;
        }
        /* DEL, or a character starting with C2, D8 or E2 */
        cp = utf8_decode_at((const char *)s + i, &n);
        if (text_is_unsafe(cp, 0))
            put_escape(o, cp);
        else
            sbuf_add(o->sb, s + i, n);
        i += n;
    }
    sbuf_addc(o->sb, '"');
}

static void put_tabs(struct jout *o, size_t n)
{
    static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    while (n > 0) {
        size_t k = n < sizeof(tabs) - 1 ? n : sizeof(tabs) - 1;
        sbuf_add(o->sb, tabs, k);
        n -= k;
    }
}

static void put_value(struct jout *o, const cJSON *v, size_t depth);

static void put_number(struct jout *o, const cJSON *v)
{
    /* cJSON_Print's own choice of digits (%d, %1.15g or %1.17g) */
    char *t = cJSON_PrintUnformatted(v);
    if (!t) {
        fprintf(stderr, "coopcheck: %s\n", _("out of memory while formatting JSON"));
        abort();
    }
    sbuf_adds(o->sb, t);
    cJSON_free(t);
}

static void put_object(struct jout *o, const cJSON *obj, size_t depth)
{
    sbuf_add(o->sb, "{\n", 2);
    for (const cJSON *m = obj->child; m; m = m->next) {
        put_tabs(o, depth + 1);
        put_string(o, m->string);
        sbuf_add(o->sb, ":\t", 2);
        put_value(o, m, depth + 1);
        if (m->next)
            sbuf_addc(o->sb, ',');
        sbuf_addc(o->sb, '\n');
        jflush(o);
    }
    put_tabs(o, depth);
    sbuf_addc(o->sb, '}');
}

static void put_array(struct jout *o, const cJSON *a, size_t depth)
{
    sbuf_addc(o->sb, '[');
    for (const cJSON *e = a->child; e; e = e->next) {
        put_value(o, e, depth + 1);   /* an array is a level of indentation too */
        if (e->next)
            sbuf_add(o->sb, ", ", 2);
        jflush(o);
    }
    sbuf_addc(o->sb, ']');
}

static void put_value(struct jout *o, const cJSON *v, size_t depth)
{
    switch (v->type & 0xff) {
    case cJSON_NULL: sbuf_add(o->sb, "null", 4); break;
    case cJSON_False: sbuf_add(o->sb, "false", 5); break;
    case cJSON_True: sbuf_add(o->sb, "true", 4); break;
    case cJSON_Number: put_number(o, v); break;
    case cJSON_String: put_string(o, v->valuestring); break;
    case cJSON_Raw: sbuf_adds(o->sb, v->valuestring ? v->valuestring : ""); break;
    case cJSON_Array: put_array(o, v, depth); break;
    case cJSON_Object: put_object(o, v, depth); break;
    default: break;   /* cJSON_Invalid prints nothing */
    }
}

/* About the length of node's text: its strings, and some bytes for each
 * node (escapes and deep indentation may need more: the buffer grows). */
static size_t estimate(const cJSON *n, size_t depth)
{
    size_t sum = 0;
    for (; n; n = n->next) {
        sum += 8 + depth + (n->string ? strlen(n->string) : 0);
        if (cJSON_IsString(n) && n->valuestring)
            sum += strlen(n->valuestring) + strlen(n->valuestring) / 32;
        if (n->child)
            sum += estimate(n->child, depth + 1);
    }
    return sum;
}

void jsondoc_print_to(const cJSON *node, struct sbuf *out)
{
    struct jout o = { out, 0, NULL, NULL, 0 };
    if (!plain_ready)
        init_plain();
    /* one allocation for the text of 7 MiB of answers, not 20 doublings
     * each leaving its predecessor behind */
    sbuf_reserve(out, estimate(node->child, 1) + 64);
    put_value(&o, node, 0);
}

int jsondoc_print_stream(const cJSON *node, const char *tail, size_t chunk,
                         int (*emit)(void *arg, const char *s, size_t n), void *arg)
{
    struct sbuf sb;
    struct jout o;
    if (!plain_ready)
        init_plain();
    sbuf_init(&sb);
    o.sb = &sb;
    o.chunk = chunk;
    o.emit = emit;
    o.arg = arg;
    o.failed = 0;
    put_value(&o, node, 0);
    sbuf_adds(&sb, tail ? tail : "");
    if (!o.failed && sb.len && emit(arg, sb.buf, sb.len) != 0)
        o.failed = 1;
    sbuf_release(&sb);
    return o.failed ? -1 : 0;
}

char *jsondoc_print(const cJSON *node)
{
    struct sbuf out;
    sbuf_init(&out);
    jsondoc_print_to(node, &out);
    return sbuf_detach(&out, NULL);
}
