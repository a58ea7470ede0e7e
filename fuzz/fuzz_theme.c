/* fuzz_theme.c — theme_parse, the reader of colour themes (themes/NAME.ini and
 * the user's own).
 *
 * Input: the INI text (up to its first NUL byte, as theme_load refuses NULs).
 * Invariants: -1 comes with a message; every slot's colours are the terminal
 * default or 0..255 and its attributes known bits, also after a refusal (the
 * built-in default then). */
#include "fuzz.h"

#include "theme.h"

#define ALL_ATTRS (THEME_BOLD | THEME_DIM | THEME_UNDERLINE | THEME_REVERSE | THEME_ITALIC)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_str(data, size);
    struct theme t;
    struct cc_err err;
    int rc;

    err.msg[0] = '\0';
    rc = theme_parse(&t, text, "fuzz", &err);
    FZ_CHECK(rc == 0 || (rc == -1 && err.msg[0] != '\0'));
    FZ_CHECK(t.name != NULL);
    for (int i = 0; i < TS_COUNT; i++) {
        const struct theme_style *s = &t.slot[i];
        FZ_CHECK(s->fg >= THEME_DEFAULT_COLOR && s->fg <= 255);
        FZ_CHECK(s->bg >= THEME_DEFAULT_COLOR && s->bg <= 255);
        FZ_CHECK((s->attrs & ~ALL_ATTRS) == 0);
    }
    theme_release(&t);
    free(text);
    return 0;
}
