# test/native.mk: the pure-C unit tests and fuzz harnesses.
#
# These build the extension's postgres-free sources on their own, with the
# address and undefined-behaviour sanitizers, so they run without a server.
# Included by the top-level Makefile; scripts/run-tests and scripts/fuzz
# drive the targets.

NATIVE_DIR = build/native
NATIVE_CC ?= cc
NATIVE_CFLAGS = -std=c99 -g -O1 -Wall -Wextra -pedantic $(WERROR) \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Iextension -Itest/unit

UNIT_TESTS = $(patsubst test/unit/%.c,$(NATIVE_DIR)/%,$(wildcard test/unit/test_*.c))

# One harness per parser: name=compile-time selector.
FUZZ_TARGETS = prison_number:-DFUZZ_KIND=IDENT_PRISON_NUMBER \
	crn:-DFUZZ_KIND=IDENT_CRN \
	pnc_id:-DFUZZ_KIND=IDENT_PNC_ID \
	pnc_short:-DFUZZ_PNC_SHORT \
	cro_number:-DFUZZ_KIND=IDENT_CRO_NUMBER \
	nhs_number:-DFUZZ_KIND=IDENT_NHS_NUMBER \
	nino:-DFUZZ_KIND=IDENT_NINO \
	readiness:
FUZZ_NAMES = $(foreach t,$(FUZZ_TARGETS),$(firstword $(subst :, ,$(t))))
fuzz_flags = $(patsubst $(1):%,%,$(filter $(1):%,$(FUZZ_TARGETS)))

# The sources of a harness: the rule evaluation (readiness engine, handover
# calculation, date arithmetic) for readiness, a parser for the others.
FUZZ_READINESS_SRCS = extension/readiness_rules.c extension/handover_rules.c \
	extension/date_arith.c
fuzz_sources = $(if $(filter readiness,$(1)),test/fuzz/fuzz_readiness.c $(FUZZ_READINESS_SRCS),test/fuzz/fuzz_identifier.c extension/identifier.c)

# the lists the rules' structs are generated from
FACT_LISTS = extension/handover_input_list.h extension/case_facts_list.h

$(NATIVE_DIR)/test_%: test/unit/test_%.c $(PURE_SRCS) $(PURE_SRCS:.c=.h) $(FACT_LISTS) test/unit/tap.h
	@mkdir -p $(NATIVE_DIR)
	$(NATIVE_CC) $(NATIVE_CFLAGS) -o $@ $< $(PURE_SRCS)

# the client's sources that its unit tests include
$(NATIVE_DIR)/test_report_html: client/report_html.c client/report_html.h \
	client/textfmt.c client/textfmt.h
$(NATIVE_DIR)/test_client_print: client/textfmt.c client/textfmt.h \
	client/textfit.c client/textfit.h
$(NATIVE_DIR)/test_json_records: client/json_records.c client/json_records.h

$(NATIVE_DIR)/replay_readiness: test/fuzz/fuzz_readiness.c test/fuzz/replay_main.c $(PURE_SRCS) $(PURE_SRCS:.c=.h) $(FACT_LISTS)
	@mkdir -p $(NATIVE_DIR)
	$(NATIVE_CC) $(NATIVE_CFLAGS) -o $@ test/fuzz/fuzz_readiness.c test/fuzz/replay_main.c $(FUZZ_READINESS_SRCS)

$(NATIVE_DIR)/replay_%: test/fuzz/fuzz_identifier.c test/fuzz/replay_main.c $(PURE_SRCS)
	@mkdir -p $(NATIVE_DIR)
	$(NATIVE_CC) $(NATIVE_CFLAGS) $(call fuzz_flags,$*) -o $@ test/fuzz/fuzz_identifier.c test/fuzz/replay_main.c $(PURE_SRCS)

.PHONY: native-unit native-fuzz-replay
native-unit: $(UNIT_TESTS)

native-fuzz-replay: $(addprefix $(NATIVE_DIR)/replay_,$(FUZZ_NAMES))
	@status=0; for n in $(FUZZ_NAMES); do \
		if $(NATIVE_DIR)/replay_$$n test/fuzz/corpus/$$n; then \
			echo "replay $$n ok"; \
		else \
			echo "replay $$n FAILED"; status=1; \
		fi; \
	done; exit $$status
