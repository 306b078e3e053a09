"""Accuracy suite: every detector scored against annotations, with a naive baseline.

    python benchmarks/accuracy.py [--data ../shared/data] [--split test|dev|train|all] [--json OUT]
    python benchmarks/accuracy.py --voices [--split dev|test|all]   # the voices section alone

Each UD sentence and each post is measured as its own text through the public API
(``rhetoric.measure_text``); a predicted evidence span matches a gold token when the two
overlap.  Sections:

* superlatives: UD English EWT and GUM, ``feats.Degree == "Sup"`` (human annotation; all
  kinds count, quantifier most/least included);
* caps (UD silver): ``caps-gold.jsonl.gz`` tokens labelled by rule: confident acronyms
  (Abbr=Yes or dotted) and tokens of wholly upper-case sentences must not be flagged;
* caps (posts): the human-labelled samples in ``benchmarks/gold/caps_posts*.jsonl``;
* attribution: the hand-labelled sentences in ``benchmarks/gold/attribution*.jsonl``,
  with and without pronoun carry;
* voices: ``rhetoric.voices.find_voices`` against ``benchmarks/gold/voices.jsonl`` (reposts:
  manual and native; quoted passages: post level and character level; per corpus, with and
  without the doubtful rows; and its speed over each whole corpus); tuned on split ``dev``,
  ``test`` held out;
* exclamations: the share of @realDonaldTrump's tweets from 2015-11-05 to 2016-06-02 with
  an exclamation mark, and with two or more, against a published figure.

Protocol: rules were developed on train and dev (UD) and on the development sets of the
labelled posts (split ``dev`` and ``dev2``); the figures to quote are the test ones: split
``test2``, a fresh sample labelled blind after the earlier test half (split ``test``) had
been read in two rounds of development, and that earlier half (still the only held-out set
with pronoun references).  For attribution, ``test3`` holds every fresh post left with a
pronoun after a named sentence (labelled blind; one reference).  ``--split test`` prints them
all, and attribution pooled over the three.  The targets are checked by
``tests/test_accuracy.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rhetoric import Config, measure_text  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
GOLD = ROOT / "benchmarks" / "gold"
TREEBANKS = ("ewt", "gum")
TARGETS = {
    "superlative_precision": 0.97, "superlative_recall": 0.97, "superlative_f1": 0.98,
    "caps_posts_f1": 0.95, "caps_posts_acronyms_flagged": 0.02,
    "silver_acronyms_flagged": 0.02, "silver_shouted_flagged": 0.02,
    "attribution_accuracy": 0.93, "attribution_reference_accuracy": 0.50, "attribution_carry_cost_neither": 0.01,
    "voices_manual_precision": 0.98, "voices_manual_recall": 0.98,
    "voices_posts_precision": 0.90, "voices_posts_recall": 0.90, "voices_us_per_post": 5.0,
}


def read_jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass
class Score:
    """Overlap-matched precision and recall, with the forms behind the errors."""

    true_positive_pred: int = 0  # predictions overlapping a gold token
    predicted: int = 0
    true_positive_gold: int = 0  # gold tokens overlapped by a prediction
    gold: int = 0
    false_positives: Counter = field(default_factory=Counter)
    false_negatives: Counter = field(default_factory=Counter)

    def add(self, predicted: list[tuple[int, int, str]], gold: list[tuple[int, int, str]]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        for s, e, text in predicted:
            if any(s < ge and gs < e for gs, ge, _ in gold):
                self.true_positive_pred += 1
            else:
                self.false_positives[text.lower()] += 1
        for gs, ge, text in gold:
            if any(s < ge and gs < e for s, e, _ in predicted):
                self.true_positive_gold += 1
            else:
                self.false_negatives[text.lower()] += 1

    @property
    def precision(self) -> float | None:
        return self.true_positive_pred / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.true_positive_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    def merge(self, other: Score) -> Score:
        out = Score(self.true_positive_pred + other.true_positive_pred, self.predicted + other.predicted,
                    self.true_positive_gold + other.true_positive_gold, self.gold + other.gold)
        out.false_positives = self.false_positives + other.false_positives
        out.false_negatives = self.false_negatives + other.false_negatives
        return out

    def row(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "predicted": self.predicted,
                "gold": self.gold, "tp": self.true_positive_gold}


def gold_rows(name: str) -> list[dict]:
    """A gold set with its second development sample (split "dev2") and its fresh held-out
    samples (splits "test2" and, for attribution, "test3"), when present."""
    rows = list(read_jsonl(GOLD / f"{name}.jsonl"))
    for extra in (GOLD / f"{name}_dev2.jsonl", GOLD / f"{name}_test2.jsonl", GOLD / f"{name}_test3.jsonl"):
        rows += list(read_jsonl(extra)) if extra.exists() else []
    return rows


# -- superlatives ----------------------------------------------------------------

def superlative_scores(data: Path, splits: Iterable[str], config: Config) -> dict[tuple[str, str], tuple[Score, Score]]:
    """(rules, baseline) per (treebank, split).  Baseline: every word ending in -est."""
    import regex

    est = regex.compile(r"\b\p{L}+est\b", regex.IGNORECASE)
    result = {}
    for treebank in TREEBANKS:
        for split in splits:
            rules, baseline = Score(), Score()
            for sentence in read_jsonl(data / "ud" / f"{treebank}-{split}.jsonl.gz"):
                text = sentence["text"]
                gold = [(t["start"], t["end"], t["form"]) for t in sentence["tokens"]
                        if t["feats"].get("Degree") == "Sup"]
                m = measure_text(text, config)
                rules.add([(e.start, e.end, e.text) for e in m.evidence if e.signal == "superlative"], gold)
                baseline.add([(x.start(), x.end(), x.group()) for x in est.finditer(text)], gold)
            result[(treebank, split)] = (rules, baseline)
    return result


# -- caps: UD silver ---------------------------------------------------------------

@dataclass
class SilverCaps:
    confident_acronyms: int = 0
    confident_acronyms_flagged: int = 0
    shouted: int = 0
    shouted_flagged: int = 0
    emphasis: Score = field(default_factory=Score)
    flagged_acronyms: Counter = field(default_factory=Counter)

    def rates(self) -> dict:
        return {
            "confident_acronyms": self.confident_acronyms,
            "acronyms_flagged": self.confident_acronyms_flagged / self.confident_acronyms
            if self.confident_acronyms else None,
            "shouted_tokens": self.shouted,
            "shouted_flagged": self.shouted_flagged / self.shouted if self.shouted else None,
        }


def silver_caps(data: Path, splits: Iterable[str], config: Config, baseline: bool = False) -> SilverCaps:
    """Caps detector (or the every-all-caps-word baseline) on the UD silver layer."""
    wanted = set(splits)
    sentences: dict[tuple, list[dict]] = {}
    for row in read_jsonl(data / "ud" / "caps-gold.jsonl.gz"):
        if row["split"] in wanted:
            sentences.setdefault((row["treebank"], row["split"], row["sent_id"]), []).append(row)
    out = SilverCaps()
    for rows in sentences.values():
        text = rows[0]["text"]
        if baseline:
            from rhetoric.signals.caps import is_caps_token
            from rhetoric.tokens import tokenize

            flagged = [(t.start, t.end, t.text) for t in tokenize(text) if is_caps_token(t.kind, t.text)]
        else:
            m = measure_text(text, config)
            flagged = [(e.start, e.end, e.text) for e in m.evidence if e.signal == "caps"]
        hit = [any(s < r["end"] and r["start"] < e for s, e, _ in flagged) for r in rows]
        for r, h in zip(rows, hit, strict=True):
            if r["abbr"] or "." in r["form"] or r["rule"].startswith(("R1", "R2")):
                out.confident_acronyms += 1
                out.confident_acronyms_flagged += h
                if h:
                    out.flagged_acronyms[r["form"]] += 1
            if r["sentence_all_caps"]:
                out.shouted += 1
                out.shouted_flagged += h
        gold = [(r["start"], r["end"], r["form"]) for r in rows if r["label"] == "emphasis"]
        out.emphasis.add(flagged, gold)
    return out


# -- caps: labelled posts ---------------------------------------------------------------

def load_posts(data: Path, wanted: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], str]:
    posts = {}
    for platform in ("truth_social", "twitter"):
        for row in read_jsonl(data / "corpus" / f"{platform}.jsonl.gz"):
            key = (platform, row["id"])
            if wanted is None or key in wanted:
                posts[key] = row["text"]
    return posts


@dataclass
class PostCaps:
    score: Score
    labels: Counter
    flagged_by_label: Counter
    errors: list

    @property
    def acronyms_flagged(self) -> float | None:
        n = self.labels["acronym"]
        return self.flagged_by_label["acronym"] / n if n else None


def post_caps(data: Path, split: str, config: Config, baseline: bool = False) -> PostCaps:
    """Emphasis (label ``emphasis``) versus everything else, on the labelled tokens of one split."""
    gold = [r for r in gold_rows("caps_posts") if split == "all" or r["split"] in split.split("+")]
    posts = load_posts(data, {(r["platform"], r["id"]) for r in gold})
    by_post: dict[tuple[str, str], list[dict]] = {}
    for r in gold:
        by_post.setdefault((r["platform"], r["id"]), []).append(r)
    score, labels, flagged_by_label, errors = Score(), Counter(), Counter(), []
    for key, rows in by_post.items():
        text = posts[key]
        if baseline:
            flagged = [(r["start"], r["end"]) for r in rows]  # every all-caps word is "emphasis"
        else:
            m = measure_text(text, config)
            flagged = [(e.start, e.end) for e in m.evidence if e.signal == "caps"]
        for r in rows:
            hit = any(s < r["end"] and r["start"] < e for s, e in flagged)
            labels[r["label"]] += 1
            flagged_by_label[r["label"]] += hit
            positive = r["label"] == "emphasis"
            score.predicted += hit
            score.gold += positive
            score.true_positive_pred += hit and positive
            score.true_positive_gold += hit and positive
            if hit and not positive:
                score.false_positives[f"{r['form']} ({r['label']})"] += 1
                errors.append(("FP", r, text))
            elif positive and not hit:
                score.false_negatives[r["form"]] += 1
                errors.append(("FN", r, text))
    return PostCaps(score, labels, flagged_by_label, errors)


# -- attribution ----------------------------------------------------------------------

@dataclass
class Attribution:
    total: int = 0
    correct: int = 0
    reference: int = 0
    reference_correct: int = 0
    neither: int = 0
    neither_correct: int = 0
    errors: list = field(default_factory=list)

    def confusion(self) -> Counter:
        """The wrong sentences by (gold entities -> predicted entities), "reference" marking the
        gold pronoun references: the attribution's false positives and false negatives."""
        def names(entities: Iterable[str]) -> str:
            return "+".join(entities) or "neither"
        return Counter(f"{names(r['entities'])} -> {names(best)}{' (reference)' if r['reference'] else ''}"
                       for r, best, _ in self.errors)

    def rates(self) -> dict:
        return {"sentences": self.total, "accuracy": self.correct / self.total if self.total else None,
                "reference_sentences": self.reference,
                "reference_accuracy": self.reference_correct / self.reference if self.reference else None,
                "neither_sentences": self.neither,
                "neither_accuracy": self.neither_correct / self.neither if self.neither else None}


