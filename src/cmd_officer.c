/* cmd_officer.c — the officer's commands: rate (a question's or the overall
 * risk), measure (the mitigation register), decide (the round's decision)
 * and approve (a snapshot, optionally signed with ssh-keygen).  Each change
 * is a read-modify-write under the cooperation's write lock, like set.  See
 * cli_int.h and coopcheck(1). */
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "cctime.h"
#include "fsio.h"
#include "i18n.h"
#include "jsondoc.h"
#include "officer.h"
#include "sign.h"
#include "textutil.h"

/* A text option's value: "-" reads standard input.  0 or an exit status;
 * *owned is what the caller frees. */
static int text_opt(const char **v, char **owned)
{
    int rc;
    *owned = NULL;
    if (!*v || strcmp(*v, "-") != 0)
        return 0;
    if ((rc = read_stdin_text(owned)) != 0)
        return rc;
    *v = *owned;
    return 0;
}

/* "q05, 12,overall" into l (each trimmed; empty entries refused). */
static int split_list(const char *cmd, const char *opt, const char *s, struct strlist *l)
{
    if (strlist_split(l, s, ","))
        return usage_error(cmd, _("%s takes a list separated by commas, with no empty "
                                  "entry: \"%s\""), opt, s);
    return 0;
}

int write_coop(struct ctx *c, const char *cmd, const char *id, coop_change_fn change, void *arg)
{
    struct store_w w = { .dirfd = -1, .lockfd = -1 };
    struct assessment *a = NULL;
    struct cc_err err;
    char now[CC_ISO_LEN], *who = cc_user();
    int rc;
    if ((rc = check_id(cmd, id)) == 0 && (rc = open_for_writing(c, id, &w, &a)) == 0) {
        cc_now(now);
        rc = change(c, a, who, now, arg);
        if (rc == 0 && store_w_save(&w, a, &err) != 0)
            rc = cli_fail(&err, EXIT_SYSTEM);
        else if (rc < 0)
            rc = EXIT_OK;
    }
    store_w_close(&w);
    assessment_free(a);
    free(who);
    return rc;
}

/* ---- rate ---- */

static struct {
    const char *why;
    int confirm;
} rate_o;

static const struct opt rate_opts[] = {
    { "why", 0, OPT_VALUE, &rate_o.why }, { "confirm", 0, OPT_FLAG, &rate_o.confirm },
};

/* QUESTION or "overall" as an index (nquestions: overall); -1 after saying so. */
static long rated_index(const struct assessment *a, const char *key, int *rc)
{
    const struct cat_question *q;
    if (strcmp(key, OVERALL_REF) == 0 || strcmp(key, "gesamt") == 0)
        return (long)a->cat->nquestions;
    if (!(q = find_question(a->cat, key, rc)))
        return -1;
    return catalog_question_index(a->cat, q);
}

static int rate_change(struct ctx *c, struct assessment *a, const char *who, const char *now, void *arg)
{
    const struct strlist *pos = arg;
    const char *why = rate_o.why;
    char *owned = NULL;
    struct cc_err err;
    long qi;
    int rc = 0, level;
    (void)c;
    if ((qi = rated_index(a, pos->v[1], &rc)) < 0)
        return rc;
    if (rate_o.confirm) {
        if (officer_confirm_rating(a, (size_t)qi, who, now))
            return 0;
        say_error(_("note: the rating of %s is not marked to review, so there is nothing to "
                    "confirm; nothing was changed"), pos->v[1]);
        return -1;
    }
    level = risk_parse(pos->v[2]);
    if (level < 0)
        return usage_error("rate", _("a risk level is none, low, medium, high or unrated, not "
                                     "\"%s\""), pos->v[2]);
    if ((rc = text_opt(&why, &owned)) != 0)
        return rc;
    rc = officer_rate(a, (size_t)qi, (enum risk)level, why, who, now, &err);
    free(owned);
    return rc != 0 ? cli_fail(&err, EXIT_DATA) : 0;
}

