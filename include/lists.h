/* lists.h — screening lists: reading the published formats (lists_parse.c,
 * lists_csv.c), the installed lists with their provenance (lists_store.c) and
 * the on-disk index screening looks names up in (lists_index.c).  No curses.
 *
 * Formats, each detected from the content and validated, with errors at
 * file:line:column:
 *   csl-json       the US Consolidated Screening List as published in JSON
 *                  ({"results": [{"name", "alt_names", "source", "id", ...}]})
 *   csl-csv        the same list as published in CSV (header row with
 *                  "name", "alt_names", "source", "_id" or "id", ...)
 *   misp           a MISP galaxy cluster ({"values": [{"value", "uuid",
 *                  "meta": {"aliases", "refs", "categories"}}]}), the form
 *                  in which the ASPI China Defence Universities Tracker is
 *                  mirrored
 *   opensanctions  OpenSanctions' targets.simple.csv (id, schema, name,
 *                  aliases separated by ';', ..., dataset, ...)
 *   csv            an institution's own watch list: a header row naming the
 *                  columns name, aliases (separated by ';'), category, note,
 *                  url (name required, the others optional, any order)
 */
#ifndef COOPCHECK_LISTS_H
#define COOPCHECK_LISTS_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "util.h"

enum list_format { LF_CSL_JSON, LF_CSL_CSV, LF_MISP, LF_OPENSANCTIONS, LF_CSV, LF_COUNT };

/* "csl-json", "csl-csv", "misp", "opensanctions", "csv". */
const char *list_format_name(enum list_format f);
/* The format called s, or -1. */
int list_format_parse(const char *s);

/* One entry of a list, as the parsers hand it over.  All strings are valid
 * UTF-8 without control characters (the parser refuses others, or replaces
 * a tab or newline inside a field by a space); pointers are only valid
 * during the callback. */
struct list_entry {
    const char *id;         /* the entry's id in the list: CSL "id"/"_id", MISP
                             * "uuid", OpenSanctions "id"; for a watch list
                             * "row N" (its line number); never NULL or "" */
    const char *name;       /* the entry's main name; never NULL or "" */
    struct strlist aliases; /* its other names (alt_names, meta.aliases, a
                             * trailing "(中文名)" split off the name...) */
    const char *category;   /* CSL "source", MISP meta.categories joined by
                             * ", ", OpenSanctions "schema"/"dataset", the
                             * watch list's column; NULL when none */
    const char *note;       /* CSL "remarks", the watch list's note; or NULL */
    const char *url;        /* a reference: MISP meta.refs[0], CSL
                             * "source_information_url", the watch list's
                             * url; NULL when none */
    size_t line;            /* where it starts in the file (1-based) */
};

/* Called once per entry, in file order; a non-zero return stops parsing and
 * becomes list_parse's return value (err untouched). */
typedef int (*list_entry_fn)(const struct list_entry *e, void *arg);

/* What a file says about itself, when it does (or NULL): MISP "version" and
 * "name"; a CSL JSON file's "version"/"last_updated"; nothing for CSV. */
struct list_about {
    char *version;
    char *title;
};
void list_about_release(struct list_about *a);

/* The format of data[0..len): from its first bytes and header row.  -1 with
 * a message naming path when none fits (say which formats exist). */
int list_detect(const char *data, size_t len, const char *path, enum list_format *out,
                struct cc_err *err);

/* Parses data[0..len) (it need not end in NUL; it may be a mapped file of
 * hundreds of MiB: the CSV formats are read in one pass without copying the
 * whole file).  path is what messages call the file.  Returns 0 when the
 * whole file was read and every entry handed to fn, -1 with a message
 * "PATH:LINE:COL: what is wrong; what to do" on the first error (entries
 * already passed to fn stay passed: callers build into a temporary place).
 * A file with no entry at all is an error.  about may be NULL. */
int list_parse(enum list_format f, const char *data, size_t len, const char *path,
               list_entry_fn fn, void *arg, struct list_about *about, struct cc_err *err);

/* ---- Installed lists (lists_store.c) --------------------------------- */

/* The provenance of an installed list, as kept beside it (list.json). */
struct list_info {
    char *name;        /* [a-z0-9][a-z0-9-]*, the name the user gave or the known list's */
    char *format;      /* list_format_name */
    char *source;      /* the file it was added from, or the URL it was fetched from */
    char *version;     /* what the file says (list_about.version), or NULL */
    char *retrieved;   /* when it was added or fetched, ISO 8601 UTC */
    char *sha256;      /* of the file as installed */
    size_t entries;    /* entries in it */
    size_t names;      /* names (entries' names and aliases) in the index */
    char *dir;         /* the list's directory */
    char *file, *index;/* the installed copy and its index, in dir */
};
void list_info_release(struct list_info *li);
/* A new JSON object with li's provenance: name, format, source, version,
 * retrieved, sha256 and entries (list.json adds the names and files, `lists
 * --json` the age). */
struct cJSON *list_info_json(const struct list_info *li);

/* The directory the lists are kept in: $COOPCHECK_LISTS, else configured
 * (config.ini's [screening] lists; may be NULL), else
 * XDG_DATA_HOME/coopcheck/lists.  Caller frees; NULL with a message when
 * HOME is not set either. */
char *lists_dir(const char *configured, struct cc_err *err);

/* The installed lists, sorted by name.  A list whose files are damaged is
 * skipped and a message for it pushed to problems (may be NULL). */
int lists_installed(const char *dir, struct list_info **out, size_t *n, struct strlist *problems,
                    struct cc_err *err);
void lists_info_free(struct list_info *v, size_t n);

/* Installs the file at path as name (replacing an installed list of that
 * name atomically: on any failure the old one stays as it was).  fmt < 0:
 * detect.  source is what list.json records (the path, or the URL for a
 * fetched file).  On success *info (may be NULL) describes the new list. */
int lists_add(const char *dir, const char *path, const char *name, int fmt, const char *source,
              struct list_info *info, struct cc_err *err);
int lists_remove(const char *dir, const char *name, struct cc_err *err);

/* ---- Known public lists and fetching (lists_fetch.c) ----------------- */

struct known_list {
    const char *name;      /* "aspi", "csl", ... */
    const char *format;    /* list_format_name */
    const char *url;       /* its documented public address */
    const char *what;      /* one line: whose list it is (English msgid) */
};
/* The known lists, ended by an entry with name NULL. */
const struct known_list *lists_known(void);
const struct known_list *lists_known_find(const char *name);

/* Downloads url with the curl program into a private temporary file and
 * installs it as name (format fmt, < 0: detect) with lists_add: a failed or
 * broken download, or one that is not a valid list, leaves the installed
 * list as it was.  The only function that touches the network. */
int lists_fetch(const char *dir, const char *url, const char *name, int fmt,
                struct list_info *info, struct cc_err *err);

#endif
