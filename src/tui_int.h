/* tui_int.h — shared by the terminal layer (src/tui*.c) only.
 *
 * The terminal layer draws the model and turns keys into model actions; the
 * model, storage and catalogue know nothing of it.  Every screen draws the
 * whole frame into curses' virtual screen on each pass and lets curses send
 * only the differences, so a cursor move costs a few bytes over SSH. */
#ifndef COOPCHECK_TUI_INT_H
#define COOPCHECK_TUI_INT_H

#include <curses.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "diff.h"
#include "draft.h"
#include "editbuf.h"
#include "keyin.h"
#include "keymap.h"
#include "model.h"
#include "theme.h"
#include "undo.h"
#include "util.h"

#define TUI_MIN_COLS 60
#define TUI_MIN_ROWS 15
#define TUI_WIDE_COLS 120   /* from here on, help is a third pane */
#define TUI_AUTOSAVE_MS 1000 /* idle time after typing before the text is saved */
#define TUI_DRAFT_MS 1000    /* unsaved typing reaches the recovery draft within this */

/* A message in the interface's language: TR(t, "English", "Deutsch").  Both
 * are string literals, so a format is still checked by the compiler. */
#define TR(t, en, de) ((t)->lang == LANG_DE ? (de) : (en))

/* Strings of the interface chrome, in both languages. */
enum ui_str {
    S_QUESTION, S_OF, S_YES, S_NO, S_UNSURE, S_UNANSWERED, S_FOLLOWUP, S_TO_REVIEW,
    S_EMPTY_TEXT, S_EDITING, S_ANSWERED_BY, S_HELP, S_QUESTIONS, S_PICKER_TITLE,
    S_NO_COOPS, S_COUNT
};
const char *ui(enum ui_str s, enum lang l);

/* What the signal handlers leave for the main loop. */
extern volatile sig_atomic_t tui_signal;   /* SIGHUP, SIGTERM, SIGINT or 0 */

/* The monotonic clock in milliseconds. */
long tui_now_ms(void);

struct tui;

/* A screen: the picker, an assessment, a pager. */
struct screen_ops {
    void (*draw)(struct tui *t);
    /* Handles one key; returns 0, or 1 when the screen asks to close. */
    int (*key)(struct tui *t, int key);
    /* Called about every TUI_AUTOSAVE_MS without a key, and before exit:
     * writes pending text to disk.  May be NULL. */
    void (*flush)(struct tui *t);
};

/* A line of the diff view: styled pieces of text. */
struct dseg {
    char *text;
    enum theme_slot slot;
};
struct dline {
    struct dseg *v;
    size_t n;
    int question;     /* the question this line belongs to, or -1 */
    int change;       /* 1 on the first line of a changed question */
};

/* The diff view: a snapshot against the working assessment. */
struct dview {
    struct assessment *old;      /* owned */
    char *old_name;
    struct assessment_diff d;
    struct dline *lines;         /* laid out for width/side below */
    size_t nlines;
    int width, side;
    size_t top;
    long cur;                    /* the line of the current change (], [), or -1 */
};

/* The state of the one assessment that is open. */
struct aview {
    struct assessment *a;
    size_t sel;            /* selected question */
    size_t list_top;       /* first row of the question list shown */
    int focus;             /* FOCUS_* */
    size_t field;          /* focused field (FOCUS_FIELDS) */
    size_t q_top;          /* scroll of the question pane */
    size_t help_top;       /* scroll of the help pane */
    int help_full;         /* help shown full-screen */
    int about;             /* "about this catalogue" page shown */
    size_t about_top;
    int editing;           /* inline editor open on the focused field */
    struct editbuf eb;
    struct timespec last_key;  /* for autosave while typing */
    size_t edit_q, edit_f;     /* the question and field the editor is open on */
    int unsaved;           /* the model has changes not on disk */
    unsigned char *dirtyq; /* per question: changed since the last successful save */
    struct qanswers *saved_q;  /* per dirty question: what the file holds */
    struct qanswers edit_before; /* the editor's question when it opened */
    struct undo_log undo;  /* answer changes since the cooperation was opened */
    /* this session's recovery draft of unsaved typing (draft.h) */
    struct draft draft;
    long unjournaled_ms;   /* when typing first went unjournaled (0: none) */
    /* drafts a session that ended unexpectedly left, offered at open */
    struct draft *found;
    size_t nfound;
    int found_confirm;     /* asked "discard for good?" */
    size_t found_top;
    /* q with answers that cannot be saved: retry, write elsewhere, or lose */
    int quit_ask;
    char quit_why[1200];
    int close_now;         /* the screen is done (set from a prompt's callback) */
    int snap_pick;         /* the snapshot picker of the diff view is open */
    struct strlist snaps;  /* its snapshots, newest first */
    size_t snap_sel;
    struct dview *dv;      /* the diff view, when open */
};

enum { FOCUS_LIST, FOCUS_FIELDS, FOCUS_HELP };

/* A one-line prompt at the bottom (search, go to, new-cooperation form). */
struct prompt {
    int active;
    const char *label;
    struct editbuf eb;
    void (*done)(struct tui *t, const char *text);  /* Enter */
};

struct picker {
    struct strlist ids;
    struct strlist titles;
    struct strlist infos;     /* "3/19  due 2027-11-27" */
    size_t sel, top;
    int form;                 /* new-cooperation form open */
    int form_field;
    struct editbuf form_eb[4];  /* id, title, partner, country */
    char form_error[1100];
};

