#!/bin/sh
# crm ar dunning: a run of days escalating one level at a time, never the
# same level twice, paid invoices dropping out, the restart at level 1,
# fees and interest, --dry-run, --as-of, --customer, --dir, --mbox (parsed
# back as mail), --send, --to, a customer without an address, the user's
# templates, history, and bad input (message, exit code, nothing written).
#
# Every figure below is worked out by hand in the comments.  Interest per
# invoice = open x rate x days / (365 x 10000) in cents, rounded half away
# from zero, rate in hundredths of a percent (8 % = 800).
. "$(dirname "$0")/lib.sh"

# at DAY CMD...: runs CMD with the clock at DAY, 09:30.
at() { _at=$1; shift; CRM_TODAY=$_at CRM_NOW=${_at}T09:30:00 "$@"; }
# q CMD...: a set-up step; only its failure is reported.
q() { "$@" >"$T/qout" 2>&1 || report 1 "set-up: $*" "$T/qout"; }
# invoice DAY CUSTOMER TEXT QTY PRICE TAX: a draft with one line, issued on DAY.
n_draft=0
invoice() {
	n_draft=$((n_draft + 1))
	q at "$1" crm invoice new "$2"
	q at "$1" crm invoice line add "$n_draft" --text "$3" --qty "$4" --price "$5" --tax-rate "$6"
	q at "$1" crm invoice issue "$n_draft" --date "$1"
}
# The letters recorded and their invoices, for sql_is.
LETTERS='SELECT d.id, c.code, d.level, d.date, quote(d.sent_to), d.overdue, d.fee, d.interest'
FROM_LETTERS='FROM dunning d JOIN customer c ON c.id = d.customer_id ORDER BY d.id'
ITEMS='SELECT i.dunning_id, x.number, i.open, i.days, i.interest FROM dunning_item i JOIN doc x ON x.id = i.invoice_id ORDER BY i.dunning_id, x.number'
# nothing_written: no letter is recorded (after bad input).
nothing_written() { sql_is 'SELECT count(*) FROM dunning' <<'EOF'
0
EOF
}

# ---- the fixture ----

q crm config set company.name 'Shop Ltd'
q crm config set company.address 'Harbour Road 5\n20457 Hamburg'
q crm config set company.email office@shop.example
q crm config set company.bank 'IBAN DE00 1234 5678 9012 3456 78'
# levels 1, 2, 3 after 7, 30, 60 days (the defaults); fees and 8 % a year
# from level 2 on
q crm config set dunning.2.fee 5.00
q crm config set dunning.3.fee 10.00
q crm config set dunning.2.interest 8
q crm config set dunning.3.interest 8%

# Acme has an email; Birch none, but its primary contact has; Cedar has no
# address at all; Dune paid in advance
q at 2026-09-01 crm customer add 'Acme Trading' --owner ann --email ap@acme.example \
	--street 'Main St 1' --postcode 12345 --city Springfield              # C00001
q at 2026-09-01 crm customer add 'Birch Ltd' --owner bob                   # C00002
q at 2026-09-01 crm contact add C00002 'Bea Birch' --email bea@birch.example --primary
q at 2026-09-01 crm customer add 'Cedar GmbH'                              # C00003
q at 2026-09-01 crm customer add 'Dune Leads' --owner bob                  # C00004

# invoices, due 30 days after their date (invoice.terms):
#   INV-2026-00001 Acme  09-01, due 10-01, 2 x 50.00 + 20 % tax = 120.00
#   INV-2026-00002 Dune  09-01, due 10-01, 50.00
#   INV-2026-00003 Birch 09-10, due 10-10, 4 x 25.00 = 100.00
#   INV-2026-00004 Acme  09-15, due 10-15, 300.00
#   INV-2026-00005 Cedar 09-20, due 10-20, 80.00
invoice 2026-09-01 C00001 Widgets 2 50.00 20
invoice 2026-09-01 C00004 Advice 1 50.00 0
invoice 2026-09-10 C00002 Gadgets 4 25.00 0
invoice 2026-09-15 C00001 Service 1 300.00 0
invoice 2026-09-20 C00003 Parts 1 80.00 0
# Dune's 60.00 paid in advance covers its 50.00: Dune never gets a letter
q at 2026-09-05 crm ar receipt C00004 60.00 --unapplied

try 'the invoices' 0 at 2026-09-30 crm invoice list --columns number,customer,due,total
out_is <<'EOF'
number,customer,due,total
INV-2026-00001,C00001,2026-10-01,120.00
INV-2026-00002,C00004,2026-10-01,50.00
INV-2026-00003,C00002,2026-10-10,100.00
INV-2026-00004,C00001,2026-10-15,300.00
INV-2026-00005,C00003,2026-10-20,80.00
EOF

# ---- nothing due: no output at all, exit 0 (cron) ----

