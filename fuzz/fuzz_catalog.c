/* fuzz_catalog.c — catalog_parse, the loader and validator of question
 * catalogues (files a user may install or validate).
 *
 * Input: the whole file, with diagnostics collected.  Invariants: a refusal
 * has a message and at least one diagnostic and no catalogue; an accepted
 * catalogue has no diagnostics and every question is found again by id and by
 * number, every resource by id. */
#include <stdio.h>

#include "fuzz.h"

#include "catalog.h"

static int id_taken(const struct catalog *cat, const char *id)
{
    for (size_t i = 0; i < cat->nquestions; i++)
        if (strcmp(cat->questions[i].id, id) == 0)
            return 1;
    return 0;
}

static void use(const struct catalog *cat)
{
    for (size_t i = 0; i < cat->nquestions; i++) {
        const struct cat_question *q = &cat->questions[i];
        char num[32];
        FZ_CHECK(catalog_question(cat, q->id) == q);
        FZ_CHECK(catalog_question_index(cat, q) == (long)i);
        /* by number, unless another question's id is that very string (ids
         * may start with a digit: the id wins, see catalog_question) */
        snprintf(num, sizeof(num), "%d", q->number);
        if (!id_taken(cat, num))
            FZ_CHECK(catalog_question(cat, num) == q);
        FZ_CHECK(q->section < cat->nsections);
        for (size_t f = 0; f < q->nfields; f++)
            FZ_CHECK(cat_question_field(q, q->fields[f].id) == &q->fields[f]);
        for (int l = 0; l < LANG_COUNT; l++)
            FZ_CHECK(l10n_get(&q->text, (enum lang)l) != NULL);
    }
    for (size_t i = 0; i < cat->nsections; i++)
        FZ_CHECK(cat->sections[i].first + cat->sections[i].count <= cat->nquestions);
    for (size_t i = 0; i < cat->nresources; i++)
        FZ_CHECK(catalog_resource(cat, cat->resources[i].id) == &cat->resources[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct catalog *cat = NULL;
    struct strlist diags = { NULL, 0 };
    struct cc_err err;
    int rc;

    err.msg[0] = '\0';
    rc = catalog_parse((const char *)data, size, "fuzz.json", &cat, &diags, &err);
    if (rc == 0) {
        FZ_CHECK(cat != NULL && diags.n == 0);
        use(cat);
        catalog_free(cat);
    } else {
        FZ_CHECK(rc == -1 && cat == NULL && err.msg[0] != '\0' && diags.n >= 1);
    }
    strlist_release(&diags);
    return 0;
}
