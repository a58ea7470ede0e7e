/* util.c — errors, allocation, string buffer.  See util.h. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static void verror(struct cc_err *err, int code, const char *fmt, va_list ap) CC_PRINTF(3, 0);
static void verror(struct cc_err *err, int code, const char *fmt, va_list ap)
{
    if (!err)
        return;
    err->code = code;
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int cc_error(struct cc_err *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(err, 0, fmt, ap);
    va_end(ap);
    return -1;
}

int cc_error_code(struct cc_err *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(err, code, fmt, ap);
    va_end(ap);
    return -1;
}

void cc_error_prefix(struct cc_err *err, const char *prefix)
{
    char tmp[sizeof(err->msg)];
    int n;
    if (!err)
        return;
    n = snprintf(tmp, sizeof(tmp), "%s: ", prefix);
    if (n < 0 || (size_t)n >= sizeof(tmp))
        return;
    snprintf(tmp + n, sizeof(tmp) - (size_t)n, "%.*s", (int)(sizeof(tmp) - (size_t)n - 1), err->msg);
    memcpy(err->msg, tmp, sizeof(tmp));
}

static void oom(size_t n)
{
    fprintf(stderr, _("coopcheck: out of memory (asked for %zu bytes)\n"), n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p)
        oom(nmemb * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    struct sbuf sb;
    va_list ap;
    sbuf_init(&sb);
    va_start(ap, fmt);
    sbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    return sbuf_detach(&sb, NULL);
}

int cc_slug_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return 1;
}

void sbuf_init(struct sbuf *sb)
{
    sb->cap = 64;
    sb->len = 0;
    sb->buf = xmalloc(sb->cap);
    sb->buf[0] = '\0';
}

void sbuf_release(struct sbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

char *sbuf_detach(struct sbuf *sb, size_t *len)
{
    char *p = sb->buf;
    if (len)
        *len = sb->len;
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

static void grow(struct sbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    while (sb->cap < need)
        sb->cap *= 2;
    sb->buf = xrealloc(sb->buf, sb->cap);
}

void sbuf_reserve(struct sbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need > sb->cap) {
        sb->cap = need;
        sb->buf = xrealloc(sb->buf, sb->cap);
    }
}

void sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
    grow(sb, len);
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void sbuf_adds(struct sbuf *sb, const char *s)
{
    sbuf_add(sb, s, strlen(s));
}

void sbuf_addc(struct sbuf *sb, char c)
{
    sbuf_add(sb, &c, 1);
}

void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    va_copy(ap2, ap);
    n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    if ((size_t)n >= sb->cap - sb->len) {
        grow(sb, (size_t)n);
        vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
    }
    sb->len += (size_t)n;
}

void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

void sbuf_reset(struct sbuf *sb)
{
    sb->len = 0;
    sb->buf[0] = '\0';
}