# on 10-01 INV-2026-00001 is due, not overdue; on 10-07 it is 6 days late,
# short of level 1's 7
for f in table csv tsv json ndjson; do
	try "nothing due, --format $f" 0 at 2026-10-01 crm ar dunning --format "$f"
	out_empty
	err_empty
done
try 'nothing due at 6 days' 0 at 2026-10-07 crm ar dunning
out_empty
try 'nothing due, --mbox' 0 at 2026-10-07 crm ar dunning --mbox
out_empty
err_empty
try 'nothing due, --dir' 0 at 2026-10-07 crm ar dunning --dir "$T/none"
out_empty
try 'nothing due, --dir made no directory' 0 test ! -e "$T/none"
nothing_written

sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit' >"$T/audit-before"
sqlite3 "$CRM_DB" ".backup $T/fresh.db"
# restore: back to the database as it is now, without letters
restore() { rm -f "$CRM_DB-wal" "$CRM_DB-shm"; cp "$T/fresh.db" "$CRM_DB"; }

# ---- bad input: the message, the exit code, nothing written ----

# on 10-31 three letters would be due (see the first run below)
try 'a bad --as-of' 4 at 2026-10-31 crm ar dunning --as-of 2026-13-01
out_empty
err_is <<'EOF'
crm: ar dunning: '2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
nothing_written
try '--as-of after today' 4 at 2026-10-31 crm ar dunning --as-of 2026-11-01 --mbox
out_empty
err_is <<'EOF'
crm: ar dunning: --as-of 2026-11-01 is after today (2026-10-31): only a dry run looks ahead
EOF
nothing_written
try 'an unknown customer' 3 at 2026-10-31 crm ar dunning --customer C00099
out_empty
err_is <<'EOF'
crm: ar dunning: no customer 'C00099'
EOF
nothing_written
try '--mbox with --dir' 2 at 2026-10-31 crm ar dunning --mbox --dir "$T/bad"
out_empty
err_is <<'EOF'
crm: ar dunning: --mbox, --dir and --send exclude each other
EOF
try '--mbox with --dir made no directory' 0 test ! -e "$T/bad"
nothing_written
try '--dir with --send' 2 at 2026-10-31 crm ar dunning --send --dir "$T/bad"
err_is <<'EOF'
crm: ar dunning: --mbox, --dir and --send exclude each other
EOF
try 'a bad --to' 4 at 2026-10-31 crm ar dunning --mbox --to 'not an address'
out_empty
err_is <<'EOF'
crm: ar dunning: 'not an address' is not an email address
EOF
nothing_written
echo 'a file' >"$T/afile"
try '--dir names a file' 1 at 2026-10-31 crm ar dunning --dir "$T/afile"
out_empty
err_is <<EOF
crm: ar dunning: cannot write to '$T/afile': not a directory
EOF
nothing_written
try '--dir in a missing directory' 1 at 2026-10-31 crm ar dunning --dir "$T/no/such"
err_is <<EOF
crm: ar dunning: cannot write to '$T/no/such': No such file or directory
EOF
nothing_written
try 'an argument' 2 at 2026-10-31 crm ar dunning C00001
out_empty
nothing_written
try 'an unknown option' 2 at 2026-10-31 crm ar dunning --level 2
out_empty
try 'an unknown column' 2 at 2026-10-31 crm ar dunning --columns customer,owner
out_empty
err_is <<'EOF'
crm: ar dunning: unknown column 'owner' (columns: customer, name, level, level_name, invoices, overdue, fee, interest, total, to)
EOF
nothing_written
# levels whose days do not rise could never be reached
q crm config set dunning.2.days 7
try 'levels out of order' 4 at 2026-10-31 crm ar dunning
out_empty
err_is <<'EOF'
crm: ar dunning: dunning.2.days (7) must be more than dunning.1.days (7)
EOF
nothing_written
q crm config unset dunning.2.days
# mail needs a sender
q crm config unset company.email
try 'no sender for --mbox' 4 at 2026-10-31 crm ar dunning --mbox
out_empty
err_is <<'EOF'
crm: ar dunning: no sender address: set dunning.from or company.email with 'crm config set'
EOF
nothing_written
q crm config set company.email office@shop.example
# a template the user broke
mkdir -p "$HOME/.config/crm/templates"
printf 'Dear {{customer_name},\n' >"$HOME/.config/crm/templates/dunning-1.txt"
try 'a broken template' 4 at 2026-10-31 crm ar dunning --dir "$T/bad"
out_empty
err_is <<EOF
crm: ar dunning: $HOME/.config/crm/templates/dunning-1.txt:1: unclosed tag '{{' (no '}}')
EOF
try 'a broken template wrote no file' 0 test ! -e "$T/bad"
nothing_written
rm "$HOME/.config/crm/templates/dunning-1.txt"
# the config set and unset above wrote 4 audit rows, nothing else did
try 'bad input wrote nothing: the audit log' 0 sqlite3 "$CRM_DB" 'SELECT count(*) - 4 FROM audit'
out_is <"$T/audit-before"

