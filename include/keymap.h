/* keymap.h — key bindings as data: actions, keys and the table between them.
 * No curses: the terminal layer translates its key codes into KEYC_* values
 * (printable characters are their Unicode code points). */
#ifndef COOPCHECK_KEYMAP_H
#define COOPCHECK_KEYMAP_H

#include <stdint.h>

#include "util.h"

/* Special keys, above the Unicode range. */
enum {
    KEYC_BASE = 0x110000,
    KEYC_UP, KEYC_DOWN, KEYC_LEFT, KEYC_RIGHT,
    KEYC_HOME, KEYC_END, KEYC_PGUP, KEYC_PGDN,
    KEYC_TAB, KEYC_BTAB, KEYC_ENTER, KEYC_ESC, KEYC_BACKSPACE, KEYC_DELETE, KEYC_INSERT,
    KEYC_WORD_LEFT, KEYC_WORD_RIGHT,   /* Ctrl-Left, Ctrl-Right */
    KEYC_F1, KEYC_F2, KEYC_F3, KEYC_F4, KEYC_F5, KEYC_F6, KEYC_F7, KEYC_F8, KEYC_F9,
    KEYC_F10, KEYC_F11, KEYC_F12,
    KEYC_CTRL_A, /* KEYC_CTRL_A + n is Ctrl + the (n+1)th letter, up to Ctrl-Z */
    KEYC_CTRL_Z = KEYC_CTRL_A + 25,
    KEYC_CTRL_E = KEYC_CTRL_A + 4,
    KEYC_MAX = KEYC_CTRL_Z + 1
};

enum action {
    ACT_NONE = 0,
    ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST,
    ACT_PANE_LEFT, ACT_PANE_RIGHT, ACT_NEXT_FIELD, ACT_PREV_FIELD,
    ACT_NEXT_OPEN, ACT_PREV_OPEN, ACT_SEARCH, ACT_GOTO,
    ACT_YES, ACT_NO, ACT_UNSURE, ACT_CYCLE, ACT_FOLLOWUP, ACT_CONFIRM,
    ACT_EDIT, ACT_EXTERNAL_EDIT, ACT_HELP, ACT_LANGUAGE, ACT_ABOUT,
    ACT_SNAPSHOT, ACT_DIFF, ACT_NEW, ACT_OPEN, ACT_BACK, ACT_REDRAW, ACT_QUIT,
    ACT_UNDO, ACT_REDO,
    ACT_COUNT
};

/* Ctrl plus a lowercase letter: KEYC_CTRL('w') */
#define KEYC_CTRL(c) (KEYC_CTRL_A + ((c) - 'a'))

#define KEYMAP_MAX_KEYS 6

struct keymap {
    int keys[ACT_COUNT][KEYMAP_MAX_KEYS];   /* 0-terminated when shorter */
};

/* The config-file name of an action ("quit", "next_open") and back (-1). */
const char *action_name(enum action a);
int action_from_name(const char *name);
/* A short description for the help screen and status line ("next unanswered"). */
const char *action_description(enum action a);

/* Key names: "j", "J", "Up", "Down", "Left", "Right", "Home", "End", "PgUp",
 * "PgDn", "Tab", "S-Tab", "Enter", "Esc", "Space", "Backspace", "Delete",
 * "C-Left", "C-Right", "F1".."F12", "C-a".."C-z", any single UTF-8 character.  -1 when unknown. */
int key_from_name(const char *name);
/* Writes the name of key into out (at least 16 bytes).  (Not "key_name":
 * curses has a function of that name.) */
void keyc_name(int key, char *out, size_t outlen);

/* The built-in bindings (see coopcheck(1), KEYS). */
void keymap_default(struct keymap *km);
/* Replaces an action's keys with a comma-separated list of key names, e.g.
 * "q, C-q"; -1 with a message for an unknown action or key name. */
int keymap_bind(struct keymap *km, const char *action, const char *keys, struct cc_err *err);
/* The action bound to key, or ACT_NONE. */
enum action keymap_lookup(const struct keymap *km, int key);
/* Names of an action's keys joined by "/" ("j/Down") into out. */
void keymap_describe(const struct keymap *km, enum action a, char *out, size_t outlen);

#endif
