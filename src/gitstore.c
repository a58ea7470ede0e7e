/* gitstore.c — running git for the store, making a store, committing.
 * Sync, status and verify are in gitsync.c.  See gitstore.h. */
#define _GNU_SOURCE
#include "gitstore.h"
#include "gitstore_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"

/* ---- running git ---- */

int gs_enabled(const char *data)
{
    char *p = fs_join(data, ".git");
    int on = fs_exists(p);
    free(p);
    return on;
}

/* The first lines of what git said, for a message. */
static void git_said(const struct run_result *r, char *out, size_t n)
{
    const char *s = r->err.len ? r->err.buf : r->out.buf ? r->out.buf : "";
    size_t lines = 0, i = 0;
    while (s[i] && lines < 4 && i + 1 < n) {
        out[i] = s[i];
        if (s[i] == '\n')
            lines++;
        i++;
    }
    while (i && (out[i - 1] == '\n' || out[i - 1] == ' '))
        i--;
    out[i] = '\0';
}

int gs_run(const char *const argv[], struct run_result *r, struct cc_err *err)
{
    mode_t old = umask(077);   /* what git checks out is the user's alone, like every store file */
    int rc = run_program(argv, NULL, r, err);
    umask(old);
    if (rc != 0) {
        if (err->code == ENOENT)   /* no git: what to install, not "no such cooperation" */
            cc_error(err, _("a shared store needs the git program, which is not installed: "
                            "apt-get install git"));
        return -1;
    }
    if (r->status != 0) {
        char said[1024];
        size_t i = 1;
        /* the command's name: after "-C DIR" and "-c NAME=VALUE" */
        while (argv[i] && argv[i + 1] && (!strcmp(argv[i], "-C") || !strcmp(argv[i], "-c")))
            i += 2;
        git_said(r, said, sizeof(said));
        return cc_error(err, _("'git %s' failed (exit status %d)%s%s"), argv[i] ? argv[i] : "",
                        r->status, said[0] ? ": " : "", said);
    }
    return 0;
}

