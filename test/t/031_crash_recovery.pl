# Crash recovery: the server is killed with SIGKILL (the postmaster and all
# its processes at once, as a power cut would) in the middle of
#	(a) a bulk load of cases with their records (test/soak/generate.sql),
#	(b) resettle.refresh(as_of, all_cases => true) over a few thousand cases,
#	(c) concurrent updates from four sessions (pathway statuses, needs, COM
#		allocations, releases, each committed on its own),
# restarted, and checked: the invariants of test/soak/invariants.sql hold
# (every stored readiness and its gaps equal a fresh evaluation as of the
# day they were stored, history has no gap and no duplicate and ends at the
# stored level, every release has exactly one outcome and every outcome its
# release), what was committed is there and what was not is not, every
# btree index of the extension passes amcheck, and the extension works
# afterwards.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep);

my $srcdir = $ENV{RESETTLE_SRCDIR} // '..';
my $generate = "$srcdir/test/soak/generate.sql";
my $invariants = slurp_file("$srcdir/test/soak/invariants.sql");
my $sound = join("\n",
	map { "$_|0" }
	  sort qw(stale_readiness stale_gaps history_gap history_last
	  history_duplicate release_no_outcome outcome_not_released));

my $node = PostgreSQL::Test::Cluster->new('crash_recovery');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->append_conf('postgresql.conf', "resettle.today = '2026-01-01'\n");
$node->start;
my $db = 'postgres';
$node->safe_psql($db, 'CREATE EXTENSION resettle; CREATE EXTENSION amcheck');

sub generate
{
	my ($first, $cases) = @_;
	return [
		'psql', '-X', '-q', '-d', $node->connstr($db), '-v', "first=$first",
		'-v', "cases=$cases", '-f', $generate ];
}

# Kill the postmaster and every one of its processes at once with SIGKILL,
# as a power cut would, wait for them all to be gone, and start again
# (crash recovery).
sub crash_and_restart
{
	my ($label) = @_;
	my $pid = $node->{_pid};
	my @children;
	for my $stat (glob '/proc/[0-9]*/stat')
	{
		open my $fh, '<', $stat or next;
		my $line = <$fh> // '';
		close $fh;
		# pid (comm) state ppid ...
		push @children, $1 if $line =~ /^(\d+) \(.*\) \S+ (\d+) / && $2 == $pid;
	}
	note("$label: SIGKILL to the postmaster $pid and its " . scalar(@children) . ' processes');
	kill 'KILL', $pid, @children;
	$node->{_pid} = undef;
	for (1 .. 600)
	{
		last unless grep { kill 0, $_ } $pid, @children;
		usleep(100_000);
	}
	is(scalar(grep { kill 0, $_ } $pid, @children), 0, "$label: every server process is gone");
	my $offset = -s $node->logfile;
	$node->start;
	like(slurp_file($node->logfile, $offset), qr/database system was interrupted|was not properly shut down/,
		"$label: the restart ran crash recovery");
}

sub check_sound
{
	my ($label) = @_;
	is($node->safe_psql($db, $invariants), $sound, "$label: invariants hold");
	is( $node->safe_psql(
			$db, q{
SELECT count(*) FROM (
	SELECT bt_index_check(c.oid, true)
	FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
	JOIN pg_am a ON a.oid = c.relam AND a.amname = 'btree'
	WHERE c.relnamespace = 'resettle'::regnamespace) s}),
		$node->safe_psql($db,
			q{SELECT count(*) FROM pg_class c JOIN pg_am a ON a.oid = c.relam AND a.amname = 'btree'
			  WHERE c.relkind = 'i' AND c.relnamespace = 'resettle'::regnamespace}),
		"$label: every btree index of the extension passes amcheck");
}

# Wait until a query returns true, or die.
sub wait_for
{
	my ($sql, $what) = @_;
	$node->poll_query_until($db, $sql) or die "timed out waiting for $what";
}

# --- a baseline ---------------------------------------------------------------
$node->command_ok(generate(1, 3000), 'baseline: 3000 cases');
my $baseline = $node->safe_psql($db,
	q{SELECT count(*), (SELECT count(*) FROM resettle.readiness_history), (SELECT count(*) FROM resettle.release_outcome) FROM resettle.custody});
check_sound('baseline');

# --- (a) during a bulk load -----------------------------------------------------
{
	my ($out, $err) = ('', '');
	my $h = IPC::Run::start(generate(100001, 8000), '>', \$out, '2>', \$err);
	# kill once the load has reached the records (custody rows inserted and
	# evaluated, history written, in the open transaction)
	wait_for(q{SELECT count(*) > 0 FROM pg_stat_activity WHERE state = 'active'
		AND query LIKE 'INSERT INTO resettle.pathway_status%'}, 'the bulk load');
	crash_and_restart('bulk load');
	$h->finish;
	isnt($h->result(0), 0, 'bulk load: the loading psql lost its connection');
	is( $node->safe_psql($db,
			q{SELECT count(*), (SELECT count(*) FROM resettle.readiness_history), (SELECT count(*) FROM resettle.release_outcome) FROM resettle.custody}),
		$baseline, 'bulk load: nothing of the uncommitted load remains');
	is($node->safe_psql($db, q{SELECT count(*) FROM resettle.person WHERE family_name LIKE 'Case-1_____'}),
		'0', 'bulk load: no person of the load remains');
	check_sound('bulk load');
}

