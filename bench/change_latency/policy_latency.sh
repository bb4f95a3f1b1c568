#!/usr/bin/env bash
# PUT /api/v1/policy latency (docs/benchmarks.md, "Changes and their records"):
# N sequential changes on one kept-alive connection to a fresh appliance.
#   bench/change_latency/policy_latency.sh PATH/TO/mamori-appliance [N=300]
# Prints how many answered 200 and the p50/p99 of curl's time_total.
set -euo pipefail
bin="$1"; n="${2:-300}"; d="$(mktemp -d)"; port=$((20000 + RANDOM % 20000))
echo "correct horse battery" | "$bin" user add sec --role security-admin --data "$d/data" >/dev/null
"$bin" serve --data "$d/data" --listen 127.0.0.1:$port > "$d/log" 2>&1 &
pid=$!
for i in $(seq 100); do grep -q fingerprint "$d/log" && break; sleep 0.1; done
url="https://127.0.0.1:$port/api/v1"
tok=$(curl -sk -H 'Content-Type: application/json' -d '{"user":"sec","password":"correct horse battery"}' "$url/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
args=()
for i in $(seq "$n"); do args+=(-k -X PUT -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d "{\"max_concurrent_scans\": $((i % 4 + 1))}" "$url/policy" -o /dev/null -w '%{http_code} %{time_total}\n' --next); done
curl -sk "${args[@]}" -k -o /dev/null "$url/policy" > "$d/times" || true
kill $pid; wait $pid || true
grep -c '^200 ' "$d/times" | sed 's/^/200 answers: /'
grep '^200 ' "$d/times" | awk '{print $2*1000}' | sort -n | awk '{a[NR]=$1} END {printf "p50 %.2f ms  p99 %.2f ms  (n=%d)\n", a[int(NR*0.5)], a[int(NR*0.99)], NR}'
rm -rf "$d"
