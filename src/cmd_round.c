/* cmd_round.c — the commands about rounds and their record: snapshot,
 * snapshots, diff, verify and unlock.  See cli_int.h. */
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cctime.h"
#include "diff.h"
#include "diffout.h"
#include "approvals.h"
#include "gitstore.h"
#include "i18n.h"
#include "officer.h"
#include "textutil.h"
#include "words.h"

/* ---- snapshot ---- */

static struct {
    const char *note;
    int interim;
} snapshot_o;

static const struct opt snapshot_opts[] = {
    { "message", 'm', OPT_VALUE, &snapshot_o.note }, { "interim", 0, OPT_FLAG, &snapshot_o.interim },
};

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/* What is open, as the indented lines of a message. */
static void open_lines(const struct assessment *a, const struct open_items *o, struct sbuf *sb)
{
    struct strlist lines = { 0 };
    open_items_lines(a, o, &lines);
    for (size_t i = 0; i < lines.n; i++)
        sbuf_addf(sb, "\n  %s", lines.v[i]);
    strlist_release(&lines);
}

/* After the snapshot name: complete or interim, what stays open, what next. */
static void snapshot_summary(struct sbuf *out, const struct assessment *a,
                             const struct open_items *o, int complete)
{
    struct store_due d;
    struct sbuf open;
    store_due(a, &d);
    sbuf_init(&open);
    open_lines(a, o, &open);
    if (complete) {
        putf(out, _("complete: nothing was open, so it closes round %d.\n"), a->round - 1);
        if (officer_ratings_to_review(a) || officer_measures_to_review(a))
            putf(out, _("Round %d begins with its answers, risk ratings and measures, each marked "
                        "to review; the next re-assessment is due %s.\n"), a->round, d.next);
        else
            putf(out, _("Round %d begins with its answers, each marked to review; the next "
                        "re-assessment is due %s.\n"), a->round, d.next);
        sbuf_release(&open);
        return;
    }
    if (d.never)
        putf(out, _("interim: round %d stays open, and the first complete assessment is still due "
                    "%s.\n"), a->round, d.next);
    else
        putf(out, _("interim: round %d stays open, and the next re-assessment is still due %s.\n"),
             a->round, d.next);
    if (open.len)
        putf(out, _("Still open:%s\n"), open.buf);
    else
        putf(out, _("Nothing is open: 'coopcheck snapshot %s -m NOTE' without --interim closes "
                    "the round.\n"), a->coop.id);
    sbuf_release(&open);
}

/* Nothing taken: what is open and what to do. */
static int snapshot_refused(const struct assessment *a, const struct open_items *o, const char *dir)
{
    struct sbuf open;
    sbuf_init(&open);
    open_lines(a, o, &open);
    say_error(_("round %d of \"%s\" (%s) is not complete, so no snapshot was taken; still open:%s\n"
                "  Answer or confirm them ('coopcheck show %s' lists them), or take an interim "
                "snapshot that leaves the round open: 'coopcheck snapshot %s -m NOTE --interim'"),
              a->round, a->coop.id, dir, open.buf, a->coop.id, a->coop.id);
    sbuf_release(&open);
    return EXIT_DATA;
}

static int take_snapshot(struct ctx *c, const char *id)
{
    struct assessment *a = NULL;
    struct store_w w = { .dirfd = -1, .lockfd = -1 };
    struct open_items o;
    struct cc_err err;
    struct sbuf out;
    char now[CC_ISO_LEN], *who = cc_user(), *name = NULL;
    int rc, complete;

    memset(&o, 0, sizeof(o));
    sbuf_init(&out);
    if ((rc = open_for_writing(c, id, &w, &a)) == 0) {
        assessment_open_items(a, &o);
        complete = open_items_none(&o) && !snapshot_o.interim;
        cc_now(now);
        int round = a->round;
        if (!complete && !snapshot_o.interim)
            rc = snapshot_refused(a, &o, w.dir);
        else if (store_w_snapshot(&w, a, snapshot_o.note, complete, who, now, &name, &err) != 0)
            rc = cli_fail(&err, EXIT_SYSTEM);
        else {
            cli_commit_msg(c, "%s: snapshot %s, round %d %s", id, name, round,
                           complete ? "complete" : "interim (the round stays open)");
            putf(&out, "%s\n", name);
            snapshot_summary(&out, a, &o, complete);
            if (flush_out(&out) != EXIT_OK) {
                say_error(_("snapshot %s was taken, but its name could not be written"), name);
                rc = EXIT_SYSTEM;
            }
        }
    }
    sbuf_release(&out);
    open_items_release(&o);
    store_w_close(&w);
    free(name);
    free(who);
    assessment_free(a);
    return rc;
}

