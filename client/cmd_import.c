/*
 * cmd_import.c: resettle import prisoners FILE: send a Prisoner Search
 * export to resettle.import_prisoners() (sql/functions/import_prisoners.sql)
 * in batches, in one transaction, and say what became of its records.
 *
 * The client checks that the file is JSON and finds its records
 * (json_records.c: an array, NDJSON or a Spring page); the server maps,
 * checks and applies each record and says, for each, inserted, updated,
 * unchanged or rejected with the field and the reason.  A file that is not
 * JSON is refused before connecting.  --strict and --dry-run roll the
 * transaction back (--strict only when a record was rejected).
 */
#include "resettle.h"
#include "json_records.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* records per call, and the most bytes of records per call */
#define BATCH_RECORDS 500
#define BATCH_BYTES (8 * 1024 * 1024)
/* rejected records shown on stderr (all go to --rejects) */
#define SHOW_REJECTED 20

typedef struct
{
	long		read;
	long		inserted;
	long		updated;
	long		unchanged;
	long		rejected;
} Tally;

/* the whole of FILE ("-": standard input); exits on failure */
static char *
read_all(const char *path, size_t *lenp)
{
	FILE	   *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	   *buf = NULL;
	size_t		len = 0;
	size_t		cap = 0;

	if (in == NULL)
		fatal(EXIT_ERROR, "could not open \"%s\": %s", path, strerror(errno));
	for (;;)
	{
		size_t		n;

		if (cap - len < 65536)
		{
			char	   *b;

			cap = cap ? cap * 2 : 1024 * 1024;
			b = realloc(buf, cap + 1);
			if (b == NULL)
				fatal(EXIT_ERROR, "out of memory reading \"%s\"", path);
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, in);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(in))
		fatal(EXIT_ERROR, "could not read \"%s\": %s", path, strerror(errno));
	if (in != stdin)
		fclose(in);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/* one rejected record: to stderr (the first few) and to the rejects file */
static void
report_rejected(FILE *rejects, long line, const char *key, const char *reason, long nth)
{
	const char *sep = strstr(reason, ": ");
	char	   *field = sep != NULL ? strndup(reason, sep - reason) : strdup("record");
	const char *why = sep != NULL ? sep + 2 : reason;

	if (field == NULL)
		fatal(EXIT_ERROR, "out of memory");
	if (!opts.quiet && nth <= SHOW_REJECTED)
	{
		char	   *msg;

		if (asprintf(&msg, "line %ld (%s): %s", line, key[0] ? key : "no key", reason) < 0)
			fatal(EXIT_ERROR, "out of memory");
		fprintf(stderr, "%s: rejected: ", progname);
		print_message(stderr, msg);
		fputc('\n', stderr);
		free(msg);
	}
	if (rejects != NULL)
	{
		fprintf(rejects, "{\"line\":%ld,\"record_key\":", line);
		if (key[0])
			json_write_string(rejects, key);
		else
			fputs("null", rejects);
		fputs(",\"field\":", rejects);
		json_write_string(rejects, field);
		fputs(",\"reason\":", rejects);
		json_write_string(rejects, why);
		fputs("}\n", rejects);
	}
	free(field);
}

int
cmd_import(int argc, char **argv)
{
	const char *path;
	char	   *text;
	size_t		len;
	JsonRecords recs;
	FILE	   *rejects = NULL;
	PGconn	   *conn;
	Tally		t = {0};
	size_t		i;
	char	   *batch;
	bool		applied;
	FILE	   *summary;

	if (argc != 2)
		usage_error("import needs a source and a FILE (import prisoners FILE)");
	if (strcmp(argv[0], "prisoners") != 0)
		usage_error("unknown source \"%s\" for import (expected prisoners)", argv[0]);
	path = argv[1];

	/* the file first: one that is not JSON is refused before anything is sent */
	text = read_all(path, &len);
	if (!json_records(text, len, &recs))
	{
		if (strcmp(recs.error, "out of memory") == 0)
			fatal(EXIT_ERROR, "out of memory finding the records of \"%s\"", path);
		fatal(EXIT_ERROR, "\"%s\" is not JSON: at byte offset %zu (line %ld): %s; nothing imported",
			  path, recs.error_offset, recs.error_line, recs.error);
	}
	if (opts.rejects != NULL)
	{
		rejects = strcmp(opts.rejects, "-") == 0 ? stdout : fopen(opts.rejects, "w");
		if (rejects == NULL)
			fatal(EXIT_ERROR, "could not open \"%s\": %s", opts.rejects, strerror(errno));
	}

	conn = connect_db(FMT_DEFAULT);
	PQclear(run_query(conn, "BEGIN", 0, NULL));
	for (i = 0; i < recs.nrecords;)
	{
		size_t		first = i;
		size_t		used = 1;
		const char *params[2];
		PGresult   *res;
		int			row;

		/* a JSON array of the next records, as they are in the file */
		for (; i < recs.nrecords && i - first < BATCH_RECORDS &&
			 (i == first || used + recs.records[i].len + 2 <= BATCH_BYTES); i++)
			used += recs.records[i].len + 1;
		batch = malloc(used + 2);
		if (batch == NULL)
			fatal(EXIT_ERROR, "out of memory");
		{
			size_t		at = 0;
			size_t		k;

			batch[at++] = '[';
			for (k = first; k < i; k++)
			{
				if (k > first)
					batch[at++] = ',';
				memcpy(batch + at, text + recs.records[k].start, recs.records[k].len);
				at += recs.records[k].len;
			}
			batch[at++] = ']';
			batch[at] = '\0';
		}
		params[0] = batch;
		params[1] = opts.as_of;
		res = run_query(conn, "SELECT line, record_key, action, reason"
						" FROM resettle.import_prisoners($1::jsonb, $2::date)",
						2, params);
		for (row = 0; row < PQntuples(res); row++)
		{
			long		n = strtol(PQgetvalue(res, row, 0), NULL, 10);
			const char *action = PQgetvalue(res, row, 2);
			long		line = (n >= 1 && (size_t) n <= i - first) ?
				recs.records[first + n - 1].line : 0;

			t.read++;
			if (strcmp(action, "inserted") == 0)
				t.inserted++;
			else if (strcmp(action, "updated") == 0)
				t.updated++;
			else if (strcmp(action, "unchanged") == 0)
				t.unchanged++;
			else
			{
				t.rejected++;
				report_rejected(rejects, line, PQgetvalue(res, row, 1),
								PQgetvalue(res, row, 3), t.rejected);
			}
		}
		PQclear(res);
		free(batch);
	}
	applied = !opts.dry_run && !(opts.strict && t.rejected > 0);
	PQclear(run_query(conn, applied ? "COMMIT" : "ROLLBACK", 0, NULL));
	finish_db(conn);
	if (!opts.quiet && t.rejected > SHOW_REJECTED)
		fprintf(stderr, "%s: %ld more rejected records not shown%s\n", progname,
				t.rejected - SHOW_REJECTED, rejects != NULL ? " (all are in the rejects file)" : "");
	if (rejects != NULL && rejects != stdout && fclose(rejects) != 0)
		fatal(EXIT_ERROR, "could not write \"%s\": %s", opts.rejects, strerror(errno));

	/* the summary on stdout, unless the rejects go there */
	summary = rejects == stdout ? stderr : stdout;
	fprintf(summary, "read %ld, applied %ld (%ld inserted, %ld updated), unchanged %ld, rejected %ld%s\n",
		   t.read, t.inserted + t.updated, t.inserted, t.updated, t.unchanged, t.rejected,
		   opts.dry_run ? "; dry run: nothing applied" :
		   !applied ? "; --strict: nothing applied" : "");
	json_records_free(&recs);
	free(text);
	return t.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
}
