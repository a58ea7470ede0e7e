/* tmux.h — end-to-end tests of the full-screen interface: the real binary
 * ($COOPCHECK_BIN) runs in a private tmux server, one per test, and the tests
 * read its screen with capture-pane and type with send-keys.  No curses here.
 *
 * Every session owns:
 *   - a private temporary directory (tu_tempdir) with HOME=<tmp>,
 *     COOPCHECK_DATA=<tmp>/data and XDG_CONFIG_HOME=<tmp>/cfg;
 *   - a tmux server of its own, "tmux -L cctui-<pid>-<n> -f /dev/null", that
 *     is the only one these helpers ever talk to (kill-server only goes there).
 *
 * The program runs with an environment built from nothing (env -i): PATH,
 * HOME, TERM, LANG, COOPCHECK_DATA, XDG_CONFIG_HOME, a fixed COOPCHECK_NOW and
 * whatever the test adds (NO_COLOR, EDITOR, TMPDIR, ...); the sanitizer
 * options of the test run (ASAN_OPTIONS, UBSAN_OPTIONS) are passed on.  The
 * pane runs "PROGRAM ARGS; echo EXITED <status>; sleep", so that a test can
 * wait for "EXITED 0" and still read what the program printed.
 *
 * Nothing waits a fixed time: tmx_wait() polls the screen every 20 ms until a
 * string appears on two identical captures in a row (so that the screen a test
 * goes on to check is a whole frame, not one the program is still writing)
 * and fails the test with the last screen after 10 s
 * (COOPCHECK_TUI_TIMEOUT_MS overrides it). */
#ifndef COOPCHECK_TMUX_H
#define COOPCHECK_TMUX_H

#include <stddef.h>

#include "testutil.h"

#define TMX_NOW "2026-11-27T03:45:21Z"
#define TMX_PATH_MAX 1024

struct tmx {
    char name[64];              /* the tmux -L socket name, unique per session */
    char *tmp;                  /* private directory (tu_tempdir), removed by tmx_free */
    char data[TMX_PATH_MAX];    /* <tmp>/data: COOPCHECK_DATA */
    char cfg[TMX_PATH_MAX];     /* <tmp>/cfg: XDG_CONFIG_HOME */
    char pidfile[TMX_PATH_MAX]; /* the program writes its pid here (via sh) */
    char outfile[TMX_PATH_MAX]; /* stdout and stderr of the tmux client commands */
    int started;                /* a server was started (kill it in tmx_free) */
    char *screen;               /* the last capture (owned) */
    long burst_ms;              /* when text was last typed or pasted at once */
};

/* A new session (no server yet): creates the temporary directory.  Free with
 * tmx_free, also when the test failed (cmocka teardown). */
struct tmx *tmx_new(void);
/* Kills the server (if any), waits until the program is gone, removes the
 * socket and the temporary directory.  Never fails a test. */
void tmx_free(struct tmx *s);

/* Runs the command line "$COOPCHECK_BIN ARGS..." (NULL-terminated) outside
 * tmux with this session's environment (LANG=C.UTF-8; XDG_STATE_HOME and
 * ACCESSIBLE unset, so that drafts are under HOME as in tmux) and stdin from
 * in (NULL: none); returns the exit status.  *out and *err receive the output
 * when not NULL (caller frees). */
int tmx_cli(struct tmx *s, const char *in, char **out, char **err, const char *arg, ...);

/* Starts the server with one w x h window running "$COOPCHECK_BIN ARGS..."
 * (args NULL-terminated, may be empty) with TERM=term, LANG=lang and the
 * extra "NAME=value" entries of env (NULL-terminated; NULL for none).  term
 * NULL leaves TERM unset.  Does not wait for anything. */
void tmx_start(struct tmx *s, int w, int h, const char *term, const char *lang,
               const char *const env[], const char *const args[]);

