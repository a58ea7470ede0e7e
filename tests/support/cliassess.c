/* cliassess.c — see cliassess.h. */
#include "cliassess.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "model.h"

static void set_ok_(const struct cx *c, const char *const *args, const char *file, int line)
{
    struct tu_run r;
    run_v(c, &r, NULL, NULL, args);
    expect_status_(&r, 0, file, line);
    run_free(&r);
}

void cx_answer_all_(const struct cx *c, const char *id, const char *file, int line)
{
    struct catalog *cat = bundled();
    for (size_t i = 0; i < cat->nquestions; i++) {
        const struct cat_question *q = &cat->questions[i];
        for (size_t f = 0; f < q->nfields; f++) {
            char text[200];
            const char *value = "no";
            if (q->fields[f].when_field != CAT_WHEN_ALWAYS &&
                !(q->fields[f].when_is & (1u << YN_NO)))
                continue;   /* not asked after "no" */
            if (q->fields[f].type == FIELD_TEXT) {
                snprintf(text, sizeof(text), "Answer to %s.%s", q->id, q->fields[f].id);
                value = text;
            }
            set_ok_(c, (const char *const[]){ "set", id, q->id, q->fields[f].id, value, NULL },
                    file, line);
        }
    }
    catalog_free(cat);
}

void cx_confirm_all_(const struct cx *c, const char *id, const char *file, int line)
{
    struct catalog *cat = bundled();
    for (size_t i = 0; i < cat->nquestions; i++)
        set_ok_(c, (const char *const[]){ "set", id, cat->questions[i].id, "--confirm", NULL },
                file, line);
    catalog_free(cat);
}

/* ---- directory trees ---- */

struct text {
    char *buf;
    size_t len;
};

static void text_add(struct text *t, const char *s, size_t n)
{
    t->buf = realloc(t->buf, t->len + n + 1);
    assert_non_null(t->buf);
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void tree_add(struct text *t, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
            strcmp(de->d_name, "write.lock") == 0)
            continue;
        names = realloc(names, (n + 1) * sizeof(*names));
        assert_non_null(names);
        names[n] = strdup(de->d_name);
        assert_non_null(names[n++]);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), by_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096], sub[4096], head[4200];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", names[i]);
        if (lstat(path, &st) != 0) {
            free(names[i]);
            continue;
        }
        snprintf(head, sizeof(head), "== %s %o\n", sub, (unsigned)(st.st_mode & 07777));
        text_add(t, head, strlen(head));
        if (S_ISDIR(st.st_mode)) {
            tree_add(t, path, sub);
        } else if (S_ISREG(st.st_mode)) {
            size_t len;
            char *bytes = tu_read(path, &len);
            if (bytes)
                text_add(t, bytes, len);
            free(bytes);
        }
        free(names[i]);
    }
    free(names);
}

char *cx_tree(const char *dir)
{
    struct text t = { NULL, 0 };
    text_add(&t, "", 0);
    tree_add(&t, dir, "");
    return t.buf;
}

/* The entry ("== path mode" line) of tree text t that holds offset at. */
static const char *entry_at(const char *t, size_t at)
{
    const char *e = t;
    for (const char *p = t; (p = strstr(p, "== ")) != NULL && (size_t)(p - t) <= at; p++)
        if (p == t || p[-1] == '\n')
            e = p;
    return e;
}

/* Where before and now first differ, with some context: cmocka's messages
 * are cut at about 1000 bytes, so a whole tree would hide the difference. */
static void show_difference(const char *path, const char *before, const char *now)
{
    size_t at = 0;
    char *b, *a, head_b[300], head_a[300];
    while (before[at] && before[at] == now[at])
        at++;
    snprintf(head_b, sizeof(head_b), "%.*s", (int)strcspn(entry_at(before, at), "\n"),
             entry_at(before, at));
    snprintf(head_a, sizeof(head_a), "%.*s", (int)strcspn(entry_at(now, at), "\n"),
             entry_at(now, at));
    b = printable(before + (at > 200 ? at - 200 : 0));
    a = printable(now + (at > 200 ? at - 200 : 0));
    print_error("%s changed at byte %zu (entry before: %s; now: %s)\n", path, at, head_b, head_a);
    print_error("before: ...%.400s...\n", b);
    print_error("now:    ...%.400s...\n", a);
    free(b);
    free(a);
}

void cx_expect_tree_(const char *path, const char *before, const char *file, int line)
{
    char *now = cx_tree(path);
    if (strcmp(now, before) != 0) {
        show_difference(path, before, now);
        free(now);
        _fail(file, line);
    }
    free(now);
}
