#!/usr/bin/env bash
# Regenerates expected.tsv: for every expression in expressions.txt and every capture (samples-pcap/*.pcap[ng] and
# every capture under the shared corpus), the frame numbers tshark's display filter selects. Columns: expression
# <TAB> capture <TAB> comma-separated frame numbers (empty: none; "ERROR" when tshark rejects the filter). Captures
# are named relative to the repository ("samples-pcap/...") or to the corpus ("corpus/tcp/..."; $DISSECT_CORPUS or
# ../shared/corpus). Captures tshark cannot open at all are listed in a comment line and have no rows.
#
# One tshark run per capture evaluates every expression: gen.lua creates one filtered tap per expression. A tap's
# filter is compiled and primed like -Y and sees the same single-pass tree, so it selects the same frames (checked
# pair by pair: VERIFY=N re-runs N random (expression, capture) pairs as "tshark -r F -Y EXPR" and reports any
# difference; 400 pairs, 40 of them on captures cut short, gave 0 differences with tshark 4.0.17, and the old
# one-tshark-per-pair expected.tsv of 6 captures was reproduced exactly). The one thing a tap cannot mimic is a
# field that depends on which frames were displayed (frame.time_delta_displayed): keep such fields out of
# expressions.txt. A capture cut short gives the frames tshark read before the error (as -Y prints them).
# HOME=/nonexistent keeps the user's Wireshark profile (custom protocols, preferences) out of the answers.
# ONLY=REGEX limits the run to captures whose name matches (rows of other captures are kept from the old file).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
corpus=${DISSECT_CORPUS:-$repo/../shared/corpus}
out="$here/expected.tsv"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

: > "$tmp/captures"
for f in "$repo"/samples-pcap/*.pcap "$repo"/samples-pcap/*.pcapng; do
  [ -f "$f" ] && printf '%s\t%s\n' "samples-pcap/$(basename "$f")" "$f" >> "$tmp/captures"
done
if [ -d "$corpus" ]; then
  find "$corpus" -type f \( -name '*.pcap' -o -name '*.pcapng' \) | LC_ALL=C sort | while IFS= read -r f; do
    printf '%s\t%s\n' "corpus/${f#"$corpus"/}" "$f"
  done >> "$tmp/captures"
else
  echo "corpus not found at $corpus: only samples-pcap/ captures" >&2
fi
if [ -n "${ONLY:-}" ]; then grep -E "^[^	]*(${ONLY})" "$tmp/captures" > "$tmp/c" || true; mv "$tmp/c" "$tmp/captures"; fi
grep -v '^#' "$here/expressions.txt" | grep -v '^[[:space:]]*$' > "$tmp/expressions"

run_capture() {  # $1 = line number in the captures list
  local line name path
  line=$(sed -n "$1p" "$tmp/captures"); name=${line%%	*}; path=${line#*	}
  HOME=/nonexistent tshark -q -r "$path" -X lua_script:"$here/gen.lua" \
    -X lua_script1:"$tmp/expressions" -X lua_script1:"$tmp/out.$1" > /dev/null 2> "$tmp/err.$1" || true
  if [ -f "$tmp/out.$1" ]; then
    awk -v n="$name" 'BEGIN { FS = OFS = "\t" } { print $1, n, $2 }' "$tmp/out.$1" > "$tmp/rows.$1"
  else
    printf '# unreadable by tshark: %s: %s\n' "$name" "$(grep -v 'Running as user' "$tmp/err.$1" | sed "s#$path#$name#" | tr '\n' ' ' | cut -c1-240)" > "$tmp/skip.$1"
  fi
}
export -f run_capture
export tmp here
seq 1 "$(wc -l < "$tmp/captures")" | xargs -P "$jobs" -I{} bash -c 'run_capture {}'

# Rows in expression order, then capture order.
cat "$tmp"/rows.* 2>/dev/null > "$tmp/rows" || true
if [ -n "${ONLY:-}" ] && [ -f "$out" ]; then
  cut -f1 "$tmp/captures" > "$tmp/names"
  grep -v '^#' "$out" | awk -F'\t' 'NR == FNR { redo[$1] = 1; next } !($2 in redo)' "$tmp/names" - >> "$tmp/rows"
fi
awk -F'\t' 'NR == FNR { order[$0] = NR; next } { print order[$1] "\t" $0 }' "$tmp/expressions" "$tmp/rows" \
  | LC_ALL=C sort -t'	' -k1,1n -k3,3 -s | cut -f2- > "$tmp/sorted"
{
  printf '# tshark: %s\n' "$(HOME=/nonexistent tshark --version 2>/dev/null | head -1)"
  cat "$tmp"/skip.* 2>/dev/null | LC_ALL=C sort || true
  cat "$tmp/sorted"
} > "$out"
echo "wrote $(grep -vc '^#' "$out") rows ($(wc -l < "$tmp/expressions") expressions x $(wc -l < "$tmp/captures") captures) to $out"

# VERIFY=N: compare N random pairs with one "tshark -Y" run each (the slow, reference method).
if [ "${VERIFY:-0}" -gt 0 ]; then
  bad=0
  grep -v '^#' "$out" | shuf -n "$VERIFY" > "$tmp/verify"
  while IFS='	' read -r expr name frames; do
    case $name in corpus/*) path=$corpus/${name#corpus/} ;; *) path=$repo/$name ;; esac
    if y=$(HOME=/nonexistent tshark -r "$path" -Y "$expr" -T fields -e frame.number 2>"$tmp/yerr"); then :;
    elif grep -q 'display filter\|isn.t a valid\|is not a valid\|syntax error\|neither a field' "$tmp/yerr"; then y=ERROR; fi
    y=$(printf '%s' "$y" | paste -sd, -)
    if [ "$y" != "$frames" ]; then bad=$((bad + 1)); printf 'VERIFY DIFF\t%s\t%s\ttap=%s\t-Y=%s\n' "$expr" "$name" "$frames" "$y"; fi
  done < "$tmp/verify"
  echo "verified $VERIFY random pairs against tshark -Y: $bad differ"
fi
