/* gen.c — writes N made-up customers as CSV on stdout, for `make bench`.
 *
 *   gen N > customers.csv
 *
 * The header is the one `crm customer import` reads:
 *   code,name,kind,status,owner,email,phone,website,street,city,region,
 *   postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,tags
 * The output depends on N only (a fixed-seed PRNG, one draw sequence), so the
 * first M rows of `gen N` are the rows of `gen M`.  Names, streets and cities
 * come in several scripts — Latin with accents (Müller, Søren, José, François,
 * Łukasz), Chinese, Korean, Japanese — and companies carry legal forms (GmbH,
 * Ltd, SARL, 株式会社 ...); phones use national formats; notes have commas,
 * double quotes and embedded newlines, so the CSV quoting is exercised.
 * Codes are unique: C0000001, C0000002 ...
 *
 *   gen --docs LINES DB
 *
 * adds to DB, a crm database that has customers already, 2,000 products
 * (SKU P00001 ... P02000) and quotes, orders and invoices with LINES lines in
 * all (1 to 9 a document, 5 on average, so about LINES / 5 documents), in one
 * transaction through libcrm (crm_store_open: the audit triggers and the SQL
 * functions they call are crm's own).  Products are drawn Zipf-like (s = 1):
 * P00001 is on about 12% of the lines, P02000 on about 0.006%.  Customers are
 * skewed too: a tenth of the documents go to the first 100 customers.  Dates
 * are spread over five years and do not follow the ids (documents entered
 * late, imported ones), so newest first is not id order.  LINES 0 adds the
 * products only.
 *
 *   gen --invoices M CUSTOMERS > invoices.csv
 *
 * writes M invoices of 5 lines each as `crm invoice import` reads them: one
 * row a line, the rows of an invoice together, columns number, customer,
 * date, sku, qty, price, tax_rate; customers C0000001 ... C<CUSTOMERS>,
 * products as --docs makes them.
 *
 *   gen --ar INVOICES DB
 *
 * adds receivables to DB, a crm database with customers (and the documents
 * of --docs, or none): its issued invoices, and new ones without lines
 * until there are INVOICES in all, dated over the four years up to
 * 2026-11-22 (a tenth to the first 100 customers), each settled as a
 * customer would have by then: on time or late by days to months, by one
 * to three receipts (about 1.5 an invoice), some partly, about 5 % still
 * open; credit notes for 3 %, one cheque in 200 bounced (reversed, paid
 * again), never-paid invoices written off after a year, overpayments and
 * payments on account (unapplied credit).  Everything goes in through
 * crm's schema in one transaction: allocations are inserted and reversals
 * end them, and the triggers keep doc.settled/cleared and
 * receipt.applied/cleared, which gen then checks on a sample against the
 * views doc_settlement and receipt_settlement (it fails if they differ).
 * Prints "INVOICES RECEIPTS ALLOCATIONS CREDIT-NOTES OPEN REVERSALS
 * WRITE-OFFS CHECKED". */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* ---- output: one big buffer, written when nearly full ---- */

static char obuf[1 << 20];
static size_t olen;

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, stdout) != olen) {
		perror("gen: write");
		exit(1);
	}
	olen = 0;
}

static void put(const char *s, size_t n)
{
	if (olen + n > sizeof obuf)
		flush_out();
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void puts_(const char *s)
{
	put(s, strlen(s));
}

/* A CSV cell: quoted (with quotes doubled) only when it needs to be. */
static void cell(const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		put("\"", 1);
		for (const char *q; (q = strchr(s, '"')); s = q + 1) {
			put(s, (size_t)(q - s) + 1);
			put("\"", 1);
		}
		puts_(s);
		put("\"", 1);
	} else {
		puts_(s);
	}
	put(last ? "\n" : ",", 1);
}

/* ---- deterministic randomness (splitmix64) ---- */

static uint64_t rng_state = 0x5eed2026c0ffeeULL;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

#define PICK(a) (a)[below(sizeof(a) / sizeof *(a))]

/* A word as people write it and its ASCII spelling for emails and domains. */
struct word {
	const char *text, *ascii;
};

/* ---- locales ---- */

struct city {
	const char *name, *region, *country;
};

struct locale {
	const struct word *first;
	size_t nfirst;
	const struct word *last;
	size_t nlast;
	const struct city *cities;
	size_t ncities;
	const struct word *trades; /* company trade words */
	size_t ntrades;
	const char *const *forms; /* legal forms, "%s" is the company name */
	size_t nforms;
	const char *const *streets; /* "%d" is the house number */
	size_t nstreets;
	const char *const *domains;
	size_t ndomains;
	const char *tld;
	int cjk; /* names written without a space, family name first */
	int id;
};

#define N_(a) a, sizeof(a) / sizeof *(a)

/* German */
static const struct word de_first[] = {
	{"Jürgen", "juergen"}, {"Jörg", "joerg"}, {"Günter", "guenter"}, {"Anna", "anna"},
	{"Lukas", "lukas"}, {"Sophie", "sophie"}, {"Käthe", "kaethe"}, {"Maximilian", "max"},
	{"Björn", "bjoern"}, {"Uwe", "uwe"}, {"Hannelore", "hannelore"}, {"Felix", "felix"}};
static const struct word de_last[] = {
	{"Müller", "mueller"}, {"Schmidt", "schmidt"}, {"Schneider", "schneider"},
	{"Weiß", "weiss"}, {"Groß", "gross"}, {"Köhler", "koehler"}, {"Fischer", "fischer"},
	{"Schäfer", "schaefer"}, {"Becker", "becker"}, {"Hoffmann", "hoffmann"},
	{"Krüger", "krueger"}, {"Wagner", "wagner"}};
static const struct city de_cities[] = {
	{"Berlin", "Berlin", "DE"}, {"München", "Bayern", "DE"},
	{"Köln", "Nordrhein-Westfalen", "DE"}, {"Düsseldorf", "Nordrhein-Westfalen", "DE"},
	{"Nürnberg", "Bayern", "DE"}, {"Hamburg", "Hamburg", "DE"},
	{"Zürich", "Zürich", "CH"}, {"Wien", "Wien", "AT"}};
static const struct word de_trades[] = {
	{"Maschinenbau", "maschinenbau"}, {"Logistik", "logistik"},
	{"Elektrotechnik", "elektro"}, {"Bäckerei", "baeckerei"}, {"Holzbau", "holzbau"},
	{"Stahlhandel", "stahl"}};
static const char *const de_forms[] = {"%s GmbH", "%s AG", "%s GmbH & Co. KG", "%s KG"};
static const char *const de_streets[] = {"Hauptstraße %d", "Bahnhofstraße %d",
					 "Schloßallee %d", "Am Markt %d", "Gartenweg %d"};
static const char *const de_domains[] = {"web.de", "gmx.de", "t-online.de", "gmail.com"};

/* French */
static const struct word fr_first[] = {
	{"François", "francois"}, {"Hélène", "helene"}, {"Léa", "lea"}, {"Jérôme", "jerome"},
	{"Chloé", "chloe"}, {"Amélie", "amelie"}, {"Benoît", "benoit"}, {"Gaëlle", "gaelle"},
	{"Élodie", "elodie"}, {"Thierry", "thierry"}};
static const struct word fr_last[] = {
	{"Dubois", "dubois"}, {"Lefèvre", "lefevre"}, {"Moreau", "moreau"},
	{"Girard", "girard"}, {"Mercier", "mercier"}, {"Fontaine", "fontaine"},
	{"Bérenger", "berenger"}, {"Rousseau", "rousseau"}, {"Lemaître", "lemaitre"},
	{"Faure", "faure"}};
