#!/bin/sh
# demo.sh — builds demo.db with a few hundred customers and contacts (names
# in several scripts), their activities, tasks, deals, leads, quotes,
# orders, an invoice and a receipt, and prints a short tour of crm's commands.  Run by
# `make demo`; uses ./crm and leaves ./demo.db for you to explore:
#   export CRM_DB=$PWD/demo.db
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
crm="$top/crm"
export CRM_DB="$top/demo.db" CRM_USER=demo CRM_FORMAT=table COLUMNS=${COLUMNS:-110}
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 300 customers: companies and people from eight countries.
awk 'BEGIN {
	srand(7)
	split("Müller Schmidt Schneider Fischer Weber Becker Hoffmann Schäfer", de, " ")
	split("Dubois Lefèvre Moreau Girard Bonnet François Mercier Rousseau", fr, " ")
	split("García Martínez López Sánchez Pérez Gómez Fernández Núñez", es, " ")
	split("Nielsen Jørgensen Søndergaard Åberg Lindqvist Østergaard Hansen Berg", no, " ")
	split("王伟 李娜 张敏 刘洋 陈静 杨磊 赵丽 黄强", cn, " ")
	split("김민수 이지은 박서준 최유진 정하늘 강민호 조수아 윤지호", kr, " ")
	split("佐藤健 鈴木花子 高橋翔 田中美咲 伊藤蓮 渡辺陽菜 山本大翔 中村結衣", jp, " ")
	split("Smith Johnson Williams Brown Jones Miller Davis Wilson", en, " ")
	split("Berlin München Hamburg|Paris Lyon Marseille|Madrid Sevilla Valencia|Oslo Bergen Trondheim|北京 上海 深圳|서울 부산 인천|東京 大阪 京都|London Leeds Bristol", cities, "|")
	split("DE FR ES NO CN KR JP GB", cc, " ")
	split("GmbH|SARL|S.L.|AS|有限公司|주식회사|株式会社|Ltd", form, "|")
	split("Maschinenbau Bäckerei Logistik Optik|Boulangerie Transports Optique Conseil|Construcciones Alimentos Textiles Energía|Fiske Bygg Shipping Design|贸易 科技 食品 物流|무역 전자 식품 물류|商事 電機 食品 物流|Trading Engineering Foods Logistics", trade, "|")
	split("+49 30 |+33 1 |+34 91 |+47 22 |+86 10 |+82 2 |+81 3 |+44 20 ", pre, "|")
	split("lead prospect active active active active inactive lost", st, " ")
	split("ann bob carla dev", reps, " ")
	print "code,name,kind,status,owner,email,phone,city,country,industry,tier,credit_limit,terms,tags,note"
	for (i = 1; i <= 300; i++) {
		c = int(rand() * 8) + 1
		split(cities[c], cl, " "); split(trade[c], tl, " ")
		if (c == 1) n = de[int(rand()*8)+1]; else if (c == 2) n = fr[int(rand()*8)+1]
		else if (c == 3) n = es[int(rand()*8)+1]; else if (c == 4) n = no[int(rand()*8)+1]
		else if (c == 5) n = cn[int(rand()*8)+1]; else if (c == 6) n = kr[int(rand()*8)+1]
		else if (c == 7) n = jp[int(rand()*8)+1]; else n = en[int(rand()*8)+1]
		company = (i % 3 != 0)
		sep = (c == 5 || c == 7) ? "" : " " # Chinese and Japanese names run together
		if (company) name = n sep tl[int(rand()*4)+1] sep form[c]
		else name = n
		name = name (i > 24 ? " " i : "")
		kind = company ? "company" : "person"
		phone = pre[c] sprintf("%04d %04d", int(rand()*9000)+1000, i)
		tags = (i % 7 == 0) ? "vip" : (i % 5 == 0 ? "wholesale;export" : "")
		note = (i % 11 == 0) ? "\"Prefers email, not calls; asked for \"\"net 60\"\"\nduring the 2026 fair\"" : ""
		limit = (i % 4 == 0) ? sprintf("%d.00", (int(rand()*20)+1) * 1000) : ""
		printf "C%05d,\"%s\",%s,%s,%s,c%05d@example.com,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
			i, name, kind, st[int(rand()*8)+1], reps[int(rand()*4)+1], i, phone,
			cl[int(rand()*3)+1], cc[c], tl[int(rand()*4)+1], (i % 3 ? "B" : "A"), limit,
			(i % 2 ? 30 : 14), tags, note
	}
}' >"$tmp/customers.csv"
"$crm" -q customer import --from "$tmp/customers.csv"

# A contact or two at every company.
"$crm" customer list --format tsv --no-header --columns code,kind,country | awk -F'\t' '
	BEGIN { split("Anna Jonas Léa Hugo Sofía Mateo Ingrid Lars 美玲 浩然 서연 지훈 陽子 健太 Emma Oliver", fn, " ")
		split("Buyer Owner Accountant Purchasing", ti, " ") }
	$2 == "company" { n = NR % 16 + 1; print $1 "\t" fn[n] "\t" ti[NR % 4 + 1]
			  if (NR % 3 == 0) print $1 "\t" fn[(NR + 5) % 16 + 1] "\tAccountant" }' |
while IFS='	' read -r code name title; do
	"$crm" contact add "$code" "$name" --title "$title" >/dev/null
done

