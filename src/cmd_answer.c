/* cmd_answer.c — set: one answer, a follow-up flag or a confirmation, as a
 * read-modify-write under the cooperation's write lock.  See cli_int.h. */
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "i18n.h"

static struct {
    const char *followup, *note;
    int confirm;
} set_o;

static const struct opt set_opts[] = {
    { "followup", 0, OPT_VALUE, &set_o.followup }, { "confirm", 0, OPT_FLAG, &set_o.confirm },
    { "note", 0, OPT_VALUE, &set_o.note },
};

/* The values a yes/no field takes on the command line, in both languages. */
static int parse_yesno_arg(const char *v)
{
    static const struct { const char *word; enum yesno yn; } words[] = {
        { "yes", YN_YES }, { "no", YN_NO }, { "unsure", YN_UNSURE }, { "unset", YN_UNSET },
        { "ja", YN_YES }, { "nein", YN_NO }, { "unsicher", YN_UNSURE },
    };
    for (size_t i = 0; i < CC_ARRAY_LEN(words); i++)
        if (strcmp(v, words[i].word) == 0)
            return (int)words[i].yn;
    return -1;
}

/* --followup and --confirm: 0 when something changed, else a status. */
static int set_flags(struct assessment *a, const struct cat_question *q, size_t qi, const char *who,
                     const char *now)
{
    if (set_o.followup) {
        int on = strcmp(set_o.followup, "on") == 0 || strcmp(set_o.followup, "yes") == 0;
        if (!on && strcmp(set_o.followup, "off") != 0 && strcmp(set_o.followup, "no") != 0)
            return usage_error("set", _("--followup takes \"on\" or \"off\", not \"%s\""), set_o.followup);
        assessment_set_followup(a, qi, on, who, now);
    }
    if (set_o.confirm && !a->q[qi].review && !set_o.followup) {
        say_error(_("note: question %s is not marked to review, so there is nothing to "
                    "confirm; nothing was changed"), q->id);
        return -1;   /* nothing to save, exit 0 */
    }
    if (set_o.confirm)
        assessment_confirm(a, qi, who, now);
    return 0;
}

/* The field FIELD names, or -1 after saying which fields there are. */
static long field_named(const struct cat_question *q, const char *id)
{
    long fi = cat_question_field_index(q, id);
    if (fi < 0) {
        struct sbuf ids;
        sbuf_init(&ids);
        for (size_t k = 0; k < q->nfields; k++)
            sbuf_addf(&ids, "%s%s", k ? ", " : "", q->fields[k].id);
        say_error(_("question %s has no field \"%s\"; its fields are: %s"), q->id, id, ids.buf);
        sbuf_release(&ids);
    }
    return fi;
}

/* --note TEXT (- reads standard input) on yes/no field fi: 0 or a status. */
static int set_note(struct assessment *a, const struct cat_question *q, size_t qi, size_t fi,
                    const char *who, const char *now)
{
    const char *note = set_o.note;
    char *text = NULL;
    struct cc_err err;
    int r, rc;
    if (q->fields[fi].type != FIELD_YESNO)
        return usage_error("set", _("--note explains a yes/no answer, and %s.%s is a text field: "
                                    "give its text as VALUE"), q->id, q->fields[fi].id);
    if (strcmp(note, "-") == 0) {
        if ((rc = read_stdin_text(&text)) != 0)
            return rc;
        note = text;
    }
    r = assessment_set_note(a, qi, fi, note, who, now, &err);
    free(text);
    return r != 0 ? cli_fail(&err, EXIT_DATA) : 0;
}

/* FIELD [VALUE] [--note TEXT]: 0 when set, else a status. */
static int set_field(const struct strlist *pos, struct assessment *a, const struct cat_question *q,
                     size_t qi, const char *who, const char *now)
{
    long fi = field_named(q, pos->v[2]);
    const char *value = pos->n > 3 ? pos->v[3] : NULL;
    char *text = NULL;
    struct cc_err err;
    int r = 0, rc;
    if (fi < 0)
        return EXIT_NOTFOUND;
    if (set_o.note && q->fields[fi].type != FIELD_YESNO)
        return set_note(a, q, qi, (size_t)fi, who, now);   /* says why not */
    if (!value) {
        r = 0;
    } else if (q->fields[fi].type == FIELD_YESNO) {
        int yn = parse_yesno_arg(value);
        if (yn < 0)
            return usage_error("set", _("%s.%s is a yes/no field: give yes, no, unsure or unset, "
                                        "not \"%s\""), q->id, q->fields[fi].id, value);
        r = assessment_set_yesno(a, qi, (size_t)fi, (enum yesno)yn, who, now, &err);
    } else {
        if (strcmp(value, "-") == 0) {
            if ((rc = read_stdin_text(&text)) != 0)
                return rc;
            value = text;
        }
        r = assessment_set_text(a, qi, (size_t)fi, value, who, now, &err);
        free(text);
    }
    if (r != 0)
        return cli_fail(&err, EXIT_DATA);
    return set_o.note ? set_note(a, q, qi, (size_t)fi, who, now) : 0;
}