static int cmd_snapshot(struct ctx *c, const struct strlist *pos)
{
    if (!snapshot_o.note || blank(snapshot_o.note))
        return usage_error("snapshot", _("a snapshot needs a note saying what it records: add "
                                         "-m NOTE, for example -m \"Round 1, approved by the "
                                         "committee\""));
    if (!plain_text(snapshot_o.note, TEXT_ALLOW_NEWLINE))
        return usage_error("snapshot", _("the note contains control characters or invalid UTF-8"));
    return take_snapshot(c, pos->v[0]);
}

const struct command cmd_snapshot_def = {
    "snapshot", "ID -m NOTE [--interim]",
    N_("freeze the answers as a snapshot: complete (nothing open) closes the round and starts the "
       "next; --interim takes one of an incomplete assessment and leaves the round open"),
    snapshot_opts, CC_ARRAY_LEN(snapshot_opts), 1, 1, CMD_COMMITS, cmd_snapshot,
};

/* ---- snapshots ---- */

/* Under a snapshot's line: the decision it holds (a complete one: of its
 * round) and its approvals (the working assessment cur records them). */
static void snapshot_officer_lines(struct sbuf *out, const struct assessment *s,
                                   const struct assessment *cur)
{
    const struct decision *d = &s->decision;
    size_t n = 0;
    if (s->snap->complete && d->outcome != OUT_NONE && d->round == s->round) {
        putf(out, "%21s%s %s", "", _("decision:"), outcome_word(d->outcome));
        for (size_t i = 0; i < d->conditions.n; i++)
            putf(out, "%s%s", i ? ", " : " (", d->conditions.v[i]);
        putf(out, "%s, %s, %s\n", d->conditions.n ? ")" : "", d->body, d->date);
    }
    for (size_t i = 0; i < cur->napprovals; i++) {
        const struct approval *ap = &cur->approvals[i];
        if (strcmp(ap->snapshot, s->snap->name) != 0)
            continue;
        if (n++)
            putf(out, ", %s", ap->role);
        else
            putf(out, "%21s%s %s", "", _("approved:"), ap->role);
        putf(out, " (%s, %s)", ap->name, ap->signature ? _("signed") : _("unsigned"));
    }
    if (n)
        sbuf_addc(out, '\n');
}

static int cmd_snapshots(struct ctx *c, const struct strlist *pos)
{
    struct strlist names = { 0 };
    struct assessment *cur = NULL;
    struct cc_err err;
    struct sbuf out;
    int rc, bad = 0;

    if ((rc = load_coop(c, pos->v[0], &cur)) != 0)
        return rc;
    if (store_snapshots(c->data, pos->v[0], &names, &err) != 0) {
        assessment_free(cur);
        return cli_fail(&err, EXIT_SYSTEM);
    }
    sbuf_init(&out);
    if (names.n == 0)
        putf(&out, _("Cooperation \"%s\" has no snapshots yet; 'coopcheck snapshot %s -m NOTE' "
                     "takes one.\n"),
             pos->v[0], pos->v[0]);
    for (size_t i = 0; i < names.n; i++) {
        struct assessment *s;
        char prog[32];
        size_t kw = text_width(_("complete")) > text_width(_("interim")) ? text_width(_("complete"))
                                                                         : text_width(_("interim"));
        size_t at = 42 + kw;   /* the column of the note */
        if (store_load_snapshot(c->data, pos->v[0], names.v[i], cli_cats(c), &s, &err) != 0) {
            say_error("%s", err.msg);
            bad = 1;
            continue;
        }
        snprintf(prog, sizeof(prog), "%zu/%zu", assessment_answered(s), s->cat->nquestions);
        put_col(&out, names.v[i], 20);
        sbuf_addc(&out, ' ');
        put_col(&out, s->snap->taken_by, 12);
        sbuf_addc(&out, ' ');
        put_col(&out, prog, 6);
        sbuf_addc(&out, ' ');
        put_col(&out, s->snap->complete ? _("complete") : _("interim"), kw);
        if (s->snap->note) {
            /* the whole note, wrapped under its column */
            struct sbuf note;
            sbuf_init(&note);
            text_wrap(&note, s->snap->note, c->width > at + 18 ? c->width - at : 18, at);
            sbuf_add(&out, note.buf + at - 1, note.len - (at - 1));
            sbuf_release(&note);
        } else {
            while (out.len && out.buf[out.len - 1] == ' ')
                out.buf[--out.len] = '\0';
            sbuf_addc(&out, '\n');
        }
        snapshot_officer_lines(&out, s, cur);
        assessment_free(s);
    }
    assessment_free(cur);
    strlist_release(&names);
    rc = flush_out(&out);
    return !rc && bad ? EXIT_DATA : rc;
}

