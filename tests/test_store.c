/* test_store.c — cooperations on disk: the data directory, create/load round
 * trips, no clobbering, permissions, strict loading that never touches a bad
 * file, conflict detection, atomic saves, snapshots and their chain, listing.
 *
 * Every test works in its own temporary directory; XDG_CONFIG_HOME points into
 * it so that a user's own catalogues cannot interfere, and the environment
 * variables the store reads are restored afterwards.
 *
 * Fault injection: this program is linked with -Wl,--wrap=fsync
 * (WRAP_test_store in the Makefile), so the fsync calls of src/fsio.c arrive
 * at __wrap_fsync below, which fails them with EIO when a test asks for it. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "afile.h"
#include "digest.h"
#include "catalog.h"
#include "cctime.h"
#include "fsio.h"
#include "model.h"
#include "sha256.h"
#include "store.h"

/* ---- the seam ----------------------------------------------------------- */

int __real_fsync(int fd);
int __wrap_fsync(int fd);

enum { FAIL_NONE, FAIL_FILES, FAIL_DIRS };
static int fsync_fail;     /* which fsync calls fail with EIO */
static int fsync_failed;   /* how many did */

int __wrap_fsync(int fd)
{
    struct stat st;
    int is_dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
    if ((fsync_fail == FAIL_FILES && !is_dir) || (fsync_fail == FAIL_DIRS && is_dir)) {
        fsync_failed++;
        errno = EIO;
        return -1;
    }
    return __real_fsync(fd);
}

/* ---- fixture -------------------------------------------------------------- */

#define NOW1 "2026-01-02T03:04:05Z"
#define NOW2 "2026-02-03T04:05:06Z"
#define SNAP_NOW "2026-11-27T03:45:21Z"
#define SNAP_NAME "20261127T034521Z"

static const char *const env_names[] = { "COOPCHECK_DATA", "XDG_DATA_HOME", "HOME",
                                         "XDG_CONFIG_HOME", "COOPCHECK_NOW" };
#define NENV (sizeof(env_names) / sizeof(env_names[0]))

struct fx {
    char *tmp;
    char data[4096];            /* TMP/data, not created */
    char *env[NENV];            /* saved values (NULL: unset) */
    mode_t umask_before;
    struct catalog_set cats;
    const struct catalog *cat;
    char path[8][4096];
};

static void collect(void);

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char cfg[4200];
    size_t i;

    if (!f)
        return -1;
    f->tmp = tu_tempdir();
    for (i = 0; i < NENV; i++) {
        const char *v = getenv(env_names[i]);
        f->env[i] = v ? xstrdup(v) : NULL;
    }
    snprintf(cfg, sizeof(cfg), "%s/config", f->tmp);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    unsetenv("COOPCHECK_NOW");
    unsetenv("COOPCHECK_DATA");
    snprintf(f->data, sizeof(f->data), "%s/data", f->tmp);
    f->umask_before = umask(022);
    fsync_fail = FAIL_NONE;
    fsync_failed = 0;
    catalog_set_load(&f->cats, NULL);
    f->cat = catalog_set_find(&f->cats, "bmbf-china-2024");
    if (!f->cat) {
        fprintf(stderr, "catalogue bmbf-china-2024 not found\n");
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    size_t i;

    fsync_fail = FAIL_NONE;
    collect();
    catalog_set_release(&f->cats);
    for (i = 0; i < NENV; i++) {
        if (f->env[i])
            setenv(env_names[i], f->env[i], 1);
        else
            unsetenv(env_names[i]);
        free(f->env[i]);
    }
    umask(f->umask_before);
    tu_rmrf(f->tmp);
    free(f->tmp);
    free(f);
    return 0;
}

/* A path in slot i of the fixture, from a format. */
static const char *P(struct fx *f, int i, const char *fmt, ...) CC_PRINTF(3, 4);
static const char *P(struct fx *f, int i, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(f->path[i], sizeof(f->path[i]), fmt, ap);
    va_end(ap);
    assert_true(n > 0 && (size_t)n < sizeof(f->path[i]));
    return f->path[i];
}

/* What a test allocates is freed by the teardown, so that a failing
 * assertion (which leaves the test by longjmp) leaks nothing and
 * LeakSanitizer reports stay about the library. */
static struct assessment **owned;
static size_t nowned;
static void **garbage;
static size_t ngarbage;

static struct assessment *own(struct assessment *a)
{
    owned = xrealloc(owned, (nowned + 1) * sizeof(*owned));
    owned[nowned++] = a;
    return a;
}

static void *gc(void *p)
{
    garbage = xrealloc(garbage, (ngarbage + 1) * sizeof(*garbage));
    garbage[ngarbage++] = p;
    return p;
}

static void collect(void)
{
    size_t i;
    for (i = 0; i < nowned; i++)
        assessment_free(owned[i]);
    for (i = 0; i < ngarbage; i++)
        free(garbage[i]);
    free(owned);
    free(garbage);
    owned = NULL;
    garbage = NULL;
    nowned = ngarbage = 0;
}

#define assert_contains(hay, needle)                                                       \
    do {                                                                                   \
        const char *h_ = (hay), *n_ = (needle);                                            \
        if (!h_ || !strstr(h_, n_))                                                        \
            fail_msg("\"%s\" does not contain \"%s\"", h_ ? h_ : "(null)", n_);            \
    } while (0)

static void assert_str_or_null_equal(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
        fail_msg("%s: \"%s\" != \"%s\"", what, a ? a : "(null)", b ? b : "(null)");
}

static size_t QI(const struct catalog *cat, const char *id)
{
    const struct cat_question *q = catalog_question(cat, id);
    if (!q)
        fail_msg("the catalogue has no question %s", id);
    return (size_t)catalog_question_index(cat, q);
}

