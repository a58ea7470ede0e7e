/* lists_fetch.c — the public lists coopcheck knows, and `lists fetch`: the
 * only code that touches the network.  It runs the curl program with an
 * argument vector (no shell), so that the user's proxy settings (curl's
 * environment variables and ~/.curlrc) apply; the download goes to a private
 * temporary directory and is installed with lists_add, which checks its
 * format before it replaces anything. */
#include "lists.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "run.h"
#include "textutil.h"

/* The addresses are the publishers' documented download addresses. */
static const struct known_list known[] = {
    { "aspi", "misp",
      "https://raw.githubusercontent.com/MISP/misp-galaxy/main/clusters/china-defence-universities.json",
      N_("ASPI China Defence Universities Tracker, as mirrored by the MISP project") },
    { "csl", "csl-json",
      "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json",
      N_("US Consolidated Screening List (includes the BIS Entity List), International Trade "
         "Administration") },
    { "us-1260h", "opensanctions",
      "https://data.opensanctions.org/datasets/latest/us_dod_chinese_milcorps/targets.simple.csv",
      N_("US DoD Section 1260H list of Chinese military companies, via OpenSanctions") },
    { "eu-sanctions", "opensanctions",
      "https://data.opensanctions.org/datasets/latest/eu_fsf/targets.simple.csv",
      N_("EU financial sanctions (consolidated list), via OpenSanctions") },
    { "uk-sanctions", "opensanctions",
      "https://data.opensanctions.org/datasets/latest/gb_hmt_sanctions/targets.simple.csv",
      N_("UK financial sanctions (HM Treasury, OFSI), via OpenSanctions") },
    { NULL, NULL, NULL, NULL },
};

const struct known_list *lists_known(void)
{
    return known;
}

const struct known_list *lists_known_find(const char *name)
{
    for (const struct known_list *k = known; k->name; k++)
        if (strcmp(k->name, name) == 0)
            return k;
    return NULL;
}

/* curl's complaint, one line, safe to print. */
static char *curl_reason(const struct run_result *r)
{
    struct sbuf sb;
    const char *s = r->err.buf ? r->err.buf : "";
    size_t n = strcspn(s, "\n");
    char *raw = xstrndup(s, n > 300 ? 300 : n);
    sbuf_init(&sb);
    text_sanitize(&sb, raw, 0);
    free(raw);
    if (!sb.len)
        sbuf_addf(&sb, _("curl exited with status %d"), r->status);
    return sbuf_detach(&sb, NULL);
}

int lists_fetch(const char *dir, const char *url, const char *name, int fmt,
                struct list_info *info, struct cc_err *err)
{
    struct run_result r;
    char *tmp, *file, *reason;
    int rc;
    const char *argv[] = { "curl", "--fail", "--silent", "--show-error", "--location",
                           "--proto", "=https,http", "--proto-redir", "=https,http",
                           "--max-time", "1800", "--connect-timeout", "30",
                           "--max-filesize", "8589934592", "--output", NULL, "--", url, NULL };

    if (!(tmp = run_tmpdir(err)))
        return -1;
    file = xasprintf("%s/download", tmp);
    argv[16] = file;
    memset(&r, 0, sizeof(r));
    if (run_program(argv, NULL, &r, err) != 0) {
        if (err && err->code == ENOENT)
            cc_error_code(err, ENOENT, _("lists fetch needs the curl program: install it (Debian: "
                                         "apt-get install curl), or download the file yourself "
                                         "and use 'coopcheck lists add FILE'"));
        rc = -1;
    } else if (r.status != 0) {
        reason = curl_reason(&r);
        rc = cc_error(err, _("could not download %s: %s; the installed list \"%s\" was left as "
                             "it was"), url, reason, name);
        free(reason);
    } else {
        rc = lists_add(dir, file, name, fmt, url, info, err);
        if (rc != 0)
            cc_error_prefix(err, _("the download is not a list coopcheck can install; the "
                                   "installed list was left as it was"));
    }
    run_release(&r);
    free(file);
    run_tmpdir_remove(tmp);
    return rc;
}
