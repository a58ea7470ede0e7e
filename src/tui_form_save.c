/* tui_form_save.c — the cooperation form's Enter: what was typed read into
 * a struct coop (trimmed; empty texts are "none"; aliases split at ';'),
 * checked, then saved with coop_apply_edit (which stamps each changed detail
 * with who and when and refuses what the file cannot hold) or, for a new
 * cooperation, created and opened.  A refusal leaves the form as typed,
 * with the reason under the fields and the focus on the field concerned. */
#include "tui_form.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "textutil.h"

static char *trimmed(const char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return xstrndup(s, n);
}

/* The text of field buf, trimmed; NULL when empty. */
static char *value_or_null(const struct editbuf *eb)
{
    char *s = trimmed(eb->text);
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

static int refuse(struct form *f, long field, const char *fmt, ...) CC_PRINTF(3, 4);

static int refuse(struct form *f, long field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->error, sizeof(f->error), fmt, ap);
    va_end(ap);
    if (field >= 0)
        f->field = (size_t)field;
    return -1;
}

static void split_aliases(const char *s, struct strlist *out)
{
    while (*s) {
        const char *semi = strchr(s, ';');
        size_t n = semi ? (size_t)(semi - s) : strlen(s);
        char *one = xstrndup(s, n), *t = trimmed(one);
        if (*t)
            strlist_push_owned(out, t);
        else
            free(t);
        free(one);
        if (!semi)
            break;
        s = semi + 1;
    }
}

