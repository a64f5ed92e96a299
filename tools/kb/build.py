#!/usr/bin/env python3
"""Builds Dyad's embedded knowledge base: src/Dyad.Core/Resources/knowledge/kb.tsv.gz

Inputs (all read, none copied):
  data/kb/countries.tsv       (tools/kb/countries.py: Debian iso-codes LGPL-2.1+, npm world-countries ODbL-1.0)
  data/kb/country-extras.tsv  (written for Dyad: QIDs, news aliases, demonyms, capitals)
  data/kb/entities.tsv        (written for Dyad: organisations, institutions, groups, regions)
  data/kb/people.txt          (written for Dyad: people with dated roles, 2000-2026)
  data/kb/agents.tsv          (written for Dyad: title words -> sectors)
  ../shared/data/phoenix/     (Phoenix/PETRARCH dictionaries, MIT, (c) 2014 Open Event Data Alliance):
                              actors with dated roles to 2014, international and non-state actors, agents
  ../shared/data/ner/gum/wiki_map.tab (GUM, CC BY 4.0): Wikipedia title -> Wikidata QID, to fill missing QIDs

Usage (from the repository root):  python3 tools/kb/build.py [--shared ../shared]
Output records (tab separated, one per line):
  C iso3 iso2 name aliases demonyms capitals qid independent
  E id type name aliases short country code metonymy qid wiki source
  R id code role start end
  A phrase sector person source
"""
import argparse, gzip, io, os, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KB = os.path.join(ROOT, "data", "kb")
OUT = os.path.join(ROOT, "src", "Dyad.Core", "Resources", "knowledge", "kb.tsv.gz")

def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield line.split("\t")

def clean(s):
    return s.replace("\t", " ").strip()

TITLE_WORDS = set("""PRESIDENT MINISTER PRIME KING QUEEN PRINCE GENERAL SECRETARY CHAIRMAN LEADER SHEIKH SHAIKH DR MR MRS MS
AMBASSADOR SPEAKER SENATOR GOVERNOR MAYOR COMMANDER CHIEF DEPUTY VICE ACTING FORMER EX FOREIGN DEFENSE DEFENCE
INTERIOR FINANCE PREMIER CHANCELLOR EMIR AYATOLLAH MINISTRY SPOKESMAN ENVOY PARTY LT COL GEN ADMIRAL MAJOR
OF THE PRESIDENTIAL OPPOSITION CANDIDATE""".split())
SMALL = {"of", "the", "and", "for", "de", "da", "del", "la", "le", "van", "von", "der", "bin", "ibn", "al", "el", "on", "in", "to"}
ORG_WORDS = set("""FORCES FORCE ADMINISTRATION MINISTRY AGENCY COMMISSION PARTY ARMY COUNCIL BANK DEPARTMENT OFFICE COMMITTEE UNION
FRONT MOVEMENT ORGANIZATION ORGANISATION AUTHORITY GOVERNMENT POLICE NAVY CORPS INSTITUTE SERVICE SERVICES ASSEMBLY PARLIAMENT
COURT LEAGUE ALLIANCE ASSOCIATION GUARD GUARDS BUREAU BRIGADE BRIGADES CONGRESS BOARD FEDERATION CABINET SENATE CHAMBER
DIRECTORATE SECRETARIAT TRIBUNAL COALITION REGIMENT DIVISION BATTALION MILITIA AIRLINES AIRWAYS COMPANY CORPORATION
FUND FOUNDATION CENTER CENTRE UNIVERSITY NEWS AGENCY TELEVISION RADIO MARINES ACADEMY COMMAND STAFF HQ HEADQUARTERS""".split())
COMMON_SHORT = {"bank", "fund", "inc", "corp", "co", "ltd", "new", "air", "oil", "gas", "news", "aid", "arab", "army", "city",
                "group", "south", "north", "east", "west", "red", "sea", "gulf", "union", "peace", "care", "save", "open", "free", "world"}

def titlecase(token):
    if token.lower() in SMALL:
        return token.lower()
    letters = re.sub(r"[^A-Za-z]", "", token)
    if token.upper().startswith("MC") and len(token) > 3:
        return "Mc" + token[2:3].upper() + token[3:].lower()
    if 2 <= len(letters) <= 4 and token.lower() not in COMMON_SHORT and not re.search(r"[AEIOU]", letters[1:] if len(letters) > 2 else "X"):
        return token  # acronym (no vowel after the first letter): keep upper case
    return "-".join(p[:1].upper() + p[1:].lower() for p in token.split("-"))

def phoenix_name(raw):
    raw = raw.strip().lstrip("+").split("#")[0].strip()
    raw = re.sub(r"\{.*?\}|\[.*?\]", "", raw).strip().strip("_").strip()
    if not raw or "!" in raw or "&" in raw:
        return None
    words = [w for w in re.split(r"[_ ]+", raw) if w]
    if not words:
        return None
    name = " ".join(titlecase(w) for w in words)
    name = name[:1].upper() + name[1:]
    return name

