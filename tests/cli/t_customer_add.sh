#!/bin/sh
# crm customer add: generated and given codes, every field, tags and extra
# fields, duplicate detection, --force, --dry-run, validation, the audit log.
. "$(dirname "$0")/lib.sh"

# counts CUSTOMERS AUDIT: how many customers and audit rows there are, so a
# refused add can show it wrote nothing.
counts() {
	sql_is 'SELECT count(*) FROM customer; SELECT count(*) FROM audit' <<EOF
$1
$2
EOF
}

# ---- generated codes ----

try 'add a name only' 0 crm customer add 'Acme Trading GmbH' \
	--email info@acme.example --phone '+49 30 1234567' --tax-id 'DE 123-456'
out_is <<'EOF'
C00001
EOF
err_empty
sql_is 'SELECT id, code, name, kind, status, owner, email, phone, tax_id, archived, created, updated FROM customer' <<'EOF'
1|C00001|Acme Trading GmbH|company|active||info@acme.example|+49 30 1234567|DE 123-456|0|2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is 'SELECT entity, action, user, at FROM audit' <<'EOF'
customer|insert|ann|2026-11-22T09:30:00
EOF

try 'the next code follows' 0 crm customer add 'Nordwind Logistik'
out_is <<'EOF'
C00002
EOF
err_empty

try 'leading and trailing blanks are trimmed' 0 crm customer add '  Kestrel Optics  ' \
	--city ' Leeds '
out_is <<'EOF'
C00003
EOF
sql_is "SELECT '[' || name || ']', '[' || city || ']' FROM customer WHERE code = 'C00003'" <<'EOF'
[Kestrel Optics]|[Leeds]
EOF

# ---- --code ----

try '--code sets the code' 0 crm customer add 'Pelican Foods' --code PEL-1
out_is <<'EOF'
PEL-1
EOF
err_empty
sql_is "SELECT id, code, name FROM customer WHERE code = 'PEL-1'" <<'EOF'
4|PEL-1|Pelican Foods
EOF

try 'a generated code after a given one' 0 crm customer add 'Quarry Stone'
out_is <<'EOF'
C00005
EOF

try 'a code already taken' 4 crm customer add 'Something Else' --code PEL-1
out_empty
err_is <<'EOF'
crm: customer add: customer code 'PEL-1' is already taken
EOF
counts 5 5

# ---- every field option ----

try 'every field option' 0 crm customer add 'Zed Person' --code Z/2026.1 --kind person \
	--status lead --owner bob --email zed@zed.example --phone '+1 555 0100' \
	--website https://zed.example --street '1 Main St' --city Paris --region IDF \
	--postcode 75001 --country FR --tax-id FR999 --industry retail --source web \
	--tier gold --credit-limit 1500.50 --terms 30 --note 'line one
line two'
out_is <<'EOF'
Z/2026.1
EOF
err_empty
sql_is "SELECT code, name, kind, status, owner, email, phone, website, street, city, region, postcode, country, tax_id, industry, source, tier, credit_limit, terms, replace(note, char(10), '~'), archived FROM customer WHERE code = 'Z/2026.1'" <<'EOF'
Z/2026.1|Zed Person|person|lead|bob|zed@zed.example|+1 555 0100|https://zed.example|1 Main St|Paris|IDF|75001|FR|FR999|retail|web|gold|150050|30|line one~line two|0
EOF

try 'a whole-unit credit limit' 0 crm customer add 'Round Numbers' --credit-limit 2000 --terms 0
out_is <<'EOF'
C00007
EOF
sql_is "SELECT credit_limit, terms FROM customer WHERE code = 'C00007'" <<'EOF'
200000|0
EOF

# ---- --tag and --field ----

try '--tag and --field' 0 crm customer add 'Tagged Ltd' --tag vip --tag eu --tag vip \
	--field vat_exempt=yes --field account-no=A=17
