# The client's table output at 80 columns (issue #18, item 4): every list
# command, against a fixture of long, accented and wide (CJK) names, long
# notes and officers' names, and against the synthetic caseload of
# sql/demo_data.sql.  For each: no line is wider than 80 display columns;
# no word is split (every word shown is a word of the values, whole, or cut
# with an ellipsis); the terminal's width decides (TIOCGWINSZ, else
# COLUMNS, else 80) and output that is not to a terminal is not fitted
# unless --width says; -x shows every field of every row, wrapped; --wide
# every column of every row in full; csv and json are the same whatever the
# width.  Then the same as a staff login of one prison.
#
# Byte strings throughout; display widths are measured on decoded text.

use strict;
use warnings;

use Encode qw(decode);
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

my $node = PostgreSQL::Test::Cluster->new('width');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

# --- the fixture: long English names, accents, CJK, a combining accent; a
# POM and a COM with long names; long notes; a region with a long name
# (BAI, Long Term High Security Estate); a released case for the measures
$node->safe_psql(
	'postgres', q{
CREATE EXTENSION resettle;
ALTER DATABASE postgres SET resettle.today = '2026-03-09';
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('W1000AA', 'X100001', 'Maximilian Alexander', 'Fitzgerald-Montgomery-Smithson', '1980-01-01', 'male'),
       ('W2000AA', 'X100002', 'Zoë Anaïs', 'Ñúñez-Ålvarez', '1985-02-02', 'female'),
       ('W3000AA', NULL, '山田', '太郎', '1990-03-03', 'male'),
       ('W4000AA', NULL, 'Siobhán', 'Ó Ceallaigh-Nic Giolla Phádraig', '1975-04-04', 'female'),
       ('W5000AA', 'X100005', 'Jo', 'Bloggs', '1995-05-05', 'male'),
       ('W6000AA', NULL, E'Zoe\u0301', 'Combining', '1992-06-06', 'female'),
       ('W7000AA', NULL, 'Released', 'Earlier', '1970-07-07', 'male'),
       ('W8000AA', NULL, 'No', 'Date', '1971-08-08', 'male'),
       ('W9000AA', NULL, 'Out', 'Today', '1972-09-09', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
	pom_name, com_name, com_email, com_allocated_on)
VALUES (1, 'W1000AA', 'BAI', '2025-01-10', '2025-01-10', '2026-04-01', 'Christopher Montgomery-Wright',
        'Alexandra Featherstonehaugh-Cholmondeley', 'alexandra.featherstonehaugh-cholmondeley@justice.gov.uk', '2026-01-02'),
       (2, 'W2000AA', 'BXI', '2025-06-10', '2025-06-10', '2026-04-10', 'Christopher Montgomery-Wright', NULL, NULL, NULL),
       (3, 'W3000AA', 'BXI', '2025-06-10', '2025-06-10', '2026-04-20', NULL, NULL, NULL, NULL),
       (4, 'W4000AA', 'LEI', '2025-01-10', '2025-01-10', '2026-05-01', 'Jo Bloggs', NULL, NULL, NULL),
       (5, 'W5000AA', 'LEI', '2026-01-10', '2026-01-10', '2026-03-20', 'Jo Bloggs', 'Pat Jones', NULL, '2026-03-01'),
       (6, 'W6000AA', 'BAI', '2025-01-10', '2025-01-10', '2026-06-15', NULL, NULL, NULL, NULL),
       (7, 'W7000AA', 'BAI', '2024-06-01', '2024-06-01', '2026-02-01', NULL, NULL, NULL, NULL),
       (9, 'W9000AA', 'LEI', '2025-06-01', '2025-06-01', '2026-03-09', 'Jo Bloggs', NULL, NULL, NULL);
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start)
VALUES (8, 'W8000AA', 'LEI', '2025-09-01', '2025-09-01');
INSERT INTO resettle.pathway_status (custody_id, pathway, status, note)
VALUES (5, 'accommodation', 'in_progress',
        'Referred to the local authority under the duty to refer; the housing officer will visit on Tuesday and the family have offered a room until the council finds somewhere permanent, which may take several weeks.'),
       (1, 'finance_id', 'support_required', 'Needs help with a birth certificate from the General Register Office before any bank will open an account.');
INSERT INTO resettle.support_need (custody_id, need, status, responsible, note)
VALUES (5, 'benefit_claim', 'in_progress', 'probation',
        'Universal Credit claim booked for the day of release at the jobcentre nearest the address; advance payment discussed.');
INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on)
VALUES (5, 'The Co-operative Bank', 'pending', '2026-03-01');
INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed)
VALUES (7, 'family_or_friends', 'return_to_previous_address', true);
SET resettle.today = '2026-02-01';
UPDATE resettle.custody SET released_on = '2026-02-01' WHERE id = 7;
SET resettle.today = '2026-03-09';
SELECT count(*) FROM resettle.create_roles();
CREATE ROLE pom_cmw LOGIN IN ROLE resettle_staff;
SELECT resettle.map_staff('pom_cmw', 'BAI'), resettle.map_staff('pom_cmw', 'BXI');
SELECT resettle.map_pom('pom_cmw', 'Christopher Montgomery-Wright');
});