def attribution(data: Path, split: str, carry: bool) -> Attribution:
    """Sentence-level accuracy: the entity set of the rhetoric sentence that overlaps the gold
    sentence most must equal the gold set."""
    gold = [r for r in gold_rows("attribution") if split == "all" or r["split"] in split.split("+")]
    texts = {row["id"]: row["text"] for row in read_jsonl(data / "corpus" / "russia_ukraine.jsonl.gz")}
    config = Config.make(carry=carry)
    measured = {}
    out = Attribution()
    for r in gold:
        if r["id"] not in measured:
            measured[r["id"]] = measure_text(texts[r["id"]], config)
        m = measured[r["id"]]
        best, overlap = (), 0
        for s, a in zip(m.sentence_list, m.attribution, strict=True):
            o = min(s.end, r["end"]) - max(s.start, r["start"])
            if o > overlap:
                best, overlap = a.entities, o
        ok = set(best) == set(r["entities"])
        out.total += 1
        out.correct += ok
        if r["reference"]:
            out.reference += 1
            out.reference_correct += ok
        if not r["entities"]:
            out.neither += 1
            out.neither_correct += ok
        if not ok:
            out.errors.append((r, list(best), texts[r["id"]][r["start"]:r["end"]]))
    return out


# -- exclamations: reproduce a published figure ------------------------------------------