# ---- a first run on 10-31: one level at a time, whatever was reached ----

# Acme: INV-2026-00001 is 30 days late, which reaches level 2, but Acme had
# no letter yet: level 1, listing INV-2026-00004 (16 days) too, 420.00.
# Birch: INV-2026-00003 21 days, level 1, to its primary contact.  Cedar:
# INV-2026-00005 11 days, level 1, no address.  Dune: 50.00 overdue 30
# days, covered by its 60.00 of credit.  Level 1 has no fee or interest.
try 'a dry run lists the letters' 0 at 2026-10-31 crm ar dunning --dry-run
err_empty
out_is <<'EOF'
customer,name,level,level_name,invoices,overdue,fee,interest,total,to
C00001,Acme Trading,1,reminder,"INV-2026-00001, INV-2026-00004",420.00,0.00,0.00,420.00,ap@acme.example
C00002,Birch Ltd,1,reminder,INV-2026-00003,100.00,0.00,0.00,100.00,bea@birch.example
C00003,Cedar GmbH,1,reminder,INV-2026-00005,80.00,0.00,0.00,80.00,
EOF
nothing_written
try 'a dry run wrote nothing: the audit log' 0 sqlite3 "$CRM_DB" 'SELECT count(*) - 4 FROM audit'
out_is <"$T/audit-before"

# the table: columns as wide as their longest cell, numbers to the right
try 'a dry run, table' 0 at 2026-10-31 crm ar dunning --dry-run --format table
out_is <<'EOF'
CUSTOMER  NAME          LEVEL  LEVEL_NAME  INVOICES                        OVERDUE   FEE  INTEREST   TOTAL  TO
C00001    Acme Trading      1  reminder    INV-2026-00001, INV-2026-00004   420.00  0.00      0.00  420.00  ap@acme.example
C00002    Birch Ltd         1  reminder    INV-2026-00003                   100.00  0.00      0.00  100.00  bea@birch.example
C00003    Cedar GmbH        1  reminder    INV-2026-00005                    80.00  0.00      0.00   80.00
EOF
try 'a dry run, json' 0 at 2026-10-31 crm ar dunning --dry-run --format json --customer C00002
out_is <<'EOF'
[
{"customer":"C00002","name":"Birch Ltd","level":1,"level_name":"reminder","invoices":"INV-2026-00003","overdue":100.00,"fee":0.00,"interest":0.00,"total":100.00,"to":"bea@birch.example"}
]
EOF

# as of 10-08: INV-2026-00001 was 7 days late; INV-2026-00004 (due 10-15)
# and INV-2026-00003 (due 10-10) were not due yet
try 'a dry run as of an earlier day' 0 at 2026-10-31 crm ar dunning --dry-run --as-of 2026-10-08 \
	--no-header
out_is <<'EOF'
C00001,Acme Trading,1,reminder,INV-2026-00001,120.00,0.00,0.00,120.00,ap@acme.example
EOF
# a dry run may look ahead: on 11-01 Cedar is 12 days late, still level 1
try 'a dry run ahead of today' 0 at 2026-10-31 crm ar dunning --dry-run --as-of +1d \
	--customer C00003 --no-header
out_is <<'EOF'
C00003,Cedar GmbH,1,reminder,INV-2026-00005,80.00,0.00,0.00,80.00,
EOF
try '--customer' 0 at 2026-10-31 crm ar dunning --dry-run --customer C00002 --no-header
out_is <<'EOF'
C00002,Birch Ltd,1,reminder,INV-2026-00003,100.00,0.00,0.00,100.00,bea@birch.example
EOF
nothing_written

# the run itself records each letter and its invoices; the letters list
# no address, since they were not mailed
try 'the run' 0 at 2026-10-31 crm ar dunning --no-header
err_empty
out_is <<'EOF'
C00001,Acme Trading,1,reminder,"INV-2026-00001, INV-2026-00004",420.00,0.00,0.00,420.00,ap@acme.example
C00002,Birch Ltd,1,reminder,INV-2026-00003,100.00,0.00,0.00,100.00,bea@birch.example
C00003,Cedar GmbH,1,reminder,INV-2026-00005,80.00,0.00,0.00,80.00,
EOF
# letters: id, customer, level, date, sent to, overdue, fee, interest, created
sql_is "$LETTERS, d.created $FROM_LETTERS" <<'EOF'
1|C00001|1|2026-10-31|NULL|42000|0|0|2026-10-31T09:30:00
2|C00002|1|2026-10-31|NULL|10000|0|0|2026-10-31T09:30:00
3|C00003|1|2026-10-31|NULL|8000|0|0|2026-10-31T09:30:00
EOF
sql_is "$ITEMS" <<'EOF'
1|INV-2026-00001|12000|30|0
1|INV-2026-00004|30000|16|0
2|INV-2026-00003|10000|21|0
3|INV-2026-00005|8000|11|0
EOF
sql_is "SELECT entity, entity_id, action, new FROM audit WHERE entity = 'dunning' AND entity_id = 1" <<'EOF'
dunning|1|insert|{"level":1,"date":"2026-10-31","sent_to":null,"overdue":"420.00","fee":"0.00","interest":"0.00"}
EOF
# the same day again: one letter a day at most
try 'the same day again' 0 at 2026-10-31 crm ar dunning
out_empty
err_empty
# the next day Acme's level 2 is one level up: interest at 8 % on
# INV-2026-00001 120.00 x 800 x 31 / 3650000 = 0.8153 -> 0.82 and on
# INV-2026-00004 300.00 x 800 x 17 / 3650000 = 1.1178 -> 1.12, 1.94; fee
# 5.00; 420.00 + 5.00 + 1.94 = 426.94.  Birch and Cedar had level 1 and
# reached no more.
try 'the next day, one level up' 0 at 2026-11-01 crm ar dunning --no-header
out_is <<'EOF'
C00001,Acme Trading,2,second notice,"INV-2026-00001, INV-2026-00004",420.00,5.00,1.94,426.94,ap@acme.example
EOF
try 'and the day after, nothing' 0 at 2026-11-02 crm ar dunning
out_empty

