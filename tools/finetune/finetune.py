#!/usr/bin/python3
"""Fine-tunes the layers of the names encoder (all-MiniLM-L6-v2) for Dyad's contextual recogniser.

Input: the folder written by `Dyad.Train encoder-data` (encoder.onnx, train.jsonl, dev.jsonl).
Output, in the same folder: tuned-0.bin, tuned-1.bin (each trained on the other half of the
training sentences, for cross-fitted readings of the training text; with --folds K, tuned-0.bin to
tuned-(K-1).bin, each trained on all but one K-th) and tuned-all.bin (trained on all of it: the
shipped weights). Each holds the replaced encoder initializers under their ONNX
names and the reading network's weights (head.w1, head.b1, head.w2, head.b2) in the "DYTW" format
that EncoderWeights.ReadTrainerFile reads.

Run with Debian's PyTorch (apt-get install python3-torch python3-onnx python3-numpy), not a
virtual environment: /usr/bin/python3 tools/finetune/finetune.py DIR [--layers 6] [--epochs 2] [--seed 42] [--context 0]
"""

import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn.functional as F

from tensorfile import write

DIM = 384
HEADS = 12
LAYERS = 6
MAX_PIECES = 250
CLS, SEP = 101, 102
CLASSES = 9
HIDDEN = 256