static int cmd_rate(struct ctx *c, const struct strlist *pos)
{
    if (rate_o.confirm ? pos->n != 2 : pos->n != 3)
        return usage_error("rate", rate_o.confirm ? _("'coopcheck rate ID QUESTION --confirm' takes "
                                                      "no level")
                                                  : _("'coopcheck rate' needs ID, QUESTION (or "
                                                      "overall) and LEVEL"));
    if (rate_o.confirm && rate_o.why)
        return usage_error("rate", _("--confirm keeps the rating as it is; --why changes it"));
    return write_coop(c, "rate", pos->v[0], rate_change, (void *)pos);
}

const struct command cmd_rate_def = {
    "rate", "ID QUESTION|overall LEVEL [--why TEXT|-]\nID QUESTION|overall --confirm",
    N_("rate the risk of a question or of the whole cooperation (none, low, medium, high, "
       "unrated) with its rationale; --confirm keeps a carried-over rating"),
    rate_opts, CC_ARRAY_LEN(rate_opts), 2, 3, CMD_COMMITS, cmd_rate,
};

/* ---- measure ---- */

static struct {
    const char *what, *addresses, *owner, *due, *status, *effect;
    int confirm, json;
} measure_o;

static const struct opt measure_opts[] = {
    { "what", 0, OPT_VALUE, &measure_o.what }, { "addresses", 0, OPT_VALUE, &measure_o.addresses },
    { "owner", 0, OPT_VALUE, &measure_o.owner }, { "due", 0, OPT_VALUE, &measure_o.due },
    { "status", 0, OPT_VALUE, &measure_o.status }, { "effect", 0, OPT_VALUE, &measure_o.effect },
    { "confirm", 0, OPT_FLAG, &measure_o.confirm }, { "json", 0, OPT_FLAG, &measure_o.json },
};

/* The options given, over m (what add starts from, or the measure as it is). */
static int measure_from_opts(struct measure *m, char **owned_what, char **owned_effect)
{
    const char *what = measure_o.what, *effect = measure_o.effect;
    int rc;
    if ((rc = text_opt(&what, owned_what)) != 0)
        return rc;
    if (effect && strcmp(effect, "-") == 0 && what == *owned_what && *owned_what)
        return usage_error("measure", _("only one of --what and --effect can read standard input"));
    if ((rc = text_opt(&effect, owned_effect)) != 0)
        return rc;
    if (what) {
        free(m->what);
        m->what = xstrdup(what);
    }
    if (effect) {
        free(m->effect);
        m->effect = xstrdup(effect);
    }
    if (measure_o.owner) {
        free(m->owner);
        m->owner = xstrdup(measure_o.owner);
    }
    if (measure_o.due) {
        int y, mo, d;
        free(m->due);
        m->due = NULL;
        if (strcmp(measure_o.due, "none") != 0) {
            if (cc_parse_date(measure_o.due, &y, &mo, &d) != 0)
                return usage_error("measure", _("--due takes a date like 2026-01-31 (or none), not "
                                                "\"%s\""), measure_o.due);
            m->due = xstrdup(measure_o.due);
        }
    }
    if (measure_o.status) {
        int st = mstatus_parse(measure_o.status);
        if (st < 0)
            return usage_error("measure", _("--status takes planned, in_place, done or dropped, "
                                            "not \"%s\""), measure_o.status);
        m->status = (enum mstatus)st;
    }
    if (measure_o.addresses) {
        strlist_release(&m->addresses);
        if ((rc = split_list("measure", "--addresses", measure_o.addresses, &m->addresses)) != 0)
            return rc;
    }
    return 0;
}

static int measure_add_change(struct ctx *c, struct assessment *a, const char *who,
                              const char *now, void *arg)
{
    struct measure m;
    struct cc_err err;
    char *ow = NULL, *oe = NULL, label[16];
    unsigned id;
    int rc;
    (void)c;
    (void)arg;
    memset(&m, 0, sizeof(m));
    rc = measure_from_opts(&m, &ow, &oe);
    if (rc == 0 && measure_add(a, &m, who, now, &id, &err) != 0)
        rc = cli_fail(&err, EXIT_DATA);
    if (rc == 0) {
        struct sbuf out;
        sbuf_init(&out);
        measure_label(id, label);
        putf(&out, "%s\n", label);
        flush_out(&out);
    }
    measure_release(&m);
    free(ow);
    free(oe);
    return rc;
}

