#!/usr/bin/env bash
# Embeds face-api's aligned fixture crops (models/src/test/resources/parity) with two backends
# through `facenet embed --aligned` and prints the largest |difference| of their embeddings.
# Usage: bench/aligned-parity.sh [BACKEND_A] [BACKEND_B]   (default: onnx dl4j)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
A="${1:-onnx}"
B="${2:-dl4j}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/crops"
java "$ROOT/bench/AlignedParity.java" png "$ROOT/models/src/test/resources/parity" "$WORK/crops"
for backend in "$A" "$B"; do
  "$ROOT/facenet" embed --aligned --backend "$backend" --out "$WORK/$backend.csv" "$WORK"/crops/*.png
done
echo -n "$A vs $B on the aligned fixture crops: "
java "$ROOT/bench/AlignedParity.java" diff "$WORK/$A.csv" "$WORK/$B.csv"
