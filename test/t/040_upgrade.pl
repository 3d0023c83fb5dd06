# Upgrades: for every older version of the extension with an update path
# to the default version, an older install upgraded with ALTER EXTENSION
# ... UPDATE must equal a fresh install of the default version:
#   - the same schema: pg_dump --schema-only of both databases, after every
#     member object is detached from the extension so that pg_dump shows its
#     definition (an extension's members are otherwise not dumped);
#   - the same results on the same data: the caseload is loaded before the
#     upgrade in one database and after a fresh install in the other, then
#     every case's stored readiness, the release outcomes, the history and the
#     analyst views are compared, and a change after the upgrade recomputes.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use Digest::SHA;

my $srcdir = $ENV{RESETTLE_SRCDIR} or die 'RESETTLE_SRCDIR is not set';
my $today = '2026-03-09';

# A published version's install script is frozen: it must still be byte for
# byte what was published (sql/published.sha256).
{
	open my $fh, '<', "$srcdir/sql/published.sha256" or die "published.sha256: $!";
	my @published = grep { /\S/ } <$fh>;
	close $fh;
	cmp_ok(scalar(@published), '>=', 1, 'published versions are recorded');
	for (@published)
	{
		my ($sum, $file) = /^([0-9a-f]{64})\s+(\S+)$/ or die "bad line in published.sha256: $_";
		is(Digest::SHA->new(256)->addfile("$srcdir/$file")->hexdigest, $sum,
			"$file is unchanged since it was published");
	}
}

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

my $default = $node->safe_psql('postgres',
	q{SELECT default_version FROM pg_available_extensions WHERE name = 'resettle'});
like($default, qr/^\d+\.\d+$/, "the default version is $default");
my @older = split /\n/, $node->safe_psql('postgres', qq{
SELECT version FROM pg_available_extension_versions
WHERE name = 'resettle' AND version <> '$default' ORDER BY string_to_array(version, '.')::int[]});

# Every version installed is reachable from every older one, through each
# published version in turn (published upgrade scripts are never replaced
# by a shortcut).
for my $v (@older)
{
	my @chain = grep { version_le($v, $_) } @older;
	is($node->safe_psql('postgres', qq{
SELECT path FROM pg_extension_update_paths('resettle')
WHERE source = '$v' AND target = '$default'}),
		join('--', @chain, $default), "$v updates to $default through every later version");
}

sub version_le
{
	my ($a, $b) = map { [ split /\./ ] } @_;
	return $a->[0] < $b->[0] || ($a->[0] == $b->[0] && $a->[1] <= $b->[1]);
}

# the statements that detach every member of the extension, so that pg_dump
# prints their definitions
my $detach_sql = q{
SELECT string_agg(format('ALTER EXTENSION resettle DROP %s %s;',
	upper(i.type), i.identity), E'\n' ORDER BY i.type, i.identity)
FROM pg_depend AS d
CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) AS i
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'resettle')};

sub schema_of
{
	my ($db) = @_;
	my $copy = "${db}_schema";
	$node->safe_psql('postgres', "CREATE DATABASE $copy TEMPLATE $db");
	my $detach = $node->safe_psql($copy, $detach_sql);
	$node->safe_psql($copy, $detach);
	my ($stdout, $stderr);
	IPC::Run::run([ 'pg_dump', '--schema-only', '--no-owner', '-d', $node->connstr($copy) ],
		'>', \$stdout, '2>', \$stderr) or die "pg_dump failed: $stderr";
	$node->safe_psql('postgres', "DROP DATABASE $copy");
	# pg_dump's header names the server and dump versions, and its
	# \restrict lines carry a random key
	$stdout =~ s/^-- Dumped (from|by) .*$//mg;
	$stdout =~ s/^\\(un)?restrict .*$//mg;
	return $stdout;
}

