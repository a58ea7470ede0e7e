/* lists_csv.c — the RFC 4180 reader (lists_int.h) and the three CSV list
 * formats: csl-csv, opensanctions and an institution's own watch list (csv).
 * See lists.h.
 *
 * The reader walks data[0..len) once and copies only the current record, so
 * that a mapped file of hundreds of MiB costs no more memory than its
 * longest row.  It checks UTF-8 as it goes (with the exact line and column of
 * a bad byte) and notes, for each field, where its first control character
 * is: the formats refuse one only in the fields they hand over. */
#include "lists.h"
#include "lists_int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "textutil.h"

/* ---- the reader --------------------------------------------------------- */

void csv_init(struct csv_reader *r, const char *data, size_t len, const char *path)
{
    memset(r, 0, sizeof(*r));
    r->data = data;
    r->len = len;
    r->path = path;
    r->line = r->col = 1;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        r->i = 3;
    sbuf_init(&r->buf);
}

void csv_release(struct csv_reader *r)
{
    sbuf_release(&r->buf);
    free(r->f);
    r->f = NULL;
    r->nf = r->capf = 0;
}

static struct lp_pos here(const struct csv_reader *r)
{
    struct lp_pos p = { r->path, r->line, r->col };
    return p;
}

/* 1 for bytes copied as they are, in bulk: printable ASCII but for the
 * comma and the quote. */
static int plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7f && c != ',' && c != '"';
}

/* Copies the character at data[i] into the current field (f), keeping the
 * line and column, checking UTF-8 and noting a control character. */
static int take_char(struct csv_reader *r, struct csv_field *f, struct cc_err *err)
{
    unsigned char c = (unsigned char)r->data[r->i];
    uint32_t cp = c;
    size_t n = 1;

    if (c == 0)
        return lp_error(err, here(r), _("a NUL byte; a list file is text: save it as UTF-8 "
                                        "text"));
    if (c >= 0x80) {
        char tail[5] = { 0 };
        size_t avail = r->len - r->i < 4 ? r->len - r->i : 4;
        memcpy(tail, r->data + r->i, avail);
        cp = utf8_decode_at(tail, &n);
        if ((cp == 0xfffd && n == 1) || n > avail)
            return lp_error(err, here(r), _("invalid UTF-8 (byte 0x%02X); save the file as "
                                            "UTF-8"), (unsigned)c);
    }
    if (!f->bad_cp && cp != '\r' && text_is_unsafe(cp, TEXT_ALLOW_TAB | TEXT_ALLOW_NEWLINE)) {
        f->bad_cp = cp;
        f->bad_line = r->line;
        f->bad_col = r->col;
    }
    sbuf_add(&r->buf, r->data + r->i, n);
    r->i += n;
    if (c == '\n') {
        r->line++;
        r->col = 1;
    } else {
        r->col++;
    }
    return 0;
}

/* Copies the run of plain bytes at data[i]. */
static void take_plain(struct csv_reader *r)
{
    size_t k = r->i;
    while (k < r->len && plain((unsigned char)r->data[k]))
        k++;
    sbuf_add(&r->buf, r->data + r->i, k - r->i);
    r->col += k - r->i;
    r->i = k;
}

static int field_size(const struct csv_reader *r, const struct csv_field *f, struct cc_err *err)
{
    struct lp_pos at = { r->path, f->line, f->col };
    if (r->buf.len - f->off <= CSV_MAX_FIELD)
        return 0;
    return lp_error(err, at, _("a field longer than %d bytes; this is not a list file"),
                    CSV_MAX_FIELD);
}

/* The quoted field at data[i] == '"', up to and past its closing quote. */
static int quoted(struct csv_reader *r, struct csv_field *f, struct cc_err *err)
{
    struct lp_pos at = { r->path, f->line, f->col };
    r->i++;
    r->col++;
    for (;;) {
        if (r->i >= r->len)
            return lp_error(err, at, _("the quoted field has no closing quote; end it with \" "
                                       "(and write a quote inside it as \"\")"));
        if (r->data[r->i] == '"') {
            if (r->i + 1 < r->len && r->data[r->i + 1] == '"') {
                sbuf_addc(&r->buf, '"');
                r->i += 2;
                r->col += 2;
                continue;
            }
            r->i++;
            r->col++;
            return 0;
        }
        if (r->data[r->i] == ',') {
            sbuf_addc(&r->buf, ',');
            r->i++;
            r->col++;
        } else if (plain((unsigned char)r->data[r->i])) {
            take_plain(r);
        } else if (take_char(r, f, err) != 0) {
            return -1;
        }
        if (field_size(r, f, err) != 0)
            return -1;
    }
}

