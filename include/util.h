/* util.h — errors, allocation and a growable string buffer shared by every module.
 *
 * Error convention (as in git): functions that can fail return 0 on success and
 * -1 on failure, after writing a one-line, human-readable message into a
 * caller-owned struct cc_err.  Messages say what went wrong, where (file:line:col
 * when there is a file) and, when useful, what to do.  Nothing below the command
 * line prints or exits, except on memory exhaustion (xmalloc and friends). */
#ifndef COOPCHECK_UTIL_H
#define COOPCHECK_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define CC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CC_PRINTF(f, a)
#endif

struct cc_err {
    int code;        /* errno-like detail (ENOENT, EEXIST, ...), or 0 */
    char msg[1024];  /* the message, without a trailing newline */
};

/* Sets err (if not NULL) from the format and returns -1.  code is set to 0. */
int cc_error(struct cc_err *err, const char *fmt, ...) CC_PRINTF(2, 3);
/* Same, with an errno-like code kept in err->code. */
int cc_error_code(struct cc_err *err, int code, const char *fmt, ...) CC_PRINTF(3, 4);
/* Prefixes err->msg with "prefix: " (used to add a file name). */
void cc_error_prefix(struct cc_err *err, const char *prefix);

/* Allocation that never returns NULL: on exhaustion prints and aborts. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) CC_PRINTF(1, 2);

/* A growable NUL-terminated byte string.  buf is never NULL after sbuf_init. */
struct sbuf {
    char *buf;
    size_t len;
    size_t cap;
};
void sbuf_init(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);            /* frees the contents */
char *sbuf_detach(struct sbuf *sb, size_t *len); /* caller owns the result; sb is reset */
/* Room for extra more bytes at once (a buffer that would otherwise grow by
 * doubling through a large text leaves the smaller copies behind). */
void sbuf_reserve(struct sbuf *sb, size_t extra);
void sbuf_add(struct sbuf *sb, const void *data, size_t len);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addc(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...) CC_PRINTF(2, 3);
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap) CC_PRINTF(2, 0);
void sbuf_reset(struct sbuf *sb);

/* 1 when s is a slug: [a-z0-9][a-z0-9-]{0,63} (ids of cooperations, catalogues,
 * sections, questions, resources).  Explicit ASCII ranges, whatever the locale. */
int cc_slug_valid(const char *s);

#define CC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
