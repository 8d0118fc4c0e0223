-- schema.sql — the one truth about crm's data.
--
-- Compiled into the binary; a new database gets all of it, and
-- PRAGMA user_version records its version (CRM_SCHEMA_VERSION in lib/store.h).
-- An older database is brought forward by the steps in lib/store.c.
--
-- Conventions: every table is STRICT; money is INTEGER minor units; dates are
-- ISO 8601 TEXT (YYYY-MM-DD), timestamps local YYYY-MM-DDTHH:MM:SS.  Triggers
-- keep the audit log and the search index; they call SQL functions that crm
-- registers on its connection (crm_now, crm_user, crm_money, crm_fold,
-- crm_short, crm_digits), so changes go through crm, while any SQLite tool
-- can read.

CREATE TABLE config (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- AUTOINCREMENT: an id (and the code made from it) is never handed out again
-- after a purge, so a new customer never inherits an old one's history.
CREATE TABLE customer (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	name         TEXT NOT NULL CHECK (length(name) > 0),
	kind         TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'person')),
	status       TEXT NOT NULL DEFAULT 'active'
	             CHECK (status IN ('lead', 'prospect', 'active', 'inactive', 'lost')),
	owner        TEXT,
	email        TEXT,
	phone        TEXT,
	website      TEXT,
	street       TEXT,
	city         TEXT,
	region       TEXT,
	postcode     TEXT,
	country      TEXT,
	tax_id       TEXT,
	industry     TEXT,
	source       TEXT,
	tier         TEXT,
	credit_limit INTEGER CHECK (credit_limit >= 0),
	terms        INTEGER CHECK (terms BETWEEN 0 AND 3650),
	note         TEXT,
	archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	created      TEXT NOT NULL,
	updated      TEXT NOT NULL,
	-- Keys for duplicate detection, computed by lib/customer.c: the folded
	-- name without legal-form words, the phone's last digits, the tax id's
	-- letters and digits.
	name_key     TEXT NOT NULL,
	phone_key    TEXT,
	tax_key      TEXT,
	-- Since version 2, appended so that a migrated table has the same shape.
	campaign     TEXT,
	cadence      INTEGER CHECK (cadence BETWEEN 1 AND 3650) -- contact at least every N days
) STRICT;

CREATE INDEX customer_name_key ON customer (name_key);
CREATE INDEX customer_email ON customer (email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX customer_phone_key ON customer (phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX customer_tax_key ON customer (tax_key) WHERE tax_key IS NOT NULL;
CREATE INDEX customer_owner ON customer (owner);

CREATE TABLE customer_tag (
	customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
	tag         TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
	PRIMARY KEY (customer_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX customer_tag_tag ON customer_tag (tag);

-- Extra fields a business wants on its customers ("vat_exempt=yes").
CREATE TABLE customer_field (
	customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
	key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
	value       TEXT NOT NULL,
	PRIMARY KEY (customer_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE contact (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	name        TEXT NOT NULL CHECK (length(name) > 0),
	title       TEXT,
	email       TEXT,
	phone       TEXT,
	mobile      TEXT,
	im          TEXT,
	is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
	archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
) STRICT;

CREATE INDEX contact_customer ON contact (customer_id);
CREATE UNIQUE INDEX contact_one_primary ON contact (customer_id)
	WHERE is_primary = 1 AND archived = 0;

-- The audit log: who changed what, when, with old and new values as JSON
-- objects of the changed record's fields.  customer_id ties a change to the
-- customer it concerns, so `crm history customer` sees tags, fields and
-- contacts too.
CREATE TABLE audit (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	user        TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   INTEGER NOT NULL,
	customer_id INTEGER,
	action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	old         TEXT CHECK (old IS NULL OR json_valid(old)),
	new         TEXT CHECK (new IS NULL OR json_valid(new))
) STRICT;

CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_customer ON audit (customer_id);

CREATE TRIGGER customer_audit_delete AFTER DELETE ON customer BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'customer', OLD.id, OLD.id, 'delete',
	       json_object('code', OLD.code, 'name', OLD.name));
END;

CREATE TRIGGER customer_tag_audit_insert AFTER INSERT ON customer_tag BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'tag', NEW.customer_id, NEW.customer_id, 'insert',
		json_object('tag', NEW.tag));
END;

CREATE TRIGGER customer_tag_audit_delete AFTER DELETE ON customer_tag BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'tag', OLD.customer_id, OLD.customer_id, 'delete',
		json_object('tag', OLD.tag));
END;

-- merge moves tags from one customer to another
CREATE TRIGGER customer_tag_audit_update AFTER UPDATE ON customer_tag BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'tag', OLD.customer_id, OLD.customer_id, 'delete',
		json_object('tag', OLD.tag), NULL),
	       (crm_now(), crm_user(), 'tag', NEW.customer_id, NEW.customer_id, 'insert',
		NULL, json_object('tag', NEW.tag));
END;

CREATE TRIGGER customer_field_audit_insert AFTER INSERT ON customer_field BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'field', NEW.customer_id, NEW.customer_id, 'insert',
		json_object(NEW.key, NEW.value));
END;

CREATE TRIGGER customer_field_audit_update AFTER UPDATE ON customer_field
WHEN OLD.value IS NOT NEW.value AND OLD.customer_id IS NEW.customer_id BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'field', NEW.customer_id, NEW.customer_id, 'update',
		json_object(OLD.key, OLD.value), json_object(NEW.key, NEW.value));
END;

-- merge moves extra fields from one customer to another: each side's
-- history shows it, as for tags
CREATE TRIGGER customer_field_audit_move AFTER UPDATE ON customer_field
WHEN OLD.customer_id IS NOT NEW.customer_id BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'field', OLD.customer_id, OLD.customer_id, 'delete',
		json_object(OLD.key, OLD.value), NULL),
	       (crm_now(), crm_user(), 'field', NEW.customer_id, NEW.customer_id, 'insert',
		NULL, json_object(NEW.key, NEW.value));
END;

CREATE TRIGGER customer_field_audit_delete AFTER DELETE ON customer_field BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'field', OLD.customer_id, OLD.customer_id, 'delete',
		json_object(OLD.key, OLD.value));
END;

CREATE VIEW contact_audit_json (id, doc) AS
SELECT k.id, json_object(
	'customer', c.code, 'name', k.name, 'title', k.title, 'email', k.email,
	'phone', k.phone, 'mobile', k.mobile, 'im', k.im, 'primary', k.is_primary,
	'archived', k.archived)
FROM contact k JOIN customer c ON c.id = k.customer_id;

CREATE TRIGGER contact_audit_insert AFTER INSERT ON contact BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	SELECT crm_now(), crm_user(), 'contact', NEW.id, NEW.customer_id, 'insert', doc
	FROM contact_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER contact_audit_update AFTER UPDATE ON contact
WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.name IS NOT NEW.name
  OR OLD.title IS NOT NEW.title OR OLD.email IS NOT NEW.email OR OLD.phone IS NOT NEW.phone
  OR OLD.mobile IS NOT NEW.mobile OR OLD.im IS NOT NEW.im
  OR OLD.is_primary IS NOT NEW.is_primary OR OLD.archived IS NOT NEW.archived
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	SELECT crm_now(), crm_user(), 'contact', NEW.id, NEW.customer_id, 'update',
	       json_object(
		'customer', (SELECT code FROM customer WHERE id = OLD.customer_id),
		'name', OLD.name, 'title', OLD.title, 'email', OLD.email, 'phone', OLD.phone,
		'mobile', OLD.mobile, 'im', OLD.im, 'primary', OLD.is_primary,
		'archived', OLD.archived),
	       doc
	FROM contact_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER contact_audit_delete AFTER DELETE ON contact BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'contact', OLD.id, OLD.customer_id, 'delete',
		json_object('name', OLD.name));
