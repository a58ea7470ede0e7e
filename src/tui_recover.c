/* tui_recover.c — two screens that stand between the user and a loss:
 *   - the drafts a session that ended unexpectedly left (kill -9, a power
 *     cut, a hang-up while $EDITOR ran): shown when the cooperation is
 *     opened, field by field with the saved answer beside the draft's, until
 *     the user applies them, keeps them for later or discards them; never
 *     applied unasked;
 *   - q while answers cannot be saved (a full disk, say): try again, write
 *     the answers to another file, or quit and lose them after typing a word.
 * The assessment screen hands its keys here while either is open. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "cctime.h"
#include "fsio.h"
#include "textutil.h"

#define SHOWN_LINES 8   /* of each value; the rest is counted */

/* ---- drafts left behind ---- */

/* The question and field a draft field names: 0, or -1 when the catalogue
 * has no such field (or not of that type). */
static int locate(const struct assessment *a, const struct draft_field *df, size_t *qi, size_t *fi)
{
    const struct cat_question *q = catalog_question(a->cat, df->qid);
    long f = q ? cat_question_field_index(q, df->fid) : -1;
    if (f < 0 || (q->fields[f].type == FIELD_TEXT) != df->is_text)
        return -1;
    *qi = (size_t)catalog_question_index(a->cat, q);
    *fi = (size_t)f;
    return 0;
}

static const char *current_value(const struct assessment *a, size_t qi, size_t fi)
{
    const struct answer *ans = &a->q[qi].f[fi];
    if (a->cat->questions[qi].fields[fi].type == FIELD_TEXT)
        return ans->text;
    return ans->yn == YN_UNSET ? NULL : yesno_name(ans->yn);
}

static const char *draft_value(const struct draft_field *df)
{
    if (df->is_text)
        return df->text;
    return df->yn == YN_UNSET ? NULL : yesno_name(df->yn);
}

/* 1 when the draft field would change the answer. */
static int adds(const struct assessment *a, const struct draft_field *df)
{
    size_t qi, fi;
    const char *cur, *want;
    if (locate(a, df, &qi, &fi) != 0)
        return 0;
    cur = current_value(a, qi, fi);
    want = draft_value(df);
    return !(cur == want || (cur && want && strcmp(cur, want) == 0) ||
             (df->is_text && !cur && want && !*want));
}

static int draft_adds(const struct assessment *a, const struct draft *d)
{
    for (size_t i = 0; i < d->nf; i++)
        if (adds(a, &d->f[i]))
            return 1;
    return 0;
}

