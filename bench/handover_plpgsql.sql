-- bench/handover_plpgsql.sql: the OMiC handover calculation written the way a
-- user without the extension's C would write it: one PL/pgSQL function with
-- the same arguments and result as resettle.handover(...).
--
-- The current rules (HANDOVER_RULES_2024_05, docs/rules.md "Decision table"):
-- the in-scope gate, the ERD, rows 1-12 and the open-conditions start date,
-- with PostgreSQL's own date arithmetic (date - interval: months first,
-- clamped to the month's end, then days; exactly what the C code mirrors).
-- Historical rule versions are not reimplemented: rules_as_of before
-- 2024-05-01 raises an error.  scripts/bench checks that this function and
-- the C one return identical rows on the benchmark data before timing them.
CREATE SCHEMA IF NOT EXISTS bench;

CREATE OR REPLACE FUNCTION bench.handover_plpgsql(
	sentence_start date,
	crd date DEFAULT NULL,
	ard date DEFAULT NULL,
	ped date DEFAULT NULL,
	ted date DEFAULT NULL,
	thd date DEFAULT NULL,
	indeterminate boolean DEFAULT false,
	recall boolean DEFAULT false,
	immigration boolean DEFAULT false,
	early_allocation boolean DEFAULT false,
	open_conditions boolean DEFAULT false,
	open_since date DEFAULT NULL,
	mappa_level integer DEFAULT NULL,
	additional_isp boolean DEFAULT false,
	parole_outcome_not_release boolean DEFAULT false,
	as_of date DEFAULT CURRENT_DATE,
	hdced date DEFAULT NULL,
	date_of_birth date DEFAULT NULL,
	remand boolean DEFAULT false,
	civil boolean DEFAULT false,
	crc_case boolean DEFAULT false,
	rules_as_of date DEFAULT NULL,
	release_date date DEFAULT NULL,
	OUT responsibility resettle.responsibility,
	OUT start_date date,
	OUT handover_date date,
	OUT reason text)
RETURNS record
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
	v_indeterminate boolean := COALESCE(indeterminate, false);
	v_recall boolean := COALESCE(recall, false);
	v_immigration boolean := COALESCE(immigration, false);
	v_mappa integer := COALESCE(mappa_level, -1);
	birthday date;
	erd date;
	hd date;
BEGIN
	IF as_of IS NULL THEN
		as_of := CURRENT_DATE;
	END IF;
	IF rules_as_of IS NOT NULL AND rules_as_of < DATE '2024-05-01' THEN
		RAISE EXCEPTION 'bench.handover_plpgsql implements only the current rules (2024-05)';
	END IF;

	-- in-scope gate
	IF COALESCE(civil, false) THEN
		reason := 'out_of_scope_civil';
		RETURN;
	END IF;
	IF date_of_birth IS NOT NULL THEN
		-- the 18th birthday; 29 February becomes 1 March in a common year
		birthday := (date_of_birth + interval '18 years')::date;
		IF extract(month FROM date_of_birth) = 2 AND extract(day FROM date_of_birth) = 29
		   AND extract(day FROM birthday) = 28 THEN
			birthday := birthday + 1;
		END IF;
		IF as_of < birthday THEN
			reason := 'out_of_scope_under_18';
			RETURN;
		END IF;
	END IF;
	IF COALESCE(remand, false)
	   OR (NOT (sentence_start IS NOT NULL
	            AND (release_date IS NOT NULL OR crd IS NOT NULL OR ard IS NOT NULL OR ped IS NOT NULL
	                 OR hdced IS NOT NULL OR ted IS NOT NULL OR v_indeterminate))
	       AND NOT v_immigration) THEN
		reason := 'out_of_scope_unsentenced';
		RETURN;
	END IF;

	-- rows 1-4: indeterminate sentences with an additional ISP or a THD far off
	IF v_indeterminate THEN
		IF COALESCE(additional_isp, false) THEN
			responsibility := 'custody_only';
			reason := 'additional_isp';
			RETURN;
		END IF;
		IF thd IS NOT NULL AND thd > (as_of + interval '12 months')::date THEN
			IF v_recall AND v_mappa < 2 THEN
				responsibility := 'custody_with_com';
				reason := 'recall_thd_over_12_months';
				RETURN;
			ELSIF COALESCE(parole_outcome_not_release, false) AND v_mappa IN (2, 3) THEN
				responsibility := 'community';
				reason := 'parole_mappa_2_3';
				RETURN;
			ELSIF COALESCE(parole_outcome_not_release, false) THEN
				responsibility := 'custody_with_com';
				reason := 'thd_over_12_months';
				RETURN;
			END IF;
		END IF;
	END IF;

	-- rows 5-7
	IF v_recall THEN
		responsibility := 'community';
		reason := 'recall_case';
		RETURN;
	END IF;
	IF v_immigration THEN
		responsibility := 'community';
		reason := 'immigration_case';
		RETURN;
	END IF;

	-- the earliest release date for handover
	IF v_indeterminate THEN
		IF ted > as_of THEN
			erd := ted;
		ELSIF thd > as_of THEN
			erd := thd;
		ELSIF ted IS NOT NULL AND thd IS NOT NULL THEN
			erd := CASE WHEN abs(thd - as_of) < abs(ted - as_of) THEN thd ELSE ted END;
		ELSE
			erd := COALESCE(ted, thd);
		END IF;
	ELSE
		erd := COALESCE(ped, LEAST(ard, crd));
	END IF;
	IF erd IS NULL THEN
		responsibility := 'custody_only';
		reason := 'release_date_unknown';
		RETURN;
	END IF;

	-- rows 8-12
	IF COALESCE(early_allocation, false) THEN
		hd := (erd - interval '15 months')::date;
		reason := 'early_allocation';
	ELSIF v_indeterminate THEN
		hd := (erd - interval '12 months')::date;
		reason := CASE WHEN COALESCE(open_conditions, false)
		               THEN 'indeterminate_open' ELSE 'indeterminate' END;
	ELSIF sentence_start IS NOT NULL
	      AND (sentence_start + interval '10 months')::date >= erd THEN
		responsibility := 'community';
		reason := 'determinate_short';
		RETURN;
	ELSIF ped IS NOT NULL THEN
		hd := (erd - interval '12 months')::date;
		reason := 'determinate_parole';
	ELSE
		hd := (erd - interval '8 months 14 days')::date;
		reason := 'determinate';
	END IF;

	handover_date := hd;
	start_date := hd;
	IF v_indeterminate AND COALESCE(open_conditions, false)
	   AND open_since IS NOT NULL AND open_since < hd THEN
		start_date := open_since;
	END IF;
	responsibility := CASE WHEN as_of < start_date THEN 'custody_only'
	                       WHEN as_of < hd THEN 'custody_with_com'
	                       ELSE 'community' END;
END
$$;
