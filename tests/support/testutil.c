/* testutil.c — see testutil.h. */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char *tu_tempdir(void)
{
    const char *base = getenv("TMPDIR");
    char *path;
    size_t n;
    if (!base || !*base)
        base = "/tmp";
    n = strlen(base) + 32;
    path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/cctest.XXXXXX", base);
    assert_non_null(mkdtemp(path));
    return path;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path);
    return unlink(path);
}

void tu_rmrf(const char *path)
{
    if (!path || strncmp(path, "/", 1) != 0 || !strstr(path, "cctest."))
        return; /* only ever our own temporary trees */
    /* make every directory writable first, in case a test removed the bits */
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *tu_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    do {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

void tu_write(const char *path, const char *data)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
    assert_int_equal(fclose(f), 0);
}

static void drain(int fd, char **buf, size_t *len, size_t *cap, int *open_)
{
    char tmp[8192];
    ssize_t n = read(fd, tmp, sizeof(tmp));
    if (n > 0) {
        if (*len + (size_t)n + 1 > *cap) {
            while (*len + (size_t)n + 1 > *cap)
                *cap = *cap ? *cap * 2 : 8192;
            *buf = realloc(*buf, *cap);
            assert_non_null(*buf);
        }
        memcpy(*buf + *len, tmp, (size_t)n);
        *len += (size_t)n;
        (*buf)[*len] = '\0';
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        *open_ = 0;
    }
}

static void apply_env(const char *const env[])
{
    for (size_t i = 0; env && env[i]; i++) {
        const char *eq = strchr(env[i], '=');
        char name[256];
        size_t k;
        if (!eq)
            continue;
        k = (size_t)(eq - env[i]);
        if (k >= sizeof(name))
            continue;
        memcpy(name, env[i], k);
        name[k] = '\0';
        if (eq[1] == '\0')
            unsetenv(name);
        else
            setenv(name, eq + 1, 1);
    }
}

void tu_run(struct tu_run *r, const char *in, const char *const argv[],
            const char *const env[])
{
    int pin[2], pout[2], perr[2];
    pid_t pid;
    size_t inlen = in ? strlen(in) : 0, inoff = 0;
    size_t olen = 0, ocap = 0, elen = 0, ecap = 0;
    int oopen = 1, eopen = 1, status;

    memset(r, 0, sizeof(*r));
    assert_int_equal(pipe(pin), 0);
    assert_int_equal(pipe(pout), 0);
    assert_int_equal(pipe(perr), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(pin[0], 0);
        dup2(pout[1], 1);
        dup2(perr[1], 2);
        close(pin[0]); close(pin[1]);
        close(pout[0]); close(pout[1]);
        close(perr[0]); close(perr[1]);
        apply_env(env);
        execve(argv[0], (char *const *)argv, environ);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(pin[0]);
    close(pout[1]);
    close(perr[1]);
    signal(SIGPIPE, SIG_IGN);
    if (!in || inlen == 0) {
        close(pin[1]);
        pin[1] = -1;
    }
    r->out = calloc(1, 1);
    r->err = calloc(1, 1);
    ocap = ecap = 1;
    while (oopen || eopen || pin[1] >= 0) {
        struct pollfd p[3];
        int n = 0, io = -1, ie = -1, ii = -1;
        if (oopen) { p[n].fd = pout[0]; p[n].events = POLLIN; io = n++; }
        if (eopen) { p[n].fd = perr[0]; p[n].events = POLLIN; ie = n++; }
        if (pin[1] >= 0) { p[n].fd = pin[1]; p[n].events = POLLOUT; ii = n++; }
        if (poll(p, (nfds_t)n, 30000) <= 0) {
            if (errno == EINTR)
                continue;
            kill(pid, SIGKILL);
            fail_msg("%s did not finish within 30 s", argv[0]);
        }
        if (io >= 0 && p[io].revents)
            drain(pout[0], &r->out, &olen, &ocap, &oopen);
        if (ie >= 0 && p[ie].revents)
            drain(perr[0], &r->err, &elen, &ecap, &eopen);
        if (ii >= 0 && p[ii].revents) {
            ssize_t w = write(pin[1], in + inoff, inlen - inoff);
            if (w > 0)
                inoff += (size_t)w;
            if (w < 0 || inoff >= inlen) {
                close(pin[1]);
                pin[1] = -1;
            }
        }
    }
    close(pout[0]);
    close(perr[0]);
    while (waitpid(pid, &status, 0) < 0)
        assert_int_equal(errno, EINTR);
    if (WIFEXITED(status))
        r->status = WEXITSTATUS(status);
    else
        r->status = 128 + WTERMSIG(status);
}

pid_t tu_spawn(const char *const argv[], const char *const env[], const char *out)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int nul = open("/dev/null", O_RDONLY);
        int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (nul >= 0)
            dup2(nul, 0);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        apply_env(env);
        execve(argv[0], (char *const *)argv, environ);
        _exit(127);
    }
    return pid;
}