# ---- --dir: one file per letter ----

restore
try '--dir' 0 at 2026-10-31 crm ar dunning --dir "$T/letters"
out_empty
err_empty
try 'the files' 0 ls "$T/letters"
out_is <<'EOF'
C00001-L1.txt
C00002-L1.txt
C00003-L1.txt
EOF
try "Acme's letter" 0 cat "$T/letters/C00001-L1.txt"
out_is <<'EOF'
Shop Ltd
Harbour Road 5
20457 Hamburg
Email: office@shop.example

Acme Trading
Main St 1
12345 Springfield
Customer C00001

2026-10-31

PAYMENT REMINDER

Dear customer,

According to our records the following invoices are still open after
their due date:

Invoice             Date        Due         Days        Open
------------------  ----------  ----------  ----  ----------
INV-2026-00001      2026-09-01  2026-10-01    30      120.00
INV-2026-00004      2026-09-15  2026-10-15    16      300.00

Overdue       420.00
To pay        420.00

This may simply have escaped your attention.  Please pay 420.00 at your
earliest convenience, quoting the invoice numbers.

Our bank account:
IBAN DE00 1234 5678 9012 3456 78

If you have paid in the meantime, please disregard this letter.

Kind regards
Shop Ltd
EOF
try "Birch's letter, to its contact" 0 cat "$T/letters/C00002-L1.txt"
out_is <<'EOF'
Shop Ltd
Harbour Road 5
20457 Hamburg
Email: office@shop.example

Birch Ltd
Customer C00002

2026-10-31

PAYMENT REMINDER

Dear Bea Birch,

According to our records the following invoices are still open after
their due date:

Invoice             Date        Due         Days        Open
------------------  ----------  ----------  ----  ----------
INV-2026-00003      2026-09-10  2026-10-10    21      100.00

Overdue       100.00
To pay        100.00

This may simply have escaped your attention.  Please pay 100.00 at your
earliest convenience, quoting the invoice numbers.

Our bank account:
IBAN DE00 1234 5678 9012 3456 78

If you have paid in the meantime, please disregard this letter.

Kind regards
Shop Ltd
EOF
# Cedar has no address, but a letter on paper all the same
try "Cedar's letter" 0 grep -c 'INV-2026-00005      2026-09-20  2026-10-20    11       80.00' \
	"$T/letters/C00003-L1.txt"
out_is <<'EOF'
1
EOF
sql_is "$LETTERS $FROM_LETTERS" <<'EOF'
1|C00001|1|2026-10-31|NULL|42000|0|0
2|C00002|1|2026-10-31|NULL|10000|0|0
3|C00003|1|2026-10-31|NULL|8000|0|0
EOF
cp -R "$T/letters" "$T/expect"

# a dry run writes the files and records nothing
restore
try '--dir --dry-run' 0 at 2026-10-31 crm ar dunning --dir "$T/dry" --dry-run
out_empty
try '--dir --dry-run, the same files' 0 diff -r "$T/expect" "$T/dry"
nothing_written

# ---- the user's template ----