def exclamation_shares(data: Path, start: str = "2015-11-05", end: str = "2016-06-02") -> dict:
    """Share of own tweets (no retweets) in [start, end] with >= 1 and >= 2 exclamation marks."""
    config = Config.make()
    counts = Counter()
    for row in read_jsonl(data / "corpus" / "twitter.jsonl.gz"):
        if not (start <= row["date"][:10] <= end) or row.get("repost"):
            continue
        text = row["text"]
        manual_rt = text.startswith(('"@', '“@'))
        marks = text.count("!")
        final = measure_text(text, config).totals["exclamation_marks"]
        for group, include in (("own", True), ("own_no_quote_rt", not manual_rt)):
            if include:
                counts[(group, "n")] += 1
                counts[(group, "any")] += marks >= 1
                counts[(group, "two")] += marks >= 2
                counts[(group, "final_any")] += final >= 1
        counts["manual_rt"] += manual_rt
    result = {"period": [start, end], "manual_quote_retweets": counts["manual_rt"]}
    for group in ("own", "own_no_quote_rt"):
        n = counts[(group, "n")]
        result[group] = {"tweets": n, "share_with_exclamation": counts[(group, "any")] / n,
                         "share_with_two_or_more": counts[(group, "two")] / n,
                         "share_with_sentence_final_exclamation": counts[(group, "final_any")] / n}
    return result