my @asof = ('--as-of', '2026-03-09');

# the synthetic caseload, for breadth (every region, every kind of gap)
my $demo_sql = ($ENV{RESETTLE_SRCDIR} // '..') . '/sql/demo_data.sql';
my $have_demo = -f $demo_sql;
if ($have_demo)
{
	$node->safe_psql('postgres', 'CREATE DATABASE demo');
	$node->safe_psql('demo', 'CREATE EXTENSION resettle');
	my ($o, $e) = ('', '');
	IPC::Run::run(
		[ 'psql', '-X', '-q', '-h', $node->host, '-p', $node->port, '-d', 'demo',
		  '-v', 'ON_ERROR_STOP=1', '-v', 'scale=0.01', '-v', 'seed=11', '-f', $demo_sql ],
		'<', \'', '>', \$o, '2>', \$e);
	is($? >> 8, 0, 'demo_data.sql at scale 0.01 loaded') or diag($e);
}

# run the client (stdout a pipe); returns exit code, stdout, stderr
sub run_client
{
	my (@args) = @_;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($o, $e) = ('', '');
	IPC::Run::run([ 'resettle', @args ], '<', \'', '>', \$o, '2>', \$e,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	return ($? >> 8, $o, $e);
}

# run the client on a pseudo-terminal $cols wide and 24 high (0: a size of
# 0x0, as a terminal that does not say), --no-pager unless the first
# argument is --page; returns exit code and what it wrote
sub run_on_terminal
{
	my ($cols, @args) = @_;
	my @pager = ('--no-pager');
	if ($args[0] eq '--page')
	{
		@pager = ();
		shift @args;
	}
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my $pty = IO::Pty->new;
	$pty->slave->set_winsize(24, $cols) if $cols > 0;
	my $pid = fork;
	die "fork: $!" unless defined $pid;
	if ($pid == 0)
	{
		$pty->make_slave_controlling_terminal;
		my $tty = $pty->slave;
		close $pty;
		open STDIN, '<&', $tty or die;
		open STDOUT, '>&', $tty or die;
		open STDERR, '>', '/dev/null' or die;
		exec 'resettle', @pager, @args;
		exit 127;
	}
	$pty->close_slave;
	my $out = '';
	my $deadline = time + $PostgreSQL::Test::Utils::timeout_default;
	while (time < $deadline)
	{
		my $rin = '';
		vec($rin, fileno($pty), 1) = 1;
		next unless select(my $rout = $rin, undef, undef, 1) > 0;
		my $n = sysread($pty, my $buf, 65536);
		last unless $n;    # EOF, or EIO once the child has closed it
		$out .= $buf;
	}
	waitpid($pid, 0);
	my $rc = $? >> 8;
	$out =~ s/\r\n/\n/g;
	return ($rc, $out);
}

# display width of one line of UTF-8: East Asian wide and fullwidth 2,
# combining marks and format characters 0, others 1
sub line_width
{
	my $s = decode('UTF-8', $_[0]);
	my $w = 0;
	for my $c (split //, $s)
	{
		next if $c =~ /[\p{Mn}\p{Me}\p{Cf}]/;
		$w += ($c =~ /[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]/) ? 2 : 1;
	}
	return $w;
}

sub widest
{
	my $max = 0;
	for (split /\n/, $_[0])
	{
		my $w = line_width($_);
		$max = $w if $w > $max;
	}
	return $max;
}

# the words of a text: split at white space and the column separator,
# without the rules of tables, records and bar charts
sub words_of
{
	my @w;
	for my $line (split /\n/, $_[0])
	{
		next if $line =~ /^-\[ RECORD \d+ \]-*(?:\+-*)?$/ || $line =~ /^[-+]+$/;
		$line =~ s/(?:\xe2\x96[\x88-\x8f])+//g;    # bars
		push @w, grep { $_ ne '' } split /[\s|]+/, $line;
	}
	return @w;
}

# words of the layouts, not of the values: footers, the worklist's case
# lines, the titles of stats
my %layout = map { $_ => 1 } split ' ', 'rows; rows) row; row) columns column not shown, see --wide or -x)
  release (in day) days) ago) (today) no date POM now cases, case, gaps) gap)';

