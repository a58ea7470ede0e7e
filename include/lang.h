/* lang.h — the interface languages. */
#ifndef COOPCHECK_LANG_H
#define COOPCHECK_LANG_H

enum lang { LANG_DE = 0, LANG_EN = 1, LANG_COUNT = 2 };

/* "de" or "en" (also "de_DE.UTF-8"-style prefixes and "de:en" lists); -1
 * when unknown. */
int lang_parse(const char *s);
const char *lang_code(enum lang l);
/* From LANGUAGE (its first entry), LC_ALL, LC_MESSAGES, LANG (the first
 * set): German for "de*", else English. */
enum lang lang_from_env(void);

#endif
