/* keymap.c — see keymap.h.
 *
 * Three tables: actions (config name and help text, indexed by enum action),
 * key names (named keys, both ways), and the default bindings.  A key bound to
 * two actions goes to the first in action order (keymap_lookup). */
#include "keymap.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "textutil.h"

/* ---- actions ---- */

struct action_info {
    const char *name;         /* as in config.ini */
    const char *description;  /* short, lowercase, for help and status line */
};

static const struct action_info actions[ACT_COUNT] = {
    [ACT_NONE]          = { "none", "do nothing" },
    [ACT_UP]            = { "up", "move up" },
    [ACT_DOWN]          = { "down", "move down" },
    [ACT_PAGE_UP]       = { "page_up", "page up" },
    [ACT_PAGE_DOWN]     = { "page_down", "page down" },
    [ACT_FIRST]         = { "first", "go to the first question" },
    [ACT_LAST]          = { "last", "go to the last question" },
    [ACT_PANE_LEFT]     = { "pane_left", "focus the pane on the left" },
    [ACT_PANE_RIGHT]    = { "pane_right", "focus the pane on the right" },
    [ACT_NEXT_FIELD]    = { "next_field", "next field" },
    [ACT_PREV_FIELD]    = { "prev_field", "previous field" },
    [ACT_NEXT_OPEN]     = { "next_open", "next unanswered question" },
    [ACT_PREV_OPEN]     = { "prev_open", "previous unanswered question" },
    [ACT_SEARCH]        = { "search", "search the questions" },
    [ACT_GOTO]          = { "goto", "go to a question by number" },
    [ACT_YES]           = { "yes", "answer yes" },
    [ACT_NO]            = { "no", "answer no" },
    [ACT_UNSURE]        = { "unsure", "answer unsure" },
    [ACT_CYCLE]         = { "cycle", "cycle yes, no, unsure, unset" },
    [ACT_FOLLOWUP]      = { "followup", "toggle needs follow-up" },
    [ACT_CONFIRM]       = { "confirm", "confirm the answer as reviewed" },
    [ACT_EDIT]          = { "edit", "edit the field" },
    [ACT_EXTERNAL_EDIT] = { "external_edit", "edit the field in $EDITOR" },
    [ACT_HELP]          = { "help", "show help" },
    [ACT_LANGUAGE]      = { "language", "switch language" },
    [ACT_ABOUT]         = { "about", "about this catalogue" },
    [ACT_SNAPSHOT]      = { "snapshot", "take a snapshot" },
    [ACT_DIFF]          = { "diff", "show changes since the last snapshot" },
    [ACT_NEW]           = { "new", "new cooperation" },
    [ACT_OPEN]          = { "open", "open a cooperation" },
    [ACT_BACK]          = { "back", "go back" },
    [ACT_REDRAW]        = { "redraw", "redraw the screen" },
    [ACT_QUIT]          = { "quit", "quit" },
    [ACT_UNDO]          = { "undo", "undo the last answer change" },
    [ACT_REDO]          = { "redo", "redo the change undone last" },
};

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
    return (unsigned)a < ACT_COUNT ? actions[a].description : NULL;
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

/* The product's keys (coopcheck(1), KEYS).  Every action but ACT_NONE has at
 * least one, and no key is bound twice.  Digits 1-9 open the go-to prompt in
 * the TUI and are not in the table. */
