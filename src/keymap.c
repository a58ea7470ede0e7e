/* keymap.c — see keymap.h.
 *
 * Tables: the actions (config name, status-line label, description and
 * default keys, indexed by enum action), the screens (name and the actions
 * each offers, in the order of the key overview), and the key names. */
#include "keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "i18n.h"
#include "markup.h"
#include "textutil.h"

/* ---- actions ---- */

struct action_info {
    const char *name;         /* as in config.ini */
    const char *label;        /* N_(): short, for the status line */
    const char *description;  /* N_(): for the key overview */
    int keys[KEYMAP_MAX_KEYS];
};

#define C(c) KEYC_CTRL(c)

static const struct action_info actions[ACT_COUNT] = {
    [ACT_NONE] = { "none", N_("nothing"), N_("do nothing"), { 0 } },
    [ACT_UP] = { "up", N_("up"), N_("move up"), { 'k', KEYC_UP } },
    [ACT_DOWN] = { "down", N_("down"), N_("move down"), { 'j', KEYC_DOWN } },
    [ACT_PAGE_UP] = { "page_up", N_("page up"), N_("a page up"), { KEYC_PGUP, C('b') } },
    [ACT_PAGE_DOWN] = { "page_down", N_("page down"), N_("a page down"), { KEYC_PGDN, C('f') } },
    [ACT_READ_ON] = { "read_on", N_("page"), N_("a page down, as in less"), { ' ' } },
    [ACT_FIRST] = { "first", N_("first"), N_("to the first"), { 'g', KEYC_HOME } },
    [ACT_LAST] = { "last", N_("last"), N_("to the last"), { 'G', KEYC_END } },
    [ACT_PANE_LEFT] = { "pane_left", N_("pane"), N_("focus the pane on the left"), { 'h', KEYC_LEFT } },
    [ACT_PANE_RIGHT] = { "pane_right", N_("pane"), N_("focus the pane on the right"),
                         { 'l', KEYC_RIGHT } },
    [ACT_SCROLL_LEFT] = { "scroll_left", N_("scroll"), N_("scroll to the left"), { 'h', KEYC_LEFT } },
    [ACT_SCROLL_RIGHT] = { "scroll_right", N_("scroll"), N_("scroll to the right"),
                           { 'l', KEYC_RIGHT } },
    [ACT_NEXT_FIELD] = { "next_field", N_("field"), N_("next field"), { KEYC_TAB } },
    [ACT_PREV_FIELD] = { "prev_field", N_("field"), N_("previous field"), { KEYC_BTAB } },
    [ACT_NEXT_OPEN] = { "next_open", N_("next open"),
                        N_("next question not answered or to review, its open field focused"), { ']' } },
    [ACT_PREV_OPEN] = { "prev_open", N_("previous open"),
                        N_("previous question not answered or to review"), { '[' } },
    [ACT_NEXT_CHANGE] = { "next_change", N_("next change"), N_("next change"), { ']' } },
    [ACT_PREV_CHANGE] = { "prev_change", N_("previous change"), N_("previous change"), { '[' } },
    [ACT_SEARCH] = { "search", N_("search"), N_("search the questions and the answers"), { '/' } },
    [ACT_GOTO] = { "goto", N_("go to"), N_("go to a question by number"), { ':' } },
    [ACT_GOTO_NUMBER] = { "goto_number", N_("go to"), N_("go to the question with this number"),
                          { '1', '2', '3', '4', '5', '6', '7', '8', '9' } },
    [ACT_YES] = { "yes", N_("yes"), N_("answer yes"), { 'y' } },
    [ACT_NO] = { "no", N_("no"), N_("answer no"), { 'n' } },
    [ACT_UNSURE] = { "unsure", N_("unsure"), N_("answer unsure"), { 'u' } },
    [ACT_CYCLE] = { "cycle", N_("cycle"), N_("step through yes, no, unsure, unanswered"), { ' ' } },
    [ACT_FOLLOWUP] = { "followup", N_("follow-up"), N_("flag for follow-up, or clear the flag"),
                       { 'f' } },
    [ACT_CONFIRM] = { "confirm", N_("confirm"), N_("confirm an answer (and its risk rating) carried over as reviewed"),
                      { 'c' } },
    [ACT_EDIT] = { "edit", N_("edit"), N_("edit the text field, or the note of a yes/no answer"),
                   { KEYC_ENTER } },
    [ACT_EXTERNAL_EDIT] = { "external_edit", N_("$EDITOR"), N_("edit the text field in $EDITOR"),
                            { 'e' } },
    [ACT_UNDO] = { "undo", N_("undo"), N_("undo the last change of an answer"), { 'U' } },
    [ACT_REDO] = { "redo", N_("redo"), N_("redo the change undone last"), { C('r') } },
    [ACT_HELP] = { "help", N_("help"), N_("help (on the list of cooperations: the keys)"),
                   { '?', KEYC_F1 } },
    [ACT_ABOUT] = { "about", N_("about"), N_("about this catalogue: cover note, purpose, sources"),
                    { 'a' } },
    [ACT_KEYS] = { "keys", N_("keys"), N_("all keys of every screen"), { 'K', KEYC_F2, C('k') } },
    [ACT_LANGUAGE] = { "language", N_("Deutsch/English"), N_("switch between German and English"),
                       { 'L' } },
    [ACT_SNAPSHOT] = { "snapshot", N_("snapshot"), N_("take a snapshot"), { 's' } },
    [ACT_DIFF] = { "diff", N_("changes"), N_("compare with a snapshot"), { 'd' } },
    [ACT_EXPORT] = { "export", N_("report"),
                     N_("write a report (md, txt, roff, html or json, by the file's extension) "
                        "to a file"), { 'w' } },
    [ACT_NEW] = { "new", N_("new"), N_("new cooperation"), { 'n', 'N' } },
    [ACT_OPEN] = { "open", N_("open"),
                   N_("open the one chosen: cooperation, snapshot, changed question"), { KEYC_ENTER, 'o' } },
    [ACT_BACK] = { "back", N_("back"), N_("back to the question list"), { KEYC_ESC } },
    [ACT_CLOSE] = { "close", N_("close"), N_("close this screen"), { 'q', KEYC_ESC } },
    [ACT_QUIT] = { "quit", N_("quit"), N_("close the cooperation, or leave"), { 'q' } },
    [ACT_REDRAW] = { "redraw", N_("redraw"), N_("draw the screen again"), { C('l') } },
    [ACT_EDIT_COOP] = { "edit_coop", N_("details"),
                        N_("edit the cooperation's details: title, partners and their aliases, "
                           "country, PI, start, interval"), { 'E' } },
    [ACT_RENAME] = { "rename", N_("rename"), N_("rename the cooperation (give it a new id)"), { 'r' } },
    [ACT_ARCHIVE] = { "archive", N_("archive"),
                      N_("archive the cooperation (hidden, kept intact), or take it out of the "
                         "archive"), { 'a' } },
    [ACT_SHOW_ARCHIVED] = { "show_archived", N_("archived"), N_("show or hide the archived cooperations"),
                            { 'A' } },
    [ACT_DELETE] = { "delete", N_("delete"),
                     N_("delete the cooperation and all its snapshots, after typing its id"),
                     { 'D', KEYC_DELETE } },
    [ACT_PARTNER_ADD] = { "partner_add", N_("add partner"), N_("add a partner after the focused one"),
                          { C('o') } },
    [ACT_PARTNER_REMOVE] = { "partner_remove", N_("remove partner"),
                             N_("remove the focused partner (asks when it has a name)"), { C('x') } },
    [ACT_PARTNER_UP] = { "partner_up", N_("move up"), N_("move the focused partner up the list"),
                         { C('p') } },
    [ACT_PARTNER_DOWN] = { "partner_down", N_("move down"),
                           N_("move the focused partner down the list"), { C('n') } },
    [ACT_SNAP_COMPLETE] = { "snapshot_complete", N_("complete"),
                            N_("take a complete snapshot, which closes the round (only when "
                               "nothing is open)"), { KEYC_ENTER } },
    [ACT_SNAP_INTERIM] = { "snapshot_interim", N_("interim"),
                           N_("take an interim snapshot: kept and comparable, but the round stays "
                              "open and the due date does not move"), { 'i' } },
    [ACT_RATE] = { "rate", N_("rate risk"),
                   N_("rate the risk of this question (on the officer's screen: the overall "
                      "risk), with a rationale"), { 'r' } },
    [ACT_OFFICER] = { "officer", N_("risk"),
                      N_("risk, measures, decision and approvals: the officer's summary"), { 'R' } },
    [ACT_MEASURE_ADD] = { "measure_add", N_("add measure"), N_("add a measure to the register"),
                          { 'a' } },
    [ACT_DECIDE] = { "decide", N_("decide"), N_("record the round's decision"), { 'd' } },
    [ACT_APPROVE] = { "approve", N_("approve"),
                      N_("approve a snapshot in a role, optionally signed with an SSH key"),
                      { 'A' } },
    [ACT_SCREENING] = { "screening", N_("screening"),
                        N_("the partner screening: the lists checked, each hit explained and "
                           "decided"), { 'S' } },
    [ACT_RESCREEN] = { "rescreen", N_("screen again"),
                       N_("screen the partners against the installed lists again"), { 'S' } },
    [ACT_HIT_SAME] = { "hit_same", N_("same"),
                       N_("decide the selected hit: the same entity as the list's entry"), { 'y' } },
    [ACT_HIT_DIFFERENT] = { "hit_different", N_("not same"),
                            N_("decide the selected hit: not the same entity"), { 'n' } },
    [ACT_HIT_UNSURE] = { "hit_unsure", N_("unsure"),
                         N_("decide the selected hit: unsure (say why in a note)"), { 'u' } },
    [ACT_TAKE_OTHER] = { "take_other", N_("take other"),
                         N_("a conflict from a sync: take the other side's value (editing the "
                            "value settles it too)"), { 'O' } },
    [ACT_APPLY] = { "apply", N_("apply"), N_("apply the draft"), { 'a' } },
    [ACT_KEEP] = { "keep", N_("later"), N_("keep the draft for later"), { 'l' } },
    [ACT_DISCARD] = { "discard", N_("discard"), N_("discard (after a confirmation)"), { 'x', 'd' } },
    [ACT_RETRY] = { "retry", N_("try again"), N_("try to save again"), { 'r' } },
    [ACT_SAVE_AS] = { "save_as", N_("other file"), N_("write the answers to another file"), { 'w' } },
    [ACT_ACCEPT] = { "accept", N_("accept"), N_("accept what was typed"), { KEYC_ENTER } },
    [ACT_CHAR_LEFT] = { "char_left", N_("left"), N_("cursor left"), { KEYC_LEFT } },
    [ACT_CHAR_RIGHT] = { "char_right", N_("right"), N_("cursor right"), { KEYC_RIGHT } },
    [ACT_LINE_UP] = { "line_up", N_("up"), N_("cursor up a line"), { KEYC_UP } },
    [ACT_LINE_DOWN] = { "line_down", N_("down"), N_("cursor down a line"), { KEYC_DOWN } },
    [ACT_TEXT_PAGE_UP] = { "text_page_up", N_("page up"), N_("cursor up half a screen"), { KEYC_PGUP } },
    [ACT_TEXT_PAGE_DOWN] = { "text_page_down", N_("page down"), N_("cursor down half a screen"),
                             { KEYC_PGDN } },
    [ACT_LINE_START] = { "line_start", N_("line start"), N_("to the start of the line"),
                         { KEYC_HOME, C('a') } },
    [ACT_LINE_END] = { "line_end", N_("line end"), N_("to the end of the line"), { KEYC_END, C('e') } },
    [ACT_WORD_LEFT] = { "word_left", N_("word"), N_("to the previous word"), { KEYC_WORD_LEFT } },
    [ACT_WORD_RIGHT] = { "word_right", N_("word"), N_("to the next word"), { KEYC_WORD_RIGHT } },
    [ACT_DELETE_BACK] = { "delete_back", N_("delete"), N_("delete the character before the cursor"),
                          { KEYC_BACKSPACE } },
    [ACT_DELETE_FORWARD] = { "delete_forward", N_("delete"), N_("delete the character at the cursor"),
                             { KEYC_DELETE, C('d') } },
    [ACT_DELETE_WORD] = { "delete_word", N_("delete word"), N_("delete the word before the cursor"),
                          { C('w') } },
    [ACT_CLEAR_LINE] = { "clear_line", N_("clear"), N_("delete the line up to the cursor"), { C('u') } },
    [ACT_NEW_LINE] = { "new_line", N_("new line"), N_("start a new line"), { KEYC_ENTER } },
    [ACT_INSERT_TAB] = { "insert_tab", N_("tab"), N_("insert a tab"), { KEYC_TAB } },
    [ACT_EDIT_DONE] = { "edit_done", N_("keep"), N_("close the editor, keeping the text"), { KEYC_ESC } },
    [ACT_EDIT_CANCEL] = { "edit_cancel", N_("cancel"), N_("cancel: the field as it was before"),
                          { C('g') } },
    [ACT_EDIT_SAVE] = { "edit_save", N_("save"), N_("save and go on editing"), { C('s') } },
};

