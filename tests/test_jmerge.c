/* test_jmerge.c — the three-way merge of assessment files (jmerge.h): each
 * rule on small trees written as JSON text, the exact result compared as
 * unformatted JSON (so the key and element order is checked too), then
 * jmerge_lookup, jmerge_set and jmerge_prune, odd shapes, and a real file. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jmerge.h"

#define NOW "2026-12-02T10:00:00Z"

/* JSON text written with ' for " (so that the literals stay readable),
 * parsed; fails the test when it is not JSON. */
static cJSON *J(const char *text)
{
    char *s = strdup(text);
    cJSON *v;
    assert_non_null(s);
    for (char *p = s; *p; p++)
        if (*p == '\'')
            *p = '"';
    v = cJSON_Parse(s);
    free(s);
    assert_non_null(v);
    return v;
}

/* Fails unless v, printed unformatted, is want (written as for J). */
static void assert_json(const cJSON *v, const char *want)
{
    cJSON *w = J(want);
    char *got = cJSON_PrintUnformatted(v), *exp = cJSON_PrintUnformatted(w);
    assert_non_null(got);
    assert_string_equal(got, exp);
    cJSON_free(got);
    cJSON_free(exp);
    cJSON_Delete(w);
}

/* Merges the three texts (base NULL: none); fails unless it succeeds with
 * the result want and nconf new conflicts. */
static void check_merge(const char *base, const char *ours, const char *theirs, const char *want,
                        size_t nconf)
{
    cJSON *b = base ? J(base) : NULL, *o = J(ours), *t = J(theirs), *out = NULL;
    size_t n = 99;
    struct cc_err err = { 0, "" };
    assert_int_equal(jmerge_assessment(b, o, t, NOW, &out, &n, &err), 0);
    assert_non_null(out);
    assert_json(out, want);
    assert_int_equal(n, nconf);
    cJSON_Delete(out);
    cJSON_Delete(b);
    cJSON_Delete(o);
    cJSON_Delete(t);
}

/* ---- Rule 1: key by key ----------------------------------------------- */

static void test_different_fields_both_land(void **state)
{
    (void)state;
    check_merge("{'answers':{'q01':{'fields':{'a':'x','b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'X','b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'x','b':'Y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'X','b':'Y'}}}}", 0);
}

static void test_same_field_conflict(void **state)
{
    (void)state;
    check_merge("{'answers':{'q01':{'fields':{'a':'x','b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'o','b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'t','b':'Y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'o','b':'Y'}}},"
                "'conflicts':[{'path':['answers','q01','fields','a'],'at':'" NOW "',"
                "'base':'x','ours':'o','theirs':'t'}]}", 1);
}

static void test_same_change_no_conflict(void **state)
{
    (void)state;
    check_merge("{'answers':{'q01':{'fields':{'a':'x'},'review':false}}}",
                "{'answers':{'q01':{'fields':{'a':'z'},'review':true}}}",
                "{'answers':{'q01':{'fields':{'a':'z'},'review':true}}}",
                "{'answers':{'q01':{'fields':{'a':'z'},'review':true}}}", 0);
}

static void test_deletion_vs_unchanged(void **state)
{
    (void)state;
    /* ours drops a field, theirs a whole answer; neither touched the other */
    check_merge("{'answers':{'q01':{'fields':{'a':'x','b':'y'}},'q02':{'fields':{}}}}",
                "{'answers':{'q01':{'fields':{'a':'x'}},'q02':{'fields':{}}}}",
                "{'answers':{'q01':{'fields':{'a':'x','b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'x'}}}}", 0);
}

static void test_deletion_vs_change(void **state)
{
    (void)state;
    /* ours deleted, theirs changed: stays deleted, the conflict has no "ours" */
    check_merge("{'answers':{'q01':{'fields':{'a':'x','b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'a':'t','b':'y'}}}}",
                "{'answers':{'q01':{'fields':{'b':'y'}}},"
                "'conflicts':[{'path':['answers','q01','fields','a'],'at':'" NOW "',"
                "'base':'x','theirs':'t'}]}", 1);
    /* theirs deleted, ours changed: ours stays, the conflict has no "theirs" */
    check_merge("{'answers':{'q01':{'fields':{'a':'x'}}}}",
                "{'answers':{'q01':{'fields':{'a':'o'}}}}",
                "{'answers':{}}",
                "{'answers':{'q01':{'fields':{'a':'o'}}},"
                "'conflicts':[{'path':['answers','q01'],'at':'" NOW "',"
                "'base':{'fields':{'a':'x'}},'ours':{'fields':{'a':'o'}}}]}", 1);
    /* null is a value, not an absence */
    check_merge("{'a':1}", "{'a':null}", "{'a':2}",
                "{'a':null,'conflicts':[{'path':['a'],'at':'" NOW "','base':1,'ours':null,"
                "'theirs':2}]}", 1);
}

