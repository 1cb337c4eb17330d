# tpmtrain: plain GNU make.  `make help` lists the targets.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/tpmtrain
MANDIR = $(PREFIX)/share/man/man1

CC ?= cc
# The one C++ file (src/core/jsnum.cc, a shim over double-conversion) is
# built by the C compiler's own C++ driver, so that clang and gcc builds,
# and their sanitizer runtimes, never mix.
ifeq ($(origin CXX),default)
CXX = $(if $(findstring clang,$(notdir $(CC))),$(subst clang,clang++,$(CC)),g++)
endif
PKG_CONFIG ?= pkg-config

WERROR ?= -Werror
OPTFLAGS ?= -O2 -g
CFLAGS ?= $(OPTFLAGS)
CXXFLAGS ?= $(OPTFLAGS)
# make SANITIZE=address,undefined builds with ASan and UBSan.
ifdef SANITIZE
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -O1 -g
endif

# Each compiler and set of flags builds into its own directory, so that
# make CC=clang, a sanitized build and a plain one never mix objects:
# build/COMPILER[-san]-HASH, HASH a checksum of what goes into the objects.
BUILD_KEY = $(CC) | $(CXX) | $(CPPFLAGS) | $(CFLAGS) | $(CXXFLAGS) | $(LDFLAGS) | $(SANITIZE) | \
	$(WERROR)
ifndef BUILD
BUILD := build/$(notdir $(lastword $(CC)))$(if $(SANITIZE),-san)-$(shell \
	printf '%s' '$(subst ','\'',$(BUILD_KEY))' | cksum | cut -d' ' -f1)
endif
# The binary of this build; a build without sanitizers is also linked to
# ./tpmtrain, which finds the shipped decks beside it.
BIN = $(BUILD)/tpmtrain

WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wformat=2 -Wvla -Wpointer-arith $(WERROR)
ALL_CFLAGS = -std=c17 $(WARNINGS) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -Isrc \
	-DTPM_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) -MMD -MP
ALL_CXXFLAGS = -std=c++17 -fno-exceptions -fno-rtti -Wall -Wextra -Wshadow \
	$(WERROR) $(CPPFLAGS) $(CXXFLAGS) $(SANFLAGS) $(CXX_SANFLAGS) -Isrc \
	$(PKG_CFLAGS) -MMD -MP
# clang's C++ function-type check needs the C++ runtime's type info, which
# a binary linked as C does not have; the shim takes no function pointers.
CXX_SANFLAGS = $(if $(and $(SANITIZE),$(findstring clang,$(CXX))),-fno-sanitize=function)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-6s %s\n'
endif