/* The current screen, one line per row (trailing spaces removed by tmux);
 * with escapes 1, with the SGR sequences of capture-pane -e; 2, with them and
 * every cell up to the last one written (-N: tmux's trimming depends on which
 * cells were written, not on what they show).  Caller frees. */
char *tmx_capture(struct tmx *s, int escapes);
/* Row y (0-based) of a capture, without its newline; caller frees ("" when
 * there is no such row). */
char *tmx_row(const char *screen, int y);

/* Waits until the screen contains needle; returns the screen (owned by s,
 * valid until the next call).  Fails the test with the last screen. */
const char *tmx_wait(struct tmx *s, const char *needle);
/* Waits until the screen contains every one of the NULL-terminated needles. */
const char *tmx_wait_all(struct tmx *s, const char *needle, ...);
/* Waits until the screen no longer contains needle. */
const char *tmx_wait_gone(struct tmx *s, const char *needle);
/* Fails the test, with the screen, when it shows needle now (no waiting:
 * after a wait for what must be there). */
void tmx_lacks(struct tmx *s, const char *needle);
/* Waits until row y of the screen contains needle. */
const char *tmx_wait_row(struct tmx *s, int y, const char *needle);

/* send-keys with tmux key names ("Tab", "Enter", "Escape", "BTab", "Up",
 * "Space", "C-l") or single characters, NULL-terminated.  Keys sent in one
 * call arrive at once: three printable ones or more are a paste to the
 * program (keyin.h), so send such keys one call at a time.  After text typed
 * at once (tmx_type of 3 characters or more, tmx_paste), the next call waits
 * until 60 ms have passed, as a person would. */
void tmx_keys(struct tmx *s, const char *key, ...);
/* send-keys -l: literal UTF-8 text (must not end in ';', which tmux takes
 * for a command separator). */
void tmx_type(struct tmx *s, const char *text);
/* display-message -p FORMAT for the pane, e.g. "#{cursor_x}" or
 * "#{pane_title}", without the newline; caller frees. */
char *tmx_display(struct tmx *s, const char *format);
/* Waits until the program has read every whole line typed (the pane's
 * terminal, in canonical mode, holds none any more: TIOCINQ); for a program
 * that reads lines (coopcheck interview), before a signal that must find
 * them read.  Keys reach the terminal after send-keys returns: wait for their
 * echo first.  Fails the test after the timeout. */
void tmx_wait_input_read(struct tmx *s);
/* set-buffer text, then paste-buffer -p (bracketed paste when the program
 * asked for it; tmux turns each "\n" into a carriage return). */
void tmx_paste(struct tmx *s, const char *text);
/* resize-window to w x h. */
void tmx_resize(struct tmx *s, int w, int h);
/* Kills the server now (the program gets SIGHUP, as when an SSH connection
 * drops) and waits up to the timeout for the program to be gone. */
void tmx_kill(struct tmx *s);

/* The assessment file at path as JSON (NULL when missing or not JSON);
 * caller frees with cJSON_Delete. */
struct cJSON *tmx_load_json(const char *path);
/* answers.<q>.fields.<field>.value of the file as a string (NULL when
 * unset); caller frees. */
char *tmx_json_value(const char *path, const char *q, const char *field);
/* Polls the file until the field holds expect (NULL: unset); fails the test
 * with the file's content after the timeout. */
void tmx_wait_value(const char *path, const char *q, const char *field, const char *expect);

/* The program's pid (written by the pane's shell before it execs the
 * program), waiting for it to appear; fails the test after the timeout. */
long tmx_pid(struct tmx *s);

/* Polls until path exists and contains needle (or with needle NULL: exists);
 * fails the test with the file's content after the timeout. */
void tmx_wait_file(const char *path, const char *needle);
/* The wait timeout in milliseconds. */
int tmx_timeout_ms(void);
/* Sleeps ms milliseconds (only for polling loops). */
void tmx_nap(int ms);

#endif
