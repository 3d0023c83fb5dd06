/*-------------------------------------------------------------------------
 *
 * fuzz_readiness.c
 *	  libFuzzer harness for the rule evaluation: the readiness engine
 *	  (extension/readiness_rules.c), the handover calculation
 *	  (extension/handover_rules.c) and the date arithmetic under them
 *	  (extension/date_arith.c).
 *
 * The input is decoded, byte by byte, into the facts of one case, a rule
 * configuration and an as_of date.  Every date is drawn from the extremes
 * (-infinity, infinity, 4714-11-24 BC = Julian day 0, 5874897-12-31, the
 * end of the timestamp range, their neighbours), from any int32, or from
 * the years around today; thresholds from INT_MIN, INT_MAX and small
 * numbers.  Missing bytes read as zero.  For each input:
 *
 *	- handover_calculate() on the facts' handover input, for every rules
 *	  version: a defined status; on success a responsibility in range, a
 *	  reason from handover_reason_codes[], valid dates, and the same result
 *	  twice;
 *	- readiness_evaluate(): out of range gives no gaps and out_of_scope;
 *	  otherwise gaps in catalogue order, each with a one-sentence message
 *	  and a valid due date if any; released and out_of_scope cases have no
 *	  gaps; not_ready has an error gap, at_risk a warning and no error,
 *	  ready and on_track none; released exactly when released_on <= as_of,
 *	  otherwise out_of_scope exactly when the handover responsibility is
 *	  none; ready only with a release date, an ID and a bank account; the
 *	  same result twice;
 *	- the date arithmetic on two of the dates: every result it returns is
 *	  a valid date, y/m/d round-trips, readiness_format_date() fits.
 *
 * Any inconsistency aborts, which libFuzzer reports as a crash.
 *
 *	clang -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined -Iextension \
 *		test/fuzz/fuzz_readiness.c extension/readiness_rules.c \
 *		extension/handover_rules.c extension/date_arith.c -o fuzz_readiness
 *
 *-------------------------------------------------------------------------
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date_arith.h"
#include "handover_rules.h"
#include "readiness_rules.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int cond)
{
	if (!cond)
		abort();
}

/* A cursor over the input; reads past the end give zeros */
typedef struct Input
{
	const uint8_t *data;
	size_t		size;
	size_t		pos;
} Input;

static uint8_t
byte(Input *in)
{
	return in->pos < in->size ? in->data[in->pos++] : 0;
}

static uint32_t
u32(Input *in)
{
	uint32_t	v = 0;
	int			i;

	for (i = 0; i < 4; i++)
		v = (v << 8) | byte(in);
	return v;
}

static bool
flag(Input *in)
{
	return byte(in) & 1;
}

/* 2026-01-01 is day 9497 since 2000-01-01 */
#define FUZZ_TODAY	9497

static int32_t
date(Input *in)
{
	static const int32_t special[] = {
		INT32_MIN, INT32_MAX, DATE_MIN_VALUE, DATE_MAX_VALUE,
		DATE_MIN_VALUE + 1, DATE_MAX_VALUE - 1, DATE_TIMESTAMP_MAX_VALUE,
		DATE_TIMESTAMP_MAX_VALUE + 1, DATE_MIN_VALUE - 1, DATE_MAX_VALUE + 1,
		INT32_MIN + 1, INT32_MAX - 1, 0, -1, FUZZ_TODAY
	};
	uint8_t		sel = byte(in);

	switch (sel % 4)
	{
		case 0:
			return special[(sel / 4) % (sizeof(special) / sizeof(special[0]))];
		case 1:
			return (int32_t) u32(in);
		default:
			/* within about five years of today */
			return FUZZ_TODAY - 1800 + (int32_t) ((sel / 4) * 64 + byte(in) % 64);
	}
}

/* A date PostgreSQL could store (what the server passes to the engine) */
static int32_t
stored_date(Input *in)
{
	int32_t		d = date(in);

	return DATE_IS_VALID(d) ? d : FUZZ_TODAY;
}

static int
days(Input *in)
{
	static const int special[] = {INT_MIN, INT_MAX, -1, 0, 1, 7, 14, 56, 84, 3650};
	uint8_t		sel = byte(in);

	if (sel % 3 == 0)
		return special[(sel / 3) % (sizeof(special) / sizeof(special[0]))];
	return (int) byte(in) - 20;
}