# Every word of the fitted output $fitted is a word of the values ($rows,
# the same command's rows) or of the unfitted layout ($wide), whole; or
# ends in an ellipsis, its start the start of such a word; or is a layout
# word, a count or a whole percentage.  A word split by wrapping shows as a part.
sub bad_words
{
	my ($fitted, $wide, $rows) = @_;
	my %known = %layout;
	$known{$_} = 1 for words_of($wide);
	for my $row (@$rows)
	{
		for my $field (@$row)
		{
			$known{$_} = 1 for grep { $_ ne '' } split /\s+/, "$field->[0] $field->[1]";
		}
	}
	my @bad;
	for my $w (words_of($fitted))
	{
		next if $known{$w} || $w =~ /^\d+%$/ || $w =~ /^\(?\d+[,;)]?$/;
		if ($w =~ /^(.*)\xe2\x80\xa6$/)
		{
			my $start = $1;
			next if $start eq '' || grep { index($_, $start) == 0 } keys %known;
		}
		push @bad, $w;
	}
	return @bad;
}

sub words_whole
{
	my ($fitted, $wide, $rows, $name) = @_;
	is(join(' ', bad_words($fitted, $wide, $rows)), '', "$name: every word whole or cut with an ellipsis");
	return;
}

# the check sees a word split by wrapping, and a cut without its ellipsis
is(join(' ', bad_words(" No accommodation is con\n firmed; Fitz\xe2\x80\xa6 Fitz\n", '',
	[ [ [ 'message', 'No accommodation is confirmed;' ], [ 'name', 'Fitzgerald' ] ] ])),
	'con firmed; Fitz', 'the word check: a split word and a cut without an ellipsis are seen');

