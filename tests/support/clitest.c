/* clitest.c — see clitest.h. */
#include "clitest.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"

/* ---- tracked output buffers --------------------------------------------------- */

static char *live[64];

static void track(char *p)
{
    for (size_t i = 0; i < sizeof(live) / sizeof(*live); i++)
        if (!live[i]) {
            live[i] = p;
            return;
        }
    fail_msg("too many runs not freed");
}

static void untrack(const char *p)
{
    for (size_t i = 0; i < sizeof(live) / sizeof(*live); i++)
        if (live[i] == p)
            live[i] = NULL;
}

static void free_tracked(void)
{
    for (size_t i = 0; i < sizeof(live) / sizeof(*live); i++) {
        free(live[i]);
        live[i] = NULL;
    }
}

/* ---- the fixture ------------------------------------------------------------ */

int cx_setup(void **state, const char *const *extra)
{
    struct cx *c = calloc(1, sizeof(*c));
    size_t n = 0;
    if (!c)
        return -1;
    c->tmp = tu_tempdir();
    snprintf(c->data, sizeof(c->data), "%s/data", c->tmp);
    snprintf(c->cfg, sizeof(c->cfg), "%s/cfg", c->tmp);
    snprintf(c->env_data, sizeof(c->env_data), "COOPCHECK_DATA=%s", c->data);
    snprintf(c->env_cfg, sizeof(c->env_cfg), "XDG_CONFIG_HOME=%s", c->cfg);
    snprintf(c->env_home, sizeof(c->env_home), "HOME=%s", c->tmp);
    snprintf(c->env_now, sizeof(c->env_now), "COOPCHECK_NOW=%s", NOW);
    c->env[n++] = c->env_data;
    c->env[n++] = c->env_cfg;
    c->env[n++] = c->env_home;
    c->env[n++] = c->env_now;
    c->env[n++] = "LANG=C.UTF-8";
    c->env[n++] = "LC_ALL=";
    c->env[n++] = "LC_MESSAGES=";
    c->env[n++] = "XDG_DATA_HOME=";
    c->env[n++] = "COLUMNS=";
    for (; extra && *extra; extra++) {
        assert_true(n < sizeof(c->env) / sizeof(*c->env) - 1);
        c->env[n++] = *extra;
    }
    c->env[n] = NULL;
    c->umask_before = umask(022);
    umask(c->umask_before);
    *state = c;
    return 0;
}

int cx_teardown(void **state)
{
    struct cx *c = *state;
    umask(c->umask_before);   /* in case a test failed under another umask */
    free_tracked();
    tu_rmrf(c->tmp);
    free(c->tmp);
    free(c);
    return 0;
}

int cx_group_setup(void **state)
{
    (void)state;
    if (access(tu_bin(), X_OK) != 0) {
        print_error("%s is not an executable program: build it first (make build-prog), "
                    "or set COOPCHECK_BIN\n", tu_bin());
        return -1;
    }
    return 0;
}

/* ---- running the program ------------------------------------------------------ */

void run_argv(struct tu_run *r, const char *in, const char *const argv[],
              const char *const env[])
{
    tu_run(r, in, argv, env);
    track(r->out);
    track(r->err);
}

void run_v(const struct cx *c, struct tu_run *r, const char *in, const char *const *extra,
           const char *const *args)
{
    const char *argv[40], *env[32];
    size_t n = 0;
    argv[n++] = tu_bin();
    for (; *args; args++) {
        assert_true(n < 39);
        argv[n++] = *args;
    }
    argv[n] = NULL;
    for (n = 0; c->env[n]; n++)
        env[n] = c->env[n];
    for (; extra && *extra; extra++) {
        assert_true(n < 31);
        env[n++] = *extra;
    }
    env[n] = NULL;
    run_argv(r, in, argv, env);
}

void run_free(struct tu_run *r)
{
    untrack(r->out);
    untrack(r->err);
    tu_run_free(r);
}

/* ---- expectations --------------------------------------------------------------- */

char *printable(const char *s)
{
    char *o = malloc(strlen(s) * 4 + 1), *w = o;
    const unsigned char *p = (const unsigned char *)s;
    assert_non_null(o);
    for (; *p; p++) {
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) {
            w += sprintf(w, "\\x%02x", *p);
        } else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            w += sprintf(w, "\\xc2\\x%02x", p[1]);
            p++;
        } else if (p[0] == 0xe2 && ((p[1] == 0x80 && ((p[2] >= 0xaa && p[2] <= 0xae) ||
                                                      p[2] == 0x8e || p[2] == 0x8f ||
                                                      p[2] == 0xa8 || p[2] == 0xa9)) ||
                                    (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))) {
            w += sprintf(w, "\\x%02x\\x%02x\\x%02x", p[0], p[1], p[2]);
            p += 2;
        } else {
            *w++ = (char)*p;
        }
    }
    *w = '\0';
    return o;
}

void expect_status_(const struct tu_run *r, int want, const char *file, int line)
{
    if (r->status != want) {
        char *o = printable(r->out), *e = printable(r->err);
        print_error("exit status %d, expected %d\n--- stdout:\n%s\n--- stderr:\n%s\n",
                    r->status, want, o, e);
        free(o);
        free(e);
        _fail(file, line);
    }
}

void expect_rows_fit_(const char *text, size_t cols, const char *what, const char *file,
                      int line)
{
    for (const char *p = text, *e; *p; p = *e ? e + 1 : e) {
        size_t n = 0;
        const char *w = p + strspn(p, " ");
        e = strchr(p, '\n') ? strchr(p, '\n') : p + strlen(p);
        for (const char *q = p; q < e; q++)
            n += ((unsigned char)*q & 0xc0) != 0x80;
        if (n > cols && memchr(w, ' ', (size_t)(e - w))) {
            char *h = printable(text);
            print_error("%s: a row is wider than %zu columns: \"%.*s\" in\n%s\n", what, cols,
                        (int)(e - p), p, h);
            free(h);
            _fail(file, line);
        }
    }
}

