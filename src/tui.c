/* tui.c — the full-screen interface: terminal set-up and teardown, signals,
 * reading keys, the stack of screens and the main loop.  The screens are in
 * tui_picker.c, tui_assess.c, tui_edit.c, tui_pager.c, tui_prompt.c,
 * tui_diff.c and tui_recover.c; drawing primitives in tui_draw.c.
 *
 * Keys: curses draws, but does not read.  The loop reads the terminal's bytes
 * itself (poll, read) and hands them to the keyin decoder, which reads whole
 * escape sequences whatever TERM says (unknown ones are swallowed), decodes
 * UTF-8 whatever the locale, and turns bracketed pastes and bursts of typing
 * faster than a person into paste events, which only a text field takes.
 * Each key goes to the top screen as the action its key map says.
 *
 * Signal handlers only set a flag (tui_signal, tui_resized); poll returns on
 * a signal, and the loop wakes only when something is due (autosave of typed
 * text, a draft, a pending escape sequence): an idle interface uses no CPU.
 * On SIGHUP/SIGTERM/SIGINT, or when the terminal is gone, it saves and
 * leaves.  Fatal signals restore the terminal with async-signal-safe calls
 * only (tcsetattr and write of sequences prepared at start-up), then
 * re-raise. */
#include "tui.h"
#include "tui_int.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "cctime.h"
#include "fsio.h"
#include "run.h"
#include "gitstore.h"
#include "textutil.h"

volatile sig_atomic_t tui_signal;
static volatile sig_atomic_t tui_resized;

static struct termios saved_termios;
static int saved_termios_ok;
static char restore_seq[128];   /* leave the alternate screen, show the cursor, ... */
static size_t restore_len;
static SCREEN *the_screen;
static int curses_active;

void tui_message(struct tui *t, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
    va_end(ap);
    t->msg_error = error;
}

void tui_commit(struct tui *t, const char *fmt, ...)
{
    struct sbuf msg;
    struct cc_err err;
    va_list ap;
    if (!t->av || !gs_enabled(t->env->data))
        return;
    sbuf_init(&msg);
    sbuf_addf(&msg, "%s: ", t->av->a->coop.id);
    va_start(ap, fmt);
    sbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    if (gs_commit_id(t->env->data, t->av->a->coop.id, msg.buf, &err) != 0)
        tui_message(t, 1, _("saved, but git could not commit it: %s"), err.msg);
    sbuf_release(&msg);
}

void tui_toggle_language(struct tui *t)
{
    t->lang = t->lang == LANG_DE ? LANG_EN : LANG_DE;
    i18n_set(t->lang);
    /* TRANSLATORS: said after switching to your language */
    tui_message(t, 0, "%s", _("Language: English"));
}

/* ---- the stack of screens ---- */

void screen_push(struct tui *t, struct screen *s)
{
    if (t->depth == TUI_MAX_SCREENS) {   /* never in practice: the screens nest a few deep */
        tui_message(t, 1, "%s", _("too many screens open; close one first"));
        if (s->ops->destroy)
            s->ops->destroy(t, s);
        else
            free(s);
        return;
    }
    t->stack[t->depth++] = s;
}

struct screen *screen_top(struct tui *t)
{
    return t->depth ? t->stack[t->depth - 1] : NULL;
}

void screen_pop(struct tui *t)
{
    if (t->depth && t->nclosed < TUI_MAX_SCREENS)
        t->closed[t->nclosed++] = t->stack[--t->depth];
}

void screen_close(struct tui *t, struct screen *s)
{
    for (int i = t->depth - 1; i >= 0; i--) {
        if (t->stack[i] == s) {
            while (t->depth > i)
                screen_pop(t);
            return;
        }
    }
}

/* Frees the screens closed while a key was handled, newest first. */
static void free_closed(struct tui *t)
{
    while (t->nclosed) {
        struct screen *s = t->closed[--t->nclosed];
        if (s->ops->destroy)
            s->ops->destroy(t, s);
        else
            free(s);
    }
}

/* ---- terminal set-up and teardown ---- */

static void add_restore(const char *cap)
{
    const char *s = term_cap(cap);
    if (!s)
        return;
    if (restore_len + strlen(s) < sizeof(restore_seq)) {
        memcpy(restore_seq + restore_len, s, strlen(s));
        restore_len += strlen(s);
    }
}

