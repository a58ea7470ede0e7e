/* tui.c — the full-screen interface.  Placeholder until the interface issue:
 * it says what to use instead, so that `make run` does something useful. */
#include "tui.h"

#include <stdio.h>

int tui_run(struct cli_env *env)
{
    (void)env;
    fputs("coopcheck: the full-screen interface is not built yet.\n"
          "Use the commands instead: 'coopcheck --help' lists them, e.g.\n"
          "  coopcheck new my-coop --title \"...\"\n"
          "  coopcheck help 1\n"
          "  coopcheck set my-coop 1 focus \"...\"\n"
          "  coopcheck show my-coop\n", stderr);
    return 0;
}
