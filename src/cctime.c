/* cctime.c — see cctime.h. */
#include "cctime.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

time_t cc_time(void)
{
    const char *fixed = getenv("COOPCHECK_NOW");
    if (fixed && *fixed) {
        time_t t;
        char *end;
        long long v;
        if (cc_parse_iso_utc(fixed, &t) == 0)
            return t;
        errno = 0;
        v = strtoll(fixed, &end, 10);
        if (!*end && !errno && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

void cc_iso_utc(time_t t, char out[CC_ISO_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, CC_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void cc_now(char out[CC_ISO_LEN])
{
    cc_iso_utc(cc_time(), out);
}

static int days_in_month(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int cc_parse_date(const char *s, int *year, int *month, int *day)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
        digits(s + 8, 2, &d))
        return -1;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    *year = y;
    *month = m;
    *day = d;
    return 0;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long long days_from_civil(int y, int m, int d)
{
    long long yy = y - (m <= 2);
    long long era = (yy >= 0 ? yy : yy - 399) / 400;
    long long yoe = yy - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int cc_parse_iso_utc(const char *s, time_t *out)
{
    int y, mo, d, h, mi, se;
    char date[11];
    if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return -1;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (cc_parse_date(date, &y, &mo, &d) || digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) ||
        digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 60)
        return -1;
    *out = (time_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se);
    return 0;
}

void cc_add_months(int *year, int *month, int *day, int months)
{
    int total = *year * 12 + (*month - 1) + months;
    *year = total / 12;
    *month = total % 12 + 1;
    if (*day > days_in_month(*year, *month))
        *day = days_in_month(*year, *month);
}

/* The name is looked up once per process: each getpwuid() asks nscd and
 * reads nsswitch.conf and the passwd file again (three times before the
 * interface's first frame), and the answer does not change meanwhile. */
static pthread_once_t user_once = PTHREAD_ONCE_INIT;
static char *user_name;

static void user_lookup(void)
{
    struct passwd *pw = getpwuid(geteuid());
    const char *u;
    if (pw && pw->pw_name && *pw->pw_name)
        user_name = xstrdup(pw->pw_name);
    else if ((u = getenv("USER")) && *u)
        user_name = xstrdup(u);
    else
        user_name = xasprintf("uid %ld", (long)geteuid());
}

char *cc_user(void)
{
    pthread_once(&user_once, user_lookup);
    return xstrdup(user_name);
}

char *cc_host(void)
{
    char buf[256];
    if (gethostname(buf, sizeof(buf)) != 0)
        return xstrdup("unknown host");
    buf[sizeof(buf) - 1] = '\0';
    return xstrdup(buf);
}