void expect_in_(const char *hay, const char *needle, const char *what, const char *file,
                int line)
{
    if (!strstr(hay, needle)) {
        char *h = printable(hay), *n = printable(needle);
        print_error("%s does not contain \"%s\":\n%s\n", what, n, h);
        free(h);
        free(n);
        _fail(file, line);
    }
}

void expect_not_in_(const char *hay, const char *needle, const char *what, const char *file,
                    int line)
{
    if (strstr(hay, needle)) {
        char *h = printable(hay), *n = printable(needle);
        print_error("%s contains \"%s\" but should not:\n%s\n", what, n, h);
        free(h);
        free(n);
        _fail(file, line);
    }
}

/* ---- paths under the test's directory ---------------------------------------------- */

const char *tpath(const struct cx *c, const char *fmt, ...)
{
    static char buf[8][4400];
    static int k;
    char rel[300];
    char *p = buf[k++ % 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rel, sizeof(rel), fmt, ap);
    va_end(ap);
    snprintf(p, sizeof(buf[0]), "%s/%s", c->tmp, rel);
    return p;
}

const char *apath(const struct cx *c, const char *id)
{
    return tpath(c, "data/%s/assessment.json", id);
}

const char *spath(const struct cx *c, const char *id, const char *snap)
{
    return tpath(c, "data/%s/snapshots/%s.json", id, snap);
}

/* ---- byte snapshots of files ----------------------------------------------------------- */

struct bytes grab(const char *path)
{
    struct bytes b;
    b.buf = tu_read(path, &b.len);
    assert_non_null(b.buf);
    return b;
}

void expect_same_(const char *path, struct bytes *b, const char *file, int line)
{
    size_t len;
    char *now = tu_read(path, &len);
    if (!now || len != b->len || memcmp(now, b->buf, len) != 0) {
        print_error("%s changed (or vanished): %zu bytes before, %zu now\n", path, b->len,
                    now ? len : 0);
        free(now);
        _fail(file, line);
    }
    free(now);
}

/* ---- JSON ------------------------------------------------------------------------------ */

cJSON *parse_json_(const char *text, const char *file, int line)
{
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithOpts(text, &end, 1);
    if (!j) {
        char *t = printable(text);
        print_error("not valid JSON near offset %ld:\n%s\n", end ? (long)(end - text) : -1L, t);
        free(t);
        _fail(file, line);
    }
    return j;
}

cJSON *jget(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = jget(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- text and catalogue ------------------------------------------------------------------- */

/* Every run of white space collapsed to one space (none at the start).
 * Caller frees. */
static char *squash(const char *s)
{
    char *o = malloc(strlen(s) + 1), *w = o;
    int space = 0;
    assert_non_null(o);
    for (; *s; s++) {
        if (isspace((unsigned char)*s)) {
            space = 1;
            continue;
        }
        if (space && w != o)
            *w++ = ' ';
        space = 0;
        *w++ = *s;
    }
    *w = '\0';
    return o;
}

int contains_squashed(const char *hay, const char *needle)
{
    char *h = squash(hay), *n = squash(needle);
    int found = strstr(h, n) != NULL;
    free(h);
    free(n);
    return found;
}

struct catalog *bundled(void)
{
    struct catalog *cat = NULL;
    struct cc_err err;
    char *path = tu_src_path(BUNDLED);
    if (catalog_load_file(path, &cat, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    free(path);
    return cat;
}

/* A copy of the bundled catalogue as "bmbf-mini" version 2099-01 without
 * q19's field "structures", in CFG/coopcheck/catalog/ (made if missing). */
void install_mini_catalogue(const char *cfg)
{
    char dir[4400], file[4500], *src = tu_src_path(BUNDLED), *text = tu_read(src, NULL), *out;
    cJSON *root, *sec, *q;
    assert_non_null(text);
    root = PARSE_JSON(text);
    free(text);
    free(src);
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(root, "id", cJSON_CreateString("bmbf-mini")));
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(root, "version", cJSON_CreateString("2099-01")));
    sec = cJSON_GetArrayItem(jget(root, "sections"), cJSON_GetArraySize(jget(root, "sections")) - 1);
    q = cJSON_GetArrayItem(jget(sec, "questions"), cJSON_GetArraySize(jget(sec, "questions")) - 1);
    assert_string_equal(jstr(q, "id"), "q19");
    for (int i = 0; i < cJSON_GetArraySize(jget(q, "fields")); i++)
        if (strcmp(jstr(cJSON_GetArrayItem(jget(q, "fields"), i), "id"), "structures") == 0)
            cJSON_DeleteItemFromArray(jget(q, "fields"), i);
    out = cJSON_Print(root);
    cJSON_Delete(root);
    snprintf(dir, sizeof(dir), "%s/coopcheck", cfg);
    mkdir(cfg, 0700);
    mkdir(dir, 0700);
    snprintf(dir, sizeof(dir), "%s/coopcheck/catalog", cfg);
    mkdir(dir, 0700);
    snprintf(file, sizeof(file), "%s/bmbf-mini.json", dir);
    tu_write(file, out);
    cJSON_free(out);
}

void cx_ok_(const struct cx *c, const char *in, const char *const *args, const char *file, int line)
{
    struct tu_run r;
    run_v(c, &r, in, NULL, args);
    expect_status_(&r, 0, file, line);
    run_free(&r);
}