# -- voices: reposts and quoted passages -----------------------------------------------------

VOICE_CORPORA = ("twitter", "truth_social")


@dataclass
class VoiceScore:
    """``rhetoric.voices.find_voices`` against ``benchmarks/gold/voices.jsonl``: precision and
    recall of the repost labels ``manual`` and ``native``, of posts holding any quoted span
    (post level), and of quoted characters (character level)."""

    rows: int = 0
    counts: Counter = field(default_factory=Counter)  # (measure, "tp"|"predicted"|"gold") -> n
    errors: list = field(default_factory=list)  # (gold row, predicted Voices)

    def add(self, gold: dict, predicted) -> None:
        self.rows += 1
        c = self.counts
        repost = predicted.repost or "none"
        for label in ("manual", "native"):
            c[(label, "predicted")] += repost == label
            c[(label, "gold")] += gold["repost"] == label
            c[(label, "tp")] += repost == label == gold["repost"]
        c[("posts", "predicted")] += bool(predicted.quoted)
        c[("posts", "gold")] += bool(gold["quoted"])
        c[("posts", "tp")] += bool(predicted.quoted) and bool(gold["quoted"])
        pred_chars = {i for s, e, _ in predicted.quoted for i in range(s, e)}
        gold_chars = {i for s, e in gold["quoted"] for i in range(s, e)}
        c[("chars", "predicted")] += len(pred_chars)
        c[("chars", "gold")] += len(gold_chars)
        c[("chars", "tp")] += len(pred_chars & gold_chars)
        if repost != gold["repost"] or pred_chars != gold_chars:
            self.errors.append((gold, predicted))

    def merge(self, other: VoiceScore) -> VoiceScore:
        return VoiceScore(self.rows + other.rows, self.counts + other.counts, self.errors + other.errors)

    def rates(self) -> dict:
        out: dict = {"rows": self.rows}
        for measure in ("manual", "native", "posts", "chars"):
            tp, predicted, gold = (self.counts[(measure, k)] for k in ("tp", "predicted", "gold"))
            out[f"{measure}_precision"] = tp / predicted if predicted else None
            out[f"{measure}_recall"] = tp / gold if gold else None
            out[f"{measure}_gold"] = gold
        return out