#undef C

const char *action_name(enum action a)
{
    return (unsigned)a < ACT_COUNT ? actions[a].name : NULL;
}

int action_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int a = 0; a < ACT_COUNT; a++)
        if (strcasecmp(actions[a].name, name) == 0)
            return a;
    return -1;
}

const char *action_description(enum action a)
{
    return (unsigned)a < ACT_COUNT ? _(actions[a].description) : NULL;
}

const char *action_label(enum action a)
{
    return (unsigned)a < ACT_COUNT ? _(actions[a].label) : NULL;
}

/* ---- screens ---- */

#define END ACT_NONE
static const enum action picker_actions[] = {
    ACT_OPEN, ACT_NEW, ACT_EDIT_COOP, ACT_RENAME, ACT_ARCHIVE, ACT_SHOW_ARCHIVED, ACT_DELETE,
    ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST, ACT_SCROLL_LEFT,
    ACT_SCROLL_RIGHT, ACT_HELP, ACT_KEYS, ACT_LANGUAGE, ACT_REDRAW, ACT_QUIT, END,
};
static const enum action assess_actions[] = {
    ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_GOTO_NUMBER, ACT_GOTO,
    ACT_NEXT_OPEN, ACT_PREV_OPEN, ACT_SEARCH, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_PANE_LEFT,
    ACT_PANE_RIGHT, ACT_YES, ACT_NO, ACT_UNSURE, ACT_CYCLE, ACT_EDIT, ACT_EXTERNAL_EDIT,
    ACT_FOLLOWUP, ACT_CONFIRM, ACT_UNDO, ACT_REDO, ACT_RATE, ACT_OFFICER, ACT_SCREENING, ACT_HELP,
    ACT_ABOUT, ACT_TAKE_OTHER,
    ACT_KEYS, ACT_LANGUAGE, ACT_SNAPSHOT, ACT_DIFF, ACT_EXPORT, ACT_EDIT_COOP, ACT_BACK,
    ACT_REDRAW, ACT_QUIT, END,
};
static const enum action officer_actions[] = {
    ACT_OPEN, ACT_RATE, ACT_MEASURE_ADD, ACT_CONFIRM, ACT_DECIDE, ACT_APPROVE, ACT_DOWN, ACT_UP,
    ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_LANGUAGE, ACT_KEYS, ACT_REDRAW,
    ACT_CLOSE, END,
};
static const enum action screening_actions[] = {
    ACT_HIT_SAME, ACT_HIT_DIFFERENT, ACT_HIT_UNSURE, ACT_OPEN, ACT_RESCREEN, ACT_DOWN, ACT_UP, ACT_PAGE_DOWN,
    ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_LANGUAGE, ACT_KEYS, ACT_REDRAW, ACT_CLOSE, END,
};
static const enum action editor_actions[] = {
    ACT_EDIT_DONE, ACT_EDIT_CANCEL, ACT_EDIT_SAVE, ACT_NEW_LINE, ACT_CHAR_LEFT, ACT_CHAR_RIGHT,
    ACT_LINE_UP, ACT_LINE_DOWN, ACT_TEXT_PAGE_UP, ACT_TEXT_PAGE_DOWN, ACT_LINE_START, ACT_LINE_END,
    ACT_WORD_LEFT, ACT_WORD_RIGHT, ACT_DELETE_BACK, ACT_DELETE_FORWARD, ACT_DELETE_WORD,
    ACT_CLEAR_LINE, ACT_INSERT_TAB, ACT_KEYS, ACT_REDRAW, END,
};
static const enum action line_actions[] = {
    ACT_ACCEPT, ACT_CLOSE, ACT_EDIT_CANCEL, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_LINE_UP,
    ACT_LINE_DOWN, ACT_CHAR_LEFT, ACT_CHAR_RIGHT, ACT_LINE_START, ACT_LINE_END, ACT_WORD_LEFT,
    ACT_WORD_RIGHT, ACT_DELETE_BACK, ACT_DELETE_FORWARD, ACT_DELETE_WORD, ACT_CLEAR_LINE,
    ACT_KEYS, ACT_REDRAW, END,
};
static const enum action form_actions[] = {
    ACT_ACCEPT, ACT_CLOSE, ACT_EDIT_CANCEL, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_LINE_UP,
    ACT_LINE_DOWN, ACT_PARTNER_ADD, ACT_PARTNER_REMOVE, ACT_PARTNER_UP, ACT_PARTNER_DOWN,
    ACT_CHAR_LEFT, ACT_CHAR_RIGHT, ACT_LINE_START, ACT_LINE_END, ACT_WORD_LEFT, ACT_WORD_RIGHT,
    ACT_DELETE_BACK, ACT_DELETE_FORWARD, ACT_DELETE_WORD, ACT_CLEAR_LINE, ACT_KEYS, ACT_REDRAW, END,
};
static const enum action pager_actions[] = {
    ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_READ_ON, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_LANGUAGE, ACT_KEYS,
    ACT_REDRAW, ACT_CLOSE, END,
};
static const enum action snapshots_actions[] = {
    ACT_OPEN, ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_KEYS,
    ACT_REDRAW, ACT_CLOSE, END,
};
static const enum action round_actions[] = {
    ACT_SNAP_COMPLETE, ACT_SNAP_INTERIM, ACT_CLOSE, ACT_KEYS, ACT_REDRAW, END,
};
static const enum action diff_actions[] = {
    ACT_NEXT_CHANGE, ACT_PREV_CHANGE, ACT_OPEN, ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_READ_ON,
    ACT_PAGE_UP,
    ACT_FIRST, ACT_LAST, ACT_KEYS, ACT_REDRAW, ACT_CLOSE, END,
};
static const enum action recover_actions[] = {
    ACT_APPLY, ACT_KEEP, ACT_DISCARD, ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST,
    ACT_LAST, ACT_KEYS, ACT_REDRAW, END,
};
static const enum action unsaved_actions[] = {
    ACT_RETRY, ACT_SAVE_AS, ACT_DISCARD, ACT_CLOSE, ACT_KEYS, ACT_REDRAW, END,
};
static const enum action confirm_actions[] = { ACT_YES, ACT_CLOSE, END };
#undef END