static size_t FI(const struct catalog *cat, size_t qi, const char *id)
{
    long i = cat_question_field_index(&cat->questions[qi], id);
    if (i < 0)
        fail_msg("question %s has no field %s", cat->questions[qi].id, id);
    return (size_t)i;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* Names in dir other than "." and "..", sorted, joined by ' '. */
static char *dir_listing(const char *dir)
{
    struct strlist names = { 0 };
    struct sbuf sb;
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t i, j;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            strlist_push(&names, de->d_name);
    closedir(d);
    for (i = 1; i < names.n; i++)
        for (j = i; j > 0 && strcmp(names.v[j - 1], names.v[j]) > 0; j--) {
            char *t = names.v[j];
            names.v[j] = names.v[j - 1];
            names.v[j - 1] = t;
        }
    sbuf_init(&sb);
    for (i = 0; i < names.n; i++)
        sbuf_addf(&sb, "%s%s", i ? " " : "", names.v[i]);
    strlist_release(&names);
    return sbuf_detach(&sb, NULL);
}

static void assert_listing(const char *dir, const char *want)
{
    char *got = dir_listing(dir);
    if (strcmp(got, want) != 0)
        fail_msg("%s holds \"%s\", want \"%s\"", dir, got, want);
    free(got);
}

/* What a file was: its bytes and identity, to prove it was not rewritten. */
struct fstate {
    char *bytes;
    size_t len;
    struct stat st;
};

/* Sets the file's times into the past, so that a rewrite would show. */
static void age(const char *path)
{
    struct timespec ts[2];
    ts[0].tv_sec = ts[1].tv_sec = 1000000000;   /* 2001 */
    ts[0].tv_nsec = ts[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Ages the file and records what it is. */
static void capture(const char *path, struct fstate *s)
{
    age(path);
    assert_int_equal(stat(path, &s->st), 0);
    s->bytes = gc(tu_read(path, &s->len));
    assert_non_null(s->bytes);
}

static void assert_unchanged(const char *path, struct fstate *s)
{
    struct stat st;
    size_t len;
    char *now = tu_read(path, &len);
    assert_non_null(now);
    assert_int_equal(len, s->len);
    assert_memory_equal(now, s->bytes, len);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_ino, s->st.st_ino);
    assert_int_equal(st.st_mtime, s->st.st_mtime);
    free(now);
}

/* ---- assessments ------------------------------------------------------------ */

static const char long_text[] =
    "Erste Zeile mit Umlauten: äöüß ÄÖÜ.\n"
    "第二行：中文内容（合作研究）。\n"
    "\tTab, \"Anführungszeichen\", Backslash \\ und Emoji \xf0\x9f\x99\x82\n"
    "\n"
    "Letzte Zeile ohne Zeilenende";

/* A cooperation with several partners and a spread of answers:
 *   q01 answered (two texts), q04 partly (yes, no, unsure, one text),
 *   q07 follow-up only, q08 answered (no + text), q03 unanswered. */
static struct assessment *make_assessment(const struct catalog *cat, const char *id)
{
    char title[] = "Kältetechnik \"Lab\" – 合作";
    char p1[] = "Harbin Institute of Technology", p2[] = "TU München", p3[] = "北京大学";
    char *pv[] = { p1, p2, p3 };
    char country[] = "CN", pi[] = "Prof. Dr. Müller", start[] = "2026-03-01";
    struct coop meta;
    struct assessment *a;
    struct cc_err err;
    size_t q;

    memset(&meta, 0, sizeof(meta));
    meta.id = (char *)id;
    meta.title = title;
    meta.partners.v = pv;
    meta.partners.n = 3;
    meta.country = country;
    meta.pi = pi;
    meta.start = start;
    meta.interval_months = 6;
    a = own(assessment_new(cat, &meta, "alice", NOW1));

    q = QI(cat, "q01");
    assert_int_equal(assessment_set_text(a, q, FI(cat, q, "focus"), long_text, "alice", NOW1, &err), 0);
    assert_int_equal(assessment_set_text(a, q, FI(cat, q, "own_goals"), "Eigene Ziele", "bob", NOW2,
                                         &err), 0);
    q = QI(cat, "q04");
    assert_int_equal(assessment_set_yesno(a, q, FI(cat, q, "dep_on_china"), YN_YES, "alice", NOW1,
                                          &err), 0);
    assert_int_equal(assessment_set_yesno(a, q, FI(cat, q, "partner_dep_on_de"), YN_NO, "bob", NOW2,
                                          &err), 0);
    assert_int_equal(assessment_set_yesno(a, q, FI(cat, q, "alternatives"), YN_UNSURE, "carol",
                                          "2026-02-04T00:00:00Z", &err), 0);
    assert_int_equal(assessment_set_text(a, q, FI(cat, q, "dep_on_china_kind"), "Messgeräte", "alice",
                                         NOW1, &err), 0);
    assessment_set_followup(a, q, 1, "alice", NOW1);
    assessment_set_followup(a, QI(cat, "q07"), 1, "bob", NOW2);
    q = QI(cat, "q08");
    assert_int_equal(assessment_set_yesno(a, q, FI(cat, q, "informed"), YN_NO, "bob", NOW2, &err), 0);
    assert_int_equal(assessment_set_text(a, q, FI(cat, q, "evidence"), "keine", "bob", NOW2, &err), 0);
    return a;
}

/* Every value of two assessments, compared one by one. */
static void assert_same_assessment(const struct assessment *x, const struct assessment *y)
{
    size_t i, k;
    assert_string_equal(x->catalog_id, y->catalog_id);
    assert_string_equal(x->catalog_version, y->catalog_version);
    assert_string_equal(x->coop.id, y->coop.id);
    assert_str_or_null_equal(x->coop.title, y->coop.title, "title");
    assert_int_equal(x->coop.partners.n, y->coop.partners.n);
    for (i = 0; i < x->coop.partners.n; i++)
        assert_string_equal(x->coop.partners.v[i], y->coop.partners.v[i]);
    assert_str_or_null_equal(x->coop.country, y->coop.country, "country");
    assert_str_or_null_equal(x->coop.pi, y->coop.pi, "pi");
    assert_str_or_null_equal(x->coop.start, y->coop.start, "start");
    assert_int_equal(x->coop.interval_months, y->coop.interval_months);
    assert_str_or_null_equal(x->created_at, y->created_at, "created_at");
    assert_str_or_null_equal(x->created_by, y->created_by, "created_by");
    assert_str_or_null_equal(x->updated_at, y->updated_at, "updated_at");
    assert_str_or_null_equal(x->updated_by, y->updated_by, "updated_by");
    assert_int_equal(x->round, y->round);
    assert_str_or_null_equal(x->round_started, y->round_started, "round_started");
    assert_str_or_null_equal(x->round_based_on, y->round_based_on, "round_based_on");
    assert_ptr_equal(x->cat, y->cat);
    for (i = 0; i < x->cat->nquestions; i++) {
        const char *qid = x->cat->questions[i].id;
        if (x->q[i].followup != y->q[i].followup || x->q[i].review != y->q[i].review)
            fail_msg("%s: followup/review %d/%d != %d/%d", qid, x->q[i].followup, x->q[i].review,
                     y->q[i].followup, y->q[i].review);
        assert_int_equal(x->q[i].nf, y->q[i].nf);
        for (k = 0; k < x->q[i].nf; k++) {
            const struct answer *p = &x->q[i].f[k], *r = &y->q[i].f[k];
            if (p->yn != r->yn)
                fail_msg("%s field %zu: %s != %s", qid, k, yesno_name(p->yn), yesno_name(r->yn));
            assert_str_or_null_equal(p->text, r->text, qid);
            if (answer_is_set(p)) {
                assert_str_or_null_equal(p->by, r->by, qid);
                assert_str_or_null_equal(p->at, r->at, qid);
            }
        }
    }
}

static const char *apath(struct fx *f, int slot, const char *id)
{
    return P(f, slot, "%s/%s/assessment.json", f->data, id);
}

/* ---- the data directory ------------------------------------------------------ */

static void test_data_dir_precedence(void **state)
{
    struct fx *f = *state;
    struct cc_err err;
    char *d;

    setenv("COOPCHECK_DATA", "/env/data", 1);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    setenv("HOME", "/home/u", 1);

    assert_int_equal(store_data_dir("/opt/dir", &d, &err), 0);
    assert_string_equal(d, "/opt/dir");
    free(d);
    assert_int_equal(store_data_dir(NULL, &d, &err), 0);
    assert_string_equal(d, "/env/data");
    free(d);
    assert_int_equal(store_data_dir("", &d, &err), 0);   /* an empty option is no option */
    assert_string_equal(d, "/env/data");
    free(d);

    unsetenv("COOPCHECK_DATA");
    assert_int_equal(store_data_dir(NULL, &d, &err), 0);
    assert_string_equal(d, "/xdg/coopcheck");
    free(d);
    setenv("COOPCHECK_DATA", "", 1);                     /* empty: unset */
    assert_int_equal(store_data_dir(NULL, &d, &err), 0);
    assert_string_equal(d, "/xdg/coopcheck");
    free(d);

    unsetenv("XDG_DATA_HOME");
    assert_int_equal(store_data_dir(NULL, &d, &err), 0);
    assert_string_equal(d, "/home/u/.local/share/coopcheck");
    free(d);
    /* XDG base directory spec: relative paths are ignored */
    setenv("XDG_DATA_HOME", "relative/dir", 1);
    assert_int_equal(store_data_dir(NULL, &d, &err), 0);
    assert_string_equal(d, "/home/u/.local/share/coopcheck");
    free(d);

    /* the option still wins over everything */
    setenv("COOPCHECK_DATA", "/env/data", 1);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    assert_int_equal(store_data_dir(f->data, &d, &err), 0);
    assert_string_equal(d, f->data);
    free(d);
}

static void test_data_dir_no_home(void **state)
{
    struct cc_err err;
    char *d = (char *)"sentinel";

    (void)state;
    unsetenv("COOPCHECK_DATA");
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_data_dir(NULL, &d, &err), -1);
    assert_null(d);
    assert_contains(err.msg, "HOME");
    assert_contains(err.msg, "--data");
}

/* ---- create and load ------------------------------------------------------------ */

static void test_create_load_round_trip(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "tum-hit-2026"), *b;
    struct cc_err err;
    size_t len;
    char *bytes, *again;

    memset(&err, 0, sizeof(err));
    assert_int_equal(store_create(f->data, a, &err), 0);
    bytes = tu_read(apath(f, 0, "tum-hit-2026"), &len);
    assert_non_null(bytes);
    /* what storage remembers of the file it wrote and read: its bytes'
     * digest and size, and, read, its inode (saves compare these, model.h);
     * the SHA-256 only where the chain needs it (snapshots) */
    assert_true(a->stamp.known);
    assert_true(a->stamp.digest == digest_of(bytes, len));
    assert_true(a->stamp.size == (long long)len);

    assert_int_equal(store_load(f->data, "tum-hit-2026", &f->cats, &b, &err), 0);
    own(b);
    assert_non_null(b);
    assert_same_assessment(a, b);
    assert_null(b->snap);
    assert_true(b->stamp.known);
    assert_true(b->stamp.digest == a->stamp.digest);
    {
        struct stat st;
        assert_int_equal(stat(apath(f, 0, "tum-hit-2026"), &st), 0);
        assert_true(b->stamp.ino == (unsigned long long)st.st_ino);
        assert_true(b->stamp.size == (long long)st.st_size);
    }
    assert_null(b->file_sha256);

    /* spot checks, independent of the comparison helper */
    {
        size_t q1 = QI(f->cat, "q01"), q4 = QI(f->cat, "q04"), q3 = QI(f->cat, "q03");
        size_t q7 = QI(f->cat, "q07");
        assert_string_equal(b->q[q1].f[FI(f->cat, q1, "focus")].text, long_text);
        assert_int_equal(b->q[q4].f[FI(f->cat, q4, "dep_on_china")].yn, YN_YES);
        assert_int_equal(b->q[q4].f[FI(f->cat, q4, "partner_dep_on_de")].yn, YN_NO);
        assert_int_equal(b->q[q4].f[FI(f->cat, q4, "alternatives")].yn, YN_UNSURE);
        assert_string_equal(b->q[q4].f[FI(f->cat, q4, "alternatives")].by, "carol");
        assert_string_equal(b->q[q4].f[FI(f->cat, q4, "alternatives")].at, "2026-02-04T00:00:00Z");
        assert_int_equal(b->q[q4].f[FI(f->cat, q4, "alternatives_which")].yn, YN_UNSET);
        assert_null(b->q[q4].f[FI(f->cat, q4, "alternatives_which")].text);
        assert_int_equal(b->q[q4].followup, 1);
        assert_int_equal(b->q[q7].followup, 1);
        assert_int_equal(assessment_qstate(b, q7), QS_UNANSWERED);
        assert_int_equal(assessment_qstate(b, q3), QS_UNANSWERED);
        assert_int_equal(b->q[q3].followup, 0);
        assert_int_equal(b->coop.partners.n, 3);
        assert_string_equal(b->coop.partners.v[2], "北京大学");
        assert_string_equal(b->coop.title, "Kältetechnik \"Lab\" – 合作");
        assert_string_equal(b->coop.start, "2026-03-01");
        assert_int_equal(b->coop.interval_months, 6);
        assert_string_equal(b->created_by, "alice");
        assert_string_equal(b->created_at, NOW1);
        assert_int_equal(b->round, 1);
        assert_null(b->round_based_on);
    }

    /* writing what was read gives the same bytes */
    again = afile_format(b);
    assert_string_equal(again, bytes);
    free(again);
    free(bytes);
}

