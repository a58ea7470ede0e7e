/* main.c — entry point: locale, then the command line. */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>

#include "cli.h"
#include "tui.h"

int main(int argc, char **argv)
{
    /* A file-size limit (ulimit -f) must become a clear error from write(),
     * EFBIG, not a silent death in the middle of a save. */
    signal(SIGXFSZ, SIG_IGN);
    /* The client's locale may not exist on the server (SSH): fall back to
     * C.UTF-8 so that wide characters still work. */
    if (!setlocale(LC_ALL, ""))
        setlocale(LC_ALL, "C.UTF-8");
    return cli_main(argc, argv, tui_run);
}
