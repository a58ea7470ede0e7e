/* main.c — entry point: locale, then the command line. */
#include <signal.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "tui.h"

int main(int argc, char **argv)
{
    /* A file-size limit (ulimit -f) must become a clear error from write(),
     * EFBIG, not a silent death in the middle of a save. */
    signal(SIGXFSZ, SIG_IGN);
    i18n_init();
    return cli_main(argc, argv, tui_run);
}
