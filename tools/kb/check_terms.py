#!/usr/bin/env python3
"""Checks the dated office terms of data/kb/people.txt: gaps and overlaps per office and country.

For every country of the audit list and every office (head of state, head of government, foreign minister,
defence minister, main spokesperson), the terms written in people.txt are put on a time line from
2000-01-01 to the end of the audit period (--until, default 2025-11-01: the latest facts written in the data).
A gap is a day nobody held the office; an overlap is a day two people held a single-holder office
(spokespeople may be several at once: only gaps are checked for them). Spokesperson offices listed in SKIPPED
(no standing, named spokesperson is the voice heard in international news) are shown as "skipped (reason)".

Usage (from the repository root):
  python3 tools/kb/check_terms.py              # summary table (markdown) + every gap and overlap
  python3 tools/kb/check_terms.py --strict     # exit 1 on any overlap, or on a gap in an office listed as complete
Exit code 1 when an overlap is found (a data error) or when a complete office has a gap.
"""
import argparse, datetime as dt, os, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PEOPLE = os.path.join(ROOT, "data", "kb", "people.txt")

# Country -> offices that exist there (HOG is left out where the head of state also heads the government).
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
NEWS = "UKR ISR IRN PRK PAK EGY SYR IRQ AFG PSE TWN POL VEN QAT ARE".split()
# The president heads the government (a prime minister, where there is one, is not the head of government).
PRESIDENTIAL = {"USA", "BRA", "ARG", "MEX", "IDN", "ZAF", "VEN", "AFG", "PRK", "KOR", "TWN_"}
OFFICES = ("HOS", "HOG", "FM", "DM", "SPOKES")
# Offices that did not exist over the whole period: (country, office) -> (first day, day after the last).
PERIOD = {
    ("TUR", "HOG"): ("2000-01-01", "2018-07-09"),   # abolished by the 2017 constitutional referendum
    ("PSE", "HOG"): ("2003-03-19", None),           # created in 2003
    ("SYR", "HOG"): ("2000-01-01", "2025-03-29"),   # left out of the 2025 transitional government
    ("JPN", "DM"): ("2000-01-01", None),
    ("PSE", "FM"): ("2003-04-30", None),            # the PA's foreign ministry was set up in 2003 (before, the PLO kept foreign relations)
    ("ARG", "SPOKES"): ("2021-09-01", None),        # no standing presidential spokesperson before Cerruti (month uncertain)
    ("IRQ", "SPOKES"): ("2004-06-28", None),        # no government spokesperson office under Saddam Hussein (the information minister and
                                                    # anonymous officials spoke) nor under the CPA; first the interim government's
}
# Not applicable: no such office.
NOT_APPLICABLE = {("PSE", "DM"): "no defence ministry"}
# Main-spokesperson offices left out on purpose: no standing, named spokesperson is the voice heard in international news.
SKIPPED = {
    ("GBR", "SPOKES"): "the PM's spokesperson is anonymous",
    ("AUS", "SPOKES"): "no government spokesperson office; ministers speak, the PM's press staff are not named",
    ("CAN", "SPOKES"): "no government spokesperson office; the PMO's press secretaries are political staff",
    ("ITA", "SPOKES"): "no government spokesperson office; the prime minister's press officers are staff",
    ("SAU", "SPOKES"): "no government spokesperson; statements come through the Saudi Press Agency",
    ("ARE", "SPOKES"): "no government spokesperson; statements come through WAM",
    ("BRA", "SPOKES"): "the presidential spokesperson post was filled only at times",
    ("VEN", "SPOKES"): "no spokesperson office; the Minister of Communication speaks",
    ("SYR", "SPOKES"): "no standing spokesperson office under Assad; the presidency's media adviser and ministers spoke",
    ("PRK", "SPOKES"): "the foreign ministry's spokesmen are anonymous (KCNA)",
}
# Real vacancies (nobody held the office): not counted as gaps of the data.
VACANCIES = {
    ("IRQ", "HOS"): [("2003-04-09", "2004-06-28", "US-led occupation (Coalition Provisional Authority)")],
    ("IRQ", "HOG"): [("2003-04-09", "2004-06-28", "US-led occupation (Coalition Provisional Authority)")],
    ("IRQ", "FM"): [("2003-04-09", "2003-09-03", "US-led occupation, before the Governing Council's cabinet")],
    ("CHN", "DM"): [("2023-10-24", "2023-12-29", "after Li Shangfu's removal")],
    ("IRQ", "DM"): [("2003-04-09", "2004-04-01", "the CPA dissolved the ministry of defence; a new one was set up in 2004"),
                    ("2018-10-25", "2019-06-24", "no minister approved by parliament until al-Shammari")],
    ("PRK", "FM"): [("2007-01-02", "2007-05-18", "after Paek Nam-sun's death, before Pak Ui-chun's appointment")],
}
SHORT = 31  # gaps up to this many days are interim or caretaker periods, reported apart

