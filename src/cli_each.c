/* cli_each.c — every cooperation of the data directory loaded, for list and
 * due (coop_set_each, cli_int.h): store_each (store_each.c, which loads them
 * in several threads), with what did not load said on stderr in the order of
 * the ids. */
#include "cli_int.h"

#include <string.h>

struct each_ctx {
    struct ctx *c;
    int all;
    struct coop_set *set;
    coop_fn *each;
    void *arg;
};

static void each_one(void *arg, const struct store_item *x)
{
    struct each_ctx *e = arg;
    if (x->r < 0) {
        say_error("%s", x->err.msg);
        e->set->bad = 1;
        return;
    }
    if (x->r > 0)
        say_error("%s", x->serr.msg);
    if (!e->all && x->a->coop.archived.at) {
        e->set->hidden++;
    } else {
        e->set->shown++;
        e->each(e->c, e->arg, x->a, &x->snaps, &x->due);
    }
}

int coop_set_each(struct ctx *c, int all, int with_snaps, struct coop_set *set, coop_fn *each,
                  void *arg)
{
    struct each_ctx e = { c, all, set, each, arg };
    struct cc_err err;
    memset(set, 0, sizeof(*set));
    /* the catalogues here, before any thread */
    if (store_each(c->data, cli_cats(c), with_snaps, each_one, &e, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    return 0;
}