END;

-- The search index (see lib/search.h): an FTS5 trigram table over folded
-- text, each column starting with a space so that " ab" finds a word's
-- start, with "units" that make one- and two-character CJK terms and
-- initials findable.
CREATE VIRTUAL TABLE customer_fts USING fts5 (name, body, short, tokenize = 'trigram');
-- A match in the name (or code) outranks one in the notes.
INSERT INTO customer_fts (customer_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0)');

CREATE VIEW customer_search_doc (id, name, body, archived) AS
SELECT c.id, ' ' || crm_fold(c.name || ' ' || c.code),
       ' ' || crm_fold(ifnull(c.email, '') || ' ' || ifnull(c.phone, '') || ' ' ||
		ifnull(crm_digits(c.phone), '') || ' ' || ifnull(c.city, '') || ' ' ||
		ifnull(c.note, '') || ' ' ||
		ifnull((SELECT group_concat(k.name || ' ' || ifnull(k.email, '') || ' ' ||
					   ifnull(k.phone, '') || ' ' ||
					   ifnull(crm_digits(k.phone), '') || ' ' ||
					   ifnull(k.mobile, '') || ' ' ||
					   ifnull(crm_digits(k.mobile), ''), ' ')
			FROM contact k WHERE k.customer_id = c.id AND k.archived = 0), '')),
       c.archived
FROM customer c;

-- What goes into the index for one customer: the archived marker unit
-- (U+E002 U+E002 U+E000, see lib/search.h) ends the short column.
CREATE VIEW customer_search_row (id, name, body, short) AS
SELECT id, name, body,
       crm_short(name, body) || CASE archived WHEN 1 THEN char(57346, 57346, 57344) ELSE '' END
FROM customer_search_doc;

CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
	INSERT INTO customer_fts (rowid, name, body, short)
	SELECT id, name, body, short FROM customer_search_row WHERE id = NEW.id;
END;

CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, code, email, phone, city, note, archived
ON customer BEGIN
	DELETE FROM customer_fts WHERE rowid = OLD.id;
	INSERT INTO customer_fts (rowid, name, body, short)
	SELECT id, name, body, short FROM customer_search_row WHERE id = NEW.id;
END;

CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN
	DELETE FROM customer_fts WHERE rowid = OLD.id;
END;

-- A contact's name, email and phones are part of its customer's document.
CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN
	DELETE FROM customer_fts WHERE rowid = NEW.customer_id;
	INSERT INTO customer_fts (rowid, name, body, short)
	SELECT id, name, body, short FROM customer_search_row WHERE id = NEW.customer_id;
END;

CREATE TRIGGER contact_fts_update AFTER UPDATE ON contact BEGIN
	DELETE FROM customer_fts WHERE rowid IN (OLD.customer_id, NEW.customer_id);
	INSERT INTO customer_fts (rowid, name, body, short)
	SELECT id, name, body, short FROM customer_search_row WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN
	DELETE FROM customer_fts WHERE rowid = OLD.customer_id;
	INSERT INTO customer_fts (rowid, name, body, short)
	SELECT id, name, body, short FROM customer_search_row WHERE id = OLD.customer_id;
END;

-- @version 2 ----------------------------------------------------------------
-- Sales work: the contact log, tasks and follow-ups, lead assignments, deals
-- and their stage history.  An older database runs this part (after the
-- ALTER TABLE steps in lib/store.c) to reach version 2.

-- The customer as the audit log records it (version 2 adds campaign and
-- cadence, so the view and its trigger are defined again).
DROP TRIGGER IF EXISTS customer_audit_insert;
DROP TRIGGER IF EXISTS customer_audit_update;
DROP VIEW IF EXISTS customer_audit_json;

CREATE VIEW customer_audit_json (id, doc) AS
SELECT id, json_object(
	'code', code, 'name', name, 'kind', kind, 'status', status, 'owner', owner,
	'email', email, 'phone', phone, 'website', website, 'street', street,
	'city', city, 'region', region, 'postcode', postcode, 'country', country,
	'tax_id', tax_id, 'industry', industry, 'source', source, 'tier', tier,
	'credit_limit', crm_money(credit_limit), 'terms', terms, 'note', note,
	'campaign', campaign, 'cadence', cadence, 'archived', archived)
FROM customer;

CREATE TRIGGER customer_audit_insert AFTER INSERT ON customer BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	SELECT crm_now(), crm_user(), 'customer', NEW.id, NEW.id, 'insert', doc
	FROM customer_audit_json WHERE id = NEW.id;
END;

-- An update is logged only when an audited field really changed.
CREATE TRIGGER customer_audit_update AFTER UPDATE ON customer
WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind
  OR OLD.status IS NOT NEW.status OR OLD.owner IS NOT NEW.owner OR OLD.email IS NOT NEW.email
  OR OLD.phone IS NOT NEW.phone OR OLD.website IS NOT NEW.website
  OR OLD.street IS NOT NEW.street OR OLD.city IS NOT NEW.city OR OLD.region IS NOT NEW.region
  OR OLD.postcode IS NOT NEW.postcode OR OLD.country IS NOT NEW.country
  OR OLD.tax_id IS NOT NEW.tax_id OR OLD.industry IS NOT NEW.industry
  OR OLD.source IS NOT NEW.source OR OLD.tier IS NOT NEW.tier
  OR OLD.credit_limit IS NOT NEW.credit_limit OR OLD.terms IS NOT NEW.terms
  OR OLD.note IS NOT NEW.note OR OLD.campaign IS NOT NEW.campaign
  OR OLD.cadence IS NOT NEW.cadence OR OLD.archived IS NOT NEW.archived
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	SELECT crm_now(), crm_user(), 'customer', NEW.id, NEW.id, 'update',
	       json_object(
		'code', OLD.code, 'name', OLD.name, 'kind', OLD.kind, 'status', OLD.status,
		'owner', OLD.owner, 'email', OLD.email, 'phone', OLD.phone,
		'website', OLD.website, 'street', OLD.street, 'city', OLD.city,
		'region', OLD.region, 'postcode', OLD.postcode, 'country', OLD.country,
		'tax_id', OLD.tax_id, 'industry', OLD.industry, 'source', OLD.source,
		'tier', OLD.tier, 'credit_limit', crm_money(OLD.credit_limit),
		'terms', OLD.terms, 'note', OLD.note, 'campaign', OLD.campaign,
		'cadence', OLD.cadence, 'archived', OLD.archived),
	       doc
	FROM customer_audit_json WHERE id = NEW.id;
END;

CREATE INDEX customer_status ON customer (status) WHERE archived = 0;

-- Deals (opportunities).  stage is one of the configured stages (deal.stages
-- in crm config) while the deal is open; a won or lost deal keeps the stage
-- it was closed from.  probability NULL means the stage's default.
CREATE TABLE deal (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	title       TEXT NOT NULL CHECK (length(title) > 0),
	amount      INTEGER NOT NULL CHECK (amount >= 0),
	stage       TEXT NOT NULL CHECK (length(stage) > 0),
	status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
	probability INTEGER CHECK (probability BETWEEN 0 AND 100),
	close_date  TEXT,                 -- expected close while open, actual once closed
	owner       TEXT NOT NULL,
	source      TEXT,
	reason      TEXT,                 -- why it was lost
	stage_since TEXT NOT NULL,        -- when it entered its current stage
	closed      TEXT,                 -- when it was won or lost
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	CHECK ((status = 'open') = (closed IS NULL))
) STRICT;

CREATE INDEX deal_customer ON deal (customer_id);
CREATE INDEX deal_open ON deal (stage) WHERE status = 'open';

