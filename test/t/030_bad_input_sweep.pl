# Bad-input sweep over every function of the extension.
#
# The functions are enumerated from pg_proc through pg_depend (deptype 'e'
# on the extension), so a function added later is swept without touching
# this file.  Each is called with, in every argument position in turn (the
# other arguments holding an ordinary value of their type):
#	null		NULL of the argument's type
#	empty		'' cast to the argument's type
#	huge		a 1 MB string cast to the argument's type
#	dates		infinity, -infinity, 4713-01-01 BC, 4714-11-24 BC, 5874897-12-31
#	numbers		integer/bigint/smallint minimum and maximum, NaN and
#				infinities for numeric and float
#	wrong_value	a label that is not one of an enum's values (for text
#				arguments: a word no rule, need, status or code uses)
# Type input and output functions are called through casts ('...'::type,
# value::text); trigger functions and functions taking internal are
# skipped (they cannot be called from SQL).
#
# Then every date column of the case and record tables is set, row by row,
# to each extreme date (and rolled back): the triggers deriving handover
# and readiness from it must succeed or fail cleanly.
#
# Every call must return a value or fail with an error whose SQLSTATE is not
# of class XX (internal error), and must not time out; a STRICT function
# must return NULL for a NULL argument.  A call that fails must leave the
# row counts of every table of the extension as they were.  The server must
# never crash: no backend may be terminated by a signal.  One assertion per
# (function, input class).

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('bad_input_sweep');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->append_conf('postgresql.conf', "restart_after_crash = on\n");
$node->start;
my $db = 'postgres';
$node->safe_psql($db, 'CREATE EXTENSION resettle');

# A small caseload so that look-ups find something: two cases with records,
# one released.
$node->safe_psql(
	$db, q{
SET resettle.today = '2026-01-01';
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('A1234BC', 'X123456', 'Sweep', 'One', '1990-01-01', 'male'),
       ('B2345CD', 'X234567', 'Sweep', 'Two', '1985-05-05', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
	com_name, com_email)
VALUES (1, 'A1234BC', 'BXI', '2025-06-01', '2025-06-01', '2026-03-01', 'Pat', 'pat@example.org'),
       (2, 'B2345CD', 'BXI', '2024-01-01', '2024-01-01', '2025-12-01', NULL, NULL);
SELECT setval('resettle.custody_id_seq', 10);
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT c, p, 'in_progress' FROM unnest(enum_range(NULL::resettle.pathway)) AS p, (VALUES (1), (2)) AS v(c);
INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed)
VALUES (1, 'family_or_friends', 'return_to_previous_address', true);
INSERT INTO resettle.support_need (custody_id, need, status) VALUES (1, 'gp_registration', 'met');
UPDATE resettle.custody SET released_on = '2025-12-01' WHERE id = 2;
});

