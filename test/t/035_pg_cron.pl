# The daily refresh scheduled with pg_cron (Debian's postgresql-15-cron),
# as docs/operations.md ("Daily with pg_cron") sets it up on a cluster that
# listens on a Unix socket only, as Debian's and this project's do: the jobs
# run and succeed, the cases are current afterwards, and the other jobs the
# docs schedule succeed too.  Both set-ups the docs give are tried: jobs in
# background workers (no connection at all), and jobs over a connection to
# the socket directory (cron.host).

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $pkglibdir = `pg_config --pkglibdir`;
chomp $pkglibdir;
plan skip_all => 'pg_cron is not installed (Debian: postgresql-15-cron)'
  unless -e "$pkglibdir/pg_cron.so";

# A cluster with pg_cron set up as the docs say, $how being the line that
# says how jobs run (%h: the socket directory); returns it started, with
# the extension and a few cases last evaluated yesterday (stale today).
sub cron_cluster
{
	my ($name, $how) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
	my $socket_dir = $node->host;
	$how =~ s/%h/$socket_dir/g;
	# the harness's clusters listen on their socket only (as on Debian)
	$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'pg_cron'
cron.database_name = 'resettle'
$how
});
	$node->start;
	$node->safe_psql('postgres', 'CREATE DATABASE resettle');
	$node->safe_psql('resettle', q{
CREATE EXTENSION resettle;
CREATE EXTENSION pg_cron;
});
	# cases evaluated yesterday, in a session whose today is yesterday
	my $yesterday = $node->safe_psql('resettle', 'SELECT resettle.today() - 1');
	$node->safe_psql('resettle', qq{
SET resettle.today = '$yesterday';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('A1000AA', 'Ann', 'Able', '1990-01-01', 'female'),
       ('B1000BB', 'Ben', 'Best', '1985-05-05', 'male');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd)
VALUES ('A1000AA', 'BXI', '$yesterday'::date - 30, '$yesterday'::date - 30, '$yesterday'::date + 200),
       ('B1000BB', 'LEI', '$yesterday'::date - 30, '$yesterday'::date - 30, '$yesterday'::date + 90);
});
	is($node->safe_psql('resettle', 'SELECT sum(stale) FROM resettle.v_refresh_status'), '2',
		"$name: two cases in custody, stale today");
	return $node;
}

# Schedule the docs' jobs to run every minute (the docs run them daily),
# wait until each has run once, and check what they did.
sub jobs_run
{
	my ($node, $name) = @_;
	$node->safe_psql('resettle', q{
SELECT cron.schedule('resettle-refresh', '* * * * *',
    $$SELECT resettle.refresh(); SELECT resettle.forget_dropped_roles()$$);
SELECT cron.schedule('resettle-analyst-views', '* * * * *', 'SELECT resettle.refresh_analyst_views()');
});
	ok( $node->poll_query_until('resettle', q{
SELECT count(DISTINCT j.jobname) = 2
FROM cron.job_run_details AS d JOIN cron.job AS j USING (jobid)
WHERE d.status IN ('succeeded', 'failed')}),
		"$name: both jobs ran");
	is( $node->safe_psql('resettle', q{
SELECT string_agg(DISTINCT j.jobname || ' ' || d.status
                  || CASE WHEN d.status = 'failed' THEN ': ' || d.return_message ELSE '' END, ', ')
FROM cron.job_run_details AS d JOIN cron.job AS j USING (jobid)
WHERE d.status IN ('succeeded', 'failed')}),
		'resettle-analyst-views succeeded, resettle-refresh succeeded',
		"$name: and succeeded");
	$node->safe_psql('resettle', q{SELECT cron.unschedule(jobname) FROM cron.job});
	is($node->safe_psql('resettle', 'SELECT sum(stale) FROM resettle.v_refresh_status'), '0',
		"$name: every case is current");
	is( $node->safe_psql('resettle',
			'SELECT count(*) FROM resettle.custody WHERE readiness_as_of = resettle.today()'),
		'2', "$name: evaluated as of today (refresh() defaults to resettle.today())");
	$node->stop;
}

jobs_run(cron_cluster('cron_workers', 'cron.use_background_workers = on'), 'background workers');

jobs_run(cron_cluster('cron_socket', "cron.host = '%h'"), 'a connection to the socket directory');

done_testing();