-- Every stage a deal entered, with when and who: the funnel reads this.
-- The first row is the stage it was created in; won and lost are rows too.
CREATE TABLE deal_stage (
	id      INTEGER PRIMARY KEY,
	deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
	stage   TEXT NOT NULL,
	at      TEXT NOT NULL,
	user    TEXT NOT NULL
) STRICT;

CREATE INDEX deal_stage_deal ON deal_stage (deal_id, at);

-- The contact log: every call, mail, visit, meeting and note.
CREATE TABLE activity (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	contact_id  INTEGER REFERENCES contact (id),
	deal_id     INTEGER REFERENCES deal (id),
	type        TEXT NOT NULL
	            CHECK (type IN ('call', 'email', 'im', 'visit', 'meeting', 'note')),
	at          TEXT NOT NULL,        -- when it happened, YYYY-MM-DDTHH:MM:SS
	rep         TEXT NOT NULL,        -- who had the contact
	minutes     INTEGER CHECK (minutes BETWEEN 0 AND 10000),
	summary     TEXT NOT NULL CHECK (length(summary) > 0),
	outcome     TEXT,
	created     TEXT NOT NULL
) STRICT;

CREATE INDEX activity_customer ON activity (customer_id, at);

-- The contact cadence each customer follows: its own, else its tier's
-- (config tier.NAME.cadence), else the default (config cadence.default);
-- the last contact (an activity other than a note); and when the next one is
-- due: the last contact (or, with none yet, the day the customer was added)
-- plus the cadence.  Only prospects and active customers have one.
CREATE VIEW customer_cadence (customer_id, cadence, last_contact, next_contact) AS
SELECT id, cadence, last_contact,
       date(coalesce(last_contact, created), '+' || cadence || ' days')
FROM (SELECT c.id, c.created,
	     coalesce(c.cadence,
		      (SELECT CAST(value AS INTEGER) FROM config
		       WHERE key = 'tier.' || c.tier || '.cadence'),
		      (SELECT CAST(value AS INTEGER) FROM config WHERE key = 'cadence.default'))
		     AS cadence,
	     (SELECT max(a.at) FROM activity a
	      WHERE a.customer_id = c.id AND a.type <> 'note') AS last_contact
      FROM customer c
      WHERE c.archived = 0 AND c.status IN ('prospect', 'active'))
WHERE cadence IS NOT NULL;
CREATE INDEX activity_rep ON activity (rep, at);
CREATE INDEX activity_deal ON activity (deal_id) WHERE deal_id IS NOT NULL;

-- Tasks, appointments and follow-ups.  A follow-up is a task that an
-- activity's --next scheduled (activity_id says which); an appointment is a
-- task with a time (and usually a place).
CREATE TABLE task (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	title       TEXT NOT NULL CHECK (length(title) > 0),
	customer_id INTEGER REFERENCES customer (id),
	deal_id     INTEGER REFERENCES deal (id),
	activity_id INTEGER REFERENCES activity (id),
	due         TEXT,                 -- YYYY-MM-DD
	time        TEXT CHECK (time IS NULL OR (due IS NOT NULL AND time GLOB '[0-2][0-9]:[0-5][0-9]')),
	place       TEXT,
	assignee    TEXT NOT NULL,
	priority    TEXT NOT NULL DEFAULT 'normal'
	            CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
	done_at     TEXT,
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	CHECK ((status = 'done') = (done_at IS NOT NULL))
) STRICT;

CREATE INDEX task_open ON task (assignee, due) WHERE status = 'open';
CREATE INDEX task_customer ON task (customer_id);
CREATE INDEX task_deal ON task (deal_id) WHERE deal_id IS NOT NULL;

-- A lead handed to a rep, who must record an activity or change the lead's
-- status before feedback_due.
CREATE TABLE lead_assignment (
	id           INTEGER PRIMARY KEY,
	customer_id  INTEGER NOT NULL REFERENCES customer (id),
	rep          TEXT NOT NULL,
	assigned     TEXT NOT NULL,       -- YYYY-MM-DDTHH:MM:SS
	feedback_due TEXT NOT NULL,       -- YYYY-MM-DD
	user         TEXT NOT NULL
) STRICT;

CREATE INDEX lead_assignment_customer ON lead_assignment (customer_id, assigned);

-- Each lead's latest assignment and the feedback on it: the date of the
-- first activity on the lead or the first change of its status (which the
-- audit log records), whichever came first at or after the assignment; NULL
-- while there is none.  lead list and remind read the rule from here.
CREATE VIEW lead_feedback (customer_id, rep, assigned, feedback_due, feedback) AS
SELECT customer_id, rep, assigned, feedback_due,
       substr(CASE WHEN fa IS NULL THEN fs WHEN fs IS NULL OR fa <= fs THEN fa ELSE fs END,
	      1, 10)
FROM (SELECT la.customer_id, la.rep, la.assigned, la.feedback_due,
	     (SELECT min(a.at) FROM activity a
	      WHERE a.customer_id = la.customer_id AND a.at >= la.assigned) AS fa,
	     (SELECT min(u.at) FROM audit u
	      WHERE u.entity = 'customer' AND u.entity_id = la.customer_id
	        AND u.action = 'update' AND u.at >= la.assigned
	        AND json_extract(u.old, '$.status') IS NOT json_extract(u.new, '$.status')) AS fs
      FROM lead_assignment la
      WHERE la.id = (SELECT l.id FROM lead_assignment l WHERE l.customer_id = la.customer_id
		     ORDER BY l.assigned DESC, l.id DESC LIMIT 1));

-- The audit log of deals, activities and tasks.
CREATE VIEW deal_audit_json (id, doc) AS
SELECT d.id, json_object(
	'code', d.code, 'customer', c.code, 'title', d.title, 'amount', crm_money(d.amount),
	'stage', d.stage, 'status', d.status, 'probability', d.probability,
	'close', d.close_date, 'owner', d.owner, 'source', d.source, 'reason', d.reason)
FROM deal d JOIN customer c ON c.id = d.customer_id;

CREATE TRIGGER deal_audit_insert AFTER INSERT ON deal BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	SELECT crm_now(), crm_user(), 'deal', NEW.id, NEW.customer_id, 'insert', doc
	FROM deal_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER deal_audit_update AFTER UPDATE ON deal
WHEN OLD.code IS NOT NEW.code OR OLD.customer_id IS NOT NEW.customer_id
  OR OLD.title IS NOT NEW.title OR OLD.amount IS NOT NEW.amount OR OLD.stage IS NOT NEW.stage
  OR OLD.status IS NOT NEW.status OR OLD.probability IS NOT NEW.probability
  OR OLD.close_date IS NOT NEW.close_date OR OLD.owner IS NOT NEW.owner
  OR OLD.source IS NOT NEW.source OR OLD.reason IS NOT NEW.reason
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	SELECT crm_now(), crm_user(), 'deal', NEW.id, NEW.customer_id, 'update',
	       json_object(
		'code', OLD.code, 'customer', (SELECT code FROM customer WHERE id = OLD.customer_id),
		'title', OLD.title, 'amount', crm_money(OLD.amount), 'stage', OLD.stage,
		'status', OLD.status, 'probability', OLD.probability, 'close', OLD.close_date,
		'owner', OLD.owner, 'source', OLD.source, 'reason', OLD.reason),
	       doc
	FROM deal_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER deal_audit_delete AFTER DELETE ON deal BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'deal', OLD.id, OLD.customer_id, 'delete',
		json_object('code', OLD.code, 'title', OLD.title));
END;