static void test_key_order(void **state)
{
    (void)state;
    check_merge("{'a':1,'c':3}", "{'c':3,'a':1,'e':5}", "{'b':2,'a':1,'c':3,'d':4}",
                "{'c':3,'a':1,'e':5,'b':2,'d':4}", 0);
}

/* ---- Rule 2: atomic units --------------------------------------------- */

/* tmpl with its "@" replaced by val.  Caller frees. */
static char *subst(const char *tmpl, const char *val)
{
    const char *at = strchr(tmpl, '@');
    assert_non_null(at);
    return xasprintf("%.*s%s%s", (int)(at - tmpl), tmpl, val, at + 1);
}

static void test_atomic_units(void **state)
{
    static const char *const units[][2] = {
        { "{'answers':{'q01':{'fields':{'f':@}}}}", "['answers','q01','fields','f']" },
        { "{'answers':{'q01':{'risk':@}}}", "['answers','q01','risk']" },
        { "{'risk':@}", "['risk']" },
        { "{'decision':@}", "['decision']" },
        { "{'catalog':@}", "['catalog']" },
        { "{'cooperation':{'partners':@}}", "['cooperation','partners']" },
    };
    (void)state;
    for (size_t i = 0; i < CC_ARRAY_LEN(units); i++) {
        int arr = strstr(units[i][0], "partners") != NULL;
        /* recursing would give {'v':'no','by':'bo'} (['A2','B2']) without a conflict */
        const char *b = arr ? "['A','B']" : "{'v':'yes','by':'al'}";
        const char *o = arr ? "['A2','B']" : "{'v':'no','by':'al'}";
        const char *t = arr ? "['A','B2']" : "{'v':'yes','by':'bo'}";
        char *bt = subst(units[i][0], b), *ot = subst(units[i][0], o), *tt = subst(units[i][0], t);
        char *want = xasprintf("%.*s,'conflicts':[{'path':%s,'at':'" NOW "','base':%s,"
                               "'ours':%s,'theirs':%s}]}",
                               (int)strlen(ot) - 1, ot, units[i][1], b, o, t);
        check_merge(bt, ot, tt, want, 1);
        free(bt);
        free(ot);
        free(tt);
        free(want);
    }
}

/* ---- Rule 3: keyed arrays --------------------------------------------- */

static void test_measures_both_new_m3(void **state)
{
    (void)state;
    check_merge("{'measures':[{'id':'M1','what':'a'},{'id':'M2','what':'b'}]}",
                "{'measures':[{'id':'M1','what':'a'},{'id':'M2','what':'b'},{'id':'M3','what':'o'}]}",
                "{'measures':[{'id':'M1','what':'a'},{'id':'M2','what':'b'},{'id':'M3','what':'t'}]}",
                "{'measures':[{'id':'M1','what':'a'},{'id':'M2','what':'b'},{'id':'M3','what':'o'},"
                "{'id':'M4','what':'t'}]}", 0);
    /* theirs' M3 gets an id no element of the result has: not M4, theirs' own */
    check_merge("{'measures':[{'id':'M1'},{'id':'M2'}]}",
                "{'measures':[{'id':'M1'},{'id':'M2'},{'id':'M3','what':'o'}]}",
                "{'measures':[{'id':'M1'},{'id':'M2'},{'id':'M3','what':'t'},{'id':'M4','what':'u'}]}",
                "{'measures':[{'id':'M1'},{'id':'M2'},{'id':'M3','what':'o'},"
                "{'id':'M5','what':'t'},{'id':'M4','what':'u'}]}", 0);
    /* one more than the highest, never an id deleted on both sides (ids are never reused) */
    check_merge("{'measures':[{'id':'M1'},{'id':'M2'}]}",
                "{'measures':[{'id':'M1'},{'id':'M3','what':'o'}]}",
                "{'measures':[{'id':'M1'},{'id':'M3','what':'t'}]}",
                "{'measures':[{'id':'M1'},{'id':'M3','what':'o'},{'id':'M4','what':'t'}]}", 0);
    check_merge("{'measures':[{'id':'M1'}]}", "{'measures':[{'id':'M2','what':'o'}]}",
                "{'measures':[{'id':'M2','what':'t'}]}",
                "{'measures':[{'id':'M2','what':'o'},{'id':'M3','what':'t'}]}", 0);
    /* the same new measure on both sides is one */
    check_merge("{'measures':[]}", "{'measures':[{'id':'M1','what':'s'}]}",
                "{'measures':[{'id':'M1','what':'s'}]}", "{'measures':[{'id':'M1','what':'s'}]}", 0);
}

