# The resettle command-line client against a real server: help, options,
# every command, byte-exact machine formats, exit codes, password handling,
# .pgpass and service files, watch, and hostile values.
#
# Byte strings throughout (no "use utf8"): stdout is compared byte for byte.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

$ENV{LC_ALL} = 'C.UTF-8';
$ENV{COLUMNS} = '100';
$ENV{PAGER} = '';
$ENV{NO_COLOR} = '1';
delete $ENV{PGAPPNAME};

program_help_ok('resettle');
program_version_ok('resettle');
program_options_handling_ok('resettle');

# Pager and terminal tests need a pseudo-terminal; a minimal container or
# chroot may have IO::Pty but no /dev/ptmx.
my $have_pty = eval {
	local $SIG{__WARN__} = sub { };
	require IO::Pty;
	defined(IO::Pty->new);
};

my $node = PostgreSQL::Test::Cluster->new('client');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE noext');
$node->safe_psql(
	'postgres', q{
CREATE EXTENSION resettle;
ALTER DATABASE postgres SET resettle.today = '2026-03-09';
SET resettle.today = '2026-03-09';
-- the client must show safely whatever a server sends; since 1.2 the
-- database refuses control characters and long values in these columns,
-- so this test drops those checks to play a server that does not
ALTER TABLE resettle.person DROP CONSTRAINT person_given_name_text,
	DROP CONSTRAINT person_family_name_text;
ALTER TABLE resettle.pathway_status DROP CONSTRAINT pathway_status_note_text;
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('A1234BC', 'X123456', 'Ann', 'O''Brien', '1990-01-01', 'female'),
       ('B2345CD', 'X234567', 'Bob', 'Smith', '1985-05-05', 'male'),
       ('C3456DE', NULL, 'Zoë "Z"; x', E'Line\nTwo', '1980-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (1, 'A1234BC', 'BXI', '2025-12-20', '2025-12-20', '2026-06-01'),
       (2, 'B2345CD', 'BXI', '2025-01-10', '2025-01-10', '2026-04-01'),
       (3, 'C3456DE', 'MDI', '2024-01-10', '2024-01-10', '2026-05-01');
-- a case released on 2026-02-01, for the inspection measures of stats
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('F6789GH', 'Fay', 'Gone', '1970-03-03', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (6, 'F6789GH', 'BXI', '2024-06-01', '2024-06-01', '2026-02-01');
INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed)
VALUES (6, 'family_or_friends', 'return_to_previous_address', true);
INSERT INTO resettle.support_need (custody_id, need, status)
VALUES (6, 'gp_registration', 'met'), (6, 'benefit_claim', 'not_started');
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
VALUES (6, 'children_families_community', 'done');
SET resettle.today = '2026-02-01';
UPDATE resettle.custody SET released_on = '2026-02-01' WHERE id = 6;
-- an analyst: resettle_analyst reads the pseudonymised views only
SELECT count(*) FROM resettle.create_roles();
CREATE ROLE analyst1 LOGIN IN ROLE resettle_analyst;
});

my @asof = ('--as-of', '2026-03-09');

# run the client against the node; compare stdout byte for byte
sub command_is_out
{
	my ($cmd, $expected, $name) = @_;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($o, $e);
	IPC::Run::run($cmd, '>', \$o, '2>', \$e);
	is($? >> 8, 0, "$name: exit 0");
	is($o, $expected, $name);
	is($e, '', "$name: no stderr");
	return;
}

# --- usage and help
command_ok([ 'resettle', 'case', '--help' ], 'case --help');
command_like([ 'resettle', 'help', 'releases' ], qr/--weeks=N/, 'help COMMAND');
# a command's help has its own options; the ones every command takes once
command_like([ 'resettle', 'help', 'releases' ], qr/\A(?!.*--format).*every command takes: "resettle help options"\.\n\z/s,
	'help COMMAND: its own options, and where the others are');
command_like([ 'resettle', 'help', 'options' ], qr/\AOptions every resettle command takes:\n.*--format=FORMAT.*--username=USERNAME/s,
	'help options');
command_checks_all([ 'resettle', 'case', 'bogus' ], 3, [qr/^$/],
	[qr/is neither a prison number/], 'invalid identifier: exit 3');
command_checks_all([ 'resettle', 'frobnicate' ], 3, [qr/^$/],
	[qr/unknown command "frobnicate"\n.*Try "resettle --help"/s], 'unknown command: exit 3');
command_checks_all([ 'resettle', '--format', 'xml', 'ping' ], 3, [qr/^$/],
	[qr/invalid format/], 'bad format: exit 3');
command_checks_all([ 'resettle', 'releases', '--count', '3' ], 3, [qr/^$/],
	[qr/not valid for command "releases"/], 'option of another command: exit 3');
# the option and the command named, whichever way the option is written
command_checks_all([ 'resettle', 'handovers', '--weeks=4' ], 3, [qr/^$/],
	[qr/\Aresettle: error: option "--weeks" is not valid for command "handovers"\nresettle: hint: Try "resettle handovers --help" for the options of "handovers"\.\n\z/],
	'--weeks on handovers: the option and command named, exit 3');
# dates as written in the UK; a bad date names its option
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($iso) = run_command([ 'resettle', '-f', 'csv', 'stats', '--as-of', '2026-03-09' ]);
	command_is_out([ 'resettle', '-f', 'csv', 'stats', '--as-of', '09/03/2026' ], "$iso\n",
		'--as-of DD/MM/YYYY reads as YYYY-MM-DD');
}
$node->command_checks_all([ 'resettle', 'stats', '--as-of', '3/9/26' ], 3, [qr/^$/],
	[qr/\Aresettle: error: invalid date "3\/9\/26" for --as-of \(expected YYYY-MM-DD or DD\/MM\/YYYY\)\n/],
	'a bad date: the option named, exit 3');
# an unknown prison or rule is not found, not an empty list
$node->command_checks_all([ 'resettle', 'releases', '--prison', 'XYZ' ], 4, [qr/^$/],
	[qr/\Aresettle: error: prison "XYZ" is not one of the prisons you may see\nHINT:  Yours: /],
	'an unknown --prison: exit 4, and which are yours');
$node->command_checks_all([ 'resettle', 'gaps', '--rule', 'banking' ], 4, [qr/^$/],
	[qr/\Aresettle: error: unknown rule "banking"\nHINT:  A rule is a code such as bank\.none or a prefix such as bank/],
	'an unknown --rule: exit 4');
command_checks_all([ 'resettle', '--mine', 'releases' ], 3, [qr/^$/],
	[qr/\Aresettle: error: option "--mine" is not valid for command "releases"\n/],
	'--mine before the command: named, exit 3');
command_checks_all([ 'resettle', 'gaps', '--prison', 'BXI', '--overdue' ], 3, [qr/^$/],
	[qr/\Aresettle: error: option "--overdue" is not valid for command "gaps"\n/],
	'--overdue on gaps: named, exit 3');
command_checks_all([ 'resettle', 'gaps', '--pom', 'Jo', '--mine' ], 3, [qr/^$/],
	[qr/\Aresettle: error: --pom and --mine cannot be combined\n/], '--pom with --mine: exit 3');
command_checks_all([ 'resettle', 'gaps', '--weeks', '-1' ], 3, [qr/^$/],
	[qr/invalid value "-1" for --weeks/], 'gaps --weeks negative: exit 3');
command_checks_all([ 'resettle', 'releases', '--weeks', 'x' ], 3, [qr/^$/],
	[qr/invalid value "x" for --weeks/], 'bad number: exit 3');