# the results to compare, as text: stored readiness of every case, the
# outcomes and history (without the times they were written), the views
my $results_sql = qq{
SET resettle.today = '$today';
SELECT resettle.refresh('$today', true) >= 0;
SELECT string_agg(format('%s %s %s %s %s %s %s', id, release_date, responsibility, handover_date,
	handover_reason, readiness, readiness_gaps), E'\\n' ORDER BY id) FROM resettle.custody;
SELECT count(*) FROM resettle.custody
WHERE readiness IS DISTINCT FROM resettle.readiness(id, readiness_as_of);
SELECT string_agg(format('%s', (o.custody_id, o.released_on, o.prison_code, o.settled_accommodation,
	o.id_document, o.bank_account, o.benefit_claim_needed, o.benefit_claim_started, o.gp_needed,
	o.gp_arranged, o.family_pathway_addressed, o.com_allocated, o.com_allocated_by_handover,
	o.handover_date, o.gaps, o.id_applied)), E'\\n' ORDER BY o.custody_id) FROM resettle.release_outcome AS o;
SELECT string_agg(format('%s', (h.custody_id, h.as_of, h.from_level, h.to_level, h.gaps)), E'\\n'
	ORDER BY h.custody_id, h.id) FROM resettle.readiness_history AS h;
SELECT string_agg(format('%s', v), E'\\n' ORDER BY v::text) FROM resettle.v_readiness_summary AS v;
SELECT string_agg(format('%s', v), E'\\n' ORDER BY v::text) FROM resettle.v_outcome_rates AS v;
SELECT string_agg(format('%s', v), E'\\n' ORDER BY v::text) FROM resettle.v_gap_counts AS v;
};

sub load_caseload
{
	my ($db) = @_;
	my ($stdout, $stderr);
	IPC::Run::run([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', 'scale=0.005', '-v', 'seed=11',
			'-d', $node->connstr($db), '-f', "$srcdir/sql/demo_data.sql" ],
		'>', \$stdout, '2>', \$stderr) or die "loading the caseload into $db failed: $stderr";
}

$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION resettle');
is($node->safe_psql('fresh', q{SELECT extversion FROM pg_extension WHERE extname = 'resettle'}),
	$default, "a fresh install is version $default");
