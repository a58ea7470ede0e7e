/* gitverify.c — the history of a git store checked: git's signatures and
 * snapshots that were never changed once committed.  See gitstore.h. */
#define _GNU_SOURCE
#include "gitstore.h"
#include "gitstore_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsio.h"
#include "i18n.h"

/* Splits line at tabs into at most n fields. */
static size_t fields(char *line, char **f, size_t n)
{
    size_t k = 0;
    while (k < n) {
        f[k++] = line;
        char *t = strchr(line, '\t');
        if (!t)
            break;
        *t = '\0';
        line = t + 1;
    }
    return k;
}

static int check_signatures(const char *data, struct strlist *problems, struct strlist *notes,
                            size_t *commits, size_t *good, struct cc_err *err)
{
    /* absolute: git reads it from inside the repository (git -C DATA) */
    char *abs = realpath(data, NULL), *signers = fs_join(abs ? abs : data, "allowed_signers");
    char *cfg = xasprintf("gpg.ssh.allowedSignersFile=%s", signers);
    const char *argv[] = { "-c", cfg, "log", "--format=%H%x09%G?%x09%GS%x09%an%x09%aI", NULL };
    struct run_result r;
    size_t unsigned_n = 0, unknown = 0;
    int rc = 0, have = fs_exists(signers);
    *commits = *good = 0;
    if (gs_git(data, argv, &r, err) != 0) {
        /* a repository with no commit yet has no history to check */
        const char *head[] = { "rev-parse", "--verify", "--quiet", "HEAD", NULL };
        struct cc_err e;
        rc = gs_git_status(data, head, &e) == 1 ? 0 : -1;
        goto out;
    }
    for (char *line = r.out.buf, *next; line && *line; line = next) {
        char *f[5];
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (fields(line, f, 5) < 5)
            continue;
        (*commits)++;
        switch (f[1][0]) {
        case 'G': (*good)++; break;
        case 'N': unsigned_n++; break;
        case 'B':
            strlist_push_owned(problems, xasprintf(_("commit %.12s (%s, %s) has a bad signature: it was "
                                                     "changed after it was signed"), f[0], f[3], f[4]));
            break;
        default:   /* U, X, Y, R, E: signed, but not by a key the store knows as valid */
            unknown++;
            strlist_push_owned(notes, xasprintf(_("commit %.12s (%s, %s) is signed%s%s, but not by a key "
                                                  "that allowed_signers lists as valid"), f[0], f[3],
                                                f[4], f[2][0] ? _(" by ") : "", f[2]));
        }
    }
    if (unsigned_n)
        strlist_push_owned(notes, xasprintf(P_("%zu of %zu commits is not signed (git signs them "
                                               "when commit.gpgsign is set)",
                                               "%zu of %zu commits are not signed (git signs them "
                                               "when commit.gpgsign is set)", unsigned_n),
                                            unsigned_n, *commits));
    if (!have && (*good || unknown))
        strlist_push_owned(notes, xasprintf(_("the store has no allowed_signers file (%s), so git's "
                                              "signatures cannot be checked"), signers));
out:
    run_release(&r);
    free(cfg);
    free(signers);
    free(abs);
    return rc;
}

/* Every commit that changed or removed a snapshot file once committed. */
static int check_history(const char *data, struct strlist *problems, struct strlist *notes,
                         struct cc_err *err)
{
    const char *argv[] = { "log", "--format=%x01%H%x09%an%x09%aI", "--name-status", "-M",
                           "--diff-filter=MDR", "--", ":(glob)*/snapshots/*.json",
                           ":(glob)*/assessment.json", NULL };
    struct run_result r;
    char commit[200] = "";
    if (gs_git(data, argv, &r, err) != 0) {
        run_release(&r);
        return 0;   /* no history yet: reported by check_signatures' caller */
    }
    for (char *line = r.out.buf, *next; line && *line; line = next) {
        char *f[3];
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '\x01') {
            snprintf(commit, sizeof(commit), "%s", line + 1);
            char *t = strchr(commit, '\t');
            if (t && t - commit > 12)
                memmove(commit + 12, t, strlen(t) + 1);
            for (char *p = commit; *p; p++)
                if (*p == '\t')
                    *p = ' ';
            continue;
        }
        size_t k = fields(line, f, 3);
        if (k < 2 || !strstr(f[1], "/snapshots/"))
            continue;
        if (f[0][0] == 'M')
            strlist_push_owned(problems, xasprintf(_("snapshot %s was changed after it was committed, "
                                                     "in commit %s"), f[1], commit));
        else if (f[0][0] == 'R' && strcmp(f[0], "R100") != 0)
            strlist_push_owned(problems, xasprintf(_("snapshot %s was moved to %s and changed, in "
                                                     "commit %s"), f[1], k > 2 ? f[2] : "?", commit));
        else if (f[0][0] == 'D')
            strlist_push_owned(notes, xasprintf(_("snapshot %s was removed in commit %s (with its "
                                                  "cooperation, or by hand: 'git -C %s show %.12s' "
                                                  "tells)"), f[1], commit, data, commit));
    }
    run_release(&r);
    /* and what differs from the committed version now */
    const char *now[] = { "diff", "--name-status", "HEAD", "--", ":(glob)*/snapshots/*.json", NULL };
    if (gs_git(data, now, &r, err) == 0) {
        for (char *line = r.out.buf, *next; line && *line; line = next) {
            char *f[2];
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            if (fields(line, f, 2) == 2 && f[0][0] != 'A')
                strlist_push_owned(problems, xasprintf(_("snapshot %s differs from its committed "
                                                         "version ('git -C %s diff HEAD -- %s')"),
                                                       f[1], data, f[1]));
        }
    }
    run_release(&r);
    return 0;
}

int gs_verify(const char *data, struct strlist *problems, struct strlist *notes, size_t *commits,
              size_t *signed_good, struct cc_err *err)
{
    if (check_signatures(data, problems, notes, commits, signed_good, err) != 0)
        return -1;
    if (*commits == 0)
        return 0;
    return check_history(data, problems, notes, err);
}
