# Backup and restore: pg_dump of a populated database (cases with records
# and releases, a tuned rule, a locally added prison, readiness history,
# access-control rows) restored into fresh databases by the procedure of
# docs/operations.md ("Backup and restore"), in custom and plain formats.
#
# Proves that every table of the extension comes back row for row (ordered
# COPY of each table compared with the source's) with its sequences, that
# the database passes the invariants of test/soak/invariants.sql, and that
# the extension still works there: an update recomputes readiness and
# appends history, row-level security is still forced, and a LISTEN session
# receives the NOTIFY of a level change.
#
# The rule data is restored (with triggers on, so the dumped rows replace
# the shipped ones) before any case exists, so it re-evaluates nothing and
# the restored history is exactly the dumped one.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $srcdir = $ENV{RESETTLE_SRCDIR} // '..';
my $generate = "$srcdir/test/soak/generate.sql";
my $invariants = slurp_file("$srcdir/test/soak/invariants.sql");

my $node = PostgreSQL::Test::Cluster->new('dump_restore');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->append_conf('postgresql.conf', "resettle.today = '2026-01-01'\n");
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', 'CREATE EXTENSION resettle');

# --- populate -------------------------------------------------------------
$node->command_ok(
	[ 'psql', '-X', '-q', '-d', $node->connstr('src'), '-v', 'first=1', '-v',
		'cases=300', '-f', $generate ],
	'generate 300 cases');
$node->safe_psql(
	'src', q{
-- a locally added prison with a case
INSERT INTO resettle.prison (code, name, country, estate, region)
VALUES ('ZZL', 'HMP Local Addition', 'england', 'male', 'Test region');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('Z9000ZZ', 'Local', 'Prisoner', '1980-02-29', 'male');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd)
VALUES ('Z9000ZZ', 'ZZL', '2025-10-01', '2025-10-01', '2026-02-01');
-- tuned rules (re-evaluates every case, appending history)
UPDATE resettle.rule SET warn_days = 200 WHERE code = 'pathway.not_started';
UPDATE resettle.rule SET enabled = false WHERE code = 'family.not_assessed';
-- more history: work on some cases, a release
UPDATE resettle.pathway_status SET status = 'done' WHERE custody_id % 7 = 0;
UPDATE resettle.custody SET released_on = '2026-01-01'
WHERE id = (SELECT max(id) FROM resettle.custody WHERE released_on IS NULL AND readiness <> 'out_of_scope');
-- access control rows
SELECT resettle.create_roles('dr');
SELECT resettle.map_staff('dr_staff', 'ZZL');
});

# Every table of the extension, and a comparable dump of each: all rows in
# a fixed order, and each sequence's state.
my @tables = split /\n/, $node->safe_psql(
	'src', q{
SELECT c.oid::regclass FROM pg_class c
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'resettle'
WHERE c.relkind = 'r' ORDER BY 1::text});
my @sequences = split /\n/, $node->safe_psql(
	'src', q{
SELECT c.oid::regclass FROM pg_class c
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'resettle'
WHERE c.relkind = 'S' ORDER BY 1::text});
cmp_ok(scalar(@tables), '>=', 15, 'extension tables: ' . join(' ', @tables));

sub snapshot
{
	my ($db) = @_;
	my %snap;
	for my $t (@tables)
	{
		$snap{$t} = $node->safe_psql($db,
			"COPY (SELECT * FROM $t AS t ORDER BY t::text COLLATE \"C\") TO STDOUT");
	}
	for my $s (@sequences)
	{
		$snap{$s} = $node->safe_psql($db, "SELECT last_value, is_called FROM $s");
	}
	$snap{'relforcerowsecurity'} = $node->safe_psql(
		$db, q{
SELECT string_agg(relname || ':' || relrowsecurity || relforcerowsecurity, ' ' ORDER BY relname)
FROM pg_class WHERE relnamespace = 'resettle'::regnamespace AND relkind = 'r'});
	$snap{'policies'} = $node->safe_psql($db,
		q{SELECT string_agg(tablename || '.' || policyname, ' ' ORDER BY tablename, policyname) FROM pg_policies WHERE schemaname = 'resettle'});
	$snap{'triggers'} = $node->safe_psql(
		$db, q{
SELECT string_agg(tgrelid::regclass || '.' || tgname || ':' || tgenabled::text, ' ' ORDER BY tgrelid::regclass::text, tgname)
FROM pg_trigger WHERE NOT tgisinternal});
	return \%snap;
}