static const struct city fr_cities[] = {
	{"Paris", "Île-de-France", "FR"}, {"Besançon", "Bourgogne-Franche-Comté", "FR"},
	{"Orléans", "Centre-Val de Loire", "FR"}, {"Lyon", "Auvergne-Rhône-Alpes", "FR"},
	{"Nîmes", "Occitanie", "FR"}, {"Genève", "Genève", "CH"},
	{"Montréal", "Québec", "CA"}};
static const struct word fr_trades[] = {
	{"Conseil", "conseil"}, {"Distribution", "distribution"}, {"Bâtiment", "batiment"},
	{"Boulangerie", "boulangerie"}, {"Transports", "transports"}};
static const char *const fr_forms[] = {"%s SARL", "%s SA", "%s SAS", "Société %s"};
static const char *const fr_streets[] = {"%d rue de la République", "%d avenue Foch",
					 "%d boulevard Saint-Michel", "%d place du Marché"};
static const char *const fr_domains[] = {"orange.fr", "free.fr", "laposte.net",
					 "gmail.com"};

/* Spanish */
static const struct word es_first[] = {
	{"José", "jose"}, {"María", "maria"}, {"Andrés", "andres"}, {"Sofía", "sofia"},
	{"Ángel", "angel"}, {"Lucía", "lucia"}, {"Martín", "martin"}, {"Inés", "ines"},
	{"Joaquín", "joaquin"}, {"Carmen", "carmen"}};
static const struct word es_last[] = {
	{"García", "garcia"}, {"Martínez", "martinez"}, {"López", "lopez"},
	{"Sánchez", "sanchez"}, {"Pérez", "perez"}, {"Gómez", "gomez"}, {"Núñez", "nunez"},
	{"Fernández", "fernandez"}, {"Rodríguez", "rodriguez"}, {"Peña", "pena"}};
static const struct city es_cities[] = {
	{"Madrid", "Madrid", "ES"}, {"Málaga", "Andalucía", "ES"},
	{"Córdoba", "Andalucía", "ES"}, {"Sevilla", "Andalucía", "ES"},
	{"A Coruña", "Galicia", "ES"}, {"Cádiz", "Andalucía", "ES"},
	{"Ciudad de México", "CDMX", "MX"}, {"Bogotá", "Bogotá D.C.", "CO"}};
static const struct word es_trades[] = {
	{"Construcciones", "construcciones"}, {"Distribuciones", "distribuciones"},
	{"Alimentación", "alimentacion"}, {"Logística", "logistica"}};
static const char *const es_forms[] = {"%s S.L.", "%s S.A.", "%s SL"};
static const char *const es_streets[] = {"Calle Mayor %d", "Avenida de la Constitución %d",
					 "Plaza de España %d", "Calle del Pozo %d"};
static const char *const es_domains[] = {"telefonica.net", "gmail.com", "hotmail.es"};

/* Nordic */
static const struct word no_first[] = {
	{"Søren", "soren"}, {"Åsa", "asa"}, {"Björn", "bjorn"}, {"Sigrún", "sigrun"},
	{"Mikkel", "mikkel"}, {"Ingrid", "ingrid"}, {"Jørgen", "jorgen"}, {"Åke", "ake"},
	{"Øystein", "oystein"}, {"Linnéa", "linnea"}};
static const struct word no_last[] = {
	{"Sørensen", "sorensen"}, {"Jørgensen", "jorgensen"}, {"Lindqvist", "lindqvist"},
	{"Åberg", "aberg"}, {"Öberg", "oberg"}, {"Nyström", "nystrom"},
	{"Halvorsen", "halvorsen"}, {"Bjørnstad", "bjornstad"}, {"Guðmundsdóttir", "gudmundsdottir"},
	{"Virtanen", "virtanen"}};
static const struct city no_cities[] = {
	{"København", "Hovedstaden", "DK"}, {"Aarhus", "Midtjylland", "DK"},
	{"Göteborg", "Västra Götaland", "SE"}, {"Malmö", "Skåne", "SE"},
	{"Tromsø", "Troms", "NO"}, {"Oslo", "Oslo", "NO"}, {"Reykjavík", "Höfuðborgarsvæðið", "IS"},
	{"Jyväskylä", "Keski-Suomi", "FI"}};
static const struct word no_trades[] = {
	{"Fisk", "fisk"}, {"Bygg", "bygg"}, {"Data", "data"}, {"Möbler", "mobler"},
	{"Skog", "skog"}};
static const char *const no_forms[] = {"%s AB", "%s A/S", "%s AS", "%s Oy"};
static const char *const no_streets[] = {"Storgatan %d", "Nørregade %d", "Kongens gate %d",
					 "Drottninggatan %d"};
static const char *const no_domains[] = {"telia.se", "gmail.com", "online.no", "mail.dk"};

/* Polish */
static const struct word pl_first[] = {
	{"Łukasz", "lukasz"}, {"Małgorzata", "malgorzata"}, {"Paweł", "pawel"},
	{"Zofia", "zofia"}, {"Wojciech", "wojciech"}, {"Agnieszka", "agnieszka"},
	{"Grzegorz", "grzegorz"}, {"Jolanta", "jolanta"}};
static const struct word pl_last[] = {
	{"Nowak", "nowak"}, {"Kowalski", "kowalski"}, {"Wiśniewski", "wisniewski"},
	{"Wójcik", "wojcik"}, {"Kamiński", "kaminski"}, {"Łukaszewicz", "lukaszewicz"},
	{"Zieliński", "zielinski"}, {"Dąbrowska", "dabrowska"}};
static const struct city pl_cities[] = {
	{"Kraków", "małopolskie", "PL"}, {"Łódź", "łódzkie", "PL"},
	{"Gdańsk", "pomorskie", "PL"}, {"Wrocław", "dolnośląskie", "PL"},
	{"Poznań", "wielkopolskie", "PL"}, {"Praha", "Praha", "CZ"}};
static const struct word pl_trades[] = {
	{"Budownictwo", "budownictwo"}, {"Transport", "transport"}, {"Meble", "meble"},
	{"Usługi", "uslugi"}};
static const char *const pl_forms[] = {"%s sp. z o.o.", "%s S.A.", "%s s.c."};
static const char *const pl_streets[] = {"ul. Długa %d", "ul. Piotrkowska %d",
					 "al. Jerozolimskie %d", "ul. Świętojańska %d"};
static const char *const pl_domains[] = {"wp.pl", "onet.pl", "interia.pl", "gmail.com"};

/* English */
static const struct word en_first[] = {
	{"John", "john"}, {"Emily", "emily"}, {"Oliver", "oliver"}, {"Charlotte", "charlotte"},
	{"James", "james"}, {"Olivia", "olivia"}, {"Siobhán", "siobhan"}, {"Zoë", "zoe"},
	{"William", "william"}, {"Grace", "grace"}};
static const struct word en_last[] = {
	{"Smith", "smith"}, {"Johnson", "johnson"}, {"Brown", "brown"}, {"Taylor", "taylor"},
	{"Wilson", "wilson"}, {"O'Brien", "obrien"}, {"Evans", "evans"}, {"Walker", "walker"},
	{"Thompson", "thompson"}, {"MacDonald", "macdonald"}};
