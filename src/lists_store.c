/* lists_store.c — the installed screening lists and their provenance.
 *
 * LISTS/NAME/list.json says what the list is (name, format, where it came
 * from, the version the file gives, when it was retrieved, its SHA-256, its
 * counts) and names the two files that hold it: the copy of the file as
 * added (source-HASH) and its index (index-HASH).  Adding writes the new
 * copy and index first and replaces list.json last (atomically), so an
 * interrupted or failed add leaves the installed list as it was; files no
 * longer named are removed afterwards (and by the next add).  Adding and
 * removing hold LISTS/.lock (flock). */
#include "lists.h"
#include "lindex.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cctime.h"
#include "fsio.h"
#include "i18n.h"
#include "paths.h"
#include "sha256.h"

#define LIST_FILE_MAX ((size_t)8 << 30)   /* 8 GiB */

char *lists_dir(const char *configured, struct cc_err *err)
{
    const char *env = getenv("COOPCHECK_LISTS");
    char *d;
    if (env && env[0] == '/')
        return xstrdup(env);
    if (configured && *configured)
        return xstrdup(configured);
    d = xdg_path(XDG_DATA, "lists");
    if (!d)
        cc_error(err, _("no directory for screening lists: HOME is not set; set COOPCHECK_LISTS "
                        "to a directory"));
    return d;
}

void list_info_release(struct list_info *li)
{
    if (!li)
        return;
    free(li->name);
    free(li->format);
    free(li->source);
    free(li->version);
    free(li->retrieved);
    free(li->sha256);
    free(li->dir);
    free(li->file);
    free(li->index);
    memset(li, 0, sizeof(*li));
}

void lists_info_free(struct list_info *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        list_info_release(&v[i]);
    free(v);
}

/* ---- list.json ---- */

static char *jstr(const cJSON *o, const char *key, int required, int *bad)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(n) && n->valuestring[0])
        return xstrdup(n->valuestring);
    if (required || (n && !cJSON_IsNull(n)))
        *bad = 1;
    return NULL;
}

static size_t jcount(const cJSON *o, const char *key, int *bad)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(n) || n->valuedouble < 0 || n->valuedouble > 4e9) {
        *bad = 1;
        return 0;
    }
    return (size_t)n->valuedouble;
}

static int plain_file_name(const char *s)
{
    return s && *s && *s != '.' && !strchr(s, '/');
}

/* Reads DIR/NAME/list.json into li. */
static int read_info(const char *dir, const char *name, struct list_info *li, struct cc_err *err)
{
    char *ldir = fs_join(dir, name), *path = fs_join(ldir, "list.json"), *buf = NULL;
    size_t len;
    cJSON *root = NULL;
    int bad = 0;

    memset(li, 0, sizeof(*li));
    if (fs_read_file(path, 1 << 20, &buf, &len, err) != 0) {
        free(ldir);
        free(path);
        return -1;
    }
    root = cJSON_ParseWithLengthOpts(buf, len, NULL, 0);
    free(buf);
    if (!cJSON_IsObject(root))
        bad = 1;
    else {
        li->name = jstr(root, "name", 1, &bad);
        li->format = jstr(root, "format", 1, &bad);
        li->source = jstr(root, "source", 1, &bad);
        li->version = jstr(root, "version", 0, &bad);
        li->retrieved = jstr(root, "retrieved", 1, &bad);
        li->sha256 = jstr(root, "sha256", 1, &bad);
        li->file = jstr(root, "file", 1, &bad);
        li->index = jstr(root, "index", 1, &bad);
        li->entries = jcount(root, "entries", &bad);
        li->names = jcount(root, "names", &bad);
    }
    cJSON_Delete(root);
    li->dir = ldir;
    if (!bad && (strcmp(li->name, name) != 0 || list_format_parse(li->format) < 0
                 || !plain_file_name(li->file) || !plain_file_name(li->index)))
        bad = 1;
    if (bad) {
        cc_error_code(err, EINVAL, _("%s is damaged; remove the list with 'coopcheck lists remove "
                                     "%s' and add it again"), path, name);
        list_info_release(li);
    }
    free(path);
    return bad ? -1 : 0;
}

cJSON *list_info_json(const struct list_info *li)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", li->name);
    cJSON_AddStringToObject(o, "format", li->format);
    cJSON_AddStringToObject(o, "source", li->source);
    if (li->version)
        cJSON_AddStringToObject(o, "version", li->version);
    else
        cJSON_AddNullToObject(o, "version");
    cJSON_AddStringToObject(o, "retrieved", li->retrieved);
    cJSON_AddStringToObject(o, "sha256", li->sha256);
    cJSON_AddNumberToObject(o, "entries", (double)li->entries);
    return o;
}

