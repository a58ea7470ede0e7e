/* run.c — see run.h. */
#define _GNU_SOURCE
#include "run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "model.h"
#include "textutil.h"

extern char **environ;

#define RUN_OUTPUT_MAX (1024u * 1024u)

void run_release(struct run_result *r)
{
    sbuf_release(&r->out);
    sbuf_release(&r->err);
}

/* Reads both pipes until they close. */
static void collect(int outfd, int errfd, struct run_result *r)
{
    struct pollfd p[2] = { { outfd, POLLIN, 0 }, { errfd, POLLIN, 0 } };
    struct sbuf *to[2] = { &r->out, &r->err };
    int open_n = 2;
    while (open_n > 0) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            char buf[4096];
            ssize_t n;
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            n = read(p[i].fd, buf, sizeof(buf));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                close(p[i].fd);
                p[i].fd = -1;
                open_n--;
            } else if (to[i]->len < RUN_OUTPUT_MAX) {
                sbuf_add(to[i], buf, (size_t)n);
            }
        }
    }
}

int run_program(const char *const argv[], const char *in_path, struct run_result *r,
                struct cc_err *err)
{
    posix_spawn_file_actions_t fa;
    int po[2], pe[2], rc, status;
    pid_t pid;

    sbuf_init(&r->out);
    sbuf_init(&r->err);
    r->status = -1;
    if (pipe2(po, O_CLOEXEC) != 0)
        return cc_error_code(err, errno, _("cannot run %s: %s"), argv[0], strerror(errno));
    if (pipe2(pe, O_CLOEXEC) != 0) {
        close(po[0]);
        close(po[1]);
        return cc_error_code(err, errno, _("cannot run %s: %s"), argv[0], strerror(errno));
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in_path ? in_path : "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, po[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
    rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(po[1]);
    close(pe[1]);
    if (rc != 0) {
        close(po[0]);
        close(pe[0]);
        return cc_error_code(err, rc, rc == ENOENT ? _("cannot run %s: it is not installed (no such "
                                                       "program in PATH)")
                                                   : _("cannot run %s: %s"), argv[0], strerror(rc));
    }
    collect(po[0], pe[0], r);
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return cc_error_code(err, errno, _("cannot wait for %s: %s"), argv[0], strerror(errno));
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    /* a program that cannot be executed is reported by the child as 127 */
    if (r->status == 127 && !r->out.len && !r->err.len)
        return cc_error_code(err, ENOENT, _("cannot run %s: it is not installed (no such program "
                                            "in PATH)"), argv[0]);
    return 0;
}

char *run_tmpdir(struct cc_err *err)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/coopcheck-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        cc_error_code(err, errno, _("cannot create a private temporary directory in %s: %s"),
                      tmp && *tmp ? tmp : "/tmp", strerror(errno));
        free(dir);
        return NULL;
    }
    chmod(dir, 0700);
    return dir;
}

void run_tmpdir_remove(char *dir)
{
    DIR *d;
    struct dirent *e;
    if (!dir)
        return;
    if ((d = opendir(dir)) != NULL) {
        while ((e = readdir(d)) != NULL)
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                unlinkat(dirfd(d), e->d_name, 0);
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}

const char *run_editor_command(const char *configured)
{
    const char *e = configured;
    if (!e || !*e)
        e = getenv("VISUAL");
    if (!e || !*e)
        e = getenv("EDITOR");
    if (!e || !*e)
        e = "vi";
    return e;
}

int run_editor_read(const char *path, char **out, struct cc_err *err)
{
    size_t len;
    char *buf;
    *out = NULL;
    if (fs_read_file(path, TEXT_ANSWER_MAX + 2, &buf, &len, err) != 0)
        return -1;
    if (len && buf[len - 1] == '\n')
        buf[--len] = '\0';
    if (utf8_invalid(buf, len) || memchr(buf, '\0', len)) {
        free(buf);
        return cc_error_code(err, EINVAL, _("the edited text is not valid UTF-8; the text was "
                                            "left as it was"));
    }
    *out = buf;
    return 0;
}
