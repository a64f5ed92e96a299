"""The trainer's tensor file (tuned-<which>.bin), read by Dyad.Train (EncoderWeights.ReadTrainerFile):
magic, count, then per tensor its UTF-8 name, its shape (int64s) and its float32 values, little-endian."""
import struct
import sys

import numpy as np

MAGIC = 0x57545944


def write(path, tensors):
    with open(path, "wb") as f:
        f.write(struct.pack("<ii", MAGIC, len(tensors)))
        for name, array in tensors:
            encoded = name.encode("utf-8")
            array = np.ascontiguousarray(array, dtype="<f4")
            f.write(struct.pack("<i", len(encoded)) + encoded)
            f.write(struct.pack("<i", array.ndim) + struct.pack(f"<{array.ndim}q", *array.shape))
            f.write(array.tobytes())


def read(path):
    tensors = []
    with open(path, "rb") as f:
        magic, count = struct.unpack("<ii", f.read(8))
        if magic != MAGIC:
            sys.exit(f"{path}: not a tensor file of finetune.py")
        for _ in range(count):
            (length,) = struct.unpack("<i", f.read(4))
            name = f.read(length).decode("utf-8")
            (ndim,) = struct.unpack("<i", f.read(4))
            shape = struct.unpack(f"<{ndim}q", f.read(8 * ndim))
            size = int(np.prod(shape)) if ndim > 0 else 1
            tensors.append((name, np.frombuffer(f.read(4 * size), dtype="<f4").reshape(shape)))
    return tensors