CREATE VIEW activity_audit_json (id, doc) AS
SELECT a.id, json_object(
	'customer', c.code, 'type', a.type, 'at', a.at, 'rep', a.rep, 'minutes', a.minutes,
	'summary', a.summary, 'outcome', a.outcome,
	'contact', (SELECT name FROM contact WHERE id = a.contact_id),
	'deal', (SELECT code FROM deal WHERE id = a.deal_id))
FROM activity a JOIN customer c ON c.id = a.customer_id;

CREATE TRIGGER activity_audit_insert AFTER INSERT ON activity BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	SELECT crm_now(), crm_user(), 'activity', NEW.id, NEW.customer_id, 'insert', doc
	FROM activity_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER activity_audit_update AFTER UPDATE ON activity BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	SELECT crm_now(), crm_user(), 'activity', NEW.id, NEW.customer_id, 'update',
	       json_object(
		'customer', (SELECT code FROM customer WHERE id = OLD.customer_id),
		'type', OLD.type, 'at', OLD.at, 'rep', OLD.rep, 'minutes', OLD.minutes,
		'summary', OLD.summary, 'outcome', OLD.outcome,
		'contact', (SELECT name FROM contact WHERE id = OLD.contact_id),
		'deal', (SELECT code FROM deal WHERE id = OLD.deal_id)),
	       doc
	FROM activity_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER activity_audit_delete AFTER DELETE ON activity BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'activity', OLD.id, OLD.customer_id, 'delete',
		json_object('type', OLD.type, 'at', OLD.at, 'summary', OLD.summary));
END;

CREATE VIEW task_audit_json (id, doc) AS
SELECT t.id, json_object(
	'title', t.title, 'customer', (SELECT code FROM customer WHERE id = t.customer_id),
	'deal', (SELECT code FROM deal WHERE id = t.deal_id), 'due', t.due, 'time', t.time,
	'place', t.place, 'assignee', t.assignee, 'priority', t.priority, 'status', t.status)
FROM task t;

CREATE TRIGGER task_audit_insert AFTER INSERT ON task BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	SELECT crm_now(), crm_user(), 'task', NEW.id, NEW.customer_id, 'insert', doc
	FROM task_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER task_audit_update AFTER UPDATE ON task
WHEN OLD.title IS NOT NEW.title OR OLD.customer_id IS NOT NEW.customer_id
  OR OLD.deal_id IS NOT NEW.deal_id OR OLD.due IS NOT NEW.due OR OLD.time IS NOT NEW.time
  OR OLD.place IS NOT NEW.place OR OLD.assignee IS NOT NEW.assignee
  OR OLD.priority IS NOT NEW.priority OR OLD.status IS NOT NEW.status
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	SELECT crm_now(), crm_user(), 'task', NEW.id, NEW.customer_id, 'update',
	       json_object(
		'title', OLD.title, 'customer', (SELECT code FROM customer WHERE id = OLD.customer_id),
		'deal', (SELECT code FROM deal WHERE id = OLD.deal_id), 'due', OLD.due,
		'time', OLD.time, 'place', OLD.place, 'assignee', OLD.assignee,
		'priority', OLD.priority, 'status', OLD.status),
	       doc
	FROM task_audit_json WHERE id = NEW.id;
END;

CREATE TRIGGER task_audit_delete AFTER DELETE ON task BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'task', OLD.id, OLD.customer_id, 'delete',
		json_object('title', OLD.title));
END;

CREATE TRIGGER lead_assignment_audit AFTER INSERT ON lead_assignment BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'lead', NEW.customer_id, NEW.customer_id, 'insert',
		json_object('assigned_to', NEW.rep, 'feedback_due', NEW.feedback_due));
END;

CREATE TRIGGER config_audit_insert AFTER INSERT ON config BEGIN
	INSERT INTO audit (at, user, entity, entity_id, action, new)
	VALUES (crm_now(), crm_user(), 'config', NEW.rowid, 'insert',
		json_object(NEW.key, NEW.value));
END;

CREATE TRIGGER config_audit_update AFTER UPDATE ON config WHEN OLD.value IS NOT NEW.value BEGIN
	INSERT INTO audit (at, user, entity, entity_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'config', NEW.rowid, 'update',
		json_object(OLD.key, OLD.value), json_object(NEW.key, NEW.value));
END;

CREATE TRIGGER config_audit_delete AFTER DELETE ON config BEGIN
	INSERT INTO audit (at, user, entity, entity_id, action, old)
	VALUES (crm_now(), crm_user(), 'config', OLD.rowid, 'delete',
		json_object(OLD.key, OLD.value));
END;

-- @version 3 ----------------------------------------------------------------
-- From quote to invoice: products, documents (quotes, orders, invoices and
-- credit notes) with their lines, deliveries, and the number series.
--
-- Quantities are INTEGER thousandths (2.5 kg is 2500); rates (tax,
-- discount) INTEGER hundredths of a percent (19 % is 1900); money INTEGER
-- minor units.  A line's amounts are computed once, when it is written, by
-- lib/doc.c (rounding half away from zero, per line) and stored; a
-- document's totals are the sums of its lines' and are stored with it.

CREATE TABLE product (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	sku      TEXT NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 64),
	name     TEXT NOT NULL CHECK (length(name) > 0),
	unit     TEXT NOT NULL DEFAULT 'pcs' CHECK (length(unit) BETWEEN 1 AND 16),
	price    INTEGER NOT NULL CHECK (price >= 0),
	cost     INTEGER CHECK (cost >= 0),
	tax_rate INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 10000),
	note     TEXT,
	archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL
) STRICT;

