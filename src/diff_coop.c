/* diff_coop.c — what changed in the cooperation's own data between two
 * rounds: title, partners with their aliases, country, PI, start date,
 * interval, catalogue version and id (coop_field_text), each with who
 * changed it when. */
#include "diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void coop_diff(const struct assessment *old, const struct assessment *new_, struct assessment_diff *out)
{
    static const enum coop_field order[] = { CF_ID, CF_TITLE, CF_PARTNERS, CF_COUNTRY, CF_PI,
                                             CF_START, CF_INTERVAL, CF_CATALOG };
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        char *o = coop_field_text(old, order[i]), *n = coop_field_text(new_, order[i]);
        struct coop_change *ch;
        if (strcmp(o ? o : "", n ? n : "") == 0) {
            free(o);
            free(n);
            continue;
        }
        out->coop = xrealloc(out->coop, (out->ncoop + 1) * sizeof(*out->coop));
        ch = &out->coop[out->ncoop++];
        ch->field = order[i];
        ch->old = o;
        ch->new_ = n;
        ch->stamp = &new_->coop.changed[order[i]];
    }
}
