/* httpd.h — a loopback HTTP server the tests start and stop (httpd.c). */
#ifndef COOPCHECK_TEST_HTTPD_H
#define COOPCHECK_TEST_HTTPD_H

#include <sys/types.h>

struct httpd {
    pid_t pid;
    int port;
};

/* Serves the files of dir on 127.0.0.1 (a free port); 0 or -1. */
int httpd_start(struct httpd *h, const char *dir);
/* Ends the server this test started (and only it). */
void httpd_stop(struct httpd *h);
/* "http://127.0.0.1:PORT/path" (caller frees). */
char *httpd_url(const struct httpd *h, const char *path);

#endif
