# The resettle client against hostile values written as the superuser:
# terminal escapes (OSC title, OSC 52 clipboard, erase line), C1 and bidi
# controls, backslashes and tabs, spreadsheet formulas, a 1 MB name, and
# bytes that are not UTF-8 (a SQL_ASCII database).  Checks the exact bytes
# of every format, the 80-column fit of every command's table output, and
# that errors, notices and the HTML report never pass a control character
# through (a forged watch payload: 020_client.pl).
#
# Byte strings throughout (no "use utf8"): stdout is compared byte for byte.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

$ENV{LC_ALL} = 'C.UTF-8';
$ENV{PAGER} = '';
$ENV{NO_COLOR} = '1';
delete $ENV{COLUMNS};
delete $ENV{PGAPPNAME};

my $have_pty = eval {
	local $SIG{__WARN__} = sub { };
	require IO::Pty;
	defined(IO::Pty->new);
};

my $node = PostgreSQL::Test::Cluster->new('hostile');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;
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
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('H1000AA', E'Eve\x1b]0;pwned\x07', E'\x1b[2KDoe', '1990-01-01', 'female'),
       ('H2000AA', E'\x1b]52;c;cm0gLXJmIH4=\x07Clip', 'Board', '1990-01-01', 'female'),
       ('H3000AA', '=HYPERLINK("http://x.test/","y")', 'Formula', '1990-01-01', 'male'),
       ('H4000AA', '@SUM(A1)', 'At', '1990-01-01', 'male'),
       ('H5000AA', '+44', 'Plus', '1990-01-01', 'male'),
       ('H6000AA', '-2+3', 'Minus', '1990-01-01', 'male'),
       ('H7000AA', E'\u009b31mC1', E'Bidi\u202Eevil\u202C', '1990-01-01', 'male'),
       ('H8000AA', 'Back\slash', E'Tab\there', '1990-01-01', 'male'),
       ('H9000AA', repeat('x', 1048576), 'Big', '1990-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
SELECT row_number() OVER (ORDER BY prison_number), prison_number,
       CASE WHEN prison_number = 'H9000AA' THEN 'MDI' ELSE 'BXI' END,
       '2025-12-20', '2025-12-20', '2026-04-01'::date + (row_number() OVER (ORDER BY prison_number))::int
FROM resettle.person WHERE prison_number <> 'H6000AA';
-- sentenced long enough ago for an overdue handover: days_to_handover < 0
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (10, 'H6000AA', 'BXI', '2025-01-10', '2025-01-10', '2026-04-07');
-- a note with an escape, and a notice that repeats it
INSERT INTO resettle.pathway_status (custody_id, pathway, status, note)
VALUES (1, 'health', 'in_progress', E'GP \x1b[2J\x1b[H' || 'called; see \\\\server\share');
CREATE FUNCTION public.echo_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE NOTICE 'note recorded: %', NEW.note;
	RETURN NEW;
END $$;
CREATE TRIGGER echo_note AFTER INSERT OR UPDATE ON resettle.pathway_status
	FOR EACH ROW EXECUTE FUNCTION public.echo_note();
});

my @asof = ('--as-of', '2026-03-09');

# run the client against the node: (exit code, stdout, stderr)
sub run_client
{
	my (@args) = @_;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($o, $e) = ('', '');
	IPC::Run::run([ 'resettle', @args ], '<', \'', '>', \$o, '2>', \$e);
	return ($? >> 8, $o, $e);
}

# compare stdout byte for byte, exit 0, nothing on stderr
sub client_is
{
	my ($args, $expected, $name) = @_;
	my ($rc, $o, $e) = run_client(@$args);
	is($rc, 0, "$name: exit 0");
	is($o, $expected, $name);
	is($e, '', "$name: no stderr");
	return;
}

# the widest line of a text in display columns (no wide characters here)
sub widest
{
	my ($text) = @_;
	my $max = 0;
	for my $line (split /\n/, $text)
	{
		my $chars = $line;
		utf8::decode($chars);
		$max = length($chars) if length($chars) > $max;
	}
	return $max;
}

my $ell = "\xe2\x80\xa6";    # U+2026, the ellipsis of cut text

