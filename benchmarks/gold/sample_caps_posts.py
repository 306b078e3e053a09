"""Sample ALL-CAPS candidate tokens for the human-labelled caps gold set.

Deterministic (seed 20261124). Reads the corpus files, finds every candidate
token in non-repost posts, assigns a sampling stratum, draws a stratified
sample and writes one JSON object per token (no post text) to --out.

    python benchmarks/gold/sample_caps_posts.py \
        --corpus /work/shared/data/corpus --out /tmp/caps_sample.jsonl
    python benchmarks/gold/sample_caps_posts.py \
        --corpus /work/shared/data/corpus --check benchmarks/gold/caps_posts.jsonl

The strata are ONLY a sampling device; labels in caps_posts.jsonl were
assigned by a person reading each post (see caps_posts_GUIDE.md).
"""
from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import random
import sys
from pathlib import Path

import regex

SEED = 20261124
PLATFORMS = ("truth_social", "twitter")

# >= 2 upper-case letters, no lower-case letter; dotted initialisms (U.S., A.M.)
# or a run of capitals/digits/&/apostrophe/hyphen that starts and ends with a
# capital, optionally followed by a plural s or possessive 's.
TOKEN = regex.compile(
    r"(?<![\p{L}\p{N}@#/])(?:\p{Lu}\.){2,}"
    r"|(?<![\p{L}\p{N}@#/.])[\p{Lu}][\p{Lu}\p{N}&'’-]*[\p{Lu}](?:'s|’s|s)?(?![\p{L}\p{N}])"
)
URL = regex.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|org|gov|net|ly|co)/\S*")
MENTION = regex.compile(r"[@#][\p{L}\p{N}_]+")
# Sentence end for the "final segment": punctuation + space, but not the
# period of a single-letter initial ("J. TRUMP").
SENT_END = regex.compile(r"(?<!(?<![\p{L}])\p{Lu})[.!?…]+[\"”’')]*\s+")
# Sign-off shape of a final segment (used only to make sure sign-offs are
# well represented inside the final_line stratum).
SIGNOFF = regex.compile(
    r"^\W*(?:(?:President|PRESIDENT)\s+)?(?:DJT|Donald\s+J\.\s+Trump|DONALD\s+J\.\s+TRUMP|Donald\s+Trump|DONALD\s+TRUMP)\W*$"
)

ACRONYMS = set("""
NATO USA US USSR FBI CIA NSA CNN MSNBC NBC ABC CBS CNBC ESPN HBO QVC NPR PBS BBC
WSJ NYT AP OAN MAGA GDP EU UN UK UAE DOJ DHS ICE IRS EPA FDA CDC NIH NASA FEMA
SEC WTO WHO GOP RINO RINOS DNC RNC NYC NY DC TV AM PM EST ET EDT PST POTUS FLOTUS
SCOTUS VP ISIS DACA NFL NBA PGA LPGA USGA UFC WWE OPEC CPAC NAFTA USMCA TPP CEO
CEOS CFO IQ NRA DEI AI LNG DOGE CCP PRC DPRK DMZ NK IRA GM MS ACA IG JCPOA SOTU
LGBT LGBTQ ID OK RT DJT WH VA NH SC FL IA NJ CA TX OH PA MI NC NV AZ GA WI MN CO
IN FYI USAF USMC MS-13 RFK JFK GOLF NJ NAACP AIPAC ATM LLC USPS SNL FISA NSC HHS
DOT DOE DOD FAA FCC FTC IMF ECB ATF DEA TSA EB-5 H-1B IPO ROI KKK BLM ANTIFA ANWR
""".split())
ACRONYMS.discard("GOLF")
ACRONYMS.discard("IN")  # preposition far more often; left in "other"