def office_of(title, country):
    """The audited office a role title stands for, or None."""
    t = title
    if re.match(r"Minister of State for Defen[cs]e Affairs of Qatar", t):
        return "DM"  # Qatar: the emir's minister of state runs the defence portfolio (no separate minister of defence)
    if re.search(r"\b(Deputy|Vice|First Deputy|Minister of State|Crown Prince|Chief of the General Staff|Ambassador|Permanent Representative)\b", t) \
            and not re.match(r"(Vice-Chancellor and )?Minister of (Foreign|Defen)", t) or t.startswith("Vice"):
        if not re.match(r"(Deputy Prime Minister and )?(Minister of|Minister for) (Foreign|Defen)", t):
            return None
    if re.search(r"spokes|Press Secretary|Chief Cabinet Secretary|Government Spokesperson", t, re.I):
        if "Deputy" in t or "Pentagon" in t:
            return None
        return "SPOKES"
    if "(head of state)" in t or re.match(r"De facto leader of", t):
        return "HOS"
    if re.match(r"Director General of the Japan Defense Agency", t):
        return "DM"
    if re.match(r"(Acting )?(President|King|Queen|Emir|Emperor|Supreme Leader|Chairman of the State Administration Council|Chairman of the Transitional)\b", t) \
            and not re.search(r"Commission|Council of|Court|Assembly|Bank|Authority \(|National People's Congress|Sovereignty", t):
        if country == "IRN" and t.startswith(("President", "Acting President")):
            return "HOG"  # Iran: the Supreme Leader is head of state, the president heads the government
        if country == "AFG" and t.startswith("Supreme Leader of the Taliban"):
            return None
        if country == "PSE" and "Palestinian Authority" not in t and "Palestine" not in t:
            return None
        return "HOS"
    if re.match(r"(Acting )?(Prime Minister|Premier|Chancellor of Germany|Chief Executive of Pakistan|Chief Executive of Afghanistan)\b", t):
        if "Hamas government" in t:
            return None
        return "HOG"
    if re.match(r"(Acting )?(Minister (of|for) (Foreign|External)|Foreign Minister|Foreign Secretary of the United Kingdom|United States Secretary of State|"
                r"Secretary of Foreign Affairs|Minister of International Relations|Vice-Chancellor and Minister of Foreign)", t):
        return "FM"
    if re.match(r"(Acting )?(Minister (of|for) (National )?Defen[cs]e|Minister of the Armed Forces|United States Secretary of Defense|Defence Secretary|"
                r"Secretary of (National )?Defen[cs]e|Minister of Defen[cs]e and|Minister of Defense of|Minister of (the )?People's Armed Forces)", t):
        return "DM"
    return None

def date(s):
    return dt.date.fromisoformat(s) if s else None

