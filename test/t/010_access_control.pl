# Access control and privacy in the 1.2 model (docs/security.md), as real
# roles logging in.
#
# Roles (created as the superuser):
#   admin1      resettle_admin
#   staff_a     resettle_staff, mapped to BXI
#   staff_b     resettle_staff, mapped to LEI and MDI
#   leeds_team  NOLOGIN group, member of resettle_staff, mapped to LEI
#   staff_g     login member of leeds_team (no mapping of its own)
#   staff_none  resettle_staff, no mapping (mapped to every prison for a while)
#   staff_r     resettle_staff, mapped to LEI, then renamed staff_r2 and
#               dropped; a new staff_r2 is created after it (regrole)
#   analyst1    resettle_analyst
#   nobody      a login with no resettle role
#
# Cases (created by the superuser, case 6 by admin1; %case below):
#   1 A1000AA BXI  open, gaps            4 E1000EE LEI  open, COM overdue
#   2 B1000BB LEI  open, gaps            5 F1000FF MDI  released (outcome at MDI)
#   3 C1000CC MDI  open, handover upcoming; transferred to BXI by admin1
#   6 D1000DD BXI  admin1's reception; staff_a records its benefit claim
#
# Staff hold no privilege on any case table: they reach cases only through
# the functions of schema resettle and the fenced case lists.  Attack cases
# (numbered as in docs/security.md, "Attack cases") must fail with the exact
# SQLSTATE and message, or return exactly what an unknown prison number or
# custody id returns, through SQL and through the resettle client binary;
# positive cases show each role can do its job.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use Time::HiRes qw(usleep);

my $node = PostgreSQL::Test::Cluster->new('access_control');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE db');

