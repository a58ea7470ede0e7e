/* tui.h — the full-screen interface (the only curses user). */
#ifndef COOPCHECK_TUI_H
#define COOPCHECK_TUI_H

#include "cli.h"

int tui_run(struct cli_env *env);

#endif