static const struct {
    enum action action;
    int keys[KEYMAP_MAX_KEYS];
} default_keys[] = {
    { ACT_UP, { 'k', KEYC_UP } },
    { ACT_DOWN, { 'j', KEYC_DOWN } },
    { ACT_PAGE_UP, { KEYC_PGUP, KEYC_CTRL_A + ('b' - 'a') } },
    { ACT_PAGE_DOWN, { KEYC_PGDN, KEYC_CTRL_A + ('f' - 'a') } },
    { ACT_FIRST, { 'g', KEYC_HOME } },
    { ACT_LAST, { 'G', KEYC_END } },
    { ACT_PANE_LEFT, { 'h', KEYC_LEFT } },
    { ACT_PANE_RIGHT, { 'l', KEYC_RIGHT } },
    { ACT_NEXT_FIELD, { KEYC_TAB } },
    { ACT_PREV_FIELD, { KEYC_BTAB } },
    { ACT_NEXT_OPEN, { ']' } },
    { ACT_PREV_OPEN, { '[' } },
    { ACT_SEARCH, { '/' } },
    { ACT_GOTO, { ':' } },
    { ACT_YES, { 'y' } },
    { ACT_NO, { 'n' } },
    { ACT_UNSURE, { 'u' } },
    { ACT_CYCLE, { ' ' } },
    { ACT_FOLLOWUP, { 'f' } },
    { ACT_CONFIRM, { 'c' } },
    { ACT_EDIT, { KEYC_ENTER } },
    { ACT_EXTERNAL_EDIT, { 'e' } },
    { ACT_HELP, { '?', KEYC_F1 } },
    { ACT_LANGUAGE, { 'L' } },
    { ACT_ABOUT, { 'a' } },
    { ACT_SNAPSHOT, { 's' } },
    { ACT_DIFF, { 'd' } },
    { ACT_NEW, { 'N' } },
    { ACT_OPEN, { 'o' } },
    { ACT_BACK, { KEYC_ESC } },
    { ACT_REDRAW, { KEYC_CTRL_A + ('l' - 'a') } },
    { ACT_QUIT, { 'q' } },
    { ACT_UNDO, { 'U' } },
    { ACT_REDO, { KEYC_CTRL_A + ('r' - 'a') } },
};

void keymap_default(struct keymap *km)
{
    memset(km, 0, sizeof(*km));
    for (size_t i = 0; i < CC_ARRAY_LEN(default_keys); i++)
        memcpy(km->keys[default_keys[i].action], default_keys[i].keys, sizeof(default_keys[i].keys));
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
        cc_error(err, "unknown action \"%s\" (known: %s)", action ? action : "", known.buf);
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
            return cc_error(err, "%s: empty key name in \"%s\" (write a comma as Comma)",
                            actions[a].name, keys);
        if (n >= sizeof(name))
            return cc_error(err, "%s: unknown key name \"%.*s...\"", actions[a].name, 20, word);
        memcpy(name, word, n);
        name[n] = '\0';
        key = key_from_name(name);
        if (key < 0)
            return cc_error(err, "%s: unknown key name \"%s\" (use one character, or Up, Down, "
                            "Left, Right, Home, End, PgUp, PgDn, Tab, S-Tab, Enter, Esc, Space, "
                            "Comma, Backspace, Delete, Insert, C-Left, C-Right, F1 to F12, "
                            "C-a to C-z)",
                            actions[a].name, name);
        for (int i = 0; i < nkeys; i++)
            dup |= keyv[i] == key;
        if (!dup) {
            if (nkeys == KEYMAP_MAX_KEYS)
                return cc_error(err, "%s: too many keys in \"%s\" (at most %d)", actions[a].name,
                                keys, KEYMAP_MAX_KEYS);
            keyv[nkeys++] = key;
        }
        if (!comma)
            break;
        p = comma + 1;  /* "q," gives an empty name: an error */
        if (!*p)
            return cc_error(err, "%s: empty key name in \"%s\" (write a comma as Comma)",
                            actions[a].name, keys);
    }
    memcpy(km->keys[a], keyv, sizeof(keyv));
    return 0;
}

enum action keymap_lookup(const struct keymap *km, int key)
{
    if (key <= 0)
        return ACT_NONE;
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        for (int i = 0; i < KEYMAP_MAX_KEYS && km->keys[a][i]; i++)
            if (km->keys[a][i] == key)
                return (enum action)a;
    return ACT_NONE;
}

void keymap_describe(const struct keymap *km, enum action a, char *out, size_t outlen)
{
    size_t len = 0;
    if (!out || !outlen)
        return;
    out[0] = '\0';
    if ((unsigned)a >= ACT_COUNT)
        return;
    for (int i = 0; i < KEYMAP_MAX_KEYS && km->keys[a][i]; i++) {
        char name[16];
        size_t n;
        keyc_name(km->keys[a][i], name, sizeof(name));
        n = strlen(name) + (i ? 1 : 0);
        if (len + n >= outlen)
            break;  /* only whole names */
        snprintf(out + len, outlen - len, "%s%s", i ? "/" : "", name);
        len += n;
    }
}