out_is <<'EOF'
C00008
EOF
err_empty
sql_is "SELECT tag FROM customer_tag WHERE customer_id = 8 ORDER BY tag" <<'EOF'
eu
vip
EOF
sql_is "SELECT key, value FROM customer_field WHERE customer_id = 8 ORDER BY key" <<'EOF'
account-no|A=17
vat_exempt|yes
EOF
sql_is 'SELECT entity, action, user, at FROM audit WHERE customer_id = 8' <<'EOF'
customer|insert|ann|2026-11-22T09:30:00
tag|insert|ann|2026-11-22T09:30:00
tag|insert|ann|2026-11-22T09:30:00
field|insert|ann|2026-11-22T09:30:00
field|insert|ann|2026-11-22T09:30:00
EOF

# ---- the audit log records who and when ----

try '--user and the clock go into the audit log' 0 env CRM_NOW=2026-11-23T08:15:00 \
	"$CRM_BIN" --user bob customer add 'Audit Check'
out_is <<'EOF'
C00009
EOF
sql_is 'SELECT entity, action, user, at FROM audit WHERE customer_id = 9' <<'EOF'
customer|insert|bob|2026-11-23T08:15:00
EOF
sql_is 'SELECT created, updated FROM customer WHERE id = 9' <<'EOF'
2026-11-23T08:15:00|2026-11-23T08:15:00
EOF
sql_is "SELECT json_extract(new, '\$.name'), json_extract(new, '\$.status'), old IS NULL FROM audit WHERE customer_id = 9" <<'EOF'
Audit Check|active|1
EOF
counts 9 13

# ---- likely duplicates are refused ----

try 'same name, other case' 4 crm customer add 'ACME TRADING'
out_empty
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'ACME TRADING'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same name)
EOF
counts 9 13

try 'same name, accented' 4 crm customer add 'Ácmé Trading'
out_empty
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'Ácmé Trading'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same name)
EOF
counts 9 13

try 'same name, another legal form' 4 crm customer add 'Acme Trading Ltd'
out_empty
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'Acme Trading Ltd'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same name)
EOF
counts 9 13

try 'same name, hyphenated' 4 crm customer add 'acme-trading'
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'acme-trading'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same name)
EOF
counts 9 13

try 'similar name, one typo' 4 crm customer add 'Acme Tradinq'
out_empty
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'Acme Tradinq'; add --force to add it anyway
  C00001	Acme Trading GmbH	(similar name)
EOF
counts 9 13

try 'similar name, one letter left out' 4 crm customer add 'Nordwnd Logistik'
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'Nordwnd Logistik'; add --force to add it anyway
  C00002	Nordwind Logistik	(similar name)
EOF
counts 9 13

try 'same email, other case' 4 crm customer add 'Zeta One' --email INFO@ACME.EXAMPLE
out_empty
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'Zeta One'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same email)
EOF
counts 9 13

try 'same phone, written differently' 4 crm customer add 'Zeta One' --phone '030/123 45 67'
out_empty
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'Zeta One'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same phone)
EOF
counts 9 13

try 'same tax id, written differently' 4 crm customer add 'Zeta One' --tax-id de123456
out_empty
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'Zeta One'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same tax id)
EOF
counts 9 13

try 'several reasons, several customers' 4 crm customer add 'Nordwind Logistik' \
	--email info@acme.example --phone '0049 30 1234567'
out_empty
err_is <<'EOF'
crm: customer add: 2 likely duplicates of 'Nordwind Logistik'; add --force to add it anyway
  C00002	Nordwind Logistik	(same name)
  C00001	Acme Trading GmbH	(same email, same phone)
EOF
counts 9 13

try 'a short name is not similar to a longer one' 0 crm customer add 'Acme'
out_is <<'EOF'
C00010
EOF
counts 10 14

# ---- --force and --dry-run ----

try '--force adds a duplicate' 0 crm customer add 'ACME Trading' --force
out_is <<'EOF'
C00011
EOF
err_empty
sql_is "SELECT code, name FROM customer WHERE id = 11" <<'EOF'
C00011|ACME Trading
EOF
counts 11 15

try '--dry-run prints the would-be code and writes nothing' 0 crm customer add 'Brand New' \
	--dry-run --tag new --field a=b
out_is <<'EOF'
C00012
EOF
err_is <<'EOF'
dry run: no likely duplicates; nothing written
EOF
counts 11 15