def voice_posts(data: Path, wanted: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], tuple[str, bool]]:
    """(corpus, id) -> (text, the record's repost flag)."""
    posts = {}
    for corpus in VOICE_CORPORA:
        for row in read_jsonl(data / "corpus" / f"{corpus}.jsonl.gz"):
            if wanted is None or (corpus, row["id"]) in wanted:
                posts[(corpus, row["id"])] = (row["text"], row.get("repost"))
    return posts


def voice_scores(data: Path, split: str) -> dict[tuple[str, bool], VoiceScore]:
    """Scores on one split (``dev``, ``test`` or ``all``) per (corpus or ``all``, doubtful rows
    included?).  The record's repost flag is passed as ``native_flag``."""
    from rhetoric.voices import find_voices

    rows = [r for r in read_jsonl(GOLD / "voices.jsonl") if split in ("all", r["split"])]
    posts = voice_posts(data, {(r["corpus"], r["id"]) for r in rows})
    out = {(corpus, doubtful): VoiceScore() for corpus in (*VOICE_CORPORA, "all") for doubtful in (True, False)}
    for r in rows:
        text, flag = posts[(r["corpus"], r["id"])]
        predicted = find_voices(text, flag)
        for corpus in (r["corpus"], "all"):
            out[(corpus, True)].add(r, predicted)
            if not r["doubtful"]:
                out[(corpus, False)].add(r, predicted)
    return out


def voice_speed(data: Path, repeat: int = 5) -> dict[str, float]:
    """Microseconds per post of ``find_voices`` over each whole corpus (best of ``repeat`` runs;
    texts and flags read beforehand)."""
    import time

    from rhetoric.voices import find_voices

    speeds = {}
    for corpus in VOICE_CORPORA:
        records = [(row["text"], row.get("repost")) for row in read_jsonl(data / "corpus" / f"{corpus}.jsonl.gz")]
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            for text, flag in records:
                find_voices(text, flag)
            best = min(best, time.perf_counter() - start)
        speeds[corpus] = 1e6 * best / len(records)
    return speeds


def voice_form(text: str, flag: bool | None, voices) -> str:
    """One form per post, for the corpus counts: the repost kind (a Truth Social ``RT:``
    quote post apart), else the form of its first quoted span, else ``none``."""
    if voices.repost == "native":
        return "native: RT: <link> alone" if text.startswith("RT:") and "@" not in text[:6] else (
            "native: RT @user" if text.startswith("RT") else "native: flag only")
    if voices.repost == "manual":
        return "manual retweet"
    quote_post = "quote post RT: <link> + comment" if text.startswith("RT:") and flag else ""
    if not voices.quoted:
        return quote_post or "none"
    s, _, why = voices.quoted[0]
    if why == "headline":
        why = "quoted headline" if text[s] in "\"“" else "unquoted headline before its link"
    return f"{quote_post}, {why}" if quote_post else why


def voice_counts(data: Path) -> dict[str, Counter]:
    """Posts per form on each whole corpus, and per year for Twitter."""
    from rhetoric.voices import find_voices

    out: dict[str, Counter] = {}
    for corpus in VOICE_CORPORA:
        forms: Counter = Counter()
        for row in read_jsonl(data / "corpus" / f"{corpus}.jsonl.gz"):
            text, flag = row["text"], row.get("repost")
            form = voice_form(text, flag, find_voices(text, flag))
            forms[(form, "all")] += 1
            forms[(form, row["date"][:4])] += 1
        out[corpus] = forms
    return out


