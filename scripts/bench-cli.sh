#!/usr/bin/env bash
# The whole CLI on an Infobip send request to 1,000,000 destinations (about
# 23 MB), with each engine: wall time (median of RUNS) and peak RSS, from
# GNU time. Usage: scripts/bench-cli.sh [DESTINATIONS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

destinations=${1:-1000000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin dmforge --example bulk
target/release/examples/bulk "$destinations" > "$work/bulk.json"
echo "input: $destinations destinations, $(stat -c %s "$work/bulk.json") bytes"

for engine in typed schema; do
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$work/time" \
            target/release/dmforge validate --engine "$engine" infobip/send_message "$work/bulk.json" > /dev/null
        cat "$work/time"
    done | sort -n | awk -v engine="$engine" -v runs="$runs" '
        { seconds[NR] = $1; if ($2 > rss) rss = $2 }
        END { printf "%s: median %.2f s over %d runs, peak RSS %.0f MB\n", engine, seconds[int((NR + 1) / 2)], runs, rss / 1024 }'
done
