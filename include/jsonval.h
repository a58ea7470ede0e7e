/* jsonval.h — table-driven validation of JSON objects read with jsondoc.
 *
 * Each kind of object is described by a table of allowed keys with their
 * types; jv_check_object() reports unknown, missing and mistyped keys with the
 * file:line:column of the offending key.  Problems are collected (the first
 * one in err, all of them in diags when given) so that a validator can report
 * everything in one run. */
#ifndef COOPCHECK_JSONVAL_H
#define COOPCHECK_JSONVAL_H

#include <stddef.h>

#include "catalog.h"
#include "jsondoc.h"
#include "util.h"

struct jv {
    const struct jsondoc *doc;
    struct strlist *diags;   /* may be NULL */
    struct cc_err *err;      /* receives the first problem; may be NULL */
    int nerr;
};

enum jv_type { JV_STRING, JV_NUMBER, JV_BOOL, JV_OBJECT, JV_ARRAY, JV_STRING_OR_NULL,
               JV_STRING_OR_ARRAY, JV_OBJECT_OR_NULL, JV_ANY };

struct jv_key {
    const char *key;
    enum jv_type type;
    int required;
};

/* Records a problem at node ("FILE:LINE:COL: message"). */
void jv_error(struct jv *v, const cJSON *node, const char *fmt, ...) CC_PRINTF(3, 4);
/* Checks obj against keys; 0 when every required key is present with the
 * right type (unknown keys are reported but do not make it fail). */
int jv_check_object(struct jv *v, const cJSON *obj, const char *what,
                    const struct jv_key *keys, size_t nkeys);
/* Appends " (and N more problems)" to err when there was more than one. */
void jv_finish(struct jv *v);
/* Case-sensitive member look-up. */
const cJSON *jv_get(const cJSON *obj, const char *key);

#endif
