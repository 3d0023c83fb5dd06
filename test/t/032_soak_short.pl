# A short concurrency soak (the long one is `make soak`, scripts/soak):
# pgbench with four clients for 20 seconds on 1500 cases, running the mixed
# transactions of test/soak/tx_*.sql (pathway statuses, needs, a COM
# allocation with the checklist, the checklist alone, accommodation under
# REPEATABLE READ, releases, refresh) on a skewed choice of cases so that
# sessions collide.  Deadlocks (40P01) and serialization failures (40001)
# are retried as docs/operations.md recommends (pgbench --max-tries).
# Proves: every script ran, no transaction failed after its retries, no
# client aborted on another error, and afterwards the invariants of
# test/soak/invariants.sql hold: every case's stored readiness and gaps
# equal a fresh evaluation as of the day they were stored, its history is
# a gapless chain ending at that level, and releases and outcomes match.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $srcdir = $ENV{RESETTLE_SRCDIR} // '..';
my $soak = "$srcdir/test/soak";
my $cases = 1500;
my $seconds = 20;
my @tx = (
	[ pathway => 10 ], [ need => 10 ], [ com => 5 ], [ checklist => 5 ],
	[ accommodation => 5 ], [ release => 2 ], [ refresh => 1 ]);

my $node = PostgreSQL::Test::Cluster->new('soak_short');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->append_conf('postgresql.conf', "resettle.today = '2026-01-01'\n");
$node->start;
my $db = 'postgres';
$node->safe_psql($db, 'CREATE EXTENSION resettle');
$node->command_ok(
	[ 'psql', '-X', '-q', '-d', $node->connstr($db), '-v', 'first=1', '-v', "cases=$cases",
		'-f', "$soak/generate.sql" ],
	"generate $cases cases");
my ($hist0, $out0) = split /\|/, $node->safe_psql($db,
	'SELECT (SELECT count(*) FROM resettle.readiness_history), (SELECT count(*) FROM resettle.release_outcome)');

my ($out, $err) = ('', '');
{
	local %ENV = (%ENV, PGHOST => $node->host, PGPORT => $node->port);
	IPC::Run::run(
		[ 'pgbench', '-n', '-c', '4', '-j', '2', '-T', $seconds, '--max-tries=1000',
			'--failures-detailed', '-D', "ncases=$cases",
			(map { ('-f', "$soak/tx_$_->[0].sql\@$_->[1]") } @tx), $db ],
		'>', \$out, '2>', \$err);
}
note($out);
is($err =~ /aborted|ERROR/ ? $err : '', '', 'pgbench: no client aborted');

sub stat_of
{
	my ($text, $what) = @_;
	return $text =~ /^\s*-?\s*\Q$what\E: (\d+)/m ? $1 : 'missing';
}
cmp_ok(stat_of($out, 'number of transactions actually processed'), '>', 0,
	'pgbench processed transactions');
is(stat_of($out, 'number of failed transactions'), '0',
	'no transaction failed after its retries');
# per script: it ran, and none of its transactions failed
my @scripts = split /^SQL script \d+: /m, $out;
shift @scripts;
is(scalar(@scripts), scalar(@tx), 'pgbench reports every script');
for my $s (@scripts)
{
	my ($name) = $s =~ /tx_(\w+)\.sql/;
	cmp_ok(($s =~ /- (\d+) transactions/)[0] // 0, '>', 0, "tx_$name: ran");
	is(stat_of($s, 'number of failed transactions'), '0', "tx_$name: no failed transaction");
	note("tx_$name: transactions retried " . stat_of($s, 'number of transactions retried')
		  . ', retries ' . stat_of($s, 'total number of retries'));
}
note('retried in all: ' . stat_of($out, 'number of transactions retried')
	  . ' transactions, ' . stat_of($out, 'total number of retries') . ' retries');

# The soak changed things: levels changed and cases were released.
my ($hist1, $out1) = split /\|/, $node->safe_psql($db,
	'SELECT (SELECT count(*) FROM resettle.readiness_history), (SELECT count(*) FROM resettle.release_outcome)');
cmp_ok($hist1, '>', $hist0, 'the soak appended history');
cmp_ok($out1, '>', $out0, 'the soak released cases');

is($node->safe_psql($db, slurp_file("$soak/invariants.sql")),
	join("\n", map { "$_|0" } sort qw(stale_readiness stale_gaps history_gap history_last
		history_duplicate release_no_outcome outcome_not_released)),
	'invariants hold after the soak');
$node->stop;
done_testing();
