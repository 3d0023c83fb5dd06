# Reads from a streaming standby (docs/scaling.md, "Reading from
# standbys"): a primary holds a synthetic caseload; a physical standby
# streams it.  On the standby the analyst views and the client's reading
# commands (case, releases, gaps, handovers, stats, export, report) give
# exactly what they give on the primary, as the superuser, a staff login
# and an analyst; the commands that write or listen (set, watch) fail at
# once with a message saying the server is read-only, exit 1, and nothing
# reaches the primary.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $srcdir = $ENV{RESETTLE_SRCDIR} // '..';

my $primary = PostgreSQL::Test::Cluster->new('primary');
$primary->init(allows_streaming => 1, extra => [ '--encoding=UTF8', '--locale=C' ]);
$primary->append_conf('postgresql.conf', "resettle.today = '2026-03-09'\n");
$primary->start;
$primary->safe_psql('postgres', 'CREATE EXTENSION resettle');
{
	my ($o, $e) = ('', '');
	IPC::Run::run(
		[ 'psql', '-X', '-q', '-h', $primary->host, '-p', $primary->port, '-d', 'postgres',
		  '-v', 'ON_ERROR_STOP=1', '-v', 'scale=0.01', '-v', 'seed=7', '-f', "$srcdir/sql/demo_data.sql" ],
		'<', \'', '>', \$o, '2>', \$e);
	is($? >> 8, 0, 'the primary holds a synthetic caseload (scale 0.01)') or diag($e);
}
$primary->safe_psql('postgres', q{
SELECT count(*) FROM resettle.create_roles();
CREATE ROLE pom LOGIN IN ROLE resettle_staff;
CREATE ROLE analyst LOGIN IN ROLE resettle_analyst;
SELECT resettle.refresh_analyst_views();
});
# a prison with cases in custody, and a case there
my $prison = $primary->safe_psql('postgres', q{
SELECT prison_code FROM resettle.custody WHERE released_on IS NULL
GROUP BY prison_code ORDER BY count(*) DESC, prison_code LIMIT 1});
my $case = $primary->safe_psql('postgres', qq{
SELECT prison_number FROM resettle.custody WHERE released_on IS NULL AND prison_code = '$prison'
ORDER BY prison_number LIMIT 1});
$primary->safe_psql('postgres', "SELECT resettle.map_staff('pom', '$prison')");

$primary->backup('backup');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'backup', has_streaming => 1);
$standby->start;
$primary->wait_for_catchup($standby);
is($standby->safe_psql('postgres', 'SELECT pg_is_in_recovery()'), 't', 'the standby is in recovery');

# run the client against $node; returns exit code, stdout, stderr
sub run_client
{
	my ($node, @args) = @_;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	local $ENV{PGDATABASE} = 'postgres';
	my ($o, $e) = ('', '');
	IPC::Run::run([ 'resettle', @args ], '<', \'', '>', \$o, '2>', \$e,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	return ($? >> 8, $o, $e);
}

my @asof = ('--as-of', '2026-03-09');
for my $call (
	[ 'superuser', [ 'case', $case, @asof ] ],
	[ 'superuser', [ 'releases', '--weeks', '12', '--prison', $prison, @asof ] ],
	[ 'superuser', [ 'gaps', '--prison', $prison, @asof ] ],
	[ 'superuser', [ 'handovers', '--prison', $prison, @asof ] ],
	[ 'superuser', [ 'stats', '--by', 'region', @asof ] ],
	[ 'superuser', [ 'export', 'v_releases_due' ] ],
	[ 'superuser', [ 'report', '--as-of', '2026-03-09' ] ],
	[ 'pom', [ 'case', $case, @asof ] ],
	[ 'pom', [ 'gaps', '--weeks', '12', @asof ] ],
	[ 'pom', [ 'releases', '--weeks', '12', @asof ] ],
	[ 'pom', [ 'stats', @asof ] ],
	[ 'analyst', [ 'stats' ] ],
	[ 'analyst', [ 'export', 'analyst_cases' ] ])
{
	my ($login, $args) = @$call;
	my @user = $login eq 'superuser' ? () : ('-U', $login);
	my @format = $args->[0] eq 'report' ? () : ('-f', 'csv');	# the report is HTML
	my ($pret, $pout, $perr) = run_client($primary, @format, @user, @$args);
	my ($sret, $sout, $serr) = run_client($standby, @format, @user, @$args);
	my $name = "$login: resettle @$args";
	is($pret, 0, "$name runs on the primary") or diag($perr);
	is($sret, 0, "$name runs on the standby") or diag($serr);
	# the report names the time it was made; nothing else may differ
	s/Generated <time[^<]*<\/time>//g for ($pout, $sout);
	ok(length($pout) > 0, "$name gives something");
	is($sout, $pout, "$name: the standby gives what the primary gives");
}

# the analyst views through SQL
for my $view (qw(analyst_cases analyst_release_outcomes v_readiness_summary))
{
	my $sql = "SELECT * FROM resettle.$view ORDER BY 1, 2, 3";
	is($standby->safe_psql('postgres', $sql), $primary->safe_psql('postgres', $sql),
		"$view reads the same on the standby");
}

# writes and LISTEN: refused at once, saying why, exit 1; nothing written
my $history = $primary->safe_psql('postgres', 'SELECT count(*) FROM resettle.readiness_history');
for my $call (
	[ 'superuser', [ 'set', $case, '--pathway', 'health', '--status', 'done' ] ],
	[ 'pom', [ 'set', $case, '--need', 'gp_registration', '--status', 'met' ] ],
	[ 'pom', [ 'watch', '--timeout', '1' ] ])
{
	my ($login, $args) = @$call;
	my @user = $login eq 'superuser' ? () : ('-U', $login);
	my ($ret, $out, $err) = run_client($standby, @user, @$args);
	is($ret, 1, "$login: resettle $args->[0] on the standby exits 1");
	like($err, qr/\Aresettle: error: cannot execute [A-Z]+ (?:in a read-only transaction|during recovery)\n.*HINT:  This server is read-only \(a standby\): connect to the primary to record changes or watch them\.\n\z/s,
		"$login: resettle $args->[0] on the standby says the server is read-only");
	is($out, '', "$login: resettle $args->[0] prints nothing on stdout");
}
$primary->wait_for_catchup($standby);
is($primary->safe_psql('postgres', 'SELECT count(*) FROM resettle.readiness_history'), $history,
	'nothing was written');

$standby->stop;
$primary->stop;
done_testing();
