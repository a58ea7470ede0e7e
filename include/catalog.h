/* catalog.h — question catalogues: loading, validation, look-up.
 *
 * A catalogue is one JSON file (format documented in man/coopcheck-catalog.5):
 * metadata, the cover note, the purpose text, sections of questions with their
 * answer fields and help, and a list of references.  Every user-visible string
 * is given in each of the catalogue's languages.  The loader is strict: unknown
 * keys, missing translations, duplicate ids or keys, wrong types and dangling
 * references are errors naming file:line:column.  No curses here.
 */
#ifndef COOPCHECK_CATALOG_H
#define COOPCHECK_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "util.h"

#define CATALOG_FORMAT 1
/* The catalogue of new cooperations and of help without --catalog. */
#define CATALOG_DEFAULT_ID "bmbf-china-2024"
#define CATALOG_MAX_BYTES (4u << 20)

/* A string in each language; s[l] is NULL for a language the catalogue lacks. */
struct l10n {
    char *s[LANG_COUNT];
};
/* The text in lang, else in the other language, else "". */
const char *l10n_get(const struct l10n *t, enum lang lang);

/* A list of strings: grown only by strlist_push and strlist_push_owned
 * (v has room for the power of two at or above n), freed by
 * strlist_release. */
struct strlist {
    char **v;
    size_t n;
};

enum field_type { FIELD_YESNO, FIELD_TEXT };

/* A field that applies only when a yes/no field of the same question (its
 * index when_field, before this field) has one of the answers in when_is:
 * bit (1 << v) for v = 1 yes, 2 no, 3 unsure (model.h, enum yesno).  In the
 * catalogue: "when": {"field": "partner_dep_on_de", "is": "yes"} or
 * "is": ["yes", "unsure"].  A field that does not apply is not asked and does
 * not count as missing. */
#define CAT_WHEN_ALWAYS (-1L)

struct cat_field {
    char *id;
    enum field_type type;
    struct l10n label;
    long when_field;          /* CAT_WHEN_ALWAYS, or the index of the yes/no field */
    unsigned when_is;         /* the answers of that field for which this one applies */
};

/* Man-page style help of one question in one language; lists of paragraphs
 * (check: of bullet items). */
struct cat_help {
    struct strlist asks, why, check, who;
};

struct cat_question {
    char *id;                 /* "q01" */
    int number;               /* 1 */
    size_t section;           /* index into catalog.sections */
    struct l10n title;        /* short title for lists */
    struct l10n text;         /* the official wording */
    struct cat_field *fields;
    size_t nfields;
    struct cat_help help[LANG_COUNT];
    struct strlist refs;      /* resource ids */
    struct strlist related;   /* question ids */
};

struct cat_section {
    char *id;
    struct l10n title;
    size_t first, count;      /* questions[first .. first+count) */
};

struct cat_resource {
    char *id;
    struct l10n title;
    char *url;                /* NULL when the source gives no address */
    char *kind;
    int title_added;          /* the source gives no title: the catalogue's own */
    int url_added;            /* the source gives no address: an official one added */
    struct l10n remark;       /* the source's sentence after the entry, if any */
};

struct cat_footnote {
    char *mark;
    char *resource;
};

struct catalog {
    char *path;               /* file it was read from */
    char *id, *version;
    int langs[LANG_COUNT];    /* 1 for each language the catalogue has */
    struct l10n title, short_title, issuer, stand, source;
    /* the cover note */
    struct l10n note_title;
    struct l10n *note_paras;
    size_t nnote_paras;
    struct cat_footnote *footnotes;
    size_t nfootnotes;
    struct l10n *note_closing;
    size_t nnote_closing;
    struct strlist note_further;  /* resource ids */
    struct l10n further_intro;    /* the source's line before that list */
    struct l10n resources_intro;  /* the source's heading of its list of resources */
    struct strlist resources_list;  /* that list's resource ids, in its order */
    struct l10n kept_as_is;       /* what the catalogue keeps as the source has it (typos) */
    /* the purpose */
    struct l10n purpose_intro;
    struct l10n purpose_emphasis;  /* the part of the intro the source sets in bold */
    struct l10n *purpose_items;
    size_t npurpose_items;
    struct l10n *purpose_closing;
    size_t npurpose_closing;

