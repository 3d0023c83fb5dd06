# Deterministic mutation testing of the six identifier types' text input.
#
# Every input is cast as a SQL literal ('<input>'::resettle.<type>::text).
# It must either succeed with a canonical output that is a fixed point
# (casting the output gives the output again) and that is_valid_<type>
# accepts, or fail with SQLSTATE 22P02 "invalid input syntax for type
# <type>".  resettle.is_valid_<type>(input) must agree with the cast, and
# resettle.pnc_id(text, date) must behave as well on the pnc_id inputs.
# Inputs are batched (one psql call per type) and passed as dollar-quoted
# literals whose tag never occurs in the input, so no input can break the SQL.

use strict;
use warnings;
use utf8;

use Encode qw(encode decode);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('identifier_inputs');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION resettle');

# try_inputs(type, inputs): for every input, whether the literal cast
# succeeded, the SQLSTATE and message if not, the canonical output, the
# output cast again, is_valid_<type> of the input and of the output.  Text
# comes back hex-encoded so that no input can garble psql's output.
$node->safe_psql(
	'postgres', q{
CREATE FUNCTION public.try_inputs(typ text, inputs text[])
RETURNS TABLE (i int, ok boolean, state text, msg text, output text,
               again text, valid boolean, valid_output boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
	k int;
BEGIN
	FOR k IN 1 .. coalesce(array_length(inputs, 1), 0) LOOP
		i := k; ok := false; state := NULL; msg := NULL; output := NULL;
		again := NULL; valid_output := NULL;
		EXECUTE format('SELECT resettle.%I($1)', 'is_valid_' || typ)
			INTO valid USING inputs[k];
		BEGIN
			EXECUTE format('SELECT %L::resettle.%I::text', inputs[k], typ)
				INTO output;
			ok := true;
		EXCEPTION WHEN OTHERS THEN
			state := SQLSTATE; msg := SQLERRM;
		END;
		IF ok THEN
			BEGIN
				EXECUTE format('SELECT %L::resettle.%I::text', output, typ)
					INTO again;
			EXCEPTION WHEN OTHERS THEN
				again := 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
			END;
			EXECUTE format('SELECT resettle.%I($1)', 'is_valid_' || typ)
				INTO valid_output USING output;
		END IF;
		msg := encode(convert_to(msg, 'UTF8'), 'hex');
		output := encode(convert_to(output, 'UTF8'), 'hex');
		again := encode(convert_to(again, 'UTF8'), 'hex');
		RETURN NEXT;
	END LOOP;
END $fn$;

-- the same for resettle.pnc_id(text, as_of), plus the cast of its output
CREATE FUNCTION public.try_pnc_short(inputs text[], as_of date)
RETURNS TABLE (i int, ok boolean, state text, msg text, output text,
               again text)
LANGUAGE plpgsql AS $fn$
DECLARE
	k int;
BEGIN
	FOR k IN 1 .. coalesce(array_length(inputs, 1), 0) LOOP
		i := k; ok := false; state := NULL; msg := NULL; output := NULL;
		again := NULL;
		BEGIN
			output := resettle.pnc_id(inputs[k], as_of)::text;
			ok := true;
		EXCEPTION WHEN OTHERS THEN
			state := SQLSTATE; msg := SQLERRM;
		END;
		IF ok THEN
			BEGIN
				EXECUTE format('SELECT %L::resettle.pnc_id::text', output)
					INTO again;
			EXCEPTION WHEN OTHERS THEN
				again := 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
			END;
		END IF;
		msg := encode(convert_to(msg, 'UTF8'), 'hex');
		output := encode(convert_to(output, 'UTF8'), 'hex');
		again := encode(convert_to(again, 'UTF8'), 'hex');
		RETURN NEXT;
	END LOOP;
END $fn$;
});

# Valid literals to mutate, per type (from the README and the regression test).
my @types = (
	[
		prison_number => [ 'A1234BC', 'a1234bc', '  A1234BC  ', 'Z9999ZZ', 'g5555hk' ],
		sub { L() . D(4) . L() . L() }
	],
	[
		crn => [ 'X320741', 'x320741', ' X000000 ', 'A999999', 'e654321' ],
		sub { L() . D(6) }
	],
	[
		pnc_id => [
			'1979/0163001B', '2002/0073319Z', '1981/0000034U', '19790163001B',
			'2003/3Y',       '0000/0Z'
		],
		sub { D(4) . (rand() < 0.5 ? '/' : '') . D(1 + int(rand(7))) . L() }
	],
	[
		cro_number => [
			'065656/91H', '65656/91H', 'SF05/482703J', 'sf83/50058z',
			'0/00Z',      'SF00/0Z'
		],
		sub {
			rand() < 0.5
			  ? D(1 + int(rand(6))) . '/' . D(2) . L()
			  : 'SF' . D(2) . '/' . D(1 + int(rand(6))) . L();
		}
	],
	[
		nhs_number =>
		  [ '9434765919', '943 476 5919', '4010232137', '9876543210', '0000000019' ],
		sub { D(10) }
	],
	[
		nino => [ 'AB123456C', 'OA123456A', 'AB 12 34 56 C', ' AB123456B ', 'zy999999d' ],
		sub { L() . L() . D(6) . L() }
	],
);

# Characters mutations draw from: separators, digits, letters in both
# cases, whitespace, quotes and SQL/psql metacharacters, multibyte UTF-8.
my @pool = (
	' ', '/', '-', '.', ':', ';', "\t", "\n", "\r", "'", '"', '\\', '$',
	'$$', '%', ':v', '(', ')', '0' .. '9', 'A' .. 'Z', 'a' .. 'z',
	'é', 'Ä', '１', 'Ａ', '€', "\x{1D7D8}", "\x{00A0}", "\x{FEFF}");

sub D { join '', map { int(rand(10)) } 1 .. $_[0] }
sub L { chr(ord('A') + int(rand(26))) }
sub pick { $_[ int(rand(@_)) ] }

sub mutate
{
	my ($s) = @_;
	my $n = 1 + int(rand(3));
	for (1 .. $n)
	{
		my $op  = int(rand(9));
		my $pos = int(rand(length($s) + 1));
		if ($op == 0)    # insert
		{
			substr($s, $pos, 0) = pick(@pool);
		}
		elsif ($op == 1 && length $s)    # replace
		{
			$pos = int(rand(length $s));
			substr($s, $pos, 1) = pick(@pool);
		}
		elsif ($op == 2 && length $s)    # delete
		{
			$pos = int(rand(length $s));
			substr($s, $pos, 1) = '';
		}
		elsif ($op == 3 && length($s) > 1)    # swap neighbours
		{
			$pos = int(rand(length($s) - 1));
			substr($s, $pos, 2) = reverse substr($s, $pos, 2);
		}
		elsif ($op == 4)                      # flip the case of everything
		{
			$s =~ tr/A-Za-z/a-zA-Z/;
		}
		elsif ($op == 5)                      # truncate
		{
			$s = substr($s, 0, $pos);
		}
		elsif ($op == 6)                      # pad with whitespace
		{
			my $pad = pick(' ', "\t", "\n", '  ', "\x{00A0}");
			$s = rand() < 0.5 ? $pad . $s : $s . $pad;
		}
		elsif ($op == 7)                      # duplicate a run
		{
			my $len = 1 + int(rand(3));
			substr($s, $pos, 0) = substr($s, $pos, $len);
		}
		else                                  # change one digit
		{
			my @d;
			push @d, $-[0] while $s =~ /[0-9]/g;
			substr($s, pick(@d), 1) = int(rand(10)) if @d;
		}
	}
	return $s;
}

# printable representation for test names
sub show
{
	my ($s) = @_;
	my $t = length($s) > 40 ? substr($s, 0, 30) . '...(' . length($s) . ' chars)' : $s;
	$t =~ s/([^\x20-\x7e])/sprintf('\\x{%X}', ord $1)/ge;
	return "'$t'";
}

# a dollar-quoted literal whose tag does not occur in the string
sub dollar_quote
{
	my ($s) = @_;
	my $n = 0;
	$n++ while index($s, "\$q$n\$") >= 0;
	return "\$q$n\$$s\$q$n\$";
}

sub text_array
{
	return 'ARRAY[' . join(', ', map { dollar_quote($_) } @_) . ']::text[]';
}

sub unhex { return decode('UTF-8', pack('H*', $_[0]), Encode::FB_CROAK); }

# Run a batch query; return its rows as arrays of fields.
sub run_batch
{
	my ($what, $sql) = @_;
	my ($ret, $out, $err) = $node->psql('postgres', encode('UTF-8', $sql));
	is($ret, 0, "$what: batch query ran") or diag($err);
	return map { [ split /\|/, $_, -1 ] } grep { length } split /\n/, $out;
}

srand(20240601);
my $pnc_as_of = '2026-11-23';
my %summary;

foreach my $t (@types)
{
	my ($type, $seeds, $shaped) = @$t;

	my @inputs = @$seeds;
	foreach my $seed (@$seeds)
	{
		push @inputs, mutate($seed) for 1 .. 150;
	}
	# random strings shaped like the type (some valid) and fully random ones
	push @inputs, $shaped->() for 1 .. 100;
	push @inputs, join('', map { chr(32 + int(rand(95))) } 1 .. int(rand(25)))
	  for 1 .. 100;
	# extremes
	my $v = $seeds->[0];
	push @inputs, '', ' ', "\t", "'", "''", "\\", "$v'", "';SELECT 1;--",
	  "\$\$$v\$\$", "\$q0\$", "\x{00E9}" x 100_000, 'A' x 100_000,
	  '9' x 100_000, (' ' x 100_000) . $v, $v . (' ' x 100_000),
	  $v . ('/' x 100_000), substr($v x 20_000, 0, 100_000);

	my %seen;
	@inputs = grep { !$seen{$_}++ } @inputs;

	my @rows = run_batch($type,
		"SELECT * FROM public.try_inputs('$type', " . text_array(@inputs) . ')');
	is(scalar @rows, scalar @inputs, "$type: one result per input");

	my ($accepted, $rejected) = (0, 0);
	foreach my $r (@rows)
	{
		my ($i, $ok, $state, $msg, $output, $again, $valid, $valid_output) = @$r;
		my $input = $inputs[ $i - 1 ];
		my $name  = "$type " . show($input);
		$_ = unhex($_) for $msg, $output, $again;

		if ($ok eq 't')
		{
			$accepted++;
			ok( length($output)
				  && $again eq $output
				  && $valid_output eq 't'
				  && $output !~ /^\s|\s$/,
				"$name: accepted, canonical output is a valid fixed point")
			  or diag("output '$output', output cast again '$again', "
				  . "is_valid(output) '$valid_output'");
		}
		else
		{
			$rejected++;
			ok( $state eq '22P02'
				  && $msg =~ /^invalid input syntax for type \Q$type\E: /,
				"$name: rejected with 22P02 invalid input syntax")
			  or diag("SQLSTATE $state: " . substr($msg, 0, 200));
		}
		is($valid, $ok, "$name: is_valid_$type agrees with the cast");
	}
	# the seeds are valid, and the mutations reach both outcomes
	ok(!grep({ !defined $_->[1] || $_->[1] ne 't' } @rows[ 0 .. $#$seeds ]),
		"$type: every seed literal is accepted");
	cmp_ok($accepted, '>=', 40,  "$type: enough accepted inputs ($accepted)");
	cmp_ok($rejected, '>=', 300, "$type: enough rejected inputs ($rejected)");
	$summary{$type} = [ $accepted, $rejected, \@inputs, \@rows ];
}

# resettle.pnc_id(text, date) on the pnc_id inputs and their 2-digit-year
# forms: a valid fixed point or 22P02, and the cast's result wherever the
# cast succeeds (a 4-digit year does not depend on as_of).
{
	my (undef, undef, $pnc_inputs, $pnc_rows) = @{ $summary{pnc_id} };
	my %cast = map { ($pnc_inputs->[ $_->[0] - 1 ] => $_) } @$pnc_rows;
	my @inputs = @$pnc_inputs;
	push @inputs, map { mutate($_) } ('81/34U', '02/73319Z', '033Y', '79163001B')
	  for 1 .. 50;
	my %seen;
	@inputs = grep { !$seen{$_}++ } @inputs;

	my @rows = run_batch('pnc_id(text, date)',
		    'SELECT * FROM public.try_pnc_short('
		  . text_array(@inputs)
		  . ", '$pnc_as_of')");
	is(scalar @rows, scalar @inputs, 'pnc_id(text, date): one result per input');
	foreach my $r (@rows)
	{
		my ($i, $ok, $state, $msg, $output, $again) = @$r;
		my $input = $inputs[ $i - 1 ];
		my $name  = 'pnc_id(' . show($input) . ", '$pnc_as_of')";
		$_ = unhex($_) for $msg, $output, $again;
		my $c = $cast{$input};

		if ($ok eq 't')
		{
			ok( length($output)
				  && $again eq $output
				  && (!$c || $c->[1] ne 't' || unhex($c->[4]) eq $output),
				"$name: accepted, a valid fixed point, the cast's if it has one")
			  or diag("output '$output', output cast again '$again'");
		}
		else
		{
			ok( $state eq '22P02'
				  && $msg =~ /^invalid input syntax for type pnc_id: /
				  && (!$c || $c->[1] ne 't'),
				"$name: rejected with 22P02, and so is the cast")
			  or diag("SQLSTATE $state: " . substr($msg, 0, 200));
		}
	}
}

# A few rejected inputs through the plain client path: the error a client
# sees on stderr, with the SQLSTATE shown by VERBOSITY verbose.
foreach my $type (map { $_->[0] } @types)
{
	my (undef, undef, $inputs, $rows) = @{ $summary{$type} };
	my @bad = grep { $_->[1] ne 't' } @$rows;
	foreach my $r (@bad[ 0 .. 4 ], $bad[-1])
	{
		my $input = $inputs->[ $r->[0] - 1 ];
		my ($ret, $out, $err) = $node->psql('postgres',
			encode('UTF-8',
				"\\set VERBOSITY verbose\nSELECT "
				  . dollar_quote($input)
				  . "::resettle.${type}::text;\n"));
		ok( $ret != 0
			  && $out eq ''
			  && $err =~ /ERROR:  22P02: invalid input syntax for type \Q$type\E: /,
			"$type " . show($input) . ': client sees ERROR 22P02')
		  or diag("rc $ret, stdout '$out', stderr " . substr($err, 0, 300));
	}
	my $good = $inputs->[ (grep { $_->[1] eq 't' } @$rows)[-1][0] - 1 ];
	my ($ret, $out, $err) = $node->psql('postgres',
		encode('UTF-8', 'SELECT ' . dollar_quote($good) . "::resettle.${type}::text"));
	ok($ret == 0 && $out =~ /^\S+$/ && $err eq '',
		"$type " . show($good) . ': client sees the canonical text')
	  or diag("rc $ret, stdout '$out', stderr '$err'");
}

# The server survived all of it.
is($node->safe_psql('postgres', 'SELECT 1'), '1', 'server still answers');
my $log = slurp_file($node->logfile);
unlike($log, qr/TRAP/, 'no assertion failure in the server log');
unlike($log, qr/server process.*terminated by signal/,
	'no backend terminated by a signal');

$node->stop;
done_testing();
