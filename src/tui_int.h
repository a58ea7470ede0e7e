/* tui_int.h — shared by the terminal layer (src/tui*.c) only.
 *
 * The terminal layer draws the model and turns keys into model actions; the
 * model, storage and catalogue know nothing of it.
 *
 * Screens are objects on a stack (tig's views are the model): each screen is
 * a struct that starts with a struct screen, whose ops say how to draw it,
 * what its keys do and which key map it uses (keymap.h: a context).  The
 * main loop (tui.c) draws the topmost full screen and the overlays above it,
 * looks each key up in the top screen's context and hands it the action.  No
 * screen knows another's state: a screen that needs another one calls that
 * one's functions (the editor asks the assessment to draw itself around the
 * text being edited).  Adding a screen touches its own file and the place
 * that opens it.
 *
 * The open cooperation (struct aview: the assessment, its undo log, what is
 * not saved yet, its recovery draft) belongs to the assessment screen and is
 * shared through t->av by the screens above it (editor, diff, recovery).
 *
 * Every screen draws the whole frame into curses' virtual screen on each
 * pass and lets curses send only the differences, so a cursor move costs a
 * few bytes over SSH.  Every word goes through gettext (i18n.h). */
#ifndef COOPCHECK_TUI_INT_H
#define COOPCHECK_TUI_INT_H

#include <curses.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "draft.h"
#include "editbuf.h"
#include "i18n.h"
#include "keyin.h"
#include "keymap.h"
#include "model.h"
#include "theme.h"
#include "undo.h"
#include "util.h"

#define TUI_MIN_COLS 60
#define TUI_MIN_ROWS 15
#define TUI_WIDE_COLS 120    /* from here on, help is a third pane */
#define TUI_AUTOSAVE_MS 1000 /* idle time after typing before the text is saved */
#define TUI_DRAFT_MS 1000    /* unsaved typing reaches the recovery draft within this */
#define TUI_MAX_SCREENS 16

/* What the signal handlers leave for the main loop. */
extern volatile sig_atomic_t tui_signal;   /* SIGHUP, SIGTERM, SIGINT or 0 */

struct tui;
struct screen;

/* A hint of the status line: the first key of a (and of b, joined by "/")
 * and a label (N_(); NULL: a's label). */
struct hint {
    enum action a, b;
    const char *label;
};

struct screen_ops {
    enum keyctx ctx;
    int overlay;   /* drawn over the screens below it (a prompt, a dialog) */
    void (*draw)(struct tui *t, struct screen *s);
    /* A key: a is what it means in ctx (ACT_NONE: nothing, or text). */
    void (*key)(struct tui *t, struct screen *s, int key, enum action a);
    /* A paste: 1 when taken (or refused with a message); NULL: never. */
    int (*paste)(struct tui *t, struct screen *s, const char *text, size_t len);
    /* Frees the screen and what it owns; NULL: free(s). */
    void (*destroy)(struct tui *t, struct screen *s);
    const struct hint *hints;   /* for the status line, ended by ACT_NONE */
};

struct screen {
    const struct screen_ops *ops;
};

