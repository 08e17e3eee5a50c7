#!/usr/bin/env bash
# End-to-end benchmark of tenantvet against a no-op analyzer.
#
#   bash bench/run.sh                       # all three sizes, 3 runs per pair
#   R=5 SIZES="small medium" bash bench/run.sh
#
# For each size it generates a synthetic module (bench/gen), then measures
# wall time, CPU time (user+sys, children included) and peak RSS (GNU time's
# %M: the largest single process of the run) of tenantvet and of the floor,
# bench/noop built without a fact type: an analyzer that does nothing, what
# any go/analysis pass that needs no facts costs on the same packages with
# the same driver. The facts floor, bench/noop with a fact type, is reported
# too: under go vet a fact type makes the tool run on every dependency, so
# that is the fair floor there. Each round runs every tool once, in an
# order that rotates from round to round, so that drift in the machine's
# load falls on all tools alike.
#
# Modes:
#   standalone  tenantvet ./...  vs  noop ./...   (GOCACHE warmed by one untimed run)
#   vet-fresh   go vet -vettool=X ./...  with an empty GOCACHE per run, as the
#               issue asks: vet's result cache hides no work, but every run
#               also compiles the standard library packages the module needs.
#   vet-warm    go vet -vettool=X ./...  with a fresh copy, per run, of a
#               GOCACHE that `go build ./...` warmed: no compiling, and no
#               cached vet results either, so every tool run is real.
# Every run, in every mode, starts with an empty TENANTVET_CACHE, so that
# the query model is replayed and cached within the run.
# After the timed vet-warm runs, one more run per tool wraps each tool
# process in GNU time, for the tools' own peak RSS and CPU time (the timed
# runs are not wrapped, so that the wrapper does not blur their wall time).
#
# Environment:
#   R=3                     runs per tool, size and mode (medians are reported)
#   SIZES="small medium large"
#   MODES="standalone vet-fresh vet-warm"
#   RUN_TIMEOUT=600         seconds; a run that takes longer is killed, and the
#                           size's remaining runs in that mode are skipped
#   WORK=dir                where to build and generate (default: a new temp
#                           dir, removed at the end unless KEEP=1)
#   PROFILE=1               also write a CPU profile of one standalone tenantvet
#                           run on the medium module and print its top functions
#
# Sizes (packages × queries, tenant tables, migration files):
#   small  20 × 1,000, 20 tables, 20 files
#   medium 100 × 4,000, 60 tables, 100 files
#   large  300 × 10,000, 150 tables, 300 files
#
# It prints everything on standard output. A measurement never fails the
# script: findings, slow runs and missed targets exit 0. Only a failure to
# set up (a build that fails, GNU time missing) exits 1.

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
R=${R:-3}
SIZES=${SIZES:-small medium large}
MODES=${MODES:-standalone vet-fresh vet-warm}
RUN_TIMEOUT=${RUN_TIMEOUT:-600}
TOOLS=(tenantvet noop noop-nofacts)

declare -A SPEC=(
	[small]="20 1000 20 20"
	[medium]="100 4000 60 100"
	[large]="300 10000 150 300"
)

die() { echo "run.sh: $*" >&2; exit 1; }

if [[ ! -x /usr/bin/time ]]; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "installing GNU time (apt-get install time)"
		apt-get install -y -qq time >/dev/null || die "GNU time is missing and apt-get install time failed"
	else
		die "GNU time (/usr/bin/time) is missing; install the 'time' package"
	fi
fi

