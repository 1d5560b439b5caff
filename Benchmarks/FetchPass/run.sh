#!/usr/bin/env bash
# The fetch-pass figures of issue 3: one pass over 1,000 generated feeds
# (~50 KB each, RSS and Atom) from a loopback nginx, by feedwatch, by
# `newsboat -x reload` and by `sfeed_update`, side by side in one run:
# wall time, CPU time (user+sys) and peak RSS for a first pass (empty state)
# and a second pass (nothing changed: 304 for a client that sends
# conditional requests), with the HTTP statuses each client got.
#
# A third pass is run too, because newsboat 2.21 saves a feed's ETag and
# Last-Modified only when it refreshes a feed already in its cache: its
# second pass downloads everything again, and only its third gets 304s.
# sfeed_update's default fetch() (curl, no validators) never sends
# conditional requests, so every one of its passes is a full download.
#
# The targets (issue 12): feedwatch's first pass at least 20x faster than
# newsboat's and 5x faster than sfeed's, and under 150 MB.
#
# Usage: Benchmarks/FetchPass/run.sh      (from anywhere; `make bench-fetch`)
#   FEEDS=1000        how many feeds
#   CLIENTS="feedwatch newsboat sfeed"   which clients to run (a subset skips the comparisons)
#   HOSTS=8           the feeds are spread over this many loopback addresses (127.0.0.1,
#                     127.0.0.2, …), as a desk's feeds are over many sites: feedwatch
#                     keeps to 2 transfers per host, so with one host it would
#                     fetch 2 at a time where newsboat and sfeed fetch 16
#   WATCHLIST=N       feedwatch matches against a generated watchlist of N entities
#                     (about 2N names; startup-benchmark --write-watchlist) instead of rules/;
#                     compiled once before the runs, as a monitor whose rules did not change
#   PASSES="first second third"   which passes to run (newsboat's second takes minutes)
#   RUNS_OUT=FILE     also write the raw runs there (Benchmarks/FetchPass/scaling.sh reads them)
#   REPEAT=1          runs of each client and pass; the one with the median wall time is shown
#   KEEP=1            keep the temporary folder (its path is printed)
#   SKIP_BUILD=1      use the release binaries already in .build/release
#
# Only 127.0.0.1 is contacted. Exits 1 when a target is missed.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
FEEDS=${FEEDS:-1000}
REPEAT=${REPEAT:-1}
CLIENTS=${CLIENTS:-feedwatch newsboat sfeed}
PASSES=${PASSES:-first second third}
CONCURRENCY=16
HOSTS=${HOSTS:-8}

# Debian installs nginx in /usr/sbin, which is not on an ordinary user's PATH.
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
TOOLS="$NGINX /usr/bin/time python3 curl"
case " $CLIENTS " in *" newsboat "*) TOOLS="$TOOLS newsboat" ;; esac
case " $CLIENTS " in *" sfeed "*) TOOLS="$TOOLS sfeed_update" ;; esac
for tool in $TOOLS; do
    command -v "$tool" >/dev/null || {
        echo "fetch-pass: $tool is missing: run \`make bench-deps\`" >&2
        exit 2
    }
done

if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release --product feedwatch >/dev/null
    swift build -c release --product parser-benchmark >/dev/null
    if [ -n "${WATCHLIST:-}" ]; then swift build -c release --product startup-benchmark >/dev/null; fi
fi
FEEDWATCH=$ROOT/.build/release/feedwatch

WORK=$(mktemp -d /tmp/feedwatch-fetch.XXXXXX)
# nginx started as root serves through workers running as `nobody`, which
# must be able to read the corpus: mktemp's folder is private by default.
chmod 755 "$WORK"
NGINX_PID=""
cleanup() {
    if [ -n "$NGINX_PID" ]; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    if [ -n "${KEEP:-}" ]; then echo "fetch-pass: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- The corpus: the parser benchmark's seeded generator (the same bytes every run).
"$ROOT/.build/release/parser-benchmark" --generate-only "$WORK/feeds" --feeds "$FEEDS" >/dev/null
mapfile -t FILES < <(cd "$WORK/feeds" && ls | sort)
[ "${#FILES[@]}" -eq "$FEEDS" ] || { echo "fetch-pass: the generator wrote ${#FILES[@]} files, not $FEEDS" >&2; exit 2; }
CORPUS_MB=$(du -sm "$WORK/feeds" | cut -f1)

# --- The rules: the repository's, or a generated watchlist.
RULES=$ROOT/rules
if [ -n "${WATCHLIST:-}" ]; then
    RULES=$WORK/rules
    "$ROOT/.build/release/startup-benchmark" --write-watchlist "$RULES" --entities "$WATCHLIST" >/dev/null
fi

# --- nginx on a free loopback port, with its own configuration and nothing
# from /etc/nginx. Static files give ETag, Last-Modified and 304 natively.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    types { application/rss+xml rss; application/atom+xml atom; }
    default_type application/octet-stream;
    # The access log exists to count the statuses each client got (one short
    # line a request, the same cost for every client); it is emptied before each run.
    log_format counts '\$status \$body_bytes_sent';
    access_log $WORK/nginx/access.log counts;
    sendfile on;
    tcp_nodelay on;
    keepalive_requests 100000;
    etag on;
    if_modified_since exact;
    gzip on;
    gzip_types application/rss+xml application/atom+xml;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
$(for h in $(seq "$HOSTS"); do printf '        listen 127.0.0.%d:%d;\n' "$h" "$PORT"; done)
        root $WORK/feeds;
    }
}
CONF
"$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
BASE=http://127.0.0.1:$PORT
# The URL of feed I: the files take turns over the hosts.
url_of() { printf 'http://127.0.0.%d:%d/%s' $(($1 % HOSTS + 1)) "$PORT" "${FILES[$1]}"; }
for _ in $(seq 50); do
    curl -sf -o /dev/null "$BASE/${FILES[0]}" && break
    sleep 0.1
