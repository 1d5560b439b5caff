#!/usr/bin/env bash
# Cost linear in feeds (issue 12): feedwatch alone, against a generated
# watchlist of 50,000 entities (about 100,000 names), over 1,000 and then
# 10,000 loopback feeds (run.sh does each). The targets: the all-304 pass
# (the second) at 10,000 feeds costs at most 10x the pass at 1,000, in wall
# time and in CPU time; peak memory under 150 MB at 10,000 feeds.
#
# Usage: Benchmarks/FetchPass/scaling.sh   (`make bench-scaling`)
#   SIZES="1000 10000"  WATCHLIST=50000  REPEAT=1  SKIP_BUILD=1, as run.sh
#
# Exits 1 when a target is missed.
set -euo pipefail

cd "$(dirname "$0")/../.."
SIZES=${SIZES:-1000 10000}
export WATCHLIST=${WATCHLIST:-50000}
export REPEAT=${REPEAT:-1}
export CLIENTS=feedwatch

if [ -z "${SKIP_BUILD:-}" ]; then
    for product in feedwatch parser-benchmark startup-benchmark; do
        swift build -c release --product "$product" >/dev/null
    done
fi
export SKIP_BUILD=1

OUT=$(mktemp -d /tmp/feedwatch-scaling.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
for size in $SIZES; do
    # run.sh's own verdicts are printed; its exit status is not this script's.
    FEEDS=$size RUNS_OUT=$OUT/runs-$size Benchmarks/FetchPass/run.sh || true
done

python3 - "$OUT" $SIZES <<'PY'
import os, sys
folder, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
rows = {}
for size in sizes:
    path = os.path.join(folder, f"runs-{size}")
    if not os.path.exists(path):
        sys.exit(f"scaling: no runs at {size} feeds")
    for line in open(path):
        client, pazz, wall, user, sys_, rss, status, ok, nm, other, size_ = line.split()
        row = dict(wall=float(wall), cpu=float(user) + float(sys_), mb=int(rss) / 1024)
        # The best of the repeats: the machine is shared.
        best = rows.get((size, pazz))
        if best is None or row["wall"] < best["wall"]:
            rows[(size, pazz)] = row
print()
print(f"{'feeds':>6} {'pass':<7} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
for size in sizes:
    for pazz in ("first", "second"):
        r = rows[(size, pazz)]
        print(f"{size:>6} {pazz:<7} {r['wall']:>7.2f} {r['cpu']:>7.2f} {r['mb']:>8.1f}")
print()
passed = True
def verdict(name, ok, detail):
    global passed
    passed = passed and ok
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
small, large = min(sizes), max(sizes)
factor = large / small
for measure in ("wall", "cpu"):
    ratio = rows[(large, "second")][measure] / max(rows[(small, "second")][measure], 0.01)
    verdict(f"all-304 pass {measure} at {large} feeds at most {factor:.0f}x that at {small}",
            ratio <= factor, f"{ratio:.1f}x")
peak = max(rows[(large, p)]["mb"] for p in ("first", "second"))
verdict(f"peak memory at {large} feeds under 150 MB", peak < 150, f"{peak:.1f} MB")
print(f"SUMMARY fetch-scaling: {'PASS' if passed else 'FAIL'}")
sys.exit(0 if passed else 1)
PY