static const struct {
    const char *name;   /* N_() */
    const enum action *actions;
    int text;
} screens[CTX_COUNT] = {
    [CTX_PICKER] = { N_("The list of cooperations"), picker_actions, 0 },
    [CTX_ASSESS] = { N_("An assessment"), assess_actions, 0 },
    [CTX_EDITOR] = { N_("The editor of a text field"), editor_actions, 1 },
    [CTX_LINE] = { N_("Prompts"), line_actions, 1 },
    [CTX_FORM] = { N_("The form of a cooperation's details"), form_actions, 1 },
    [CTX_PAGER] = { N_("Help, about, keys"), pager_actions, 0 },
    [CTX_SNAPSHOTS] = { N_("Choosing a snapshot"), snapshots_actions, 0 },
    [CTX_ROUND] = { N_("Taking a snapshot"), round_actions, 0 },
    [CTX_DIFF] = { N_("The changes since a snapshot"), diff_actions, 0 },
    [CTX_RECOVER] = { N_("A recovered draft"), recover_actions, 0 },
    [CTX_UNSAVED] = { N_("Answers not saved"), unsaved_actions, 0 },
    [CTX_CONFIRM] = { N_("Confirming (yes or no)"), confirm_actions, 0 },
    [CTX_OFFICER] = { N_("Risk, measures, decision and approvals"), officer_actions, 0 },
    [CTX_SCREENING] = { N_("The partner screening"), screening_actions, 0 },
};

