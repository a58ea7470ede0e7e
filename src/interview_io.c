/* interview_io.c — the line mode's input and output: lines read with
 * read(2) (a signal interrupts the wait; input may be a pipe), text typed
 * over several lines or in $EDITOR, output sanitised and written at each
 * prompt, the help through the user's pager.  See interview_int.h. */
#include "interview_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fsio.h"
#include "help.h"
#include "i18n.h"
#include "run.h"
#include "textutil.h"

long iv_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- output ---- */

void iv_say(struct iv *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    text_sanitize_vf(&v->out, TEXT_ALLOW_NEWLINE, fmt, ap);
    va_end(ap);
}

void iv_say_text(struct iv *v, const char *text)
{
    text_sanitize(&v->out, text ? text : "", TEXT_ALLOW_NEWLINE);
    sbuf_addc(&v->out, '\n');
}

void iv_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    text_error_v(fmt, ap);
    va_end(ap);
}

void iv_flush(struct iv *v)
{
    size_t off = 0;
    while (off < v->out.len && !v->out_failed) {
        ssize_t n = write(v->o->out_fd, v->out.buf + off, v->out.len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            v->out_failed = 1;   /* the reader is gone: the input decides what happens */
        else
            off += (size_t)n;
    }
    sbuf_reset(&v->out);
}

void iv_prompt(struct iv *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    text_sanitize_vf(&v->out, 0, fmt, ap);
    va_end(ap);
    sbuf_adds(&v->out, " > ");
    v->prompted = 1;
    iv_flush(v);
}

/* ---- input ---- */

/* More input into ibuf: 1, 0 at the end, -1 for a signal. */
static int fill(struct iv *v)
{
    ssize_t n;
    if (v->ipos > 0) {
        memmove(v->ibuf, v->ibuf + v->ipos, v->ilen - v->ipos);
        v->ilen -= v->ipos;
        v->ipos = 0;
    }
    for (;;) {
        if (iv_signal)
            return -1;
        if (v->ilen == sizeof(v->ibuf))
            return 1;   /* a line longer than the buffer: taken in pieces by the caller */
        n = read(v->o->in_fd, v->ibuf + v->ilen, sizeof(v->ibuf) - v->ilen);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            v->ieof = 1;
            return 0;
        }
        v->ilen += (size_t)n;
        return 1;
    }
}

/* One raw line: IV_LINE with *line, IV_EOF (a last line without newline is
 * still a line), IV_SIGNAL. */
/* The bytes of ibuf from ipos, n of them, added to sb unless the line is
 * longer than any field holds (then *over: the rest is read and dropped). */
static void take(struct iv *v, struct sbuf *sb, size_t n, int *over)
{
    if (sb->len + n > TEXT_ANSWER_MAX)
        *over = 1;
    if (!*over)
        sbuf_add(sb, v->ibuf + v->ipos, n);
}

static enum iv_read raw_line(struct iv *v, char **line, size_t *len, int *over)
{
    struct sbuf sb;
    sbuf_init(&sb);
    *line = NULL;
    *over = 0;
    for (;;) {
        char *nl = memchr(v->ibuf + v->ipos, '\n', v->ilen - v->ipos);
        if (nl) {
            size_t n = (size_t)(nl - (v->ibuf + v->ipos));
            take(v, &sb, n, over);
            v->ipos += n + 1;
            break;
        }
        take(v, &sb, v->ilen - v->ipos, over);
        v->ipos = v->ilen;
        if (v->ieof) {
            if (sb.len == 0) {
                sbuf_release(&sb);
                return IV_EOF;
            }
            break;
        }
        if (fill(v) < 0) {
            sbuf_release(&sb);
            return IV_SIGNAL;
        }
    }
    if (sb.len && sb.buf[sb.len - 1] == '\r')
        sb.buf[--sb.len] = '\0';
    if (!sb.buf)
        sbuf_adds(&sb, "");
    v->line_no++;
    *line = sbuf_detach(&sb, len);
    return IV_LINE;
}

enum iv_read iv_read_line(struct iv *v, char **line)
{
    for (;;) {
        size_t len = 0;
        int over;
        enum iv_read r = raw_line(v, line, &len, &over);
        const char *bad;
        if (r != IV_LINE)
            return r;
        if (!v->in_tty && v->prompted)
            sbuf_addc(&v->out, '\n');   /* no echo ended the prompt's line: a transcript reads on */
        v->prompted = 0;
        if (over) {
            iv_say(v, _("Line %ld of the input is longer than %u bytes, the most a field holds; "
                        "it was ignored.\n"), v->line_no, TEXT_ANSWER_MAX);
            iv_flush(v);
            free(*line);
            *line = NULL;
            continue;
        }
        bad = memchr(*line, '\0', len);
        if (!bad)
            bad = utf8_invalid(*line, len);
        if (!bad)
            return IV_LINE;
        iv_say(v, _("Line %ld of the input is not valid UTF-8 text (byte %zu); it was ignored. "
                    "Type it again.\n"), v->line_no, (size_t)(bad - *line) + 1);
        iv_flush(v);
        free(*line);
        *line = NULL;
    }
}