/* The open cooperation. */
struct aview {
    struct assessment *a;
    struct undo_log undo;      /* answer changes since it was opened */
    unsigned char *dirtyq;     /* per question: changed since the last successful save */
    struct qanswers *saved_q;  /* per dirty question: what the file holds */
    int unsaved;               /* the model has changes not on disk */
    int save_due;              /* a change to be saved once its frame is out */
    int settle_due;            /* the saved file to be looked at once more
                                * (store_settle) at settle_ms */
    long settle_ms;
    struct draft draft;        /* this session's recovery draft of unsaved typing */
    long unjournaled_ms;       /* when typing first went unjournaled (0: none) */
    struct editor *ed;         /* the inline editor, while it is open */
    int round_changed;         /* opened changed in the second its round began, which
                                * assessment_untouched's times cannot tell */
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
    /* rows where a character two columns wide was drawn since the frame's
     * erase(): elsewhere a run of ASCII is copied into the cells as it is
     * (nothing to split; tui_draw.c) */
    unsigned char wide_row[256];
    char *who;
    int quit;
    char msg[1024];
    int msg_error;
    struct screen *stack[TUI_MAX_SCREENS];
    int depth;
    struct screen *closed[TUI_MAX_SCREENS];   /* popped, freed after the key */
    int nclosed;
    struct aview *av;          /* the open cooperation, or NULL */
    struct assess *as;         /* its screen, or NULL */
    int picker_stale;          /* the list of cooperations must be read again */
    int want_cursor, cursor_on, cur_y, cur_x;  /* cursor: this frame, and as on screen */
    int home_cursor;           /* the next frame leaves the cursor at the top left */
    int rest_known, rest_y, rest_x;  /* where the last frame left the cursor, if known */
    int cols_kept;             /* the widest the screen was since its last clear (0: as now) */
    int alt_screen;            /* terminfo has smcup: the interface is on the alternate screen */
    int reader;            /* for a screen reader: the cursor shows where the focus is */
    int have_focus, focus_y, focus_x;  /* where this frame's focus is (draw_focus) */
    int exit_status;       /* non-zero once answers could not be saved */
    int open_err;          /* errno-like code of a failed open */
    struct keyin kin;      /* the key decoder (keyin.h) */
    int kin_active;
};

/* ---- tui.c ---- */

/* The monotonic clock in milliseconds. */
long tui_now_ms(void);
void tui_message(struct tui *t, int error, const char *fmt, ...) CC_PRINTF(3, 4);
/* In a git store: commits the open cooperation with the message fmt (in
 * English, like the command line's; the id is put before it), for the
 * events that are commits of their own.  A failure is said in the status
 * line; the change itself is saved. */
void tui_commit(struct tui *t, const char *fmt, ...) CC_PRINTF(2, 3);
/* The stack: push takes s over; pop closes the top screen (freed once the
 * key being handled is done); close_screen closes s and all above it. */
void screen_push(struct tui *t, struct screen *s);
void screen_pop(struct tui *t);
void screen_close(struct tui *t, struct screen *s);
struct screen *screen_top(struct tui *t);
/* Switches German/English for the program's words and the catalogue's. */
void tui_toggle_language(struct tui *t);
/* Runs $VISUAL/$EDITOR on text (in a private 0600 temp file); on success
 * *out is the new text (caller frees).  Returns 0; -1 with a message; or 1
 * when the terminal hung up (or a signal said to stop) while the editor ran:
 * then *out is what the editor had written and *leftover the file, kept, for
 * the caller to journal as a draft and then remove (both caller frees). */
int tui_external_edit(struct tui *t, const char *text, char **out, char **leftover);

/* Runs fn(arg) with the terminal as the shell had it (for a program that
 * may ask on the terminal, as ssh-keygen asks for a key's passphrase), then
 * takes the screen back; fn's result. */
int tui_outside(struct tui *t, int (*fn)(void *arg), void *arg);

/* ---- tui_officer.c: the officer's half ---- */

/* The officer's screen: overall risk, risk per section, the measures, the
 * decision and the approvals of the round's snapshot. */
void officer_open(struct tui *t);
/* tui_screening.c: the partner screening of the open assessment (S), and
 * screening it again (quiet: only when lists are installed, as after its
 * partners changed). */
void screening_view_open(struct tui *t);
void screening_rerun(struct tui *t, int quiet);
/* The rating dialog of question qi (qi == nquestions: the overall risk). */
void rate_open(struct tui *t, size_t qi);

/* ---- tui_draw.c: every string that reaches the terminal goes through here ---- */

void draw_init_colors(struct tui *t);
/* After newterm: attribute changes without the character set switch the
 * interface never needs (tui_term.c). */
void draw_trim_charset(void);
/* The terminal's string capability name, or NULL when it has none (absent
 * or cancelled: tigetstr's NULL and (char *)-1), tui_term.c. */
char *term_cap(const char *name);
/* Right after newterm: curses sends each frame in one write() from here on
 * (it wrote a line at a time until the first endwin; tui_term.c). */
