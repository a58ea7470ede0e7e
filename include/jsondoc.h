/* jsondoc.h — strict JSON parsing with source positions, on top of cJSON.
 *
 * cJSON alone accepts duplicate keys, invalid UTF-8, "\u0000" (which cuts a
 * string short) and cannot say where a value stands in the file.  jsondoc
 * scans the text once with a strict RFC 8259 scanner that rejects all of
 * these, builds the same cJSON tree cJSON_Parse would, and records the line
 * and column of every node and member key.
 * The validators of catalogues and assessments use the positions to name
 * file:line:column for every semantic error too.
 *
 * Lines and columns are 1-based; columns count characters (code points), not
 * bytes, so an editor's "go to column" lands on the right place.
 */
#ifndef COOPCHECK_JSONDOC_H
#define COOPCHECK_JSONDOC_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "util.h"

/* Refuse keys in one object that differ only in ASCII case ("Title"/"title").
 * Exact duplicates are always refused. */
#define JSONDOC_NO_CASE_VARIANTS 0x1u

/* Nesting deeper than this is refused (cJSON's own limit is 1000). */
#define JSONDOC_MAX_DEPTH 64

struct json_pos {
    int line;
    int col;
};

struct jsondoc;

/* Parses buf[0..len).  name is used in messages (usually the file path) and
 * copied.  On failure returns NULL and sets err->msg to
 * "NAME:LINE:COL: what is wrong" (err->code is EINVAL).  Refused: empty input,
 * malformed JSON, trailing non-whitespace after the value, NUL bytes, invalid
 * UTF-8 (overlong forms, surrogates, > U+10FFFF), unescaped control characters
 * in strings, "\u0000", unpaired surrogate escapes, duplicate keys (and case
 * variants with JSONDOC_NO_CASE_VARIANTS), nesting over JSONDOC_MAX_DEPTH,
 * numbers that overflow a double.  A UTF-8 byte order mark is refused too. */
struct jsondoc *jsondoc_parse(const char *buf, size_t len, const char *name,
                              unsigned flags, struct cc_err *err);

/* The tree, owned by the document: read it, never change it or free a part
 * of it (its memory is the document's, not cJSON's: cJSON_Delete of any of
 * its nodes is wrong; copy what must outlive the document, e.g. with
 * cJSON_Duplicate). */
cJSON *jsondoc_root(const struct jsondoc *doc);
const char *jsondoc_name(const struct jsondoc *doc);

/* Position of a node's value, and of its key when it is an object member (the
 * value's position otherwise).  {0,0} for a node not from this document. */
struct json_pos jsondoc_pos(const struct jsondoc *doc, const cJSON *node);
struct json_pos jsondoc_key_pos(const struct jsondoc *doc, const cJSON *node);

/* Formats "NAME:LINE:COL: message" for node (the key's position for members)
 * into err and returns -1.  node may be NULL (then "NAME: message"). */
int jsondoc_error(const struct jsondoc *doc, const cJSON *node, struct cc_err *err,
                  const char *fmt, ...) CC_PRINTF(4, 5);

void jsondoc_free(struct jsondoc *doc);

/* The text cJSON_Print makes of node, but every character that must not
 * reach a terminal raw (DEL, C1 controls, bidi overrides, line separators;
 * cJSON already escapes C0) written as a \uXXXX escape, so that the JSON
 * text is safe to show and means the same (jsondoc_print.c).  Caller frees
 * (free, not cJSON_free).  jsondoc_print_to appends the same to out. */
char *jsondoc_print(const cJSON *node);
void jsondoc_print_to(const cJSON *node, struct sbuf *out);
/* The same text handed to emit a piece at a time (pieces of about chunk
 * bytes, split between values; tail, e.g. "\n", after the last), so that
 * it is never all in memory: 0, or -1 once emit returned non-zero (it is
 * not called again). */
int jsondoc_print_stream(const cJSON *node, const char *tail, size_t chunk,
                         int (*emit)(void *arg, const char *s, size_t n), void *arg);

#endif