def load():
    people, cur = [], None
    with open(PEOPLE, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            r = line.split("\t")
            if r[0] == "P":
                r = (r + [""] * 8)[:8]
                cur = {"wiki": r[1], "name": r[2], "country": r[5], "roles": []}
                people.append(cur)
            elif r[0] == "R" and cur is not None:
                r = (r + [""] * 6)[:6]
                cur["roles"].append({"code": r[1], "title": r[2], "start": date(r[3]), "end": date(r[4]), "line": n, "note": r[5]})
    return people

def terms(people):
    """(country, office) -> [(start, end, name, line)] for the audited offices."""
    out = {}
    for p in people:
        for r in p["roles"]:
            country = r["code"][:3]
            if country in ("IGO", "NGO"):
                continue
            office = office_of(r["title"], country)
            if office is None or r["start"] is None:
                continue
            out.setdefault((country, office), []).append((r["start"], r["end"], p["name"], r["line"], r["title"]))
    return out

def timeline(ts, start, until, single):
    """Gaps [(from, to)] and overlaps of one office's terms between start and until."""
    ts = sorted(ts)
    gaps, overlaps = [], []
    cursor = start
    for i, (s, e, name, line, title) in enumerate(ts):
        e2 = e or until
        if s > cursor and cursor < until:
            gaps.append((cursor, min(s, until)))
        if e2 > cursor:
            cursor = e2
        if single:
            for s2, e3, name2, line2, _ in ts[i + 1:]:
                if s2 < e2 and name2 != name and s2 < until and e2 > start:
                    overlaps.append((name, line, name2, line2, s2, min(e2, e3 or until)))
    if cursor < until:
        gaps.append((cursor, until))
    return [(a, b) for a, b in gaps if b > a], overlaps

def audit(terms_, start, until):
    """(country, office) -> dict(gaps, short, vacant, overlaps, coverage, na) for the audit list."""
    result = {}
    for c in G20 + NEWS:
        for off in OFFICES:
            key = (c, off)
            if key in SKIPPED:
                result[key] = {"na": "skipped", "why": SKIPPED[key]}
                continue
            if key in NOT_APPLICABLE or (off == "HOG" and c in PRESIDENTIAL):
                result[key] = {"na": NOT_APPLICABLE.get(key, "the president heads the government")}
                continue
            a, b = PERIOD.get(key, (None, None))
            s0 = max(start, date(a)) if a else start
            u0 = min(until, date(b)) if b else until
            gaps, overlaps = timeline(terms_.get(key, []), s0, u0, off != "SPOKES")
            vac = [(date(x), date(y), why) for x, y, why in VACANCIES.get(key, [])]
            real, short, vacant = [], [], []
            for g0, g1 in gaps:
                v = next((v for v in vac if v[0] <= g0 and g1 <= v[1]), None)
                if v:
                    vacant.append((g0, g1, v[2]))
                elif (g1 - g0).days <= SHORT and key in terms_:
                    short.append((g0, g1))
                else:
                    real.append((g0, g1))
            total = (u0 - s0).days
            missing = sum((g1 - g0).days for g0, g1 in real)
            result[key] = {"gaps": real, "short": short, "vacant": vacant, "overlaps": overlaps,
                           "coverage": 1 - missing / total if total > 0 else 1.0}
    return result

def cell(r):
    if "na" in r:
        return f"skipped ({r['why']})" if r["na"] == "skipped" else "n/a"
    cov = r["coverage"]
    text = "complete" if not r["gaps"] else ("none" if cov < 0.005 else f"{cov:.0%}")
    if r["short"]:
        text += f" ({len(r['short'])} interim gap{'s' if len(r['short']) > 1 else ''})"
    return text

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--since", default="2000-01-01")
    ap.add_argument("--until", default="2025-11-01")
    ap.add_argument("--strict", action="store_true", help="exit 1 on overlaps")
    ap.add_argument("--table", action="store_true", help="only the markdown coverage table")
    ap.add_argument("--short", action="store_true", help="also list the interim gaps")
    a = ap.parse_args()
    start, until = date(a.since), date(a.until)
    t = terms(load())
    res = audit(t, start, until)
    lines = ["| country | head of state | head of government | foreign minister | defence minister | main spokesperson |",
             "|---|---|---|---|---|---|"]
    for c in G20 + NEWS:
        lines.append(f"| {c} | " + " | ".join(cell(res[(c, off)]) for off in OFFICES) + " |")
    print("\n".join(lines))
    full = sum(1 for r in res.values() if "na" not in r and not r["gaps"])
    skipped = sum(1 for r in res.values() if r.get("na") == "skipped")
    print(f"\n{full} of {sum(1 for r in res.values() if 'na' not in r)} offices complete {start}..{until}"
          f" ({sum(len(r.get('short', [])) for r in res.values())} interim gaps of at most {SHORT} days;"
          f" {skipped} spokesperson offices skipped, no standing named office)")
    if a.table:
        return 0
    bad = 0
    for (c, off), r in res.items():
        for g0, g1 in r.get("gaps", []):
            print(f"GAP      {c} {off:6} {g0} .. {g1} ({(g1 - g0).days} days)")
        if a.short:
            for g0, g1 in r.get("short", []):
                print(f"interim  {c} {off:6} {g0} .. {g1} ({(g1 - g0).days} days)")
        for g0, g1, why in r.get("vacant", []):
            print(f"vacant   {c} {off:6} {g0} .. {g1}: {why}")
        for name, line, name2, line2, s, e in r.get("overlaps", []):
            bad += 1
            print(f"OVERLAP  {c} {off:6} {name} (line {line}) and {name2} (line {line2}) from {s} to {e}")
    return 1 if (a.strict and bad) else 0

if __name__ == "__main__":
    sys.exit(main())
