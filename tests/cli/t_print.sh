#!/bin/sh
# crm quote print, crm delivery print, crm invoice print of a credit note
# (credit.txt, credit.html): the default templates as text and HTML,
# --output, --template, the user's own templates in
# $XDG_CONFIG_HOME/crm/templates, template errors with file and line, PDF
# through $CRM_PDF and without a renderer.  (The engine and the other
# default templates, invoice included, are tested in
# tests/unit/test_print.c and test_template.c.)
. "$(dirname "$0")/lib.sh"

try 'company name' 0 crm config set company.name 'ACME Office Supplies Ltd'
try 'company address' 0 crm config set company.address 'Main Street 1\n10115 Berlin'
try 'company email' 0 crm config set company.email sales@acme.example
try 'a customer' 0 crm customer add 'Müller & Söhne' --street 'Hauptstraße 5' --city München \
	--postcode 80331 --country DE
try 'a product' 0 crm product add CHAIR-01 'Office chair <ergonomic>' --price 249 --tax-rate 19
try 'a product with wide characters' 0 crm product add DESK-L '桌子 standing desk' --price 120 \
	--unit m --tax-rate 19

# Q-2026-00001, by hand:
#   1  4 x 249.00 = 996.00, -10 % = 99.60, net 896.40, 19 % tax 170.32
#   2  2.5 x 120.00 = 300.00, net 300.00, 19 % tax 57.00
#   3  1 x 85.50, -7.5 % = 6.41 (6.4125), net 79.09, 7 % tax 5.54 (5.5363)
#   subtotal 1381.50, discount 106.01, tax 232.86, total 1508.35
try 'a quote' 0 crm quote new C00001 --note 'Prices in EUR.'
try 'line 1' 0 crm quote line add Q-2026-00001 --product CHAIR-01 --qty 4 --discount 10
try 'line 2' 0 crm quote line add Q-2026-00001 --product DESK-L --qty 2.5
try 'line 3' 0 crm quote line add Q-2026-00001 \
	--text 'Assembly and delivery to the 3rd floor, including removal of the packaging' \
	--qty 1 --price 85.50 --discount 7.5 --tax-rate 7

# ---- text ----

try 'print a quote' 0 crm quote print Q-2026-00001
out_is <<'EOF'
ACME Office Supplies Ltd
Main Street 1
10115 Berlin
Email: sales@acme.example

QUOTE Q-2026-00001

To:          Müller & Söhne (C00001)
             Hauptstraße 5, 80331 München, DE
Date:        2026-11-22
Valid until: 2026-12-22

Pos  Description                      Qty Unit      Price  Disc.         Net
---  ---------------------------- ------- ---- ---------- ------ -----------
  1  Office chair <ergonomic>           4 pcs      249.00    10%      896.40
     CHAIR-01
  2  桌子 standing desk               2.5 m        120.00             300.00
     DESK-L
  3  Assembly and delivery to th…       1 pcs       85.50   7.5%       79.09
                                                        --------------------
                                                        Subtotal     1381.50
                                                        Discount      106.01
                                                        Tax           232.86
                                                        Total        1508.35

Prices in EUR.
EOF
err_empty
cp "$T/out" "$T/quote.txt"
try 'by id, --format text' 0 crm quote print 1 --format text
compare 'the same text' "$T/out" <"$T/quote.txt"

# ---- html ----

