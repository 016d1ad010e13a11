#!/usr/bin/python3
"""Reference trajectories of torch.optim for plugins/optim TorchTrajectoryTest.

For each configuration (a Kiln optimizer name and its Kiln options, mapped here to torch.optim, its
learning-rate schedulers and clip_grad_norm_), runs 100 steps on two fixed problems, in float64 and float32:

  quadratic  v [4] with gradient A v - b, A symmetric with eigenvalues 10, 1, 0.1, 0.01 (condition 1000),
             and M [2, 3] with element-wise gradient C * M - D (curvatures 5 to 0.02); gradients are set
             explicitly, so the Java test computes exactly the same ones.
  mlp        x [8, 3] -> tanh(x W1 + b1) [8, 5] -> h W2 + b2 [8, 2], loss mean((out - y)^2); autograd gives
             the gradients, the Java test computes them by hand.

The rates are chosen so that PyTorch's own float32 run stays within 4e-6 of its float64 run (printed as
'# spread' lines), which makes a 1e-5 comparison in float32 meaningful: at larger rates the adaptive methods
amplify float32 rounding on the MLP chaotically (centered RMSProp with alpha 0.9 and lr 0.005 moves 5e-3
away from its own float64 run within 100 steps, RMSProp with momentum 0.5 by 0.1).

Writes to stdout, in the format TorchTrajectoryTest reads:
  config <id> <kiln optimizer> <kiln options as key=value;...>
  <id> <problem> <dtype> <step> <parameters after that step, each flattened row-major, in order>
at steps 1, 2, 3, 5, 10, 20, 50, 100, and
  <id> lr float64 100 <the learning rate each of steps 1..100 used>

Run: /usr/bin/python3 tools/reference/optim_torch.py \
       > plugins/optim/src/test/resources/dev/kiln/optim/torch-trajectories.txt
(PyTorch 1.13.0, Debian python3-torch 1.13.1)
"""
import torch
from torch.optim import lr_scheduler

A = [[8.7336, -1.3328, -1.8192, -2.4016], [-1.3328, 0.7344, -0.0384, -0.0032],
     [-1.8192, -0.0384, 0.5824, 0.7152], [-2.4016, -0.0032, 0.7152, 1.0596]]
B = [1.0, -2.0, 0.5, 1.5]
V0 = [0.5, -1.0, 2.0, -0.5]
C = [[5.0, 0.5, 0.05], [2.0, 0.2, 0.02]]
D = [[1.0, -1.0, 0.5], [0.3, 0.2, -0.1]]
M0 = [[0.5, -0.5, 1.0], [1.5, 0.0, -1.0]]

# The MLP's data and initial weights: small integer patterns over 10 (exact in both languages' doubles).
X = [[((i * 7 + j * 5) % 11 - 5) / 5.0 for j in range(3)] for i in range(8)]
Y = [[((i * 3 + k * 7) % 7 - 3) / 4.0 for k in range(2)] for i in range(8)]
W1 = [[((i * 5 + j * 3) % 9 - 4) / 10.0 for j in range(5)] for i in range(3)]
B1 = [((j * 2) % 5 - 2) / 20.0 for j in range(5)]
W2 = [[((i * 3 + k * 5) % 7 - 3) / 10.0 for k in range(2)] for i in range(5)]
B2 = [0.1, -0.1]

CHECKPOINTS = [1, 2, 3, 5, 10, 20, 50, 100]

