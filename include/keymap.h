/* keymap.h — key bindings as data: the actions, the screens that offer them,
 * the keys, and the table between them.  No curses: the terminal layer turns
 * what it reads into KEYC_* values (printable characters are their Unicode
 * code points, see keyin.h).
 *
 * Every action has a name (its key in config.ini's [keys] section), a short
 * label for the status line and a description for the key overview (both in
 * English, translated through gettext where they are shown) and its default
 * keys.  An action's keys are the same on every screen; which actions a
 * screen offers is the screen's context (enum keyctx), so one key can mean
 * different things on different screens (n is "no" in an assessment and
 * "new" in the list of cooperations) but never two on one.  The status-line
 * hints, the key overview and coopcheck(1)'s key table are all made from
 * this table.  On text screens (the editor, prompts, forms), printable
 * characters are text and only the other keys are looked up. */
#ifndef COOPCHECK_KEYMAP_H
#define COOPCHECK_KEYMAP_H

#include <stddef.h>
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

/* Ctrl plus a lowercase letter: KEYC_CTRL('w') */
#define KEYC_CTRL(c) (KEYC_CTRL_A + ((c) - 'a'))

enum action {
    ACT_NONE = 0,
    /* moving */
    ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_READ_ON, ACT_FIRST, ACT_LAST,
    ACT_PANE_LEFT, ACT_PANE_RIGHT, ACT_SCROLL_LEFT, ACT_SCROLL_RIGHT,
    ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_NEXT_OPEN, ACT_PREV_OPEN, ACT_NEXT_CHANGE,
    ACT_PREV_CHANGE, ACT_SEARCH, ACT_GOTO, ACT_GOTO_NUMBER,
    /* answering */
    ACT_YES, ACT_NO, ACT_UNSURE, ACT_CYCLE, ACT_FOLLOWUP, ACT_CONFIRM, ACT_EDIT,
    ACT_EXTERNAL_EDIT, ACT_UNDO, ACT_REDO,
    /* screens */
    ACT_HELP, ACT_ABOUT, ACT_KEYS, ACT_LANGUAGE, ACT_SNAPSHOT, ACT_DIFF, ACT_EXPORT, ACT_NEW,
    ACT_OPEN, ACT_BACK, ACT_CLOSE, ACT_QUIT, ACT_REDRAW,
    /* a cooperation as a whole */
    ACT_EDIT_COOP, ACT_RENAME, ACT_ARCHIVE, ACT_SHOW_ARCHIVED, ACT_DELETE,
    ACT_PARTNER_ADD, ACT_PARTNER_REMOVE, ACT_PARTNER_UP, ACT_PARTNER_DOWN,
    /* taking a snapshot */
    ACT_SNAP_COMPLETE, ACT_SNAP_INTERIM,
    /* the officer's half */
    ACT_RATE, ACT_OFFICER, ACT_MEASURE_ADD, ACT_DECIDE, ACT_APPROVE,
    /* partner screening */
    ACT_SCREENING, ACT_RESCREEN, ACT_HIT_SAME, ACT_HIT_DIFFERENT, ACT_HIT_UNSURE,
    /* a conflict a sync of a shared store recorded */
    ACT_TAKE_OTHER,
    /* questions the program asks */
    ACT_APPLY, ACT_KEEP, ACT_DISCARD, ACT_RETRY, ACT_SAVE_AS, ACT_ACCEPT,
    /* editing text */
    ACT_CHAR_LEFT, ACT_CHAR_RIGHT, ACT_LINE_UP, ACT_LINE_DOWN, ACT_TEXT_PAGE_UP,
    ACT_TEXT_PAGE_DOWN, ACT_LINE_START, ACT_LINE_END, ACT_WORD_LEFT, ACT_WORD_RIGHT,
    ACT_DELETE_BACK, ACT_DELETE_FORWARD, ACT_DELETE_WORD, ACT_CLEAR_LINE, ACT_NEW_LINE,
    ACT_INSERT_TAB, ACT_EDIT_DONE, ACT_EDIT_CANCEL, ACT_EDIT_SAVE,
    ACT_COUNT
};

