/* approvals.c — see approvals.h. */
#include "approvals.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "officer.h"
#include "store.h"
#include "store_int.h"

char *approvals_signers_path(const char *data, const char *opt)
{
    return opt && *opt ? xstrdup(opt) : fs_join(data, ALLOWED_SIGNERS_NAME);
}

int store_snapshot_sha(const char *data, const char *id, const char *name, char out[65],
                       struct cc_err *err)
{
    char *dir = fs_join(data, id), *file = xasprintf("%s.json", name);
    char *path = xasprintf("%s/%s/%s", dir, SNAP_DIR_NAME, file);
    int rc = -1, dirfd, snapfd = -1;
    if (strchr(name, '/') || name[0] == '.') {
        cc_error_code(err, EINVAL, _("\"%s\" is not a snapshot name"), name);
    } else if ((dirfd = store_open_coop(data, id, err)) >= 0) {
        if ((snapfd = store_open_snapdir(dirfd, dir, 0, err)) >= 0) {
            rc = store_file_sha(snapfd, file, path, out, err);
            close(snapfd);
        }
        close(dirfd);
    }
    free(path);
    free(file);
    free(dir);
    return rc;
}

struct approval_check *approvals_check(const char *data, const struct assessment *a,
                                       const char *allowed)
{
    struct approval_check *c = xcalloc(a->napprovals + 1, sizeof(*c));
    for (size_t i = 0; i < a->napprovals; i++) {
        const struct approval *ap = &a->approvals[i];
        struct cc_err err;
        char sha[65];
        int have = store_snapshot_sha(data, a->coop.id, ap->snapshot, sha, &err) == 0;
        c[i].state = sign_check(ap, have ? sha : NULL, allowed, c[i].why, sizeof(c[i].why));
    }
    return c;
}

size_t approvals_missing_text(const struct assessment *a, const char *name,
                              const struct strlist *required, struct sbuf *missing)
{
    struct strlist m = { 0 };
    size_t n;
    approval_missing(a, name, required, &m);
    for (size_t i = 0; i < m.n; i++)
        sbuf_addf(missing, "%s%s", i ? ", " : "", m.v[i]);
    n = m.n;
    strlist_release(&m);
    return n;
}
