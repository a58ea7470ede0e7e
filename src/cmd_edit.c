/* cmd_edit.c — edit: the cooperation's own data (title, partners with their
 * aliases, country, principal investigator, start, interval, catalogue) as
 * one read-modify-write under the write lock; every change is stamped with
 * who made it and when (coop_apply_edit, assessment_recatalog) and printed.
 * See cli_int.h. */
#include "cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "words.h"

static struct {
    const char *title, *country, *pi, *start, *interval, *catalog;
    struct strlist partners, add, remove;
    int force;
} edit_o;

static const struct opt edit_opts[] = {
    { "title", 't', OPT_VALUE, &edit_o.title }, { "partner", 'p', OPT_LIST, &edit_o.partners },
    { "add-partner", 0, OPT_LIST, &edit_o.add }, { "remove-partner", 0, OPT_LIST, &edit_o.remove },
    { "country", 0, OPT_VALUE, &edit_o.country }, { "pi", 0, OPT_VALUE, &edit_o.pi },
    { "start", 0, OPT_VALUE, &edit_o.start }, { "interval", 0, OPT_VALUE, &edit_o.interval },
    { "catalog", 0, OPT_VALUE, &edit_o.catalog }, { "force", 0, OPT_FLAG, &edit_o.force },
};

/* The partners the options give: --partner's list (repl) and --add-partner's
 * (adds), parsed. */
struct edit_partners {
    struct coop repl, adds;
};

/* The options checked before anything is read: 0 or EXIT_USAGE. */
static int edit_check(long *iv, struct edit_partners *p)
{
    const char *const given[] = { edit_o.title, edit_o.country, edit_o.pi };
    static const char *const names[] = { "--title", "--country", "--pi" };
    int rc, any = edit_o.title || edit_o.country || edit_o.pi || edit_o.start || edit_o.interval ||
                  edit_o.catalog || edit_o.partners.n || edit_o.add.n || edit_o.remove.n;
    if (edit_o.force && !edit_o.catalog)
        return usage_error("edit", _("--force goes with --catalog (it drops the answers the "
                                     "other catalogue has no place for)"));
    if (!any)
        return usage_error("edit", _("nothing to change: say what, for example --title TITLE, "
                                     "--add-partner \"NAME; ALIAS\" or --interval MONTHS"));
    if (edit_o.partners.n && (edit_o.add.n || edit_o.remove.n))
        return usage_error("edit", _("--partner replaces the whole list of partners; give it "
                                     "alone, or change the list with --add-partner and "
                                     "--remove-partner"));
    if (edit_o.title && !*edit_o.title)
        return usage_error("edit", _("the title cannot be empty"));
    for (size_t i = 0; i < CC_ARRAY_LEN(given); i++)
        if (given[i] && !plain_text(given[i], 0))
            return usage_error("edit", _("the value of %s contains control characters or invalid "
                                         "UTF-8; give plain text"), names[i]);
    if (edit_o.interval && (rc = months_arg("edit", edit_o.interval, iv)) != 0)
        return rc;
    if (edit_o.start && *edit_o.start && (rc = date_arg("edit", edit_o.start)) != 0)
        return rc;
    /* --partner "" alone: no partners at all */
    for (size_t i = 0; i < edit_o.partners.n && !(edit_o.partners.n == 1 && !*edit_o.partners.v[0]); i++)
        if ((rc = partner_arg("edit", "--partner", edit_o.partners.v[i], &p->repl)) != 0)
            return rc;
    for (size_t i = 0; i < edit_o.add.n; i++)
        if ((rc = partner_arg("edit", "--add-partner", edit_o.add.v[i], &p->adds)) != 0)
            return rc;
    for (size_t i = 0; i < edit_o.remove.n; i++)
        if (!plain_text(edit_o.remove.v[i], 0))
            return usage_error("edit", _("a partner name contains control characters or invalid "
                                         "UTF-8 (--remove-partner \"%s\"); give plain text"),
                               edit_o.remove.v[i]);
    return 0;
}

