/* lang.c — see lang.h. */
#include "lang.h"

#include <stdlib.h>
#include <string.h>

int lang_parse(const char *s)
{
    if (!s)
        return -1;
    if (strncmp(s, "de", 2) == 0 && (s[2] == '\0' || strchr("_-.:", s[2])))
        return LANG_DE;
    if (strncmp(s, "en", 2) == 0 && (s[2] == '\0' || strchr("_-.:", s[2])))
        return LANG_EN;
    return -1;
}

const char *lang_code(enum lang l)
{
    return l == LANG_DE ? "de" : "en";
}

enum lang lang_from_env(void)
{
    static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return lang_parse(v) == LANG_DE ? LANG_DE : LANG_EN;
    }
    return LANG_EN;
}
