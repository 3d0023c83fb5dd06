# The classes of attack of docs/security.md ("Attack classes"), each
# tried as a hostile login would, with variants: TEMP objects, a schema the
# attacker owns, SET search_path, bulk forms, and work done in a transaction
# that is rolled back at the end.
#
# Roles: admin1 (resettle_admin), staff_a (staff, BXI; owns schema evil_a),
# staff_b (staff, LEI), records_team (a role a DBA granted UPDATE on people,
# mapped to BXI only), analyst1 (resettle_analyst; owns schema evil_an),
# nobody (no resettle role).
#
# Cases: 1 A1000AA at BXI, 2 B1000BB at LEI, 3 C1000CC at MDI, all open;
# P1000PP released from BXI (4) and now in custody at LEI (5).
#
# Classes 7 (client output), 8 (analysts' re-identification) and 10's
# client side have their own tests (docs/security.md says which).

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $node = PostgreSQL::Test::Cluster->new('access_attacks');
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

# the statement must fail with the SQLSTATE, and the message must match
sub fails
{
	my ($user, $sql, $sqlstate, $msg, $name) = @_;
	my ($ret, $out, $err) = as_user($user, $sql);
	isnt($ret, 0, "$name: fails");
	like($err, qr/ERROR:  $sqlstate: .*$msg/, "$name: $sqlstate") or diag($err);
}

# the superuser's view of the database
sub server
{
	my ($sql) = @_;
	return $node->safe_psql('db', $sql);
}

# --- set-up, as the superuser ------------------------------------------------
server(q{
CREATE EXTENSION resettle;
SELECT count(*) FROM resettle.create_roles();
CREATE ROLE admin1 LOGIN IN ROLE resettle_admin;
CREATE ROLE staff_a LOGIN IN ROLE resettle_staff;
CREATE ROLE staff_b LOGIN IN ROLE resettle_staff;
CREATE ROLE records_team LOGIN;
CREATE ROLE analyst1 LOGIN IN ROLE resettle_analyst;
CREATE ROLE nobody LOGIN;
CREATE SCHEMA evil_a AUTHORIZATION staff_a;
CREATE SCHEMA evil_admin AUTHORIZATION admin1;
CREATE SCHEMA evil_an AUTHORIZATION analyst1;
SELECT resettle.map_staff('staff_a', 'BXI');
SELECT resettle.map_staff('staff_b', 'LEI');
SELECT resettle.map_staff('records_team', 'BXI');
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('A1000AA', 'A100000', 'Alice', 'Abbott', '1990-01-01', 'female'),
       ('B1000BB', 'B100000', 'Bob', 'Bennett', '1980-05-05', 'male'),
       ('C1000CC', 'C100000', 'Carl', 'Cole', '1970-07-07', 'male'),
       ('P1000PP', 'P100000', 'Pat', 'Price', '1995-03-03', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
	released_on)
VALUES (1, 'A1000AA', 'BXI', current_date - 30, current_date - 30, current_date + 400, NULL),
       (2, 'B1000BB', 'LEI', current_date - 30, current_date - 30, current_date + 60, NULL),
       (3, 'C1000CC', 'MDI', current_date - 30, current_date - 30, current_date + 500, NULL),
       (4, 'P1000PP', 'BXI', current_date - 900, current_date - 900, current_date - 400,
        current_date - 400),
       (5, 'P1000PP', 'LEI', current_date - 100, current_date - 100, current_date + 700, NULL);
});

# ============================================================================
# Class 1: person visibility through self-made episodes.  Staff cannot
# create an episode (nor a person): no privilege on the tables, however
# tried; the functions create nothing; another prison's person stays
# invisible.  A change to a person re-derives every case of that person,
# whoever makes it.
# ============================================================================
fails('staff_a', q{INSERT INTO resettle.custody (prison_number, prison_code, reception_date)
VALUES ('B1000BB', 'BXI', current_date)},
	'42501', 'permission denied for table custody', 'class 1: staff open an episode for another prison\'s person');
fails('staff_a', q{INSERT INTO resettle.custody (prison_number, prison_code, reception_date, released_on)
VALUES ('B1000BB', 'BXI', current_date - 10, current_date - 1)},
	'42501', 'permission denied for table custody', 'class 1: staff record a closed episode');
fails('staff_a', q{BEGIN;
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, released_on)
SELECT p.prison_number, 'BXI', current_date - 10, current_date - 1
FROM (VALUES ('B1000BB'), ('C1000CC'), ('P1000PP')) AS p (prison_number);
SELECT count(*) FROM resettle.case_card('B1000BB');
ROLLBACK;},
	'42501', 'permission denied for table custody', 'class 1: in bulk, in a transaction rolled back');
fails('staff_a', q{COPY resettle.custody (prison_number, prison_code, reception_date) FROM STDIN},
	'42501', 'permission denied for table custody', 'class 1: by COPY');
fails('staff_a', q{INSERT INTO resettle_internal.custody (prison_number, prison_code, reception_date)
VALUES ('B1000BB', 'BXI', current_date)},
	'42501', 'permission denied for schema resettle_internal',
	'class 1: through the views the functions read');
fails('staff_a', q{SET search_path = resettle_internal, resettle;
INSERT INTO custody (prison_number, prison_code, reception_date) VALUES ('B1000BB', 'BXI', current_date)},
	'42501', 'permission denied for (schema resettle_internal|table custody)',
	'class 1: with resettle_internal on the search_path');
returns('staff_a', q{SELECT count(*) FROM resettle.case_card('B1000BB');
SELECT resettle.open_case_id('B1000BB');
SELECT count(*) FROM resettle.case_card('P1000PP') WHERE section = 'custody' AND field = 'prison'},
	"0\n\n1", 'class 1: another prison\'s person stays invisible; a person of one\'s own past case shows that case only');
returns('staff_a', q{SELECT value FROM resettle.case_card('P1000PP') WHERE field = 'custody_id'},
	'4', 'class 1: the card of a person released from one\'s prison shows one\'s own episode, not the open one elsewhere');

