# feedwatch: `make demo` and `make test` are all the set-up a fresh Debian
# machine with the Swift toolchain needs; each installs what is missing.

SWIFT        ?= swift
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config openssl
# nginx, newsboat, sfeed and GNU time for the fetch pass; curl to see nginx is up.
BENCH_APT    := libxml2-utils nginx-light newsboat sfeed python3-pip time curl
BENCH_PYPI   := feedparser pyahocorasick
RELEASE_BIN  := .build/release/feedwatch
# apt-get needs root: use sudo when we are not root and it is there.
SUDO         := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)

.PHONY: all deps bench-deps build release demo test bench bench-fetch bench-alerts format clean

all: build

# Installs only the Debian packages that are missing, with one `apt-get update`.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

bench-deps: deps
	$(call apt_install,$(BENCH_APT))
	@python3 -c 'import feedparser, ahocorasick' 2>/dev/null || python3 -m pip install -q $(BENCH_PYPI)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product feedwatch

# One monitor pass over the bundled offline feeds, from a clean state, then
# the alerts it raised.
demo: release
	@rm -rf examples/state examples/alerts.jsonl
	@echo "== feedwatch poll: one pass over examples/feeds (offline) =="
	@$(RELEASE_BIN) poll --config examples/feeds.conf --rules rules --all --backfill
	@echo
	@echo "== feedwatch alerts --details =="
	@$(RELEASE_BIN) alerts --config examples/feeds.conf --rules rules --details
	@echo
	@echo "== feedwatch stories =="
	@$(RELEASE_BIN) stories --config examples/feeds.conf --rules rules

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) run feedwatch rules check --rules rules

bench: bench-deps
	$(SWIFT) build -c release --product parser-benchmark
	$(SWIFT) build -c release --product conformance
	$(SWIFT) build -c release --product matcher-benchmark
	$(SWIFT) build -c release --product webhook-benchmark
	$(SWIFT) build -c release --product stories-benchmark
	@# A missed target fails its line; the leading '-' lets the rest still print their figures.
	-.build/release/conformance Benchmarks/Conformance/corpus
	-.build/release/parser-benchmark
	-.build/release/matcher-benchmark
	-.build/release/webhook-benchmark
	-.build/release/stories-benchmark
	-$(MAKE) bench-fetch
	-$(MAKE) bench-alerts

# A pass over 1,000 feeds from a loopback nginx: feedwatch, newsboat, sfeed
# (issue 3). REPEAT=3 shows the median of three runs of each.
bench-fetch: bench-deps
	$(SWIFT) build -c release --product feedwatch
	$(SWIFT) build -c release --product parser-benchmark
	SKIP_BUILD=1 Benchmarks/FetchPass/run.sh

# Alert-log write rates with fsync, and `feedwatch alerts` over 1,000,000
# alerts (issue 5). The log is kept in Benchmarks/out/alert-log for re-runs.
bench-alerts: bench-deps
	$(SWIFT) build -c release --product feedwatch
	$(SWIFT) build -c release --product alertlog-benchmark
	.build/release/alertlog-benchmark --feedwatch $(RELEASE_BIN) --rules rules

format:
	$(SWIFT) format -i -r Sources Tests Benchmarks Package.swift

clean:
	rm -rf .build examples/state examples/alerts.jsonl