/* Theirs' decision names theirs' measure by the id it was given. */
static void test_measures_renumbered_in_decision(void **state)
{
    (void)state;
    check_merge("{'measures':[],'decision':null}",
                "{'measures':[{'id':'M1','what':'o'}],'decision':null}",
                "{'measures':[{'id':'M1','what':'t'}],'decision':{'outcome':'proceed_with_conditions',"
                "'conditions':['M1'],'by':'b','at':'T'}}",
                "{'measures':[{'id':'M1','what':'o'},{'id':'M2','what':'t'}],"
                "'decision':{'outcome':'proceed_with_conditions','conditions':['M2'],'by':'b','at':'T'}}",
                0);
    /* ours' decision keeps naming ours' measure */
    check_merge("{'measures':[],'decision':null}",
                "{'measures':[{'id':'M1','what':'o'}],'decision':{'outcome':'proceed_with_conditions',"
                "'conditions':['M1'],'by':'a','at':'T'}}",
                "{'measures':[{'id':'M1','what':'t'}],'decision':null}",
                "{'measures':[{'id':'M1','what':'o'},{'id':'M2','what':'t'}],"
                "'decision':{'outcome':'proceed_with_conditions','conditions':['M1'],'by':'a','at':'T'}}",
                0);
}

static void test_measures_each_side_one(void **state)
{
    (void)state;
    check_merge("{'measures':[{'id':'M1','owner':null,'status':'planned'},"
                "{'id':'M2','owner':null,'status':'planned'},{'id':'M3'}]}",
                "{'measures':[{'id':'M1','owner':'IT','status':'planned'},"
                "{'id':'M2','owner':null,'status':'planned'}]}",
                "{'measures':[{'id':'M1','owner':null,'status':'planned'},"
                "{'id':'M2','owner':null,'status':'in_place'},{'id':'M3'}]}",
                "{'measures':[{'id':'M1','owner':'IT','status':'planned'},"
                "{'id':'M2','owner':null,'status':'in_place'}]}", 0);
    /* one measure is a unit: different fields of it on both sides conflict */
    check_merge("{'measures':[{'id':'M1','owner':null,'status':'planned'}]}",
                "{'measures':[{'id':'M1','owner':'IT','status':'planned'}]}",
                "{'measures':[{'id':'M1','owner':null,'status':'done'}]}",
                "{'measures':[{'id':'M1','owner':'IT','status':'planned'}],"
                "'conflicts':[{'path':['measures','M1'],'at':'" NOW "',"
                "'base':{'id':'M1','owner':null,'status':'planned'},"
                "'ours':{'id':'M1','owner':'IT','status':'planned'},"
                "'theirs':{'id':'M1','owner':null,'status':'done'}}]}", 1);
}

#define HIT1 "{'partner':'HIT','list':'own','entry':'row 2','state':'new'"
#define HIT2 "{'partner':'HIT','list':'aspi','entry':'7','state':'new'"
#define SCR(h1, h2) "{'screenings':[{'at':'T','by':'root','threshold':85,'hits':[" h1 "," h2 "]}]}"

static void test_screening_hits(void **state)
{
    (void)state;
    check_merge(SCR(HIT1 "}", HIT2 "}"),
                SCR(HIT1 ",'decision':{'verdict':'same'}}", HIT2 "}"),
                SCR(HIT1 "}", HIT2 ",'decision':{'verdict':'different'}}"),
                SCR(HIT1 ",'decision':{'verdict':'same'}}",
                    HIT2 ",'decision':{'verdict':'different'}}"), 0);
    /* one hit decided differently: a conflict at its decision */
    check_merge(SCR(HIT1 "}", HIT2 "}"),
                SCR(HIT1 ",'decision':{'verdict':'same','by':'al'}}", HIT2 "}"),
                SCR(HIT1 ",'decision':{'verdict':'same','by':'bo'}}", HIT2 "}"),
                "{'screenings':[{'at':'T','by':'root','threshold':85,'hits':["
                HIT1 ",'decision':{'verdict':'same','by':'al'}}," HIT2 "}]}],"
                "'conflicts':[{'path':['screenings','[\\'T\\',\\'root\\']','hits',"
                "'[\\'HIT\\',\\'own\\',\\'row 2\\']','decision'],'at':'" NOW "',"
                "'ours':{'verdict':'same','by':'al'},'theirs':{'verdict':'same','by':'bo'}}]}", 1);
}

static void test_screenings_added_both(void **state)
{
    (void)state;
    /* a screening each, in ours' order then theirs' */
    check_merge("{'screenings':[{'at':'T1','by':'al','hits':[]}]}",
                "{'screenings':[{'at':'T1','by':'al','hits':[]},{'at':'T2','by':'al','hits':[]}]}",
                "{'screenings':[{'at':'T1','by':'al','hits':[]},{'at':'T2','by':'bo','hits':[]}]}",
                "{'screenings':[{'at':'T1','by':'al','hits':[]},{'at':'T2','by':'al','hits':[]},"
                "{'at':'T2','by':'bo','hits':[]}]}", 0);
}

