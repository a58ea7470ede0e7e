/* tui.c — the full-screen interface: terminal set-up and teardown, signals,
 * key translation and the main loop.  Screens live in tui_picker.c and
 * tui_assess.c; drawing primitives in tui_draw.c.
 *
 * Signal handlers only set a flag (tui_signal); the loop wakes at least every
 * TUI_AUTOSAVE_MS, saves pending text, and on SIGHUP/SIGTERM/SIGINT saves and
 * leaves.  Fatal signals restore the terminal with async-signal-safe calls
 * only (tcsetattr and write of sequences prepared at start-up), then re-raise. */
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
#include "textutil.h"

volatile sig_atomic_t tui_signal;
static volatile sig_atomic_t tui_resized;

static struct termios saved_termios;
static int saved_termios_ok;
static char restore_seq[128];   /* leave the alternate screen, show the cursor, ... */
static size_t restore_len;
static SCREEN *the_screen;
static int curses_active;

static const char *const ui_strings[S_COUNT][LANG_COUNT] = {
    [S_QUESTION] = { "Frage", "Question" },
    [S_OF] = { "von", "of" },
    [S_YES] = { "ja", "yes" },
    [S_NO] = { "nein", "no" },
    [S_UNSURE] = { "unsicher", "unsure" },
    [S_UNANSWERED] = { "unbeantwortet", "unanswered" },
    [S_FOLLOWUP] = { "Nachverfolgen", "needs follow-up" },
    [S_TO_REVIEW] = { "zu prüfen (aus der letzten Runde)", "to review (carried over from the last round)" },
    [S_EMPTY_TEXT] = { "(leer: Enter zum Schreiben)", "(empty: Enter to write)" },
    [S_EDITING] = { "Bearbeiten", "Editing" },
    [S_ANSWERED_BY] = { "zuletzt", "last changed" },
    [S_HELP] = { "Hilfe", "Help" },
    [S_QUESTIONS] = { "Fragen", "Questions" },
    [S_PICKER_TITLE] = { "Kooperationen", "Cooperations" },
    [S_NO_COOPS] = { "Noch keine Kooperationen. N legt eine an.", "No cooperations yet. Press N to create one." },
};

const char *ui(enum ui_str s, enum lang l)
{
    return ui_strings[s][l];
}

void tui_message(struct tui *t, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
    va_end(ap);
    t->msg_error = error;
}

/* ---- terminal set-up and teardown ---- */

static void add_restore(const char *cap)
{
    const char *s = tigetstr((char *)cap);
    if (!s || s == (char *)-1)
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
    const char *be = curses_active ? tigetstr((char *)"BE") : NULL;
    if (be && be != (char *)-1)
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
        fprintf(stderr, "coopcheck: TERM is not set, so the terminal type is unknown; "
                        "set it, e.g. 'export TERM=xterm-256color' (or vt100)\n");
        return -1;
    }
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0)
        saved_termios_ok = 1;
    /* the window's real size wins over exported LINES/COLUMNS (use_env(FALSE)
     * would fall back to terminfo's fixed 80x24 and ignore the window) */
    use_env(TRUE);
    use_tioctl(TRUE);
    /* ask terminfo first: a failed newterm() leaks inside ncurses, a failed
     * setupterm() does not */
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
        fprintf(stderr, "coopcheck: the terminal type '%s' is not known on this machine "
                        "(no terminfo entry); try 'TERM=xterm-256color coopcheck' or "
                        "'TERM=vt100 coopcheck'\n", s.buf);
        sbuf_release(&s);
        return -1;
    }
    set_term(the_screen);
    curses_active = 1;
    restore_len = 0;
    add_restore("rmcup");
    add_restore("cnorm");
    add_restore("sgr0");
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
        const char *seq = tigetstr((char *)caps[i].cap);
        if (seq && seq != (char *)-1)
            keyin_add_sequence(&t->kin, seq, caps[i].key);
    }
}

long tui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the prompt line ---- */

void prompt_open(struct tui *t, const char *label, const char *initial,
                 void (*done)(struct tui *t, const char *text))
{
    if (t->prompt.active)
        editbuf_release(&t->prompt.eb);
    t->prompt.active = 1;
    t->prompt.label = label;
    t->prompt.done = done;
    editbuf_init(&t->prompt.eb, initial);
    editbuf_text_end(&t->prompt.eb);
    t->msg[0] = '\0';
}

void prompt_paste(struct tui *t, const char *text)
{
    /* a prompt is one line: the first line of the paste */
    editbuf_insert(&t->prompt.eb, text, strcspn(text, "\n"));
}

static void prompt_close(struct tui *t)
{
    t->prompt.active = 0;
    editbuf_release(&t->prompt.eb);
}

