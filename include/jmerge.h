/* jmerge.h — a three-way merge of assessment files at the JSON level, for the
 * git merge driver (`coopcheck merge-driver %O %A %B %P`: base = the common
 * ancestor, ours = the local side %A, theirs = the other side %B).  It never
 * loses an answer: changes to different fields both land; a field changed
 * differently on both sides is a conflict, recorded in the result.  No curses.
 *
 * The rules, by path in the file (a path is a list of steps; * is any step):
 *
 *  - Objects merge key by key, recursively.  For each key: the same on both
 *    sides (deep equality) -> taken; changed from base on one side only ->
 *    that side's (a deletion included); changed differently on both -> an
 *    object is merged recursively, anything else is a conflict.
 *  - Atomic units, compared and taken whole: answers/STAR/fields/STAR,
 *    answers/STAR/risk, risk, decision, catalog, measures/STAR,
 *    approvals/STAR, screenings/STAR/hits/STAR/decision, conflicts/STAR,
 *    merged_snapshots/STAR, cooperation/partners, every scalar and every
 *    array that is not keyed (STAR standing for *).
 *  - Keyed arrays, merged element by element like objects, in the order of
 *    ours, then the elements only theirs has in theirs' order:
 *      measures by "id"; screenings by "at", "by"; screenings/STAR/hits by
 *      "partner", "list", "entry"; approvals by "snapshot", "role", "name",
 *      "at"; conflicts by "path"; merged_snapshots by "name".
 *    A measure id that is not in base, added by both sides with different
 *    contents, is two new measures: theirs gets the smallest free id of the
 *    same form (the id's letters before its trailing digits, then one more
 *    than the highest number of the result: ids are never reused), and
 *    theirs' decision, when it is the one that lands, names it by the new
 *    id in its "conditions".
 *    An array whose elements are not all objects with all their key fields,
 *    or in which two elements have the same key, is merged as one atomic
 *    value; so is any value whose shape is not what the rules expect.
 *  - updated: the side with the later "at"; format: the larger number.
 *  - last_snapshot and round: when both sides changed last_snapshot to
 *    different values (both took snapshots), last_snapshot and round come
 *    from the side with the higher round number (a complete snapshot closed
 *    a round there), else the side whose last_snapshot "name" sorts later
 *    (strcmp; on a tie the larger "sha256"), and the other side's last_snapshot is added to the
 *    top-level array merged_snapshots; a null last_snapshot loses to a
 *    non-null one.  When only one side changed last_snapshot and that side
 *    also changed round, round is that side's.  Never a conflict.
 *
 * Path steps.  A step into an object is the member's key.  A step into a
 * keyed array is the element's key: with one key field holding a string, that
 * string (["measures", "M3"]); otherwise the unformatted JSON text of the key
 * field's value (one key field, e.g. a conflict's "path") or of the array of
 * the key fields' values in the order above (several key fields), e.g.
 * ["screenings", "[\"2026-11-27T03:45:21Z\",\"root\"]", "hits",
 *  "[\"HIT\",\"own\",\"row 2\"]", "decision"].
 * Arrays in which two elements would have the same step are never stepped
 * into by the merge (they are atomic).
 *
 * Conflicts.  A conflict at path P keeps ours' value (or ours' absence) in
 * the result and appends to the top-level array "conflicts"
 *   {"path": [steps], "at": now, "base": B, "ours": O, "theirs": T}
 * where base, ours and theirs are left out when that side has no value at P
 * (so absence is told apart from null).  The conflicts arrays of both sides
 * are merged first (keyed by path; when that is impossible because of their
 * shape, the result is ours' elements plus theirs' that ours lacks); then a
 * new conflict at a path that already has one: with the same "ours" and
 * "theirs" it is not recorded again; with the same "ours" and another
 * "theirs" that conflict's "theirs" is replaced; with another "ours" the old
 * conflict is replaced by the new one.  A conflict is open while the value
 * at its path equals its "ours" (absent equal to absent), resolved
 * otherwise; the result has its resolved conflicts dropped (jmerge_prune). */
#ifndef COOPCHECK_JMERGE_H
#define COOPCHECK_JMERGE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util.h"

/* Merges three parsed assessment files.  base may be NULL (both sides added
 * the file).  now is an ISO time ("2026-12-02T10:00:00Z") stamped on new
 * conflicts.  *out receives the merged tree (caller frees with cJSON_Delete);
 * *nconflicts the number of conflicts this merge recorded (new ones, and
 * existing ones whose "theirs" or "ours" it replaced).  0, or -1 with err (and
 * *out NULL) when base, ours or theirs is not an object or has a "conflicts"
 * that is not an array.  The inputs are not modified. */
int jmerge_assessment(const cJSON *base, const cJSON *ours, const cJSON *theirs, const char *now,
                      cJSON **out, size_t *nconflicts, struct cc_err *err);

/* The node at path (a cJSON array of strings, as stored in a conflict's
 * "path") in root, stepping into keyed arrays by their elements' keys (see
 * above; the first element when several have the key); root itself for an
 * empty path; NULL when absent or when path is not an array of strings. */
const cJSON *jmerge_lookup(const cJSON *root, const cJSON *path);

/* Replaces the node at path in root with a copy of value, adding it when
 * absent (in a keyed array: appending it, when its key is the path's last
 * step); with value NULL removes it (nothing to do when absent).  0, or -1
 * when the path is empty or not an array of strings, when its parent does not
 * exist or is neither an object nor a keyed array, or when value's key does
 * not match the last step. */
int jmerge_set(cJSON *root, const cJSON *path, const cJSON *value);

/* Drops from root's "conflicts" every resolved conflict: one where the value
 * now at its "path" differs from its "ours" (a conflict without "ours" is
 * open while the path is absent).  Elements that are not objects with a
 * "path" of strings are kept.  Removes "conflicts" when none remain.  Returns
 * how many remain. */
size_t jmerge_prune(cJSON *root);

#endif