try 'print a quote as html' 0 crm quote print Q-2026-00001 --format html
err_empty
sed -n '1p' "$T/out" >"$T/first"
compare 'an html document' "$T/first" <<'EOF'
<!DOCTYPE html>
EOF
sed -n '/<body>/,$p' "$T/out" >"$T/body"
compare 'its body, escaped' "$T/body" <<'EOF'
<body>
<header>
<div class="company">ACME Office Supplies Ltd</div>
<div class="contact">
Main Street 1<br>
10115 Berlin<br>
sales@acme.example<br>
</div>
</header>
<h1>Quote Q-2026-00001</h1>
<div class="parties">
<div class="customer">
<strong>Müller &amp; Söhne</strong> (C00001)<br>
Hauptstraße 5, 80331 München, DE
</div>
<dl>
<dt>Date</dt><dd>2026-11-22</dd>
<dt>Valid until</dt><dd>2026-12-22</dd>
</dl>
</div>
<table class="lines">
<thead>
<tr><th class="num">Pos</th><th>Description</th><th class="num">Qty</th><th>Unit</th><th class="num">Price</th><th class="num">Disc.</th><th class="num">Net</th></tr>
</thead>
<tbody>
<tr><td class="num">1</td><td>Office chair &lt;ergonomic&gt;<br><span class="sku">CHAIR-01</span></td><td class="num">4</td><td>pcs</td><td class="num">249.00</td><td class="num">10%</td><td class="num">896.40</td></tr>
<tr><td class="num">2</td><td>桌子 standing desk<br><span class="sku">DESK-L</span></td><td class="num">2.5</td><td>m</td><td class="num">120.00</td><td class="num"></td><td class="num">300.00</td></tr>
<tr><td class="num">3</td><td>Assembly and delivery to the 3rd floor, including removal of the packaging</td><td class="num">1</td><td>pcs</td><td class="num">85.50</td><td class="num">7.5%</td><td class="num">79.09</td></tr>
</tbody>
</table>
<table class="totals">
<tr><th>Subtotal</th><td>1381.50</td></tr>
<tr><th>Discount</th><td>106.01</td></tr>
<tr><th>Tax</th><td>232.86</td></tr>
<tr class="total"><th>Total</th><td>1508.35</td></tr>
</table>
<p class="note">Prices in EUR.</p>
</body>
</html>
EOF
cp "$T/out" "$T/quote.html"

# ---- --output ----

try '--output' 0 crm quote print Q-2026-00001 --format html --output "$T/q.html"
out_empty
err_empty
compare 'the file holds the html' "$T/q.html" <"$T/quote.html"
try '--output in a missing directory' 1 crm quote print Q-2026-00001 --output "$T/no/q.txt"
out_empty
err_is <<EOF
crm: quote print: cannot write '$T/no/q.txt': No such file or directory
EOF

# ---- the user's templates ----

