/*-------------------------------------------------------------------------
 *
 * resettle.h
 *	  Helpers shared by the server-side files of the extension.
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_H
#define RESETTLE_H

#include "utils/date.h"
#include "utils/array.h"
#include "utils/relcache.h"

/*
 * Built and tested with PostgreSQL 15 only (the Makefile stops for another
 * major version); older headers lack what the code uses.
 */
#if PG_VERSION_NUM < 150000
#error "resettle needs PostgreSQL 15: it uses InitMaterializedSRF() and MarkGUCPrefixReserved()"
#endif

extern bool resettle_notify_prison_number;

/* owner_rights.c: the extension's own SQL, run as its owner */
extern void owner_rights_init(void);
extern void with_owner_rights(void (*fn) (void *arg), void *arg);
extern bool in_owner_rights(void);
extern Oid	acting_user_id(void);

/* readiness_batch.c: recompute each case once per outermost statement */
extern void readiness_batch_init(void);
extern void readiness_batch_add(const int64 *ids, int n);
extern bool readiness_batch_statement_end(void);
extern int64 *readiness_batch_take(int *n);

/* visibility.c */
extern void visibility_init(void);
extern ArrayType *listed_prisons(text *prison, Oid collation);
extern bool case_episode_find(Datum prison_number, Oid type, int64 *id);
extern Relation open_resettle_table(const char *name);
extern Relation open_resettle_index(const char *name);

/* readiness.c */
extern void readiness_recompute_ids(const int64 *ids, int n);
extern bool readiness_recompute_writing(void);

extern DateADT resettle_today(void);
extern Oid	resettle_type_oid(const char *name);
extern Datum resettle_enum_datum(Oid enum_type, const char *label);
extern bool resettle_text_is_blank(const text *t);

#endif							/* RESETTLE_H */