static void
decode_handover(Input *in, HandoverInput *h)
{
	h->has_sentence_start = flag(in);
	h->sentence_start = stored_date(in);
	h->has_crd = flag(in);
	h->crd = stored_date(in);
	h->has_ard = flag(in);
	h->ard = stored_date(in);
	h->has_ped = flag(in);
	h->ped = stored_date(in);
	h->has_hdced = flag(in);
	h->hdced = stored_date(in);
	h->has_ted = flag(in);
	h->ted = stored_date(in);
	h->has_thd = flag(in);
	h->thd = stored_date(in);
	h->has_date_of_birth = flag(in);
	h->date_of_birth = stored_date(in);
	h->indeterminate = flag(in);
	h->recall = flag(in);
	h->immigration = flag(in);
	h->early_allocation = flag(in);
	h->open_conditions = flag(in);
	h->has_open_since = flag(in);
	h->open_since = stored_date(in);
	/* resettle.handover() takes any integer; the table holds -1 (NULL)..3 */
	switch (byte(in) % 8)
	{
		case 6:
			h->mappa_level = INT_MIN;
			break;
		case 7:
			h->mappa_level = INT_MAX;
			break;
		default:
			h->mappa_level = (int) (byte(in) % 6) - 1;
	}
	h->additional_isp = flag(in);
	h->parole_outcome_not_release = flag(in);
	h->remand = flag(in);
	h->civil = flag(in);
	h->crc_case = flag(in);
	h->as_of = stored_date(in);
	h->version = (HandoverRulesVersion) (byte(in) % HANDOVER_RULES_COUNT);
}

static bool
is_reason_code(const char *reason)
{
	int			i;

	if (reason == NULL)
		return false;
	for (i = 0; handover_reason_codes[i] != NULL; i++)
		if (handover_reason_codes[i] == reason)
			return true;
	return false;
}

static void
check_handover(const HandoverInput *in)
{
	HandoverResult r1,
				r2;
	HandoverStatus s1,
				s2;

	memset(&r1, 0, sizeof(r1));
	memset(&r2, 0, sizeof(r2));
	s1 = handover_calculate(in, &r1);
	s2 = handover_calculate(in, &r2);
	require(s1 == s2);
	require(s1 == HANDOVER_OK || s1 == HANDOVER_DATE_OUT_OF_RANGE);
	if (s1 != HANDOVER_OK)
		return;
	require(r1.responsibility >= RESP_NONE && r1.responsibility <= RESP_COMMUNITY);
	require(is_reason_code(r1.reason));
	require(!r1.has_start_date || DATE_IS_VALID(r1.start_date));
	require(!r1.has_handover_date || DATE_IS_VALID(r1.handover_date));
	require(r1.responsibility == r2.responsibility && r1.reason == r2.reason &&
			r1.has_start_date == r2.has_start_date &&
			r1.has_handover_date == r2.has_handover_date &&
			(!r1.has_start_date || r1.start_date == r2.start_date) &&
			(!r1.has_handover_date || r1.handover_date == r2.handover_date));
}

static bool
message_ok(const ReadinessGap *g)
{
	const char *nul = memchr(g->message, '\0', READINESS_MESSAGE_LEN);
	size_t		len;

	if (nul == NULL)
		return false;
	len = (size_t) (nul - g->message);
	return len > 0 && len < READINESS_MESSAGE_LEN - 1 && g->message[len - 1] == '.';
}

static void
same_result(const ReadinessResult *a, const ReadinessResult *b)
{
	int			i;

	require(a->level == b->level && a->ngaps == b->ngaps);
	for (i = 0; i < a->ngaps; i++)
	{
		require(a->gaps[i].rule == b->gaps[i].rule);
		require(a->gaps[i].severity == b->gaps[i].severity);
		require(a->gaps[i].has_due_on == b->gaps[i].has_due_on);
		require(!a->gaps[i].has_due_on || a->gaps[i].due_on == b->gaps[i].due_on);
		require(strcmp(a->gaps[i].message, b->gaps[i].message) == 0);
	}
}

static void
check_readiness(const ReadinessFacts *f, const ReadinessRuleSet *set,
				int32_t as_of)
{
	ReadinessResult r,
				again;
	ReadinessStatus st;
	bool		any_e = false,
				any_w = false;
	int			i;

	memset(&r, 0, sizeof(r));
	memset(&again, 0, sizeof(again));
	st = readiness_evaluate(f, set, as_of, &r);
	require(readiness_evaluate(f, set, as_of, &again) == st);
	if (st != READINESS_OK)
	{
		require(st == READINESS_DATE_OUT_OF_RANGE);
		require(r.ngaps == 0 && r.level == READINESS_OUT_OF_SCOPE);
		return;
	}
	same_result(&r, &again);
	require(r.level >= READINESS_READY && r.level <= READINESS_OUT_OF_SCOPE);
	require(readiness_level_label(r.level) != NULL);
	require(r.ngaps >= 0 && r.ngaps <= RULE_COUNT);
	for (i = 0; i < r.ngaps; i++)
	{
		const ReadinessGap *g = &r.gaps[i];

		require(g->rule >= 0 && g->rule < RULE_COUNT);
		require(i == 0 || g->rule > r.gaps[i - 1].rule);
		require(message_ok(g));
		require(!g->has_due_on || DATE_IS_VALID(g->due_on));
		require(g->severity == READINESS_SEVERITY_ERROR ||
				g->severity == READINESS_SEVERITY_WARNING);
		if (g->severity == READINESS_SEVERITY_ERROR)
			any_e = true;
		else
			any_w = true;
	}
	switch (r.level)
	{
		case READINESS_RELEASED:
		case READINESS_OUT_OF_SCOPE:
		case READINESS_READY:
		case READINESS_ON_TRACK:
			require(r.ngaps == 0);
			break;
		case READINESS_NOT_READY:
			require(any_e);
			break;
		case READINESS_AT_RISK:
			require(any_w && !any_e);
			break;
	}
	/* released exactly when released_on is set and not after as_of */
	require((r.level == READINESS_RELEASED) ==
			(f->has_released_on && f->released_on <= as_of));
	/* otherwise out of scope exactly when the handover says so */
	if (r.level != READINESS_RELEASED)
		require((r.level == READINESS_OUT_OF_SCOPE) ==
				(r.handover.responsibility == RESP_NONE));
	/* ready: a known release date, ID held or accepted, a bank account */
	if (r.level == READINESS_READY)
		require(f->has_release_date &&
				(f->id_held || f->id_application_accepted) &&
				f->bank_held_or_opened);
}