# --- table: escaped, 80 columns, names cut with an ellipsis
client_is(
	[ '-f', 'table', '--width', '80', 'releases', @asof ],
	qq{ prison_no |           name            | release_date | days | readiness | gaps
-----------+---------------------------+--------------+------+-----------+------
 H1000AA   | Eve\\x1b]0;pwned\\x07 \\x1b$ell | 2026-04-02   |   24 | not_ready |    8
 H2000AA   | \\x1b]52;c;cm0gLXJmIH4=$ell   | 2026-04-03   |   25 | not_ready |    8
 H3000AA   | =HYPERLINK("http://x.tes$ell | 2026-04-04   |   26 | not_ready |    8
 H4000AA   | \@SUM(A1) At               | 2026-04-05   |   27 | not_ready |    8
 H5000AA   | +44 Plus                  | 2026-04-06   |   28 | not_ready |    8
 H6000AA   | -2+3 Minus                | 2026-04-07   |   29 | not_ready |    9
 H7000AA   | \\xc2\\x9b31mC1 Bidi$ell       | 2026-04-07   |   29 | not_ready |    8
 H8000AA   | Back\\\\slash Tab\\there     | 2026-04-08   |   30 | not_ready |    8
 H9000AA   | xxxxxxxxxxxxxxxxxxxxxxxx$ell | 2026-04-09   |   31 | not_ready |    8
(9 rows; 3 columns not shown, see --wide or -x)
}, 'releases table: escaped, fitted to 80 columns');

# --- tsv: the same escapes, nothing cut
client_is(
	[ '-f', 'tsv', 'releases', '--prison', 'BXI', @asof ],
	qq{prison_number\tname\tprison_code\trelease_date\tdays_to_release\treadiness\tgaps\tresponsibility\thandover_date
H1000AA\tEve\\x1b]0;pwned\\x07 \\x1b[2KDoe\tBXI\t2026-04-02\t24\tnot_ready\t8\tcommunity\t
H2000AA\t\\x1b]52;c;cm0gLXJmIH4=\\x07Clip Board\tBXI\t2026-04-03\t25\tnot_ready\t8\tcommunity\t
H3000AA\t=HYPERLINK("http://x.test/","y") Formula\tBXI\t2026-04-04\t26\tnot_ready\t8\tcommunity\t
H4000AA\t\@SUM(A1) At\tBXI\t2026-04-05\t27\tnot_ready\t8\tcommunity\t
H5000AA\t+44 Plus\tBXI\t2026-04-06\t28\tnot_ready\t8\tcommunity\t
H6000AA\t-2+3 Minus\tBXI\t2026-04-07\t29\tnot_ready\t9\tcommunity\t2025-07-24
H7000AA\t\\xc2\\x9b31mC1 Bidi\\xe2\\x80\\xaeevil\\xe2\\x80\\xac\tBXI\t2026-04-07\t29\tnot_ready\t8\tcommunity\t
H8000AA\tBack\\\\slash Tab\\there\tBXI\t2026-04-08\t30\tnot_ready\t8\tcommunity\t
}, 'releases tsv: control characters, C1, bidi, backslash and tab escaped');

# --- csv: values as stored, formulas neutralised, numbers untouched
my $csv_head =
  "prison_number,name,prison_code,release_date,days_to_release,readiness,gaps,responsibility,handover_date\n";
