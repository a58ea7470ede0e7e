/* interview.c — the line mode's dialogue (coopcheck interview): each
 * question with its section, number and official text, then each field that
 * is asked, with its current value; commands at every prompt; every change
 * saved at once.  See interview.h; lines in and out are interview_io.c's. */
#include "interview.h"
#include "interview_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cctime.h"
#include "cli.h"
#include "i18n.h"
#include "store.h"
#include "textutil.h"
#include "words.h"

volatile sig_atomic_t iv_signal;

static void on_signal(int sig)
{
    iv_signal = sig;
}

int interview_wanted(int cfg_on)
{
    const char *acc = getenv("ACCESSIBLE"), *term = getenv("TERM");
    if (!term || !*term || strcmp(term, "dumb") == 0)
        return 1;   /* curses cannot draw there */
    if (acc && *acc)
        return strcmp(acc, "0") != 0;   /* ACCESSIBLE=0 says no, also to config.ini */
    return cfg_on;
}

/* ---- saving ---- */

void iv_journal(struct iv *v, size_t xq, size_t xf, const char *xtext)
{
    const struct catalog *cat = v->a->cat;
    struct cc_err err;
    int any = 0;
    if (!xtext && v->typing) {
        xtext = v->typing;   /* cut short: it stays in the draft */
        xq = v->typing_q;
        xf = v->typing_f;
    }
    draft_clear(&v->draft);
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        if (!v->dirtyq[qi])
            continue;
        for (size_t f = 0; f < q->nfields; f++) {
            const struct answer *now = &v->a->q[qi].f[f], *was = &v->saved_q[qi].f[f];
            if (q->fields[f].type == FIELD_TEXT) {
                if (strcmp(now->text ? now->text : "", was->text ? was->text : "") != 0) {
                    draft_add_text(&v->draft, q->id, q->fields[f].id, now->text, was->text);
                    any = 1;
                }
            } else {
                if (now->yn != was->yn) {
                    draft_add_yesno(&v->draft, q->id, q->fields[f].id, now->yn,
                                    was->yn == YN_UNSET ? NULL : yesno_name(was->yn));
                    any = 1;
                }
                if (strcmp(now->text ? now->text : "", was->text ? was->text : "") != 0) {
                    draft_add_text(&v->draft, q->id, q->fields[f].id, now->text, was->text);
                    any = 1;
                }
            }
        }
    }
    if (xtext) {
        const struct cat_question *q = &cat->questions[xq];
        draft_add_text(&v->draft, q->id, q->fields[xf].id, xtext, v->a->q[xq].f[xf].text);
        any = 1;
    }
    if (!any) {
        draft_remove(&v->draft, &err);
        return;
    }
    if (draft_save(&v->draft, &err) != 0) {
        iv_say(v, _("The recovery draft cannot be written: %s\n"), err.msg);
        iv_flush(v);
    }
}

/* Before a change of question qi: what the file holds, for the draft. */
void iv_change_begin(struct iv *v, size_t qi)
{
    if (!v->dirtyq[qi]) {
        qanswers_copy(&v->saved_q[qi], &v->a->q[qi]);
        v->dirtyq[qi] = 1;
    }
}

/* Saves every change made: 0, or -1 after saying why not (the answers stay
 * in memory and in the draft, and the next change or q tries again). */
int iv_save(struct iv *v)
{
    struct cc_err err;
    if (store_save(v->o->data, v->a, &err) != 0) {
        v->unsaved = 1;
        v->status = EXIT_SYSTEM;
        iv_journal(v, 0, 0, NULL);
        iv_say(v, _("NOT SAVED: %s\n"), err.msg);
        iv_say(v, _("The answers stay in memory and in the recovery draft %s; the next change "
                    "and q try again.\n"), v->draft.path ? v->draft.path : _("(none: it could not be written)"));
        return -1;
    }
    v->unsaved = 0;
    if (v->status == EXIT_SYSTEM)
        v->status = EXIT_OK;
    for (size_t qi = 0; qi < v->a->cat->nquestions; qi++) {
        if (v->dirtyq[qi])
            qanswers_release(&v->saved_q[qi]);
        v->dirtyq[qi] = 0;
    }
    iv_journal(v, 0, 0, NULL);   /* nothing unsaved: the draft goes */
    return 0;
}