static int write_info(int dfd, const char *path, const struct list_info *li, struct cc_err *err)
{
    cJSON *o = list_info_json(li);
    char *text;
    int rc;
    cJSON_AddNumberToObject(o, "names", (double)li->names);
    cJSON_AddStringToObject(o, "file", li->file);
    cJSON_AddStringToObject(o, "index", li->index);
    text = cJSON_Print(o);
    cJSON_Delete(o);
    rc = fs_write_atomic_at(dfd, "list.json", path, text, strlen(text), err);
    cJSON_free(text);
    return rc;
}

static int info_cmp(const void *pa, const void *pb)
{
    const struct list_info *a = pa, *b = pb;
    return strcmp(a->name, b->name);
}

int lists_installed(const char *dir, struct list_info **out, size_t *n, struct strlist *problems,
                    struct cc_err *err)
{
    DIR *d;
    struct dirent *de;
    struct list_info *v = NULL;
    size_t cap = 0;

    *out = NULL;
    *n = 0;
    d = opendir(dir);
    if (!d) {
        if (errno == ENOENT)
            return 0;
        return cc_error_code(err, errno, _("cannot read the lists' directory %s: %s"), dir,
                             strerror(errno));
    }
    while ((de = readdir(d)) != NULL) {
        struct list_info li;
        struct cc_err e;
        if (!cc_slug_valid(de->d_name))
            continue;
        if (read_info(dir, de->d_name, &li, &e) != 0) {
            if (e.code != ENOENT && problems)
                strlist_push(problems, e.msg);
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            v = xrealloc(v, cap * sizeof(*v));
        }
        v[(*n)++] = li;
    }
    closedir(d);
    if (*n)
        qsort(v, *n, sizeof(*v), info_cmp);
    *out = v;
    return 0;
}

/* ---- adding ---- */

struct mapped {
    void *p;
    size_t len;
};

static int map_file(const char *path, struct mapped *m, struct cc_err *err)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    m->p = NULL;
    m->len = 0;
    if (fd < 0)
        return cc_error_code(err, errno, _("cannot open %s: %s"), path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return cc_error_code(err, EINVAL, _("%s is not a regular file"), path);
    }
    if ((size_t)st.st_size > LIST_FILE_MAX) {
        close(fd);
        return cc_error_code(err, EFBIG, _("%s is larger than 8 GiB: that is not a screening list"),
                             path);
    }
    if (st.st_size == 0) {
        close(fd);
        return cc_error_code(err, EINVAL, _("%s is empty: it holds no list"), path);
    }
    m->len = (size_t)st.st_size;
    m->p = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m->p == MAP_FAILED) {
        m->p = NULL;
        return cc_error_code(err, errno, _("cannot read %s: %s"), path, strerror(errno));
    }
    return 0;
}

static void unmap_file(struct mapped *m)
{
    if (m->p)
        munmap(m->p, m->len);
    m->p = NULL;
}

/* Takes LISTS/.lock; the descriptor, or -1. */
static int lock_lists(const char *dir, struct cc_err *err)
{
    char *path;
    int fd;
    if (fs_mkdir_p(dir, err) != 0)
        return -1;
    path = fs_join(dir, ".lock");
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        cc_error_code(err, errno, _("cannot lock %s: %s"), path, strerror(errno));
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    free(path);
    return fd;
}

/* Removes the files of ldir that list.json (li, may be NULL) does not name. */
static void remove_unnamed(const char *ldir, const struct list_info *li)
{
    DIR *d = opendir(ldir);
    struct dirent *de;
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0
            || strcmp(de->d_name, "list.json") == 0)
            continue;
        if (li && (strcmp(de->d_name, li->file) == 0 || strcmp(de->d_name, li->index) == 0))
            continue;
        unlinkat(dirfd(d), de->d_name, 0);
    }
    closedir(d);
}

static int install(const char *dir, const struct mapped *m, const char *path, const char *name,
                   enum list_format f, const char *source, struct list_info *li,
                   struct cc_err *err)
{
    char ts[CC_ISO_LEN], *ldir = fs_join(dir, name), *tmp = NULL, *ipath = NULL;
    struct list_about about = { 0 };
    int dfd = -1, rc = -1;

