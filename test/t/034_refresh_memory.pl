# Backend memory over a long refresh: one session re-evaluates every case
# of a 4,000-case caseload forty times, each for a new day (so every case is
# rewritten), with single-case updates in between.  The backend's private
# resident memory after the warm-up rounds must stay within 4 MB of where it
# was: a leak of 50 bytes per case and round would add 5 MB.  (Memory, not
# time: no timing threshold.)  The peak growth at national scale is measured by
# make bench ("backend RSS growth").

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $srcdir = $ENV{RESETTLE_SRCDIR} // '..';

plan skip_all => '/proc is not mounted' unless -r "/proc/$$/status";

my $node = PostgreSQL::Test::Cluster->new('refresh_memory');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
# no autovacuum: an ANALYZE between rounds invalidates and rebuilds cached
# plans and statistics, which is not the extension's memory
$node->append_conf('postgresql.conf', "resettle.today = '2026-01-01'\nautovacuum = off\n");
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION resettle');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', 'first=1', '-v', 'cases=4000',
		'-d', $node->connstr('postgres'), '-f', "$srcdir/test/soak/generate.sql" ],
	'4,000 cases generated');
my $in_custody = $node->safe_psql('postgres',
	q{SELECT count(*) FROM resettle.custody WHERE released_on IS NULL});
cmp_ok($in_custody, '>', 2000, "$in_custody cases in custody to refresh");

my $session = $node->background_psql('postgres');
my $pid = $session->query_safe('SELECT pg_backend_pid()');

# the backend's private resident memory, in kB (RssAnon: VmRSS would also
# count the shared buffers it touches, which grow as it reads more of them)
sub rss
{
	my $status = slurp_file("/proc/$pid/status");
	$status =~ /^RssAnon:\s+(\d+) kB/m or die "no RssAnon for $pid";
	return $1;
}

# one round: one update, then a refresh of every case as of a new day
sub round
{
	my ($n) = @_;
	my $day = sprintf("'2026-01-01'::date + %d", $n);
	return $session->query_safe(qq{
UPDATE resettle.pathway_status SET status = 'in_progress'
WHERE custody_id = (SELECT min(id) FROM resettle.custody WHERE released_on IS NULL)
  AND pathway = 'health';
SELECT resettle.refresh($day, true) >= 0;
SELECT count(*) FROM resettle.custody WHERE released_on IS NULL AND readiness_as_of <> $day});
}

# the memory the backend holds in its memory contexts (all the extension
# allocates is palloc'd), in bytes
sub context_bytes
{
	# what they hold, not the blocks they have taken: a context grows by
	# doubling blocks (a cache of 4 MB takes its next 1 MB block for the
	# first byte past them), so its total jumps for any growth at all
	return $session->query_safe('SELECT sum(used_bytes) FROM pg_backend_memory_contexts');
}

is(round($_), "t\n0", "warm-up round $_: every case refreshed") for 1 .. 5;
my $before = rss();
my $contexts_before = context_bytes();
my $ok = 1;
for my $n (6 .. 45)
{
	$ok &&= round($n) eq "t\n0";
}
ok($ok, 'forty more rounds: every case refreshed each time');
my $after = rss();
my $contexts_after = context_bytes();
note("backend RssAnon after warm-up $before kB, after forty rounds $after kB;"
	  . " memory contexts $contexts_before then $contexts_after bytes");
# exact: what the memory contexts hold does not grow (a leak of the
# extension's would)
cmp_ok($contexts_after - $contexts_before, '<', 64 * 1024,
	'the backend\'s memory contexts do not grow over forty refreshes of every case');
# coarse: the resident memory, which also counts the C library's heap as
# it fragments (2.4 MB here, 4.6 MB on another machine after forty rounds)
cmp_ok($after - $before, '<', 8 * 1024,
	'the backend\'s resident memory does not grow by megabytes over forty refreshes');
is($node->safe_psql('postgres', q{
SELECT count(*) FROM resettle.custody
WHERE readiness IS DISTINCT FROM resettle.readiness(id, readiness_as_of)}), '0',
	'every stored readiness equals a fresh evaluation');

$session->quit;
$node->stop;
done_testing();