# The driver: try(calls) runs each call in a subtransaction and reports its
# SQLSTATE (NULL when it returned), whether the result was NULL, and whether
# the row counts of the extension's tables changed across a failed call.
$node->safe_psql(
	$db, q{
CREATE FUNCTION public.sweep_counts() RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
	r record;
	n bigint;
	s text := '';
BEGIN
	FOR r IN SELECT c.oid::regclass AS t
			 FROM pg_class c
			 JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
				AND d.deptype = 'e'
			 JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'resettle'
			 WHERE c.relkind IN ('r', 'p')
			 ORDER BY c.relname
	LOOP
		EXECUTE format('SELECT count(*) FROM %s', r.t) INTO n;
		s := s || r.t || '=' || n || ' ';
	END LOOP;
	RETURN s;
END $fn$;

CREATE FUNCTION public.sweep_try(calls text[])
RETURNS TABLE (i int, state text, msg text, is_null boolean, counts_changed boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
	k int;
	before text;
	res text;
BEGIN
	FOR k IN 1 .. coalesce(array_length(calls, 1), 0) LOOP
		i := k; state := NULL; msg := NULL; is_null := NULL; counts_changed := false;
		before := public.sweep_counts();
		BEGIN
			EXECUTE format('SELECT string_agg(coalesce(x::text, %L), %L) FROM (SELECT (%s) AS x OFFSET 0) s',
						   '<null>', ',', calls[k]) INTO res;
			is_null := res IS NOT DISTINCT FROM '<null>';
		EXCEPTION WHEN OTHERS THEN
			state := SQLSTATE; msg := left(SQLERRM, 200);
		END;
		IF state IS NOT NULL THEN
			counts_changed := public.sweep_counts() IS DISTINCT FROM before;
		END IF;
		RETURN NEXT;
	END LOOP;
END $fn$;
});

# The functions to sweep, with argument types, names and kinds.
my $list = $node->safe_psql(
	$db, q{
SELECT p.oid, p.oid::regprocedure, p.prokind, p.proisstrict,
       p.prorettype::regtype, p.proretset,
       coalesce(array_to_string(ARRAY(SELECT t::regtype::text FROM unnest(p.proargtypes::oid[]) AS t), ';'), ''),
       coalesce(array_to_string(ARRAY(SELECT t FROM unnest(p.proargtypes::oid[]) AS t), ';'), ''),
       coalesce(array_to_string(p.proargnames[1:p.pronargs], ';'), ''),
       p.oid::regproc
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'resettle'
ORDER BY p.oid::regprocedure::text
});

# The extension's enum types and their first label.
my %enum_first;
for my $row (split /\n/,
	$node->safe_psql($db,
		q{SELECT t.oid::regtype, (SELECT enumlabel FROM pg_enum WHERE enumtypid = t.oid ORDER BY enumsortorder LIMIT 1)
		  FROM pg_type t WHERE t.typtype = 'e' AND t.typnamespace = 'resettle'::regnamespace}))
{
	my ($t, $l) = split /\|/, $row;
	$enum_first{$t} = $l;
}

my %ident_valid = (
	'resettle.prison_number' => 'A1234BC',
	'resettle.crn' => 'X123456',
	'resettle.pnc_id' => '1979/0163001B',
	'resettle.cro_number' => '065656/91H',
	'resettle.nhs_number' => '9434765919',
	'resettle.nino' => 'AB123456C');

my %row_value = (
	'resettle.custody' => '(SELECT c FROM resettle.custody c ORDER BY id LIMIT 1)',
	'resettle.case_facts' =>
	  '(SELECT f FROM resettle.case_facts f ORDER BY 1 LIMIT 1)',
	'resettle.pseudonym_key' =>
	  '(SELECT k FROM resettle.pseudonym_key k LIMIT 1)');

# An ordinary value of a type, for the positions not under test; text by
# the argument's name.
sub base_value
{
	my ($type, $name) = @_;
	$name //= '';
	return "'A1234BC'::$type" if exists $ident_valid{$type} && $type eq 'resettle.prison_number';
	return "'$ident_valid{$type}'::$type" if exists $ident_valid{$type};
	return "'$enum_first{$type}'::$type" if exists $enum_first{$type};
	return $row_value{$type} if exists $row_value{$type};
	return "true" if $type eq 'boolean';
	return "'\\x0102'::bytea" if $type eq 'bytea';
	return "'sweep_role'::name" if $type eq 'name';
	return "1::bigint" if $type eq 'bigint';
	return "30" if $type eq 'integer';
	return "30::smallint" if $type eq 'smallint';
	return "'2026-01-01'::date" if $type eq 'date';
	return "1.5::$type" if $type =~ /^(numeric|double precision|real)$/;
	return "'A1234BC'::cstring" if $type eq 'cstring';
	if ($type eq 'text')
	{
		return "'A1234BC'" if $name =~ /prison_number|identifier/;
		return "'BXI'" if $name =~ /prison/;
		return "'id.none'" if $name eq 'rule';
		return "'gp_registration'" if $name eq 'need';
		return "'met'" if $name eq 'status';
		return "'sweep'";
	}
	return "NULL::$type";
}

# Values of an input class for a type (SQL expressions); none if the class
# does not apply to the type.
sub class_values
{
	my ($class, $type) = @_;
	my $scalar = !exists $row_value{$type};
	if ($class eq 'null')
	{
		return ("NULL::$type");
	}
	if ($class eq 'empty')
	{
		return $scalar ? ("''::$type") : ();
	}
	if ($class eq 'huge')
	{
		return () unless $scalar;
		return ("repeat('A', 1048576)::bytea") if $type eq 'bytea';
		return ("repeat('A', 1048576)::$type");
	}
	if ($class eq 'dates')
	{
		return () unless $type eq 'date';
		return map { "'$_'::date" }
		  ('infinity', '-infinity', '4713-01-01 BC', '4714-11-24 BC',
			'5874897-12-31');
	}
	if ($class eq 'numbers')
	{
		return ('(-2147483648)::integer', '2147483647::integer')
		  if $type eq 'integer';
		return ('(-9223372036854775808)::bigint', '9223372036854775807::bigint')
		  if $type eq 'bigint';
		return ('(-32768)::smallint', '32767::smallint') if $type eq 'smallint';
		return map { "'$_'::$type" } ('NaN', 'Infinity', '-Infinity')
		  if $type =~ /^(numeric|double precision|real)$/;
		return ();
	}
	if ($class eq 'wrong_value')
	{
		return ("'no_such_value'::$type") if exists $enum_first{$type};
		return ("'no_such_value'") if $type eq 'text';
		return ();
	}
	die "unknown class $class";
}

my @classes = qw(null empty huge dates numbers wrong_value);

# The SQL expression calling a function with the given argument expressions.
sub call_expr
{
	my ($f, @args) = @_;
	if ($f->{kind} eq 'a')
	{
		# an aggregate over a one-row input (min/max of identifier types)
		return "(SELECT $f->{name}(x) FROM (VALUES ($args[0])) AS t(x))";
	}
	if ($f->{io} eq 'in')
	{
		# type input through a cast from text
		my $arg = $args[0];
		$arg =~ s/::cstring$/::text/;
		return "($arg)::$f->{rettype}";
	}
	if ($f->{io} eq 'out')
	{
		return "($args[0])::text";
	}
	my $call = "$f->{name}(" . join(', ', @args) . ")";
	return $f->{retset} ? "(SELECT array_agg(r::text) FROM $call AS r)" : $call;
}

# The driver itself: an internal error, a NULL and a rolled-back write are
# reported as such (so the checks below can fail).
is( $node->safe_psql(
		$db, q{
CREATE FUNCTION public.sweep_internal() RETURNS int LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'boom' USING ERRCODE = 'XX000'; END$$;
SELECT i, state, is_null, counts_changed FROM public.sweep_try(ARRAY[
	'public.sweep_internal()', 'NULL::int', '1',
	'(SELECT resettle.transfer(1, ''no such prison''))',
	'(SELECT resettle.refresh(''2026-06-01'', true) / 0)']) ORDER BY i}),
	"1|XX000||f\n2||t|f\n3||f|f\n4|42704||f\n5|22012||f",
	'driver reports SQLSTATE, NULL result and row counts');

my (%skipped, $nfuncs, %states);
for my $row (split /\n/, $list)
{
	my ($oid, $sig, $kind, $strict, $rettype, $retset, $types, $typeoids,
		$names, $name)
	  = split /\|/, $row, -1;
	my @types = $types eq '' ? () : split /;/, $types;
	my @names = split /;/, $names, -1;
	if ($rettype eq 'trigger' || grep { $_ eq 'internal' } @types)
	{
		$skipped{$sig} = 1;
		next;
	}
	$nfuncs++;
	my $f = {
		name => $name,
		kind => $kind,
		rettype => $rettype,
		retset => $retset eq 't',
		io => ''
	};
	$f->{io} = 'in'  if $sig =~ /_in\(cstring\)$/;
	$f->{io} = 'out' if @types == 1 && $rettype eq 'cstring';
	# pg_catalog.min/max: regprocedure prints them unqualified
	$f->{name} = "pg_catalog.$name" if $kind eq 'a' && $name !~ /\./;
	$types[0] = 'text' if $f->{io} eq 'in';

	my @base = map { base_value($types[$_], $names[$_]) } 0 .. $#types;
	for my $class (@classes)
	{
		my (@calls, @labels, @nullarg);
		for my $pos (0 .. $#types)
		{
			for my $v (class_values($class, $types[$pos]))
			{
				my @args = @base;
				$args[$pos] = $v;
				push @calls, call_expr($f, @args);
				push @labels, "arg " . ($pos + 1) . " = $v";
				push @nullarg, $class eq 'null';
			}
		}
		next unless @calls;
		my $arr = join(',', map { my $c = $_; $c =~ s/'/''/g; "'$c'" } @calls);
		my ($ret, $out, $err) = $node->psql(
			$db,
			"SET statement_timeout = '20s'; SET resettle.today = '2026-01-01';\n"
			  . "SELECT i, coalesce(state, ''), coalesce(msg, ''), coalesce(is_null::text, ''), counts_changed "
			  . "FROM public.sweep_try(ARRAY[$arr]) ORDER BY i");
		my @bad;
		if ($ret != 0)
		{
			push @bad, "psql failed ($ret): $err";
			# a crash: wait for the server to finish crash recovery
			$node->poll_query_until($db, 'SELECT true');
		}
		else
		{
			my @rows = split /\n/, $out;
			push @bad, "expected " . scalar(@calls) . " results, got " . scalar(@rows)
			  if @rows != @calls;
			for my $r (@rows)
			{
				my ($i, $state, $msg, $isnull, $changed) = split /\|/, $r, -1;
				my $label = $labels[ $i - 1 ];
				$states{ $state eq '' ? 'value' : $state }++;
				push @bad, "$label: internal error $state: $msg"
				  if $state =~ /^XX/;
				push @bad, "$label: timed out"
				  if $state eq '57014';
				push @bad, "$label: row counts changed by a failed call"
				  if $changed eq 't';
				# STRICT: a NULL argument gives NULL (a set-returning
				# function no rows, aggregated to NULL)
				push @bad, "$label: STRICT function returned non-NULL ($state)"
				  if $strict eq 't' && $nullarg[ $i - 1 ] && $f->{kind} ne 'a'
				  && $f->{io} eq '' && ($state ne '' || $isnull ne 'true');
			}
		}
		is(join("\n", @bad), '', "$sig: $class");
	}
}

cmp_ok($nfuncs, '>=', 100, "swept $nfuncs functions of the extension");

# Writes through the tables: every date column of a case or record table
# set to each extreme date on an existing row (the triggers then derive
# the handover and readiness from it).  Each statement is rolled back
# whatever happens; it must succeed or fail with a clean error.
$node->safe_psql(
	$db, q{
CREATE FUNCTION public.sweep_write(stmts text[])
RETURNS TABLE (i int, state text, msg text)
LANGUAGE plpgsql AS $fn$
DECLARE
	k int;
BEGIN
	FOR k IN 1 .. coalesce(array_length(stmts, 1), 0) LOOP
		i := k; state := NULL; msg := NULL;
		BEGIN
			EXECUTE stmts[k];
			RAISE EXCEPTION USING ERRCODE = 'RS001', MESSAGE = 'roll back';
		EXCEPTION WHEN OTHERS THEN
			IF SQLSTATE <> 'RS001' THEN
				state := SQLSTATE; msg := left(SQLERRM, 200);
			END IF;
		END;
		RETURN NEXT;
	END LOOP;
END $fn$;
});
my @date_columns = split /\n/, $node->safe_psql(
	$db, q{
SELECT a.attrelid::regclass || '|' || a.attname || '|' ||
       CASE WHEN a.attrelid = 'resettle.person'::regclass THEN 'prison_number = ''A1234BC'''
            WHEN a.attrelid = 'resettle.custody'::regclass THEN 'id = 1'
            ELSE 'custody_id = 1' END
FROM pg_attribute a
WHERE a.attrelid IN ('resettle.person'::regclass, 'resettle.custody'::regclass,
	'resettle.pathway_status'::regclass, 'resettle.assessment'::regclass,
	'resettle.id_document'::regclass, 'resettle.bank_account'::regclass,
	'resettle.accommodation'::regclass, 'resettle.support_need'::regclass,
	'resettle.handover_checklist'::regclass)
  AND a.atttypid = 'date'::regtype AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY 1});
my $counts_before = $node->safe_psql($db, 'SELECT public.sweep_counts()');
for my $col (@date_columns)
{
	my ($table, $column, $where) = split /\|/, $col;
	my @dates = ('infinity', '-infinity', '4714-11-24 BC', '5874897-12-31',
		'294276-12-31', '294277-01-01');
	my $arr = join(',',
		map { my $q = "UPDATE $table SET $column = '$_' WHERE $where"; $q =~ s/'/''/g; "'$q'" } @dates);
	my ($ret, $out, $err) = $node->psql($db,
		"SET resettle.today = '2026-01-01'; SELECT i, coalesce(state, ''), coalesce(msg, '') FROM public.sweep_write(ARRAY[$arr]) ORDER BY i");
	my @bad;
	push @bad, "psql failed ($ret): $err" if $ret != 0;
	for my $r (split /\n/, $out)
	{
		my ($i, $state, $msg) = split /\|/, $r, -1;
		$states{ $state eq '' ? 'write ok' : "write $state" }++;
		push @bad, "$dates[$i - 1]: internal error $state: $msg" if $state =~ /^XX/;
	}
	$node->poll_query_until($db, 'SELECT true') if $ret != 0;
	is(join("\n", @bad), '', "write $table.$column: extreme dates");
}
is($node->safe_psql($db, 'SELECT public.sweep_counts()'), $counts_before,
	'the rolled-back writes left every table as it was');
note("results by SQLSTATE: "
	  . join(', ', map { "$_ $states{$_}" } sort keys %states));
note("skipped (trigger or internal arguments): " . join(', ', sort keys %skipped));

# The server is up, and no backend was ever terminated by a signal.
is($node->safe_psql($db, 'SELECT 1'), '1', 'server up after the sweep');
my $log = slurp_file($node->logfile);
my @crashes = $log =~ /(terminated by signal \d+[^\n]*)/g;
is(join("\n", @crashes), '', 'no backend terminated by a signal');

$node->stop;
done_testing();
