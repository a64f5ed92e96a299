#!/usr/bin/env python3
"""Builds src/Dyad.Core/Resources/events/cameo.tsv from ../shared data.

Inputs (not copied into the project):
  ../shared/data/cameo/cameo-codes.tsv          CAMEO codes, names and Goldstein scores (MIT)
  ../shared/docs/plover/CAMEO2PLOVER-2021.txt   CAMEO to PLOVER crosswalk (PLOVER manual, OEDA)

Output: one line per CAMEO code that maps to a PLOVER event type:
  code <TAB> plover type <TAB> mode <TAB> contexts (';') <TAB> goldstein <TAB> short name
CAMEO 01 (public statements) has no PLOVER type and is left out. CAMEO 02 (appeals) is not in
the crosswalk: PLOVER folds appeals into REQUEST, so each 02x code takes the mode and context of
the matching 10x demand code (021 -> 101, 0254 -> 1054, ...).

Usage: python3 tools/events/build_cameo.py [SHARED_DIR]   (default ../shared beside the repo)
"""
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, "..", ".."))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "..", "shared")
out_path = os.path.join(repo, "src", "Dyad.Core", "Resources", "events", "cameo.tsv")

codes = {}
with open(os.path.join(shared, "data", "cameo", "cameo-codes.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 4:
            codes[parts[0]] = (float(parts[2]), parts[3].strip())

cross = {}
with open(os.path.join(shared, "docs", "plover", "CAMEO2PLOVER-2021.txt"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)", line)
        if not m:
            continue
        code, ptype, mode, context = m.group(1), m.group(2), m.group(3).strip(), m.group(4).strip()
        if code in cross:
            continue
        mode = mode.replace(" ", "")
        contexts = [c.strip() for c in context.split(";") if c.strip()]
        cross[code] = (ptype, mode, contexts)

# Two-digit roots: the type and context of the root's "0" code (04 -> 040).
for code in list(codes):
    if len(code) == 2 and code + "0" in cross:
        ptype, _, contexts = cross[code + "0"]
        cross.setdefault(code, (ptype, "", contexts))

# Appeals (02x) -> REQUEST with the matching demand (10x) mode and context.
for code in codes:
    if code.startswith("02"):
        demand = "10" + code[2:]
        if demand in cross:
            cross[code] = cross[demand]
        elif len(code) == 2:
            cross[code] = ("REQUEST", "", [])

rows = []
for code, (goldstein, name) in codes.items():
    if code not in cross:
        continue
    ptype, mode, contexts = cross[code]
    name = re.sub(r"\s+", " ", name)
    rows.append((code, ptype, mode or "-", ";".join(contexts) or "-", f"{goldstein:g}", name))

rows.sort(key=lambda r: r[0])
with open(out_path, "w", encoding="utf-8", newline="\n") as f:
    f.write("# CAMEO code -> PLOVER type, mode, contexts, Goldstein score, name. Built by tools/events/build_cameo.py\n")
    f.write("# from CAMEO codes and Goldstein scores (../shared/data/cameo/cameo-codes.tsv, MIT) and the CAMEO-to-PLOVER\n")
    f.write("# crosswalk of the PLOVER manual (CAMEO2PLOVER-2021.txt, Open Event Data Alliance). Do not edit by hand.\n")
    f.write("# code\ttype\tmode\tcontexts\tgoldstein\tname\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(f"wrote {len(rows)} codes to {out_path}")
