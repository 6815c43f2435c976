#!/usr/bin/env bash
# Regenerates expected.tsv: for every expression in expressions.txt and every capture, the frame numbers
# tshark -Y selects. Columns: expression <TAB> capture <TAB> comma-separated frame numbers (empty: none;
# "ERROR" when tshark rejects the filter). Captures are named relative to the repository
# ("samples-pcap/...") or to the shared corpus ("corpus/tcp/..."; $DISSECT_CORPUS or ../shared/corpus).
# HOME=/nonexistent keeps the user's Wireshark profile (custom protocols, preferences) out of the answers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
corpus=${DISSECT_CORPUS:-$repo/../shared/corpus}
out="$here/expected.tsv"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 4)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

: > "$tmp/captures"
for f in "$repo"/samples-pcap/*.pcap "$repo"/samples-pcap/*.pcapng; do
  [ -f "$f" ] && printf '%s\t%s\n' "samples-pcap/$(basename "$f")" "$f" >> "$tmp/captures"
done
for d in tcp arp icmp ipv4 ipv6 vlan; do
  for f in "$corpus/$d"/*.pcap "$corpus/$d"/*.pcapng; do
    [ -f "$f" ] && printf '%s\t%s\n' "corpus/$d/$(basename "$f")" "$f" >> "$tmp/captures"
  done
done

# ONLY=REGEX limits the run to captures whose name matches (the full matrix takes long on a loaded machine).
if [ -n "${ONLY:-}" ]; then grep -E "^[^\t]*(${ONLY})" "$tmp/captures" > "$tmp/captures.only" || true; mv "$tmp/captures.only" "$tmp/captures"; fi

n=0
grep -v '^#' "$here/expressions.txt" | grep -v '^[[:space:]]*$' | while IFS= read -r expr; do
  while IFS="$(printf '\t')" read -r name path; do
    n=$((n + 1))
    printf '%s\n%s\n%s\n' "$expr" "$name" "$path" > "$tmp/job.$(printf '%06d' $n)"
  done < "$tmp/captures"
done

run_one() {
  job=$1
  expr=$(sed -n 1p "$job"); name=$(sed -n 2p "$job"); path=$(sed -n 3p "$job")
  if frames=$(HOME=/nonexistent tshark -r "$path" -Y "$expr" -T fields -e frame.number 2>/dev/null); then
    frames=$(printf '%s' "$frames" | paste -sd, -)
  else
    frames=ERROR
  fi
  printf '%s\t%s\t%s\n' "$expr" "$name" "$frames" > "$job.out"
}
export -f run_one
find "$tmp" -name 'job.*' ! -name '*.out' | sort | xargs -P "$jobs" -I{} bash -c 'run_one "$1"' _ {}

{
  printf '# tshark: %s\n' "$(HOME=/nonexistent tshark --version 2>/dev/null | head -1)"
  find "$tmp" -name 'job.*.out' | sort | xargs cat
} > "$out"
echo "wrote $(($(wc -l < "$out") - 1)) rows to $out"