/* An "unsure" of question qi that nothing explains is said on stderr: the
 * question stays open until it is explained. */
static void warn_unexplained(const struct assessment *a, const struct cat_question *q, size_t qi)
{
    for (size_t f = 0; f < q->nfields; f++) {
        struct sbuf texts;
        if (!field_applies(a, qi, f) || !field_unexplained(a, qi, f))
            continue;
        sbuf_init(&texts);
        for (size_t k = 0; k < q->nfields; k++)
            if (q->fields[k].type == FIELD_TEXT && field_applies(a, qi, k))
                sbuf_addf(&texts, "%s%s", texts.len ? ", " : "", q->fields[k].id);
        if (texts.len)
            say_error(_("note: %s.%s is \"unsure\" without an explanation, so question %d stays "
                        "open: write why in its text field (%s) or add --note TEXT, as in "
                        "'coopcheck set %s %s %s --note \"...\"'"), q->id, q->fields[f].id,
                      q->number, texts.buf, a->coop.id, q->id, q->fields[f].id);
        else
            say_error(_("note: %s.%s is \"unsure\" without an explanation, so question %d stays "
                        "open: add --note TEXT, as in 'coopcheck set %s %s %s --note \"...\"'"),
                      q->id, q->fields[f].id, q->number, a->coop.id, q->id, q->fields[f].id);
        sbuf_release(&texts);
    }
}

/* The positional arguments fit the options: 0 or EXIT_USAGE. */
static int set_args(const struct strlist *pos)
{
    int flags = set_o.followup || set_o.confirm;
    if (flags && set_o.note)
        return usage_error("set", _("--note goes with a yes/no FIELD, not with --followup or "
                                    "--confirm"));
    if (flags ? pos->n == 2 : set_o.note ? pos->n == 3 || pos->n == 4 : pos->n == 4)
        return 0;
    if (pos->n < (flags ? 2u : set_o.note ? 3u : 4u))
        return usage_error("set", _("'coopcheck %s' needs more arguments"), "set");
    return usage_error("set", _("too many arguments for 'coopcheck %s': '%s'"), "set",
                       pos->v[flags ? 2 : 4]);
}

static int cmd_set(struct ctx *c, const struct strlist *pos)
{
    struct assessment *a = NULL;
    const struct cat_question *q;
    struct store_w w = { .dirfd = -1, .lockfd = -1 };
    struct cc_err err;
    char now[CC_ISO_LEN], *who;
    int rc, flags = set_o.followup || set_o.confirm;

    if ((rc = set_args(pos)) != 0)
        return rc;
    who = cc_user();
    /* the whole read-modify-write under the cooperation's write lock */
    if ((rc = open_for_writing(c, pos->v[0], &w, &a)) == 0 && (q = find_question(a->cat, pos->v[1], &rc))) {
        size_t qi = (size_t)catalog_question_index(a->cat, q);
        cc_now(now);
        rc = flags ? set_flags(a, q, qi, who, now) : set_field(pos, a, q, qi, who, now);
        if (rc == 0)
            cli_commit_msg(c, "%s: question %d (%s) %s", pos->v[0], q->number, q->id,
                           flags ? "marked" : pos->n > 2 ? "answered" : "changed");
        if (rc == 0 && store_w_save(&w, a, &err) != 0)
            rc = cli_fail(&err, EXIT_SYSTEM);
        else if (rc < 0)
            rc = EXIT_OK;
        else if (rc == 0 && !flags)
            warn_unexplained(a, q, qi);
    }
    store_w_close(&w);
    assessment_free(a);
    free(who);
    return rc;
}

const struct command cmd_set_def = {
    "set", "ID QUESTION FIELD VALUE [--note TEXT]\nID QUESTION FIELD --note TEXT\n"
           "ID QUESTION --followup on|off\nID QUESTION --confirm",
    N_("set an answer (--note: a yes/no answer's explanation), the follow-up flag, or confirm a "
       "carried-over answer"), set_opts, CC_ARRAY_LEN(set_opts), 2, 4, CMD_COMMITS, cmd_set,
};