if [[ -z ${WORK:-} ]]; then
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/tenantvet-bench.XXXXXX")
	[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/bin"
BIN=$WORK/bin
RES=$WORK/results.tsv
TOOLRES=$WORK/tools.tsv
: >"$RES"
: >"$TOOLRES"

echo "== tenantvet end-to-end benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(go version); golang.org/x/tools $(cd "$ROOT" && go list -m -f '{{.Version}}' golang.org/x/tools)"
echo "runs per tool, size and mode: $R; sizes: $SIZES; modes: $MODES"
echo "work directory: $WORK"
echo

echo "== building tenantvet, noop, noop-nofacts and gen"
(
	cd "$ROOT" &&
		go build -o "$BIN/tenantvet" ./cmd/tenantvet &&
		go build -o "$BIN/noop" ./bench/noop &&
		go build -ldflags=-X=main.facts=false -o "$BIN/noop-nofacts" ./bench/noop &&
		go build -o "$BIN/gen" ./bench/gen
) || die "build failed"
for t in "${TOOLS[@]}"; do
	# The wrapper for the untimed per-process run: GNU time around each
	# tool process that go vet starts.
	cat >"$BIN/wrap-$t" <<EOF
#!/bin/sh
exec /usr/bin/time -a -o "\$BENCH_TOOL_LOG" -f '%e %U %S %M' "$BIN/$t" "\$@"
EOF
	chmod +x "$BIN/wrap-$t"
done
echo

# The synthetic modules need nothing outside the standard library, and no
# go.work or GOFLAGS of the caller's should reach them.
export GOWORK=off GOFLAGS= GOTOOLCHAIN=local

# median reads numbers, one a line, and prints their median, or - for none.
median() {
	sort -g | awk '{a[NR] = $1} END {
		if (NR == 0) { print "-"; exit }
		if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# col SIZE MODE TOOL N prints column N of the matching results, one a line.
col() { awk -F'\t' -v s="$1" -v m="$2" -v t="$3" -v c="$4" '$1 == s && $2 == m && $3 == t && $8 != 124 { print $c }' "$RES"; }

# ratio A B prints A/B with two decimals, or - when either is missing.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

# measure SIZE MODE TOOL RUN CMD... runs CMD in the size's module under GNU
# time and records wall seconds, peak RSS and the number of findings.
# It returns 124 when the run timed out.
measure() {
	local size=$1 mode=$2 tool=$3 run=$4
	shift 4
	local out=$WORK/$size/out/$mode.$tool.$run
	mkdir -p "$WORK/$size/out"
	# Every run starts with an empty query model cache, so that each one
	# pays for replaying the migrations at least once, as a CI job on a
	# fresh machine does.
	local tvcache
	tvcache=$(mktemp -d "$WORK/tvcache.XXXXXX")
	(cd "$WORK/$size/mod" && TENANTVET_CACHE=$tvcache /usr/bin/time -o "$out.time" -f '%e %M %U %S' timeout "$RUN_TIMEOUT" "$@" >"$out.stdout" 2>"$out.stderr")
	rm -rf "$tvcache"
	local rc
	rc=$(awk '/exited with non-zero status/ { print $NF }' "$out.time")
	rc=${rc:-0}
	local wall rss usr sys cpu findings
	read -r wall rss usr sys < <(tail -n 1 "$out.time")
	cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	findings=$(cat "$out.stdout" "$out.stderr" | grep -c ': TV[0-9]')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$mode" "$tool" "$run" "$wall" "$rss" "$findings" "$rc" "$cpu" >>"$RES"
	printf '  %-7s %-10s run %d  %-12s %7.2f s wall %7.2f s CPU %6.0f MB  exit %-3s findings %s\n' \
		"$size" "$mode" "$run" "$tool" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$rc" "$findings"
	if [[ $rc == 124 ]]; then
		echo "  !! $tool timed out after ${RUN_TIMEOUT}s: skipping the rest of $size $mode"
		return 124
	fi
	return 0
}

# order ROUND prints the tools rotated by ROUND, so each takes each place.
order() {
	local n=${#TOOLS[@]} i
	for ((i = 0; i < n; i++)); do printf '%s ' "${TOOLS[(i + $1) % n]}"; done
}

for size in $SIZES; do
	[[ -n ${SPEC[$size]:-} ]] || die "unknown size $size (small, medium, large)"
	read -r pkgs queries tables migs <<<"${SPEC[$size]}"
	echo "== $size: $pkgs packages, $queries queries, $tables tenant tables, $migs migration files"
	rm -rf "$WORK/$size"
	mkdir -p "$WORK/$size"
	"$BIN/gen" -dir "$WORK/$size/mod" -packages "$pkgs" -queries "$queries" -tables "$tables" -migrations "$migs" || die "gen failed"
	echo "  $(find "$WORK/$size/mod" -name '*.go' | wc -l) Go files, $(cat "$WORK/$size/mod"/internal/*/*.go | wc -l) lines of Go"
	# The warm build cache for vet-warm, and a check that the module builds.
	(cd "$WORK/$size/mod" && GOCACHE=$WORK/$size/warmcache go build ./...) || die "the $size module does not build"

	for mode in $MODES; do
		case $mode in
		standalone)
			# One untimed run per tool warms the go list cache.
			for t in "${TOOLS[@]}"; do
				(cd "$WORK/$size/mod" && GOCACHE=$WORK/$size/cache timeout "$RUN_TIMEOUT" "$BIN/$t" ./... >/dev/null 2>&1)
			done
			;;
		vet-fresh | vet-warm) ;;
		*) die "unknown mode $mode (standalone, vet-fresh, vet-warm)" ;;
		esac
		timedout=0
		for ((run = 1; run <= R; run++)); do
			for t in $(order $((run - 1))); do
				case $mode in
				standalone)
					GOCACHE=$WORK/$size/cache measure "$size" "$mode" "$t" "$run" "$BIN/$t" ./... || timedout=1
					;;
				vet-fresh)
					cache=$(mktemp -d "$WORK/gocache.XXXXXX")
					GOCACHE=$cache measure "$size" "$mode" "$t" "$run" go vet -vettool="$BIN/$t" ./... || timedout=1
					chmod -R u+w "$cache" && rm -rf "$cache"
					;;
				vet-warm)
					cache=$(mktemp -d "$WORK/gocache.XXXXXX")
					cp -a "$WORK/$size/warmcache/." "$cache/"
					GOCACHE=$cache measure "$size" "$mode" "$t" "$run" go vet -vettool="$BIN/$t" ./... || timedout=1
					chmod -R u+w "$cache" && rm -rf "$cache"
					;;
				esac
				((timedout)) && break
			done
			((timedout)) && break
		done
		if [[ $mode == vet-warm ]] && ((!timedout)); then
			# The tools' own processes: count, summed CPU, largest RSS.
			for t in "${TOOLS[@]}"; do
				cache=$(mktemp -d "$WORK/gocache.XXXXXX")
				cp -a "$WORK/$size/warmcache/." "$cache/"
				log=$WORK/$size/out/tools.$t.log
				: >"$log"
				tvcache=$(mktemp -d "$WORK/tvcache.XXXXXX")
				(cd "$WORK/$size/mod" && GOCACHE=$cache TENANTVET_CACHE=$tvcache BENCH_TOOL_LOG=$log timeout "$RUN_TIMEOUT" go vet -vettool="$BIN/wrap-$t" ./... >/dev/null 2>&1)
				chmod -R u+w "$cache" && rm -rf "$cache" "$tvcache"
				awk -v s="$size" -v t="$t" '
					NF == 4 { n++; cpu += $2 + $3; if ($4 > max) max = $4; if ($2 + $3 > top) top = $2 + $3 }
					END { printf "%s\t%s\t%d\t%.2f\t%.2f\t%d\n", s, t, n, cpu, top, max }' "$log" >>"$TOOLRES"
			done
		fi
	done
	rm -rf "$WORK/$size/cache" "$WORK/$size/warmcache"
	echo