try '--dry-run -q is silent on stderr' 0 crm customer add 'Brand New' --dry-run -q
out_is <<'EOF'
C00012
EOF
err_empty

try '--dry-run still refuses a duplicate' 4 crm customer add 'Acme Trading' --dry-run
out_empty
err_is <<'EOF'
crm: customer add: 2 likely duplicates of 'Acme Trading'; add --force to add it anyway
  C00001	Acme Trading GmbH	(same name)
  C00011	ACME Trading	(same name)
EOF
counts 11 15

try 'the code after a dry run is still free' 0 crm customer add 'Brand New'
out_is <<'EOF'
C00012
EOF
counts 12 16

# ---- invalid input: exit 4, message, nothing written ----

try 'invalid email' 4 crm customer add 'Valid Name' --email not-an-address
out_empty
err_is <<'EOF'
crm: customer add: 'not-an-address' is not an email address
EOF
counts 12 16

try 'email without a dot in the domain' 4 crm customer add 'Valid Name' --email a@b
err_is <<'EOF'
crm: customer add: 'a@b' is not an email address
EOF
counts 12 16

try 'invalid phone' 4 crm customer add 'Valid Name' --phone call-me
out_empty
err_is <<'EOF'
crm: customer add: 'call-me' is not a phone number
EOF
counts 12 16

try 'phone with too few digits' 4 crm customer add 'Valid Name' --phone 12
err_is <<'EOF'
crm: customer add: '12' is not a phone number
EOF
counts 12 16

try 'invalid status' 4 crm customer add 'Valid Name' --status sleeping
out_empty
err_is <<'EOF'
crm: customer add: 'sleeping' is not a status (lead, prospect, active, inactive, lost)
EOF
counts 12 16

try 'invalid kind' 4 crm customer add 'Valid Name' --kind robot
out_empty
err_is <<'EOF'
crm: customer add: 'robot' is not a kind (company, person)
EOF
counts 12 16

try 'credit limit with three decimals' 4 crm customer add 'Valid Name' --credit-limit 1.234
out_empty
err_is <<'EOF'
crm: customer add: amount '1.234' has more than 2 decimals
EOF
counts 12 16

try 'negative credit limit' 4 crm customer add 'Valid Name' --credit-limit -5
out_empty
err_is <<'EOF'
crm: customer add: credit_limit '-5' is negative
EOF
counts 12 16

try 'credit limit overflow' 4 crm customer add 'Valid Name' --credit-limit 99999999999999999999
out_empty
err_is <<'EOF'
crm: customer add: amount '99999999999999999999' is too large
EOF
counts 12 16

try 'credit limit overflow in the cents' 4 crm customer add 'Valid Name' \
	--credit-limit 92233720368547758.08
err_is <<'EOF'
crm: customer add: amount '92233720368547758.08' is too large
EOF
counts 12 16

try 'credit limit that is not a number' 4 crm customer add 'Valid Name' --credit-limit 1,500
err_is <<'EOF'
crm: customer add: '1,500' is not an amount
EOF
counts 12 16

try 'terms not a number' 4 crm customer add 'Valid Name' --terms 30x
out_empty
err_is <<'EOF'
crm: customer add: terms '30x' is not a number of days (0-3650)
EOF
counts 12 16

try 'negative terms' 4 crm customer add 'Valid Name' --terms -1
err_is <<'EOF'
crm: customer add: terms '-1' is not a number of days (0-3650)
EOF
counts 12 16

try 'terms too long' 4 crm customer add 'Valid Name' --terms 3651
err_is <<'EOF'
crm: customer add: terms '3651' is not a number of days (0-3650)
EOF
counts 12 16

try 'an all-digit code' 4 crm customer add 'Valid Name' --code 12345
out_empty
err_is <<'EOF'
crm: customer add: '12345' is not a valid code (1-64 letters, digits, . _ - /; not all digits)
EOF
counts 12 16

try 'a code with a space' 4 crm customer add 'Valid Name' --code 'AB 1'
err_is <<'EOF'
crm: customer add: 'AB 1' is not a valid code (1-64 letters, digits, . _ - /; not all digits)
EOF
counts 12 16

