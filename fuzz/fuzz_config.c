/* fuzz_config.c — config_load, the reader of the user's config.ini (through
 * iniparser, and keymap_bind for [keys]).
 *
 * config_load takes a path, so every input is written to one private file
 * (mkstemp under $TMPDIR or /tmp), created on the first call and removed at
 * exit.  Invariants: the result is 0 or -1, -1 comes with a message, settings
 * stay in their ranges. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"

#include "config.h"
#include "lang.h"

static char path[4096];

static void remove_file(void)
{
    if (path[0])
        unlink(path);
}

/* Writes data[0..size) to the private file and returns its path. */
static const char *input_file(const uint8_t *data, size_t size)
{
    int fd;
    if (!path[0]) {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || tmp[0] != '/')
            tmp = "/tmp";
        snprintf(path, sizeof(path), "%s/coopcheck-fuzz-config-XXXXXX", tmp);
        fd = mkstemp(path);
        if (fd < 0)
            abort();
        close(fd);
        atexit(remove_file);
    }
    fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0)
        abort();
    for (size_t off = 0; off < size;) {
        ssize_t n = write(fd, data + off, size - off);
        if (n <= 0)
            abort();
        off += (size_t)n;
    }
    if (close(fd) != 0)
        abort();
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = input_file(data, size);
    struct config cfg;
    struct cc_err err;
    int rc;

    config_init(&cfg);
    err.msg[0] = '\0';
    rc = config_load(&cfg, p, &err);
    FZ_CHECK(rc == 0 || rc == -1);
    if (rc != 0)
        FZ_CHECK(err.msg[0] != '\0');
    FZ_CHECK(cfg.lang == -1 || (cfg.lang >= 0 && cfg.lang < LANG_COUNT));
    FZ_CHECK(cfg.interval_months >= 1 && cfg.interval_months <= 120);
    FZ_CHECK(!cfg.data_dir || cfg.data_dir[0] == '/');
    config_release(&cfg);
    return 0;
}