const char *keyctx_name(enum keyctx ctx)
{
    return (unsigned)ctx < CTX_COUNT ? _(screens[ctx].name) : "";
}

const enum action *keyctx_actions(enum keyctx ctx)
{
    static const enum action none[] = { ACT_NONE };
    return (unsigned)ctx < CTX_COUNT ? screens[ctx].actions : none;
}

int keyctx_is_text(enum keyctx ctx)
{
    return (unsigned)ctx < CTX_COUNT && screens[ctx].text;
}

/* ---- key names ---- */

struct key_named {
    const char *name;
    int key;
};

/* The first entry of a key is its canonical name (key_name); later ones are
 * aliases accepted by key_from_name.  Matching is case-insensitive.  ","
 * cannot be written in keymap_bind's comma-separated list, hence "Comma". */
static const struct key_named key_names[] = {
    { "Up", KEYC_UP },         { "Down", KEYC_DOWN },
    { "Left", KEYC_LEFT },     { "Right", KEYC_RIGHT },
    { "Home", KEYC_HOME },     { "End", KEYC_END },
    { "PgUp", KEYC_PGUP },     { "PgDn", KEYC_PGDN },
    { "Tab", KEYC_TAB },       { "S-Tab", KEYC_BTAB },
    { "Enter", KEYC_ENTER },   { "Esc", KEYC_ESC },
    { "Backspace", KEYC_BACKSPACE }, { "Delete", KEYC_DELETE },
    { "Insert", KEYC_INSERT },
    { "C-Left", KEYC_WORD_LEFT }, { "C-Right", KEYC_WORD_RIGHT },
    { "Space", ' ' },          { "Comma", ',' },
    /* aliases */
    { "PageUp", KEYC_PGUP },   { "PageDown", KEYC_PGDN },
    { "BTab", KEYC_BTAB },     { "Return", KEYC_ENTER },
    { "Escape", KEYC_ESC },    { "Del", KEYC_DELETE },
};