static void terminal_restore(void)
{
    if (!curses_active)
        return;
    curses_active = 0;
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    endwin();
}

/* Leaving for good: a terminal without an alternate screen (vt100, linux)
 * keeps what was drawn, so the interface clears it first. */
static void terminal_leave(void)
{
    int alt = 0;
    if (curses_active) {
        const char *smcup = term_cap("smcup");
        alt = smcup && *smcup;
        if (!alt) {
            erase();
            refresh();
        }
    }
    terminal_restore();
}

static void fatal_signal(int sig)
{
    /* async-signal-safe only */
    if (saved_termios_ok)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    if (restore_len)
        (void)!write(STDOUT_FILENO, restore_seq, restore_len);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void flag_signal(int sig)
{
    tui_signal = sig;
}

static void flag_resize(int sig)
{
    (void)sig;
    tui_resized = 1;
}

static void install_resize(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = flag_resize;   /* no SA_RESTART: poll returns at once */
    sigaction(SIGWINCH, &sa, NULL);
}

static void install_signals(void)
{
    struct sigaction sa;
    static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = flag_signal;   /* no SA_RESTART: a read returns at once */
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = fatal_signal;
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < CC_ARRAY_LEN(fatal); i++)
        sigaction(fatal[i], &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    install_resize();
}

/* Terminals that have bracketed paste: those whose terminfo says so (BE),
 * and the xterm-like ones whose terminfo often does not. */
static int bracketed_paste_ok(void)
{
    const char *term = getenv("TERM");
    static const char *const ok[] = { "xterm", "tmux", "screen", "rxvt", "alacritty", "foot",
                                      "kitty", "wezterm", "st-", "gnome", "konsole", "vte" };
    if (curses_active && term_cap("BE"))
        return 1;
    if (!term)
        return 0;
    for (size_t i = 0; i < CC_ARRAY_LEN(ok); i++)
        if (strncmp(term, ok[i], strlen(ok[i])) == 0)
            return 1;
    return 0;
}

static void keys_setup(struct tui *t);

static int terminal_setup(struct tui *t)
{
    const char *term = getenv("TERM");
    const char *cs = nl_langinfo(CODESET);
    t->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    if (!term || !*term) {
        fprintf(stderr, "coopcheck: %s\n", _("TERM is not set, so the terminal type is unknown; "
                                              "set it, e.g. 'export TERM=xterm-256color' (or vt100)"));
        return -1;
    }
    if (strcmp(term, "dumb") == 0) {
        fprintf(stderr, "coopcheck: %s\n", _("TERM is dumb: this terminal cannot move the cursor, "
                                              "so the full-screen interface cannot draw on it; "
                                              "'coopcheck interview ID' asks line by line"));
        return -1;
    }
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0)
        saved_termios_ok = 1;
    /* the window's real size wins over exported LINES/COLUMNS (use_env(FALSE)
     * would fall back to terminfo's fixed 80x24 and ignore the window) */
    use_env(TRUE);
    use_tioctl(TRUE);
    /* ask terminfo first: a failed newterm() leaks inside ncurses, a failed
     * setupterm() does not (reading the description twice costs nothing
     * measurable: 101 interleaved first frames without and with, 2.99 and
     * 3.02 ms) */
    {
        int terr = 0;
        if (setupterm(NULL, STDOUT_FILENO, &terr) == OK) {
            del_curterm(cur_term);
            the_screen = newterm(NULL, stdout, stdin);
        }
    }
    if (!the_screen) {
        struct sbuf s;
        sbuf_init(&s);
        text_sanitize(&s, term, 0);
        fprintf(stderr, _("coopcheck: the terminal type '%s' is not known on this machine "
                          "(no terminfo entry); try 'TERM=xterm-256color coopcheck' or "
                          "'TERM=vt100 coopcheck'\n"), s.buf);
        sbuf_release(&s);
        return -1;
    }
    set_term(the_screen);
    {
        const char *smcup = term_cap("smcup");
        t->alt_screen = smcup && *smcup;
    }
    term_batch_output();
    curses_active = 1;
    restore_len = 0;
    add_restore("rmcup");
    add_restore("cnorm");
    add_restore("sgr0");
    draw_trim_charset();   /* (after the restore sequence took sgr0 as it is) */
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, FALSE);   /* curses never reads: keys are ours (keyin) */
    intrflush(stdscr, FALSE);
    curs_set(0);
    install_resize();        /* newterm may have put its own handler in place */
    draw_init_colors(t);
    keys_setup(t);
    if (bracketed_paste_ok()) {
        fputs("\033[?2004h", stdout);
        fflush(stdout);
    }
    getmaxyx(stdscr, t->rows, t->cols);
    return 0;
}