# the rows of a command, from its tsv (no value here holds a tab, a
# newline or a backslash): a list of [name, value] lists per row
sub rows_of
{
	my (@args) = @_;
	my ($rc, $o, $e) = run_client('-f', 'tsv', @args);
	is($rc, 0, "tsv @args: exit 0") or diag($e);
	my ($head, @lines) = split /\n/, $o;
	my @names = split /\t/, $head, -1;
	return [ map { my @v = split /\t/, $_, -1; [ map { [ $names[$_], $v[$_] ] } 0 .. $#names ] } @lines ];
}

# -x at 80 columns: a record per row, a line per field, each value (its
# wrapped lines joined) as in tsv
sub records_match
{
	my ($x, $rows, $name) = @_;
	my @records = split /^-\[ RECORD \d+ \][-+]*\n/m, $x;
	shift @records;
	is(scalar(@records), scalar(@$rows), "$name: a record per row");
	my $bad = 0;
	for my $i (0 .. $#records)
	{
		my (@got, $field);
		for my $line (split /\n/, $records[$i])
		{
			my ($f, $v) = $line =~ /^(\S*) *\| ?(.*)$/ or next;
			if ($f ne '') { push @got, [ $f, $v ] }
			elsif (@got) { $got[-1][1] .= " $v" }
		}
		my $want = join("\n", map { "$_->[0]=$_->[1]" } @{ $rows->[$i] });
		my $have = join("\n", map { "$_->[0]=$_->[1]" } @got);
		$bad++, diag("record $i:\n$have\nwanted:\n$want") unless $have eq $want;
	}
	is($bad, 0, "$name: every field of every row, whole");
	return;
}

# --wide: every column, a line per row, each cell whole
sub table_matches
{
	my ($wide, $rows, $name) = @_;
	my @lines = split /\n/, $wide;
	return unless @$rows;
	my @head = split / \| /, $lines[0];
	is(scalar(@head), scalar(@{ $rows->[0] }), "$name: every column");
	my $bad = 0;
	for my $i (0 .. $#$rows)
	{
		my $line = $lines[ $i + 2 ] =~ s/^ //r;
		my @cells = map { s/^\s+|\s+$//gr } split / \| /, "$line ", -1;
		my $have = join("\x01", @cells);
		my $want = join("\x01", map { $_->[1] } @{ $rows->[$i] });
		$bad++, diag("row $i: $have\nwanted: $want") unless $have eq $want;
	}
	is($bad, 0, "$name: every value whole");
	return;
}

# the list commands, each with the options that change its layout
my @lists = (
	[ 'releases', @asof ],
	[ 'releases', '--weeks', '52', @asof ],
	[ 'releases', '--prison', 'BAI', '--weeks', '52', @asof ],
	[ 'handovers', @asof ],
	[ 'handovers', '--upcoming', @asof ],
	[ 'handovers', '--overdue', @asof ],
	[ 'gaps', @asof ],
	[ 'gaps', '--weeks', '12', @asof ],
	[ 'gaps', '--rule', 'bank', @asof ],
	[ 'gaps', '--pathway', 'accommodation', @asof ],
	[ 'stats', @asof ],
	[ 'stats', '--by', 'region', @asof ],
	[ 'stats', '--by', 'month', @asof ],
	[ 'stats', '--by', 'pathway' ],
	[ 'case', 'W1000AA', @asof ],
	[ 'case', 'W5000AA', @asof ],
	[ 'case', 'W3000AA', @asof ],
	[ 'case', 'W8000AA', @asof ],
	[ 'version' ]);
# the lists whose rows -x and --wide show one to one
my %rowlist = map { $_ => 1 } qw(releases handovers gaps);

sub sweep
{
	my ($db, $who, @lists) = @_;
	for my $cmd (@lists)
	{
		my @conn = ('-d', $db, @$who);
		my $name = join(' ', @$who, @$cmd) . ($db eq 'postgres' ? '' : " ($db)");
		my ($rc, $fitted, $e) = run_client(@conn, '-f', 'table', '--width', '80', @$cmd);
		is($rc, 0, "$name at 80: exit 0") or diag($e);
		ok(widest($fitted) <= 80, "$name at 80: at most 80 columns (" . widest($fitted) . ')');
		my ($rc2, $wide) = run_client(@conn, '-f', 'table', '--wide', @$cmd);
		my $rows = $cmd->[0] eq 'stats' ? [] : rows_of(@conn, @$cmd);
		words_whole($fitted, $wide, $rows, "$name at 80");

		# not to a terminal and no --width: not fitted, as --wide
		my ($rc3, $piped) = run_client(@conn, '-f', 'table', @$cmd);
		is($piped, $wide, "$name piped: as --wide");
		SKIP:
		{
			skip 'no pseudo-terminal (IO::Pty or /dev/ptmx missing)', 2 unless $have_pty;
			# a terminal that does not say its size: COLUMNS
			local $ENV{COLUMNS} = '80';
			my ($trc, $tty) = run_on_terminal(0, @conn, @$cmd);
			is($tty, $fitted, "$name on a terminal, COLUMNS=80: as --width 80");
			# a terminal 80 wide: its width, whatever COLUMNS says
			$ENV{COLUMNS} = '200';
			($trc, $tty) = run_on_terminal(80, @conn, @$cmd);
			is($tty, $fitted, "$name on an 80-column terminal, COLUMNS=200: 80 columns");
		}
		next unless $rowlist{ $cmd->[0] };

		# -x: every field of every row, at 80 columns
		my ($rc4, $x) = run_client(@conn, '-x', '--width', '80', @$cmd);
		ok(widest($x) <= 80, "$name -x at 80: at most 80 columns (" . widest($x) . ')');
		records_match($x, $rows, "$name -x at 80");
		table_matches($wide, $rows, "$name --wide");

		# machine formats: the same whatever the width, on a terminal or not
		for my $fmt ('csv', 'json')
		{
			my ($r1, $plain) = run_client(@conn, '-f', $fmt, @$cmd);
			my ($r2, $narrow) = run_client(@conn, '-f', $fmt, '--width', '20', @$cmd);
			is($narrow, $plain, "$name $fmt: --width changes nothing");
			SKIP:
			{
				skip 'no pseudo-terminal', 1 unless $have_pty;
				local $ENV{COLUMNS} = '20';
				my ($r3, $tty) = run_on_terminal(20, @conn, '-f', $fmt, @$cmd);
				is($tty, $plain, "$name $fmt on a 20-column terminal: the same");
			}
		}
	}
	return;
}

sweep('postgres', [], @lists);

# the longest values are whole in csv, and -x, --wide show them whole
{
	my ($rc, $csv) = run_client('-f', 'csv', 'releases', @asof);
	like($csv, qr/\nW1000AA,Maximilian Alexander Fitzgerald-Montgomery-Smithson,BAI,/,
		'csv: the long name whole');
	($rc, $csv) = run_client('-f', 'csv', 'case', 'W1000AA', @asof);
	like($csv, qr/\nhandover,com,Alexandra Featherstonehaugh-Cholmondeley\n/, 'csv: the long COM name whole');
	my ($rc2, $card) = run_client('-f', 'csv', 'case', 'W5000AA', @asof);
	like($card, qr/the family have offered a room until the council finds somewhere permanent, which may take several weeks\./,
		'csv: the long note whole');
}

# what a person reads at 80 columns: the long name cut with an ellipsis,
# CJK aligned by display width; a release today; the note wrapped under
# its value
{
	my ($rc, $o) = run_client('-f', 'table', '--width', '80', 'releases', @asof);
	is($o, qq{ prison_no |           name            | release_date | days | readiness | gaps
-----------+---------------------------+--------------+------+-----------+------
 W9000AA   | Out Today                 | 2026-03-09   |    0 | not_ready |    8
 W5000AA   | Jo Bloggs                 | 2026-03-20   |   11 | not_ready |    7
 W1000AA   | Maximilian Alexander Fit\xe2\x80\xa6 | 2026-04-01   |   23 | not_ready |    8
 W2000AA   | Zo\xc3\xab Ana\xc3\xafs \xc3\x91\xc3\xba\xc3\xb1ez-\xc3\x85lvarez   | 2026-04-10   |   32 | not_ready |    8
 W3000AA   | \xe5\xb1\xb1\xe7\x94\xb0 \xe5\xa4\xaa\xe9\x83\x8e                 | 2026-04-20   |   42 | not_ready |    9
 W4000AA   | Siobh\xc3\xa1n \xc3\x93 Ceallaigh-Nic \xe2\x80\xa6 | 2026-05-01   |   53 | not_ready |    9
(6 rows; 3 columns not shown, see --wide or -x)
}, 'releases at 80 columns: names cut with an ellipsis, widths by display width');
	($rc, $o) = run_client('-f', 'table', '--width', '80', 'gaps', '--weeks', '1', '--prison', 'LEI', @asof);
	like($o, qr/^W9000AA  Out Today  release 2026-03-09 \(today\)  not_ready  POM Jo Bloggs\n/m,
		'worklist: a release today says so');
	($rc, $o) = run_client('-f', 'table', '--width', '80', 'case', 'W5000AA', @asof);
	like($o, qr/\npathway\n  accommodation                 in_progress \(failing: accommodation\.none\) -\n {32}Referred to the local authority under the duty\n {32}to refer; the housing officer will visit on\n/,
		'case card: a note wrapped at word boundaries under its value');
	like($o, qr/\ngap\n(?:  [a-z_.]+\n {6}(?:error|warning): .*\n(?: {6}\S.*\n)*)+\n/,
		'case card: gaps under their rule codes, indented');
}

# the worklist at 80 columns, as a staff login mapped to a POM
sweep('postgres', [ '-U', 'pom_cmw' ],
	[ 'gaps', '--weeks', '12', '--mine', @asof ],
	[ 'handovers', '--mine', @asof ],
	[ 'releases', @asof ],
	[ 'case', 'W1000AA', @asof ]);

# the synthetic caseload
SKIP:
{
	skip "no $demo_sql (the test's copy of the source tree has no sql/)", 1 unless $have_demo;
	my $prison = $node->safe_psql('demo', q{SELECT prison_code FROM resettle.custody
		WHERE released_on IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1});
	my $case = $node->safe_psql('demo', qq{SELECT prison_number FROM resettle.custody
		WHERE prison_code = '$prison' AND released_on IS NULL
		ORDER BY cardinality(readiness_gaps) DESC, prison_number LIMIT 1});
	sweep('demo', [],
		[ 'releases', '--prison', $prison ],
		[ 'handovers', '--prison', $prison ],
		[ 'gaps', '--prison', $prison ],
		[ 'gaps', '--weeks', '12', '--prison', $prison ],
		[ 'stats', '--by', 'region' ],
		[ 'stats', '--by', 'pathway' ],
		[ 'case', $case ]);
	# the regions' long names wrap, so that no column is left out
	my ($rrc, $regions) = run_client('-d', 'demo', '-f', 'table', '--width', '80', 'stats', '--by', 'region');
	unlike($regions, qr/not shown/, 'stats --by region (demo) at 80: every column shown');
	like($regions, qr/\| out_of_scope\n.*\| com \| family\n/s,
		'stats --by region (demo) at 80: out_of_scope and family, the last columns, are there');
}

# help fits 80 columns
for my $help ([ 'help' ], [ 'help', 'options' ],
	map { [ $_, '--help' ] } qw(case releases handovers gaps stats set export watch report ping version))
{
	my ($rc, $o) = run_client(@$help);
	ok(widest($o) <= 80, "resettle @$help: at most 80 columns (" . widest($o) . ')');
}

# help taller than the window is paged, as psql's; shorter is not
SKIP:
{
	skip 'no pseudo-terminal (IO::Pty or /dev/ptmx missing)', 3 unless $have_pty;
	local $ENV{RESETTLE_PAGER} = q{echo "[paged]"; cat};
	my ($rc, $o) = run_on_terminal(80, '--page', 'help');
	like($o, qr/\A\[paged\]\nresettle is the command-line client/, 'help on a 24-line terminal: paged');
	($rc, $o) = run_on_terminal(80, '--page', 'help', 'case');
	like($o, qr/\Aresettle: show one case/, 'a short help: not paged');
	($rc, $o) = run_on_terminal(80, '--page', '--no-pager', 'help');
	like($o, qr/\Aresettle is the command-line client/, 'help with --no-pager: not paged');
}

$node->stop;
done_testing();