-- The last number given per series (quote, order, delivery, invoice,
-- credit) and year: a number is taken inside the transaction that issues
-- the document, so a failure gives it back and the series has no gaps.
CREATE TABLE number_series (
	series TEXT NOT NULL,
	year   INTEGER NOT NULL,
	last   INTEGER NOT NULL CHECK (last >= 0),
	PRIMARY KEY (series, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE doc (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	kind        TEXT NOT NULL CHECK (kind IN ('quote', 'order', 'invoice', 'credit')),
	number      TEXT UNIQUE,          -- NULL only for a draft invoice or credit note
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	status      TEXT NOT NULL,
	date        TEXT NOT NULL,        -- YYYY-MM-DD: made, or issued
	valid_until TEXT,                 -- a quote's last day
	promised    TEXT,                 -- an order's promised delivery date
	due         TEXT,                 -- an invoice's due date
	source_id   INTEGER REFERENCES doc (id), -- copied from, converted from, credit of
	ship_to     TEXT,                 -- the delivery address, taken from the customer
	note        TEXT,
	subtotal    INTEGER NOT NULL DEFAULT 0, -- sum of the lines' gross amounts
	discount    INTEGER NOT NULL DEFAULT 0, -- sum of their discounts
	tax         INTEGER NOT NULL DEFAULT 0, -- sum of their tax
	total       INTEGER NOT NULL DEFAULT 0, -- subtotal - discount + tax
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	CHECK ((kind = 'quote' AND status IN ('draft', 'sent', 'accepted', 'rejected'))
	    OR (kind = 'order' AND status IN ('draft', 'confirmed', 'cancelled'))
	    OR (kind IN ('invoice', 'credit') AND status IN ('draft', 'issued', 'void'))),
	CHECK (number IS NOT NULL OR (kind IN ('invoice', 'credit') AND status = 'draft')),
	CHECK (total = subtotal - discount + tax)
) STRICT;

CREATE INDEX doc_customer ON doc (customer_id, kind, date);
-- product prices of a product on many lines: documents newest first.
CREATE INDEX doc_date ON doc (date);
CREATE INDEX doc_source ON doc (source_id) WHERE source_id IS NOT NULL;

-- One line of a document: a product (its description, unit, price and tax
-- rate copied at the time, so later price changes leave it alone) or free
-- text (product_id NULL).  gross = qty x price, discount = gross x
-- discount_rate, net = gross - discount, tax = net x tax_rate, each rounded
-- half away from zero.
CREATE TABLE doc_line (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	doc_id         INTEGER NOT NULL REFERENCES doc (id) ON DELETE CASCADE,
	pos            INTEGER NOT NULL CHECK (pos > 0),
	product_id     INTEGER REFERENCES product (id),
	description    TEXT NOT NULL CHECK (length(description) > 0),
	qty            INTEGER NOT NULL CHECK (qty > 0),
	unit           TEXT NOT NULL,
	price          INTEGER NOT NULL CHECK (price >= 0),
	discount_rate  INTEGER NOT NULL DEFAULT 0 CHECK (discount_rate BETWEEN 0 AND 10000),
	tax_rate       INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 10000),
	gross          INTEGER NOT NULL,
	discount       INTEGER NOT NULL,
	net            INTEGER NOT NULL,
	tax            INTEGER NOT NULL,
	source_line_id INTEGER REFERENCES doc_line (id), -- the quote line of an order line, the
	                                                -- order line of an invoice line
	UNIQUE (doc_id, pos),
	CHECK (net = gross - discount)
) STRICT;

-- product prices: every line of a product, newest first.
CREATE INDEX doc_line_product ON doc_line (product_id) WHERE product_id IS NOT NULL;
CREATE INDEX doc_line_source ON doc_line (source_line_id) WHERE source_line_id IS NOT NULL;

-- A delivery ships quantities of an order's lines; what is left is on
-- backorder.
CREATE TABLE delivery (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	number   TEXT NOT NULL UNIQUE,
	order_id INTEGER NOT NULL REFERENCES doc (id),
	date     TEXT NOT NULL,
	ship_to  TEXT,
	tracking TEXT,
	note     TEXT,
	created  TEXT NOT NULL
) STRICT;

CREATE INDEX delivery_order ON delivery (order_id);

CREATE TABLE delivery_line (
	id            INTEGER PRIMARY KEY,
	delivery_id   INTEGER NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
	order_line_id INTEGER NOT NULL REFERENCES doc_line (id),
	qty           INTEGER NOT NULL CHECK (qty > 0)
) STRICT;

CREATE INDEX delivery_line_order_line ON delivery_line (order_line_id);

-- How much of each order line was ordered, shipped and invoiced.
CREATE VIEW order_line_state (line_id, order_id, ordered, shipped, invoiced) AS
SELECT l.id, l.doc_id, l.qty,
       ifnull((SELECT sum(dl.qty) FROM delivery_line dl WHERE dl.order_line_id = l.id), 0),
       ifnull((SELECT sum(il.qty) FROM doc_line il JOIN doc i ON i.id = il.doc_id
	       WHERE il.source_line_id = l.id AND i.kind = 'invoice' AND i.status <> 'void'), 0)
FROM doc_line l JOIN doc o ON o.id = l.doc_id WHERE o.kind = 'order';

-- The audit log of products, documents and deliveries.
CREATE TRIGGER product_audit_insert AFTER INSERT ON product BEGIN
	INSERT INTO audit (at, user, entity, entity_id, action, new)
	VALUES (crm_now(), crm_user(), 'product', NEW.id, 'insert',
		json_object('sku', NEW.sku, 'name', NEW.name, 'unit', NEW.unit,
			    'price', crm_money(NEW.price), 'cost', crm_money(NEW.cost),
			    'tax_rate', NEW.tax_rate, 'note', NEW.note, 'archived', NEW.archived));
END;

CREATE TRIGGER product_audit_update AFTER UPDATE ON product
WHEN OLD.sku IS NOT NEW.sku OR OLD.name IS NOT NEW.name OR OLD.unit IS NOT NEW.unit
  OR OLD.price IS NOT NEW.price OR OLD.cost IS NOT NEW.cost OR OLD.tax_rate IS NOT NEW.tax_rate
  OR OLD.note IS NOT NEW.note OR OLD.archived IS NOT NEW.archived
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'product', NEW.id, 'update',
		json_object('sku', OLD.sku, 'name', OLD.name, 'unit', OLD.unit,
			    'price', crm_money(OLD.price), 'cost', crm_money(OLD.cost),
			    'tax_rate', OLD.tax_rate, 'note', OLD.note, 'archived', OLD.archived),
		json_object('sku', NEW.sku, 'name', NEW.name, 'unit', NEW.unit,
			    'price', crm_money(NEW.price), 'cost', crm_money(NEW.cost),
			    'tax_rate', NEW.tax_rate, 'note', NEW.note, 'archived', NEW.archived));
END;

CREATE TRIGGER doc_audit_insert AFTER INSERT ON doc BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), NEW.kind, NEW.id, NEW.customer_id, 'insert',
		json_object('number', NEW.number, 'status', NEW.status, 'date', NEW.date,
			    'valid_until', NEW.valid_until, 'promised', NEW.promised, 'due', NEW.due,
			    'total', crm_money(NEW.total), 'note', NEW.note));
END;

CREATE TRIGGER doc_audit_update AFTER UPDATE ON doc
WHEN OLD.number IS NOT NEW.number OR OLD.status IS NOT NEW.status OR OLD.date IS NOT NEW.date
  OR OLD.valid_until IS NOT NEW.valid_until OR OLD.promised IS NOT NEW.promised
  OR OLD.due IS NOT NEW.due OR OLD.total IS NOT NEW.total OR OLD.note IS NOT NEW.note
  OR OLD.customer_id IS NOT NEW.customer_id
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), NEW.kind, NEW.id, NEW.customer_id, 'update',
		json_object('number', OLD.number, 'status', OLD.status, 'date', OLD.date,
			    'valid_until', OLD.valid_until, 'promised', OLD.promised, 'due', OLD.due,
			    'total', crm_money(OLD.total), 'note', OLD.note),
		json_object('number', NEW.number, 'status', NEW.status, 'date', NEW.date,
			    'valid_until', NEW.valid_until, 'promised', NEW.promised, 'due', NEW.due,
			    'total', crm_money(NEW.total), 'note', NEW.note));
END;

CREATE TRIGGER doc_audit_delete AFTER DELETE ON doc BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), OLD.kind, OLD.id, OLD.customer_id, 'delete',
		json_object('number', OLD.number, 'total', crm_money(OLD.total)));
END;

CREATE TRIGGER delivery_audit_insert AFTER INSERT ON delivery BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	SELECT crm_now(), crm_user(), 'delivery', NEW.id, o.customer_id, 'insert',
	       json_object('number', NEW.number, 'order', o.number, 'date', NEW.date,
			   'tracking', NEW.tracking)
	FROM doc o WHERE o.id = NEW.order_id;
END;

-- @version 4 ----------------------------------------------------------------
-- Receivables: receipts and refunds, the settlement of invoices, dunning.
--
-- Money a customer pays (a receipt) or is given (a credit note) settles
-- invoices through allocations; what a receipt or credit note has not
-- settled yet is the customer's unapplied credit, which later settles other
-- invoices (crm ar apply) or is paid back (a refund, settled by credit the
-- same way).  A write-off is an allocation without a source.  Nothing is
-- edited: a receipt or refund is reversed, which ends its allocations on
-- the day of the reversal, so that a report as of an earlier day still sees
-- them.  A void credit note never counted: its allocations are removed.
--
-- Each invoice and credit note keeps what its standing allocations settle
-- (settled) and the day the last of them happened when that is all of it
-- (cleared, NULL while something is open); each receipt the same (applied,
-- cleared, which a reversal sets too).  An item cleared on or before a day
-- was cleared as of that day, so a report as of any day reads only the
-- items not cleared by then (index doc_receivable).  Triggers on allocation
-- keep these columns; lib/ar.c never writes them.

