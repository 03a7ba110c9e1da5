#!/usr/bin/env bash
# GPU check of every backend, for a machine with an NVIDIA GPU (CUDA 12 + cuDNN 9 for ONNX
# Runtime's GPU build, CUDA 11.6 for ND4J's): builds the distribution with -Pcuda and prints per
# backend
#   - GPU-vs-CPU parity: max |Δ| between its --device gpu embeddings of face-api's aligned
#     fixture crops and onnx's on the CPU (must be ≤ 1e-3),
#   - faces/s of `facenet bench embed` at batch 1, 32 and 256 on the GPU,
#   - training images/s of the Fashion-MNIST recipe (small-cnn, semi-hard, 1 minute) on the GPU.
# A backend whose GPU natives are missing prints its one-line reason and the check goes on.
# Usage: bench/gpu-check.sh [MINUTES]   (training minutes per backend, default 1)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MINUTES="${1:-1}"
if ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU here (nvidia-smi -L failed); run this on a machine with one" >&2
  exit 2
fi
nvidia-smi -L
cd "$ROOT"
echo "gpu-check: building with -Pcuda ..."
if ! mvn -B -q -Pcuda -DskipTests package >/tmp/gpu-check-build.log 2>&1; then
  tail -n 30 /tmp/gpu-check-build.log >&2
  exit 2
fi
FACENET="$ROOT/distribution/target/facenet/bin/facenet"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/crops"
java "$ROOT/bench/AlignedParity.java" png "$ROOT/models/src/test/resources/parity" "$WORK/crops"
"$FACENET" embed --aligned --backend onnx --device cpu --out "$WORK/cpu.csv" "$WORK"/crops/*.png 2>/dev/null

for backend in onnx dl4j djl; do
  echo "=== $backend ==="
  if ! "$FACENET" embed --aligned --backend "$backend" --device gpu --out "$WORK/$backend-gpu.csv" \
      "$WORK"/crops/*.png 2>"$WORK/err.txt"; then
    grep '^facenet:' "$WORK/err.txt" | head -n 1
    continue
  fi
  echo -n "parity, $backend on the GPU vs onnx on the CPU: "
  java "$ROOT/bench/AlignedParity.java" diff "$WORK/cpu.csv" "$WORK/$backend-gpu.csv"
  "$FACENET" bench embed --backend "$backend" --device gpu --batch 1,32,256 2>&1 | grep -v '^warning'
  if [ "$backend" != onnx ]; then
    "$FACENET" train --backend "$backend" --device gpu --dataset fashion-mnist --arch small-cnn \
        --miner semi-hard --loss triplet --minutes "$MINUTES" --p 10 --k 32 --optimizer adam --lr 1e-3 \
        --seed 1 --out "$WORK/train-$backend" 2>&1 | grep -E 'images/s|^facenet:' | tail -n 1
  fi
done