/* ---- keys ---- */

/* The decoder, with the key sequences terminfo names for this TERM added to
 * its built-in table; $ESCDELAY (ms) is honoured as ncurses does. */
static void keys_setup(struct tui *t)
{
    static const struct {
        const char *cap;
        int key;
    } caps[] = {
        { "kcuu1", KEYC_UP }, { "kcud1", KEYC_DOWN }, { "kcub1", KEYC_LEFT }, { "kcuf1", KEYC_RIGHT },
        { "khome", KEYC_HOME }, { "kend", KEYC_END }, { "kpp", KEYC_PGUP }, { "knp", KEYC_PGDN },
        { "kich1", KEYC_INSERT }, { "kdch1", KEYC_DELETE }, { "kcbt", KEYC_BTAB },
        { "kent", KEYC_ENTER }, { "kLFT5", KEYC_WORD_LEFT }, { "kRIT5", KEYC_WORD_RIGHT },
        { "kf1", KEYC_F1 }, { "kf2", KEYC_F2 }, { "kf3", KEYC_F3 }, { "kf4", KEYC_F4 },
        { "kf5", KEYC_F5 }, { "kf6", KEYC_F6 }, { "kf7", KEYC_F7 }, { "kf8", KEYC_F8 },
        { "kf9", KEYC_F9 }, { "kf10", KEYC_F10 }, { "kf11", KEYC_F11 }, { "kf12", KEYC_F12 },
    };
    const char *delay = getenv("ESCDELAY");
    keyin_init(&t->kin, delay && *delay ? atoi(delay) : 0);
    t->kin_active = 1;
    for (size_t i = 0; i < CC_ARRAY_LEN(caps); i++) {
        const char *seq = term_cap(caps[i].cap);
        if (seq)
            keyin_add_sequence(&t->kin, seq, caps[i].key);
    }
}

long tui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the external editor ---- */

static const char *editor_command(struct tui *t)
{
    return run_editor_command(t->cfg.editor);
}

/* Reads the editor's file: 0 and *out, or -1 with a message. */
static int read_edited(struct tui *t, const char *path, char **out)
{
    struct cc_err err;
    if (run_editor_read(path, out, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return -1;
    }
    return 0;
}

int tui_external_edit(struct tui *t, const char *text, char **out, char **leftover)
{
    const char *tmp = getenv("TMPDIR");
    char *dir, *path = NULL;
    struct cc_err err;
    pid_t pid;
    int status = 0, rc = -1;

    *out = NULL;
    *leftover = NULL;
    dir = xasprintf("%s/coopcheck-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        tui_message(t, 1, _("cannot create a private temporary directory for the editor: %s"),
                    strerror(errno));
        free(dir);
        return -1;
    }
    chmod(dir, 0700);
    path = xasprintf("%s/answer.txt", dir);
    {
        char *with_nl = xasprintf("%s%s", text ? text : "", text && *text ? "\n" : "");
        if (fs_write_new(path, with_nl, strlen(with_nl), &err) != 0) {
            tui_message(t, 1, "%s", err.msg);
            free(with_nl);
            goto out;
        }
        free(with_nl);
    }
    def_prog_mode();
    terminal_restore();
    pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGWINCH, SIG_DFL);
        execl("/bin/sh", "sh", "-c", "exec $COOPCHECK_EDITOR \"$1\"", "sh", path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    if (tui_signal || (pid > 0 && WIFSIGNALED(status))) {
        /* the terminal hung up (or we were told to stop) while the editor
         * ran: what it had written is kept, for the caller to journal as a
         * draft; nothing is applied unasked */
        if (read_edited(t, path, out) == 0) {
            *leftover = path;
            path = NULL;
            rc = 1;
        }
        goto out_keep;
    }
    reset_prog_mode();
    curses_active = 1;
    t->cursor_on = -1;   /* unknown after the editor: set it on the next frame */
    if (bracketed_paste_ok()) {
        fputs("\033[?2004h", stdout);
        fflush(stdout);
    }
    clearok(curscr, TRUE);   /* the editor drew over everything */
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        tui_message(t, 1, _("the editor (%s) did not finish normally (status %d); the text was "
                            "left as it was"), editor_command(t), WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        goto out;
    }
    if (read_edited(t, path, out) != 0)
        goto out;
    rc = 0;
out:
    if (path)
        unlink(path);
    rmdir(dir);
out_keep:
    free(path);
    free(dir);
    return rc;
}

