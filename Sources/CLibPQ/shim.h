#ifndef FEEDWATCH_CLIBPQ_SHIM_H
#define FEEDWATCH_CLIBPQ_SHIM_H
#include <libpq-fe.h>

// The error fields are character-literal macros, which Swift does not import:
// expose the ones feedwatch reads as typed constants.
static inline int feedwatch_pq_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int feedwatch_pq_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }
static inline int feedwatch_pq_diag_message_detail(void) { return PG_DIAG_MESSAGE_DETAIL; }
#endif
