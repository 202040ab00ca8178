"""The PyTorch side of bench/train: the same 2x64 ReLU MLP, loss, optimizer and
batching as the workbench's engine, on the same rows.

Reads the rows that run.ts wrote (float32, little-endian: rows x width
features, then rows targets), trains for --epochs with a fresh random batch
order per epoch (index gather, as the engine does), and prints one JSON line:
the seconds of each epoch and its mean training loss.

    /usr/bin/python3 bench/train/torch_mlp.py --data FILE --rows N --width W --batch B
        [--epochs 5] [--threads 2] [--device cpu|cuda] [--lr 0.01]
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--lr", type=float, default=0.01)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    device = torch.device(args.device)
    raw = np.fromfile(args.data, dtype="<f4", count=args.rows * (args.width + 1))
    x = torch.from_numpy(raw[: args.rows * args.width].reshape(args.rows, args.width).copy()).to(device)
    y = torch.from_numpy(raw[args.rows * args.width :].reshape(args.rows, 1).copy()).to(device)

    model = nn.Sequential(nn.Linear(args.width, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, eps=1e-7)
    loss_fn = nn.BCEWithLogitsLoss()

    seconds, losses = [], []
    for _ in range(args.epochs):
        if device.type == "cuda":
            torch.cuda.synchronize()
        started = time.perf_counter()
        order = torch.randperm(args.rows, device=device)
        total = torch.zeros((), device=device)
        for start in range(0, args.rows, args.batch):
            index = order[start : start + args.batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[index]), y[index])
            loss.backward()
            optimizer.step()
            total += loss.detach() * len(index)
        mean_loss = total.item() / args.rows  # one read per epoch, as the engine reads in windows
        if device.type == "cuda":
            torch.cuda.synchronize()
        seconds.append(time.perf_counter() - started)
        losses.append(mean_loss)

    threads = torch.get_num_threads()
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"CPU ({threads} thread{'' if threads == 1 else 's'})"
    print(json.dumps({"torch": torch.__version__, "device": name, "epoch_seconds": seconds, "losses": losses}))


if __name__ == "__main__":
    main()
