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

static void create(struct tui *t, struct form *f, struct coop *e)
{
    const struct catalog *cat = catalog_set_find(&t->env->cats, CATALOG_DEFAULT_ID);
    struct assessment *a;
    struct cc_err err;
    char now[CC_ISO_LEN], *id = trimmed(f->fixed[FF_ID].text);
    if (!cat)
        cat = t->env->cats.n ? t->env->cats.v[0] : NULL;
    if (!coop_id_valid(id)) {
        refuse(f, (long)form_field_of_fixed(f, FF_ID), _("invalid id: %s"), coop_id_rule());
        free(id);
        return;
    }
    if (!cat) {
        refuse(f, -1, "%s", _("no catalogue is installed"));
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
    if (assess_open(t, id, NULL) == 0)
        tui_message(t, 0, _("cooperation %s created"), id);
    free(id);
}

/* ---- one that exists ---- */

/* Under the write lock: read, change, save.  The number of details changed,
 * or -1 with err. */
static int save_listed(struct tui *t, const char *id, const struct coop *e, struct cc_err *err)
{
    struct store_w w;
    struct assessment *a = NULL;
    char now[CC_ISO_LEN];
    int n = -1;
    if (store_w_open(t->env->data, id, &w, err) != 0)
        return -1;
    cc_now(now);
    if (store_w_load(&w, &t->env->cats, &a, err) == 0 &&
        (n = coop_apply_edit(a, e, t->who, now, err)) > 0 && store_w_save(&w, a, err) != 0)
        n = -1;
    assessment_free(a);
    store_w_close(&w);
    return n;
}

static void save(struct tui *t, struct form *f, const struct coop *e)
{
    struct cc_err err;
    char now[CC_ISO_LEN], *id = xstrdup(f->id);
    int n, unsaved = 0;
    if (f->mode == FORM_LIST) {
        n = save_listed(t, f->id, e, &err);
    } else {
        cc_now(now);
        n = coop_apply_edit(t->av->a, e, t->who, now, &err);
        if (n > 0) {
            edit_save(t);   /* says so when it fails; q then asks */
            unsaved = t->av->unsaved;
        }
    }
    if (n < 0) {
        refuse(f, -1, "%s", err.msg);
        free(id);
        return;
    }
    screen_close(t, &f->base);
    if (unsaved) {
        /* edit_save's message stands */
    } else if (n == 0) {
        tui_message(t, 0, _("nothing was changed in the details of %s"), id);
    } else {
        tui_message(t, 0, P_("saved: %d detail of %s changed (with who changed it and when)",
                             "saved: %d details of %s changed (with who changed them and when)", n),
                    n, id);
    }
    free(id);
}

void form_submit(struct tui *t, struct form *f)
{
    struct coop e;
    f->error[0] = '\0';
    if (read_form(f, &e) == 0) {
        if (f->mode == FORM_NEW)
            create(t, f, &e);
        else
            save(t, f, &e);
    }
    coop_release(&e);
}
