/* httpd.c — a loopback HTTP server for the tests of `lists fetch` (see
 * httpd.h): a forked child that listens on 127.0.0.1 on a port the kernel
 * picks and serves the files of one directory, one request at a time.
 * "/truncated/NAME" announces NAME's full length but sends half of it and
 * closes (a broken download); any other missing file is a 404. */
#include "httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

static void send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static void serve_one(int fd, const char *dir)
{
    char req[2048], path[4096], head[256], *body;
    ssize_t got = read(fd, req, sizeof(req) - 1);
    size_t len = 0;
    int truncated = 0;
    const char *name;
    if (got <= 0)
        return;
    req[got] = '\0';
    if (strncmp(req, "GET /", 5) != 0)
        return;
    name = req + 5;
    req[5 + strcspn(name, " \r\n")] = '\0';
    if (strncmp(name, "truncated/", 10) == 0) {
        truncated = 1;
        name += 10;
    }
    if (strstr(name, "..") || strchr(name, '/')) {
        send_all(fd, "HTTP/1.0 403 Forbidden\r\nContent-Length: 0\r\n\r\n", 45);
        return;
    }
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    body = tu_read(path, &len);
    if (!body) {
        const char *nf = "HTTP/1.0 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found";
        send_all(fd, nf, strlen(nf));
        return;
    }
    snprintf(head, sizeof(head), "HTTP/1.0 200 OK\r\nContent-Length: %zu\r\n"
             "Content-Type: application/octet-stream\r\n\r\n", len);
    send_all(fd, head, strlen(head));
    send_all(fd, body, truncated ? len / 2 : len);
    free(body);
}

int httpd_start(struct httpd *h, const char *dir)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = 0;
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 8) != 0
        || getsockname(fd, (struct sockaddr *)&sa, &sl) != 0) {
        close(fd);
        return -1;
    }
    h->port = ntohs(sa.sin_port);
    h->pid = fork();
    if (h->pid < 0) {
        close(fd);
        return -1;
    }
    if (h->pid == 0) {
        /* never outlive the test, nor hold its output open */
        int null = open("/dev/null", O_RDWR);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
            close(null);
        }
        for (;;) {
            int c = accept(fd, NULL, NULL);
            if (c < 0) {
                if (errno == EINTR)
                    continue;
                _exit(1);
            }
            serve_one(c, dir);
            shutdown(c, SHUT_RDWR);
            close(c);
        }
    }
    close(fd);
    return 0;
}

void httpd_stop(struct httpd *h)
{
    if (h->pid > 0) {
        kill(h->pid, SIGTERM);
        waitpid(h->pid, NULL, 0);
    }
    h->pid = 0;
}

char *httpd_url(const struct httpd *h, const char *path)
{
    size_t n = strlen(path) + 64;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "http://127.0.0.1:%d/%s", h->port, path);
    return s;
}