int gs_git(const char *data, const char *const args[], struct run_result *r, struct cc_err *err)
{
    const char *argv[48];
    size_t n = 0;
    argv[n++] = "git";
    argv[n++] = "-C";
    argv[n++] = data;
    for (size_t i = 0; args[i] && n + 1 < CC_ARRAY_LEN(argv); i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    return gs_run(argv, r, err);
}

int gs_git_quiet(const char *data, const char *const args[], struct cc_err *err)
{
    struct run_result r;
    int rc = gs_git(data, args, &r, err);
    run_release(&r);
    return rc;
}

int gs_git_status(const char *data, const char *const args[], struct cc_err *err)
{
    struct run_result r;
    struct cc_err e;
    int rc = gs_git(data, args, &r, &e);
    if (rc != 0 && r.status > 0 && r.status < 128)
        rc = r.status;
    else if (rc != 0)
        *err = e;
    run_release(&r);
    return rc;
}

int gs_strlist_has(const struct strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

/* 1 when dir has no entry but . and .. (or cannot be read). */
static int dir_empty(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int empty = 1;
    if (!d)
        return 1;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

/* ---- setting a store up ---- */

static const char ignore_text[] =
    "# coopcheck: what stays on this machine (written by 'coopcheck store init')\n"
    "# the editor's and the writers' locks, steps under way, temporary files\n"
    "/*/lock\n"
    "/*/write.lock\n"
    "/*/round-step.json\n"
    "/*/rename-step.json\n"
    "/*/assessment.next.json\n"
    ".*.tmp-*\n"
    "/.lock\n"
    "# the screening lists (installed on each machine) and reports\n"
    "/lists/\n"
    "/reports/\n"
    "*.pdf\n"
    "*.html\n"
    "*.md\n"
    "*.txt\n"
    "*.ms\n"
    "*.roff\n"
    "*.tex\n";

static const char attr_text[] =
    "# coopcheck: assessments are merged field by field; snapshots never change\n"
    "/*/assessment.json merge=" GS_DRIVER "\n"
    "/*/snapshots/*.json -merge -text\n";

/* 1 when buf has line (without its newline) as a whole line. */
static int has_line(const char *buf, const char *line, size_t n)
{
    for (const char *p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

/* Appends to DATA/name every line of text it lacks (comments only along
 * with a line that was missing), so that a store made by an older version
 * gets the lines added since. */
static int ensure_file(const char *data, const char *name, const char *text, int *changed,
                       struct cc_err *err)
{
    char *path = fs_join(data, name), *buf = NULL;
    size_t len = 0;
    struct sbuf s, comments;
    int rc = 0, added = 0;
    if (fs_exists(path) && fs_read_file(path, 1u << 20, &buf, &len, err) != 0) {
        free(path);
        return -1;
    }
    sbuf_init(&s);
    sbuf_init(&comments);
    if (buf && len) {
        sbuf_add(&s, buf, len);
        if (buf[len - 1] != '\n')
            sbuf_addc(&s, '\n');
    }
    for (const char *l = text; *l;) {
        size_t n = strcspn(l, "\n");
        if (l[0] == '#') {
            sbuf_add(&comments, l, n + 1);
        } else if (!buf || !has_line(buf, l, n)) {
            sbuf_adds(&s, comments.buf);
            sbuf_add(&s, l, n + 1);
            added = 1;
        }
        if (l[0] != '#')
            sbuf_reset(&comments);
        l += n + (l[n] == '\n');
    }
    if (added) {
        rc = fs_write_atomic(path, s.buf, s.len, err);
        *changed = 1;
    }
    sbuf_release(&s);
    sbuf_release(&comments);
    free(buf);
    free(path);
    return rc;
}

/* The shell word for path, for the driver's line that git gives to sh. */
static char *shell_quote(const char *s)
{
    struct sbuf b;
    sbuf_init(&b);
    sbuf_addc(&b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            sbuf_adds(&b, "'\\''");
        else
            sbuf_addc(&b, *s);
    }
    sbuf_addc(&b, '\'');
    return sbuf_detach(&b, NULL);
}

static char *self_path(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0)
        return xstrdup("coopcheck");
    buf[n] = '\0';
    return xstrdup(buf);
}

static int register_driver(const char *data, struct cc_err *err)
{
    char *self = self_path(), *q = shell_quote(self);
    char *line = xasprintf("%s merge-driver %%O %%A %%B %%P", q);
    const char *name[] = { "config", "merge." GS_DRIVER ".name",
                           "coopcheck: assessments field by field", NULL };
    const char *drv[] = { "config", "merge." GS_DRIVER ".driver", line, NULL };
    int rc = gs_git_quiet(data, name, err) == 0 && gs_git_quiet(data, drv, err) == 0 ? 0 : -1;
    free(line);
    free(q);
    free(self);
    return rc;
}

int gs_setup(const char *data, struct cc_err *err)
{
    int changed = 0, made;
    struct strlist paths = { 0 };
    if (ensure_file(data, ".gitignore", ignore_text, &changed, err) != 0 ||
        ensure_file(data, ".gitattributes", attr_text, &changed, err) != 0 ||
        register_driver(data, err) != 0)
        return -1;
    if (!changed)
        return 0;
    strlist_push(&paths, ".gitignore");
    strlist_push(&paths, ".gitattributes");
    int rc = gs_commit(data, &paths, "store: what git keeps out, and how assessments merge", &made, err);
    strlist_release(&paths);
    return rc;
}

static int identity_known(const char *data, struct cc_err *err);

/* Adds remote as "origin"; nothing when origin is that already. */
static int add_origin(const char *data, const char *remote, struct sbuf *said, struct cc_err *err)
{
    const char *get[] = { "remote", "get-url", "origin", NULL };
    const char *add[] = { "remote", "add", "origin", remote, NULL };
    struct run_result r;
    struct cc_err e;
    int rc = 0;
    if (gs_git(data, get, &r, &e) == 0) {
        r.out.buf[strcspn(r.out.buf, "\n")] = '\0';
        if (strcmp(r.out.buf, remote) != 0)
            rc = cc_error_code(err, EEXIST, _("the store's remote \"origin\" is %s already: 'git -C "
                                              "%s remote set-url origin %s' changes it"),
                               r.out.buf, data, remote);
    } else if ((rc = gs_git_quiet(data, add, err)) == 0) {
        sbuf_addf(said, _("its remote \"origin\" is %s\n"), remote);
    }
    run_release(&r);
    return rc;
}

int gs_init(const char *data, const char *remote, struct sbuf *said, struct cc_err *err)
{
    const char *init[] = { "init", "-q", NULL };
    struct strlist ids = { 0 };
    int made = 0, other;
    if (fs_mkdir_p(data, err) != 0 || identity_known(data, err) != 0)
        return -1;   /* without an identity nothing could be committed: nothing is done */
    if (!gs_enabled(data)) {
        if (gs_git_quiet(data, init, err) != 0)
            return -1;
        sbuf_addf(said, _("%s is now a git repository\n"), data);
    } else {
        sbuf_addf(said, _("%s is a git repository already\n"), data);
    }
    if ((remote && add_origin(data, remote, said, err) != 0) || gs_setup(data, err) != 0 ||
        gs_pending(data, &ids, &other, err) != 0)
        return -1;
    if (gs_commit_pending(data, "added to the store", &made, err) != 0) {
        strlist_release(&ids);
        return -1;
    }
    if (made && ids.n)
        sbuf_addf(said, P_("%zu cooperation there was committed\n",
                           "%zu cooperations there were committed\n", ids.n), ids.n);
    strlist_release(&ids);
    return 0;
}

/* A bare repository made with another default branch than the one pushed
 * to it gives a clone with nothing checked out: then the one branch the
 * remote has is checked out. */
static int checkout_only_branch(const char *dir, struct cc_err *err)
{
    const char *head[] = { "rev-parse", "--verify", "--quiet", "HEAD", NULL };
    const char *list[] = { "for-each-ref", "--format=%(refname:lstrip=3)", "refs/remotes/origin/", NULL };
    struct run_result r;
    struct cc_err e;
    char name[256];
    int rc = 0;
    if (gs_git_status(dir, head, &e) == 0)
        return 0;
    if (gs_git(dir, list, &r, &e) == 0) {
        size_t n = 0;
        for (char *p = r.out.buf; *p; p++)
            n += *p == '\n';
        snprintf(name, sizeof(name), "%.*s", (int)strcspn(r.out.buf, "\n"), r.out.buf);
        if (n == 1 && strcmp(name, "HEAD") != 0) {
            char *track = xasprintf("origin/%s", name);
            const char *co[] = { "checkout", "-q", "-b", name, "--track", track, NULL };
            rc = gs_git_quiet(dir, co, err);
            free(track);
        }
    }
    run_release(&r);
    return rc;
}

int gs_clone(const char *url, const char *dir, struct sbuf *said, struct cc_err *err)
{
    const char *argv[] = { "git", "clone", "-q", "--", url, dir, NULL };
    struct run_result r;
    struct stat st;
    if (stat(dir, &st) == 0 && !dir_empty(dir))
        return cc_error_code(err, EEXIST, _("%s exists and is not empty: clone into a new "
                                            "directory"), dir);
    if (gs_run(argv, &r, err) != 0) {
        run_release(&r);
        return -1;
    }
    run_release(&r);
    chmod(dir, 0700);
    if (checkout_only_branch(dir, err) != 0)
        return -1;
    if (gs_setup(dir, err) != 0)
        return -1;
    sbuf_addf(said, _("%s is a clone of %s\n"), dir, url);
    return 0;
}

/* ---- committing ---- */

/* 1 when the index differs from HEAD (at paths, or at all when paths is
 * NULL), 0 when not, -1 on error. */
static int staged(const char *data, const struct strlist *paths, struct cc_err *err)
{
    const char *argv[40] = { "diff", "--cached", "--quiet", "--" };
    size_t n = 4;
    for (size_t i = 0; paths && i < paths->n && n + 1 < CC_ARRAY_LEN(argv); i++)
        argv[n++] = paths->v[i];
    argv[n] = NULL;
    int rc = gs_git_status(data, argv, err);
    return rc == 0 ? 0 : rc == 1 ? 1 : -1;
}

static int identity_known(const char *data, struct cc_err *err)
{
    const char *argv[] = { "var", "GIT_AUTHOR_IDENT", NULL };
    struct run_result r;
    struct cc_err e;
    int rc = gs_git(data, argv, &r, &e);
    run_release(&r);
    if (rc == 0)
        return 0;
    return cc_error(err, _("git does not know who you are: set your name and e-mail with 'git "
                           "config --global user.name \"Your Name\"' and 'git config --global "
                           "user.email you@example.org'; the next change or 'coopcheck sync' "
                           "commits what is not committed yet"));
}

int gs_commit(const char *data, const struct strlist *paths, const char *msg, int *made,
              struct cc_err *err)
{
    const char *add[40] = { "add", "-A", "--" }, *commit[44] = { "commit", "-q", "-m", msg, "--" };
    size_t na = 3, nc = 5;
    int s;
    *made = 0;
    for (size_t i = 0; i < paths->n && nc + 1 < CC_ARRAY_LEN(add); i++) {
        char *p = fs_join(data, paths->v[i]);
        int keep = fs_exists(p) || gs_tracked(data, paths->v[i]) == 1;
        free(p);
        if (!keep)
            continue;
        add[na++] = paths->v[i];
        commit[nc++] = paths->v[i];
    }
    if (na == 3)
        return 0;
    add[na] = NULL;
    commit[nc] = NULL;
    if (gs_git_quiet(data, add, err) != 0)
        return -1;
    struct strlist some = { (char **)add + 3, na - 3 };
    if ((s = staged(data, &some, err)) <= 0)
        return s;
    if (identity_known(data, err) != 0 || gs_git_quiet(data, commit, err) != 0)
        return -1;
    *made = 1;
    return 0;
}

int gs_commit_id(const char *data, const char *id, const char *msg, struct cc_err *err)
{
    struct strlist paths = { 0 };
    int made, rc;
    if (!gs_enabled(data))
        return 0;
    strlist_push(&paths, id);
    rc = gs_commit(data, &paths, msg, &made, err);
    strlist_release(&paths);
    return rc;
}

int gs_tracked(const char *data, const char *path)
{
    const char *argv[] = { "ls-files", "--error-unmatch", "--", path, NULL };
    struct cc_err e;
    int rc = gs_git_status(data, argv, &e);
    return rc == 0 ? 1 : rc > 0 ? 0 : -1;
}

int gs_pending(const char *data, struct strlist *ids, int *other, struct cc_err *err)
{
    const char *argv[] = { "status", "--porcelain", "-z", "--untracked-files=all", NULL };
    struct run_result r;
    *other = 0;
    if (gs_git(data, argv, &r, err) != 0) {
        run_release(&r);
        return -1;
    }
    for (size_t i = 0; i < r.out.len;) {
        const char *e = r.out.buf + i, *path = e + 3, *slash;
        size_t len = strlen(e);
        int renamed = e[0] == 'R' || e[0] == 'C';
        slash = strchr(path, '/');
        if (slash) {
            char *id = xstrndup(path, (size_t)(slash - path));
            if (!gs_strlist_has(ids, id))
                strlist_push(ids, id);
            free(id);
        } else {
            *other = 1;
        }
        i += len + 1;
        if (renamed && i < r.out.len)   /* the old name follows */
            i += strlen(r.out.buf + i) + 1;
    }
    run_release(&r);
    return 0;
}

int gs_commit_pending(const char *data, const char *what, int *made, struct cc_err *err)
{
    struct strlist ids = { 0 };
    struct sbuf msg;
    int other, rc;
    *made = 0;
    if (gs_pending(data, &ids, &other, err) != 0)
        return -1;
    if (!ids.n && !other) {
        strlist_release(&ids);
        return 0;
    }
    sbuf_init(&msg);
    if (ids.n == 1 && !other)
        sbuf_addf(&msg, "%s: %s", ids.v[0], what);
    else if (ids.n == 0)
        sbuf_addf(&msg, "store: %s", what);
    else
        sbuf_addf(&msg, "%zu cooperations %s", ids.n, what);
    if (ids.n > 1) {
        sbuf_adds(&msg, "\n\n");
        for (size_t i = 0; i < ids.n; i++)
            sbuf_addf(&msg, "%s%s", i ? ", " : "", ids.v[i]);
    }
    const char *add[] = { "add", "-A", NULL }, *commit[] = { "commit", "-q", "-m", msg.buf, NULL };
    rc = gs_git_quiet(data, add, err);
    if (rc == 0 && (rc = staged(data, NULL, err)) == 1) {
        rc = identity_known(data, err) == 0 && gs_git_quiet(data, commit, err) == 0 ? 0 : -1;
        *made = rc == 0;
    }
    sbuf_release(&msg);
    strlist_release(&ids);
    return rc < 0 ? -1 : 0;
}
