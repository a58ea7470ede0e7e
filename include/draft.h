/* draft.h — recovery drafts: what the user typed in the interface that the
 * assessment file does not hold yet.  No curses.
 *
 * While the interface is open, unsaved typing (the open editor's text, and
 * every answer a failed save could not write) is journaled to a draft in
 * $XDG_STATE_HOME/coopcheck/drafts/ (else ~/.local/state/coopcheck/drafts/):
 * one JSON file per session, "ID-YYYYMMDDTHHMMSSZ-PID-XXXXXX.json", created
 * under a name no other file has (never replacing one, retried) and then
 * replaced atomically at each update; 0600 in 0700 directories.  It names
 * the data directory and the cooperation, the process that wrote it, and per
 * field the value and the SHA-256 of the saved value it was typed over, so
 * that the next open can show what the draft adds and whether the saved
 * answer changed since.  Drafts are never applied by this module: the
 * interface asks the user. */
#ifndef COOPCHECK_DRAFT_H
#define COOPCHECK_DRAFT_H

#include <stddef.h>

#include "cctime.h"
#include "model.h"
#include "proc.h"
#include "util.h"

#define DRAFT_MAX_BYTES (64u << 20)

struct draft_field {
    char *qid, *fid;        /* question and field ids */
    int is_text;
    char *text;             /* text fields: the text; NULL: cleared */
    enum yesno yn;          /* yes/no fields */
    char base_sha[65];      /* SHA-256 of the saved value it was typed over */
};

struct draft {
    char *path;             /* the file, once saved or found; NULL before */
    char *data, *id;        /* data directory (absolute, resolved) and cooperation */
    char user[64], host[256];
    struct proc_id writer;
    char written_at[CC_ISO_LEN];
    struct draft_field *f;
    size_t nf;
};

/* A new, empty draft for cooperation id in data, written by this process. */
void draft_init(struct draft *d, const char *data, const char *id);
void draft_release(struct draft *d);
/* Forgets the fields (the file stays until the next save or remove). */
void draft_clear(struct draft *d);
/* Adds a field; base is the saved value it was typed over (text, or a
 * yes/no name; NULL for unanswered). */
void draft_add_text(struct draft *d, const char *qid, const char *fid, const char *text,
                    const char *base);
void draft_add_yesno(struct draft *d, const char *qid, const char *fid, enum yesno v,
                     const char *base);
/* The SHA-256 of a saved value as draft fields record it (NULL: ""). */
void draft_value_sha(const char *value, char out[65]);

/* Writes the draft: the first time under a new unique name, then replacing
 * its own file atomically.  -1 with a message when it cannot. */
int draft_save(struct draft *d, struct cc_err *err);
/* Removes the draft's file (nothing when it has none). */
int draft_remove(struct draft *d, struct cc_err *err);

/* The drafts of cooperation id in data that other processes left (newest
 * first), for the interface to offer.  A draft file that cannot be read is
 * described in problems (file:line:column) and left where it is. */
int draft_find(const char *data, const char *id, struct draft **out, size_t *n,
               struct strlist *problems, struct cc_err *err);
void draft_free_all(struct draft *v, size_t n);
/* Removes every draft of id that draft_find finds (when the cooperation is
 * deleted): the number removed, or -1 with err when they cannot be looked
 * for.  Drafts that do not read, and removals that fail, are described in
 * problems. */
long draft_remove_all(const char *data, const char *id, struct strlist *problems,
                      struct cc_err *err);

/* What a draft would change in assessment a.  The question and field draft
 * field df names: 0, or -1 when the catalogue has no such field (a text
 * entry on a yes/no field is its note). */
int draft_field_locate(const struct assessment *a, const struct draft_field *df, size_t *qi,
                       size_t *fi);
/* What a holds where df goes (a text or note when is_text, else the yes/no
 * name; NULL: nothing), and df's own value in the same terms. */
const char *draft_current_value(const struct assessment *a, size_t qi, size_t fi, int is_text);
const char *draft_field_value(const struct draft_field *df);
/* 1 when df would change a's answer; draft_adds_any: when any field of d would. */
int draft_field_adds(const struct assessment *a, const struct draft_field *df);
int draft_adds_any(const struct assessment *a, const struct draft *d);

/* The JSON text of a draft (caller frees) and back. */
char *draft_format(const struct draft *d);
int draft_parse(const char *buf, size_t len, const char *path, struct draft *d, struct cc_err *err);

/* The drafts directory; caller frees; NULL with a message when neither
 * XDG_STATE_HOME nor HOME gives one. */
char *draft_dir(struct cc_err *err);

#endif