my $want = snapshot('src');
like($want->{'resettle.readiness_history'}, qr/\n.*\n/, 'source has history');
like($want->{'resettle.release_outcome'}, qr/\n.*\n/, 'source has release outcomes');
like($want->{'resettle.prison'}, qr/^ZZL\tHMP Local Addition/m, 'source has the local prison');
like($want->{'resettle.rule'}, qr/^pathway\.not_started\t[^\n]*\t200\t/m, 'source has the tuned rule');
is($node->safe_psql('src', $invariants),
	join("\n", map { "$_|0" } sort qw(stale_readiness stale_gaps history_gap history_last
		history_duplicate release_no_outcome outcome_not_released)),
	'source: invariants hold');

# Compare every table of a restored database with the source.
sub compare
{
	my ($db, $label) = @_;
	my $got = snapshot($db);
	for my $k (sort keys %$want)
	{
		my %in_want = map { $_ => 1 } split /\n/, $want->{$k};
		my %in_got = map { $_ => 1 } split /\n/, $got->{$k};
		my @extra = grep { !$in_want{$_} } split /\n/, $got->{$k};
		my @missing = grep { !$in_got{$_} } split /\n/, $want->{$k};
		next if is($got->{$k}, $want->{$k}, "$label: $k identical");
		diag("$label: $k: only in the restore: $_") for @extra;
		diag("$label: $k: only in the source: $_") for @missing;
	}
	is($node->safe_psql($db, $invariants),
		join("\n", map { "$_|0" } sort qw(stale_readiness stale_gaps history_gap history_last
			history_duplicate release_no_outcome outcome_not_released)),
		"$label: invariants hold");
}