# --- (b) during refresh(..., all_cases => true) ------------------------------
{
	my $open = $node->safe_psql($db,
		q{SELECT count(*) FROM resettle.custody WHERE released_on IS NULL});
	my ($out, $err) = ('', '');
	my $h = IPC::Run::start(
		[ 'psql', '-X', '-At', '-d', $node->connstr($db), '-c',
			q{SELECT resettle.refresh('2026-04-01', true)} ],
		'>', \$out, '2>', \$err);
	wait_for(q{SELECT count(*) > 0 FROM pg_stat_activity WHERE state = 'active'
		AND query LIKE '%resettle.refresh(%'}, 'the refresh');
	crash_and_restart('refresh');
	$h->finish;
	# all or nothing: the refresh committed (psql printed its result) or
	# no case is evaluated as of its date
	my $committed = $out =~ /^\d+$/m ? 1 : 0;
	note("refresh committed before the kill: $committed");
	is( $node->safe_psql($db,
			q{SELECT count(*) FROM resettle.custody WHERE released_on IS NULL AND readiness_as_of = '2026-04-01'}),
		$committed ? $open : 0,
		'refresh: all cases in custody or none were re-evaluated');
	check_sound('refresh');
}

# --- (c) during concurrent updates ---------------------------------------------
{
	my $max = $node->safe_psql($db, 'SELECT max(id) FROM resettle.custody');
	my $hist0 = $node->safe_psql($db, 'SELECT count(*) FROM resettle.readiness_history');
	my @sessions;
	for my $s (1 .. 4)
	{
		# each iteration changes one case in its own transaction; lock
		# conflicts (deadlock, serialization) are retried by moving on
		my $sql = qq{
DO \$\$
DECLARE
	c bigint;
BEGIN
	FOR k IN 1 .. 1000000 LOOP
		c := 1 + (pg_catalog.hashint8extended(k, $s) & 2147483647) % $max;
		BEGIN
			CASE k % 4
			WHEN 0 THEN
				UPDATE resettle.pathway_status SET status = (ARRAY['not_started', 'in_progress', 'done']::resettle.pathway_state[])[1 + k % 3]
				WHERE custody_id = c;
			WHEN 1 THEN
				INSERT INTO resettle.support_need (custody_id, need, status)
				SELECT id, 'benefit_claim', 'in_progress' FROM resettle.custody WHERE id = c AND released_on IS NULL
				ON CONFLICT (custody_id, need) DO UPDATE SET status = 'met';
			WHEN 2 THEN
				UPDATE resettle.custody SET com_name = 'COM $s-' || k, com_email = 'com$s\@example.org',
					com_allocated_on = '2025-12-01'
				WHERE id = c AND released_on IS NULL;
			ELSE
				UPDATE resettle.custody SET released_on = greatest(reception_date, '2026-01-01')
				WHERE id = c AND released_on IS NULL AND k % 20 = 3;
			END CASE;
		EXCEPTION WHEN deadlock_detected OR serialization_failure THEN
			NULL;
		END;
		COMMIT;
	END LOOP;
END \$\$;};
		my ($out, $err) = ('', '');
		push @sessions,
		  [ IPC::Run::start([ 'psql', '-X', '-d', $node->connstr($db), '-c', $sql ],
				'>', \$out, '2>', \$err), \$err ];
	}
	# kill once the sessions have committed 150 level changes
	wait_for("SELECT count(*) >= $hist0 + 150 FROM resettle.readiness_history",
		'the concurrent updates');
	my $committed_hist = $node->safe_psql($db, 'SELECT count(*) FROM resettle.readiness_history');
	crash_and_restart('concurrent updates');
	for my $s (@sessions)
	{
		$s->[0]->finish;
		unlike(${ $s->[1] }, qr/ERROR/, 'concurrent updates: the session raised no error before the kill');
	}
	cmp_ok($node->safe_psql($db, 'SELECT count(*) FROM resettle.readiness_history'),
		'>=', $committed_hist, 'concurrent updates: committed history survived');
	check_sound('concurrent updates');
}

# --- the extension works after the crashes --------------------------------------
{
	my $id = $node->safe_psql($db,
		q{SELECT min(id) FROM resettle.custody WHERE released_on IS NULL AND readiness NOT IN ('out_of_scope', 'released')});
	$node->safe_psql($db, "UPDATE resettle.custody SET released_on = '2026-01-01' WHERE id = $id");
	is( $node->safe_psql($db,
			"SELECT c.readiness, o.released_on FROM resettle.custody c JOIN resettle.release_outcome o ON o.custody_id = c.id WHERE c.id = $id"),
		'released|2026-01-01', 'after recovery: a release sets the level and writes the outcome');
	check_sound('after recovery');
}

$node->stop;
done_testing();