/* ---- what is shown ---- */

static const char *field_label(const struct iv *v, size_t qi, size_t fi)
{
    return l10n_get(&v->a->cat->questions[qi].fields[fi].label, v->o->lang);
}

static void say_commands(struct iv *v)
{
    iv_say(v, "%s\n", _("Commands at every prompt: ? help and commands, n next question, "
                        "p previous question, g and a number goes to that question, f follow-up "
                        "on or off, c confirms carried-over answers, s snapshot, q quit."));
}

static void say_progress(struct iv *v)
{
    size_t n = v->a->cat->nquestions;
    iv_say(v, P_("%zu of %zu question answered", "%zu of %zu questions answered",
                 assessment_answered(v->a)), assessment_answered(v->a), n);
    if (assessment_to_review(v->a))
        iv_say(v, P_(", %zu to review", ", %zu to review", assessment_to_review(v->a)),
               assessment_to_review(v->a));
    iv_say(v, ".\n");
}

static void say_start(struct iv *v)
{
    const struct assessment *a = v->a;
    iv_say(v, _("Interview of cooperation %s: %s\n"), a->coop.id, a->coop.title);
    if (a->round_based_on)
        iv_say(v, _("Round %d, based on snapshot %s.\n"), a->round, a->round_based_on);
    else
        iv_say(v, _("Round %d.\n"), a->round);
    say_progress(v);
    say_commands(v);
}

static void say_question(struct iv *v, size_t qi)
{
    const struct catalog *cat = v->a->cat;
    const struct cat_question *q = &cat->questions[qi];
    const struct qanswers *qa = &v->a->q[qi];
    enum lang l = v->o->lang;
    iv_say(v, "\n");
    iv_say(v, _("Section %zu of %zu: %s\n"), q->section + 1, cat->nsections,
           l10n_get(&cat->sections[q->section].title, l));
    iv_say(v, _("Question %d of %zu: %s\n"), q->number, cat->nquestions, l10n_get(&q->title, l));
    iv_say_text(v, l10n_get(&q->text, l));
    iv_say(v, _("State: %s.\n"), qstate_word(assessment_qstate(v->a, qi), 0));
    if (qa->review)
        iv_say(v, "%s\n", _("Carried over from the last round: to review. c confirms the answers "
                            "as still right."));
    if (qa->followup)
        iv_say(v, "%s\n", _("Marked for follow-up."));
}

static void say_text_value(struct iv *v, const char *text, const char *none)
{
    if (!text || !*text) {
        iv_say(v, "%s\n", none);
        return;
    }
    iv_say(v, "%s\n", _("Current text:"));
    iv_say_text(v, text);
    iv_say(v, "%s\n", _("End of the current text."));
}

/* ---- commands ---- */

enum ivcmd { C_NONE, C_HELP, C_NEXT, C_PREV, C_GOTO, C_FOLLOW, C_CONFIRM, C_SNAP, C_QUIT };

/* line without the blanks around it. */
static char *trimmed(const char *line)
{
    const char *s = line, *e = line + strlen(line);
    while (*s == ' ' || *s == '\t')
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return xstrndup(s, (size_t)(e - s));
}

/* The command line t is, with the question of g in *arg; C_NONE if none. */
static enum ivcmd parse_command(const char *t, const char **arg)
{
    static const struct { const char *word; enum ivcmd c; } one[] = {
        { "?", C_HELP }, { "n", C_NEXT }, { "p", C_PREV }, { "f", C_FOLLOW },
        { "c", C_CONFIRM }, { "s", C_SNAP }, { "q", C_QUIT },
    };
    *arg = NULL;
    for (size_t i = 0; i < CC_ARRAY_LEN(one); i++)
        if (strcmp(t, one[i].word) == 0)
            return one[i].c;
    if (t[0] == 'g' && (!t[1] || t[1] == ' ' || isdigit((unsigned char)t[1]))) {
        *arg = t + 1;
        while (**arg == ' ')
            (*arg)++;
        return C_GOTO;
    }
    return C_NONE;
}

