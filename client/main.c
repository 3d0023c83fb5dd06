/*
 * main.c: the resettle client's entry point: one shared option table
 * (global options are accepted before or after the command), the command
 * table and help.  Options, errors and signals are common.c's.
 */
#include "resettle.h"

#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* which command options each command accepts */
enum
{
	O_WEEKS = 1 << 0,
	O_PRISON = 1 << 1,
	O_LEVEL = 1 << 2,
	O_KIND = 1 << 3,
	O_RULE = 1 << 4,
	O_PATHWAY = 1 << 5,
	O_NEED = 1 << 6,
	O_STATUS = 1 << 7,
	O_NOTE = 1 << 8,
	O_BY = 1 << 9,
	O_COUNT = 1 << 10,
	O_TIMEOUT = 1 << 11,
	O_RECORD = 1 << 12,			/* set's records and their options */
	O_POM = 1 << 13,			/* --pom NAME, --mine */
	O_IMPORT = 1 << 14			/* import: --rejects, --strict, --dry-run */
};

#define NOPTBITS 15

typedef struct
{
	const char *name;
	int			(*run) (int argc, char **argv);
	int			allowed;		/* O_* options it accepts */
	const char *synopsis;
	const char *summary;
	const char *help;			/* its options, --help style */
} Command;

