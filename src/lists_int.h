/* lists_int.h — shared by the list parsers (lists_parse.c: detection, the
 * JSON formats and the entry checks; lists_csv.c: the CSV reader and the CSV
 * formats) only.  See lists.h for the formats. */
#ifndef COOPCHECK_LISTS_INT_H
#define COOPCHECK_LISTS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lists.h"
#include "util.h"

/* Limits of one entry: a longer name (or alias) or more aliases are refused. */
#define LIST_MAX_NAME 1000
#define LIST_MAX_ALIASES 1000
/* Any other text handed over (id, category, note, url). */
#define LIST_MAX_TEXT 65536
/* Containers nested in a JSON list file: {"values": [{"meta": {"aliases": [
 * ...]}}]} needs 5, CSL's addresses [{...}] and MISP's related [{"tags":
 * [...]}] one more. */
#define LIST_MAX_DEPTH 6
/* One CSV field, and the fields of one record. */
#define CSV_MAX_FIELD (1024 * 1024)
#define CSV_MAX_FIELDS 1024

/* A place in the file, for messages: "PATH:LINE:COL: ". */
struct lp_pos {
    const char *path;
    size_t line, col;
};

/* Sets err to "PATH:LINE:COL: message" (err->code EINVAL); returns -1. */
int lp_error(struct cc_err *err, struct lp_pos at, const char *fmt, ...) CC_PRINTF(3, 4);

/* An entry being built; every string owned. */
struct lp_entry {
    char *id, *name, *category, *note, *url;
    struct strlist aliases;
    size_t naliases;   /* non-empty aliases met, duplicates included */
    size_t line;
};
void lp_entry_reset(struct lp_entry *e);   /* frees the contents, zeroes it */

/* What a text is, for its limit and the messages. */
enum lp_kind { LP_ID, LP_NAME, LP_ALIAS, LP_CATEGORY, LP_NOTE, LP_URL };

/* src[0..len) (valid UTF-8) tidied: tab, CR, LF and CRLF become a space, spaces
 * around are trimmed.  0 with *out the copy (NULL when empty: caller frees);
 * -1 at `at` when it holds another control character or is too long. */
int lp_text(struct lp_pos at, const char *src, size_t len, enum lp_kind kind, char **out,
            struct cc_err *err);
/* Sets the field of e that kind names from src (lp_text); an empty text
 * leaves it NULL.  LP_ALIAS adds an alias instead: lp_alias. */
int lp_set(struct lp_entry *e, struct lp_pos at, const char *src, size_t len, enum lp_kind kind,
           struct cc_err *err);
/* Adds one alias: empty ones and repeats of the name or of an alias are
 * left out; the 1001st non-empty one is an error. */
int lp_alias(struct lp_entry *e, struct lp_pos at, const char *src, size_t len,
             struct cc_err *err);
/* Adds the aliases of src separated by sep (';' in the CSV formats). */
int lp_alias_list(struct lp_entry *e, struct lp_pos at, const char *src, size_t len, char sep,
                  struct cc_err *err);
/* Hands e to fn (its id "row LINE" when it has none); e is reset.  The
 * name must be set (callers refuse an entry without one first). */
int lp_emit(struct lp_entry *e, list_entry_fn fn, void *arg);

/* ---- CSV (lists_csv.c) ---- */

struct csv_field {
    size_t off, len;          /* in csv_reader.buf, NUL-terminated there */
    size_t line, col;         /* its first character (its quote) */
    size_t bad_line, bad_col; /* first control character other than tab, CR, LF */
    uint32_t bad_cp;          /* that character; 0 when there is none */
};

/* Reads RFC 4180 records from data[0..len) in one pass: fields separated by
 * ',', records by LF or CRLF; a field in double quotes may hold commas, line
 * breaks and doubled quotes.  A UTF-8 byte order mark at the start is
 * skipped.  Only the current record is copied. */
struct csv_reader {
    const char *data;
    size_t len, i;
    size_t line, col;         /* of data[i]; columns count characters */
    const char *path;
    struct sbuf buf;
    struct csv_field *f;
    size_t nf, capf;
    size_t rec_line;          /* where the current record starts */
};
void csv_init(struct csv_reader *r, const char *data, size_t len, const char *path);
void csv_release(struct csv_reader *r);
/* 1 with the next record in r->f[0..nf), 0 at the end of the data, -1 with
 * err (invalid UTF-8, NUL, an unterminated quote, text after a closing
 * quote, a quote inside an unquoted field, a field or record too large).
 * Empty lines are skipped. */
int csv_next(struct csv_reader *r, struct cc_err *err);
static inline const char *csv_text(const struct csv_reader *r, size_t k)
{
    return r->buf.buf + r->f[k].off;
}
static inline struct lp_pos csv_pos(const struct csv_reader *r, size_t k)
{
    struct lp_pos p = { r->path, r->f[k].line, r->f[k].col };
    return p;
}

/* The CSV formats (f is LF_CSL_CSV, LF_OPENSANCTIONS or LF_CSV). */
int lists_csv_parse(enum list_format f, const char *data, size_t len, const char *path,
                    list_entry_fn fn, void *arg, struct cc_err *err);
/* The CSV format whose header row starts data, or -1 with err. */
int lists_csv_detect(const char *data, size_t len, const char *path, enum list_format *out,
                     struct cc_err *err);

#endif