static const struct city en_cities[] = {
	{"London", "Greater London", "GB"}, {"Manchester", "Greater Manchester", "GB"},
	{"Edinburgh", "Scotland", "GB"}, {"New York", "NY", "US"}, {"San Francisco", "CA", "US"},
	{"Chicago", "IL", "US"}, {"Dublin", "Leinster", "IE"}, {"Sydney", "NSW", "AU"}};
static const struct word en_trades[] = {
	{"Trading", "trading"}, {"Engineering", "engineering"}, {"Foods", "foods"},
	{"Software", "software"}, {"Supplies", "supplies"}, {"Consulting", "consulting"}};
static const char *const en_forms[] = {"%s Ltd", "%s LLC", "%s Inc.", "%s PLC",
				       "%s & Sons Ltd"};
static const char *const en_streets[] = {"%d High Street", "%d Main Street", "%d King's Road",
					 "%d Baker Street", "%d Park Avenue"};
static const char *const en_domains[] = {"gmail.com", "outlook.com", "yahoo.com",
					 "icloud.com"};

/* Chinese */
static const struct word zh_first[] = {
	{"伟", "wei"}, {"娜", "na"}, {"芳", "fang"}, {"敏", "min"}, {"静", "jing"},
	{"强", "qiang"}, {"磊", "lei"}, {"洋", "yang"}, {"勇", "yong"}, {"艳", "yan"},
	{"小明", "xiaoming"}, {"建国", "jianguo"}, {"秀英", "xiuying"}, {"丽华", "lihua"},
	{"志强", "zhiqiang"}, {"海燕", "haiyan"}, {"子涵", "zihan"}, {"浩然", "haoran"}};