void term_batch_output(void);
attr_t draw_attr(const struct tui *t, enum theme_slot s);
/* Draws s (untrusted UTF-8: sanitised, width-aware) at y,x in at most maxw
 * columns with slot's style; returns the columns used.  Without a UTF-8
 * locale, umlauts are transliterated and other non-ASCII shown as '?'. */
int draw_text(struct tui *t, int y, int x, const char *s, int maxw, enum theme_slot slot);
/* The same from column skip of s on (horizontal scrolling). */
int draw_text_from(struct tui *t, int y, int x, const char *s, int skip, int maxw,
                   enum theme_slot slot);
/* draw_text dimmed (what does not apply now: shown greyed, also without
 * colour; the words say why, for terminals without dim). */
int draw_text_dim(struct tui *t, int y, int x, const char *s, int skip, int maxw,
                  enum theme_slot slot);
/* Fills the rest of a row from x with spaces in slot's style (up to x+w). */
void draw_fill(struct tui *t, int y, int x, int w, enum theme_slot slot);
void draw_vline(struct tui *t, int y, int x, int h);
void draw_hline(struct tui *t, int y, int x, int w);
/* A symbol with an ASCII fallback. */
const char *sym(const struct tui *t, const char *utf8, const char *ascii);
/* Shows the terminal cursor at y,x once the frame is drawn (else hidden). */
void draw_cursor(struct tui *t, int y, int x);
/* Where the focus of the frame is (the selected row, the focused field):
 * with a screen reader (t->reader) the cursor is left there when no text
 * cursor is shown, since readers follow the terminal's cursor. */
void draw_focus(struct tui *t, int y, int x);
void draw_header(struct tui *t, const char *left, const char *right);
void draw_header_coop(struct tui *t, const char *fits, const char *label, const char *right);
/* The rows the status area takes at the bottom (1, or 2 for a message that
 * does not fit one); screens lay out above them. */
int status_rows(struct tui *t);
/* The status area: the message if there is one (wrapped onto a second row
 * when it is long), else the hints made from the key map for screen ctx (on a
 * text screen without printable keys): as many as fit, in their order, and
 * the last one (how to leave) always. */
void draw_status(struct tui *t, enum keyctx ctx, const struct hint *hints);
/* The same with prefix ("Editing:") before the hints. */
void draw_status_with(struct tui *t, enum keyctx ctx, const char *prefix, const struct hint *hints);
/* Wraps text to width columns into lines (sanitised; caller releases). */
void wrap_lines(const char *text, int width, size_t indent, struct strlist *lines);
/* The lines of a screen made before it is drawn (screening, officer,
 * recovery): each owns its text and has a colour and the selectable item it
 * belongs to (-1 for none). */
struct tline {
    char *text;
    enum theme_slot slot;
    long item;
};
struct tlines {
    struct tline *v;
    size_t n, cap;
};
/* Appends a line; it takes text (malloc'd). */
void tlines_add(struct tlines *L, long item, enum theme_slot slot, char *text);
/* Appends text wrapped to width columns, each line indented by indent (the
 * text gets at least 20 columns). */
void tlines_wrapped(struct tlines *L, long item, enum theme_slot slot, const char *text,
                    int width, size_t indent);
void tlines_release(struct tlines *L);
/* Line l on row y from column 1; sel: as the selected item (its row filled,
 * and the focus on it unless another screen part has it). */
void tline_draw(struct tui *t, int y, const struct tline *l, int sel);
/* Wrapped lines cut to at most most rows (none for 0): the last one holds as
 * much of the rest as fits in width columns, cut with "...". */
void lines_cap(struct strlist *lines, size_t most, int width);
/* A paste into a one-line field: its line breaks and tabs become spaces,
 * a break at its end is dropped; *n bytes (caller frees). */
char *paste_as_line(const char *text, size_t len, size_t *n);
/* Splits text at newlines into lines (caller releases). */
void split_lines(const char *text, struct strlist *lines);
/* A box for a dialog, centred: rows y0..y0+h-1; returns the inner x and width. */
/* The width inside a box draw_box draws w columns wide (its *w_in). */
int box_inner_width(const struct tui *t, int w);
void draw_box(struct tui *t, int y0, int h, int w, const char *title, int *x_in, int *w_in);