def report_voices(data: Path, split: str, speed: bool = True) -> dict:
    """Print the voices section for a split (``test`` prints the held-out half only; ``all``
    prints dev, test and both)."""
    report: dict = {}
    split = "dev" if split == "train" else split  # the voices set has no training half
    for voice_split in ("dev", "test", "all") if split == "all" else (split,):
        scores = voice_scores(data, voice_split)
        print(f"VOICES — reposts and quoted passages (benchmarks/gold/voices.jsonl, split {voice_split})")
        print(f"{'corpus':<13} {'doubtful':<9} {'rows':>5} {'manual P':>9} {'R':>7} {'native P':>9} {'R':>7} "
              f"{'posts P':>8} {'R':>7} {'chars P':>8} {'R':>7}")
        for (corpus, doubtful), score in scores.items():
            r = score.rates()
            print(f"{corpus:<13} {'with' if doubtful else 'without':<9} {r['rows']:>5} "
                  f"{pct(r['manual_precision']):>9} {pct(r['manual_recall']):>7} "
                  f"{pct(r['native_precision']):>9} {pct(r['native_recall']):>7} "
                  f"{pct(r['posts_precision']):>8} {pct(r['posts_recall']):>7} "
                  f"{pct(r['chars_precision']):>8} {pct(r['chars_recall']):>7}")
        errors = scores[("all", True)].errors
        print(f"  rows with an error ({len(errors)}): " + (", ".join(
            f"{g['id']} ({g['repost']}->{p.repost or 'none'}"
            f"{'' if (g['repost'] != (p.repost or 'none')) else ', span'}{', doubtful' if g['doubtful'] else ''})"
            for g, p in errors) or "none") + "\n")
        report[voice_split] = {f"{corpus}/{'with' if doubtful else 'without'}_doubtful": s.rates()
                               for (corpus, doubtful), s in scores.items()}
    if speed:
        speeds = voice_speed(data)
        print("  speed (best of 5 runs over each whole corpus): " + ", ".join(
            f"{corpus} {us:.2f} µs per post" for corpus, us in speeds.items()) + "\n")
        report["speed_us_per_post"] = speeds
    counts = voice_counts(data)
    tweets = counts["twitter"]
    years = sorted({y for _, y in tweets if y != "all"})
    groups = {"manual retweets": ("manual retweet",), "native reposts": ("native: RT @user", "native: flag only"),
              "posts quoting someone (not reposts)": tuple(f for f, y in tweets if y == "all" and f not in (
                  "manual retweet", "native: RT @user", "native: flag only", "none")),
              "all tweets": tuple(f for f, y in tweets if y == "all")}
    print("  whole Twitter corpus, posts per year: " + " ".join(f"{y:>5}" for y in (*years, "all")))
    for name, forms in groups.items():
        print(f"  {name:<38}" + " ".join(f"{sum(tweets[(f, y)] for f in forms):>5}" for y in (*years, "all")))
    print("  whole Truth Social corpus, posts per form: " + ", ".join(
        f"{form} {n}" for (form, y), n in counts["truth_social"].most_common() if y == "all") + "\n")
    report["counts"] = {corpus: {f"{form}/{y}": n for (form, y), n in c.items()} for corpus, c in counts.items()}
    return report


# -- report ---------------------------------------------------------------------------------