/* 1 for a code point that can be bound and shown as itself. */
static int key_is_char(int key)
{
    if (key <= ' ' || key >= KEYC_BASE)
        return key == ' ';
    if (key >= 0xD800 && key <= 0xDFFF)
        return 0;
    return !text_is_unsafe((uint32_t)key, 0);
}

/* Decimal 1..max without sign or leading zero, or -1. */
static int small_number(const char *s, int max)
{
    int n = 0;
    if (*s < '1' || *s > '9')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        n = n * 10 + (*s - '0');
        if (n > max)
            return -1;
    }
    return n;
}

int key_from_name(const char *name)
{
    size_t len, clen;
    if (!name || !*name)
        return -1;
    len = strlen(name);
    /* One UTF-8 character stands for itself (case matters: "g" vs "G"). */
    if (!utf8_invalid(name, len)) {
        uint32_t cp = utf8_decode_at(name, &clen);
        if (clen == len)
            return key_is_char((int)cp) ? (int)cp : -1;
    }
    for (size_t i = 0; i < CC_ARRAY_LEN(key_names); i++)
        if (strcasecmp(key_names[i].name, name) == 0)
            return key_names[i].key;
    if ((name[0] == 'F' || name[0] == 'f')) {
        int n = small_number(name + 1, 12);
        if (n > 0)
            return KEYC_F1 + n - 1;
    }
    if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
        char c = name[2];
        if (c >= 'a' && c <= 'z')
            return KEYC_CTRL_A + (c - 'a');
        if (c >= 'A' && c <= 'Z')
            return KEYC_CTRL_A + (c - 'A');
    }
    return -1;
}

