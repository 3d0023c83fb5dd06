# bench/seqscan_flag.awk: used by scripts/bench for the scale run (BENCH_SCALE_RUN).
# Flag sequential scans in EXPLAIN ANALYZE text output whose filter throws
# away most of what they read: where an index on the filter could serve.
function flush() {
	if (cur != "") {
		verdict = (removed > 10 * rows && removed > 10000) ? "FLAG: filter removes " removed " of " removed + rows " rows; an index may serve" : "ok: keeps " rows " of " removed + rows " rows read"
		printf "    %s\n      %s%s\n", cur, verdict, (filt != "" ? "\n      " filt : "")
	}
	cur = ""; filt = ""; removed = 0; rows = 0; loops = 1
}
/Seq Scan on/ {
	flush()
	cur = $0; sub(/^ *(-> *)?/, "", cur); sub(/  \(cost.*/, "", cur)
	if (match($0, /actual time=[0-9.]+\.\.[0-9.]+ rows=[0-9]+ loops=[0-9]+/)) {
		split(substr($0, RSTART, RLENGTH), a, /[= ]/); loops = a[7]; rows = a[5] * loops
	}
	next
}
cur != "" && /Rows Removed by Filter:/ { removed = $NF * loops; next }
cur != "" && /Filter:/ { f = $0; sub(/^ */, "", f); filt = f; next }
cur != "" && /(->|Buffers|Execution Time|Planning)/ { flush() }
END { flush() }
