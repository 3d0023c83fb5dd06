# Makefile for resettle: the PostgreSQL extension (PGXS) and its client.
#
#   make            build the extension (and the client)
#   make install    install them into the PostgreSQL found by $(PG_CONFIG)
#   make test       set up everything, build, install, run every test suite
#   make demo       set up everything and start a throwaway demo cluster
#   make fuzz       run the libFuzzer harnesses (clang, ASan + UBSan)
#   make soak       concurrency soak with pgbench (SOAK_SECONDS, default 600)
#   make bench      benchmarks against what a user would write instead (docs/benchmarks.md)
#   make deb        the Debian package postgresql-15-resettle, in build/deb/
#
# PG_CONFIG is taken from PATH unless given: make PG_CONFIG=/path/to/pg_config

EXTENSION = resettle
# the one source of the version: the control file's default_version
EXTVERSION := $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

# Pure C sources: no postgres.h, unit-tested and fuzzed outside the server.
PURE_SRCS = \
	extension/identifier.c \
	extension/date_arith.c \
	extension/handover_rules.c \
	extension/readiness_rules.c \
	extension/text_blank.c

# Server-side sources.
SERVER_SRCS = \
	extension/resettle.c \
	extension/identifier_types.c \
	extension/handover.c \
	extension/custody_trigger.c \
	extension/readiness.c \
	extension/readiness_batch.c \
	extension/append_only.c \
	extension/case_audit.c \
	extension/owner_rights.c \
	extension/visibility.c \
	extension/case_data.c \
	extension/gap_cases.c

MODULE_big = $(EXTENSION)
OBJS = $(SERVER_SRCS:.c=.o) $(PURE_SRCS:.c=.o)

# The install script is assembled from one file per concern, in this order.
IDENTIFIER_TYPES = prison_number crn pnc_id cro_number nhs_number nino
SQL_PARTS = \
	sql/preamble.sql \
	sql/build/identifier_types.sql \
	sql/types/identifier_extras.sql \
	sql/types/enums.sql \
	sql/functions/text_blank.sql \
	sql/tables/prison.sql \
	sql/data/prison.sql \
	sql/data/prison_local.sql \
	sql/tables/case.sql \
	sql/tables/case_records.sql \
	sql/tables/readiness_details.sql \
	sql/tables/custody_person_name.sql \
	sql/functions/handover.sql \
	sql/functions/handover_flags.sql \
	sql/functions/custody_trigger.sql \
	sql/tables/readiness.sql \
	sql/views/case_facts.sql \
	sql/functions/evaluate.sql \
	sql/functions/release_outcome.sql \
	sql/tables/release_outcome_1_2.sql \
	sql/functions/readiness.sql \
	sql/tables/rule_settings.sql \
	sql/functions/person_rederive.sql \
	sql/functions/measures.sql \
	sql/access/roles.sql \
	sql/access/staff_pom.sql \
	sql/access/visibility.sql \
	sql/access/audit.sql \
	sql/access/pseudonym_key.sql \
	sql/access/pseudonym.sql \
	sql/access/scoped_views.sql \
	sql/client/case_readiness.sql \
	sql/client/worklists.sql \
	sql/client/case_card.sql \
	sql/client/record_update.sql \
	sql/views/case_lists.sql \
	sql/views/measures.sql \
	sql/access/analyst_views.sql \
	sql/client/analyst_stats.sql \
	sql/client/report.sql \
	sql/access/row_security.sql \
	sql/views/refresh_status.sql \
	sql/tables/custody_indexes_1_1.sql \
	sql/functions/defer_recompute.sql \
	sql/access/grants.sql \
	sql/tables/text_limits.sql \
	sql/tables/com_recorded.sql \
	sql/tables/indexes_1_2.sql \
	sql/tables/custody_layout.sql \
	sql/tables/custody_booking.sql \
	sql/functions/import_prisoners.sql

# Published versions' install and upgrade scripts are frozen files, committed
# verbatim and never edited (their checksums are in sql/published.sha256;
# make test fails if one changes).  Only the unreleased version's install
# script and the upgrade to it are assembled from the parts.
PUBLISHED = sql/$(EXTENSION)--1.0.sql sql/$(EXTENSION)--1.0--1.1.sql sql/$(EXTENSION)--1.1.sql
# The upgrade from 1.1 to 1.2 changes tables in place and drops the code
# 1.2 replaces (sql/upgrade/1.1--1.2.sql), then runs these parts of the
# install script, in its order: the code, new or replaced, and the new
# constraints, so that an upgraded database equals a fresh install.
UPGRADE_1_2_PARTS = \
	sql/functions/text_blank.sql \
	sql/tables/readiness_details.sql \
	sql/tables/custody_person_name.sql \
	sql/functions/handover.sql \
	sql/functions/handover_flags.sql \
	sql/views/case_facts.sql \
	sql/functions/evaluate.sql \
	sql/functions/release_outcome.sql \
	sql/tables/release_outcome_1_2.sql \
	sql/tables/rule_settings.sql \
	sql/functions/person_rederive.sql \
	sql/functions/measures.sql \
	sql/access/staff_pom.sql \
	sql/access/visibility.sql \
	sql/access/pseudonym.sql \
	sql/access/scoped_views.sql \
	sql/client/case_readiness.sql \
	sql/client/worklists.sql \
	sql/client/case_card.sql \
	sql/client/record_update.sql \
	sql/views/case_lists.sql \
	sql/views/measures.sql \
	sql/access/analyst_views.sql \
	sql/client/analyst_stats.sql \
	sql/client/report.sql \
	sql/access/row_security.sql \
	sql/access/grants.sql \
	sql/tables/text_limits.sql \
	sql/tables/com_recorded.sql \
	sql/tables/indexes_1_2.sql \
	sql/tables/custody_layout.sql \
	sql/tables/custody_booking.sql \
	sql/functions/import_prisoners.sql