static void test_create_null_metadata_round_trip(void **state)
{
    struct fx *f = *state;
    struct coop meta;
    struct assessment *a, *b;
    struct cc_err err;

    memset(&meta, 0, sizeof(meta));
    meta.id = (char *)"0-minimal";
    meta.title = (char *)"Minimal";
    meta.interval_months = 120;
    a = own(assessment_new(f->cat, &meta, "alice", NOW1));
    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "0-minimal", &f->cats, &b, &err), 0);
    own(b);
    assert_same_assessment(a, b);
    assert_null(b->coop.country);
    assert_null(b->coop.pi);
    assert_null(b->coop.start);
    assert_int_equal(b->coop.partners.n, 0);
    assert_int_equal(assessment_answered(b), 0);
}

static void test_create_existing_refused(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *b;
    struct fstate before;
    struct cc_err err;

    assert_int_equal(store_create(f->data, a, &err), 0);
    capture(apath(f, 0, "demo"), &before);

    b = own(assessment_new(f->cat, &a->coop, "mallory", NOW2));   /* same id, no answers */
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_create(f->data, b, &err), -1);
    assert_int_equal(err.code, EEXIST);
    assert_contains(err.msg, "demo");
    assert_unchanged(apath(f, 0, "demo"), &before);
    assert_listing(P(f, 1, "%s/demo", f->data), "assessment.json");
}

static void test_create_refuses_bad_id(void **state)
{
    struct fx *f = *state;
    static const char *const bad[] = { "../escape", "a/b", "Upper", "", ".hidden" };
    struct coop meta;
    struct cc_err err;
    size_t i;

    for (i = 0; i < CC_ARRAY_LEN(bad); i++) {
        struct assessment *a;
        memset(&meta, 0, sizeof(meta));
        meta.id = (char *)bad[i];
        meta.title = (char *)"x";
        meta.interval_months = 12;
        a = own(assessment_new(f->cat, &meta, "alice", NOW1));
        memset(&err, 0, sizeof(err));
        if (store_create(f->data, a, &err) != -1)
            fail_msg("store_create accepted the id \"%s\"", bad[i]);
        assert_true(err.msg[0] != '\0');
    }
    assert_false(fs_exists(P(f, 0, "%s/escape", f->tmp)));
    assert_int_equal(store_load(f->data, "../escape", &f->cats, &(struct assessment *){ NULL },
                                &err), -1);
}

static void test_load_missing_is_enoent(void **state)
{
    struct fx *f = *state;
    struct assessment *a = (struct assessment *)&a;
    struct cc_err err;

    memset(&err, 0, sizeof(err));
    assert_int_equal(store_load(f->data, "nobody", &f->cats, &a, &err), -1);
    assert_null(a);
    assert_int_equal(err.code, ENOENT);
    assert_contains(err.msg, "nobody");
}

static void test_permissions_under_umask_0(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo");
    struct cc_err err;
    char *name = NULL;
    mode_t old = umask(0);

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_save(f->data, a, &err), 0);   /* a rewrite keeps the mode */
    assert_int_equal(store_snapshot(f->data, a, NULL, 1, "alice", SNAP_NOW, &name, &err), 0);
    umask(old);

    assert_int_equal(tu_mode(f->data), 0700);
    assert_int_equal(tu_mode(P(f, 0, "%s/demo", f->data)), 0700);
    assert_int_equal(tu_mode(P(f, 0, "%s/demo/snapshots", f->data)), 0700);
    assert_int_equal(tu_mode(apath(f, 0, "demo")), 0600);
    assert_int_equal(tu_mode(P(f, 0, "%s/demo/snapshots/%s.json", f->data, name)), 0600);
    free(name);
}

static void test_permissions_nested_data_dir(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo");
    struct cc_err err;
    mode_t old = umask(0);
    const char *data = P(f, 0, "%s/deep/er/data", f->tmp);

    assert_int_equal(store_create(data, a, &err), 0);
    umask(old);
    assert_int_equal(tu_mode(P(f, 1, "%s/deep", f->tmp)), 0700);
    assert_int_equal(tu_mode(P(f, 1, "%s/deep/er", f->tmp)), 0700);
    assert_int_equal(tu_mode(data), 0700);
    assert_int_equal(tu_mode(P(f, 1, "%s/demo/assessment.json", data)), 0600);
}

/* ---- strict loading ------------------------------------------------------------ */

/* A valid working assessment, one line per array entry (line i+1). */
static const char *const base_doc[] = {
    /*  1 */ "{",
    /*  2 */ "  \"format\": 1,",
    /*  3 */ "  \"kind\": \"coopcheck-assessment\",",
    /*  4 */ "  \"catalog\": {\"id\": \"bmbf-china-2024\", \"version\": \"2024-11\"},",
    /*  5 */ "  \"cooperation\": {",
    /*  6 */ "    \"id\": \"demo\",",
    /*  7 */ "    \"title\": \"Demo\",",
    /*  8 */ "    \"partners\": [\"A\", \"B\"],",
    /*  9 */ "    \"country\": null,",
    /* 10 */ "    \"pi\": null,",
    /* 11 */ "    \"start\": \"2026-03-01\",",
    /* 12 */ "    \"interval_months\": 12",
    /* 13 */ "  },",
    /* 14 */ "  \"created\": {\"at\": \"2026-01-01T00:00:00Z\", \"by\": \"tester\"},",
    /* 15 */ "  \"updated\": {\"at\": \"2026-01-01T00:00:00Z\", \"by\": \"tester\"},",
    /* 16 */ "  \"round\": {\"number\": 1, \"started\": \"2026-01-01T00:00:00Z\", \"based_on\": null},",
    /* 17 */ "  \"answers\": {",
    /* 18 */ "    \"q04\": {",
    /* 19 */ "      \"followup\": false,",
    /* 20 */ "      \"review\": false,",
    /* 21 */ "      \"fields\": {",
    /* 22 */ "        \"dep_on_china\": {\"value\": \"yes\", \"by\": \"tester\", \"at\": \"2026-01-01T00:00:00Z\"}",
    /* 23 */ "      }",
    /* 24 */ "    }",
    /* 25 */ "  }",
    /* 26 */ "}",
};