# The extension works in a restored database: an update recomputes
# readiness and appends history, and a listener is notified.
sub still_works
{
	my ($db, $label) = @_;
	my $id = $node->safe_psql($db,
		q{SELECT min(id) FROM resettle.custody WHERE released_on IS NULL AND readiness NOT IN ('released', 'out_of_scope')});
	my $listener = $node->background_psql($db);
	$listener->query_safe('LISTEN resettle_readiness');
	my $before = $node->safe_psql($db,
		"SELECT readiness, (SELECT count(*) FROM resettle.readiness_history WHERE custody_id = $id) FROM resettle.custody WHERE id = $id");
	# release the case: its level becomes released
	$node->safe_psql($db, "UPDATE resettle.custody SET released_on = '2026-01-01' WHERE id = $id");
	my ($level, $n) = split /\|/, $before;
	is( $node->safe_psql(
			$db,
			"SELECT readiness, (SELECT count(*) FROM resettle.readiness_history WHERE custody_id = $id),
			 (SELECT from_level || '>' || to_level FROM resettle.readiness_history WHERE custody_id = $id ORDER BY id DESC LIMIT 1),
			 (SELECT count(*) FROM resettle.release_outcome WHERE custody_id = $id)
			 FROM resettle.custody WHERE id = $id"),
		"released|" . ($n + 1) . "|$level>released|1",
		"$label: a release recomputes readiness, appends history and writes the outcome");
	my $out = $listener->query_safe('SELECT 1');
	my $change = $node->safe_psql($db, "SELECT max(id) FROM resettle.readiness_history WHERE custody_id = $id");
	like($out, qr/Asynchronous notification "resettle_readiness" with payload "\{"change_id" : $change, /,
		"$label: the listener is notified of the change");
	$listener->quit;
	is($node->safe_psql($db, $invariants),
		join("\n", map { "$_|0" } sort qw(stale_readiness stale_gaps history_gap history_last
			history_duplicate release_no_outcome outcome_not_released)),
		"$label: invariants hold after the update");
}

my $tmp = $PostgreSQL::Test::Utils::tmp_check;

# --- custom format, the documented sectioned restore --------------------
my $dump = "$tmp/resettle.dump";
$node->command_ok([ 'pg_dump', '-Fc', '-d', $node->connstr('src'), '-f', $dump ],
	'pg_dump -Fc');
{
	my ($toc, $e);
	IPC::Run::run([ 'pg_restore', '-l', $dump ], '>', \$toc, '2>', \$e)
	  or die "pg_restore -l: $e";
	my @main = grep { !/TABLE DATA resettle (rule|pseudonym_key) / } split /^/, $toc;
	is(scalar(split /^/, $toc) - scalar(@main), 2,
		'restore list leaves out the data of rule and pseudonym_key');
	open my $lf, '>', "$tmp/main.list" or die "main.list: $!";
	print $lf @main;
	close $lf;
}
$node->safe_psql('postgres', 'CREATE DATABASE restored_fc');
for my $step (
	[ 'pre-data', '--section=pre-data' ],
	[ 'rule and pseudonym_key', '--section=data', '-t', 'rule', '-t', 'pseudonym_key' ],
	[ 'data, triggers disabled', '--section=data', '--disable-triggers', '-L', "$tmp/main.list" ],
	[ 'post-data', '--section=post-data' ])
{
	my ($name, @opts) = @$step;
	$node->command_checks_all(
		[ 'pg_restore', '-d', $node->connstr('restored_fc'), @opts, $dump ],
		0, [qr/^$/], [qr/^$/], "custom format: pg_restore $name: no errors");
}
compare('restored_fc', 'custom format');
still_works('restored_fc', 'custom format');

# --- plain format -------------------------------------------------------
# The plain-format equivalent of the sectioned restore (docs/operations.md):
# pg_dump each section to SQL, the data of rule and pseudonym_key alone
# (pg_dump -t does not select an extension's configuration tables, so every
# other table's data is excluded instead), then the case data with
# --disable-triggers and without those two, each loaded with psql.
my @other = grep { $_ ne 'resettle.rule' && $_ ne 'resettle.pseudonym_key' } @tables;
my %plain = (
	'1-pre' => [ '--section=pre-data' ],
	'2-rule' => [ '--section=data', map { "--exclude-table-data=$_" } @other ],
	'3-data' => [ '--section=data', '--disable-triggers',
		'--exclude-table-data=resettle.rule', '--exclude-table-data=resettle.pseudonym_key' ],
	'4-post' => [ '--section=post-data' ]);
$node->safe_psql('postgres', 'CREATE DATABASE restored_plain');
for my $part (sort keys %plain)
{
	$node->command_ok(
		[ 'pg_dump', '-Fp', '-d', $node->connstr('src'), @{ $plain{$part} }, '-f', "$tmp/$part.sql" ],
		"plain format: pg_dump $part");
	$node->command_checks_all(
		[ 'psql', '-X', '-q', '-o', '/dev/null', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('restored_plain'),
			'-f', "$tmp/$part.sql" ],
		0, [qr/^$/], [qr/^$/], "plain format: psql -f $part: no errors");
}
like(slurp_file("$tmp/2-rule.sql"), qr/^COPY resettle\.rule /m,
	'plain format: the rule step holds the rule data');
compare('restored_plain', 'plain format');
still_works('restored_plain', 'plain format');

# --- single pass --------------------------------------------------------
# docs/operations.md: "A single-pass restore (pg_restore -d or psql -f of a
# plain dump) currently reports a duplicate key on readiness_history and
# loses the dumped history".  Check that it is still so (a TODO: the day it
# works, these pass and the documentation should change).
$node->command_ok([ 'pg_dump', '-Fp', '-d', $node->connstr('src'), '-f', "$tmp/all.sql" ],
	'pg_dump -Fp, single file');
$node->safe_psql('postgres', 'CREATE DATABASE restored_single');
my ($ret, $out, $err) = $node->psql('restored_single', undef,
	extra_params => [ '-f', "$tmp/all.sql" ]);
TODO:
{
	local $TODO = 'single-pass restore is documented as not working yet (docs/operations.md)';
	is($err, '', 'single-pass plain restore: no errors');
	is( $node->safe_psql('restored_single',
			"COPY (SELECT * FROM resettle.readiness_history AS t ORDER BY t::text COLLATE \"C\") TO STDOUT"),
		$want->{'resettle.readiness_history'},
		'single-pass plain restore keeps the history');
}

$node->stop;
done_testing();
