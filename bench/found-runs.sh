#!/usr/bin/env bash
# How often `facenet embed PHOTO` with default options finds a face, over RUNS separate runs,
# and how many different results (box and embedding) those runs gave:
#   bench/found-runs.sh RUNS PHOTO...
# messi5.jpg and astronaut.png as .ci/run extracts them, with half-size copies:
#   d=~/.cache/facenet4j/photos; java bench/Half.java $d/messi5.jpg /tmp/half-messi5.png
#   java bench/Half.java $d/astronaut.png /tmp/half-astronaut.png
#   bench/found-runs.sh 20 $d/messi5.jpg /tmp/half-messi5.png $d/astronaut.png /tmp/half-astronaut.png
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
facenet="${FACENET:-./facenet}"   # FACENET=path/bin/facenet runs an installed copy
runs="$1"
shift
for photo in "$@"; do
  found=0
  results=""
  for ((i = 0; i < runs; i++)); do
    if out="$("$facenet" embed "$photo" --json 2>/dev/null)"; then
      found=$((found + 1))
      results+="$(printf '%s' "$out" | sha256sum | cut -c1-16)"$'\n'
    fi
  done
  distinct="$(printf '%s' "$results" | sort -u | grep -c . || true)"
  echo "$(basename "$photo"): a face in $found of $runs runs, $distinct distinct result(s)"
done