/* The base document with line `line` (1-based; 0: none) replaced by repl, and
 * tail appended after the last line's newline. */
static char *doc_with(int line, const char *repl, const char *tail, size_t *len)
{
    struct sbuf sb;
    size_t i;
    sbuf_init(&sb);
    for (i = 0; i < CC_ARRAY_LEN(base_doc); i++) {
        sbuf_adds(&sb, (int)i + 1 == line ? repl : base_doc[i]);
        sbuf_addc(&sb, '\n');
    }
    if (tail)
        sbuf_adds(&sb, tail);
    return gc(sbuf_detach(&sb, len));
}

/* Puts buf as DATA/demo/assessment.json. */
static const char *put_demo(struct fx *f, const char *buf, size_t len)
{
    struct cc_err err;
    assert_int_equal(fs_mkdir_p(P(f, 7, "%s/demo", f->data), &err), 0);
    write_bytes(apath(f, 6, "demo"), buf, len);
    return f->path[6];
}

/* Loads a bad DATA/demo/assessment.json holding buf[0..len): asserts that it
 * is refused, that the message names "assessment.json:WHERE: " and holds
 * `word`, and that neither the load nor a later save touched the file. */
static void expect_refused(struct fx *f, const char *buf, size_t len, const char *where,
                           const char *word, struct cc_err *err)
{
    const char *path = put_demo(f, buf, len);
    struct assessment *a = (struct assessment *)&a, *fresh;
    struct fstate before;
    struct cc_err err2;
    char want[128];
    struct coop meta;

    capture(path, &before);
    memset(err, 0, sizeof(*err));
    assert_int_equal(store_load(f->data, "demo", &f->cats, &a, err), -1);
    assert_null(a);
    snprintf(want, sizeof(want), "assessment.json:%s: ", where);
    assert_contains(err->msg, want);
    assert_contains(err->msg, f->data);          /* the whole path */
    if (word)
        assert_contains(err->msg, word);
    assert_unchanged(path, &before);

    /* nor is it written over by a save of another assessment of that id */
    capture(path, &before);
    memset(&meta, 0, sizeof(meta));
    meta.id = (char *)"demo";
    meta.title = (char *)"Demo";
    meta.interval_months = 12;
    fresh = own(assessment_new(f->cat, &meta, "alice", NOW1));
    assert_int_equal(store_save(f->data, fresh, &err2), -1);
    assert_int_equal(err2.code, EBUSY);
    assert_unchanged(path, &before);
    assert_listing(P(f, 5, "%s/demo", f->data), "assessment.json write.lock");
}

/* The same with one line of the base document replaced. */
static void expect_line_refused(struct fx *f, int line, const char *repl, const char *where,
                                const char *word)
{
    size_t len;
    char *buf = doc_with(line, repl, NULL, &len);
    struct cc_err err;
    expect_refused(f, buf, len, where, word, &err);
}

static void test_load_handwritten_doc(void **state)
{
    struct fx *f = *state;
    size_t len, q4;
    char *buf = doc_with(0, NULL, NULL, &len);
    struct assessment *a;
    struct cc_err err;

    put_demo(f, buf, len);
    memset(&err, 0, sizeof(err));
    if (store_load(f->data, "demo", &f->cats, &a, &err) != 0)
        fail_msg("the base document of these tests does not load: %s", err.msg);
    own(a);
    q4 = QI(f->cat, "q04");
    assert_string_equal(a->coop.id, "demo");
    assert_int_equal(a->coop.partners.n, 2);
    assert_int_equal(a->q[q4].f[FI(f->cat, q4, "dep_on_china")].yn, YN_YES);
    assert_string_equal(a->q[q4].f[FI(f->cat, q4, "dep_on_china")].by, "tester");
    assert_int_equal(assessment_qstate(a, q4), QS_PARTIAL);
}

static void test_load_malformed_json(void **state)
{
    struct fx *f = *state;
    /* missing comma after "title": found the next key at 8:5 */
    expect_line_refused(f, 7, "    \"title\": \"Demo\"", "8:5", "comma");
    /* a trailing comma: reported at the comma */
    expect_line_refused(f, 12, "    \"interval_months\": 12,", "12:26", "trailing comma");
    /* single quotes */
    expect_line_refused(f, 7, "    \"title\": 'Demo',", "7:14", "double quotes");
}

static void test_load_trailing_garbage(void **state)
{
    struct fx *f = *state;
    struct cc_err err;
    size_t len;
    char *buf = doc_with(0, NULL, "{}\n", &len);

    expect_refused(f, buf, len, "27:1", "after the end", &err);
    expect_line_refused(f, 26, "} x", "26:3", "after the end");
}

static void test_load_duplicate_key(void **state)
{
    struct fx *f = *state;
    expect_line_refused(f, 3, "  \"format\": 1, \"kind\": \"coopcheck-assessment\",", "3:3",
                        "duplicate");
    /* the same key, spelled with an escape */
    expect_line_refused(f, 3, "  \"\\u0066ormat\": 1, \"kind\": \"coopcheck-assessment\",", "3:3",
                        "duplicate");
    /* inside a nested object */
    expect_line_refused(f, 22, "        \"dep_on_china\": {\"value\": \"yes\", \"value\": \"no\", "
                        "\"by\": \"tester\", \"at\": \"2026-01-01T00:00:00Z\"}", "22:42", "duplicate");
}

static void test_load_nul_byte(void **state)
{
    struct fx *f = *state;
    struct cc_err err;
    size_t len;
    char *buf = doc_with(7, "    \"title\": \"De#mo\",", NULL, &len);
    char *hash = strchr(buf, '#'), *padded;

    assert_non_null(hash);
    *hash = '\0';
    expect_refused(f, buf, len, "7:17", "NUL", &err);

    /* a NUL after the document (a file padded with zeros) */
    buf = doc_with(0, NULL, NULL, &len);
    padded = gc(xmalloc(len + 4));
    memcpy(padded, buf, len);
    memset(padded + len, 0, 4);
    expect_refused(f, padded, len + 4, "27:1", "NUL", &err);
}

static void test_load_invalid_utf8(void **state)
{
    struct fx *f = *state;
    /* columns count characters: the ä before the bad byte is one */
    expect_line_refused(f, 7, "    \"title\": \"D\xc3\xa4\xffmo\",", "7:17", "UTF-8");
    expect_line_refused(f, 7, "    \"title\": \"De\xc0\xafmo\",", "7:17", "UTF-8");     /* overlong */
    expect_line_refused(f, 7, "    \"title\": \"De\xed\xa0\x80mo\",", "7:17", "UTF-8"); /* surrogate */
}

static void test_load_wrong_type(void **state)
{
    struct fx *f = *state;
    expect_line_refused(f, 12, "    \"interval_months\": \"12\"", "12:5", "interval_months");
    expect_line_refused(f, 8, "    \"partners\": \"A\",", "8:5", "partners");
    expect_line_refused(f, 19, "      \"followup\": \"no\",", "19:7", "followup");
}

static void test_load_unknown_top_level_key(void **state)
{
    struct fx *f = *state;
    expect_line_refused(f, 3, "  \"kind\": \"coopcheck-assessment\",\n  \"colour\": \"red\",", "4:3",
                        "colour");
    /* comments smuggled in as keys are unknown keys too */
    expect_line_refused(f, 3, "  \"kind\": \"coopcheck-assessment\",\n  \"_comment\": \"x\",", "4:3",
                        "_comment");
}

static void test_load_unknown_question(void **state)
{
    struct fx *f = *state;
    expect_line_refused(f, 18, "    \"q99\": {", "18:5", "q99");
    expect_line_refused(f, 18, "    \"4\": {", "18:5", "\"4\"");
}

static void test_load_unknown_field(void **state)
{
    struct fx *f = *state;
    expect_line_refused(f, 22, "        \"dep_on_mars\": {\"value\": \"yes\", \"by\": \"tester\", "
                        "\"at\": \"2026-01-01T00:00:00Z\"}", "22:9", "dep_on_mars");
    /* a field of another question */
    expect_line_refused(f, 22, "        \"focus\": {\"value\": \"yes\", \"by\": \"tester\", "
                        "\"at\": \"2026-01-01T00:00:00Z\"}", "22:9", "focus");
}

static void test_load_bad_yesno_value(void **state)
{
    struct fx *f = *state;
    static const char *const bad[] = { "maybe", "unset", "Yes", "no ", "" };
    for (size_t i = 0; i < CC_ARRAY_LEN(bad); i++) {
        char line[256], word[32];
        snprintf(line, sizeof(line), "        \"dep_on_china\": {\"value\": \"%s\", \"by\": "
                 "\"tester\", \"at\": \"2026-01-01T00:00:00Z\"}", bad[i]);
        snprintf(word, sizeof(word), "\"%s\"", bad[i]);
        expect_line_refused(f, 22, line, "22:26", word);
    }
}

