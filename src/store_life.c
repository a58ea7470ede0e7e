/* store_life.c — a cooperation renamed or deleted, each as a step that a
 * crash cannot leave half done.
 *
 * Renaming DATA/OLD to DATA/NEW, under OLD's write lock with no editor in it:
 *   1. DATA/OLD/rename-step.json records from, to, who and when (atomic);
 *   2. the directory is renamed (renameat2 without replacing: NEW must not
 *      exist) and the data directory synced;
 *   3. the working assessment, now DATA/NEW/assessment.json, takes the id
 *      NEW with who renamed it when (cooperation.changed.id);
 *   4. the record is removed.
 * A crash before 2 leaves the record in DATA/OLD: the next writer of OLD
 * removes it (nothing happened).  After 2 it is in DATA/NEW: readers take the
 * file's id OLD for NEW, and the next writer of NEW completes 3 and 4.  The
 * snapshots keep the id they were taken under, which the hash chain requires.
 *
 * Deleting DATA/ID renames it to DATA/.deleted-ID-PID first (from then on
 * the cooperation is gone for every reader), then removes that tree; a crash
 * in between leaves a hidden directory that the next delete removes. */
#define _GNU_SOURCE
#include "store.h"
#include "store_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "afile.h"
#include "fsio.h"
#include "i18n.h"
#include "jsondoc.h"

#define DELETED_PREFIX ".deleted-"

/* ---- the rename record ---- */

static char *rename_format(const char *from, const char *to, const char *who, const char *now)
{
    cJSON *o = cJSON_CreateObject();
    char *text;
    cJSON_AddStringToObject(o, "kind", "coopcheck-rename");
    cJSON_AddStringToObject(o, "from", from);
    cJSON_AddStringToObject(o, "to", to);
    cJSON_AddStringToObject(o, "by", who);
    cJSON_AddStringToObject(o, "at", now);
    text = jsondoc_print(o);
    cJSON_Delete(o);
    return text;
}

int store_rename_read(int dirfd, const char *dirpath, struct rename_step *rs, struct cc_err *err)
{
    char *path = fs_join(dirpath, RENAME_NAME), *buf;
    size_t len;
    cJSON *o;
    const char *keys[] = { "from", "to", "by", "at" };
    char *out[] = { rs->from, rs->to, rs->by, rs->at };
    const size_t size[] = { sizeof(rs->from), sizeof(rs->to), sizeof(rs->by), sizeof(rs->at) };
    int rc = 1;
    memset(rs, 0, sizeof(*rs));
    if (fs_read_at(dirfd, RENAME_NAME, path, 8192, &buf, &len, err) != 0) {
        rc = err->code == ENOENT ? 0 : -1;
        free(path);
        return rc;
    }
    o = cJSON_ParseWithLength(buf, len);
    for (size_t i = 0; o && rc == 1 && i < CC_ARRAY_LEN(keys); i++) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, keys[i]);
        if (!cJSON_IsString(n) || strlen(n->valuestring) >= size[i])
            rc = -1;
        else
            snprintf(out[i], size[i], "%s", n->valuestring);
    }
    if (!o || rc != 1 || !coop_id_valid(rs->from) || !coop_id_valid(rs->to))
        rc = cc_error_code(err, EINVAL, _("%s is not a rename record coopcheck writes; look at it, "
                                          "and remove it if the cooperation is as it should be"), path);
    cJSON_Delete(o);
    free(buf);
    free(path);
    return rc;
}

/* Steps 3 and 4 of the file comment in the cooperation w holds (now NEW).
 * The file is edited as JSON, without its catalogue: store_rename saved it
 * in the current format just before, so it has the current layout. */
