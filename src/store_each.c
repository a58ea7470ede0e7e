/* store_each.c — every cooperation of the data directory loaded, in the
 * order of the ids (list, due and the interface's list of cooperations).
 * See store.h.
 *
 * The cooperations are loaded a window at a time by as many threads as
 * there are processors (at most EACH_THREADS), each taking every n-th one of
 * the window; the window is then handed on in the order of the ids.  Loading
 * is the whole cost of listing (a parse of each working file, about 30 µs):
 * two processors halve it.  What a thread touches is its own (the loaded
 * assessment, its snapshots and messages); the catalogues are shared and
 * only read, and they are loaded before any thread starts.  The threads
 * block every signal, so a signal (a resize of the interface's terminal, an
 * interrupt) is taken by the caller's thread as before. */
#include "store.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EACH_WINDOW 256
#define EACH_THREADS 4

struct pool;

struct loader {
    struct pool *pool;
    size_t from;             /* this thread's: v[from], v[from + nt], ... */
};

struct pool {
    int datafd;
    const char *data;
    const struct catalog_set *cats;
    int with_snaps;
    struct store_item *v;    /* the window */
    size_t n;                /* its cooperations in this round */
    size_t nt;               /* shares of a round: v[k], v[k + nt], ... for k < nt */
    int done;                /* the last round: only free */
    pthread_mutex_t mu;
    pthread_cond_t go, idle;
    unsigned long round;     /* rounds begun */
    size_t busy;             /* threads not through this round yet */
    struct loader part[EACH_THREADS];
    pthread_t tid[EACH_THREADS];
    int started[EACH_THREADS];
};

/* One share of a round: what it loaded in the round before (and the caller
 * has been handed) freed — by the thread that allocated it, which is what
 * glibc's allocator is fast at — then its next ones loaded. */
static void round_part(struct pool *p, size_t from)
{
    for (size_t i = from; i < EACH_WINDOW; i += p->nt) {
        struct store_item *x = &p->v[i];
        if (x->a)
            assessment_free(x->a);
        strlist_release(&x->snaps);
        x->a = NULL;
        if (p->done || i >= p->n)
            continue;
        x->r = store_load_ro_snapshots(p->datafd, p->data, x->id, p->cats, &x->a,
                                       p->with_snaps ? &x->snaps : NULL, &x->err, &x->serr);
        /* a directory without a working file is no cooperation */
        x->none = x->r < 0 && x->err.code == ENOENT && p->datafd >= 0 &&
                  store_has_working(p->datafd, x->id) == 0;
        if (x->r >= 0)
            store_due(x->a, &x->due);
    }
}

static void *worker(void *arg)
{
    struct loader *l = arg;
    struct pool *p = l->pool;
    unsigned long seen = 0;
    int done = 0;
    pthread_mutex_lock(&p->mu);
    while (!done) {
        while (p->round == seen)
            pthread_cond_wait(&p->go, &p->mu);
        seen = p->round;
        done = p->done;
        pthread_mutex_unlock(&p->mu);
        round_part(p, l->from);
        pthread_mutex_lock(&p->mu);
        if (--p->busy == 0)
            pthread_cond_signal(&p->idle);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static size_t threads_wanted(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > EACH_THREADS ? EACH_THREADS : (size_t)n;
}

/* want shares, each with a thread of its own where one can be started (the
 * first is this thread's; this one also does those of threads that could
 * not be started).  The threads start with every signal blocked. */
static void pool_start(struct pool *p, size_t want)
{
    sigset_t all, old;
    p->nt = want;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->go, NULL);
    pthread_cond_init(&p->idle, NULL);
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (size_t k = 1; k < p->nt; k++) {
        p->part[k].pool = p;
        p->part[k].from = k;
        p->started[k] = pthread_create(&p->tid[k], NULL, worker, &p->part[k]) == 0;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* One round: every share done, this thread's among them. */
static void pool_round(struct pool *p)
{
    size_t workers = 0;
    for (size_t k = 1; k < p->nt; k++)
        workers += (size_t)p->started[k];
    pthread_mutex_lock(&p->mu);
    p->busy = workers;
    p->round++;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    round_part(p, 0);
    for (size_t k = 1; k < p->nt; k++)
        if (!p->started[k])
            round_part(p, k);
    pthread_mutex_lock(&p->mu);
    while (p->busy)
        pthread_cond_wait(&p->idle, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

static void pool_finish(struct pool *p)
{
    p->done = 1;     /* (read by the workers under the mutex, in pool_round) */
    pool_round(p);   /* each share frees what it loaded last */
    for (size_t k = 1; k < p->nt; k++)
        if (p->started[k])
            pthread_join(p->tid[k], NULL);
    pthread_cond_destroy(&p->idle);
    pthread_cond_destroy(&p->go);
    pthread_mutex_destroy(&p->mu);
}

int store_each(const char *data, const struct catalog_set *cats, int with_snaps,
               store_each_fn *each, void *arg, struct cc_err *err)
{
    struct strlist ids = { 0 };
    struct pool p;
    if (store_coop_dirs(data, &ids, err) != 0)
        return -1;
    memset(&p, 0, sizeof(p));
    p.cats = cats;
    p.data = data;
    p.with_snaps = with_snaps;
    p.datafd = ids.n ? store_open_data(data, err) : -1;   /* once, not for each */
    p.v = xcalloc(EACH_WINDOW, sizeof(*p.v));
    pool_start(&p, ids.n > 1 ? threads_wanted() : 1);
    for (size_t at = 0; at < ids.n; at += EACH_WINDOW) {
        p.n = ids.n - at < EACH_WINDOW ? ids.n - at : EACH_WINDOW;
        for (size_t i = 0; i < p.n; i++)
            p.v[i].id = ids.v[at + i];
        pool_round(&p);
        for (size_t i = 0; i < p.n; i++)
            if (!p.v[i].none)
                each(arg, &p.v[i]);
    }
    pool_finish(&p);
    free(p.v);
    if (p.datafd >= 0)
        close(p.datafd);
    strlist_release(&ids);
    return 0;
}