static void test_load_newer_format(void **state)
{
    struct fx *f = *state;
    size_t len;
    char *buf = doc_with(2, "  \"format\": 6,", NULL, &len);
    struct cc_err err;

    expect_refused(f, buf, len, "2:3", "newer", &err);
    assert_contains(err.msg, "update");
    /* a newer file may carry keys this version does not know: still "newer" */
    buf = doc_with(2, "  \"format\": 6, \"future\": true,", NULL, &len);
    expect_refused(f, buf, len, "2:3", "newer", &err);
}

static void test_load_too_large(void **state)
{
    struct fx *f = *state;
    size_t len;
    char *buf = doc_with(0, NULL, NULL, &len);
    const char *path = put_demo(f, buf, len);
    struct assessment *a = (struct assessment *)&a;
    struct cc_err err;
    struct stat before, after;

    /* one byte over the limit, sparse */
    assert_int_equal(truncate(path, (off_t)ASSESSMENT_MAX_BYTES + 1), 0);
    age(path);
    assert_int_equal(stat(path, &before), 0);
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_load(f->data, "demo", &f->cats, &a, &err), -1);
    assert_null(a);
    assert_int_equal(err.code, EFBIG);
    assert_contains(err.msg, "assessment.json");
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_size, (off_t)ASSESSMENT_MAX_BYTES + 1);
    assert_int_equal(after.st_ino, before.st_ino);
    assert_int_equal(after.st_mtime, before.st_mtime);

    /* exactly the limit is read (and then refused for the zeros after the
     * document, with a position) */
    assert_int_equal(truncate(path, (off_t)ASSESSMENT_MAX_BYTES), 0);
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_load(f->data, "demo", &f->cats, &a, &err), -1);
    assert_int_not_equal(err.code, EFBIG);
    assert_contains(err.msg, "assessment.json:27:1: ");
}

static void test_load_catalog_not_installed(void **state)
{
    struct fx *f = *state;
    expect_line_refused(f, 4, "  \"catalog\": {\"id\": \"nope\", \"version\": \"1\"},", "4:15",
                        "\"nope\"");
}

static void test_load_coop_id_mismatch(void **state)
{
    struct fx *f = *state;
    size_t len;
    char *buf = doc_with(6, "    \"id\": \"other\",", NULL, &len);
    struct cc_err err;

    expect_refused(f, buf, len, "6:5", "\"other\"", &err);
    assert_contains(err.msg, "\"demo\"");
}

static void test_load_invalid_coop_id_in_file(void **state)
{
    struct fx *f = *state;
    expect_line_refused(f, 6, "    \"id\": \"../demo\",", "6:5", "../demo");
}

/* ---- saving ------------------------------------------------------------------- */

static void test_save_round_trip(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *b, *c;
    size_t q3 = QI(f->cat, "q03");
    struct cc_err err;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &b, &err), 0);
    own(b);
    assert_int_equal(assessment_set_text(b, q3, 0, "Mehrwert\nzweite Zeile", "dave", NOW2, &err), 0);
    assert_int_equal(store_save(f->data, b, &err), 0);
    /* saving twice in a row is no conflict with oneself */
    assessment_set_followup(b, q3, 1, "dave", NOW2);
    memset(&err, 0, sizeof(err));
    if (store_save(f->data, b, &err) != 0)
        fail_msg("second save refused: %s", err.msg);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &c, &err), 0);
    own(c);
    assert_same_assessment(b, c);
    assert_string_equal(c->q[q3].f[0].text, "Mehrwert\nzweite Zeile");
    assert_int_equal(c->q[q3].followup, 1);
    assert_listing(P(f, 0, "%s/demo", f->data), "assessment.json write.lock");
}

/* What is loaded only to be read (list, due, the picker) is not hashed, and
 * so can never be saved over the file. */
static void test_read_only_load_never_saves(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *ro;
    size_t q3 = QI(f->cat, "q03");
    struct fstate before;
    struct cc_err err;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load_ro(f->data, "demo", &f->cats, &ro, &err), 0);
    own(ro);
    assert_null(ro->file_sha256);
    assert_string_equal(ro->coop.id, "demo");
    capture(P(f, 0, "%s/demo/assessment.json", f->data), &before);
    assert_int_equal(assessment_set_text(ro, q3, 0, "not saved", "dave", NOW2, &err), 0);
    assert_int_equal(store_save(f->data, ro, &err), -1);
    assert_int_equal(err.code, EBUSY);
    assert_unchanged(P(f, 0, "%s/demo/assessment.json", f->data), &before);
}

static void test_save_conflict(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *mine, *theirs;
    size_t q3 = QI(f->cat, "q03");
    struct fstate before;
    struct cc_err err;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &mine, &err), 0);
    own(mine);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &theirs, &err), 0);
    own(theirs);

    /* another writer saves first */
    assert_int_equal(assessment_set_text(theirs, q3, 0, "their text", "eve", NOW2, &err), 0);
    assert_int_equal(store_save(f->data, theirs, &err), 0);
    capture(apath(f, 0, "demo"), &before);

    assert_int_equal(assessment_set_text(mine, q3, 0, "my text", "dave", NOW2, &err), 0);
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_save(f->data, mine, &err), -1);
    assert_int_equal(err.code, EBUSY);
    assert_contains(err.msg, "assessment.json");
    assert_unchanged(apath(f, 0, "demo"), &before);
    assert_listing(P(f, 1, "%s/demo", f->data), "assessment.json write.lock");

    /* a change by hand, behind everyone's back: one byte is enough */
    {
        size_t len;
        char *buf = tu_read(apath(f, 0, "demo"), &len);
        assert_non_null(buf);
        buf[len - 1] = ' ';                 /* the final newline becomes a space */
        write_bytes(apath(f, 0, "demo"), buf, len);
        free(buf);
    }
    capture(apath(f, 0, "demo"), &before);
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_save(f->data, theirs, &err), -1);
    assert_int_equal(err.code, EBUSY);
    assert_unchanged(apath(f, 0, "demo"), &before);

}

/* The file as another program leaves it: its bytes with one character
 * changed (the same size), written to a new file renamed over it, or in
 * place; then its mtime set back to what it was, to the nanosecond. */
static void change_same_size(const char *path, int by_rename)
{
    struct stat st;
    struct timespec ts[2];
    size_t len;
    char *buf = tu_read(path, &len), *tmp = xasprintf("%s.other", path);
    char *at;
    assert_non_null(buf);
    assert_int_equal(stat(path, &st), 0);
    at = strstr(buf, "my text");
    assert_non_null(at);
    at[0] = 'M';                            /* "My text": one byte, same size */
    write_bytes(by_rename ? tmp : path, buf, len);
    if (by_rename)
        assert_int_equal(rename(tmp, path), 0);
    ts[0] = st.st_atim;
    ts[1] = st.st_mtim;
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal((long long)st.st_size, (long long)len);
    free(tmp);
    free(buf);
}

/* Saves do not read and hash the file when its identity shows it is the
 * one they wrote; a change by someone else between two saves is still
 * found, though it keeps the size and the modification time to the
 * nanosecond: through a rename (a new inode), in place (a new ctime), and
 * in place within the same granule of the time stamps (simulated: the
 * stamp taken as if the change had come in the same tick, which a stamp
 * taken right after a save never trusts). */
static void test_save_conflict_same_size_and_mtime(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *mine;
    size_t q3 = QI(f->cat, "q03");
    struct fstate before;
    struct cc_err err;
    struct stat st;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &mine, &err), 0);
    own(mine);
    for (int how = 0; how < 3; how++) {
        assert_int_equal(assessment_set_text(mine, q3, 0, "my text", "dave", NOW2, &err), 0);
        memset(&err, 0, sizeof(err));
        assert_int_equal(store_save(f->data, mine, &err), 0);
        /* right after a save the stamp is never trusted alone */
        assert_false(mine->stamp.settled);
        change_same_size(apath(f, 0, "demo"), how == 0);
        if (how == 2) {
            /* the same tick: ctime (and all else) as the stamp has it */
            assert_int_equal(stat(apath(f, 0, "demo"), &st), 0);
            mine->stamp.ino = (unsigned long long)st.st_ino;
            mine->stamp.dev = (unsigned long long)st.st_dev;
            mine->stamp.mtime_s = (long long)st.st_mtim.tv_sec;
            mine->stamp.mtime_ns = st.st_mtim.tv_nsec;
            mine->stamp.ctime_s = (long long)st.st_ctim.tv_sec;
            mine->stamp.ctime_ns = st.st_ctim.tv_nsec;
        }
        capture(apath(f, 0, "demo"), &before);
        assert_int_equal(assessment_set_text(mine, q3, 0, "my next text", "dave", NOW2, &err), 0);
        memset(&err, 0, sizeof(err));
        assert_int_equal(store_save(f->data, mine, &err), -1);
        assert_int_equal(err.code, EBUSY);
        assert_unchanged(apath(f, 0, "demo"), &before);
        /* start again from the file as it is now */
        assert_int_equal(store_load(f->data, "demo", &f->cats, &mine, &err), 0);
        own(mine);
    }
}

