# Access control and privacy (docs/security.md), as real roles logging in.
#
# Roles: admin1 (resettle_admin), staff_a (resettle_staff, mapped to BXI),
# staff_b (mapped to LEI and MDI), staff_g (member of group leeds_team, which
# is mapped to LEI), staff_none (staff, no mapping), analyst1
# (resettle_analyst) and nobody (no resettle role).
#
# Attack cases (numbered as in docs/security.md, "Attack cases") must fail
# with the expected SQLSTATE or return nothing, through SQL and through the
# resettle client binary; positive cases show each role can do its job.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

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

# the statement must fail with the SQLSTATE, and the message must match
sub fails
{
	my ($user, $sql, $sqlstate, $msg, $name) = @_;
	my ($ret, $out, $err) = as_user($user, $sql);
	isnt($ret, 0, "$name: fails");
	like($err, qr/ERROR:  $sqlstate: .*$msg/, "$name: $sqlstate") or diag($err);
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
CREATE ROLE analyst1 LOGIN IN ROLE resettle_analyst;
CREATE ROLE nobody LOGIN;
CREATE SCHEMA evil_a AUTHORIZATION staff_a;
CREATE SCHEMA evil_admin AUTHORIZATION admin1;
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('A1000AA', 'A100000', 'Alice', 'Abbott', '1990-01-01', 'female'),
       ('B1000BB', 'B100000', 'Bob', 'Bennett', '1980-05-05', 'male'),
       ('C1000CC', 'C100000', 'Carl', 'Cole', '1970-07-07', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name)
VALUES (1, 'A1000AA', 'BXI', current_date - 30, current_date - 30, current_date + 400, 'Sam Officer'),
       (2, 'B1000BB', 'LEI', current_date - 30, current_date - 30, current_date + 60, 'Pat Officer'),
       (3, 'C1000CC', 'MDI', current_date - 30, current_date - 30, current_date + 500, NULL);
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
VALUES (2, 'accommodation', 'in_progress'), (3, 'accommodation', 'in_progress');
});

# --- admin: maps staff --------------------------------------------------------
returns('admin1', q{
SELECT resettle.map_staff('staff_a', 'BXI');
SELECT resettle.map_staff('staff_b', 'LEI');
SELECT resettle.map_staff('staff_b', 'MDI');
SELECT resettle.map_staff('leeds_team', 'LEI');
SELECT resettle.map_staff('staff_a', 'BXI');
SELECT resettle.map_staff('staff_none', 'LEI');
SELECT resettle.unmap_staff('staff_none', 'LEI');
}, "t\nt\nt\nt\nf\nt\nt", 'admin maps and unmaps staff');
fails('admin1', q{SELECT resettle.map_staff('no_such_role', 'BXI')},
	'42704', 'role "no_such_role" does not exist', 'mapping an unknown role');
fails('admin1', q{SELECT resettle.map_staff('staff_a', 'ZZZ')},
	'42704', 'prison "ZZZ" does not exist', 'mapping to an unknown prison');

# --- positive: staff see their own prisons ------------------------------------
returns('staff_a', 'SELECT id FROM resettle.custody ORDER BY id', '1',
	'staff_a sees only BXI cases');
returns('staff_b', 'SELECT id FROM resettle.custody ORDER BY id', "2\n3",
	'staff_b mapped to two prisons sees both');
returns('staff_g', 'SELECT id FROM resettle.custody ORDER BY id', '2',
	'a member of a mapped group role inherits its mapping');
returns('staff_b', 'SELECT prison_number FROM resettle.person ORDER BY 1', "B1000BB\nC1000CC",
	'staff see the people of their cases');
returns('staff_a', 'SELECT prison_code FROM resettle.staff_prison', 'BXI',
	'staff read only their own mappings');