void keyc_name(int key, char *out, size_t outlen)
{
    char buf[16];
    const char *named = NULL;
    if (!out || !outlen)
        return;
    for (size_t i = 0; i < CC_ARRAY_LEN(key_names) && !named; i++)
        if (key_names[i].key == key)
            named = key_names[i].name;
    if (named)
        snprintf(buf, sizeof(buf), "%s", named);
    else if (key >= KEYC_F1 && key <= KEYC_F12)
        snprintf(buf, sizeof(buf), "F%d", key - KEYC_F1 + 1);
    else if (key >= KEYC_CTRL_A && key <= KEYC_CTRL_Z)
        snprintf(buf, sizeof(buf), "C-%c", 'a' + (key - KEYC_CTRL_A));
    else if (key_is_char(key))
        buf[utf8_encode((uint32_t)key, buf)] = '\0';
    else if (key >= 0 && key < KEYC_BASE)
        snprintf(buf, sizeof(buf), "U+%04X", (unsigned)key);  /* a control character */
    else
        snprintf(buf, sizeof(buf), "?");
    snprintf(out, outlen, "%s", buf);
}

/* ---- bindings ---- */

void keymap_default(struct keymap *km)
{
    memset(km, 0, sizeof(*km));
    for (int a = 0; a < ACT_COUNT; a++)
        memcpy(km->keys[a], actions[a].keys, sizeof(actions[a].keys));
}

static const char *trim(const char *s, size_t *len)
{
    while (*len && (*s == ' ' || *s == '\t')) {
        s++;
        (*len)--;
    }
    while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
        (*len)--;
    return s;
}

int keymap_bind(struct keymap *km, const char *action, const char *keys, struct cc_err *err)
{
    int keyv[KEYMAP_MAX_KEYS] = { 0 };
    int nkeys = 0, a = action_from_name(action);
    const char *p = keys ? keys : "";

    if (a <= ACT_NONE) {
        struct sbuf known;
        sbuf_init(&known);
        for (int i = ACT_NONE + 1; i < ACT_COUNT; i++)
            sbuf_addf(&known, "%s%s", i > ACT_NONE + 1 ? ", " : "", actions[i].name);
        cc_error(err, _("unknown action \"%s\" (known: %s)"), action ? action : "", known.buf);
        sbuf_release(&known);
        return -1;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    /* An empty list leaves the action without keys. */
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        const char *word = trim(p, &n);
        char name[64];
        int key, dup = 0;
        if (!n)
            return cc_error(err, _("%s: empty key name in \"%s\" (write a comma as Comma)"),
                            actions[a].name, keys);
        if (n >= sizeof(name))
            return cc_error(err, _("%s: unknown key name \"%.*s...\""), actions[a].name, 20, word);
        memcpy(name, word, n);
        name[n] = '\0';
        key = key_from_name(name);
        if (key < 0)
            return cc_error(err, _("%s: unknown key name \"%s\" (use one character, or Up, Down, "
                            "Left, Right, Home, End, PgUp, PgDn, Tab, S-Tab, Enter, Esc, Space, "
                            "Comma, Backspace, Delete, Insert, C-Left, C-Right, F1 to F12, "
                            "C-a to C-z)"),
                            actions[a].name, name);
        for (int i = 0; i < nkeys; i++)
            dup |= keyv[i] == key;
        if (!dup) {
            if (nkeys == KEYMAP_MAX_KEYS)
                return cc_error(err, _("%s: too many keys in \"%s\" (at most %d)"), actions[a].name,
                                keys, KEYMAP_MAX_KEYS);
            keyv[nkeys++] = key;
        }
        if (!comma)
            break;
        p = comma + 1;  /* "q," gives an empty name: an error */
        if (!*p)
            return cc_error(err, _("%s: empty key name in \"%s\" (write a comma as Comma)"),
                            actions[a].name, keys);
    }
    memcpy(km->keys[a], keyv, sizeof(keyv));
    return 0;
}

