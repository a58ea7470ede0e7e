/* tmux.c — see tmux.h.
 *
 * Every tmux command is run with fork/execvp (no shell, so no quoting of the
 * test's paths and texts); its stdout and stderr go to a file in the session's
 * directory, never to a pipe, because the tmux server that new-session starts
 * could keep a pipe open.  The pane's command is run by execvp too (tmux runs
 * a command of several arguments directly): /bin/sh -c SCRIPT with the
 * program's argv as positional parameters. */
#include "tmux.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TMX_MAX_ARGS 96

/* The pane: $1 is the pid file, the rest the command.  The inner shell writes
 * its pid and execs the command, so the pid is the program's.  The outer
 * shell survives Ctrl-C (a trap, which its children do not inherit, unlike an
 * ignored signal) to report the program's status, at the start of a line of
 * its own: a program killed mid-screen leaves the cursor anywhere, and the
 * status must not wrap there. */
static const char pane_script[] =
    "trap : INT; pidf=$1; shift; "
    "/bin/sh -c 'echo $$ >\"$0\"; exec \"$@\"' \"$pidf\" \"$@\"; "
    "st=$?; printf '\\r\\nEXITED %s\\n' \"$st\"; exec sleep 600";

static unsigned session_counter;

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    char *buf;
    int n;
    va_start(ap, f);
    n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    assert_true(n >= 0);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    va_start(ap, f);
    vsnprintf(buf, (size_t)n + 1, f, ap);
    va_end(ap);
    return buf;
}

