# feedwatch: `make demo` and `make test` are all the set-up a fresh Debian
# machine with the Swift toolchain needs; each installs what is missing.

SWIFT        ?= swift
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config openssl sqlite3
# python3-aiosmtpd: the local SMTP server the email sink tests send to.
APT_PACKAGES += python3-aiosmtpd
# libpq for the PostgreSQL state; the server for the throwaway cluster its tests start.
APT_PACKAGES += libpq-dev postgresql
# nginx, newsboat, sfeed and GNU time for the fetch pass; curl to see nginx is up.
BENCH_APT    := libxml2-utils nginx-light newsboat sfeed python3-pip time curl
BENCH_PYPI   := feedparser pyahocorasick
RELEASE_BIN  := .build/release/feedwatch
# apt-get needs root: use sudo when we are not root and it is there.
SUDO         := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)

.PHONY: all deps bench-deps build release demo test bench bench-fetch bench-alerts bench-startup bench-scaling bench-state format clean

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
	$(SWIFT) build -c release --product jsonfeed-benchmark
	$(SWIFT) build -c release --product conformance
	$(SWIFT) build -c release --product matcher-benchmark
	$(SWIFT) build -c release --product webhook-benchmark
	$(SWIFT) build -c release --product stories-benchmark
	@# A missed target fails its line; the leading '-' lets the rest still print their figures.
	-.build/release/conformance Benchmarks/Conformance/corpus
	-.build/release/parser-benchmark
	-.build/release/jsonfeed-benchmark
	-.build/release/matcher-benchmark
	-.build/release/webhook-benchmark
	-.build/release/stories-benchmark
	-$(MAKE) bench-fetch
	-$(MAKE) bench-alerts
	-$(MAKE) bench-startup
	-$(MAKE) bench-scaling
	-$(MAKE) bench-state

# A pass over 1,000 feeds from a loopback nginx: feedwatch, newsboat, sfeed
# (issue 3). REPEAT=3 shows the median of three runs of each.
bench-fetch: bench-deps
	$(SWIFT) build -c release --product feedwatch
	$(SWIFT) build -c release --product parser-benchmark
	SKIP_BUILD=1 Benchmarks/FetchPass/run.sh

# The fetch pass at 1,000 and 10,000 feeds against 100,000 names: the
# all-304 pass grows at most linearly, memory stays under 150 MB (issue 12).
bench-scaling: bench-deps
	$(SWIFT) build -c release --product feedwatch
	$(SWIFT) build -c release --product parser-benchmark
	$(SWIFT) build -c release --product startup-benchmark
	SKIP_BUILD=1 Benchmarks/FetchPass/scaling.sh

# What a large watchlist costs a command before it does anything: `poll`
# cold (rules compiled) and warm (compiled rules reused), and `alerts`, at
# 1,000 to 100,000 entities (issue 12).
bench-startup: bench-deps
	$(SWIFT) build -c release --product feedwatch
	$(SWIFT) build -c release --product startup-benchmark
	.build/release/startup-benchmark --feedwatch $(RELEASE_BIN)

# Alert-log write rates with fsync, and `feedwatch alerts` over 1,000,000
# alerts (issue 5). The log is kept in Benchmarks/out/alert-log for re-runs.
bench-alerts: bench-deps
	$(SWIFT) build -c release --product feedwatch
	$(SWIFT) build -c release --product alertlog-benchmark
	.build/release/alertlog-benchmark --feedwatch $(RELEASE_BIN) --rules rules

# The state over months (issue 12): STATE_FEEDS feeds × 50 new items a day
# replayed for STATE_DAYS simulated days through the store, retention daily;
# prints the state's size every 5 days. The archive levels off after 30 days,
# the seen items only after forget (90 days) plus the day an item stays in its
# feed, hence 120 days. The desk of 10,000 feeds needs about 45 GB and some
# ten hours on 2 cores: STATE_FEEDS=10000 runs it; the default is a tenth
# (4.2 GB, about an hour), whose plateau scales with the number of feeds.
STATE_FEEDS ?= 1000
STATE_DAYS  ?= 120
bench-state: deps
	$(SWIFT) build -c release --product state-benchmark
	.build/release/state-benchmark --feeds $(STATE_FEEDS) --days $(STATE_DAYS) --dir Benchmarks/out/state

format:
	$(SWIFT) format -i -r Sources Tests Benchmarks Package.swift

clean:
	rm -rf .build examples/state examples/alerts.jsonl
