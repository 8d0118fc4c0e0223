# crm — a customer-relationship-management toolkit for the command line.
#
#   make            build lib/libcrm.a and ./crm
#   make check      build and run every test; the last line is "N passed, N failed"
#   make asan       the same suite under AddressSanitizer and UndefinedBehaviorSanitizer
#   make demo       install missing build dependencies, build, make a demo database, tour it
#   make bench      speed and memory figures (N=1000000 customers by default)
#   make install    PREFIX=/usr/local DESTDIR= : binary, man pages, completions
#   make deps       install the Debian build dependencies (as root, or with sudo)

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
DATADIR   = $(PREFIX)/share

CC       ?= cc
CFLAGS   ?= -O2 -g
CRM_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	-Ilib -DCRM_VERSION='"$(VERSION)"' -DCRM_DATADIR='"$(DATADIR)"'
LDLIBS   = -lsqlite3 -lcsv -lcjson -lm

# Objects go to $(O) so that the sanitizer build can sit beside the normal one.
O        ?= .build
BIN      ?= crm

LIB_SRC   = $(sort $(wildcard lib/*.c))
CMD_SRC   = $(sort $(wildcard cmd/*.c))
UNIT_SRC  = $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ   = $(LIB_SRC:%.c=$(O)/%.o) $(O)/lib/schema_sql.o $(O)/lib/templates_gen.o
CMD_OBJ   = $(CMD_SRC:%.c=$(O)/%.o)
UNIT_BIN  = $(UNIT_SRC:%.c=$(O)/%)
MANPAGES  = $(sort $(wildcard man/*.1))
MANPAGES5 = $(sort $(wildcard man/*.5))
TEMPLATES = $(sort $(wildcard lib/templates/*))

.PHONY: all check asan demo bench install uninstall clean deps lint-man fuzz

all: $(BIN)

$(O)/%.o: %.c $(wildcard lib/*.h cmd/*.h)
	@mkdir -p $(@D)
	$(CC) $(CRM_CFLAGS) $(CFLAGS) -c -o $@ $<

# schema.sql is compiled in as one C string.
$(O)/lib/schema_sql.c: schema.sql
	@mkdir -p $(@D)
	{ echo 'const char crm_schema_sql[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' schema.sql; \
	  echo ';'; } > $@

$(O)/lib/schema_sql.o: $(O)/lib/schema_sql.c
	$(CC) $(CRM_CFLAGS) $(CFLAGS) -c -o $@ $<

# The default document templates (lib/templates/*) are compiled in too, as
# {file name, text} pairs, so that crm prints without being installed.
$(O)/lib/templates_gen.c: $(TEMPLATES) Makefile
	@mkdir -p $(@D)
	{ echo 'struct crm_embedded_template { const char *name, *text; };'; \
	  echo 'extern const struct crm_embedded_template crm_embedded_templates[];'; \
	  echo 'const struct crm_embedded_template crm_embedded_templates[] = {'; \
	  for f in $(TEMPLATES); do \
	    echo "{\"$${f##*/}\", \"\""; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' -e 's/$$/\\n"/' $$f; \
	    echo '},'; \
	  done; \
	  echo '{0, 0}};'; } > $@

$(O)/lib/templates_gen.o: $(O)/lib/templates_gen.c
	$(CC) $(CRM_CFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/lib/libcrm.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

lib/libcrm.a: $(O)/lib/libcrm.a
	cp $< $@

# lib/libcrm.a is the library others link; a sanitizer build leaves it alone.
LIBCOPY ?= lib/libcrm.a

$(BIN): $(CMD_OBJ) $(O)/lib/libcrm.a $(LIBCOPY)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) $(O)/lib/libcrm.a $(LDLIBS)

$(O)/tests/unit/%: tests/unit/%.c tests/unit/test.h $(O)/lib/libcrm.a
	@mkdir -p $(@D)
	$(CC) $(CRM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/lib/libcrm.a $(LDLIBS)

check: $(BIN) $(UNIT_BIN)
	@sh tests/deps.sh check test
	@CRM_BIN=$(abspath $(BIN)) UNIT_DIR=$(O)/tests/unit sh tests/run.sh

ASAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
asan:
	$(MAKE) O=.build-asan BIN=.build-asan/crm LIBCOPY= CFLAGS='$(ASAN_FLAGS)' \
		LDFLAGS='$(ASAN_FLAGS)' check

deps:
	@sh tests/deps.sh install test

demo:
	@sh tests/deps.sh install build
	@$(MAKE) -s all
	@sh tests/demo.sh

bench: $(BIN)
	@$(MAKE) -s O=$(O) $(O)/tests/bench/floor $(O)/tests/bench/gen
	@CRM_BIN=$(abspath $(BIN)) BENCH_DIR=$(O)/tests/bench sh tests/bench/run.sh $(N)

$(O)/tests/bench/%: tests/bench/%.c $(O)/lib/libcrm.a
	@mkdir -p $(@D)
	$(CC) $(CRM_CFLAGS) -O2 -o $@ $< $(O)/lib/libcrm.a $(LDLIBS)

# Fuzz the import reader for FUZZ_SECONDS (default 60) with libFuzzer (clang).
FUZZ_SECONDS ?= 60
fuzz:
	@mkdir -p .build-fuzz
	clang $(CRM_CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -o .build-fuzz/fuzz_reader \
		tests/fuzz/fuzz_reader.c lib/reader.c lib/err.c -lcsv -lcjson
	.build-fuzz/fuzz_reader -max_total_time=$(FUZZ_SECONDS) -max_len=4096

lint-man:
	@for m in $(MANPAGES) $(MANPAGES5); do mandoc -Tlint -W warning $$m || exit 1; done

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DATADIR)/crm/templates \
		$(DESTDIR)$(DATADIR)/bash-completion/completions \
		$(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/crm
	install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MANPAGES5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 $(TEMPLATES) $(DESTDIR)$(DATADIR)/crm/templates/
	install -m 644 completions/crm.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/crm
	install -m 644 completions/_crm $(DESTDIR)$(DATADIR)/zsh/site-functions/_crm
	install -m 644 completions/crm.fish $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/crm.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/crm
	rm -f $(MANPAGES:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MANPAGES5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(TEMPLATES:lib/templates/%=$(DESTDIR)$(DATADIR)/crm/templates/%)
	rmdir $(DESTDIR)$(DATADIR)/crm/templates $(DESTDIR)$(DATADIR)/crm 2>/dev/null || true
	rm -f $(DESTDIR)$(DATADIR)/bash-completion/completions/crm
	rm -f $(DESTDIR)$(DATADIR)/zsh/site-functions/_crm
	rm -f $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/crm.fish

clean:
	rm -rf .build .build-asan .build-fuzz crm lib/libcrm.a
