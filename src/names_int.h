/* names_int.h — what names.c (normalisation) and names_match.c (scores and
 * keys) share.  Not part of the interface. */
#ifndef COOPCHECK_NAMES_INT_H
#define COOPCHECK_NAMES_INT_H

#include <stddef.h>

#include "names.h"

/* Token weights (struct name_token.weight).  A stop word ("of", "und")
 * counts nothing; a weak word ("china", "national", "pla") a little; a word
 * that says what kind of institution it is ("university", "institute")
 * more; every other word fully.  Corporate words ("corporation", "group")
 * are weak: "China Electronics Technology Group Co., Ltd." is CETC. */
#define NW_STOP 0.0
#define NW_WEAK 0.1
#define NW_TYPE 0.6
#define NW_SIG 1.0

static inline int nw_is_stop(double w) { return w < NW_WEAK / 2; }
static inline int nw_is_type(double w) { return w > (NW_WEAK + NW_TYPE) / 2 && w < (NW_TYPE + NW_SIG) / 2; }
static inline int nw_is_sig(double w) { return w >= (NW_TYPE + NW_SIG) / 2; }

/* An abbreviation the name wrote with a full stop and that no list expands
 * ("Aero.", "Telecommun."): the token keeps the stop, and matches any
 * longer word it begins ("aeronautics").  Bases of 4 to 12 letters. */
#define NAME_ABBR_MIN 4
#define NAME_ABBR_MAX 12

/* 1 when a Latin token names a part of an institution ("school",
 * "department", "laboratory", "campus", ...): what a sub-institute's name
 * adds to its parent's. */
int names_unit_word(const char *tok);

/* For CJK forms: 1 when s (UTF-8) ends with a word for a kind of
 * institution (大学, 研究院, 公司, ...) / for a part of one (学院, 系,
 * 实验室, ...). */
int names_cjk_type_end(const char *s, size_t len);
int names_cjk_unit_end(const char *s, size_t len);

/* The length of a token without an abbreviation's full stop. */
static inline size_t names_base_len(const char *s, size_t len)
{
    return len && s[len - 1] == '.' ? len - 1 : len;
}

#endif