def topic_precision(data: Path, split: str, config: Config) -> dict:
    """The trade topic against trade_hits.jsonl (hits of the word list before it was tightened,
    each labelled trade or not): of the labelled hits the configuration still finds, the share
    that are trade (precision), and the share of the true ones it still finds (recall within the
    sample; hits the old list never found are not in it)."""
    rows = [r for r in gold_rows("trade_hits") if split in ("all", r["split"])]
    found_counts = Counter()
    texts = {}
    for corpus in sorted({r["corpus"] for r in rows}):
        wanted = {r["id"] for r in rows if r["corpus"] == corpus}
        for record in read_jsonl(data / "corpus" / f"{corpus}.jsonl.gz"):
            if record["id"] in wanted:
                texts[(corpus, record["id"])] = record["text"]
    spans: dict[tuple[str, str], set[int]] = {}
    for key, text in texts.items():
        m = measure_text(text, config)
        spans[key] = {e.start for e in m.evidence if e.signal == "topic" and e.detail == "trade"}
    for r in rows:
        found = r["start"] in spans[(r["corpus"], r["id"])]
        found_counts[(found, r["trade"])] += 1
    kept = found_counts[(True, True)] + found_counts[(True, False)]
    true = found_counts[(True, True)] + found_counts[(False, True)]
    return {"hits": len(rows), "found": kept, "precision": found_counts[(True, True)] / kept if kept else None,
            "recall": found_counts[(True, True)] / true if true else None}


def pct(x: float | None) -> str:
    return "   —  " if x is None else f"{100 * x:5.1f}%"


def top(counter: Counter, n: int = 20) -> str:
    return ", ".join(f"{k} ×{v}" for k, v in counter.most_common(n)) or "(none)"