int tui_outside(struct tui *t, int (*fn)(void *arg), void *arg)
{
    int rc;
    def_prog_mode();
    terminal_restore();
    rc = fn(arg);
    reset_prog_mode();
    curses_active = 1;
    t->cursor_on = -1;
    if (bracketed_paste_ok()) {
        fputs("\033[?2004h", stdout);
        fflush(stdout);
    }
    clearok(curscr, TRUE);
    return rc;
}

/* ---- the loop ---- */

static void draw(struct tui *t)
{
    int bottom = t->depth - 1;
    t->want_cursor = 0;
    t->have_focus = 0;
    erase();
    memset(t->wide_row, 0, sizeof(t->wide_row));
    if (t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS) {
        struct strlist notice = { 0 };
        char *text = xasprintf(_("The terminal is too small: %dx%d. coopcheck needs at least %dx%d. "
                                 "Enlarge the window, or press q to quit."),
                               t->cols, t->rows, TUI_MIN_COLS, TUI_MIN_ROWS);
        wrap_lines(text, t->cols > 4 ? t->cols : 4, 0, &notice);
        for (size_t i = 0; i < notice.n && (int)i < t->rows; i++)
            draw_text(t, (int)i, 0, notice.v[i], t->cols, i ? TS_NORMAL : TS_ERROR);
        strlist_release(&notice);
        free(text);
    } else {
        while (bottom > 0 && t->stack[bottom]->ops->overlay)
            bottom--;
        for (int i = bottom < 0 ? 0 : bottom; i < t->depth; i++)
            t->stack[i]->ops->draw(t, t->stack[i]);
    }
    /* the cursor is switched only when its visibility changes: each switch
     * costs bytes on the wire */
    if (!t->want_cursor && t->reader && t->have_focus) {
        /* a screen reader reads where the cursor is: on the focus */
        t->want_cursor = 1;
        t->cur_y = t->focus_y;
        t->cur_x = t->focus_x;
    }
    /* a hidden cursor stays where the update left it: moving it back to
     * where the drawing ended costs bytes for nothing.  After a resize it is
     * taken to the top left (3 bytes), where the next resize cannot move it
     * (see handle_resize). */
    leaveok(stdscr, t->want_cursor || t->home_cursor ? FALSE : TRUE);
    if (t->want_cursor)
        move(t->cur_y, t->cur_x);
    else if (t->home_cursor)
        move(0, 0);
    if (t->want_cursor != t->cursor_on) {
        curs_set(t->want_cursor);
        t->cursor_on = t->want_cursor;
    }
    refresh();
    t->rest_known = t->want_cursor || t->home_cursor;
    t->rest_y = t->want_cursor ? t->cur_y : 0;
    t->rest_x = t->want_cursor ? t->cur_x : 0;
    t->home_cursor = 0;
}

static void handle_paste(struct tui *t, const char *text, size_t len)
{
    struct screen *s = screen_top(t);
    edit_save_due(t);
    if (s && s->ops->paste && s->ops->paste(t, s, text, len))
        return;
    size_t n = text_count_chars(text);
    tui_message(t, 0, P_("pasted text ignored (%zu character): open a text field with Enter "
                         "first, then paste",
                         "pasted text ignored (%zu characters): open a text field with Enter "
                         "first, then paste", n), n);
}