NAMES = set("""
TRUMP TRUMP'S TRUMP’S DONALD BIDEN JOE HILLARY CLINTON OBAMA BARACK PUTIN KAMALA
HARRIS BERNIE SANDERS CRUZ TED RUBIO MARCO JEB BUSH ROMNEY MITT MELANIA IVANKA
COMEY MUELLER NEWSOM PELOSI NANCY SCHUMER CHUCK ELON MUSK ZELENSKY XI KIM BOBBY
KENNEDY VANCE MAMDANI EPSTEIN OPRAH ROSIE OBAMACARE BIDENOMICS LETTERMAN MEGYN
KELLY FIORINA CARSON KASICH CHRISTIE JEFF BEZOS SOROS POWELL JEROME TIM WALZ
DESANTIS RON NIKKI HALEY BANNON FLYNN JESUS GOD CHRIST NETANYAHU BIBI MODI SHI
""".split())


def load(corpus: Path, platform: str):
    with gzip.open(corpus / f"{platform}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def split_of(platform: str, post_id: str) -> str:
    h = hashlib.sha256(f"{platform}:{post_id}".encode()).digest()
    return "dev" if h[0] % 2 == 0 else "test"


def masked_spans(text: str):
    return [m.span() for m in URL.finditer(text)] + [m.span() for m in MENTION.finditer(text)]


def candidates(text: str):
    spans = masked_spans(text)
    for m in TOKEN.finditer(text):
        s, e = m.span()
        if any(s < b and a < e for a, b in spans):
            continue
        yield s, e, m.group()


def upper_share(text: str):
    """Share of upper-case among cased letters, URLs/mentions removed."""
    spans = sorted(masked_spans(text))
    keep, pos = [], 0
    for a, b in spans:
        if a > pos:
            keep.append(text[pos:a])
        pos = max(pos, b)
    keep.append(text[pos:])
    letters = [c for c in "".join(keep) if c.isalpha() and (c.isupper() or c.islower())]
    if len(letters) < 15:
        return None
    return sum(c.isupper() for c in letters) / len(letters)


def final_segment_start(text: str) -> int | None:
    """Start offset of the short closing segment of a post (sign-off zone):
    the last non-empty line if the post has several lines and it is short,
    else the text after the last sentence end if it is short (<= 45 chars)."""
    stripped = text.rstrip()
    lines = stripped.split("\n")
    if len([ln for ln in lines if ln.strip()]) >= 2:
        last = lines[-1]
        if len(last.strip()) <= 60:
            return len(stripped) - len(last)
    ends = list(SENT_END.finditer(stripped))
    if not ends:
        return None
    start = ends[-1].end()
    if 0 < len(stripped) - start <= 45:
        return start
    return None


def norm(form: str) -> set[str]:
    f = form.replace("’", "'")
    out = {f, f.replace(".", "")}
    for suf in ("'S", "'s", "s"):
        if f.endswith(suf):
            out.add(f[: -len(suf)])
            out.add(f[: -len(suf)].replace(".", ""))
    return out


def stratum_of(text: str, s: int, form: str, share, fstart) -> str:
    if share is not None and share >= 0.9:
        return "allcaps_post"
    if fstart is not None and s >= fstart:
        return "final_line"
    n = norm(form)
    if n & ACRONYMS:
        return "acronym"
    if n & NAMES:
        return "name"
    return "other"


# tokens per platform per stratum; per-form and per-post caps
TARGET = {"acronym": 40, "name": 30, "final_line": 25, "allcaps_post": 25, "other": 100}
SIGNOFF_QUOTA = 12
FORM_CAP = {"acronym": 3, "name": 4, "final_line": 12, "allcaps_post": 3, "other": 3}
POST_CAP_STRATUM = {"allcaps_post": 2, "final_line": 2}
POST_CAP = 3
ORDER = ["allcaps_post", "final_line", "acronym", "name", "other"]


def build(corpus: Path, seed: int = SEED, target: dict | None = None, signoff_quota: int = SIGNOFF_QUOTA,
          skip: frozenset = frozenset(), split=None, sort_key=None):
    """Draw the sample.  The keyword arguments let a later sample (dev2) reuse this exact
    procedure with its own seed, quotas, excluded posts, split and order."""
    target = target or TARGET
    pool = {(p, st): [] for p in PLATFORMS for st in ORDER}
    for platform in PLATFORMS:
        for rec in load(corpus, platform):
            if rec.get("repost") or not rec.get("text"):
                continue
            if (platform, str(rec["id"])) in skip:
                continue
            text = rec["text"]
            share = upper_share(text)
            fstart = final_segment_start(text)
            for s, e, form in candidates(text):
                st = stratum_of(text, s, form, share, fstart)
                signoff = st == "final_line" and bool(SIGNOFF.match(text[fstart:]))
                pool[(platform, st)].append(
                    (platform, str(rec["id"]), s, e, form, st, signoff))
    rng = random.Random(seed)
    per_post = collections.Counter()
    chosen = []
    for st in ORDER:
        for platform in PLATFORMS:
            cands = sorted(pool[(platform, st)], key=lambda c: (c[1], c[2]))
            rng.shuffle(cands)
            # sign-off shaped final segments first, up to SIGNOFF_QUOTA tokens
            # (drawn by post, so that one-token "DJT" sign-offs are not
            # outweighed by three-token "PRESIDENT DONALD J. TRUMP" ones)
            signoffs = []
            if st == "final_line":
                by_post = collections.defaultdict(list)
                for c in sorted((c for c in cands if c[6]), key=lambda c: (c[1], c[2])):
                    by_post[c[1]].append(c)
                posts = sorted(by_post)
                rng.shuffle(posts)
                for pid in posts:
                    signoffs.extend(by_post[pid][:POST_CAP_STRATUM["final_line"]])
                    if len(signoffs) >= signoff_quota:
                        break
            in_signoffs = set(signoffs)
            cands = signoffs + [c for c in cands if c not in in_signoffs]
            forms = collections.Counter()
            in_stratum = collections.Counter()
            taken = 0
            for c in cands:
                if taken >= target[st]:
                    break
                key = (c[0], c[1])
                f = c[4].upper()
                if per_post[key] >= POST_CAP or forms[f] >= FORM_CAP[st]:
                    continue
                if in_stratum[key] >= POST_CAP_STRATUM.get(st, POST_CAP):
                    continue
                per_post[key] += 1
                in_stratum[key] += 1
                forms[f] += 1
                taken += 1
                chosen.append(c)
    rows = [
        {"platform": p, "id": i, "start": s, "end": e, "form": f, "stratum": st,
         "split": split(p, i) if split else split_of(p, i)}
        for p, i, s, e, f, st, _ in chosen
    ]
    rows.sort(key=sort_key or (lambda r: (r["platform"], int(r["id"]), r["start"])))
    return rows, {k: len(v) for k, v in pool.items()}


def check(corpus: Path, path: Path) -> int:
    texts = {}
    for platform in PLATFORMS:
        for rec in load(corpus, platform):
            texts[(platform, str(rec["id"]))] = rec["text"]
    bad = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        r = json.loads(line)
        t = texts.get((r["platform"], r["id"]))
        if t is None or t[r["start"]:r["end"]] != r["form"]:
            bad += 1
            print(f"line {n}: mismatch {r}", file=sys.stderr)
        if r.get("split") != split_of(r["platform"], r["id"]):
            bad += 1
            print(f"line {n}: split mismatch", file=sys.stderr)
    print(f"checked {n} rows, {bad} problems")
    return 1 if bad else 0


def main(build=build, check=check):
    """Command line shared by this sample and later ones (dev2 passes its own build/check)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/data/corpus"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--check", type=Path)
    a = ap.parse_args()
    if a.check:
        sys.exit(check(a.corpus, a.check))
    rows, sizes = build(a.corpus)
    for k, v in sorted(sizes.items()):
        print(f"pool {k[0]:13s} {k[1]:13s} {v}", file=sys.stderr)
    out = a.out.open("w", encoding="utf-8") if a.out else sys.stdout
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"sampled {len(rows)}", file=sys.stderr)


if __name__ == "__main__":
    main()