    struct cat_section *sections;
    size_t nsections;
    struct cat_question *questions;   /* all questions, in order */
    size_t nquestions;
    struct cat_resource *resources;
    size_t nresources;
    int borrowed;             /* the strings are a blob's (catalog_blob_read), not the heap's */
};

/* Parses and validates a catalogue.  On failure returns -1; err holds the first
 * problem ("FILE:LINE:COL: ...") and, when diags is not NULL, every problem
 * found is appended to it (one message each).  name is used in messages. */
int catalog_parse(const char *buf, size_t len, const char *name, struct catalog **out,
                  struct strlist *diags, struct cc_err *err);
/* Reads and parses a file (size capped at CATALOG_MAX_BYTES).  Without
 * diags, a file that is byte for byte the bundled catalogue is taken from
 * the program (catalog_builtin): the same catalogue, checked at build
 * time. */
int catalog_load_file(const char *path, struct catalog **out, struct strlist *diags,
                      struct cc_err *err);
void catalog_free(struct catalog *cat);

/* The catalogue as a blob (catalog_blob.c): appended to b by
 * catalog_blob_write; catalog_blob_read makes a catalogue from one whose
 * strings point into the blob, which must outlive it (path copied; free with
 * catalog_free): 0, or -1 when blob is not one. */
void catalog_blob_write(const struct catalog *cat, struct sbuf *b);
int catalog_blob_read(const unsigned char *blob, size_t len, const char *path,
                      struct catalog **out);
/* The bundled catalogue, checked by catalog_parse when the program was
 * built: its file's length and digest, and the blob of what it gave (build/
 * gen/catalog_builtin.c).  catalog_builtin_file is 1 with that catalogue in
 * *out (path copied) when the file at path is that file (its length and
 * catalog_text_digest), else 0 — also when it cannot be read: the caller
 * then reads it and says why. */
extern const uint64_t catalog_builtin_text_digest[2];
extern const unsigned char catalog_builtin_blob[];
extern const size_t catalog_builtin_text_len, catalog_builtin_blob_len;
int catalog_builtin_file(const char *path, struct catalog **out);
/* XXH3-128 of a catalogue file's bytes, as the build records it. */
void catalog_text_digest(const void *text, size_t len, uint64_t out[2]);

/* Question by id ("q08") or number ("8", "08"); NULL when none. */
const struct cat_question *catalog_question(const struct catalog *cat, const char *key);
/* Index of a question in cat->questions, or -1. */
long catalog_question_index(const struct catalog *cat, const struct cat_question *q);
const struct cat_field *cat_question_field(const struct cat_question *q, const char *id);
long cat_question_field_index(const struct cat_question *q, const char *id);
const struct cat_resource *catalog_resource(const struct catalog *cat, const char *id);

/* The directories searched for catalogues, most preferred first:
 * $XDG_CONFIG_HOME/coopcheck/catalog (or ~/.config/...), the system data
 * directory's catalog/, and the build tree's catalog/.  Caller frees with
 * strlist_release. */
void catalog_dirs(struct strlist *dirs);

/* Every catalogue found in those directories (the first of an id wins), sorted
 * by id.  Files that fail to load are reported in problems (one message each)
 * and skipped. */
struct catalog_set {
    struct catalog **v;
    size_t n;
};
void catalog_set_load(struct catalog_set *set, struct strlist *problems);
const struct catalog *catalog_set_find(const struct catalog_set *set, const char *id);
void catalog_set_release(struct catalog_set *set);

void strlist_push(struct strlist *l, const char *s);          /* copies s */
void strlist_push_owned(struct strlist *l, char *s);          /* takes s */
void strlist_release(struct strlist *l);
/* Removes the first entry equal to s; 1 when there was one. */
int strlist_remove(struct strlist *l, const char *s);
/* Appends the entries of s separated by any of seps ("PI, export control"),
 * each without the spaces and tabs around it; empty entries are left out
 * and counted: the number left out (0 when none). */
size_t strlist_split(struct strlist *l, const char *s, const char *seps);

#endif