/* The screens, each offering its own actions. */
enum keyctx {
    CTX_PICKER,      /* the list of cooperations */
    CTX_ASSESS,      /* an assessment */
    CTX_EDITOR,      /* the inline editor of a text field */
    CTX_LINE,        /* a prompt */
    CTX_FORM,        /* the form of a cooperation's details */
    CTX_PAGER,       /* help, about, the key overview */
    CTX_SNAPSHOTS,   /* choosing a snapshot */
    CTX_ROUND,       /* taking a snapshot: what is open, complete or interim */
    CTX_DIFF,        /* the diff view */
    CTX_RECOVER,     /* a draft left by a session that ended */
    CTX_UNSAVED,     /* q while answers are not saved */
    CTX_CONFIRM,     /* a yes-or-no question */
    CTX_OFFICER,     /* risk, measures, decision and approvals */
    CTX_SCREENING,   /* the partner screening */
    CTX_COUNT
};

#define KEYMAP_MAX_KEYS 10

struct keymap {
    int keys[ACT_COUNT][KEYMAP_MAX_KEYS];   /* 0-terminated when shorter */
};

/* The config-file name of an action ("quit", "next_open") and back (-1). */
const char *action_name(enum action a);
int action_from_name(const char *name);
/* The description for the key overview ("next unanswered question") and the
 * short label for the status line ("next open"), translated. */
const char *action_description(enum action a);
const char *action_label(enum action a);

/* A screen's name for the key overview, translated; its actions in order
 * (a table ending with ACT_NONE). */
const char *keyctx_name(enum keyctx ctx);
const enum action *keyctx_actions(enum keyctx ctx);
/* 1 when ctx takes printable characters as text. */
int keyctx_is_text(enum keyctx ctx);

/* Key names: "j", "J", "Up", "Down", "Left", "Right", "Home", "End", "PgUp",
 * "PgDn", "Tab", "S-Tab", "Enter", "Esc", "Space", "Backspace", "Delete",
 * "C-Left", "C-Right", "F1".."F12", "C-a".."C-z", any single UTF-8 character.
 * -1 when unknown. */
int key_from_name(const char *name);
/* Writes the name of key into out (at least 16 bytes).  (Not "key_name":
 * curses has a function of that name.) */
void keyc_name(int key, char *out, size_t outlen);

/* The built-in bindings (see coopcheck(1), KEYS). */
void keymap_default(struct keymap *km);
/* Replaces an action's keys with a comma-separated list of key names, e.g.
 * "q, C-q"; -1 with a message for an unknown action or key name. */
int keymap_bind(struct keymap *km, const char *action, const char *keys, struct cc_err *err);
/* The action key means on screen ctx, or ACT_NONE.  On text screens a
 * printable key is text: ACT_NONE. */
enum action keymap_lookup(const struct keymap *km, enum keyctx ctx, int key);
/* Names of an action's keys joined by "/" ("j/Down") into out; at most max
 * keys (0: all); "" when it has none. */
void keymap_describe(const struct keymap *km, enum action a, size_t max, char *out, size_t outlen);
/* The same for screen ctx: on a text screen, without the printable keys
 * (they type themselves there). */
void keymap_describe_in(const struct keymap *km, enum keyctx ctx, enum action a, size_t max,
                        char *out, size_t outlen);
/* The key overview as text: per screen, its name and each action with its
 * keys and description, wrapped to width.  keymap_overview_screen appends one
 * screen's part to out; keymap_overview all of them, screen first first
 * (CTX_COUNT: in their order). */
void keymap_overview_screen(const struct keymap *km, enum keyctx ctx, struct sbuf *out, size_t width);
void keymap_overview(const struct keymap *km, enum keyctx first, struct sbuf *out, size_t width);
/* The key table of coopcheck(1), KEYS: per screen a .SS heading and a .TP
 * entry per action (its keys, description and name for [keys]). */
void keymap_roff(const struct keymap *km, struct sbuf *out);
/* Two actions bound to the same key on one screen: -1, described in err,
 * the two in pair (may be NULL; the one that keeps the key first); 0 when
 * there are none. */
int keymap_check(const struct keymap *km, enum action pair[2], struct cc_err *err);

#endif
