"""Accuracy suite: every detector scored against annotations, with a naive baseline.

    python benchmarks/accuracy.py [--data ../shared/data] [--split test|dev|train|all] [--json OUT]

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
    print("\nEXCLAMATIONS — @realDonaldTrump tweets 2015-11-05 to 2016-06-02 "
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
    args = parser.parse_args()
    if not (args.data / "ud").is_dir():
        sys.exit(f"no UD data under {args.data}; pass --data PATH to the shared data folder")
    report = run(args.data, args.split)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
