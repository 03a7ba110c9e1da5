#!/usr/bin/python3
"""Peer run for `facenet bench search`: hnswlib and exact search on the very same vectors.

Reads the file `facenet bench search --write-vectors FILE` wrote (three little-endian int32:
N, Q, d; then N x d float32 gallery rows; then Q x d float32 query rows), builds an hnswlib
index (inner product on the unit vectors, which ranks like squared L2; M, ef_construction and
build threads as given), then times single-thread queries at each ef and prints the same
table as the Java side: recall@1 against exact search, p50 / p99 / mean latency, and the
median CPU time of the querying thread (which leaves out waiting for a core on a busy machine).

Needs Debian's python3-numpy and python3-hnswlib (python3-faiss optional, for the exact
search: otherwise numpy). Run with the system Python: /usr/bin/python3 bench/ann_peer.py FILE
"""
import argparse
import os
import resource
import struct
import sys
import tempfile
import time

import numpy as np


def read_vectors(path):
    with open(path, "rb") as f:
        n, q, d = struct.unpack("<iii", f.read(12))
    data = np.fromfile(path, dtype="<f4", offset=12)
    if data.size != (n + q) * d:
        sys.exit(f"{path}: expected {(n + q) * d} floats after the header, found {data.size}")
    data = data.reshape(n + q, d)
    return np.ascontiguousarray(data[:n]), np.ascontiguousarray(data[n:])


def exact_top1(base, queries):
    """Index of each query's nearest row by squared L2, and the median single-query time (ms)."""
    try:
        import faiss
        index = faiss.IndexFlatL2(base.shape[1])
        index.add(base)
        faiss.omp_set_num_threads(1)
        _, top = index.search(queries, 1)
        times = []
        for i in range(min(21, len(queries))):
            t = time.perf_counter()
            index.search(queries[i:i + 1], 1)
            times.append((time.perf_counter() - t) * 1e3)
        return top[:, 0], float(np.median(times)), "faiss IndexFlatL2"
    except ImportError:
        norms = (base * base).sum(axis=1)
        top = np.empty(len(queries), dtype=np.int64)
        for start in range(0, len(queries), 64):
            block = queries[start:start + 64]
            top[start:start + 64] = np.argmin(norms[None, :] - 2 * block @ base.T, axis=1)
        times = []
        for i in range(min(21, len(queries))):
            t = time.perf_counter()
            np.argmin(norms - 2 * base @ queries[i])
            times.append((time.perf_counter() - t) * 1e3)
        return top, float(np.median(times)), "numpy"


def process_cpu_s():
    """CPU time of this process, all threads (the build's two), user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(sorted_ms, p):
    """Nearest-rank percentile, as the Java side computes it."""
    rank = int(np.ceil(p * len(sorted_ms)))
    return sorted_ms[max(0, min(len(sorted_ms) - 1, rank - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vectors", help="the file facenet bench search --write-vectors wrote")
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=200)
    parser.add_argument("--ef", default="32,64,128,256")
    parser.add_argument("--build-threads", type=int, default=2)
    args = parser.parse_args()

    import hnswlib

    base, queries = read_vectors(args.vectors)
    n, d = base.shape
    truth, exact_ms, exact_how = exact_top1(base, queries)

    index = hnswlib.Index(space="ip", dim=d)
    index.init_index(max_elements=n, M=args.m, ef_construction=args.ef_construction, random_seed=100)
    index.set_num_threads(args.build_threads)
    start = time.perf_counter()
    cpu_start = process_cpu_s()
    index.add_items(base, np.arange(n))
    build_s = time.perf_counter() - start
    build_cpu_s = process_cpu_s() - cpu_start
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "index.bin")
        index.save_index(path)
        size_mb = os.path.getsize(path) / 1e6

    index.set_num_threads(1)
    efs = [int(e) for e in args.ef.split(",")]
    index.set_ef(max(efs))
    for i in range(min(300, len(queries))):  # warm-up, as the Java side does
        index.knn_query(queries[i:i + 1], k=1)
    rows = []
    for ef in efs:
        index.set_ef(ef)
        ms = np.empty(len(queries))
        cpu_ms = np.empty(len(queries))
        hits = 0
        for i in range(len(queries)):
            c = time.thread_time()
            t = time.perf_counter()
            labels, _ = index.knn_query(queries[i:i + 1], k=1)
            ms[i] = (time.perf_counter() - t) * 1e3
            cpu_ms[i] = (time.thread_time() - c) * 1e3
            hits += int(labels[0, 0] == truth[i])
        mean = float(ms.mean())
        ms.sort()
        cpu_ms.sort()
        rows.append((ef, hits / len(queries), percentile(ms, 0.5), percentile(ms, 0.99), mean,
                     percentile(cpu_ms, 0.5)))

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"hnswlib {hnswlib.__version__ if hasattr(hnswlib, '__version__') else ''}: {n} x {d}, {len(queries)} queries;"
          f" M {args.m}, ef_construction {args.ef_construction}")
    print(f"build on {args.build_threads} threads {n / build_s:.0f} embeddings/s ({build_s:.1f} s;"
          f" {n / build_cpu_s:.0f} per CPU-second);"
          f" index file {size_mb:.1f} MB; peak RSS {rss_mb:.0f} MB")
    print(f"exact search ({exact_how}, one query, one thread): {exact_ms:.2f} ms")
    print(f"{'EF':<8}{'RECALL@1':<10}{'P50 ms':<8}{'P99 ms':<8}{'MEAN ms':<9}CPU P50 ms")
    for ef, recall, p50, p99, mean, cpu_p50 in rows:
        print(f"{ef:<8}{recall:<10.3f}{p50:<8.3f}{p99:<8.3f}{mean:<9.3f}{cpu_p50:.3f}")


if __name__ == "__main__":
    main()