static int rename_finish(struct store_w *w, const struct rename_step *rs, struct cc_err *err)
{
    char *path = fs_join(w->dir, WORKING_NAME), *rec = fs_join(w->dir, RENAME_NAME), *buf, *text;
    cJSON *root = NULL, *co = NULL, *changed, *stamp;
    struct cc_err local;
    size_t len;
    int rc;
    if (!err)
        err = &local;
    rc = fs_read_at(w->dirfd, WORKING_NAME, path, ASSESSMENT_MAX_BYTES, &buf, &len, err);
    if (rc == 0) {
        root = cJSON_ParseWithLength(buf, len);
        free(buf);
        co = cJSON_GetObjectItemCaseSensitive(root, "cooperation");
        if (!cJSON_IsObject(co))
            rc = cc_error_code(err, EINVAL, _("%s has no cooperation to rename; nothing was "
                                              "changed"), path);
    }
    if (rc == 0) {
        cJSON_ReplaceItemInObjectCaseSensitive(co, "id", cJSON_CreateString(rs->to));
        changed = cJSON_GetObjectItemCaseSensitive(co, "changed");
        if (!cJSON_IsObject(changed)) {
            cJSON_DeleteItemFromObjectCaseSensitive(co, "changed");
            changed = cJSON_AddObjectToObject(co, "changed");
        }
        stamp = cJSON_CreateObject();
        cJSON_AddStringToObject(stamp, "at", rs->at);
        cJSON_AddStringToObject(stamp, "by", rs->by);
        cJSON_DeleteItemFromObjectCaseSensitive(changed, "id");
        cJSON_AddItemToObject(changed, "id", stamp);
        buf = jsondoc_print(root);
        text = xasprintf("%s\n", buf);
        free(buf);
        rc = fs_write_atomic_at(w->dirfd, WORKING_NAME, path, text, strlen(text), err);
        free(text);
    }
    cJSON_Delete(root);
    if (rc == 0 && fs_unlink_at(w->dirfd, RENAME_NAME, rec, err) != 0 && err->code != ENOENT)
        rc = -1;
    free(rec);
    free(path);
    return rc;
}

int store_rename_recover(struct store_w *w, struct cc_err *err)
{
    struct rename_step rs;
    int r = store_rename_read(w->dirfd, w->dir, &rs, err);
    if (r <= 0)
        return r;
    if (strcmp(rs.to, w->id) == 0) {
        if (rename_finish(w, &rs, err) != 0)
            return -1;
        snprintf(w->note, sizeof(w->note), _("completed the rename of %s to %s that was interrupted"),
                 rs.from, rs.to);
        return 0;
    }
    if (strcmp(rs.from, w->id) == 0) {
        char *rec = fs_join(w->dir, RENAME_NAME);
        r = fs_unlink_at(w->dirfd, RENAME_NAME, rec, err);
        free(rec);
        if (r == 0)
            snprintf(w->note, sizeof(w->note), _("a rename of %s to %s was interrupted before it "
                                                 "happened; nothing was changed"), rs.from, rs.to);
        return r;
    }
    return cc_error_code(err, EINVAL, _("%s/%s renames %s to %s, and neither of them is this "
                                        "cooperation; look at it and remove it"), w->dir, RENAME_NAME, rs.from, rs.to);
}

/* ---- rename ---- */

