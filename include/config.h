/* config.h — the user's configuration file (INI, read with iniparser).
 *
 * $XDG_CONFIG_HOME/coopcheck/config.ini (or ~/.config/coopcheck/config.ini):
 *   [general]
 *   language = de            ; de or en
 *   theme = default          ; a theme name
 *   data = /path/to/data     ; data directory
 *   editor = vim             ; overrides $VISUAL/$EDITOR
 *   accessible = true        ; open asks line by line (coopcheck interview)
 *   interval_months = 12     ; default re-assessment interval for new cooperations
 *   required_approvals = PI, research-security officer  ; roles a complete
 *                            ; snapshot needs before it counts as approved
 *   signing_key = ~/.ssh/id_ed25519  ; the key 'approve --sign' uses by default
 *   signer = name@example.org        ; the principal in allowed_signers
 *   [keys]
 *   quit = q, C-q          ; action = key names (see keymap.h), several per action
 * Only this module touches iniparser, through one wrapper that reads strings
 * (the Debian 4.1 numeric getters crash on section names, CVE-2023-33461). */
#ifndef COOPCHECK_CONFIG_H
#define COOPCHECK_CONFIG_H

#include "catalog.h"   /* struct strlist */
#include "keymap.h"
#include "util.h"

struct config {
    char *path;            /* the file read, or NULL */
    int lang;              /* enum lang, or -1 when not set */
    char *theme;           /* NULL when not set */
    char *data_dir;
    char *editor;
    int accessible;        /* accessible = true: the line mode (interview.h) for open */
    int interval_months;   /* 12 unless set */
    struct strlist required_approvals;   /* roles, as written */
    char *signing_key;     /* a path (~/ expanded); NULL when not set */
    char *signer;
    int screen_threshold;  /* [screening] threshold, 0 when not set */
    int list_max_age;      /* [screening] max_age_days, 0 when not set */
    char *lists_dir;       /* [screening] lists, or NULL */
    struct strlist list_urls;  /* [lists] NAME = URL: pairs name, url */
    struct keymap keys;    /* the default bindings with [keys] applied */
};

void config_init(struct config *cfg);
void config_release(struct config *cfg);

/* Reads path into cfg (which config_init prepared).  A missing file is not an
 * error.  Problems (unreadable file, syntax error, unknown key, bad value) give
 * -1 with a message naming file, line and key; every valid setting is kept. */
int config_load(struct config *cfg, const char *path, struct cc_err *err);
/* config_init, then config_load of the default path. */
int config_load_default(struct config *cfg, struct cc_err *err);
/* The default path; caller frees; NULL when neither XDG_CONFIG_HOME nor HOME is set. */
char *config_default_path(void);

#endif
