/* interview_drafts.c — the line mode's offer of the recovery drafts that
 * earlier sessions (the interface or the line mode) left behind: like the
 * interface's (tui_recover.c), each field with the saved answer beside the
 * draft's, and nothing applied unless the user says so.  Discarding wants
 * the word typed in full, since it cannot be undone. */
#include "interview_int.h"

#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "cli.h"
#include "i18n.h"
#include "words.h"

static void say_value(struct iv *v, const char *title, const char *value, int is_text,
                      const char *none)
{
    if (!value || (is_text && !*value)) {
        iv_say(v, "%s %s\n", title, none);
    } else if (!is_text) {
        int y = yesno_parse(value);
        iv_say(v, "%s %s.\n", title, yesno_word(y < 0 ? YN_UNSET : (enum yesno)y));
    } else {
        iv_say(v, "%s\n", title);
        iv_say_text(v, value);
        iv_say(v, "%s\n", _("End of the text."));
    }
}

/* Shows what draft d would change; the number of such fields. */
static size_t show_draft(struct iv *v, const struct draft *d)
{
    const struct catalog *cat = v->a->cat;
    size_t n = 0;
    for (size_t i = 0; i < d->nf; i++) {
        const struct draft_field *df = &d->f[i];
        const char *cur;
        char sha[65];
        size_t qi, fi;
        if (!draft_field_adds(v->a, df) || draft_field_locate(v->a, df, &qi, &fi) != 0)
            continue;
        n++;
        cur = draft_current_value(v->a, qi, fi, df->is_text);
        iv_say(v, _("Question %d, field \"%s\"%s:\n"), cat->questions[qi].number,
               l10n_get(&cat->questions[qi].fields[fi].label, v->o->lang),
               df->is_text && cat->questions[qi].fields[fi].type == FIELD_YESNO ? _(" (its note)")
                                                                                : "");
        say_value(v, _("Saved now:"), cur, df->is_text, _("nothing."));
        say_value(v, _("In the draft:"), draft_field_value(df), df->is_text, _("nothing (cleared)."));
        draft_value_sha(cur, sha);
        if (strcmp(sha, df->base_sha) != 0)
            iv_say(v, "%s\n", _("The saved answer has changed since the draft was typed."));
    }
    return n;
}

/* Applies every field of d that changes an answer and saves: 0, or -1
 * (said; the draft stays). */
static int apply(struct iv *v, const struct draft *d)
{
    char now[CC_ISO_LEN];
    cc_now(now);
    for (size_t i = 0; i < d->nf; i++) {
        const struct draft_field *df = &d->f[i];
        const struct cat_question *q;
        struct cc_err err;
        size_t qi, fi;
        int r;
        if (!draft_field_adds(v->a, df) || draft_field_locate(v->a, df, &qi, &fi) != 0)
            continue;
        q = &v->a->cat->questions[qi];
        iv_change_begin(v, qi);
        if (!df->is_text)
            r = assessment_set_yesno(v->a, qi, fi, df->yn, v->who, now, &err);
        else if (q->fields[fi].type == FIELD_YESNO)
            r = assessment_set_note(v->a, qi, fi, df->text ? df->text : "", v->who, now, &err);
        else
            r = assessment_set_text(v->a, qi, fi, df->text ? df->text : "", v->who, now, &err);
        if (r != 0) {
            iv_say(v, "%s\n", err.msg);
            return -1;
        }
    }
    return iv_save(v);
}

void iv_offer_drafts(struct iv *v)
{
    struct draft *d = NULL;
    size_t n = 0;
    struct strlist problems = { 0 };
    struct cc_err err;
    if (draft_find(v->o->data, v->a->coop.id, &d, &n, &problems, &err) != 0) {
        iv_say(v, _("The recovery drafts cannot be looked for: %s\n"), err.msg);
        return;
    }
    for (size_t i = 0; i < problems.n; i++)
        iv_say(v, "%s\n", problems.v[i]);
    for (size_t k = 0; k < n && !v->ended; k++) {
        size_t nf;
        if (!draft_adds_any(v->a, &d[k])) {
            draft_remove(&d[k], &err);   /* it holds what the file holds: nothing to offer */
            continue;
        }
        iv_say(v, "\n");
        iv_say(v, _("A recovery draft with answers that were not saved, written %s by %s on %s:\n"),
               d[k].written_at, d[k].user, d[k].host);
        nf = show_draft(v, &d[k]);
        for (;;) {
            char *line;
            enum iv_read r;
            iv_prompt(v, P_("a applies the draft's %zu answer, discard (in full) throws the draft "
                            "away, Enter keeps it for later",
                            "a applies the draft's %zu answers, discard (in full) throws the draft "
                            "away, Enter keeps it for later", nf), nf);
            r = iv_read_line(v, &line);
            if (r != IV_LINE) {
                if (r == IV_EOF) {
                    iv_say(v, "\n");
                    iv_flush(v);
                    iv_error("%s", _("the input ended at the offer of a recovery draft, before q; "
                                     "the draft stays"));
                    v->status = v->status ? v->status : EXIT_USAGE;
                }
                v->ended = 1;
                break;
            }
            if (!line[0]) {
                iv_say(v, "%s\n", _("The draft is kept; it is offered again next time."));
            } else if (strcmp(line, "a") == 0) {
                if (apply(v, &d[k]) == 0) {
                    draft_remove(&d[k], &err);
                    iv_say(v, P_("The draft's %zu answer is applied and saved.\n",
                                 "The draft's %zu answers are applied and saved.\n", nf), nf);
                }
            } else if (strcmp(line, "discard") == 0 || strcmp(line, _("discard")) == 0) {
                if (draft_remove(&d[k], &err) != 0)
                    iv_say(v, "%s\n", err.msg);
                else
                    iv_say(v, "%s\n", _("The draft is discarded."));
            } else if (strcmp(line, "q") == 0) {
                v->ended = 1;
            } else {
                iv_say(v, _("Not understood: \"%s\". Type a, discard, or Enter alone.\n"), line);
                free(line);
                continue;
            }
            free(line);
            break;
        }
    }
    draft_free_all(d, n);
    strlist_release(&problems);
}