static int open_data(const char *data, struct cc_err *err)
{
    int fd = open(data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        cc_error_code(err, errno, _("cannot open the data directory '%s': %s"), data, strerror(errno));
    return fd;
}

int store_rename(const char *data, const char *from, const char *to, const struct catalog_set *cats,
                 const char *who, const char *now, struct cc_err *err)
{
    struct store_w w;
    struct assessment *a = NULL;
    struct stat st;
    char *rec, *text;
    int datafd, rc = -1;
    struct rename_step rs;

    if (coop_id_refusal(to))
        return cc_error(err, _("\"%s\" cannot be a cooperation id: %s"), to, coop_id_refusal(to));
    if (strcmp(from, to) == 0)
        return cc_error(err, _("the cooperation is called \"%s\" already"), to);
    if (store_w_open(data, from, &w, err) != 0)
        return -1;
    /* loaded and saved: the file in the current format, for rename_finish */
    if (store_w_check_lock(&w, err) != 0 || store_w_load(&w, cats, &a, err) != 0 ||
        store_w_save(&w, a, err) != 0) {
        assessment_free(a);
        store_w_close(&w);
        return -1;
    }
    assessment_free(a);
    if ((datafd = open_data(data, err)) < 0) {
        store_w_close(&w);
        return -1;
    }
    if (fstatat(datafd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        rc = cc_error_code(err, EEXIST, _("cooperation \"%s\" exists already; choose another id"), to);
        goto out;
    }
    rec = fs_join(w.dir, RENAME_NAME);
    text = rename_format(from, to, who, now);
    rc = fs_write_atomic_at(w.dirfd, RENAME_NAME, rec, text, strlen(text), err);
    free(text);
    if (rc == 0 && renameat2(datafd, from, datafd, to, RENAME_NOREPLACE) != 0) {
        rc = cc_error_code(err, errno, _("cannot rename '%s' to '%s': %s"), w.dir, to, strerror(errno));
        fs_unlink_at(w.dirfd, RENAME_NAME, rec, NULL);
    }
    free(rec);
    if (rc != 0)
        goto out;
    fs_sync_dir(datafd, data, NULL);
    /* the descriptors still reach the directory under its new name */
    free(w.id);
    free(w.dir);
    w.id = xstrdup(to);
    w.dir = fs_join(data, to);
    snprintf(rs.from, sizeof(rs.from), "%s", from);
    snprintf(rs.to, sizeof(rs.to), "%s", to);
    snprintf(rs.by, sizeof(rs.by), "%s", who);
    snprintf(rs.at, sizeof(rs.at), "%s", now);
    /* the rename has happened; what fails now, the next writer completes */
    rename_finish(&w, &rs, NULL);
    rc = 0;
out:
    close(datafd);
    store_w_close(&w);
    return rc;
}

/* ---- delete ---- */

/* Removes name in dirfd and everything below it, following no link. */
static int remove_tree_at(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d;
    struct dirent *de;
    int rc = 0;
    if (fd < 0)
        return unlinkat(dirfd, name, 0) == 0 || errno == ENOENT ? 0 : -1;
    if (!(d = fdopendir(fd))) {
        close(fd);
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            rc |= remove_tree_at(fd, de->d_name);
        else if (unlinkat(fd, de->d_name, 0) != 0)
            rc = -1;
    }
    closedir(d);
    return rc || unlinkat(dirfd, name, AT_REMOVEDIR) != 0 ? -1 : 0;
}

/* Removes what deletes that a crash interrupted left behind. */
static void sweep_deleted(int datafd)
{
    DIR *d = fs_opendir_dup(datafd);
    struct dirent *de;
    if (!d)
        return;
    while ((de = readdir(d)) != NULL)
        if (strncmp(de->d_name, DELETED_PREFIX, strlen(DELETED_PREFIX)) == 0)
            remove_tree_at(datafd, de->d_name);
    closedir(d);
}

int store_delete(const char *data, const char *id, struct cc_err *err)
{
    struct store_w w;
    char hidden[COOP_ID_MAX + 40];
    int datafd, rc = 0;

    if (store_w_open(data, id, &w, err) != 0)
        return -1;
    if (store_w_check_lock(&w, err) != 0 || (datafd = open_data(data, err)) < 0) {
        store_w_close(&w);
        return -1;
    }
    snprintf(hidden, sizeof(hidden), "%s%s-%ld", DELETED_PREFIX, id, (long)getpid());
    if (renameat2(datafd, id, datafd, hidden, RENAME_NOREPLACE) != 0)
        rc = cc_error_code(err, errno, _("cannot delete '%s': %s"), w.dir, strerror(errno));
    store_w_close(&w);
    if (rc == 0) {
        fs_sync_dir(datafd, data, NULL);
        if (remove_tree_at(datafd, hidden) != 0)
            rc = cc_error_code(err, errno, _("cooperation \"%s\" is deleted, but not all of "
                                             "'%s/%s' could be removed: %s"), id, data, hidden,
                               strerror(errno));
        sweep_deleted(datafd);
    }
    close(datafd);
    return rc;
}