mkdir -p "$HOME/.config/crm/templates"
cat >"$HOME/.config/crm/templates/dunning-1.txt" <<'EOF'
{{customer}} {{level}} {{level_name}} {{total}}{{#contact}} for {{contact}}{{/contact}}
{{#invoices}}
{{number}} {{days}} {{open}}
{{/invoices}}
EOF
try "the user's template" 0 at 2026-10-31 crm ar dunning --dir "$T/own" --dry-run
try "the user's template, Birch" 0 cat "$T/own/C00002-L1.txt"
out_is <<'EOF'
C00002 1 reminder 100.00 for Bea Birch
INV-2026-00003 21 100.00
EOF
rm "$HOME/.config/crm/templates/dunning-1.txt"

# ---- --mbox: the same letters as mail ----

# head CODE N SUBJECT: the From_ line and header of a message from
# office@shop.example (company.email) on 10-31 (a Saturday) at 09:30 UTC
head() {
	cat <<EOF
From office@shop.example Sat Oct 31 09:30:00 2026
Date: Sat, 31 Oct 2026 09:30:00 +0000
From: office@shop.example
To: $2
Subject: $3
Message-ID: <dunning.20261031093000.$1.1@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

EOF
}
# the mbox: each message's body is the letter --dir wrote, then a blank
# line; Cedar's letter has no address and is left out
{
	head C00001 ap@acme.example 'Reminder from Shop Ltd: 2 overdue invoices, 420.00 to pay'
	cat "$T/expect/C00001-L1.txt"
	echo
	head C00002 bea@birch.example 'Reminder from Shop Ltd: 1 overdue invoice, 100.00 to pay'
	cat "$T/expect/C00002-L1.txt"
	echo
} >"$T/want.mbox"

restore
try '--mbox, a customer without an address' 1 at 2026-10-31 crm ar dunning --mbox
err_is <<'EOF'
crm: ar dunning: no email address for customer C00003; its reminder was not sent (set one with 'crm customer edit C00003 --email ADDRESS')
EOF
out_is <"$T/want.mbox"
cp "$T/out" "$T/got.mbox"
# what was mailed is recorded with its address; Cedar's letter is not
sql_is "$LETTERS $FROM_LETTERS" <<'EOF'
1|C00001|1|2026-10-31|'ap@acme.example'|42000|0|0
2|C00002|1|2026-10-31|'bea@birch.example'|10000|0|0
EOF

# read back as mail by Python's mailbox module: the headers, and each body
# is the letter byte for byte
cat >"$T/readmbox.py" <<'EOF'
import mailbox, sys
for i, m in enumerate(mailbox.mbox(sys.argv[1])):
    print("|".join(str(m[h]) for h in ("From", "To", "Subject", "Message-ID", "Date",
                                       "Auto-Submitted")),
          m.get_content_type(), m.get_content_charset(), sep="|")
    with open("%s/%d.txt" % (sys.argv[2], i + 1), "wb") as f:
        f.write(m.get_payload(decode=True))
EOF
if command -v python3 >/dev/null 2>&1; then
	mkdir "$T/bodies"
	try 'the mbox read as mail' 0 python3 "$T/readmbox.py" "$T/got.mbox" "$T/bodies"
	out_is <<'EOF'
office@shop.example|ap@acme.example|Reminder from Shop Ltd: 2 overdue invoices, 420.00 to pay|<dunning.20261031093000.C00001.1@shop.example>|Sat, 31 Oct 2026 09:30:00 +0000|auto-generated|text/plain|utf-8
office@shop.example|bea@birch.example|Reminder from Shop Ltd: 1 overdue invoice, 100.00 to pay|<dunning.20261031093000.C00002.1@shop.example>|Sat, 31 Oct 2026 09:30:00 +0000|auto-generated|text/plain|utf-8
EOF
	try 'the first body is the letter' 0 cmp "$T/expect/C00001-L1.txt" "$T/bodies/1.txt"
	try 'the second body is the letter' 0 cmp "$T/expect/C00002-L1.txt" "$T/bodies/2.txt"
else
	report 0 'the mbox read as mail # SKIP no python3'
fi

# --to sends Cedar's letter too; Acme and Birch had theirs today
try '--to, the same day' 0 at 2026-10-31 crm ar dunning --mbox --to test@shop.example
err_empty
cp "$T/out" "$T/m"
try '--to, the same day: one message' 0 grep -E '^(From |To:|Subject:)' "$T/m"
out_is <<'EOF'
From office@shop.example Sat Oct 31 09:30:00 2026
To: test@shop.example
Subject: Reminder from Shop Ltd: 1 overdue invoice, 80.00 to pay
EOF
try '--to, the letter' 0 grep -c '^INV-2026-00005      2026-09-20  2026-10-20    11       80.00$' \
	"$T/m"
out_is <<'EOF'
1
EOF
sql_is "$LETTERS $FROM_LETTERS" <<'EOF'
1|C00001|1|2026-10-31|'ap@acme.example'|42000|0|0
2|C00002|1|2026-10-31|'bea@birch.example'|10000|0|0
3|C00003|1|2026-10-31|'test@shop.example'|8000|0|0
EOF

# --to on a fresh day replaces every recipient; dunning.from is the sender
restore
q crm config set dunning.from accounts@shop.example
try '--to' 0 at 2026-10-31 crm ar dunning --mbox --to test@shop.example
err_empty
cp "$T/out" "$T/m"
try '--to: the senders and recipients' 0 grep -E '^(From |From:|To:|Message-ID:)' "$T/m"
out_is <<'EOF'
From accounts@shop.example Sat Oct 31 09:30:00 2026
From: accounts@shop.example
To: test@shop.example
Message-ID: <dunning.20261031093000.C00001.1@shop.example>
From accounts@shop.example Sat Oct 31 09:30:00 2026
From: accounts@shop.example
To: test@shop.example
Message-ID: <dunning.20261031093000.C00002.1@shop.example>
From accounts@shop.example Sat Oct 31 09:30:00 2026
From: accounts@shop.example
To: test@shop.example
Message-ID: <dunning.20261031093000.C00003.1@shop.example>
EOF
sql_is "SELECT count(*), group_concat(DISTINCT sent_to) FROM dunning" <<'EOF'
3|test@shop.example
EOF

# a dry run of --mbox writes the messages and records nothing
restore
try '--mbox --dry-run' 1 at 2026-10-31 crm ar dunning --mbox --dry-run
out_is <"$T/want.mbox"
nothing_written

# ---- --send: one sendmail per letter ----

mkdir "$T/sent"
cat >"$T/sendmail" <<'EOF'
#!/bin/sh
# saves each message as sent/N and its arguments as sent/N.args
n=1
while [ -e "$SENT/$n" ]; do n=$((n + 1)); done
echo "$*" >"$SENT/$n.args"
cat >"$SENT/$n"
EOF
chmod +x "$T/sendmail"
export SENT="$T/sent"

# a dry run lists what it would send and sends nothing
restore
CRM_SENDMAIL="$T/sendmail -t -i" try '--send --dry-run' 0 at 2026-10-31 crm ar dunning --send \
	--dry-run --no-header --columns customer,level,to
out_is <<'EOF'
C00001,1,ap@acme.example
C00002,1,bea@birch.example
C00003,1,
EOF
try '--send --dry-run sent nothing' 0 ls "$T/sent"
out_empty
nothing_written

CRM_SENDMAIL="$T/sendmail -t -i" try '--send' 1 at 2026-10-31 crm ar dunning --send
out_empty
err_is <<'EOF'
crm: ar dunning: no email address for customer C00003; its reminder was not sent (set one with 'crm customer edit C00003 --email ADDRESS')
EOF
try '--send: one sendmail per letter' 0 ls "$T/sent"
out_is <<'EOF'
1
1.args
2
2.args
EOF
try '--send: the command line' 0 cat "$T/sent/1.args"
out_is <<'EOF'
-t -i
EOF
# the message as sendmail reads it: the mbox entry without its From_ line
# and the blank line after it
{ head C00001 ap@acme.example 'Reminder from Shop Ltd: 2 overdue invoices, 420.00 to pay' |
	sed 1d; cat "$T/expect/C00001-L1.txt"; } >"$T/want.sent1"
try '--send: the first message' 0 cat "$T/sent/1"
out_is <"$T/want.sent1"
sql_is "$LETTERS $FROM_LETTERS" <<'EOF'
1|C00001|1|2026-10-31|'ap@acme.example'|42000|0|0
2|C00002|1|2026-10-31|'bea@birch.example'|10000|0|0
EOF

# a sendmail that fails: nothing sent, nothing recorded
restore
rm -f "$T/sent/"*
CRM_SENDMAIL='cat >/dev/null; exit 75' try '--send, sendmail fails' 1 at 2026-10-31 \
	crm ar dunning --send
out_empty
err_is <<'EOF'
crm: ar dunning: reminder for customer C00001 not sent to ap@acme.example: 'cat >/dev/null; exit 75' failed with exit status 75
crm: ar dunning: reminder for customer C00002 not sent to bea@birch.example: 'cat >/dev/null; exit 75' failed with exit status 75
crm: ar dunning: no email address for customer C00003; its reminder was not sent (set one with 'crm customer edit C00003 --email ADDRESS')
EOF
nothing_written

# ---- a run every day from 10-01 to 12-31 ----

# days FROM TO: on each day, what happens that day (events), then the
# dunning run; its rows, prefixed by the day, and any failure go to the log.
days() {
	for _d in $(sqlite3 :memory: "WITH RECURSIVE d(x) AS (SELECT '$1' UNION ALL
		SELECT date(x, '+1 day') FROM d WHERE x < '$2') SELECT x FROM d"); do
		events "$_d"
		at "$_d" crm ar dunning --no-header >"$T/day.out" 2>"$T/day.err"
		_rc=$?
		sed "s/^/$_d /" "$T/day.out" >>"$T/log"
		[ "$_rc" -eq 0 ] && [ ! -s "$T/day.err" ] ||
			{ echo "$_d exit $_rc"; cat "$T/day.err"; } >>"$T/log"
	done
}
# 11-01: Birch's INV-2026-00006, 8 x 5.00 = 40.00, due 12-01; 11-10: Acme
# pays INV-2026-00001; 11-20: Birch pays INV-2026-00003
events() {
	case $1 in
	2026-11-01) invoice 2026-11-01 C00002 Bolts 8 5.00 0 ;;
	2026-11-10) q at "$1" crm ar receipt C00001 120.00 --apply INV-2026-00001=120.00 ;;
	2026-11-20) q at "$1" crm ar receipt C00002 100.00 --apply INV-2026-00003=100.00 ;;
	esac
}

restore
: >"$T/log"
days 2026-10-01 2026-10-30
# level 1 at 7 days: Acme on 10-08 (INV-2026-00001 due 10-01; INV-2026-00004
# is not due until 10-15), Birch on 10-17 (due 10-10), Cedar on 10-27 (due
# 10-20); Dune's credit covers its invoice; between these, Acme's and
# Birch's first invoices grow older without reaching level 2 (30 days)
try 'the first 30 days' 0 cat "$T/log"
out_is <<'EOF'
2026-10-08 C00001,Acme Trading,1,reminder,INV-2026-00001,120.00,0.00,0.00,120.00,ap@acme.example
2026-10-17 C00002,Birch Ltd,1,reminder,INV-2026-00003,100.00,0.00,0.00,100.00,bea@birch.example
2026-10-27 C00003,Cedar GmbH,1,reminder,INV-2026-00005,80.00,0.00,0.00,80.00,
EOF

# on 10-31 INV-2026-00001 is 30 days late: Acme's level 2 letter, listing
# both invoices, with the fee and interest (the same figures as in the run
# below), and the day of the level 1 letter
try 'the second notice, a dry run' 0 at 2026-10-31 crm ar dunning --dry-run --dir "$T/l2" \
	--customer C00001
try 'the second notice' 0 cat "$T/l2/C00001-L2.txt"
out_is <<'EOF'
Shop Ltd
Harbour Road 5
20457 Hamburg
Email: office@shop.example

Acme Trading
Main St 1
12345 Springfield
Customer C00001

2026-10-31

SECOND NOTICE

Dear customer,

We wrote to you on 2026-10-08 about overdue invoices.  The following
are still open:

Invoice             Date        Due         Days        Open    Interest
------------------  ----------  ----------  ----  ----------  ----------
INV-2026-00001      2026-09-01  2026-10-01    30      120.00        0.79
INV-2026-00004      2026-09-15  2026-10-15    16      300.00        1.05

Overdue       420.00
Fee             5.00
Interest        1.84  (8 % a year)
To pay        426.84

Please pay 426.84 within 10 days, quoting the invoice numbers.
This notice carries a fee of 5.00.

Our bank account:
IBAN DE00 1234 5678 9012 3456 78

If you have paid in the meantime, please disregard this letter.

Kind regards
Shop Ltd
EOF

: >"$T/log"
days 2026-10-31 2026-12-31
# 10-31 Acme level 2: interest 120.00 x 800 x 30 / 3650000 = 0.7890 ->
#   0.79 and 300.00 x 800 x 16 / 3650000 = 1.0521 -> 1.05, 1.84; fee 5.00;
#   420.00 + 5.00 + 1.84 = 426.84
# 11-09 Birch level 2 (INV-2026-00003 30 days): 100.00 x 800 x 30 /
#   3650000 = 0.6575 -> 0.66; 100.00 + 5.00 + 0.66 = 105.66
# 11-10 Acme pays INV-2026-00001: it drops out; INV-2026-00004 reaches 30
#   days on 11-14, but a letter listing it had level 2 already: nothing
# 11-19 Cedar level 2 (30 days): 80.00 x 800 x 30 / 3650000 = 0.5260 ->
#   0.53; 85.53
# 11-20 Birch pays INV-2026-00003: its letters' invoices are all paid
# 12-08 Birch's INV-2026-00006 (due 12-01) is 7 days late and no letter
#   listed it: level 1 again
# 12-14 Acme level 3, INV-2026-00004 only (60 days): 300.00 x 800 x 60 /
#   3650000 = 3.9452 -> 3.95; fee 10.00; 313.95
# 12-19 Cedar level 3 (60 days): 80.00 x 800 x 60 / 3650000 = 1.0521 ->
#   1.05; 91.05; after level 3 (the last) nothing more for Acme or Cedar
# 12-31 Birch level 2 (INV-2026-00006 30 days): 40.00 x 800 x 30 / 3650000
#   = 0.2630 -> 0.26; 45.26
try 'the next 62 days' 0 cat "$T/log"
out_is <<'EOF'
2026-10-31 C00001,Acme Trading,2,second notice,"INV-2026-00001, INV-2026-00004",420.00,5.00,1.84,426.84,ap@acme.example
2026-11-09 C00002,Birch Ltd,2,second notice,INV-2026-00003,100.00,5.00,0.66,105.66,bea@birch.example
2026-11-19 C00003,Cedar GmbH,2,second notice,INV-2026-00005,80.00,5.00,0.53,85.53,
2026-12-08 C00002,Birch Ltd,1,reminder,INV-2026-00006,40.00,0.00,0.00,40.00,bea@birch.example
2026-12-14 C00001,Acme Trading,3,final notice,INV-2026-00004,300.00,10.00,3.95,313.95,ap@acme.example
2026-12-19 C00003,Cedar GmbH,3,final notice,INV-2026-00005,80.00,10.00,1.05,91.05,
2026-12-31 C00002,Birch Ltd,2,second notice,INV-2026-00006,40.00,5.00,0.26,45.26,bea@birch.example
EOF
sql_is "$LETTERS $FROM_LETTERS" <<'EOF'
1|C00001|1|2026-10-08|NULL|12000|0|0
2|C00002|1|2026-10-17|NULL|10000|0|0
3|C00003|1|2026-10-27|NULL|8000|0|0
4|C00001|2|2026-10-31|NULL|42000|500|184
5|C00002|2|2026-11-09|NULL|10000|500|66
6|C00003|2|2026-11-19|NULL|8000|500|53
7|C00002|1|2026-12-08|NULL|4000|0|0
8|C00001|3|2026-12-14|NULL|30000|1000|395
9|C00003|3|2026-12-19|NULL|8000|1000|105
10|C00002|2|2026-12-31|NULL|4000|500|26
EOF
sql_is "$ITEMS" <<'EOF'
1|INV-2026-00001|12000|7|0
2|INV-2026-00003|10000|7|0
3|INV-2026-00005|8000|7|0
4|INV-2026-00001|12000|30|79
4|INV-2026-00004|30000|16|105
5|INV-2026-00003|10000|30|66
6|INV-2026-00005|8000|30|53
7|INV-2026-00006|4000|7|0
8|INV-2026-00004|30000|60|395
9|INV-2026-00005|8000|60|105
10|INV-2026-00006|4000|30|26
EOF

# ---- history ----

try 'history of a customer' 0 at 2026-12-31 crm ar dunning history C00001
out_is <<'EOF'
date,customer,name,level,invoices,overdue,fee,interest,to
2026-10-08,C00001,Acme Trading,1,INV-2026-00001,120.00,0.00,0.00,
2026-10-31,C00001,Acme Trading,2,"INV-2026-00001, INV-2026-00004",420.00,5.00,1.84,
2026-12-14,C00001,Acme Trading,3,INV-2026-00004,300.00,10.00,3.95,
EOF
try 'history of all, table' 0 at 2026-12-31 crm ar dunning history --format table \
	--columns date,customer,level,invoices,overdue,fee,interest
out_is <<'EOF'
DATE        CUSTOMER  LEVEL  INVOICES                        OVERDUE    FEE  INTEREST
2026-10-08  C00001        1  INV-2026-00001                   120.00   0.00      0.00
2026-10-17  C00002        1  INV-2026-00003                   100.00   0.00      0.00
2026-10-27  C00003        1  INV-2026-00005                    80.00   0.00      0.00
2026-10-31  C00001        2  INV-2026-00001, INV-2026-00004   420.00   5.00      1.84
2026-11-09  C00002        2  INV-2026-00003                   100.00   5.00      0.66
2026-11-19  C00003        2  INV-2026-00005                    80.00   5.00      0.53
2026-12-08  C00002        1  INV-2026-00006                    40.00   0.00      0.00
2026-12-14  C00001        3  INV-2026-00004                   300.00  10.00      3.95
2026-12-19  C00003        3  INV-2026-00005                    80.00  10.00      1.05
2026-12-31  C00002        2  INV-2026-00006                    40.00   5.00      0.26
EOF
try 'history of a customer without letters' 0 crm ar dunning history C00004
out_is <<'EOF'
date,customer,name,level,invoices,overdue,fee,interest,to
EOF
try 'history of an unknown customer' 3 crm ar dunning history C00099
out_empty
err_is <<'EOF'
crm: ar dunning history: no customer 'C00099'
EOF
try 'history with two customers' 2 crm ar dunning history C00001 C00002
out_empty
try 'history --help' 0 crm ar dunning history --help
out_is <<'EOF'
usage: crm ar dunning history [CUSTOMER]
Lists the dunning letters recorded, oldest first: date, customer, name, level,
invoices, overdue, fee, interest, to (empty for letters that were not mailed).
EOF
try '--help' 0 crm ar dunning --help
err_empty
out_is <<'EOF'
usage: crm ar dunning [--as-of DATE] [--dry-run] [--mbox | --dir DIR | --send] [--to ADDRESS]
               [--customer KEY]
   or: crm ar dunning history [CUSTOMER]
Makes one letter per customer with overdue invoices, at the level the oldest of
them reached (config dunning.N.days), one level above the last letter at most,
and records it.  Without --mbox, --dir or --send it lists the letters; --mbox
writes them as mail (mboxrd) to standard output, --dir one file per letter
(DIR/CODE-LN.txt), --send pipes each to $CRM_SENDMAIL (default "sendmail -t -i").
--dry-run records and sends nothing.  --to replaces every recipient.
history lists the letters recorded.
EOF

done_testing
