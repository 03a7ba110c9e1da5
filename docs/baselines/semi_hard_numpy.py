"""Straightforward numpy semi-hard miner: the baseline docs/BENCHMARKS.md compares against.

Same batch recipe as `facenet bench mining` (45 identities x 40 faces, 128-d,
normalize(c + sigma*g/sqrt(d)), sigma 1.4); same rule as the `semi-hard` plugin with
selection=closest: per anchor the negatives' distances are sorted once, and per positive
a binary search finds the closest negative farther than the positive, kept if it lies
inside the margin. Run: python3 docs/baselines/semi_hard_numpy.py
"""
import time

import numpy as np


def batch(identities=45, per_identity=40, dim=128, spread=1.4, seed=1):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((identities, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    x = np.repeat(centres, per_identity, axis=0)
    x += spread / np.sqrt(dim) * rng.standard_normal(x.shape)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32), np.repeat(np.arange(identities), per_identity)


def semi_hard(x, labels, margin=0.2):
    sq = np.einsum("ij,ij->i", x, x)
    d = np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0)
    anchors, chosen_pos, chosen_neg = [], [], []
    for a in range(len(x)):
        same = labels == labels[a]
        negatives = np.flatnonzero(~same)
        order = np.argsort(d[a, negatives])
        sorted_neg = d[a, negatives][order]
        positives = np.flatnonzero(same)
        positives = positives[positives != a]
        dap = d[a, positives]
        k = np.searchsorted(sorted_neg, dap, side="right")
        ok = (k < len(sorted_neg))
        ok[ok] &= sorted_neg[k[ok]] < dap[ok] + margin
        anchors.append(np.full(ok.sum(), a))
        chosen_pos.append(positives[ok])
        chosen_neg.append(negatives[order[k[ok]]])
    return np.concatenate(anchors), np.concatenate(chosen_pos), np.concatenate(chosen_neg)


def main():
    x, labels = batch()
    for _ in range(5):
        semi_hard(x, labels)
    times = []
    for _ in range(30):
        start = time.perf_counter()
        found = semi_hard(x, labels)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"numpy {np.__version__} semi-hard on {x.shape[0]} x {x.shape[1]}: median {times[15]:.1f} ms, "
          f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms, {len(found[0])} triplets")


if __name__ == "__main__":
    main()