def read_onnx(path):
    """The encoder's weights by role: embeddings, and per layer q, k, v, o, i, f (weights as [in, out]) with their biases and norms."""
    model = onnx.load(path)
    graph = model.graph
    init = {t.name: onnx.numpy_helper.to_array(t) for t in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    role = {"attention.self.query": "q", "attention.self.key": "k", "attention.self.value": "v",
            "attention.output.dense": "o", "intermediate.dense": "i", "output.dense": "f"}
    onnx_name = {}
    for node in graph.node:
        if node.op_type != "MatMul":
            continue
        weight = [n for n in node.input if n in init]
        if not weight or init[weight[0]].ndim != 2:
            continue
        # The bias added to this product names the weight's layer and role.
        adds = [c for c in consumers.get(node.output[0], []) if c.op_type == "Add"]
        bias = [n for a in adds for n in a.input if n in init and n.startswith("encoder.layer.")]
        if len(bias) != 1:
            continue
        parts = bias[0].split(".")
        layer, what = int(parts[2]), ".".join(parts[3:-1])
        onnx_name[(layer, role[what])] = weight[0]
    assert len(onnx_name) == LAYERS * 6, f"found {len(onnx_name)} of {LAYERS * 6} encoder weights"
    return init, onnx_name


class Layer(torch.nn.Module):
    def __init__(self, init, onnx_name, layer):
        super().__init__()
        p = f"encoder.layer.{layer}."

        def linear(r, bias):
            lin = torch.nn.Linear(*init[onnx_name[(layer, r)]].shape)
            lin.weight.data = torch.tensor(init[onnx_name[(layer, r)]].T.copy())
            lin.bias.data = torch.tensor(init[p + bias])
            return lin

        def norm(name):
            ln = torch.nn.LayerNorm(DIM, eps=1e-12)
            ln.weight.data = torch.tensor(init[p + name + ".weight"])
            ln.bias.data = torch.tensor(init[p + name + ".bias"])
            return ln

        self.q = linear("q", "attention.self.query.bias")
        self.k = linear("k", "attention.self.key.bias")
        self.v = linear("v", "attention.self.value.bias")
        self.o = linear("o", "attention.output.dense.bias")
        self.i = linear("i", "intermediate.dense.bias")
        self.f = linear("f", "output.dense.bias")
        self.ln1 = norm("attention.output.LayerNorm")
        self.ln2 = norm("output.LayerNorm")
        self.layer = layer
        self.onnx_name = onnx_name

    def forward(self, x, additive_mask, dropout):
        b, n, _ = x.shape

        def heads(t):
            return t.view(b, n, HEADS, DIM // HEADS).transpose(1, 2)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(DIM // HEADS) + additive_mask
        attention = F.dropout(scores.softmax(-1), dropout, self.training)
        context = (attention @ v).transpose(1, 2).reshape(b, n, DIM)
        x = self.ln1(x + F.dropout(self.o(context), dropout, self.training))
        return self.ln2(x + F.dropout(self.f(F.gelu(self.i(x))), dropout, self.training))

    def tensors(self):
        """This layer's weights under their ONNX initializer names (weights as [in, out])."""
        p = f"encoder.layer.{self.layer}."
        out = []
        for r, lin, bias in [("q", self.q, "attention.self.query.bias"), ("k", self.k, "attention.self.key.bias"),
                             ("v", self.v, "attention.self.value.bias"), ("o", self.o, "attention.output.dense.bias"),
                             ("i", self.i, "intermediate.dense.bias"), ("f", self.f, "output.dense.bias")]:
            out.append((self.onnx_name[(self.layer, r)], lin.weight.detach().T.contiguous().numpy()))
            out.append((p + bias, lin.bias.detach().numpy()))
        for name, ln in [("attention.output.LayerNorm", self.ln1), ("output.LayerNorm", self.ln2)]:
            out.append((p + name + ".weight", ln.weight.detach().numpy()))
            out.append((p + name + ".bias", ln.bias.detach().numpy()))
        return out


class Embeddings(torch.nn.Module):
    def __init__(self, init):
        super().__init__()
        self.word = torch.tensor(init["embeddings.word_embeddings.weight"])
        self.position = torch.tensor(init["embeddings.position_embeddings.weight"])
        self.type = torch.tensor(init["embeddings.token_type_embeddings.weight"])
        self.ln = torch.nn.LayerNorm(DIM, eps=1e-12)
        self.ln.weight.data = torch.tensor(init["embeddings.LayerNorm.weight"])
        self.ln.bias.data = torch.tensor(init["embeddings.LayerNorm.bias"])

    def forward(self, ids, raw=False):
        """The embeddings of a batch of piece ids; raw: the sum of word and position embeddings only (before the token type and the norm)."""
        n = ids.shape[1]
        x = self.word[ids] + self.position[:n].unsqueeze(0)
        return x if raw else self.ln(x + self.type[0])


class CaseStem(torch.nn.Module):
    """With --case-types: the token-type embeddings (type 1 marks the pieces of a word written with a
    capital, type 0 the rest) and the embeddings' norm, trained with the layers."""

    def __init__(self, init):
        super().__init__()
        self.table = torch.nn.Parameter(torch.tensor(init["embeddings.token_type_embeddings.weight"]))
        self.ln = torch.nn.LayerNorm(DIM, eps=1e-12)
        self.ln.weight.data = torch.tensor(init["embeddings.LayerNorm.weight"])
        self.ln.bias.data = torch.tensor(init["embeddings.LayerNorm.bias"])

    def forward(self, x, types):
        return self.ln(x + self.table[types])

    def tensors(self):
        return [("embeddings.token_type_embeddings.weight", self.table.detach().numpy()),
                ("embeddings.LayerNorm.weight", self.ln.weight.detach().numpy()),
                ("embeddings.LayerNorm.bias", self.ln.bias.detach().numpy()),
                ("meta.case-types", np.ones(1, dtype=np.float32))]


class Head(torch.nn.Module):
    """The reading network: a word's vector with its neighbours' (3 x 384) -> 256 ReLU -> 9 classes."""

    def __init__(self, seed):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        limit1 = math.sqrt(6.0 / (3 * DIM + HIDDEN))
        limit2 = math.sqrt(6.0 / (HIDDEN + CLASSES))
        self.w1 = torch.nn.Parameter((torch.rand(HIDDEN, 3 * DIM, generator=g) * 2 - 1) * limit1)
        self.b1 = torch.nn.Parameter(torch.zeros(HIDDEN))
        self.w2 = torch.nn.Parameter((torch.rand(CLASSES, HIDDEN, generator=g) * 2 - 1) * limit2)
        self.b2 = torch.nn.Parameter(torch.zeros(CLASSES))

    def forward(self, words):
        """words: [w, 384] vectors of one sentence's words in order."""
        zero = torch.zeros(1, DIM)
        left = torch.cat([zero, words[:-1]])
        right = torch.cat([words[1:], zero])
        x = torch.cat([left, words, right], dim=1)
        return F.relu(x @ self.w1.T + self.b1) @ self.w2.T + self.b2

    def tensors(self):
        return [("head." + n, getattr(self, n).detach().numpy()) for n in ("w1", "b1", "w2", "b2")]


def windows(pieces, cases):
    """Cuts a sentence's words into windows of at most MAX_PIECES pieces, as ContextEncoder does:
    (ids, [(word, position)], token type of each piece: the word's case type)."""
    out, ids, first, types = [], [], [], []
    for w, p in enumerate(pieces):
        if len(ids) + len(p) > MAX_PIECES and ids:
            out.append((ids, first, types))
            ids, first, types = [], [], []
        first.append((w, len(ids) + 1))
        ids = ids + p
        types = types + [cases[w]] * len(p)
    out.append((ids, first, types))
    return out


def load(path):
    sentences = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            # "o": the index of the sentence a recased copy was made from (its half when fitting halves)
            # "d": the sentence's document (-1: alone), for --context
            sentences.append((d["p"], d["y"], d.get("c", [0] * len(d["p"])), d.get("o", len(sentences)), d.get("d", -1)))
    return sentences


def batches(items, size, shuffle, rng):
    """Groups of windows of similar length (sorted, then chunked; chunk order shuffled when training)."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(chunks)
    return chunks


def padded(windows_, group):
    n = max(len(windows_[g][0]) for g in group) + 2
    ids = torch.zeros(len(group), n, dtype=torch.long)
    mask = torch.zeros(len(group), n)
    for r, g in enumerate(group):
        seq = [CLS] + windows_[g][0] + [SEP]
        ids[r, :len(seq)] = torch.tensor(seq)
        mask[r, :len(seq)] = 1
    return ids, (1.0 - mask)[:, None, None, :] * -10000.0


def frozen_states(embeddings, lower, windows_, raw):
    """The hidden states after the frozen lower layers, per window (computed once); raw: the embeddings before the token type and norm."""
    states = [None] * len(windows_)
    with torch.no_grad():
        for group in batches(windows_, 64, False, None):
            ids, additive = padded(windows_, group)
            x = embeddings(ids, raw)
            for layer in lower:
                x = layer(x, additive, 0.0)
            for r, g in enumerate(group):
                states[g] = x[r, :len(windows_[g][0]) + 2].clone()
    return states


def with_context(window, index, sentences, context):
    """A sentence's only window with up to `context` pieces of its document's neighbouring sentences
    each side (within MAX_PIECES), as ContextEncoder.WithContext builds it."""
    ids, first, types = window
    document = sentences[index][4]
    side = min(context, max(0, (MAX_PIECES - len(ids)) // 2))
    left, j = [], index - 1
    while j >= 0 and sentences[j][4] == document and len(left) < side:
        left = [(p, sentences[j][2][w]) for w, word in enumerate(sentences[j][0]) for p in word] + left
        j -= 1
    left = left[len(left) - side:] if len(left) > side else left
    right, j = [], index + 1
    while j < len(sentences) and sentences[j][4] == document and len(right) < side:
        right += [(p, sentences[j][2][w]) for w, word in enumerate(sentences[j][0]) for p in word]
        j += 1
    right = right[:side]
    return ([p for p, _ in left] + ids + [p for p, _ in right],
            [(w, position + len(left)) for w, position in first],
            [t for _, t in left] + types + [t for _, t in right])


def sentence_windows(sentences, context=0):
    """Every window of every sentence as (ids, first, index of the original sentence, labels of its words, token types);
    with context, a sentence of a document that fits in one window is read with its neighbours' pieces around it."""
    out = []
    for index, (pieces, labels, cases, origin, document) in enumerate(sentences):
        cut = windows(pieces, cases)
        if context > 0 and document >= 0 and len(cut) == 1:
            cut = [with_context(cut[0], index, sentences, context)]
        for ids, first, types in cut:
            out.append((ids, first, origin, [labels[w] for w, _ in first], [0] + types + [0]))
    return out


def run_upper(upper, states, windows_, group, dropout, stem):
    n = max(states[g].shape[0] for g in group)
    x = torch.zeros(len(group), n, DIM)
    mask = torch.zeros(len(group), n)
    types = torch.zeros(len(group), n, dtype=torch.long)
    for r, g in enumerate(group):
        x[r, :states[g].shape[0]] = states[g]
        mask[r, :states[g].shape[0]] = 1
        types[r, :states[g].shape[0]] = torch.tensor(windows_[g][4])
    if stem is not None:
        x = F.dropout(stem(x, types), dropout, stem.training)
    additive = (1.0 - mask)[:, None, None, :] * -10000.0
    for layer in upper:
        x = layer(x, additive, dropout)
    return x


def fit(init, onnx_name, lower_states, train_windows, dev_windows, dev_states, tuned, epochs, seed, case_types, init_seed):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    upper = torch.nn.ModuleList([Layer(init, onnx_name, l) for l in range(LAYERS - tuned, LAYERS)])
    head = Head(init_seed)
    stem = CaseStem(init) if case_types else None
    groups = [
        {"params": upper.parameters(), "lr": 5e-5, "weight_decay": 0.01},
        {"params": head.parameters(), "lr": 1e-3, "weight_decay": 0.0},
    ]
    if stem is not None:
        # The type table is a new signal (case): it learns at the head's rate; the norm at the layers'.
        groups += [{"params": [stem.table], "lr": 1e-3, "weight_decay": 0.0},
                   {"params": stem.ln.parameters(), "lr": 5e-5, "weight_decay": 0.0}]
    optimizer = torch.optim.AdamW(groups)
    trained = list(upper.parameters()) + list(head.parameters()) + (list(stem.parameters()) if stem is not None else [])
    chunks_per_epoch = len(batches(train_windows, 16, False, None))
    total = epochs * chunks_per_epoch
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, step / (0.06 * total)) * max(0.0, (total - step) / total))
    start = time.time()
    for epoch in range(epochs):
        upper.train()
        head.train()
        if stem is not None:
            stem.train()
        seen, loss_sum = 0, 0.0
        for group in batches(train_windows, 16, True, rng):
            x = run_upper(upper, lower_states, train_windows, group, 0.1, stem)
            logits, targets = [], []
            for r, g in enumerate(group):
                positions = [p for _, p in train_windows[g][1]]
                logits.append(head(x[r, positions]))
                targets.extend(train_windows[g][3])
            loss = F.cross_entropy(torch.cat(logits), torch.tensor(targets))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimizer.step()
            schedule.step()
            seen += 1
            loss_sum += loss.item()
            if seen % 200 == 0:
                print(f"    epoch {epoch + 1} batch {seen}/{chunks_per_epoch} loss {loss_sum / seen:.4f} ({time.time() - start:.0f} s)", flush=True)
        print(f"  epoch {epoch + 1}: loss {loss_sum / max(1, seen):.4f}, dev word accuracy {accuracy(upper, head, stem, dev_states, dev_windows):.4f} ({time.time() - start:.0f} s)", flush=True)
    return upper, head, stem


