# Ctrl-C cancels the client's running query on the server (after psql's
# src/bin/psql/t/020_cancel.pl): the client's query is made to wait on a lock
# held by another session, SIGINT is sent once pg_stat_activity shows it
# waiting, and the client must exit 130 with the server's 57014 message,
# leaving no query of its own running.  Ctrl-C during watch ends it with 0.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

plan skip_all => 'sends SIGINT, not on Windows' if $windows_os;

$ENV{LC_ALL} = 'C.UTF-8';
$ENV{PAGER} = '';
$ENV{NO_COLOR} = '1';
delete $ENV{PGAPPNAME};

my $node = PostgreSQL::Test::Cluster->new('cancel');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION resettle');

$ENV{PGHOST} = $node->host;
$ENV{PGPORT} = $node->port;
$ENV{PGDATABASE} = 'postgres';

# Run the client while $table is locked by another session; interrupt it
# once its query waits on the lock.
sub cancel_ok
{
	my ($table, $cmd, $name) = @_;

	my $locker = $node->background_psql('postgres');
	$locker->query_safe("BEGIN; LOCK TABLE $table IN ACCESS EXCLUSIVE MODE;");

	my ($out, $err) = ('', '');
	my $h = IPC::Run::start($cmd, '<', \'', '>', \$out, '2>', \$err,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	ok( $node->poll_query_until(
			'postgres', q{SELECT count(*) = 1 FROM pg_stat_activity
			  WHERE application_name = 'resettle' AND state = 'active'
			  AND wait_event_type = 'Lock'}),
		"$name: the client's query waits on the lock");

	kill 'INT', $h->{KIDS}[0]{PID};
	$h->finish;
	is($h->full_result(0) >> 8, 130, "$name: exit 130");
	like($err, qr/^Cancel request sent$/m, "$name: cancel request sent");
	like($err, qr/^resettle: error: canceling statement due to user request\n/m,
		"$name: the server cancelled the statement");
	like($err, qr/^SQLSTATE:  57014$/m, "$name: SQLSTATE 57014");
	is($out, '', "$name: no output");
	ok( $node->poll_query_until(
			'postgres', q{SELECT count(*) = 0 FROM pg_stat_activity
			  WHERE application_name = 'resettle'}),
		"$name: no query of the client left on the server");

	# the lock holder was not disturbed
	is($locker->query_safe('SELECT 1'), '1', "$name: other session unaffected");
	$locker->query_safe('ROLLBACK');
	$locker->quit;
	return;
}

# export: single-row mode (PQsendQueryParams + PQgetResult)
cancel_ok('resettle.rule', [ 'resettle', '-v', '-f', 'csv', 'export', 'rule' ],
	'export');
# releases: PQexecParams
cancel_ok('resettle.custody', [ 'resettle', '-v', '-f', 'csv', 'releases' ],
	'releases');

# after the cancels, the server answers normally
$node->command_like([ 'resettle', '-f', 'csv', '-t', 'export', 'rule' ],
	qr/^bank\.none,/m, 'server usable after the cancels');

# Ctrl-C during watch ends the wait: exit 0, nothing to cancel
{
	my ($out, $err) = ('', '');
	my $h = IPC::Run::start([ 'resettle', '-f', 'ndjson', 'watch' ],
		'<', \'', '>', \$out, '2>', \$err,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	ok( $node->poll_query_until(
			'postgres', q{SELECT count(*) > 0 FROM pg_stat_activity
			  WHERE application_name = 'resettle' AND state = 'idle'
			    AND query LIKE '%readiness_change%'}),
		'watch is listening');
	kill 'INT', $h->{KIDS}[0]{PID};
	$h->finish;
	is($h->full_result(0) >> 8, 0, 'watch: Ctrl-C ends it with exit 0');
	is($err, '', 'watch: no error');
}

$node->stop;
done_testing();
