/* screening_text.c — a screening said in words, for the command line, the
 * reports and the interface (see screening.h).  Absence of a hit is never
 * called "clear": it is "no entry found in" the lists named, with their
 * dates, and lists that were missing, unreadable or old are said as such. */
#include "screening.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* "aspi (retrieved 2026-11-30)" */
static void list_label(struct sbuf *sb, const struct screen_list *l)
{
    sbuf_addf(sb, _("%s (retrieved %.10s"), l->name, l->retrieved);
    if (l->version)
        sbuf_addf(sb, _(", version %s"), l->version);
    sbuf_addc(sb, ')');
}

static int list_has_hit(const struct screening *s, const char *name)
{
    for (size_t i = 0; i < s->nhits; i++)
        if (strcmp(s->hits[i].list, name) == 0)
            return 1;
    return 0;
}

static void push_joined(struct strlist *lines, const char *label, const struct strlist *l)
{
    struct sbuf sb;
    sbuf_init(&sb);
    sbuf_adds(&sb, label);
    for (size_t i = 0; i < l->n; i++)
        sbuf_addf(&sb, "%s%s", i ? ", " : " ", l->v[i]);
    strlist_push_owned(lines, sbuf_detach(&sb, NULL));
}

/* Lines for lists older than max_age days at the screening. */
static void old_lists(const struct screening *s, int max_age, struct strlist *lines)
{
    for (size_t i = 0; i < s->nlists; i++) {
        long days = screening_days(s->lists[i].retrieved, s->at);
        if (days > max_age)
            strlist_push_owned(lines, xasprintf(_("List %s was %ld days old at the screening "
                                                  "(older than %d days): fetch or add it again "
                                                  "and screen once more."),
                                                s->lists[i].name, days, max_age));
    }
}

void screening_summary(const struct screening *s, int max_age, struct strlist *lines)
{
    struct sbuf sb;
    size_t open, without = 0;

    if (max_age <= 0)
        max_age = LIST_MAX_AGE_DEFAULT;
    open = screening_undecided(s);
    strlist_push_owned(lines, xasprintf(P_("Screened on %.10s by %s against %zu list, "
                                           "threshold %d.",
                                           "Screened on %.10s by %s against %zu lists, "
                                           "threshold %d.", s->nlists),
                                        s->at, s->by, s->nlists, s->threshold));
    if (!s->nlists)
        strlist_push(lines, _("No list was installed or readable: the partners were not checked "
                              "against any list."));
    sbuf_init(&sb);
    for (size_t i = 0; i < s->nlists; i++) {
        if (list_has_hit(s, s->lists[i].name))
            continue;
        sbuf_adds(&sb, without++ ? ", " : "");
        list_label(&sb, &s->lists[i]);
    }
    if (without)
        strlist_push_owned(lines, xasprintf(_("No entry found in %s."), sb.buf));
    sbuf_release(&sb);
    old_lists(s, max_age, lines);
    if (s->missing.n)
        push_joined(lines, _("Not checked against (not installed):"), &s->missing);
    for (size_t i = 0; i < s->problems.n; i++)
        strlist_push(lines, s->problems.v[i]);
    if (s->nhits)
        strlist_push_owned(lines, xasprintf(P_("%zu hit, %zu not decided.",
                                               "%zu hits, %zu not decided.", s->nhits),
                                            s->nhits, open));
    strlist_push(lines, _("A hit is a similarity of names, not a finding; no hit does not mean "
                          "that a partner has no such links."));
}

void screening_hit_lines(const struct hit *h, struct strlist *lines)
{
    strlist_push_owned(lines, xasprintf(_("Partner \"%s\": its name \"%s\" matches \"%s\" in list "
                                          "%s, entry %s (%s, score %d)."),
                                        h->partner, h->alias, h->matched, h->list, h->entry_id,
                                        match_kind_text(h->kind), h->score));
    strlist_push_owned(lines, xasprintf(_("Normalised: \"%s\" and \"%s\"."), h->alias_norm,
                                        h->matched_norm));
    if (strcmp(h->entry_name, h->matched) != 0)
        strlist_push_owned(lines, xasprintf(_("Entry's name: %s"), h->entry_name));
    if (h->category)
        strlist_push_owned(lines, xasprintf(_("Category: %s"), h->category));
    if (h->note)
        strlist_push_owned(lines, xasprintf(_("Note: %s"), h->note));
    if (h->url)
        strlist_push_owned(lines, xasprintf(_("Reference: %s"), h->url));
    if (h->state == HS_CHANGED)
        strlist_push(lines, _("The entry changed since the last screening."));
    if (h->was.verdict != V_OPEN)
        strlist_push_owned(lines, xasprintf(_("Before: %s (%s, %.10s)%s%s"),
                                            verdict_text(h->was.verdict),
                                            h->was.by ? h->was.by : "", h->was.at ? h->was.at : "",
                                            h->was.note ? ": " : "", h->was.note ? h->was.note : ""));
    if (h->d.verdict == V_OPEN)
        strlist_push(lines, _("Decision: not decided"));
    else
        strlist_push_owned(lines, xasprintf(_("Decision: %s (%s, %.10s)%s%s"),
                                            verdict_text(h->d.verdict), h->d.by ? h->d.by : "",
                                            h->d.at ? h->d.at : "", h->d.note ? ": " : "",
                                            h->d.note ? h->d.note : ""));
}
