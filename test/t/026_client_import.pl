# resettle import prisoners, end to end: a Prisoner Search export as a JSON
# array, NDJSON and a Spring page, from a file and from standard input;
# the summary line and exit codes; the rejects file; --strict, --dry-run
# and --as-of; a malformed file (nothing applied, the byte offset named);
# idempotence (a second import changes nothing: no audit row, no history);
# and who may import (the importer and admin logins; not staff or analysts).

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

$ENV{LC_ALL} = 'C.UTF-8';
$ENV{PAGER} = '';
$ENV{NO_COLOR} = '1';
delete $ENV{PGAPPNAME};

my $node = PostgreSQL::Test::Cluster->new('import');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;
$node->safe_psql(
	'postgres', q{
CREATE EXTENSION resettle;
ALTER DATABASE postgres SET resettle.today = '2026-03-09';
SELECT count(*) FROM resettle.create_roles();
CREATE ROLE feeder LOGIN IN ROLE resettle_importer;
CREATE ROLE boss LOGIN IN ROLE resettle_admin;
CREATE ROLE jo LOGIN IN ROLE resettle_staff;
CREATE ROLE ana LOGIN IN ROLE resettle_analyst;
SELECT resettle.map_staff('jo', 'BXI');
});

my $dir = PostgreSQL::Test::Utils::tempdir;

sub write_file
{
	my ($name, $text) = @_;
	open my $fh, '>', "$dir/$name" or die "$dir/$name: $!";
	print $fh $text;
	close $fh;
	return "$dir/$name";
}

# a Prisoner record in the public shape (absent fields omitted, bookingId a string)
sub prisoner
{
	my ($number, $booking, $prison, %more) = @_;
	my %r = (
		prisonerNumber => $number,
		bookingId => $booking,
		firstName => 'TESTY',
		lastName => 'FEED',
		dateOfBirth => '1990-01-15',
		gender => 'Male',
		status => 'ACTIVE IN',
		inOutStatus => 'IN',
		prisonId => $prison,
		lastPrisonId => $prison,
		lastMovementTypeCode => 'ADM',
		lastMovementReasonCode => 'N',
		lastMovementDate => '2026-03-01',
		receptionDate => '2026-03-01',
		legalStatus => 'SENTENCED',
		imprisonmentStatus => 'ADIMP_ORA',
		recall => 'false',
		sentenceStartDate => '2026-03-02',
		conditionalReleaseDate => '2027-09-01',
		%more);
	# a fixed key order, so the files are byte-stable
	return '{'
	  . join(',',
		map {
			my $v = $r{$_};
			"\"$_\":" . ($v =~ /^(true|false)$/ ? $v : "\"$v\"")
		} sort keys %r)
	  . '}';
}

# run the client as a login; returns (exit code, stdout, stderr)
sub run_import
{
	my ($user, @args) = @_;
	my $stdin = '';
	if (@args && ref $args[-1] eq 'SCALAR')
	{
		$stdin = ${ pop @args };
	}
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	local $ENV{PGDATABASE} = 'postgres';
	local $ENV{PGUSER} = $user;
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'resettle', 'import', 'prisoners', @args ],
		'<', \$stdin, '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

sub counts
{
	return $node->safe_psql('postgres',
		q{SELECT (SELECT count(*) FROM resettle.person) || ' people, '
		  || (SELECT count(*) FROM resettle.custody) || ' episodes, '
		  || (SELECT count(*) FROM resettle.case_audit) || ' audit, '
		  || (SELECT count(*) FROM resettle.readiness_history) || ' history'});
}

# --- a JSON array: three records, one rejected
my $array = write_file('day1.json',
	"[\n" . join(",\n",
		prisoner('A1111AA', '101', 'BXI'),
		prisoner('A2222AA', '102', 'LEI'),
		prisoner('A3333AA', '103', 'ZZZ', lastPrisonId => 'ZZZ')) . "\n]\n");
