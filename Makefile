# The two commands of the README: `make run` and `make test`. Everything else
# is CMake; this file only sequences it (dependencies, configure, build).

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
LISTEN     ?= 127.0.0.1:8080
REGISTRY   ?= config/providers.yaml
CTEST_ARGS ?= --output-on-failure --timeout 600 -j $(JOBS)

# ccache keys on absolute paths unless told where the tree starts; with these,
# a fresh clone elsewhere on the same machine reuses earlier compilations.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps build build-asan run test test-release test-asan format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAIHOST_SANITIZE=ON \
	  -DCMAKE_C_FLAGS_DEBUG="-O1 -g" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# The first run writes var/aihost.env (this machine's secrets); the
# environment still wins over it.
run: build
	@scripts/local-env.sh var/aihost.env
	$(BUILD)/bin/aihost serve --listen $(LISTEN) --registry $(REGISTRY) \
	  --env-file var/aihost.env

# Both test recipes run ctest beside a throwaway PostgreSQL server on
# 127.0.0.1 (scripts/test-postgres.sh), stopped again however ctest ends.
test-release: build
	@pg=$(CURDIR)/scripts/test-postgres.sh; \
	state=$$(mktemp -d /tmp/aihost-pg.XXXXXX) && \
	export AIHOST_PG_STATE=$$state && \
	trap "$$pg stop" EXIT && trap "exit 130" INT TERM && \
	url=$$($$pg start) && export AIHOST_TEST_PG_URL=$$url && \
	echo "PostgreSQL for tests: $$url" && \
	cd $(BUILD) && ctest $(CTEST_ARGS)

test-asan: build-asan
	@pg=$(CURDIR)/scripts/test-postgres.sh; \
	state=$$(mktemp -d /tmp/aihost-pg.XXXXXX) && \
	export AIHOST_PG_STATE=$$state && \
	trap "$$pg stop" EXIT && trap "exit 130" INT TERM && \
	url=$$($$pg start) && export AIHOST_TEST_PG_URL=$$url && \
	echo "PostgreSQL for tests: $$url" && \
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest $(CTEST_ARGS)

# The whole suite, in a normal and a sanitizer build.
test: test-release test-asan

format:
	clang-format -i $$(git ls-files '*.c' '*.h' '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