def phoenix_date(s, first):
    s = s.strip()
    if len(s) == 8:
        y, m, d = int(s[:4]), s[4:6], s[6:8]
    elif len(s) == 6:
        yy = int(s[:2]); y = 1900 + yy if yy >= 30 else 2000 + yy; m, d = s[2:4], s[4:6]
    else:
        return ""
    return f"{y:04d}-{m}-{d}"

ROLE_RE = re.compile(r"\[([A-Z~]+)\s*([<>]?)\s*(\d{6,8})?(?:\s*-\s*(\d{6,8}))?\s*\]")

def parse_phoenix_actors(path):
    """Blocks of name lines followed by role lines; yields (names, roles, inline_codes)."""
    blocks, names, roles = [], [], []
    def flush():
        if names:
            blocks.append((list(names), list(roles)))
        names.clear(); roles.clear()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            is_role = line[0] in " \t" and "[" in line
            if is_role:
                roles.extend(ROLE_RE.findall(line))
                continue
            if roles:
                flush()
            body = line.split("#")[0]
            inline = ROLE_RE.findall(body)
            name = phoenix_name(body)
            if inline and not line.startswith("+"):
                flush()
                if name:
                    names.append(name)
                roles.extend(inline)
                continue
            if name:
                names.append(name)
    flush()
    return blocks

