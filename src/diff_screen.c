/* diff_screen.c — what changed in the partner screening between two
 * versions of an assessment: the last screening of each (when, against
 * which lists) and its hits, known by partner, list and entry, with their
 * decisions. */
#include "diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "screening.h"

/* "2026-12-02: aspi, csl" */
static char *screening_text(const struct screening *s)
{
    struct sbuf sb;
    if (!s)
        return NULL;
    sbuf_init(&sb);
    sbuf_addf(&sb, "%.10s:", s->at);
    for (size_t i = 0; i < s->nlists; i++)
        sbuf_addf(&sb, "%s%s (%.10s)", i ? ", " : " ", s->lists[i].name, s->lists[i].retrieved);
    if (!s->nlists)
        sbuf_addf(&sb, " %s", _("no list"));
    return sbuf_detach(&sb, NULL);
}

/* "\"HIT\" matches \"Harbin Institute of Technology\" (score 100); the same entity: note" */
static char *hit_text(const struct hit *h)
{
    struct sbuf sb;
    if (!h)
        return NULL;
    sbuf_init(&sb);
    sbuf_addf(&sb, _("\"%s\" matches \"%s\" (score %d)"), h->alias, h->matched, h->score);
    sbuf_addf(&sb, "; %s", verdict_text(h->d.verdict));
    if (h->d.note)
        sbuf_addf(&sb, ": %s", h->d.note);
    return sbuf_detach(&sb, NULL);
}

static char *hit_what(const struct hit *h)
{
    return xasprintf("%s / %s %s", h->partner, h->list, h->entry_id);
}

void screening_diff(const struct assessment *old, const struct assessment *new_,
                    struct assessment_diff *out)
{
    const struct screening *so = assessment_last_screening(old);
    const struct screening *sn = assessment_last_screening(new_);
    if (so != sn && (!so || !sn || strcmp(so->at, sn->at) != 0))
        officer_change_add(out, OK_SCREEN, xstrdup("screening"), screening_text(so),
                           screening_text(sn), sn ? sn->by : NULL, sn ? sn->at : NULL);
    for (size_t i = 0; sn && i < sn->nhits; i++) {
        const struct hit *h = &sn->hits[i];
        officer_change_add(out, OK_HIT, hit_what(h), hit_text(screening_find_hit(so, h)), hit_text(h),
                           h->d.by, h->d.at);
    }
    for (size_t i = 0; so && i < so->nhits; i++)
        if (!screening_find_hit(sn, &so->hits[i]))
            officer_change_add(out, OK_HIT, hit_what(&so->hits[i]), hit_text(&so->hits[i]), NULL,
                               NULL, NULL);
}
