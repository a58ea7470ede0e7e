/* replay.c — runs a fuzz target without libFuzzer: main() calls
 * LLVMFuzzerTestOneInput on every file named on the command line (a
 * directory: on every file in it, in name order).  `make fuzz-replay` links
 * it with each target as $(BUILD)/fuzz/replay_NAME, e.g. to reproduce a crash
 * file under gdb or valgrind:
 *     build/fuzz/replay_afile crash-0123...
 * Prints one line per file and exits 0 when all ran (a crash ends it). */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct sbuf sb;
    char buf[65536];
    size_t n;

    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    sbuf_init(&sb);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        sbuf_add(&sb, buf, n);
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        fclose(f);
        sbuf_release(&sb);
        return -1;
    }
    fclose(f);
    /* an exact-size copy, so that AddressSanitizer sees reads past the end */
    {
        uint8_t *data = xmalloc(sb.len ? sb.len : 1);
        memcpy(data, sb.buf, sb.len);
        LLVMFuzzerTestOneInput(data, sb.len);
        free(data);
    }
    printf("ok   %s (%zu bytes)\n", path, sb.len);
    fflush(stdout);
    sbuf_release(&sb);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;

    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = xrealloc(names, (n + 1) * sizeof(*names));
        names[n++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (run_file(names[i]) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (run_dir(argv[i]) != 0)
                rc = 1;
        } else if (run_file(argv[i]) != 0) {
            rc = 1;
        }
        files++;
    }
    if (!files) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    return rc;
}