/* dst's partners become src's, without the one at index skip (-1: none). */
static void partners_from(struct coop *dst, const struct coop *src, long skip)
{
    struct coop fresh;
    memset(&fresh, 0, sizeof(fresh));
    for (size_t i = 0; i < src->partners.n; i++)
        if ((long)i != skip)
            coop_add_partner(&fresh, src->partners.v[i], coop_aliases(src, i));
    for (size_t i = 0; dst->aliases && i < dst->partners.n; i++)
        strlist_release(&dst->aliases[i]);
    free(dst->aliases);
    strlist_release(&dst->partners);
    dst->partners = fresh.partners;
    dst->aliases = fresh.aliases;
}

static long partner_index(const struct coop *co, const char *name)
{
    for (size_t i = 0; i < co->partners.n; i++)
        if (strcmp(co->partners.v[i], name) == 0)
            return (long)i;
    return -1;
}

/* --remove-partner and --add-partner on e: 0 or an exit status. */
static int edit_partner_list(struct coop *e, const struct coop *adds)
{
    for (size_t i = 0; i < edit_o.remove.n; i++) {
        long at = partner_index(e, edit_o.remove.v[i]);
        if (at < 0) {
            struct sbuf names;
            sbuf_init(&names);
            for (size_t k = 0; k < e->partners.n; k++)
                sbuf_addf(&names, "%s\"%s\"", k ? ", " : "", e->partners.v[k]);
            say_error(_("cooperation \"%s\" has no partner \"%s\"; its partners are: %s (give the "
                        "name without its aliases); nothing was changed"), e->id,
                      edit_o.remove.v[i], names.len ? names.buf : _("none"));
            sbuf_release(&names);
            return EXIT_NOTFOUND;
        }
        partners_from(e, e, at);
    }
    for (size_t i = 0; i < adds->partners.n; i++) {
        if (partner_index(e, adds->partners.v[i]) >= 0) {
            say_error(_("cooperation \"%s\" has the partner \"%s\" already; to change its aliases, "
                        "remove and add it in one command: --remove-partner \"%s\" --add-partner "
                        "\"%s; ALIAS\"; nothing was changed"), e->id, adds->partners.v[i],
                      adds->partners.v[i], adds->partners.v[i]);
            return EXIT_CONFLICT;
        }
        coop_add_partner(e, adds->partners.v[i], coop_aliases(adds, i));
    }
    return 0;
}

static void take(char **dst, const char *src)
{
    free(*dst);
    *dst = src && *src ? xstrdup(src) : NULL;
}

/* The cooperation's data as the options change it. */
static int edit_build(struct coop *e, long iv, const struct edit_partners *p)
{
    if (edit_o.title)
        take(&e->title, edit_o.title);
    if (edit_o.country)
        take(&e->country, edit_o.country);
    if (edit_o.pi)
        take(&e->pi, edit_o.pi);
    if (edit_o.start)
        take(&e->start, edit_o.start);
    if (edit_o.interval)
        e->interval_months = (int)iv;
    if (edit_o.partners.n)
        partners_from(e, &p->repl, -1);
    return edit_partner_list(e, &p->adds);
}

/* --catalog: the answers moved to it (*moved 1), or refused when some would
 * be lost without --force.  0 or an exit status. */
