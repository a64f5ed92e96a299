"""Averages fine-tuned fits of the same recipe made with different seeds (a "uniform soup"): the
encoder layers and the reading network of each tuned-<which>.bin are averaged tensor by tensor, so
the soup costs what one fit costs at run time.

    python3 soup.py OUT_DIR RUN_DIR [RUN_DIR ...]

writes OUT_DIR/tuned-0.bin, tuned-1.bin and tuned-all.bin from the same files of every RUN_DIR
(finetune.py's output folders; the halves are the same sentences whatever the seed, so a soup of
halves still never saw the other half). The meta. tensors (context, case types) must agree.
"""
import os
import sys

import numpy as np

from tensorfile import read, write


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: python3 soup.py OUT_DIR RUN_DIR RUN_DIR [...]")
    out, runs = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    for which in ("0", "1", "all"):
        paths = [os.path.join(run, f"tuned-{which}.bin") for run in runs]
        missing = [p for p in paths if not os.path.isfile(p)]
        if missing:
            sys.exit(f"no such fit: {', '.join(missing)} (finetune.py writes tuned-0.bin, tuned-1.bin and tuned-all.bin)")
        fits = [read(p) for p in paths]
        names = [[n for n, _ in fit] for fit in fits]
        if any(n != names[0] for n in names):
            sys.exit(f"tuned-{which}.bin: the runs do not hold the same tensors")
        soup = []
        for i, name in enumerate(names[0]):
            arrays = [fit[i][1] for fit in fits]
            if any(a.shape != arrays[0].shape for a in arrays):
                sys.exit(f"tuned-{which}.bin: {name} has different shapes")
            if name.startswith("meta."):
                if any(not np.array_equal(a, arrays[0]) for a in arrays):
                    sys.exit(f"tuned-{which}.bin: the runs differ in {name}")
                soup.append((name, arrays[0]))
            else:
                soup.append((name, np.mean(np.stack([a.astype(np.float64) for a in arrays]), axis=0).astype(np.float32)))
        path = os.path.join(out, f"tuned-{which}.bin")
        write(path, soup)
        print(f"wrote {path}: {len(soup)} tensors averaged over {len(runs)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