ALTER TABLE doc ADD COLUMN settled INTEGER NOT NULL DEFAULT 0 CHECK (settled >= 0);
ALTER TABLE doc ADD COLUMN cleared TEXT;

-- The invoices and credit notes that count for receivables, by the day they
-- were cleared: the open ones (cleared NULL) first.
CREATE INDEX doc_receivable ON doc (cleared, kind, customer_id, due, date, total, settled)
	WHERE kind IN ('invoice', 'credit') AND status = 'issued';

CREATE TABLE receipt (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	number      TEXT NOT NULL UNIQUE,  -- series.receipt or series.refund
	kind        TEXT NOT NULL DEFAULT 'receipt' CHECK (kind IN ('receipt', 'refund')),
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	date        TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount > 0),
	method      TEXT NOT NULL DEFAULT 'transfer'
	            CHECK (method IN ('cash', 'transfer', 'card', 'cheque', 'other')),
	ref         TEXT,                  -- the bank's or cheque's reference
	clerk       TEXT,                  -- who took it (default: the user)
	note        TEXT,
	applied     INTEGER NOT NULL DEFAULT 0 CHECK (applied >= 0),
	cleared     TEXT,
	reversed    TEXT,                  -- the day it was reversed; NULL: it stands
	reason      TEXT,                  -- why it was reversed
	created     TEXT NOT NULL,
	CHECK (applied <= amount),
	CHECK (reversed IS NULL OR applied = 0)
) STRICT;

CREATE INDEX receipt_customer ON receipt (customer_id, date);
CREATE INDEX receipt_date ON receipt (date);
-- unapplied credit as of a day: receipts not cleared by then.
CREATE INDEX receipt_receivable ON receipt (cleared, customer_id, date, amount, applied)
	WHERE kind = 'receipt';

-- amount of a source (receipt_id or credit_id; neither: a write-off)
-- settles an invoice (invoice_id) or a refund (refund_id), from date on,
-- until ended (the day a receipt or refund was reversed).
CREATE TABLE allocation (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	invoice_id  INTEGER REFERENCES doc (id),
	refund_id   INTEGER REFERENCES receipt (id),
	receipt_id  INTEGER REFERENCES receipt (id),
	credit_id   INTEGER REFERENCES doc (id),
	date        TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount > 0),
	ended       TEXT,
	reason      TEXT,                  -- a write-off's
	created     TEXT NOT NULL,
	CHECK ((invoice_id IS NULL) <> (refund_id IS NULL)),
	CHECK (receipt_id IS NULL OR credit_id IS NULL),
	CHECK (refund_id IS NULL OR receipt_id IS NOT NULL OR credit_id IS NOT NULL),
	CHECK (ended IS NULL OR ended >= date)
) STRICT;

CREATE INDEX allocation_invoice ON allocation (invoice_id, date, amount, ended)
	WHERE invoice_id IS NOT NULL;
CREATE INDEX allocation_receipt ON allocation (receipt_id, date, amount, ended)
	WHERE receipt_id IS NOT NULL;
CREATE INDEX allocation_credit ON allocation (credit_id, date, amount, ended)
	WHERE credit_id IS NOT NULL;
CREATE INDEX allocation_refund ON allocation (refund_id) WHERE refund_id IS NOT NULL;
CREATE INDEX allocation_customer ON allocation (customer_id, date);

-- What the standing allocations of each invoice and credit note settle, and
-- the day it was cleared (NULL while something is open).
CREATE VIEW doc_settlement (id, settled, cleared) AS
SELECT id, settled, CASE WHEN settled = total THEN coalesce(last, date) END
FROM (SELECT d.id, d.total, d.date,
	     ifnull((SELECT sum(a.amount) FROM allocation a
		     WHERE (a.invoice_id = d.id OR a.credit_id = d.id) AND a.ended IS NULL), 0)
	     AS settled,
	     (SELECT max(max(a.date, ifnull(a.ended, ''))) FROM allocation a
	      WHERE a.invoice_id = d.id OR a.credit_id = d.id) AS last
      FROM doc d);

-- The same for receipts (what they settle) and refunds (what settles them);
-- a reversed receipt was cleared the day it was reversed.
CREATE VIEW receipt_settlement (id, applied, cleared) AS
SELECT id, applied,
       CASE WHEN reversed IS NOT NULL THEN max(reversed, ifnull(last, ''))
	    WHEN applied = amount THEN coalesce(last, date) END
FROM (SELECT r.id, r.amount, r.date, r.reversed,
	     ifnull((SELECT sum(a.amount) FROM allocation a
		     WHERE (a.receipt_id = r.id OR a.refund_id = r.id) AND a.ended IS NULL), 0)
	     AS applied,
	     (SELECT max(max(a.date, ifnull(a.ended, ''))) FROM allocation a
	      WHERE a.receipt_id = r.id OR a.refund_id = r.id) AS last
      FROM receipt r);

CREATE TRIGGER allocation_settle_insert AFTER INSERT ON allocation BEGIN
	UPDATE doc SET (settled, cleared) =
		(SELECT settled, cleared FROM doc_settlement s WHERE s.id = doc.id)
	WHERE id IN (NEW.invoice_id, NEW.credit_id);
	UPDATE receipt SET (applied, cleared) =
		(SELECT applied, cleared FROM receipt_settlement s WHERE s.id = receipt.id)
	WHERE id IN (NEW.receipt_id, NEW.refund_id);
END;

CREATE TRIGGER allocation_settle_update AFTER UPDATE OF ended, amount ON allocation BEGIN
	UPDATE doc SET (settled, cleared) =
		(SELECT settled, cleared FROM doc_settlement s WHERE s.id = doc.id)
	WHERE id IN (NEW.invoice_id, NEW.credit_id);
	UPDATE receipt SET (applied, cleared) =
		(SELECT applied, cleared FROM receipt_settlement s WHERE s.id = receipt.id)
	WHERE id IN (NEW.receipt_id, NEW.refund_id);
END;

CREATE TRIGGER allocation_settle_delete AFTER DELETE ON allocation BEGIN
	UPDATE doc SET (settled, cleared) =
		(SELECT settled, cleared FROM doc_settlement s WHERE s.id = doc.id)
	WHERE id IN (OLD.invoice_id, OLD.credit_id);
	UPDATE receipt SET (applied, cleared) =
		(SELECT applied, cleared FROM receipt_settlement s WHERE s.id = receipt.id)
	WHERE id IN (OLD.receipt_id, OLD.refund_id);
END;

CREATE TRIGGER receipt_settle_reversed AFTER UPDATE OF reversed ON receipt BEGIN
	UPDATE receipt SET (applied, cleared) =
		(SELECT applied, cleared FROM receipt_settlement s WHERE s.id = receipt.id)
	WHERE id = NEW.id;
END;

-- A dunning letter sent to a customer at a level (1 the first reminder),
-- on the day of the run, and the overdue invoices it listed.
CREATE TABLE dunning (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 9),
	date        TEXT NOT NULL,
	sent_to     TEXT,
	overdue     INTEGER NOT NULL CHECK (overdue > 0),
	fee         INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),
	interest    INTEGER NOT NULL DEFAULT 0 CHECK (interest >= 0),
	created     TEXT NOT NULL
) STRICT;

CREATE INDEX dunning_customer ON dunning (customer_id, date);

