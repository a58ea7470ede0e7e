/* paths.c — see paths.h. */
#include "paths.h"

#include <stdlib.h>

#include "util.h"

char *xdg_path(enum xdg_base base, const char *sub)
{
    static const struct {
        const char *var, *fallback;
    } bases[] = {
        [XDG_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
        [XDG_DATA] = { "XDG_DATA_HOME", ".local/share" },
        [XDG_STATE] = { "XDG_STATE_HOME", ".local/state" },
    };
    const char *dir = getenv(bases[base].var), *home = getenv("HOME");
    const char *slash = sub && *sub ? "/" : "";
    if (!sub)
        sub = "";
    if (dir && dir[0] == '/')
        return xasprintf("%s/coopcheck%s%s", dir, slash, sub);
    if (home && *home)
        return xasprintf("%s/%s/coopcheck%s%s", home, bases[base].fallback, slash, sub);
    return NULL;
}