# Package flags are worked out once per build directory and cached in
# $(BUILD)/config.mk (and cmocka's, for the unit tests, in test.mk): plain
# make only asks pkg-config, and names what is missing with the command
# that installs it.  make run and make check install what is missing first
# (tools/install-deps), then run make all or make test.
NO_CONFIG_GOALS = clean help install-deps check run uninstall
TEST_GOALS = unit test
ifneq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(BUILD)/config.mk
endif
ifneq ($(filter $(TEST_GOALS),$(MAKECMDGOALS)),)
include $(BUILD)/test.mk
endif

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*/*.c)) $(wildcard src/*/*.cc)
LIB_OBJ := $(patsubst src/%,$(BUILD)/obj/%.o,$(basename $(LIB_SRC)))
TLIB_OBJ := $(patsubst src/%,$(BUILD)/tobj/%.o,$(basename $(LIB_SRC)))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
E2E := $(sort $(wildcard tests/e2e/*.sh))

.PHONY: all check test unit e2e check-layers lint-decks bench fuzz clean \
	install uninstall install-deps run help link
.DEFAULT_GOAL := all

all: $(BIN) $(if $(SANITIZE),,link)

# A hard link, not a symbolic one: the binary looks for the decks beside
# the name it was started by.
link: $(BIN)
	$(Q)ln -f $(BIN) tpmtrain 2>/dev/null || cp -f $(BIN) tpmtrain

# cfg_file FILE GROUP VAR-PREFIX: writes the flags of GROUP's pkg-config
# modules to FILE, once tools/install-deps --check finds them all.
define cfg_file
	$(Q)PKG_CONFIG='$(PKG_CONFIG)' tools/install-deps --check $(2)
	@mkdir -p $(@D)
	@m=$$(tools/install-deps --modules $(2)) && \
	{ printf '# %s\n' '$(subst ','\'',$(BUILD_KEY))'; \
	  printf '$(3)CFLAGS = %s\n' "$$($(PKG_CONFIG) --cflags $$m)"; \
	  printf '$(3)LIBS = %s\n' "$$($(PKG_CONFIG) --libs $$m)"; \
	} > $(1).tmp && mv $(1).tmp $(1)
endef

$(BUILD)/config.mk: Makefile tools/install-deps
	$(call cfg_file,$@,build,PKG_)

$(BUILD)/test.mk: Makefile tools/install-deps
	$(call cfg_file,$@,unit,TEST_)

install-deps:
	tools/install-deps test

$(BUILD)/obj/%.o: src/%.c $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: src/%.cc $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(say) CXX $<
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

# The same sources for the tests: allocations go through cmocka's checker.
$(BUILD)/tobj/%.o: src/%.c $(BUILD)/config.mk $(BUILD)/test.mk
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -DUNIT_TESTING -c -o $@ $<

$(BUILD)/tobj/%.o: src/%.cc $(BUILD)/config.mk $(BUILD)/test.mk
	@mkdir -p $(@D)
	$(say) CXX $@
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(BUILD)/libtpm.a: $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/libtpm-test.a: $(TLIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(BUILD)/libtpm.a
	$(say) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test_util.h $(BUILD)/libtpm-test.a
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -DUNIT_TESTING -Itests/unit \
		-o $@ $< $(BUILD)/libtpm-test.a $(ALL_LDFLAGS) $(PKG_LIBS) \
		$(TEST_LIBS) -lm

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
		echo "== $$t"; \
		CMOCKA_MESSAGE_OUTPUT=TAP TPM_TEST_ROOT=$(CURDIR) $$t || fail=1; \
	done; exit $$fail

e2e: $(BIN)
	@PKG_CONFIG='$(PKG_CONFIG)' tools/install-deps --check e2e
	@fail=0; for t in $(E2E); do \
		echo "== $$t"; \
		TPMTRAIN=$(CURDIR)/$(BIN) TPM_TEST_ROOT=$(CURDIR) \
			sh $$t || fail=1; \
	done; exit $$fail

# The layering rules of STYLE.md: each library is used by one piece only.
check-layers:
	@tools/check-layers

lint-decks: $(BIN)
	$(BIN) lint --strict decks content

# Every test, with what is installed.
test: check-layers unit e2e lint-decks

# The README's two commands: install what is missing, then build or test.
check:
	$(Q)tools/install-deps test
	$(Q)$(MAKE) --no-print-directory test

run:
	$(Q)tools/install-deps
	$(Q)$(MAKE) --no-print-directory all
	$(if $(SANITIZE),TPMTRAIN_DATA_DIR=$(CURDIR) $(BIN),./tpmtrain)

bench: $(BIN)
	$(MAKE) -C tools/bench LIB_BUILD=$(CURDIR)/$(BUILD)

fuzz:
	$(MAKE) -C tools/fuzz

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/tpmtrain
	cp -R decks content $(DESTDIR)$(DATADIR)/
	install -m 644 src/cli/tpmtrain.1 $(DESTDIR)$(MANDIR)/tpmtrain.1

# What install put there, and the share directory if that leaves it empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tpmtrain $(DESTDIR)$(MANDIR)/tpmtrain.1
	rm -rf $(DESTDIR)$(DATADIR)/decks $(DESTDIR)$(DATADIR)/content
	rmdir $(DESTDIR)$(DATADIR) 2>/dev/null || true

clean:
	rm -rf build tpmtrain

help:
	@echo 'targets: all check test unit e2e check-layers lint-decks run bench'
	@echo '         fuzz install uninstall install-deps clean'
	@echo 'options: SANITIZE=address,undefined  CC=  CFLAGS=  CPPFLAGS='
	@echo '         LDFLAGS=  V=1  WERROR=  PREFIX=  DESTDIR='
	@echo 'all, test, unit, e2e install nothing: they name what is missing.'

-include $(LIB_OBJ:.o=.d) $(TLIB_OBJ:.o=.d) $(BUILD)/obj/main.d \
	$(UNIT_BIN:=.d)