static void test_approvals_both(void **state)
{
    (void)state;
    check_merge("{'approvals':[{'snapshot':'S','role':'PI','name':'Al','at':'T1'}]}",
                "{'approvals':[{'snapshot':'S','role':'PI','name':'Al','at':'T1'},"
                "{'snapshot':'S','role':'ECO','name':'Bo','at':'T2'}]}",
                "{'approvals':[{'snapshot':'S','role':'PI','name':'Al','at':'T1'},"
                "{'snapshot':'S','role':'Dean','name':'Cy','at':'T3'}]}",
                "{'approvals':[{'snapshot':'S','role':'PI','name':'Al','at':'T1'},"
                "{'snapshot':'S','role':'ECO','name':'Bo','at':'T2'},"
                "{'snapshot':'S','role':'Dean','name':'Cy','at':'T3'}]}", 0);
}

/* ---- Rules 4 and 5: updated, format, snapshots ------------------------ */

static void test_updated_and_format(void **state)
{
    (void)state;
    check_merge("{'format':3,'updated':{'at':'2026-12-01T00:00:00Z','by':'al'}}",
                "{'format':4,'updated':{'at':'2026-12-02T09:00:00Z','by':'al'}}",
                "{'format':3,'updated':{'at':'2026-12-02T10:00:00Z','by':'bo'}}",
                "{'format':4,'updated':{'at':'2026-12-02T10:00:00Z','by':'bo'}}", 0);
    check_merge("{'format':3,'updated':{'at':'2026-12-01T00:00:00Z','by':'al'}}",
                "{'format':3,'updated':{'at':'2026-12-02T11:00:00Z','by':'al'}}",
                "{'format':5,'updated':{'at':'2026-12-02T10:00:00Z','by':'bo'}}",
                "{'format':5,'updated':{'at':'2026-12-02T11:00:00Z','by':'al'}}", 0);
}

#define RND(n, s, b) "'round':{'number':" #n ",'started':'" s "','based_on':" b ",'based_on_sha256':null}"
#define SNAP(n, s) "{'name':'" n "','sha256':'" s "'}"

static void test_concurrent_snapshots(void **state)
{
    (void)state;
    check_merge("{" RND(1, "T0", "null") ",'last_snapshot':null,'answers':{}}",
                "{" RND(2, "T1", "'A'") ",'last_snapshot':" SNAP("20261202T080000Z", "aa") ",'answers':{}}",
                "{" RND(2, "T2", "'B'") ",'last_snapshot':" SNAP("20261202T090000Z", "bb") ",'answers':{},"
                "'merged_snapshots':[" SNAP("20261101T000000Z", "cc") "]}",
                "{" RND(2, "T2", "'B'") ",'last_snapshot':" SNAP("20261202T090000Z", "bb") ",'answers':{},"
                "'merged_snapshots':[" SNAP("20261101T000000Z", "cc") "," SNAP("20261202T080000Z", "aa") "]}",
                0);
    /* ours later ("-2" after the same second); merged_snapshots created */
    check_merge("{" RND(1, "T0", "null") ",'last_snapshot':" SNAP("20261201T000000Z", "00") "}",
                "{" RND(2, "T1", "'A'") ",'last_snapshot':" SNAP("20261202T074747Z-2", "aa") "}",
                "{" RND(2, "T2", "'B'") ",'last_snapshot':" SNAP("20261202T074747Z", "bb") "}",
                "{" RND(2, "T1", "'A'") ",'last_snapshot':" SNAP("20261202T074747Z-2", "aa") ","
                "'merged_snapshots':[" SNAP("20261202T074747Z", "bb") "]}", 0);
    /* a null last_snapshot loses to a non-null one, whichever side: no merged_snapshots */
    check_merge("{" RND(1, "T0", "null") ",'last_snapshot':" SNAP("S0", "00") "}",
                "{" RND(2, "T1", "'S1'") ",'last_snapshot':" SNAP("S1", "aa") "}",
                "{" RND(1, "T9", "null") ",'last_snapshot':null}",
                "{" RND(2, "T1", "'S1'") ",'last_snapshot':" SNAP("S1", "aa") "}", 0);
    /* a side that closed the round (complete snapshot, round 2) goes first, even when the
     * other side's interim snapshot is later: the committee's round is not lost */
    check_merge("{" RND(1, "T0", "null") ",'last_snapshot':null}",
                "{" RND(1, "T0", "null") ",'last_snapshot':" SNAP("20261202T100500Z", "bb") "}",
                "{" RND(2, "T1", "'A'") ",'last_snapshot':" SNAP("20261202T100000Z", "aa") "}",
                "{" RND(2, "T1", "'A'") ",'last_snapshot':" SNAP("20261202T100000Z", "aa") ","
                "'merged_snapshots':[" SNAP("20261202T100500Z", "bb") "]}", 0);
    /* the same name: the larger sha256 */
    check_merge("{" RND(1, "T0", "null") ",'last_snapshot':null}",
                "{" RND(2, "T1", "'A'") ",'last_snapshot':" SNAP("20261202T074747Z", "aa") "}",
                "{" RND(2, "T2", "'B'") ",'last_snapshot':" SNAP("20261202T074747Z", "bb") "}",
                "{" RND(2, "T2", "'B'") ",'last_snapshot':" SNAP("20261202T074747Z", "bb") ","
                "'merged_snapshots':[" SNAP("20261202T074747Z", "aa") "]}", 0);
}