/* What the dialogue does next. */
enum step { S_STAY, S_FIELD_DONE, S_MOVED, S_END };

static void snapshot(struct iv *v);

static enum step run_command(struct iv *v, enum ivcmd c, const char *arg)
{
    const struct catalog *cat = v->a->cat;
    char now[CC_ISO_LEN];
    size_t qi = v->qi < cat->nquestions ? v->qi : cat->nquestions - 1;
    switch (c) {
    case C_HELP:
        iv_show_help(v, qi);
        say_commands(v);
        return S_STAY;
    case C_NEXT:
        v->qi = v->qi + 1 < cat->nquestions ? v->qi + 1 : cat->nquestions;
        return S_MOVED;
    case C_PREV:
        if (v->qi == 0) {
            iv_say(v, "%s\n", _("This is the first question."));
            return S_STAY;
        }
        v->qi--;
        return S_MOVED;
    case C_GOTO: {
        const struct cat_question *q = *arg ? catalog_question(cat, arg) : NULL;
        if (!*arg) {
            iv_say(v, _("g needs the number of a question, from 1 to %zu: g 12 goes to question "
                        "12.\n"), cat->nquestions);
            return S_STAY;
        }
        if (!q) {
            iv_say(v, _("There is no question \"%s\": type g and a number from 1 to %zu.\n"), arg,
                   cat->nquestions);
            return S_STAY;
        }
        v->qi = catalog_question_index(cat, q);
        return S_MOVED;
    }
    case C_FOLLOW:
    case C_CONFIRM:
        if (v->qi >= cat->nquestions) {
            iv_say(v, "%s\n", _("Go to a question first: g and its number."));
            return S_STAY;
        }
        break;
    default:
        break;
    }
    switch (c) {
    case C_FOLLOW:
        cc_now(now);
        iv_change_begin(v, qi);
        assessment_set_followup(v->a, qi, !v->a->q[qi].followup, v->who, now);
        if (iv_save(v) == 0)
            iv_say(v, v->a->q[qi].followup ? _("Question %d is marked for follow-up.\n")
                                           : _("Question %d is no longer marked for follow-up.\n"),
                   cat->questions[qi].number);
        return S_STAY;
    case C_CONFIRM:
        if (!v->a->q[qi].review) {
            iv_say(v, _("Nothing to confirm: question %d is not marked to review.\n"),
                   cat->questions[qi].number);
            return S_STAY;
        }
        cc_now(now);
        iv_change_begin(v, qi);
        assessment_confirm(v->a, qi, v->who, now);
        if (iv_save(v) == 0)
            iv_say(v, _("The answers to question %d are confirmed as still right.\n"),
                   cat->questions[qi].number);
        return S_STAY;
    case C_SNAP:
        snapshot(v);
        return v->ended ? S_END : S_STAY;
    case C_QUIT:
        v->ended = 1;
        return S_END;
    default:
        break;
    }
    return S_STAY;
}

/* A line at a prompt: a command (run, with its step in *st), or 0 with the
 * line's text in *t for the caller; -1 at the end of the input. */
static int read_answer(struct iv *v, char **t, enum step *st, const char *where)
{
    char *line;
    const char *arg;
    enum ivcmd c;
    enum iv_read r = iv_read_line(v, &line);
    *t = NULL;
    if (r != IV_LINE) {
        if (r == IV_EOF) {
            iv_say(v, "\n");
            iv_flush(v);
            iv_error(_("the input ended at %s, before q; what was answered is saved"), where);
            v->status = v->status ? v->status : EXIT_USAGE;
        }
        v->ended = 1;
        *st = S_END;
        return -1;
    }
    *t = trimmed(line);
    free(line);
    c = parse_command(*t, &arg);
    if (c == C_NONE)
        return 0;
    *st = run_command(v, c, arg);
    free(*t);
    *t = NULL;
    return 1;
}

