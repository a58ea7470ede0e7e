/* i18n.c — see i18n.h. */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef CC_LOCALEDIR
#define CC_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef CC_BUILD_LOCALEDIR
#define CC_BUILD_LOCALEDIR "build/locale"
#endif

/* glibc's counter of loaded message catalogues: raising it makes gettext look
 * its translations up again after LANGUAGE changed (the GNU gettext manual
 * describes this for programs that switch language while they run). */
extern int _nl_msg_cat_cntr;

enum lang i18n_current_lang = LANG_EN;

static int has_catalog(const char *dir)
{
    struct stat st;
    char path[4096];
    size_t n = strlen(dir);
    if (n + 40 > sizeof(path))
        return 0;
    memcpy(path, dir, n);
    memcpy(path + n, "/de/LC_MESSAGES/coopcheck.mo", sizeof("/de/LC_MESSAGES/coopcheck.mo"));
    return stat(path, &st) == 0;
}

static int bound;

/* Under "C" or "POSIX" messages, glibc ignores LANGUAGE: use C.UTF-8 for the
 * messages alone (character handling stays as the user has it). */
static void messages_translatable(void)
{
    const char *messages = setlocale(LC_MESSAGES, NULL);
    if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
}

static void bind_domain(void)
{
    if (bound)
        return;
    bound = 1;
    bindtextdomain("coopcheck", has_catalog(CC_LOCALEDIR) ? CC_LOCALEDIR : CC_BUILD_LOCALEDIR);
    bind_textdomain_codeset("coopcheck", "UTF-8");
    textdomain("coopcheck");
}

void i18n_init(void)
{
    /* Only the categories the program uses: the characters (widths, the
     * codeset) and the messages.  Numbers, dates and sorting stay "C" — the
     * files and reports write ISO dates and JSON numbers whatever the user's
     * locale — and the other ten categories are not loaded at every start.
     * The client's locale may not exist on the server (SSH): C.UTF-8, which
     * Debian always has, keeps wide characters working. */
    if (!setlocale(LC_CTYPE, ""))
        setlocale(LC_CTYPE, "C.UTF-8");
    setlocale(LC_MESSAGES, "");
    messages_translatable();
    bind_domain();
}

void i18n_set(enum lang l)
{
    /* A program that did not call i18n_init (a unit test, the benchmark)
     * keeps its locale; only the messages are made translatable. */
    if (!bound)
        messages_translatable();
    bind_domain();
    i18n_current_lang = l;
    setenv("LANGUAGE", lang_code(l), 1);
    ++_nl_msg_cat_cntr;
}

enum lang i18n_lang(void)
{
    return i18n_current_lang;
}
