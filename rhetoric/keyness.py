"""Keyness: the words that set the sentences about one entity apart from those about another
(Monroe, Colaresi & Quinn 2008, "Fightin' Words")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .schema import slug
from .sentences import parse

#: Weight of the informative Dirichlet prior in keyness (Monroe, Colaresi & Quinn 2008), in
#: words.  The prior is the pooled word distribution of both sides; 1,000 words shrinks the
#: log-odds of words seen a handful of times toward zero without flattening frequent ones.
KEYNESS_PRIOR = 1000.0


def keyness(a: Any, b: Any, pair: tuple[str, str], prior: float = KEYNESS_PRIOR, min_count: int = 3) -> Any:
    """Words that set the sentences about A apart from those about B: log-odds ratio with an
    informative Dirichlet prior and its z-score (Monroe, Colaresi & Quinn 2008, "Fightin'
    Words", eq. 16-22).  Positive z favours A.  Words seen fewer than ``min_count`` times in
    all are left out."""
    import numpy as np
    import pandas as pd


    words = sorted(w for w in set(a) | set(b) if a.get(w, 0) + b.get(w, 0) >= min_count)
    columns = ["word", f"{slug(pair[0])}_count", f"{slug(pair[1])}_count", "log_odds", "z", "favours"]
    if not words:
        return pd.DataFrame(columns=columns)
    ya = np.array([a.get(w, 0) for w in words], float)
    yb = np.array([b.get(w, 0) for w in words], float)
    na, nb = float(sum(a.values())), float(sum(b.values()))
    # the prior is the pooled rate of each word over ALL words (rare ones included), so that the
    # prior's total matches the totals na, nb in the odds below; scaling it over the kept words
    # only gave a side with no words of its own large odds, and the wrong sign
    alpha = prior * (ya + yb) / (na + nb)
    delta = (np.log((ya + alpha) / (na + prior - ya - alpha))
             - np.log((yb + alpha) / (nb + prior - yb - alpha)))
    z = delta / np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
    # a side with no words of its own gives exactly 0 but for rounding (2e-15): a tie, not a side
    tie = np.abs(z) < 1e-9
    delta, z = np.where(tie, 0.0, delta), np.where(tie, 0.0, z)
    frame = pd.DataFrame({columns[0]: words, columns[1]: ya.astype(int), columns[2]: yb.astype(int),
                          "log_odds": delta, "z": z})
    frame["favours"] = np.where(frame["z"] > 0, pair[0], np.where(frame["z"] < 0, pair[1], ""))
    return frame.sort_values(["z", "word"], ascending=[False, True], ignore_index=True)


def keyness_counts(m: Any, parsed: Any = None) -> tuple[Counter, Counter]:
    """Lower-cased word counts in sentences about A but not B, and about B but not A
    (entity mentions themselves left out).  ``parsed``: the tokens the measurement read,
    if at hand (else the text is parsed again)."""

    pair = m.config.pair
    a_words: Counter = Counter()
    b_words: Counter = Counter()
    if pair is None:
        return a_words, b_words
    toks = (parsed or parse(m.text)).toks
    for s, att in zip(m.sentence_list, m.attribution, strict=True):
        in_a, in_b = pair[0] in att.entities, pair[1] in att.entities
        if in_a == in_b:
            continue
        mentioned = {k for x in att.mentions for k in range(x.first_token, x.end_token)}
        words = [toks[k].norm for k in range(s.first_token, s.end_token)
                 if toks[k].kind == "word" and any(map(str.isalpha, toks[k].text)) and k not in mentioned]
        (a_words if in_a else b_words).update(words)
    return a_words, b_words