# id, Kiln optimizer, Kiln options (camelCase, as kiln.optimizer(name, options) takes them)
CONFIGS = [
    ("sgd", "sgd", dict(lr=0.05)),
    ("sgd-momentum-dampening-decay", "sgd", dict(lr=0.02, momentum=0.9, dampening=0.1, weightDecay=0.01)),
    ("sgd-nesterov", "sgd", dict(lr=0.02, momentum=0.9, nesterov=True)),
    ("adagrad-defaults", "adagrad", dict()),
    ("adagrad", "adagrad", dict(lr=0.1)),
    ("adagrad-all", "adagrad", dict(lr=0.1, lrDecay=0.01, weightDecay=0.01, initialAccumulator=0.1, eps=1e-6)),
    ("adadelta-defaults", "adadelta", dict()),
    ("adadelta-all", "adadelta", dict(lr=0.5, rho=0.95, eps=1e-5, weightDecay=0.01)),
    ("rmsprop-defaults", "rmsprop", dict()),
    ("rmsprop-momentum", "rmsprop", dict(lr=0.002, momentum=0.8)),
    ("rmsprop-centered", "rmsprop", dict(lr=0.005, centered=True)),
    ("rmsprop-all", "rmsprop", dict(lr=0.002, alpha=0.995, eps=1e-6, weightDecay=0.05, momentum=0.7, centered=True)),
    ("adam-defaults", "adam", dict()),
    ("adam", "adam", dict(lr=0.01)),
    ("adam-amsgrad-decay", "adam", dict(lr=0.05, beta1=0.8, beta2=0.99, eps=1e-6, weightDecay=0.01, amsgrad=True)),
    ("adamw", "adamw", dict(lr=0.01)),
    ("adamw-amsgrad", "adamw", dict(lr=0.05, weightDecay=0.1, amsgrad=True)),
    ("sgd-step-schedule", "sgd", dict(lr=0.05, momentum=0.9, schedule="step", stepSize=30, gamma=0.5)),
    ("adam-exponential", "adam", dict(lr=0.05, schedule="exponential", gamma=0.97)),
    ("adam-warmup-cosine", "adam", dict(lr=0.05, schedule="cosine", tMax=80, minLr=0.001, warmupSteps=10,
                                        warmupStart=0.1)),
    ("sgd-warmup", "sgd", dict(lr=0.05, warmupSteps=20)),
    ("rmsprop-warmup-step", "rmsprop", dict(lr=0.01, warmupSteps=5, schedule="step", stepSize=20, gamma=0.7)),
    ("sgd-cosine-restart-clip", "sgd", dict(lr=0.05, momentum=0.9, schedule="cosine", tMax=40, clipNorm=1.0)),
    ("adamw-clip", "adamw", dict(lr=0.01, clipNorm=0.5)),
    ("adagrad-clip-exponential", "adagrad", dict(lr=0.1, clipNorm=0.8, schedule="exponential", gamma=0.99)),
]

TORCH_NAMES = dict(lr="lr", momentum="momentum", dampening="dampening", nesterov="nesterov",
                   weightDecay="weight_decay", lrDecay="lr_decay", initialAccumulator="initial_accumulator_value",
                   eps="eps", rho="rho", alpha="alpha", centered="centered", amsgrad="amsgrad")
OPTIMIZERS = dict(sgd=torch.optim.SGD, adagrad=torch.optim.Adagrad, adadelta=torch.optim.Adadelta,
                  rmsprop=torch.optim.RMSprop, adam=torch.optim.Adam, adamw=torch.optim.AdamW)
SHARED = {"schedule", "stepSize", "gamma", "tMax", "minLr", "warmupSteps", "warmupStart", "clipNorm"}


def optimizer(name, options, params):
    kwargs = {TORCH_NAMES[k]: v for k, v in options.items() if k not in SHARED and k not in ("beta1", "beta2")}
    if "beta1" in options or "beta2" in options:
        kwargs["betas"] = (options.get("beta1", 0.9), options.get("beta2", 0.999))
    if name == "sgd" and "lr" not in kwargs:
        kwargs["lr"] = 0.01   # Kiln's default; torch.optim.SGD requires lr
    return OPTIMIZERS[name](params, **kwargs)