static void
check_dates(int32_t a, int32_t b, int n)
{
	int32_t		out;
	int			y,
				m,
				d;
	char		buf[READINESS_DATE_LEN];

	if (date_add_days(a, b, &out))
		require(DATE_IS_VALID(out));
	if (date_add_months(a, n, &out))
		require(DATE_IS_VALID(out));
	if (date_add_interval(a, n, b % 100000, &out))
		require(DATE_IS_VALID(out));
	if (date_minus_interval(a, n, b % 100000, &out))
		require(DATE_IS_VALID(out));
	if (date_to_ymd(a, &y, &m, &d))
	{
		require(DATE_IS_VALID_FINITE(a));
		require(m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m));
		require(date_from_ymd(y, m, d, &out) && out == a);
		require(date_year(a) == y && date_month(a) == m && date_day(a) == d);
	}
	else
		require(!DATE_IS_VALID_FINITE(a));
	readiness_format_date(a, buf, sizeof(buf));
	require(memchr(buf, '\0', sizeof(buf)) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input		in = {data, size, 0};
	ReadinessFacts f;
	ReadinessRuleSet set;
	HandoverInput h;
	int32_t		as_of;
	int			i;
	bool		use_defaults;

	readiness_facts_init(&f);
	decode_handover(&in, &f.handover);
	f.has_release_date = flag(&in);
	f.release_date = stored_date(&in);
	f.has_released_on = flag(&in);
	f.released_on = stored_date(&in);
	f.has_reception_date = flag(&in);
	f.reception_date = stored_date(&in);
	f.com_name_present = flag(&in);
	f.com_email_present = flag(&in);
	f.has_enhanced_handover = flag(&in);
	f.enhanced_handover = flag(&in);
	f.reviewed_oasys = flag(&in);
	f.contacted_com = flag(&in);
	f.attended_handover_meeting = flag(&in);
	f.sent_handover_report = flag(&in);
	f.pathways_not_started = byte(&in) % (READINESS_PATHWAY_COUNT + 1);
	f.family_pathway_not_started = flag(&in);
	f.immediate_needs_complete = byte(&in) % (READINESS_PATHWAY_COUNT + 1);
	f.pre_release_complete = byte(&in) % (READINESS_PATHWAY_COUNT + 1);
	f.has_accommodation_record = flag(&in);
	f.release_plan = (ReadinessReleasePlan) (byte(&in) % 7);
	f.address_confirmed = flag(&in);
	f.no_fixed_abode_before = flag(&in);
	f.at_risk_of_homelessness = flag(&in);
	f.has_duty_to_refer = flag(&in);
	f.id_held = flag(&in);
	f.id_application_open = flag(&in);
	f.id_application_accepted = flag(&in);
	f.bank_held_or_opened = flag(&in);
	f.bank_pending = flag(&in);
	f.bank_latest_failed = flag(&in);
	f.benefit_claim = (ReadinessNeedStatus) (byte(&in) % 5);
	f.gp_registration = (ReadinessNeedStatus) (byte(&in) % 5);
	f.release_prescription = (ReadinessNeedStatus) (byte(&in) % 5);

	/* the rule set: defaults, or each rule tuned (resettle.rule) */
	use_defaults = flag(&in);
	readiness_rule_set_defaults(&set);
	if (!use_defaults)
	{
		for (i = 0; i < RULE_COUNT; i++)
		{
			set.rule[i].enabled = !(byte(&in) % 8 == 0);
			set.rule[i].severity = (ReadinessSeverity) (byte(&in) % 2);
			set.rule[i].has_warn_days = flag(&in);
			set.rule[i].warn_days = days(&in);
			set.rule[i].has_error_days = flag(&in);
			set.rule[i].error_days = days(&in);
		}
	}
	/* as_of: any date the server could be asked about */
	as_of = stored_date(&in);

	/* the handover calculation on its own, for every version */
	h = f.handover;
	h.as_of = as_of;
	for (i = 0; i < HANDOVER_RULES_COUNT; i++)
	{
		h.version = (HandoverRulesVersion) i;
		check_handover(&h);
	}

	check_readiness(&f, use_defaults ? NULL : &set, as_of);

	/* the date arithmetic on raw values, valid or not */
	{
		int32_t		a = date(&in);
		int32_t		b = date(&in);
		int			n = (int) (int32_t) u32(&in);

		check_dates(a, b, n);
		check_dates(f.release_date, as_of, n % 10000);
	}
	return 0;
}