def run(data: Path, split: str) -> dict:
    config = Config.make()
    splits = ("train", "dev", "test") if split == "all" else (split,)
    report: dict = {"split": split}
    print(f"rhetoric accuracy suite — data {data}, split {split}\n")

    print("SUPERLATIVES (UD EWT + GUM, Degree=Sup; overlap match)")
    print(f"{'treebank/split':<16} {'detector':<10} {'precision':>9} {'recall':>8} {'F1':>8} {'pred':>6} {'gold':>6}")
    sup = superlative_scores(data, splits, config)
    total_rules, total_base = Score(), Score()
    for (treebank, sp), (rules, base) in sup.items():
        for name, s in (("rules", rules), ("baseline", base)):
            print(f"{treebank + '/' + sp:<16} {name:<10} {pct(s.precision):>9} {pct(s.recall):>8} {pct(s.f1):>8} "
                  f"{s.predicted:>6} {s.gold:>6}")
        total_rules, total_base = total_rules.merge(rules), total_base.merge(base)
    for name, s in (("rules", total_rules), ("baseline", total_base)):
        print(f"{'EWT+GUM':<16} {name:<10} {pct(s.precision):>9} {pct(s.recall):>8} {pct(s.f1):>8} "
              f"{s.predicted:>6} {s.gold:>6}")
    print(f"  false positives: {top(total_rules.false_positives)}")
    print(f"  false negatives: {top(total_rules.false_negatives)}")
    print(f"  baseline (every -est word) false positives: {top(total_base.false_positives, 10)}\n")
    report["superlatives"] = {"rules": total_rules.row(), "baseline": total_base.row(),
                              "by_treebank": {f"{t}/{s}": r.row() for (t, s), (r, _) in sup.items()}}

    print("CAPS — UD silver layer (rule-labelled; see ../shared/data/ud/README.md)")
    silver, silver_base = silver_caps(data, splits, config), silver_caps(data, splits, config, baseline=True)
    for name, s in (("rules", silver), ("baseline", silver_base)):
        r = s.rates()
        print(f"  {name:<9} confident acronyms flagged as emphasis: {pct(r['acronyms_flagged'])} "
              f"of {r['confident_acronyms']}; tokens of all-caps sentences flagged: {pct(r['shouted_flagged'])} "
              f"of {r['shouted_tokens']}; silver 'emphasis' P {pct(s.emphasis.precision)} R {pct(s.emphasis.recall)}")
    print(f"  acronyms flagged: {top(silver.flagged_acronyms, 10)}")
    print(f"  silver emphasis missed: {top(silver.emphasis.false_negatives, 10)}\n")
    report["caps_silver"] = {"rules": silver.rates(), "baseline": silver_base.rates()}

    post_splits = ("test2", "test") if split in ("test", "all") else ("dev+dev2",)
    report["caps_posts"] = {}
    for post_split in post_splits:
        print(f"CAPS — human-labelled posts (benchmarks/gold/caps_posts*.jsonl, split {post_split})")
        posts, posts_base = post_caps(data, post_split, config), post_caps(data, post_split, config, baseline=True)
        print(f"  labels: {dict(posts.labels)}")
        for name, p in (("rules", posts), ("baseline", posts_base)):
            s = p.score
            print(f"  {name:<9} emphasis P {pct(s.precision)} R {pct(s.recall)} F1 {pct(s.f1)}; "
                  f"acronyms flagged {pct(p.acronyms_flagged)}; flagged by label {dict(p.flagged_by_label)}")
        print(f"  false positives: {top(posts.score.false_positives)}")
        print(f"  false negatives: {top(posts.score.false_negatives)}\n")
        report["caps_posts"][post_split] = {"labels": dict(posts.labels), "rules": posts.score.row(),
                                            "acronyms_flagged": posts.acronyms_flagged,
                                            "baseline": posts_base.score.row()}

    report["attribution"] = {}
    for post_split in (("test2", "test3", "test", "test+test2+test3") if split in ("test", "all") else post_splits):
        print(f"ATTRIBUTION (benchmarks/gold/attribution*.jsonl, split {post_split})")
        attr = {carry: attribution(data, post_split, carry) for carry in (True, False)}
        for carry, a in attr.items():
            r = a.rates()
            print(f"  carry={'on ' if carry else 'off'} accuracy {pct(r['accuracy'])} of {r['sentences']}; "
                  f"pronoun references {pct(r['reference_accuracy'])} of {r['reference_sentences']}; "
                  f"sentences about neither {pct(r['neither_accuracy'])} of {r['neither_sentences']}")
        print(f"  errors with carry (gold -> rhetoric): {top(attr[True].confusion())}")
        report["attribution"][post_split] = {"carry": attr[True].rates(), "no_carry": attr[False].rates(),
                                             "errors": dict(attr[True].confusion())}
    print("\nTOPIC trade (benchmarks/gold/trade_hits.jsonl)")
    report["topic"] = {}
    for topic_split in ("dev", "test") if split in ("test", "all") else ("dev",):
        t = topic_precision(data, topic_split, Config.make())
        print(f"  {topic_split}: precision {pct(t['precision'])} of {t['found']} hits found "
              f"(of {t['hits']} labelled); recall within the sample {pct(t['recall'])}")
        report["topic"][topic_split] = t
    print()
    report["voices"] = report_voices(data, "all" if split == "all" else "test" if split == "test" else "dev")
    print("EXCLAMATIONS — @realDonaldTrump tweets 2015-11-05 to 2016-06-02 "
          "(published: ~70% with !, ~1 in 10 with 2+)")
    ex = exclamation_shares(data)
    for group in ("own", "own_no_quote_rt"):
        g = ex[group]
        print(f"  {group:<16} {g['tweets']:>5} tweets: with ! {pct(g['share_with_exclamation'])}, "
              f"with 2+ ! {pct(g['share_with_two_or_more'])}, ending a sentence with ! "
              f"{pct(g['share_with_sentence_final_exclamation'])}")
    report["exclamations"] = ex
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description="Score rhetoric's detectors against annotations.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--split", default="test", choices=["train", "dev", "test", "all"])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--voices", action="store_true",
                        help="only the voices section (reposts and quoted passages; needs only the corpora); "
                             "--split dev|test|all")
    args = parser.parse_args()
    if args.voices:
        if not (args.data / "corpus").is_dir():
            sys.exit(f"no corpora under {args.data}; pass --data PATH to the shared data folder")
        report = {"split": args.split, "voices": report_voices(args.data, args.split)}
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        return
    if not (args.data / "ud").is_dir():
        sys.exit(f"no UD data under {args.data}; pass --data PATH to the shared data folder")
    report = run(args.data, args.split)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
