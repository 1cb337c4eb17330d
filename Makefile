# tpmtrain: plain GNU make.  `make help` lists the targets.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/tpmtrain
MANDIR = $(PREFIX)/share/man/man1

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = ncursesw yaml-0.1 libpcre2-8 sqlite3 jansson libcmark
TEST_PKGS = cmocka

# make SANITIZE=address,undefined builds everything into its own directory.
ifdef SANITIZE
BUILD ?= build/san
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -O1 -g
else
BUILD ?= build/plain
SANFLAGS =
endif
# The product binary: ./tpmtrain for a plain build.
ifdef SANITIZE
TPMTRAIN = $(BUILD)/tpmtrain
else
TPMTRAIN = tpmtrain
endif

WERROR ?= -Werror
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wformat=2 -Wvla -Wpointer-arith $(WERROR)
OPTFLAGS ?= -O2 -g
CFLAGS ?= $(OPTFLAGS)
ALL_CFLAGS = -std=c17 $(WARNINGS) $(CFLAGS) $(SANFLAGS) -Isrc \
	-DTPM_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-6s %s\n'
endif

# Package flags are worked out once, after tools/install-deps has made sure
# the packages are there, and cached in $(BUILD)/config.mk.
NO_CONFIG_GOALS = clean help install-deps
ifeq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
else
-include $(BUILD)/config.mk
endif

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
TLIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/tobj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
E2E := $(sort $(wildcard tests/e2e/*.sh))

.PHONY: all check unit e2e check-layers lint-decks bench fuzz clean install \
	install-deps run help
.DEFAULT_GOAL := all

all: $(TPMTRAIN)

$(BUILD)/config.mk: tools/install-deps
	$(Q)tools/install-deps
	@mkdir -p $(@D)
	@{ printf 'PKG_CFLAGS = %s\n' "$$($(PKG_CONFIG) --cflags $(PKGS))"; \
	  printf 'PKG_LIBS = %s\n' "$$($(PKG_CONFIG) --libs $(PKGS)) -lm"; \
	  printf 'TEST_CFLAGS = %s\n' "$$($(PKG_CONFIG) --cflags $(TEST_PKGS))"; \
	  printf 'TEST_LIBS = %s\n' "$$($(PKG_CONFIG) --libs $(TEST_PKGS))"; \
	} > $@.tmp && mv $@.tmp $@

install-deps:
	tools/install-deps

$(BUILD)/obj/%.o: src/%.c $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The same sources for the tests: allocations go through cmocka's checker.
$(BUILD)/tobj/%.o: src/%.c $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -DUNIT_TESTING -c -o $@ $<

$(BUILD)/libtpm.a: $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/libtpm-test.a: $(TLIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(TPMTRAIN): $(BUILD)/obj/main.o $(BUILD)/libtpm.a
	$(say) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test_util.h $(BUILD)/libtpm-test.a
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -DUNIT_TESTING -Itests/unit \
		-o $@ $< $(BUILD)/libtpm-test.a $(ALL_LDFLAGS) $(PKG_LIBS) \
		$(TEST_LIBS)

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
		echo "== $$t"; \
		CMOCKA_MESSAGE_OUTPUT=TAP TPM_TEST_ROOT=$(CURDIR) $$t || fail=1; \
	done; exit $$fail

e2e: $(TPMTRAIN)
	@fail=0; for t in $(E2E); do \
		echo "== $$t"; \
		TPMTRAIN=$(CURDIR)/$(TPMTRAIN) TPM_TEST_ROOT=$(CURDIR) \
			sh $$t || fail=1; \
	done; exit $$fail

# The layering rules of STYLE.md: each library is used by one piece only.
check-layers:
	@tools/check-layers

lint-decks: $(TPMTRAIN)
	./$(TPMTRAIN) lint --strict decks content

check: check-layers unit e2e lint-decks

run: $(TPMTRAIN)
	./$(TPMTRAIN)

bench: $(TPMTRAIN)
	$(MAKE) -C tools/bench

fuzz:
	$(MAKE) -C tools/fuzz

install: $(TPMTRAIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(TPMTRAIN) $(DESTDIR)$(BINDIR)/tpmtrain
	cp -R decks content $(DESTDIR)$(DATADIR)/
	install -m 644 src/cli/tpmtrain.1 $(DESTDIR)$(MANDIR)/tpmtrain.1

clean:
	rm -rf build tpmtrain

help:
	@echo 'targets: all check unit e2e check-layers lint-decks run bench'
	@echo '         fuzz install install-deps clean'
	@echo 'options: SANITIZE=address,undefined  V=1  WERROR=  PREFIX=  DESTDIR='

-include $(LIB_OBJ:.o=.d) $(TLIB_OBJ:.o=.d) $(BUILD)/obj/main.d \
	$(UNIT_BIN:=.d)