my ($rc, $out, $err) = run_import('feeder', $array, '--rejects', "$dir/rejects.ndjson");
is($rc, 6, 'array: some rejected: exit 6');
is($out, "read 3, applied 2 (2 inserted, 0 updated), unchanged 0, rejected 1\n",
	'array: the summary line');
is($err, "resettle: rejected: line 4 (A3333AA/103): prisonId: unknown prison \"ZZZ\"\n",
	'array: the rejected record on stderr, with its input line');
is(slurp_file("$dir/rejects.ndjson"),
	qq({"line":4,"record_key":"A3333AA/103","field":"prisonId","reason":"unknown prison \\"ZZZ\\""}\n),
	'the rejects file: input line, record key, field, reason');
is(counts(), '2 people, 2 episodes, 4 audit, 2 history', 'two people and episodes recorded');

# --- the same file again: nothing changes (no audit row, no history)
($rc, $out, $err) = run_import('feeder', $array);
is($rc, 6, 'again: exit 6 (the same record rejected)');
is($out, "read 3, applied 0 (0 inserted, 0 updated), unchanged 2, rejected 1\n",
	'again: two unchanged');
is(counts(), '2 people, 2 episodes, 4 audit, 2 history', 'again: nothing written');

# --- NDJSON from standard input: a transfer, a release; all applied
my $ndjson = join("\n",
	prisoner('A1111AA', '101', 'WWI', lastMovementTypeCode => 'ADM',
		lastMovementReasonCode => 'INT', lastMovementDate => '2026-03-05'),
	prisoner('A2222AA', '102', 'OUT', lastPrisonId => 'LEI', status => 'INACTIVE OUT',
		inOutStatus => 'OUT', lastMovementTypeCode => 'REL', lastMovementReasonCode => 'CR',
		lastMovementDate => '2026-03-08')) . "\n";
($rc, $out, $err) = run_import('feeder', '-', '--as-of', '2026-03-08', \$ndjson);
is($rc, 0, 'ndjson: all applied: exit 0');
is($out, "read 2, applied 2 (0 inserted, 2 updated), unchanged 0, rejected 0\n",
	'ndjson: the summary');
is($err, '', 'ndjson: nothing on stderr');
is( $node->safe_psql(
		'postgres',
		q{SELECT string_agg(prison_number || ' ' || prison_code || ' ' || coalesce(released_on::text, 'open')
		  || ' ' || readiness, ', ' ORDER BY prison_number) FROM resettle.custody}),
	'A1111AA WWI open not_ready, A2222AA LEI 2026-03-08 released',
	'ndjson: the transfer moved the case, the release set released_on');
is($node->safe_psql('postgres', 'SELECT count(*) FROM resettle.release_outcome'),
	'1', 'ndjson: the release took its outcome');

# --- a Spring page, --dry-run and --strict: nothing applied
my $page = write_file('page.json',
	'{"content":[' . prisoner('A4444AA', '104', 'BXI') . ','
	  . prisoner('A5555AA', '105', 'BXI', dateOfBirth => '15/01/1990')
	  . '],"totalElements":2,"last":true}');
my $before = counts();
($rc, $out, $err) = run_import('feeder', $page, '--dry-run');
is($rc, 6, 'page, dry run: exit 6');
is($out,
	"read 2, applied 1 (1 inserted, 0 updated), unchanged 0, rejected 1; dry run: nothing applied\n",
	'page, dry run: the summary says nothing was applied');
like($err, qr/^resettle: rejected: line 1 \(A5555AA\/105\): dateOfBirth: invalid date "15\/01\/1990" for dateOfBirth\n\z/,
	'page: the bad date named');
is(counts(), $before, 'dry run: nothing written');
($rc, $out, $err) = run_import('feeder', $page, '--strict', '--rejects', '-');
is($rc, 6, 'page, strict: exit 6');
is($out,
	qq({"line":1,"record_key":"A5555AA/105","field":"dateOfBirth","reason":"invalid date \\"15/01/1990\\" for dateOfBirth"}\n),
	'strict, --rejects -: the rejects on stdout');