done

if [[ ${PROFILE:-0} == 1 ]]; then
	echo "== CPU profile of one standalone tenantvet run on the medium module"
	read -r pkgs queries tables migs <<<"${SPEC[medium]}"
	rm -rf "$WORK/profile"
	"$BIN/gen" -dir "$WORK/profile" -packages "$pkgs" -queries "$queries" -tables "$tables" -migrations "$migs" >/dev/null
	(cd "$WORK/profile" && "$BIN/tenantvet" ./... >/dev/null 2>&1) # warms go list's cache
	(cd "$WORK/profile" && "$BIN/tenantvet" -cpuprofile "$WORK/cpu.pprof" ./... >/dev/null 2>&1)
	echo "  flat:"
	go tool pprof -top -nodecount=25 "$BIN/tenantvet" "$WORK/cpu.pprof" 2>/dev/null | sed 's/^/    /'
	echo "  cumulative:"
	go tool pprof -top -cum -nodecount=40 "$BIN/tenantvet" "$WORK/cpu.pprof" 2>/dev/null | sed 's/^/    /'
	echo
fi

mb() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.0f", k / 1024 }'; }
# range SIZE MODE TOOL N prints min-max of column N.
range() { col "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) print lo "-" hi; else print "-" }'; }
# sub A B prints A-B with two decimals.
sub() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.2f", a - b }'; }

echo "== wall time: medians of $R runs, seconds, with min-max"
echo "   floor = noop without a fact type, what any analyzer that needs no facts costs;"
echo "   facts floor = noop with one, which makes go vet run it on every dependency too"
printf '%-7s %-10s %7s %20s %20s %6s %12s %6s\n' size mode queries tenantvet floor ratio "facts floor" ratio
for size in $SIZES; do
	read -r pkgs queries tables migs <<<"${SPEC[$size]}"
	for mode in $MODES; do
		tw=$(col "$size" "$mode" tenantvet 5 | median)
		[[ $tw == - ]] && continue
		nw=$(col "$size" "$mode" noop-nofacts 5 | median)
		fw=$(col "$size" "$mode" noop 5 | median)
		printf '%-7s %-10s %7s %20s %20s %6s %12s %6s\n' "$size" "$mode" "$queries" \
			"$tw ($(range "$size" "$mode" tenantvet 5))" "$nw ($(range "$size" "$mode" noop-nofacts 5))" "$(ratio "$tw" "$nw")" \
			"$fw" "$(ratio "$tw" "$fw")"
	done
done
echo "target: standalone <= 1.15x the floor; go vet no worse than 1.2-1.3x the facts floor (vet-warm)"
echo

echo "== CPU time (user+sys of the whole run, children included) and peak RSS (largest single process): medians"
printf '%-7s %-10s %9s %9s %6s  %7s %7s %6s %12s %6s %9s\n' size mode "tv CPU s" "floor" ratio "tv MB" "floor" ratio "facts floor" ratio findings
for size in $SIZES; do
	for mode in $MODES; do
		tc=$(col "$size" "$mode" tenantvet 9 | median)
		[[ $tc == - ]] && continue
		nc=$(col "$size" "$mode" noop-nofacts 9 | median)
		tr=$(col "$size" "$mode" tenantvet 6 | median)
		nr=$(col "$size" "$mode" noop-nofacts 6 | median)
		fr=$(col "$size" "$mode" noop 6 | median)
		tf=$(col "$size" "$mode" tenantvet 7 | median)
		printf '%-7s %-10s %9s %9s %6s  %7s %7s %6s %12s %6s %9s\n' "$size" "$mode" "$tc" "$nc" "$(ratio "$tc" "$nc")" \
			"$(mb "$tr")" "$(mb "$nr")" "$(ratio "$tr" "$nr")" "$(mb "$fr")" "$(ratio "$tr" "$fr")" "$tf"
	done
done
echo "target: standalone peak RSS <= 1.3x the floor (under go vet the largest process may be the compiler or the go command)"
echo

if [[ -s $TOOLRES ]]; then
	echo "== the tools' own processes under go vet (one extra vet-warm run per tool, each tool process under GNU time)"
	printf '%-7s %-13s %9s %13s %14s %12s\n' size tool processes "CPU s (sum)" "CPU s (max)" "max RSS MB"
	while IFS=$'\t' read -r s t n cpu top max; do
		printf '%-7s %-13s %9s %13s %14s %12s\n' "$s" "$t" "$n" "$cpu" "$top" "$(mb "$max")"
	done <"$TOOLRES"
	echo
fi

echo "== scaling of tenantvet's own share from size to size: tenantvet minus the floor it is judged"
echo "   against (standalone: the floor; go vet: the facts floor, which runs on the same packages)"
echo "   linear in the queries: the own ratio is close to the query ratio"
printf '%-10s %-7s %7s %9s %9s %10s %10s %9s %12s\n' mode size queries "own wall" "own CPU" "wall ratio" "CPU ratio" "queries" "pkgs x migs"
for mode in $MODES; do
	prevq="" prevw="" prevc="" prevpm=""
	for size in $SIZES; do
		read -r pkgs queries tables migs <<<"${SPEC[$size]}"
		floor=noop
		[[ $mode == standalone ]] && floor=noop-nofacts
		tw=$(col "$size" "$mode" tenantvet 5 | median)
		nw=$(col "$size" "$mode" "$floor" 5 | median)
		[[ $tw == - || $nw == - ]] && continue
		ow=$(sub "$tw" "$nw")
		oc=$(sub "$(col "$size" "$mode" tenantvet 9 | median)" "$(col "$size" "$mode" "$floor" 9 | median)")
		pm=$((pkgs * migs))
		wr="-" cr="-" qr="-" pmr="-"
		if [[ -n $prevq ]]; then
			wr=$(ratio "$ow" "$prevw") cr=$(ratio "$oc" "$prevc")
			qr="x$(ratio "$queries" "$prevq")" pmr="x$(ratio "$pm" "$prevpm")"
		fi
		printf '%-10s %-7s %7s %9s %9s %10s %10s %9s %12s\n' "$mode" "$size" "$queries" "$ow" "$oc" "$wr" "$cr" "$qr" "$pmr"
		prevq=$queries prevw=$ow prevc=$oc prevpm=$pm
	done
done
if [[ -s $TOOLRES ]]; then
	echo "   the tools' own processes under go vet (CPU, from the table above):"
	prevc="" prevq="" prevpm=""
	for size in $SIZES; do
		read -r pkgs queries tables migs <<<"${SPEC[$size]}"
		tc=$(awk -F'\t' -v s="$size" '$1 == s && $2 == "tenantvet" { print $4 }' "$TOOLRES")
		nc=$(awk -F'\t' -v s="$size" '$1 == s && $2 == "noop" { print $4 }' "$TOOLRES")
		[[ -z $tc || -z $nc ]] && continue
		oc=$(sub "$tc" "$nc")
		pm=$((pkgs * migs))
		cr="-" qr="-" pmr="-"
		if [[ -n $prevq ]]; then
			cr=$(ratio "$oc" "$prevc") qr="x$(ratio "$queries" "$prevq")" pmr="x$(ratio "$pm" "$prevpm")"
		fi
		printf '%-10s %-7s %7s %9s %9s %10s %10s %9s %12s\n' "vet tools" "$size" "$queries" "" "$oc" "" "$cr" "$qr" "$pmr"
		prevq=$queries prevc=$oc prevpm=$pm
	done
fi
echo "   (an own share near 0 is within noise; pkgs x migs is what a per-process migration replay scales with)"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ${KEEP:-0} == 1 ]]; then
	echo "raw results: $RES (size mode tool run wall_s peak_rss_kb findings exit cpu_s); outputs under $WORK/<size>/out"
fi
exit 0
