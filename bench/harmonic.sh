#!/usr/bin/env bash
# Harmonic embeddings (FaceNet §7, issue 14) on Fashion-MNIST: trains v1, a v2 harmonically with
# v1 (--harmonic-with) and the same v2 without the harmonic loss, embeds the official test split
# with each (facenet embed --dataset), and compares the versions with `facenet bench harmonic`
# (v1↔v1, v2↔v1, v2↔v2 on the same pairs of a seeded sample; one HTML page, the ROC curves on one plot).
# Fixed step counts, not minutes, so the load on the machine does not change the result.
# Usage: bench/harmonic.sh [--arch NAME] [--v1-arch NAME] [--v2-lr RATE] [--k K] [--steps N] [--images N] [--out DIR]
#   (defaults: small-cnn for both, train's --lr for both, 240 steps each, 3000 test images,
#   /tmp/facenet-harmonic; --k sets the images per identity of every run's P x K batches (train's
#   default 32); small-inception trains on djl only at --v2-lr 1e-4 and --k 16 or less)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
facenet="${FACENET:-./facenet}"   # FACENET=path/bin/facenet runs an installed copy
arch=small-cnn
v1_arch=small-cnn
steps=240
v2_lr=()
batch=()
images=3000
out=/tmp/facenet-harmonic
while [[ $# -gt 0 ]]; do
  case "$1" in
    --arch) arch="$2"; shift 2 ;;
    --v1-arch) v1_arch="$2"; shift 2 ;;
    --v2-lr) v2_lr=(--lr "$2"); shift 2 ;;
    --k) batch=(--k "$2"); shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "facenet: bench/harmonic.sh: unknown option $1 (known: --arch, --v1-arch, --v2-lr, --k, --steps, --images, --out)" >&2; exit 2 ;;
  esac
done
if [[ -e "$out" ]]; then
  echo "facenet: bench/harmonic.sh: $out exists; remove it or give another --out" >&2
  exit 2
fi
mkdir -p "$out"
train() {  # train NAME OPTION...: trains into $out/NAME (summary NAME.txt, stderr NAME.log), prints the wall time
  local name="$1"; shift
  local t0; t0=$(date +%s.%N)
  "$facenet" train --dataset fashion-mnist --dimension 64 --miner semi-hard --steps "$steps" --validate-every 0 \
    "${batch[@]}" --out "$out/$name" "$@" > "$out/$name.txt" 2> "$out/$name.log"
  printf '%s: %.0f s wall; %s\n' "$name" "$(echo "$(date +%s.%N) - $t0" | bc)" "$(tail -n 2 "$out/$name.txt" | head -n 1)"
}
train v1 --arch "$v1_arch" --seed 1
train v2-harmonic --arch "$arch" --seed 2 "${v2_lr[@]}" --harmonic-with "$out/v1"
train v2-independent --arch "$arch" --seed 2 "${v2_lr[@]}"
for model in v1 v2-harmonic v2-independent; do
  "$facenet" embed --model "$out/$model" --dataset fashion-mnist:test --out "$out/$model.csv" 2>> "$out/embed.log"
done
grep 'harmonic-triplet' "$out/v2-harmonic.log" || true
"$facenet" bench harmonic --v1 "$out/v1.csv" --v2 "$out/v2-harmonic.csv" --independent "$out/v2-independent.csv" \
  --images "$images" --report "$out/harmonic.html" | tee "$out/bench.txt"