static int measure_set_change(struct ctx *c, struct assessment *a, const char *who,
                              const char *now, void *arg)
{
    const char *key = arg;
    unsigned id = measure_id_parse(key);
    struct measure *cur = id ? measure_find(a, id) : NULL, m;
    struct cc_err err;
    char *ow = NULL, *oe = NULL;
    int rc;
    (void)c;
    if (!cur) {
        say_error(_("cooperation \"%s\" has no measure \"%s\" ('coopcheck measure list %s' lists "
                    "them)"), a->coop.id, key, a->coop.id);
        return EXIT_NOTFOUND;
    }
    if (measure_o.confirm) {
        if (measure_confirm(a, id, who, now))
            return 0;
        say_error(_("note: measure %s is not marked to review, so there is nothing to confirm; "
                    "nothing was changed"), key);
        return -1;
    }
    measure_copy(&m, cur);
    rc = measure_from_opts(&m, &ow, &oe);
    if (rc == 0) {
        int r = measure_replace(a, id, &m, who, now, &err);
        if (r < 0)
            rc = cli_fail(&err, EXIT_DATA);
        else if (r == 0) {
            say_error(_("note: measure %s already is so; nothing was changed"), key);
            rc = -1;
        }
    }
    measure_release(&m);
    free(ow);
    free(oe);
    return rc;
}

/* A measure: its label and state, then indented what it is, the questions
 * it addresses and its effect, each wrapped to width under its start. */
static void measure_line(struct sbuf *out, size_t width, const struct measure *m,
                         const char *today)
{
    char label[16];
    struct sbuf head;
    sbuf_init(&head);
    measure_label(m->id, label);
    sbuf_adds(&head, mstatus_word(m->status));
    if (m->due)
        sbuf_addf(&head, _(", due %s"), m->due);
    if (measure_overdue(m, today))
        sbuf_addf(&head, " (%s)", _("OVERDUE"));
    if (m->owner)
        sbuf_addf(&head, _(", owner %s"), m->owner);
    if (m->review)
        sbuf_addf(&head, ", %s", _("to review: still in place and effective?"));
    putf(out, "%s  ", label);
    put_hanging(out, width, text_width(label) + 2, head.buf);
    put_block(out, width, 4, 0, m->what);
    if (m->addresses.n) {
        sbuf_reset(&head);
        sbuf_adds(&head, _("addresses:"));
        for (size_t k = 0; k < m->addresses.n; k++)
            sbuf_addf(&head, "%s%s", k ? ", " : " ", m->addresses.v[k]);
        put_block(out, width, 4, 0, head.buf);
    }
    if (m->effect) {
        sbuf_reset(&head);
        sbuf_addf(&head, "%s %s", _("effect:"), m->effect);
        put_block(out, width, 4, 0, head.buf);
    }
    sbuf_release(&head);
}