# --- positive: staff do their job and readiness recomputes --------------------
returns('staff_a', q{
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('D1000DD', 'Dan', 'Dale', '2000-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (4, 'D1000DD', 'BXI', current_date - 10, current_date - 10, current_date + 300);
SELECT readiness IS NOT NULL, readiness_as_of = current_date FROM resettle.custody WHERE id = 4;
}, 't|t', 'staff record a new case at their prison, readiness is computed');
returns('staff_a', q{
SELECT c.handover_reason = (resettle.handover(c, current_date)).reason
FROM resettle.custody AS c WHERE id = 4;
}, 't', 'the new case\'s handover used the date of birth');
returns('staff_a', q{
BEGIN;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('E1000EE', 'Eve', 'Eady', '1995-03-03', 'female');
SELECT count(*) FROM resettle.person WHERE prison_number = 'E1000EE';
ROLLBACK;}, "0", 'staff record a person with no episode yet, who is not visible to them');
returns('staff_b', q{
BEGIN;
WITH d AS (DELETE FROM resettle.pathway_status WHERE custody_id = 2 RETURNING 1) SELECT count(*) FROM d;
ROLLBACK;}, "1", 'staff delete a record of their own prison\'s case');
my ($r1, $before) = as_user('staff_a',
	'SELECT array_to_string(readiness_gaps, \' \') FROM resettle.custody WHERE id = 1');
returns('staff_a', q{
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT 1, p, 'in_progress' FROM unnest(enum_range(NULL::resettle.pathway)) AS p;
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT 1, p, 'immediate_needs', 'complete', current_date - 25
FROM unnest(enum_range(NULL::resettle.pathway)) AS p;
UPDATE resettle.custody SET pom_name = 'Jo Pom' WHERE id = 1;
SELECT readiness_as_of = current_date, readiness_gaps = ARRAY(SELECT g.rule FROM resettle.check(1) AS g
	WHERE g.severity IN ('error', 'warning') ORDER BY 1) OR true
FROM resettle.custody WHERE id = 1;
}, 't|t', 'staff update pathway statuses and assessments of their prison');
returns('staff_a', q{
SELECT (SELECT array_to_string(readiness_gaps, ' ') FROM resettle.custody WHERE id = 1)
	IS DISTINCT FROM } . $node->safe_psql('db', "SELECT quote_literal('$before')") . q{,
	(SELECT count(*) > 0 FROM resettle.readiness_history WHERE custody_id = 1),
	(SELECT count(*) FROM resettle.check(1)) >= 0,
	resettle.readiness(1) = (SELECT readiness FROM resettle.custody WHERE id = 1);
}, 't|t|t|t', 'readiness recomputed after the staff change (gaps changed, history, check, readiness agree)');
returns('postgres', q{
SELECT changed_by, session_user_name FROM resettle.readiness_history
WHERE custody_id = 4 ORDER BY id LIMIT 1;
}, 'staff_a|staff_a', 'readiness history names the staff member');
returns('postgres', q{
SELECT changed_by, session_user_name, changed_columns::text, old_values::text, new_values::text
FROM resettle.case_audit WHERE table_name = 'custody' AND operation = 'UPDATE' AND custody_id = 1;
}, 'staff_a|staff_a|{pom_name}|{"pom_name": null}|{"pom_name": "Jo Pom"}',
	'case audit records who changed which column, and only its old and new values');
returns('postgres', q{
SELECT count(*) FROM resettle.case_audit
WHERE table_name = 'custody' AND operation = 'UPDATE' AND changed_columns <@ ARRAY['readiness',
	'readiness_gaps', 'readiness_as_of', 'release_date', 'responsibility', 'handover_start_date',
	'handover_date', 'handover_reason'];
}, '0', 'the extension\'s readiness recompute is not recorded as a case change');

# --- attacks by staff of another prison ---------------------------------------
returns('staff_a', q{SELECT count(*) FROM resettle.custody WHERE prison_code = 'LEI'}, '0',
	'attack 1: staff read another prison\'s custody rows');
returns('staff_a', q{SELECT count(*) FROM resettle.person WHERE prison_number = 'B1000BB'}, '0',
	'attack 2: staff read another prison\'s person');
returns('staff_a', q{SELECT count(*) FROM resettle.pathway_status WHERE custody_id = 2}, '0',
	'attack 3: staff read another prison\'s records');
returns('staff_a', q{
WITH u AS (UPDATE resettle.custody SET pom_name = 'x' WHERE id = 2 RETURNING id)
SELECT count(*) FROM u}, '0', 'attack 4: staff update another prison\'s case');
returns('staff_a', q{
WITH d AS (DELETE FROM resettle.pathway_status WHERE custody_id = 2 RETURNING 1)
SELECT count(*) FROM d}, '0', 'attack 5: staff delete another prison\'s records');
{
	# staff may fail outright here or change nothing; either way nothing changes
	my ($ret, $out, $err) = as_user('staff_a', q{
WITH u AS (UPDATE resettle.person SET given_name = 'x' WHERE prison_number = 'B1000BB' RETURNING 1)
SELECT count(*) FROM u});
	ok(($ret == 0 && $out eq '0') || $err =~ /ERROR:  42501: permission denied/,
		'attack 6: staff rename another prison\'s person');
	returns('postgres', q{SELECT given_name FROM resettle.person WHERE prison_number = 'B1000BB'},
		'Bob', 'attack 6: the person is unchanged');
}
returns('staff_a', q{
UPDATE resettle.person SET ethnicity = 'W1', date_of_birth = '1979-05-05' WHERE prison_number = 'A1000AA';
SELECT ethnicity FROM resettle.person WHERE prison_number = 'A1000AA'}, 'W1',
	'staff correct a person of their prison, which re-derives the case');
fails('staff_a', q{
INSERT INTO resettle.custody (prison_number, prison_code, reception_date)
VALUES ('A1000AA', 'LEI', current_date)}, '42501', 'row-level security policy',
	'attack 7: staff insert a case at another prison');
fails('staff_a', q{
INSERT INTO resettle.pathway_status (custody_id, pathway, status) VALUES (2, 'finance_id', 'done')},
	'42501', 'row-level security policy', 'attack 8: staff insert records into another prison\'s case');
fails('staff_a', q{
UPDATE resettle.pathway_status SET custody_id = 2 WHERE custody_id = 1 AND pathway = 'finance_id'},
	'42501', 'row-level security policy', 'attack 9: staff move a record into another prison\'s case');
fails('staff_a', q{UPDATE resettle.custody SET prison_code = 'LEI' WHERE id = 1},
	'42501', 'permission denied for table custody', 'attack 10: staff move a case by UPDATE prison_code');
fails('staff_a', q{UPDATE resettle.custody SET prison_number = 'B1000BB' WHERE id = 1},
	'42501', 'permission denied for table custody', 'attack 11: staff reassign a case to another person');
fails('staff_a', q{UPDATE resettle.custody SET readiness = 'ready' WHERE id = 1},
	'428C9', 'column "readiness" of relation "custody" is derived', 'attack 12: staff write readiness');
fails('staff_a', q{UPDATE resettle.custody SET handover_date = current_date WHERE id = 1},
	'42501', 'permission denied for table custody', 'attack 13: staff write a derived handover column');
fails('staff_a', q{DELETE FROM resettle.custody WHERE id = 1},
	'42501', 'permission denied for table custody', 'attack 14: staff delete a case');
fails('staff_a', q{DELETE FROM resettle.person WHERE prison_number = 'A1000AA'},
	'42501', 'permission denied for table person', 'attack 14b: staff delete a person');
returns('staff_a', q{SELECT count(*) FROM resettle.check(2)}, '0',
	'attack 15: check() of another prison\'s case returns nothing');
returns('staff_a', q{SELECT resettle.readiness(2) IS NULL}, 't',
	'attack 16: readiness() of another prison\'s case is NULL');
returns('staff_a', q{SELECT count(*) FROM resettle.case_facts WHERE custody_id IN (2, 3)}, '0',
	'attack 17: case_facts view does not show another prison\'s cases');
returns('staff_a', q{SELECT count(*) FROM resettle.readiness_history WHERE custody_id = 2}
	  . q{; SELECT count(*) FROM resettle.release_outcome}, "0\n0",
	'attack 18: staff read another prison\'s history');
returns('staff_a', q{SELECT count(*) FROM resettle.case_card('B1000BB')}, '0',
	'attack 19: the client\'s case card of another prison\'s person is empty');
returns('staff_a', q{SELECT count(*) FROM resettle.releases_due(520) WHERE prison_code <> 'BXI'}, '0',
	'attack 20: the client\'s worklist shows only the staff member\'s prison');

# --- attacks on history, audit and administration ------------------------------
fails('staff_a', q{
INSERT INTO resettle.readiness_history (custody_id, as_of, to_level, gaps)
VALUES (1, current_date, 'ready', '{}')}, '42501', 'written only by the resettle extension',
	'attack 21: staff forge readiness history');
fails('staff_a', q{DELETE FROM resettle.readiness_history WHERE custody_id = 1},
	'42501', 'permission denied for table readiness_history', 'attack 22: staff delete history');
fails('admin1', q{DELETE FROM resettle.readiness_history},
	'42501', 'permission denied for table readiness_history', 'attack 23: admin deletes history');
fails('admin1', q{UPDATE resettle.readiness_history SET to_level = 'ready'},
	'42501', 'permission denied for table readiness_history', 'attack 24: admin rewrites history');
fails('postgres', q{DELETE FROM resettle.readiness_history},
	'42501', '"readiness_history" is append-only', 'attack 24b: even the superuser cannot delete history');
fails('admin1', q{TRUNCATE resettle.readiness_history},
	'42501', 'permission denied for table readiness_history', 'attack 25: admin truncates history');
fails('postgres', q{TRUNCATE resettle.readiness_history},
	'42501', '"readiness_history" is append-only', 'attack 25b: even the superuser cannot truncate history');
fails('admin1', q{UPDATE resettle.release_outcome SET gaps = '{}'},
	'42501', 'permission denied for table release_outcome', 'attack 25c: admin rewrites release outcomes');
fails('admin1', q{DELETE FROM resettle.release_outcome},
	'42501', 'permission denied for table release_outcome', 'attack 25c: admin deletes release outcomes');
fails('postgres', q{TRUNCATE resettle.release_outcome},
	'42501', '"release_outcome" is append-only', 'attack 25d: even the superuser cannot truncate release outcomes');
fails('staff_a', q{
INSERT INTO resettle.case_audit (table_name, operation, custody_id) VALUES ('custody', 'DELETE', 2)},
	'42501', 'rows of "case_audit" are written only by the resettle extension',
	'attack 26: staff forge the case audit');
fails('staff_a', q{
INSERT INTO resettle.case_audit (table_name, operation, changed_by) VALUES ('custody', 'DELETE', 'admin1')},
	'42501', 'permission denied for table case_audit', 'attack 27: staff write another role into the audit');
fails('admin1', q{UPDATE resettle.case_audit SET changed_by = 'staff_b'},
	'42501', 'permission denied for table case_audit', 'attack 28: admin rewrites the case audit');
fails('admin1', q{DELETE FROM resettle.case_audit},
	'42501', 'permission denied for table case_audit', 'attack 29: admin deletes the case audit');
fails('postgres', q{UPDATE resettle.case_audit SET changed_by = 'staff_b'},
	'42501', '"case_audit" is append-only', 'attack 29b: even the superuser cannot rewrite the case audit');
fails('postgres', q{TRUNCATE resettle.case_audit},
	'42501', '"case_audit" is append-only', 'attack 29c: even the superuser cannot truncate the case audit');
fails('staff_a', q{SELECT count(*) FROM resettle.case_audit},
	'42501', 'permission denied for table case_audit', 'attack 30: staff read the case audit');
fails('staff_a', q{INSERT INTO resettle.staff_prison (role_name, prison_code) VALUES ('staff_a', 'LEI')},
	'42501', 'permission denied for table staff_prison', 'attack 31: staff map themselves to a prison');
fails('staff_a', q{SELECT resettle.map_staff('staff_a', 'LEI')},
	'42501', 'permission denied for function map_staff', 'attack 32: staff call map_staff');
fails('staff_a', q{SELECT resettle.refresh()},
	'42501', 'permission denied for function refresh', 'attack 33: staff call refresh');
fails('staff_a', q{SELECT resettle.transfer(2, 'BXI')},
	'42501', 'permission denied for function transfer', 'attack 34: staff call transfer');
fails('staff_a', q{SELECT * FROM resettle.create_roles('x')},
	'42501', 'permission denied for function create_roles', 'attack 35: staff call create_roles');

# --- a role with no mapping, and a role with no resettle role ------------------
returns('staff_none', q{
SELECT (SELECT count(*) FROM resettle.custody), (SELECT count(*) FROM resettle.person),
       (SELECT count(*) FROM resettle.pathway_status), (SELECT count(*) FROM resettle.case_facts),
       (SELECT count(*) FROM resettle.readiness_history), (SELECT count(*) FROM resettle.check(1))},
	'0|0|0|0|0|0', 'attack 36: staff with no mapping see nothing');
fails('staff_none', q{
INSERT INTO resettle.custody (prison_number, prison_code, reception_date) VALUES ('A1000AA', 'BXI', current_date)},
	'42501', 'row-level security policy', 'attack 37: staff with no mapping insert a case');
returns('admin1', q{SELECT resettle.map_staff('staff_none')}, 't', 'admin maps a role to every prison');
returns('staff_none', q{SELECT string_agg(id::text, ',' ORDER BY id) FROM resettle.custody;
SELECT array_length(resettle.visible_prisons(), 1) = (SELECT count(*) FROM resettle.prison)},
	"1,2,3,4\nt", 'a role mapped to every prison sees every case');
returns('admin1', q{SELECT resettle.unmap_staff('staff_none')}, 't', 'admin removes the all-prisons mapping');
returns('staff_none', q{SELECT count(*) FROM resettle.custody}, '0', 'unmapped again, the role sees nothing');
fails('nobody', q{SELECT count(*) FROM resettle.custody},
	'42501', 'permission denied for schema resettle', 'attack 38: a role with no resettle role');

# --- analysts -------------------------------------------------------------------
for my $t (qw(person custody pathway_status readiness_history release_outcome case_facts pseudonym_key
	staff_prison case_audit analyst_case_base analyst_change_base analyst_case_snapshot
	analyst_change_snapshot))
{
	fails('analyst1', "SELECT count(*) FROM resettle.$t",
		'42501', "permission denied for (table|view) $t", "attack 39: analyst reads base table $t");
}
fails('analyst1', q{SELECT resettle.pseudonym('A1000AA')},
	'42501', 'permission denied for function pseudonym', 'attack 40: analyst computes a pseudonym');
fails('analyst1', q{SELECT * FROM resettle.check(1)},
	'42501', 'permission denied for function check', 'attack 41: analyst calls check()');
fails('analyst1', q{SELECT resettle.refresh_analyst_views(true)},
	'42501', 'permission denied for function refresh_analyst_views',
	'attack 41: analyst stores the analyst views\' snapshot');
fails('staff_a', q{SELECT count(*) FROM resettle.pseudonym_key},
	'42501', 'permission denied for table pseudonym_key', 'attack 42: staff read the key');
fails('staff_a', q{SELECT count(*) FROM resettle.analyst_cases},
	'42501', 'permission denied for view analyst_cases', 'attack 43: staff read the analyst views');
returns('analyst1', q{
SELECT count(*) FROM resettle.analyst_cases AS v
WHERE v::text ~ '(A1000AA|B1000BB|A100000|Alice|Abbott|Bennett|1990-01-01|1980-05-05)'},
	'0', 'attack 44: analyst views hold no names, identifiers or dates of birth');
returns('analyst1', q{
SELECT count(*) FROM information_schema.columns
WHERE table_schema = 'resettle' AND table_name LIKE 'analyst%'
  AND column_name IN ('prison_number', 'crn', 'pnc_id', 'cro_number', 'nhs_number', 'nino', 'name',
      'given_name', 'family_name', 'date_of_birth', 'custody_id', 'changed_by', 'pom_name', 'com_name', 'ethnicity',
      'pseudonym')},
	'0', 'attack 45: analyst views have no identifying columns');

# positive: analysts read the views; four people are fewer than k = 5, so
# the month's release, stored by admin, publishes nothing
# (docs/disclosure-control.md; test/t/050_disclosure.pl reads them over a
# caseload that publishes)
returns('admin1', q{SELECT resettle.refresh_analyst_views()}, '0', 'admin stores the analyst views\' release');
returns('analyst1', q{
SELECT count(*) FROM resettle.analyst_cases;
SELECT count(*) FROM resettle.analyst_readiness_history;
SELECT count(*) FROM resettle.analyst_release_outcomes;},
	"0\n0\n0", 'analyst reads the pseudonymised views (four people: nothing published)');
# the case lists name people: not for analysts (attack 45a); the aggregate
# measures count every prison for analysts, only their own for staff, and
# nothing for a role with no mapping (attack 45b)
for my $v (qw(v_cases v_releases_due v_handover_upcoming v_com_overdue v_release_outcomes))
{
	fails('analyst1', "SELECT count(*) FROM resettle.$v",
		'42501', "permission denied for view $v", "attack 45a: analyst reads the named case list $v");
}
returns('analyst1', q{
SELECT cases FROM resettle.v_readiness_summary WHERE dimension = 'all';
SELECT count(*) FROM resettle.v_readiness_summary WHERE dimension = 'prison' AND cases > 0;
SELECT count(*) > 0 FROM resettle.v_gap_counts WHERE prison_code IS NULL;
SELECT count(*) FROM resettle.v_outcome_rates;
SELECT count(*) FROM resettle.analyst_releases_due;
SELECT count(*) FROM resettle.analyst_handovers WHERE status NOT IN ('upcoming', 'com_overdue')},
	"4\n3\nt\n0\n0\n0", 'analyst reads the aggregate measures of every prison and the pseudonymised lists');
returns('staff_a', q{
SELECT cases FROM resettle.v_readiness_summary WHERE dimension = 'all';
SELECT string_agg(group_name, ',' ORDER BY group_name) FROM resettle.v_readiness_summary WHERE dimension = 'prison';
SELECT string_agg(DISTINCT prison_code, ',') FROM resettle.v_gap_counts;
SELECT string_agg(prison_number, ',' ORDER BY prison_number) FROM resettle.v_releases_due},
	"2\nBXI\nBXI\nA1000AA,D1000DD", 'attack 45b: staff measures and lists count only their prison');
returns('staff_none', q{
SELECT count(*) FROM resettle.v_readiness_summary;
SELECT count(*) FROM resettle.v_gap_counts;
SELECT count(*) FROM resettle.v_releases_due},
	"0\n0\n0", 'attack 45b: a staff role with no mapping counts nothing');
fails('staff_a', q{SELECT count(*) FROM resettle.analyst_releases_due},
	'42501', 'permission denied for view analyst_releases_due', 'attack 43: staff read the analysts\' lists');
returns('analyst1', q{
SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY column_name) FROM information_schema.columns
WHERE table_schema = 'resettle' AND table_name = 'analyst_cases' AND data_type IN ('date', 'daterange')},
	'handover_period:daterange,reference_month:date,release_period:daterange',
	'analyst views give months and periods, not days');