static const Command commands[] = {
	{"case", cmd_case, 0, "case PRISON_NUMBER|CRN",
		"show one case: dates, handover, readiness, pathways, records", ""},
	{"releases", cmd_releases, O_WEEKS | O_PRISON | O_LEVEL,
		"releases [--weeks N] [--prison CODE] [--level LEVEL]",
		"releases due within N weeks with readiness, soonest first",
		"  --weeks=N                    weeks ahead (default 12)\n"
		"  --prison=CODE                only this prison\n"
		"  --level=LEVEL                only this readiness level\n"},
	{"handovers", cmd_handovers, O_KIND | O_PRISON | O_POM,
		"handovers [--upcoming|--overdue] [--pom NAME|--mine]",
		"upcoming and overdue handovers to the COM",
		"  --upcoming                   only handovers due within 56 days\n"
		"  --overdue                    only handovers with no COM allocated\n"
		"  --prison=CODE                only this prison\n"
		"  --pom=NAME                   only this POM's cases (any case)\n"
		"  --mine                       only the cases of the POM your login is\n"
		"                               mapped to\n"},
	{"gaps", cmd_gaps, O_RULE | O_PATHWAY | O_PRISON | O_WEEKS | O_POM | O_LEVEL,
		"gaps [--weeks N] [--pom NAME|--mine] [--level L]",
		"what each case lacks and by when; --weeks N: the release worklist",
		"  --weeks=N                    the worklist: only cases released within N\n"
		"                               weeks, each with its gaps under it\n"
		"  --pom=NAME                   only this POM's cases (any case)\n"
		"  --mine                       only the cases of the POM your login is\n"
		"                               mapped to\n"
		"  --level=LEVEL                only cases of this readiness level\n"
		"  --rule=CODE                  only this rule (or rule prefix, e.g. bank)\n"
		"  --pathway=P                  only rules of this pathway\n"
		"  --prison=CODE                only this prison\n"
		"Cases come by the first date a gap is due, then release date.\n"},
	{"stats", cmd_stats, O_BY | O_PRISON, "stats [--by prison|region|pathway|month] [--prison CODE]",
		"counts by readiness level and inspection measures, with a bar chart",
		"  --by=prison|region|month     readiness of the cases in custody and the\n"
		"                               measures of the releases in the 12 months\n"
		"                               to --as-of, by group (default prison)\n"
		"  --by=pathway                 cases in custody by each pathway's status\n"
		"  --prison=CODE                only this prison\n"},
	{"set", cmd_set, O_PATHWAY | O_NEED | O_STATUS | O_NOTE | O_RECORD,
		"set PRISON_NUMBER RECORD",
		"record an update to a case; prints readiness before and after",
		"Records (exactly one):\n"
		"  --pathway=P --status=S [--note=TEXT]\n"
		"                               a pathway's status\n"
		"  --need=NEED --status=S [--note=TEXT]\n"
		"                               a support need's status; a note not given\n"
		"                               is kept, --note='' clears it\n"
		"  --id=TYPE --status=S [--applied=DATE]\n"
		"                               an ID document held (held) or applied for\n"
		"                               (application_pending, _accepted, _rejected)\n"
		"  --bank --status=S [--applied=DATE] [--bank-name=NAME]\n"
		"                               pending: a new application; opened, declined,\n"
		"                               returned_*: its outcome; held: an account held\n"
		"  --accommodation [--plan=P] [--confirmed=yes|no] [--at-risk=yes|no]\n"
		"                  [--lived-before=X] [--duty-to-refer=DATE]\n"
		"                               the release address; options not given are\n"
		"                               left as they are\n"
		"  --checklist=ITEM --status=done|not_done\n"
		"                               a handover checklist item\n"
		"  --assessment=TYPE --status=S [--pathway=P] [--completed=DATE]\n"
		"                               an immediate_needs or pre_release assessment\n"
		"                               of every pathway, or of --pathway; S is\n"
		"                               not_started, in_progress, complete or\n"
		"                               submitted (completed: today by default)\n"
		"  --com=NAME [--com-email=EMAIL] [--allocated=DATE]\n"
		"                               the COM allocated (date: today by default)\n"
		"A bad value is refused with the list of valid values (exit 3); dates\n"
		"default to today.\n"},
	{"import", cmd_import, O_IMPORT, "import prisoners FILE [--as-of DATE] [--rejects FILE]",
		"import a Prisoner Search export (FILE, or - for standard input)",
		"  --as-of=DATE                 the day the export was taken (default today)\n"
		"  --rejects=FILE               write each rejected record to FILE as a JSON\n"
		"                               line: line, record_key, field, reason\n"
		"  --strict                     apply nothing if any record is rejected\n"
		"  --dry-run                    check and count, apply nothing\n"
		"FILE is a JSON array, NDJSON or a page ({\"content\": [...]}). Prints\n"
		"records read, applied, unchanged and rejected; exit 6 when some records\n"
		"were rejected (the rest applied, unless --strict).\n"},
	{"export", cmd_export, 0, "export VIEW [-o FILE]",
		"stream a view row by row, csv by default",
		"Views:\n"
		"  analysts: the analyst_* views; staff and admin: the measures and\n"
		"  the case lists v_cases ... v_release_outcomes; admin also\n"
		"  case_facts, readiness_history, release_outcome; everyone: rule, prison\n"},
	{"watch", cmd_watch, O_PRISON | O_COUNT | O_TIMEOUT,
		"watch [--prison CODE] [--count N] [--timeout S]",
		"print one line per readiness change (LISTEN resettle_readiness)",
		"  --prison=CODE                only changes in this prison\n"
		"  --count=N                    stop after N changes\n"
		"  --timeout=S                  stop after S seconds without a change\n"},
	{"report", cmd_report, O_PRISON, "report [-o FILE] [--prison CODE] [--as-of DATE]",
		"write an HTML report with charts (stdout, or -o FILE)",
		"  -o, --output=FILE            write the report to FILE (default: stdout)\n"
		"  --prison=CODE                one prison (default: all the prisons you see)\n"
		"  --as-of=DATE                 the releases due in the 12 weeks from DATE and\n"
		"                               the measures of the 24 months to DATE\n"
		"                               (default today)\n"},
	{"ping", cmd_ping, 0, "ping", "check the server and the extension", ""},
	{"version", cmd_version, 0, "version",
		"show client, server and extension versions", ""},
	{"help", NULL, 0, "help [COMMAND | options]", "show help (options: those every command takes)", ""},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
print_global_options(FILE *out)
{
	fprintf(out, "\nOutput options:\n"
		   "  -f, --format=FORMAT          table, csv, tsv, json or ndjson\n"
		   "                               (default: table on a terminal or with -x\n"
		   "                               or --wide, else tsv)\n"
		   "  -o, --output=FILE            write to FILE instead of stdout\n"
		   "  -t, --no-header              no header line (and no footer)\n"
		   "  -x, --expanded               table output as one field per line, records\n"
		   "                               under a \"-[ RECORD n ]\" line\n"
		   "      --wide                   table output with every column and every\n"
		   "                               value in full (no cutting or wrapping)\n"
		   "      --width=N                fit table output to N columns (default: the\n"
		   "                               terminal's width, else COLUMNS, else 80;\n"
		   "                               piped or to a file, not fitted)\n"
		   "      --csv-raw                csv values as stored: no ' before a value a\n"
		   "                               spreadsheet would run as a formula\n"
		   "      --linestyle=ascii|unicode  characters of bar charts\n"
		   "      --color=WHEN             auto, always or never (honours NO_COLOR)\n"
		   "      --no-pager               never page table output or help on a terminal\n"
		   "      --as-of=DATE             evaluate as of DATE, YYYY-MM-DD or DD/MM/YYYY\n"
		   "                               (default today)\n"
		   "  -q, --quiet                  no informational messages\n"
		   "  -v, --verbose                show queries and SQLSTATEs (twice: more)\n"
		   "  -V, --version                output version information, then exit\n"
		   "  -?, --help                   show this help, then exit\n"
		   "\nConnection options:\n"
		   "  -h, --host=HOSTNAME          database server host or socket directory\n"
		   "  -p, --port=PORT              database server port\n"
		   "  -U, --username=USERNAME      user name to connect as\n"
		   "  -d, --dbname=DBNAME          database name, conninfo string or URI\n"
		   "  -w, --no-password            never prompt for password\n"
		   "  -W, --password               force password prompt\n");
}

static void
help(FILE *out, const Command *cmd)
{
	size_t		i;

	if (cmd != NULL)
	{
		fprintf(out, "%s: %s\n\nUsage:\n  %s %s [OPTION]...\n", progname, cmd->summary,
			   progname, cmd->synopsis);
		/* a help text that does not start with an option has its own heading */
		if (cmd->help[0] == ' ')
			fprintf(out, "\nOptions:\n%s", cmd->help);
		else if (cmd->help[0] != '\0')
			fprintf(out, "\n%s", cmd->help);
		fprintf(out, "\nThe output and connection options every command takes: \"%s help options\".\n",
			   progname);
		return;
	}
	fprintf(out, "%s is the command-line client of the resettle extension: release\n"
		   "readiness and handover of prison leavers.\n\n"
		   "Usage:\n  %s [OPTION]... COMMAND [ARG]...\n\nCommands:\n",
		   progname, progname);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nRun \"%s COMMAND --help\" for a command's options.\n", progname);
	print_global_options(out);
	fprintf(out, "\nExit status: 0 ok, 1 error, 2 connection, 3 usage, 4 not found,\n"
		   "5 extension missing, 6 import: records rejected, 130 interrupted.\n"
		   "\nReport bugs to the resettle project.\n");
}

