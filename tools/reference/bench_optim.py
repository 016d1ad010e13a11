#!/usr/bin/python3
"""torch.optim's side of `kiln bench optim` (plugins/optim OptimBenchmark).

The time of one opt.step() on one float32 tensor of --size parameters with a fixed gradient, for each named
case (the same labels and options as OptimBenchmark.CASES), the median of --runs steps after --warmup steps,
with torch.set_num_threads(--threads). Prints one line per case: "result <label> <milliseconds>".

Run: /usr/bin/python3 tools/reference/bench_optim.py --threads 2 --size 10000000 --runs 21 --warmup 20 adam
(PyTorch 1.13.0, Debian python3-torch 1.13.1)
"""
import argparse
import statistics
import sys
import time

CASES = {
    "sgd": lambda t, p: t.optim.SGD(p, lr=0.01),
    "sgd-momentum": lambda t, p: t.optim.SGD(p, lr=0.01, momentum=0.9),
    "sgd-nesterov-decay": lambda t, p: t.optim.SGD(p, lr=0.01, momentum=0.9, nesterov=True, weight_decay=1e-4),
    "adagrad": lambda t, p: t.optim.Adagrad(p),
    "adadelta": lambda t, p: t.optim.Adadelta(p),
    "rmsprop": lambda t, p: t.optim.RMSprop(p),
    "rmsprop-centered-momentum": lambda t, p: t.optim.RMSprop(p, centered=True, momentum=0.9),
    "adam": lambda t, p: t.optim.Adam(p),
    "adam-amsgrad": lambda t, p: t.optim.Adam(p, amsgrad=True),
    "adamw": lambda t, p: t.optim.AdamW(p),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed for /usr/bin/python3 (apt-get install python3-torch)")
        sys.exit(3)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        print("unknown cases: %s" % ", ".join(unknown))
        sys.exit(2)
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(42)
    value = torch.rand(args.size, generator=generator)
    gradient = torch.rand(args.size, generator=generator) - 0.5
    for label in args.cases:
        param = torch.nn.Parameter(value)
        param.grad = gradient
        opt = CASES[label](torch, [param])
        for _ in range(args.warmup):
            opt.step()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            opt.step()
            times.append((time.perf_counter() - start) * 1e3)
        print("result %s %.4f" % (label, statistics.median(times)), flush=True)
        del opt


if __name__ == "__main__":
    main()
