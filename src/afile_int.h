/* afile_int.h — shared by src/afile.c (the assessment file) and
 * src/afile_officer.c (its officer's records, format 3). */
#ifndef COOPCHECK_AFILE_INT_H
#define COOPCHECK_AFILE_INT_H

#include "jsondoc.h"
#include "jsonval.h"

struct screening;
#include "model.h"

/* ---- writing ---- */
void afile_add_str_or_null(cJSON *obj, const char *key, const char *s);
cJSON *afile_who_when(const char *at, const char *by);
/* "risk" of a question or the whole, into obj; nothing when not rated. */
void afile_add_rating(cJSON *obj, const struct rating *r);
/* "risk", "measures", "decision", "approvals" at the top (each only when set). */
void afile_add_officer(cJSON *root, const struct assessment *a);

/* ---- reading ---- */
int afile_is_sha256(const char *s);
char *afile_str_or_null(const cJSON *n);
/* A UTC time (what names it in the message), or NULL after saying so. */
char *afile_timestamp(struct jv *v, const cJSON *n, const char *what);
void afile_read_stamp(struct jv *v, const cJSON *n, const char *what, struct stamp *st);
/* A "risk" object into r. */
void afile_read_rating(struct jv *v, const cJSON *n, const char *what, struct rating *r);
/* The top-level officer's records (format 3) into a, after its answers. */
void afile_read_officer(struct jv *v, const cJSON *root, struct assessment *a);
/* A JSON array of l's strings; a list of non-empty strings (what names it)
 * read into l (afile_officer.c). */
cJSON *afile_strings(const struct strlist *l);
void afile_read_strings(struct jv *v, const cJSON *arr, const char *what, struct strlist *l);
/* Partner screenings (afile_screen.c). */
void afile_add_screenings(cJSON *root, const struct assessment *a);
cJSON *afile_screening_json(const struct screening *s);
void afile_read_screenings(struct jv *v, const cJSON *root, struct assessment *a);

/* What merges recorded: "conflicts" and "merged_snapshots" (afile_merge.c);
 * conflicts whose place holds another value than "mine" are left out. */
void afile_add_merge(cJSON *root, const struct assessment *a);
void afile_read_merge(struct jv *v, const cJSON *root, struct assessment *a);

#endif
