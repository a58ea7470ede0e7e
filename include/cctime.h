/* cctime.h — the clock, dates and the current user.
 *
 * The clock can be fixed for tests and reproducible output with the
 * environment variable COOPCHECK_NOW (seconds since the epoch, or
 * "YYYY-MM-DDTHH:MM:SSZ"). */
#ifndef COOPCHECK_CCTIME_H
#define COOPCHECK_CCTIME_H

#include <time.h>

#define CC_ISO_LEN 21  /* "2026-11-27T03:45:21Z" plus NUL */

time_t cc_time(void);
/* "2026-11-27T03:45:21Z" */
void cc_iso_utc(time_t t, char out[CC_ISO_LEN]);
/* The current time in that form. */
void cc_now(char out[CC_ISO_LEN]);
/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ"; -1 when malformed or impossible. */
int cc_parse_iso_utc(const char *s, time_t *out);
/* Parses exactly "YYYY-MM-DD" (a real calendar date); -1 otherwise. */
int cc_parse_date(const char *s, int *year, int *month, int *day);
/* The date months after the given one (day clamped to the month's end). */
void cc_add_months(int *year, int *month, int *day, int months);
/* Login name of the current user (from the password database, else $USER,
 * else "uid N"); caller frees. */
char *cc_user(void);
/* Host name; caller frees. */
char *cc_host(void);

#endif