/* Drops the first found draft (its file goes with remove). */
static void next_draft(struct tui *t, int remove)
{
    struct aview *av = t->av;
    struct cc_err err;
    if (remove && draft_remove(&av->found[0], &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    draft_release(&av->found[0]);
    memmove(av->found, av->found + 1, (av->nfound - 1) * sizeof(*av->found));
    av->found_top = 0;
    av->found_confirm = 0;
    if (--av->nfound == 0) {
        free(av->found);
        av->found = NULL;
    }
}

void recover_find(struct tui *t)
{
    struct aview *av = t->av;
    struct strlist problems = { 0 };
    struct cc_err err;
    size_t empty = 0;
    if (draft_find(t->env->data, av->a->coop.id, &av->found, &av->nfound, &problems, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return;
    }
    for (size_t i = 0; i < av->nfound;) {
        /* one that adds nothing to the saved answers is done with */
        if (!draft_adds(av->a, &av->found[i])) {
            struct draft keep = av->found[0];
            av->found[0] = av->found[i];
            av->found[i] = keep;
            next_draft(t, 1);
            empty++;
            continue;
        }
        i++;
    }
    if (problems.n)
        tui_message(t, 1, TR(t, "%s%s", "%s%s"), problems.v[0],
                    problems.n > 1 ? TR(t, " (and more drafts that cannot be read)",
                                        " (und weitere Entwürfe, die nicht lesbar sind)") : "");
    else if (empty && !av->found)
        tui_message(t, 0, TR(t, "removed %zu recovery draft(s) that held nothing the saved answers "
                                "lack", "%zu Wiederherstellungsentwürfe entfernt, die nichts "
                                "enthielten, was den gespeicherten Antworten fehlt"), empty);
    strlist_release(&problems);
}

void recover_release(struct tui *t)
{
    struct aview *av = t->av;
    draft_free_all(av->found, av->nfound);
    av->found = NULL;
    av->nfound = 0;
}

struct rline {
    char *text;
    enum theme_slot slot;
};

static void rl_add(struct rline **v, size_t *n, enum theme_slot slot, const char *text)
{
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    (*v)[*n].text = xstrdup(text);
    (*v)[(*n)++].slot = slot;
}

/* A value wrapped at width, at most SHOWN_LINES lines (and how many more). */
static void rl_value(struct tui *t, struct rline **v, size_t *n, const char *label, const char *value,
                     int width)
{
    struct sbuf sb;
    struct strlist lines = { 0 };
    sbuf_init(&sb);
    if (!value)
        sbuf_addf(&sb, "      %s\n", TR(t, "(unanswered)", "(unbeantwortet)"));
    else
        text_wrap(&sb, value, (size_t)(width > 20 ? width - 6 : 14), 6);
    split_lines(sb.buf, &lines);
    rl_add(v, n, TS_LABEL, label);
    for (size_t i = 0; i < lines.n && i < SHOWN_LINES; i++)
        rl_add(v, n, TS_VALUE, lines.v[i]);
    if (lines.n > SHOWN_LINES) {
        char *more = xasprintf(TR(t, "      ... and %zu more lines", "      ... und %zu weitere Zeilen"),
                               lines.n - SHOWN_LINES);
        rl_add(v, n, TS_NORMAL, more);
        free(more);
    }
    strlist_release(&lines);
    sbuf_release(&sb);
}

static size_t recover_lines(struct tui *t, struct rline **v)
{
    const struct aview *av = t->av;
    const struct draft *d = &av->found[0];
    size_t n = 0;
    char *s = xasprintf(TR(t, "coopcheck stopped before it had saved what follows (%s on %s, "
                              "process %ld, last written %s). Nothing of it has been applied.",
                           "coopcheck wurde beendet, bevor es Folgendes gespeichert hatte (%s "
                           "auf %s, Prozess %ld, zuletzt geschrieben %s). Nichts davon wurde "
                           "übernommen."), d->user, d->host, d->writer.pid, d->written_at);
    struct sbuf sb;
    struct strlist intro = { 0 };
    *v = NULL;
    sbuf_init(&sb);
    text_wrap(&sb, s, (size_t)t->cols - 2, 0);
    split_lines(sb.buf, &intro);
    for (size_t i = 0; i < intro.n; i++)
        rl_add(v, &n, TS_NORMAL, intro.v[i]);
    strlist_release(&intro);
    sbuf_release(&sb);
    free(s);
    for (size_t i = 0; i < d->nf; i++) {
        const struct draft_field *df = &d->f[i];
        size_t qi, fi;
        char sha[65];
        rl_add(v, &n, TS_NORMAL, "");
        if (locate(av->a, df, &qi, &fi) != 0) {
            s = xasprintf(TR(t, "%s.%s is not in this catalogue: left out", "%s.%s gibt es in diesem "
                             "Katalog nicht: ausgelassen"), df->qid, df->fid);
            rl_add(v, &n, TS_ERROR, s);
            free(s);
            continue;
        }
        if (!adds(av->a, df))
            continue;
        s = xasprintf("%s %d · %s", ui(S_QUESTION, t->lang), av->a->cat->questions[qi].number,
                      l10n_get(&av->a->cat->questions[qi].fields[fi].label, t->lang));
        rl_add(v, &n, TS_TITLE, s);
        free(s);
        draft_value_sha(current_value(av->a, qi, fi), sha);
        if (strcmp(sha, df->base_sha) != 0) {
            const struct answer *ans = &av->a->q[qi].f[fi];
            s = xasprintf(TR(t, "  the saved answer was changed after the draft began (%s, %s)",
                             "  die gespeicherte Antwort wurde geändert, nachdem der Entwurf "
                             "begann (%s, %s)"), ans->by ? ans->by : "?", ans->at ? ans->at : "?");
            rl_add(v, &n, TS_MARK_REVIEW, s);
            free(s);
        }
        rl_value(t, v, &n, TR(t, "  saved:", "  gespeichert:"), current_value(av->a, qi, fi), t->cols - 2);
        rl_value(t, v, &n, TR(t, "  draft:", "  Entwurf:"), draft_value(df), t->cols - 2);
    }
    return n;
}

void recover_draw(struct tui *t)
{
    struct aview *av = t->av;
    struct rline *lines;
    size_t n = recover_lines(t, &lines), h = t->rows > 2 ? (size_t)t->rows - 2 : 1;
    char *left = xasprintf(TR(t, "Recovered typing %s %s", "Wiederhergestellte Eingaben %s %s"),
                           sym(t, "—", "-"), av->a->coop.id);
    char right[32];
    snprintf(right, sizeof(right), "%s 1/%zu", TR(t, "draft", "Entwurf"), av->nfound);
    draw_header(t, left, right);
    free(left);
    if (av->found_top + h > n)
        av->found_top = n > h ? n - h : 0;
    for (size_t y = 0; y < h && av->found_top + y < n; y++)
        draw_text(t, 1 + (int)y, 1, lines[av->found_top + y].text, t->cols - 2,
                  lines[av->found_top + y].slot);
    for (size_t i = 0; i < n; i++)
        free(lines[i].text);
    free(lines);
    if (av->found_confirm)
        draw_status(t, TR(t, "Discard this draft for good? y discards it, any other key keeps it",
                          "Diesen Entwurf endgültig verwerfen? y verwirft ihn, jede andere Taste "
                          "behält ihn"));
    else
        draw_status(t, TR(t, "a apply  k keep for later  x discard  j/k scroll",
                          "a übernehmen  k für später behalten  x verwerfen  j/k blättern"));
}

/* Applies every field of the first draft that changes an answer. */
static void apply_draft(struct tui *t)
{
    struct aview *av = t->av;
    const struct draft *d = &av->found[0];
    char now[CC_ISO_LEN];
    size_t applied = 0;
    cc_now(now);
    for (size_t i = 0; i < d->nf; i++) {
        const struct draft_field *df = &d->f[i];
        struct qanswers before;
        struct cc_err err;
        size_t qi, fi;
        int rc;
        if (!adds(av->a, df) || locate(av->a, df, &qi, &fi) != 0)
            continue;
        edit_change_begin(t, qi, &before);
        rc = df->is_text ? assessment_set_text(av->a, qi, fi, df->text ? df->text : "", t->who, now, &err)
                         : assessment_set_yesno(av->a, qi, fi, df->yn, t->who, now, &err);
        if (rc != 0) {
            qanswers_release(&before);
            tui_message(t, 1, "%s", err.msg);
            return;   /* the draft stays, for another try */
        }
        edit_change_end(t, qi, &before);
        if (av->unsaved)
            return;   /* said why; the draft stays, and ours holds the change too */
        assess_select(t, (long)qi);
        applied++;
    }
    next_draft(t, 1);
    tui_message(t, 0, TR(t, "applied the recovered typing (%zu field(s)); U undoes it",
                         "die wiederhergestellten Eingaben übernommen (%zu Feld(er)); U macht es "
                         "rückgängig"), applied);
}

void recover_key(struct tui *t, int key)
{
    struct aview *av = t->av;
    enum action a = keymap_lookup(&t->km, key);
    size_t page = t->rows > 4 ? (size_t)t->rows - 4 : 1;
    if (av->found_confirm) {
        av->found_confirm = 0;
        if (key == 'y' || key == 'j') {
            next_draft(t, 1);
            tui_message(t, 0, TR(t, "draft discarded", "Entwurf verworfen"));
        }
        return;
    }
    switch (key) {
    case 'a': apply_draft(t); return;
    case 'k': case 'q': case KEYC_ESC:
        next_draft(t, 0);
        tui_message(t, 0, TR(t, "draft kept: it is offered again the next time this cooperation "
                                "is opened", "Entwurf behalten: er wird beim nächsten Öffnen dieser "
                                "Kooperation wieder angeboten"));
        return;
    case 'x': av->found_confirm = 1; return;
    default: break;
    }
    switch (a) {
    case ACT_UP: if (av->found_top) av->found_top--; break;
    case ACT_DOWN: av->found_top++; break;
    case ACT_PAGE_UP: av->found_top = av->found_top > page ? av->found_top - page : 0; break;
    case ACT_PAGE_DOWN: av->found_top += page; break;
    default: break;
    }
}

/* ---- q with answers not saved ---- */

void quit_ask_open(struct tui *t, const char *why)
{
    struct aview *av = t->av;
    av->quit_ask = 1;
    snprintf(av->quit_why, sizeof(av->quit_why), "%s", why);
    t->msg[0] = '\0';
}

void quit_ask_draw(struct tui *t)
{
    struct aview *av = t->av;
    int w = t->cols - 6 > 76 ? 76 : t->cols - 6, x0 = (t->cols - w) / 2, y0, h, y;
    struct sbuf sb;
    struct strlist why = { 0 };
    static const char *const keys[] = { "r", "w", "d", "Esc" };
    const char *what[4];
    what[0] = TR(t, "try to save again", "erneut versuchen zu speichern");
    what[1] = TR(t, "write the answers to another file", "die Antworten in eine andere Datei schreiben");
    what[2] = TR(t, "quit and lose the changes not saved", "beenden und nicht Gespeichertes verlieren");
    what[3] = TR(t, "back to the assessment", "zurück zur Bewertung");
    sbuf_init(&sb);
    text_wrap(&sb, av->quit_why, (size_t)(w - 4), 0);
    split_lines(sb.buf, &why);
    h = (int)why.n + 9;
    if (h > t->rows - 2)
        h = t->rows - 2;
    y0 = (t->rows - h) / 2;
    for (y = 0; y < h; y++)
        draw_fill(t, y0 + y, x0, w, TS_NORMAL);
    draw_hline(t, y0, x0, w);
    draw_hline(t, y0 + h - 1, x0, w);
    draw_text(t, y0, x0 + 2, TR(t, " Answers not saved ", " Antworten nicht gespeichert "), w - 4,
              TS_ERROR);
    y = y0 + 2;
    for (size_t i = 0; i < why.n && y < y0 + h - 6; i++)
        draw_text(t, y++, x0 + 2, why.v[i], w - 4, TS_ERROR);
    y++;
    for (size_t i = 0; i < 4 && y < y0 + h - 1; i++, y++) {
        draw_text(t, y, x0 + 2, keys[i], 4, TS_FOCUS);
        draw_text(t, y, x0 + 7, what[i], w - 9, TS_NORMAL);
    }
    strlist_release(&why);
    sbuf_release(&sb);
}

/* Where the answers go when the data directory cannot take them. */
static void write_done(struct tui *t, const char *path)
{
    struct aview *av = t->av;
    struct cc_err err;
    char *text, *full;
    const char *home = getenv("HOME");
    if (!av || !*path)
        return;
    full = strncmp(path, "~/", 2) == 0 && home ? xasprintf("%s/%s", home, path + 2) : xstrdup(path);
    text = afile_format(av->a);
    if (fs_write_new(full, text, strlen(text), &err) != 0) {
        snprintf(av->quit_why, sizeof(av->quit_why), "%s%s", err.msg,
                 err.code == EEXIST ? TR(t, "; give the name of a new file", "; bitte den Namen "
                                         "einer neuen Datei angeben") : "");
    } else {
        av->quit_ask = 0;
        av->close_now = 1;
        t->exit_status = EXIT_SYSTEM;
        tui_message(t, 1, TR(t, "the assessment could not be saved in the data directory; all its "
                                "answers were written to %s (and those not saved are in a recovery "
                                "draft, offered at the next open)",
                             "die Bewertung konnte nicht im Datenverzeichnis gespeichert werden; "
                             "alle Antworten wurden nach %s geschrieben (die nicht gespeicherten "
                             "stehen außerdem in einem Wiederherstellungsentwurf, der beim "
                             "nächsten Öffnen angeboten wird)"), full);
    }
    free(text);
    free(full);
}

static void discard_done(struct tui *t, const char *word)
{
    struct aview *av = t->av;
    struct cc_err err;
    if (!av)
        return;
    if (strcmp(word, "discard") != 0 && strcmp(word, "verwerfen") != 0) {
        snprintf(av->quit_why, sizeof(av->quit_why), "%s", TR(t, "nothing was discarded: to quit "
                 "and lose the changes, type the word exactly", "nichts wurde verworfen: um zu "
                 "beenden und die Änderungen zu verlieren, das Wort genau so eingeben"));
        return;
    }
    av->unsaved = 0;
    for (size_t qi = 0; qi < av->a->cat->nquestions; qi++) {
        if (av->dirtyq[qi])
            qanswers_release(&av->saved_q[qi]);
        av->dirtyq[qi] = 0;
    }
    draft_remove(&av->draft, &err);
    av->quit_ask = 0;
    av->close_now = 1;
    t->exit_status = EXIT_SYSTEM;
    tui_message(t, 1, TR(t, "the changes that could not be saved were discarded, as asked",
                         "die Änderungen, die nicht gespeichert werden konnten, wurden wie "
                         "gewünscht verworfen"));
}

void quit_ask_key(struct tui *t, int key)
{
    struct aview *av = t->av;
    switch (key) {
    case 'r':
        if (edit_save(t) == 0) {
            av->quit_ask = 0;
            av->close_now = 1;
        } else {
            snprintf(av->quit_why, sizeof(av->quit_why), "%s", t->msg);
            t->msg[0] = '\0';
        }
        break;
    case 'w':
        prompt_open(t, TR(t, "Write all answers to (a new file): ", "Alle Antworten schreiben nach "
                             "(neue Datei): "), "", write_done);
        break;
    case 'd':
        prompt_open(t, TR(t, "Type \"discard\" to quit and lose the changes: ",
                          "„verwerfen“ eingeben, um zu beenden und die Änderungen zu verlieren: "),
                    "", discard_done);
        break;
    case KEYC_ESC:
        av->quit_ask = 0;
        break;
    default:
        break;
    }
}
