/* screening_quality.c — `make bench`: how well names.c tells the same
 * institution from another, and how fast.
 *
 * Reads the labelled pairs bench/screening/pairs.tsv and the list
 * tests/data/lists/aspi.json (argv[1] and argv[2], else those paths under the
 * current directory), scores every pair as screening does (the alias
 * against every name of its entry, the highest score), and prints recall
 * and precision at NAME_THRESHOLD_DEFAULT, a table for thresholds 70 to 95,
 * the pairs decided wrongly at the default, and the time one alias takes
 * against every name of the list.  A report: exits 0 unless a file cannot
 * be read.  With --rows it also prints the rows of benchrow.h for
 * bench/run.py. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "benchrow.h"
#include "names.h"
#include "screenfx.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_table(const struct sfx_pairs *p, const int *scores)
{
    printf("\n  threshold  recall  precision    tp   fp   fn   tn\n");
    for (int t = 70; t <= 95; t += 5) {
        struct sfx_counts c;
        sfx_count(p, scores, t, &c);
        printf("  %9d  %6.3f  %9.3f  %4zu %4zu %4zu %4zu%s\n", t, sfx_recall(&c),
               sfx_precision(&c), c.tp, c.fp, c.fn, c.tn,
               t == NAME_THRESHOLD_DEFAULT ? "   (default)" : "");
    }
}

static void print_wrong(const struct sfx_pairs *p, const int *scores, const enum match_kind *k)
{
    printf("\n  decided wrongly at %d:\n", NAME_THRESHOLD_DEFAULT);
    for (size_t i = 0; i < p->n; i++) {
        int hit = scores[i] >= NAME_THRESHOLD_DEFAULT;
        if (hit != p->v[i].label)
            printf("    %s %3d %-8s %s  |  %s  (%s)\n", hit ? "false hit " : "missed    ", scores[i],
                   match_kind_name(k[i]), p->v[i].alias, p->v[i].entry, p->v[i].kind);
    }
}

/* Every alias of the pairs against every name of the list, normalising the
 * alias each time: microseconds per alias and per comparison. */
static void print_speed(const struct sfx_list *l, const struct sfx_pairs *p)
{
    size_t names = 0;
    for (size_t i = 0; i < l->n; i++)
        names += l->v[i].n;
    double t0 = now();
    long sum = 0;
    for (size_t i = 0; i < p->n; i++) {
        struct name_form a;
        if (name_normalize(p->v[i].alias, &a) != 0)
            continue;
        for (size_t e = 0; e < l->n; e++)
            for (size_t j = 0; j < l->v[e].n; j++)
                sum += name_score(&a, &l->v[e].forms[j], NULL);
        name_form_release(&a);
    }
    double dt = now() - t0;
    printf("\n  speed: %zu aliases x %zu names in %.3f s: %.1f us per alias, %.3f us per "
           "comparison (checksum %ld)\n",
           p->n, names, dt, dt * 1e6 / (double)p->n, dt * 1e6 / (double)(p->n * names), sum);
    {
        char notes[96];
        snprintf(notes, sizeof(notes), "%zu aliases x %zu names of the list", p->n, names);
        benchrow("screening", "one alias against every name of the list", dt * 1e3 / (double)p->n,
                 "ms", NULL, -1, notes);
    }
}

int main(int argc, char **argv)
{
    const char *pairs_path, *list_path;
    char err[512];
    struct sfx_list l;
    struct sfx_pairs p;
    argc = benchrow_args(argc, argv);
    pairs_path = argc > 1 ? argv[1] : "bench/screening/pairs.tsv";
    list_path = argc > 2 ? argv[2] : "tests/data/lists/aspi.json";
    if (sfx_load_list(list_path, &l, err, sizeof(err)) != 0 ||
        sfx_load_pairs(pairs_path, &p, err, sizeof(err)) != 0) {
        fprintf(stderr, "screening_quality: %s\n", err);
        return 1;
    }
    int *scores = calloc(p.n + 1, sizeof(*scores));
    enum match_kind *kinds = calloc(p.n + 1, sizeof(*kinds));
    if (!scores || !kinds || sfx_score_pairs(&l, &p, scores, kinds, err, sizeof(err)) != 0) {
        fprintf(stderr, "screening_quality: %s\n", scores && kinds ? err : "out of memory");
        return 1;
    }
    struct sfx_counts c;
    sfx_count(&p, scores, NAME_THRESHOLD_DEFAULT, &c);
    printf("screening names: %zu pairs (%zu same, %zu different), %zu list entries\n", p.n,
           c.tp + c.fn, c.fp + c.tn, l.n);
    printf("  at the default threshold %d: recall %.3f, precision %.3f\n", NAME_THRESHOLD_DEFAULT,
           sfx_recall(&c), sfx_precision(&c));
    {
        char notes[96];
        snprintf(notes, sizeof(notes), "%zu labelled pairs, threshold %d", p.n,
                 NAME_THRESHOLD_DEFAULT);
        benchrow("screening", "recall at the default threshold", sfx_recall(&c), "", NULL, -1, notes);
        benchrow("screening", "precision at the default threshold", sfx_precision(&c), "", NULL, -1,
                 notes);
    }
    print_table(&p, scores);
    print_wrong(&p, scores, kinds);
    print_speed(&l, &p);
    free(scores);
    free(kinds);
    sfx_pairs_release(&p);
    sfx_list_release(&l);
    return 0;
}