/* ---- tui_prompt.c: one-line questions at the bottom ---- */

/* A prompt: label, then an editable line (first text initial).  Enter calls
 * done with the text, Esc or C-g closes it (calling cancel when not NULL).
 * ctx is handed back to both. */
void prompt_open(struct tui *t, const char *label, const char *initial,
                 void (*done)(struct tui *t, void *ctx, const char *text),
                 void (*cancel)(struct tui *t, void *ctx), void *ctx);
/* A question answered with y (calls yes) or anything else (no). */
void confirm_open(struct tui *t, const char *question, void (*yes)(struct tui *t, void *ctx),
                  void *ctx);
/* The same with a ctx the prompt or question owns: release(ctx) when it
 * closes, whatever the answer (also when the program ends first).  The
 * callbacks may take what they need out of ctx. */
void prompt_open_owned(struct tui *t, const char *label, const char *initial,
                       void (*done)(struct tui *t, void *ctx, const char *text), void *ctx,
                       void (*release)(void *ctx));
void confirm_open_owned(struct tui *t, const char *question, void (*yes)(struct tui *t, void *ctx),
                        void *ctx, void (*release)(void *ctx));

/* ---- tui_fields.c: a dialog of labelled one-line fields ---- */

struct field_spec {
    const char *label;
    const char *initial;    /* NULL: empty */
    const char *hint;       /* shown while the field is focused; NULL: none */
};
/* Opens a dialog titled title with n (at most 8) fields.  Enter calls submit
 * with the n texts: 0 closes the dialog, -1 keeps it open with err's message
 * shown.  release(ctx) (may be NULL) when it closes. */
void fields_open(struct tui *t, const char *title, const struct field_spec *spec, size_t n,
                 int (*submit)(struct tui *t, void *ctx, char *const *values, struct cc_err *err),
                 void *ctx, void (*release)(void *ctx));

/* ---- tui_pager.c: text to scroll (help, about, the keys) ---- */

/* render fills lines for a width (and the current language) and names the
 * page in title; called again after a resize or a language switch.  The
 * pager frees ctx with free() when it closes (ctx may be NULL). */
void pager_open(struct tui *t, void (*render)(struct tui *t, void *ctx, int width,
                                              struct strlist *lines, struct sbuf *title),
                void *ctx);
/* The key overview of every screen. */
void keys_open(struct tui *t);

/* ---- tui_picker.c ---- */

struct screen *picker_new(struct tui *t);

/* ---- tui_picker_ops.c: the list's actions on one cooperation ---- */

/* Asks for the new id, then renames (refused while it is open elsewhere or
 * has recovery drafts, or when the id is taken). */
void picker_rename(struct tui *t, const char *id);
/* Archives (on) or takes out of the archive, under the write lock. */
void picker_archive(struct tui *t, const char *id, int on);
/* Asks for the id to be typed, then deletes it and its recovery drafts. */
void picker_delete(struct tui *t, const char *id);

/* ---- tui_form.c: the form of a cooperation's details ---- */

/* A new cooperation (created and opened on Enter). */
void form_open_new(struct tui *t);
/* Cooperation id from the list: 0, or -1 with a message (open elsewhere,
 * cannot be read).  The form holds the editor's lock while it is open. */
int form_open_listed(struct tui *t, const char *id);
/* The open cooperation (t->av). */
void form_open_current(struct tui *t);

/* ---- tui_assess.c: the assessment screen ---- */

/* Opens cooperation id at question (NULL: the first) on top of the stack:
 * 0, or -1 with t->msg (and t->open_err) set. */
int assess_open(struct tui *t, const char *id, const char *question);
/* aview_reload, with the selection back on question 1. */
int assess_reload(struct tui *t, struct cc_err *err);
/* Selects question qi (focus in the list, or on its fields with fields). */
void assess_select(struct tui *t, long qi, int fields);
/* Draws the assessment with the editor's text in place of field f of the
 * selected question (eb NULL: as it is). */