static void handle_key(struct tui *t, int key)
{
    struct screen *s = screen_top(t);
    enum action a;
    if (!s)
        return;
    if (!keyctx_is_text(s->ops->ctx))
        t->msg[0] = '\0';
    if (t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS) {
        if (key == 'q')
            t->quit = 1;
        return;
    }
    edit_save_due(t);   /* the last key's change, before this one */
    a = keymap_lookup(&t->km, s->ops->ctx, key);
    if (a == ACT_REDRAW) {
        clearok(curscr, TRUE);
    } else if (a == ACT_KEYS && s->ops->ctx != CTX_PAGER) {
        keys_open(t);
    } else {
        s->ops->key(t, s, key, a);
    }
}

/* Marks the columns from x on of every line of curscr as holding something
 * no frame draws (a blank that blinks), so the next update writes them. */
static void forget_columns(int x, int rows, int cols)
{
    chtype cell[512];
    int y0, x0, n = cols - x < 512 ? cols - x : 512;
    if (n <= 0)
        return;
    for (int i = 0; i < n; i++)
        cell[i] = ' ' | A_BLINK;
    getyx(curscr, y0, x0);
    for (int y = 0; y < rows; y++)
        for (int at = x; at < cols; at += n)
            mvwaddchnstr(curscr, y, at, cell, cols - at < n ? cols - at : n);
    wmove(curscr, y0, x0);
}

/* A new size.  curses then sends only what differs from what it thinks the
 * terminal kept, which holds only when nothing on the screen moved:
 * - taller: tmux and xterm add blank lines below on the alternate screen;
 * - shorter: tmux drops lines from the bottom, but from the top as well when
 *   the cursor would fall off (terminals differ there), so only while the
 *   cursor rests on a line that stays.  Where it rests is known when it is
 *   shown, or after a resize, whose frame takes it to the top left: the
 *   steps of a window dragged shorter send only what differs;
 * - narrower: the terminal keeps the columns that stay where they were (tmux
 *   3.3 keeps the cut-off cells as well, hidden), but a cursor that rested on
 *   one cut off is moved, so only while it rests on a column that stays;
 * - wider: the new columns are blank, except that tmux shows the cells a
 *   narrower window had cut off again; curses is told it does not know what
 *   those columns hold (up to the widest the screen was since it was last
 *   cleared: tmux 3.3 drops the cut-off cells of a line cleared whole) and
 *   writes them, blanks as a clear to the end of the line.
 * A change of the width sends only what differs on the alternate screen,
 * which terminals do not rewrap to the new width (xterm, tmux and VTE do not;
 * Neovim's terminal did before a fix in 2026: coopcheck(1), TERM); without
 * one (no smcup: TERM=vt100, linux) tmux rewraps the lines, so it repaints
 * (test_resize_width_without_alternate_screen).  test_resize_one_dimension
 * compares each size with a fresh start, and
 * test_resize_wider_shows_no_old_cells the cells tmux had kept.  Ctrl-L
 * repaints at any time. */
static void handle_resize(struct tui *t)
{
    struct winsize ws;
    int rows = t->rows, cols = t->cols, kept;
    tui_resized = 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    getmaxyx(stdscr, t->rows, t->cols);
    kept = (t->rows >= rows || (t->rest_known && t->rest_y < t->rows)) &&
           (t->cols == cols || t->alt_screen) &&
           (t->cols >= cols || (t->rest_known && t->rest_x < t->cols));
    clearok(curscr, kept ? FALSE : TRUE);
    if (!kept) {
        t->cols_kept = t->cols;
    } else {
        int was = t->cols_kept > cols ? t->cols_kept : cols;
        if (t->cols > cols && was > cols)
            forget_columns(cols, t->rows, t->cols < was ? t->cols : was);
        t->cols_kept = t->cols > was ? t->cols : was;
    }
    t->home_cursor = 1;
}

/* Waits up to wait_ms (-1: until input or a signal) and feeds what the
 * terminal sent to the decoder: 1 when bytes came, 0 when none, -1 when the
 * terminal is gone (SSH dropped, tmux killed). */