/* ---- snapshots ---- */

static void snapshot(struct iv *v)
{
    struct assessment *a = v->a;
    struct open_items o;
    struct strlist lines = { 0 };
    struct cc_err err;
    char now[CC_ISO_LEN], *name = NULL, *line, *note;
    int complete, closed = a->round;
    enum iv_read r;

    assessment_open_items(a, &o);
    complete = open_items_none(&o);
    open_items_lines(a, &o, &lines);
    open_items_release(&o);
    if (complete) {
        char *s = snapshot_complete_text(a);
        iv_say(v, "%s\n", s);
        free(s);
    } else {
        iv_say(v, "%s\n", _("Still open:"));
        for (size_t i = 0; i < lines.n; i++)
            iv_say(v, "%s\n", lines.v[i]);
        iv_say(v, _("Because something is open, this snapshot can only be interim: round %d stays "
                    "open.\n"), a->round);
    }
    strlist_release(&lines);
    iv_prompt(v, "%s", _("Note for the snapshot, saying what it records, on one line (Enter alone "
                         "takes no snapshot, q quits)"));
    r = iv_read_line(v, &line);
    if (r != IV_LINE) {
        v->ended = 1;
        if (r == IV_EOF) {
            iv_say(v, "\n");
            iv_flush(v);
            iv_error("%s", _("the input ended at the snapshot's note, before q; no snapshot was "
                             "taken"));
            v->status = v->status ? v->status : EXIT_USAGE;
        }
        return;
    }
    note = trimmed(line);
    free(line);
    if (!*note || strcmp(note, "q") == 0) {
        iv_say(v, "%s\n", _("No snapshot was taken."));
        v->ended = strcmp(note, "q") == 0;
        free(note);
        return;
    }
    cc_now(now);
    if (store_snapshot(v->o->data, a, note, complete, v->who, now, &name, &err) != 0) {
        iv_say(v, _("No snapshot was taken: %s\n"), err.msg);
        free(note);
        return;
    }
    free(note);
    if (complete)
        iv_say(v, _("Complete snapshot %s taken: round %d is closed, round %d starts (answers "
                    "marked to review).\n"), name, closed, a->round);
    else
        iv_say(v, _("Interim snapshot %s taken; round %d stays open.\n"), name, closed);
    free(name);
    /* the snapshot saved the working file too */
    v->unsaved = 0;
    for (size_t qi = 0; qi < a->cat->nquestions; qi++) {
        if (v->dirtyq[qi])
            qanswers_release(&v->saved_q[qi]);
        v->dirtyq[qi] = 0;
    }
    iv_journal(v, 0, 0, NULL);
}

/* ---- the fields ---- */

static char *where_field(const struct iv *v, size_t qi, size_t fi)
{
    return xasprintf(_("the prompt of question %d, field \"%s\""), v->a->cat->questions[qi].number,
                     field_label(v, qi, fi));
}

/* v from what was typed (yes, y, ja, j; no, nein; unsure, u, unsicher; the
 * words in the language shown), or -1. */
static int parse_yesno(const char *t)
{
    static const char *const yes[] = { "yes", "y", "ja", "j" }, *const no[] = { "no", "nein" },
                              *const unsure[] = { "unsure", "u", "unsicher" };
    for (size_t i = 0; i < CC_ARRAY_LEN(yes); i++)
        if (strcasecmp(t, yes[i]) == 0)
            return YN_YES;
    for (size_t i = 0; i < CC_ARRAY_LEN(no); i++)
        if (strcasecmp(t, no[i]) == 0)
            return YN_NO;
    for (size_t i = 0; i < CC_ARRAY_LEN(unsure); i++)
        if (strcasecmp(t, unsure[i]) == 0)
            return YN_UNSURE;
    for (int y = YN_YES; y <= YN_UNSURE; y++)
        if (strcasecmp(t, yesno_word((enum yesno)y)) == 0)
            return y;
    return -1;
}