static int measure_list(struct ctx *c, const char *id)
{
    struct assessment *a = NULL;
    struct sbuf out;
    char today[CC_ISO_LEN];
    int rc;
    if ((rc = check_id("measure", id)) != 0 || (rc = load_coop(c, id, &a)) != 0)
        return rc;
    cc_now(today);
    sbuf_init(&out);
    if (measure_o.json) {
        cJSON *arr = cJSON_CreateArray();
        char *txt;
        for (size_t i = 0; i < a->nmeasures; i++) {
            const struct measure *m = &a->measures[i];
            cJSON *o = cJSON_CreateObject(), *ad;
            char label[16];
            measure_label(m->id, label);
            cJSON_AddStringToObject(o, "id", label);
            cJSON_AddStringToObject(o, "what", m->what);
            ad = cJSON_AddArrayToObject(o, "addresses");
            for (size_t k = 0; k < m->addresses.n; k++)
                cJSON_AddItemToArray(ad, cJSON_CreateString(m->addresses.v[k]));
            if (m->owner) cJSON_AddStringToObject(o, "owner", m->owner);
            else cJSON_AddNullToObject(o, "owner");
            if (m->due) cJSON_AddStringToObject(o, "due", m->due);
            else cJSON_AddNullToObject(o, "due");
            cJSON_AddStringToObject(o, "status", mstatus_name(m->status));
            if (m->effect) cJSON_AddStringToObject(o, "effect", m->effect);
            else cJSON_AddNullToObject(o, "effect");
            cJSON_AddBoolToObject(o, "review", m->review);
            cJSON_AddBoolToObject(o, "overdue", measure_overdue(m, today));
            cJSON_AddItemToArray(arr, o);
        }
        txt = jsondoc_print(arr);
        sbuf_adds(&out, txt);
        sbuf_addc(&out, '\n');
        free(txt);
        cJSON_Delete(arr);
    } else if (!a->nmeasures) {
        putf(&out, _("%s: no measures yet; add one with 'coopcheck measure add %s \"WHAT\"'\n"), id, id);
    } else {
        for (size_t i = 0; i < a->nmeasures; i++)
            measure_line(&out, c->width, &a->measures[i], today);
    }
    assessment_free(a);
    return flush_out(&out);
}

static int cmd_measure(struct ctx *c, const struct strlist *pos)
{
    const char *sub = pos->v[0];
    int edits = measure_o.what || measure_o.addresses || measure_o.owner || measure_o.due ||
                measure_o.status || measure_o.effect;
    if (strcmp(sub, "list") == 0) {
        if (pos->n != 2)
            return usage_error("measure", _("'coopcheck measure list' takes the cooperation's id"));
        if (edits || measure_o.confirm)
            return usage_error("measure", _("'coopcheck measure list' only lists; it takes --json"));
        return measure_list(c, pos->v[1]);
    }
    if (measure_o.json)
        return usage_error("measure", _("--json goes with 'coopcheck measure list'"));
    if (strcmp(sub, "add") == 0) {
        if (pos->n == 3 && !measure_o.what)
            measure_o.what = pos->v[2];
        else if (pos->n != 2)
            return usage_error("measure", _("'coopcheck measure add ID WHAT' takes what the "
                                            "measure is once, as WHAT or --what"));
        if (!measure_o.what)
            return usage_error("measure", _("'coopcheck measure add' needs what the measure is "
                                            "(WHAT, or --what -  to read it from standard input)"));
        if (measure_o.confirm)
            return usage_error("measure", _("--confirm goes with 'coopcheck measure set'"));
        return write_coop(c, "measure", pos->v[1], measure_add_change, NULL);
    }
    if (strcmp(sub, "set") == 0) {
        if (pos->n != 3)
            return usage_error("measure", _("'coopcheck measure set' needs ID and the measure (M1)"));
        if (!edits && !measure_o.confirm)
            return usage_error("measure", _("'coopcheck measure set' needs what to change (--what, "
                                            "--addresses, --owner, --due, --status, --effect) or "
                                            "--confirm"));
        if (edits && measure_o.confirm)
            return usage_error("measure", _("--confirm keeps the measure as it is; it does not go "
                                            "with changes"));
        return write_coop(c, "measure", pos->v[1], measure_set_change, (void *)pos->v[2]);
    }
    return usage_error("measure", _("'coopcheck measure' takes add, set or list, not \"%s\""), sub);
}

const struct command cmd_measure_def = {
    "measure", "add ID WHAT [--addresses Q,...] [--owner NAME] [--due DATE] [--status S] "
               "[--effect TEXT]\nset ID M1 [--what TEXT] [--addresses ...] [--owner ...] [--due "
               "DATE|none] [--status S] [--effect TEXT]\nset ID M1 --confirm\nlist ID [--json]",
    N_("the mitigation register: measures with the questions they address, owner, due date and "
       "status (planned, in_place, done, dropped)"),
    measure_opts, CC_ARRAY_LEN(measure_opts), 2, 3, CMD_COMMITS | CMD_ID_SECOND, cmd_measure,
};