def accuracy(upper, head, stem, states, windows_):
    upper.eval()
    head.eval()
    if stem is not None:
        stem.eval()
    right = total = 0
    with torch.no_grad():
        for group in batches(windows_, 64, False, None):
            x = run_upper(upper, states, windows_, group, 0.0, stem)
            for r, g in enumerate(group):
                positions = [p for _, p in windows_[g][1]]
                predicted = head(x[r, positions]).argmax(-1)
                right += int((predicted == torch.tensor(windows_[g][3])).sum())
                total += len(positions)
    return right / max(1, total)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--only", default="0,1,all", help="which fits: 0, 1, ... (folds) and/or all")
    parser.add_argument("--folds", type=int, default=2,
                        help="parts of the training text for the cross-fitted readings: fit k is trained on every part but the k-th (2: the halves)")
    parser.add_argument("--context", type=int, default=0,
                        help="word pieces of the document's neighbouring sentences read each side of a sentence (as Dyad.Train ner --doc-context)")
    parser.add_argument("--init-seed", type=int, default=None,
                        help="seed of the reading network's first weights (default: --seed); runs that share it and differ in --seed can be averaged by soup.py")
    parser.add_argument("--case-types", action="store_true",
                        help="mark the pieces of capitalised words with token type 1 and train the type table (needs --layers 6 and encoder-data's case types)")
    args = parser.parse_args()
    if args.folds < 2:
        parser.error("--folds: at least 2")
    for which in args.only.split(","):
        if which != "all" and not (which.isdigit() and int(which) < args.folds):
            parser.error(f"--only {which}: all, or a fold from 0 to {args.folds - 1}")
    if args.case_types and args.layers != LAYERS:
        parser.error("--case-types trains the embeddings' type table: it needs --layers 6")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    start = time.time()
    init, onnx_name = read_onnx(os.path.join(args.folder, "encoder.onnx"))
    train = load(os.path.join(args.folder, "train.jsonl"))
    dev = load(os.path.join(args.folder, "dev.jsonl"))
    if args.case_types and not any(1 in cases for _, _, cases, _, _ in train):
        sys.exit("--case-types: train.jsonl has no case types (write it again with this version of Dyad.Train encoder-data)")
    if args.context > 0 and not any(d >= 0 for *_, d in train):
        sys.exit("--context: train.jsonl has no document numbers (write it again with this version of Dyad.Train encoder-data)")
    train_windows = sentence_windows(train, args.context)
    dev_windows = sentence_windows(dev, args.context)
    embeddings = Embeddings(init)
    lower = [Layer(init, onnx_name, l).eval() for l in range(LAYERS - args.layers)]
    train_states = frozen_states(embeddings, lower, train_windows, args.case_types)
    dev_states = frozen_states(embeddings, lower, dev_windows, args.case_types)
    print(f"{len(train)} training sentences ({len(train_windows)} windows), {len(dev)} dev; lower {LAYERS - args.layers} layers read in {time.time() - start:.0f} s", flush=True)
    for which in args.only.split(","):
        # The parts: by sentence, or with --context by document (a part's encoder never saw the other parts' text, not even as context).
        part = [(train[w[2]][4] if args.context > 0 else w[2]) % args.folds for w in train_windows]
        keep = [i for i, w in enumerate(train_windows) if which == "all" or part[i] != int(which)]
        print(f"fit {which}: {len(keep)} windows", flush=True)
        offset = 0 if which == "all" else 1 + int(which)
        upper, head, stem = fit(init, onnx_name, [train_states[i] for i in keep], [train_windows[i] for i in keep],
                                dev_windows, dev_states, args.layers, args.epochs, args.seed + offset,
                                args.case_types, (args.seed if args.init_seed is None else args.init_seed) + offset)
        tensors = (stem.tensors() if stem is not None else []) + [t for layer in upper for t in layer.tensors()] + head.tensors()
        if args.context > 0:
            tensors.append(("meta.context", np.full(1, args.context, dtype=np.float32)))
        if args.folds != 2:
            tensors.append(("meta.folds", np.full(1, args.folds, dtype=np.float32)))
        out = os.path.join(args.folder, f"tuned-{which}.bin")
        write(out, tensors)
        print(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB) at {time.time() - start:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
