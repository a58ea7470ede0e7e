/* export_screen.c — the partner screening in the report (after its summary of
 * the answers, before the questions): the
 * lists used with their dates, what was not checked, and each hit with its
 * explanation and decision.  No hit is never called "clear". */
#include "export_int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "screening.h"

static void hit_item(struct sbuf *sb, const struct hit *h)
{
    sbuf_addf(sb, _("%s: \"%s\" matches \"%s\" on %s (entry %s; %s, score %d)"), h->partner,
              h->alias, h->matched, h->list, h->entry_id, match_kind_text(h->kind), h->score);
    if (h->category)
        sbuf_addf(sb, _("; category: %s"), h->category);
    if (h->url)
        sbuf_addf(sb, "; %s", h->url);
    sbuf_addf(sb, _(". Decision: %s"), verdict_text(h->d.verdict));
    if (h->d.verdict != V_OPEN)
        sbuf_addf(sb, " (%s, %.10s)", h->d.by ? h->d.by : "", h->d.at ? h->d.at : "");
    if (h->d.note)
        sbuf_addf(sb, ": %s", h->d.note);
}

void render_screening(const struct blocks *bl, struct rctx *c)
{
    const struct screening *s = assessment_last_screening(c->a);
    struct strlist lines = { 0 }, items = { 0 };
    struct sbuf sb;

    if (!s) {
        bl->para(c, _("The partners have not been screened against any list with coopcheck."));
        return;
    }
    screening_summary(s, c->x->list_max_age, &lines);
    for (size_t i = 0; i < lines.n; i++)
        bl->para(c, lines.v[i]);
    sbuf_init(&sb);
    for (size_t i = 0; i < s->nhits; i++) {
        sbuf_reset(&sb);
        hit_item(&sb, &s->hits[i]);
        strlist_push(&items, sb.buf);
    }
    if (items.n)
        bl->items(c, &items);
    sbuf_release(&sb);
    strlist_release(&items);
    strlist_release(&lines);
}