static void test_one_side_snapshot(void **state)
{
    (void)state;
    /* ours took a snapshot and started round 2; theirs touched round too:
     * round is ours' whole, theirs' answer lands */
    check_merge("{" RND(1, "T0", "null") ",'last_snapshot':null,'answers':{'q1':1}}",
                "{" RND(2, "T1", "'S'") ",'last_snapshot':" SNAP("S", "aa") ",'answers':{'q1':1}}",
                "{" RND(1, "T9", "null") ",'last_snapshot':null,'answers':{'q1':2}}",
                "{" RND(2, "T1", "'S'") ",'last_snapshot':" SNAP("S", "aa") ",'answers':{'q1':2}}", 0);
    /* without a snapshot, round merges like any object */
    check_merge("{" RND(1, "T0", "null") ",'last_snapshot':null}",
                "{" RND(2, "T0", "null") ",'last_snapshot':null}",
                "{" RND(1, "T3", "null") ",'last_snapshot':null}",
                "{" RND(2, "T3", "null") ",'last_snapshot':null}", 0);
}

static void test_base_null(void **state)
{
    (void)state;
    check_merge(NULL,
                "{'format':4,'answers':{'q01':{'fields':{'a':'x'}}},'last_snapshot':null,"
                RND(1, "T0", "null") "}",
                "{'format':4,'answers':{'q01':{'fields':{'a':'y'}},'q02':{'fields':{}}},"
                "'last_snapshot':" SNAP("N", "s") "," RND(2, "T1", "'N'") "}",
                "{'format':4,'answers':{'q01':{'fields':{'a':'x'}},'q02':{'fields':{}}},"
                "'last_snapshot':" SNAP("N", "s") "," RND(2, "T1", "'N'") ","
                "'conflicts':[{'path':['answers','q01','fields','a'],'at':'" NOW "',"
                "'ours':'x','theirs':'y'}]}", 1);
}

/* ---- Rules 6 and 7: conflicts already recorded ------------------------ */

#define C_OPEN "{'path':['answers','q1'],'at':'T','base':'b','ours':'o','theirs':'t'}"

static void test_existing_conflict_pruned_or_kept(void **state)
{
    (void)state;
    /* the user edited the value: resolved, dropped with the array */
    check_merge("{'answers':{'q1':'o','q2':1},'conflicts':[" C_OPEN "]}",
                "{'answers':{'q1':'edited','q2':1},'conflicts':[" C_OPEN "]}",
                "{'answers':{'q1':'o','q2':2},'conflicts':[" C_OPEN "]}",
                "{'answers':{'q1':'edited','q2':2}}", 0);
    /* not edited: kept */
    check_merge("{'answers':{'q1':'o','q2':1},'conflicts':[" C_OPEN "]}",
                "{'answers':{'q1':'o','q2':1},'conflicts':[" C_OPEN "]}",
                "{'answers':{'q1':'o','q2':2},'conflicts':[" C_OPEN "]}",
                "{'answers':{'q1':'o','q2':2},'conflicts':[" C_OPEN "]}", 0);
    /* ours resolved everything (no conflicts key), theirs added one */
    check_merge("{'answers':{'q1':'o','q2':'x'},'conflicts':[" C_OPEN "]}",
                "{'answers':{'q1':'edited','q2':'x'}}",
                "{'answers':{'q1':'o','q2':'x'},'conflicts':[" C_OPEN ","
                "{'path':['answers','q2'],'at':'T','ours':'x','theirs':'z'}]}",
                "{'answers':{'q1':'edited','q2':'x'},"
                "'conflicts':[{'path':['answers','q2'],'at':'T','ours':'x','theirs':'z'}]}", 0);
}

static void test_conflicts_of_both_sides(void **state)
{
    (void)state;
    check_merge("{'a':1,'b':2}",
                "{'a':1,'b':2,'conflicts':[{'path':['a'],'at':'T','ours':1,'theirs':5}]}",
                "{'a':1,'b':2,'conflicts':[{'path':['b'],'at':'T','ours':2,'theirs':6}]}",
                "{'a':1,'b':2,'conflicts':[{'path':['a'],'at':'T','ours':1,'theirs':5},"
                "{'path':['b'],'at':'T','ours':2,'theirs':6}]}", 0);
}

static void test_conflicts_not_keyed(void **state)
{
    (void)state;
    /* elements without a path: the union, ours' first (a conflict about the
     * whole array would change as soon as a conflict was added to it) */
    check_merge("{'conflicts':[]}", "{'conflicts':[{'x':1},{'z':3}]}",
                "{'conflicts':[{'x':1},{'y':2}]}",
                "{'conflicts':[{'x':1},{'z':3},{'y':2}]}", 0);
}