static void prompt_key(struct tui *t, int key)
{
    struct editbuf *eb = &t->prompt.eb;
    switch (key) {
    case KEYC_ESC:
        prompt_close(t);
        break;
    case KEYC_ENTER: {
        char *text = xstrdup(eb->text);
        void (*done)(struct tui *, const char *) = t->prompt.done;
        prompt_close(t);
        done(t, text);
        free(text);
        break;
    }
    case KEYC_BACKSPACE:
        if (eb->len == 0)
            prompt_close(t);
        else
            editbuf_backspace(eb);
        break;
    case KEYC_DELETE: editbuf_delete(eb); break;
    case KEYC_LEFT: editbuf_left(eb); break;
    case KEYC_RIGHT: editbuf_right(eb); break;
    case KEYC_HOME: case KEYC_CTRL_A: editbuf_line_start(eb); break;
    case KEYC_END: case KEYC_CTRL_E: editbuf_line_end(eb); break;
    case KEYC_CTRL_A + ('w' - 'a'): editbuf_delete_word_back(eb); break;
    case KEYC_CTRL_A + ('u' - 'a'):
        editbuf_release(eb);
        editbuf_init(eb, "");
        break;
    default:
        if (key >= 32 && key < KEYC_BASE)
            editbuf_insert_char(eb, (uint32_t)key);
        break;
    }
}

/* ---- the external editor ---- */

static const char *editor_command(struct tui *t)
{
    const char *e = t->cfg.editor;
    if (!e || !*e)
        e = getenv("VISUAL");
    if (!e || !*e)
        e = getenv("EDITOR");
    if (!e || !*e)
        e = "vi";
    return e;
}

/* Reads the editor's file: 0 and *out (without the one newline editors put
 * at the end), or -1 with a message. */
