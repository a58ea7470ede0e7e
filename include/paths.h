/* paths.h — where coopcheck keeps the user's files, by the XDG Base
 * Directory rules: $XDG_CONFIG_HOME (config.ini, themes, catalogues),
 * $XDG_DATA_HOME (the assessments), $XDG_STATE_HOME (recovery drafts), each
 * with its fallback under $HOME when the variable is unset, empty or not an
 * absolute path (the specification says to ignore a relative one). */
#ifndef COOPCHECK_PATHS_H
#define COOPCHECK_PATHS_H

enum xdg_base {
    XDG_CONFIG,   /* ~/.config */
    XDG_DATA,     /* ~/.local/share */
    XDG_STATE,    /* ~/.local/state */
};

/* "BASE/coopcheck" or "BASE/coopcheck/sub" (sub may be NULL) for the user,
 * newly allocated; NULL when neither the variable nor HOME is set. */
char *xdg_path(enum xdg_base base, const char *sub);

#endif