static int has_key(const struct keymap *km, enum action a, int key)
{
    for (int i = 0; i < KEYMAP_MAX_KEYS && km->keys[a][i]; i++)
        if (km->keys[a][i] == key)
            return 1;
    return 0;
}

enum action keymap_lookup(const struct keymap *km, enum keyctx ctx, int key)
{
    const enum action *acts = keyctx_actions(ctx);
    if (key <= 0)
        return ACT_NONE;
    if (keyctx_is_text(ctx) && key < KEYC_BASE && key >= ' ')
        return ACT_NONE;   /* text */
    for (size_t i = 0; acts[i] != ACT_NONE; i++)
        if (has_key(km, acts[i], key))
            return acts[i];
    return ACT_NONE;
}

/* The length of the run of keys from keys[i] on that are consecutive
 * digits or letters ("1", "2", "3", ...), at least 1. */
static size_t run_length(const int *keys, size_t i)
{
    size_t n = 1;
    while (i + n < KEYMAP_MAX_KEYS && keys[i + n] && keys[i + n] == keys[i + n - 1] + 1 &&
           keys[i + n] < 0x80 && ((keys[i] >= '0' && keys[i + n] <= '9') ||
                                  (keys[i] >= 'a' && keys[i + n] <= 'z') ||
                                  (keys[i] >= 'A' && keys[i + n] <= 'Z')))
        n++;
    return n;
}

void keymap_describe_in(const struct keymap *km, enum keyctx ctx, enum action a, size_t max,
                        char *out, size_t outlen)
{
    int keys[KEYMAP_MAX_KEYS] = { 0 };
    size_t len = 0, shown = 0, nk = 0;
    if (!out || !outlen)
        return;
    out[0] = '\0';
    if ((unsigned)a >= ACT_COUNT)
        return;
    /* on a text screen a printable key types itself: leave it out */
    for (size_t i = 0; i < KEYMAP_MAX_KEYS && km->keys[a][i]; i++)
        if (!(keyctx_is_text(ctx) && km->keys[a][i] >= ' ' && km->keys[a][i] < KEYC_BASE))
            keys[nk++] = km->keys[a][i];
    for (size_t i = 0; i < nk && (!max || shown < max); shown++) {
        char name[40], last[16];
        size_t n, run = run_length(keys, i);
        keyc_name(keys[i], name, sizeof(name));
        if (run >= 3) {   /* 1-9 */
            keyc_name(keys[i + run - 1], last, sizeof(last));
            snprintf(name + strlen(name), sizeof(name) - strlen(name), "-%s", last);
        } else {
            run = 1;
        }
        n = strlen(name) + (i ? 1 : 0);
        if (len + n >= outlen)
            break;  /* only whole names */
        snprintf(out + len, outlen - len, "%s%s", i ? "/" : "", name);
        len += n;
        i += run;
    }
}

void keymap_describe(const struct keymap *km, enum action a, size_t max, char *out, size_t outlen)
{
    keymap_describe_in(km, CTX_COUNT, a, max, out, outlen);
}

/* Keys column of the overview: 4 columns in, 17 wide. */
#define OV_INDENT 4
#define OV_KEYS 17

