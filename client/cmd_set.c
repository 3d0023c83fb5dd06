/*
 * cmd_set.c: resettle set: record a pathway status or a support need on a
 * person's open case, then print the case's new readiness.
 */
#include "resettle.h"

/* the new readiness; the gaps, a list of rule codes, wrap */
static const ColumnSpec set_columns[] = {
	{"custody_id", NULL, 1, 0, false},
	{"readiness", NULL, 2, 0, false},
	{"gaps", NULL, 3, 20, true},
	{NULL}
};


int
cmd_set(int argc, char **argv)
{
	const char *params[4];

	if (argc != 1)
		usage_error("set needs one PRISON_NUMBER");
	check_prison_number(argv[0]);
	if ((opts.pathway == NULL) == (opts.need == NULL))
		usage_error("set needs exactly one of --pathway and --need");
	if (opts.status == NULL)
		usage_error("set needs --status");
	params[0] = argv[0];
	params[2] = opts.status;
	if (opts.pathway != NULL)
	{
		params[1] = opts.pathway;
		params[3] = opts.note;
		return query_and_print("SELECT * FROM resettle.set_pathway_status($1,"
							   " $2::resettle.pathway, $3::resettle.pathway_state, $4)",
							   4, params, FMT_DEFAULT, false, set_columns);
	}
	if (opts.note != NULL)
		usage_error("--note is only recorded for pathways");
	params[1] = opts.need;
	return query_and_print("SELECT * FROM resettle.set_support_need($1, $2, $3)",
						   3, params, FMT_DEFAULT, false, set_columns);
}