struct tui {
    struct cli_env *env;
    struct config cfg;
    struct theme theme;
    struct keymap km;
    enum lang lang;
    int utf8;              /* the locale is UTF-8: wide characters, box drawing */
    int colors;            /* colour pairs in use */
    int rows, cols;
    char *who;
    int quit;
    char msg[512];
    int msg_error;
    struct prompt prompt;
    struct picker picker;
    struct aview *av;      /* NULL on the picker */
    int goto_pending;      /* a digit started the "go to" prompt */
    int want_cursor, cursor_on, cur_y, cur_x;  /* cursor: this frame, and as on screen */
    int exit_status;       /* non-zero once answers could only go to a recovery copy */
    int open_err;          /* errno-like code of a failed assess_open */
    struct keyin kin;      /* the key decoder (keyin.h) */
    int kin_active;
};

/* tui_draw.c */
void draw_init_colors(struct tui *t);
attr_t draw_attr(const struct tui *t, enum theme_slot s);
/* Draws s (untrusted UTF-8: sanitised, width-aware) at y,x in at most maxw
 * columns with slot's style; returns the columns used.  Without a UTF-8
 * locale, umlauts are transliterated and other non-ASCII shown as '?'. */
int draw_text(struct tui *t, int y, int x, const char *s, int maxw, enum theme_slot slot);
/* Fills the rest of a row from x with spaces in slot's style (up to x+w). */
void draw_fill(struct tui *t, int y, int x, int w, enum theme_slot slot);
void draw_vline(struct tui *t, int y, int x, int h);
void draw_hline(struct tui *t, int y, int x, int w);
/* A symbol with an ASCII fallback. */
const char *sym(const struct tui *t, const char *utf8, const char *ascii);
void draw_status(struct tui *t, const char *hints);
/* Shows the terminal cursor at y,x once the frame is drawn (else hidden). */
void draw_cursor(struct tui *t, int y, int x);
void draw_header(struct tui *t, const char *left, const char *right);
/* Splits wrapped text into lines (caller releases). */
void split_lines(const char *text, struct strlist *lines);

/* tui.c */
void tui_message(struct tui *t, int error, const char *fmt, ...) CC_PRINTF(3, 4);
/* Runs $VISUAL/$EDITOR on text (in a private 0600 temp file); on success
 * *out is the new text (caller frees).  Returns 0; -1 with a message; or 1
 * when the terminal hung up (or a signal said to stop) while the editor ran:
 * then *out is what the editor had written and *leftover the file, kept, for
 * the caller to journal as a draft and then remove (both caller frees). */
int tui_external_edit(struct tui *t, const char *text, char **out, char **leftover);
void prompt_open(struct tui *t, const char *label, const char *initial,
                 void (*done)(struct tui *t, const char *text));
/* Inserts the first line of a pasted text into the open prompt. */
void prompt_paste(struct tui *t, const char *text);

/* tui_assess.c */
int assess_open(struct tui *t, const char *id, const char *question);
void assess_close(struct tui *t);
void assess_draw(struct tui *t);
int assess_key(struct tui *t, int key);
/* A paste (keyin): 1 when a field took it (or it was refused with a message). */
int assess_paste(struct tui *t, const char *text, size_t len);
/* Writes typed text to disk when it is due (autosave), and journals what is
 * not saved to the recovery draft; at a signal or quit, saves everything. */
void assess_flush(struct tui *t);
/* Milliseconds until assess_tick has something to do (-1: nothing). */
long assess_deadline(struct tui *t, long now_ms);
/* Does what is due: 1 when the screen changed. */
int assess_tick(struct tui *t, long now_ms);
void assess_jump(struct tui *t, const char *number);
void assess_select(struct tui *t, long qi);

/* tui_edit.c: changing answers, the inline editor, $EDITOR, the draft */
/* Saves the assessment; on failure says so, keeps everything in memory and
 * journals it to the draft.  0 or -1. */
int edit_save(struct tui *t);
/* A change of question qi: copy it before, change the model, then end: the
 * change goes into the undo log and is saved. */
void edit_change_begin(struct tui *t, size_t qi, struct qanswers *before);
void edit_change_end(struct tui *t, size_t qi, struct qanswers *before);
/* Question qi was changed by undo or redo from was: save it. */
void edit_changed(struct tui *t, size_t qi, const struct qanswers *was);
void edit_journal(struct tui *t);
void edit_start(struct tui *t, size_t f);
/* Closes the editor keeping its text: 0, or -1 (it stays open) when the
 * text cannot be taken. */
int edit_stop(struct tui *t);
void edit_key(struct tui *t, int key, size_t width, int page);
int edit_paste(struct tui *t, const char *text, size_t len);
void edit_external(struct tui *t, size_t f);

/* tui_recover.c: drafts found at open, and q with unsaved answers */
/* Looks for drafts a session that ended unexpectedly left for this
 * cooperation; the screen shows them until the user decides. */
void recover_find(struct tui *t);
void recover_release(struct tui *t);
void recover_draw(struct tui *t);
void recover_key(struct tui *t, int key);
/* q while answers are not saved: retry, write elsewhere, or lose them. */
void quit_ask_open(struct tui *t, const char *why);
void quit_ask_draw(struct tui *t);
void quit_ask_key(struct tui *t, int key);

/* tui_diff.c */
void diff_pick_open(struct tui *t);
void diff_draw(struct tui *t);      /* the picker or the view */
int diff_key(struct tui *t, int key); /* 1: closed */
void diff_close(struct tui *t);

/* tui_picker.c */
void picker_load(struct tui *t);
void picker_release(struct tui *t);
void picker_draw(struct tui *t);
int picker_key(struct tui *t, int key);
/* A paste into the new-cooperation form: 1 when the form took it. */
int picker_paste(struct tui *t, const char *text);

#endif
