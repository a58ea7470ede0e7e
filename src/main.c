/* main.c — entry point: locale, then the command line. */
#include <signal.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli.h"
#include "i18n.h"
#include "tui.h"

int main(int argc, char **argv)
{
    /* A file-size limit (ulimit -f) must become a clear error from write(),
     * EFBIG, not a silent death in the middle of a save. */
    signal(SIGXFSZ, SIG_IGN);
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
    /* Large blocks (a file's text, answers of up to 256 KiB) in mappings of
     * their own, returned when freed.  glibc otherwise raises the threshold
     * to the largest block freed so far (the catalogue's text, first), and
     * the blocks of a loaded document then stay in the heap after it is
     * freed: 7 MiB of answers held 24 MB instead of 17. */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    i18n_init();
    return cli_main(argc, argv, tui_run);
}