static void test_existing_conflict_same_path(void **state)
{
    (void)state;
    /* the same conflict again: not recorded twice, not counted */
    check_merge("{'a':'x'}",
                "{'a':'o','conflicts':[{'path':['a'],'at':'T','base':'x','ours':'o','theirs':'t1'}]}",
                "{'a':'t1'}",
                "{'a':'o','conflicts':[{'path':['a'],'at':'T','base':'x','ours':'o','theirs':'t1'}]}",
                0);
    /* another theirs: replaced in place */
    check_merge("{'a':'x'}",
                "{'a':'o','conflicts':[{'path':['a'],'at':'T','base':'x','ours':'o','theirs':'t1'}]}",
                "{'a':'t2'}",
                "{'a':'o','conflicts':[{'path':['a'],'at':'T','base':'x','ours':'o','theirs':'t2'}]}",
                1);
    /* a stale conflict (its ours is not the value any more): the new one replaces it */
    check_merge("{'a':'x'}",
                "{'a':'o','conflicts':[{'path':['a'],'at':'T','ours':'old','theirs':'t1'}]}",
                "{'a':'t2'}",
                "{'a':'o','conflicts':[{'path':['a'],'at':'" NOW "','base':'x','ours':'o',"
                "'theirs':'t2'}]}", 1);
}

static void test_prune(void **state)
{
    cJSON *root;
    (void)state;
    root = J("{'a':1,'b':null,'conflicts':["
             "{'path':['a'],'ours':1},"           /* open */
             "{'path':['a'],'ours':2},"           /* resolved */
             "{'path':['c'],'theirs':3},"         /* open: no ours, c absent */
             "{'path':['b'],'theirs':3},"         /* resolved: b is there (null) */
             "{'path':[1],'ours':1},"             /* not a path: kept */
             "{'path':['measures','M1'],'ours':{'id':'M1'}}]," /* resolved: absent */
             "'measures':[]}");
    assert_int_equal(jmerge_prune(root), 3);
    assert_json(root, "{'a':1,'b':null,'conflicts':[{'path':['a'],'ours':1},"
                      "{'path':['c'],'theirs':3},{'path':[1],'ours':1}],'measures':[]}");
    cJSON_Delete(root);
    root = J("{'a':2,'conflicts':[{'path':['a'],'ours':1}]}");
    assert_int_equal(jmerge_prune(root), 0);
    assert_json(root, "{'a':2}");
    cJSON_Delete(root);
}

/* ---- Lookup and set ------------------------------------------------------ */

static const cJSON *look(const cJSON *root, const char *path)
{
    cJSON *p = J(path);
    const cJSON *r = jmerge_lookup(root, p);
    cJSON_Delete(p);
    return r;
}

static int set(cJSON *root, const char *path, const char *value)
{
    cJSON *p = J(path), *v = value ? J(value) : NULL;
    int rc = jmerge_set(root, p, v);
    cJSON_Delete(p);
    cJSON_Delete(v);
    return rc;
}

#define DOC "{'measures':[{'id':'M1','owner':'IT'},{'id':'M2','owner':null}]," \
            "'screenings':[{'at':'T','by':'root','hits':[" HIT1 ",'decision':{'verdict':'same'}}]}]," \
            "'approvals':[{'snapshot':'S','role':'PI','name':'Al','at':'T1','date':'D'}]," \
            "'conflicts':[{'path':['measures','M2'],'ours':1}],'cooperation':{'partners':['HIT']}}"

static void test_lookup(void **state)
{
    cJSON *root = J(DOC);
    (void)state;
    assert_json(look(root, "['measures','M1','owner']"), "'IT'");
    assert_json(look(root, "['screenings','[\\'T\\',\\'root\\']','hits',"
                           "'[\\'HIT\\',\\'own\\',\\'row 2\\']','decision','verdict']"), "'same'");
    assert_json(look(root, "['approvals','[\\'S\\',\\'PI\\',\\'Al\\',\\'T1\\']','date']"), "'D'");
    assert_json(look(root, "['conflicts','[\\'measures\\',\\'M2\\']','ours']"), "1");
    assert_ptr_equal(look(root, "[]"), root);
    assert_null(look(root, "['measures','M3']"));
    assert_null(look(root, "['measures','0']"));
    assert_null(look(root, "['cooperation','partners','0']"));   /* not keyed */
    assert_null(look(root, "['screenings','T']"));
    assert_null(look(root, "['measures',1]"));
    assert_null(look(root, "'measures'"));
    cJSON_Delete(root);
}

