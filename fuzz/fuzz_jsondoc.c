/* fuzz_jsondoc.c — jsondoc_parse, the strict JSON reader under every
 * catalogue and assessment file.
 *
 * Input: the whole file.  Parsed with and without JSONDOC_NO_CASE_VARIANTS.
 * Invariants: a refusal has a message; every node of an accepted document has
 * a position of line >= 1, column >= 1; jsondoc_print's text of an accepted
 * document is accepted again and prints the same (a fixed point). */
#include "fuzz.h"

#include "jsondoc.h"

static void walk(const struct jsondoc *doc, const cJSON *node, int depth)
{
    FZ_CHECK(depth <= JSONDOC_MAX_DEPTH + 1);
    for (; node; node = node->next) {
        struct json_pos p = jsondoc_pos(doc, node), k = jsondoc_key_pos(doc, node);
        FZ_CHECK(p.line >= 1 && p.col >= 1);
        FZ_CHECK(k.line >= 1 && k.col >= 1);
        if (node->child)
            walk(doc, node->child, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (unsigned flags = 0; flags <= JSONDOC_NO_CASE_VARIANTS; flags += JSONDOC_NO_CASE_VARIANTS) {
        struct cc_err err;
        struct jsondoc *doc, *again;
        char *text, *text2;

        err.msg[0] = '\0';
        doc = jsondoc_parse((const char *)data, size, "fuzz.json", flags, &err);
        if (!doc) {
            FZ_CHECK(err.msg[0] != '\0');
            continue;
        }
        walk(doc, jsondoc_root(doc), 0);
        (void)jsondoc_error(doc, jsondoc_root(doc), &err, "at the root");

        text = jsondoc_print(jsondoc_root(doc));
        FZ_CHECK(text != NULL);
        again = jsondoc_parse(text, strlen(text), "printed.json", flags, &err);
        FZ_CHECK(again != NULL);
        text2 = jsondoc_print(jsondoc_root(again));
        FZ_CHECK(text2 != NULL && strcmp(text, text2) == 0);
        free(text2);
        free(text);
        jsondoc_free(again);
        jsondoc_free(doc);
    }
    return 0;
}