enum iv_read iv_read_text(struct iv *v, size_t qi, size_t fi, char **text)
{
    struct sbuf sb;
    char *line;
    int first = 1, too_long = 0;
    enum iv_read r;
    sbuf_init(&sb);
    *text = NULL;
    v->journaled_ms = iv_now_ms();
    while ((r = iv_read_line(v, &line)) == IV_LINE) {
        const char *l = strcmp(line, "..") == 0 ? "." : line;
        if (strcmp(line, ".") == 0) {
            free(line);
            if (too_long) {
                iv_say(v, _("The text is longer than %u bytes, the most a field holds; it was not "
                            "taken. Type a shorter one.\n"), TEXT_ANSWER_MAX);
                sbuf_release(&sb);
                return IV_LINE;
            }
            sbuf_adds(&sb, "");
            *text = sbuf_detach(&sb, NULL);
            return IV_LINE;
        }
        if (!too_long) {
            if (!first)
                sbuf_addc(&sb, '\n');
            sbuf_adds(&sb, l);
            first = 0;
            too_long = sb.len > TEXT_ANSWER_MAX;
            if (!too_long && iv_now_ms() - v->journaled_ms >= 1000) {
                iv_journal(v, qi, fi, sb.buf);
                v->journaled_ms = iv_now_ms();
            }
        }
        free(line);
    }
    if (sb.len && !too_long) {
        free(v->typing);
        v->typing = xstrdup(sb.buf);
        v->typing_q = qi;
        v->typing_f = fi;
        iv_journal(v, qi, fi, sb.buf);
        *text = sbuf_detach(&sb, NULL);
    }
    sbuf_release(&sb);
    return r;
}

/* ---- $EDITOR ---- */

static const char *editor_command(const struct iv *v)
{
    return run_editor_command(v->o->editor);
}

static int read_edited(struct iv *v, const char *path, char **out)
{
    struct cc_err err;
    if (run_editor_read(path, out, &err) != 0) {
        iv_say(v, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

int iv_external_edit(struct iv *v, const char *text, char **out)
{
    const char *tmp = getenv("TMPDIR");
    char *dir, *path, *with_nl;
    struct cc_err err;
    pid_t pid;
    int status = 0, rc = 1;

    *out = NULL;
    dir = xasprintf("%s/coopcheck-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        iv_say(v, _("Cannot create a private temporary directory for the editor: %s\n"),
               strerror(errno));
        free(dir);
        return 1;
    }
    chmod(dir, 0700);
    path = xasprintf("%s/answer.txt", dir);
    with_nl = xasprintf("%s%s", text ? text : "", text && *text ? "\n" : "");
    if (fs_write_new(path, with_nl, strlen(with_nl), &err) != 0) {
        iv_say(v, "%s\n", err.msg);
        goto out;
    }
    iv_say(v, _("Opening the editor (%s); save the file and leave the editor to go on.\n"),
           editor_command(v));
    iv_flush(v);
    setenv("COOPCHECK_EDITOR", editor_command(v), 1);
    pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        execl("/bin/sh", "sh", "-c", "exec $COOPCHECK_EDITOR \"$1\"", "sh", path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    if (iv_signal) {
        rc = read_edited(v, path, out) == 0 ? -1 : 1;
        goto out;
    }
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        iv_say(v, _("The editor (%s) did not finish normally (status %d); the answer was left as "
                    "it was.\n"), editor_command(v), pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        goto out;
    }
    if (read_edited(v, path, out) == 0)
        rc = 0;
out:
    unlink(path);
    rmdir(dir);
    free(with_nl);
    free(path);
    free(dir);
    return rc;
}

/* ---- help ---- */

void iv_show_help(struct iv *v, size_t qi)
{
    const struct catalog *cat = v->a->cat;
    const char *pager = getenv("PAGER");
    struct sbuf text;
    sbuf_init(&text);
    help_render_text(&text, cat, &cat->questions[qi], v->o->lang, v->o->width, 2);
    if (pager && *pager && isatty(v->o->out_fd) && isatty(v->o->in_fd)) {
        /* the user's pager reads the text from a pipe */
        FILE *p;
        iv_flush(v);
        setenv("COOPCHECK_PAGER", pager, 1);
        p = popen("exec $COOPCHECK_PAGER", "w");
        if (p) {
            fwrite(text.buf, 1, text.len, p);
            if (pclose(p) != -1) {
                sbuf_release(&text);
                return;
            }
        }
    }
    sbuf_add(&v->out, text.buf, text.len);   /* help_render_text sanitised it */
    if (text.len && text.buf[text.len - 1] != '\n')
        sbuf_addc(&v->out, '\n');
    iv_say(v, "%s\n", _("End of the help."));
    sbuf_release(&text);
}