/* A save writes the text as it formats it, in pieces: the file is byte for
 * byte afile_format's text, also when it is many pieces long, and the stamp
 * has its length and digest. */
static void test_save_streams_the_same_text(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo");
    struct cc_err err;
    struct sbuf big;
    char *want, *got;
    size_t len;
    sbuf_init(&big);
    for (int i = 0; i < 4000; i++)
        sbuf_addf(&big, "Zeile %04d: Kältetechnik \"Lab\" \\ – 合作; ", i);
    for (size_t qi = 0; qi < f->cat->nquestions; qi++)
        for (size_t fi = 0; fi < f->cat->questions[qi].nfields; fi++)
            if (f->cat->questions[qi].fields[fi].type == FIELD_TEXT)
                assert_int_equal(assessment_set_text(a, qi, fi, big.buf, "dave", NOW2, &err), 0);
    sbuf_release(&big);
    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_save(f->data, a, &err), 0);
    want = afile_format(a);
    got = tu_read(apath(f, 0, "demo"), &len);
    assert_non_null(got);
    assert_true(len > 10u * 64 * 1024);   /* many pieces */
    assert_int_equal(len, strlen(want));
    assert_memory_equal(got, want, len);
    assert_true(a->stamp.size == (long long)len);
    assert_true(a->stamp.digest == digest_of(got, len));
    free(got);
    free(want);
}

/* Waits until store_settle has looked at the saved file (it says how long
 * to wait until the file's time stamp granule is over); -1 at the end. */
static void settle_now(struct fx *f, struct assessment *a)
{
    for (int i = 0; i < 400; i++) {
        long wait = store_settle(f->data, a);
        if (wait < 0)
            return;
        assert_true(wait > 0 && wait <= 2001);
        usleep((useconds_t)wait * 1000);
    }
    fail_msg("store_settle never came to an end");
}

/* After a save, the file is looked at once more when its time stamp's
 * granule is over (store_settle, the interface does it while it waits for
 * a key): still the file saved, the stamp is settled and the next save
 * needs no reading; changed in that granule, in place and keeping size and
 * times (how 0), or even keeping ctime (how 1, simulated as above), it is
 * not, and the next save refuses. */
static void test_settle_after_save(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *mine;
    size_t q3 = QI(f->cat, "q03");
    struct file_stamp was;
    struct fstate before;
    struct cc_err err;
    struct stat st;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &mine, &err), 0);
    own(mine);
    assert_int_equal(assessment_set_text(mine, q3, 0, "my text", "dave", NOW2, &err), 0);
    assert_int_equal(store_save(f->data, mine, &err), 0);
    assert_false(mine->stamp.settled);
    was = mine->stamp;
    settle_now(f, mine);
    assert_true(mine->stamp.settled);
    assert_true(mine->stamp.ino == was.ino && mine->stamp.digest == was.digest);
    assert_int_equal(store_settle(f->data, mine), -1);   /* once is enough */
    assert_int_equal(assessment_set_text(mine, q3, 0, "my text", "dave", NOW2, &err), 0);
    assert_int_equal(store_save(f->data, mine, &err), 0);

    for (int how = 0; how < 2; how++) {
        assert_int_equal(assessment_set_text(mine, q3, 0, "my text", "dave", NOW2, &err), 0);
        assert_int_equal(store_save(f->data, mine, &err), 0);
        change_same_size(apath(f, 0, "demo"), 0);
        if (how == 1) {
            assert_int_equal(stat(apath(f, 0, "demo"), &st), 0);
            mine->stamp.mtime_s = (long long)st.st_mtim.tv_sec;
            mine->stamp.mtime_ns = st.st_mtim.tv_nsec;
            mine->stamp.ctime_s = (long long)st.st_ctim.tv_sec;
            mine->stamp.ctime_ns = st.st_ctim.tv_nsec;
        }
        settle_now(f, mine);
        assert_false(mine->stamp.settled);
        capture(apath(f, 0, "demo"), &before);
        assert_int_equal(assessment_set_text(mine, q3, 0, "my next text", "dave", NOW2, &err), 0);
        memset(&err, 0, sizeof(err));
        assert_int_equal(store_save(f->data, mine, &err), -1);
        assert_int_equal(err.code, EBUSY);
        assert_unchanged(apath(f, 0, "demo"), &before);
        assert_int_equal(store_load(f->data, "demo", &f->cats, &mine, &err), 0);
        own(mine);
    }
}

/* A change of the file's times or mode only (touch, chmod, a backup that
 * restores them) is no change of its content: the next save goes ahead. */
static void test_save_after_touch(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *mine;
    size_t q3 = QI(f->cat, "q03");
    struct cc_err err;
    char *text;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &mine, &err), 0);
    own(mine);
    assert_int_equal(assessment_set_text(mine, q3, 0, "first", "dave", NOW2, &err), 0);
    assert_int_equal(store_save(f->data, mine, &err), 0);
    age(apath(f, 0, "demo"));                       /* touch */
    assert_int_equal(chmod(apath(f, 0, "demo"), 0600), 0);
    assert_int_equal(assessment_set_text(mine, q3, 0, "second", "dave", NOW2, &err), 0);
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_save(f->data, mine, &err), 0);
    text = gc(tu_read(apath(f, 0, "demo"), NULL));
    assert_non_null(strstr(text, "\"second\""));
}

static void test_save_failure_keeps_old_file(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *b;
    size_t q3 = QI(f->cat, "q03");
    struct fstate before;
    struct cc_err err;

    assert_int_equal(store_create(f->data, a, &err), 0);
    capture(apath(f, 0, "demo"), &before);
    assert_int_equal(assessment_set_text(a, q3, 0, "new text", "dave", NOW2, &err), 0);

    fsync_fail = FAIL_FILES;
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_save(f->data, a, &err), -1);
    fsync_fail = FAIL_NONE;
    assert_true(fsync_failed > 0);
    assert_int_equal(err.code, EIO);
    assert_contains(err.msg, "assessment.json");
    assert_unchanged(apath(f, 0, "demo"), &before);
    assert_listing(P(f, 1, "%s/demo", f->data), "assessment.json write.lock");   /* no temp file */

    /* the failure did not confuse the conflict check: a retry saves */
    memset(&err, 0, sizeof(err));
    if (store_save(f->data, a, &err) != 0)
        fail_msg("retry after a failed save refused: %s", err.msg);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &b, &err), 0);
    own(b);
    assert_string_equal(b->q[q3].f[0].text, "new text");
}

/* When only the directory cannot be flushed, the new file is already in
 * place (fsio reports "'...' was written, but ...").  Saving again must not
 * then be refused as somebody else's change. */
static void test_save_dir_sync_failure_then_retry(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo");
    size_t q3 = QI(f->cat, "q03");
    struct cc_err err;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(assessment_set_text(a, q3, 0, "new text", "dave", NOW2, &err), 0);
    fsync_fail = FAIL_DIRS;
    assert_int_equal(store_save(f->data, a, &err), -1);
    fsync_fail = FAIL_NONE;
    assert_true(fsync_failed > 0);
    assert_int_equal(err.code, EIO);
    assert_listing(P(f, 1, "%s/demo", f->data), "assessment.json write.lock");

    assessment_set_followup(a, q3, 1, "dave", NOW2);
    memset(&err, 0, sizeof(err));
    if (store_save(f->data, a, &err) != 0)
        fail_msg("retry after a directory flush failure refused (code %d): %s", err.code, err.msg);
}

