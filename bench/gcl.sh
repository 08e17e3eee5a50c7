#!/usr/bin/env bash
# golangci-lint with tenantvet's module plugin, against the same binary
# running only a no-op plugin (bench/gclnoop, no fact type).
#
#   bash bench/gcl.sh              # the large synthetic module of run.sh
#   R=5 bash bench/gcl.sh DIR      # a module of your own, with its .tenantvet.yaml
#
# It builds testdata/gcl/build (golangci-lint with the plugin compiled in,
# as `golangci-lint custom` builds it) with -tags benchnoop, which adds the
# no-op plugin, then runs `golangci-lint run ./...` R times per linter, in
# alternating order, each with an empty golangci-lint cache (so no run reuses
# another's results) and the same warm go build cache, and prints wall time
# and peak RSS (GNU time), medians, and their ratios. It exits 0 whatever
# it measures; only a failure to set up exits 1.

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
R=${R:-3}
die() { echo "gcl.sh: $*" >&2; exit 1; }
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing; install the 'time' package"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tenantvet-gcl.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "== golangci-lint: tenantvet against a no-op plugin, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(go version)"
(cd "$ROOT/testdata/gcl/build" && GOWORK=off go build -tags benchnoop -o "$WORK/custom-gcl" .) || die "building golangci-lint failed"

if [[ $# -gt 0 ]]; then
	MOD=$(cd "$1" && pwd) || die "no module at $1"
else
	(cd "$ROOT" && go build -o "$WORK/gen" ./bench/gen) || die "building gen failed"
	MOD=$WORK/mod
	"$WORK/gen" -dir "$MOD" -packages 300 -queries 10000 -tables 150 -migrations 300 || die "gen failed"
	export GOWORK=off GOFLAGS=
fi
echo "module: $MOD; runs per linter: $R"

for l in tenantvet noop; do
	cat >"$WORK/$l.yml" <<YML
version: "2"
linters:
  default: none
  enable: [$l]
  settings:
    custom:
      $l:
        type: module
YML
done

# One untimed run per linter warms the go build and list caches.
for l in tenantvet noop; do
	(cd "$MOD" && GOLANGCI_LINT_CACHE=$(mktemp -d "$WORK/cache.XXXXXX") "$WORK/custom-gcl" run --config "$WORK/$l.yml" --show-stats=false ./... >/dev/null 2>&1)
done

: >"$WORK/results"
for ((run = 1; run <= R; run++)); do
	order="tenantvet noop"
	((run % 2 == 0)) && order="noop tenantvet"
	for l in $order; do
		cache=$(mktemp -d "$WORK/cache.XXXXXX")
		(cd "$MOD" && GOLANGCI_LINT_CACHE=$cache TENANTVET_CACHE=$(mktemp -d "$WORK/tv.XXXXXX") /usr/bin/time -o "$WORK/time" -f '%e %M' \
			"$WORK/custom-gcl" run --config "$WORK/$l.yml" --show-stats=false ./... >"$WORK/out" 2>&1)
		read -r wall rss < <(tail -n 1 "$WORK/time")
		findings=$(grep -c '(tenantvet)' "$WORK/out")
		printf '  run %d  %-9s %7.2f s %7.0f MB  findings %s\n' "$run" "$l" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$findings"
		printf '%s\t%s\t%s\n' "$l" "$wall" "$rss" >>"$WORK/results"
		rm -rf "$cache"
	done
done

median() { sort -g | awk '{a[NR] = $1} END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l { print $c }' "$WORK/results" | median; }
tw=$(col tenantvet 2) nw=$(col noop 2) tr=$(col tenantvet 3) nr=$(col noop 3)
echo
echo "medians: tenantvet $tw s, $(awk -v k="$tr" 'BEGIN { printf "%.0f", k / 1024 }') MB; noop $nw s, $(awk -v k="$nr" 'BEGIN { printf "%.0f", k / 1024 }') MB"
awk -v a="$tw" -v b="$nw" -v c="$tr" -v d="$nr" 'BEGIN { printf "ratio: wall %.2f, peak RSS %.2f\n", a / b, c / d }'