void assess_paint(struct tui *t, const struct editbuf *eb, size_t f);
/* The wrap width of the inline editor, and a page of its lines. */
size_t assess_editor_width(struct tui *t);
int assess_page(struct tui *t);

/* ---- tui_edit.c (answers, $EDITOR, drafts) and tui_editor.c (the inline editor) ---- */

/* Saves the assessment; on failure says so, keeps everything in memory and
 * journals it to the draft.  0 or -1. */
int edit_save(struct tui *t);
/* A change is saved after the frame that shows it has gone out, and always
 * before the next key, paste or timer is handled (edit_save_due), so a key
 * answers at once and saving costs no latency; everything that reads the
 * file or takes decisions on it still finds it saved. */
void edit_save_later(struct tui *t);
/* Does the save edit_save_later asked for: 1 when there was one (its result
 * in av->unsaved), 0 when none was due. */
int edit_save_due(struct tui *t);
/* A change of question qi: copy it before, change the model, then end: the
 * change goes into the undo log and is saved. */
void edit_change_begin(struct tui *t, size_t qi, struct qanswers *before);
void edit_change_end(struct tui *t, size_t qi, struct qanswers *before);
/* Question qi was changed by undo or redo from was: save it. */
void edit_changed(struct tui *t, size_t qi, const struct qanswers *was);
/* Writes what is not saved to the recovery draft (or removes it). */
void edit_journal(struct tui *t);
/* Opens the inline editor on field f of question qi. */
void editor_open(struct tui *t, size_t qi, size_t f);
/* The editor's text and cursor for the assessment's drawing (NULL: none). */
const struct editbuf *editor_buffer(struct tui *t, size_t *qi, size_t *f);
/* Closes the editor keeping its text: 0, or -1 when it must stay open. */
int editor_close(struct tui *t);
/* The editor's autosave: ms until due (-1: nothing typed), and doing it. */
long editor_deadline(struct tui *t, long now_ms);
int editor_tick(struct tui *t, long now_ms);
void edit_external(struct tui *t, size_t qi, size_t f);
/* Autosave and drafts: milliseconds until something is due (-1: nothing);
 * do what is due (1 when the screen changed); save everything (a signal). */
long edit_deadline(struct tui *t, long now_ms);
int edit_tick(struct tui *t, long now_ms);
void edit_flush(struct tui *t);
/* Creates and frees the open cooperation's state. */
struct aview *aview_new(struct tui *t, struct assessment *a);
void aview_free(struct tui *t, struct aview *av);
/* Takes the open cooperation from its file again (changed there under its
 * own lock: a new catalogue), the undo log started anew; call only when
 * nothing is unsaved.  0, or -1 with err (nothing changed then). */
int aview_reload(struct tui *t, struct cc_err *err);

/* ---- tui_round.c: taking a snapshot, and the round's line ---- */

/* What is open, then a complete snapshot (nothing open: Enter) or an
 * interim one (its own key), with a note that is required. */
void round_open(struct tui *t);
/* 1 when the assessment shows the round's line under its header (a round
 * after the first, or a snapshot taken); drawn at row y. */
int round_line_shown(const struct tui *t);
/* Nothing changed in the round since the snapshot it is based on. */
int round_untouched(const struct tui *t);
int round_line_rows(const struct tui *t);   /* 0 (none), 1 or 2 */
void round_line_draw(struct tui *t, int y);

/* ---- tui_export.c ---- */

/* Asks where to write a report of the open cooperation (format by the
 * extension), then writes it (0600, atomic, never over a file unasked).  A
 * round nothing has changed yet is reported as the snapshot that stands for
 * it, and the prompt says so. */
void export_open(struct tui *t);

/* ---- tui_diff.c ---- */

/* Chooses a snapshot, then shows what changed since it. */
void diff_open(struct tui *t);

/* ---- tui_recover.c ---- */

/* Offers the drafts a session that ended unexpectedly left (if any). */
void recover_open(struct tui *t);
/* q while answers are not saved: retry, write elsewhere, or lose them. */
void unsaved_open(struct tui *t, const char *why);

#endif