# whoever changes a person, every open case of the person is re-derived:
# records_team may update dates of birth (granted by a DBA) but sees only
# BXI; P1000PP's open case is at LEI
server(q{
GRANT USAGE ON SCHEMA resettle TO records_team;
GRANT SELECT, UPDATE (date_of_birth) ON resettle.person TO records_team;
GRANT SELECT ON resettle.custody, resettle.staff_prison, resettle.prison TO records_team;
});
returns('records_team', q{SELECT count(*) FROM resettle.custody;
UPDATE resettle.person SET date_of_birth = current_date - interval '17 years' WHERE prison_number = 'P1000PP';},
	"2", 'class 1: a role that sees BXI only changes a date of birth');
is(server(q{SELECT handover_reason, readiness FROM resettle.custody WHERE id = 5}),
	'out_of_scope_under_18|out_of_scope',
	'class 1: the open case at LEI, which the changer cannot see, was re-derived (now under 18)');
is(server(q{SELECT changed_by FROM resettle.readiness_history WHERE custody_id = 5 ORDER BY id DESC LIMIT 1}),
	'records_team', 'class 1: its history names who changed the person');
server(q{UPDATE resettle.person SET date_of_birth = '1995-03-03' WHERE prison_number = 'P1000PP';
REVOKE ALL ON resettle.person, resettle.custody, resettle.staff_prison, resettle.prison FROM records_team;
REVOKE USAGE ON SCHEMA resettle FROM records_team;});

# A person's identity is for the prison holding them (sixth review of 1.2,
# F2): P1000PP, released from BXI and held at LEI, is renamed, given a new
# CRN, date of birth and sex, and the released episode is written again
# (seventh review, F2b); BXI keeps its episode with the name it had at
# release and nothing else of the person, and cannot find them by the new
# CRN; LEI, which holds them, sees it all.
server(q{UPDATE resettle.person SET family_name = 'Renamed', crn = 'P999999', date_of_birth = '1996-04-04',
	sex = 'female' WHERE prison_number = 'P1000PP';
UPDATE resettle.custody SET pom_name = pom_name WHERE id = 4});
returns('staff_a', q{SELECT concat_ws('|', custody_id, name, date_of_birth IS NULL, sex IS NULL, released_on IS NOT NULL)
FROM resettle.v_cases WHERE prison_number = 'P1000PP';
SELECT concat_ws('|', custody_id, name, sex IS NULL) FROM resettle.v_release_outcomes WHERE prison_number = 'P1000PP';
SELECT string_agg(field || '=' || coalesce(value, ''), ',' ORDER BY field) FROM resettle.case_card('P1000PP')
WHERE section = 'identity';
SELECT count(*) FROM resettle.case_card('P999999');},
	"4|Pat Price|t|t|t\n4|Pat Price|t\n"
	  . "crn=,date_of_birth=,name=Pat Price,pnc_id=,prison_number=P1000PP\n0",
	'class 1: the releasing prison sees the name at release and no later identity');
# nor, in its release figures by sex, the sex recorded since (seventh
# review, F3): its release counts as male, as the person was then
returns('staff_a', q{SELECT string_agg(group_name || ':' || released, ',' ORDER BY group_name)
FROM resettle.v_outcome_rates WHERE dimension = 'sex' AND month IS NULL},
	'male:1', 'class 1: the releasing prison\'s outcome rates count the release by the sex at release');
returns('staff_b', q{SELECT concat_ws('|', custody_id, name, date_of_birth, sex)
FROM resettle.v_cases WHERE prison_number = 'P1000PP';
SELECT count(*) > 0 FROM resettle.case_card('P999999');},
	"5|Pat Renamed|1996-04-04|female\nt", 'class 1: the prison holding the person sees their identity as it is');
server(q{UPDATE resettle.person SET family_name = 'Price', crn = 'P100000', date_of_birth = '1995-03-03',
	sex = 'male' WHERE prison_number = 'P1000PP'});

# ============================================================================
# Class 2: prison-number squatting.  Staff cannot create a person, so
# cannot plant an identity on a prison number another prison will hold.
# ============================================================================
fails('staff_a', q{INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('Z9999ZZ', 'False', 'Identity', '2010-01-01', 'male')},
	'42501', 'permission denied for table person', 'class 2: staff plant a person on an unused prison number');
fails('staff_a', q{INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('Z9999ZZ', 'False', 'Identity', '2010-01-01', 'male') ON CONFLICT DO NOTHING},
	'42501', 'permission denied for table person', 'class 2: with ON CONFLICT DO NOTHING');
fails('staff_a', q{UPDATE resettle.person SET date_of_birth = '2010-01-01' WHERE prison_number = 'A1000AA'},
	'42501', 'permission denied for table person', 'class 2: staff change their own person\'s identity');