/* Sets text (note: the note of yes/no field fi) and saves; 0, or -1 when
 * the text is refused (said). */
static int set_text(struct iv *v, size_t qi, size_t fi, int note, const char *text)
{
    struct cc_err err;
    char now[CC_ISO_LEN];
    const char *old = v->a->q[qi].f[fi].text;
    if (strcmp(old ? old : "", text) == 0) {
        iv_say(v, "%s\n", _("Unchanged."));
        return 0;
    }
    cc_now(now);
    iv_change_begin(v, qi);
    if ((note ? assessment_set_note : assessment_set_text)(v->a, qi, fi, text, v->who, now, &err) != 0) {
        iv_say(v, "%s\n", err.msg);
        return -1;
    }
    if (iv_save(v) == 0)
        iv_say(v, "%s\n", *text ? _("Saved.") : _("Cleared and saved."));
    return 0;
}

/* What t, e or x (in t) does to field fi: 1 done, 0 to ask again, -1 the
 * dialogue ends (the input ended or a signal came; said, and journaled). */
static int edit_field(struct iv *v, size_t qi, size_t fi, int note, const char *t)
{
    const struct cat_question *q = &v->a->cat->questions[qi];
    char *text = NULL;
    if (strcmp(t, "t") == 0) {
        enum iv_read rr;
        iv_say(v, "%s\n", _("Type the text; end it with a line holding only a full stop (.)."));
        iv_flush(v);
        rr = iv_read_text(v, qi, fi, &text);
        if (rr == IV_EOF) {
            iv_say(v, "\n");
            iv_flush(v);
            if (text)
                iv_error(_("the input ended in the text of question %d, field \"%s\", before the "
                           "line \".\"; the text typed is in the recovery draft %s"), q->number,
                         field_label(v, qi, fi), v->draft.path ? v->draft.path : "-");
            else
                iv_error(_("the input ended in the text of question %d, field \"%s\", before "
                           "anything was typed"), q->number, field_label(v, qi, fi));
            v->status = v->status ? v->status : EXIT_USAGE;
        }
        if (rr != IV_LINE) {
            free(text);
            return -1;
        }
        if (!text)
            return 0;   /* too long: said */
    } else if (strcmp(t, "e") == 0) {
        int rc = iv_external_edit(v, v->a->q[qi].f[fi].text, &text);
        if (rc < 0) {
            iv_journal(v, qi, fi, text);   /* the signal came: the draft keeps it */
            free(text);
            return -1;
        }
        if (rc > 0)
            return 1;   /* said why; the answer stays */
    } else if (strcmp(t, "x") == 0) {
        text = xstrdup("");
    } else {
        iv_say(v, _("Not understood: \"%s\". Type t, e or x, Enter alone to go on, or ? for the "
                    "help and the commands.\n"), t);
        return 0;
    }
    set_text(v, qi, fi, note, text);
    free(text);
    return 1;
}

/* The text of field fi (note: the note of yes/no field fi). */
static enum step ask_text(struct iv *v, size_t qi, size_t fi, int note)
{
    const struct cat_question *q = &v->a->cat->questions[qi];
    char *where = where_field(v, qi, fi), *t;
    enum step st = S_FIELD_DONE;
    if (!note)
        iv_say(v, _("Field %zu of %zu: %s (text).\n"), fi + 1, q->nfields, field_label(v, qi, fi));
    say_text_value(v, v->a->q[qi].f[fi].text, note ? _("No note yet.") : _("No text yet."));
    for (;;) {
        int r;
        iv_prompt(v, note ? _("Note on this answer: t types a new one, e opens the editor, x clears "
                              "it, Enter keeps it, ? help")
                          : _("t types a new text, e opens the editor, x clears it, Enter keeps it, "
                              "? help"));
        r = read_answer(v, &t, &st, where);
        if (r < 0 || (r > 0 && st != S_STAY))
            break;
        if (r > 0)
            continue;
        r = *t ? edit_field(v, qi, fi, note, t) : 1;
        free(t);
        if (r == 0)
            continue;
        if (r < 0) {
            v->ended = 1;
            st = S_END;
        } else {
            st = S_FIELD_DONE;
        }
        break;
    }
    free(where);
    return st;
}