const struct command cmd_snapshots_def = {
    "snapshots", "ID",
    N_("the snapshots of a cooperation, oldest first: name, who, answered, complete or interim, "
       "note"), NULL, 0, 1, 1, 0,
    cmd_snapshots,
};

/* ---- diff ---- */

static struct {
    const char *color;
    int json;
} diff_o;

static const struct opt diff_opts[] = {
    { "color", 0, OPT_VALUE, &diff_o.color }, { "colour", 0, OPT_VALUE, &diff_o.color },
    { "json", 0, OPT_FLAG, &diff_o.json },
};

static int looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

static int diff_load(struct ctx *c, const char *id, const char *name, struct assessment **a,
                     char **label)
{
    struct cc_err err;
    if (!name || strcmp(name, "current") == 0 || strcmp(name, "working") == 0) {
        if (store_load(c->data, id, cli_cats(c), a, &err) != 0)
            return cli_fail(&err, EXIT_DATA);
        *label = xasprintf(_("%s (working assessment, round %d)"), id, (*a)->round);
        return 0;
    }
    if (looks_like_path(name)) {
        if (store_load_path(name, cli_cats(c), a, &err) != 0)
            return cli_fail(&err, EXIT_DATA);
        *label = xstrdup(name);
        return 0;
    }
    if (store_load_snapshot(c->data, id, name, cli_cats(c), a, &err) != 0)
        return cli_fail(&err, EXIT_DATA);
    *label = xasprintf(_("%s snapshot %s"), id, name);
    return 0;
}

/* The two sides: two files, or a cooperation's snapshot(s) and working
 * assessment.  0 or an exit status. */
static int diff_sides(struct ctx *c, const struct strlist *pos, struct assessment **a,
                      struct assessment **b, char **la, char **lb)
{
    struct strlist snaps = { 0 };
    struct cc_err err;
    const char *id = pos->v[0], *first;
    int rc;
    if (pos->n == 2 && looks_like_path(pos->v[0]) && looks_like_path(pos->v[1])) {
        if ((rc = diff_load(c, NULL, pos->v[0], a, la)) != 0)
            return rc;
        return diff_load(c, NULL, pos->v[1], b, lb);
    }
    if (!coop_id_valid(id))
        return usage_error("diff", _("\"%s\" is not a cooperation id (%s), and 'coopcheck diff' "
                                     "compares two files only when both look like paths"),
                           id, coop_id_rule());
    if (pos->n == 1) {
        if (store_snapshots(c->data, id, &snaps, &err) != 0)
            return cli_fail(&err, EXIT_SYSTEM);
        if (snaps.n == 0) {
            if ((rc = load_coop(c, id, a)) == 0) {
                say_error(_("cooperation \"%s\" has no snapshot yet, so there is nothing to compare "
                            "with; 'coopcheck snapshot %s -m NOTE' takes one"), id, id);
                rc = EXIT_NOTFOUND;
            }
            return rc;
        }
    }
    first = pos->n >= 2 ? pos->v[1] : snaps.v[snaps.n - 1];
    rc = diff_load(c, id, first, a, la);
    if (rc == 0)
        rc = diff_load(c, id, pos->n >= 3 ? pos->v[2] : NULL, b, lb);
    strlist_release(&snaps);
    return rc;
}