returns('admin1', q{INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('Z9999ZZ', 'Real', 'Person', '1985-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date) VALUES (6, 'Z9999ZZ', 'LEI', current_date);
SELECT count(*) FROM resettle.custody WHERE prison_number = 'Z9999ZZ'},
	'1', 'class 2: the receiving prison\'s reception (admin) records the real person');

# ============================================================================
# Class 3: capture of the extension's own SQL through search_path.  The
# attacker's look-alike types (pg_temp, found first for types by default),
# operators and functions (a schema of theirs first on the search_path)
# raise 'captured' if ever used.  Every entry point runs clean.
# ============================================================================
# an operator look-alike: OPERATOR name, left type, right type, result type
my @operators = (
	[ '=', 'bigint', 'bigint', 'boolean' ], [ '=', 'text', 'text', 'boolean' ],
	[ '=', 'date', 'date', 'boolean' ], [ '<', 'date', 'date', 'boolean' ],
	[ '<=', 'date', 'date', 'boolean' ], [ '>=', 'date', 'date', 'boolean' ],
	[ '>', 'date', 'date', 'boolean' ],
	[ '=', 'resettle.prison_number', 'resettle.prison_number', 'boolean' ],
	[ '=', 'resettle.readiness_level', 'resettle.readiness_level', 'boolean' ],
	[ '=', 'text[]', 'text[]', 'boolean' ], [ '+', 'date', 'integer', 'date' ],
	[ '-', 'jsonb', 'text[]', 'jsonb' ], [ '||', 'text', 'text', 'text' ]);
# a function look-alike: name and arguments
my @functions = ('upper(text)', 'now()', 'array_to_string(anyarray, text)', 'cardinality(anyarray)',
	'pg_has_role(oid, text)', 'count(bigint)', 'starts_with(text, text)');
sub lookalikes
{
	my ($schema) = @_;
	my $sql = "CREATE FUNCTION $schema.captured_check(anyelement) RETURNS boolean LANGUAGE plpgsql
	AS \$\$BEGIN RAISE EXCEPTION 'captured type'; END\$\$;\n";
	my $n = 0;
	for my $op (@operators)
	{
		my ($name, $left, $right, $result) = @$op;
		$n++;
		$sql .= "CREATE FUNCTION $schema.captured_op$n($left, $right) RETURNS $result LANGUAGE plpgsql
	AS \$\$BEGIN RAISE EXCEPTION 'captured operator'; END\$\$;
CREATE OPERATOR $schema.$name (leftarg = $left, rightarg = $right, function = $schema.captured_op$n);\n";
	}
	for my $f (@functions)
	{
		(my $result = $f) =~ s/^(now|count|cardinality|upper|array_to_string|starts_with|pg_has_role).*$/
			{ now => 'timestamptz', count => 'bigint', cardinality => 'integer', upper => 'text',
			  array_to_string => 'text', starts_with => 'boolean', pg_has_role => 'boolean' }->{$1}/e;
		$sql .= "CREATE FUNCTION $schema.$f RETURNS $result LANGUAGE plpgsql
	AS \$\$BEGIN RAISE EXCEPTION 'captured function'; END\$\$;\n";
	}
	return $sql;
}
# the attacker's operators and functions, once, in their schema
for my $owner ([ 'staff_a', 'evil_a' ], [ 'admin1', 'evil_admin' ], [ 'analyst1', 'evil_an' ])
{
	my ($ret, $out, $err) = as_user($owner->[0], lookalikes($owner->[1]));
	die "creating look-alikes in $owner->[1]: $err" if $ret;
}

# for one session: look-alike types in pg_temp (searched first for types
# unless a search_path names it later) and the attacker's schema first
sub hostile
{
	my ($schema) = @_;
	my $check = $schema eq 'pg_temp'
	  ? "CREATE FUNCTION pg_temp.captured_check(anyelement) RETURNS boolean LANGUAGE plpgsql
	AS \$\$BEGIN RAISE EXCEPTION 'captured type'; END\$\$;\n"
	  : '';
	return $check . join('', map { "CREATE DOMAIN pg_temp.$_ AS pg_catalog.$_ CHECK ($schema.captured_check(VALUE));\n" }
		qw(int8 text date name bool jsonb timestamptz))
	  . "SET search_path = $schema, pg_temp, pg_catalog, resettle;\n";
}
# each look-alike is live: used where name look-up finds it, it raises
fails('staff_a', hostile('evil_a') . q{SELECT 1::bigint = 2::bigint},
	'P0001', 'captured operator', 'class 3: the look-alike operators are live');
fails('staff_a', hostile('evil_a') . q{SELECT '1'::text},
	'P0001', 'captured type', 'class 3: the look-alike types are live');

# Each read is run plainly and under the look-alikes: the same output.
# The queries use no operator, function or type name of their own that the
# look-alikes could capture, so a difference could only come from the
# extension's SQL.
sub same_under_hostile
{
	my ($user, $schema, $sql, $name) = @_;
	my ($ret, $plain, $err) = as_user($user, $sql);
	is($ret, 0, "$name: runs") or diag($err);
	returns($user, hostile($schema) . $sql, $plain, $name);
}
for my $read (
	q{SELECT * FROM resettle.case_card('A1000AA', current_date)},
	q{SELECT * FROM resettle.releases_due(100, NULL, NULL, current_date)},
	q{SELECT * FROM resettle.handovers('all', NULL, current_date)},
	q{SELECT * FROM resettle.gaps(NULL, NULL, 'bxi', current_date)},
	q{SELECT * FROM resettle.stats('region', current_date)},
	q{SELECT * FROM resettle.pathway_stats()},
	q{SELECT * FROM resettle.check(1, current_date)},
	q{SELECT resettle.readiness(1, current_date)},
	q{SELECT custody_id, prison_number, readiness FROM resettle.readiness_change(1)},
	q{SELECT resettle.open_custody_id('A1000AA')},
	q{SELECT * FROM resettle.v_cases ORDER BY 1},
	q{SELECT * FROM resettle.v_releases_due ORDER BY 1},
	q{SELECT * FROM resettle.v_handover_upcoming ORDER BY 1},
	q{SELECT * FROM resettle.v_com_overdue ORDER BY 1},
	q{SELECT * FROM resettle.v_release_outcomes ORDER BY 1},
	q{SELECT * FROM resettle.v_readiness_summary ORDER BY 1, 2},
	q{SELECT * FROM resettle.v_outcome_rates ORDER BY 1, 2, 3},
	q{SELECT * FROM resettle.v_gap_counts ORDER BY 1, 2})
{
	same_under_hostile('staff_a', 'evil_a', $read, "class 3 (staff): $read");
}

# staff's changes: the functions, and the triggers they fire (derive,
# recompute, audit, history), run clean
returns('staff_a', hostile('evil_a') . q{
SELECT custody_id FROM resettle.set_pathway_status('A1000AA', 'health', 'done', 'GP booked');
SELECT custody_id FROM resettle.set_support_need('A1000AA', 'gp_registration', 'met');
}, "1\n1", 'class 3: staff record changes under the look-alikes');
is(server(q{SELECT s.status || ' ' || a.changed_by FROM resettle.pathway_status AS s,
	resettle.case_audit AS a
WHERE s.custody_id = 1 AND s.pathway = 'health' AND a.table_name = 'pathway_status'
ORDER BY a.id DESC LIMIT 1}), 'done staff_a',
	'class 3: the change was made and audited under the hostile search_path');

# admin: direct writes (every trigger: derive, recompute, audit, history,
# the release outcome, the person re-derivation), a deferred bulk load,
# refresh, transfer, mapping, pseudonyms
my $history_before = server(q{SELECT max(id) FROM resettle.readiness_history});
returns('admin1', hostile('evil_admin') . q{
UPDATE resettle.custody SET pom_name = 'Jo Pom' WHERE id OPERATOR(pg_catalog.=) 3;
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
VALUES (3, 'health', 'immediate_needs', 'complete', '2020-01-01');
UPDATE resettle.person SET date_of_birth = '1970-07-08'
WHERE prison_number OPERATOR(pg_catalog.=) 'C1000CC'::resettle.prison_number;
BEGIN;
SELECT resettle.defer_recompute();
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT 3, p, 'in_progress' FROM pg_catalog.unnest(pg_catalog.enum_range(NULL::resettle.pathway)) AS p
WHERE p OPERATOR(pg_catalog.<>) 'health'::resettle.pathway;
DELETE FROM resettle.assessment WHERE custody_id OPERATOR(pg_catalog.=) 3;
SELECT resettle.recompute_deferred();
COMMIT;
SELECT resettle.refresh(current_date, true) IS NOT NULL;
SELECT resettle.transfer(3, 'BXI');
SELECT resettle.transfer(3, 'MDI');
SELECT resettle.map_staff('staff_b', 'MDI');
SELECT resettle.unmap_staff('staff_b', 'MDI');
SELECT pg_catalog.length(resettle.pseudonym('C1000CC'));
UPDATE resettle.custody SET released_on = current_date WHERE id OPERATOR(pg_catalog.=) 3;
SELECT readiness FROM resettle.custody WHERE id OPERATOR(pg_catalog.=) 3;
}, "\n1\nt\n\n\nt\nt\n64\nreleased",
	'class 3: admin writes, bulk loads, refreshes, transfers and releases under a hostile search_path');
is(server(q{SELECT count(*) FROM resettle.release_outcome WHERE custody_id = 3 AND recorded_by = 'admin1'}),
	'1', 'class 3: the release outcome was written, naming admin1');
is(server(qq{SELECT count(*) FILTER (WHERE changed_by <> 'admin1') || ' of ' || sign(count(*))
	FROM resettle.readiness_history WHERE id > $history_before}),
	'0 of 1', 'class 3: every history row of those changes names admin1');

# analysts: every view they read
for my $read (
	q{SELECT * FROM resettle.analyst_cases ORDER BY 1, 2},
	q{SELECT * FROM resettle.analyst_release_outcomes ORDER BY 1, 2},
	q{SELECT * FROM resettle.analyst_readiness_history ORDER BY 1, 2, 3},
	q{SELECT * FROM resettle.analyst_releases_due ORDER BY 1, 2},
	q{SELECT * FROM resettle.analyst_handovers ORDER BY 1, 2})
{
	same_under_hostile('analyst1', 'evil_an', $read, "class 3 (analyst): $read");
}

# the exemptions are not reachable: derived columns stay refused inside
# a statement that also changes a case, and recompute_deferred() is not
# everybody's
fails('admin1', q{WITH x AS (INSERT INTO resettle.pathway_status (custody_id, pathway) VALUES (2, 'health'))
UPDATE resettle.custody SET readiness = 'ready' WHERE id = 2},
	'428C9', 'column "readiness" of relation "custody" is derived',
	'class 3: admin writes readiness inside a statement that sets off a recompute');
fails('staff_a', q{SELECT resettle.recompute_deferred()},
	'42501', 'permission denied for function recompute_deferred', 'class 3: staff run recompute_deferred()');
fails('nobody', q{SELECT resettle.defer_recompute()},
	'42501', 'permission denied for (schema resettle|function defer_recompute)',
	'class 3: a role with no resettle role defers a recompute');

# ============================================================================
# Class 4: forged audit rows through a trigger on a TEMP table.  Nobody but
# the extension (as its owner) inserts into the audit tables; a trigger of
# the attacker's own is refused, whoever fires it.
# ============================================================================
my $temp_trigger = q{
CREATE TEMP TABLE bait (x int);
CREATE FUNCTION pg_temp.forge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO resettle.%s;
	RETURN NULL;
END $$;
CREATE TRIGGER forge AFTER INSERT ON bait FOR EACH %s EXECUTE FUNCTION pg_temp.forge();
INSERT INTO bait VALUES (1);
};
my %forgeries = (
	case_audit => q{case_audit (table_name, operation, custody_id, changed_by)
		VALUES ('custody', 'UPDATE', 2, 'someone_else')},
	readiness_history => q{readiness_history (custody_id, as_of, to_level, gaps, changed_by)
		VALUES (2, current_date, 'ready', '{}', 'someone_else')},
	release_outcome => q{release_outcome (custody_id, released_on, prison_code,
		settled_accommodation, id_document, bank_account, benefit_claim_needed, benefit_claim_started,
		gp_needed, gp_arranged, family_pathway_addressed, com_allocated, gaps)
		VALUES (2, current_date, 'LEI', true, true, true, false, false, false, false, true, true, '{}')});
for my $table (sort keys %forgeries)
{
	for my $user ('staff_a', 'admin1')
	{
		for my $level ('STATEMENT', 'ROW')
		{
			fails($user, sprintf($temp_trigger, $forgeries{$table}, $level),
				'42501', "permission denied for table $table",
				"class 4: $user forges $table from a $level trigger on a TEMP table");
		}
		fails($user, "BEGIN; INSERT INTO resettle.$forgeries{$table}; ROLLBACK;",
			'42501', "permission denied for table $table", "class 4: $user inserts into $table directly");
	}
}
fails('admin1', q{CREATE TRIGGER forge AFTER INSERT ON resettle.custody
FOR EACH STATEMENT EXECUTE FUNCTION resettle.case_audit_record()},
	'42501', '(must be owner of|permission denied for) (relation|table) custody',
	'class 4: admin attaches a trigger to a case table');
is(server(q{SELECT count(*) FROM resettle.case_audit WHERE changed_by = 'someone_else'}),
	'0', 'class 4: no forged audit row exists');

# The date a change, its history and its audit are stamped with is today in
# resettle.timezone (Europe/London), not in the login's own TimeZone: a
# login 14 hours ahead, or 12 behind, cannot date its changes tomorrow or
# yesterday, nor set the zone.
{
	my $london = server(q{SELECT (now() AT TIME ZONE 'Europe/London')::date});
	for my $zone ('Pacific/Kiritimati', 'Etc/GMT+12')
	{
		returns('staff_b', qq{SET timezone = '$zone';
SELECT resettle.today();
SELECT count(*) FROM resettle.set_pathway_status('B1000BB', 'education_skills_work', 'in_progress', '$zone');},
			"$london\n1", "class 4: in $zone, staff's today is London's");
		is(server(qq{SELECT updated_on, c.readiness_as_of FROM resettle.pathway_status AS s
JOIN resettle.custody AS c ON c.id = s.custody_id WHERE s.custody_id = 2 AND s.pathway = 'education_skills_work'}),
			"$london|$london", "class 4: in $zone, the change and the readiness are dated London's today");
	}
	my ($ret, $out, $err) = as_user('staff_b', q{SELECT resettle.today(); SET resettle.timezone = 'Pacific/Kiritimati';
SELECT resettle.today()});
	like($err, qr/42501: permission denied to set parameter "resettle.timezone"/,
		'class 4: staff cannot set resettle.timezone');
	fails('postgres', q{SELECT resettle.today(); SET resettle.timezone = 'Mars/Olympus_Mons'}, '22023',
		'invalid value for parameter "resettle.timezone": "Mars/Olympus_Mons"',
		'an unknown zone is refused, naming the parameter');
	is(server(q{SET resettle.timezone = 'Pacific/Kiritimati';
SELECT resettle.today() = (now() AT TIME ZONE 'Pacific/Kiritimati')::date}),
		't', 'a superuser can set another zone');
	server(q{DELETE FROM resettle.pathway_status WHERE custody_id = 2 AND pathway = 'education_skills_work'});
}

# ============================================================================
# Class 5: operator capture inside the views.  The functions the planner
# inlines into views have SQL-standard bodies: with the attacker's operators
# first on the search_path, an analyst's own conditions select exactly the
# rows they select without.
# ============================================================================
for my $filtered (
	q{SELECT * FROM resettle.analyst_handovers WHERE status IN ('upcoming', 'com_overdue') ORDER BY 1},
	q{SELECT * FROM resettle.analyst_cases WHERE released ORDER BY 1},
	q{SELECT * FROM resettle.analyst_release_outcomes WHERE settled_accommodation ORDER BY 1})
{
	same_under_hostile('analyst1', 'evil_an', $filtered, "class 5 (analyst): $filtered");
}
for my $filtered (
	q{SELECT * FROM resettle.v_cases WHERE com_overdue OR handover_upcoming ORDER BY 1},
	q{SELECT * FROM resettle.v_handover_upcoming WHERE handover_type IN ('standard', 'enhanced') ORDER BY 1})
{
	same_under_hostile('staff_b', 'pg_temp', $filtered, "class 5 (staff, pg_temp look-alike types): $filtered");
}

# ============================================================================
# Class 6: spoofed notifications.  resettle watch prints only what it reads
# back from the database under the watcher's rights: a spoofed payload for
# a case it may see prints nothing false, one for another prison's nothing,
# and garbage nothing.  A payload names the change, not the case: staff who
# once held a case cannot follow it after its transfer, in watch or as a
# raw listener (fifth review of 1.2, F2).
# ============================================================================
{
	my ($o, $e) = ('', '');
	my $latest = sub {
		server("SELECT max(id) FROM resettle.readiness_history WHERE custody_id = $_[0]")
	};
	# Quinn's case, received at BXI (staff_a reads its custody id), is
	# transferred to MDI (and released there below)
	server(q{INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('Q1000QQ', 'Q100000', 'Quinn', 'Quick', '1991-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (100, 'Q1000QQ', 'BXI', current_date - 30, current_date - 30, current_date + 300)});
	my $id = server(q{SELECT id FROM resettle.custody WHERE prison_number = 'Q1000QQ'});
	returns('staff_a', q{SELECT resettle.open_custody_id('Q1000QQ')}, $id,
		'class 6: staff_a holds Quinn\'s case at BXI');
	server(qq{SELECT resettle.transfer($id, 'MDI')});
	my $raw = $node->background_psql('db', extra_params => [ '-U', 'staff_a' ]);
	$raw->query_safe('LISTEN resettle_readiness');
	my $h = IPC::Run::start(
		[ 'resettle', '-d', $node->connstr('db'), '-U', 'staff_a', '-f', 'csv', 'watch',
		  '--count', '1', '--timeout', '30' ],
		'<', \'', '>', \$o, '2>', \$e,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	$node->poll_query_until('db', q{SELECT count(*) = 1 FROM pg_stat_activity
		WHERE usename = 'staff_a' AND state = 'idle' AND query LIKE '%readiness_change%'})
	  or die 'watch did not start';
	# spoofs by a role with no resettle role: a false level for staff_a's
	# own case (its latest change, made before the watch began), another
	# prison's change, control characters, not JSON at all
	as_user('nobody', sprintf(q{NOTIFY resettle_readiness, '{"change_id": %d, "custody_id": 1, "prison_code": "BXI", "from": "not_ready", "to": "ready"}'}, $latest->(1)));
	as_user('nobody', sprintf(q{NOTIFY resettle_readiness, '{"change_id": %d, "prison_code": "BXI", "from": "ready", "to": "not_ready"}'}, $latest->(2)));
	as_user('nobody', qq{NOTIFY resettle_readiness, '{"change_id": 1, "to": "\e]0;owned\a\e[2K"}'});
	as_user('nobody', q{NOTIFY resettle_readiness, 'not json at all'});
	# Quinn's case changes level at MDI
	my $before = server(qq{SELECT readiness FROM resettle.custody WHERE id = $id});
	server(qq{UPDATE resettle.custody SET released_on = current_date WHERE id = $id});
	my $change = $latest->($id);
	# then a real change of staff_a's case: released today
	server(q{UPDATE resettle.custody SET released_on = current_date WHERE id = 1});
	$h->finish;
	my $level = server(q{SELECT to_level FROM resettle.readiness_history WHERE custody_id = 1 ORDER BY id DESC LIMIT 1});
	like($o, qr/\A[^\n]*\n1,A1000AA,Alice Abbott,BXI,[a-z_]+,released,\d{4}-\d\d-\d\d,[-0-9 :.+]+,[a-z_. ]*,[a-z_. ]*,\d+\n\z/,
		'class 6: watch printed one line, the real change, read back from the database');
	is($level, 'released', 'class 6: which is the level the database holds');
	unlike($o . $e, qr/\e|owned|not_ready,ready|B1000BB|Q1000QQ/,
		'class 6: nothing of the spoofed payloads nor of the case transferred away was printed');
	my $payloads = $raw->query_safe('SELECT 1');
	$raw->quit;
	like($payloads, qr/payload "\{"change_id" : $change, "prison_code" : "MDI", "from" : "$before", "to" : "released"\}"/,
		'class 6: staff_a, listening, sees a change at MDI by its history id');
	unlike($payloads, qr/custody_id" : $id\b|Q1000QQ|prison_number/,
		'class 6: but not that it is Quinn\'s case, which staff_a held at BXI');
	fails('staff_a', "SELECT * FROM resettle.readiness_history WHERE id = $change", '42501',
		'permission denied for table readiness_history', 'class 6: staff_a cannot read the history');
	returns('staff_a', "SELECT count(*) FROM resettle.readiness_change($change)", '0',
		'class 6: nor can staff_a read the change the payload names');
}

# ============================================================================
# Class 9: mappings keyed by the role, not its name.
# ============================================================================
server(q{CREATE ROLE staff_x LOGIN IN ROLE resettle_staff; SELECT resettle.map_staff('staff_x', 'LEI')});
server(q{ALTER ROLE staff_x RENAME TO staff_y});
returns('staff_y', q{SELECT count(*) FROM resettle.v_cases},
	server(q{SELECT count(*) FROM resettle.custody WHERE prison_code = 'LEI'}),
	'class 9: a renamed role keeps its mapping');
server(q{DROP ROLE staff_y; CREATE ROLE staff_y LOGIN IN ROLE resettle_staff});
returns('staff_y', q{SELECT count(*) FROM resettle.v_cases}, '0',
	'class 9: a new role with a dropped role\'s name does not inherit its mapping');
is(server(q{SELECT count(*) FROM resettle.staff_prison AS s
	WHERE NOT EXISTS (SELECT 1 FROM pg_roles AS r WHERE r.oid = s.role)}),
	'1', 'class 9: the dropped role\'s mapping is left, matching no role');
returns('admin1', q{SELECT resettle.forget_dropped_roles()}, '1',
	'class 9: forget_dropped_roles() deletes it');
server(q{ALTER ROLE resettle_admin RENAME TO resettle_admins});
returns('admin1', q{SELECT resettle.is_admin(), count(*) > 2 FROM resettle.v_cases}, 't|t',
	'class 9: renaming the admin group keeps its members admin');
server(q{ALTER ROLE resettle_admins RENAME TO resettle_admin; DROP ROLE staff_y});

# An unmapping holds from the login's next statement, even inside a
# transaction it opened before, read committed or repeatable read (the
# mappings are read with the latest snapshot, once a statement).
server(q{CREATE ROLE staff_u LOGIN IN ROLE resettle_staff; SELECT resettle.map_staff('staff_u', 'LEI')});
for my $isolation ('READ COMMITTED', 'REPEATABLE READ')
{
	my $session = $node->background_psql('db', extra_params => [ '-U', 'staff_u' ], on_error_stop => 0);
	# the count of LEI's cases in the lists, then a case card's rows
	my $ask = q{SELECT 'cases=' || count(*) FROM resettle.v_cases;
SELECT 'card=' || count(*) FROM resettle.case_card('B1000BB')};
	$session->query_safe("BEGIN ISOLATION LEVEL $isolation");
	like($session->query_safe($ask), qr/^cases=[1-9]\d*\ncard=[1-9]\d*$/,
		"class 9 ($isolation): mapped, the login sees LEI");
	server(q{SELECT resettle.unmap_staff('staff_u', 'LEI')});
	is($session->query_safe($ask), "cases=0\ncard=0",
		"class 9 ($isolation): unmapped, its next statement in the same transaction sees nothing");
	my ($out, $failed) = $session->query(
		q{SELECT count(*) FROM resettle.set_pathway_status('B1000BB', 'health', 'done')});
	like($session->{stderr}, qr/no case in custody for prison number "B1000BB"/,
		"class 9 ($isolation): nor writes to it");
	$session->query('ROLLBACK');
	$session->quit;
	server(q{SELECT resettle.map_staff('staff_u', 'LEI')});
}
# ... and from the next query of a function already running: a loop in a
# TEMP function reads the lists, waits on a lock the test holds while
# admin unmaps it, and reads again.
{
	my $holder = $node->background_psql('db');
	$holder->query_safe('SELECT pg_advisory_lock(4242)');
	my $session = $node->background_psql('db', extra_params => [ '-U', 'staff_u' ], on_error_stop => 0);
	$session->query_safe(q{CREATE FUNCTION pg_temp.probe() RETURNS text LANGUAGE plpgsql AS $$
DECLARE before bigint; after bigint;
BEGIN
	SELECT count(*) INTO before FROM resettle.v_cases;
	PERFORM pg_advisory_lock(4242);
	SELECT count(*) INTO after FROM resettle.v_cases;
	RETURN before || '/' || after;
END $$});
	$session->query_until(qr/started/, "\\echo started\nSELECT pg_temp.probe();\n");
	# the probe has read its first count and waits on the lock
	$node->poll_query_until('db', q{SELECT count(*) = 1 FROM pg_locks
		WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted})
	  or die 'the probe did not reach the lock';
	server(q{SELECT resettle.unmap_staff('staff_u', 'LEI')});
	$holder->query_safe('SELECT pg_advisory_unlock(4242)');
	like($session->query_safe(q{SELECT 'done'}), qr/^[1-9]\d*\/0\ndone$/,
		'class 9: unmapped while its function runs, the login\'s next query in it sees nothing');
	$session->quit;
	$holder->quit;
}
server(q{SELECT resettle.unmap_staff('staff_u', 'LEI'); DROP ROLE staff_u});

# ============================================================================
# Class 10: unbounded text, through the functions staff use.
# ============================================================================
fails('staff_b', q{SELECT * FROM resettle.set_pathway_status('B1000BB', 'health', 'done', repeat('x', 1000000))},
	'23514', 'pathway_status_note_text', 'class 10: a 1 MB note is refused');
fails('staff_b', qq{SELECT * FROM resettle.set_pathway_status('B1000BB', 'health', 'done', E'\\x1b]52;c;Zm9v\\x07')},
	'23514', 'pathway_status_note_text', 'class 10: a note with an OSC 52 sequence is refused');
is(server(q{SELECT count(*) FROM resettle.pathway_status WHERE custody_id = 2 AND pathway = 'health'}),
	'0', 'class 10: nothing was written');

# ============================================================================
# Class 11: existence oracles.  Staff write no table, so no unique key,
# exclusion of a second open episode, ON CONFLICT, explicit id or RETURNING
# answers for them; the functions answer "no case" alike for another
# prison's person and for nobody; the planner's estimates of the lists do
# not come from the tables' statistics.
# ============================================================================
fails('staff_a', q{UPDATE resettle.person SET crn = 'B100000' WHERE prison_number = 'A1000AA'},
	'42501', 'permission denied for table person', 'class 11: CRN uniqueness');
fails('staff_a', q{INSERT INTO resettle.custody (prison_number, prison_code, reception_date)
VALUES ('B1000BB', 'BXI', current_date)},
	'42501', 'permission denied for table custody', 'class 11: one open episode per person');
fails('staff_a', q{INSERT INTO resettle.pathway_status (custody_id, pathway) VALUES (2, 'health')
ON CONFLICT (custody_id, pathway) DO UPDATE SET note = 'x'},
	'42501', 'permission denied for table pathway_status', 'class 11: ON CONFLICT on another prison\'s record');
fails('staff_a', q{INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date)
VALUES (2, 'A1000AA', 'BXI', current_date) RETURNING id},
	'42501', 'permission denied for table custody', 'class 11: explicit ids and RETURNING');
{
	my (@answers);
	for my $pn ('B1000BB', 'Q9999QQ')
	{
		my ($ret, $out, $err) = as_user('staff_a',
			"SELECT * FROM resettle.set_pathway_status('$pn', 'health', 'done')");
		(my $e = $err) =~ s/$pn/PN/g;
		$e =~ s/line \d+/line N/g;
		push @answers, "$ret|$out|$e";
	}
	is($answers[0], $answers[1],
		'class 11: set on another prison\'s person answers exactly as for an unknown prison number');
	like($answers[0], qr/P0002: no case in custody for prison number "PN"/, 'class 11: which is "no case"');
}
{
	# A session can count what it read itself (pg_stat_get_xact_*, in a
	# fresh session each time): every function given an identifier reads
	# the same for another prison's person as for nobody, so none answers
	# whether the person exists or is in custody.
	my $reads = q{
SELECT string_agg(c.relname || ' ' || pg_stat_get_xact_numscans(c.oid) || '/'
	|| pg_stat_get_xact_tuples_returned(c.oid) || '/' || pg_stat_get_xact_tuples_fetched(c.oid)
	|| '/' || pg_stat_get_xact_blocks_fetched(c.oid), ', ' ORDER BY c.relname)
FROM pg_class AS c
WHERE c.relnamespace IN ('resettle'::regnamespace, 'resettle_internal'::regnamespace)
  AND pg_stat_get_xact_numscans(c.oid) + pg_stat_get_xact_tuples_returned(c.oid)
      + pg_stat_get_xact_blocks_fetched(c.oid) > 0};
	my @calls = (
		[ 'case_card by prison number', q{SELECT count(*) FROM resettle.case_card('%s')}, 'B1000BB', 'Q9999QQ' ],
		[ 'case_card by CRN', q{SELECT count(*) FROM resettle.case_card('%s')}, 'B100000', 'Q999999' ],
		[ 'open_case_id', q{SELECT resettle.open_case_id('%s')}, 'B1000BB', 'Q9999QQ' ],
		[ 'set_pathway_status', q{SELECT * FROM resettle.set_pathway_status('%s', 'health', 'done')},
		  'B1000BB', 'Q9999QQ' ],
		[ 'set_support_need', q{SELECT * FROM resettle.set_support_need('%s', 'gp_registration', 'met')},
		  'B1000BB', 'Q9999QQ' ]);
	for my $c (@calls)
	{
		my ($what, $sql, $other, $unknown) = @$c;
		my @seen;
		for my $id ($other, $unknown)
		{
			my ($ret, $out, $err) = as_user('staff_a', "\\set ON_ERROR_STOP 0\nBEGIN;\nSAVEPOINT s;\n"
				  . sprintf($sql, $id) . ";\nROLLBACK TO s;\n$reads;\nCOMMIT;");
			push @seen, (split /\n/, $out)[-1];
		}
		is($seen[0], $seen[1], "class 11: $what: a session's read counters for another prison's person equal nobody's");
		like($seen[0], qr/custody_prison_person_idx/, "class 11: $what: (it looked at the caller's episodes)")
		  unless $what =~ /CRN/;
	}
}
returns('staff_a', q{SELECT count(*) FROM pg_stats WHERE schemaname IN ('resettle', 'resettle_internal')},
	'0', 'class 11: staff read no planner statistics');
server(q{ANALYZE});
{
	# the estimate of a condition over a fenced list does not depend on
	# how common the value is in the tables
	my @estimates;
	for my $dob ('1990-01-01', '1850-01-01')
	{
		my ($ret, $out) = as_user('staff_a',
			"EXPLAIN SELECT * FROM resettle.v_cases WHERE date_of_birth = '$dob'");
		push @estimates, ($out =~ /^\S.*?rows=(\d+)/)[0];
	}
	is($estimates[0], $estimates[1], 'class 11: the planner\'s estimates leak no frequency');
}

# ============================================================================
# Class 12: the EXPLAIN ANALYZE oracle.  Staff cannot query a table; over
# the fenced lists and the functions, EXPLAIN (ANALYZE, BUFFERS) of a true
# and a false guess about another prison's person shows the same plan and
# the same row counts.
# ============================================================================
fails('staff_a', q{EXPLAIN ANALYZE SELECT 1 FROM resettle.custody WHERE prison_number = 'B1000BB'},
	'42501', 'permission denied for table custody', 'class 12: EXPLAIN ANALYZE of a table');
fails('staff_a', q{EXPLAIN ANALYZE SELECT 1 FROM resettle.case_facts WHERE prison_number = 'B1000BB'},
	'42501', 'permission denied for view case_facts', 'class 12: EXPLAIN ANALYZE of case_facts');

# the plan as text without times (which vary) and with the guess replaced,
# run twice so that caches are warm
sub plan_shape
{
	my ($user, $sql, $guess) = @_;
	my $out;
	for (1 .. 2)
	{
		(undef, $out) = as_user($user,
			"EXPLAIN (ANALYZE, TIMING OFF, BUFFERS, COSTS OFF, SUMMARY OFF) " . sprintf($sql, $guess));
	}
	$out =~ s/\Q$guess\E/GUESS/g;
	$out =~ s/ *Buffers: .*\n//g;
	return $out;
}
# what staff_a guesses about LEI's B1000BB: each with the true value first
my $release = server(q{SELECT release_date FROM resettle.custody WHERE id = 2});
my @guesses = (
	[ 'v_cases, by date of birth',
	  q{SELECT * FROM resettle.v_cases WHERE prison_number = 'B1000BB' AND date_of_birth = '%s'},
	  '1980-05-05', '1980-05-06' ],
	[ 'v_releases_due, by release date',
	  q{SELECT * FROM resettle.v_releases_due WHERE prison_number = 'B1000BB' AND release_date = '%s'},
	  $release, '2000-01-01' ],
	[ 'v_release_outcomes, by prison',
	  q{SELECT * FROM resettle.v_release_outcomes WHERE custody_id = 3 AND prison_code = '%s'},
	  'MDI', 'LEI' ],
	[ 'case_card, by date of birth',
	  q{SELECT * FROM resettle.case_card('B1000BB') WHERE value = '%s'},
	  '1980-05-05', '1980-05-06' ],
	[ 'releases_due, by release date',
	  q{SELECT * FROM resettle.releases_due(100, 'LEI') WHERE release_date = '%s'},
	  $release, '2000-01-01' ]);
for my $g (@guesses)
{
	my ($what, $sql, $true, $false) = @$g;
	is(plan_shape('staff_a', $sql, $true), plan_shape('staff_a', $sql, $false),
		"class 12: $what: a true and a false guess explain alike");
}

# ============================================================================
# Class 13: lock queues (sixth review of 1.2, F1).  A staff login can turn
# off its own timeouts and keep a transaction open or a statement running;
# the defences are the server's (docs/operations.md "Keeping readiness
# current"): the job that ends sessions left in an open transaction, and a
# lock_timeout on statements that take the whole table, which give up
# rather than queue every prison behind a staff query.
# ============================================================================
{
	my $idle = $node->background_psql('db', extra_params => [ '-U', 'staff_a' ]);
	$idle->query_safe(q{SET idle_in_transaction_session_timeout = 0; SET statement_timeout = 0});
	$idle->query_safe(q{BEGIN; SELECT count(*) FROM resettle.v_cases});
	my $pid = server(q{SELECT pid FROM pg_stat_activity WHERE usename = 'staff_a'
		AND state = 'idle in transaction'});
	like($pid, qr/\A\d+\z/, 'class 13: staff_a sits in an open transaction, its timeouts off');
	# the documented job's query, with no wait: sessions idle in a transaction
	# since before now
	is( server(q{SELECT count(*) FILTER (WHERE pg_terminate_backend(a.pid))
FROM pg_stat_activity AS a JOIN pg_roles AS r ON r.oid = a.usesysid
WHERE a.datname = current_database() AND NOT r.rolsuper
  AND a.state IN ('idle in transaction', 'idle in transaction (aborted)')
  AND a.state_change < now() - interval '0 minutes'}),
		'1', 'class 13: the job ends it from the server side');
	ok( $node->poll_query_until('db', "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $pid"),
		'class 13: the session is gone');
	eval { $idle->quit };

	# a staff statement left running; a CLUSTER with a lock_timeout behind
	# it gives up; another prison's list is not held up
	my $long = $node->background_psql('db', extra_params => [ '-U', 'staff_a' ]);
	$long->query_until(qr/started/, q{\echo started
SELECT count(*) FROM resettle.v_cases, pg_sleep(60);
});
	ok( $node->poll_query_until('db', q{SELECT count(*) = 1 FROM pg_stat_activity
		WHERE usename = 'staff_a' AND query LIKE '%pg_sleep(60)%' AND state = 'active'}),
		'class 13: a staff query runs, its locks held');
	my ($ret, $out, $err) = $node->psql('db', q{SET lock_timeout = '1s'; CLUSTER resettle.custody});
	isnt($ret, 0, 'class 13: CLUSTER with a lock_timeout behind it gives up');
	like($err, qr/canceling statement due to lock timeout/, 'class 13: on its lock timeout (55P03)');
	returns('staff_b', q{SELECT count(*) > 0 FROM resettle.v_cases}, 't',
		'class 13: and another prison\'s list goes on');
	server(q{SELECT pg_cancel_backend(pid) FROM pg_stat_activity
		WHERE usename = 'staff_a' AND query LIKE '%pg_sleep(60)%'});
	eval { $long->quit };
}

done_testing();