static int read_edited(struct tui *t, const char *path, char **out)
{
    struct cc_err err;
    size_t len;
    char *buf;
    *out = NULL;
    if (fs_read_file(path, TEXT_ANSWER_MAX + 2, &buf, &len, &err) != 0) {
        tui_message(t, 1, "%s", err.msg);
        return -1;
    }
    if (len && buf[len - 1] == '\n')
        buf[--len] = '\0';
    if (utf8_invalid(buf, len)) {
        tui_message(t, 1, TR(t, "the edited text is not valid UTF-8; the text was left as it was",
                             "der bearbeitete Text ist kein gültiges UTF-8; der Text bleibt, wie "
                             "er war"));
        free(buf);
        return -1;
    }
    *out = buf;
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
        tui_message(t, 1, "cannot create a private temporary directory for the editor: %s",
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
        tui_message(t, 1, "the editor (%s) did not finish normally (status %d); the text was "
                    "left as it was", editor_command(t), WIFEXITED(status) ? WEXITSTATUS(status) : -1);
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

/* ---- the loop ---- */

static void draw(struct tui *t)
{
    t->want_cursor = 0;
    erase();
    if (t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS) {
        char line[160];
        snprintf(line, sizeof(line), "Terminal too small: %dx%d. coopcheck needs at least %dx%d.",
                 t->cols, t->rows, TUI_MIN_COLS, TUI_MIN_ROWS);
        draw_text(t, 0, 0, line, t->cols, TS_ERROR);
        draw_text(t, 1, 0, "Enlarge the window, or press q to quit.", t->cols, TS_NORMAL);
    } else if (t->av) {
        assess_draw(t);
    } else {
        picker_draw(t);
    }
    /* the cursor is switched only when its visibility changes: each switch
     * costs bytes on the wire */
    if (t->want_cursor)
        move(t->cur_y, t->cur_x);
    if (t->want_cursor != t->cursor_on) {
        curs_set(t->want_cursor);
        t->cursor_on = t->want_cursor;
    }
    refresh();
}

static void flush_pending(struct tui *t)
{
    if (t->av)
        assess_flush(t);
}

static void handle_paste(struct tui *t, const char *text, size_t len)
{
    if (t->prompt.active)
        prompt_paste(t, text);
    else if (t->av ? assess_paste(t, text, len) : picker_paste(t, text))
        ;
    else
        tui_message(t, 0, TR(t, "pasted text ignored (%zu characters): open a text field with "
                                "Enter first, then paste",
                             "eingefügter Text ignoriert (%zu Zeichen): erst ein Textfeld mit "
                             "Enter öffnen, dann einfügen"), text_count_chars(text));
    (void)len;
}

static void handle_key(struct tui *t, int key)
{
    if (!t->prompt.active && !(t->av && t->av->editing))
        t->msg[0] = '\0';
    if (t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS) {
        if (key == 'q')
            t->quit = 1;
    } else if (keymap_lookup(&t->km, key) == ACT_REDRAW && !(t->av && t->av->editing) &&
               !t->prompt.active) {
        clearok(curscr, TRUE);
    } else if (t->prompt.active) {
        prompt_key(t, key);
        if (t->av && t->av->close_now) {   /* a prompt's answer closed the screen */
            assess_close(t);
            if (t->env->open_id)
                t->quit = 1;
            else
                picker_load(t);
        }
    } else if (t->av) {
        if (assess_key(t, key)) {
            assess_close(t);
            if (t->env->open_id)   /* opened directly: leave */
                t->quit = 1;
            else
                picker_load(t);
        }
    } else if (picker_key(t, key)) {
        t->quit = 1;
    }
}

static void handle_resize(struct tui *t)
{
    struct winsize ws;
    tui_resized = 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    getmaxyx(stdscr, t->rows, t->cols);
    clearok(curscr, TRUE);
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
    while (!t->quit) {
        struct keyin_event ev;
        long now = tui_now_ms();
        int r, changed = 0;
        if (tui_signal) {
            flush_pending(t);
            break;
        }
        if (tui_resized) {
            handle_resize(t);
            draw(t);
            continue;
        }
        r = read_terminal(t, earliest(keyin_timeout(&t->kin, now), assess_deadline(t, now)));
        if (r < 0) {
            flush_pending(t);   /* no terminal any more: save and leave */
            break;
        }
        now = tui_now_ms();
        while (!t->quit && keyin_next(&t->kin, now, &ev)) {
            if (ev.kind == KEYIN_PASTE) {
                handle_paste(t, ev.text, ev.len);
                free(ev.text);
            } else {
                handle_key(t, ev.key);
            }
            changed = 1;
        }
        changed |= assess_tick(t, tui_now_ms());   /* autosave, drafts */
        if (changed && !tui_signal)
            draw(t);
    }
}

static void load_settings(struct tui *t)
{
    struct cc_err err;
    const char *theme = t->env->theme ? t->env->theme : t->cfg.theme;
    t->km = t->cfg.keys;
    theme_builtin(&t->theme);
    if (theme) {
        theme_release(&t->theme);   /* theme_load overwrites without freeing */
        if (theme_load(&t->theme, theme, &err) != 0) {
            theme_release(&t->theme);
            theme_builtin(&t->theme);
            tui_message(t, 1, "%s (using the default theme)", err.msg);
        }
    }
}

int tui_run(struct cli_env *env)
{
    struct tui t;
    struct cc_err err;
    int rc = EXIT_OK;

    memset(&t, 0, sizeof(t));
    t.env = env;
    t.lang = env->lang;
    t.who = cc_user();
    if (config_load_default(&t.cfg, &err) != 0)
        tui_message(&t, 1, "%s (the other settings are used)", err.msg);
    load_settings(&t);
    /* editor for the child: config first, then $VISUAL, $EDITOR, vi */
    setenv("COOPCHECK_EDITOR", editor_command(&t), 1);
    install_signals();
    if (terminal_setup(&t) != 0) {
        if (t.kin_active)
            keyin_release(&t.kin);
        free(t.who);
        config_release(&t.cfg);
        theme_release(&t.theme);
        return EXIT_USAGE;
    }
    if (env->open_id) {
        if (assess_open(&t, env->open_id, env->open_question) != 0) {
            char msg[sizeof(t.msg)];
            memcpy(msg, t.msg, sizeof(msg));
            terminal_restore();
            fprintf(stderr, "coopcheck: %s\n", msg);
            keyin_release(&t.kin);
            free(t.who);
            config_release(&t.cfg);
            theme_release(&t.theme);
            return t.open_err == ENOENT ? EXIT_NOTFOUND : t.open_err == EBUSY ? EXIT_CONFLICT
                                                                             : EXIT_DATA;
        }
    } else {
        picker_load(&t);
    }
    run_loop(&t);
    if (t.av) {
        assess_flush(&t);
        assess_close(&t);   /* saves; writes a recovery copy when it cannot */
    }
    if (t.exit_status) {
        /* the last word on the terminal: where the answers went */
        char msg[sizeof(t.msg)];
        memcpy(msg, t.msg, sizeof(msg));
        terminal_restore();
        fprintf(stderr, "coopcheck: %s\n", msg);
        rc = t.exit_status;
    }
    picker_release(&t);
    terminal_restore();
    if (t.kin_active)
        keyin_release(&t.kin);
    if (the_screen) {
        delscreen(the_screen);
        the_screen = NULL;
    }
    if (t.prompt.active)
        editbuf_release(&t.prompt.eb);
    free(t.who);
    config_release(&t.cfg);
    theme_release(&t.theme);
    if (tui_signal == SIGINT)
        rc = 130;
    return rc;
}