void keymap_overview_screen(const struct keymap *km, enum keyctx ctx, struct sbuf *out, size_t width)
{
    const enum action *acts = keyctx_actions(ctx);
    size_t col = OV_INDENT + OV_KEYS, room = width > col + 20 ? width - col : 20;
    sbuf_addf(out, "%s\n", keyctx_name(ctx));
    for (size_t i = 0; acts[i] != ACT_NONE; i++) {
        char keys[128];
        struct sbuf desc;
        size_t kw;
        const char *p;
        keymap_describe_in(km, ctx, acts[i], 0, keys, sizeof(keys));
        if (!keys[0])
            snprintf(keys, sizeof(keys), "-");
        sbuf_addf(out, "%*s%s", OV_INDENT, "", keys);
        kw = text_width(keys);
        if (kw >= OV_KEYS)   /* a long list of keys: the description below it */
            sbuf_addf(out, "\n%*s", (int)col, "");
        else
            sbuf_addf(out, "%*s", (int)(OV_KEYS - kw), "");
        /* the description wrapped, its further lines under its first */
        sbuf_init(&desc);
        text_wrap(&desc, action_description(acts[i]), room, 0);
        for (p = desc.buf; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            if (p != desc.buf)
                sbuf_addf(out, "%*s", (int)col, "");
            sbuf_add(out, p, n);
            sbuf_addc(out, '\n');
            p += n + (nl ? 1 : 0);
        }
        sbuf_release(&desc);
    }
}

void keymap_overview(const struct keymap *km, enum keyctx first, struct sbuf *out, size_t width)
{
    if ((unsigned)first < CTX_COUNT)
        keymap_overview_screen(km, first, out, width);
    for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
        if (ctx == (int)first)
            continue;
        if (out->len)
            sbuf_addc(out, '\n');
        keymap_overview_screen(km, (enum keyctx)ctx, out, width);
    }
}

void keymap_roff(const struct keymap *km, struct sbuf *out)
{
    for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
        const enum action *acts = keyctx_actions((enum keyctx)ctx);
        roff_macro(out, "SS", keyctx_name((enum keyctx)ctx));
        for (size_t i = 0; acts[i] != ACT_NONE; i++) {
            const char *desc = action_description(acts[i]);
            sbuf_adds(out, ".TP\n");
            size_t shown = 0;
            for (size_t k = 0; k < KEYMAP_MAX_KEYS && km->keys[acts[i]][k]; k++) {
                int key = km->keys[acts[i]][k];
                char name[16];
                if (keyctx_is_text((enum keyctx)ctx) && key >= ' ' && key < KEYC_BASE)
                    continue;   /* types itself there */
                keyc_name(key, name, sizeof(name));
                sbuf_adds(out, shown++ ? ", \\fB" : "\\fB");
                if (strcmp(name, "-") != 0 && strchr(name, '-')) {
                    /* C-a, S-Tab: a minus sign to type, not a hyphen */
                    *strchr(name, '-') = '\0';
                    roff_escape(out, name);
                    sbuf_adds(out, "\\-");
                    roff_escape(out, name + strlen(name) + 1);
                } else {
                    roff_escape(out, name);
                }
                sbuf_adds(out, "\\fR");
            }
            if (!shown)
                sbuf_adds(out, "\\(em");
            sbuf_addc(out, '\n');
            /* the description as a sentence, the action's name for [keys] */
            {
                size_t clen;
                uint32_t first = utf8_decode_at(desc, &clen);
                char up[8];
                up[utf8_encode((uint32_t)towupper((wint_t)first), up)] = '\0';
                sbuf_adds(out, up);
                roff_escape(out, desc + clen);
            }
            sbuf_adds(out, "\n.RB ( ");
            roff_escape(out, action_name(acts[i]));
            sbuf_adds(out, " ).\n");
        }
    }
}

int keymap_check(const struct keymap *km, enum action pair[2], struct cc_err *err)
{
    for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
        const enum action *acts = keyctx_actions((enum keyctx)ctx);
        for (size_t i = 0; acts[i] != ACT_NONE; i++)
            for (size_t k = 0; k < KEYMAP_MAX_KEYS && km->keys[acts[i]][k]; k++)
                for (size_t j = 0; j < i; j++)
                    if (has_key(km, acts[j], km->keys[acts[i]][k])) {
                        char name[16];
                        if (pair) {
                            pair[0] = acts[j];
                            pair[1] = acts[i];
                        }
                        keyc_name(km->keys[acts[i]][k], name, sizeof(name));
                        return cc_error(err, _("key %s is bound to both %s and %s on one screen "
                                               "(%s); %s keeps it: bind one of them to another "
                                               "key"), name, actions[acts[j]].name,
                                        actions[acts[i]].name, keyctx_name((enum keyctx)ctx),
                                        actions[acts[j]].name);
                    }
    }
    return 0;
}
