#!/usr/bin/env bash
# Throughput of 'ntk4j kernel --spark local[2]' against the local builder on the same machine, for the
# README's sizing notes: CNN-GAP-21 and Myrtle-10 on CIFAR-sized random inputs (32x32x3), FCN-8 on
# MNIST-sized ones (784). Needs numpy and a build (mvn -B -q package -DskipTests).
# Usage: kernel-spark/sizing/measure.sh [N_CNN] [N_MYRTLE] [N_FCN]
# The pooled networks use tiles of 8 and one tile per task, so that a few dozen images make enough
# tasks for both cores; the FCN uses the default tiles of 32 (one row of tiles per task).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
root=$(dirname "$(dirname "$here")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n_cnn=${1:-24} n_myrtle=${2:-32} n_fcn=${3:-4000}
python3 - "$work" "$n_cnn" "$n_myrtle" "$n_fcn" <<'PY'
import sys, numpy as np
d, a, b, c = sys.argv[1], *map(int, sys.argv[2:])
r = np.random.default_rng(0)
np.save(f"{d}/cnn.npy", r.standard_normal((a, 32, 32, 3)))
np.save(f"{d}/myrtle.npy", r.standard_normal((b, 32, 32, 3)))
np.save(f"{d}/fcn.npy", r.standard_normal((c, 784)))
PY
for case in "cnn_gap_21 cnn 8 1" "myrtle_10 myrtle 8 1" "fcn_8 fcn 32 4"; do
    set -- $case
    for mode in local spark; do
        extra=(--tile-size "$3" --threads 2)
        [ "$mode" = spark ] && extra=(--tile-size "$3" --tiles-per-task "$4" --spark 'local[2]')
        echo "== $1 $mode"
        "$root/bin/ntk4j" kernel --spec "$here/$1.json" --x1 "$work/$2.npy" --out "$work/k.npz" "${extra[@]}" 2>&1 \
            | grep -E '^(spark )?nngp\+ntk: |^ntk4j kernel:'
    done
done
