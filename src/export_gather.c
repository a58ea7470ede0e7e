/* export_gather.c — see export_gather.h. */
#include "export_gather.h"

#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "store.h"

/* The base snapshot of a's round, or why it is not there. */
static void gather_base(struct export_gathered *g, const char *data, const char *id,
                        const struct catalog_set *cats, const struct assessment *a)
{
    struct cc_err err;
    if (!a->round_based_on)
        return;
    memset(&err, 0, sizeof(err));
    if (store_load_snapshot(data, id, a->round_based_on, cats, &g->base, &err) != 0) {
        g->base = NULL;
        g->base_problem = xstrdup(err.msg);
    }
}

/* The approvals of snapshot a, from the working assessment, checked. */
static void gather_approvals(struct export_gathered *g, const char *data, const char *id,
                             const struct catalog_set *cats, const struct assessment *a,
                             const struct assessment *working, const char *allowed)
{
    struct assessment view;
    struct cc_err err;
    size_t n = 0;
    if (!a->snap || !a->snap->name)
        return;
    memset(&err, 0, sizeof(err));
    if (!working) {
        if (store_load(data, id, cats, &g->working, &err) != 0) {
            g->working = NULL;
            g->approvals_problem = xstrdup(err.msg);
            return;
        }
        working = g->working;
    }
    g->approvals = xcalloc(working->napprovals + 1, sizeof(*g->approvals));
    for (size_t i = 0; i < working->napprovals; i++)
        if (working->approvals[i].snapshot &&
            strcmp(working->approvals[i].snapshot, a->snap->name) == 0)
            g->approvals[n++] = working->approvals[i];   /* shallow: the working one owns them */
    /* approvals_check reads the cooperation's id and the approvals: a view
     * of the working assessment with only this snapshot's, so that only
     * their signatures are checked */
    view = *working;
    view.approvals = g->approvals;
    view.napprovals = n;
    g->checks = approvals_check(data, &view, allowed);
    g->x.approvals = g->approvals;
    g->x.napprovals = n;
    g->x.checks = g->checks;
}

void export_gather(struct export_gathered *g, const char *data, const char *id,
                   const struct catalog_set *cats, const struct assessment *a,
                   const struct assessment *working, const char *allowed,
                   const struct strlist *required, const char *now)
{
    memset(g, 0, sizeof(*g));
    gather_base(g, data, id, cats, a);
    gather_approvals(g, data, id, cats, a, working, allowed);
    if (now && strlen(now) >= 10) {
        memcpy(g->today, now, 10);
        g->today[10] = '\0';
        g->x.today = g->today;
    }
    g->x.base = g->base;
    g->x.base_problem = g->base_problem;
    g->x.approvals_problem = g->approvals_problem;
    g->x.required = required;
}

void export_gathered_release(struct export_gathered *g)
{
    assessment_free(g->base);
    assessment_free(g->working);
    free(g->approvals);
    free(g->checks);
    free(g->base_problem);
    free(g->approvals_problem);
    memset(g, 0, sizeof(*g));
}