/*
 * help of a command (NULL: of the client), or of the options every command
 * takes, paged on a terminal when taller than the window
 */
static void
show_help(const Command *cmd, bool options)
{
	char	   *buf = NULL;
	size_t		len = 0;
	FILE	   *out = open_memstream(&buf, &len);

	if (out == NULL)
		fatal(EXIT_ERROR, "out of memory");
	if (options)
	{
		fprintf(out, "Options every %s command takes:\n", progname);
		print_global_options(out);
	}
	else
		help(out, cmd);
	if (fclose(out) != 0)
		fatal(EXIT_ERROR, "out of memory");
	page_text(buf, len);
	free(buf);
}

static const Command *
find_command(const char *name)
{
	size_t		i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

enum
{
	OPT_COLOR = 256,
	OPT_ASOF,
	OPT_LINESTYLE,
	OPT_NOPAGER,
	OPT_WIDE,
	OPT_WIDTH,
	OPT_CSVRAW,
	OPT_WEEKS,
	OPT_PRISON,
	OPT_LEVEL,
	OPT_UPCOMING,
	OPT_OVERDUE,
	OPT_RULE,
	OPT_PATHWAY,
	OPT_NEED,
	OPT_STATUS,
	OPT_NOTE,
	OPT_BY,
	OPT_COUNT,
	OPT_TIMEOUT,
	OPT_ID,
	OPT_BANK,
	OPT_ACCOMMODATION,
	OPT_CHECKLIST,
	OPT_COM,
	OPT_COM_EMAIL,
	OPT_ALLOCATED,
	OPT_APPLIED,
	OPT_BANK_NAME,
	OPT_PLAN,
	OPT_CONFIRMED,
	OPT_AT_RISK,
	OPT_LIVED_BEFORE,
	OPT_DUTY_TO_REFER,
	OPT_POM,
	OPT_MINE,
	OPT_ASSESSMENT,
	OPT_COMPLETED,
	OPT_REJECTS,
	OPT_STRICT,
	OPT_DRY_RUN
};

int
main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"dbname", required_argument, NULL, 'd'},
		{"no-password", no_argument, NULL, 'w'},
		{"password", no_argument, NULL, 'W'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"no-header", no_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, '?'},
		{"color", required_argument, NULL, OPT_COLOR},
		{"colour", required_argument, NULL, OPT_COLOR},
		{"as-of", required_argument, NULL, OPT_ASOF},
		{"linestyle", required_argument, NULL, OPT_LINESTYLE},
		{"no-pager", no_argument, NULL, OPT_NOPAGER},
		{"expanded", no_argument, NULL, 'x'},
		{"wide", no_argument, NULL, OPT_WIDE},
		{"width", required_argument, NULL, OPT_WIDTH},
		{"csv-raw", no_argument, NULL, OPT_CSVRAW},
		{"weeks", required_argument, NULL, OPT_WEEKS},
		{"prison", required_argument, NULL, OPT_PRISON},
		{"level", required_argument, NULL, OPT_LEVEL},
		{"upcoming", no_argument, NULL, OPT_UPCOMING},
		{"overdue", no_argument, NULL, OPT_OVERDUE},
		{"rule", required_argument, NULL, OPT_RULE},
		{"pathway", required_argument, NULL, OPT_PATHWAY},
		{"need", required_argument, NULL, OPT_NEED},
		{"status", required_argument, NULL, OPT_STATUS},
		{"note", required_argument, NULL, OPT_NOTE},
		{"by", required_argument, NULL, OPT_BY},
		{"count", required_argument, NULL, OPT_COUNT},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"id", required_argument, NULL, OPT_ID},
		{"bank", no_argument, NULL, OPT_BANK},
		{"accommodation", no_argument, NULL, OPT_ACCOMMODATION},
		{"checklist", required_argument, NULL, OPT_CHECKLIST},
		{"com", required_argument, NULL, OPT_COM},
		{"com-email", required_argument, NULL, OPT_COM_EMAIL},
		{"allocated", required_argument, NULL, OPT_ALLOCATED},
		{"applied", required_argument, NULL, OPT_APPLIED},
		{"bank-name", required_argument, NULL, OPT_BANK_NAME},
		{"plan", required_argument, NULL, OPT_PLAN},
		{"confirmed", required_argument, NULL, OPT_CONFIRMED},
		{"at-risk", required_argument, NULL, OPT_AT_RISK},
		{"lived-before", required_argument, NULL, OPT_LIVED_BEFORE},
		{"duty-to-refer", required_argument, NULL, OPT_DUTY_TO_REFER},
		{"pom", required_argument, NULL, OPT_POM},
		{"mine", no_argument, NULL, OPT_MINE},
		{"assessment", required_argument, NULL, OPT_ASSESSMENT},
		{"completed", required_argument, NULL, OPT_COMPLETED},
		{"rejects", required_argument, NULL, OPT_REJECTS},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{NULL, 0, NULL, 0}
	};
	int			c;
	int			longindex;
	int			seen = 0;
	const char *seen_name[NOPTBITS] = {0};	/* the first option of each O_* */
	bool		want_help = false;
	const Command *cmd;
	int			i;

	/* the character set of the locale: libpq's client_encoding=auto reads it */
	setlocale(LC_CTYPE, "");
	opts.color = -1;
	opts.count = -1;
	opts.timeout = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h:p:U:d:wWf:o:txqvV?", long_options,
							&longindex)) != -1)
	{
		int			seen_before = seen;

		switch (c)
		{
			case 'h':
				opts.host = optarg;
				break;
			case 'p':
				opts.port = optarg;
				break;
			case 'U':
				opts.user = optarg;
				break;
			case 'd':
				opts.dbname = optarg;
				break;
			case 'w':
				opts.password = -1;
				break;
			case 'W':
				opts.password = 1;
				break;
			case 'f':
				if (strcmp(optarg, "table") == 0)
					opts.format = FMT_TABLE;
				else if (strcmp(optarg, "csv") == 0)
					opts.format = FMT_CSV;
				else if (strcmp(optarg, "tsv") == 0)
					opts.format = FMT_TSV;
				else if (strcmp(optarg, "json") == 0)
					opts.format = FMT_JSON;
				else if (strcmp(optarg, "ndjson") == 0)
					opts.format = FMT_NDJSON;
				else
					usage_error("invalid format \"%s\" (expected table, csv, tsv, json or ndjson)", optarg);
				break;
			case 'o':
				opts.output = optarg;
				break;
			case 't':
				opts.no_header = true;
				break;
			case 'x':
				opts.expanded = true;
				break;
			case 'q':
				opts.quiet = true;
				break;
			case 'v':
				opts.verbose++;
				break;
			case 'V':
				printf("%s (resettle) %s\n", progname, RESETTLE_VERSION);
				return EXIT_OK;
			case '?':
				if (strcmp(argv[optind - 1], "-?") == 0 ||
					strcmp(argv[optind - 1], "--help") == 0)
				{
					want_help = true;
					break;
				}
				if (optopt >= 32 && optopt < 127)
					usage_error("invalid option -- '%c'", optopt);
				usage_error("unrecognized option \"%s\"", argv[optind - 1]);
				break;
			case ':':
				usage_error("option \"%s\" requires an argument", argv[optind - 1]);
				break;
			case OPT_COLOR:
				if (strcmp(optarg, "auto") == 0)
					opts.color = -1;
				else if (strcmp(optarg, "always") == 0)
					opts.color = 1;
				else if (strcmp(optarg, "never") == 0)
					opts.color = 0;
				else
					usage_error("invalid value \"%s\" for --color (expected auto, always or never)", optarg);
				break;
			case OPT_ASOF:
				opts.as_of = option_parse_date(optarg, "--as-of");
				break;
			case OPT_LINESTYLE:
				if (strcmp(optarg, "ascii") == 0)
					opts.ascii = true;
				else if (strcmp(optarg, "unicode") == 0)
					opts.ascii = false;
				else
					usage_error("invalid value \"%s\" for --linestyle (expected ascii or unicode)", optarg);
				break;
			case OPT_NOPAGER:
				opts.no_pager = true;
				break;
			case OPT_WIDE:
				opts.wide = true;
				break;
			case OPT_WIDTH:
				opts.width = (int) option_parse_long(optarg, "--width", 20, 10000);
				break;
			case OPT_CSVRAW:
				opts.csv_raw = true;
				break;
			case OPT_WEEKS:
				opts.weeks = optarg;
				option_parse_long(optarg, "--weeks", 0, 520);
				seen |= O_WEEKS;
				break;
			case OPT_PRISON:
				opts.prison = optarg;
				seen |= O_PRISON;
				break;
			case OPT_LEVEL:
				opts.level = optarg;
				seen |= O_LEVEL;
				break;
			case OPT_UPCOMING:
			case OPT_OVERDUE:
				if (opts.kind != NULL)
					usage_error("--upcoming and --overdue cannot be combined");
				opts.kind = (c == OPT_UPCOMING) ? "upcoming" : "overdue";
				seen |= O_KIND;
				break;
			case OPT_RULE:
				opts.rule = optarg;
				seen |= O_RULE;
				break;
			case OPT_PATHWAY:
				opts.pathway = optarg;
				seen |= O_PATHWAY;
				break;
			case OPT_NEED:
				opts.need = optarg;
				seen |= O_NEED;
				break;
			case OPT_STATUS:
				opts.status = optarg;
				seen |= O_STATUS;
				break;
			case OPT_NOTE:
				opts.note = optarg;
				seen |= O_NOTE;
				break;
			case OPT_ID:
				opts.id = optarg;
				seen |= O_RECORD;
				break;
			case OPT_BANK:
				opts.bank = true;
				seen |= O_RECORD;
				break;
			case OPT_ACCOMMODATION:
				opts.accommodation = true;
				seen |= O_RECORD;
				break;
			case OPT_CHECKLIST:
				opts.checklist = optarg;
				seen |= O_RECORD;
				break;
			case OPT_COM:
				opts.com = optarg;
				seen |= O_RECORD;
				break;
			case OPT_COM_EMAIL:
				opts.com_email = optarg;
				seen |= O_RECORD;
				break;
			case OPT_ALLOCATED:
				opts.allocated = option_parse_date(optarg, "--allocated");
				seen |= O_RECORD;
				break;
			case OPT_APPLIED:
				opts.applied = option_parse_date(optarg, "--applied");
				seen |= O_RECORD;
				break;
			case OPT_ASSESSMENT:
				opts.assessment = optarg;
				seen |= O_RECORD;
				break;
			case OPT_COMPLETED:
				opts.completed = option_parse_date(optarg, "--completed");
				seen |= O_RECORD;
				break;
			case OPT_BANK_NAME:
				opts.bank_name = optarg;
				seen |= O_RECORD;
				break;
			case OPT_PLAN:
				opts.plan = optarg;
				seen |= O_RECORD;
				break;
			case OPT_CONFIRMED:
				opts.confirmed = optarg;
				seen |= O_RECORD;
				break;
			case OPT_AT_RISK:
				opts.at_risk = optarg;
				seen |= O_RECORD;
				break;
			case OPT_LIVED_BEFORE:
				opts.lived_before = optarg;
				seen |= O_RECORD;
				break;
			case OPT_DUTY_TO_REFER:
				opts.duty_to_refer = option_parse_date(optarg, "--duty-to-refer");
				seen |= O_RECORD;
				break;
			case OPT_BY:
				opts.by = optarg;
				seen |= O_BY;
				break;
			case OPT_COUNT:
				opts.count = option_parse_long(optarg, "--count", 1, 1000000000L);
				seen |= O_COUNT;
				break;
			case OPT_TIMEOUT:
				opts.timeout = option_parse_long(optarg, "--timeout", 0, 86400L * 365);
				seen |= O_TIMEOUT;
				break;
			case OPT_POM:
				if (opts.mine)
					usage_error("--pom and --mine cannot be combined");
				if (optarg[strspn(optarg, " \t")] == '\0')
					usage_error("--pom needs a POM's name");
				opts.pom = optarg;
				seen |= O_POM;
				break;
			case OPT_MINE:
				if (opts.pom != NULL)
					usage_error("--pom and --mine cannot be combined");
				opts.mine = true;
				seen |= O_POM;
				break;
			case OPT_REJECTS:
				opts.rejects = optarg;
				seen |= O_IMPORT;
				break;
			case OPT_STRICT:
				opts.strict = true;
				seen |= O_IMPORT;
				break;
			case OPT_DRY_RUN:
				opts.dry_run = true;
				seen |= O_IMPORT;
				break;
			default:
				usage_error("invalid option");
		}
		/* command options are long options: remember each kind's first */
		if (seen != seen_before)
		{
			int			bit;

			for (bit = 0; bit < NOPTBITS; bit++)
				if ((seen & ~seen_before & (1 << bit)) && seen_name[bit] == NULL)
					seen_name[bit] = long_options[longindex].name;
		}
	}

	if (optind >= argc)
	{
		if (want_help)
		{
			show_help(NULL, false);
			return EXIT_OK;
		}
		usage_error("no command given");
	}
	cmd = find_command(argv[optind]);
	if (cmd == NULL)
		usage_error("unknown command \"%s\"", argv[optind]);
	if (cmd->run == NULL)
	{
		/* help [COMMAND | options] */
		const Command *about = NULL;

		if (optind + 1 < argc && strcmp(argv[optind + 1], "options") == 0)
		{
			show_help(NULL, true);
			return EXIT_OK;
		}
		if (optind + 1 < argc && (about = find_command(argv[optind + 1])) == NULL)
			usage_error("unknown command \"%s\" (help takes a command or \"options\")",
						argv[optind + 1]);
		show_help(about, false);
		return EXIT_OK;
	}
	if (want_help)
	{
		show_help(cmd, false);
		return EXIT_OK;
	}
	if ((seen & ~cmd->allowed) != 0)
	{
		int			bit = 0;

		while (!((seen & ~cmd->allowed) & (1 << bit)))
			bit++;
		fprintf(stderr, "%s: error: option \"--%s\" is not valid for command \"%s\"\n"
				"%s: hint: Try \"%s %s --help\" for the options of \"%s\".\n",
				progname, seen_name[bit] ? seen_name[bit] : "?", cmd->name,
				progname, progname, cmd->name, cmd->name);
		exit(EXIT_USAGE);
	}
	for (i = optind + 1; i < argc; i++)
		if (argv[i][0] == '\0')
			usage_error("empty argument");
	install_signal_handlers();
	return cmd->run(argc - optind - 1, argv + optind + 1);
}