static enum step ask_yesno(struct iv *v, size_t qi, size_t fi)
{
    const struct cat_question *q = &v->a->cat->questions[qi];
    char *where = where_field(v, qi, fi), *t;
    enum step st = S_FIELD_DONE;
    struct cc_err err;
    char now[CC_ISO_LEN];
    iv_say(v, _("Field %zu of %zu: %s (yes or no).\n"), fi + 1, q->nfields, field_label(v, qi, fi));
    for (;;) {
        const struct answer *ans = &v->a->q[qi].f[fi];
        int r, y;
        iv_say(v, _("Current answer: %s.\n"), yesno_word(ans->yn));
        if (ans->yn == YN_UNSET)
            iv_prompt(v, "%s", _("yes, no or unsure; Enter leaves it unanswered, ? help"));
        else
            iv_prompt(v, _("yes, no or unsure; x clears it, Enter keeps \"%s\", ? help"),
                      yesno_word(ans->yn));
        r = read_answer(v, &t, &st, where);
        if (r < 0 || (r > 0 && st != S_STAY))
            break;
        if (r > 0)
            continue;
        if (!*t) {
            free(t);
            st = S_FIELD_DONE;
            break;
        }
        y = strcmp(t, "x") == 0 ? YN_UNSET : parse_yesno(t);
        if (y < 0) {
            iv_say(v, _("Not understood: \"%s\". Type yes, no (in full: n is the next question) or "
                        "unsure, Enter alone to go on, or ? for the help and the commands.\n"), t);
            free(t);
            continue;
        }
        free(t);
        if ((enum yesno)y != ans->yn) {
            cc_now(now);
            iv_change_begin(v, qi);
            if (assessment_set_yesno(v->a, qi, fi, (enum yesno)y, v->who, now, &err) != 0) {
                iv_say(v, "%s\n", err.msg);
                continue;
            }
            if (iv_save(v) == 0)
                iv_say(v, _("Saved: %s.\n"), yesno_word((enum yesno)y));
        } else {
            iv_say(v, "%s\n", _("Unchanged."));
        }
        st = S_FIELD_DONE;
        if (y == YN_UNSURE || v->a->q[qi].f[fi].text) {
            iv_say(v, "%s\n", y == YN_UNSURE ? _("An \"unsure\" wants a note saying why (or a text "
                                                 "field of the question that explains it).")
                                             : _("This answer has a note."));
            st = ask_text(v, qi, fi, 1);
        }
        break;
    }
    free(where);
    return st;
}

/* ---- the questions ---- */

static enum step ask_question(struct iv *v)
{
    size_t qi = v->qi;
    const struct cat_question *q = &v->a->cat->questions[qi];
    say_question(v, qi);
    for (size_t fi = 0; fi < q->nfields; fi++) {
        enum step st;
        if (!field_applies(v->a, qi, fi))
            continue;
        st = q->fields[fi].type == FIELD_YESNO ? ask_yesno(v, qi, fi) : ask_text(v, qi, fi, 0);
        if (st == S_MOVED || st == S_END)
            return st;
    }
    v->qi = qi + 1;
    return S_MOVED;
}