static const struct word zh_last[] = {
	{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"},
	{"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"}, {"周", "zhou"}, {"吴", "wu"},
	{"孙", "sun"}, {"徐", "xu"}};
static const struct city zh_cities[] = {
	{"北京", "北京市", "CN"}, {"上海", "上海市", "CN"}, {"广州", "广东省", "CN"},
	{"深圳", "广东省", "CN"}, {"杭州", "浙江省", "CN"}, {"成都", "四川省", "CN"},
	{"台北", "臺北市", "TW"}, {"香港", "香港", "HK"}};
static const struct word zh_trades[] = {
	{"华信科技", "huaxin"}, {"宏达贸易", "hongda"}, {"鑫源电子", "xinyuan"},
	{"东方物流", "dongfang"}, {"长城机械", "changcheng"}, {"金山软件", "jinshan"}};
static const char *const zh_forms[] = {"%s有限公司", "%s股份有限公司", "%s集团有限公司"};
static const char *const zh_streets[] = {"中关村大街%d号", "南京东路%d号", "天河路%d号",
					 "人民路%d号"};
static const char *const zh_domains[] = {"qq.com", "163.com", "126.com", "sina.com"};

/* Korean */
static const struct word ko_first[] = {
	{"민수", "minsu"}, {"지은", "jieun"}, {"서연", "seoyeon"}, {"민준", "minjun"},
	{"지훈", "jihoon"}, {"수빈", "subin"}, {"현우", "hyunwoo"}, {"예린", "yerin"},
	{"도윤", "doyun"}, {"하은", "haeun"}};
static const struct word ko_last[] = {
	{"김", "kim"}, {"이", "lee"}, {"박", "park"}, {"최", "choi"}, {"정", "jung"},
	{"강", "kang"}, {"조", "cho"}, {"윤", "yoon"}};
static const struct city ko_cities[] = {
	{"서울", "서울특별시", "KR"}, {"부산", "부산광역시", "KR"}, {"인천", "인천광역시", "KR"},
	{"대구", "대구광역시", "KR"}, {"대전", "대전광역시", "KR"}, {"광주", "광주광역시", "KR"}};
static const struct word ko_trades[] = {
	{"한빛전자", "hanbit"}, {"대성물산", "daesung"}, {"미래테크", "mirae"},
	{"푸른식품", "pureun"}, {"새한건설", "saehan"}};
static const char *const ko_forms[] = {"주식회사 %s", "(주)%s", "%s 주식회사"};
static const char *const ko_streets[] = {"테헤란로 %d", "세종대로 %d", "해운대로 %d",
					 "강남대로 %d"};
static const char *const ko_domains[] = {"naver.com", "daum.net", "kakao.com"};

/* Japanese */
static const struct word ja_first[] = {
	{"花子", "hanako"}, {"太郎", "taro"}, {"健", "ken"}, {"翔太", "shota"},
	{"さくら", "sakura"}, {"陽菜", "hina"}, {"大輔", "daisuke"}, {"美咲", "misaki"},
	{"直樹", "naoki"}, {"由美", "yumi"}};
static const struct word ja_last[] = {
	{"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"}, {"田中", "tanaka"},
	{"渡辺", "watanabe"}, {"伊藤", "ito"}, {"山本", "yamamoto"}, {"中村", "nakamura"},
	{"小林", "kobayashi"}, {"加藤", "kato"}};
static const struct city ja_cities[] = {
	{"東京", "東京都", "JP"}, {"大阪", "大阪府", "JP"}, {"京都", "京都府", "JP"},
	{"横浜", "神奈川県", "JP"}, {"名古屋", "愛知県", "JP"}, {"札幌", "北海道", "JP"}};
static const struct word ja_trades[] = {
	{"製作所", "seisakusho"}, {"商事", "shoji"}, {"電機", "denki"}, {"物流", "butsuryu"},
	{"ソフトウェア", "software"}, {"食品", "shokuhin"}};
static const char *const ja_forms[] = {"株式会社%s", "%s株式会社", "合同会社%s",
				       "有限会社%s"};
static const char *const ja_streets[] = {"丸の内%d丁目", "梅田%d丁目", "栄%d丁目",
					 "大通西%d丁目"};
static const char *const ja_domains[] = {"yahoo.co.jp", "docomo.ne.jp", "gmail.com"};

#define LOCALE(p, tld, cjk, id)                                                          \
	{N_(p##_first), N_(p##_last), N_(p##_cities), N_(p##_trades), N_(p##_forms),      \
	 N_(p##_streets), N_(p##_domains), tld, cjk, id}

enum { L_DE, L_FR, L_ES, L_NO, L_PL, L_EN, L_ZH, L_KO, L_JA, L_COUNT };

static const struct locale locales[L_COUNT] = {
	LOCALE(de, "de", 0, L_DE), LOCALE(fr, "fr", 0, L_FR), LOCALE(es, "es", 0, L_ES),
	LOCALE(no, "se", 0, L_NO), LOCALE(pl, "pl", 0, L_PL), LOCALE(en, "com", 0, L_EN),
	LOCALE(zh, "cn", 1, L_ZH), LOCALE(ko, "kr", 1, L_KO), LOCALE(ja, "jp", 1, L_JA),
};

/* How often each locale appears, in percent. */
static const int locale_weight[L_COUNT] = {16, 10, 10, 7, 6, 16, 17, 9, 9};

static const struct locale *pick_locale(void)
{
	int r = (int)below(100);

	for (int i = 0; i < L_COUNT; i++)
		if ((r -= locale_weight[i]) < 0)
			return &locales[i];
	return &locales[0];
}

/* ---- fields ---- */

static void phone(char *out, size_t n, int locale)
{
	unsigned a = below(10000), b = below(10000), c = below(100);

	switch (locale) {
	case L_DE: snprintf(out, n, "+49 %u %04u%04u", 30 + below(70), a, b); break;
	case L_FR: snprintf(out, n, "+33 %u %02u %02u %02u %02u", 1 + below(9), a % 100,
			    a / 100, b % 100, b / 100); break;
	case L_ES: snprintf(out, n, "+34 9%02u %03u %03u", c, a % 1000, b % 1000); break;
	case L_NO: snprintf(out, n, "+46 8-%03u %02u %02u", a % 1000, b % 100, c); break;
	case L_PL: snprintf(out, n, "+48 %03u %03u %03u", 500 + below(300), a % 1000, b % 1000);
		break;
	case L_EN:
		if (below(2))
			snprintf(out, n, "+44 20 7946 %04u", a);
		else
			snprintf(out, n, "(%03u) 555-%04u", 200 + below(700), a);
		break;
	case L_ZH: snprintf(out, n, "+86 13%u %04u %04u", below(10), a, b); break;
	case L_KO: snprintf(out, n, "010-%04u-%04u", a, b); break;
	default: snprintf(out, n, "03-%04u-%04u", a, b); break;
	}
}

static void tax_id(char *out, size_t n, int locale)
{
	unsigned long long d = rnd() % 1000000000000ULL;

	switch (locale) {
	case L_DE: snprintf(out, n, "DE%09llu", d % 1000000000ULL); break;
	case L_FR: snprintf(out, n, "FR%011llu", d % 100000000000ULL); break;
	case L_ES: snprintf(out, n, "ESB%08llu", d % 100000000ULL); break;
	case L_NO: snprintf(out, n, "SE%012llu", d); break;
	case L_PL: snprintf(out, n, "PL%010llu", d % 10000000000ULL); break;
	case L_EN: snprintf(out, n, "GB %03llu %04llu %02llu", d % 1000, d / 1000 % 10000,
			    d / 10000000 % 100); break;
	case L_ZH: snprintf(out, n, "91110108MA%08llX", d % 0xFFFFFFFFULL); break;
	case L_KO: snprintf(out, n, "%03llu-%02llu-%05llu", d % 1000, d / 1000 % 100,
			    d / 100000 % 100000); break;
	default: snprintf(out, n, "T%013llu", d * 10 + 7); break;
	}
}

static void postcode(char *out, size_t n, int locale)
{
	unsigned a = below(100000);

	switch (locale) {
	case L_EN: /* one draw split up: argument order is unspecified */
		snprintf(out, n, "%c%c%u %u%c%c", 'A' + a % 26, 'A' + a / 26 % 26, 1 + a / 676 % 20,
			 a / 13520 % 10, 'A' + (a + 7) % 26, 'A' + (a + 11) / 26 % 26);
		break;
	case L_PL: snprintf(out, n, "%02u-%03u", a % 100, a / 100 % 1000); break;
	case L_JA: snprintf(out, n, "%03u-%04u", a % 1000, a / 10 % 10000); break;
	case L_ZH: snprintf(out, n, "%06u", a * 10 % 1000000); break;
	case L_NO: snprintf(out, n, "%03u %02u", a % 1000, a / 1000 % 100); break;
	default: snprintf(out, n, "%05u", a); break;
	}
}

/* Notes: empty for most, otherwise text with commas, quotes and newlines. */
static const char *const note_templates[] = {
	"Met at the trade fair, interested in the \"premium\" line",
	"Prefers email, not phone.\nCall back after %d:00",
	"Delivery via rear entrance, ring twice\nInvoice \"attn: accounts\", PO required",
	"Kunde seit %d, zahlt pünktlich; Ansprechpartner wechselt oft",
	"Client fidèle, préfère \"livraison express\", pas le lundi",
	"老客户，需要开增值税发票；联系人换了%d次",
	"VIP 고객, 월말 결제\n담당자: \"김 과장\"",
	"月末締め翌月払い、\"請求書\"は郵送\n担当: %d課",
	"Credit check done, limit ok (ref %d)",
	"Paga a %d días, pide \"factura electrónica\", muy puntual",
	"Asked for a quote on 2,500 units\nFollow up, \"urgent\"",
	"Zamówienia tylko przez e-mail, faktura \"VAT\" %d",
};

static const char *const statuses[] = {"active", "active", "active", "active", "active",
				       "lead", "lead", "prospect", "prospect", "inactive",
				       "inactive", "lost"};
static const char *const owners[] = {"anna", "ben", "chen.li", "dora", "erik", "fatima",
				     "goro", "hana"};
static const char *const industries[] = {"manufacturing", "retail", "wholesale", "logistics",
					 "software", "construction", "food", "healthcare", ""};
static const char *const sources[] = {"web", "referral", "trade fair", "cold call", "partner",
				      ""};
static const char *const tiers[] = {"gold", "silver", "silver", "bronze", "bronze", ""};
static const char *const tag_names[] = {"vip", "wholesale", "retail", "export", "newsletter",
					"partner", "reseller", "b2b"};
static const unsigned terms[] = {0, 14, 30, 30, 30, 45, 60, 90};

static void customer(unsigned long i)
{
	const struct locale *L = pick_locale();
	const struct word *first = &L->first[below((unsigned)L->nfirst)];
	const struct word *last = &L->last[below((unsigned)L->nlast)];
	const struct city *city = &L->cities[below((unsigned)L->ncities)];
	int company = below(10) < 4;
	char code[16], name[256], email[256], ph[64], web[256], street[128], pc[32], tax[64];
	char credit[32], term[16], note[512], tags[128], slug[128];
	const char *kind = company ? "company" : "person";
	unsigned a;

	snprintf(code, sizeof code, "C%07lu", i);
	if (company) {
		const struct word *trade = &L->trades[below((unsigned)L->ntrades)];
		const char *form = L->forms[below((unsigned)L->nforms)];
		char base[160];

		if (L->cjk)
			snprintf(base, sizeof base, "%s%s", below(2) ? last->text : city->name,
				 trade->text);
		else
			snprintf(base, sizeof base, "%s %s", last->text, trade->text);
		snprintf(name, sizeof name, form, base);
		snprintf(slug, sizeof slug, "%s-%s", last->ascii, trade->ascii);
		snprintf(email, sizeof email, "%s@%s.%s", PICK(((const char *[]){"info", "sales",
									  "office", "kontakt"})),
			 slug, L->tld);
		snprintf(web, sizeof web, "https://www.%s.%s", slug, L->tld);
	} else {
		if (L->cjk)
			snprintf(name, sizeof name, "%s%s", last->text, first->text);
		else
			snprintf(name, sizeof name, "%s %s", first->text, last->text);
		const char *domain = L->domains[below((unsigned)L->ndomains)];

		if (below(3))
			snprintf(email, sizeof email, "%s.%s%u@%s", first->ascii, last->ascii,
				 below(100), domain);
		else
			snprintf(email, sizeof email, "%s.%s@%s", first->ascii, last->ascii, domain);
		web[0] = '\0';
	}
	if (below(20) == 0)
		email[0] = '\0';
	phone(ph, sizeof ph, L->id);
	a = below((unsigned)L->nstreets);
	snprintf(street, sizeof street, L->streets[a], 1 + below(200));
	postcode(pc, sizeof pc, L->id);
	if (company || below(10) == 0)
		tax_id(tax, sizeof tax, L->id);
	else
		tax[0] = '\0';
	if (below(10) < 7)
		snprintf(credit, sizeof credit, "%u.00", (1 + below(200)) * 500);
	else if (below(2) && (a = below(10000000)) != 0)
		snprintf(credit, sizeof credit, "%u.%02u", a / 100, a % 100);
	else
		credit[0] = '\0';
	if (below(8))
		snprintf(term, sizeof term, "%u", PICK(terms));
	else
		term[0] = '\0';
	if (below(10) < 3)
		snprintf(note, sizeof note, PICK(note_templates), 1990 + (int)below(36));
	else
		note[0] = '\0';
	tags[0] = '\0';
	for (unsigned t = 0, nt = below(4); t < nt; t++) {
		const char *tag = PICK(tag_names);

		if (strstr(tags, tag)) /* keep a row's tags distinct */
			continue;
		if (tags[0])
			strcat(tags, ";");
		strcat(tags, tag);
	}

	cell(code, 0);
	cell(name, 0);
	cell(kind, 0);
	cell(PICK(statuses), 0);
	cell(PICK(owners), 0);
	cell(email, 0);
	cell(ph, 0);
	cell(web, 0);
	cell(street, 0);
	cell(city->name, 0);
	cell(city->region, 0);
	cell(pc, 0);
	cell(city->country, 0);
	cell(tax, 0);
	cell(PICK(industries), 0);
	cell(PICK(sources), 0);
	cell(PICK(tiers), 0);
	cell(credit, 0);
	cell(term, 0);
	cell(note, 0);
	cell(tags, 1);
}

/* ---- documents: products, quotes, orders and invoices in a database ---- */

#define NPRODUCTS 2000

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "gen: %s: %s\n", what, msg);
	exit(1);
}

/* value rounded half away from zero of a * b / d, all non-negative */
static int64_t muldiv(int64_t a, int64_t b, int64_t d)
{
	return (a * b + d / 2) / d;
}

static int64_t product_price(unsigned p)
{
	return 100 + (int64_t)((p * 7919u) % 50000u); /* 1.00 to 500.99 */
}

/* Zipf (s = 1) over 1..NPRODUCTS by the inverse of its cumulative weights. */
static double zipf_cdf[NPRODUCTS];

static void zipf_init(void)
{
	double sum = 0;

	for (unsigned i = 0; i < NPRODUCTS; i++)
		zipf_cdf[i] = sum += 1.0 / (i + 1);
	for (unsigned i = 0; i < NPRODUCTS; i++)
		zipf_cdf[i] /= sum;
}

static unsigned zipf_product(void)
{
	double u = (double)(rnd() >> 11) / 9007199254740992.0;
	unsigned lo = 0, hi = NPRODUCTS - 1;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1;
}

static void exec(struct crm_store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die(sql, msg ? msg : "failed");
}

static sqlite3_stmt *prepare(struct crm_store *st, const char *sql)
{
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(st->db));
	return stmt;
}

static void done(struct crm_store *st, sqlite3_stmt *stmt)
{
	if (sqlite3_step(stmt) != SQLITE_DONE)
		die("insert", sqlite3_errmsg(st->db));
	sqlite3_reset(stmt);
}

struct gen_line {
	unsigned product;
	int64_t qty, price, discount_rate, gross, discount, net, tax;
};

static int docs(unsigned long nlines, const char *path)
{
	static const char *const kinds[] = {"quote", "order", "invoice"};
	static const char *const prefix[] = {"Q", "SO", "INV"};
	static const char *const doc_statuses[][4] = {
		{"draft", "sent", "accepted", "rejected"},
		{"confirmed", "confirmed", "confirmed", "cancelled"},
		{"issued", "issued", "issued", "void"},
	};
	unsigned long serial[3] = {0, 0, 0}, made = 0, ndocs = 0;
	struct crm_store *st;
	struct crm_clock clock;
	struct crm_err err;
	sqlite3_stmt *prod, *doc, *line, *q;
	int64_t *customers = NULL;
	size_t ncustomers = 0, cap = 0;
	char sku[16], name[64], number[32], date[16], valid[16];

	/* as floor.c: keep glibc from trimming the heap after every row */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	if (crm_clock_init(&clock, "2026-11-22", &err) != CRM_OK ||
	    crm_store_open(&st, path, "bench", &clock, 0, &err) != CRM_OK)
		die(path, err.msg);
	exec(st, "PRAGMA cache_size = -524288");
	q = prepare(st, "SELECT id FROM customer ORDER BY id");
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (ncustomers == cap &&
		    !(customers = realloc(customers, (cap = cap ? 2 * cap : 4096) * sizeof *customers)))
			die("customers", "out of memory");
		customers[ncustomers++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (!ncustomers)
		die(path, "no customers");
	if (crm_store_begin(st, &err) != CRM_OK)
		die(path, err.msg);
	prod = prepare(st, "INSERT INTO product (id, sku, name, unit, price, tax_rate, created, "
			   "updated) VALUES (?1, ?2, ?3, 'pcs', ?4, 1900, ?5, ?5)");
	for (unsigned p = 1; p <= NPRODUCTS; p++) {
		snprintf(sku, sizeof sku, "P%05u", p);
		snprintf(name, sizeof name, "Product %u, grade %c", p, 'A' + p % 5);
		sqlite3_bind_int(prod, 1, (int)p);
		sqlite3_bind_text(prod, 2, sku, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(prod, 3, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(prod, 4, product_price(p));
		sqlite3_bind_text(prod, 5, clock.now, -1, SQLITE_STATIC);
		done(st, prod);
	}
	sqlite3_finalize(prod);
	doc = prepare(st, "INSERT INTO doc (kind, number, customer_id, status, date, "
			  "valid_until, due, subtotal, discount, tax, total, created, updated) "
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)");
	line = prepare(st, "INSERT INTO doc_line (doc_id, pos, product_id, description, qty, "
			   "unit, price, discount_rate, tax_rate, gross, discount, net, tax) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, 'pcs', ?6, ?7, 1900, ?8, ?9, ?10, ?11)");
	zipf_init();
	while (made < nlines) {
		struct gen_line lines[9];
		unsigned n = 1 + below(9), k = below(10) < 3 ? 0 : below(10) < 4 ? 1 : 2;
		/* 2021-11-23 .. 2026-11-22, ids not in date order */
		unsigned day = below(1826), y = 2021, m = 11, d = 23;
		int64_t sub = 0, disc = 0, tax = 0, doc_id;
		size_t c = below(10) == 0 ? below(ncustomers < 100 ? (unsigned)ncustomers : 100)
					  : below((unsigned)ncustomers);
		static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

		if (n > nlines - made)
			n = (unsigned)(nlines - made);
		while (day--) {
			unsigned len = mdays[m - 1] + (m == 2 && y % 4 == 0);

			if (++d > len && (d = 1, ++m > 12))
				m = 1, y++;
		}
		snprintf(date, sizeof date, "%04u-%02u-%02u", y, m, d);
		snprintf(valid, sizeof valid, "%04u-%02u-%02u", m == 12 ? y + 1 : y,
			 m == 12 ? 1 : m + 1, d > 28 ? 28 : d);
		snprintf(number, sizeof number, "%s-%04u-%07lu", prefix[k], y, ++serial[k]);
		for (unsigned i = 0; i < n; i++) {
			struct gen_line *l = &lines[i];

			l->product = zipf_product();
			l->qty = 1000 * (1 + below(20)) + (below(4) == 0 ? 500 : 0);
			l->price = product_price(l->product) - (below(3) == 0 ? below(50) : 0);
			l->discount_rate = below(5) == 0 ? 500 * (1 + below(4)) : 0;
			l->gross = muldiv(l->qty, l->price, 1000);
			l->discount = muldiv(l->gross, l->discount_rate, 10000);
			l->net = l->gross - l->discount;
			l->tax = muldiv(l->net, 1900, 10000);
			sub += l->gross, disc += l->discount, tax += l->tax;
		}
		sqlite3_bind_text(doc, 1, kinds[k], -1, SQLITE_STATIC);
		sqlite3_bind_text(doc, 2, number, -1, SQLITE_STATIC);
		sqlite3_bind_int64(doc, 3, customers[c]);
		sqlite3_bind_text(doc, 4, doc_statuses[k][below(4)], -1, SQLITE_STATIC);
		sqlite3_bind_text(doc, 5, date, -1, SQLITE_STATIC);
		if (k == 0)
			sqlite3_bind_text(doc, 6, valid, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(doc, 6);
		if (k == 2)
			sqlite3_bind_text(doc, 7, valid, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(doc, 7);
		sqlite3_bind_int64(doc, 8, sub);
		sqlite3_bind_int64(doc, 9, disc);
		sqlite3_bind_int64(doc, 10, tax);
		sqlite3_bind_int64(doc, 11, sub - disc + tax);
		sqlite3_bind_text(doc, 12, clock.now, -1, SQLITE_STATIC);
		done(st, doc);
		doc_id = sqlite3_last_insert_rowid(st->db);
		ndocs++;
		for (unsigned i = 0; i < n; i++) {
			const struct gen_line *l = &lines[i];

			snprintf(name, sizeof name, "Product %u, grade %c", l->product,
				 'A' + l->product % 5);
			sqlite3_bind_int64(line, 1, doc_id);
			sqlite3_bind_int(line, 2, (int)i + 1);
			sqlite3_bind_int(line, 3, (int)l->product);
			sqlite3_bind_text(line, 4, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(line, 5, l->qty);
			sqlite3_bind_int64(line, 6, l->price);
			sqlite3_bind_int64(line, 7, l->discount_rate);
			sqlite3_bind_int64(line, 8, l->gross);
			sqlite3_bind_int64(line, 9, l->discount);
			sqlite3_bind_int64(line, 10, l->net);
			sqlite3_bind_int64(line, 11, l->tax);
			done(st, line);
		}
		made += n;
	}
	sqlite3_finalize(doc);
	sqlite3_finalize(line);
	/* the series go on after the numbers given, as crm's own would */
	for (int k = 0; k < 3; k++) {
		char sql[160];

		snprintf(sql, sizeof sql,
			 "INSERT OR REPLACE INTO number_series (series, year, last) "
			 "VALUES ('%s', 2026, %lu)", kinds[k], serial[k]);
		exec(st, sql);
	}
	if (crm_store_commit(st, &err) != CRM_OK)
		die(path, err.msg);
	crm_store_close(st);
	free(customers);
	printf("%lu %lu\n", ndocs, made);
	return 0;
}

/* M invoices of 5 lines as CSV for crm invoice import. */
static int invoices(unsigned long m, unsigned long ncustomers)
{
	char buf[64];

	puts_("number,customer,date,sku,qty,price,tax_rate\n");
	for (unsigned long i = 1; i <= m; i++) {
		char number[32], customer[32], date[16];

		snprintf(number, sizeof number, "OLD-%07lu", i);
		snprintf(customer, sizeof customer, "C%07lu", 1 + rnd() % ncustomers);
		snprintf(date, sizeof date, "2026-%02u-%02u", 1 + below(10), 1 + below(28));
		for (unsigned pos = 1; pos <= 5; pos++) {
			unsigned p = 1 + below(NPRODUCTS);
			int64_t price = product_price(p);

			cell(number, 0);
			cell(customer, 0);
			cell(date, 0);
			snprintf(buf, sizeof buf, "P%05u", p);
			cell(buf, 0);
			snprintf(buf, sizeof buf, "%u%s", 1 + below(20), below(4) ? "" : ".5");
			cell(buf, 0);
			snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(price / 100),
				 (long long)(price % 100));
			cell(buf, 0);
			cell(below(5) ? "19" : "7", 1);
		}
	}
	flush_out();
	return 0;
}

/* ---- receivables: invoices, receipts, credit notes, allocations ---- */

/* One issued invoice to settle. */
struct ar_invoice {
	int64_t id, customer, total;
	crm_day date, due;
};

struct ar_gen {
	struct crm_store *st;
	sqlite3_stmt *invoice, *credit, *receipt, *alloc, *end, *reverse;
	crm_day today;
	unsigned long serial_inv, serial_cn, serial_rc;
	unsigned long invoices, receipts, allocations, credits, reversals, writeoffs;
};

static const char *ar_date(crm_day day, char buf[CRM_DATE_BUFSZ])
{
	return crm_date_format(day, buf);
}

static int ar_year(crm_day day)
{
	int y, m, d;

	crm_day_to_civil(day, &y, &m, &d);
	return y;
}

static int64_t ar_step(struct ar_gen *g, sqlite3_stmt *stmt)
{
	done(g->st, stmt);
	return sqlite3_last_insert_rowid(g->st->db);
}

/* A new issued invoice without lines (ageing reads only its totals). */
static void ar_new_invoice(struct ar_gen *g, struct ar_invoice *inv, int64_t customer)
{
	static const unsigned ar_terms[] = {14, 30, 30, 30, 30, 45, 60, 90};
	/* net 20.00 to about 20,000.00, most of them small */
	int64_t net = 2000 + (int64_t)(rnd() % 100000) * (int64_t)(1 + below(20));
	int64_t tax = muldiv(net, 1900, 10000);
	char number[32], date[CRM_DATE_BUFSZ], due[CRM_DATE_BUFSZ];

	inv->customer = customer;
	inv->date = g->today - (crm_day)below(1461); /* four years up to today */
	inv->due = inv->date + (crm_day)PICK(ar_terms);
	inv->total = net + tax;
	snprintf(number, sizeof number, "INV-%04d-%07lu", ar_year(inv->date), ++g->serial_inv);
	sqlite3_bind_text(g->invoice, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->invoice, 2, customer);
	sqlite3_bind_text(g->invoice, 3, ar_date(inv->date, date), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(g->invoice, 4, ar_date(inv->due, due), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->invoice, 5, net);
	sqlite3_bind_int64(g->invoice, 6, tax);
	sqlite3_bind_int64(g->invoice, 7, net + tax);
	inv->id = ar_step(g, g->invoice);
	g->invoices++;
}

static int64_t ar_receipt(struct ar_gen *g, int64_t customer, crm_day day, int64_t amount)
{
	char number[32], date[CRM_DATE_BUFSZ];

	snprintf(number, sizeof number, "RC-%04d-%07lu", ar_year(day), ++g->serial_rc);
	sqlite3_bind_text(g->receipt, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->receipt, 2, customer);
	sqlite3_bind_text(g->receipt, 3, ar_date(day, date), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->receipt, 4, amount);
	sqlite3_bind_text(g->receipt, 5, below(10) ? "transfer" : "cheque", -1, SQLITE_STATIC);
	g->receipts++;
	return ar_step(g, g->receipt);
}

/* amount of receipt_id or credit_id (0: neither, a write-off) settles the
 * invoice from day on; the triggers keep settled, applied and cleared. */
static void ar_allocate(struct ar_gen *g, const struct ar_invoice *inv, int64_t receipt_id,
			int64_t credit_id, crm_day day, int64_t amount)
{
	char date[CRM_DATE_BUFSZ];

	sqlite3_bind_int64(g->alloc, 1, inv->customer);
	sqlite3_bind_int64(g->alloc, 2, inv->id);
	sqlite3_bind_int64(g->alloc, 3, receipt_id);
	sqlite3_bind_int64(g->alloc, 4, credit_id);
	sqlite3_bind_text(g->alloc, 5, ar_date(day, date), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->alloc, 6, amount);
	if (receipt_id || credit_id)
		sqlite3_bind_null(g->alloc, 7);
	else
		sqlite3_bind_text(g->alloc, 7, "bad debt", -1, SQLITE_STATIC);
	ar_step(g, g->alloc);
	g->allocations++;
}

/* A credit note of amount for inv, dated day (as crm invoice credit makes
 * one, without lines). */
static int64_t ar_credit_note(struct ar_gen *g, const struct ar_invoice *inv, crm_day day,
			      int64_t amount)
{
	char number[32], date[CRM_DATE_BUFSZ];
	int64_t net = muldiv(amount, 10000, 11900);

	snprintf(number, sizeof number, "CN-%04d-%07lu", ar_year(day), ++g->serial_cn);
	sqlite3_bind_text(g->credit, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->credit, 2, inv->customer);
	sqlite3_bind_text(g->credit, 3, ar_date(day, date), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->credit, 4, inv->id);
	sqlite3_bind_int64(g->credit, 5, net);
	sqlite3_bind_int64(g->credit, 6, amount - net);
	sqlite3_bind_int64(g->credit, 7, amount);
	g->credits++;
	return ar_step(g, g->credit);
}

/* Reverses receipt id on day as crm ar reverse does: its allocations end,
 * then the receipt is marked. */
static void ar_reverse(struct ar_gen *g, int64_t id, crm_day day)
{
	char date[CRM_DATE_BUFSZ];

	ar_date(day, date);
	sqlite3_bind_int64(g->end, 1, id);
	sqlite3_bind_text(g->end, 2, date, -1, SQLITE_TRANSIENT);
	done(g->st, g->end);
	sqlite3_bind_int64(g->reverse, 1, id);
	sqlite3_bind_text(g->reverse, 2, date, -1, SQLITE_TRANSIENT);
	done(g->st, g->reverse);
	g->reversals++;
}

/* A receipt paying part of inv on day (extra more: unapplied credit); one
 * in 200 bounces a few days later and is paid again some days after that,
 * when those days have come.  Returns what stands paid on it today. */
static int64_t ar_pay(struct ar_gen *g, const struct ar_invoice *inv, crm_day day, int64_t part,
		      int64_t extra)
{
	int64_t id = ar_receipt(g, inv->customer, day, part + extra);
	crm_day back, again;

	ar_allocate(g, inv, id, 0, day, part);
	if (below(200) != 0 || (back = day + 3 + (crm_day)below(18)) > g->today)
		return part;
	ar_reverse(g, id, back);
	if ((again = back + 1 + (crm_day)below(30)) > g->today)
		return 0;
	ar_allocate(g, inv, ar_receipt(g, inv->customer, again, part), 0, again, part);
	return part;
}

/* The day inv is paid in full: on or before its due day for 35 %, up to a
 * month late for 40 %, later for 22 %; never (-1) for 3 %. */
static crm_day ar_pay_day(const struct ar_invoice *inv)
{
	unsigned u = below(100);
	crm_day late;

	if (u < 3)
		return -1;
	if (u < 38)
		late = -(crm_day)below((unsigned)(inv->due - inv->date) + 1);
	else if (u < 78)
		late = 1 + (crm_day)below(30);
	else if (u < 95)
		late = 31 + (crm_day)below(60);
	else
		late = 91 + (crm_day)below(275);
	return inv->due + late;
}

/* Settles inv as its customer would have by today: a credit note for 3 %
 * (before payment it settles part or all of the invoice, after it stays
 * unapplied credit), then one receipt (50 %), two (42 %) or three, the
 * last on the pay day and one in 50 of those paying a little too much;
 * what is due after today stays open.  Never paid and a year overdue:
 * written off for half of them. */
static void ar_settle(struct ar_gen *g, const struct ar_invoice *inv)
{
	crm_day pay = ar_pay_day(inv), day;
	int64_t open = inv->total;
	unsigned n = below(100) < 50 ? 1 : below(100) < 84 ? 2 : 3;

	if (below(100) < 3 && (day = inv->date + (crm_day)below(60)) <= g->today) {
		int64_t amount = below(4) ? muldiv(inv->total, 10 + below(90), 100) : inv->total;
		int64_t id = ar_credit_note(g, inv, day, amount > 0 ? amount : 1);

		if (pay < 0 || day < pay) {
			int64_t a = amount < open ? amount : open;

			ar_allocate(g, inv, 0, id, day, a);
			open -= a;
		}
	}
	if (pay < 0) {
		if (open > 0 && below(2) &&
		    (day = inv->due + 365 + (crm_day)below(60)) <= g->today) {
			ar_allocate(g, inv, 0, 0, day, open);
			g->writeoffs++;
		}
		return;
	}
	if (pay < inv->date)
		pay = inv->date;
	for (unsigned j = 1; j <= n && open > 0; j++) {
		int64_t part = j == n ? open : muldiv(open, 20 + below(41), 100);

		day = inv->date + (pay - inv->date) * (crm_day)j / (crm_day)n;
		if (day > g->today)
			break;
		if (part <= 0)
			continue;
		open -= ar_pay(g, inv, day, part, j == n && below(50) == 0 ? 1 + below(5000) : 0);
	}
}

static unsigned long ar_serial(struct crm_store *st, const char *series)
{
	sqlite3_stmt *q = prepare(st, "SELECT ifnull(max(last), 0) FROM number_series "
				      "WHERE series = ?1");
	unsigned long n;

	sqlite3_bind_text(q, 1, series, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_ROW)
		die(series, sqlite3_errmsg(st->db));
	n = (unsigned long)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void ar_prepare(struct ar_gen *g)
{
	struct crm_store *st = g->st;

	g->invoice = prepare(st, "INSERT INTO doc (kind, number, customer_id, status, date, "
				 "due, subtotal, tax, total, created, updated) VALUES "
				 "('invoice', ?1, ?2, 'issued', ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
	g->credit = prepare(st, "INSERT INTO doc (kind, number, customer_id, status, date, "
				"source_id, subtotal, tax, total, note, created, updated) VALUES "
				"('credit', ?1, ?2, 'issued', ?3, ?4, ?5, ?6, ?7, "
				"'goods returned', ?8, ?8)");
	g->receipt = prepare(st, "INSERT INTO receipt (number, customer_id, date, amount, method, "
				 "clerk, created) VALUES (?1, ?2, ?3, ?4, ?5, 'bench', ?6)");
	g->alloc = prepare(st, "INSERT INTO allocation (customer_id, invoice_id, receipt_id, "
			       "credit_id, date, amount, reason, created) VALUES (?1, ?2, "
			       "nullif(?3, 0), nullif(?4, 0), ?5, ?6, ?7, ?8)");
	g->end = prepare(st, "UPDATE allocation SET ended = max(?2, date) WHERE ended IS NULL "
			     "AND receipt_id = ?1");
	g->reverse = prepare(st, "UPDATE receipt SET reversed = ?2, reason = 'bounced' "
				 "WHERE id = ?1");
	sqlite3_bind_text(g->invoice, 8, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->credit, 8, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->receipt, 6, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->alloc, 8, st->clock.now, -1, SQLITE_STATIC);
}

static void ar_finalize(struct ar_gen *g)
{
	sqlite3_finalize(g->invoice);
	sqlite3_finalize(g->credit);
	sqlite3_finalize(g->receipt);
	sqlite3_finalize(g->alloc);
	sqlite3_finalize(g->end);
	sqlite3_finalize(g->reverse);
}

/* The issued invoices DB has already (gen --docs makes some): they are
 * settled like the new ones.  *n receives how many; malloc'd. */
static struct ar_invoice *ar_existing(struct crm_store *st, size_t *n)
{
	sqlite3_stmt *q = prepare(st, "SELECT id, customer_id, total, date, ifnull(due, date) "
				      "FROM doc WHERE kind = 'invoice' AND status = 'issued' "
				      "AND settled = 0 AND cleared IS NULL ORDER BY id");
	struct ar_invoice *v = NULL;
	size_t cap = 0;

	*n = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct ar_invoice *inv;

		if (*n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 4096) * sizeof *v)))
			die("invoices", "out of memory");
		inv = &v[(*n)++];
		inv->id = sqlite3_column_int64(q, 0);
		inv->customer = sqlite3_column_int64(q, 1);
		inv->total = sqlite3_column_int64(q, 2);
		crm_date_parse_iso((const char *)sqlite3_column_text(q, 3), &inv->date, NULL);
		crm_date_parse_iso((const char *)sqlite3_column_text(q, 4), &inv->due, NULL);
	}
	sqlite3_finalize(q);
	return v;
}

/* Checks a sample of about 1 in 50 invoices, credit notes and receipts:
 * what the triggers stored must be what the views doc_settlement and
 * receipt_settlement say, and no invoice settled beyond its total. */
static void ar_check(struct crm_store *st, unsigned long *checked)
{
	static const char *const sql[] = {
		"SELECT count(*), count(*) FILTER (WHERE d.settled IS NOT s.settled "
		"OR d.cleared IS NOT s.cleared OR d.settled > d.total) FROM doc d "
		"JOIN doc_settlement s ON s.id = d.id WHERE d.kind IN ('invoice', 'credit') "
		"AND d.id % 50 = 7",
		"SELECT count(*), count(*) FILTER (WHERE r.applied IS NOT s.applied "
		"OR r.cleared IS NOT s.cleared) FROM receipt r "
		"JOIN receipt_settlement s ON s.id = r.id WHERE r.id % 50 = 7",
	};

	*checked = 0;
	for (size_t i = 0; i < 2; i++) {
		sqlite3_stmt *q = prepare(st, sql[i]);

		if (sqlite3_step(q) != SQLITE_ROW)
			die("check", sqlite3_errmsg(st->db));
		if (sqlite3_column_int64(q, 1) != 0)
			die("check", i ? "a receipt's applied or cleared is not the views'"
				       : "an invoice's settled or cleared is not the views'");
		*checked += (unsigned long)sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
}

static int ar(unsigned long ninvoices, const char *path)
{
	struct ar_gen g = {0};
	struct crm_clock clock;
	struct crm_err err;
	struct ar_invoice *old, inv;
	int64_t *customers = NULL;
	size_t nold, ncustomers = 0, cap = 0;
	unsigned long checked, open;
	sqlite3_stmt *q;

	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	if (crm_clock_init(&clock, "2026-11-22", &err) != CRM_OK ||
	    crm_store_open(&g.st, path, "bench", &clock, 0, &err) != CRM_OK)
		die(path, err.msg);
	g.today = clock.today;
	exec(g.st, "PRAGMA cache_size = -524288");
	q = prepare(g.st, "SELECT id FROM customer ORDER BY id");
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (ncustomers == cap) {
			cap = cap ? 2 * cap : 4096;
			if (!(customers = realloc(customers, cap * sizeof *customers)))
				die("customers", "out of memory");
		}
		customers[ncustomers++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (!ncustomers)
		die(path, "no customers");
	old = ar_existing(g.st, &nold);
	g.serial_inv = ar_serial(g.st, "invoice");
	g.serial_cn = ar_serial(g.st, "credit");
	g.serial_rc = ar_serial(g.st, "receipt");
	if (crm_store_begin(g.st, &err) != CRM_OK)
		die(path, err.msg);
	ar_prepare(&g);
	for (size_t i = 0; i < nold; i++)
		ar_settle(&g, &old[i]);
	for (unsigned long i = nold; i < ninvoices; i++) {
		/* a tenth of them to the first 100 customers, as --docs does */
		size_t c = below(10) == 0 ? below(ncustomers < 100 ? (unsigned)ncustomers : 100)
					  : below((unsigned)ncustomers);

		ar_new_invoice(&g, &inv, customers[c]);
		ar_settle(&g, &inv);
	}
	/* payments on account, one per hundred invoices: unapplied credit */
	for (unsigned long i = 0; i < ninvoices / 100; i++)
		ar_receipt(&g, customers[below((unsigned)ncustomers)],
			   g.today - (crm_day)below(1461), 1000 + (int64_t)below(100000));
	ar_finalize(&g);
	{
		char sql[200];
		const char *series[] = {"invoice", "credit", "receipt"};
		unsigned long last[] = {g.serial_inv, g.serial_cn, g.serial_rc};

		for (int k = 0; k < 3; k++) {
			snprintf(sql, sizeof sql,
				 "INSERT OR REPLACE INTO number_series (series, year, last) "
				 "VALUES ('%s', 2026, %lu)", series[k], last[k]);
			exec(g.st, sql);
		}
	}
	if (crm_store_commit(g.st, &err) != CRM_OK)
		die(path, err.msg);
	ar_check(g.st, &checked);
	q = prepare(g.st, "SELECT count(*) FROM doc WHERE kind = 'invoice' AND status = 'issued' "
			  "AND cleared IS NULL");
	sqlite3_step(q);
	open = (unsigned long)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	crm_store_close(g.st);
	free(customers);
	free(old);
	/* issued invoices in all, receipts, allocations, credit notes, open
	 * invoices, reversals, write-offs, rows checked */
	printf("%lu %lu %lu %lu %lu %lu %lu %lu\n", (unsigned long)nold + g.invoices, g.receipts,
	       g.allocations, g.credits, open, g.reversals, g.writeoffs, checked);
	return 0;
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);

	if (!*s || *end)
		die(s, "not a number");
	return n;
}

int main(int argc, char **argv)
{
	unsigned long n;

	if (argc == 4 && !strcmp(argv[1], "--docs"))
		return docs(number(argv[2]), argv[3]);
	if (argc == 4 && !strcmp(argv[1], "--invoices"))
		return invoices(number(argv[2]), number(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "--ar"))
		return ar(number(argv[2]), argv[3]);
	if (argc != 2 || *argv[1] == '-') {
		fprintf(stderr, "usage: gen N > customers.csv\n"
				"       gen --docs LINES DB\n"
				"       gen --invoices M CUSTOMERS > invoices.csv\n"
				"       gen --ar INVOICES DB\n");
		return 2;
	}
	n = number(argv[1]);
	puts_("code,name,kind,status,owner,email,phone,website,street,city,region,postcode,"
	      "country,tax_id,industry,source,tier,credit_limit,terms,note,tags\n");
	for (unsigned long i = 1; i <= n; i++)
		customer(i);
	flush_out();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen: write");
		return 1;
	}
	return 0;
}