def load_wikimap(shared):
    path = os.path.join(shared, "data", "ner", "gum", "wiki_map.tab")
    m = {}
    if os.path.exists(path):
        for r in rows(path):
            if len(r) >= 3:
                m[r[0]] = r[2]
    return m

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    wikimap = load_wikimap(args.shared)
    out = []
    # countries
    extras = {r[0]: r for r in rows(os.path.join(KB, "country-extras.tsv")) if r[0] != "iso3"}
    isos = set()
    place_keys = set()
    for r in rows(os.path.join(KB, "countries.tsv")):
        if r[0] == "iso3":
            continue
        iso3, iso2, name, aliases, dem, caps, indep, src = (r + [""] * 8)[:8]
        isos.add(iso3)
        e = extras.get(iso3)
        qid = ""
        al, de, ca = [a for a in aliases.split("|") if a], [d for d in dem.split("|") if d], [c for c in caps.split("|") if c]
        if e:
            e = (e + [""] * 6)[:6]
            qid = e[1]
            al += [a for a in e[2].split("|") if a and a not in al]
            de += [d for d in e[3].split("|") if d and d not in de]
            ca += [c for c in e[4].split("|") if c and c not in ca]
        ca = [c for c in ca if c != name]
        if indep != "1" and not e:
            ca = []  # capitals of small territories (Douglas, Victoria, ...) are more often other things
        out.append(["C", iso3, iso2, name, "|".join(al), "|".join(de), "|".join(ca), qid, indep])
        place_keys.update(re.sub(r"[^a-z]", "", n.lower()) for n in [name] + al + de + ca)
    curated_keys = set(place_keys)
    def key(n):
        return re.sub(r"[^a-z]", "", n.lower())
    # curated entities
    for r in rows(os.path.join(KB, "entities.tsv")):
        if r[0] == "id":
            continue
        r = (r + [""] * 9)[:9]
        eid, typ, name, aliases, country, code, meto, wiki, src = [clean(x) for x in r]
        if not wiki and src.startswith("enwiki:"):
            wiki = src[7:]
        qid = eid if re.fullmatch(r"Q\d+", eid) else wikimap.get(wiki, "")
        out.append(["E", eid, typ, name, aliases, "", country, code, meto or "0", qid, wiki, src])
        for n in [name] + aliases.split("|"):
            curated_keys.add(key(n))
    # curated people
    pid = None
    npeople = nroles = 0
    for r in rows(os.path.join(KB, "people.txt")):
        if r[0] == "P":
            r = (r + [""] * 8)[:8]
            _, wiki, name, aliases, short, country, qid, base = [clean(x) for x in r]
            pid = "w:" + wiki
            qid = qid or wikimap.get(wiki, "")
            out.append(["E", pid, "PERSON", name, aliases, short, country, base, "0", qid, wiki, "enwiki:" + wiki])
            npeople += 1
            for n in [name] + aliases.split("|"):
                curated_keys.add(key(n))
        elif r[0] == "R" and pid:
            r = (r + [""] * 5)[:5]
            out.append(["R", pid, r[1], r[2], r[3], r[4]])
            nroles += 1
    # Phoenix people (dated roles to 2014)
    phx = os.path.join(args.shared, "data", "phoenix")
    nphx = 0
    norg_c = 0
    for names, roles in parse_phoenix_actors(os.path.join(phx, "Phoenix.Countries.actors.txt")):
        if not roles:
            continue
        codes = [c for c, _, _, _ in roles]
        if len(names) == 1 and len(codes) == 1 and len(codes[0]) == 3:
            continue  # a country block: countries come from countries.tsv
        ok = [n for n in names if len(n.split()) >= 2 and not any(w.upper().strip(".") in TITLE_WORDS for w in n.split())]
        ok = [n for n in ok if key(n) not in place_keys]
        if not ok or any(key(n) in curated_keys for n in ok):
            continue
        country = next((c[:3] for c in codes if c[:3] in isos), "")
        if not country:
            continue
        dated = [(c, op, a, b) for c, op, a, b in roles if a or b]
        undated = [c for c, op, a, b in roles if not (a or b)]
        if any(w.upper() in ORG_WORDS for n in ok for w in n.split()):
            # an institution block (several organisations under one code): one entity per name
            for n in ok:
                if key(n) in curated_keys:
                    continue
                curated_keys.add(key(n))
                out.append(["E", "phx:" + n.replace(" ", "_"), "ORG", n, "", "", country, (undated or codes)[0].lstrip("~"), "0", "", "", "phoenix:Phoenix.Countries.actors.txt"])
                norg_c += 1
            continue
        eid = "phx:" + ok[0].replace(" ", "_")
        out.append(["E", eid, "PERSON", ok[0], "|".join(ok[1:]), "", country, undated[0] if undated else country, "0", "", "", "phoenix:Phoenix.Countries.actors.txt"])
        nphx += 1
        for c, op, a, b in dated:
            if op == ">":
                start, end = phoenix_date(a, True), ""
            elif op == "<":
                start, end = "", phoenix_date(a, False)
            else:
                start, end = phoenix_date(a, True), phoenix_date(b, False) if b else ""
            if not end:
                end = "2015-01-01"  # Phoenix was last updated in 2014: do not claim an office after that
            out.append(["R", eid, c, "", start, end])
    # Phoenix international and non-state actors (organisations)
    norg = 0
    for fname, src in (("Phoenix.International.actors.txt", "phoenix:Phoenix.International.actors.txt"),
                       ("Phoenix.MilNonState.actors.txt", "phoenix:Phoenix.MilNonState.actors.txt")):
        for names, roles in parse_phoenix_actors(os.path.join(phx, fname)):
            codes = [c for c, op, a, b in roles if not (a or b)]
            if not codes or any(key(n) in curated_keys for n in names):
                continue
            code = codes[0].lstrip("~")
            ok = [n for n in names if len(n) >= 4 and not any(w.upper().strip(".") in TITLE_WORDS - {"OF", "THE"} for w in n.split())]
            if not ok:
                continue
            typ = "ORG"
            if code[:3] in ("IGO", "NGO", "MNC", "IMG"):
                country = code[-3:] if code[-3:] in isos and len(code) >= 6 else ""
            else:
                country = code[:3] if code[:3] in isos else ""
            eid = "phx:" + ok[0].replace(" ", "_")
            out.append(["E", eid, typ, ok[0], "|".join(ok[1:]), "", country, code, "0", "", "", src])
            norg += 1
            for n in ok:
                curated_keys.add(key(n))
    # agents: ours first, then Phoenix's
    seen = set()
    for r in rows(os.path.join(KB, "agents.tsv")):
        r = (r + [""] * 4)[:4]
        out.append(["A", r[0], r[1], r[2], r[3]]); seen.add(r[0])
    for line in open(os.path.join(phx, "Phoenix.agents.txt"), encoding="utf-8", errors="replace"):
        line = line.split("#")[0].strip()
        m = re.match(r"^([A-Z0-9_\-'.]+)\s*(?:\{[^}]*\})?\s*\[~([A-Z]{3})", line)
        if not m or "!" in line:
            continue
        phrase = m.group(1).strip("_").replace("_", " ").lower()
        if len(phrase) < 3 or phrase in seen:
            continue
        seen.add(phrase)
        out.append(["A", phrase, m.group(2), "0", "phoenix:Phoenix.agents.txt"])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        header = "# Dyad knowledge base, built by tools/kb/build.py from data/kb/*.tsv (Dyad; iso-codes LGPL-2.1+; world-countries ODbL-1.0), Phoenix dictionaries (MIT) and GUM wiki_map (CC BY 4.0)\n"
        gz.write(header.encode("utf-8"))
        for r in out:
            gz.write(("\t".join(r) + "\n").encode("utf-8"))
    with open(OUT, "wb") as f:
        f.write(buf.getvalue())
    print(f"{len([r for r in out if r[0]=='C'])} countries, {npeople} curated people ({nroles} roles), {nphx} Phoenix people, {norg + norg_c} Phoenix organisations, "
          f"{len([r for r in out if r[0]=='A'])} agents -> {os.path.relpath(OUT, ROOT)} ({len(buf.getvalue())//1024} KiB)")

if __name__ == "__main__":
    sys.exit(main())