static int cmd_diff(struct ctx *c, const struct strlist *pos)
{
    const char *color = diff_o.color ? diff_o.color : "auto";
    struct assessment *a = NULL, *b = NULL;
    struct assessment_diff d;
    char *la = NULL, *lb = NULL;
    struct cc_err err;
    struct sbuf out;
    int rc;

    if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never"))
        rc = usage_error("diff", _("--color takes auto, always or never, not \"%s\""), color);
    else if ((rc = diff_sides(c, pos, &a, &b, &la, &lb)) != 0)
        ;
    else if (assessment_diff(a, b, &d, &err) != 0)
        rc = cli_fail(&err, EXIT_DATA);
    else {
        sbuf_init(&out);
        if (diff_o.json) {
            char *t = diffout_json(&d, la, lb);
            sbuf_adds(&out, t);
            sbuf_addc(&out, '\n');
            free(t);
        } else {
            const char *nc = getenv("NO_COLOR");
            int plain = strcmp(color, "never") == 0 ||
                        (strcmp(color, "auto") == 0 && ((nc && *nc) || !isatty(STDOUT_FILENO)));
            diffout_text(&out, &d, la, lb, c->lang, plain ? DIFFOUT_PLAIN : DIFFOUT_COLOR,
                         c->width);
        }
        rc = flush_out(&out);
        if (rc == EXIT_OK)
            rc = diffout_differs(&d) ? EXIT_NEGATIVE : EXIT_OK;
        assessment_diff_release(&d);
    }
    assessment_free(a);
    assessment_free(b);
    free(la);
    free(lb);
    /* like diff(1): 0 equal, 1 different, 2 trouble */
    return rc == EXIT_OK || rc == EXIT_NEGATIVE ? rc : 2;
}

const struct command cmd_diff_def = {
    "diff", "ID [A [B]] [--json] [--color=auto|always|never]\nFILE_A FILE_B [--json] [--color=...]",
    N_("what changed between two snapshots, or since the last one"), diff_opts,
    CC_ARRAY_LEN(diff_opts), 1, 3, 0, cmd_diff,
};

/* ---- verify ---- */

static int verify_repair;
static const char *verify_signers;
static const struct opt verify_opts[] = {
    { "repair", 0, OPT_FLAG, &verify_repair },
    { "allowed-signers", 0, OPT_VALUE, &verify_signers },
};

/* The approvals of id's snapshots, one line each: the number that are not
 * valid (invalid, or signed but not checkable). */
static size_t verify_approvals(struct ctx *c, const char *id, struct sbuf *out)
{
    struct assessment *a = NULL;
    struct approval_check *chk;
    struct cc_err err;
    char *allowed;
    size_t bad = 0;
    if (store_load(c->data, id, cli_cats(c), &a, &err) != 0)
        return 0;   /* store_verify said so already */
    allowed = approvals_signers_path(c->data, verify_signers);
    chk = approvals_check(c->data, a, allowed);
    for (size_t i = 0; i < a->napprovals; i++) {
        const struct approval *ap = &a->approvals[i];
        putf(out, _("%s: approval of %s as %s by %s (%s): %s"), id, ap->snapshot, ap->role,
             ap->name, ap->date, sig_state_word(chk[i].state));
        if (ap->signer && chk[i].state == SIG_VALID)
            putf(out, _(" (signed by %s)"), ap->signer);
        if (chk[i].why[0])
            putf(out, ": %s", chk[i].why);
        sbuf_addc(out, '\n');
        bad += chk[i].state == SIG_INVALID || chk[i].state == SIG_UNCHECKED;
    }
    if (a->round_based_on && c->cfg.required_approvals.n) {
        struct sbuf missing;
        sbuf_init(&missing);
        if (approvals_missing_text(a, a->round_based_on, &c->cfg.required_approvals, &missing))
            putf(out, _("%s: note: snapshot %s still needs the approval of: %s\n"), id,
                 a->round_based_on, missing.buf);
        sbuf_release(&missing);
    }
    free(chk);
    free(allowed);
    assessment_free(a);
    return bad;
}

static int verify_one(struct ctx *c, const char *id)
{
    struct strlist problems = { 0 }, notes = { 0 };
    struct cc_err err;
    struct sbuf out;
    size_t n, nbad;
    int rc;

    if ((rc = check_id("verify", id)) != 0)
        return rc;
    sbuf_init(&out);
    if (verify_repair) {
        char *note = NULL;
        if (store_repair(c->data, id, &note, &err) != 0) {
            sbuf_release(&out);
            return cli_fail(&err, EXIT_DATA);
        }
        putf(&out, "%s: %s\n", id, note[0] ? note : _("nothing to repair"));
        free(note);
    }
    if (store_verify(c->data, id, cli_cats(c), &problems, &notes, &n, &err) != 0) {
        sbuf_release(&out);
        return cli_fail(&err, EXIT_DATA);
    }
    for (size_t i = 0; i < notes.n; i++)
        putf(&out, _("%s: note: %s\n"), id, notes.v[i]);
    nbad = verify_approvals(c, id, &out);
    if (nbad)
        putf(&out, P_("%s: %zu approval is not valid\n", "%s: %zu approvals are not valid\n", nbad),
             id, nbad);
    if (problems.n == 0) {
        putf(&out, P_("%s: the chain of %zu snapshot is intact\n",
                      "%s: the chain of %zu snapshots is intact\n", n), id, n);
        rc = flush_out(&out);
        if (rc == EXIT_OK && nbad)
            rc = EXIT_NEGATIVE;
    } else {
        for (size_t i = 0; i < problems.n; i++)
            putf(&out, "%s: %s\n", id, problems.v[i]);
        putf(&out, P_("%s: the chain of snapshots is BROKEN (%zu problem)\n",
                      "%s: the chain of snapshots is BROKEN (%zu problems)\n", problems.n),
             id, problems.n);
        rc = flush_out(&out);
        if (rc == EXIT_OK)
            rc = EXIT_NEGATIVE;
    }
    strlist_release(&notes);
    strlist_release(&problems);
    return rc;
}

