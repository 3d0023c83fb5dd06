-- the floor: built-in date functions over the same columns (the ERD and the
-- handover date of the common rows in one SQL expression; not a full
-- implementation, only the cost of reading the columns and doing the date
-- arithmetic with PostgreSQL's own functions)
SELECT count(CASE
  WHEN c.civil OR c.remand OR c.sentence_start IS NULL
       OR c.date_of_birth > DATE '2025-06-01' - interval '18 years' THEN NULL
  WHEN c.recall OR c.immigration OR c.additional_isp THEN NULL
  WHEN c.early_allocation THEN (COALESCE(c.ped, LEAST(c.ard, c.crd), c.ted, c.thd) - interval '15 months')::date
  WHEN c.indeterminate THEN (COALESCE(c.ted, c.thd) - interval '12 months')::date
  WHEN (c.sentence_start + interval '10 months')::date >= COALESCE(c.ped, LEAST(c.ard, c.crd)) THEN NULL
  WHEN c.ped IS NOT NULL THEN (c.ped - interval '12 months')::date
  ELSE (LEAST(c.ard, c.crd) - interval '8 months 14 days')::date END)
FROM bench.hcase AS c;