    memset(li, 0, sizeof(*li));
    li->sha256 = xmalloc(65);
    sha256_hex(m->p, m->len, li->sha256);
    cc_now(ts);
    li->name = xstrdup(name);
    li->format = xstrdup(list_format_name(f));
    li->source = xstrdup(source);
    li->retrieved = xstrdup(ts);
    li->file = xasprintf("source-%.16s", li->sha256);
    li->index = xasprintf("index-%.16s-%ld", li->sha256, (long)getpid());
    li->dir = xstrdup(ldir);
    {
        int pfd = fs_open_dir_at(AT_FDCWD, dir, dir, 1, err);
        if (pfd < 0)
            goto out;
        dfd = fs_open_dir_at(pfd, name, ldir, 1, err);
        close(pfd);
        if (dfd < 0)
            goto out;
    }
    tmp = xasprintf("%s/.index-%ld.tmp", ldir, (long)getpid());
    unlink(tmp);
    if (lindex_build(f, m->p, m->len, path, tmp, &about, &li->entries, &li->names, err) != 0)
        goto out;
    ipath = fs_join(ldir, li->index);
    if (rename(tmp, ipath) != 0) {
        cc_error_code(err, errno, _("cannot write %s: %s"), ipath, strerror(errno));
        unlink(tmp);
        goto out;
    }
    li->version = about.version ? xstrdup(about.version) : NULL;
    if (fs_write_atomic_at(dfd, li->file, li->file, m->p, m->len, err) != 0
        || write_info(dfd, ldir, li, err) != 0) {
        unlink(ipath);
        goto out;
    }
    rc = 0;
out:
    list_about_release(&about);
    if (dfd >= 0)
        close(dfd);
    free(tmp);
    free(ipath);
    free(ldir);
    if (rc != 0)
        list_info_release(li);
    return rc;
}

int lists_add(const char *dir, const char *path, const char *name, int fmt, const char *source,
              struct list_info *info, struct cc_err *err)
{
    struct mapped m;
    struct list_info li, old;
    enum list_format f;
    int lockfd, rc, had_old;

    if (!cc_slug_valid(name))
        return cc_error(err, _("\"%s\" cannot name a list: a name is 1 to 64 characters, lowercase "
                               "letters a-z, digits and '-' (e.g. \"aspi\")"), name);
    if (map_file(path, &m, err) != 0)
        return -1;
    if (fmt >= 0)
        f = (enum list_format)fmt;
    else if (list_detect(m.p, m.len, path, &f, err) != 0) {
        unmap_file(&m);
        return -1;
    }
    if ((lockfd = lock_lists(dir, err)) < 0) {
        unmap_file(&m);
        return -1;
    }
    had_old = read_info(dir, name, &old, NULL) == 0;
    rc = install(dir, &m, path, name, f, source ? source : path, &li, err);
    unmap_file(&m);
    if (rc == 0) {
        remove_unnamed(li.dir, &li);
        if (info)
            *info = li;
        else
            list_info_release(&li);
    } else if (had_old) {
        remove_unnamed(old.dir, &old);
    }
    if (had_old)
        list_info_release(&old);
    close(lockfd);
    return rc;
}

int lists_remove(const char *dir, const char *name, struct cc_err *err)
{
    struct list_info li;
    char *ldir, *path;
    int lockfd, rc = 0;

    if (!cc_slug_valid(name))
        return cc_error(err, _("\"%s\" is not the name of a list (see 'coopcheck lists')"), name);
    if ((lockfd = lock_lists(dir, err)) < 0)
        return -1;
    ldir = fs_join(dir, name);
    path = fs_join(ldir, "list.json");
    if (!fs_exists(ldir)) {
        rc = cc_error_code(err, ENOENT, _("no list called \"%s\" is installed (see 'coopcheck "
                                          "lists')"), name);
    } else {
        int ok = read_info(dir, name, &li, NULL) == 0;
        if (unlink(path) != 0 && errno != ENOENT)
            rc = cc_error_code(err, errno, _("cannot remove %s: %s"), path, strerror(errno));
        if (rc == 0) {
            remove_unnamed(ldir, NULL);
            if (rmdir(ldir) != 0)
                rc = cc_error_code(err, errno, _("removed the list, but not its directory %s: %s"),
                                   ldir, strerror(errno));
        }
        if (ok)
            list_info_release(&li);
    }
    free(path);
    free(ldir);
    close(lockfd);
    return rc;
}