# run SQL as a user; returns (exit code, stdout, stderr)
sub as_user
{
	my ($user, $sql) = @_;
	my ($ret, $out, $err) = $node->psql('db', "\\set VERBOSITY verbose\n" . $sql,
		extra_params => [ '-U', $user ]);
	return ($ret, $out // '', $err // '');
}

# the query must succeed and print exactly $expected
sub returns
{
	my ($user, $sql, $expected, $name) = @_;
	my ($ret, $out, $err) = as_user($user, $sql);
	is($ret, 0, "$name: runs") or diag($err);
	is($out, $expected, $name);
}

# the statement must fail with the SQLSTATE and exactly the message
sub fails
{
	my ($user, $sql, $sqlstate, $msg, $name) = @_;
	my ($ret, $out, $err) = as_user($user, $sql);
	isnt($ret, 0, "$name: fails");
	like($err, qr/^(?:psql:<stdin>:\d+: )?ERROR:  \Q$sqlstate: $msg\E$/m, "$name: $sqlstate") or diag($err);
}

# the statement must fail with 42501 and exactly the message
sub denied
{
	my ($user, $sql, $msg, $name) = @_;
	fails($user, $sql, '42501', "permission denied for $msg", $name);
}

# denied() for each of @names: in $sql, $msg and $name, %1$s is the name and
# %2$s its call in %client_call (below)
my %client_call;
sub denied_each
{
	my ($user, $sql, $msg, $name, @names) = @_;
	no warnings 'redundant';
	for my $n (@names)
	{
		my @arg = ($n, $client_call{$n} // '');
		denied($user, sprintf($sql, @arg), sprintf($msg, @arg), sprintf($name, @arg));
	}
}

# The same SQL given another prison's case ($other) and an unknown one
# ($unknown) must give the same exit code, output and error (the identifier
# aside): nothing an attacker could tell apart.  $expect is the output both
# print, or { error => 'SQLSTATE: message' } (%s is the identifier).
sub same_as_unknown
{
	my ($user, $sql, $other, $unknown, $expect, $name) = @_;
	my @o = as_user($user, sprintf($sql, $other));
	my @u = as_user($user, sprintf($sql, $unknown));
	if (ref $expect)
	{
		isnt($o[0], 0, "$name: fails");
		my $want = sprintf($expect->{error}, $other);
		like($o[2], qr/^(?:psql:<stdin>:\d+: )?ERROR:  \Q$want\E$/m, "$name: error") or diag($o[2]);
	}
	else
	{
		is("$o[0]|$o[1]", "0|$expect", "$name: output") or diag($o[2]);
	}
	s/\Q$other\E/$unknown/g for @o;
	is_deeply(\@o, \@u, "$name: as for an unknown $unknown");
}

# --- set-up, as the superuser ------------------------------------------------
$node->safe_psql(
	'db', q{
CREATE EXTENSION resettle;
SELECT count(*) FROM resettle.create_roles();
CREATE ROLE admin1 LOGIN IN ROLE resettle_admin;
CREATE ROLE staff_a LOGIN IN ROLE resettle_staff;
CREATE ROLE staff_b LOGIN IN ROLE resettle_staff;
CREATE ROLE leeds_team NOLOGIN IN ROLE resettle_staff;
CREATE ROLE staff_g LOGIN IN ROLE leeds_team;
CREATE ROLE staff_none LOGIN IN ROLE resettle_staff;
CREATE ROLE staff_r LOGIN IN ROLE resettle_staff;
CREATE ROLE analyst1 LOGIN IN ROLE resettle_analyst;
CREATE ROLE nobody LOGIN;
CREATE SCHEMA evil_a AUTHORIZATION staff_a;
CREATE SCHEMA evil_admin AUTHORIZATION admin1;
-- a support need's benefit claim warns from 400 days before release, so that
-- staff can change a case's level through set_support_need()
UPDATE resettle.rule SET warn_days = 400 WHERE code = 'benefits.claim_not_started';
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('A1000AA', 'A100000', 'Alice', 'Abbott', '1990-01-01', 'female'),
       ('B1000BB', 'B100000', 'Bob', 'Bennett', '1980-05-05', 'male'),
       ('C1000CC', 'C100000', 'Carl', 'Cole', '1970-07-07', 'male'),
       ('E1000EE', 'E100000', 'Eve', 'Eady', '1985-03-03', 'female'),
       ('F1000FF', 'F100000', 'Fay', 'Ford', '1975-04-04', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name)
VALUES (1, 'A1000AA', 'BXI', current_date - 30, current_date - 30, current_date + 400, 'Sam Officer'),
       (2, 'B1000BB', 'LEI', current_date - 30, current_date - 30, current_date + 60, 'Pat Officer'),
       (3, 'C1000CC', 'MDI', current_date - 30, current_date - 30, current_date + 290, NULL),
       (4, 'E1000EE', 'LEI', current_date - 400, current_date - 400, current_date + 100, NULL),
       (5, 'F1000FF', 'MDI', current_date - 300, current_date - 300, current_date + 5, NULL);
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
VALUES (2, 'accommodation', 'in_progress'), (3, 'accommodation', 'in_progress');
UPDATE resettle.custody SET released_on = current_date WHERE id = 5;
});

my $today = $node->safe_psql('db', 'SELECT current_date');

# What each case is, for the expectations of sees(): its person, prison,
# whether it is open or released, has gaps, or is on a handover list.
my %case = (
	1 => { pn => 'A1000AA', crn => 'A100000', prison => 'BXI', open => 1, gaps => 1 },
	2 => { pn => 'B1000BB', crn => 'B100000', prison => 'LEI', open => 1, gaps => 1 },
	3 => { pn => 'C1000CC', crn => 'C100000', prison => 'MDI', open => 1, gaps => 1,
		handover => 'upcoming' },
	4 => { pn => 'E1000EE', crn => 'E100000', prison => 'LEI', open => 1, gaps => 1,
		handover => 'overdue' },
	5 => { pn => 'F1000FF', crn => 'F100000', prison => 'MDI', open => 0, gaps => 0 });
my $unknown_id = 99;
my $unknown_pn = 'Z9999ZZ';
my $unknown_crn = 'Z999999';

# Every route by which staff read cases: the client's functions and the
# fenced lists and measures.  Each query prints one line; the probes are
# every case's ids and identifiers and unknown ones.
sub routes
{
	my @ids = (sort { $a <=> $b } keys %case);
	my $ids = join(',', @ids, $unknown_id);
	# each case's latest readiness change (resettle.readiness_change() takes
	# a change's history id), and an unknown one
	my $changes = join(',', map { latest_change($_) } @ids) . ",$unknown_id";
	my $pns = join(',', map { "'$case{$_}{pn}'" } @ids) . ",'$unknown_pn'";
	my $crns = join(',', map { "'$case{$_}{crn}'" } @ids) . ",'$unknown_crn'";
	my $ids_of = sub { "SELECT string_agg(custody_id::text, ',' ORDER BY custody_id) FROM resettle.$_[0]" };
	return (
		[ v_cases             => $ids_of->('v_cases') ],
		[ v_releases_due      => $ids_of->('v_releases_due') ],
		[ v_handover_upcoming => $ids_of->('v_handover_upcoming') ],
		[ v_com_overdue       => $ids_of->('v_com_overdue') ],
		[ v_release_outcomes  => $ids_of->('v_release_outcomes') ],
		[ releases_due =>
			  q{SELECT string_agg(prison_number, ',' ORDER BY prison_number) FROM resettle.releases_due(520)} ],
		[ handovers =>
			  q{SELECT string_agg(prison_number || ':' || status, ',' ORDER BY prison_number) FROM resettle.handovers()} ],
		[ gaps =>
			  q{SELECT string_agg(DISTINCT prison_number, ',' ORDER BY prison_number) FROM resettle.gaps()} ],
		# as of the first of next month, whose last 12 months hold today's
		# releases
		[ stats =>
			  q{SELECT string_agg("group" || ':' || total || '/' || released, ',' ORDER BY "group")
			    FROM resettle.stats('prison', (date_trunc('month', current_date) + interval '1 month')::date)} ],
		[ pathway_stats => q{SELECT string_agg(DISTINCT total::text, ',') FROM resettle.pathway_stats()} ],
		[ v_readiness_summary => q{SELECT COALESCE(sum(cases) FILTER (WHERE dimension = 'all'), 0) || ':'
			|| COALESCE(string_agg(group_name, ',' ORDER BY group_name)
			            FILTER (WHERE dimension = 'prison' AND cases > 0), '')
			FROM resettle.v_readiness_summary} ],
		[ v_outcome_rates => q{SELECT string_agg(group_name || ':' || released, ',' ORDER BY group_name)
			FROM resettle.v_outcome_rates WHERE dimension = 'prison' AND month IS NULL} ],
		[ v_gap_counts => q{SELECT string_agg(DISTINCT prison_code, ',' ORDER BY prison_code)
			FROM resettle.v_gap_counts} ],
		[ case_card => qq{SELECT string_agg(i, ',' ORDER BY i) FROM unnest(ARRAY[$pns,$crns]) AS i
			WHERE EXISTS (SELECT FROM resettle.case_card(i))} ],
		[ open_case_id => qq{SELECT string_agg(i || '=' || resettle.open_case_id(i::resettle.prison_number), ','
			ORDER BY i) FROM unnest(ARRAY[$pns]) AS i} ],
		[ check => qq{SELECT string_agg(i::text, ',' ORDER BY i) FROM unnest(ARRAY[$ids]) AS i
			WHERE EXISTS (SELECT FROM resettle.check(i))} ],
		[ readiness => qq{SELECT string_agg(i::text, ',' ORDER BY i) FROM unnest(ARRAY[$ids]) AS i
			WHERE resettle.readiness(i) IS NOT NULL} ],
		[ readiness_change => qq{SELECT string_agg(i::text, ',' ORDER BY i)
			FROM unnest(ARRAY[$ids], ARRAY[$changes]) AS t(i, h)
			WHERE EXISTS (SELECT FROM resettle.readiness_change(h))} ]);
}

# The history id of a case's latest readiness change (on the server).
sub latest_change
{
	return $node->safe_psql('db',
		"SELECT max(id) FROM resettle.readiness_history WHERE custody_id = $_[0]");
}

# What each route shows a reader of the cases @ids (from %case); with
# $case_identity_always, a reader who sees every prison.
our $case_identity_always = 0;
sub expected_routes
{
	my @ids = sort { $a <=> $b } @_;
	my @open = grep { $case{$_}{open} } @ids;
	my @gaps = grep { $case{$_}{gaps} } @open;
	my $list = sub { join(',', @_) };
	my $pn = sub { map { $case{$_}{pn} } @_ };
	my (%total, %released);
	for (@ids)
	{
		$total{ $case{$_}{prison} } += $case{$_}{open};
		$released{ $case{$_}{prison} } += !$case{$_}{open};
	}
	my @with_gaps = do { my %s = map { $case{$_}{prison} => 1 } @gaps; sort keys %s };
	my @in_custody = grep { $total{$_} } sort keys %total;
	return (
		v_cases             => $list->(@ids),
		v_releases_due      => $list->(@open),
		v_handover_upcoming => $list->(grep { ($case{$_}{handover} // '') eq 'upcoming' } @open),
		v_com_overdue       => $list->(grep { ($case{$_}{handover} // '') eq 'overdue' } @open),
		v_release_outcomes  => $list->(grep { !$case{$_}{open} } @ids),
		releases_due        => $list->(sort $pn->(@open)),
		handovers => $list->(sort map { "$case{$_}{pn}:$case{$_}{handover}" } grep { $case{$_}{handover} } @open),
		gaps          => $list->(sort $pn->(@gaps)),
		stats         => $list->(map { "$_:$total{$_}/$released{$_}" } sort keys %total),
		pathway_stats => scalar(@open),
		v_readiness_summary => scalar(@open) . ':' . $list->(@in_custody),
		v_outcome_rates => $list->(map { "$_:$released{$_}" } grep { $released{$_} } sort keys %released),
		v_gap_counts  => $list->(@with_gaps),
		# a released episode is found by its prison number only (its
		# person's CRN is for the prison holding them), but by a reader
		# who sees every prison
		case_card     => $list->(sort map { ($case{$_}{pn},
				$case{$_}{open} || $case_identity_always ? $case{$_}{crn} : ()) } @ids),
		open_case_id  => $list->(map { "$case{$_}{pn}=$_" } sort { $case{$a}{pn} cmp $case{$b}{pn} } @open),
		check         => $list->(@gaps),
		readiness     => $list->(@ids),
		readiness_change => $list->(@ids));
}

# $user sees exactly the cases @$ids through every route, and nothing of
# any other case (each route probes every case and unknown ones)
sub sees
{
	my ($user, $ids, $name) = @_;
	my @routes = routes();
	# a reader who sees every prison sees released episodes' identities too
	my (undef, $every) = as_user($user, 'SELECT resettle.sees_every_prison()');
	local $case_identity_always = ($every // '') eq 't';
	my %want = expected_routes(@$ids);
	my ($ret, $out, $err) = as_user($user, join(";\n", map { $_->[1] } @routes) . ';');
	is($ret, 0, "$name: runs") or diag($err);
	my @got = split /\n/, $out, -1;
	for my $i (0 .. $#routes)
	{
		my $route = $routes[$i][0];
		is($got[$i] // '(missing)', $want{$route}, "$name: $route");
	}
}

# the superuser's view of a case, to show that an attack changed nothing
sub case_state
{
	my ($id) = @_;
	return $node->safe_psql('db', qq{
SELECT (SELECT string_agg(pathway || '=' || status || '/' || coalesce(note, ''), ',' ORDER BY pathway)
        FROM resettle.pathway_status WHERE custody_id = $id),
       (SELECT string_agg(need || '=' || status, ',' ORDER BY need) FROM resettle.support_need WHERE custody_id = $id),
       (SELECT count(*) FROM resettle.case_audit WHERE custody_id = $id),
       (SELECT count(*) FROM resettle.readiness_history WHERE custody_id = $id),
       (SELECT concat_ws(' ', prison_code, readiness, readiness_gaps, readiness_as_of) FROM resettle.custody WHERE id = $id)});
}

# --- admin: maps staff --------------------------------------------------------
returns('admin1', q{
SELECT resettle.map_staff('staff_a', 'BXI');
SELECT resettle.map_staff('staff_b', 'LEI');
SELECT resettle.map_staff('staff_b', 'MDI');
SELECT resettle.map_staff('leeds_team', 'LEI');
SELECT resettle.map_staff('staff_r', 'LEI');
SELECT resettle.map_staff('staff_a', 'BXI');
SELECT resettle.map_staff('staff_none', 'LEI');
SELECT resettle.unmap_staff('staff_none', 'LEI');
SELECT resettle.unmap_staff('staff_none', 'LEI');
}, "t\nt\nt\nt\nt\nf\nt\nt\nf", 'admin maps and unmaps staff by role name');
fails('admin1', q{SELECT resettle.map_staff('no_such_role', 'BXI')},
	'42704', 'role "no_such_role" does not exist', 'mapping an unknown role');
fails('admin1', q{SELECT resettle.map_staff('staff_a', 'ZZZ')},
	'42704', 'prison "ZZZ" does not exist', 'mapping to an unknown prison');

# --- positive: who sees which cases, by every route -----------------------------
sees('postgres', [ 1 .. 5 ], 'the superuser sees every case');
sees('admin1', [ 1 .. 5 ], 'admin sees every case');
sees('staff_a', [1], 'staff_a (BXI) sees exactly its prison\'s case');
sees('staff_b', [ 2, 3, 4, 5 ], 'staff_b (LEI, MDI) sees both prisons\' cases');
sees('staff_g', [ 2, 4 ], 'a member of a mapped group role (leeds_team) sees LEI');
sees('staff_none', [], 'attack 36: staff with no mapping see no case');
returns('staff_a', 'SELECT resettle.visible_prisons()', '{BXI}', 'staff read the prisons they see');
returns('staff_g', 'SELECT resettle.visible_prisons(), resettle.has_access_role(\'staff\'),
	resettle.has_access_role(\'admin\'), resettle.is_admin()', '{LEI}|t|f|f',
	'a group member sees its group\'s prison and holds the staff part, not admin\'s');
# who is mapped where, and who holds which part, is admin's: EXPLAIN ANALYZE
# would count rows row security hides (rows removed by its filter)
denied_each($_, 'SELECT count(*) FROM resettle.%s', 'table %s',
	"attack 31: $_ reads %s", qw(staff_prison staff_pom access_role))
  for qw(staff_a analyst1);
# the POM a login is (resettle.map_pom()): each login reads its own only,
# through the functions; only admin maps
returns('admin1', q{SELECT resettle.map_pom('staff_a', 'Pat Pom'), resettle.map_pom('staff_b', 'Bo Pom')},
	't|t', 'admin maps logins to POMs');
returns('staff_a', 'SELECT resettle.login_pom_name(), resettle.my_pom_name()', 'Pat Pom|Pat Pom',
	'a login reads its own POM mapping');
returns('staff_g', 'SELECT resettle.login_pom_name() IS NULL', 't',
	'a login with no POM mapping has none');
fails('staff_g', 'SELECT resettle.my_pom_name()', 'P0002', 'login "staff_g" is not mapped to a POM',
	'mine without a POM mapping: no_data_found, the login named');
denied('staff_a', q{INSERT INTO resettle.staff_pom (role, pom_name) VALUES ('staff_a', 'Bo Pom')},
	'table staff_pom', 'staff map themselves to another POM');
fails('staff_a', q{SELECT resettle.map_pom('staff_a', 'Bo Pom')}, '42501',
	'permission denied for function map_pom', 'staff cannot run map_pom()');
fails('staff_a', q{SELECT resettle.unmap_pom('staff_b')}, '42501',
	'permission denied for function unmap_pom', 'staff cannot run unmap_pom()');
returns('admin1', q{SELECT resettle.unmap_pom('staff_a'), resettle.unmap_pom('staff_b')}, 't|t',
	'admin removes POM mappings');
fails('staff_a', q{SELECT resettle.has_access_role('auditor')}, '22023',
	'unknown access role kind "auditor"', 'has_access_role() names the kinds it knows');

# an all-prisons mapping, then none again
returns('admin1', q{SELECT resettle.map_staff('staff_none')}, 't', 'admin maps a role to every prison');
sees('staff_none', [ 1 .. 5 ], 'a role mapped to every prison sees every case');
returns('staff_none', q{SELECT array_length(resettle.visible_prisons(), 1) = (SELECT count(*) FROM resettle.prison)},
	't', 'a role mapped to every prison sees every prison');
returns('admin1', q{SELECT resettle.unmap_staff('staff_none')}, 't', 'admin removes the all-prisons mapping');
sees('staff_none', [], 'unmapped again, the role sees no case');

# mappings are regrole: they follow a rename, do not pass to a new role of a
# dropped role's name, and forget_dropped_roles() deletes a dropped role's
my $dangling = q{SELECT count(*) FROM resettle.staff_prison AS s
WHERE NOT EXISTS (SELECT FROM pg_roles AS r WHERE r.oid = s.role::oid)};
$node->safe_psql('db', 'ALTER ROLE staff_r RENAME TO staff_r2');
returns('admin1', q{SELECT string_agg(role::text, ',' ORDER BY role::text) FROM resettle.staff_prison
WHERE prison_code = 'LEI'}, 'leeds_team,staff_b,staff_r2', 'the mapping follows ALTER ROLE ... RENAME');
sees('staff_r2', [ 2, 4 ], 'the renamed role still sees its prison');
$node->safe_psql('db', 'DROP ROLE staff_r2; CREATE ROLE staff_r2 LOGIN IN ROLE resettle_staff');
returns('admin1', $dangling, '1', 'a dropped role\'s mapping stays, matching no role');
sees('staff_r2', [], 'a new role with the dropped role\'s name does not get its mapping');
returns('admin1', qq{SELECT resettle.forget_dropped_roles(); $dangling},
	"1\n0", 'admin: forget_dropped_roles() deletes the dropped role\'s mapping');

# --- admin: reads every case table, records a reception --------------------------
my @case_tables = qw(person custody pathway_status assessment id_document bank_account accommodation
	support_need handover_checklist readiness_history release_outcome case_audit pseudonym_key);
{
	my $counts = join(",\n", map { "(SELECT count(*) FROM resettle.$_)" } @case_tables, 'case_facts',
		'staff_prison', 'access_role');
	returns('admin1', "SELECT $counts", $node->safe_psql('db', "SELECT $counts"),
		'admin reads every row of every case table, case_facts, the audit, the key and the mappings');
}
returns('admin1', q{
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('D1000DD', 'D100000', 'Dan', 'Dale', '2000-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name)
VALUES (6, 'D1000DD', 'BXI', current_date, current_date, current_date + 100, 'Kim Officer');
INSERT INTO resettle.pathway_status (custody_id, pathway, status) VALUES (6, 'health', 'in_progress');
SELECT readiness, readiness_gaps, readiness_as_of = current_date FROM resettle.custody WHERE id = 6;
SELECT string_agg(concat_ws(' ', table_name, operation, changed_by, session_user_name), ',' ORDER BY id)
FROM resettle.case_audit WHERE custody_id = 6 OR prison_number = 'D1000DD';
SELECT string_agg(concat_ws(' ', from_level, to_level, changed_by), ',') FROM resettle.readiness_history
WHERE custody_id = 6;},
	"on_track|{}|t\nperson INSERT admin1 admin1,custody INSERT admin1 admin1,"
	  . "pathway_status INSERT admin1 admin1\non_track admin1",
	'admin records a reception and a record: readiness computed, the audit and history name admin1');
$case{6} = { pn => 'D1000DD', crn => 'D100000', prison => 'BXI', open => 1, gaps => 0 };
sees('staff_a', [ 1, 6 ], 'staff_a sees the new reception at its prison');
sees('staff_b', [ 2, 3, 4, 5 ], 'staff_b does not see the new reception at BXI');

# --- positive: staff record through the functions ----------------------------------
returns('staff_a', q{SELECT * FROM resettle.set_support_need('D1000DD', 'benefit_claim', 'not_started')},
	'6|on_track|at_risk||benefits.claim_not_started||benefits.claim_not_started',
	'staff_a records a support need; readiness before and after');
$case{6}{gaps} = 1;
returns('postgres', q{
SELECT concat_ws(' ', from_level, to_level, changed_by, session_user_name) FROM resettle.readiness_history
WHERE custody_id = 6 ORDER BY id DESC LIMIT 1;
SELECT concat_ws(' ', table_name, operation, changed_by, session_user_name, new_values->>'need',
	new_values->>'status') FROM resettle.case_audit WHERE custody_id = 6 ORDER BY id DESC LIMIT 1;
SELECT concat_ws(' ', readiness, readiness_gaps, readiness_as_of = current_date) FROM resettle.custody WHERE id = 6},
	"on_track at_risk staff_a staff_a\nsupport_need INSERT staff_a staff_a benefit_claim not_started\n"
	  . "at_risk {benefits.claim_not_started} t",
	'on the server: history and audit name staff_a, the stored readiness is current');
returns('staff_a', q{
SELECT rule, severity FROM resettle.check(6);
SELECT resettle.readiness(6);
SELECT custody_id, prison_number, name, prison_code, readiness, from_level, to_level
FROM resettle.readiness_change(} . latest_change(6) . q{);},
	"benefits.claim_not_started|warning\nat_risk\n6|D1000DD|Dan Dale|BXI|at_risk|on_track|at_risk",
	'staff_a: check(), readiness() and readiness_change() of its own case');
returns('staff_a', q{SELECT string_agg(concat_ws(' ', e.change_id, e.from_level, e.to_level), ',' ORDER BY h)
FROM unnest(ARRAY[} . $node->safe_psql('db', q{SELECT string_agg(id::text, ',') FROM resettle.readiness_history
	WHERE custody_id = 6}) . q{]) AS h, resettle.readiness_change(h) AS e},
	$node->safe_psql('db', q{SELECT string_agg(concat_ws(' ', id, from_level, to_level), ',' ORDER BY id)
		FROM resettle.readiness_history WHERE custody_id = 6}),
	'readiness_change() gives the change asked for, each of its own case\'s');
returns('staff_a', q{SELECT * FROM resettle.check(1)}, $node->safe_psql('db', 'SELECT * FROM resettle.check(1)'),
	'staff_a: check() of its own case is the superuser\'s');

returns('staff_b', q{
SELECT * FROM resettle.set_pathway_status('B1000BB', 'health', 'done', 'GP booked');
SELECT * FROM resettle.set_pathway_status('B1000BB', 'health', 'in_progress');},
	join("\n", ('2|not_ready|not_ready|||' . join('|', ('assessment.immediate_needs_overdue assessment.pre_release_overdue '
		  . 'pathway.not_started accommodation.none id.none bank.none family.not_assessed') x 2)) x 2),
	'staff_b records a pathway status twice; the case\'s readiness is returned');
returns('postgres', q{
SELECT concat_ws(' ', operation, changed_by, session_user_name, changed_columns, old_values, new_values)
FROM resettle.case_audit WHERE custody_id = 2 AND table_name = 'pathway_status' AND changed_by = 'staff_b'
ORDER BY id;
SELECT status, note, updated_on = current_date FROM resettle.pathway_status
WHERE custody_id = 2 AND pathway = 'health';
SELECT readiness_as_of = current_date FROM resettle.custody WHERE id = 2},
	'INSERT staff_b staff_b {"note": "GP booked", "status": "done", "pathway": "health", "custody_id": 2, '
	  . qq{"updated_on": "$today"\}\n}
	  . 'UPDATE staff_b staff_b {status} {"status": "done"} '
	  . qq{{"status": "in_progress"}\nin_progress|GP booked|t\nt},
	'case audit names staff_b and records only the changed columns\' old and new values (the note, not given, kept)');
returns('staff_g', q{SELECT custody_id FROM resettle.set_support_need('E1000EE', 'gp_registration', 'in_progress')},
	'4', 'staff_g records through its group\'s mapping');
returns('postgres', q{SELECT changed_by, session_user_name FROM resettle.case_audit
WHERE custody_id = 4 AND table_name = 'support_need'}, 'staff_g|staff_g',
	'the audit names the login, not its group');
returns('postgres', q{
SELECT count(*) FROM resettle.case_audit
WHERE table_name = 'custody' AND operation = 'UPDATE' AND changed_columns <@ ARRAY['readiness',
	'readiness_gaps', 'readiness_as_of', 'release_date', 'responsibility', 'handover_start_date',
	'handover_date', 'handover_reason'];
}, '0', 'the extension\'s readiness recompute is not recorded as a case change');

# --- attacks by staff: the case tables, directly ------------------------------------
# The 1.1 attacks on another prison's rows, each now refused outright.
denied('staff_a', q{SELECT count(*) FROM resettle.custody WHERE prison_code = 'LEI'},
	'table custody', 'attack 1: staff read another prison\'s custody rows');
denied('staff_a', q{SELECT count(*) FROM resettle.person WHERE prison_number = 'B1000BB'},
	'table person', 'attack 2: staff read another prison\'s person');
denied('staff_a', q{SELECT count(*) FROM resettle.pathway_status WHERE custody_id = 2},
	'table pathway_status', 'attack 3: staff read another prison\'s records');
denied('staff_a', q{UPDATE resettle.custody SET pom_name = 'x' WHERE id = 2},
	'table custody', 'attack 4: staff update another prison\'s case');
denied('staff_a', q{DELETE FROM resettle.pathway_status WHERE custody_id = 2},
	'table pathway_status', 'attack 5: staff delete another prison\'s records');
denied('staff_a', q{UPDATE resettle.person SET given_name = 'x' WHERE prison_number = 'B1000BB'},
	'table person', 'attack 6: staff rename another prison\'s person');
denied('staff_a', q{UPDATE resettle.person SET ethnicity = 'W1' WHERE prison_number = 'A1000AA'},
	'table person', 'attack 6: staff change a person of their own prison (admin only)');
returns('postgres', q{SELECT given_name, ethnicity IS NULL FROM resettle.person
WHERE prison_number IN ('A1000AA', 'B1000BB') ORDER BY 1}, "Alice|t\nBob|t", 'attack 6: the people are unchanged');
denied('staff_a', q{
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('G1000GG', 'Gil', 'Gale', '1999-09-09', 'male')}, 'table person',
	'attack 7: staff record a person');
denied('staff_a', q{
INSERT INTO resettle.custody (prison_number, prison_code, reception_date)
VALUES ('A1000AA', 'BXI', current_date)}, 'table custody', 'attack 7: staff record a case, even at their prison');
denied('staff_a', q{
INSERT INTO resettle.pathway_status (custody_id, pathway, status) VALUES (2, 'finance_id', 'done')},
	'table pathway_status', 'attack 8: staff insert records into another prison\'s case');
denied('staff_a', q{
UPDATE resettle.pathway_status SET custody_id = 2 WHERE custody_id = 1 AND pathway = 'finance_id'},
	'table pathway_status', 'attack 9: staff move a record into another prison\'s case');
denied('staff_a', q{UPDATE resettle.custody SET prison_code = 'LEI' WHERE id = 1},
	'table custody', 'attack 10: staff move a case by UPDATE prison_code');
denied('staff_a', q{UPDATE resettle.custody SET prison_number = 'B1000BB' WHERE id = 1},
	'table custody', 'attack 11: staff reassign a case to another person');
denied('staff_a', q{UPDATE resettle.custody SET readiness = 'ready' WHERE id = 1},
	'table custody', 'attack 12: staff write readiness');
denied('staff_a', q{UPDATE resettle.custody SET handover_date = current_date WHERE id = 1},
	'table custody', 'attack 13: staff write a derived handover column');
denied('staff_a', q{DELETE FROM resettle.custody WHERE id = 1}, 'table custody', 'attack 14: staff delete a case');
denied('staff_a', q{DELETE FROM resettle.person WHERE prison_number = 'A1000AA'},
	'table person', 'attack 14b: staff delete a person');
denied('staff_a', q{SELECT count(*) FROM resettle.case_facts WHERE custody_id IN (2, 3)},
	'view case_facts', 'attack 17: staff read case_facts');
denied('staff_a', q{SELECT count(*) FROM resettle.readiness_history WHERE custody_id = 2},
	'table readiness_history', 'attack 18: staff read another prison\'s history');
denied('staff_a', q{SELECT count(*) FROM resettle.release_outcome},
	'table release_outcome', 'attack 18: staff read release outcomes');
denied('staff_a', q{
INSERT INTO resettle.readiness_history (custody_id, as_of, to_level, gaps)
VALUES (1, current_date, 'ready', '{}')}, 'table readiness_history', 'attack 21: staff forge readiness history');
denied('staff_a', q{DELETE FROM resettle.readiness_history WHERE custody_id = 1},
	'table readiness_history', 'attack 22: staff delete history');
denied('staff_a', q{
INSERT INTO resettle.case_audit (table_name, operation, custody_id) VALUES ('custody', 'DELETE', 2)},
	'table case_audit', 'attack 26: staff forge the case audit');
denied('staff_a', q{
INSERT INTO resettle.case_audit (table_name, operation, changed_by) VALUES ('custody', 'DELETE', 'admin1')},
	'table case_audit', 'attack 27: staff write another role into the audit');
denied('staff_a', q{SELECT count(*) FROM resettle.case_audit}, 'table case_audit',
	'attack 30: staff read the case audit');
denied('staff_a', q{SELECT count(*) FROM resettle.pseudonym_key}, 'table pseudonym_key',
	'attack 42: staff read the key');

# attack 60: every other way to read or write each table, as staff of one
# prison (staff_a), of two (staff_b) and with no mapping (staff_none)
my %some_column = (person => 'given_name', custody => 'pom_name', pathway_status => 'note',
	assessment => 'status', id_document => 'status', bank_account => 'bank_name',
	accommodation => 'lived_before', support_need => 'note', handover_checklist => 'contacted_com',
	readiness_history => 'gaps', release_outcome => 'gaps', case_audit => 'changed_by',
	pseudonym_key => 'created_by');
for my $t (@case_tables)
{
	my $c = $some_column{$t};
	for my $attack ([ "SELECT * FROM resettle.$t", 'staff_a' ],
		[ "COPY resettle.$t TO STDOUT", 'staff_b' ],
		[ "INSERT INTO resettle.$t DEFAULT VALUES", 'staff_a' ],
		[ "UPDATE resettle.$t SET $c = $c", 'staff_b' ],
		[ "DELETE FROM resettle.$t", 'staff_none' ],
		[ "TRUNCATE resettle.$t", 'staff_a' ])
	{
		my ($sql, $user) = @$attack;
		denied($user, $sql, "table $t", "attack 60: $user: $sql");
	}
}
denied('staff_b', 'COPY resettle.case_facts TO STDOUT', 'view case_facts',
	'attack 60: staff_b: COPY resettle.case_facts TO STDOUT');
returns('postgres', 'SELECT count(*) FROM resettle.case_audit WHERE changed_by LIKE \'staff_%\'', '4',
	'attack 60: the audit holds only the staff changes made through the functions');

# attack 61: the views the functions read cannot be named, by staff or admin
my @internal = qw(accommodation assessment bank_account case_facts case_list custody handover_checklist
	id_document pathway_status readiness_history release_outcome staff_pom support_need);
returns('postgres', q{SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class
WHERE relnamespace = 'resettle_internal'::regnamespace}, "@internal",
	'attack 61: (the views of resettle_internal)');
denied_each('staff_a', 'SELECT * FROM resettle_internal.%s', 'schema resettle_internal',
	'attack 61: staff read resettle_internal.%s', @internal);
denied_each('staff_b', 'DELETE FROM resettle_internal.%s', 'schema resettle_internal',
	'attack 61: staff delete from resettle_internal.%s', @internal);
denied('staff_a', q{INSERT INTO resettle_internal.pathway_status (custody_id, pathway, status)
VALUES (1, 'health', 'done')}, 'schema resettle_internal', 'attack 61: staff insert into a record view');
denied('staff_a', q{SELECT NULL::resettle_internal.custody}, 'schema resettle_internal',
	'attack 61: staff name a view\'s row type');
denied('admin1', 'SELECT * FROM resettle_internal.custody', 'schema resettle_internal',
	'attack 61: admin reads resettle_internal.custody');

# --- attacks by staff: the functions, given another prison's case -------------------
# Each answers as for an unknown case (sees() above probes every route too).
my $no_case = { error => 'P0002: no case in custody for prison number "%s"' };
my $not_theirs = { error => 'P0002: prison "%s" is not one of the prisons you may see' };
for my $attack (
	[ 'attack 19: case_card() of another prison\'s person', 'SELECT * FROM resettle.case_card(\'%s\')',
		'B1000BB', $unknown_pn, '' ],
	[ 'attack 19: case_card() by another prison\'s CRN', 'SELECT * FROM resettle.case_card(\'%s\')',
		'B100000', $unknown_crn, '' ],
	[ 'attack 15: check() of another prison\'s case', 'SELECT * FROM resettle.check(%s)', 2, $unknown_id, '' ],
	[ 'attack 16: readiness() of another prison\'s case', 'SELECT resettle.readiness(%s) IS NULL', 2, $unknown_id,
		't' ],
	[ 'attack 62: readiness_change() of another prison\'s case', 'SELECT * FROM resettle.readiness_change(%s)',
		latest_change(2), $unknown_id, '' ],
	[ 'attack 62: open_case_id() of another prison\'s person',
		'SELECT resettle.open_case_id(\'%s\') IS NULL', 'B1000BB', $unknown_pn, 't' ],
	[ 'attack 62: open_custody_id() of another prison\'s person', 'SELECT resettle.open_custody_id(\'%s\')',
		'B1000BB', $unknown_pn, $no_case ],
	[ 'attack 20: releases_due() of another prison', 'SELECT * FROM resettle.releases_due(520, \'%s\')',
		'LEI', 'ZZZ', $not_theirs ],
	[ 'attack 20: handovers() of another prison', 'SELECT * FROM resettle.handovers(\'all\', \'%s\')',
		'LEI', 'ZZZ', $not_theirs ],
	[ 'attack 20: gaps() of another prison', 'SELECT * FROM resettle.gaps(NULL, NULL, \'%s\')', 'LEI', 'ZZZ',
		$not_theirs ],
	[ 'attack 20: v_cases of another prison\'s person',
		'SELECT * FROM resettle.v_cases WHERE prison_number = \'%s\'', 'B1000BB', $unknown_pn, '' ])
{
	my ($name, $sql, $other, $unknown, $expect) = @$attack;
	same_as_unknown('staff_a', $sql, $other, $unknown, $expect, $name);
}

# attack 53-54 (SQL): the set functions on another prison's person refuse as
# for an unknown prison number, and change nothing on the server
{
	my %before = map { $_ => case_state($_) } (2, 4);
	same_as_unknown('staff_a', q{SELECT * FROM resettle.set_pathway_status('%s', 'health', 'done', 'x')},
		'B1000BB', $unknown_pn, $no_case, 'attack 53: set_pathway_status() on another prison\'s person');
	same_as_unknown('staff_a', q{SELECT * FROM resettle.set_support_need('%s', 'gp_registration', 'met')},
		'E1000EE', $unknown_pn, $no_case, 'attack 54: set_support_need() on another prison\'s person');
	same_as_unknown('staff_none', q{SELECT * FROM resettle.set_pathway_status('%s', 'finance_id', 'done')},
		'B1000BB', $unknown_pn, $no_case, 'attack 37: staff with no mapping set a pathway status');
	is(case_state($_), $before{$_}, "attacks 37, 53-54: case $_ is unchanged on the server") for (2, 4);
}

# --- attacks by staff: administration -------------------------------------------------
denied('staff_a', q{INSERT INTO resettle.staff_prison (role, prison_code) VALUES ('staff_a', 'LEI')},
	'table staff_prison', 'attack 31: staff map themselves to a prison');
denied('staff_a', q{UPDATE resettle.staff_prison SET prison_code = 'LEI'},
	'table staff_prison', 'attack 31: staff change their mapping');
for my $call (
	[ 32, q{resettle.map_staff('staff_a', 'LEI')}, 'map_staff' ],
	[ 32, q{resettle.map_staff('staff_a')}, 'map_staff' ],
	[ '32b', q{resettle.unmap_staff('staff_b', 'LEI')}, 'unmap_staff' ],
	[ 33, q{resettle.refresh()}, 'refresh' ],
	[ 34, q{resettle.transfer(2, 'BXI')}, 'transfer' ],
	[ 35, q{resettle.create_roles('x')}, 'create_roles' ],
	[ '35b', q{resettle.grant_roles('resettle_staff', 'resettle_staff', 'resettle_staff')}, 'grant_roles' ],
	[ '35c', q{resettle.defer_recompute()}, 'defer_recompute' ],
	[ '35d', q{resettle.recompute_deferred()}, 'recompute_deferred' ],
	[ '35e', q{resettle.forget_dropped_roles()}, 'forget_dropped_roles' ],
	[ '35f', q{resettle.rotate_pseudonym_key()}, 'rotate_pseudonym_key' ])
{
	my ($n, $sql, $f) = @$call;
	denied('staff_a', "SELECT * FROM $sql", "function $f", "attack $n: staff call $f");
}
sees('staff_a', [ 1, 6 ], 'after the attacks staff_a still sees only its prison');

# --- attacks on history and audit by admin and the superuser ---------------------------
denied('admin1', q{DELETE FROM resettle.readiness_history}, 'table readiness_history',
	'attack 23: admin deletes history');
denied('admin1', q{UPDATE resettle.readiness_history SET to_level = 'ready'}, 'table readiness_history',
	'attack 24: admin rewrites history');
fails('postgres', q{DELETE FROM resettle.readiness_history},
	'42501', '"readiness_history" is append-only', 'attack 24b: even the superuser cannot delete history');
denied('admin1', q{TRUNCATE resettle.readiness_history}, 'table readiness_history',
	'attack 25: admin truncates history');
fails('postgres', q{TRUNCATE resettle.readiness_history},
	'42501', '"readiness_history" is append-only', 'attack 25b: even the superuser cannot truncate history');
denied('admin1', q{UPDATE resettle.release_outcome SET gaps = '{}'}, 'table release_outcome',
	'attack 25c: admin rewrites release outcomes');
denied('admin1', q{DELETE FROM resettle.release_outcome}, 'table release_outcome',
	'attack 25c: admin deletes release outcomes');
fails('postgres', q{TRUNCATE resettle.release_outcome},
	'42501', '"release_outcome" is append-only', 'attack 25d: even the superuser cannot truncate release outcomes');
denied('admin1', q{INSERT INTO resettle.case_audit (table_name, operation) VALUES ('custody', 'DELETE')},
	'table case_audit', 'attack 26b: admin forges the case audit');
denied('admin1', q{UPDATE resettle.case_audit SET changed_by = 'staff_b'}, 'table case_audit',
	'attack 28: admin rewrites the case audit');
denied('admin1', q{DELETE FROM resettle.case_audit}, 'table case_audit', 'attack 29: admin deletes the case audit');
fails('postgres', q{UPDATE resettle.case_audit SET changed_by = 'staff_b'},
	'42501', '"case_audit" is append-only', 'attack 29b: even the superuser cannot rewrite the case audit');
fails('postgres', q{TRUNCATE resettle.case_audit},
	'42501', '"case_audit" is append-only', 'attack 29c: even the superuser cannot truncate the case audit');

# --- a role with no resettle role ---------------------------------------------------------
# The client's functions, with arguments, as a reader would call them.
%client_call = (
	case_card        => q{resettle.case_card('A1000AA')},
	releases_due     => q{resettle.releases_due()},
	handovers        => q{resettle.handovers()},
	gaps             => q{resettle.gaps()},
	stats            => q{resettle.stats()},
	pathway_stats    => q{resettle.pathway_stats()},
	check            => q{resettle.check(1)},
	readiness        => q{resettle.readiness(1)},
	readiness_change => q{resettle.readiness_change(1)},
	open_case_id     => q{resettle.open_case_id('A1000AA')},
	open_custody_id  => q{resettle.open_custody_id('A1000AA')},
	set_pathway_status => q{resettle.set_pathway_status('A1000AA', 'health', 'done')},
	set_support_need => q{resettle.set_support_need('A1000AA', 'gp_registration', 'met')},
	pseudonym        => q{resettle.pseudonym('A1000AA')});
my @case_lists = qw(v_cases v_releases_due v_handover_upcoming v_com_overdue v_release_outcomes);
my @measures = qw(v_readiness_summary v_outcome_rates v_gap_counts);
my @analyst_views = qw(analyst_cases analyst_release_outcomes analyst_readiness_history analyst_releases_due
	analyst_handovers);
denied_each('nobody', 'SELECT count(*) FROM resettle.%s', 'schema resettle',
	'attack 38: a role with no resettle role reads resettle.%s',
	@case_tables, 'case_facts', @case_lists, @measures, @analyst_views, 'staff_prison', 'prison');
denied_each('nobody', 'SELECT * FROM %2$s', 'schema resettle', 'attack 38: a role with no resettle role calls %s',
	sort keys %client_call);
denied('nobody', 'SELECT * FROM resettle_internal.custody', 'schema resettle_internal',
	'attack 38: a role with no resettle role reads resettle_internal.custody');

# --- analysts -------------------------------------------------------------------
denied_each('analyst1', 'SELECT count(*) FROM resettle.%s', 'table %s', 'attack 39: analyst reads %s',
	@case_tables, 'staff_prison');
denied_each('analyst1', 'SELECT count(*) FROM resettle.%s', 'view %s', 'attack 39: analyst reads %s', 'case_facts');
denied_each('analyst1', 'SELECT * FROM %2$s', 'function %s', 'attack 40: analyst computes a pseudonym',
	'pseudonym');
denied_each('analyst1', 'SELECT * FROM %2$s', 'function %s', 'attack 41: analyst calls %s()',
	grep { $_ ne 'pseudonym' } sort keys %client_call);
denied_each('analyst1', 'SELECT count(*) FROM resettle.%s', 'view %s',
	'attack 45a: analyst reads the named case list %s', @case_lists);
denied('analyst1', 'SELECT count(*) FROM resettle_internal.case_facts', 'schema resettle_internal',
	'attack 45a: analyst reads resettle_internal.case_facts');
denied_each('staff_a', 'SELECT count(*) FROM resettle.%s', 'view %s', 'attack 43: staff read %s', @analyst_views);
# what the analyst views are computed from and stored in holds custody ids
for my $user (qw(analyst1 staff_a))
{
	denied_each($user, 'SELECT count(*) FROM resettle.%s', 'view %s', "attack 39: $user reads %s",
		qw(analyst_case_base analyst_change_base));
	denied_each($user, 'SELECT count(*) FROM resettle.%s', 'table %s', "attack 39: $user reads %s",
		qw(analyst_case_snapshot analyst_change_snapshot analyst_change_published));
}
denied_each($_, 'SELECT resettle.%s(true)', 'function %s', "attack 41: $_ stores the analyst views' release",
	'refresh_analyst_views')
  for qw(analyst1 staff_a);

# positive: analysts read the pseudonymised views (their rows and columns are
# disclosure control's, which test/t/050_disclosure.pl checks over a caseload
# that publishes: here only that the analyst gets every row the month's
# release holds, and nothing identifying)
returns('admin1', q{SELECT resettle.refresh_analyst_views() >= 0}, 't',
	'admin stores the month\'s release of the analyst views');
my $identifying = join('|', (map { ($case{$_}{pn}, $case{$_}{crn}) } sort keys %case),
	qw(Alice Abbott Bob Bennett Carl Cole Eve Eady Fay Ford Dan Dale Officer 1990-01-01 1980-05-05
	  1970-07-07 1985-03-03 1975-04-04 2000-02-02 staff_ admin1));
my $most_rows = $node->safe_psql('db', 'SELECT (SELECT count(*) FROM resettle.custody)
	+ (SELECT count(*) FROM resettle.readiness_history)');
for my $v (@analyst_views)
{
	my $count = "SELECT count(*), count(*) <= $most_rows FROM resettle.$v";
	returns('analyst1', $count, $node->safe_psql('db', $count), "analyst reads every row of $v");
	returns('analyst1', "SELECT count(*) FROM resettle.$v AS v WHERE v::text ~ '$identifying'", '0',
		"attack 44: $v holds no name, identifier, date of birth or officer");
}
returns('analyst1', q{
SELECT count(*) FROM information_schema.columns
WHERE table_schema = 'resettle' AND table_name LIKE 'analyst%'
  AND column_name IN ('prison_number', 'crn', 'pnc_id', 'cro_number', 'nhs_number', 'nino', 'name',
      'given_name', 'family_name', 'date_of_birth', 'custody_id', 'changed_by', 'pom_name', 'com_name', 'ethnicity',
      'pseudonym')},
	'0', 'attack 45: analyst views have no identifying columns');
# the aggregate measures are exact current counts, not under disclosure
# control: not for analysts; being an analyst as well adds no prison to a
# staff login's measures (a DBA who grants them to an analyst gets the
# prisons the analyst is mapped to: none)
denied_each('analyst1', 'SELECT count(*) FROM resettle.%s', 'view %s', 'attack 46: analyst reads the live measure %s',
	@measures);
$node->safe_psql('db', 'GRANT SELECT ON resettle.v_readiness_summary, resettle.v_outcome_rates,
	resettle.v_gap_counts TO analyst1; GRANT resettle_analyst TO staff_a');
my $measured = q{
SELECT count(*) FROM resettle.v_readiness_summary WHERE dimension = 'prison' AND cases > 0;
SELECT count(*) FROM resettle.v_outcome_rates WHERE dimension = 'prison';
SELECT count(DISTINCT prison_code) FROM resettle.v_gap_counts};
returns('analyst1', $measured, "0\n0\n0", 'attack 46: granted them by hand, an unmapped analyst\'s measures count nothing');
returns('staff_a', $measured . q{;
SELECT string_agg(group_name, ',') FROM resettle.v_readiness_summary WHERE dimension = 'prison'},
	"1\n0\n1\nBXI", 'attack 46: a staff login that is an analyst too counts only its own prison');
# ... and reads no analyst view: its own prison's people, taken out of the
# region's groups, would leave groups under k
fails('staff_a', "SELECT count(*) FROM resettle.$_", '42501',
	'a login that holds the staff part cannot read the analyst views',
	"attack 47: a staff login that is an analyst too reads $_") for @analyst_views;
# ... whatever role it sets: the login is what is checked
fails('staff_a', "SET ROLE resettle_analyst; SELECT count(*) FROM resettle.$_", '42501',
	'a login that holds the staff part cannot read the analyst views',
	"attack 47: a staff login that is an analyst too reads $_ after SET ROLE to the analyst part") for @analyst_views;
fails('staff_a', 'BEGIN; SET LOCAL ROLE resettle_analyst; SELECT count(*) FROM resettle.analyst_cases; COMMIT', '42501',
	'a login that holds the staff part cannot read the analyst views',
	'attack 47: ... with SET LOCAL ROLE in a transaction');
{
	local $ENV{PGOPTIONS} = '-c role=resettle_analyst';
	fails('staff_a', 'SELECT count(*) FROM resettle.analyst_cases', '42501',
		'a login that holds the staff part cannot read the analyst views',
		'attack 47: ... with the role set at connection (PGOPTIONS)');
}
returns('admin1', 'SELECT count(*) >= 0 FROM resettle.analyst_cases', 't', 'admin (every prison) reads the analyst views');
$node->safe_psql('db', 'REVOKE SELECT ON resettle.v_readiness_summary, resettle.v_outcome_rates,
	resettle.v_gap_counts FROM analyst1; REVOKE resettle_analyst FROM staff_a');
returns('admin1', "SELECT count(*) FROM resettle.$_ AS v WHERE v::text ~ '$identifying'", '0',
	"attack 44: $_ holds no name, identifier or date of birth") for @measures;
returns('admin1', q{
SELECT resettle.pseudonym('B1000BB') = encode(resettle.hmac_sha256(k.key, convert_to('B1000BB', 'UTF8')), 'hex')
FROM resettle.pseudonym_key AS k},
	't', 'pseudonyms are the HMAC-SHA256 of the prison number under the key');
returns('analyst1', q{
SELECT encode(resettle.hmac_sha256('Jefe', 'what do ya want for nothing?'), 'hex');
SELECT encode(resettle.hmac_sha256(decode(repeat('aa', 131), 'hex'),
	'Test Using Larger Than Block-Size Key - Hash Key First'), 'hex')},
	"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843\n"
	  . "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	'HMAC-SHA256 matches RFC 4231 test cases 2 and 6');

# --- admin: rotate, transfer ----------------------------------------------------------
{
	# (the analyst views' case pseudonyms change with the key too: regress
	# test analyst_views)
	my $old = $node->safe_psql('db', q{SELECT resettle.pseudonym('A1000AA')});
	returns('admin1', qq{
SELECT resettle.rotate_pseudonym_key() IS NOT NULL;
SELECT resettle.pseudonym('A1000AA') <> '$old', length(resettle.pseudonym('A1000AA'));
SELECT count(*), max(created_by) FROM resettle.pseudonym_key;},
		"t\nt|64\n1|admin1", 'admin rotates the key and pseudonyms change');
}
returns('admin1', q{
SELECT resettle.transfer(3, 'BXI');
SELECT prison_code FROM resettle.custody WHERE id = 3;
SELECT changed_by, session_user_name, old_values->>'prison_code', new_values->>'prison_code'
FROM resettle.case_audit WHERE custody_id = 3 AND 'prison_code' = ANY (changed_columns);},
	"\nBXI\nadmin1|admin1|MDI|BXI", 'admin transfers a case; the audit records it');
$case{3}{prison} = 'BXI';
sees('staff_a', [ 1, 3, 6 ], 'after the transfer the receiving prison sees the case by every route');
sees('staff_b', [ 2, 4, 5 ], 'after the transfer the sending prison no longer does');

# --- search_path hijacking -----------------------------------------------------------
# Look-alikes of what the functions call, in a schema first on the path and
# in pg_temp, each raising an error if called.
my $trap = q{
CREATE FUNCTION %1$s.sha256(bytea) RETURNS bytea LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured sha256'; END$$;
CREATE FUNCTION %1$s.encode(bytea, text) RETURNS text LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured encode'; END$$;
CREATE FUNCTION %1$s.convert_to(text, name) RETURNS bytea LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured convert_to'; END$$;
CREATE FUNCTION %1$s.textin_evil(bytea, bytea) RETURNS bytea LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured ||'; END$$;
CREATE OPERATOR %1$s.|| (LEFTARG = bytea, RIGHTARG = bytea, FUNCTION = %1$s.textin_evil);
CREATE FUNCTION %1$s.eq_evil(text, text) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured ='; END$$;
CREATE OPERATOR %1$s.= (LEFTARG = text, RIGHTARG = text, FUNCTION = %1$s.eq_evil);
CREATE FUNCTION %1$s.eqn_evil(name, name) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured ='; END$$;
CREATE OPERATOR %1$s.= (LEFTARG = name, RIGHTARG = name, FUNCTION = %1$s.eqn_evil);
CREATE FUNCTION %1$s.eqb_evil(bigint, bigint) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured ='; END$$;
CREATE OPERATOR %1$s.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = %1$s.eqb_evil);
CREATE FUNCTION %1$s.pg_has_role(oid, text) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'captured pg_has_role'; END$$;
};
my $good_pseudonym = $node->safe_psql('db', q{SELECT resettle.pseudonym('A1000AA')});
returns('admin1', sprintf($trap, 'evil_admin') . sprintf($trap, 'pg_temp') . q{
SET search_path = evil_admin, pg_temp, pg_catalog;
SELECT resettle.pseudonym('A1000AA');
SET search_path = pg_temp, evil_admin, pg_catalog;
SELECT resettle.pseudonym('A1000AA');},
	"$good_pseudonym\n$good_pseudonym", 'attack 46: search_path hijack of SECURITY DEFINER pseudonym()');

# Staff's own look-alikes neither widen what the functions show nor run in
# them or in the triggers their writes set off.
returns('staff_a', sprintf($trap, 'evil_a') . sprintf($trap, 'pg_temp') . q{
SET search_path = evil_a, pg_temp, pg_catalog, resettle;
SELECT resettle.is_admin(), array_to_string(resettle.visible_prisons(), ',');
SELECT string_agg(custody_id::text, ',' ORDER BY custody_id) FROM resettle.v_cases;
SELECT count(*) FROM resettle.case_card('B1000BB');
SELECT custody_id, readiness FROM resettle.set_pathway_status('A1000AA', 'finance_id', 'support_not_required');},
	"f|BXI\n1,3,6\n0\n1|not_ready",
	'attack 47: search_path hijack of the visibility helpers, the functions and the readiness triggers');

# --- inventory of the access-control set-up ---------------------------------------
returns('postgres', q{
SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc
WHERE pronamespace = 'resettle'::regnamespace AND prosecdef},
	'pseudonym', 'pseudonym() is the one SECURITY DEFINER function');
returns('postgres', q{
SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
WHERE relnamespace = 'resettle'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity},
	'accommodation,assessment,bank_account,case_audit,custody,handover_checklist,id_document,'
	  . 'pathway_status,person,readiness_history,release_outcome,staff_pom,staff_prison,support_need',
	'row security is enabled and forced on every case, history, audit and mapping table');
returns('postgres', q{
SELECT string_agg(relname || ':' || array_to_string(reloptions, ','), ' ' ORDER BY relname) FROM pg_class
WHERE relnamespace = 'resettle'::regnamespace AND relkind = 'v' AND relname LIKE 'v\_%'
  AND relname NOT IN ('v_readiness_summary', 'v_outcome_rates', 'v_gap_counts', 'v_refresh_status')},
	join(' ', map { "$_:security_barrier=true" } sort @case_lists),
	'the case lists are security_barrier and not security_invoker');
returns('postgres', q{
SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
WHERE relnamespace = 'resettle'::regnamespace AND relkind = 'v' AND relname LIKE 'analyst\_%'
  AND 'security_barrier=true' = ANY (reloptions) AND NOT 'security_invoker=true' = ANY (reloptions)},
	join(',', sort(@analyst_views, qw(analyst_case_base analyst_change_base))),
	'the analyst views are security_barrier and run with their owner\'s rights');

# --- attacks through the resettle client ------------------------------------------
# The client binary run as real login roles.  staff_a sees BXI (cases 1, 3
# after the transfer, 6), staff_b LEI and MDI (2, 4, 5).
$ENV{PAGER} = '';
$ENV{NO_COLOR} = '1';
delete $ENV{PGAPPNAME};

# run the client as a user; returns (exit status, stdout, stderr)
sub client
{
	my ($user, @args) = @_;
	my ($o, $e) = ('', '');
	IPC::Run::run([ 'resettle', '-d', $node->connstr('db'), '-U', $user, @args ],
		'<', \'', '>', \$o, '2>', \$e,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	return ($? >> 8, $o, $e);
}

# the client must exit with $rc, print nothing on stdout and exactly $err on stderr
sub client_refused
{
	my ($user, $args, $rc, $err, $name) = @_;
	my ($r, $o, $e) = client($user, @$args);
	is("$r|$o", "$rc|", "$name: exit $rc, nothing on stdout");
	is($e, $err, "$name: error");
}

# the first column of a CSV export (ids and prison numbers have no commas)
sub first_column
{
	my ($csv) = @_;
	return join(',', sort { $a cmp $b } map { (split /,/)[0] } grep { length } split /\n/, $csv);
}

# positive: staff use the client on their own prison's cases
{
	my ($rc, $o, $e) = client('staff_b', '-f', 'csv', 'case', 'B1000BB');
	is($rc, 0, 'client: staff_b shows their own case') or diag($e);
	like($o, qr/^section,field,value\nidentity,prison_number,B1000BB\n(.*\n)*custody,custody_id,2\n/,
		'client: staff_b\'s case card');
	($rc, $o, $e) = client('staff_b', '-f', 'csv', '-t', 'releases', '--weeks', '520');
	is(first_column($o), 'B1000BB,E1000EE', 'client: staff_b\'s releases worklist');

	my %want_a = expected_routes(1, 3, 6);
	for my $cmd ([ 'releases', '--weeks', '520' ], ['gaps'], ['handovers'])
	{
		($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', @$cmd);
		my $route = { releases => 'releases_due', gaps => 'gaps', handovers => 'handovers' }->{ $cmd->[0] };
		(my $want = $want_a{$route}) =~ s/:\w+//g;
		my %uniq;
		is(join(',', grep { !$uniq{$_}++ } split /,/, first_column($o)), $want,
			"attack 50-52: client $cmd->[0] without --prison: staff_a\'s prison only");
		($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', @$cmd, '--prison', 'LEI');
		is("$rc|$o|$e", qq{4||resettle: error: prison "LEI" is not one of the prisons you may see\nHINT:  Yours: BXI.\n},
			"attack 50-52: client $cmd->[0] --prison of another prison: not found, and which are yours");
	}
	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'stats');
	is(first_column($o), 'BXI', 'attack 52: client stats count no other prison');
	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'stats', '--by', 'pathway');
	like($o, qr/^accommodation,3,/, 'attack 52: client stats --by pathway counts staff_a\'s three cases');

	# case and set on another prison's person: as for an unknown one
	my %before = map { $_ => case_state($_) } (2, 4);
	for my $attack ([ 48, [ 'case', '%s' ], 'B1000BB', $unknown_pn, "no case found for \"%s\"\n" ],
		[ 49, [ 'case', '%s' ], 'B100000', $unknown_crn, "no case found for \"%s\"\n" ],
		[ 53, [ 'set', '%s', '--pathway', 'health', '--status', 'done' ], 'B1000BB', $unknown_pn,
			"no case in custody for prison number \"%s\"\n"
			  . "HINT:  Check the prison number, or whether the person has been released.\n" ],
		[ 54, [ 'set', '%s', '--need', 'gp_registration', '--status', 'met' ], 'E1000EE', $unknown_pn,
			"no case in custody for prison number \"%s\"\n"
			  . "HINT:  Check the prison number, or whether the person has been released.\n" ])
	{
		my ($n, $args, $other, $unknown, $err) = @$attack;
		my @args = map { sprintf($_, $other) } @$args;
		client_refused('staff_a', [ '-f', 'csv', @args ], 4, sprintf("resettle: error: $err", $other),
			"attack $n: client @args by staff_a");
		my @o = client('staff_a', '-f', 'csv', @args);
		my @u = client('staff_a', '-f', 'csv', map { sprintf($_, $unknown) } @$args);
		s/\Q$other\E/$unknown/g for @o;
		is_deeply(\@o, \@u, "attack $n: client @args: as for an unknown $unknown");
	}
	is(case_state($_), $before{$_}, "attacks 53-54: client: case $_ is unchanged on the server") for (2, 4);

	# export: the lists and measures staff may read hold only their prison;
	# the tables and case_facts they may not
	for my $v (@case_lists)
	{
		($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'export', $v);
		is("$rc|" . first_column($o), "0|$want_a{$v}", "attack 55: staff export $v: staff_a's cases only");
	}
	for my $v (@measures)
	{
		($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'export', $v);
		is($rc, 0, "attack 55: staff export $v runs") or diag($e);
		unlike($o, qr/LEI|MDI|B1000BB|E1000EE|F1000FF|Bennett|Eady|Ford/,
			"attack 55: staff export $v counts no other prison");
	}
	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'export', 'v_readiness_summary');
	like($o, qr/^prison,BXI,3,/m, 'attack 55: (staff export the measures of their prison)');
	for my $v (qw(case_facts readiness_history release_outcome analyst_cases))
	{
		my $kind = $v eq 'case_facts' || $v eq 'analyst_cases' ? 'view' : 'table';
		client_refused('staff_a', [ '-f', 'csv', 'export', $v ], 1,
			"resettle: error: permission denied for $kind $v\n", "attack 55: staff export $v");
	}

	# positive: staff record an update on their own case through the client
	($rc, $o, $e) = client('staff_a', '-f', 'csv', 'set', 'A1000AA', '--pathway', 'health', '--status', 'done');
	is($rc, 0, 'client: staff set a pathway on their own case') or diag($e);
	is($o, "custody_id,readiness_before,readiness,gaps_closed,gaps_opened,gaps_before,gaps\n"
		  . $node->safe_psql('db', q{SELECT concat_ws(',', id, readiness, readiness, '""', '""',
	array_to_string(readiness_gaps, ' '), array_to_string(readiness_gaps, ' '))
FROM resettle.custody WHERE id = 1}) . "\n", 'client: set prints the case\'s readiness as stored');
	is($node->safe_psql('db', q{SELECT status || ' ' || changed_by FROM resettle.pathway_status AS s,
resettle.case_audit AS a WHERE s.custody_id = 1 AND s.pathway = 'health' AND a.custody_id = 1
AND a.table_name = 'pathway_status' AND a.new_values->>'pathway' = 'health' ORDER BY a.id DESC LIMIT 1}),
		'done staff_a', 'client: the update is on the server, audited as staff_a');

	# analysts: their exports; not the case lists, tables or client commands
	client_refused('analyst1', [ '-f', 'csv', 'export', 'v_readiness_summary' ], 1,
		"resettle: error: permission denied for view v_readiness_summary\n",
		'attack 46: analyst exports a live measure');
	($rc, $o, $e) = client('analyst1', '-f', 'csv', 'export', 'analyst_cases');
	is($rc, 0, 'client: analyst exports analyst_cases') or diag($e);
	for my $v (qw(case_facts v_cases v_releases_due readiness_history release_outcome))
	{
		my $kind = $v =~ /^(case_facts|v_)/ ? 'view' : 'table';
		client_refused('analyst1', [ '-f', 'csv', 'export', $v ], 1,
			"resettle: error: permission denied for $kind $v\n", "attack 56: analyst export $v");
	}
	for my $cmd ([ [ 'case', 'A1000AA' ], 'case_card' ],
		[ [ 'set', 'A1000AA', '--pathway', 'health', '--status', 'done' ], 'set_pathway_status' ],
		[ [ 'set', 'A1000AA', '--need', 'gp_registration', '--status', 'met' ], 'set_support_need' ],
		[ ['releases'], 'releases_due' ], [ ['gaps'], 'gaps' ], [ ['handovers'], 'handovers' ],
		[ [ 'stats', '--by', 'pathway' ], 'pathway_stats' ],
		[ [ 'watch', '--timeout', '1' ], 'readiness_change' ])
	{
		my ($args, $f) = @$cmd;
		client_refused('analyst1', [ '-f', 'csv', @$args ], 1,
			"resettle: error: permission denied for function $f\n", "attack 57: analyst client @$args");
	}
	# stats for an analyst: the analyst views' figures, not the cases'
	# (020_client.pl, 050_disclosure.pl)
	my ($stats_rc, undef, $stats_err) = client('analyst1', '-f', 'csv', 'stats');
	is("$stats_rc|$stats_err", '0|', 'attack 57: analyst client stats reads the analyst views: exit 0');
	# a role with no resettle role
	for my $args ([ 'case', 'A1000AA' ], [ 'set', 'A1000AA', '--pathway', 'health', '--status', 'done' ],
		['releases'], ['gaps'], ['handovers'], ['stats'], [ 'export', 'prison' ],
		[ 'export', 'analyst_cases' ], [ 'watch', '--timeout', '1' ])
	{
		client_refused('nobody', [ '-f', 'csv', @$args ], 1,
			"resettle: error: permission denied for schema resettle\n",
			"attack 57: a role with no resettle role: client @$args");
	}
}

# attack 58: resettle watch.  NOTIFY payloads go to every listener of the
# channel whatever its privileges, and anyone may send one, so watch takes
# only the custody id from a payload and prints what it reads back under the
# watcher's rights, only changes made since it started, each once.  staff_a
# (BXI) and a raw LISTEN session of nobody watch; nobody spoofs payloads for a
# real BXI case; admin records the release of LEI's case 2; staff_a changes
# the level of its own case 6; nobody spoofs case 6 and case 2.
{
	my ($o, $e) = ('', '');
	my $h = IPC::Run::start(
		[ 'resettle', '-d', $node->connstr('db'), '-U', 'staff_a', '-f', 'ndjson', 'watch',
		  '--count', '3', '--timeout', '3' ],
		'<', \'', '>', \$o, '2>', \$e,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	my $raw = $node->background_psql('db', extra_params => [ '-U', 'nobody' ]);
	$raw->query_safe('LISTEN resettle_readiness');

	# watch has listened and read its start time when it waits, idle
	my $listening = 0;
	for (1 .. 10 * $PostgreSQL::Test::Utils::timeout_default)
	{
		$h->pump_nb;
		last unless $h->pumpable;
		$listening = $node->safe_psql('db', q{SELECT count(*) FROM pg_stat_activity
			WHERE usename = 'staff_a' AND state = 'idle'
			  AND (query LIKE '%readiness_change(NULL)%' OR query LIKE 'LISTEN%')}) == 1;
		last if $listening;
		usleep(100_000);
	}
	ok($listening, 'attack 58: staff watch starts and listens') or diag($e);

	# a spoof names a real change (by its history id) and its case
	my $spoof = q{NOTIFY resettle_readiness, '{"change_id": %d, "custody_id": %d, "prison_code": "BXI", "from": "x", "to": "ready"}'};
	returns('nobody', sprintf($spoof, latest_change(1), 1), '', 'attack 58: nobody spoofs a change of BXI\'s case 1');
	returns('admin1', q{UPDATE resettle.custody SET released_on = current_date WHERE id = 2;
SELECT readiness FROM resettle.custody WHERE id = 2}, 'released', 'admin records a release at LEI (a readiness change)');
	$case{2}{open} = 0;
	$case{2}{gaps} = 0;
	returns('staff_a', q{SELECT readiness FROM resettle.set_support_need('D1000DD', 'benefit_claim', 'met')},
		'on_track', 'staff_a records the claim: its case 6 changes level');
	$case{6}{gaps} = 0;
	my $change6 = latest_change(6);
	my $change2 = latest_change(2);
	returns('nobody', sprintf($spoof, $change6, 6) . ';' . sprintf($spoof, $change2, 2), '',
		'attack 58: nobody replays the changes of case 6 and LEI\'s case 2');
	$h->finish;
	is($h->full_result(0), 0, 'attack 58: staff watch exits 0 at its timeout') or diag($e);
	my $change = $node->safe_psql('db', qq{SELECT json_build_object('custody_id', e.custody_id,
		'prison_number', 'D1000DD', 'name', e.name, 'prison_code', 'BXI', 'from', e.from_level,
		'to', e.to_level, 'as_of', e.as_of, 'changed_at', e.changed_at::text,
		'gaps_closed', e.gaps_closed, 'gaps_opened', e.gaps_opened, 'change_id', e.change_id)::text
		FROM resettle.readiness_change($change6) AS e});
	is($o, "$change\n" =~ s/" : /":/gr =~ s/, "/,"/gr,
		'attack 58: staff watch prints its own prison\'s change once, as read back, and nothing else');
	unlike($o . $e, qr/B1000BB|LEI|ready"/, 'attack 58: nothing of another prison, nothing spoofed');
	# the raw listener gets the notifications, naming the change, not the case
	my $payload = $raw->query_safe('SELECT 1');
	like($payload, qr/"change_id" : $change2, "prison_code" : "LEI", "from" : "[a-z_]+", "to" : "released"/,
		'attack 58: a raw listener sees a change at LEI by its history id');
	# the server's own payloads (json_build_object's spacing), not the spoofs
	my $real = join("\n", grep { /"change_id" : / } split /\n/, $payload);
	like($real, qr/\A(?:.*"change_id" : \d+, "prison_code" : "[A-Z]{3}", "from" : "[a-z_]+", "to" : "[a-z_]+"\}.*\n?){2}\z/,
		'attack 58: the raw listener got the two real changes');
	unlike($real, qr/B1000BB|prison_number|custody_id/,
		'attack 58: a role with no resettle role listening sees no prison number and no custody id');
	$raw->quit;
}

# case 2's release wrote a release outcome at LEI
sees('staff_b', [ 2, 4, 5 ], 'staff_b sees its prisons\' release outcomes');
sees('staff_a', [ 1, 3, 6 ], 'attack 59: staff_a sees no other prison\'s release outcome');
{
	my ($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'export', 'v_release_outcomes');
	is($rc . '|' . $o, '0|', 'attack 59: staff export v_release_outcomes: no other prison\'s outcome');
}

# --- admin: refresh -----------------------------------------------------------------
# each refresh() re-evaluates the four cases in custody, at BXI and LEI
for my $run ([ 'admin1', 1, 'admin runs refresh() over every prison' ],
	[ 'postgres', 2, 'the superuser (pg_cron job as owner) runs refresh()' ])
{
	my ($user, $days, $name) = @$run;
	returns($user, qq{SELECT resettle.refresh(current_date + $days) >= 0;
SELECT string_agg(DISTINCT prison_code, ',' ORDER BY prison_code) || ' ' || count(*)
FROM resettle.custody WHERE readiness_as_of = current_date + $days;}, "t\nBXI,LEI 4", $name);
}

# --- pg_dump and restore as the superuser keep the key, mappings and audit ----------
# The sectioned restore of docs/operations.md ("Backup and restore"): case data
# with triggers disabled, then rule and pseudonym_key with triggers on.  The
# rule step fires rule_changed, which re-evaluates open cases as of the restore
# day, so readiness_as_of is not compared (levels and gaps are).
my $dump = "$PostgreSQL::Test::Utils::tmp_check/access.dump";
my $list = "$PostgreSQL::Test::Utils::tmp_check/main.list";
my $facts = q{SELECT resettle.pseudonym('A1000AA'), (SELECT count(*) FROM resettle.case_audit),
	(SELECT string_agg(role::text || ' ' || coalesce(prison_code, '*'), ',' ORDER BY role::text, prison_code)
	 FROM resettle.staff_prison),
	(SELECT string_agg(kind || ' ' || role::text, ',' ORDER BY kind) FROM resettle.access_role),
	(SELECT string_agg(concat_ws(' ', custody_id, as_of, from_level, to_level, changed_by), ',' ORDER BY id)
	 FROM resettle.readiness_history),
	(SELECT string_agg(concat_ws(' ', custody_id, released_on, prison_code), ',' ORDER BY custody_id)
	 FROM resettle.release_outcome),
	(SELECT string_agg(concat_ws(' ', id, prison_code, readiness, readiness_gaps), ',' ORDER BY id)
	 FROM resettle.custody)};
my $want = $node->safe_psql('db', $facts);
$node->safe_psql('postgres', 'CREATE DATABASE db2');
$node->command_ok([ 'pg_dump', '-Fc', '-d', $node->connstr('db'), '-f', $dump ], 'pg_dump -Fc as superuser');
{
	my ($toc, $e);
	IPC::Run::run([ 'pg_restore', '-l', $dump ], '>', \$toc, '2>', \$e);
	my @main = grep { !/TABLE DATA resettle (rule|pseudonym_key) / } split /^/, $toc;
	ok(@main < scalar(() = $toc =~ /\n/g), 'restore list leaves out rule and pseudonym_key data');
	open my $lf, '>', $list or die "$list: $!";
	print $lf @main;
	close $lf;
}
my $target = $node->connstr('db2');
for my $step (
	[ 'pre-data',              '--section=pre-data' ],
	[ 'data, triggers off',    '--section=data', '--disable-triggers', '-L', $list ],
	[ 'rule and pseudonym_key', '--section=data', '-t', 'rule', '-t', 'pseudonym_key' ],
	[ 'post-data',             '--section=post-data' ])
{
	my ($name, @opts) = @$step;
	$node->command_checks_all([ 'pg_restore', '-d', $target, @opts, $dump ], 0, [qr/^$/], [qr/^$/],
		"restore as superuser, $name: no errors");
}
is($node->safe_psql('db2', $facts), $want,
	'restore keeps pseudonyms, the case audit (not re-recorded), mappings, roles, history, outcomes and readiness');
my ($r4, $out4) = $node->psql('db2', q{SELECT string_agg(custody_id::text, ',' ORDER BY custody_id) FROM resettle.v_cases},
	extra_params => [ '-U', 'staff_a' ]);
is($out4, '1,3,6', 'after restore staff still see their prison\'s cases');

$node->stop;
done_testing();
