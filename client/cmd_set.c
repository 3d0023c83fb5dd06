/*
 * cmd_set.c: resettle set: record one of the records the readiness rules
 * read on a person's open case (a pathway status, a support need, an ID
 * document, a bank account, the accommodation, a handover checklist item,
 * the COM allocated, an assessment), then print the case's readiness before
 * and after.
 *
 * Each form calls one resettle.set_*() function (sql/client/record_update.sql),
 * which validates the values and lists the valid ones on error; the client
 * only checks which options go together.
 */
#include "resettle.h"

#include <string.h>
#include <strings.h>

/*
 * The readiness before and after, the gaps closed and opened and the gaps
 * now (lists of rule codes, wrapped); machine formats also give custody_id
 * and gaps_before.
 */
static const ColumnSpec set_columns[] = {
	{"readiness_before", "before", 1, 0, false},
	{"readiness", "after", 1, 0, false},
	{"gaps_closed", "closed", 2, 12, true},
	{"gaps_opened", "opened", 2, 12, true},
	{"gaps", "gaps now", 3, 16, true},
	{NULL}
};

/* an option of one form of set, and the form's option that allows it */
typedef struct
{
	bool		given;
	const char *option;
	const char *form;			/* the record option it belongs to */
} SetOption;

static void
check_options(const char *form, const SetOption *options, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (options[i].given && strcmp(options[i].form, form) != 0)
			usage_error("%s cannot be used with %s", options[i].option, form);
}

/* yes or no (any case) as the server's boolean, or a usage error naming the option */
static const char *
yes_no(const char *value, const char *option)
{
	if (value == NULL)
		return NULL;
	if (strcasecmp(value, "yes") == 0)
		return "true";
	if (strcasecmp(value, "no") == 0)
		return "false";
	usage_error("invalid value \"%s\" for %s (expected yes or no)", value, option);
	return NULL;				/* not reached */
}

int
cmd_set(int argc, char **argv)
{
	const char *params[6];
	const char *form = NULL;
	int			forms = 0;
	const SetOption options[] = {
		{opts.note != NULL, "--note", opts.need != NULL ? "--need" : "--pathway"},
		{opts.applied != NULL, "--applied", opts.id != NULL ? "--id" : "--bank"},
		{opts.bank_name != NULL, "--bank-name", "--bank"},
		{opts.plan != NULL, "--plan", "--accommodation"},
		{opts.confirmed != NULL, "--confirmed", "--accommodation"},
		{opts.at_risk != NULL, "--at-risk", "--accommodation"},
		{opts.lived_before != NULL, "--lived-before", "--accommodation"},
		{opts.duty_to_refer != NULL, "--duty-to-refer", "--accommodation"},
		{opts.com_email != NULL, "--com-email", "--com"},
		{opts.allocated != NULL, "--allocated", "--com"},
		{opts.completed != NULL, "--completed", "--assessment"},
	};
	int			noptions = (int) (sizeof(options) / sizeof(options[0]));

	if (argc != 1)
		usage_error("set needs one PRISON_NUMBER");
	check_prison_number(argv[0]);

#define FORM(cond, name) do { if (cond) { form = (name); forms++; } } while (0)
	/* with --assessment, --pathway says which pathway's */
	FORM(opts.pathway != NULL && opts.assessment == NULL, "--pathway");
	FORM(opts.assessment != NULL, "--assessment");
	FORM(opts.need != NULL, "--need");
	FORM(opts.id != NULL, "--id");
	FORM(opts.bank, "--bank");
	FORM(opts.accommodation, "--accommodation");
	FORM(opts.checklist != NULL, "--checklist");
	FORM(opts.com != NULL, "--com");
#undef FORM
	if (forms != 1)
		usage_error("set needs exactly one of --pathway, --need, --id, --bank, "
					"--accommodation, --checklist, --com and --assessment");
	if (opts.status != NULL && (opts.accommodation || opts.com != NULL))
		usage_error("--status cannot be used with %s", form);
	check_options(form, options, noptions);
	/*
	 * one case's change in table output: as a record (its lists of rule
	 * codes fit 80 columns); piped, tsv as every command
	 */
	if (!opts.wide && output_format(FMT_DEFAULT, NULL) == FMT_TABLE)
		opts.expanded = true;

	params[0] = argv[0];
	if (opts.accommodation)
	{
		if (opts.plan == NULL && opts.confirmed == NULL && opts.at_risk == NULL &&
			opts.lived_before == NULL && opts.duty_to_refer == NULL)
			usage_error("set --accommodation needs at least one of --plan, --confirmed, "
						"--at-risk, --lived-before and --duty-to-refer");
		params[1] = opts.plan;
		params[2] = yes_no(opts.confirmed, "--confirmed");
		params[3] = yes_no(opts.at_risk, "--at-risk");
		params[4] = opts.lived_before;
		params[5] = opts.duty_to_refer;
		return query_and_print("SELECT * FROM resettle.set_accommodation($1, $2,"
							   " $3::boolean, $4::boolean, $5, $6::date)",
							   6, params, FMT_DEFAULT, false, set_columns);
	}
	if (opts.com != NULL)
	{
		params[1] = opts.com;
		params[2] = opts.com_email;
		params[3] = opts.allocated;
		return query_and_print("SELECT * FROM resettle.set_com($1, $2, $3, $4::date)",
							   4, params, FMT_DEFAULT, false, set_columns);
	}

	if (opts.status == NULL)
		usage_error("set %s needs --status", form);
	if (opts.assessment != NULL)
	{
		if (opts.note != NULL)
			usage_error("--note cannot be used with --assessment");
		params[1] = opts.assessment;
		params[2] = opts.status;
		params[3] = opts.pathway;
		params[4] = opts.completed;
		return query_and_print("SELECT * FROM resettle.set_assessment($1, $2, $3, $4, $5::date)",
							   5, params, FMT_DEFAULT, false, set_columns);
	}
	if (opts.pathway != NULL)
	{
		params[1] = opts.pathway;
		params[2] = opts.status;
		params[3] = opts.note;
		return query_and_print("SELECT * FROM resettle.set_pathway_status($1, $2, $3, $4)",
							   4, params, FMT_DEFAULT, false, set_columns);
	}
	if (opts.need != NULL)
	{
		params[1] = opts.need;
		params[2] = opts.status;
		params[3] = opts.note;
		return query_and_print("SELECT * FROM resettle.set_support_need($1, $2, $3, $4)",
							   4, params, FMT_DEFAULT, false, set_columns);
	}
	if (opts.id != NULL)
	{
		params[1] = opts.id;
		params[2] = opts.status;
		params[3] = opts.applied;
		return query_and_print("SELECT * FROM resettle.set_id_document($1, $2, $3, $4::date)",
							   4, params, FMT_DEFAULT, false, set_columns);
	}
	if (opts.bank)
	{
		params[1] = opts.status;
		params[2] = opts.applied;
		params[3] = opts.bank_name;
		return query_and_print("SELECT * FROM resettle.set_bank_account($1, $2, $3::date,"
							   " NULL, $4)",
							   4, params, FMT_DEFAULT, false, set_columns);
	}
	params[1] = opts.checklist;
	params[2] = opts.status;
	return query_and_print("SELECT * FROM resettle.set_handover_checklist($1, $2, $3)",
						   3, params, FMT_DEFAULT, false, set_columns);
}