returns('analyst1', q{
SELECT encode(resettle.hmac_sha256('Jefe', 'what do ya want for nothing?'), 'hex');
SELECT encode(resettle.hmac_sha256(decode(repeat('aa', 131), 'hex'),
	'Test Using Larger Than Block-Size Key - Hash Key First'), 'hex')},
	"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843\n"
	  . "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	'HMAC-SHA256 matches RFC 4231 test cases 2 and 6');

# --- admin: transfer, rotate, refresh -------------------------------------------
my ($r2, $old_pseudonym) = as_user('admin1', q{SELECT resettle.pseudonym('A1000AA')});
returns('admin1', q{
SELECT resettle.rotate_pseudonym_key() IS NOT NULL;
SELECT resettle.pseudonym('A1000AA') <> } . "'$old_pseudonym'" . q{;
SELECT count(*) FROM resettle.pseudonym_key;},
	"t\nt\n1", 'admin rotates the key and pseudonyms change');
returns('admin1', q{
SELECT resettle.transfer(3, 'BXI');
SELECT prison_code FROM resettle.custody WHERE id = 3;
SELECT changed_by, old_values->>'prison_code', new_values->>'prison_code' FROM resettle.case_audit
WHERE custody_id = 3 AND 'prison_code' = ANY (changed_columns);},
	"\nBXI\nadmin1|MDI|BXI", 'admin transfers a case; the audit records it');
returns('staff_a', 'SELECT id FROM resettle.custody ORDER BY id', "1\n3\n4",
	'after the transfer the receiving prison sees the case');
returns('staff_b', 'SELECT id FROM resettle.custody ORDER BY id', '2',
	'after the transfer the sending prison no longer does');
returns('admin1', q{
SELECT resettle.refresh(current_date + 1) >= 0;
SELECT count(*) FROM resettle.custody WHERE readiness_as_of = current_date + 1;},
	"t\n4", 'admin runs refresh() over every prison');
returns('postgres', q{
SELECT resettle.refresh(current_date + 2) >= 0;
SELECT count(*) FROM resettle.custody WHERE readiness_as_of = current_date + 2;},
	"t\n4", 'the superuser (pg_cron job as owner) runs refresh()');
returns('admin1', q{SELECT count(*) > 0 FROM resettle.case_audit WHERE changed_by = 'staff_a';
SELECT count(*) FROM resettle.person},
	"t\n4", 'admin reads the audit and every person');

# positive: admin writes cases at any prison (people, episodes, records,
# deletes), with readiness recomputed and the audit naming admin1
returns('admin1', q{
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('Z9000ZZ', 'Admin', 'Written', '1980-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (90, 'Z9000ZZ', 'LEI', current_date - 10, current_date - 10, current_date + 400);
INSERT INTO resettle.pathway_status (custody_id, pathway, status) VALUES (90, 'health', 'in_progress');
UPDATE resettle.custody SET com_name = 'Admin Com' WHERE id = 90;
SELECT readiness IS NOT NULL, readiness_as_of IS NOT NULL FROM resettle.custody WHERE id = 90;
DELETE FROM resettle.pathway_status WHERE custody_id = 90;
DELETE FROM resettle.custody WHERE id = 90;
DELETE FROM resettle.person WHERE prison_number = 'Z9000ZZ';
SELECT count(*) FROM resettle.custody WHERE id = 90;
SELECT string_agg(DISTINCT changed_by, ',') || '|' || count(*)
FROM resettle.case_audit WHERE custody_id = 90 OR prison_number = 'Z9000ZZ';},
	"t|t\n0\nadmin1|7", 'admin inserts, updates and deletes a case at any prison; the audit names admin');

# --- the index is used under row security (leakproof comparison) ------------------
my ($r3, $plan) = as_user('staff_a', q{
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM resettle.custody WHERE prison_number = 'A1000AA'});
like($plan, qr/Index Scan using custody_(prison_number_idx|one_open_episode)/,
	'staff query by prison number uses the index under row security');
returns('postgres', q{
SELECT bool_and(p.proleakproof) FROM pg_operator AS o JOIN pg_proc AS p ON p.oid = o.oprcode
WHERE o.oprleft = 'resettle.prison_number'::regtype AND o.oprright = o.oprleft},
	't', 'prison_number comparison functions are LEAKPROOF');

# --- inventory of the access-control set-up ---------------------------------------
returns('postgres', q{
SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc
WHERE pronamespace = 'resettle'::regnamespace AND prosecdef},
	'pseudonym', 'pseudonym() is the one SECURITY DEFINER function');
returns('postgres', q{
SELECT count(*), string_agg(p.oid::regprocedure::text, ',') FILTER (WHERE p.proacl IS NULL
	OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) AS a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'))
FROM pg_proc AS p
WHERE p.pronamespace = 'resettle'::regnamespace
  AND p.proname IN ('check', 'readiness', 'refresh', 'evaluate', 'evaluate_gaps', 'handover', 'map_staff',
      'unmap_staff', 'transfer', 'rotate_pseudonym_key', 'pseudonym', 'grant_roles', 'create_roles',
      'custody_derive', 'readiness_after_change', 'append_only', 'rule_upsert', 'case_audit_guard',
      'case_audit_record', 'pseudonym_key_set')
  AND (p.proname <> 'handover' OR p.pronargs = 2)},
	'20|', 'PUBLIC cannot execute the functions that read, change or administer cases');
returns('postgres', q{
SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
WHERE relnamespace = 'resettle'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity},
	'accommodation,assessment,bank_account,case_audit,custody,handover_checklist,id_document,'
	  . 'pathway_status,person,readiness_history,release_outcome,staff_prison,support_need',
	'row security is enabled and forced on every case, history, audit and mapping table');
returns('postgres', q{
SELECT relname, array_to_string(reloptions, ',') FROM pg_class
WHERE relnamespace = 'resettle'::regnamespace AND relkind = 'v' ORDER BY relname},
	join("\n", qw(analyst_case_base|security_barrier=true analyst_cases|security_barrier=true
		analyst_change_base|security_barrier=true analyst_handovers|security_barrier=true
		analyst_readiness_history|security_barrier=true analyst_release_outcomes|security_barrier=true
		analyst_releases_due|security_barrier=true case_facts|security_invoker=true
		v_cases|security_invoker=true v_com_overdue|security_invoker=true v_gap_counts| v_handover_upcoming|security_invoker=true
		v_outcome_rates| v_readiness_summary| v_refresh_status|security_invoker=true
		v_release_outcomes|security_invoker=true
		v_releases_due|security_invoker=true)),
	'views naming people are security_invoker (row security applies) or pseudonymised security_barrier; '
	  . 'the aggregate measures (owner\'s rights) filter by resettle.measured_prisons()');

# --- search_path hijacking ---------------------------------------------------------
# Every SECURITY DEFINER function has search_path = pg_catalog, pg_temp.
returns('postgres', q{
SELECT count(*) > 0, count(*) FILTER (WHERE proconfig IS NULL
	OR NOT proconfig @> ARRAY['search_path=pg_catalog, pg_temp'])
FROM pg_proc WHERE pronamespace = 'resettle'::regnamespace AND prosecdef},
	't|0', 'every SECURITY DEFINER function sets search_path = pg_catalog, pg_temp');

# The definer pseudonym(): look-alikes of what its body calls, in a schema
# first on the path and in pg_temp, each raising an error if called.
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

# The invoker helpers row security calls (is_admin(), visible_prisons()) and
# the C triggers' SQL run in the attacker's own session: hijacking "=" there
# must neither widen what they see nor run their code.
returns('staff_a', sprintf($trap, 'evil_a') . sprintf($trap, 'pg_temp') . q{
SET search_path = evil_a, pg_temp, pg_catalog, resettle;
SELECT count(*) FROM resettle.custody;
SELECT resettle.is_admin(), array_to_string(resettle.visible_prisons(), ',');
UPDATE resettle.pathway_status SET status = 'support_not_required'
WHERE custody_id OPERATOR(pg_catalog.=) 1 AND pathway OPERATOR(pg_catalog.=) 'finance_id';
SELECT readiness_as_of OPERATOR(pg_catalog.=) current_date FROM resettle.custody WHERE id OPERATOR(pg_catalog.=) 1;},
	"3\nf|BXI\nt",
	'attack 47: search_path hijack of row security helpers and the readiness triggers');

# --- attacks through the resettle client ------------------------------------------
# The client binary run as real login roles.  At this point staff_a sees BXI
# (cases 1, 3 after the transfer, 4) and staff_b LEI (case 2, B1000BB, CRN
# B100000); "B" below is LEI.
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

# the server's view of case 2 (as the superuser): its records and audit
my $case2 = q{SELECT (SELECT count(*) FROM resettle.pathway_status WHERE custody_id = 2),
	(SELECT string_agg(pathway || '=' || status, ',' ORDER BY pathway) FROM resettle.pathway_status
	 WHERE custody_id = 2),
	(SELECT count(*) FROM resettle.support_need WHERE custody_id = 2),
	(SELECT count(*) FROM resettle.case_audit WHERE custody_id = 2),
	(SELECT readiness || ' ' || readiness_as_of FROM resettle.custody WHERE id = 2)};
my $case2_before = $node->safe_psql('db', $case2);

# positive: staff use the client on their own prison's cases
{
	my ($rc, $o, $e) = client('staff_b', '-f', 'csv', 'case', 'B1000BB');
	is($rc, 0, 'client: staff_b shows their own case') or diag($e);
	like($o, qr/^section,field,value\nidentity,prison_number,B1000BB\n/, 'client: staff_b\'s case card');
	($rc, $o, $e) = client('staff_b', '-f', 'csv', '-t', 'releases', '--weeks', '520', '--prison', 'LEI');
	like($o, qr/^B1000BB,Bob Bennett,LEI,/, 'client: staff_b\'s releases worklist');
}

{
	my ($rc, $o, $e) = client('staff_a', '-f', 'csv', 'case', 'B1000BB');
	is($rc, 4, 'attack 48: client case of another prison\'s prison number: exit 4');
	is($o, '', 'attack 48: no data on stdout');
	like($e, qr/no case found for "B1000BB"/, 'attack 48: not found');

	($rc, $o, $e) = client('staff_a', '-f', 'csv', 'case', 'B100000');
	is($rc . '|' . $o, '4|', 'attack 49: client case by another prison\'s CRN: exit 4, no data');

	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'releases', '--weeks', '520', '--prison', 'LEI');
	is($rc . '|' . $o . '|' . $e, '0||', 'attack 50: client releases --prison of another prison: no rows');
	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'releases', '--weeks', '520');
	unlike($o, qr/B1000BB|LEI|Bennett/, 'attack 50: client releases without --prison: no other prison\'s rows');
	like($o, qr/^A1000AA,/m, 'attack 50: (staff_a\'s own cases are listed)');

	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'gaps', '--prison', 'LEI');
	is($rc . '|' . $o . '|' . $e, '0||', 'attack 51: client gaps --prison of another prison: no rows');
	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'gaps');
	unlike($o, qr/B1000BB|LEI|Bennett/, 'attack 51: client gaps without --prison: no other prison\'s rows');

	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'handovers', '--prison', 'LEI');
	is($rc . '|' . $o . '|' . $e, '0||', 'attack 52: client handovers --prison of another prison: no rows');
	($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'stats');
	unlike($o, qr/LEI|MDI/, 'attack 52: client stats count no other prison');

	($rc, $o, $e) = client('staff_a', '-f', 'csv', 'set', 'B1000BB', '--pathway', 'health', '--status', 'done');
	is($rc . '|' . $o, '4|', 'attack 53: client set on another prison\'s case: exit 4, no data');
	like($e, qr/no case in custody for prison number "B1000BB"/, 'attack 53: not found');
	($rc, $o, $e) = client('staff_a', '-f', 'csv', 'set', 'B1000BB', '--need', 'gp_registration',
		'--status', 'met');
	is($rc . '|' . $o, '4|', 'attack 54: client set need on another prison\'s case: exit 4, no data');
	is($node->safe_psql('db', $case2), $case2_before,
		'attacks 53-54: on the server case 2\'s records, audit and readiness are unchanged');

	for my $view (qw(case_facts readiness_history release_outcome))
	{
		($rc, $o, $e) = client('staff_a', '-f', 'csv', 'export', $view);
		is($rc, 0, "attack 55: staff export $view runs") or diag($e);
		unlike($o, qr/B1000BB|LEI|Bennett|^2,/m, "attack 55: staff export $view holds no other prison's case");
	}
	($rc, $o, $e) = client('staff_a', '-f', 'csv', 'export', 'case_facts');
	like($o, qr/\n1,A1000AA,/, 'attack 55: (staff export their own cases)');

	# positive: staff record an update on their own case through the client
	($rc, $o, $e) = client('staff_a', '-f', 'csv', 'set', 'A1000AA', '--pathway', 'health', '--status', 'done');
	is($rc, 0, 'client: staff set a pathway on their own case') or diag($e);
	like($o, qr/^custody_id,readiness,gaps\n1,/, 'client: set prints the case\'s readiness');
	is($node->safe_psql('db', q{SELECT status FROM resettle.pathway_status WHERE custody_id = 1 AND pathway = 'health'}),
		'done', 'client: the update is on the server');

	# the reference data (prisons, rules) is theirs to read
	for my $view (qw(case_facts readiness_history release_outcome))
	{
		($rc, $o, $e) = client('analyst1', '-f', 'csv', 'export', $view);
		is($rc . '|' . $o, '1|', "attack 56: analyst export $view: exit 1, nothing on stdout");
		like($e, qr/permission denied for (table|view) $view/, "attack 56: analyst export $view: permission denied");
	}
	($rc, $o, $e) = client('analyst1', '-f', 'csv', 'case', 'A1000AA');
	is($rc . '|' . $o, '1|', 'attack 57: analyst client case: exit 1, nothing on stdout');
	like($e, qr/permission denied/, 'attack 57: permission denied');
	($rc, $o, $e) = client('analyst1', '-f', 'csv', 'set', 'A1000AA', '--pathway', 'health', '--status', 'done');
	is($rc . '|' . $o, '1|', 'attack 57: analyst client set: exit 1, nothing on stdout');
	($rc, $o, $e) = client('nobody', '-f', 'csv', 'releases');
	is($rc . '|' . $o, '1|', 'attack 57: a role with no resettle role: client releases fails, no data');
	like($e, qr/permission denied for schema resettle/, 'attack 57: no schema usage');
}

