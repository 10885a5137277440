# HQMS: `make run` serves the demo hospital on http://127.0.0.1:8080, `make test` runs every test.
JOBS      ?= 2
PORT      ?= 8080
RELEASE   := build/release
ASAN      := build/asan
FUZZ      := build/fuzz
FUZZ_SECONDS ?= 300
WERROR    := $(if $(CI),ON,OFF)
NPM_CI    := npm ci --no-audit --no-fund --loglevel=error
# ccache (CMakeLists.txt) keeps its cache in $HOME, outside the checkout. Paths relative to the checkout let a fresh
# clone in another folder (as CI makes) hit the same entries; the sloppiness lets units built on precompiled headers
# be cached at all.
export CCACHE_BASEDIR    := $(CURDIR)
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
# Debug info would otherwise put the build folder into every key (ccache's hash_dir), so no other clone could hit.
export CCACHE_NOHASHDIR  := 1
export CCACHE_MAXSIZE    ?= 8G

.PHONY: all deps run test bench fmt release asan web web-deps browser-deps test-unit test-browser demo clean \
        fuzz-build fuzz fuzz-smoke

all: release web

deps:
	@scripts/install-deps.sh

web/node_modules/.package-lock.json: web/package-lock.json | deps
	cd web && $(NPM_CI)

tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json | deps
	cd tests/browser && $(NPM_CI)

web-deps: web/node_modules/.package-lock.json
browser-deps: tests/browser/node_modules/.package-lock.json

web: web-deps
	cd web && npm run build

release: deps
	cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=Release -DHQMS_BUILD_TESTS=OFF -DHQMS_WERROR=$(WERROR) >/dev/null
	cmake --build $(RELEASE) -j $(JOBS)

asan: deps
	cmake -S . -B $(ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Asan -DHQMS_BUILD_BENCH=OFF -DHQMS_WERROR=$(WERROR) >/dev/null
	cmake --build $(ASAN) -j $(JOBS)

demo.db: | release
	$(RELEASE)/hqms demo --db demo.db

run: release web demo.db
	$(RELEASE)/hqms serve --db demo.db --listen 127.0.0.1:$(PORT) --web-root web/dist

test: test-unit test-browser fuzz-smoke

# Every store, HTTP and CLI test runs twice: on SQLite and on a throwaway PostgreSQL cluster.
test-unit: asan
	scripts/with-postgres.sh sh -c 'cd $(ASAN) && ctest --output-on-failure -j $(JOBS)'

# The demo hospital is built once for the run in a throwaway folder (tests/browser/harness.mjs).
test-browser: asan web browser-deps
	cache=$$(mktemp -d) && trap 'rm -rf "$$cache"' EXIT && cd tests/browser && HQMS_TEST_CACHE=$$cache \
	  HQMS_BIN=$(CURDIR)/$(ASAN)/hqms HQMS_WEB_ROOT=$(CURDIR)/web/dist npm test

# The parsers under libFuzzer (fuzz/, DEVELOPERS.md): clang with ASan + UBSan, the core library and the request
# readers only. `make fuzz` runs each target for FUZZ_SECONDS; `make fuzz-smoke`, part of `make test`, for
# about 5 s (libFuzzer stops in the second after the time given).
fuzz-build: deps
	cmake -S . -B $(FUZZ) -G Ninja -DHQMS_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DHQMS_WERROR=$(WERROR) >/dev/null
	cmake --build $(FUZZ) -j $(JOBS)

fuzz: fuzz-build
	scripts/fuzz.sh $(FUZZ) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	scripts/fuzz.sh --smoke $(FUZZ) 4

bench: release
	bench/run.sh $(RELEASE)

fmt:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build web/dist
