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

my $node = PostgreSQL::Test::Cluster->new('client');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE noext');
$node->safe_psql(
	'postgres', q{
CREATE EXTENSION resettle;
ALTER DATABASE postgres SET resettle.today = '2026-03-09';
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('A1234BC', 'X123456', 'Ann', 'O''Brien', '1990-01-01', 'female'),
       ('B2345CD', 'X234567', 'Bob', 'Smith', '1985-05-05', 'male'),
       ('C3456DE', NULL, 'Zoë "Z"; x', E'Line\nTwo', '1980-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (1, 'A1234BC', 'BXI', '2025-12-20', '2025-12-20', '2026-06-01'),
       (2, 'B2345CD', 'BXI', '2025-01-10', '2025-01-10', '2026-04-01'),
       (3, 'C3456DE', 'MDI', '2024-01-10', '2024-01-10', '2026-05-01');
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
command_checks_all([ 'resettle', 'case', 'bogus' ], 3, [qr/^$/],
	[qr/is neither a prison number/], 'invalid identifier: exit 3');
command_checks_all([ 'resettle', 'frobnicate' ], 3, [qr/^$/],
	[qr/unknown command "frobnicate"\n.*Try "resettle --help"/s], 'unknown command: exit 3');
command_checks_all([ 'resettle', '--format', 'xml', 'ping' ], 3, [qr/^$/],
	[qr/invalid format/], 'bad format: exit 3');
command_checks_all([ 'resettle', 'releases', '--count', '3' ], 3, [qr/^$/],
	[qr/not valid for command "releases"/], 'option of another command: exit 3');
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
$node->command_checks_all([ 'resettle', '-f', 'csv', 'version' ], 0,
	[qr/^client,server,extension\n1\.0,15\.\d+.*,1\.0\n$/], [qr/^$/], 'version');

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
like($stdout, qr/\nhistory,2026-03-09,- -> not_ready\n$/, 'case card: history');

# table card
$node->command_like([ 'resettle', '-f', 'table', 'case', 'A1234BC', @asof ],
	qr/^identity\n  prison_number +A1234BC\n.*\nreadiness\n  as_of +2026-03-09\n  level +not_ready\n/s,
	'case card in table format');

# releases: csv, byte-exact, with hostile values
command_is_out(
	[ 'resettle', '-f', 'csv', 'releases', @asof ],
	qq{prison_number,name,prison_code,release_date,days_to_release,readiness,gaps,responsibility,handover_date
B2345CD,Bob Smith,BXI,2026-04-01,23,not_ready,10,community,2025-07-18
C3456DE,"Zoë ""Z""; x Line
Two",MDI,2026-05-01,53,not_ready,10,community,2025-08-18
A1234BC,Ann O'Brien,BXI,2026-06-01,84,not_ready,8,community,
}, 'releases csv');
command_is_out(
	[ 'resettle', '-f', 'json', 'releases', '--prison', 'mdi', @asof ],
	qq{[
{"prison_number":"C3456DE","name":"Zoë \\"Z\\"; x Line\\nTwo","prison_code":"MDI","release_date":"2026-05-01","days_to_release":53,"readiness":"not_ready","gaps":10,"responsibility":"community","handover_date":"2025-08-18"}
]
}, 'releases json, hostile name escaped');
command_is_out(
	[ 'resettle', '-f', 'tsv', '--no-header', 'releases', '--prison', 'MDI', @asof ],
	qq{C3456DE\tZoë "Z"; x Line\\nTwo\tMDI\t2026-05-01\t53\tnot_ready\t10\tcommunity\t2025-08-18\n},
	'releases tsv without header');
command_is_out([ 'resettle', '-f', 'json', 'releases', '--level', 'ready', @asof ],
	"[]\n", 'empty json array');
command_is_out([ 'resettle', '-f', 'csv', 'releases', '--weeks', '1', @asof ],
	"prison_number,name,prison_code,release_date,days_to_release,readiness,gaps,responsibility,handover_date\n",
	'empty list: header only, exit 0');
$node->command_checks_all([ 'resettle', 'releases', '--level', 'bogus' ], 3, [qr/^$/],
	[qr/invalid input value for enum resettle.readiness_level: "bogus"/], 'bad level: server message, exit 3');

# handovers
command_is_out(
	[ 'resettle', '-f', 'ndjson', 'handovers', '--overdue', @asof ],
	qq({"prison_number":"B2345CD","name":"Bob Smith","prison_code":"BXI","handover_date":"2025-07-18","days_to_handover":-234,"status":"overdue","responsibility":"community","com_name":null,"release_date":"2026-04-01"}
{"prison_number":"C3456DE","name":"Zoë \\"Z\\"; x Line\\nTwo","prison_code":"MDI","handover_date":"2025-08-18","days_to_handover":-203,"status":"overdue","responsibility":"community","com_name":null,"release_date":"2026-05-01"}
), 'handovers ndjson');
command_is_out([ 'resettle', '-f', 'csv', '-t', 'handovers', '--upcoming', @asof ],
	'', 'no upcoming handovers');

# gaps
command_is_out(
	[ 'resettle', '-f', 'csv', '-t', 'gaps', '--rule', 'bank', '--prison', 'BXI', @asof ],
	qq{B2345CD,Bob Smith,BXI,2026-04-01,bank.none,error,"No bank account is held or opened and no application is pending; one is needed by 2026-01-07, 84 days before release on 2026-04-01.",2026-01-07
A1234BC,Ann O'Brien,BXI,2026-06-01,bank.none,error,"No bank account is held or opened and no application is pending; one is needed by 2026-03-09, 84 days before release on 2026-06-01.",2026-03-09
}, 'gaps csv by rule prefix and prison');
$node->command_like([ 'resettle', '-f', 'csv', 'gaps', '--pathway', 'accommodation', @asof ],
	qr/^prison_number,.*\n(?:[^\n]*,accommodation\.[a-z_]+,[^\n]*\n)+$/s, 'gaps by pathway');

# stats
command_is_out([ 'resettle', '-f', 'json', 'stats', '--by', 'region', @asof ],
	qq{[
{"group":"London","total":2,"ready":0,"on_track":0,"at_risk":0,"not_ready":2,"out_of_scope":0},
{"group":"North East","total":1,"ready":0,"on_track":0,"at_risk":0,"not_ready":1,"out_of_scope":0}
]
}, 'stats json');
$node->command_like([ 'resettle', '-f', 'table', 'stats', @asof ],
	qr/^ group \| total .*\n BXI +\| +2 .*\(2 rows\)\n\nnot ready:\n BXI (?:\xe2\x96\x88){40} 2\n MDI (?:\xe2\x96\x88){20} 1\n$/s,
	'stats table with Unicode bars');
$node->command_like([ 'resettle', '-f', 'table', '--linestyle', 'ascii', 'stats', @asof ],
	qr/\n BXI #{40} 2\n MDI #{20} 1\n$/, 'stats bars in ASCII');
$node->command_checks_all([ 'resettle', 'stats', '--by', 'pathway' ], 3, [qr/^$/],
	[qr/invalid value "pathway" for --by/], 'stats --by checked');

# colour: never with NO_COLOR or when piped, always on request
$node->command_like([ 'resettle', '-f', 'table', 'releases', @asof ], qr/^[^\e]*$/s, 'no colour with NO_COLOR');
$node->command_like([ 'resettle', '-f', 'table', '--color', 'always', 'releases', @asof ],
	qr/\e\[31mnot_ready\e\[0m/, '--color always overrides NO_COLOR');

# export: streamed, -o FILE
my $file = "$PostgreSQL::Test::Utils::tmp_check/rule.csv";
$node->command_ok([ 'resettle', 'export', 'rule', '-o', $file ], 'export to file');
my $csv = slurp_file($file);
like($csv, qr/^code,title,severity,warn_days,error_days,enabled,source\n/, 'export csv header');
is(scalar(() = $csv =~ /\n/g), 19, 'export: one line per rule');
$node->command_like([ 'resettle', '-f', 'ndjson', 'export', 'prison' ],
	qr/^\{"code":"ACI","name":"HMP & YOI Altcourse",.*"open_conditions":false,"contracted":true,/,
	'export ndjson typed booleans');
$node->command_checks_all([ 'resettle', 'export', 'pg_authid' ], 3, [qr/^$/],
	[qr/"pg_authid" cannot be exported/], 'export allow-list');

# watch receives a NOTIFY
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($wout, $werr) = ('', '');
	my $h = IPC::Run::start(
		[ 'resettle', '-f', 'ndjson', 'watch', '--count', '1', '--timeout', '60' ],
		'>', \$wout, '2>', \$werr,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	$node->poll_query_until('postgres',
		q{SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'resettle' AND query LIKE 'LISTEN%'})
	  or die 'watch did not LISTEN';
	$node->safe_psql('postgres',
		q{SELECT pg_notify('resettle_readiness', '{"custody_id" : 1, "prison_number" : "A1234BC", "prison_code" : "BXI", "from" : "at_risk", "to" : "ready"}')});
	$h->finish;
	is($h->result(0), 0, 'watch exits 0 after --count');
	is($wout, qq({"custody_id":1,"prison_number":"A1234BC","prison_code":"BXI","from":"at_risk","to":"ready"}\n),
		'watch prints the change');
	command_is_out([ 'resettle', 'watch', '--timeout', '0', '-q' ], '', 'watch --timeout ends quietly');
}

# set: updates, readiness printed, hostile note round-trips
command_is_out(
	[ 'resettle', '-f', 'csv', 'set', 'A1234BC', '--pathway', 'children_families_community',
	  '--status', 'in_progress', '--note', qq{it's "fine";\nDROP TABLE x; -- ✓} ],
	qq{custody_id,readiness,gaps
1,not_ready,handover.com_unallocated assessment.immediate_needs_overdue assessment.pre_release_overdue pathway.not_started accommodation.none id.none bank.none
}, 'set pathway prints the new readiness');
$node->command_like([ 'resettle', '-f', 'csv', 'case', 'A1234BC', @asof ],
	qr/\npathway,children_families_community,"in_progress - it's ""fine"";\nDROP TABLE x; -- \xe2\x9c\x93"\n/,
	'hostile note round-trips');
$node->command_like([ 'resettle', '-f', 'csv', 'set', 'a1234bc', '--need', 'gp_registration', '--status', 'met' ],
	qr/^custody_id,readiness,gaps\n1,not_ready,/, 'set need');
is($node->safe_psql('postgres', q{SELECT status FROM resettle.support_need WHERE custody_id = 1}),
	'met', 'need recorded');
$node->command_checks_all([ 'resettle', 'set', 'Z9999ZZ', '--need', 'gp_registration', '--status', 'met' ],
	4, [qr/^$/], [qr/no case in custody for prison number "Z9999ZZ"\nHINT:  Check the prison number/],
	'set on unknown prison number: exit 4 with HINT');
$node->command_checks_all([ 'resettle', 'set', 'A1234BC', '--pathway', 'health' ], 3, [qr/^$/],
	[qr/set needs --status/], 'set without --status: exit 3');
$node->command_checks_all([ 'resettle', 'set', 'A1234BC', '--pathway', 'health', '--status', 'bogus' ],
	3, [qr/^$/], [qr/invalid input value for enum resettle.pathway_state/], 'set bad status: exit 3');

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
	[ 'resettle', '-f', 'table', 'releases', '--prison', 'LPI', @asof ],
	qq{ prison_number |     name      | prison_code | release_date | days_to_release | readiness | gaps | responsibility | handover_date
---------------+---------------+-------------+--------------+-----------------+-----------+------+----------------+---------------
 D4567EF       | Ünïcødé Ñoño  | LPI         | 2026-04-15   |              37 | not_ready |   10 | community      | 2025-08-01
 E5678FG       | 日本語 テスト | LPI         | 2026-04-20   |              42 | not_ready |   10 | community      | 2025-08-06
(2 rows)
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
	like($o, qr/^ prison_number \|/, 'pager: output goes to stdout');

	SKIP:
	{
		skip 'IO::Pty is not installed', 7 unless eval { require IO::Pty; 1 };

		# on a pseudo-terminal: its window size is 0x0, so any output is taller
		my $on_tty = sub {
			my ($cmd) = @_;
			my $out = '';
			IPC::Run::run($cmd, '<pty<', \'', '>pty>', \$out,
				IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
			return $out;
		};
		like($on_tty->(\@table), qr/^\[paged LESS=FRX\]\r?\n prison_number \|/,
			'pager: table on a terminal is paged, LESS=FRX when LESS is unset');
		{
			local $ENV{LESS} = 'S';
			like($on_tty->(\@table), qr/^\[paged LESS=S\]/, 'pager: LESS kept when set');
		}
		like($on_tty->([ @table, '--no-pager' ]), qr/^ prison_number \|/, 'pager: --no-pager');
		like($on_tty->([ 'resettle', '-f', 'csv', 'releases', @asof ]), qr/^prison_number,/,
			'pager: csv is never paged');
		{
			local $ENV{PAGER} = q{echo "[PAGER]"; cat};
			like($on_tty->(\@table), qr/^\[paged/, 'pager: RESETTLE_PAGER wins over PAGER');
			local $ENV{RESETTLE_PAGER} = ' ';
			like($on_tty->(\@table), qr/^ prison_number \|/, 'pager: empty RESETTLE_PAGER disables it');
			delete local $ENV{RESETTLE_PAGER};
			like($on_tty->(\@table), qr/^\[PAGER\]/, 'pager: PAGER without RESETTLE_PAGER');
		}
	}
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

$node->stop;
done_testing();