# Sales work: a contact cadence for tier A, a few weeks of calls and visits
# with follow-ups, deals spread over the stages, appointments, leads handed
# out.  Dates are relative to today, so the reminders always have something.
"$crm" config set tier.A.cadence 21
"$crm" config set cadence.default 60
for r in ann bob carla dev; do "$crm" config set "rep.$r.email" "$r@example.com"; done
"$crm" customer list --status active --format tsv --no-header --columns code,owner --limit 60 |
awk -F'\t' 'BEGIN { split("call email visit meeting call im", ty, " ")
		split("Asked for prices|Discussed the new range|Complaint about a late delivery|Visited the plant|Quarterly review|Sent the catalogue", su, "|")
		split("prospect qualified proposal negotiation", stg, " ") }
	{ n = NR; rep = ($2 == "" ? "ann" : $2)
	  printf "activity\t%s\t%s\t%s\t-%dd\t%d\t%s\n", $1, ty[n % 6 + 1], su[n % 6 + 1], n % 40 + 1, (n % 5 + 1) * 10, rep
	  if (n % 3 == 0) printf "deal\t%s\t%s\t%d000\t%s\t%+dd\t%s\n", $1, "Order " n, n % 9 + 2, stg[n % 4 + 1], n % 70 - 10, rep
	  if (n % 4 == 0) printf "task\t%s\tCall back about the offer\t%+dd\t%s\n", $1, n % 9 - 3, rep
	  if (n % 10 == 0) printf "visit\t%s\tVisit with samples\t+%dd\t%s\n", $1, n % 5, rep }' |
while IFS='	' read -r what code a b c d e f; do
	case $what in
	activity) "$crm" activity log "$code" --type "$a" --summary "$b" --at "$c" --minutes "$d" --rep "$e" >/dev/null ;;
	deal)	deal=$("$crm" deal add "$code" "$a" --amount "$b" --close "$d" --owner "$e")
		[ "$c" = prospect ] || "$crm" deal move "$deal" "$c" ;;
	task) "$crm" task add "$a" --customer "$code" --due "$b" --assignee "$c" >/dev/null ;;
	visit) "$crm" task add "$a" --customer "$code" --due "$b" --at 10:30 --where "customer site" --assignee "$c" >/dev/null ;;
	esac
done
# A small catalogue, quotes for a few customers, and one of them ordered
# and partly shipped.
"$crm" config set company.name "Demo Trading GmbH"
"$crm" product add CHAIR-01 "Office chair" --price 249 --tax-rate 19
"$crm" product add DESK-160 "Desk 160 x 80" --price 389 --tax-rate 19
"$crm" product add LAMP-LED "LED desk lamp" --price 59.90 --tax-rate 19
"$crm" product add SVC-ASM "Assembly" --price 65 --unit h --tax-rate 19
for code in C00003 C00010 C00017; do
	q=$("$crm" quote new "$code")
	"$crm" quote line add "$q" --product CHAIR-01 --qty 8 --discount 5 >/dev/null
	"$crm" quote line add "$q" --product DESK-160 --qty 4 >/dev/null
	"$crm" quote line add "$q" --product SVC-ASM --qty 3.5 >/dev/null
	"$crm" quote send "$q"
done
first=$("$crm" quote list --format tsv --no-header --columns number | head -1)
"$crm" quote accept "$first"
order=$("$crm" quote convert "$first" --promised +3d)
"$crm" -q order confirm "$order" --force
"$crm" delivery new "$order" --line 1=5 >/dev/null
# bill what was shipped, 40 days ago, and take a first payment on it
draft=$("$crm" invoice new --order "$order" | cut -d' ' -f2)
inv=$("$crm" -q invoice issue "$draft" --date -40d --force)
payer=$("$crm" invoice list --format tsv --no-header --columns customer | head -1)
"$crm" -q ar receipt "$payer" 500 --apply "$inv=500" --date -5d --method transfer >/dev/null

"$crm" customer list --status lead --format tsv --no-header --columns code --limit 6 |
while read -r code; do "$crm" -q lead assign "$code" --to bob --feedback-days 3; done

tour() {
	printf '\n$ crm'
	for a in "$@"; do
		case $a in *[\ \"]*) printf " '%s'" "$a" ;; *) printf ' %s' "$a" ;; esac
	done
	printf '\n'
	"$crm" "$@"
}
echo "demo database: $CRM_DB ($("$crm" customer list --format csv --no-header --all | wc -l) customers, $("$crm" contact list --format csv --no-header | wc -l) contacts)"
echo "try it yourself:  export CRM_DB=$CRM_DB"
tour customer list --limit 8
tour customer list --status lead --owner ann --columns code,name,city,phone --limit 5
tour customer search muller
tour customer search 王伟
tour customer search 민수
tour customer show C00007
tour customer add "Müller Maschinenbau" --city Berlin
tour customer add "Nordlicht Optik AS" --city Oslo --tag new --credit-limit 2500
tour customer edit C00301 --status prospect --owner bob
tour history customer C00301
tour --format json customer list --tag vip --limit 2 --columns code,name,credit_limit,tags
tour agenda --rep ann --days 5
tour deal pipeline
tour deal forecast --by quarter
tour report activity --by rep
tour remind --rep bob
tour quote list
tour order show "$order"
tour quote print "$first"
tour ar aging
tour ar statement "$payer" --from -2m
tour ar dunning --dry-run
printf '\n$ crm customer export | head -3\n'
"$crm" customer export | head -3