/* After the last question: what is open, and what can be done. */
static void at_end(struct iv *v)
{
    struct open_items o;
    struct strlist lines = { 0 };
    char *t;
    enum step st;
    iv_say(v, "\n%s\n", _("That was the last question."));
    say_progress(v);
    assessment_open_items(v->a, &o);
    open_items_lines(v->a, &o, &lines);
    open_items_release(&o);
    if (lines.n)
        iv_say(v, "%s\n", _("Still open:"));
    for (size_t i = 0; i < lines.n; i++)
        iv_say(v, "%s\n", lines.v[i]);
    strlist_release(&lines);
    for (;;) {
        int r;
        iv_prompt(v, "%s", _("s takes a snapshot, g and a number goes to a question, p to the last "
                             "one, q quits, ? help"));
        r = read_answer(v, &t, &st, _("the end of the questions"));
        if (r < 0 || (r > 0 && st != S_STAY))
            return;
        if (r == 0 && *t)
            iv_say(v, _("Not understood: \"%s\". Type s, g and a number, p or q.\n"), t);
        free(t);
    }
}

/* The question to start at: the one named, else the first not answered
 * (or to review), else the first. */
static size_t start_at(struct iv *v, const char *question)
{
    const struct catalog *cat = v->a->cat;
    if (question) {
        const struct cat_question *q = catalog_question(cat, question);
        if (q)
            return catalog_question_index(cat, q);
        iv_say(v, _("There is no question \"%s\" in this catalogue; starting at question 1.\n"),
               question);
        return 0;
    }
    for (size_t qi = 0; qi < cat->nquestions; qi++)
        if (assessment_qstate(v->a, qi) != QS_ANSWERED || v->a->q[qi].review)
            return qi;
    return 0;
}

static void catch_signals(struct sigaction *old)
{
    static const int sigs[] = { SIGHUP, SIGTERM, SIGINT };
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;   /* no SA_RESTART: a read returns at once */
    for (size_t i = 0; i < CC_ARRAY_LEN(sigs); i++)
        sigaction(sigs[i], &sa, &old[i]);
    signal(SIGPIPE, SIG_IGN);
}

static void restore_signals(const struct sigaction *old)
{
    static const int sigs[] = { SIGHUP, SIGTERM, SIGINT };
    for (size_t i = 0; i < CC_ARRAY_LEN(sigs); i++)
        sigaction(sigs[i], &old[i], NULL);
}

int interview_session(const struct interview_opts *o, struct assessment *a)
{
    struct iv v;
    struct sigaction old[3];
    size_t nq = a->cat->nquestions;
    memset(&v, 0, sizeof(v));
    v.o = o;
    v.a = a;
    v.who = cc_user();
    sbuf_init(&v.out);
    v.dirtyq = xcalloc(nq + 1, 1);
    v.saved_q = xcalloc(nq + 1, sizeof(*v.saved_q));
    draft_init(&v.draft, o->data, a->coop.id);
    v.in_tty = isatty(o->in_fd) && isatty(o->out_fd);
    iv_signal = 0;
    catch_signals(old);

    say_start(&v);
    iv_offer_drafts(&v);
    v.qi = start_at(&v, o->question);
    while (!v.ended && !iv_signal) {
        if (v.qi >= nq)
            at_end(&v);
        else
            ask_question(&v);
    }
    if (v.unsaved)
        iv_save(&v);   /* once more: q, the end of the input or a signal */
    if (v.typing && v.draft.path)
        iv_say(&v, _("The text being typed was not finished; it is in the recovery draft %s, which "
                     "the next interview offers.\n"), v.draft.path);
    else if (!v.unsaved && v.status == EXIT_OK)
        iv_say(&v, "%s\n", _("Everything is saved."));
    iv_flush(&v);
    if (iv_signal == SIGINT)
        v.status = 130;
    restore_signals(old);

    for (size_t qi = 0; qi < nq; qi++)
        if (v.dirtyq[qi])
            qanswers_release(&v.saved_q[qi]);
    free(v.saved_q);
    free(v.dirtyq);
    free(v.typing);
    draft_release(&v.draft);
    sbuf_release(&v.out);
    free(v.who);
    return v.status;
}