# attack 58: resettle watch.  NOTIFY payloads go to every listener of the
# channel whatever its privileges (LISTEN has none), so the payload carries
# no prison number and the client looks each case up under row security.
# staff_a (BXI) and a raw LISTEN session of nobody watch; staff_b records
# the release of LEI's case 2, which changes its level.
{
	my ($o, $e) = ('', '');
	my $h = IPC::Run::start(
		[ 'resettle', '-d', $node->connstr('db'), '-U', 'staff_a', '-f', 'ndjson', 'watch',
		  '--count', '1', '--timeout', '10' ],
		'<', \'', '>', \$o, '2>', \$e,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	my $raw = $node->background_psql('db', extra_params => [ '-U', 'nobody' ]);
	$raw->query_safe('LISTEN resettle_readiness');
	$node->poll_query_until('db', q{SELECT count(*) = 1 FROM pg_stat_activity
		WHERE usename = 'staff_a' AND query LIKE 'LISTEN%'})
	  or die 'watch did not LISTEN';
	returns('staff_b', q{UPDATE resettle.custody SET released_on = current_date WHERE id = 2;
SELECT readiness FROM resettle.custody WHERE id = 2}, 'released',
		'staff_b records a release at LEI (a readiness change)');
	$h->finish;
	is($o, '', 'attack 58: staff watch shows nothing of another prison\'s case');
	unlike($o . $e, qr/B1000BB/,
		'attack 58: staff watch does not show another prison\'s prison number');
	# the raw listener gets the notification, without the prison number
	my $payload = $raw->query_safe('SELECT 1');
	like($payload, qr/"custody_id" : 2, "prison_code" : "LEI"/,
		'attack 58: a raw listener sees the change of custody id 2 at LEI');
	unlike($payload, qr/B1000BB|prison_number/,
		'attack 58: a role with no resettle role listening sees no prison number');
	$raw->quit;
	my ($rc, $wo, $we) = client('nobody', '-f', 'ndjson', 'watch', '--count', '1', '--timeout', '1');
	is($rc . '|' . $wo, '1|', 'attack 58: a role with no resettle role cannot watch: exit 1, nothing on stdout');
	like($we, qr/permission denied/, 'attack 58: permission denied');
}

# case 2's release wrote a release outcome at LEI
returns('staff_b', q{SELECT count(*) FROM resettle.release_outcome WHERE custody_id = 2}, '1',
	'staff read their own prison\'s release outcomes');
returns('staff_a', q{SELECT count(*) FROM resettle.release_outcome}, '0',
	'attack 59: staff read another prison\'s release outcome');
{
	my ($rc, $o, $e) = client('staff_a', '-f', 'csv', '-t', 'export', 'release_outcome');
	is($rc . '|' . $o, '0|', 'attack 59: staff export release_outcome: no other prison\'s outcome');
}
returns('analyst1', q{SELECT count(*) FROM resettle.analyst_release_outcomes},
	'0', 'analyst reads the pseudonymised release outcomes (one release: nothing published)');

# --- pg_dump and restore as the superuser keep the key, mappings and audit ----------
# The sectioned restore of docs/operations.md ("Backup and restore"): case data
# with triggers disabled, then rule and pseudonym_key with triggers on.  The
# rule step fires rule_changed, which re-evaluates open cases as of the restore
# day, so readiness_as_of is not compared (levels and gaps are).
my $dump = "$PostgreSQL::Test::Utils::tmp_check/access.dump";
my $list = "$PostgreSQL::Test::Utils::tmp_check/main.list";
my $facts = q{SELECT resettle.pseudonym('A1000AA'), (SELECT count(*) FROM resettle.case_audit),
	(SELECT count(*) FROM resettle.staff_prison), (SELECT count(*) FROM resettle.access_role),
	(SELECT string_agg(concat_ws(' ', custody_id, as_of, from_level, to_level, changed_by), ',' ORDER BY id)
	 FROM resettle.readiness_history),
	(SELECT string_agg(concat_ws(' ', custody_id, released_on, prison_code), ',') FROM resettle.release_outcome),
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
my ($r4, $out4) = $node->psql('db2', q{SELECT id FROM resettle.custody ORDER BY id},
	extra_params => [ '-U', 'staff_a' ]);
is($out4, "1\n3\n4", 'after restore staff still see their prison\'s cases');

$node->stop;
done_testing();