load_caseload('fresh');
my $fresh_schema = schema_of('fresh');
like($fresh_schema, qr/^(?=.*CREATE FUNCTION resettle\.evaluate\()(?=.*CREATE OPERATOR CLASS resettle\.)(?=.*CREATE VIEW resettle\.v_outcome_rates)(?=.*CREATE POLICY custody_by_prison)(?=.*CREATE TRIGGER readiness_)/s,
	'the detached schema dump holds the extension\'s functions, operator classes, views, policies and triggers');
my $fresh_results = $node->safe_psql('fresh', $results_sql);
my $rule_sql = q{SELECT string_agg(format('%s %s %s %s %s %s', code, title, severity, warn_days,
	error_days, enabled), E'\n' ORDER BY code) FROM resettle.rule};
my $fresh_rules = $node->safe_psql('fresh', $rule_sql);
like($fresh_results, qr/^t\n.+\n0\n/s, 'the fresh install has cases, every readiness current');

SKIP:
{
	skip "only version $default is installed: nothing to upgrade from", 1 unless @older;

	for my $v (@older)
	{
		(my $db = "from_$v") =~ s/\./_/g;
		$node->safe_psql('postgres', "CREATE DATABASE $db");
		$node->safe_psql($db, "CREATE EXTENSION resettle VERSION '$v'");
		load_caseload($db);
		# What $v's rules left that 1.2 changes (issue #19, docs/rules.md):
		# blank COM names (1.2 stores them as NULL), stored gaps and release
		# outcomes with a missing COM counted twice and a blank name counted as
		# a COM.  Written with the triggers off, as $v's library would have
		# left them (the current library serves $v too, and normalises).
		my $planted = $node->safe_psql($db, q{
SET session_replication_role = replica;
CREATE TEMP TABLE blank_case AS
(SELECT id FROM resettle.custody
 WHERE released_on IS NULL AND com_name IS NULL AND com_email IS NULL
   AND responsibility = 'community' ORDER BY id LIMIT 5)
UNION ALL
(SELECT custody_id FROM resettle.release_outcome WHERE NOT com_allocated ORDER BY custody_id LIMIT 5);
WITH blank AS (
	UPDATE resettle.custody AS c SET com_name = E' \u00a0 ',
		readiness_gaps = array_remove(c.readiness_gaps, 'handover.com_overdue')
	WHERE c.id IN (SELECT id FROM blank_case) RETURNING c.id)
SELECT count(*) FROM blank;
WITH twice AS (
	UPDATE resettle.release_outcome AS o SET gaps = o.gaps || '{handover.com_unallocated}'::text[]
	WHERE 'handover.com_overdue' = ANY (o.gaps) RETURNING o.custody_id)
SELECT count(*) FROM twice;
WITH as_com AS (
	UPDATE resettle.release_outcome AS o SET com_allocated = true
	WHERE o.custody_id IN (SELECT id FROM blank_case) RETURNING o.custody_id)
SELECT count(*) FROM as_com;
-- ID and the handover date as 1.1 took them: an accepted application as ID
-- held, the stored handover date rather than the release day's
WITH taken AS (
	UPDATE resettle.release_outcome AS o SET id_document = NOT o.id_document,
		handover_date = COALESCE(o.handover_date + 30, o.released_on - 200)
	WHERE o.custody_id IN (SELECT custody_id FROM resettle.release_outcome
	                       ORDER BY custody_id DESC LIMIT 5) RETURNING o.custody_id)
SELECT count(*) FROM taken;
});
		$planted =~ s/\n/ /g;
		like($planted, qr/^10 [1-9]\d* 5 5$/, "$v: its blank COM names, double-counted COM gaps, ID and handover dates planted ($planted)");
		# rule rows $v read otherwise than they say: a NULL threshold (the
		# default), one the rule does not use, accommodation.none's severity
		# (ignored then), a code no rule has
		$node->safe_psql($db, q{
SET session_replication_role = replica;
UPDATE resettle.rule SET warn_days = NULL WHERE code = 'pathway.not_started';
UPDATE resettle.rule SET warn_days = 30 WHERE code = 'id.none';
UPDATE resettle.rule SET severity = 'warning' WHERE code = 'accommodation.none';
INSERT INTO resettle.rule (code, title, severity, warn_days, error_days, enabled, source)
VALUES ('made.up', 'Not a rule', 'error', 1, 1, true, 'test');
});
		my ($rc, $stdout, $stderr) = $node->psql($db, "ALTER EXTENSION resettle UPDATE TO '$default'");
		is($rc, 0, "$v: ALTER EXTENSION UPDATE succeeds");
		like($stderr, qr/row "made\.up" deleted.*row "pathway\.not_started" now says what 1\.1 did with it \(warn_days 84,/s,
			"$v: the upgrade reports each rule row it made say what it did");
		is($node->safe_psql($db, q{SELECT extversion FROM pg_extension WHERE extname = 'resettle'}),
			$default, "$v upgraded to $default");
		is($node->safe_psql($db, $rule_sql), $fresh_rules,
			"$v upgraded to $default: resettle.rule as a fresh install's, the new rule added");
		# the upgrade itself re-derived what 1.2 changed: no blank COM name,
		# every case in custody and every release outcome as 1.2's rules give
		is($node->safe_psql($db, q{
SELECT count(*) FILTER (WHERE resettle.is_blank(com_name) OR resettle.is_blank(com_email))
	|| ' ' || count(*) FILTER (WHERE com_name IS NULL AND com_email IS NULL
	                           AND id IN (SELECT custody_id FROM resettle.case_audit
	                                      WHERE 'com_name' = ANY (changed_columns)))
FROM resettle.custody}),
			'0 10', "$v upgraded to $default: the blank COM names are NULL, each change audited");
		is($node->safe_psql($db, q{
SELECT count(*) FROM resettle.custody AS c
JOIN resettle.case_facts AS f ON f.custody_id = c.id,
     LATERAL resettle.evaluate(f, c.readiness_as_of) AS e
WHERE c.released_on IS NULL
  AND (c.readiness, c.readiness_gaps) IS DISTINCT FROM (e.level, e.gaps)}),
			'0', "$v upgraded to $default: every case in custody re-derived");
		is($node->safe_psql($db, q{
SELECT count(*) FROM resettle.release_outcome AS o
JOIN resettle.case_facts AS f ON f.custody_id = o.custody_id,
     LATERAL resettle.outcome_at_release(f) AS x
WHERE (o.gaps, o.com_allocated, o.id_document, o.id_applied, o.handover_date,
       o.com_allocated_by_handover)
      IS DISTINCT FROM (x.gaps, x.com_allocated, x.id_document, x.id_applied, x.handover_date,
                        x.com_allocated_by_handover)
   OR 'handover.com_unallocated' = ANY (o.gaps) AND 'handover.com_overdue' = ANY (o.gaps)}),
			'0', "$v upgraded to $default: every release outcome re-derived");

		my $schema = schema_of($db);
		is($schema, $fresh_schema, "$v upgraded to $default: the same schema as a fresh install");
		is($node->safe_psql($db, $results_sql), $fresh_results,
			"$v upgraded to $default: the same results on the same data");

		# the triggers work after the upgrade: a change recomputes, writes history
		is($node->safe_psql($db, qq{
SET resettle.today = '$today';
WITH c AS (SELECT id FROM resettle.custody WHERE released_on IS NULL ORDER BY id LIMIT 1)
DELETE FROM resettle.pathway_status WHERE custody_id = (SELECT id FROM c);
SELECT count(*) FROM resettle.custody WHERE readiness IS DISTINCT FROM resettle.readiness(id, readiness_as_of)}),
			'0', "$v upgraded to $default: a change recomputes readiness");
	}
}

done_testing();
