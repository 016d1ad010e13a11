#!/usr/bin/python3
"""Reference values of PyTorch 1.13 autograd for autograd/'s CompositeTest: one expression that chains
broadcasting arithmetic, a matrix product, permute/reshape, concat, slicing, a row gather and reductions, in
float32. Saves the inputs, the loss and the gradient of every input to
autograd/src/test/resources/dev/kiln/autograd/composite.npz.

Run from the repository root: /usr/bin/python3 tools/reference/autograd_torch.py   (Debian python3-torch 1.13.1)
"""
import numpy as np
import torch

OUT = "autograd/src/test/resources/dev/kiln/autograd/composite.npz"


def composite(a, b, c, d, rows):
    h = ((a - b) * a / (b.abs() + 1)) @ c                        # [3, 4] with [4] -> [3, 4] @ [4, 5] -> [3, 5]
    k = h + d                                                    # [3, 5] + [2, 3, 5] -> [2, 3, 5]
    m = k.permute(2, 0, 1).reshape(5, 6)                         # [5, 2, 3] -> [5, 6]
    s = torch.cat([m, m.pow(2)[:, 1:3]], dim=1)                   # [5, 8]
    g = s.index_select(0, rows)                                  # rows 4, 0, 4 -> [3, 8]
    return s.amax(dim=1).sum() + g.mean(dim=0).pow(2).sum() - torch.exp(-k.mean())


def main():
    torch.manual_seed(11)
    a = torch.randn(3, 4, requires_grad=True)
    b = torch.randn(4, requires_grad=True)
    c = torch.randn(4, 5, requires_grad=True)
    d = torch.randn(2, 3, 5, requires_grad=True)
    rows = torch.tensor([4, 0, 4])
    loss = composite(a, b, c, d, rows)
    loss.backward()
    arrays = {"a": a, "b": b, "c": c, "d": d}
    out = {k: v.detach().numpy() for k, v in arrays.items()}
    out.update({"grad_" + k: v.grad.numpy() for k, v in arrays.items()})
    out["rows"] = rows.numpy().astype(np.float32)
    out["loss"] = loss.detach().numpy()
    np.savez(OUT, **out)


if __name__ == "__main__":
    main()
