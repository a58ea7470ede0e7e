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

static void put_escape(struct sbuf *out, uint32_t cp)
{
    char e[8];
    snprintf(e, sizeof(e), "\\u%04x", (unsigned)cp);
    sbuf_add(out, e, 6);
}

/* s as a JSON string: cJSON's escapes for '"', '\\' and C0 controls, \uXXXX
 * for the other unsafe characters. */
static void put_string(struct sbuf *out, const char *str)
{
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    size_t len = strlen((const char *)s), i = 0;
    sbuf_addc(out, '"');
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
            sbuf_add(out, s + start, i - start);
        if (i == len)
            break;
        switch (s[i]) {
        case '"': sbuf_add(out, "\\\"", 2); i++; continue;
        case '\\': sbuf_add(out, "\\\\", 2); i++; continue;
        case '\b': sbuf_add(out, "\\b", 2); i++; continue;
        case '\f': sbuf_add(out, "\\f", 2); i++; continue;
        case '\n': sbuf_add(out, "\\n", 2); i++; continue;
        case '\r': sbuf_add(out, "\\r", 2); i++; continue;
        case '\t': sbuf_add(out, "\\t", 2); i++; continue;
        default: break;
        }
        if (s[i] < 0x20) {
            put_escape(out, s[i++]);
            continue;
        }
        /* DEL, or a character starting with C2, D8 or E2 */
        cp = utf8_decode_at((const char *)s + i, &n);
        if (text_is_unsafe(cp, 0))
            put_escape(out, cp);
        else
            sbuf_add(out, s + i, n);
        i += n;
    }
    sbuf_addc(out, '"');
}

static void put_tabs(struct sbuf *out, size_t n)
{
    static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    while (n > 0) {
        size_t k = n < sizeof(tabs) - 1 ? n : sizeof(tabs) - 1;
        sbuf_add(out, tabs, k);
        n -= k;
    }
}

static void put_value(struct sbuf *out, const cJSON *v, size_t depth);

static void put_number(struct sbuf *out, const cJSON *v)
{
    /* cJSON_Print's own choice of digits (%d, %1.15g or %1.17g) */
    char *t = cJSON_PrintUnformatted(v);
    if (!t) {
        fprintf(stderr, "coopcheck: %s\n", _("out of memory while formatting JSON"));
        abort();
    }
    sbuf_adds(out, t);
    cJSON_free(t);
}

static void put_object(struct sbuf *out, const cJSON *o, size_t depth)
{
    sbuf_add(out, "{\n", 2);
    for (const cJSON *m = o->child; m; m = m->next) {
        put_tabs(out, depth + 1);
        put_string(out, m->string);
        sbuf_add(out, ":\t", 2);
        put_value(out, m, depth + 1);
        if (m->next)
            sbuf_addc(out, ',');
        sbuf_addc(out, '\n');
    }
    put_tabs(out, depth);
    sbuf_addc(out, '}');
}

static void put_array(struct sbuf *out, const cJSON *a, size_t depth)
{
    sbuf_addc(out, '[');
    for (const cJSON *e = a->child; e; e = e->next) {
        put_value(out, e, depth + 1);   /* an array is a level of indentation too */
        if (e->next)
            sbuf_add(out, ", ", 2);
    }
    sbuf_addc(out, ']');
}

static void put_value(struct sbuf *out, const cJSON *v, size_t depth)
{
    switch (v->type & 0xff) {
    case cJSON_NULL: sbuf_add(out, "null", 4); break;
    case cJSON_False: sbuf_add(out, "false", 5); break;
    case cJSON_True: sbuf_add(out, "true", 4); break;
    case cJSON_Number: put_number(out, v); break;
    case cJSON_String: put_string(out, v->valuestring); break;
    case cJSON_Raw: sbuf_adds(out, v->valuestring ? v->valuestring : ""); break;
    case cJSON_Array: put_array(out, v, depth); break;
    case cJSON_Object: put_object(out, v, depth); break;
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
    if (!plain_ready)
        init_plain();
    /* one allocation for the text of 7 MiB of answers, not 20 doublings
     * each leaving its predecessor behind */
    sbuf_reserve(out, estimate(node->child, 1) + 64);
    put_value(out, node, 0);
}

char *jsondoc_print(const cJSON *node)
{
    struct sbuf out;
    sbuf_init(&out);
    jsondoc_print_to(node, &out);
    return sbuf_detach(&out, NULL);
}
