#!/usr/bin/env bash
# The whole CLI on an Infobip send request to 1,000,000 destinations (about
# 21 MB), with each engine: wall time and peak RSS from GNU time. The two
# engines alternate run by run, so load that comes and goes hits both; the
# ratio is the median over runs of schema time / typed time.
# Usage: scripts/bench-cli.sh [DESTINATIONS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

destinations=${1:-1000000}
runs=${2:-9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin dmforge --example bulk
target/release/examples/bulk "$destinations" > "$work/bulk.json"
echo "input: $destinations destinations, $(stat -c %s "$work/bulk.json") bytes"

for _ in $(seq "$runs"); do
    for engine in typed schema; do
        /usr/bin/time -f '%e %M' -o "$work/time" \
            target/release/dmforge validate --engine "$engine" infobip/send_message "$work/bulk.json" > /dev/null
        printf '%s ' "$(cat "$work/time")"
    done
    echo
done | awk -v runs="$runs" '
    { typed[NR] = $1; schema[NR] = $3; ratio[NR] = $3 / $1
      if ($2 > typed_rss) typed_rss = $2; if ($4 > schema_rss) schema_rss = $4 }
    function median(a, n,   i, j, t) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return a[int((n + 1) / 2)]
    }
    END {
        printf "typed: median %.2f s, peak RSS %.0f MB\n", median(typed, NR), typed_rss / 1024
        printf "schema: median %.2f s, peak RSS %.0f MB\n", median(schema, NR), schema_rss / 1024
        printf "schema / typed: median %.2f over %d alternating runs\n", median(ratio, NR), runs
    }'
