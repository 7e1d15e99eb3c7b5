#!/bin/sh
# bench_hotbackup: the flagship (IGMP seed with hot backup) at scale. It
# derives from scenarios/seeds/igmp-dual-device-backup.yaml a scenario with
# GROUPS groups (default 1000) at RATE packets/s each (default 10) for the
# 8 receivers, keeps only the master crash and restart, runs it SECONDS
# simulated (default 60) with failsim, and prints the wall time, the peak
# resident memory, the outage across flows and the anatomy of the crash
# (ASIC programming grows with the number of groups).
#
#   tools/bench/bench_hotbackup.sh [GROUPS] [RATE] [SECONDS] [FAILSIM]
#
# FAILSIM defaults to build/tools/failsim. Needs /usr/bin/time (Debian
# package "time") for the memory figure; without it only the wall time is
# printed.
set -eu
groups=${1:-1000}
rate=${2:-10}
secs=${3:-60}
failsim=${4:-build/tools/failsim}
src=$(dirname "$0")/../../scenarios/seeds/igmp-dual-device-backup.yaml
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The seed scenario with the stream resized, no captures and two faults.
awk -v g="$groups" -v r="$rate" -v d="$secs" '
	/^name: /		{ print "name: bench-hotbackup"; next }
	/^duration: /		{ print "duration: " d "s"; next }
	/count: 40, rate: 50/	{ sub(/count: 40, rate: 50/,
				      "count: " g ", rate: " r) }
	/^faults:/		{ skip = 1
				  print "faults:"
				  print "  - { at: 10s, crash: R1 }"
				  print "  - { at: 25s, restart: R1 }"
				  next }
	/^displays:/ || /^captures:/	{ skip = 1; next }
	skip && /^[a-z]/	{ skip = 0 }
	!skip			{ print }
' "$src" > "$dir/bench.yaml"

start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "peak RSS: %M kB" "$failsim" run "$dir/bench.yaml" \
		-o "$dir/out" -q
else
	"$failsim" run "$dir/bench.yaml" -o "$dir/out" -q
fi
end=$(date +%s.%N)
echo "groups: $groups x 8 receivers at $rate pps, $secs s simulated"
echo "wall: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s"
grep -A1 "^  fault 0 multicast" "$dir/out/report.txt"
sed -n '/^faults/,/^$/p' "$dir/out/report.txt"
