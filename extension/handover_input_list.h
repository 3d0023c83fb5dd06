/*-------------------------------------------------------------------------
 *
 * handover_input_list.h
 *		The inputs of the OMiC handover calculation, one entry each.
 *
 * Everything that names or reads an input is generated from this list: the
 * fields of HandoverInput (handover_rules.h), the argument positions
 * handover() reads (handover.c), and the columns custody_derive reads from
 * resettle.custody (custody_trigger.c) and resettle.evaluate() reads from
 * resettle.case_facts (readiness.c).  One function fills a HandoverInput
 * from values in this order for all three (handover_input_fill).  Adding
 * an input is one entry here, its SQL (the argument of resettle.handover(),
 * the custody column and resettle.handover(custody, date) that passes it,
 * the case_facts column) and the rule that reads it.
 *
 * HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts)
 *	name			the HandoverInput field, and the name of the argument of
 *					resettle.handover() and of the columns
 *	kind			DATE: an optional date, has_<name> and <name>; NULL is
 *					absent
 *					BOOL: NULL is false
 *					MAPPA_LEVEL: 0..3 (integer argument, smallint columns);
 *					NULL is -1, unknown
 *	argno			the argument's position in resettle.handover()
 *					(sql/functions/handover.sql)
 *	in_custody		a column of resettle.custody
 *	in_case_facts	a column of resettle.case_facts
 *
 * The order is that of the HandoverInput fields.  Pure C (no postgres.h)
 * and no include guard: define HANDOVER_INPUT, include, undefine.
 *
 * extension/handover_input_list.h
 *
 *-------------------------------------------------------------------------
 */

/* name, kind, argno, in_custody, in_case_facts */
HANDOVER_INPUT(sentence_start, DATE, 0, true, true)
HANDOVER_INPUT(crd, DATE, 1, true, true)
HANDOVER_INPUT(ard, DATE, 2, true, true)
HANDOVER_INPUT(ped, DATE, 3, true, true)
/* hdced: only for the "sentenced" test of 2.1 */
HANDOVER_INPUT(hdced, DATE, 16, true, true)
HANDOVER_INPUT(ted, DATE, 4, true, true)
HANDOVER_INPUT(thd, DATE, 5, true, true)
/* resettle.person's; custody_derive looks it up */
HANDOVER_INPUT(date_of_birth, DATE, 17, false, true)
HANDOVER_INPUT(indeterminate, BOOL, 6, true, true)
HANDOVER_INPUT(recall, BOOL, 7, true, true)
HANDOVER_INPUT(immigration, BOOL, 8, true, true)
HANDOVER_INPUT(early_allocation, BOOL, 9, true, true)
HANDOVER_INPUT(open_conditions, BOOL, 10, true, true)
HANDOVER_INPUT(open_since, DATE, 11, true, true)
HANDOVER_INPUT(mappa_level, MAPPA_LEVEL, 12, true, true)
HANDOVER_INPUT(additional_isp, BOOL, 13, true, true)
HANDOVER_INPUT(parole_outcome_not_release, BOOL, 14, true, true)
HANDOVER_INPUT(remand, BOOL, 18, true, true)
HANDOVER_INPUT(civil, BOOL, 19, true, true)
/* crc_case: historical versions 2019 and 2021 only; an argument alone */
HANDOVER_INPUT(crc_case, BOOL, 20, false, false)
/*
 * release_date: the first of the confirmed release date, APD, HDCAD, CRD
 * and ARD (custody.release_date, derived), prison-api's releaseDate, only
 * for the "sentenced" test of 2.1 (1.2 on; resettle.handover() of 1.0 and
 * 1.1 has no such argument, and it is then absent)
 */
HANDOVER_INPUT(release_date, DATE, 22, true, true)