long=C1234567890123456789012345678901234567890123456789012345678901234 # 65
try 'a code of 65 characters' 4 crm customer add 'Valid Name' --code "$long"
err_is <<EOF
crm: customer add: '$long' is not a valid code (1-64 letters, digits, . _ - /; not all digits)
EOF
counts 12 16

try 'a tag with a space' 4 crm customer add 'Valid Name' --tag 'big fish'
out_empty
err_is <<'EOF'
crm: customer add: 'big fish' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
counts 12 16

try 'a tag with a comma' 4 crm customer add 'Valid Name' --tag a,b
err_is <<'EOF'
crm: customer add: 'a,b' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
counts 12 16

try 'a tag starting with -' 4 crm customer add 'Valid Name' --tag=-x
err_is <<'EOF'
crm: customer add: '-x' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
counts 12 16

try '--field without =' 4 crm customer add 'Valid Name' --field vat_exempt
out_empty
err_is <<'EOF'
crm: customer add: 'vat_exempt' is not an extra field (key=value; key of letters, digits, _ and -)
EOF
counts 12 16

try '--field with an empty key' 4 crm customer add 'Valid Name' --field =yes
err_is <<'EOF'
crm: customer add: '=yes' is not an extra field (key=value; key of letters, digits, _ and -)
EOF
counts 12 16

try '--field with a bad key' 4 crm customer add 'Valid Name' --field 'a b=c'
err_is <<'EOF'
crm: customer add: 'a b=c' is not an extra field (key=value; key of letters, digits, _ and -)
EOF
counts 12 16

try 'a website with a space' 4 crm customer add 'Valid Name' --website 'http://a b'
err_is <<'EOF'
crm: customer add: 'http://a b' is not a web address
EOF
counts 12 16

tab=$(printf '\t')
try 'a control character in a text field' 4 crm customer add 'Valid Name' --city "a${tab}b"
err_is <<EOF
crm: customer add: city 'a${tab}b' is too long or has control characters
EOF
counts 12 16

try 'an empty name' 4 crm customer add ''
out_empty
err_is <<'EOF'
crm: customer add: a customer needs a name
EOF
counts 12 16

try 'a name of blanks only' 4 crm customer add '   '
out_empty
err_is <<'EOF'
crm: customer add: a customer needs a name
EOF
counts 12 16

try 'one bad value among good ones writes nothing' 4 crm customer add 'Valid Name' \
	--tag ok --field k=v --email ok@ok.example --terms 9999
err_is <<'EOF'
crm: customer add: terms '9999' is not a number of days (0-3650)
EOF
counts 12 16
sql_is 'SELECT count(*) FROM customer_tag; SELECT count(*) FROM customer_field' <<'EOF'
2
2
EOF

# ---- usage errors: exit 2 ----

cat >"$T/usage" <<'EOF'
usage: crm customer add NAME [options]
Adds a customer and prints its code.  Refuses likely duplicates (similar name,
same email, phone or tax id) with exit 4 unless --force; --dry-run only checks.

   --code C  --kind company|person  --status lead|prospect|active|inactive|lost
   --owner REP  --email ADDR  --phone NUM  --website URL
   --street S  --city C  --region R  --postcode P  --country C
   --tax-id ID  --industry I  --source S  --campaign C  --tier T
   --credit-limit AMOUNT  --terms DAYS  --cadence DAYS  --note TEXT
   --tag T (repeatable)  --field KEY=VALUE (repeatable)
   --force  --dry-run
EOF

try 'no name' 2 crm customer add
out_empty
err_is <"$T/usage"
counts 12 16

try 'two names' 2 crm customer add One Two
out_empty
err_is <"$T/usage"
counts 12 16

try '--untag is an edit option' 2 crm customer add 'Valid Name' --untag x
out_empty
err_is <"$T/usage"
counts 12 16

try 'an unknown option' 2 crm customer add 'Valid Name' --bogus
out_empty
err_is <<EOF
crm: customer add: unrecognized option '--bogus'
$(cat "$T/usage")
EOF
counts 12 16

try '-h' 0 crm customer add -h
out_is <"$T/usage"
err_empty

done_testing