static void test_set(void **state)
{
    cJSON *root = J(DOC);
    (void)state;
    assert_int_equal(set(root, "['measures','M2','owner']", "'Legal'"), 0);
    assert_int_equal(set(root, "['measures','M1']", NULL), 0);
    assert_int_equal(set(root, "['measures','M3']", "{'id':'M3'}"), 0);
    assert_int_equal(set(root, "['measures','M4']", "{'id':'M5'}"), -1);
    assert_int_equal(set(root, "['measures','M9']", NULL), 0);
    assert_int_equal(set(root, "['screenings','[\\'T\\',\\'root\\']','hits',"
                               "'[\\'HIT\\',\\'own\\',\\'row 2\\']','decision']", "{'verdict':'other'}"), 0);
    assert_int_equal(set(root, "['risk']", "{'level':'low'}"), 0);
    assert_int_equal(set(root, "['approvals','[\\'S\\',\\'PI\\',\\'Al\\',\\'T1\\']']", NULL), 0);
    assert_int_equal(set(root, "['nope','x']", "1"), -1);
    assert_int_equal(set(root, "['cooperation','partners','0']", "'x'"), -1);
    assert_int_equal(set(root, "[]", "1"), -1);
    assert_int_equal(set(root, "[2]", "1"), -1);
    assert_json(root, "{'measures':[{'id':'M2','owner':'Legal'},{'id':'M3'}],"
                      "'screenings':[{'at':'T','by':'root','hits':[" HIT1 ",'decision':{'verdict':'other'}}]}],"
                      "'approvals':[],'conflicts':[{'path':['measures','M2'],'ours':1}],"
                      "'cooperation':{'partners':['HIT']},'risk':{'level':'low'}}");
    cJSON_Delete(root);
}

/* ---- Rule 8: shapes it does not expect ---------------------------------- */

static void test_malformed(void **state)
{
    (void)state;
    /* measures a string on one side: one conflict about the whole array */
    check_merge("{'measures':[{'id':'M1','what':'a'}]}", "{'measures':'oops'}",
                "{'measures':[{'id':'M1','what':'b'}]}",
                "{'measures':'oops','conflicts':[{'path':['measures'],'at':'" NOW "',"
                "'base':[{'id':'M1','what':'a'}],'ours':'oops','theirs':[{'id':'M1','what':'b'}]}]}", 1);
    /* an element without its key */
    check_merge("{'measures':[{'id':'M1'}]}", "{'measures':[{'id':'M1'},{'id':'M2'}]}",
                "{'measures':[{'id':'M1'},{'what':'no id'}]}",
                "{'measures':[{'id':'M1'},{'id':'M2'}],'conflicts':[{'path':['measures'],'at':'" NOW "',"
                "'base':[{'id':'M1'}],'ours':[{'id':'M1'},{'id':'M2'}],"
                "'theirs':[{'id':'M1'},{'what':'no id'}]}]}", 1);
    /* two screenings with the same key (at and by): the array is one unit */
    check_merge("{'screenings':[{'at':'T','by':'r','n':1},{'at':'T','by':'r','n':2}]}",
                "{'screenings':[{'at':'T','by':'r','n':3},{'at':'T','by':'r','n':2}]}",
                "{'screenings':[{'at':'T','by':'r','n':1},{'at':'T','by':'r','n':4}]}",
                "{'screenings':[{'at':'T','by':'r','n':3},{'at':'T','by':'r','n':2}],"
                "'conflicts':[{'path':['screenings'],'at':'" NOW "',"
                "'base':[{'at':'T','by':'r','n':1},{'at':'T','by':'r','n':2}],"
                "'ours':[{'at':'T','by':'r','n':3},{'at':'T','by':'r','n':2}],"
                "'theirs':[{'at':'T','by':'r','n':1},{'at':'T','by':'r','n':4}]}]}", 1);
    /* an object where an array was, and an array where an object was */
    check_merge("{'answers':{'q1':{'fields':{}}},'x':[1]}",
                "{'answers':[1],'x':{'a':1}}",
                "{'answers':{'q1':{'fields':{'f':1}}},'x':{'a':2}}",
                "{'answers':[1],'x':{'a':1},'conflicts':["
                "{'path':['answers'],'at':'" NOW "','base':{'q1':{'fields':{}}},'ours':[1],"
                "'theirs':{'q1':{'fields':{'f':1}}}},"
                "{'path':['x'],'at':'" NOW "','base':[1],'ours':{'a':1},'theirs':{'a':2}}]}", 2);
    /* odd snapshots: no crash, normal rules */
    check_merge("{'last_snapshot':null,'round':1}", "{'last_snapshot':5,'round':2}",
                "{'last_snapshot':{'sha256':'x'},'round':3}",
                "{'last_snapshot':5,'round':2,'conflicts':["
                "{'path':['last_snapshot'],'at':'" NOW "','base':null,'ours':5,'theirs':{'sha256':'x'}},"
                "{'path':['round'],'at':'" NOW "','base':1,'ours':2,'theirs':3}]}", 2);
    check_merge("{'updated':'x','format':'3'}", "{'updated':'y','format':'4'}",
                "{'updated':'y','format':'4'}", "{'updated':'y','format':'4'}", 0);
}