cat >"$T/mine.txt" <<'EOF'
{{! my own }}
{{number}} for {{customer_name|left:16}}|{{total|right:10}}|{{today}}
{{#lines}}
{{pos}}. {{description|left:10}} {{net}}
{{/lines}}
EOF
try '--template FILE' 0 crm quote print Q-2026-00001 --template "$T/mine.txt"
out_is <<'EOF'
Q-2026-00001 for Müller & Söhne  |   1508.35|2026-11-22
1. Office ch… 896.40
2. 桌子 stan… 300.00
3. Assembly … 79.09
EOF
err_empty

mkdir -p "$T/config/crm/templates"
echo 'My quote {{number}}: {{total}}' >"$T/config/crm/templates/quote.txt"
try '$XDG_CONFIG_HOME/crm/templates/quote.txt' 0 \
	env XDG_CONFIG_HOME="$T/config" "$CRM_BIN" quote print Q-2026-00001
out_is <<'EOF'
My quote Q-2026-00001: 1508.35
EOF
try 'the html template is separate' 0 \
	env XDG_CONFIG_HOME="$T/config" "$CRM_BIN" quote print Q-2026-00001 --format html
compare 'the default html' "$T/out" <"$T/quote.html"
mkdir -p "$T/.config/crm/templates"
echo 'Home {{number}}' >"$T/.config/crm/templates/quote.txt"
try '~/.config/crm/templates without XDG_CONFIG_HOME' 0 crm quote print Q-2026-00001
out_is <<'EOF'
Home Q-2026-00001
EOF
try '--template wins' 0 crm quote print Q-2026-00001 --template "$T/mine.txt" --format text
compare 'my template' "$T/out" <<'EOF'
Q-2026-00001 for Müller & Söhne  |   1508.35|2026-11-22
1. Office ch… 896.40
2. 桌子 stan… 300.00
3. Assembly … 79.09
EOF
rm "$T/.config/crm/templates/quote.txt"

# ---- template errors ----

printf 'Quote {{number}}\n{{#lines}}\n{{pos}}\n' >"$T/bad.txt"
try 'an unclosed section' 4 crm quote print Q-2026-00001 --template "$T/bad.txt"
out_empty
err_is <<EOF
crm: quote print: $T/bad.txt:2: unclosed section '{{#lines}}' (no '{{/lines}}')
EOF
printf 'Quote\n\n{{net|center:3}}\n' >"$T/bad.txt"
try 'an unknown filter' 4 crm quote print Q-2026-00001 --template "$T/bad.txt" --output "$T/x"
out_empty
err_is <<EOF
crm: quote print: $T/bad.txt:3: unknown filter 'center:3' (filters: left:N, right:N, lines)
EOF
test -e "$T/x"
report $((1 - $?)) 'a bad template writes no --output file'
try 'a missing --template' 1 crm quote print Q-2026-00001 --template "$T/none.txt"
out_empty
err_is <<EOF
crm: quote print: cannot read template '$T/none.txt': No such file or directory
EOF

# ---- bad command lines ----

try 'an unknown format' 2 crm quote print Q-2026-00001 --format csv
out_empty
head -n 1 "$T/err" >"$T/err1"
compare 'the message' "$T/err1" <<'EOF'
crm: quote print: unknown format 'csv' (text, html, pdf)
EOF
try 'no quote' 2 crm quote print
out_empty
try 'an unknown quote' 3 crm quote print Q-2026-09999
out_empty
err_is <<'EOF'
crm: quote print: no quote 'Q-2026-09999'
EOF

# ---- pdf ----

cat >"$T/fakepdf" <<'EOF'
#!/bin/sh
# a stand-in for weasyprint: copies the html it is given
if [ "$1" = - ]; then cat; else cat >"$1"; fi
EOF
chmod +x "$T/fakepdf"
try 'pdf to --output through $CRM_PDF' 0 \
	env CRM_PDF="$T/fakepdf" "$CRM_BIN" quote print Q-2026-00001 --format pdf --output "$T/q.pdf"
out_empty
err_empty
compare 'the renderer got the html' "$T/q.pdf" <"$T/quote.html"
try 'pdf to standard output (not a terminal)' 0 \
	env CRM_PDF="$T/fakepdf" "$CRM_BIN" quote print Q-2026-00001 --format pdf
compare 'the renderer wrote standard output' "$T/out" <"$T/quote.html"
try 'a failing renderer' 1 \
	env CRM_PDF=false "$CRM_BIN" quote print Q-2026-00001 --format pdf --output "$T/q.pdf"
err_is <<'EOF'
crm: quote print: pdf renderer 'false' failed (exit status 1)
EOF
compare 'the earlier file is left alone' "$T/q.pdf" <"$T/quote.html"
mkdir "$T/empty"
try 'no renderer' 1 env PATH="$T/empty" "$CRM_BIN" quote print Q-2026-00001 --format pdf \
	--output "$T/q2.pdf"
out_empty
err_is <<'EOF'
crm: quote print: no pdf renderer: install weasyprint (apt-get install weasyprint) or set CRM_PDF
EOF

# ---- a delivery note ----

try 'an order' 0 crm order new C00001 --promised 2026-11-25
try 'its line 1' 0 crm order line add SO-2026-00001 --product CHAIR-01 --qty 4
try 'its line 2' 0 crm order line add SO-2026-00001 --product DESK-L --qty 2.5
try 'confirmed' 0 crm order confirm SO-2026-00001
try 'a partial delivery' 0 crm delivery new SO-2026-00001 --line 1=4 --line 2=1.5 \
	--tracking 1Z999AA10123456784
try 'print the delivery note' 0 crm delivery print DN-2026-00001
out_is <<'EOF'
ACME Office Supplies Ltd
Main Street 1
10115 Berlin
Email: sales@acme.example

DELIVERY NOTE DN-2026-00001

To:       Müller & Söhne (C00001)
          Hauptstraße 5, 80331 München, DE
Date:     2026-11-22
Order:    SO-2026-00001
Tracking: 1Z999AA10123456784

Pos  Item         Description                                    Qty Unit
---  ------------ ---------------------------------------- --------- ----
  1  CHAIR-01     Office chair <ergonomic>                         4 pcs
  2  DESK-L       桌子 standing desk                             1.5 m

Received in good order:

Date: ______________   Name: ____________________   Signature: ______________
EOF
err_empty
try 'as html' 0 crm delivery print DN-2026-00001 --format html
sed -n '/<h1>/,/<\/tbody>/p' "$T/out" >"$T/body"
compare 'its heading and lines' "$T/body" <<'EOF'
<h1>Delivery note DN-2026-00001</h1>
<div class="parties">
<div class="customer">
<strong>Müller &amp; Söhne</strong> (C00001)<br>
Hauptstraße 5, 80331 München, DE
</div>
<dl>
<dt>Date</dt><dd>2026-11-22</dd>
<dt>Order</dt><dd>SO-2026-00001</dd>
<dt>Tracking</dt><dd>1Z999AA10123456784</dd>
</dl>
</div>
<table class="lines">
<thead>
<tr><th class="num">Pos</th><th>Item</th><th>Description</th><th class="num">Qty</th><th>Unit</th></tr>
</thead>
<tbody>
<tr><td class="num">1</td><td>CHAIR-01</td><td>Office chair &lt;ergonomic&gt;</td><td class="num">4</td><td>pcs</td></tr>
<tr><td class="num">2</td><td>DESK-L</td><td>桌子 standing desk</td><td class="num">1.5</td><td>m</td></tr>
</tbody>
EOF
try 'an unknown delivery' 3 crm delivery print DN-2026-09999
out_empty

# ---- a credit note ----

# INV-2026-00001 bills the delivery: 4 x 249.00 = 996.00, 19 % 189.24;
# 1.5 x 120.00 = 180.00, 19 % 34.20; total 1176.00 + 223.44 = 1399.44.
# CN-2026-00001 credits 1 chair and 0.5 m of the desk:
#   1  1 x 249.00 = 249.00, 19 % tax 47.31
#   2  0.5 x 120.00 = 60.00, 19 % tax 11.40
#   subtotal 309.00, no discount, tax 58.71, total 367.71
try 'an invoice of the delivery' 0 crm invoice new --delivery DN-2026-00001
try 'issued' 0 crm invoice issue 3
try 'credited in part' 0 crm invoice credit INV-2026-00001 --line 1=1 --line 2=0.5 \
	--reason 'One chair arrived damaged'
out_is <<'EOF'
CN-2026-00001
EOF
try 'print the credit note' 0 crm invoice print CN-2026-00001
out_is <<'EOF'
ACME Office Supplies Ltd
Main Street 1
10115 Berlin
Email: sales@acme.example

CREDIT NOTE CN-2026-00001

To:          Müller & Söhne (C00001)
             Hauptstraße 5, 80331 München, DE
Date:        2026-11-22
Invoice:     INV-2026-00001

Pos  Description                      Qty Unit      Price  Disc.         Net
---  ---------------------------- ------- ---- ---------- ------ -----------
  1  Office chair <ergonomic>           1 pcs      249.00             249.00
     CHAIR-01
  2  桌子 standing desk               0.5 m        120.00              60.00
     DESK-L
                                                        --------------------
                                                        Subtotal      309.00
                                                        Tax            58.71
                                                        Total         367.71

Reason: One chair arrived damaged

We credit you 367.71 against invoice INV-2026-00001.
EOF
err_empty
cp "$T/out" "$T/credit.txt"
try 'the credit note by id' 0 crm invoice print 4
compare 'the same text' "$T/out" <"$T/credit.txt"
try 'the invoice still prints as an invoice' 0 crm invoice print INV-2026-00001
sed -n '6p' "$T/out" >"$T/title"
compare 'its title' "$T/title" <<'EOF'
INVOICE INV-2026-00001
EOF
try 'the credit note as html' 0 crm invoice print CN-2026-00001 --format html
out_is <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Credit note CN-2026-00001</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "DejaVu Sans", "Helvetica", sans-serif; font-size: 10pt; color: #222; margin: 0; }
header { display: flex; justify-content: space-between; border-bottom: 1px solid #999; padding-bottom: 6pt; margin-bottom: 18pt; }
header .company { font-weight: bold; font-size: 13pt; }
header .contact { text-align: right; font-size: 9pt; color: #555; }
h1 { font-size: 16pt; margin: 0 0 12pt; letter-spacing: 0.05em; }
.parties { display: flex; justify-content: space-between; margin-bottom: 18pt; }
.parties dl { margin: 0; }
.parties dt { float: left; clear: left; width: 6.5em; }
.parties dt { color: #555; }
.parties dd { margin: 0 0 0 6.5em; }
table.lines { width: 100%; border-collapse: collapse; margin-bottom: 12pt; }
table.lines th { text-align: left; border-bottom: 1px solid #999; padding: 3pt 4pt; font-weight: bold; }
table.lines td { padding: 3pt 4pt; border-bottom: 1px solid #ddd; vertical-align: top; }
table.lines .num { text-align: right; white-space: nowrap; }
table.lines .sku { color: #555; font-size: 8.5pt; }
table.totals { margin-left: auto; border-collapse: collapse; }
table.totals th { text-align: left; font-weight: normal; padding: 2pt 12pt 2pt 0; }
table.totals td { text-align: right; padding: 2pt 0; min-width: 6em; }
table.totals tr.total th, table.totals tr.total td { font-weight: bold; border-top: 1px solid #999; }
.note { margin-top: 18pt; }
.payment { margin-top: 18pt; }
</style>
</head>
<body>
<header>
<div class="company">ACME Office Supplies Ltd</div>
<div class="contact">
Main Street 1<br>
10115 Berlin<br>
sales@acme.example<br>
</div>
</header>
<h1>Credit note CN-2026-00001</h1>
<div class="parties">
<div class="customer">
<strong>Müller &amp; Söhne</strong> (C00001)<br>
Hauptstraße 5, 80331 München, DE
</div>
<dl>
<dt>Date</dt><dd>2026-11-22</dd>
<dt>Invoice</dt><dd>INV-2026-00001</dd>
</dl>
</div>
<table class="lines">
<thead>
<tr><th class="num">Pos</th><th>Description</th><th class="num">Qty</th><th>Unit</th><th class="num">Price</th><th class="num">Disc.</th><th class="num">Net</th></tr>
</thead>
<tbody>
<tr><td class="num">1</td><td>Office chair &lt;ergonomic&gt;<br><span class="sku">CHAIR-01</span></td><td class="num">1</td><td>pcs</td><td class="num">249.00</td><td class="num"></td><td class="num">249.00</td></tr>
<tr><td class="num">2</td><td>桌子 standing desk<br><span class="sku">DESK-L</span></td><td class="num">0.5</td><td>m</td><td class="num">120.00</td><td class="num"></td><td class="num">60.00</td></tr>
</tbody>
</table>
<table class="totals">
<tr><th>Subtotal</th><td>309.00</td></tr>
<tr><th>Tax</th><td>58.71</td></tr>
<tr class="total"><th>Total</th><td>367.71</td></tr>
</table>
<p class="note">Reason: One chair arrived damaged</p>
<p class="payment">We credit you 367.71 against invoice INV-2026-00001.</p>
</body>
</html>
EOF
err_empty
cp "$T/out" "$T/credit.html"
try 'pdf of the credit note' 0 \
	env CRM_PDF="$T/fakepdf" "$CRM_BIN" invoice print CN-2026-00001 --format pdf --output "$T/cn.pdf"
compare 'the renderer got the credit note html' "$T/cn.pdf" <"$T/credit.html"
echo 'My credit note {{number}} for {{source}}: {{total}}' >"$T/config/crm/templates/credit.txt"
try '$XDG_CONFIG_HOME/crm/templates/credit.txt' 0 \
	env XDG_CONFIG_HOME="$T/config" "$CRM_BIN" invoice print CN-2026-00001
out_is <<'EOF'
My credit note CN-2026-00001 for INV-2026-00001: 367.71
EOF
try 'not for the invoice' 0 \
	env XDG_CONFIG_HOME="$T/config" "$CRM_BIN" invoice print INV-2026-00001
sed -n '6p' "$T/out" >"$T/title"
compare 'the default invoice' "$T/title" <<'EOF'
INVOICE INV-2026-00001
EOF
try '--template for a credit note' 0 crm invoice print CN-2026-00001 --template "$T/mine.txt"
out_is <<'EOF'
CN-2026-00001 for Müller & Söhne  |    367.71|2026-11-22
1. Office ch… 249.00
2. 桌子 stan… 60.00
EOF
try 'an unknown credit note' 3 crm invoice print CN-2026-09999
out_empty
err_is <<'EOF'
crm: invoice print: no invoice 'CN-2026-09999'
EOF

done_testing