like($err, qr/read 2, applied 1 \(1 inserted, 0 updated\), unchanged 0, rejected 1; --strict: nothing applied\n\z/,
	'strict: the summary (on stderr, the rejects having stdout) says nothing was applied');
is(counts(), $before, 'strict: nothing written');
($rc, $out, $err) = run_import('feeder', $page);
is($rc, 6, 'page: exit 6');
is($node->safe_psql('postgres', q{SELECT count(*) FROM resettle.person WHERE prison_number = 'A4444AA'}),
	'1', 'page, not strict: the good record applied');

# --- malformed: nothing applied, the byte offset named
$before = counts();
my $bad = write_file('bad.json', '[' . prisoner('A6666AA', '106', 'BXI') . ",\n{\"prisonerNumber\": }]\n");
($rc, $out, $err) = run_import('feeder', $bad);
is($rc, 1, 'malformed: exit 1');
is($out, '', 'malformed: no summary');
my $offset = length('[' . prisoner('A6666AA', '106', 'BXI') . ",\n{\"prisonerNumber\": ");
is($err,
	"resettle: error: \"$bad\" is not JSON: at byte offset $offset (line 2): expected a value "
	  . "(true, false, null, a number, a string, an array or an object); nothing imported\n",
	'malformed: the byte offset and line');
is(counts(), $before, 'malformed: nothing written');
($rc, $out, $err) = run_import('feeder', '-', \"");
is($out, "read 0, applied 0 (0 inserted, 0 updated), unchanged 0, rejected 0\n",
	'an empty file: no records');

# --- who may import
my $one = write_file('one.json', prisoner('A7777AA', '107', 'BXI'));
($rc, $out, $err) = run_import('jo', $one);
is($rc, 1, 'staff: refused (exit 1)');
like($err, qr/permission denied for function import_prisoners/, 'staff: permission denied');
($rc, $out, $err) = run_import('ana', $one);
is($rc, 1, 'analyst: refused (exit 1)');
like($err, qr/permission denied for function import_prisoners/, 'analyst: permission denied');
($rc, $out, $err) = run_import('boss', $one);
is($rc, 0, 'admin: may import');
is($node->safe_psql('postgres',
		q{SELECT changed_by FROM resettle.case_audit WHERE prison_number = 'A7777AA' AND table_name = 'person'}),
	'boss', 'the audit names the login that imported');

# staff cannot reach the import's writes any other way (docs/security.md class 1)
my ($stdout, $stderr);
$node->psql('postgres', q{SELECT * FROM resettle.apply_prisoner('{}')},
	extra_params => [ '-U', 'jo' ], stdout => \$stdout, stderr => \$stderr);
like($stderr, qr/permission denied for function apply_prisoner/, 'staff: apply_prisoner refused');
$node->psql('postgres', q{SELECT resettle.map_prisoner('{}', '2026-01-01')},
	extra_params => [ '-U', 'jo' ], stdout => \$stdout, stderr => \$stderr);
like($stderr, qr/permission denied for function map_prisoner/, 'staff: map_prisoner refused');

# usage
($rc, $out, $err) = run_import('feeder');
is($rc, 3, 'no FILE: usage error');
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($o, $e) = ('', '');
	IPC::Run::run([ 'resettle', 'import', 'probation', $one ], '>', \$o, '2>', \$e);
	is($? >> 8, 3, 'an unknown source: usage error');
	like($e, qr/unknown source "probation" for import \(expected prisoners\)/, 'the source named');
	IPC::Run::run([ 'resettle', 'case', 'A1111AA', '--strict' ], '>', \$o, '2>', \$e);
	is($? >> 8, 3, '--strict is for import only');
}

$node->stop;
done_testing();