static int edit_catalog(struct ctx *c, struct assessment *a, const char *who, const char *now,
                        struct sbuf *out, int *moved)
{
    const struct catalog *cat;
    struct strlist lost = { 0 };
    char *from;
    int rc = 0;
    if (!(cat = pick_catalog(c, edit_o.catalog, &rc)))
        return rc;
    if (strcmp(cat->id, a->catalog_id) == 0 && strcmp(cat->version, a->catalog_version) == 0)
        return 0;
    from = xasprintf(_("%s, version %s"), a->catalog_id, a->catalog_version);
    if (assessment_recatalog(a, cat, edit_o.force, &lost, who, now) != 0) {
        struct sbuf list;
        sbuf_init(&list);
        for (size_t i = 0; i < lost.n; i++)
            sbuf_addf(&list, "\n  %s", lost.v[i]);
        say_error(P_("catalogue \"%s\" version %s has no place for %zu answer of \"%s\":%s\n"
                     "  Nothing was changed.  --force moves the other answers and drops it (the "
                     "snapshots keep it).",
                     "catalogue \"%s\" version %s has no place for %zu answers of \"%s\":%s\n"
                     "  Nothing was changed.  --force moves the other answers and drops them (the "
                     "snapshots keep them).", lost.n),
                  cat->id, cat->version, lost.n, a->coop.id, list.buf);
        sbuf_release(&list);
        rc = EXIT_DATA;
    } else {
        putf(out, _("%s: %s: %s -> %s, version %s (%zu questions to review)\n"), a->coop.id,
             coop_field_label(CF_CATALOG), from, cat->id, cat->version, assessment_to_review(a));
        for (size_t i = 0; i < lost.n; i++)
            putf(out, _("%s: dropped the answer %s (the catalogue has no place for it)\n"),
                 a->coop.id, lost.v[i]);
        *moved = 1;
    }
    strlist_release(&lost);
    free(from);
    return rc;
}