CREATE TABLE dunning_item (
	dunning_id  INTEGER NOT NULL REFERENCES dunning (id) ON DELETE CASCADE,
	invoice_id  INTEGER NOT NULL REFERENCES doc (id),
	open        INTEGER NOT NULL CHECK (open > 0),
	days        INTEGER NOT NULL,      -- days overdue on the day of the run
	interest    INTEGER NOT NULL DEFAULT 0 CHECK (interest >= 0),
	PRIMARY KEY (dunning_id, invoice_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX dunning_item_invoice ON dunning_item (invoice_id);

-- The audit log of receipts, refunds, allocations and dunning letters.
CREATE TRIGGER receipt_audit_insert AFTER INSERT ON receipt BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), NEW.kind, NEW.id, NEW.customer_id, 'insert',
		json_object('number', NEW.number, 'date', NEW.date, 'amount', crm_money(NEW.amount),
			    'method', NEW.method, 'ref', NEW.ref, 'clerk', NEW.clerk,
			    'note', NEW.note));
END;

CREATE TRIGGER receipt_audit_reverse AFTER UPDATE OF reversed ON receipt
WHEN OLD.reversed IS NOT NEW.reversed BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), NEW.kind, NEW.id, NEW.customer_id, 'update',
		json_object('reversed', OLD.reversed, 'reason', OLD.reason),
		json_object('reversed', NEW.reversed, 'reason', NEW.reason));
END;

CREATE TRIGGER allocation_audit_insert AFTER INSERT ON allocation BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'allocation', NEW.id, NEW.customer_id, 'insert',
		json_object('invoice', (SELECT number FROM doc WHERE id = NEW.invoice_id),
			    'refund', (SELECT number FROM receipt WHERE id = NEW.refund_id),
			    'receipt', (SELECT number FROM receipt WHERE id = NEW.receipt_id),
			    'credit', (SELECT number FROM doc WHERE id = NEW.credit_id),
			    'date', NEW.date, 'amount', crm_money(NEW.amount), 'reason', NEW.reason));
END;

CREATE TRIGGER allocation_audit_end AFTER UPDATE OF ended ON allocation
WHEN OLD.ended IS NOT NEW.ended BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'allocation', NEW.id, NEW.customer_id, 'update',
		json_object('ended', OLD.ended), json_object('ended', NEW.ended));
END;

CREATE TRIGGER allocation_audit_delete AFTER DELETE ON allocation BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old)
	VALUES (crm_now(), crm_user(), 'allocation', OLD.id, OLD.customer_id, 'delete',
		json_object('invoice', (SELECT number FROM doc WHERE id = OLD.invoice_id),
			    'credit', (SELECT number FROM doc WHERE id = OLD.credit_id),
			    'date', OLD.date, 'amount', crm_money(OLD.amount)));
END;

CREATE TRIGGER dunning_audit_insert AFTER INSERT ON dunning BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'dunning', NEW.id, NEW.customer_id, 'insert',
		json_object('level', NEW.level, 'date', NEW.date, 'sent_to', NEW.sent_to,
			    'overdue', crm_money(NEW.overdue), 'fee', crm_money(NEW.fee),
			    'interest', crm_money(NEW.interest)));
END;

-- A database of version 3 has credit notes: each settles its invoice.
INSERT INTO allocation (customer_id, invoice_id, credit_id, date, amount, created)
SELECT c.customer_id, i.id, c.id, max(c.date, i.date), c.total, crm_now()
FROM doc c JOIN doc i ON i.id = c.source_id
WHERE c.kind = 'credit' AND c.status = 'issued' AND c.total > 0
  AND i.kind = 'invoice' AND i.status = 'issued'
ORDER BY c.id;

-- @version 5 ----------------------------------------------------------------
-- After-sales service: cases with service levels, the RMA repair flow, field
-- visits and maintenance plans, satisfaction surveys.  Times are
-- YYYY-MM-DDTHH:MM:SS in local time (CRM_NOW), dates YYYY-MM-DD.

-- ---- cases (lib/case.c) ----
CREATE TABLE service_case (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	number      TEXT NOT NULL UNIQUE,          -- series.case
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	contact_id  INTEGER REFERENCES contact (id),
	product_id  INTEGER REFERENCES product (id),
	subject     TEXT NOT NULL CHECK (length(subject) > 0),
	channel     TEXT NOT NULL DEFAULT 'phone'
	            CHECK (channel IN ('phone', 'email', 'web', 'visit', 'chat')),
	priority    TEXT NOT NULL DEFAULT 'normal'
	            CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	assignee    TEXT,
	status      TEXT NOT NULL DEFAULT 'open'
	            CHECK (status IN ('open', 'waiting', 'resolved', 'closed')),
	opened      TEXT NOT NULL,
	responded   TEXT,                          -- the first reply to the customer
	resolved    TEXT,
	closed      TEXT,
	-- the targets in working hours, fixed when the case opens (sla.* config),
	-- so that a later change of policy does not rewrite old outcomes
	response_hours   INTEGER NOT NULL CHECK (response_hours > 0),
	resolution_hours INTEGER NOT NULL CHECK (resolution_hours > 0),
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
) STRICT;

CREATE INDEX service_case_customer ON service_case (customer_id, opened);
CREATE INDEX service_case_status ON service_case (status, priority);

-- Everything that happened to a case, in order: the thread and the clock.
CREATE TABLE case_event (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES service_case (id) ON DELETE CASCADE,
	at      TEXT NOT NULL,
	user    TEXT NOT NULL,
	kind    TEXT NOT NULL CHECK (kind IN ('open', 'reply', 'note', 'assign', 'wait', 'resume',
	                                      'resolve', 'close', 'reopen')),
	text    TEXT
) STRICT;

CREATE INDEX case_event_case ON case_event (case_id, at);

CREATE TRIGGER service_case_audit_insert AFTER INSERT ON service_case BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'case', NEW.id, NEW.customer_id, 'insert',
		json_object('number', NEW.number, 'subject', NEW.subject, 'channel', NEW.channel,
			    'priority', NEW.priority, 'assignee', NEW.assignee,
			    'status', NEW.status));
END;

CREATE TRIGGER service_case_audit_update AFTER UPDATE OF status, assignee ON service_case
WHEN OLD.status IS NOT NEW.status OR OLD.assignee IS NOT NEW.assignee BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'case', NEW.id, NEW.customer_id, 'update',
		json_object('status', OLD.status, 'assignee', OLD.assignee),
		json_object('status', NEW.status, 'assignee', NEW.assignee));
END;

-- ---- RMAs (lib/rma.c) ----
ALTER TABLE product ADD COLUMN warranty_months INTEGER CHECK (warranty_months BETWEEN 0 AND 1200);

-- A unit sent back for repair.  state is one of opened, received, diagnosed,
-- repairing, at_vendor, repaired, shipped, confirmed (open) or closed,
-- rejected, cancelled (done); lib/rma.c holds the transitions.
CREATE TABLE rma (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	number         TEXT NOT NULL UNIQUE,       -- series.rma
	customer_id    INTEGER NOT NULL REFERENCES customer (id),
	product_id     INTEGER NOT NULL REFERENCES product (id),
	serial         TEXT,
	invoice_id     INTEGER REFERENCES doc (id),
	purchased      TEXT,                       -- the day the unit was bought
	warranty_until TEXT,                       -- the last day in warranty
	in_warranty    INTEGER NOT NULL CHECK (in_warranty IN (0, 1)),
	chargeable     INTEGER NOT NULL DEFAULT 0 CHECK (chargeable IN (0, 1)),
	quote_id       INTEGER REFERENCES doc (id),
	case_id        INTEGER REFERENCES service_case (id),
	fault          TEXT,
	advance        INTEGER NOT NULL DEFAULT 0 CHECK (advance IN (0, 1)),
	advance_due    TEXT,                       -- the faulty unit is due back by
	state          TEXT NOT NULL DEFAULT 'opened'
	               CHECK (state IN ('opened', 'received', 'diagnosed', 'repairing', 'at_vendor',
	                                'repaired', 'shipped', 'confirmed', 'closed', 'rejected',
	                                'cancelled')),
	since          TEXT NOT NULL,              -- when it entered its state
	received       TEXT,                       -- when the faulty unit arrived
	vendor         TEXT,
	tracking       TEXT,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL
) STRICT;

