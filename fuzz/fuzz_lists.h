/* fuzz_lists.h — the invariants shared by fuzz_lists_json.c and
 * fuzz_lists_csv.c: every entry handed over has a non-empty id and name,
 * and all its strings are valid UTF-8 without control characters; a
 * refusal says "f:LINE:COL: ...". */
#ifndef COOPCHECK_FUZZ_LISTS_H
#define COOPCHECK_FUZZ_LISTS_H

#include "fuzz.h"

#include "lists.h"
#include "textutil.h"

/* The name list_parse is given: messages start with it. */
#define FZ_LISTS_PATH "f"

static inline void fz_lists_text(const char *s, int required)
{
    if (!s) {
        FZ_CHECK(!required);
        return;
    }
    FZ_CHECK(s[0] != '\0');
    FZ_CHECK(utf8_invalid(s, strlen(s)) == NULL);
    FZ_CHECK(text_find_unsafe(s, 0) == NULL);
    FZ_CHECK(s[0] != ' ' && s[strlen(s) - 1] != ' ');
}

/* Stops after 64 entries (returning 5), to take the early-stop path too. */
static inline int fz_lists_entry(const struct list_entry *e, void *arg)
{
    size_t *n = arg;
    fz_lists_text(e->id, 1);
    fz_lists_text(e->name, 1);
    for (size_t i = 0; i < e->aliases.n; i++)
        fz_lists_text(e->aliases.v[i], 1);
    fz_lists_text(e->category, 0);
    fz_lists_text(e->note, 0);
    fz_lists_text(e->url, 0);
    FZ_CHECK(e->line >= 1);
    return ++*n == 64 ? 5 : 0;
}

/* "f:LINE:COL: " with LINE and COL >= 1. */
static inline void fz_lists_message(const char *msg)
{
    const char *p = msg;
    FZ_CHECK(strncmp(p, FZ_LISTS_PATH ":", 2) == 0);
    p += 2;
    for (int part = 0; part < 2; part++) {
        FZ_CHECK(*p >= '1' && *p <= '9');
        while (*p >= '0' && *p <= '9')
            p++;
        FZ_CHECK(*p == ':');
        p++;
    }
    FZ_CHECK(*p == ' ');
}

/* Parses data as f and checks the result. */
static inline void fz_lists_parse(enum list_format f, const uint8_t *data, size_t size)
{
    struct cc_err err;
    struct list_about about;
    size_t n = 0;
    int rc;

    err.msg[0] = '\0';
    rc = list_parse(f, (const char *)data, size, FZ_LISTS_PATH, fz_lists_entry, &n, &about, &err);
    FZ_CHECK(rc == 0 || rc == -1 || rc == 5);
    if (rc == -1)
        fz_lists_message(err.msg);
    if (rc == 0) {
        FZ_CHECK(n > 0);
        if (about.version)
            fz_lists_text(about.version, 1);
        if (about.title)
            fz_lists_text(about.title, 1);
    } else {
        FZ_CHECK(!about.version && !about.title);
    }
    list_about_release(&about);
}

static inline void fz_lists_detect(const uint8_t *data, size_t size)
{
    struct cc_err err;
    enum list_format f = LF_COUNT;
    int rc;
    err.msg[0] = '\0';
    rc = list_detect((const char *)data, size, FZ_LISTS_PATH, &f, &err);
    FZ_CHECK(rc == 0 || rc == -1);
    if (rc == 0)
        FZ_CHECK(f < LF_COUNT);
    else
        fz_lists_message(err.msg);
}

#endif
