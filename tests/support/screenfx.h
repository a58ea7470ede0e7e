/* screenfx.h — the screening fixture and its measurement, shared by
 * tests/test_names.c and bench/screening_quality.c (no cmocka here).
 *
 * The list is a MISP galaxy cluster (tests/data/lists/aspi.json), read with
 * cJSON directly: values[].value (a trailing "(中文名)" split off as a name of
 * its own) and values[].meta.aliases.  The pairs are bench/screening/pairs.tsv:
 * "alias<TAB>entry name<TAB>1|0<TAB>kind", '#' lines and blank lines left out.
 *
 * A pair is scored as screening does it: its alias against every name of the
 * entry that has the pair's entry name among its names, the highest score. */
#ifndef COOPCHECK_SCREENFX_H
#define COOPCHECK_SCREENFX_H

#include <stddef.h>

#include "names.h"

struct sfx_entry {
    char *value;            /* as in the file */
    char **names;           /* value split, and the aliases */
    struct name_form *forms;
    size_t n;
};

struct sfx_list {
    struct sfx_entry *v;
    size_t n;
};

struct sfx_pair {
    char *alias, *entry, *kind;
    int label;              /* 1 the same institution, 0 another */
    size_t line;
};

struct sfx_pairs {
    struct sfx_pair *v;
    size_t n;
};

/* 0, or -1 with a message in err. */
int sfx_load_list(const char *path, struct sfx_list *l, char *err, size_t errlen);
void sfx_list_release(struct sfx_list *l);
int sfx_load_pairs(const char *path, struct sfx_pairs *p, char *err, size_t errlen);
void sfx_pairs_release(struct sfx_pairs *p);

/* The entry with a name equal to s (as written), or -1. */
long sfx_find_entry(const struct sfx_list *l, const char *s);

/* scores[i]: pair i's alias against its entry's names, 0..100, and kinds[i]
 * (may be NULL) how.  -1 with a message when a pair's entry is not in the
 * list or an alias is not valid UTF-8. */
int sfx_score_pairs(const struct sfx_list *l, const struct sfx_pairs *p, int *scores,
                    enum match_kind *kinds, char *err, size_t errlen);

struct sfx_counts {
    size_t tp, fp, fn, tn;
};
void sfx_count(const struct sfx_pairs *p, const int *scores, int threshold, struct sfx_counts *c);
double sfx_recall(const struct sfx_counts *c);
double sfx_precision(const struct sfx_counts *c);

#endif
