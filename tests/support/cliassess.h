/* cliassess.h — whole assessments through the command line, for the suites
 * that drive the built binary (tests/support/clitest.h): every question of
 * the bundled catalogue answered, every carried-over answer confirmed, so
 * that a snapshot is complete (it closes the round) rather than refused; and
 * whole directory trees, to prove that a refused command changed nothing. */
#ifndef COOPCHECK_CLIASSESS_H
#define COOPCHECK_CLIASSESS_H

#include "clitest.h"

/* Answers every field of every question of cooperation id with 'coopcheck
 * set': yes/no fields "no" (so that the follow-up fields asked only after
 * "yes" or "unsure" are not asked), text fields "Answer to QID.FIELD"; fails
 * the test at file:line when a set fails.  Afterwards nothing is open but
 * what the round carried over (to review) and follow-up flags. */
void cx_answer_all_(const struct cx *c, const char *id, const char *file, int line);
#define CX_ANSWER_ALL(c, id) cx_answer_all_((c), (id), __FILE__, __LINE__)

/* Confirms every question of id ('coopcheck set ID Q --confirm'; those not
 * marked to review are left as they are). */
void cx_confirm_all_(const struct cx *c, const char *id, const char *file, int line);
#define CX_CONFIRM_ALL(c, id) cx_confirm_all_((c), (id), __FILE__, __LINE__)

/* Every entry under dir (recursively, sorted, links not followed) with the
 * bytes of each file, as one text: two calls give the same text exactly when
 * nothing under dir was created, removed or changed.  write.lock files are
 * left out: the first writer creates one, and every writer that takes it
 * writes its process id there, also one that then refuses; it holds no data.
 * A missing dir is "".  Caller frees. */
char *cx_tree(const char *dir);
/* The whole tree of path is as before (a cx_tree text). */
void cx_expect_tree_(const char *path, const char *before, const char *file, int line);
#define CX_EXPECT_TREE(path, before) cx_expect_tree_((path), (before), __FILE__, __LINE__)

#endif