done
curl -sf -o /dev/null "$BASE/${FILES[0]}" || { echo "fetch-pass: nginx did not start:" >&2; cat "$WORK/nginx/error.log" >&2; exit 2; }

# --- One configuration per client, all with 16 transfers at once.
{
    printf '[monitor]\nstate = state/feedwatch.db\nalert-log = alerts.jsonl\n'
    printf 'concurrency = %d\ntimeout = 30s\nmax-size = 10MB\n' "$CONCURRENCY"
    for i in "${!FILES[@]}"; do printf '\n[feed f%d]\nurl = %s\n' "$i" "$(url_of "$i")"; done
} >"$WORK/feeds.conf"

for i in "${!FILES[@]}"; do url_of "$i"; echo; done >"$WORK/urls"
printf 'reload-threads %d\n' "$CONCURRENCY" >"$WORK/newsboat.config"

{
    echo "sfeedpath=\"$WORK/sfeed/feeds\""
    echo "maxjobs=$CONCURRENCY"
    echo "feeds() {"
    for i in "${!FILES[@]}"; do echo "    feed f$i \"$(url_of "$i")\""; done
    echo "}"
} >"$WORK/sfeedrc"

# Each client keeps its state in the work folder; HOME points there too so
# that nothing reads or writes the real ~/.newsboat or ~/.sfeed.
export HOME=$WORK/home
mkdir -p "$HOME"

reset_state() {
    case $1 in
    # The compiled rules stay: a monitor compiles them once per edit of the rules.
    feedwatch) find "$WORK/state" -mindepth 1 ! -name '*.compiled-rules' -delete 2>/dev/null || true
        rm -f "$WORK"/alerts.jsonl* ;;
    newsboat) rm -f "$WORK"/cache.db* ;;
    sfeed) rm -rf "$WORK/sfeed" ;;
    esac
}

command_of() {
    case $1 in
    feedwatch) echo "$FEEDWATCH poll --config $WORK/feeds.conf --rules $RULES --all" ;;
    newsboat) echo "newsboat -x reload -u $WORK/urls -c $WORK/cache.db -C $WORK/newsboat.config" ;;
    sfeed) echo "sfeed_update $WORK/sfeedrc" ;;
    esac
}