/* ---- decide ---- */

static struct {
    const char *body, *why, *date, *conditions;
} decide_o;

static const struct opt decide_opts[] = {
    { "body", 0, OPT_VALUE, &decide_o.body }, { "why", 0, OPT_VALUE, &decide_o.why },
    { "date", 0, OPT_VALUE, &decide_o.date }, { "conditions", 0, OPT_VALUE, &decide_o.conditions },
};

static int decide_change(struct ctx *c, struct assessment *a, const char *who, const char *now,
                         void *arg)
{
    const struct strlist *pos = arg;
    struct decision d;
    struct cc_err err;
    const char *why = decide_o.why;
    char *owned = NULL, today[11];
    int rc, out = outcome_parse(pos->v[1]);
    (void)c;
    if (out <= OUT_NONE)
        return usage_error("decide", _("the outcome is proceed, proceed_with_conditions, postpone "
                                       "or do_not_proceed, not \"%s\""), pos->v[1]);
    memset(&d, 0, sizeof(d));
    d.outcome = (enum outcome)out;
    snprintf(today, sizeof(today), "%.10s", now);
    d.date = (char *)(decide_o.date ? decide_o.date : today);
    d.body = (char *)decide_o.body;
    if ((rc = split_list("decide", "--conditions", decide_o.conditions, &d.conditions)) != 0 ||
        (rc = text_opt(&why, &owned)) != 0) {
        strlist_release(&d.conditions);
        return rc;
    }
    d.why = (char *)why;
    if (decision_set(a, &d, who, now, &err) != 0)
        rc = cli_fail(&err, EXIT_DATA);
    strlist_release(&d.conditions);
    free(owned);
    return rc;
}

/* A --date option: a date like 2026-01-31 (or none given); 0 or EXIT_USAGE. */
static int date_opt(const char *cmd, const char *v)
{
    int y, m, d;
    if (v && cc_parse_date(v, &y, &m, &d) != 0)
        return usage_error(cmd, _("--date takes a date like 2026-01-31, not \"%s\""), v);
    return 0;
}

static int cmd_decide(struct ctx *c, const struct strlist *pos)
{
    int rc;
    if ((rc = date_opt("decide", decide_o.date)) != 0)
        return rc;
    if (!decide_o.body || !decide_o.why)
        return usage_error("decide", _("a decision needs --body (who decided) and --why (its "
                                       "rationale; - reads standard input)"));
    return write_coop(c, "decide", pos->v[0], decide_change, (void *)pos);
}

const struct command cmd_decide_def = {
    "decide", "ID OUTCOME --body WHO --why TEXT|- [--date DATE] [--conditions M1,...]",
    N_("record the round's decision: proceed, proceed_with_conditions (the measures that are "
       "its conditions), postpone or do_not_proceed"),
    decide_opts, CC_ARRAY_LEN(decide_opts), 2, 2, CMD_COMMITS, cmd_decide,
};

/* ---- approve ---- */

static struct {
    const char *role, *name, *date, *key, *signer;
    int sign;
} approve_o;

static const struct opt approve_opts[] = {
    { "role", 0, OPT_VALUE, &approve_o.role }, { "name", 0, OPT_VALUE, &approve_o.name },
    { "date", 0, OPT_VALUE, &approve_o.date }, { "sign", 0, OPT_FLAG, &approve_o.sign },
    { "key", 0, OPT_VALUE, &approve_o.key }, { "signer", 0, OPT_VALUE, &approve_o.signer },
};

/* A signature just made, checked against allowed_signers when there is one:
 * a mistyped signer, or a key the file does not give to the signer, is
 * refused now rather than found INVALID by the next verify.  0 or a status. */