/* 1 when data[i] ends the record (LF, CRLF or the end), moving past it. */
static int record_end(struct csv_reader *r)
{
    if (r->i >= r->len)
        return 1;
    if (r->data[r->i] == '\n' || (r->data[r->i] == '\r' && r->i + 1 < r->len &&
                                  r->data[r->i + 1] == '\n')) {
        r->i += r->data[r->i] == '\r' ? 2 : 1;
        r->line++;
        r->col = 1;
        return 1;
    }
    return 0;
}

/* One field at data[i]; 1 when it ended the record. */
static int field(struct csv_reader *r, struct cc_err *err)
{
    struct csv_field *f;
    if (r->nf == CSV_MAX_FIELDS)
        return lp_error(err, here(r), _("more than %d fields in one row; this is not a list "
                                        "file"), CSV_MAX_FIELDS);
    if (r->nf == r->capf) {
        r->capf = r->capf ? 2 * r->capf : 16;
        r->f = xrealloc(r->f, r->capf * sizeof(*r->f));
    }
    f = &r->f[r->nf++];
    memset(f, 0, sizeof(*f));
    f->off = r->buf.len;
    f->line = r->line;
    f->col = r->col;
    if (r->i < r->len && r->data[r->i] == '"') {
        if (quoted(r, f, err) != 0)
            return -1;
        if (r->i < r->len && r->data[r->i] != ',' && !record_end(r))
            return lp_error(err, here(r), _("text after the closing quote of a field; put the "
                                            "whole field in quotes and write a quote inside it "
                                            "as \"\""));
    } else {
        while (r->i < r->len && r->data[r->i] != ',' && r->data[r->i] != '\n' &&
               !(r->data[r->i] == '\r' && r->i + 1 < r->len && r->data[r->i + 1] == '\n')) {
            if (r->data[r->i] == '"')
                return lp_error(err, here(r), _("a quote inside a field that does not start "
                                                "with one; put the whole field in quotes and "
                                                "write the quote as \"\""));
            if (plain((unsigned char)r->data[r->i]))
                take_plain(r);
            else if (take_char(r, f, err) != 0)
                return -1;
            if (field_size(r, f, err) != 0)
                return -1;
        }
    }
    f->len = r->buf.len - f->off;
    sbuf_add(&r->buf, "", 1);   /* each field NUL-terminated */
    if (r->i < r->len && r->data[r->i] == ',') {
        r->i++;
        r->col++;
        return 0;
    }
    return record_end(r);
}

int csv_next(struct csv_reader *r, struct cc_err *err)
{
    int rc;
    /* empty lines between records */
    while (r->i < r->len && (r->data[r->i] == '\n' || r->data[r->i] == '\r') && record_end(r))
        ;
    if (r->i >= r->len)
        return 0;
    r->rec_line = r->line;
    r->nf = 0;
    sbuf_reset(&r->buf);
    while ((rc = field(r, err)) == 0)
        ;
    return rc < 0 ? -1 : 1;
}

/* ---- the header row ----------------------------------------------------- */

/* The columns the formats use. */
enum col { C_ID, C_NAME, C_ALIASES, C_CATEGORY, C_NOTE, C_URL, C_SCHEMA, C_DATASET, C_COUNT };

struct colname {
    const char *name;
    enum col col;
};

static const struct colname csl_cols[] = {
    { "_id", C_ID }, { "id", C_ID }, { "name", C_NAME }, { "alt_names", C_ALIASES },
    { "source", C_CATEGORY }, { "remarks", C_NOTE }, { "source_information_url", C_URL },
};
static const struct colname os_cols[] = {
    { "id", C_ID }, { "name", C_NAME }, { "aliases", C_ALIASES }, { "schema", C_SCHEMA },
    { "dataset", C_DATASET },
};
static const struct colname watch_cols[] = {
    { "name", C_NAME }, { "aliases", C_ALIASES }, { "category", C_CATEGORY }, { "note", C_NOTE },
    { "url", C_URL },
};
#define WATCH_OPTIONAL "aliases, category, note, url"
#define WATCH_COLUMNS "name, " WATCH_OPTIONAL

/* The header's column k, trimmed and in ASCII lower case, into out. */
static void column_name(const struct csv_reader *r, size_t k, char *out, size_t size)
{
    const char *s = csv_text(r, k);
    size_t len = r->f[k].len, n = 0;
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < len && n + 1 < size; i++)
        out[n++] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    out[n] = '\0';
}

