#!/bin/sh
# bench_check: `failsim check` speed on a large capture written by a
# failsim scenario, beside tshark and tcpdump decoding the same file. The
# capture is the master LAN port of the IGMP hot-backup seed (VRRP, BFD,
# IGMP, PIM, ARP and 2,000 multicast flows; about 2.5 M frames, 200 MB),
# or CAPTURE when given. Each tool runs RUNS times (default 3); the best
# wall time is kept and frames per second printed.
#
#   tools/bench/bench_check.sh [FAILSIM] [CAPTURE] [RUNS]
#
# failsim check: every rule module, text report to /dev/null.
# tshark -r FILE: full dissection and one summary line per frame.
# tcpdump -r FILE -nn -v: decode and print every frame.
set -eu
failsim=${1:-build/tools/failsim}
cap=${2:-}
runs=${3:-3}
top=$(dirname "$0")/../..
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

if [ -z "$cap" ]; then
	echo "generating the capture (seed scenario, 180 s simulated)..."
	"$failsim" run "$top/scenarios/seeds/igmp-dual-device-backup.yaml" \
		-o "$dir/run" -q >/dev/null
	cap="$dir/run/r1-lan.pcap"
fi
frames=$(capinfos -M -c "$cap" 2>/dev/null | awk '/Number of packets/ {print $NF}')
[ -n "$frames" ] || frames=$(tcpdump -r "$cap" -nn 2>/dev/null | wc -l)
echo "capture: $cap ($(du -h "$cap" | cut -f1), $frames frames)"

# best wall time in seconds of RUNS runs of "$@" (output discarded)
best() {
	b=""
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}

report() {
	printf "%-28s %8.2f s %12.0f frames/s\n" "$1" "$2" \
		"$(echo "$frames / $2" | bc -l)"
}

t=$(best "$failsim" check "$cap" --output "$dir/report.txt")
report "failsim check" "$t"
"$failsim" check "$cap" | tail -3
if command -v tshark >/dev/null; then
	report "tshark -r" "$(best tshark -n -r "$cap")"
fi
if command -v tcpdump >/dev/null; then
	report "tcpdump -r -nn -v" "$(best tcpdump -r "$cap" -nn -v)"
fi