static int read_terminal(struct tui *t, long wait_ms)
{
    struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
    char buf[4096];
    ssize_t n;
    int r = poll(&p, 1, wait_ms > INT32_MAX ? -1 : (int)wait_ms);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    if (r == 0)
        return 0;
    if (p.revents & POLLNVAL)
        return -1;
    n = read(STDIN_FILENO, buf, sizeof(buf));
    if (n > 0) {
        keyin_feed(&t->kin, buf, (size_t)n, tui_now_ms());
        return 1;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    return -1;
}

static long earliest(long a, long b)
{
    if (a < 0)
        return b;
    if (b < 0)
        return a;
    return a < b ? a : b;
}

static void run_loop(struct tui *t)
{
    draw(t);
    while (!t->quit && t->depth) {
        struct keyin_event ev;
        long now = tui_now_ms();
        int r, changed = 0;
        if (tui_signal)
            break;
        if (tui_resized) {
            handle_resize(t);
            draw(t);
            continue;
        }
        /* the frame is out: now the save it shows (edit_save_later) */
        if (edit_save_due(t) && t->depth) {
            draw(t);   /* what the save said, if anything */
            now = tui_now_ms();
        }
        r = read_terminal(t, earliest(keyin_timeout(&t->kin, now), edit_deadline(t, now)));
        if (r < 0)
            break;   /* no terminal any more: save and leave */
        now = tui_now_ms();
        while (!t->quit && t->depth && keyin_next(&t->kin, now, &ev)) {
            if (ev.kind == KEYIN_PASTE) {
                handle_paste(t, ev.text, ev.len);
                free(ev.text);
            } else {
                handle_key(t, ev.key);
            }
            free_closed(t);
            changed = 1;
        }
        changed |= edit_tick(t, tui_now_ms());   /* autosave, drafts */
        if (changed && !tui_signal && t->depth)
            draw(t);
    }
    edit_flush(t);
}

static void load_settings(struct tui *t)
{
    struct cc_err err;
    const char *theme = t->env->theme ? t->env->theme : t->cfg.theme;
    t->km = t->cfg.keys;   /* config_load has said when two actions share a key */
    theme_builtin(&t->theme);
    if (theme) {
        theme_release(&t->theme);   /* theme_load overwrites without freeing */
        if (theme_load(&t->theme, theme, &err) != 0) {
            theme_release(&t->theme);
            theme_builtin(&t->theme);
            tui_message(t, 1, _("%s (using the default theme)"), err.msg);
        }
    }
}

/* Everything closed and freed; the terminal given back. */
static void teardown(struct tui *t)
{
    while (t->depth)
        screen_pop(t);
    free_closed(t);
    terminal_leave();
    if (t->exit_status && t->msg[0])
        fprintf(stderr, "coopcheck: %s\n", t->msg);   /* where the answers went */
    if (the_screen) {
        delscreen(the_screen);
        the_screen = NULL;
    }
    if (t->kin_active)
        keyin_release(&t->kin);
    free(t->who);
    config_release(&t->cfg);
    theme_release(&t->theme);
}

int tui_run(struct cli_env *env)
{
    struct tui t;
    int rc;

    memset(&t, 0, sizeof(t));
    t.env = env;
    t.lang = env->lang;
    t.reader = env->reader;
    t.who = cc_user();
    t.cfg = *env->cfg;   /* read once, by cli_main: taken over */
    config_init(env->cfg);
    if (env->cfg_err && env->cfg_err[0])
        tui_message(&t, 1, "%s", env->cfg_err);
    load_settings(&t);
    /* editor for the child: config first, then $VISUAL, $EDITOR, vi */
    setenv("COOPCHECK_EDITOR", editor_command(&t), 1);
    install_signals();
    if (terminal_setup(&t) != 0) {
        teardown(&t);
        return EXIT_USAGE;
    }
    if (env->open_id) {
        if (assess_open(&t, env->open_id, env->open_question) != 0) {
            char msg[sizeof(t.msg)];
            memcpy(msg, t.msg, sizeof(msg));
            t.msg[0] = '\0';
            teardown(&t);
            fprintf(stderr, "coopcheck: %s\n", msg);
            return t.open_err == ENOENT ? EXIT_NOTFOUND : t.open_err == EBUSY ? EXIT_CONFLICT
                                                                             : EXIT_DATA;
        }
    } else {
        screen_push(&t, picker_new(&t));
    }
    run_loop(&t);
    teardown(&t);   /* closing the cooperation saves it (or says where its answers went) */
    rc = t.exit_status;
    if (tui_signal == SIGINT)
        rc = 130;
    return rc;
}