static void test_create_failure_leaves_nothing(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *b;
    struct strlist ids = { 0 };
    struct cc_err err;

    fsync_fail = FAIL_FILES;
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_create(f->data, a, &err), -1);
    fsync_fail = FAIL_NONE;
    assert_int_equal(err.code, EIO);
    assert_false(fs_exists(P(f, 0, "%s/demo", f->data)));
    assert_int_equal(store_coops(f->data, &ids, &err), 0);
    assert_int_equal(ids.n, 0);

    /* and the id is still free */
    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &b, &err), 0);
    own(b);
    assert_same_assessment(a, b);
}

/* ---- snapshots --------------------------------------------------------------- */

static void test_snapshot_name_and_next_round(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *w, *s;
    struct cc_err err;
    char *name = NULL;
    size_t qi, answered = 0;

    assert_int_equal(store_create(f->data, a, &err), 0);
    memset(&err, 0, sizeof(err));
    if (store_snapshot(f->data, a, "Jahresprüfung", 1, "bob", SNAP_NOW, &name, &err) != 0)
        fail_msg("store_snapshot: %s", err.msg);
    assert_string_equal(name, SNAP_NAME);
    assert_true(fs_exists(P(f, 0, "%s/demo/snapshots/" SNAP_NAME ".json", f->data)));
    assert_listing(P(f, 1, "%s/demo/snapshots", f->data), SNAP_NAME ".json");
    assert_listing(P(f, 1, "%s/demo", f->data), "assessment.json snapshots write.lock");

    /* the working assessment, in memory and on disk, starts round 2 */
    assert_int_equal(store_load(f->data, "demo", &f->cats, &w, &err), 0);
    own(w);
    for (int pass = 0; pass < 2; pass++) {
        const struct assessment *x = pass ? w : a;
        assert_null(x->snap);
        assert_int_equal(x->round, 2);
        assert_string_equal(x->round_based_on, SNAP_NAME);
        assert_string_equal(x->round_started, SNAP_NOW);
        answered = 0;
        for (qi = 0; qi < f->cat->nquestions; qi++) {
            int has = assessment_qstate(x, qi) != QS_UNANSWERED;
            if (x->q[qi].review != has)
                fail_msg("%s (%s): %s is%s marked for review", pass ? "on disk" : "in memory",
                         f->cat->questions[qi].id,
                         has ? "answered but" : "unanswered and", x->q[qi].review ? "" : " not");
            answered += (size_t)has;
        }
        assert_int_equal(answered, 3);   /* q01, q04 (partly), q08 */
        assert_int_equal(assessment_to_review(x), 3);
        /* the answers themselves are kept */
        assert_int_equal(x->q[QI(f->cat, "q04")].f[0].yn, YN_YES);
        assert_int_equal(x->q[QI(f->cat, "q07")].followup, 1);
    }
    assert_int_equal(w->q[QI(f->cat, "q07")].review, 0);   /* follow-up only: unanswered */
    assert_int_equal(w->q[QI(f->cat, "q04")].review, 1);   /* partly answered */

    /* the snapshot holds the round-1 answers and its own description */
    assert_int_equal(store_load_snapshot(f->data, "demo", name, &f->cats, &s, &err), 0);
    own(s);
    assert_non_null(s->snap);
    assert_string_equal(s->snap->name, SNAP_NAME);
    assert_string_equal(s->snap->taken_at, SNAP_NOW);
    assert_string_equal(s->snap->taken_by, "bob");
    assert_string_equal(s->snap->note, "Jahresprüfung");
    assert_null(s->snap->prev_name);
    assert_null(s->snap->prev_sha256);
    assert_int_equal(s->round, 1);
    assert_null(s->round_based_on);
    assert_int_equal(assessment_to_review(s), 0);
    assert_string_equal(s->q[QI(f->cat, "q01")].f[0].text, long_text);
    assert_int_equal(assessment_answered(s), 2);

    /* the working file is still ours: a later save is no conflict */
    memset(&err, 0, sizeof(err));
    if (store_save(f->data, a, &err) != 0)
        fail_msg("save after a snapshot refused: %s", err.msg);

    free(name);
}

static void test_snapshot_name_from_coopcheck_now(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo");
    struct cc_err err;
    char now[CC_ISO_LEN];
    char *name = NULL;

    assert_int_equal(store_create(f->data, a, &err), 0);
    setenv("COOPCHECK_NOW", SNAP_NOW, 1);
    cc_now(now);
    assert_string_equal(now, SNAP_NOW);
    assert_int_equal(store_snapshot(f->data, a, NULL, 1, "bob", now, &name, &err), 0);
    assert_string_equal(name, SNAP_NAME);
    free(name);

    /* seconds since the epoch: the same second, so the next free name */
    setenv("COOPCHECK_NOW", "1795751121", 1);
    cc_now(now);
    assert_string_equal(now, SNAP_NOW);
    assert_int_equal(store_snapshot(f->data, a, NULL, 1, "bob", now, &name, &err), 0);
    assert_string_equal(name, SNAP_NAME "-2");
    free(name);
}

static void test_snapshots_same_second_chain(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *s1, *s2, *s3;
    struct strlist names = { 0 };
    struct cc_err err;
    char *n1 = NULL, *n2 = NULL, *n3 = NULL;
    char hex1[65], hex2[65], needle[128];
    struct fstate first;
    size_t len2;
    char *bytes2;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_snapshot(f->data, a, "eins", 1, "bob", SNAP_NOW, &n1, &err), 0);
    assert_string_equal(n1, SNAP_NAME);
    capture(P(f, 0, "%s/demo/snapshots/%s.json", f->data, n1), &first);
    sha256_hex(first.bytes, first.len, hex1);

    assert_int_equal(assessment_set_text(a, QI(f->cat, "q03"), 0, "round 2", "bob", SNAP_NOW, &err), 0);
    memset(&err, 0, sizeof(err));
    if (store_snapshot(f->data, a, "zwei", 1, "carol", SNAP_NOW, &n2, &err) != 0)
        fail_msg("second snapshot in the same second: %s", err.msg);
    assert_string_equal(n2, SNAP_NAME "-2");
    assert_unchanged(P(f, 0, "%s/demo/snapshots/%s.json", f->data, n1), &first);

    bytes2 = tu_read(P(f, 1, "%s/demo/snapshots/%s.json", f->data, n2), &len2);
    assert_non_null(bytes2);
    sha256_hex(bytes2, len2, hex2);
    snprintf(needle, sizeof(needle), "\"%s\"", hex1);
    assert_contains(bytes2, needle);
    free(bytes2);

    assert_int_equal(store_snapshot(f->data, a, NULL, 1, "dave", SNAP_NOW, &n3, &err), 0);
    assert_string_equal(n3, SNAP_NAME "-3");

    assert_int_equal(store_load_snapshot(f->data, "demo", n1, &f->cats, &s1, &err), 0);
    own(s1);
    assert_int_equal(store_load_snapshot(f->data, "demo", n2, &f->cats, &s2, &err), 0);
    own(s2);
    assert_int_equal(store_load_snapshot(f->data, "demo", n3, &f->cats, &s3, &err), 0);
    own(s3);
    assert_null(s1->snap->prev_name);
    assert_null(s1->snap->prev_sha256);
    assert_string_equal(s2->snap->name, n2);
    assert_string_equal(s2->snap->prev_name, n1);
    assert_string_equal(s2->snap->prev_sha256, hex1);
    assert_string_equal(s2->snap->taken_by, "carol");
    assert_string_equal(s2->snap->note, "zwei");
    assert_string_equal(s3->snap->prev_name, n2);
    assert_string_equal(s3->snap->prev_sha256, hex2);
    assert_null(s3->snap->note);
    /* each snapshot is the round it froze */
    assert_int_equal(s1->round, 1);
    assert_int_equal(s2->round, 2);
    assert_string_equal(s2->round_based_on, n1);
    assert_string_equal(s2->q[QI(f->cat, "q03")].f[0].text, "round 2");
    assert_null(s1->q[QI(f->cat, "q03")].f[0].text);
    assert_int_equal(s3->round, 3);
    assert_int_equal(a->round, 4);
    assert_string_equal(a->round_based_on, n3);

    assert_int_equal(store_snapshots(f->data, "demo", &names, &err), 0);
    assert_int_equal(names.n, 3);
    assert_string_equal(names.v[0], n1);
    assert_string_equal(names.v[1], n2);
    assert_string_equal(names.v[2], n3);
    strlist_release(&names);

    free(n1);
    free(n2);
    free(n3);
}

