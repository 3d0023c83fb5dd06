-- handover over bench.hcase: the extension's C function, one call per row
SELECT count((resettle.handover(c.sentence_start, crd => c.crd, ard => c.ard, ped => c.ped, ted => c.ted, thd => c.thd,
    indeterminate => c.indeterminate, recall => c.recall, immigration => c.immigration,
    early_allocation => c.early_allocation, open_conditions => c.open_conditions,
    open_since => c.open_since, mappa_level => c.mappa_level,
    additional_isp => c.additional_isp, parole_outcome_not_release => c.parole_outcome_not_release,
    as_of => DATE '2025-06-01', hdced => c.hdced, date_of_birth => c.date_of_birth,
    remand => c.remand, civil => c.civil)).reason) FROM bench.hcase AS c;