/* In a git store: git's signatures and the history of the snapshots. */
static int verify_history(struct ctx *c)
{
    struct strlist problems = { 0 }, notes = { 0 };
    struct cc_err err;
    struct sbuf out;
    size_t commits, good;
    int rc;
    if (gs_verify(c->data, &problems, &notes, &commits, &good, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    sbuf_init(&out);
    for (size_t i = 0; i < notes.n; i++)
        putf(&out, _("store: note: %s\n"), notes.v[i]);
    for (size_t i = 0; i < problems.n; i++)
        putf(&out, _("store: %s\n"), problems.v[i]);
    if (problems.n)
        putf(&out, P_("store: the history is BROKEN (%zu problem)\n",
                      "store: the history is BROKEN (%zu problems)\n", problems.n), problems.n);
    else
        putf(&out, P_("store: git's history of %zu commit is intact (%zu with a good signature); "
                      "no snapshot was changed after it was committed\n",
                      "store: git's history of %zu commits is intact (%zu with a good signature); "
                      "no snapshot was changed after it was committed\n", commits), commits, good);
    rc = flush_out(&out);
    strlist_release(&problems);
    strlist_release(&notes);
    return rc == EXIT_OK && problems.n ? EXIT_NEGATIVE : rc;
}

static int worse(int a, int b)
{
    return a == EXIT_OK ? b : b == EXIT_OK || b == EXIT_NEGATIVE ? a : b;
}

static int cmd_verify(struct ctx *c, const struct strlist *pos)
{
    int rc = EXIT_OK;
    if (pos->n) {
        rc = verify_one(c, pos->v[0]);
    } else {
        struct strlist ids = { 0 };
        struct cc_err err;
        if (verify_repair)
            return usage_error("verify", _("--repair needs the cooperation: coopcheck verify ID "
                                           "--repair"));
        if (store_coops(c->data, &ids, &err) != 0)
            return cli_fail(&err, EXIT_SYSTEM);
        for (size_t i = 0; i < ids.n; i++)
            rc = worse(rc, verify_one(c, ids.v[i]));
        strlist_release(&ids);
    }
    if (gs_enabled(c->data) && rc != EXIT_USAGE)
        rc = worse(rc, verify_history(c));
    return rc;
}

const struct command cmd_verify_def = {
    "verify", "[ID] [--repair] [--allowed-signers FILE]",
    N_("check that no snapshot was altered afterwards and every approval's signature (against "
       "DATA/allowed_signers); with no ID every cooperation, and in a git store git's signatures "
       "and history too; --repair completes a step a crash interrupted"), verify_opts, CC_ARRAY_LEN(verify_opts), 0, 1, 0, cmd_verify,
};

/* ---- unlock ---- */

static int cmd_unlock(struct ctx *c, const struct strlist *pos)
{
    struct cc_err err;
    struct sbuf out;
    char *whose = NULL;
    int rc;
    if ((rc = check_id("unlock", pos->v[0])) != 0)
        return rc;
    if (store_lock_break(c->data, pos->v[0], &whose, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    sbuf_init(&out);
    if (whose)
        putf(&out, _("%s: removed the editor's lock of %s\n"), pos->v[0], whose);
    else
        putf(&out, _("%s: nobody has it open; there was no lock to remove\n"), pos->v[0]);
    free(whose);
    return flush_out(&out);
}

const struct command cmd_unlock_def = {
    "unlock", "ID", N_("remove the editor's lock of an interface on another host that is gone"),
    NULL, 0, 1, 1, 0, cmd_unlock,
};