static int check_own_signature(struct ctx *c, const struct approval *ap)
{
    char *allowed = approvals_signers_path(c->data, NULL), why[640];
    int rc = 0;
    if (!fs_exists(allowed)) {
        say_error(_("note: there is no %s yet, so the signature cannot be checked; 'coopcheck "
                    "verify' checks it once the file names %s with this key"), allowed, ap->signer);
    } else if (sign_check(ap, ap->sha256, allowed, why, sizeof(why)) != SIG_VALID) {
        say_error(_("the signature was not recorded: %s"), why);
        rc = EXIT_DATA;
    }
    free(allowed);
    return rc;
}

/* The snapshot approved: the one named, else the last complete one. */
static const char *approved_snapshot(const struct assessment *a, const struct strlist *pos)
{
    if (pos->n == 2)
        return pos->v[1];
    return a->round_based_on;
}

static int approve_change(struct ctx *c, struct assessment *a, const char *who, const char *now,
                          void *arg)
{
    const struct strlist *pos = arg;
    const char *snap = approved_snapshot(a, pos);
    const char *key = approve_o.key ? approve_o.key : c->cfg.signing_key;
    const char *signer = approve_o.signer ? approve_o.signer : c->cfg.signer;
    struct approval ap;
    struct cc_err err;
    char sha[65], today[11];
    int rc = 0;

    if (!snap) {
        say_error(_("cooperation \"%s\" has no complete snapshot to approve yet: take one with "
                    "'coopcheck snapshot %s', or name an interim one"), a->coop.id, a->coop.id);
        return EXIT_NOTFOUND;
    }
    if (store_snapshot_sha(c->data, a->coop.id, snap, sha, &err) != 0)
        return cli_fail(&err, EXIT_DATA);
    if ((approve_o.sign || approve_o.key) && (!key || !signer))
        return usage_error("approve", !key ? _("--sign needs a key: --key FILE, or signing_key in "
                                               "config.ini")
                                           : _("--sign needs the signer's principal as "
                                               "allowed_signers names it: --signer NAME, or signer "
                                               "in config.ini"));
    memset(&ap, 0, sizeof(ap));
    snprintf(today, sizeof(today), "%.10s", now);
    ap.snapshot = xstrdup(snap);
    ap.sha256 = xstrdup(sha);
    ap.role = xstrdup(approve_o.role);
    ap.name = xstrdup(approve_o.name);
    ap.date = xstrdup(approve_o.date ? approve_o.date : today);
    if ((approve_o.sign || approve_o.key) && sign_approval(key, signer, &ap, &err) != 0)
        rc = cli_fail(&err, EXIT_DATA);
    else if (ap.signature && (rc = check_own_signature(c, &ap)) != 0)
        ;   /* said */
    else if (approval_add(a, &ap, who, now, &err) != 0)
        rc = cli_fail(&err, EXIT_DATA);
    if (rc == 0) {
        struct sbuf out;
        sbuf_init(&out);
        putf(&out, ap.signature ? _("%s: snapshot %s approved as %s by %s, signed by %s\n")
                                : _("%s: snapshot %s approved as %s by %s\n"),
             a->coop.id, snap, ap.role, ap.name, ap.signer ? ap.signer : "");
        flush_out(&out);
    }
    approval_release(&ap);
    return rc;
}

static int cmd_approve(struct ctx *c, const struct strlist *pos)
{
    int rc;
    if ((rc = date_opt("approve", approve_o.date)) != 0)
        return rc;
    if (!approve_o.role || !approve_o.name)
        return usage_error("approve", _("an approval needs --role (e.g. \"research-security "
                                        "officer\") and --name (who approves)"));
    if (approve_o.signer && !approve_o.sign && !approve_o.key)
        return usage_error("approve", _("--signer goes with --sign"));
    return write_coop(c, "approve", pos->v[0], approve_change, (void *)pos);
}

const struct command cmd_approve_def = {
    "approve", "ID [SNAPSHOT] --role ROLE --name NAME [--date DATE] [--sign [--key FILE] "
               "[--signer PRINCIPAL]]",
    N_("approve a snapshot (the last complete one unless named) in a role, optionally signed "
       "with your SSH key (ssh-keygen -Y sign)"),
    approve_opts, CC_ARRAY_LEN(approve_opts), 1, 2, CMD_COMMITS, cmd_approve,
};