CREATE INDEX rma_customer ON rma (customer_id);
CREATE INDEX rma_state ON rma (state);
CREATE INDEX rma_serial ON rma (product_id, serial);

-- Every state an RMA entered, when and by whom, with what was noted.
CREATE TABLE rma_event (
	id     INTEGER PRIMARY KEY,
	rma_id INTEGER NOT NULL REFERENCES rma (id) ON DELETE CASCADE,
	at     TEXT NOT NULL,
	user   TEXT NOT NULL,
	state  TEXT NOT NULL,
	text   TEXT
) STRICT;

CREATE INDEX rma_event_rma ON rma_event (rma_id, at);

-- The audit log of RMAs, and of a product's warranty (product_audit_update
-- does not look at that column).
CREATE TRIGGER rma_audit_insert AFTER INSERT ON rma BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'rma', NEW.id, NEW.customer_id, 'insert',
		json_object('number', NEW.number, 'product_id', NEW.product_id,
			    'serial', NEW.serial, 'purchased', NEW.purchased,
			    'warranty_until', NEW.warranty_until, 'in_warranty', NEW.in_warranty,
			    'chargeable', NEW.chargeable, 'advance', NEW.advance,
			    'state', NEW.state));
END;

CREATE TRIGGER rma_audit_update AFTER UPDATE ON rma
WHEN OLD.state IS NOT NEW.state OR OLD.vendor IS NOT NEW.vendor
  OR OLD.tracking IS NOT NEW.tracking OR OLD.advance_due IS NOT NEW.advance_due
  OR OLD.received IS NOT NEW.received
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'rma', NEW.id, NEW.customer_id, 'update',
		json_object('state', OLD.state, 'vendor', OLD.vendor, 'tracking', OLD.tracking,
			    'advance_due', OLD.advance_due, 'received', OLD.received),
		json_object('state', NEW.state, 'vendor', NEW.vendor, 'tracking', NEW.tracking,
			    'advance_due', NEW.advance_due, 'received', NEW.received));
END;

CREATE TRIGGER product_warranty_audit AFTER UPDATE OF warranty_months ON product
WHEN OLD.warranty_months IS NOT NEW.warranty_months
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'product', NEW.id, 'update',
		json_object('warranty_months', OLD.warranty_months),
		json_object('warranty_months', NEW.warranty_months));
END;

-- ---- field visits (lib/visit.c) ----
-- A maintenance plan: a visit every `every` months from `start`.  next is
-- start moved on by `every` months `periods` times (each done visit of the
-- plan is one more), kept from start so that month ends do not drift.
CREATE TABLE visit_plan (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	every       INTEGER NOT NULL CHECK (every BETWEEN 1 AND 120), -- months
	start       TEXT NOT NULL,                 -- the first visit is due on
	periods     INTEGER NOT NULL DEFAULT 0 CHECK (periods >= 0),
	next        TEXT NOT NULL,                 -- the next visit is due on
	tech        TEXT,
	task        TEXT,
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created     TEXT NOT NULL
) STRICT;

CREATE TABLE visit (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	number      TEXT NOT NULL UNIQUE,          -- series.visit
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	tech        TEXT NOT NULL,
	date        TEXT NOT NULL,
	time        TEXT,                          -- HH:MM
	case_id     INTEGER REFERENCES service_case (id),
	rma_id      INTEGER REFERENCES rma (id),
	plan_id     INTEGER REFERENCES visit_plan (id),
	task        TEXT,
	status      TEXT NOT NULL DEFAULT 'scheduled'
	            CHECK (status IN ('scheduled', 'done', 'cancelled')),
	report      TEXT,
	minutes     INTEGER CHECK (minutes > 0),
	parts       TEXT,
	reason      TEXT,                          -- why it was cancelled
	done        TEXT,                          -- when it was reported done or cancelled
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
) STRICT;

CREATE INDEX visit_customer ON visit (customer_id, date);
CREATE INDEX visit_tech ON visit (tech, date);
CREATE INDEX visit_plan_visit ON visit (plan_id, status);

CREATE TRIGGER visit_audit_insert AFTER INSERT ON visit BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'visit', NEW.id, NEW.customer_id, 'insert',
		json_object('number', NEW.number, 'tech', NEW.tech, 'date', NEW.date,
			    'time', NEW.time, 'plan', NEW.plan_id, 'task', NEW.task));
END;

CREATE TRIGGER visit_audit_update AFTER UPDATE ON visit
WHEN OLD.status IS NOT NEW.status OR OLD.tech IS NOT NEW.tech OR OLD.date IS NOT NEW.date
  OR OLD.time IS NOT NEW.time
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'visit', NEW.id, NEW.customer_id, 'update',
		json_object('status', OLD.status),
		json_object('status', NEW.status, 'report', NEW.report, 'minutes', NEW.minutes,
			    'parts', NEW.parts, 'reason', NEW.reason));
END;

CREATE TRIGGER visit_plan_audit_insert AFTER INSERT ON visit_plan BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'visit_plan', NEW.id, NEW.customer_id, 'insert',
		json_object('every', NEW.every, 'next', NEW.next, 'tech', NEW.tech,
			    'task', NEW.task));
END;

CREATE TRIGGER visit_plan_audit_update AFTER UPDATE ON visit_plan
WHEN OLD.next IS NOT NEW.next OR OLD.active IS NOT NEW.active
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'visit_plan', NEW.id, NEW.customer_id, 'update',
		json_object('next', OLD.next, 'active', OLD.active),
		json_object('next', NEW.next, 'active', NEW.active));
END;

-- ---- surveys (lib/survey.c) ----
CREATE TABLE survey (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	number      TEXT NOT NULL UNIQUE,          -- series.survey
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	case_id     INTEGER REFERENCES service_case (id),
	rma_id      INTEGER REFERENCES rma (id),
	email       TEXT,                          -- where the request went
	sent        TEXT NOT NULL,
	csat        INTEGER CHECK (csat BETWEEN 1 AND 5),
	nps         INTEGER CHECK (nps BETWEEN 0 AND 10),
	comment     TEXT,
	answered    TEXT,
	created     TEXT NOT NULL
) STRICT;

CREATE INDEX survey_customer ON survey (customer_id);

CREATE INDEX survey_case ON survey (case_id);
CREATE INDEX survey_rma ON survey (rma_id);

CREATE TRIGGER survey_audit_insert AFTER INSERT ON survey BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new)
	VALUES (crm_now(), crm_user(), 'survey', NEW.id, NEW.customer_id, 'insert',
		json_object('number', NEW.number, 'case', NEW.case_id, 'rma', NEW.rma_id,
			    'email', NEW.email));
END;

CREATE TRIGGER survey_audit_update AFTER UPDATE ON survey
WHEN OLD.csat IS NOT NEW.csat OR OLD.nps IS NOT NEW.nps OR OLD.comment IS NOT NEW.comment
BEGIN
	INSERT INTO audit (at, user, entity, entity_id, customer_id, action, old, new)
	VALUES (crm_now(), crm_user(), 'survey', NEW.id, NEW.customer_id, 'update',
		json_object('csat', OLD.csat, 'nps', OLD.nps, 'comment', OLD.comment),
		json_object('csat', NEW.csat, 'nps', NEW.nps, 'comment', NEW.comment));
END;