static int read_partners(struct form *f, struct coop *e)
{
    for (size_t i = 0; i < f->np; i++) {
        char *name = trimmed(f->p[i].name.text);
        struct strlist al = { 0 };
        int rc = 0;
        split_aliases(f->p[i].aliases.text, &al);
        if (!*name && al.n)
            rc = refuse(f, (long)form_field_of_partner(f, i, 0),
                        _("partner %zu has aliases but no name: give its name, or remove it"), i + 1);
        for (size_t k = 0; rc == 0 && *name && k < e->partners.n; k++)
            if (strcmp(e->partners.v[k], name) == 0)
                rc = refuse(f, (long)form_field_of_partner(f, i, 0),
                            _("\"%s\" is in the list twice: remove one of them"), name);
        if (rc == 0 && *name)
            coop_add_partner(e, name, &al);   /* a row left empty is dropped */
        strlist_release(&al);
        free(name);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* The installed catalogue the catalogue field names (*cat), or a refusal. */
static int read_catalog(struct tui *t, struct form *f, const struct catalog **cat)
{
    const struct catalog_set *set = &t->env->cats;
    char *id = trimmed(f->fixed[FF_CATALOG].text);
    struct sbuf ids;
    int rc = 0;
    *cat = catalog_set_find(set, id);
    if (!*cat) {
        sbuf_init(&ids);
        for (size_t i = 0; i < set->n; i++)
            sbuf_addf(&ids, "%s%s", i ? ", " : "", set->v[i]->id);
        rc = refuse(f, (long)form_field_of_fixed(f, FF_CATALOG),
                    _("no catalogue \"%s\" is installed; the installed ones: %s"), id,
                    ids.buf ? ids.buf : "-");
        sbuf_release(&ids);
    }
    free(id);
    return rc;
}

/* Reads the form into e (released by the caller, also on failure). */
static int read_form(struct form *f, struct coop *e)
{
    char *iv = trimmed(f->fixed[FF_INTERVAL].text), *end = NULL;
    long months;
    int y, m, d;
    memset(e, 0, sizeof(*e));
    e->title = value_or_null(&f->fixed[FF_TITLE]);
    e->country = value_or_null(&f->fixed[FF_COUNTRY]);
    e->pi = value_or_null(&f->fixed[FF_PI]);
    e->start = value_or_null(&f->fixed[FF_START]);
    months = strtol(iv, &end, 10);
    if (!*iv || *end || iv[0] < '0' || iv[0] > '9' || months < 1 || months > 120) {
        refuse(f, (long)form_field_of_fixed(f, FF_INTERVAL),
               _("the re-assessment interval is a number of months from 1 to 120, not \"%s\""), iv);
        free(iv);
        return -1;
    }
    free(iv);
    e->interval_months = (int)months;
    if (e->start && cc_parse_date(e->start, &y, &m, &d) != 0)
        return refuse(f, (long)form_field_of_fixed(f, FF_START),
                      _("the start date must be a date like 2026-03-01 (or empty), not \"%s\""),
                      e->start);
    if (!e->title && f->mode != FORM_NEW)
        return refuse(f, (long)form_field_of_fixed(f, FF_TITLE), "%s", _("the title cannot be empty"));
    return read_partners(f, e);
}

/* ---- a new cooperation ---- */

static void create(struct tui *t, struct form *f, struct coop *e, const struct catalog *cat)
{
    struct assessment *a;
    struct cc_err err;
    char now[CC_ISO_LEN], *id = trimmed(f->fixed[FF_ID].text);
    if (coop_id_refusal(id)) {
        refuse(f, (long)form_field_of_fixed(f, FF_ID), _("invalid id: %s"), coop_id_refusal(id));
        free(id);
        return;
    }
    e->id = id;
    if (!e->title)
        e->title = xstrdup(id);
    cc_now(now);
    a = assessment_new(cat, e, t->who, now);
    /* the same data applied again: checked, and nothing stamped */
    if (coop_apply_edit(a, e, t->who, now, &err) < 0 || store_create(t->env->data, a, &err) != 0) {
        refuse(f, err.code == EEXIST ? (long)form_field_of_fixed(f, FF_ID) : -1, "%s", err.msg);
        assessment_free(a);
        return;
    }
    assessment_free(a);
    id = xstrdup(e->id);
    screen_close(t, &f->base);
    t->picker_stale = 1;
    if (assess_open(t, id, NULL) == 0) {
        tui_message(t, 0, _("cooperation %s created"), id);
        if (t->av->a->coop.partners.n)
            screening_rerun(t, 1);   /* when lists are installed */
    }
    free(id);
}

/* ---- one that exists ---- */

/* A change of details, and of the catalogue when cat is not NULL. */
struct change {
    const struct coop *e;
    const struct catalog *cat;
    int drop_ok;              /* answers cat has no place for may go */
    struct strlist lost;      /* those answers ("q04.kind") */
    size_t review;            /* questions to review after the move */
};

/* Under the write lock: read, change, save.  The number of details changed
 * (the catalogue one of them), -1 with err, or -2 when answers would be lost
 * and ch->drop_ok is not set (ch->lost says which; nothing was changed). */
static int save_listed(struct tui *t, const char *id, struct change *ch, struct cc_err *err)
{
    struct store_w w;
    struct assessment *a = NULL;
    char now[CC_ISO_LEN];
    int n = -1;
    if (store_w_open(t->env->data, id, &w, err) != 0)
        return -1;
    cc_now(now);
    if (store_w_load(&w, &t->env->cats, &a, err) == 0 &&
        (n = coop_apply_edit(a, ch->e, t->who, now, err)) >= 0 && ch->cat) {
        if (assessment_recatalog(a, ch->cat, ch->drop_ok, &ch->lost, t->who, now) != 0) {
            n = -2;
        } else {
            n++;
            ch->review = assessment_to_review(a);
        }
    }
    if (n > 0 && store_w_save(&w, a, err) != 0)
        n = -1;
    assessment_free(a);
    store_w_close(&w);
    return n;
}

static void drop_yes(struct tui *t, void *ctx)
{
    struct form *f = ctx;
    f->drop_ok = 1;   /* for this Enter only */
    form_submit(t, f);
    f->drop_ok = 0;   /* (a closed form is freed only after the key) */
}

/* The new catalogue has no place for some answers: asks before dropping. */
static void ask_drop(struct tui *t, struct form *f, const struct change *ch)
{
    struct sbuf list;
    char *q;
    sbuf_init(&list);
    for (size_t i = 0; i < ch->lost.n && i < 8; i++)
        sbuf_addf(&list, "%s%s", i ? ", " : "", ch->lost.v[i]);
    if (ch->lost.n > 8)
        sbuf_adds(&list, ", ...");
    q = xasprintf(P_("Catalogue %s has no place for %zu answer (%s). Move the others and drop "
                     "it? The snapshots keep it.",
                     "Catalogue %s has no place for %zu answers (%s). Move the others and drop "
                     "them? The snapshots keep them.", ch->lost.n),
                  ch->cat->id, ch->lost.n, list.buf);
    confirm_open(t, q, drop_yes, f);
    free(q);
    sbuf_release(&list);
}

/* The open cooperation: its details changed in memory (the undo log goes
 * on); a new catalogue is moved to on disk, then the assessment reloaded. */
static int save_open(struct tui *t, struct form *f, struct change *ch, struct cc_err *err)
{
    char now[CC_ISO_LEN];
    int n;
    if (!ch->cat) {
        struct coop before;
        coop_copy(&before, &t->av->a->coop);
        cc_now(now);
        n = coop_apply_edit(t->av->a, ch->e, t->who, now, err);
        if (n > 0 && edit_save(t) == 0 && !coop_same_partners(&before, &t->av->a->coop))
            f->rescreen = 1;   /* after the form closed: its message comes first */
        coop_release(&before);
        return n;
    }
    if (t->av->unsaved) {
        cc_error(err, "%s", _("the answers are not saved yet: save them (q offers it) before "
                              "changing the catalogue"));
        return -1;
    }
    n = save_listed(t, f->id, ch, err);
    if (n > 0 && assess_reload(t, err) != 0) {
        tui_message(t, 1, _("the catalogue was changed, but the assessment could not be read "
                            "again: %s; close it and open it again"), err->msg);
        return -3;
    }
    return n;
}

static void save(struct tui *t, struct form *f, const struct coop *e, const struct catalog *cat)
{
    struct change ch = { e, NULL, f->drop_ok, { 0 }, 0 };
    struct cc_err err;
    char *id = xstrdup(f->id);
    int n, unsaved = 0;
    if (strcmp(cat->id, f->catalog) != 0)
        ch.cat = cat;
    if (f->mode == FORM_LIST)
        n = save_listed(t, f->id, &ch, &err);
    else {
        n = save_open(t, f, &ch, &err);
        unsaved = n > 0 && t->av->unsaved;
    }
    if (n == -2) {
        ask_drop(t, f, &ch);
    } else if (n == -1) {
        refuse(f, -1, "%s", err.msg);
    } else {
        screen_close(t, &f->base);
        if (unsaved || n == -3) {
            /* edit_save's or save_open's message stands */
        } else if (n == 0) {
            tui_message(t, 0, _("nothing was changed in the details of %s"), id);
        } else if (ch.cat && ch.lost.n) {
            tui_message(t, 0, P_("saved: %s now uses catalogue %s, version %s; %zu answer was "
                                 "dropped (the snapshots keep it); review the moved answers",
                                 "saved: %s now uses catalogue %s, version %s; %zu answers were "
                                 "dropped (the snapshots keep them); review the moved answers",
                                 ch.lost.n),
                        id, ch.cat->id, ch.cat->version, ch.lost.n);
        } else if (ch.cat) {
            tui_message(t, 0, P_("saved: %s now uses catalogue %s, version %s (%zu question to "
                                 "review)",
                                 "saved: %s now uses catalogue %s, version %s (%zu questions to "
                                 "review)", ch.review),
                        id, ch.cat->id, ch.cat->version, ch.review);
        } else {
            tui_message(t, 0, P_("saved: %d detail of %s changed (with who changed it and when)",
                                 "saved: %d details of %s changed (with who changed them and when)",
                                 n),
                        n, id);
        }
        if (f->rescreen)
            screening_rerun(t, 1);   /* when lists are installed */
    }
    f->rescreen = 0;
    strlist_release(&ch.lost);
    free(id);
}

void form_submit(struct tui *t, struct form *f)
{
    const struct catalog *cat;
    struct coop e;
    f->error[0] = '\0';
    if (read_form(f, &e) == 0 && read_catalog(t, f, &cat) == 0) {
        if (f->mode == FORM_NEW)
            create(t, f, &e, cat);
        else
            save(t, f, &e, cat);
    }
    coop_release(&e);
}