client_is(
	[ '-f', 'csv', 'releases', '--prison', 'BXI', @asof ],
	$csv_head . qq{H1000AA,Eve\x1b]0;pwned\x07 \x1b[2KDoe,BXI,2026-04-02,24,not_ready,8,community,
H2000AA,\x1b]52;c;cm0gLXJmIH4=\x07Clip Board,BXI,2026-04-03,25,not_ready,8,community,
H3000AA,"'=HYPERLINK(""http://x.test/"",""y"") Formula",BXI,2026-04-04,26,not_ready,8,community,
H4000AA,'\@SUM(A1) At,BXI,2026-04-05,27,not_ready,8,community,
H5000AA,'+44 Plus,BXI,2026-04-06,28,not_ready,8,community,
H6000AA,'-2+3 Minus,BXI,2026-04-07,29,not_ready,9,community,2025-07-24
H7000AA,\xc2\x9b31mC1 Bidi\xe2\x80\xaeevil\xe2\x80\xac,BXI,2026-04-07,29,not_ready,8,community,
H8000AA,Back\\slash Tab\there,BXI,2026-04-08,30,not_ready,8,community,
}, 'releases csv: formulas get a leading apostrophe, other values as stored');
client_is(
	[ '-f', 'csv', '--csv-raw', 'releases', '--prison', 'BXI', '--weeks', '4', @asof ],
	$csv_head . qq{H1000AA,Eve\x1b]0;pwned\x07 \x1b[2KDoe,BXI,2026-04-02,24,not_ready,8,community,
H2000AA,\x1b]52;c;cm0gLXJmIH4=\x07Clip Board,BXI,2026-04-03,25,not_ready,8,community,
H3000AA,"=HYPERLINK(""http://x.test/"",""y"") Formula",BXI,2026-04-04,26,not_ready,8,community,
H4000AA,\@SUM(A1) At,BXI,2026-04-05,27,not_ready,8,community,
H5000AA,+44 Plus,BXI,2026-04-06,28,not_ready,8,community,
}, 'releases csv --csv-raw: formulas as stored');
client_is(
	[ '-f', 'csv', 'handovers', '--overdue', @asof ],
	qq{prison_number,name,prison_code,handover_date,days_to_handover,status,responsibility,com_name,release_date,pom_name
H6000AA,'-2+3 Minus,BXI,2025-07-24,-228,overdue,community,,2026-04-07,
}, 'handovers csv: a negative number in a numeric column is kept, a formula is not');
{
	my ($rc, $o, $e) = run_client('-f', 'csv', '-t', 'case', 'H6000AA', @asof);
	like($o, qr/\nidentity,name,'-2\+3 Minus\n/, 'case card csv: the name, a formula in a text column, neutralised');
	like($o, qr/\ncustody,days_to_release,29\n/, 'case card csv: a plain number in a text column kept');
}

# --- json and ndjson: \u escapes, complete
client_is(
	[ '-f', 'ndjson', 'releases', '--prison', 'BXI', '--weeks', '4', @asof ],
	qq({"prison_number":"H1000AA","name":"Eve\\u001b]0;pwned\\u0007 \\u001b[2KDoe","prison_code":"BXI","release_date":"2026-04-02","days_to_release":24,"readiness":"not_ready","gaps":8,"responsibility":"community","handover_date":null}
{"prison_number":"H2000AA","name":"\\u001b]52;c;cm0gLXJmIH4=\\u0007Clip Board","prison_code":"BXI","release_date":"2026-04-03","days_to_release":25,"readiness":"not_ready","gaps":8,"responsibility":"community","handover_date":null}
{"prison_number":"H3000AA","name":"=HYPERLINK(\\"http://x.test/\\",\\"y\\") Formula","prison_code":"BXI","release_date":"2026-04-04","days_to_release":26,"readiness":"not_ready","gaps":8,"responsibility":"community","handover_date":null}
{"prison_number":"H4000AA","name":"\@SUM(A1) At","prison_code":"BXI","release_date":"2026-04-05","days_to_release":27,"readiness":"not_ready","gaps":8,"responsibility":"community","handover_date":null}
{"prison_number":"H5000AA","name":"+44 Plus","prison_code":"BXI","release_date":"2026-04-06","days_to_release":28,"readiness":"not_ready","gaps":8,"responsibility":"community","handover_date":null}
), 'releases ndjson: C0 escaped as \\u');
{
	my ($rc, $o, $e) = run_client('-f', 'json', 'releases', '--prison', 'BXI', @asof);
	like($o, qr/^\{"prison_number":"H7000AA","name":"\\u009b31mC1 Bidi\\u202eevil\\u202c",/m,
		'releases json: C1 and bidi controls as \\u');
	like($o, qr/"name":"Back\\\\slash Tab\\there"/, 'releases json: backslash and tab');
	unlike($o, qr/[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]/,
		'releases json: no raw control character');
}

# --- the 1 MB name: cut in table output, complete in machine formats
{
	my ($rc, $o, $e) = run_client('-f', 'table', '--width', '80', 'releases', '--prison', 'MDI', @asof);
	is($rc, 0, '1 MB name, table: exit 0');
	ok(length($o) < 1000, '1 MB name, table: under 1000 bytes (' . length($o) . ')');
	is(widest($o), 80, '1 MB name, table: 80 columns');
	($rc, $o, $e) = run_client('-f', 'table', '-x', '--width', '80', 'releases', '--prison', 'MDI', @asof);
	my @lines = split /\n/, $o;
	is(scalar(@lines), 18, '1 MB name, -x: a header, 9 fields, the name on 9 lines');
	is($lines[2], 'name            | ' . ('x' x 62), '1 MB name, -x: wrapped to 80 columns');
	is($lines[10], (' ' x 16) . '| xxx' . $ell, '1 MB name, -x: cut at 500 columns with an ellipsis');
	ok(widest($o) <= 80, '1 MB name, -x: within 80 columns');
	($rc, $o, $e) = run_client('-f', 'table', '--wide', 'releases', '--prison', 'MDI', @asof);
	my $big = ('x' x 1048576) . ' Big';
	ok(index($o, " | $big | ") > 0, '1 MB name, --wide: complete');
	for my $fmt ('csv', 'tsv', 'json', 'ndjson')
	{
		($rc, $o, $e) = run_client('-f', $fmt, 'releases', '--prison', 'MDI', @asof);
		ok(index($o, ($fmt =~ /json/ ? '"' : $fmt eq 'csv' ? ',' : "\t") . "$big" . ($fmt =~ /json/ ? '"' : $fmt eq 'csv' ? ',' : "\t")) > 0,
			"1 MB name, $fmt: complete");
	}
}

# --- -x piped: expanded records (it asks for table output), escaped
{
	my ($rc, $o, $e) = run_client('-x', 'releases', '--prison', 'BXI', '--weeks', '4', @asof);
	is(substr($o, 0, index($o, '-[ RECORD 2 ]')), qq{-[ RECORD 1 ]---+-----------------------------------------
prison_number   | H1000AA
name            | Eve\\x1b]0;pwned\\x07 \\x1b[2KDoe
prison_code     | BXI
release_date    | 2026-04-02
days_to_release | 24
readiness       | not_ready
gaps            | 8
responsibility  | community
handover_date   | 
}, '-x piped: one field per line, escaped');
}

# --- every command's table output fits 80 columns and carries no escape
for my $cmd (
	[ 'releases', @asof ],
	[ 'handovers', @asof ],
	[ 'gaps', @asof ],
	[ 'stats', @asof ],
	[ 'stats', '--by', 'region', @asof ],
	[ 'stats', '--by', 'month', @asof ],
	[ 'stats', '--by', 'pathway' ],
	[ 'case', 'H1000AA', @asof ],
	[ 'case', 'H9000AA', @asof ],
	[ '-x', 'releases', @asof ],
	[ '-x', 'gaps', '--rule', 'bank', @asof ])
{
	my ($rc, $o, $e) = run_client('-f', 'table', '--width', '80', @$cmd);
	is($rc, 0, "table @$cmd: exit 0");
	ok(widest($o) <= 80, "table @$cmd: at most 80 columns (" . widest($o) . ')');
	unlike($o, qr/[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]/,
		"table @$cmd: no raw control character");
}

# --- the case card: escaped, wrapped with a hanging indent under the value
{
	my ($rc, $o, $e) = run_client('-f', 'table', '--width', '80', 'case', 'H1000AA', @asof);
	like($o, qr/^identity\n  prison_number +H1000AA\n  crn\n  name +Eve\\x1b\]0;pwned\\x07 \\x1b\[2KDoe\n/,
		'case card: name escaped');
	like($o, qr/\n  health +in_progress - GP \\x1b\[2J\\x1b\[Hcalled; see\n +\\\\\\\\server\\\\share\n/,
		'case card: note escaped and wrapped');
	like($o, qr/\n  bank\.none\n {6}error: No bank account is held or opened and no application is pending;\n {6}one is needed by/,
		'case card: gap message under its rule, wrapped at a word boundary with a hanging indent');
}

# --- gaps: a line per case, its name cut (never inside an escape), its gaps
# under it, each message wrapped at word boundaries
{
	my ($rc, $o, $e) = run_client('-f', 'table', '--width', '80', 'gaps', '--rule', 'bank.none', @asof);
	is(substr($o, 0, index($o, "\nH2000AA")),
		qq{H1000AA  Eve\\x1b]0;pwned\\x07 \\x1b[2$ell  release 2026-04-02 (in 24 days)  not_ready
  2026-01-08  error    No bank account is held or opened and no application is
                       pending; one is needed by 2026-01-08, 84 days before
                       release on 2026-04-02.
}, 'gaps: the name cut with an ellipsis after a whole escape, the message wrapped at word boundaries');
	like($o, qr/\nH8000AA  Back\\\\slash Tab\\there  release 2026-04-08 \(in 30 days\)  not_ready\n/,
		'gaps: backslash and tab escaped in the case line');
	like($o, qr/\n\n\(9 cases, 9 gaps\)\n\z/, 'gaps: cases and gaps counted');
}

# --- errors and notices from the server are escaped on stderr
{
	my ($rc, $o, $e) = run_client('set', 'H1000AA', '--pathway', 'health', '--status', "\x1b]0;x\x07");
	is($rc, 3, 'server error: exit 3');
	is($e, qq{resettle: error: invalid pathway status "\\x1b]0;x\\x07"
DETAIL:  Valid values: not_started, in_progress, support_required, support_not_required, support_declined, done.\n},
		'server error: the echoed value escaped');
	($rc, $o, $e) = run_client('-f', 'csv', 'set', 'H1000AA', '--pathway', 'health', '--status', 'in_progress',
		'--note', "ok\x1b[2K\xc2\x9b");
	is($rc, 0, 'notice: exit 0');
	is($e, qq{NOTICE:  note recorded: ok\\x1b[2K\\xc2\\x9b\n}, 'notice: escaped on stderr');
}

# --- the HTML report: names escaped, controls replaced
{
	my ($rc, $o, $e) = run_client('report', '--prison', 'BXI', @asof);
	is($rc, 0, 'report: exit 0');
	unlike($o, qr/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]/, 'report: no raw control character');
	like($o, qr/Eve&#xFFFD;\]0;pwned&#xFFFD; &#xFFFD;\[2KDoe/, 'report: ESC and BEL replaced by U+FFFD');
	like($o, qr/&#xFFFD;31mC1 Bidi&#xFFFD;evil&#xFFFD;/, 'report: C1 and bidi replaced by U+FFFD');
	like($o, qr/=HYPERLINK\(&quot;http:\/\/x\.test\/&quot;,&quot;y&quot;\) Formula/, 'report: quotes escaped');
}

# --- csv to a terminal is escaped as table output is
SKIP:
{
	skip 'no pseudo-terminal (IO::Pty or /dev/ptmx missing)', 1 unless $have_pty;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my $out = '';
	IPC::Run::run([ 'resettle', '-f', 'csv', '-t', 'releases', '--prison', 'BXI', '--weeks', '4', @asof ],
		'<pty<', \'', '>pty>', \$out, IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	$out =~ s/\r\n/\n/g;
	is($out, qq{H1000AA,Eve\\x1b]0;pwned\\x07 \\x1b[2KDoe,BXI,2026-04-02,24,not_ready,8,community,
H2000AA,\\x1b]52;c;cm0gLXJmIH4=\\x07Clip Board,BXI,2026-04-03,25,not_ready,8,community,
H3000AA,"'=HYPERLINK(""http://x.test/"",""y"") Formula",BXI,2026-04-04,26,not_ready,8,community,
H4000AA,'\@SUM(A1) At,BXI,2026-04-05,27,not_ready,8,community,
H5000AA,'+44 Plus,BXI,2026-04-06,28,not_ready,8,community,
}, 'csv on a terminal: escaped');
}

# --- bytes that are not UTF-8 (a SQL_ASCII database passes them through)
$node->safe_psql('postgres',
	q{CREATE DATABASE ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0});
$node->safe_psql(
	'ascii', q{
CREATE EXTENSION resettle;
ALTER DATABASE ascii SET resettle.today = '2026-03-09';
SET resettle.today = '2026-03-09';
ALTER TABLE resettle.person DROP CONSTRAINT person_given_name_text,
	DROP CONSTRAINT person_family_name_text;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('B1000AA', E'Bad\xff\xfe', E'Cut\xe6\x97', '1990-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (1, 'B1000AA', 'BXI', '2025-12-20', '2025-12-20', '2026-04-02');
});
# the server converts nothing for a SQL_ASCII client: the bytes arrive as stored
my $ascii = 'dbname=ascii client_encoding=SQL_ASCII';
client_is([ '-d', $ascii, '-f', 'tsv', '-t', 'releases', @asof ],
	qq{B1000AA\tBad\\xff\\xfe Cut\\xe6\\x97\tBXI\t2026-04-02\t24\tnot_ready\t8\tcommunity\t\n},
	'invalid UTF-8, tsv: each byte as \\xHH');
client_is([ '-d', $ascii, '-f', 'table', '-t', 'releases', @asof ],
	qq{ B1000AA | Bad\\xff\\xfe Cut\\xe6\\x97 | BXI | 2026-04-02 | 24 | not_ready | 8 | community | \n},
	'invalid UTF-8, table: each byte as \\xHH');
client_is([ '-d', $ascii, '-f', 'json', 'releases', '--weeks', '4', @asof ],
	qq{[
{"prison_number":"B1000AA","name":"Bad\\ufffd\\ufffd Cut\\ufffd\\ufffd","prison_code":"BXI","release_date":"2026-04-02","days_to_release":24,"readiness":"not_ready","gaps":8,"responsibility":"community","handover_date":null}
]
}, 'invalid UTF-8, json: \\ufffd');

$node->stop;
done_testing();