UPGRADES = sql/$(EXTENSION)--1.1--1.2.sql

# The PGXS test contract, as pgvector and contrib keep it: after make
# install, make installcheck runs pg_regress (in test/schedule's order) and
# the isolation specs against the server that PGHOST/PGPORT name, and make
# prove_installcheck the TAP tests (which start servers of their own), each
# as an ordinary user.  make test sets up a fresh machine and a throwaway
# server, then runs these same targets.
REGRESS = $(shell sed -n 's/^test: *//p' test/schedule)
REGRESS_OPTS = --inputdir=test --outputdir=test --load-extension=$(EXTENSION) --encoding=UTF8 --no-locale
ISOLATION = $(sort $(basename $(notdir $(wildcard test/specs/*.spec))))
ISOLATION_OPTS = --inputdir=test --outputdir=test/output_iso --load-extension=$(EXTENSION) --encoding=UTF8 --no-locale
PROVE_TESTS = test/t/*.pl

DATA = $(PUBLISHED)
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql $(UPGRADES)
EXTRA_CLEAN = sql/build build

# Warnings are errors unless WERROR= is given (CI builds with the default).
WERROR ?= -Werror
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers $(WERROR)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Only PostgreSQL 15 is built and tested (README "Requirements"); stop with
# a clear message rather than fail somewhere in the C with another major
# version's headers.  (No pg_config yet, as on a fresh machine before make
# test installs the packages: nothing to check.)
ifneq ($(MAJORVERSION),)
ifneq ($(MAJORVERSION),15)
$(error resettle is built and tested with PostgreSQL 15 only, and $(PG_CONFIG) is PostgreSQL $(MAJORVERSION): give PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config)
endif
endif

# A header change rebuilds every object: the fact lists (extension/*_list.h)
# generate code in several files.
$(OBJS): $(wildcard extension/*.h)

sql/build/identifier_types.sql: sql/types/identifier_type.sql.in
	@mkdir -p sql/build
	for t in $(IDENTIFIER_TYPES); do \
		sed -e "s/@TYPE@/$$t/g" $< || exit 1; \
	done > $@

# the part order is in this Makefile: a reordering rebuilds the script
sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) Makefile
	cat $(SQL_PARTS) > $@

# The upgrade replaces case_facts in place (sql/views/case_facts.sql: 1.1's
# functions of its row type stay); the install script only creates.
sql/$(EXTENSION)--1.1--1.2.sql: sql/upgrade/1.1--1.2.sql $(UPGRADE_1_2_PARTS) sql/upgrade/1.1--1.2-finish.sql Makefile
	cat sql/upgrade/1.1--1.2.sql $(UPGRADE_1_2_PARTS) sql/upgrade/1.1--1.2-finish.sql | \
		sed 's/^CREATE VIEW resettle\.case_facts AS$$/CREATE OR REPLACE VIEW resettle.case_facts AS/' > $@

# The TAP tests, from the source tree: sessions in London time (so that the
# tests' current_date is the extension's today at any hour) and UTF-8.
.PHONY: prove_installcheck
prove_installcheck: export RESETTLE_SRCDIR = $(CURDIR)
prove_installcheck: export PGTZ = Europe/London
prove_installcheck: export LC_ALL = C.UTF-8
prove_installcheck: export PGAPPNAME =
prove_installcheck:
	$(prove_installcheck)

# Test, demo and fuzz drivers live in scripts/; they do their own
# set-up (packages, build, install) and start throwaway clusters as an
# unprivileged user, never touching the machine's default cluster.
.PHONY: test demo demo-stop fuzz soak bench deb deb-test

test:
	@bash scripts/run-tests

demo:
	@bash scripts/demo start

demo-stop:
	@bash scripts/demo stop

fuzz:
	@bash scripts/fuzz

bench:
	@bash scripts/bench

# The Debian package (debian/, pg_buildext): build it into build/deb/, or
# build, install, use and remove it (as root, on a fresh machine).
deb:
	@bash scripts/package build

deb-test:
	@bash scripts/package test

# Concurrency soak: pgbench for SOAK_SECONDS (default 600), then invariants.
soak:
	@bash scripts/soak

# Pure-C unit tests and fuzz-corpus replay (used by scripts/run-tests).
include test/native.mk

# The command-line client (client/Makefile, a PGXS program linking libpq).
.PHONY: client-all client-install client-clean
all: client-all
install: client-install
clean: client-clean
client-all:
	$(MAKE) -C client PG_CONFIG=$(PG_CONFIG) WERROR=$(WERROR)
client-install: client-all
	$(MAKE) -C client PG_CONFIG=$(PG_CONFIG) WERROR=$(WERROR) install
client-clean:
	$(MAKE) -C client PG_CONFIG=$(PG_CONFIG) clean