static int find_col(const struct colname *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Reads the header row: 0 with the first record in r, -1 when there is
 * none or it does not read. */
static int read_header(struct csv_reader *r, struct cc_err *err)
{
    struct lp_pos start = { r->path, 1, 1 };
    int rc = csv_next(r, err);
    if (rc == 0)
        return lp_error(err, start, _("the file is empty; a list has a header row naming its "
                                      "columns, then a row per entry"));
    return rc < 0 ? -1 : 0;
}

int lists_csv_detect(const char *data, size_t len, const char *path, enum list_format *out,
                     struct cc_err *err)
{
    struct csv_reader r;
    unsigned seen = 0;   /* bits: 1 id, 2 schema, 4 dataset, 8 source, 16 alt_names, 32 name */
    static const char *const marks[] = { "id", "schema", "dataset", "source", "alt_names", "name" };
    long unknown = -1;
    int rc = -1;

    csv_init(&r, data, len, path);
    if (read_header(&r, err) == 0) {
        for (size_t k = 0; k < r.nf; k++) {
            char name[64];
            column_name(&r, k, name, sizeof(name));
            for (size_t m = 0; m < CC_ARRAY_LEN(marks); m++)
                if (strcmp(name, marks[m]) == 0)
                    seen |= 1u << m;
            if (unknown < 0 && name[0] && find_col(watch_cols, CC_ARRAY_LEN(watch_cols), name) < 0)
                unknown = (long)k;
        }
        rc = 0;
        if ((seen & 7u) == 7u)
            *out = LF_OPENSANCTIONS;
        else if ((seen & 24u) == 24u)
            *out = LF_CSL_CSV;
        else if ((seen & 32u) && unknown < 0)
            *out = LF_CSV;
        else if (seen & 32u)
            rc = lp_error(err, csv_pos(&r, (size_t)unknown),
                          _("the column \"%s\" is not one of a watch list's (%s), and the header "
                            "row fits no other format (csl-csv needs source and alt_names, "
                            "opensanctions id, schema and dataset); rename or remove it"),
                          csv_text(&r, (size_t)unknown), WATCH_COLUMNS);
        else
            rc = lp_error(err, csv_pos(&r, 0),
                          _("no known list format: a JSON list is csl-json or misp; a CSV list "
                            "starts with a header row, for csl-csv with source and alt_names, "
                            "for opensanctions with id, schema and dataset, for a watch list "
                            "(csv) with name and optionally %s"), WATCH_OPTIONAL);
    }
    csv_release(&r);
    return rc;
}

/* Maps the header's columns (in r) to col[], -1 for the absent ones. */
static int map_header(struct csv_reader *r, enum list_format f, long *col, struct cc_err *err)
{
    const struct colname *v = f == LF_CSL_CSV ? csl_cols
                              : f == LF_OPENSANCTIONS ? os_cols : watch_cols;
    size_t n = f == LF_CSL_CSV ? CC_ARRAY_LEN(csl_cols) : f == LF_OPENSANCTIONS ?
               CC_ARRAY_LEN(os_cols) : CC_ARRAY_LEN(watch_cols);
    struct lp_pos start = { r->path, r->rec_line, 1 };

    for (int c = 0; c < C_COUNT; c++)
        col[c] = -1;
    for (size_t k = 0; k < r->nf; k++) {
        char name[64];
        int i;
        column_name(r, k, name, sizeof(name));
        if (!name[0])
            continue;   /* an empty heading (a trailing comma): unused */
        i = find_col(v, n, name);
        if (i < 0 && f == LF_CSV)
            return lp_error(err, csv_pos(r, k), _("unknown column \"%s\"; a watch list's columns "
                            "are %s"), csv_text(r, k), WATCH_COLUMNS);
        if (i < 0)
            continue;
        if (col[v[i].col] >= 0 && f == LF_CSL_CSV && v[i].col == C_ID) {
            if (strcmp(name, "_id") == 0)   /* "_id" before "id" */
                col[C_ID] = (long)k;
            continue;
        }
        if (col[v[i].col] >= 0)
            return lp_error(err, csv_pos(r, k), _("the column \"%s\" appears twice; remove one"),
                            csv_text(r, k));
        col[v[i].col] = (long)k;
    }
    if (col[C_NAME] < 0)
        return lp_error(err, start, _("the header row has no \"name\" column; a %s list needs "
                                      "one"), list_format_name(f));
    if (f == LF_OPENSANCTIONS && col[C_ID] < 0)
        return lp_error(err, start, _("the header row has no \"id\" column; an opensanctions "
                                      "list needs one"));
    return 0;
}

/* ---- the rows ----------------------------------------------------------- */

/* Column c of the current row: 0 with *k its field, -1 when absent; or -2
 * with err when it holds a control character. */
static int cell(const struct csv_reader *r, const long *col, enum col c, size_t *k,
                struct cc_err *err)
{
    const struct csv_field *f;
    if (col[c] < 0 || (size_t)col[c] >= r->nf)
        return -1;
    *k = (size_t)col[c];
    f = &r->f[*k];
    if (f->bad_cp) {
        struct lp_pos at = { r->path, f->bad_line, f->bad_col };
        lp_error(err, at, _("a field contains the control character U+%04X; remove it from the "
                            "file or get the list again from its publisher"), (unsigned)f->bad_cp);
        return -2;
    }
    return 0;
}

/* Sets kind from column c, when the row has it. */
static int set_cell(const struct csv_reader *r, const long *col, enum col c, enum lp_kind kind,
                    struct lp_entry *e, struct cc_err *err)
{
    size_t k;
    int rc = cell(r, col, c, &k, err);
    if (rc == -1)
        return 0;
    if (rc < 0)
        return -1;
    if (kind == LP_ALIAS)
        return lp_alias_list(e, csv_pos(r, k), csv_text(r, k), r->f[k].len, ';', err);
    return lp_set(e, csv_pos(r, k), csv_text(r, k), r->f[k].len, kind, err);
}

/* OpenSanctions: the category is the schema and the dataset,
 * "Organization; US DoD Chinese military companies". */
static int os_category(const struct csv_reader *r, const long *col, struct lp_entry *e,
                       struct cc_err *err)
{
    char *schema;
    if (set_cell(r, col, C_SCHEMA, LP_CATEGORY, e, err) != 0)
        return -1;
    schema = e->category;
    e->category = NULL;
    if (set_cell(r, col, C_DATASET, LP_CATEGORY, e, err) != 0) {
        free(schema);
        return -1;
    }
    if (schema && e->category) {
        char *both = xasprintf("%s; %s", schema, e->category);
        free(e->category);
        e->category = both;
    } else if (schema) {
        e->category = schema;
        schema = NULL;
    }
    free(schema);
    return 0;
}

static int row(const struct csv_reader *r, enum list_format f, const long *col, size_t ncols,
               struct lp_entry *e, struct cc_err *err)
{
    struct lp_pos start = { r->path, r->rec_line, 1 };
    size_t k;

    e->line = r->rec_line;
    if (r->nf > ncols)
        return lp_error(err, csv_pos(r, ncols), _("this row has %zu fields, the header row %zu; "
                        "put a field that holds a comma in quotes"), r->nf, ncols);
    if (set_cell(r, col, C_NAME, LP_NAME, e, err) != 0)
        return -1;
    if (!e->name) {
        struct lp_pos at = cell(r, col, C_NAME, &k, err) == 0 ? csv_pos(r, k) : start;
        return lp_error(err, at, _("the name is empty; every entry needs one: add it or "
                                   "remove the row"));
    }
    if (set_cell(r, col, C_ALIASES, LP_ALIAS, e, err) != 0 ||
        (f != LF_CSV && set_cell(r, col, C_ID, LP_ID, e, err) != 0))
        return -1;
    if (f == LF_OPENSANCTIONS && !e->id) {
        struct lp_pos at = cell(r, col, C_ID, &k, err) == 0 ? csv_pos(r, k) : start;
        return lp_error(err, at, _("the id is empty, but every OpenSanctions entry has one; "
                                   "get the list again from OpenSanctions"));
    }
    if (f == LF_OPENSANCTIONS)
        return os_category(r, col, e, err);
    return set_cell(r, col, C_CATEGORY, LP_CATEGORY, e, err) ||
           set_cell(r, col, C_NOTE, LP_NOTE, e, err) ||
           set_cell(r, col, C_URL, LP_URL, e, err) ? -1 : 0;
}

int lists_csv_parse(enum list_format f, const char *data, size_t len, const char *path,
                    list_entry_fn fn, void *arg, struct cc_err *err)
{
    struct csv_reader r;
    struct lp_entry e;
    long col[C_COUNT];
    size_t ncols, n = 0;
    int rc;

    memset(&e, 0, sizeof(e));
    csv_init(&r, data, len, path);
    if (read_header(&r, err) != 0 || map_header(&r, f, col, err) != 0) {
        csv_release(&r);
        return -1;
    }
    ncols = r.nf;
    while ((rc = csv_next(&r, err)) == 1) {
        if (row(&r, f, col, ncols, &e, err) != 0) {
            rc = -1;
            break;
        }
        n++;
        if ((rc = lp_emit(&e, fn, arg)) != 0)
            break;
    }
    lp_entry_reset(&e);
    if (rc == 0 && n == 0) {
        struct lp_pos end = { path, r.line, r.col };
        rc = lp_error(err, end, _("the list has no entry: there is no row after the header row; "
                                  "add a row per entry"));
    }
    csv_release(&r);
    return rc;
}
