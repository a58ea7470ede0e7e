/* sign.c — see sign.h. */
#include "sign.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsio.h"
#include "i18n.h"
#include "officer.h"
#include "run.h"
#include "textutil.h"

const char *sig_state_name(enum sig_state s)
{
    static const char *const names[] = { "unsigned", "valid", "invalid", "unchecked" };
    return (unsigned)s < CC_ARRAY_LEN(names) ? names[s] : "?";
}

const char *sig_state_word(enum sig_state s)
{
    switch (s) {
    case SIG_UNSIGNED: return _("unsigned");
    case SIG_VALID: return _("signature valid");
    case SIG_INVALID: return _("INVALID");
    case SIG_UNCHECKED: return _("signature not checked");
    }
    return "?";
}

/* The first line of what a program said on stderr (for messages). */
static void first_line(const struct sbuf *sb, char *out, size_t n)
{
    const char *s = sb->len ? sb->buf : "";
    snprintf(out, n, "%.*s", (int)strcspn(s, "\r\n"), s);
}

/* The approval's message written to DIR/approval.txt; its path or NULL. */
static char *write_message(const char *dir, const struct approval *ap, struct cc_err *err)
{
    char *msg = approval_message(ap), *path = xasprintf("%s/approval.txt", dir);
    int rc = fs_write_new(path, msg, strlen(msg), err);
    free(msg);
    if (rc != 0) {
        free(path);
        return NULL;
    }
    return path;
}

int sign_approval(const char *key, const char *signer, struct approval *ap, struct cc_err *err)
{
    char *dir = run_tmpdir(err), *msg = NULL, *sig = NULL, *sigtext = NULL;
    struct run_result r;
    size_t len;
    int rc = -1;

    if (!dir)
        return -1;
    if (!fs_exists(key)) {
        cc_error_code(err, ENOENT, _("the signing key '%s' does not exist"), key);
        goto out;
    }
    if ((msg = write_message(dir, ap, err)) == NULL)
        goto out;
    {
        const char *argv[] = { "ssh-keygen", "-q", "-Y", "sign", "-f", key, "-n", SIGN_NAMESPACE,
                               msg, NULL };
        if (run_program(argv, NULL, &r, err) != 0)
            goto out;
    }
    if (r.status != 0) {
        char line[512];
        first_line(&r.err, line, sizeof(line));
        cc_error_code(err, EINVAL, _("ssh-keygen could not sign with '%s' (status %d): %s"), key,
                      r.status, line[0] ? line : _("it gave no reason"));
        run_release(&r);
        goto out;
    }
    run_release(&r);
    sig = xasprintf("%s.sig", msg);
    if (fs_read_file(sig, 64 * 1024, &sigtext, &len, err) != 0)
        goto out;
    free(ap->signature);
    free(ap->signer);
    ap->signature = sigtext;
    ap->signer = xstrdup(signer);
    sigtext = NULL;
    rc = 0;
out:
    free(sigtext);
    free(sig);
    free(msg);
    run_tmpdir_remove(dir);
    return rc;
}

enum sig_state sign_check(const struct approval *ap, const char *actual, const char *allowed,
                          char *why, size_t n)
{
    char *dir = NULL, *msg = NULL, *sig = NULL;
    struct run_result r;
    struct cc_err err;
    enum sig_state st = SIG_INVALID;

    why[0] = '\0';
    if (!actual) {
        snprintf(why, n, _("snapshot %s is missing"), ap->snapshot);
        return SIG_INVALID;
    }
    if (strcmp(actual, ap->sha256) != 0) {
        snprintf(why, n, _("snapshot %s was changed after it was approved (its SHA-256 is %.12s..., "
                           "the approval is for %.12s...)"), ap->snapshot, actual, ap->sha256);
        return SIG_INVALID;
    }
    if (!ap->signature)
        return SIG_UNSIGNED;
    if (!allowed || !fs_exists(allowed)) {
        snprintf(why, n, _("no allowed_signers file to check it against (%s)"),
                 allowed ? allowed : "-");
        return SIG_UNCHECKED;
    }
    if ((dir = run_tmpdir(&err)) == NULL || (msg = write_message(dir, ap, &err)) == NULL) {
        snprintf(why, n, "%s", err.msg);
        st = SIG_UNCHECKED;
        goto out;
    }
    sig = xasprintf("%s.sig", msg);
    if (fs_write_new(sig, ap->signature, strlen(ap->signature), &err) != 0) {
        snprintf(why, n, "%s", err.msg);
        st = SIG_UNCHECKED;
        goto out;
    }
    {
        const char *argv[] = { "ssh-keygen", "-Y", "verify", "-f", allowed, "-I", ap->signer,
                               "-n", SIGN_NAMESPACE, "-s", sig, NULL };
        if (run_program(argv, msg, &r, &err) != 0) {
            snprintf(why, n, "%s", err.msg);
            st = SIG_UNCHECKED;
            goto out;
        }
    }
    if (r.status == 0) {
        st = SIG_VALID;
    } else {
        char line[400];
        first_line(r.err.len ? &r.err : &r.out, line, sizeof(line));
        snprintf(why, n, _("not a valid signature by %s according to %s (ssh-keygen: %s)"),
                 ap->signer, allowed, line[0] ? line : "-");
    }
    run_release(&r);
out:
    free(sig);
    free(msg);
    run_tmpdir_remove(dir);
    return st;
}
