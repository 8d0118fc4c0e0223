/* survey.c — satisfaction surveys: requests, answers, statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "customer.h"
#include "doc.h"
#include "mail.h"
#include "survey.h"
#include "text.h"
#include "validate.h"

#define MAX_COMMENT 2000

const struct crm_column crm_survey_columns[] = {
	{"number", CRM_COL_TEXT},  {"sent", CRM_COL_TEXT},  {"customer", CRM_COL_TEXT},
	{"name", CRM_COL_TEXT},    {"about", CRM_COL_TEXT}, {"email", CRM_COL_TEXT},
	{"csat", CRM_COL_INT},     {"nps", CRM_COL_INT},    {"comment", CRM_COL_TEXT},
	{"answered", CRM_COL_TEXT},
};
const size_t crm_survey_ncolumns = sizeof crm_survey_columns / sizeof *crm_survey_columns;

/* What a survey is about and where its request goes. */
struct subject {
	int64_t customer_id, case_id, rma_id;
	char *email;        /* malloc'd; NULL when the customer has none */
	struct crm_buf about; /* " for case CS-2026-00001 (Pump leaks)", or empty */
};

static int find_case(struct crm_store *st, const char *key, struct subject *s,
		     int64_t *contact_id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_find(st, "SELECT id FROM service_case WHERE id = ?1",
				"SELECT id FROM service_case WHERE number = ?1", key, "case",
				&s->case_id, err);

	if (rc != CRM_OK || (rc = crm_store_prepare(st,
						    "SELECT customer_id, ifnull(contact_id, 0), "
						    "number, subject FROM service_case WHERE id = ?1",
						    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, s->case_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		s->customer_id = sqlite3_column_int64(stmt, 0);
		*contact_id = sqlite3_column_int64(stmt, 1);
		crm_buf_addf(&s->about, " for case %s (%s)", sqlite3_column_text(stmt, 2),
			     sqlite3_column_text(stmt, 3));
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

static int find_rma(struct crm_store *st, const char *key, struct subject *s,
		    struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_find(st, "SELECT id FROM rma WHERE id = ?1",
				"SELECT id FROM rma WHERE number = ?1", key, "rma", &s->rma_id, err);

	if (rc != CRM_OK || (rc = crm_store_prepare(st,
						    "SELECT r.customer_id, r.number, p.name FROM rma r "
						    "JOIN product p ON p.id = r.product_id "
						    "WHERE r.id = ?1",
						    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, s->rma_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		s->customer_id = sqlite3_column_int64(stmt, 0);
		crm_buf_addf(&s->about, " for the repair %s (%s)", sqlite3_column_text(stmt, 1),
			     sqlite3_column_text(stmt, 2));
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* The address a request goes to: the case's contact's, else the
 * customer's, else its primary contact's. */
static int subject_email(struct crm_store *st, struct subject *s, int64_t contact_id,
			 struct crm_err *err)
{
	sqlite3_stmt *stmt;
	const unsigned char *email;
	int rc = crm_store_prepare(
		st,
		"SELECT coalesce(nullif(k.email, ''), nullif(c.email, ''), nullif(p.email, '')) "
		"FROM customer c LEFT JOIN contact k ON k.id = ?2 "
		"LEFT JOIN contact p ON p.customer_id = c.id AND p.is_primary = 1 "
		"AND p.archived = 0 WHERE c.id = ?1",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, s->customer_id);
	sqlite3_bind_int64(stmt, 2, contact_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW && (email = sqlite3_column_text(stmt, 0)))
		s->email = strdup((const char *)email);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

static int find_subject(struct crm_store *st, const struct crm_survey_input *in,
			struct subject *s, struct crm_err *err)
{
	int64_t contact_id = 0;
	int rc;

	if (in->case_key)
		rc = find_case(st, in->case_key, s, &contact_id, err);
	else if (in->rma_key)
		rc = find_rma(st, in->rma_key, s, err);
	else
		rc = crm_customer_find(st, in->customer, &s->customer_id, err);
	if (rc != CRM_OK)
		return rc;
	if (in->email) {
		s->email = strdup(in->email);
		return CRM_OK;
	}
	return subject_email(st, s, contact_id, err);
}

static int insert_survey(struct crm_store *st, const struct subject *s, char number[65],
			 struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_doc_number_next(st, "survey", st->clock.today, number, err);

	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "INSERT INTO survey (number, customer_id, case_id, rma_id, "
				       "email, sent, created) VALUES (?1, ?2, nullif(?3, 0), "
				       "nullif(?4, 0), ?5, ?6, ?6)",
				       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, number);
	sqlite3_bind_int64(stmt, 2, s->customer_id);
	sqlite3_bind_int64(stmt, 3, s->case_id);
	sqlite3_bind_int64(stmt, 4, s->rma_id);
	crm_bind_text(stmt, 5, s->email);
	crm_bind_text(stmt, 6, st->clock.now);
	return crm_store_run(st, stmt, err);
}

/* The request: who it is from, what to answer and with which number. */
static void request_body(struct crm_store *st, const struct subject *s, const char *number,
			 const char *from, struct crm_buf *b)
{
	char *company = crm_config_value(st, "company.name");

	crm_buf_addf(b,
		     "Hello,\n\n"
		     "how satisfied are you with our service%s?\n\n"
		     "Please reply to this mail with one or both of\n\n"
		     "  CSAT: a number from 1 (very unsatisfied) to 5 (very satisfied)\n"
		     "  NPS:  a number from 0 to 10: how likely are you to recommend us?\n\n"
		     "and keep the survey number %s in your reply.\n\n"
		     "Thank you,\n%s\n",
		     s->about.data ? s->about.data : "", number, company ? company : from);
	free(company);
}

/* "<survey.S-2026-00001@shop.example>": the number is unique. */
static void message_id(const char *number, const char *from, struct crm_buf *b)
{
	const char *at = strrchr(from, '@');

	crm_buf_adds(b, "<survey.");
	for (const char *p = number; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';

		crm_buf_add(b, ok ? p : "_", 1);
	}
	crm_buf_addf(b, "@%s>", at && at[1] ? at + 1 : "localhost");
}

/* Builds the whole message into msg. */
static int request_mail(struct crm_store *st, const struct subject *s, const char *number,
			const char *from, struct crm_buf *msg, struct crm_err *err)
{
	char date[CRM_MAIL_DATE_BUFSZ];
	struct crm_buf body = {0}, id = {0}, subj = {0};
	struct crm_mail m;
	int rc = crm_mail_date(st->clock.now, date, err);

	if (rc != CRM_OK)
		return rc;
	request_body(st, s, number, from, &body);
	message_id(number, from, &id);
	crm_buf_addf(&subj, "How did we do? Survey %s", number);
	m = (struct crm_mail){from, s->email, subj.data, date, id.data, body.data};
	crm_mail_format(msg, &m);
	free(body.data);
	free(id.data);
	free(subj.data);
	return CRM_OK;
}

static int send_checks(const struct crm_survey_input *in, struct crm_err *err)
{
	int n = !!in->case_key + !!in->rma_key + !!in->customer;

	if (n != 1)
		return crm_fail(err, CRM_EUSAGE, "a survey is about one case, RMA or customer");
	if (in->email && !crm_valid_email(in->email))
		return crm_fail(err, CRM_EINVAL, "'%s' is not an email address", in->email);
	return CRM_OK;
}

/* Records the request inside the open transaction and builds its mail
 * when from is not NULL. */
static int send_in_tx(struct crm_store *st, const struct crm_survey_input *in,
		      struct subject *s, const char *from, char number[65], struct crm_buf *msg,
		      struct crm_err *err)
{
	char code[65];
	int rc = find_subject(st, in, s, err);

	if (rc != CRM_OK)
		return rc;
	if (from && !s->email) {
		crm_customer_code(st, s->customer_id, code);
		return crm_fail(err, CRM_EINVAL,
				"no email address for customer %s: give --email or set one with "
				"'crm customer edit %s --email ADDRESS'",
				code, code);
	}
	if ((rc = insert_survey(st, s, number, err)) != CRM_OK)
		return rc;
	return from ? request_mail(st, s, number, from, msg, err) : CRM_OK;
}

int crm_survey_send(struct crm_store *st, const struct crm_survey_input *in, char number[65],
		    struct crm_err *err)
{
	struct subject s = {0};
	struct crm_buf msg = {0};
	char *from = NULL;
	int rc = send_checks(in, err);

	if (rc != CRM_OK)
		return rc;
	if (in->mbox && !(from = crm_config_value(st, "company.email")))
		return crm_fail(err, CRM_EINVAL,
				"no sender address: set company.email with 'crm config set'");
	if ((rc = crm_store_begin(st, err)) == CRM_OK) {
		rc = send_in_tx(st, in, &s, from, number, &msg, err);
		rc = crm_store_end(st, rc, err);
	}
	/* the request is recorded: the mail follows it whole */
	if (rc == CRM_OK && in->mbox)
		rc = crm_mail_mbox_write(in->mbox, from, st->clock.now, msg.data, msg.len, err);
	free(from);
	free(s.email);
	free(s.about.data);
	free(msg.data);
	return rc;
}

int crm_survey_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM survey WHERE id = ?1",
			      "SELECT id FROM survey WHERE number = ?1", key, "survey", id, err);
}

/* Refuses a second answer, naming when the first came. */
static int not_answered(struct crm_store *st, int64_t id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT number, answered FROM survey WHERE id = ?1", &stmt,
				   err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 1) != SQLITE_NULL)
		rc = crm_fail(err, CRM_EINVAL, "survey %s is answered already (%s)",
			      sqlite3_column_text(stmt, 0), sqlite3_column_text(stmt, 1));
	else if (rc == SQLITE_ROW)
		rc = CRM_OK;
	else if (rc == SQLITE_DONE)
		rc = crm_fail(err, CRM_ENOTFOUND, "no survey '%lld'", (long long)id);
	else
		rc = crm_store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return rc;
}

int crm_survey_record(struct crm_store *st, int64_t id, int csat, int nps, const char *comment,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if (csat < 0 && nps < 0)
		return crm_fail(err, CRM_EUSAGE, "an answer needs --csat or --nps");
	if (csat >= 0 && (csat < 1 || csat > 5))
		return crm_fail(err, CRM_EINVAL, "%d is not a CSAT score (1-5)", csat);
	if (nps > 10)
		return crm_fail(err, CRM_EINVAL, "%d is not an NPS score (0-10)", nps);
	if (comment && (!*comment || strlen(comment) > MAX_COMMENT || crm_has_control(comment, 1)))
		return crm_fail(err, CRM_EINVAL,
				"the comment is empty, too long or has control characters");
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = not_answered(st, id, err);
	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "UPDATE survey SET csat = nullif(?2, -1), nps = nullif(?3, -1), "
				       "comment = ?4, answered = ?5 WHERE id = ?1",
				       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int(stmt, 2, csat);
		sqlite3_bind_int(stmt, 3, nps);
		crm_bind_text(stmt, 4, comment);
		crm_bind_text(stmt, 5, st->clock.now);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}

int crm_survey_list(struct crm_store *st, const struct crm_survey_filter *flt,
		    struct crm_out *out, struct crm_err *err)
{
	const char *status = flt->status ? flt->status : "all";
	int64_t customer_id = 0;
	sqlite3_stmt *stmt;
	int rc;

	if (strcmp(status, "sent") && strcmp(status, "answered") && strcmp(status, "all"))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a survey status (sent, answered, all)",
				status);
	if (flt->customer && (rc = crm_customer_find(st, flt->customer, &customer_id, err)))
		return rc;
	rc = crm_store_prepare(
		st,
		"SELECT s.number, s.sent, c.code, c.name, "
		"coalesce('case ' || k.number, 'rma ' || r.number), s.email, s.csat, s.nps, "
		"s.comment, s.answered FROM survey s JOIN customer c ON c.id = s.customer_id "
		"LEFT JOIN service_case k ON k.id = s.case_id LEFT JOIN rma r ON r.id = s.rma_id "
		"WHERE (?1 = 0 OR s.customer_id = ?1) AND (?2 = 'all' "
		"OR (?2 = 'sent' AND s.answered IS NULL) "
		"OR (?2 = 'answered' AND s.answered IS NOT NULL)) ORDER BY s.sent, s.id",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	crm_bind_text(stmt, 2, status);
	return crm_store_list(st, stmt, crm_survey_columns, crm_survey_ncolumns, out, err);
}

/* The stats columns after the group's. */
#define STATS_COLUMNS                                                                         \
	{"answers", CRM_COL_INT}, {"csat_answers", CRM_COL_INT}, {"csat_avg", CRM_COL_INT},   \
	{"csat_1", CRM_COL_INT}, {"csat_2", CRM_COL_INT}, {"csat_3", CRM_COL_INT},             \
	{"csat_4", CRM_COL_INT}, {"csat_5", CRM_COL_INT}, {"nps_answers", CRM_COL_INT},        \
	{"promoters", CRM_COL_INT}, {"passives", CRM_COL_INT}, {"detractors", CRM_COL_INT},   \
	{"nps", CRM_COL_INT}

static const struct crm_column stats_columns[][14] = {
	{{"all", CRM_COL_TEXT}, STATS_COLUMNS},
	{{"month", CRM_COL_TEXT}, STATS_COLUMNS},
	{{"product", CRM_COL_TEXT}, STATS_COLUMNS},
	{{"assignee", CRM_COL_TEXT}, STATS_COLUMNS},
};

const struct crm_column *crm_survey_stats_columns(enum crm_survey_by by, size_t *n)
{
	*n = sizeof stats_columns[0] / sizeof stats_columns[0][0];
	return stats_columns[by];
}

/* The group of an answered survey s is one of a fixed list of SQL
 * expressions: the product and assignee are the case's or the RMA's (an RMA
 * has no assignee).  Halves are rounded up: avg = (2 × sum × 100 + n) / (2n)
 * hundredths; NPS halves away from zero. */
#define STATS_SELECT(group)                                                                   \
	"WITH a AS (SELECT " group " AS g, s.csat AS csat, s.nps AS nps FROM survey s "      \
	"LEFT JOIN service_case k ON k.id = s.case_id LEFT JOIN rma r ON r.id = s.rma_id "    \
	"LEFT JOIN product p ON p.id = coalesce(k.product_id, r.product_id) "                 \
	"WHERE s.answered IS NOT NULL AND (?1 IS NULL OR substr(s.answered, 1, 10) >= ?1) "   \
	"AND (?2 IS NULL OR substr(s.answered, 1, 10) <= ?2)), "                               \
	"t AS (SELECT g, count(*) AS n, count(csat) AS cn, ifnull(sum(csat), 0) AS cs, "     \
	"ifnull(sum(csat = 1), 0) AS c1, ifnull(sum(csat = 2), 0) AS c2, "                    \
	"ifnull(sum(csat = 3), 0) AS c3, ifnull(sum(csat = 4), 0) AS c4, "                    \
	"ifnull(sum(csat = 5), 0) AS c5, count(nps) AS nn, ifnull(sum(nps >= 9), 0) AS pro, " \
	"ifnull(sum(nps BETWEEN 7 AND 8), 0) AS pas, ifnull(sum(nps <= 6), 0) AS det "        \
	"FROM a GROUP BY g) "                                                                  \
	"SELECT g, n, cn, CASE WHEN cn > 0 THEN printf('%d.%02d', (cs * 200 + cn) / (2 * cn) " \
	"/ 100, (cs * 200 + cn) / (2 * cn) % 100) END, c1, c2, c3, c4, c5, nn, pro, pas, "    \
	"det, CASE WHEN nn = 0 THEN NULL WHEN pro >= det "                                     \
	"THEN (200 * (pro - det) + nn) / (2 * nn) "                                            \
	"ELSE -((200 * (det - pro) + nn) / (2 * nn)) END FROM t ORDER BY g IS NULL, g"

static const char *const stats_sql[] = {
	STATS_SELECT("'all'"),
	STATS_SELECT("substr(s.answered, 1, 7)"),
	STATS_SELECT("p.sku"),
	STATS_SELECT("k.assignee"),
};

int crm_survey_stats(struct crm_store *st, const char *from, const char *to,
		     enum crm_survey_by by, struct crm_out *out, struct crm_err *err)
{
	char first[CRM_DATE_BUFSZ], last[CRM_DATE_BUFSZ];
	const struct crm_column *cols;
	sqlite3_stmt *stmt;
	size_t n = 0;
	int rc;

	if ((from && (rc = crm_store_date(st, from, first, err)) != CRM_OK) ||
	    (to && (rc = crm_store_date(st, to, last, err)) != CRM_OK))
		return rc;
	if ((rc = crm_store_prepare(st, stats_sql[by], &stmt, err)) != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, from ? first : NULL);
	crm_bind_text(stmt, 2, to ? last : NULL);
	cols = crm_survey_stats_columns(by, &n);
	return crm_store_list(st, stmt, cols, n, out, err);
}