static void test_snapshots_order(void **state)
{
    struct fx *f = *state;
    static const char *const files[] = {
        "20261127T034521Z-10.json", "20261127T034521Z-2.json", "20261127T034521Z.json",
        "20270101T000000Z.json", "20261127T034521Z-3.json", "20251231T235959Z.json",
        /* not snapshots */
        "notes.json", "20261127T034521Z.txt", ".20261127T034521Z.json.tmp-abcdefgh",
        "20261127T034521.json", "20261127T034521Z-.json", "20261127T034521Z-x.json",
        "2026-11-27T03:45:21Z.json",
    };
    static const char *const want[] = {
        "20251231T235959Z", "20261127T034521Z", "20261127T034521Z-2", "20261127T034521Z-3",
        "20261127T034521Z-10", "20270101T000000Z",
    };
    struct strlist names = { 0 };
    struct cc_err err;
    size_t i;

    /* no cooperation, no snapshots directory: an empty list */
    assert_int_equal(store_snapshots(f->data, "demo", &names, &err), 0);
    assert_int_equal(names.n, 0);

    assert_int_equal(fs_mkdir_p(P(f, 0, "%s/demo/snapshots", f->data), &err), 0);
    for (i = 0; i < CC_ARRAY_LEN(files); i++)
        tu_write(P(f, 1, "%s/%s", f->path[0], files[i]), "{}");
    assert_int_equal(store_snapshots(f->data, "demo", &names, &err), 0);
    for (i = 0; i < names.n && i < CC_ARRAY_LEN(want); i++)
        if (strcmp(names.v[i], want[i]) != 0)
            fail_msg("snapshot %zu is %s, want %s", i, names.v[i], want[i]);
    assert_int_equal(names.n, CC_ARRAY_LEN(want));
    strlist_release(&names);
}

static void test_snapshot_failure_changes_nothing(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo");
    struct fstate before;
    struct cc_err err;
    char *name = (char *)"sentinel";

    assert_int_equal(store_create(f->data, a, &err), 0);
    capture(apath(f, 0, "demo"), &before);
    fsync_fail = FAIL_FILES;
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_snapshot(f->data, a, NULL, 1, "bob", SNAP_NOW, &name, &err), -1);
    fsync_fail = FAIL_NONE;
    assert_int_equal(err.code, EIO);
    assert_null(name);
    assert_listing(P(f, 1, "%s/demo/snapshots", f->data), "");
    assert_unchanged(apath(f, 0, "demo"), &before);
    assert_int_equal(a->round, 1);
    assert_null(a->round_based_on);
    assert_null(a->snap);
    assert_int_equal(assessment_to_review(a), 0);

    /* and a retry works, with the first name */
    assert_int_equal(store_snapshot(f->data, a, NULL, 1, "bob", SNAP_NOW, &name, &err), 0);
    assert_string_equal(name, SNAP_NAME);
    free(name);
}

/* A snapshot is an immutable record: it must not freeze answers that the
 * working file on disk no longer holds (another writer saved in between). */
static void test_snapshot_refused_on_conflict(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *mine, *theirs;
    size_t q3 = QI(f->cat, "q03");
    struct fstate before;
    struct cc_err err;
    char *name = NULL;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &mine, &err), 0);
    own(mine);
    assert_int_equal(store_load(f->data, "demo", &f->cats, &theirs, &err), 0);
    own(theirs);
    assert_int_equal(assessment_set_text(theirs, q3, 0, "their text", "eve", NOW2, &err), 0);
    assert_int_equal(store_save(f->data, theirs, &err), 0);
    capture(apath(f, 0, "demo"), &before);

    memset(&err, 0, sizeof(err));
    assert_int_equal(store_snapshot(f->data, mine, NULL, 1, "dave", SNAP_NOW, &name, &err), -1);
    gc(name);
    assert_int_equal(err.code, EBUSY);
    assert_unchanged(apath(f, 0, "demo"), &before);
    if (fs_exists(P(f, 1, "%s/demo/snapshots/" SNAP_NAME ".json", f->data)))
        fail_msg("a snapshot of the stale in-memory answers was written although the working "
                 "file had changed on disk");
    assert_int_equal(mine->round, 1);
}

static void test_load_snapshot_bad_names(void **state)
{
    struct fx *f = *state;
    struct assessment *a = make_assessment(f->cat, "demo"), *s = NULL;
    struct cc_err err;
    char *name = NULL;

    assert_int_equal(store_create(f->data, a, &err), 0);
    assert_int_equal(store_snapshot(f->data, a, NULL, 1, "bob", SNAP_NOW, &name, &err), 0);
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_load_snapshot(f->data, "demo", "../assessment", &f->cats, &s, &err), -1);
    assert_null(s);
    assert_true(err.msg[0] != '\0');
    memset(&err, 0, sizeof(err));
    assert_int_equal(store_load_snapshot(f->data, "demo", "20200101T000000Z", &f->cats, &s, &err),
                     -1);
    assert_null(s);
    assert_int_equal(err.code, ENOENT);
    /* the working assessment is not a snapshot, a snapshot is not working */
    assert_int_equal(store_load_snapshot(f->data, "demo", name, &f->cats, &s, &err), 0);
    own(s);
    assert_non_null(s->snap);
    assert_int_equal(store_snapshot(f->data, s, NULL, 1, "bob", SNAP_NOW, &(char *){ NULL }, &err), -1);
    free(name);
}

/* ---- listing ------------------------------------------------------------------ */

static void test_coops_listing(void **state)
{
    struct fx *f = *state;
    static const char *const ids[] = { "zeta", "alpha-2", "0-numeric", "alpha" };
    struct strlist list = { 0 };
    struct cc_err err;
    size_t i;

    /* a missing data directory is an empty list, not an error */
    assert_false(fs_exists(f->data));
    assert_int_equal(store_coops(f->data, &list, &err), 0);
    assert_int_equal(list.n, 0);

    for (i = 0; i < CC_ARRAY_LEN(ids); i++) {
        struct assessment *a = make_assessment(f->cat, ids[i]);
        assert_int_equal(store_create(f->data, a, &err), 0);
    }
    /* things that are not cooperations */
    assert_int_equal(fs_mkdir_p(P(f, 0, "%s/empty-dir", f->data), &err), 0);
    assert_int_equal(fs_mkdir_p(P(f, 0, "%s/Bad_Id", f->data), &err), 0);
    tu_write(P(f, 0, "%s/Bad_Id/assessment.json", f->data), "{}");
    assert_int_equal(fs_mkdir_p(P(f, 0, "%s/.hidden", f->data), &err), 0);
    tu_write(P(f, 0, "%s/.hidden/assessment.json", f->data), "{}");
    tu_write(P(f, 0, "%s/plain-file", f->data), "x");

    assert_int_equal(store_coops(f->data, &list, &err), 0);
    assert_int_equal(list.n, 4);
    assert_string_equal(list.v[0], "0-numeric");
    assert_string_equal(list.v[1], "alpha");
    assert_string_equal(list.v[2], "alpha-2");
    assert_string_equal(list.v[3], "zeta");
    strlist_release(&list);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_data_dir_precedence),
        T(test_data_dir_no_home),
        T(test_create_load_round_trip),
        T(test_create_null_metadata_round_trip),
        T(test_create_existing_refused),
        T(test_create_refuses_bad_id),
        T(test_load_missing_is_enoent),
        T(test_permissions_under_umask_0),
        T(test_permissions_nested_data_dir),
        T(test_load_handwritten_doc),
        T(test_load_malformed_json),
        T(test_load_trailing_garbage),
        T(test_load_duplicate_key),
        T(test_load_nul_byte),
        T(test_load_invalid_utf8),
        T(test_load_wrong_type),
        T(test_load_unknown_top_level_key),
        T(test_load_unknown_question),
        T(test_load_unknown_field),
        T(test_load_bad_yesno_value),
        T(test_load_newer_format),
        T(test_load_too_large),
        T(test_load_catalog_not_installed),
        T(test_load_coop_id_mismatch),
        T(test_load_invalid_coop_id_in_file),
        T(test_read_only_load_never_saves),
        T(test_save_round_trip),
        T(test_save_conflict),
        T(test_save_conflict_same_size_and_mtime),
        T(test_settle_after_save),
        T(test_save_streams_the_same_text),
        T(test_save_after_touch),
        T(test_save_failure_keeps_old_file),
        T(test_save_dir_sync_failure_then_retry),
        T(test_create_failure_leaves_nothing),
        T(test_snapshot_name_and_next_round),
        T(test_snapshot_name_from_coopcheck_now),
        T(test_snapshots_same_second_chain),
        T(test_snapshots_order),
        T(test_snapshot_failure_changes_nothing),
        T(test_snapshot_refused_on_conflict),
        T(test_load_snapshot_bad_names),
        T(test_coops_listing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