int tu_wait(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        assert_int_equal(errno, EINTR);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

long tu_dead_pid(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    tu_wait(pid);
    return (long)pid;
}

void tu_run_free(struct tu_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

const char *tu_bin(void)
{
    const char *b = getenv("COOPCHECK_BIN");
    return b && *b ? b : "./coopcheck";
}

const char *tu_srcdir(void)
{
    const char *s = getenv("COOPCHECK_SRCDIR");
    return s && *s ? s : ".";
}

char *tu_src_path(const char *rel)
{
    size_t n = strlen(tu_srcdir()) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", tu_srcdir(), rel);
    return p;
}

int tu_mode(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return -1;
    return (int)(st.st_mode & 07777);
}

/* The line of s that starts at p, for messages. */
static void line_at(const char *p, char *buf, size_t n)
{
    size_t len = strcspn(p, "\n");
    snprintf(buf, n, "%.*s", (int)(len < n - 1 ? len : n - 1), p);
}

void tu_check_golden(const char *name, const char *out)
{
    char rel[512];
    char *path;
    const char *update = getenv("COOPCHECK_UPDATE_GOLDEN");
    const char *w, *o, *ws, *os;
    char lw[240], lo[240];
    size_t line = 1;
    char *want;

    snprintf(rel, sizeof(rel), "tests/golden/%s", name);
    path = tu_src_path(rel);
    if (update && strcmp(update, "1") == 0) {
        tu_write(path, out);
        fprintf(stderr, "rewrote %s\n", path);
        free(path);
        return;
    }
    want = tu_read(path, NULL);
    if (!want) {
        char msg[5000];
        snprintf(msg, sizeof(msg), "golden file %s is missing; create it with make golden", path);
        free(path);
        fail_msg("%s", msg);
    }
    if (strcmp(want, out) == 0) {
        free(want);
        free(path);
        return;
    }
    for (w = ws = want, o = os = out; *w && *w == *o; w++, o++)
        if (*w == '\n') {
            line++;
            ws = w + 1;
            os = o + 1;
        }
    line_at(ws, lw, sizeof(lw));
    line_at(os, lo, sizeof(lo));
    print_error("%s differs at line %zu:\n  golden: %s\n  now:    %s\n(if the change is "
                "intended, run make golden and review git diff tests/golden)\n", path, line, lw, lo);
    free(want);
    free(path);
    fail();
}

const char *tu_ssh_keygen(void)
{
    static char found[4096];
    const char *path = getenv("PATH");
    while (!found[0] && path && *path) {
        size_t n = strcspn(path, ":");
        snprintf(found, sizeof(found), "%.*s/ssh-keygen", (int)n, path);
        if (access(found, X_OK) != 0)
            found[0] = '\0';
        path += n + (path[n] == ':');
    }
    if (!found[0])
        fail_msg("ssh-keygen is not installed (apt-get install openssh-client)");
    return found;
}
