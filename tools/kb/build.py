#!/usr/bin/env python3
"""Builds Dyad's embedded knowledge base: src/Dyad.Core/Resources/knowledge/kb.bin.gz

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
Output: the records below, in a compact binary layout (see encode()) that loads without parsing text:
  C iso3 iso2 name aliases demonyms capitals qid independent
  E id type name aliases short country code metonymy qid wiki source
  R id code role start end
  A phrase sector person source
"""
import argparse, gzip, io, os, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KB = os.path.join(ROOT, "data", "kb")
OUT = os.path.join(ROOT, "src", "Dyad.Core", "Resources", "knowledge", "kb.bin.gz")

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

HEADER = ("# Dyad knowledge base, built by tools/kb/build.py from data/kb/*.tsv (Dyad; iso-codes LGPL-2.1+; "
          "world-countries ODbL-1.0), Phoenix dictionaries (MIT) and GUM wiki_map (CC BY 4.0); binary format 1\n")
# What .NET's char.IsWhiteSpace trims (string.Split's TrimEntries), so lists split here as the loader used to split them.
NET_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")

def encode(out):
    """The records of `out` in the binary layout that KnowledgeBase.Load reads (little endian, unsigned LEB128 varints):
      header line (text, ends with \n), varint format (1)
      strings: varint count, then each: varint UTF-8 length, bytes   (every field below is a varint index into them)
      records in build order, each a tag byte then its fields:
        'C' iso3 iso2 name [aliases] [demonyms] [capitals] qid independent(byte)
        'E' id type name [aliases] [short] country code metonymy(byte) qid wiki source
        'R' id code title start end          (dates: varint days since 0001-01-01 plus one; 0 = none)
        'A' phrase sector person(byte)
      a [list] is a varint count then that many string indexes; a single byte 0 ends the records.
    The text fields are the ones the TSV rows had, so the loader sees the same content: lists are split on '|'
    with empty entries dropped and entries trimmed, as .NET's Split(RemoveEmptyEntries | TrimEntries) does."""
    import datetime
    strings, index = [], {}
    def sid(s):
        i = index.get(s)
        if i is None:
            i = index[s] = len(strings)
            strings.append(s)
        return i
    def lst(s):
        return [sid(x) for x in (p.strip(NET_SPACE) for p in s.split("|")) if x]
    def day(s):
        if not DATE_RE.fullmatch(s):
            return 0
        try:
            d = datetime.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
        except ValueError:
            return 0
        return d.toordinal()  # 0001-01-01 is 1
    recs = []
    for r in out:
        # Cut each record at tabs as the TSV loader did (a few Phoenix names hold a tab), so the content stays the same.
        r = "\t".join(r).split("\t")
        t = r[0]
        if t == "C" and len(r) >= 9:
            recs.append((b"C", [sid(r[1]), sid(r[2]), sid(r[3]), lst(r[4]), lst(r[5]), lst(r[6]), sid(r[7])], [r[8] == "1"]))
        elif t == "E" and len(r) >= 12:
            recs.append((b"E", [sid(r[1]), sid(r[2]), sid(r[3]), lst(r[4]), lst(r[5]), sid(r[6]), sid(r[7])], [r[8] == "1"], [sid(r[9]), sid(r[10]), sid(r[11])]))
        elif t == "R" and len(r) >= 6:
            recs.append((b"R", [sid(r[1]), sid(r[2]), sid(r[3]), day(r[4]), day(r[5])]))
        elif t == "A" and len(r) >= 4:
            recs.append((b"A", [sid(r[1]), sid(r[2])], [r[3] == "1"]))
    body = bytearray()
    def varint(n):
        while True:
            b = n & 0x7F
            n >>= 7
            if n:
                body.append(b | 0x80)
            else:
                body.append(b)
                return
    body += HEADER.encode("utf-8")
    varint(1)
    varint(len(strings))
    for s in strings:
        b = s.encode("utf-8")
        varint(len(b))
        body += b
    for rec in recs:
        body += rec[0]
        for part in rec[1:]:
            for v in part:
                if isinstance(v, bool):
                    body.append(1 if v else 0)
                elif isinstance(v, list):
                    varint(len(v))
                    for x in v:
                        varint(x)
                else:
                    varint(v)
    body.append(0)
    return bytes(body)

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
    data = encode(out)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(data)
    with open(OUT, "wb") as f:
        f.write(buf.getvalue())
    for stale in (os.path.join(os.path.dirname(OUT), "kb.tsv.gz"),):
        if os.path.exists(stale):
            os.remove(stale)
    print(f"{len([r for r in out if r[0]=='C'])} countries, {npeople} curated people ({nroles} roles), {nphx} Phoenix people, {norg + norg_c} Phoenix organisations, "
          f"{len([r for r in out if r[0]=='A'])} agents -> {os.path.relpath(OUT, ROOT)} ({len(buf.getvalue())//1024} KiB)")

if __name__ == "__main__":
    sys.exit(main())
