/* sign.h — SSH signatures of approvals, made and checked by OpenSSH's own
 * ssh-keygen (-Y sign / -Y verify, namespace "coopcheck"), run with an
 * argument vector (run.h).  What is signed is approval_message (officer.h):
 * it names the snapshot and its SHA-256.  No curses. */
#ifndef COOPCHECK_SIGN_H
#define COOPCHECK_SIGN_H

#include <stddef.h>

#include "model.h"
#include "util.h"

#define SIGN_NAMESPACE "coopcheck"
#define ALLOWED_SIGNERS_NAME "allowed_signers"   /* in the data directory */

/* Signs ap with key (a private key file, or a public key whose private half
 * an ssh-agent holds) for the principal signer: ap->signer and
 * ap->signature are set.  ssh-keygen may ask for the key's passphrase on the
 * terminal.  -1 with ssh-keygen's own words when it fails. */
int sign_approval(const char *key, const char *signer, struct approval *ap, struct cc_err *err);

enum sig_state { SIG_UNSIGNED, SIG_VALID, SIG_INVALID, SIG_UNCHECKED };
/* "unsigned", "valid", "invalid", "unchecked": names in JSON output. */
const char *sig_state_name(enum sig_state s);
/* The same for people (translated). */
const char *sig_state_word(enum sig_state s);

/* Checks approval ap: actual is the SHA-256 of the snapshot file as it is
 * now (NULL when the file is missing), allowed the allowed_signers file
 * (NULL or missing: signatures cannot be checked, SIG_UNCHECKED).  why
 * receives the reason for anything but SIG_VALID / SIG_UNSIGNED ("" then). */
enum sig_state sign_check(const struct approval *ap, const char *actual, const char *allowed,
                          char *why, size_t n);

#endif
