#!/usr/bin/python3
"""PyTorch side of `./kiln bench nn`: one-epoch times of the MLP 784-256-10 and the LeNet-like CNN.

Same work as dev.kiln.nn.NnBenchmark: Fashion-MNIST from Debian's dataset-fashion-mnist package
(/usr/share/datasets/fashion-mnist, pixels / 255 as float32) or, when it is absent, 60,000 + 10,000 random
images of the same shape; 2 threads; the MLP (Linear 784-256, ReLU, Linear 256-10) trained with SGD lr 0.05
momentum 0.9, batch 128; the CNN (conv 1->6 5x5 pad 2, ReLU, max-pool 2, conv 6->16 5x5, ReLU, max-pool 2, flatten,
Linear 400-120, ReLU, Linear 120-84, ReLU, Linear 84-10) with SGD lr 0.02 momentum 0.9, batch 64; softmax
cross-entropy; rows shuffled each epoch. Prints one line per model:
    <model> <median epoch seconds> <test accuracy after the epochs> <epochs>

Run: GOMP_SPINCOUNT=20000 /usr/bin/python3 tools/reference/bench_nn.py [epochs]   (PyTorch 1.13; `./kiln bench nn`
runs it with Kiln's own OpenMP settings, the launcher's GOMP_SPINCOUNT=20000 unless you set others)
"""
import gzip
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn

FOLDER = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(os.path.join(FOLDER, name)) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load():
    if os.path.isdir(FOLDER):
        x = idx("train-images-idx3-ubyte.gz").reshape(-1, 784)
        y = idx("train-labels-idx1-ubyte.gz")
        xt = idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784)
        yt = idx("t10k-labels-idx1-ubyte.gz")
    else:
        rng = np.random.default_rng(0)
        x, xt = rng.integers(0, 256, (60000, 784), dtype=np.uint8), rng.integers(0, 256, (10000, 784), dtype=np.uint8)
        y, yt = rng.integers(0, 10, 60000), rng.integers(0, 10, 10000)
    to_x = lambda a: torch.from_numpy(a.astype(np.float32) / 255)
    return to_x(x), torch.from_numpy(y.astype(np.int64)), to_x(xt), torch.from_numpy(yt.astype(np.int64))


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


def cnn():
    return nn.Sequential(
        nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def run(name, model, optimizer, batch, epochs, data):
    x, y, xt, yt = data
    loss_fn = nn.CrossEntropyLoss()
    times = []
    for epoch in range(epochs):
        g = torch.Generator().manual_seed(epoch)
        start = time.perf_counter()
        perm = torch.randperm(len(x), generator=g)
        xs, ys = x[perm], y[perm]
        for i in range(0, len(xs), batch):
            optimizer.zero_grad()
            loss = loss_fn(model(xs[i:i + batch]), ys[i:i + batch])
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (model(xt).argmax(1) == yt).float().mean().item()
    print("%s %.4f %.4f %d" % (name, statistics.median(times), accuracy, epochs))
    sys.stdout.flush()


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    torch.set_num_threads(2)
    torch.manual_seed(0)
    data = load()
    m = mlp()
    run("mlp", m, torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9), 128, epochs, data)
    c = cnn()
    run("cnn", c, torch.optim.SGD(c.parameters(), lr=0.02, momentum=0.9), 64, epochs, data)


if __name__ == "__main__":
    main()