static void test_not_objects(void **state)
{
    cJSON *o = J("[1]"), *t = J("{}"), *bad = J("{'conflicts':{}}"), *out = J("{}");
    struct cc_err err = { 0, "" };
    size_t n = 7;
    cJSON *keep = out;
    (void)state;
    assert_int_equal(jmerge_assessment(NULL, o, t, NOW, &out, &n, &err), -1);
    assert_null(out);
    assert_int_equal(n, 0);
    assert_non_null(strstr(err.msg, "this side's version is not a JSON object"));
    err.msg[0] = '\0';
    assert_int_equal(jmerge_assessment(o, t, t, NOW, &out, &n, &err), -1);
    assert_non_null(strstr(err.msg, "the common ancestor is not"));
    assert_int_equal(jmerge_assessment(t, t, bad, NOW, &out, &n, &err), -1);
    assert_non_null(strstr(err.msg, "\"conflicts\""));
    assert_non_null(strstr(err.msg, "in the other side's version is not an array"));
    cJSON_Delete(keep);
    cJSON_Delete(o);
    cJSON_Delete(t);
    cJSON_Delete(bad);
}

/* ---- A real file ------------------------------------------------------------ */

static cJSON *load(const char *rel)
{
    char *path = tu_src_path(rel), *text = tu_read(path, NULL);
    cJSON *v;
    assert_non_null(text);
    v = cJSON_Parse(text);
    assert_non_null(v);
    free(text);
    free(path);
    return v;
}

static void test_real_file(void **state)
{
    cJSON *b = load("fuzz/corpus/afile/officer.json"), *o = cJSON_Duplicate(b, 1);
    cJSON *t = cJSON_Duplicate(b, 1), *out = NULL;
    struct cc_err err = { 0, "" };
    size_t n = 9;
    (void)state;
    assert_int_equal(set(o, "['answers','q05','followup']", "true"), 0);
    assert_int_equal(set(o, "['measures','M3']", "{'id':'M3','what':'ours'}"), 0);
    assert_int_equal(set(o, "['updated']", "{'at':'2026-12-03T00:00:00Z','by':'al'}"), 0);
    assert_int_equal(set(t, "['answers','q05','review']", "true"), 0);
    assert_int_equal(set(t, "['measures','M1','status']", "'retired'"), 0);
    assert_int_equal(set(t, "['measures','M3']", "{'id':'M3','what':'theirs'}"), 0);
    assert_int_equal(set(t, "['updated']", "{'at':'2026-12-02T23:00:00Z','by':'bo'}"), 0);
    assert_int_equal(jmerge_assessment(b, o, t, NOW, &out, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_json(look(out, "['answers','q05','followup']"), "true");
    assert_json(look(out, "['answers','q05','review']"), "true");
    assert_json(look(out, "['measures','M1','status']"), "'retired'");
    assert_json(look(out, "['measures','M3','what']"), "'ours'");
    assert_json(look(out, "['measures','M4','what']"), "'theirs'");
    assert_json(look(out, "['updated','by']"), "'al'");
    assert_null(look(out, "['conflicts']"));
    /* nothing else changed: the rest is the base */
    assert_int_equal(set(out, "['answers','q05']", NULL), 0);
    assert_int_equal(set(out, "['measures']", NULL), 0);
    assert_int_equal(set(out, "['updated']", NULL), 0);
    assert_int_equal(set(b, "['answers','q05']", NULL), 0);
    assert_int_equal(set(b, "['measures']", NULL), 0);
    assert_int_equal(set(b, "['updated']", NULL), 0);
    assert_true(cJSON_Compare(out, b, 1));
    cJSON_Delete(out);
    cJSON_Delete(b);
    cJSON_Delete(o);
    cJSON_Delete(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_different_fields_both_land),
        cmocka_unit_test(test_same_field_conflict),
        cmocka_unit_test(test_same_change_no_conflict),
        cmocka_unit_test(test_deletion_vs_unchanged),
        cmocka_unit_test(test_deletion_vs_change),
        cmocka_unit_test(test_key_order),
        cmocka_unit_test(test_atomic_units),
        cmocka_unit_test(test_measures_both_new_m3),
        cmocka_unit_test(test_measures_each_side_one),
        cmocka_unit_test(test_screening_hits),
        cmocka_unit_test(test_screenings_added_both),
        cmocka_unit_test(test_approvals_both),
        cmocka_unit_test(test_updated_and_format),
        cmocka_unit_test(test_concurrent_snapshots),
        cmocka_unit_test(test_measures_renumbered_in_decision),
        cmocka_unit_test(test_one_side_snapshot),
        cmocka_unit_test(test_base_null),
        cmocka_unit_test(test_existing_conflict_pruned_or_kept),
        cmocka_unit_test(test_conflicts_of_both_sides),
        cmocka_unit_test(test_conflicts_not_keyed),
        cmocka_unit_test(test_existing_conflict_same_path),
        cmocka_unit_test(test_prune),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_not_objects),
        cmocka_unit_test(test_real_file),
    };
    return cmocka_run_group_tests_name("jmerge", tests, NULL, NULL);
}