# run CLIENT PASS: one timed run; appends "client pass wall user sys maxrss-KB status 200s 304s others bytes"
# to $WORK/runs. The access log is emptied first, so its lines are this run's requests.
run_once() {
    local client=$1 pass=$2 status=0
    : >"$WORK/nginx/access.log"
    # shellcheck disable=SC2046 # the command is split into words on purpose
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.out" $(command_of "$client") \
        >"$WORK/$client-$pass.log" 2>&1 || status=$?
    # nginx writes a log line when it has sent the response; let the last ones land.
    sleep 0.2
    read -r wall user sys rss <"$WORK/time.out"
    local counts
    counts=$(awk '{ n[$1 == 200 ? "ok" : $1 == 304 ? "nm" : "other"]++; bytes += $2 }
        END { printf "%d %d %d %d", n["ok"], n["nm"], n["other"], bytes }' "$WORK/nginx/access.log")
    echo "$client $pass $wall $user $sys $rss $status $counts" >>"$WORK/runs"
}

# The rules compiled once, beside the state, by a poll of no feeds.
printf '[monitor]\nstate = state/feedwatch.db\nalert-log = alerts.jsonl\n' >"$WORK/compile.conf"
"$FEEDWATCH" poll --config "$WORK/compile.conf" --rules "$RULES" --all >/dev/null 2>&1 ||
    { echo "fetch-pass: feedwatch cannot compile $RULES" >&2; exit 2; }

: >"$WORK/runs"
echo "fetch-pass: $FEEDS feeds, $CORPUS_MB MB, from 127.0.0.1-$HOSTS port $PORT; $CONCURRENCY transfers at once; $REPEAT run(s) each; rules $RULES"
FEEDWATCH_304=0
for client in $CLIENTS; do
    for _ in $(seq "$REPEAT"); do
        reset_state "$client"
        for pass in $PASSES; do run_once "$client" "$pass"; done
    done
    if [ "$client" = feedwatch ]; then
        # The store's own record of the last pass: every feed answered 304.
        FEEDWATCH_304=$("$FEEDWATCH" feeds --config "$WORK/feeds.conf" --rules "$RULES" --json |
            grep -c '"lastStatus":304' || true)
    fi
done

if [ -n "${RUNS_OUT:-}" ]; then cp "$WORK/runs" "$RUNS_OUT"; fi

# --- The table (the median run of each client and pass), then the verdicts.
python3 - "$WORK/runs" "$FEEDS" "$FEEDWATCH_304" <<'PY'
import sys
path, feeds, feedwatch_304 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = {}
for line in open(path):
    client, pazz, wall, user, sys_, rss, status, ok, nm, other, size = line.split()
    runs.setdefault((client, pazz), []).append(dict(
        wall=float(wall), cpu=float(user) + float(sys_), mb=int(rss) / 1024, status=int(status),
        ok=int(ok), nm=int(nm), other=int(other), mb_sent=int(size) / 1048576))
chosen = {}
for key, rows in runs.items():
    rows.sort(key=lambda r: r["wall"])
    chosen[key] = rows[(len(rows) - 1) // 2]
print()
print(f"{'client':<10} {'pass':<7} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'200':>6} {'304':>6} {'other':>6} {'MB sent':>8} {'exit':>5}")
clients = [c for c in ("feedwatch", "newsboat", "sfeed") if (c, "first") in chosen]
passes = [p for p in ("first", "second", "third") if ("feedwatch", p) in chosen]
for client in clients:
    for pazz in passes:
        r = chosen[(client, pazz)]
        print(f"{client:<10} {pazz:<7} {r['wall']:>7.2f} {r['cpu']:>7.2f} {r['mb']:>8.1f} {r['ok']:>6} {r['nm']:>6} {r['other']:>6} {r['mb_sent']:>8.1f} {r['status']:>5}")
print("(peak MB: the largest single process; sfeed_update runs curl, sfeed and sort per feed)")
print()
verdicts, passed = [], True
def verdict(name, ok, detail):
    global passed
    passed = passed and ok
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
fw = {p: chosen[("feedwatch", p)] for p in passes}
peers = [c for c in clients if c != "feedwatch"]
for pazz in passes if peers else ():
    walls = {c: chosen[(c, pazz)]["wall"] for c in peers}
    best = min(walls, key=walls.get)
    verdict(f"feedwatch fastest on the {pazz} pass", fw[pazz]["wall"] < walls[best],
            f"{fw[pazz]['wall']:.2f} s vs " + ", ".join(f"{c} {w:.2f} s" for c, w in walls.items()))
# How many times faster the first pass must be than each peer's.
for peer, times in (("newsboat", 20), ("sfeed", 5)):
    if peer in peers:
        ratio = chosen[(peer, "first")]["wall"] / max(fw["first"]["wall"], 0.01)
        verdict(f"feedwatch's first pass at least {times}x faster than {peer}'s", ratio >= times,
                f"{ratio:.1f}x ({fw['first']['wall']:.2f} s vs {chosen[(peer, 'first')]['wall']:.2f} s)")
peak = max(r["mb"] for r in fw.values())
verdict("feedwatch peak memory under 150 MB", peak < 150, f"{peak:.1f} MB")
if passes != ["first", "second", "third"]:
    print(f"SUMMARY fetch-pass: {'PASS' if passed else 'FAIL'} (passes: {' '.join(passes)})")
    sys.exit(0 if passed else 1)
verdict("feedwatch fetched every feed, then got 304 for every one",
        fw["first"]["ok"] == feeds and fw["first"]["status"] == 0 and fw["second"]["nm"] == feeds
        and fw["third"]["nm"] == feeds and feedwatch_304 == feeds,
        f"first pass {fw['first']['ok']} x 200 (exit {fw['first']['status']}); second pass "
        f"{fw['second']['nm']} x 304 in nginx's log (third {fw['third']['nm']}), {feedwatch_304} feeds with lastStatus 304 in `feedwatch feeds`")
print(f"SUMMARY fetch-pass: {'PASS' if passed else 'FAIL'}")
sys.exit(0 if passed else 1)
PY