def scheduler(opt, options):
    """Kiln's schedule as torch schedulers: LinearLR warm-up, then the schedule through SequentialLR."""
    warmup = options.get("warmupSteps", 0)
    warm = lr_scheduler.LinearLR(opt, start_factor=options.get("warmupStart", 1.0 / 3), end_factor=1.0,
                                 total_iters=warmup) if warmup else None
    kind = options.get("schedule", "constant")
    main = None
    if kind == "step":
        main = lr_scheduler.StepLR(opt, step_size=options["stepSize"], gamma=options.get("gamma", 0.1))
    elif kind == "exponential":
        main = lr_scheduler.ExponentialLR(opt, gamma=options.get("gamma", 0.1))
    elif kind == "cosine":
        main = lr_scheduler.CosineAnnealingLR(opt, T_max=options["tMax"], eta_min=options.get("minLr", 0.0))
    if warm and main:
        return lr_scheduler.SequentialLR(opt, [warm, main], milestones=[warmup])
    return warm or main


def quadratic(dtype):
    a, b, c, d = (torch.tensor(t, dtype=dtype) for t in (A, B, C, D))
    v = torch.tensor(V0, dtype=dtype, requires_grad=True)
    m = torch.tensor(M0, dtype=dtype, requires_grad=True)

    def gradients():
        with torch.no_grad():
            v.grad = a @ v - b
            m.grad = c * m - d
    return [v, m], gradients


def mlp(dtype):
    x, y = torch.tensor(X, dtype=dtype), torch.tensor(Y, dtype=dtype)
    params = [torch.tensor(t, dtype=dtype, requires_grad=True) for t in (W1, B1, W2, B2)]

    def gradients():
        for p in params:
            p.grad = None
        w1, b1, w2, b2 = params
        loss = ((torch.tanh(x @ w1 + b1) @ w2 + b2 - y) ** 2).mean()
        loss.backward()
    return params, gradients


def run(name, options, problem, dtype, steps=100):
    params, gradients = problem(dtype)
    opt = optimizer(name, options, params)
    schedule = scheduler(opt, options)
    trajectory, rates = {}, {}
    for step in range(1, steps + 1):
        gradients()
        if options.get("clipNorm"):
            torch.nn.utils.clip_grad_norm_(params, options["clipNorm"])
        rates[step] = opt.param_groups[0]["lr"]
        opt.step()
        if schedule:
            schedule.step()
        trajectory[step] = [x.item() for p in params for x in p.detach().flatten()]
    return trajectory, rates


def main():
    import warnings
    warnings.filterwarnings("ignore")   # SequentialLR's step(0) at the milestone warns about the epoch argument
    print("# Reference trajectories of torch.optim for plugins/optim TorchTrajectoryTest.")
    print("# generated by tools/reference/optim_torch.py (torch %s)" % torch.__version__)
    for cid, name, options in CONFIGS:
        shown = ";".join("%s=%s" % (k, str(v).lower() if isinstance(v, bool) else v) for k, v in options.items())
        print("config %s %s %s" % (cid, name, shown or "-"))
        spread = []
        for problem in (quadratic, mlp):
            runs = {}
            for dtype, label in ((torch.float64, "float64"), (torch.float32, "float32")):
                runs[label], _ = run(name, options, problem, dtype)
                for step in CHECKPOINTS:
                    print("%s %s %s %d %s" % (cid, problem.__name__, label, step,
                                              " ".join(repr(x) for x in runs[label][step])))
            worst = max(abs(a - b) for step in runs["float64"]
                        for a, b in zip(runs["float64"][step], runs["float32"][step]))
            spread.append("%s %.2g" % (problem.__name__, worst))
        print("# spread %s: torch float32 vs float64, %s" % (cid, ", ".join(spread)))
        _, rates = run(name, options, quadratic, torch.float64)
        print("%s lr float64 100 %s" % (cid, " ".join(repr(rates[s]) for s in range(1, 101))))


if __name__ == "__main__":
    main()