void tmx_nap(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int tmx_timeout_ms(void)
{
    const char *e = getenv("COOPCHECK_TUI_TIMEOUT_MS");
    int v = e ? atoi(e) : 0;
    return v > 0 ? v : 10000;
}

/* Runs argv (argv[0] looked up in PATH) with stdout and stderr to s->outfile
 * and stdin from /dev/null; returns the exit status, 128+signal, or -1 when
 * it could not be run or did not finish in time.  Never fails the test. */
static int run_quiet(struct tmx *s, const char *const argv[])
{
    pid_t pid;
    int fd, status;
    long deadline;
    fd = open(s->outfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    pid = fork();
    if (pid < 0) {
        close(fd);
        return -1;
    }
    if (pid == 0) {
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0) {
            dup2(nul, 0);
            if (nul > 2)
                close(nul);
        }
        dup2(fd, 1);
        dup2(fd, 2);
        if (fd > 2)
            close(fd);
        /* a tmux of our own: never the one the tests may be running in */
        unsetenv("TMUX");
        unsetenv("TMUX_PANE");
        unsetenv("LC_ALL");
        unsetenv("LC_CTYPE");
        setenv("LANG", "C.UTF-8", 1);
        execvp(argv[0], (char *const *)argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fd);
    deadline = now_ms() + 15000;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        if (now_ms() > deadline) {
            kill(pid, SIGKILL);   /* our own tmux client */
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        tmx_nap(1);
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* run_quiet, failing the test when tmux fails; returns its output (owned). */
static char *run_tmux(struct tmx *s, const char *const argv[])
{
    int rc = run_quiet(s, argv);
    char *out = tu_read(s->outfile, NULL);
    if (rc != 0) {
        char cmd[512];
        size_t n = 0;
        cmd[0] = '\0';
        for (size_t i = 0; argv[i] && n + 2 < sizeof(cmd); i++)
            n += (size_t)snprintf(cmd + n, sizeof(cmd) - n, "%s%s", i ? " " : "", argv[i]);
        fprintf(stderr, "%s\n", out ? out : "");
        fail_msg("tmux command failed (status %d): %s", rc, cmd);
    }
    return out ? out : calloc(1, 1);
}

struct tmx *tmx_new(void)
{
    struct tmx *s = calloc(1, sizeof(*s));
    assert_non_null(s);
    s->tmp = tu_tempdir();
    snprintf(s->name, sizeof(s->name), "cctui-%ld-%u", (long)getpid(), ++session_counter);
    snprintf(s->data, sizeof(s->data), "%s/data", s->tmp);
    snprintf(s->cfg, sizeof(s->cfg), "%s/cfg", s->tmp);
    snprintf(s->pidfile, sizeof(s->pidfile), "%s/program.pid", s->tmp);
    snprintf(s->outfile, sizeof(s->outfile), "%s/tmux.out", s->tmp);
    return s;
}

/* The program's pid from the pid file, or 0. */
static pid_t program_pid(const struct tmx *s)
{
    FILE *f = fopen(s->pidfile, "r");
    long pid = 0;
    if (!f)
        return 0;
    if (fscanf(f, "%ld", &pid) != 1)
        pid = 0;
    fclose(f);
    return pid > 1 ? (pid_t)pid : 0;
}

/* 1 while pid runs (a zombie has finished). */
static int alive(pid_t pid)
{
    char path[64], buf[512], *p;
    FILE *f;
    size_t n;
    if (kill(pid, 0) != 0 && errno == ESRCH)
        return 0;
    snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
    f = fopen(path, "r");
    if (!f)
        return 1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    p = strrchr(buf, ')');
    return !(p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X'));
}

/* Waits (bounded) until the program is gone; returns 1 when it is. */
static int wait_program_gone(const struct tmx *s, int ms)
{
    pid_t pid = program_pid(s);
    long deadline = now_ms() + ms;
    if (!pid)
        return 1;
    while (alive(pid)) {
        if (now_ms() > deadline)
            return 0;
        tmx_nap(10);
    }
    return 1;
}

static void socket_path(const struct tmx *s, char *out, size_t n)
{
    const char *dir = getenv("TMUX_TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    snprintf(out, n, "%s/tmux-%ld/%s", dir, (long)getuid(), s->name);
}

static void stop_server(struct tmx *s)
{
    const char *argv[] = { "tmux", "-L", s->name, "kill-server", NULL };
    char sock[TMX_PATH_MAX + 128];
    if (!s->started)
        return;
    run_quiet(s, argv);
    s->started = 0;
    socket_path(s, sock, sizeof(sock));
    unlink(sock);   /* only ever our own, uniquely named socket */
}

long tmx_pid(struct tmx *s)
{
    long deadline = now_ms() + tmx_timeout_ms();
    pid_t pid;
    while ((pid = program_pid(s)) == 0) {
        if (now_ms() > deadline)
            fail_msg("no pid in %s", s->pidfile);
        tmx_nap(20);
    }
    return (long)pid;
}

void tmx_kill(struct tmx *s)
{
    stop_server(s);
    if (!wait_program_gone(s, tmx_timeout_ms()))
        fail_msg("the program (pid %ld) did not exit after its terminal went away",
                 (long)program_pid(s));
}

void tmx_free(struct tmx *s)
{
    if (!s)
        return;
    stop_server(s);
    if (!wait_program_gone(s, tmx_timeout_ms())) {
        pid_t pid = program_pid(s);
        fprintf(stderr, "test_tui: program pid %ld still running after kill-server; "
                        "sending SIGKILL\n", (long)pid);
        kill(pid, SIGKILL);   /* the program this session started */
        wait_program_gone(s, 2000);
    }
    tu_rmrf(s->tmp);
    free(s->tmp);
    free(s->screen);
    free(s);
}

/* ---- the command line, outside tmux ---- */

static char *bin_path(void)
{
    char *abs = realpath(tu_bin(), NULL);
    if (!abs) {
        abs = strdup(tu_bin());
        assert_non_null(abs);
    }
    return abs;
}

int tmx_cli(struct tmx *s, const char *in, char **out, char **err, const char *arg, ...)
{
    const char *argv[TMX_MAX_ARGS];
    char env_data[TMX_PATH_MAX + 32], env_cfg[TMX_PATH_MAX + 32], env_home[TMX_PATH_MAX + 32];
    const char *env[] = { env_data, env_cfg, env_home, "COOPCHECK_NOW=" TMX_NOW,
                          "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LC_CTYPE=",
                          "XDG_DATA_HOME=", "XDG_STATE_HOME=", "COLUMNS=", "NO_COLOR=",
                          "ACCESSIBLE=", NULL };
    struct tu_run r;
    char *bin = bin_path();
    size_t n = 0;
    va_list ap;
    int status;

    snprintf(env_data, sizeof(env_data), "COOPCHECK_DATA=%s", s->data);
    snprintf(env_cfg, sizeof(env_cfg), "XDG_CONFIG_HOME=%s", s->cfg);
    snprintf(env_home, sizeof(env_home), "HOME=%s", s->tmp);
    argv[n++] = bin;
    va_start(ap, arg);
    for (const char *a = arg; a && n < TMX_MAX_ARGS - 1; a = va_arg(ap, const char *))
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    tu_run(&r, in, argv, env);
    status = r.status;
    if (out)
        *out = r.out;
    else
        free(r.out);
    if (err)
        *err = r.err;
    else
        free(r.err);
    free(bin);
    return status;
}

/* ---- the server ---- */

void tmx_start(struct tmx *s, int w, int h, const char *term, const char *lang,
               const char *const env[], const char *const args[])
{
    static const char *const passed_on[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS" };
    const char *argv[TMX_MAX_ARGS];
    char *owned[TMX_MAX_ARGS];
    char ws[16], hs[16];
    size_t n = 0, no = 0;
    char *bin = bin_path(), *out;
    const char *path = getenv("PATH");

#define OWN(...)                                                   \
    do {                                                           \
        char *o_ = fmt(__VA_ARGS__);                               \
        owned[no++] = o_;                                          \
        argv[n++] = o_;                                            \
    } while (0)

    assert_false(s->started);
    snprintf(ws, sizeof(ws), "%d", w);
    snprintf(hs, sizeof(hs), "%d", h);
    argv[n++] = "tmux";
    argv[n++] = "-u";
    argv[n++] = "-L";
    argv[n++] = s->name;
    argv[n++] = "-f";
    argv[n++] = "/dev/null";
    argv[n++] = "new-session";
    argv[n++] = "-d";
    argv[n++] = "-s";
    argv[n++] = "cc";
    argv[n++] = "-x";
    argv[n++] = ws;
    argv[n++] = "-y";
    argv[n++] = hs;
    /* the pane's command: several arguments, so tmux runs it without a shell */
    argv[n++] = "/bin/sh";
    argv[n++] = "-c";
    argv[n++] = pane_script;
    argv[n++] = "sh";
    argv[n++] = s->pidfile;
    argv[n++] = "env";
    argv[n++] = "-i";
    OWN("PATH=%s", path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
    OWN("HOME=%s", s->tmp);
    if (term)
        OWN("TERM=%s", term);
    if (lang)
        OWN("LANG=%s", lang);
    OWN("COOPCHECK_DATA=%s", s->data);
    OWN("XDG_CONFIG_HOME=%s", s->cfg);
    argv[n++] = "COOPCHECK_NOW=" TMX_NOW;
    for (size_t i = 0; i < sizeof(passed_on) / sizeof(passed_on[0]); i++) {
        const char *v = getenv(passed_on[i]);
        if (v && *v)
            OWN("%s=%s", passed_on[i], v);
    }
    for (size_t i = 0; env && env[i] && n < TMX_MAX_ARGS - 16; i++)
        argv[n++] = env[i];
    argv[n++] = bin;
    for (size_t i = 0; args && args[i] && n < TMX_MAX_ARGS - 1; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
#undef OWN

    s->started = 1;   /* even if new-session fails half-way: kill-server is harmless */
    out = run_tmux(s, argv);
    free(out);
    for (size_t i = 0; i < no; i++)
        free(owned[i]);
    free(bin);
}

char *tmx_capture(struct tmx *s, int escapes)
{
    const char *plain[] = { "tmux", "-u", "-L", s->name, "capture-pane", "-p", "-t", "cc", NULL };
    const char *esc[] = { "tmux", "-u", "-L", s->name, "capture-pane", "-p", "-e", "-t", "cc", NULL };
    const char *all[] = { "tmux", "-u", "-L", s->name, "capture-pane", "-p", "-e", "-N", "-t", "cc",
                          NULL };
    return run_tmux(s, escapes == 2 ? all : escapes ? esc : plain);
}

void tmx_lacks(struct tmx *s, const char *needle)
{
    char *scr = tmx_capture(s, 0);
    if (scr && strstr(scr, needle)) {
        fprintf(stderr, "%s\n", scr);
        free(scr);
        fail_msg("the screen (above) shows \"%s\"", needle);
    }
    free(scr);
}

char *tmx_row(const char *screen, int y)
{
    const char *p = screen, *nl;
    char *row;
    size_t n;
    for (int i = 0; i < y && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        p = "";
    nl = strchr(p, '\n');
    n = nl ? (size_t)(nl - p) : strlen(p);
    row = malloc(n + 1);
    assert_non_null(row);
    memcpy(row, p, n);
    row[n] = '\0';
    return row;
}

/* ---- waiting ---- */

/* 1 when the program has finished (the pane's shell printed its status). */
static int exited(const char *screen)
{
    return strncmp(screen, "EXITED ", 7) == 0 || strstr(screen, "\nEXITED ") != NULL;
}

typedef int (*screen_pred)(const char *screen, const void *arg);

/* Polls until pred holds on two captures in a row that are identical: tmux
 * may show a frame that the program is still writing, and the tests check
 * more of the screen than they wait for. */
static const char *wait_until(struct tmx *s, screen_pred pred, const void *arg, const char *what)
{
    long deadline = now_ms() + tmx_timeout_ms();
    char *prev = NULL;
    for (;;) {
        int ok;
        free(s->screen);
        s->screen = tmx_capture(s, 0);
        ok = pred(s->screen, arg);
        if (ok && prev && strcmp(prev, s->screen) == 0) {
            free(prev);
            return s->screen;
        }
        /* once the program is gone the screen does not change any more */
        if ((!ok && exited(s->screen)) || now_ms() > deadline)
            break;
        free(prev);
        prev = strdup(s->screen);
        tmx_nap(ok ? 10 : 20);
    }
    free(prev);
    /* cmocka cuts long messages: the screen goes to stderr */
    fprintf(stderr, "---- the screen (%s) ----\n%s---- end of the screen ----\n", s->name, s->screen);
    fail_msg("%s %s (the screen is above)",
             exited(s->screen) ? "the program exited while waiting for" : "timed out waiting for",
             what);
    return NULL;
}

static int has(const char *screen, const void *needle)
{
    return strstr(screen, needle) != NULL;
}

static int has_not(const char *screen, const void *needle)
{
    return strstr(screen, needle) == NULL;
}

struct all_of {
    const char *v[16];
    size_t n;
};

static int has_all(const char *screen, const void *arg)
{
    const struct all_of *a = arg;
    for (size_t i = 0; i < a->n; i++)
        if (!strstr(screen, a->v[i]))
            return 0;
    return 1;
}

struct row_has {
    int y;
    const char *needle;
};

static int row_has(const char *screen, const void *arg)
{
    const struct row_has *r = arg;
    char *row = tmx_row(screen, r->y);
    int ok = strstr(row, r->needle) != NULL;
    free(row);
    return ok;
}

const char *tmx_wait(struct tmx *s, const char *needle)
{
    char what[600];
    snprintf(what, sizeof(what), "\"%s\"", needle);
    return wait_until(s, has, needle, what);
}

const char *tmx_wait_all(struct tmx *s, const char *needle, ...)
{
    struct all_of a = { { 0 }, 0 };
    char what[1200];
    size_t len = 0;
    va_list ap;
    va_start(ap, needle);
    for (const char *p = needle; p && a.n < 16; p = va_arg(ap, const char *))
        a.v[a.n++] = p;
    va_end(ap);
    what[0] = '\0';
    for (size_t i = 0; i < a.n && len + 8 < sizeof(what); i++)
        len += (size_t)snprintf(what + len, sizeof(what) - len, "%s\"%s\"", i ? " and " : "", a.v[i]);
    return wait_until(s, has_all, &a, what);
}

const char *tmx_wait_gone(struct tmx *s, const char *needle)
{
    char what[600];
    snprintf(what, sizeof(what), "\"%s\" to go away", needle);
    return wait_until(s, has_not, needle, what);
}

const char *tmx_wait_row(struct tmx *s, int y, const char *needle)
{
    struct row_has r = { y, needle };
    char what[600];
    snprintf(what, sizeof(what), "\"%s\" in row %d", needle, y);
    return wait_until(s, row_has, &r, what);
}

void tmx_wait_file(const char *path, const char *needle)
{
    long deadline = now_ms() + tmx_timeout_ms();
    char *text = NULL;
    for (;;) {
        free(text);
        text = tu_read(path, NULL);
        if (text && (!needle || strstr(text, needle)))
            break;
        if (now_ms() > deadline) {
            fprintf(stderr, "%s holds:\n%s\n", path, text ? text : "(no such file)");
            fail_msg("timed out waiting for %s to contain \"%s\"", path, needle ? needle : "");
        }
        tmx_nap(20);
    }
    free(text);
}

/* ---- input ---- */

/* Like a person, no key comes within 60 ms of a burst of typed text (a
 * paste): the program takes keys that close after a burst for its tail
 * (keyin.h, KEYIN_BURST_GAP). */
static void after_burst(struct tmx *s)
{
    long since = now_ms() - s->burst_ms;
    if (s->burst_ms && since < 60)
        tmx_nap((int)(60 - since));
}

void tmx_keys(struct tmx *s, const char *key, ...)
{
    const char *argv[TMX_MAX_ARGS];
    size_t n = 0;
    va_list ap;
    after_burst(s);
    argv[n++] = "tmux";
    argv[n++] = "-L";
    argv[n++] = s->name;
    argv[n++] = "send-keys";
    argv[n++] = "-t";
    argv[n++] = "cc";
    va_start(ap, key);
    for (const char *k = key; k && n < TMX_MAX_ARGS - 1; k = va_arg(ap, const char *))
        argv[n++] = k;
    va_end(ap);
    argv[n] = NULL;
    free(run_tmux(s, argv));
}

void tmx_type(struct tmx *s, const char *text)
{
    const char *argv[] = { "tmux", "-L", s->name, "send-keys", "-t", "cc", "-l", "--", text, NULL };
    after_burst(s);
    free(run_tmux(s, argv));
    if (strlen(text) >= 3)
        s->burst_ms = now_ms();
}

void tmx_resize(struct tmx *s, int w, int h)
{
    char ws[16], hs[16];
    const char *argv[] = { "tmux", "-L", s->name, "resize-window", "-t", "cc", "-x", ws, "-y", hs, NULL };
    snprintf(ws, sizeof(ws), "%d", w);
    snprintf(hs, sizeof(hs), "%d", h);
    free(run_tmux(s, argv));
}

char *tmx_display(struct tmx *s, const char *format)
{
    const char *argv[] = { "tmux", "-u", "-L", s->name, "display-message", "-p", "-t", "cc", format, NULL };
    char *out = run_tmux(s, argv);
    size_t n = strlen(out);
    while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
    return out;
}

void tmx_wait_input_read(struct tmx *s)
{
    long deadline = now_ms() + tmx_timeout_ms();
    char *tty = tmx_display(s, "#{pane_tty}");
    int fd = open(tty, O_RDONLY | O_NOCTTY | O_NONBLOCK);
    int pending = -1;
    if (fd < 0)
        fail_msg("cannot open the pane's terminal %s: %s", tty, strerror(errno));
    for (;;) {
        if (ioctl(fd, TIOCINQ, &pending) != 0)
            fail_msg("TIOCINQ on %s: %s", tty, strerror(errno));
        if (pending == 0 || now_ms() > deadline)
            break;
        tmx_nap(10);
    }
    close(fd);
    free(tty);
    if (pending != 0)
        fail_msg("the program did not read the %d bytes of input waiting for it", pending);
}

void tmx_paste(struct tmx *s, const char *text)
{
    const char *set[] = { "tmux", "-L", s->name, "set-buffer", "-b", "cctest", "--", text, NULL };
    const char *paste[] = { "tmux", "-L", s->name, "paste-buffer", "-p", "-b", "cctest", "-t", "cc", NULL };
    after_burst(s);
    free(run_tmux(s, set));
    free(run_tmux(s, paste));
    s->burst_ms = now_ms();
}

/* ---- the assessment file ---- */

cJSON *tmx_load_json(const char *path)
{
    char *text = tu_read(path, NULL);
    cJSON *doc;
    if (!text)
        return NULL;
    doc = cJSON_Parse(text);
    free(text);
    return doc;
}

/* answers.<q>.fields.<field>.value as a string (NULL when unset); owned. */
char *tmx_json_value(const char *path, const char *q, const char *field)
{
    cJSON *doc = tmx_load_json(path), *v;
    char *out = NULL;
    if (!doc)
        return NULL;
    v = cJSON_GetObjectItemCaseSensitive(doc, "answers");
    v = cJSON_GetObjectItemCaseSensitive(v, q);
    v = cJSON_GetObjectItemCaseSensitive(v, "fields");
    v = cJSON_GetObjectItemCaseSensitive(v, field);
    v = cJSON_GetObjectItemCaseSensitive(v, "value");
    if (cJSON_IsString(v))
        out = strdup(v->valuestring);
    cJSON_Delete(doc);
    return out;
}

/* Polls the file until the field holds expect (NULL: unset). */
void tmx_wait_value(const char *path, const char *q, const char *field, const char *expect)
{
    int waited = 0;
    char *v = NULL;
    for (;;) {
        free(v);
        v = tmx_json_value(path, q, field);
        if (expect ? v && strcmp(v, expect) == 0 : v == NULL)
            break;
        if (waited > tmx_timeout_ms()) {
            char *text = tu_read(path, NULL), msg[1024];
            fprintf(stderr, "%s:\n%s\n", path, text ? text : "(no file)");
            snprintf(msg, sizeof(msg), "%s.%s: expected %s%.300s%s, the file (above) holds "
                     "%s%.300s%s", q, field, expect ? "\"" : "", expect ? expect : "(unset)",
                     expect ? "\"" : "", v ? "\"" : "", v ? v : "(unset)", v ? "\"" : "");
            free(text);
            free(v);
            fail_msg("%s", msg);
        }
        tmx_nap(20);
        waited += 20;
    }
    free(v);
}

