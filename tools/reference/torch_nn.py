#!/usr/bin/python3
"""Reference values of PyTorch 1.13 for plugins/nn's tests: activations, losses and layers, float32.

Each case draws its inputs and parameters from torch.manual_seed(case seed), runs the PyTorch function,
back-propagates a random upstream gradient (a scalar 0.7 for losses) and saves inputs, parameters, the
upstream gradient, the output and every gradient to plugins/nn/src/test/resources/dev/kiln/nn/torch/<case>.npz
(float32; integer labels and indices as float32). The Java tests (TorchReferenceTest and the layer tests)
load the file, run the same computation on the autograd and compare to 1e-5.

Run from the repository root: /usr/bin/python3 tools/reference/torch_nn.py   (Debian python3-torch 1.13.1)
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = "plugins/nn/src/test/resources/dev/kiln/nn/torch/"


def save(name, tensors, out, upstream=None):
    """Back-propagates `upstream` through `out` and saves every tensor with its gradient."""
    if upstream is None:
        upstream = torch.randn(out.shape)
    out.backward(upstream)
    arrays = {"out": out.detach(), "upstream": upstream}
    for key, t in tensors.items():
        arrays[key] = t.detach()
        if t.requires_grad:
            arrays["grad_" + key] = t.grad
    np.savez(OUT + name + ".npz", **{k: v.numpy().astype(np.float32) for k, v in arrays.items()})


def leaf(t):
    return t.clone().requires_grad_(True)


def activations():
    for i, (name, f) in enumerate([
            ("sigmoid", torch.sigmoid), ("relu", F.relu), ("leaky_relu", lambda x: F.leaky_relu(x, 0.05)),
            ("tanh", torch.tanh), ("softmax", lambda x: F.softmax(x, dim=1)),
            ("softmax_t", lambda x: F.softmax(x / 0.5, dim=0)), ("log_softmax", lambda x: F.log_softmax(x, dim=1)),
            ("glu", lambda x: F.glu(x, dim=-1)), ("silu", F.silu), ("gelu", F.gelu)]):
        torch.manual_seed(100 + i)
        x = leaf(torch.randn(4, 6) * 2)
        save("act_" + name, {"x": x}, f(x))


def losses():
    g = torch.tensor(0.7)
    torch.manual_seed(200)
    p, t = leaf(torch.randn(5, 3)), torch.randn(5, 3)
    save("loss_mse", {"p": p, "t": t}, F.mse_loss(p, t), g)
    torch.manual_seed(201)
    p, t = leaf(torch.sigmoid(torch.randn(2, 6) * 2)), torch.rand(2, 6)
    save("loss_bce", {"p": p, "t": t}, F.binary_cross_entropy(p, t), g)
    torch.manual_seed(202)
    x, t = leaf(torch.randn(4, 3) * 3), torch.randint(0, 2, (4, 3)).float()
    save("loss_bce_logits", {"x": x, "t": t}, F.binary_cross_entropy_with_logits(x, t), g)
    torch.manual_seed(203)
    x, y = leaf(torch.randn(6, 5) * 2), torch.tensor([4, 0, 2, 2, 1, 3])
    save("loss_ce", {"x": x, "y": y.float()}, F.cross_entropy(x, y), g)
    x, y = leaf(x.detach()), torch.tensor([4, -100, 2, 2, -100, 3])
    save("loss_ce_smooth_ignore", {"x": x, "y": y.float()},
         F.cross_entropy(x, y, label_smoothing=0.1, ignore_index=-100), g)
    x, q = leaf(x.detach()), F.softmax(torch.randn(6, 5), dim=1)
    save("loss_ce_probabilities", {"x": x, "q": q}, F.cross_entropy(x, q), g)
    torch.manual_seed(204)
    l, y = leaf(F.log_softmax(torch.randn(6, 5), dim=1)), torch.tensor([1, 1, 0, 4, 3, 2])
    save("loss_nll", {"l": l, "y": y.float()}, F.nll_loss(l, y), g)
    torch.manual_seed(205)
    l, t = leaf(F.log_softmax(torch.randn(4, 5), dim=1)), F.softmax(torch.randn(4, 5) * 2, dim=1)
    t[1, 2] = 0
    save("loss_kl", {"l": l, "t": t}, F.kl_div(l, t, reduction="batchmean"), g)


def layers():
    torch.manual_seed(300)
    for name, shape in [("dense", (4, 5)), ("dense_seq", (2, 4, 5))]:
        layer = torch.nn.Linear(5, 3)
        x = leaf(torch.randn(*shape))
        save(name, {"x": x, "weight": layer.weight, "bias": layer.bias}, layer(x))
    torch.manual_seed(301)
    for name, (cin, cout, k, stride, pad, dil, hw) in {
            "conv_lenet1": (1, 6, 5, 1, 2, 1, 12), "conv_strided": (3, 4, 3, 2, 1, 1, 9),
            "conv_dilated": (2, 3, 3, 1, 2, 2, 8)}.items():
        layer = torch.nn.Conv2d(cin, cout, k, stride=stride, padding=pad, dilation=dil)
        x = leaf(torch.randn(2, cin, hw, hw))
        save(name, {"x": x, "weight": layer.weight, "bias": layer.bias}, layer(x))
    torch.manual_seed(302)
    for name, layer in {"maxpool": torch.nn.MaxPool2d(2), "maxpool_pad": torch.nn.MaxPool2d(3, 2, 1),
                        "avgpool": torch.nn.AvgPool2d(2), "avgpool_pad": torch.nn.AvgPool2d(3, 2, 1)}.items():
        x = leaf(torch.randn(2, 3, 7, 7))
        save(name, {"x": x}, layer(x))
    torch.manual_seed(303)
    for name, shape in [("batchnorm1d", (6, 4)), ("batchnorm2d", (3, 4, 5, 5))]:
        layer = torch.nn.BatchNorm1d(4) if len(shape) == 2 else torch.nn.BatchNorm2d(4)
        with torch.no_grad():
            layer.weight.uniform_(0.5, 1.5)
            layer.bias.uniform_(-0.5, 0.5)
        x = leaf(torch.randn(*shape) * 2 + 1)
        save(name, {"x": x, "weight": layer.weight, "bias": layer.bias}, layer(x))
        np.savez(OUT + name + "_running.npz", mean=layer.running_mean.numpy(), var=layer.running_var.numpy())
        layer.eval()
        x, w, b = leaf(x.detach()), leaf(layer.weight.detach()), leaf(layer.bias.detach())
        out = F.batch_norm(x, layer.running_mean, layer.running_var, w, b, training=False, eps=layer.eps)
        save(name + "_eval", {"x": x, "weight": w, "bias": b}, out)
    torch.manual_seed(304)
    layer = torch.nn.LayerNorm(6)
    with torch.no_grad():
        layer.weight.uniform_(0.5, 1.5)
        layer.bias.uniform_(-0.5, 0.5)
    x = leaf(torch.randn(2, 3, 6) * 2 + 0.5)
    save("layernorm", {"x": x, "weight": layer.weight, "bias": layer.bias}, layer(x))
    torch.manual_seed(305)
    x, w = leaf(torch.randn(4, 6) * 2), leaf(torch.rand(6) + 0.5)
    # RMSNorm as torch.nn.RMSNorm (PyTorch 2.4) computes it: x * rsqrt(mean(x^2) + eps) * weight
    save("rmsnorm", {"x": x, "weight": w}, x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * w)
    torch.manual_seed(306)
    layer = torch.nn.Embedding(7, 4)
    ids = torch.tensor([[1, 3, 3], [6, 0, 1]])
    save("embedding", {"ids": ids.float(), "weight": layer.weight}, layer(ids))
    torch.manual_seed(307)
    layer = torch.nn.RNN(3, 5, batch_first=True)
    x = leaf(torch.randn(2, 4, 3))
    out, _ = layer(x)
    save("rnn", {"x": x, "weight_ih": layer.weight_ih_l0, "weight_hh": layer.weight_hh_l0,
                 "bias_ih": layer.bias_ih_l0, "bias_hh": layer.bias_hh_l0}, out)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    activations()
    losses()
    layers()