command_checks_all(
	[ 'resettle', '-h', '/nonexistent', 'ping' ],
	2, [qr/^$/], [qr/^resettle: error: connection to server on socket "\/nonexistent/],
	'bad socket: exit 2');

# --- commands against the fixture
$node->command_checks_all([ 'resettle', 'ping' ], 0, [qr/^ok: server/], [qr/^$/], 'ping');
$node->command_checks_all([ 'resettle', '-d', 'noext', 'ping' ], 5, [qr/^$/],
	[qr/extension "resettle" is not installed in database "noext"\nHINT:/],
	'extension missing: exit 5');
# a version this client does not speak (set by hand in a scratch database)
$node->safe_psql('postgres', 'CREATE DATABASE oldext');
$node->safe_psql('oldext', q{CREATE EXTENSION resettle;
UPDATE pg_catalog.pg_extension SET extversion = '2.0' WHERE extname = 'resettle'});
$node->command_checks_all([ 'resettle', '-d', 'oldext', 'ping' ], 5, [qr/^$/],
	[qr/extension "resettle" version 2\.0 is not supported by this client\nDETAIL:  This client needs version 1\.x\./],
	'extension of another major version: exit 5');
$node->command_checks_all([ 'resettle', '-f', 'csv', 'version' ], 0,
	[qr/^client,server,extension\n1\.2,15\.\d+.*,1\.2\n$/], [qr/^$/], 'version');

my ($out, $err);
$node->command_checks_all([ 'resettle', 'case', 'Z9999ZZ' ], 4, [qr/^$/],
	[qr/no case found for "Z9999ZZ"/], 'unknown prison number: exit 4');

# global options after the command, CRN lookup, csv card
my $stdout;
IPC::Run::run([ 'resettle', 'case', 'x234567', '-f', 'csv', @asof,
	'-d', $node->connstr('postgres') ], '>', \$stdout, '2>', \$err);
like($stdout, qr/^section,field,value\nidentity,prison_number,B2345CD\n/, 'case by CRN, options after command');
like($stdout, qr/\nhandover,handover_reason,determinate\n/, 'case card: handover');
like($stdout, qr/\ngap,bank\.none,"error: No bank account/, 'case card: gaps with messages');
like($stdout, qr/\npathway,health,not_started\n/, 'case card: pathways');
like($stdout, qr/\nhistory,2026-03-09,\(none\) -> not_ready\n$/, 'case card: history (the first change from none)');

# table card
$node->command_like([ 'resettle', '-f', 'table', 'case', 'A1234BC', @asof ],
	qr/^identity\n  prison_number +A1234BC\n.*\nreadiness\n  as_of +2026-03-09\n  level +not_ready\n/s,
	'case card in table format');

# releases: csv, byte-exact, with hostile values
command_is_out(
	[ 'resettle', '-f', 'csv', 'releases', @asof ],
	qq{prison_number,name,prison_code,release_date,days_to_release,readiness,gaps,responsibility,handover_date
B2345CD,Bob Smith,BXI,2026-04-01,23,not_ready,9,community,2025-07-18
C3456DE,"Zoë ""Z""; x Line
Two",MDI,2026-05-01,53,not_ready,9,community,2025-08-18
A1234BC,Ann O'Brien,BXI,2026-06-01,84,not_ready,8,community,
}, 'releases csv');
command_is_out(
	[ 'resettle', '-f', 'json', 'releases', '--prison', 'mdi', @asof ],
	qq{[
{"prison_number":"C3456DE","name":"Zoë \\"Z\\"; x Line\\nTwo","prison_code":"MDI","release_date":"2026-05-01","days_to_release":53,"readiness":"not_ready","gaps":9,"responsibility":"community","handover_date":"2025-08-18"}
]
}, 'releases json, hostile name escaped');
command_is_out(
	[ 'resettle', '-f', 'tsv', '--no-header', 'releases', '--prison', 'MDI', @asof ],
	qq{C3456DE\tZoë "Z"; x Line\\nTwo\tMDI\t2026-05-01\t53\tnot_ready\t9\tcommunity\t2025-08-18\n},
	'releases tsv without header');
command_is_out([ 'resettle', '-f', 'json', 'releases', '--level', 'ready', @asof ],
	"[]\n", 'empty json array');
command_is_out([ 'resettle', '-f', 'csv', 'releases', '--weeks', '1', @asof ],
	"prison_number,name,prison_code,release_date,days_to_release,readiness,gaps,responsibility,handover_date\n",
	'empty list: header only, exit 0');
$node->command_checks_all([ 'resettle', 'releases', '--level', 'bogus' ], 3, [qr/^$/],
	[qr/\Aresettle: error: invalid --level "bogus"\nDETAIL:  Valid values: ready, /], 'bad level: named, with the valid values, exit 3');

# handovers
command_is_out(
	[ 'resettle', '-f', 'ndjson', 'handovers', '--overdue', @asof ],
	qq({"prison_number":"B2345CD","name":"Bob Smith","prison_code":"BXI","handover_date":"2025-07-18","days_to_handover":-234,"status":"overdue","responsibility":"community","com_name":null,"release_date":"2026-04-01","pom_name":null}
{"prison_number":"C3456DE","name":"Zoë \\"Z\\"; x Line\\nTwo","prison_code":"MDI","handover_date":"2025-08-18","days_to_handover":-203,"status":"overdue","responsibility":"community","com_name":null,"release_date":"2026-05-01","pom_name":null}
), 'handovers ndjson');
command_is_out([ 'resettle', '-f', 'csv', '-t', 'handovers', '--upcoming', @asof ],
	'', 'no upcoming handovers');

# gaps
command_is_out(
	[ 'resettle', '-f', 'csv', '-t', 'gaps', '--rule', 'bank', '--prison', 'BXI', @asof ],
	qq{B2345CD,Bob Smith,BXI,2026-04-01,bank.none,error,"No bank account is held or opened and no application is pending; one is needed by 2026-01-07, 84 days before release on 2026-04-01.",2026-01-07,23,not_ready,
A1234BC,Ann O'Brien,BXI,2026-06-01,bank.none,error,"No bank account is held or opened and no application is pending; one is needed by 2026-03-09, 84 days before release on 2026-06-01.",2026-03-09,84,not_ready,
}, 'gaps csv by rule prefix and prison');
$node->command_like([ 'resettle', '-f', 'csv', 'gaps', '--pathway', 'accommodation', @asof ],
	qr/^prison_number,.*\n(?:[^\n]*,accommodation\.[a-z_]+,[^\n]*\n)+$/s, 'gaps by pathway');

# stats: readiness of the cases in custody and the measures of the releases
# of the last 12 months: the 12 whole months before the month of --as-of
command_is_out([ 'resettle', '-f', 'json', 'stats', '--by', 'region', @asof ],
	qq{[
{"group":"London","total":2,"ready":0,"on_track":0,"at_risk":0,"not_ready":2,"out_of_scope":0,"released":1,"settled_accommodation":1,"settled_accommodation_pct":100.0,"id_document":0,"id_document_pct":0.0,"bank_account":0,"bank_account_pct":0.0,"benefit_claim_needed":1,"benefit_claim_started":0,"benefit_claim_started_pct":0.0,"gp_needed":1,"gp_arranged":1,"gp_arranged_pct":100.0,"com_handover_due":1,"com_allocated_by_handover":0,"com_allocated_by_handover_pct":0.0,"family_pathway_addressed":1,"family_pathway_addressed_pct":100.0},
{"group":"North East","total":1,"ready":0,"on_track":0,"at_risk":0,"not_ready":1,"out_of_scope":0,"released":0,"settled_accommodation":0,"settled_accommodation_pct":null,"id_document":0,"id_document_pct":null,"bank_account":0,"bank_account_pct":null,"benefit_claim_needed":0,"benefit_claim_started":0,"benefit_claim_started_pct":null,"gp_needed":0,"gp_arranged":0,"gp_arranged_pct":null,"com_handover_due":0,"com_allocated_by_handover":0,"com_allocated_by_handover_pct":null,"family_pathway_addressed":0,"family_pathway_addressed_pct":null}
]
}, 'stats json: readiness and measures');
command_is_out([ 'resettle', '-f', 'csv', 'stats', '--by', 'month', '--as-of', '2027-02-01' ],
	qq{group,total,ready,on_track,at_risk,not_ready,out_of_scope,released,settled_accommodation,settled_accommodation_pct,id_document,id_document_pct,bank_account,bank_account_pct,benefit_claim_needed,benefit_claim_started,benefit_claim_started_pct,gp_needed,gp_arranged,gp_arranged_pct,com_handover_due,com_allocated_by_handover,com_allocated_by_handover_pct,family_pathway_addressed,family_pathway_addressed_pct
2026-02,0,0,0,0,0,0,1,1,100.0,0,0.0,0,0.0,1,0,0.0,1,1,100.0,1,0,0.0,1,100.0
2026-04,1,0,0,0,1,0,0,0,,0,,0,,0,0,,0,0,,0,0,,0,
2026-05,1,0,0,0,1,0,0,0,,0,,0,,0,0,,0,0,,0,0,,0,
2026-06,1,0,0,0,1,0,0,0,,0,,0,,0,0,,0,0,,0,0,,0,
}, 'stats csv by month: a release in the first of the 12 whole months before the month of --as-of is inside the window');
command_is_out(
	[ 'resettle', '-f', 'table', '--width', '100', 'stats', @asof ],
	qq{ prison | total | ready | on_track | at_risk | not_ready | out_of_scope
--------+-------+-------+----------+---------+-----------+--------------
 BXI    |     2 |     0 |        0 |       0 |         2 |            0
 MDI    |     1 |     0 |        0 |       0 |         1 |            0
(2 rows)

not ready:
 BXI } . ("\xe2\x96\x88" x 40) . qq{ 2
 MDI } . ("\xe2\x96\x88" x 20) . qq{ 1

releases of the last 12 months, Mar 2025 to Feb 2026:
 prison | released | accom | id | bank | benefit |  gp  | com | family
--------+----------+-------+----+------+---------+------+-----+--------
 BXI    |        1 |  100% | 0% |   0% |      0% | 100% |  0% |   100%
(1 row)
}, 'stats table: readiness, Unicode bars, measures');
$node->command_like([ 'resettle', '-f', 'table', '--linestyle', 'ascii', 'stats', @asof ],
	qr/\n BXI #{40} 2\n MDI #{20} 1\n\nreleases of/, 'stats bars in ASCII');
$node->command_checks_all([ 'resettle', 'stats', '--by', 'prisoner' ], 3, [qr/^$/],
	[qr/invalid value "prisoner" for --by \(expected prison, region, pathway or month\)/],
	'stats --by checked');
# colour: never with NO_COLOR or when piped, always on request
$node->command_like([ 'resettle', '-f', 'table', 'releases', @asof ], qr/^[^\e]*$/s, 'no colour with NO_COLOR');
$node->command_like([ 'resettle', '-f', 'table', '--color', 'always', 'releases', @asof ],
	qr/\e\[31mnot_ready\e\[0m/, '--color always overrides NO_COLOR');

# export: streamed, -o FILE
my $file = "$PostgreSQL::Test::Utils::tmp_check/rule.csv";
$node->command_ok([ 'resettle', 'export', 'rule', '-o', $file ], 'export to file');
my $csv = slurp_file($file);
like($csv, qr/^code,title,severity,warn_days,error_days,enabled,source\n/, 'export csv header');
is(scalar(() = $csv =~ /\n/g), 20, 'export: one line per rule');
$node->command_like([ 'resettle', '-f', 'ndjson', 'export', 'prison' ],
	qr/^\{"code":"ACI","name":"HMP & YOI Altcourse",.*"open_conditions":false,"contracted":true,/,
	'export ndjson typed booleans');
$node->command_checks_all([ 'resettle', 'export', 'pg_authid' ], 3, [qr/^$/],
	[qr/"pg_authid" cannot be exported/], 'export allow-list');

# export as an analyst (a login role granted resettle_analyst): the
# pseudonymised views, byte-exact.  Four people are fewer than k = 5, so they
# publish nothing here (test/t/050_disclosure.pl exports a caseload that
# publishes); the tables are refused by the server
{
	command_is_out(
		[ 'resettle', '-U', 'analyst1', '-f', 'csv', 'export', 'analyst_release_outcomes' ],
		"case_pseudonym,reference_month,disclosure_level,prison_code,region,sex,age_band,case_type,"
		  . "sentence_type,handover_type,release_period,returned_to_custody,settled_accommodation,"
		  . "id_document,bank_account,benefit_claim_needed,benefit_claim_started,gp_needed,gp_arranged,"
		  . "family_pathway_addressed,com_allocated,com_handover_due,com_allocated_by_handover,gaps,id_applied\n",
		'analyst exports analyst_release_outcomes (csv, byte-exact: the header alone)');

	my $cases = $node->safe_psql('postgres',
		q{COPY (SELECT * FROM resettle.analyst_cases ORDER BY case_pseudonym) TO STDOUT (FORMAT csv, HEADER)});
	command_is_out([ 'resettle', '-U', 'analyst1', '-f', 'csv', 'export', 'analyst_cases' ],
		"$cases\n", 'analyst exports analyst_cases (csv as COPY writes it)');
	is(scalar(() = $cases =~ /\n/g), 0, 'analyst_cases: four people, fewer than k: the header alone');

	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($o, $e);
	IPC::Run::run([ 'resettle', '-U', 'analyst1', '-f', 'ndjson', 'export',
		'analyst_readiness_history' ], '>', \$o, '2>', \$e);
	is($? >> 8, 0, 'analyst exports analyst_readiness_history: exit 0');
	is($o, '', 'analyst_readiness_history: no change published');
}
# stats for an analyst: from the analyst views (here nothing is published:
# four people), the columns of staff's; the month is the views', so no
# --prison or --as-of
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($o, $e);
	IPC::Run::run([ 'resettle', '-U', 'analyst1', '-f', 'csv', 'stats' ], '>', \$o, '2>', \$e);
	is($? >> 8, 0, 'analyst runs stats: exit 0') or diag($e);
	is($o, "group,total,ready,on_track,at_risk,not_ready,out_of_scope,released,settled_accommodation,settled_accommodation_pct,id_document,id_document_pct,bank_account,bank_account_pct,benefit_claim_needed,benefit_claim_started,benefit_claim_started_pct,gp_needed,gp_arranged,gp_arranged_pct,com_handover_due,com_allocated_by_handover,com_allocated_by_handover_pct,family_pathway_addressed,family_pathway_addressed_pct\n",
		'analyst stats: the header alone, nothing published');
}
$node->command_checks_all([ 'resettle', '-U', 'analyst1', 'stats', '--prison', 'BXI' ], 3, [qr/^$/],
	[qr/an analyst's stats are of the analyst views' month: --as-of and --prison are not available/],
	'analyst stats --prison: a usage error, exit 3');
$node->command_checks_all([ 'resettle', '-U', 'analyst1', 'export', 'case_facts' ], 1, [qr/^$/],
	[qr/permission denied for view case_facts/], 'analyst cannot export case_facts: exit 1');

# watch: start it, wait until it is listening, run some SQL; its stdout.
# A notification is only a hint: watch prints what it reads back from the
# database (docs/security.md), so it prints real changes made after it
# started, and nothing for a forged payload.
$node->safe_psql('postgres', q{
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W1234WW', 'Wendy', 'Watch', '1991-01-01', 'female'),
       ('W2345WW', 'Walt', 'Watch', '1992-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (90, 'W1234WW', 'BXI', '2025-12-20', '2025-12-20', '2026-06-01'),
       (91, 'W2345WW', 'MDI', '2025-12-20', '2025-12-20', '2026-06-01');
});
sub watch_once
{
	my ($format, $sql, $timeout, @extra) = @_;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($wout, $werr) = ('', '');
	my $h = IPC::Run::start(
		[ 'resettle', '-f', $format, @extra, 'watch', '--count', '1', '--timeout', $timeout // '60' ],
		'>', \$wout, '2>', \$werr,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	$node->poll_query_until('postgres',
		q{SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'resettle'
		  AND state = 'idle' AND query LIKE '%readiness_change%'})
	  or die 'watch did not start';
	$node->safe_psql('postgres', $sql);
	$h->finish;
	is($h->result(0), 0, "watch -f $format exits 0");
	return $wout;
}

# the gaps a release closes: those of the change before it
my %gaps_before = map {
	$_ => $node->safe_psql('postgres',
		"SELECT array_to_string(gaps, ' ') FROM resettle.readiness_history WHERE custody_id = $_ ORDER BY id DESC LIMIT 1")
} (90, 91);
my $closed_90 = $gaps_before{90};
like(watch_once('ndjson', q{UPDATE resettle.custody SET released_on = '2026-03-09' WHERE id = 90}),
	qr/\A\{"custody_id":90,"prison_number":"W1234WW","name":"Wendy Watch","prison_code":"BXI","from":"not_ready","to":"released","as_of":"2026-03-09","changed_at":"[-0-9 :.+]+","gaps_closed":"\Q$closed_90\E","gaps_opened":null,"change_id":\d+\}\n\z/,
	'watch prints a change as the database holds it, with the gaps it closed');
{
	# the time, the person, the prison, the change; then, indented and
	# wrapped at 80 columns, the gaps it closed
	my $line = watch_once('table', q{UPDATE resettle.custody SET released_on = '2026-03-09' WHERE id = 91},
		undef, '--width', '80');
	like($line, qr/\A\d\d:\d\d:\d\d W2345WW Walt Watch \(MDI\): not_ready -> released\n  closed: /,
		'watch: table format: time, prison number, name, prison, the change');
	ok(!grep({ length($_) > 80 } split /\n/, $line), 'watch: table format within 80 columns');
	(my $closed = $line) =~ s/\A[^\n]*\n  closed: //;
	$closed =~ s/\n {10}/ /g;
	is($closed, "$gaps_before{91}\n", 'watch: table format: the gaps the change closed');
}
# anyone may NOTIFY: a forged payload, even naming a real change (one made
# before the watch began), prints nothing
is(watch_once('table',
		q{SELECT pg_notify('resettle_readiness', json_build_object('change_id', max(id), 'custody_id', 90, 'prison_code', E'BXI\x1b]52;c;eA==\x07', 'from', E'\x1b[2J', 'to', 'ready')::text)
		  FROM resettle.readiness_history WHERE custody_id = 90},
		'2'),
	'', 'watch: a forged payload prints nothing');
command_is_out([ 'resettle', 'watch', '--timeout', '0', '-q' ], '', 'watch --timeout ends quietly');

# set: updates, readiness printed, hostile note round-trips
command_is_out(
	[ 'resettle', '-f', 'csv', 'set', 'A1234BC', '--pathway', 'children_families_community',
	  '--status', 'in_progress', '--note', qq{it's "fine";\nDROP TABLE x; -- ✓} ],
	qq{custody_id,readiness_before,readiness,gaps_closed,gaps_opened,gaps_before,gaps
1,not_ready,not_ready,family.not_assessed,"",handover.com_unallocated assessment.immediate_needs_overdue assessment.pre_release_overdue pathway.not_started accommodation.none id.none bank.none family.not_assessed,handover.com_unallocated assessment.immediate_needs_overdue assessment.pre_release_overdue pathway.not_started accommodation.none id.none bank.none
}, 'set pathway prints the readiness before and after');
$node->command_like([ 'resettle', '-f', 'csv', 'case', 'A1234BC', @asof ],
	qr/\npathway,children_families_community,"in_progress - it's ""fine"";\nDROP TABLE x; -- \xe2\x9c\x93"\n/,
	'hostile note round-trips');
$node->command_like([ 'resettle', '-f', 'csv', 'set', 'a1234bc', '--need', 'gp_registration', '--status', 'met' ],
	qr/^custody_id,readiness_before,readiness,gaps_closed,gaps_opened,gaps_before,gaps\n1,not_ready,not_ready,/,
	'set need');
is($node->safe_psql('postgres', q{SELECT status FROM resettle.support_need WHERE custody_id = 1}),
	'met', 'need recorded');
$node->command_checks_all([ 'resettle', 'set', 'Z9999ZZ', '--need', 'gp_registration', '--status', 'met' ],
	4, [qr/^$/], [qr/no case in custody for prison number "Z9999ZZ"\nHINT:  Check the prison number/],
	'set on unknown prison number: exit 4 with HINT');
$node->command_checks_all([ 'resettle', 'set', 'A1234BC', '--pathway', 'health' ], 3, [qr/^$/],
	[qr/set --pathway needs --status/], 'set without --status: exit 3');
$node->command_checks_all([ 'resettle', 'set', 'A1234BC', '--pathway', 'health', '--status', 'bogus' ],
	3, [qr/^$/],
	[qr/\Aresettle: error: invalid pathway status "bogus"\nDETAIL:  Valid values: not_started, in_progress, support_required, support_not_required, support_declined, done\.\n\z/],
	'set bad status: exit 3, the valid values listed');

# stats by pathway: cases in custody by each pathway's status (A1234BC's
# children_families_community is now in_progress; no row is not_started)
command_is_out([ 'resettle', '-f', 'csv', 'stats', '--by', 'pathway' ],
	qq{group,total,not_started,in_progress,support_required,support_not_required,support_declined,done
accommodation,3,3,0,0,0,0,0
attitudes_thinking_behaviour,3,3,0,0,0,0,0
children_families_community,3,2,1,0,0,0,0
drugs_alcohol,3,3,0,0,0,0,0
education_skills_work,3,3,0,0,0,0,0
finance_id,3,3,0,0,0,0,0
health,3,3,0,0,0,0,0
}, 'stats csv by pathway');
$node->command_like([ 'resettle', '-f', 'table', '--width', '100', '--linestyle', 'ascii', 'stats', '--by', 'pathway' ],
	qr/\(7 rows; 1 column not shown, see --wide or -x\)\n\nnot started:\n accommodation +#{40} 3\n.*\n children_families_community +#{27} 2\n/s,
	'stats table by pathway with a chart of not started');

# table alignment of multi-byte and wide text (widths from PQdsplen)
$node->safe_psql(
	'postgres', q{
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('D4567EF', NULL, 'Ünïcødé', 'Ñoño', '1980-01-01', 'male'),
       ('E5678FG', NULL, '日本語', 'テスト', '1981-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (4, 'D4567EF', 'LPI', '2025-01-10', '2025-01-10', '2026-04-15'),
       (5, 'E5678FG', 'LPI', '2025-01-10', '2025-01-10', '2026-04-20');
});
command_is_out(
	[ 'resettle', '-f', 'table', '--width', '100', 'releases', '--prison', 'LPI', @asof ],
	qq{ prison_no |     name      | prison | release_date | days | readiness | gaps |  handover 
-----------+---------------+--------+--------------+------+-----------+------+------------
 D4567EF   | Ünïcødé Ñoño  | LPI    | 2026-04-15   |   37 | not_ready |    9 | 2025-08-01
 E5678FG   | 日本語 テスト | LPI    | 2026-04-20   |   42 | not_ready |    9 | 2025-08-06
(2 rows; 1 column not shown, see --wide or -x)
}, 'table aligns multi-byte and wide text');

# pager: only table output, only when stdin and stdout are terminals
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	local $ENV{RESETTLE_PAGER} = q{echo "[paged LESS=$LESS]"; cat};
	delete local $ENV{LESS};
	my @table = ('resettle', '-f', 'table', 'releases', @asof);
	my ($o, $e);
	IPC::Run::run(\@table, '<', \'', '>', \$o, '2>', \$e);
	unlike($o, qr/\[paged/, 'pager: not used when stdout is not a terminal');
	like($o, qr/^ prison_no \|/, 'pager: output goes to stdout');

	SKIP:
	{
		skip 'no pseudo-terminal (IO::Pty or /dev/ptmx missing)', 7 unless $have_pty;

		# on a pseudo-terminal: its window size is 0x0, so any output is taller
		my $on_tty = sub {
			my ($cmd) = @_;
			my $out = '';
			IPC::Run::run($cmd, '<pty<', \'', '>pty>', \$out,
				IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
			return $out;
		};
		like($on_tty->(\@table), qr/^\[paged LESS=FRX\]\r?\n prison_no \|/,
			'pager: table on a terminal is paged, LESS=FRX when LESS is unset');
		{
			local $ENV{LESS} = 'S';
			like($on_tty->(\@table), qr/^\[paged LESS=S\]/, 'pager: LESS kept when set');
		}
		like($on_tty->([ @table, '--no-pager' ]), qr/^ prison_no \|/, 'pager: --no-pager');
		like($on_tty->([ 'resettle', '-f', 'csv', 'releases', @asof ]), qr/^prison_number,/,
			'pager: csv is never paged');
		{
			local $ENV{PAGER} = q{echo "[PAGER]"; cat};
			like($on_tty->(\@table), qr/^\[paged/, 'pager: RESETTLE_PAGER wins over PAGER');
			local $ENV{RESETTLE_PAGER} = ' ';
			like($on_tty->(\@table), qr/^ prison_no \|/, 'pager: empty RESETTLE_PAGER disables it');
			delete local $ENV{RESETTLE_PAGER};
			like($on_tty->(\@table), qr/^\[PAGER\]/, 'pager: PAGER without RESETTLE_PAGER');
		}
	}
}

# client encoding: UTF8 for machine formats and files, the locale's
# (client_encoding=auto) for table output on a terminal
$node->command_checks_all([ 'resettle', '-v', '-f', 'table', 'ping' ], 0, [qr/^ok/],
	[qr/^resettle: connected: client_encoding UTF8$/m], 'table piped: client_encoding UTF8');
{
	local $ENV{LC_ALL} = 'C';
	$node->command_checks_all([ 'resettle', '-v', '-f', 'csv', 'stats', @asof ], 0, [qr/^group,/],
		[qr/^resettle: connected: client_encoding UTF8$/m], 'csv: client_encoding UTF8 whatever the locale');
}
SKIP:
{
	skip 'no pseudo-terminal (IO::Pty or /dev/ptmx missing)', 4 unless $have_pty;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my $on_tty = sub {
		my ($locale, @args) = @_;
		local $ENV{LC_ALL} = $locale;
		my ($o, $e) = ('', '');
		IPC::Run::run([ 'resettle', '-v', '--no-pager', @args ], '<pty<', \'', '>pty>', \$o, '2>', \$e,
			IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
		return ($o, $e);
	};
	my ($o, $e) = $on_tty->('C.UTF-8', 'stats', @asof);
	like($e, qr/client_encoding UTF8$/m, 'terminal, UTF-8 locale: client_encoding auto gives UTF8');
	like($o, qr/ BXI (?:\xe2\x96\x88){40} 2/, 'terminal, UTF-8 locale: Unicode bars');
	($o, $e) = $on_tty->('C', 'stats', @asof);
	like($e, qr/client_encoding SQL_ASCII$/m, 'terminal, C locale: client_encoding auto gives SQL_ASCII');
	like($o, qr/ BXI #{40} 2/, 'terminal, C locale: ASCII bars');
}

# passwords: -w never prompts; .pgpass and a service file
$node->safe_psql('postgres', q{CREATE ROLE pwuser LOGIN PASSWORD 'sekrit'});
$node->append_conf('pg_hba.conf', '');
my $hba = slurp_file($node->data_dir . '/pg_hba.conf');
open my $fh, '>', $node->data_dir . '/pg_hba.conf' or die;
print $fh "local all pwuser scram-sha-256\n$hba";
close $fh;
$node->reload;
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	local $ENV{PGDATABASE} = 'postgres';
	local $ENV{PGPASSFILE} = "$PostgreSQL::Test::Utils::tmp_check/nopass";
	my ($o, $e);
	my $ok = IPC::Run::run([ 'resettle', '-w', '-U', 'pwuser', 'ping' ], '<', \'', '>', \$o, '2>', \$e,
		IPC::Run::timeout(60));
	is($? >> 8, 2, '-w with a password-required role: exit 2, no hang');
	like($e, qr/password/, '-w: libpq says a password is needed');

	my $pgpass = "$PostgreSQL::Test::Utils::tmp_check/pgpass";
	open my $pf, '>', $pgpass or die;
	print $pf "*:*:*:pwuser:sekrit\n";
	close $pf;
	chmod 0600, $pgpass;
	local $ENV{PGPASSFILE} = $pgpass;
	command_like([ 'resettle', '-w', '-U', 'pwuser', 'ping' ], qr/^ok: /, '.pgpass used');

	my $svc = "$PostgreSQL::Test::Utils::tmp_check/pg_service.conf";
	open my $sf, '>', $svc or die;
	print $sf "[rs]\nhost=" . $node->host . "\nport=" . $node->port . "\ndbname=postgres\nuser=pwuser\n";
	close $sf;
	local $ENV{PGSERVICEFILE} = $svc;
	delete local $ENV{PGHOST};
	delete local $ENV{PGPORT};
	command_like([ 'resettle', '-w', '-d', 'service=rs', 'ping' ],
		qr/^ok: server \d+, database "postgres"/, 'service file and conninfo in -d');
}

# set: every record the rules read, from the client (a case of its own,
# released in 42 days, the COM responsible)
$node->safe_psql('postgres', q{
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('S1000AA', 'Set', 'Client', '1990-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (95, 'S1000AA', 'BXI', '2025-12-20', '2025-12-20', '2026-04-20');
CREATE ROLE pom_mdi LOGIN IN ROLE resettle_staff;
SELECT resettle.map_staff('pom_mdi', 'MDI');
});

my $g0 = 'handover.com_unallocated assessment.immediate_needs_overdue assessment.pre_release_overdue pathway.not_started';
my $g1 = 'assessment.immediate_needs_overdue assessment.pre_release_overdue pathway.not_started';
my $head = "custody_id,readiness_before,readiness,gaps_closed,gaps_opened,gaps_before,gaps\n";
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--id', 'passport', '--status', 'application_pending' ],
	$head . qq{95,not_ready,not_ready,id.none,"",$g0 accommodation.none id.none bank.none family.not_assessed,$g0 accommodation.none bank.none family.not_assessed\n},
	'set --id: an application closes id.none');
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--id', 'Passport', '--status', 'application_accepted',
		'--applied', '2026-03-01' ],
	$head . qq{95,not_ready,not_ready,"","",$g0 accommodation.none bank.none family.not_assessed,$g0 accommodation.none bank.none family.not_assessed\n},
	'set --id: the outcome, any case');
is($node->safe_psql('postgres', q{SELECT document_type, status, applied_on, status_on FROM resettle.id_document WHERE custody_id = 95}),
	'passport|application_accepted|2026-03-01|2026-03-09', 'set --id: one record per type, dated');
$node->command_checks_all([ 'resettle', 'set', 'S1000AA', '--bank', '--status', 'declined' ], 1, [qr/^$/],
	[qr/\Aresettle: error: no pending bank account application for prison number "S1000AA"\nDETAIL:  An outcome \(opened, declined, returned_incomplete, returned_inaccurate, returned_ineligible\) is recorded on the latest application, which must be pending\.\nHINT:  Record the application first with status pending\.\n\z/],
	'set --bank: an outcome needs a pending application');
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--bank', '--status', 'pending', '--bank-name', 'Co-op' ],
	$head . qq{95,not_ready,not_ready,bank.none,"",$g0 accommodation.none bank.none family.not_assessed,$g0 accommodation.none family.not_assessed\n},
	'set --bank: an application closes bank.none');
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--bank', '--status', 'opened' ],
	$head . qq{95,not_ready,not_ready,"","",$g0 accommodation.none family.not_assessed,$g0 accommodation.none family.not_assessed\n},
	'set --bank: opened');
is($node->safe_psql('postgres', q{SELECT bank_name, status, applied_on FROM resettle.bank_account WHERE custody_id = 95}),
	'Co-op|opened|2026-03-09', 'set --bank: the outcome updates the application');
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--accommodation', '--at-risk', 'yes' ],
	$head . qq{95,not_ready,not_ready,"",accommodation.duty_to_refer,$g0 accommodation.none family.not_assessed,$g0 accommodation.none accommodation.duty_to_refer family.not_assessed\n},
	'set --accommodation: at risk, no address confirmed, opens accommodation.duty_to_refer');
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--accommodation', '--duty-to-refer', '2026-03-09',
		'--lived-before', 'hostel' ],
	$head . qq{95,not_ready,not_ready,accommodation.duty_to_refer,"",$g0 accommodation.none accommodation.duty_to_refer family.not_assessed,$g0 accommodation.none family.not_assessed\n},
	'set --accommodation: the referral closes it');
command_is_out([ 'resettle', '-f', 'json', 'set', 'S1000AA', '--accommodation', '--plan', 'cas3', '--confirmed', 'yes' ],
	qq{[\n{"custody_id":95,"readiness_before":"not_ready","readiness":"not_ready","gaps_closed":"accommodation.none","gaps_opened":"","gaps_before":"$g0 accommodation.none family.not_assessed","gaps":"$g0 family.not_assessed"}\n]\n},
	'set --accommodation: a confirmed address closes accommodation.none (json)');
is($node->safe_psql('postgres', q{SELECT lived_before, release_plan, address_confirmed, at_risk_of_homelessness, duty_to_refer_on FROM resettle.accommodation WHERE custody_id = 95}),
	'hostel|cas3|t|t|2026-03-09', 'set --accommodation: fields not given are kept');
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--checklist', 'contacted_com', '--status', 'done' ],
	$head . qq{95,not_ready,not_ready,"","",$g0 family.not_assessed,$g0 family.not_assessed\n},
	'set --checklist');
is($node->safe_psql('postgres', q{SELECT contacted_com, sent_handover_report FROM resettle.handover_checklist WHERE custody_id = 95}),
	't|f', 'set --checklist: one item set');
command_is_out([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--com', 'Pat Jones', '--com-email', 'pat.jones@justice.gov.uk',
		'--allocated', '2026-03-02' ],
	$head . qq{95,not_ready,not_ready,handover.com_unallocated,"",$g0 family.not_assessed,$g1 family.not_assessed\n},
	'set --com closes handover.com_unallocated');
is($node->safe_psql('postgres', q{SELECT com_name, com_email, com_allocated_on FROM resettle.custody WHERE id = 95}),
	'Pat Jones|pat.jones@justice.gov.uk|2026-03-02', 'set --com: name, email, date');
command_is_out([ 'resettle', '-f', 'table', '--width', '80', 'set', 'S1000AA', '--pathway', 'health', '--status', 'done' ],
	q{-[ RECORD 1 ]----+--------------------------------------------------------------
custody_id       | 95
readiness_before | not_ready
readiness        | not_ready
gaps_closed      | 
gaps_opened      | 
gaps_before      | assessment.immediate_needs_overdue
                 | assessment.pre_release_overdue pathway.not_started
                 | family.not_assessed
gaps             | assessment.immediate_needs_overdue
                 | assessment.pre_release_overdue pathway.not_started
                 | family.not_assessed
}, 'set: a record at 80 columns, rule codes whole');
# yes and no in any case
$node->command_like([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--accommodation', '--at-risk', 'YES', '--confirmed', 'Yes' ],
	qr/\Acustody_id,readiness_before,/, 'set --accommodation: yes and no in any case');

# bad values: exit 3 with the valid values; bad combinations: usage
my @bad = (
	[ [ '--id', 'pasport', '--status', 'held' ], 3,
	  qr/\Aresettle: error: invalid ID document type "pasport"\nDETAIL:  Valid values: birth_certificate, passport, driving_licence, marriage_certificate, civil_partnership_certificate, adoption_certificate, divorce_certificate, biometric_residence_permit, deed_poll_certificate, citizen_card, national_insurance_letter\.\n\z/ ],
	[ [ '--id', 'passport', '--status', 'lost' ], 3,
	  qr/\Aresettle: error: invalid ID document status "lost"\nDETAIL:  Valid values: held, application_pending, application_accepted, application_rejected\.\n\z/ ],
	[ [ '--bank', '--status', 'closed' ], 3,
	  qr/\Aresettle: error: invalid bank account status "closed"\nDETAIL:  Valid values: held, pending, opened, declined, returned_incomplete, returned_inaccurate, returned_ineligible\.\n\z/ ],
	[ [ '--accommodation', '--plan', 'castle' ], 3,
	  qr/\Aresettle: error: invalid release plan "castle"\nDETAIL:  Valid values: return_to_previous_address, move_to_new_address, approved_premises, cas2, cas3, does_not_have_anywhere, no_answer\.\n\z/ ],
	[ [ '--accommodation', '--lived-before', 'tent' ], 3,
	  qr/\Aresettle: error: invalid accommodation lived in before custody "tent"\nDETAIL:  Valid values: private_rented_housing, private_housing_owned, family_or_friends, social_housing, local_authority_or_supported_housing, hostel, emergency_housing, approved_premises, immigration_accommodation, no_permanent_or_fixed, no_answer\.\n\z/ ],
	[ [ '--accommodation', '--plan', 'no_answer', '--confirmed', 'yes' ], 3,
	  qr/\Aresettle: error: an address cannot be confirmed without a release plan\nDETAIL:  The release plan is no_answer\.\nHINT:  Give the release plan, one of: return_to_previous_address, move_to_new_address, approved_premises, cas2, cas3\.\n\z/ ],
	[ [ '--accommodation', '--confirmed', 'maybe' ], 3,
	  qr/\Aresettle: error: invalid value "maybe" for --confirmed \(expected yes or no\)\nresettle: hint: .*\n\z/ ],
	[ [ '--checklist', 'oasys', '--status', 'done' ], 3,
	  qr/\Aresettle: error: invalid handover checklist item "oasys"\nDETAIL:  Valid values: reviewed_oasys, contacted_com, attended_handover_meeting, sent_handover_report\.\n\z/ ],
	[ [ '--checklist', 'contacted_com', '--status', 'yes' ], 3,
	  qr/\Aresettle: error: invalid handover checklist status "yes"\nDETAIL:  Valid values: done, not_done\.\n\z/ ],
	[ [ '--com', ' ' ], 3, qr/\Aresettle: error: COM name must not be blank\n\z/ ],
	[ [ '--need', 'gp', '--status', 'met' ], 3,
	  qr/\Aresettle: error: invalid support need "gp"\nDETAIL:  Valid values: benefit_claim, gp_registration, release_prescription, family_contact, bank_account, id_documents, accommodation, employment, education, debt_advice, substance_misuse, domestic_abuse_support, other\.\n\z/ ],
	[ [ '--accommodation' ], 3,
	  qr/\Aresettle: error: set --accommodation needs at least one of --plan, --confirmed, --at-risk, --lived-before and --duty-to-refer\n/ ],
	[ [ '--id', 'passport', '--bank', '--status', 'held' ], 3,
	  qr/\Aresettle: error: set needs exactly one of --pathway, --need, --id, --bank, --accommodation, --checklist, --com and --assessment\n/ ],
	[ [ '--id', 'passport', '--status', 'held', '--plan', 'cas3' ], 3,
	  qr/\Aresettle: error: --plan cannot be used with --id\n/ ],
	[ [ '--com', 'Pat', '--status', 'done' ], 3, qr/\Aresettle: error: --status cannot be used with --com\n/ ],
	[ [ '--id', 'passport' ], 3, qr/\Aresettle: error: set --id needs --status\n/ ],
);
foreach my $b (@bad)
{
	my ($args, $code, $err) = @$b;
	$node->command_checks_all([ 'resettle', 'set', 'S1000AA', @$args ], $code, [qr/^$/], [$err],
		'set ' . join(' ', @$args) . ": exit $code");
}
# the lists' enumerated options: any case, and a bad value named with the
# valid ones, exit 3
foreach my $b (
	[ [ 'gaps', '--pathway', 'finance' ], qr/\Aresettle: error: invalid --pathway "finance"\nDETAIL:  Valid values: accommodation, attitudes_thinking_behaviour, children_families_community, drugs_alcohol, education_skills_work, finance_id, health\.\n\z/ ],
	[ [ 'gaps', '--level', 'notready' ], qr/\Aresettle: error: invalid --level "notready"\nDETAIL:  Valid values: ready, on_track, at_risk, not_ready, released, out_of_scope\.\n\z/ ],
	[ [ 'releases', '--level', 'NotReady' ], qr/\Aresettle: error: invalid --level "NotReady"\nDETAIL:  Valid values: ready, on_track, at_risk, not_ready, released, out_of_scope\.\n\z/ ])
{
	my ($args, $err) = @$b;
	$node->command_checks_all([ 'resettle', @$args ], 3, [qr/^$/], [$err], join(' ', @$args) . ': exit 3');
}
$node->command_ok([ 'resettle', 'gaps', '--pathway', 'Finance_ID', '--level', 'NOT_READY' ],
	'gaps: --pathway and --level in any case');
# a POM's name no case has: not an empty list but exit 4, saying so
foreach my $cmd ('gaps', 'handovers')
{
	$node->command_checks_all([ 'resettle', $cmd, '--pom', 'Nobody Atall' ], 4, [qr/^$/],
		[qr/\Aresettle: error: no case in custody has the POM "Nobody Atall" at the prisons you may see\nHINT:  Give the name as the prison records it/],
		"$cmd --pom an unknown name: exit 4");
}

# an assessment, from the client: every pathway, or one
$node->command_like([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--assessment', 'immediate_needs', '--status', 'submitted' ],
	qr/\Acustody_id,readiness_before,readiness,gaps_closed,gaps_opened,gaps_before,gaps\n95,/,
	'set --assessment: every pathway');
is($node->safe_psql('postgres', q{SELECT count(*) FROM resettle.assessment
	WHERE custody_id = 95 AND assessment_type = 'immediate_needs' AND status = 'submitted'}),
	'7', 'set --assessment recorded the seven pathways');
$node->command_like([ 'resettle', '-f', 'csv', 'set', 'S1000AA', '--assessment', 'Pre_Release', '--status', 'complete',
	'--pathway', 'health', '--completed', '01/03/2026' ],
	qr/\Acustody_id,/, 'set --assessment --pathway --completed (a UK date)');
is($node->safe_psql('postgres', q{SELECT string_agg(pathway || ' ' || status || ' ' || completed_on, ',')
	FROM resettle.assessment WHERE custody_id = 95 AND assessment_type = 'pre_release'}),
	'health complete 2026-03-01', 'set --assessment --pathway recorded that pathway only');
$node->command_checks_all([ 'resettle', 'set', 'S1000AA', '--assessment', 'pre', '--status', 'complete' ], 3, [qr/^$/],
	[qr/\Aresettle: error: invalid assessment "pre"\nDETAIL:  Valid values: immediate_needs, pre_release\.\n\z/],
	'set --assessment: a bad type, exit 3');
$node->command_checks_all([ 'resettle', 'set', 'S1000AA', '--pathway', 'health', '--completed', '2026-03-01', '--status', 'done' ],
	3, [qr/^$/], [qr/\Aresettle: error: --completed cannot be used with --pathway\n/],
	'set --completed without --assessment: usage');
# as it was, for the case card below
$node->safe_psql('postgres', q{DELETE FROM resettle.assessment WHERE custody_id = 95});

# nothing was written by the refused commands
is($node->safe_psql('postgres', q{SELECT count(*) FROM resettle.id_document WHERE custody_id = 95}),
	'1', 'refused sets write nothing');

# a staff login cannot write another prison's case: the same answer as an unknown one
foreach my $pn ('S1000AA', 'Z9999ZZ')
{
	$node->command_checks_all([ 'resettle', '-U', 'pom_mdi', 'set', $pn, '--id', 'passport', '--status', 'held' ],
		4, [qr/^$/],
		[qr/\Aresettle: error: no case in custody for prison number "$pn"\nHINT:  Check the prison number, or whether the person has been released\.\n\z/],
		"set as staff of another prison: $pn not found");
}
is($node->safe_psql('postgres', q{SELECT status FROM resettle.id_document WHERE custody_id = 95}),
	'application_accepted', 'staff of another prison changed nothing');
# the case card shows every record the rules read, with its status and date,
# and each pathway's failing rules: S1000AA after the sets above, with a
# support need, the finance pathway recorded done (no rule of it fails) and
# an older bank application declined; at 80 columns and as csv
$node->safe_psql('postgres', q{
SET resettle.today = '2026-03-09';
INSERT INTO resettle.support_need (custody_id, need, status, responsible, note, updated_on)
VALUES (95, 'benefit_claim', 'in_progress', 'probation', 'UC claim booked for release day', '2026-03-05');
INSERT INTO resettle.pathway_status (custody_id, pathway, status, updated_on)
VALUES (95, 'finance_id', 'done', '2026-03-09');
INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on, status_on)
VALUES (95, 'Lloyds', 'declined', '2026-01-05', '2026-02-01');
});
command_is_out([ 'resettle', '-f', 'table', '--width', '80', 'case', 'S1000AA', @asof ],
	q{identity
  prison_number  S1000AA
  crn
  name           Set Client
  date_of_birth  1990-01-01
  pnc_id

custody
  custody_id       95
  prison           BXI HMP Brixton
  reception_date   2025-12-20
  sentence_start   2025-12-20
  release_date     2026-04-20
  days_to_release  42
  crd              2026-04-20
  ped
  hdced
  ted
  released_on

handover
  responsibility       community
  pom
  com                  Pat Jones
  com_email            pat.jones@justice.gov.uk
  com_allocated_on     2026-03-02
  handover_start_date
  handover_date
  handover_reason      determinate_short
  handover_type        none

readiness
  as_of  2026-03-09
  level  not_ready
  gaps   4

gap
  assessment.immediate_needs_overdue
      error: The immediate needs assessment is complete for 0 of 7 pathways; all
      7 were due by 2025-12-25, 5 days after reception on 2025-12-20.
      (due 2025-12-25)
  assessment.pre_release_overdue
      error: The pre-release assessment is complete for 0 of 7 pathways; all 7
      are needed by 2026-01-26, 84 days before release on 2026-04-20.
      (due 2026-01-26)
  pathway.not_started
      warning: 5 of 7 resettlement pathways are not started; every pathway must
      be started by 2026-01-26, 84 days before release on 2026-04-20.
      (due 2026-01-26)
  family.not_assessed
      warning: The children, families and communities pathway is not started; it
      must be started by 2026-01-26, 84 days before release on 2026-04-20.
      (due 2026-01-26)

pathway
  accommodation                 not_started
  attitudes_thinking_behaviour  not_started
  children_families_community   not_started (failing: family.not_assessed)
  drugs_alcohol                 not_started
  education_skills_work         not_started
  finance_id                    done
  health                        done

accommodation
  release_plan             CAS3
  address_confirmed        yes
  lived_before             hostel
  at_risk_of_homelessness  yes
  duty_to_refer_on         2026-03-09
  updated_on               2026-03-09

id_document
  passport  application accepted, applied 2026-03-01, updated 2026-03-09

bank_account
  account      opened at Co-op, applied 2026-03-09, updated 2026-03-09
  application  declined at Lloyds, applied 2026-01-05, updated 2026-02-01

support_need
  benefit_claim  in progress, probation responsible, updated 2026-03-05 - UC
                 claim booked for release day

handover_checklist
  reviewed_oasys             not done
  contacted_com              done
  attended_handover_meeting  not done
  sent_handover_report       not done
  updated_on                 2026-03-09

history
  2026-03-09  (none) -> not_ready
}, 'case card: every record, table at 80 columns');
command_is_out([ 'resettle', '-f', 'csv', 'case', 'S1000AA', @asof ],
	q{section,field,value
identity,prison_number,S1000AA
identity,crn,
identity,name,Set Client
identity,date_of_birth,1990-01-01
identity,pnc_id,
custody,custody_id,95
custody,prison,BXI HMP Brixton
custody,reception_date,2025-12-20
custody,sentence_start,2025-12-20
custody,release_date,2026-04-20
custody,days_to_release,42
custody,crd,2026-04-20
custody,ped,
custody,hdced,
custody,ted,
custody,released_on,
handover,responsibility,community
handover,pom,
handover,com,Pat Jones
handover,com_email,pat.jones@justice.gov.uk
handover,com_allocated_on,2026-03-02
handover,handover_start_date,
handover,handover_date,
handover,handover_reason,determinate_short
handover,handover_type,none
readiness,as_of,2026-03-09
readiness,level,not_ready
readiness,gaps,4
gap,assessment.immediate_needs_overdue,"error: The immediate needs assessment is complete for 0 of 7 pathways; all 7 were due by 2025-12-25, 5 days after reception on 2025-12-20. (due 2025-12-25)"
gap,assessment.pre_release_overdue,"error: The pre-release assessment is complete for 0 of 7 pathways; all 7 are needed by 2026-01-26, 84 days before release on 2026-04-20. (due 2026-01-26)"
gap,pathway.not_started,"warning: 5 of 7 resettlement pathways are not started; every pathway must be started by 2026-01-26, 84 days before release on 2026-04-20. (due 2026-01-26)"
gap,family.not_assessed,"warning: The children, families and communities pathway is not started; it must be started by 2026-01-26, 84 days before release on 2026-04-20. (due 2026-01-26)"
pathway,accommodation,not_started
pathway,attitudes_thinking_behaviour,not_started
pathway,children_families_community,not_started (failing: family.not_assessed)
pathway,drugs_alcohol,not_started
pathway,education_skills_work,not_started
pathway,finance_id,done
pathway,health,done
accommodation,release_plan,CAS3
accommodation,address_confirmed,yes
accommodation,lived_before,hostel
accommodation,at_risk_of_homelessness,yes
accommodation,duty_to_refer_on,2026-03-09
accommodation,updated_on,2026-03-09
id_document,passport,"application accepted, applied 2026-03-01, updated 2026-03-09"
bank_account,account,"opened at Co-op, applied 2026-03-09, updated 2026-03-09"
bank_account,application,"declined at Lloyds, applied 2026-01-05, updated 2026-02-01"
support_need,benefit_claim,"in progress, probation responsible, updated 2026-03-05 - UC claim booked for release day"
handover_checklist,reviewed_oasys,not done
handover_checklist,contacted_com,done
handover_checklist,attended_handover_meeting,not done
handover_checklist,sent_handover_report,not done
handover_checklist,updated_on,2026-03-09
history,2026-03-09,(none) -> not_ready
}, 'case card: every record, csv');
# no record the rules read: each section says so; the finance pathway,
# recorded done, names the rules of it that still fail
$node->safe_psql('postgres', q{SET resettle.today = '2026-03-09';
INSERT INTO resettle.pathway_status (custody_id, pathway, status, note, updated_on)
VALUES (2, 'finance_id', 'done', 'see the ID and bank sections', '2026-03-09')});
command_is_out([ 'resettle', '-f', 'csv', 'case', 'B2345CD', @asof ],
	q{section,field,value
identity,prison_number,B2345CD
identity,crn,X234567
identity,name,Bob Smith
identity,date_of_birth,1985-05-05
identity,pnc_id,
custody,custody_id,2
custody,prison,BXI HMP Brixton
custody,reception_date,2025-01-10
custody,sentence_start,2025-01-10
custody,release_date,2026-04-01
custody,days_to_release,23
custody,crd,2026-04-01
custody,ped,
custody,hdced,
custody,ted,
custody,released_on,
handover,responsibility,community
handover,pom,
handover,com,
handover,com_email,
handover,com_allocated_on,
handover,handover_start_date,2025-07-18
handover,handover_date,2025-07-18
handover,handover_reason,determinate
handover,handover_type,enhanced
readiness,as_of,2026-03-09
readiness,level,not_ready
readiness,gaps,9
gap,handover.com_overdue,"error: No COM is allocated (no name or email recorded) although the COM is responsible; one was needed by 2025-07-20, 2 days after the handover on 2025-07-18. (due 2025-07-20)"
gap,handover.checklist_incomplete,"warning: The enhanced handover checklist is incomplete (not done: reviewed OASys, contacted the COM, attended the handover meeting); it was due by 2025-07-18, the handover date. (due 2025-07-18)"
gap,assessment.immediate_needs_overdue,"error: The immediate needs assessment is complete for 0 of 7 pathways; all 7 were due by 2025-01-15, 5 days after reception on 2025-01-10. (due 2025-01-15)"
gap,assessment.pre_release_overdue,"error: The pre-release assessment is complete for 0 of 7 pathways; all 7 are needed by 2026-01-07, 84 days before release on 2026-04-01. (due 2026-01-07)"
gap,pathway.not_started,"warning: 6 of 7 resettlement pathways are not started; every pathway must be started by 2026-01-07, 84 days before release on 2026-04-01. (due 2026-01-07)"
gap,accommodation.none,"error: No accommodation is confirmed for release (a confirmed address or an approved placement); one is needed by 2026-02-04, 56 days before release on 2026-04-01. (due 2026-02-04)"
gap,id.none,"error: No ID document is held and no application is pending; one is needed by 2026-01-07, 84 days before release on 2026-04-01. (due 2026-01-07)"
gap,bank.none,"error: No bank account is held or opened and no application is pending; one is needed by 2026-01-07, 84 days before release on 2026-04-01. (due 2026-01-07)"
gap,family.not_assessed,"warning: The children, families and communities pathway is not started; it must be started by 2026-01-07, 84 days before release on 2026-04-01. (due 2026-01-07)"
pathway,accommodation,not_started (failing: accommodation.none)
pathway,attitudes_thinking_behaviour,not_started
pathway,children_families_community,not_started (failing: family.not_assessed)
pathway,drugs_alcohol,not_started
pathway,education_skills_work,not_started
pathway,finance_id,"done (still failing: id.none, bank.none) - see the ID and bank sections"
pathway,health,not_started
accommodation,none,nothing recorded
id_document,none,nothing recorded
bank_account,none,nothing recorded
support_need,none,nothing recorded
handover_checklist,reviewed_oasys,not done (needed for the enhanced handover)
handover_checklist,contacted_com,not done (needed for the enhanced handover)
handover_checklist,attended_handover_meeting,not done (needed for the enhanced handover)
handover_checklist,sent_handover_report,not done
handover_checklist,updated_on,nothing recorded
history,2026-03-09,(none) -> not_ready
}, 'case card: no record, csv');
# a staff login of another prison: not found, as for an unknown person
$node->command_checks_all([ 'resettle', '-U', 'pom_mdi', 'case', 'S1000AA', @asof ], 4, [qr/^$/],
	[qr/\Aresettle: error: no case found for "S1000AA"\n\z/], 'case card as staff of another prison: exit 4');
# a staff login mapped to no prison is told so, for an existing person and
# an unknown one alike (exit 4)
$node->safe_psql('postgres', 'CREATE ROLE staff_unmapped LOGIN IN ROLE resettle_staff');
for my $pn ('S1000AA', 'Z9999ZZ')
{
	$node->command_checks_all([ 'resettle', '-U', 'staff_unmapped', 'case', $pn, @asof ], 4, [qr/^$/],
		[qr/\Aresettle: error: no case found for "$pn": your login is not mapped to any prison\nHINT:  An administrator maps logins to prisons with resettle\.map_staff\(\)\.\n\z/],
		"case card as a staff login mapped to no prison ($pn): told so, exit 4");
	$node->command_checks_all([ 'resettle', '-U', 'staff_unmapped', 'set', $pn, '--pathway', 'health', '--status', 'done' ],
		4, [qr/^$/],
		[qr/\Aresettle: error: no case in custody for prison number "$pn"\nHINT:  Your login is not mapped to any prison: an administrator maps logins to prisons with resettle\.map_staff\(\)\.\n\z/],
		"set as a staff login mapped to no prison ($pn): told so, exit 4");
}

# --- the worklist: gaps --weeks N, by POM, --mine
$node->safe_psql(
	'postgres', q{
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W1000AA', 'Wendy', 'Early', '1990-01-01', 'female'),
       ('W2000AA', 'Will', 'Later', '1985-05-05', 'male'),
       ('W3000AA', 'Walt', 'Outside Window', '1980-02-02', 'male');
-- W1000AA and W2000AA are released 3 and 4 weeks from 2026-03-09, W3000AA in 5
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, pom_name)
VALUES (21, 'W1000AA', 'LEI', '2026-02-01', '2026-02-01', '2026-03-30', 'Jo Bloggs'),
       (22, 'W2000AA', 'LEI', '2025-01-10', '2025-01-10', '2026-04-06', 'Sam Patel'),
       (23, 'W3000AA', 'LEI', '2025-01-10', '2025-01-10', '2026-04-13', 'Jo Bloggs');
INSERT INTO resettle.bank_account (custody_id, status) VALUES (21, 'held'), (22, 'held');
INSERT INTO resettle.id_document (custody_id, document_type, status) VALUES (21, 'passport', 'held');
CREATE ROLE pom_jo LOGIN IN ROLE resettle_staff;
CREATE ROLE pom_new LOGIN IN ROLE resettle_staff;
SELECT resettle.map_staff('pom_jo', 'LEI'), resettle.map_staff('pom_new', 'LEI');
SELECT resettle.map_pom('pom_jo', 'Jo Bloggs');
});
# a staff login that counts only some of a region's prisons sees them named
# with the region, not the region's name over its own prisons' figures
$node->command_like([ 'resettle', '-U', 'pom_jo', '-f', 'csv', '-t', 'stats', '--by', 'region', @asof ],
	qr/\ANorth East \(LEI only\),\d+,/, 'stats --by region as a staff login of one prison: the region named with its prison');
$node->command_like([ 'resettle', '-f', 'csv', '-t', 'stats', '--by', 'region', '--prison', 'MDI', @asof ],
	qr/\ANorth East \(MDI only\),\d+,/, 'stats --by region of one prison: the region named with it');
my @wl = ('resettle', '-f', 'csv', '-t', 'gaps', '--prison', 'LEI', @asof);
# the first column of each line, distinct, in order: cases by their
# first due date (W2000AA and W3000AA's immediate needs assessments were
# due on 2025-01-15, W2000AA is released first; W1000AA's first is due
# on 2026-01-05), then release date
my $cases = sub {
	my %seen;
	return join(',', grep { !$seen{$_}++ } map { (split /,/)[0] } split /\n/, $_[0]);
};
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($o, $e);
	foreach my $t ([ [ '--weeks', '3' ], 'W1000AA' ], [ [ '--weeks', '4' ], 'W2000AA,W1000AA' ],
		[ [ '--weeks', '5' ], 'W2000AA,W3000AA,W1000AA' ], [ [ '--weeks', '0' ], '' ],
		[ [ '--weeks', '5', '--pom', 'jo bloggs' ], 'W3000AA,W1000AA' ],
		[ [ '--weeks', '5', '--rule', 'bank' ], 'W3000AA' ],
		[ [ '--weeks', '5', '--level', 'ready' ], '' ],
		[ [ '--weeks', '5', '--level', 'not_ready' ], 'W2000AA,W3000AA,W1000AA' ],
		[ [ '--pom', 'Sam Patel' ], 'W2000AA' ])
	{
		IPC::Run::run([ @wl, @{ $t->[0] } ], '>', \$o, '2>', \$e);
		is($cases->($o) . "|$e|$?", "$t->[1]||0", "gaps @{ $t->[0] }: cases $t->[1]");
	}
	# --mine: the login's POM; a login with no POM mapping is told how
	IPC::Run::run([ @wl, '-U', 'pom_jo', '--weeks', '5', '--mine' ], '>', \$o, '2>', \$e);
	is($cases->($o) . "|$e|$?", 'W3000AA,W1000AA||0', 'gaps --mine: the mapped POM\'s cases');
	IPC::Run::run([ @wl, '-U', 'pom_new', '--weeks', '5', '--mine' ], '>', \$o, '2>', \$e);
	is($? >> 8, 4, 'gaps --mine without a POM mapping: exit 4');
	is($e, qq{resettle: error: login "pom_new" is not mapped to a POM
HINT:  An administrator maps it with SELECT resettle.map_pom('pom_new', 'POM NAME'), the name as recorded on the cases; or give the POM's name instead (--pom NAME).
}, 'gaps --mine without a POM mapping: the fix named');
	IPC::Run::run([ 'resettle', '-U', 'pom_jo', '-f', 'csv', 'handovers', '--mine', @asof ], '>', \$o, '2>', \$e);
	is("$o|$e", "prison_number,name,prison_code,handover_date,days_to_handover,status,responsibility,com_name,release_date,pom_name
W3000AA,Walt Outside Window,LEI,2025-07-30,-222,overdue,community,,2026-04-13,Jo Bloggs
|", 'handovers --mine');
	IPC::Run::run([ 'resettle', '-f', 'csv', '-t', 'handovers', '--pom', 'SAM PATEL', '--prison', 'LEI', @asof ],
		'>', \$o, '2>', \$e);
	is($cases->($o) . "|$e", 'W2000AA|', 'handovers --pom');
}
# the worklist at 80 columns: each case under a line saying who, when and how ready
command_is_out(
	[ 'resettle', '-f', 'table', '--width', '80', '-U', 'pom_jo', 'gaps', '--weeks', '5', '--mine', @asof ],
	qq{W3000AA  Walt Outside Window  release 2026-04-13 (in 35 days)  not_ready
  2025-01-15  error    The immediate needs assessment is complete for 0 of 7
                       pathways; all 7 were due by 2025-01-15, 5 days after
                       reception on 2025-01-10.
  2025-07-30  warning  The enhanced handover checklist is incomplete (not done:
                       reviewed OASys, contacted the COM, attended the handover
                       meeting); it was due by 2025-07-30, the handover date.
  2025-08-01  error    No COM is allocated (no name or email recorded) although
                       the COM is responsible; one was needed by 2025-08-01, 2
                       days after the handover on 2025-07-30.
  2026-01-19  error    The pre-release assessment is complete for 0 of 7
                       pathways; all 7 are needed by 2026-01-19, 84 days before
                       release on 2026-04-13.
  2026-01-19  error    No bank account is held or opened and no application is
                       pending; one is needed by 2026-01-19, 84 days before
                       release on 2026-04-13.
  2026-01-19  warning  The children, families and communities pathway is not
                       started; it must be started by 2026-01-19, 84 days before
                       release on 2026-04-13.
  2026-01-19  error    No ID document is held and no application is pending; one
                       is needed by 2026-01-19, 84 days before release on
                       2026-04-13.
  2026-01-19  warning  7 of 7 resettlement pathways are not started; every
                       pathway must be started by 2026-01-19, 84 days before
                       release on 2026-04-13.
  2026-02-16  error    No accommodation is confirmed for release (a confirmed
                       address or an approved placement); one is needed by
                       2026-02-16, 56 days before release on 2026-04-13.

W1000AA  Wendy Early  release 2026-03-30 (in 21 days)  not_ready  POM Jo Bloggs
  2026-01-05  error    The pre-release assessment is complete for 0 of 7
                       pathways; all 7 are needed by 2026-01-05, 84 days before
                       release on 2026-03-30.
  2026-01-05  warning  The children, families and communities pathway is not
                       started; it must be started by 2026-01-05, 84 days before
                       release on 2026-03-30.
  2026-01-05  warning  7 of 7 resettlement pathways are not started; every
                       pathway must be started by 2026-01-05, 84 days before
                       release on 2026-03-30.
  2026-02-02  error    No accommodation is confirmed for release (a confirmed
                       address or an approved placement); one is needed by
                       2026-02-02, 56 days before release on 2026-03-30.
  2026-02-06  error    The immediate needs assessment is complete for 0 of 7
                       pathways; all 7 were due by 2026-02-06, 5 days after
                       reception on 2026-02-01.
  2026-03-09  warning  No COM is recorded although the COM is responsible for
                       the case (determinate_short); one is needed now, as of
                       2026-03-09.

(2 cases, 15 gaps)
}, 'gaps --weeks --mine: the worklist at 80 columns');

$node->stop;
done_testing();