static void put_value(struct sbuf *out, const char *v)
{
    if (v)
        putf(out, "\"%s\"", v);
    else
        put(out, _("(none)"));
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void report_value(struct sbuf *out, const char *id, enum coop_field f, const char *old,
                         const char *now)
{
    if (same(old, now))
        return;
    putf(out, "%s: %s: ", id, coop_field_label(f));
    put_value(out, old);
    put(out, " -> ");
    put_value(out, now);
    sbuf_addc(out, '\n');
}

/* 1 when partner i of a is in b (same name and aliases). */
static int partner_in(const struct coop *a, size_t i, const struct coop *b)
{
    struct sbuf x, y;
    int found = 0;
    sbuf_init(&x);
    sbuf_init(&y);
    coop_partner_text(&x, a, i);
    for (size_t k = 0; k < b->partners.n && !found; k++) {
        sbuf_reset(&y);
        coop_partner_text(&y, b, k);
        found = strcmp(x.buf, y.buf) == 0;
    }
    sbuf_release(&x);
    sbuf_release(&y);
    return found;
}

static void report_partners(struct sbuf *out, const char *id, const struct coop *old,
                            const struct coop *now)
{
    struct sbuf line;
    size_t n = 0;
    if (coop_same_partners(old, now))
        return;
    sbuf_init(&line);
    putf(out, "%s: %s:\n", id, coop_field_label(CF_PARTNERS));
    for (int pass = 0; pass < 2; pass++) {
        const struct coop *from = pass ? now : old, *other = pass ? old : now;
        for (size_t i = 0; i < from->partners.n; i++) {
            if (partner_in(from, i, other))
                continue;
            sbuf_reset(&line);
            coop_partner_text(&line, from, i);
            putf(out, "  %c %s\n", pass ? '+' : '-', line.buf);
            n++;
        }
    }
    if (!n) {
        sbuf_reset(&line);
        for (size_t i = 0; i < now->partners.n; i++)
            sbuf_addf(&line, "%s%s", i ? ", " : "", now->partners.v[i]);
        putf(out, _("  in this order: %s\n"), line.buf);
    }
    sbuf_release(&line);
}

static void edit_report(struct sbuf *out, const struct assessment *a, const struct coop *old)
{
    const struct coop *now = &a->coop;
    const char *id = now->id;
    report_value(out, id, CF_TITLE, old->title, now->title);
    report_partners(out, id, old, now);
    report_value(out, id, CF_COUNTRY, old->country, now->country);
    report_value(out, id, CF_PI, old->pi, now->pi);
    report_value(out, id, CF_START, old->start, now->start);
    if (old->interval_months != now->interval_months)
        putf(out, "%s: %s: %d -> %d\n", id, coop_field_label(CF_INTERVAL), old->interval_months,
             now->interval_months);
    if (old->interval_months != now->interval_months || !same(old->start, now->start)) {
        struct store_due d;
        store_due(a, &d);
        putf(out, _("%s: the next re-assessment is due %s\n"), id, d.next);
    }
}

/* The whole edit under the write lock; the changes printed into out.  0 or
 * an exit status. */
static int edit_apply(struct ctx *c, const char *id, long iv, const struct edit_partners *p,
                      struct sbuf *out)
{
    struct assessment *a = NULL;
    struct store_w w = { .dirfd = -1, .lockfd = -1 };
    struct coop before, e;
    struct cc_err err;
    char now[CC_ISO_LEN], *who = cc_user();
    int rc, n = 0, moved = 0;

    memset(&before, 0, sizeof(before));
    memset(&e, 0, sizeof(e));
    if ((rc = open_for_writing(c, id, &w, &a)) == 0) {
        cc_now(now);
        coop_copy(&before, &a->coop);
        coop_copy(&e, &a->coop);
        if ((rc = edit_build(&e, iv, p)) == 0 && (n = coop_apply_edit(a, &e, who, now, &err)) < 0)
            rc = cli_fail(&err, EXIT_DATA);
    }
    if (rc == 0 && edit_o.catalog)
        rc = edit_catalog(c, a, who, now, out, &moved);
    if (rc == 0 && !n && !moved)
        putf(out, _("%s: nothing to change: it has these values already\n"), id);
    else if (rc == 0 && store_w_save(&w, a, &err) != 0)
        rc = cli_fail(&err, EXIT_SYSTEM);
    else if (rc == 0) {
        struct sbuf changes;
        sbuf_init(&changes);
        edit_report(&changes, a, &before);
        /* the catalogue's line (already in out) after the others */
        sbuf_adds(&changes, out->buf ? out->buf : "");
        sbuf_release(out);
        *out = changes;
    }
    coop_release(&before);
    coop_release(&e);
    store_w_close(&w);
    assessment_free(a);
    free(who);
    return rc;
}

static int cmd_edit(struct ctx *c, const struct strlist *pos)
{
    struct edit_partners p;
    struct sbuf out;
    long iv = 0;
    int rc;
    memset(&p, 0, sizeof(p));
    sbuf_init(&out);
    if ((rc = check_id("edit", pos->v[0])) == 0 && (rc = edit_check(&iv, &p)) == 0)
        rc = edit_apply(c, pos->v[0], iv, &p, &out);
    if (rc == 0)
        rc = flush_out(&out);
    /* new partners or aliases: screened again when lists are installed */
    if (rc == 0 && (edit_o.partners.n || edit_o.add.n || edit_o.remove.n))
        rc = screen_after_change(c, pos->v[0]);
    sbuf_release(&out);
    coop_release(&p.repl);
    coop_release(&p.adds);
    strlist_release(&edit_o.partners);
    strlist_release(&edit_o.add);
    strlist_release(&edit_o.remove);
    return rc;
}

const struct command cmd_edit_def = {
    "edit", "ID [--title T] [--partner \"NAME[; ALIAS]...\"]... [--add-partner P]...\n"
            "    [--remove-partner NAME]... [--country C] [--pi NAME] [--start YYYY-MM-DD]\n"
            "    [--interval MONTHS] [--catalog ID|FILE [--force]]",
    N_("change the cooperation's data (each change is recorded with who and when) and print what "
       "changed"), edit_opts, CC_ARRAY_LEN(edit_opts), 1, 1, CMD_COMMITS, cmd_edit,
};
