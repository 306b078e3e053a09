"""ALL-CAPS words: emphasis (``caps``) versus acronyms, sign-offs and shouted text.

No single list decides.  For each word of two or more letters written wholly
in capitals (possessive allowed: ``RUSSIA’S``), the first rule that applies wins:

1. it stands on a sign-off line at the end of the post ("PRESIDENT DONALD J.
   TRUMP", "President DJT") -> ``signoff``; inside a quotation written in
   capitals (a headline, a title, a quoted fan post) it is judged as in a
   shouted text (rule 3): the capitals are the source's, not the author's;
2. shape: dots or ``&`` (U.S., AT&T) or digits (G7, COVID-19) -> ``acronym``;
   hyphenated words are judged part by part (AFL-CIO -> acronym, WORLD-CLASS -> caps);
   capitals by a typographic convention -> ``convention``: a headline label
   ("EXCLUSIVE:", "LIVE:") opening a line, a heading or speaker's label in capitals
   opening a line and ending in a colon before a quotation ("SPEAKER JOHNSON: “…”"),
   or a name in a results listing ("TRUMP 32, CARSON 12, BUSH 11");
3. the text has no contrast (at least 80% of its cased words are capitals,
   :data:`SHOUTED_SHARE`, not counting a sign-off or the closing formula "Thank you
   for your attention to this matter!") -> ``shouted`` (lexicon acronyms that are
   not ordinary words stay ``acronym``);
4. defined in the text, "(FBI)" or "FBI (Federal ...)" -> ``acronym``;
5. a Roman numeral with I, V or X (II, IX, VIII; not MIX) -> nothing, unless a title
   comes before it ("President XI": a name) -> ``caps``;
6. in the acronym lexicon -> ``acronym``, unless its lower-case form is also an
   ordinary word (US, IT, WHO) *and* it stands in a run of capitals with an
   ordinary word ("LET US") -> ``caps``; IT, US and WHO are acronyms only after
   "the" or before a content word ("IT Firms"), else pronouns ("have IT!");
7. its lower-case form is an ordinary English word (SCOWL) -> ``caps``; a name
   in capitals (BIDEN) -> ``caps``, but ``acronym`` when it has three letters or fewer, no
   other word in capitals is emphasis (acronyms and sign-offs do not count) and the text has
   no "!" ("5 SB victories", "on a CR"; also, a known miss, "Sleepy JOE wants more.");
8. unknown words: no vowel (NYT, DJT) -> ``acronym``; an entity alias written in lower
   case in the entity file (Kyiv, so KYIV) -> ``caps``, a name; five letters or fewer ->
   ``acronym`` unless inside a run of emphasis ("U R MY FAV TV STAR");
   six or more -> ``caps`` (a word the dictionary lacks: LARGESCALE).
Prior art: VADER's ALL-CAPS booster (Hutto & Gilbert 2014) requires contrast
with mixed-case text in the same way; it has no acronym rule.
"""

from __future__ import annotations

from operator import itemgetter

import regex

from ..lexicons import Lexicons
from ..sentences import Parsed, is_initial
from ..tokens import NEWLINE, QUOTE, TERMINAL, glued
from .base import Context, Counter, Hit, Signal

_CASE = itemgetter(6)

#: Share of cased words in capitals above which a text is "all caps": no contrast,
#: so nothing in it is emphasis by case.  Below 1.0 so that a shouted post with a
#: stray "vs", "w/" or a short mixed-case opening still counts as shouted; 0.8 was
#: chosen on the dev half of the labelled posts (0.9: F1 0.953, 0.8: 0.957, 0.75:
#: 0.952, 0.7: 0.948), never on the test half.
SHOUTED_SHARE = 0.8
#: Words that make a short last line a sign-off.
SIGNOFF_WORDS = frozenset({"TRUMP", "DJT", "DONALD", "PRESIDENT", "POTUS"})
#: Longest sign-off line, in words ("DONALD J. TRUMP, PRESIDENT OF THE UNITED STATES").
SIGNOFF_MAX_WORDS = 10
_ROMAN = regex.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
#: Vowels of the scripts rhetoric meets in political posts: Latin (with accents), Cyrillic,
#: Greek.  A word without any is taken for an initialism (NYT, DJT, США).
_VOWELS = frozenset("AEIOUYÀÁÂÃÄÅÆÈÉÊËÌÍÎÏÒÓÔÕÖØÙÚÛÜÝŒ" "АЕЁИОУЫЭЮЯІЇЄ" "ΑΕΗΙΟΥΩΆΈΉΊΌΎΏ")
_ROMAN_LETTERS = frozenset("IVX")
#: Acronyms spelled like pronouns: their reading depends on the neighbours.
_PRONOUN_LIKE = frozenset({"IT", "US", "WHO"})
_PLACE_PREPOSITIONS = frozenset({"in", "from", "across", "throughout", "within", "into", "outside"})
_FUNCTION_WORDS = frozenset("""and or but nor to for of in on at by with from as than that this the a an all
is are was were be been will would can could should must may might do does did not no so if when who what
again too also very""".split())
#: English words that are also valid Roman numerals (SCOWL lists the numerals
#: themselves in lower case, so "is it an ordinary word" cannot decide).
_ROMAN_WORDS = frozenset({"MIX", "MIXX"})
_POSSESSIVE = regex.compile(r"['’][sS]?$")


def core(word: str) -> str:
    """The word without a possessive ending: ``RUSSIA’S`` -> ``RUSSIA``."""
    return _POSSESSIVE.sub("", word) if "'" in word or "’" in word else word


_PLURAL_ACRONYM = regex.compile(r"\p{Lu}{2,}s")


def is_caps_token(kind: str, text: str) -> bool:
    """No lower-case letter (a possessive ``'s`` and a plural ``s`` allowed) and two or
    more letters, or a capital with digits (G7, F-35)."""
    if kind not in ("word", "abbreviation"):
        return False
    c = core(text)
    if not c.isupper():
        return _PLURAL_ACRONYM.fullmatch(c) is not None
    letters = sum(map(str.isalpha, c))
    return letters >= 2 or (letters == 1 and any(map(str.isdigit, c)))


def find_caps(parsed: Parsed, lex: Lexicons, candidates: list[int] | None = None,
              quotes: list[int] | None = None, names: frozenset[str] = frozenset()) -> tuple[bool, list[Hit]]:
    """Classify every all-caps token; return (all_caps_text, hits).  ``candidates``: indexes of
    the all-caps tokens (flag :data:`~rhetoric.tokens.CAPS`) and ``quotes`` of the quotation
    marks (flag QUOTE), if already known; ``names``: the lower-cased one-word entity aliases
    written with lower-case letters (Kyiv, not AUKUS), names even where the dictionary lacks them."""
    toks = parsed.toks
    if candidates is None:
        candidates = [i for i, t in enumerate(toks) if t.text[0].isupper() and is_caps_token(t.kind, t.text)]
    if not candidates:
        return False, []
    signoff_from = _signoff_start(parsed)
    shouted = _is_shouted(parsed, _closing_formula_start(parsed, signoff_from))
    convention = _conventions(parsed, candidates, lex)
    if quotes is None:
        quotes = [i for i, t in enumerate(toks) if t.flags & QUOTE]
    quoted = _quoted_capitals(parsed, quotes) if quotes else set()
    defined = _defined(parsed, candidates)
    run_ordinary = _runs(parsed, candidates, lex)
    hits = []
    ends, sentence_of = parsed.ends, parsed.sentence_of
    for i in candidates:
        t = toks[i]
        signal: str | None
        if i >= signoff_from:
            signal, reason = "signoff", "sign-off line at the end of the post"
        elif i in convention:
            signal, reason = "convention", convention[i]
        elif i in quoted and not shouted:
            signal, reason = _classify(core(t.text), i, True, defined, run_ordinary, lex, parsed, names)
            reason = "quoted text written in capitals (a headline, title or quoted post)" \
                if signal == "shouted" else reason
        else:
            signal, reason = _classify(core(t.text), i, shouted, defined, run_ordinary, lex, parsed, names)
        if signal:
            hits.append(Hit(signal, t.text, ends[i] - len(t.text), ends[i], sentence_of[i], None, reason))
    return shouted, _lone_name(parsed, hits)


def _lone_name(parsed: Parsed, hits: list[Hit]) -> list[Hit]:
    """A short name in capitals (:data:`LONE_NAME_MAX` letters or fewer) is emphasis only in a
    text that emphasizes something else (another word in capitals read as emphasis, an
    exclamation mark): alone
    in plain text it is an abbreviation that the dictionary also knows as a name ("5 SB
    victories", "Take UR seat", "on a CR", "Good Job DR.", "his TED talk"), while "Sleepy JOE!"
    stays emphasis.  Every post of the two corpora was read for this: the 9 such tokens are
    all abbreviations; no token of the development posts changes; on UD train it clears RVS.
    Longer names alone (AMERICA, KERRY, and IOWA or IRAN in four letters) stay emphasis."""
    caps = [k for k, h in enumerate(hits) if h.signal == "caps"]
    if len(caps) != 1 or "!" in parsed.text:
        return hits
    k = caps[0]
    h = hits[k]
    if h.detail != NAME_IN_CAPITALS or len(core(h.text)) > LONE_NAME_MAX:
        return hits
    hits[k] = h._replace(signal="acronym", detail="short name in capitals in a text that emphasizes nothing else "
                                                  "(an abbreviation: SB, UR, DR)")
    return hits


NAME_IN_CAPITALS = "name in capitals"
#: Longest name in capitals that is read as an abbreviation when it is a plain text's only capitals.
LONE_NAME_MAX = 3


def _classify(word: str, i: int, shouted: bool, defined: set[int], run_ordinary: set[int],
              lex: Lexicons, parsed: Parsed, names: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    if word[-1] == "s" and not word.isupper():
        return "acronym", "plural of an acronym"
    if "." in word or "&" in word:
        return "acronym", "shape: dots or ampersand"
    if any(map(str.isdigit, word)):
        return "acronym", "shape: digits"
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        kinds = [_classify(p, i, shouted, defined, run_ordinary, lex, parsed, names)[0] for p in parts]
        if all(k == "acronym" for k in kinds) or ("acronym" in kinds and all(
                k == "acronym" or len(p) <= 2 for k, p in zip(kinds, parts, strict=True))):
            return "acronym", "hyphenated acronyms"  # AFL-CIO, BY-SA
        if shouted:
            return "shouted", "text is all capitals"
        return ("caps", "hyphenated ordinary words") if "caps" in kinds else (None, "")
    lower = word.lower()
    ordinary = lower in lex.lower_words
    if shouted:
        if word in lex.acronyms and not ordinary:
            return "acronym", "acronym lexicon"
        return "shouted", "text is all capitals"
    if i in defined:
        return "acronym", "defined in the text"
    if _ROMAN.fullmatch(word) and _ROMAN_LETTERS.intersection(word) and word not in _ROMAN_WORDS:
        if i > 0 and parsed.toks[i - 1].norm in lex.titles:
            return "caps", "name in capitals after a title (President XI)"
        return None, ""  # II, VIII, IX; not MIX; CD, DC, MD (no I, V or X) are left to the lexicon
    if word in lex.acronyms:
        if ordinary and i in run_ordinary:
            return "caps", "ordinary word in a run of capitals"
        if word in _PRONOUN_LIKE and not _acronym_context(parsed, i):
            return "caps", "pronoun in capitals"
        return "acronym", "acronym lexicon"
    if ordinary:
        return "caps", "ordinary word in capitals"
    if len(word) <= 4 and _period_follows(parsed, i):
        return "acronym", "abbreviation with a period (LTD., CONN.)"
    if lower in lex.proper_words:
        return "caps", NAME_IN_CAPITALS
    if not _VOWELS.intersection(word) or (_non_latin(word) and len(word) <= 2):
        return "acronym", "unknown short word or no vowel"
    if lower in names:
        return "caps", NAME_IN_CAPITALS  # an entity alias the dictionary lacks: "strikes on KYIV"
    if _non_latin(word):
        return "caps", "word in capitals (the English dictionary does not cover its script)"
    if len(word) <= 5:
        if i in run_ordinary:
            return "caps", "unknown word in a run of capitals"
        return "acronym", "unknown word of five letters or fewer"
    return "caps", "unknown long word in capitals"


#: Labels a news headline or a stream opens with ("EXCLUSIVE: FBI Agents Say ...", "LIVE: https://...").
HEADLINE_LABELS = frozenset({"EXCLUSIVE", "BREAKING", "LIVE", "WATCH", "UPDATE", "VIDEO", "JUST", "NEW", "READ",
                             "ICYMI", "FLASHBACK", "REPORT", "POLL", "ALERT"})
_YEAR = regex.compile(r"(?:19|20)\d\d")
#: Most tokens from one "NAME number" pair to the next in a listing ("TRUMP 32.2 MILLION. CLINTON").
LISTING_GAP = 5
#: The closing formula of many 2025-2026 posts; in mixed case after a body in capitals, it
#: is boilerplate, not contrast (243 of the 4,973 non-empty Truth Social posts have it).
CLOSING_FORMULA = ("thank", "you", "for", "your", "attention", "to", "this", "matter")


def _conventions(parsed: Parsed, candidates: list[int], lex: Lexicons) -> dict[int, str]:
    """Candidates in capitals by convention, with the reason: a headline label opening a line
    ("EXCLUSIVE:", "JUST IN:"), or a name followed by a number next to another such pair in
    the same paragraph (a poll or ratings listing: "TRUMP 32, CARSON 12"; a year does not
    count: "TRUMP 2016")."""
    toks = parsed.toks
    n = len(toks)
    found: dict[int, str] = {}
    pairs = []
    for i in candidates:
        word = core(toks[i].text)
        nxt = toks[i + 1] if i + 1 < n else None
        if word in HEADLINE_LABELS and _opens_line(parsed, i):
            j = i + 1 if word != "JUST" else i + 2  # JUST IN:
            if j < n and toks[j].text == ":" and (word != "JUST" or toks[i + 1].norm == "in"):
                found[i] = "headline label (EXCLUSIVE:, LIVE:)"
                if word == "JUST":
                    found[i + 1] = found[i]
        if nxt is not None and nxt.kind == "number" and not glued(nxt) and not _YEAR.fullmatch(nxt.text) \
                and (word.lower() in lex.proper_words or word.lower() not in lex.lower_words):
            pairs.append(i)
    if ":" in parsed.text:
        for i in _labels_before_quotes(parsed, lex):
            found.setdefault(i, "heading or speaker label before a quotation (SPEAKER JOHNSON: “…”)")
    paragraph = [parsed.sentences[parsed.sentence_of[i]].paragraph for i in pairs]
    for k, i in enumerate(pairs):  # a listing is a run of pairs: each within a few tokens of the next
        if any(0 < abs(pairs[m] - i) <= LISTING_GAP and paragraph[m] == paragraph[k]
               for m in (k - 1, k + 1) if 0 <= m < len(pairs)):
            found[i] = "name in a results listing (TRUMP 32, CARSON 12)"
    return found


#: Longest heading or speaker label before a quotation, in tokens ("A LETTER SENT BY
#: PRESIDENT DONALD J. TRUMP TO ALL NATO NATIONS AND, THE WORLD:" is 19).
LABEL_MAX_TOKENS = 24
_OPENING_QUOTES = frozenset({"“", '"', "«", "„"})


def _labels_before_quotes(parsed: Parsed, lex: Lexicons) -> list[int]:
    """The all-caps words of every line that opens with words in capitals only (and
    punctuation, initials, numbers), names someone or something (a word that is not an
    ordinary English word: a name, an acronym), ends in a colon and goes on with a quotation
    mark: a speaker's label or a heading, in capitals by convention ("JUDGE JEANINE: “…”",
    "A LETTER SENT BY PRESIDENT DONALD J. TRUMP TO ALL NATO NATIONS AND, THE WORLD: “…”"),
    not a comment of the author's ("VERY IRONIC: “…”" stays emphasis)."""
    toks = parsed.toks
    starts = [0] + [k for k in parsed.marked if k and toks[k].flags & NEWLINE]
    found = []
    for i in starts:
        words = _label_before_quote(parsed, i)
        if any(core(toks[j].text).lower() not in lex.lower_words for j in words):
            found += words
    return found


def _label_before_quote(parsed: Parsed, i: int) -> list[int]:
    """:func:`_labels_before_quotes` for the line that opens at token i."""
    toks = parsed.toks
    words: list[int] = []
    for j in range(i, min(len(toks), i + LABEL_MAX_TOKENS + 1)):
        t = toks[j]
        if j > i and t.flags & NEWLINE:
            return []  # one line
        if t.flags & TERMINAL and not (j > i and t.text == "." and is_initial(toks[j - 1], t)):
            return []  # one sentence, initials aside ("DONALD J. TRUMP")
        if t.text == ":":
            after = toks[j + 1] if j + 1 < len(toks) else None
            return words if words and after is not None and after.text in _OPENING_QUOTES else []
        if t.kind in ("word", "abbreviation"):
            if any(ch.islower() for ch in core(t.text)):
                return []
            if is_caps_token(t.kind, t.text):
                words.append(j)
        elif t.kind not in ("punct", "number"):
            return []  # a link, @mention or hashtag: not a heading
    return []


def _opens_line(parsed: Parsed, i: int) -> bool:
    """Token i is the first word of its sentence or of its line."""
    toks = parsed.toks
    first = parsed.sentences[parsed.sentence_of[i]].first_token
    return bool(toks[i].flags & NEWLINE) or all(t.kind not in ("word", "abbreviation", "number")
                                                for t in toks[first:i])


def _closing_formula_start(parsed: Parsed, end: int) -> int:
    """The first token of the closing formula if the text (before ``end``) ends with it, else ``end``."""
    if end == 0:
        return end
    s = parsed.sentences[parsed.sentence_of[end - 1]]
    words = tuple(t.norm for t in parsed.toks[s.first_token:end] if t.kind == "word")
    return s.first_token if words == CLOSING_FORMULA else end


def _period_follows(parsed: Parsed, i: int) -> bool:
    """A period glued to the word and then no new sentence: "PVT. LTD., location", "MYSTIC CONN. and"."""
    toks = parsed.toks
    j = i + 1
    if j >= len(toks) or toks[j].text != "." or not glued(toks[j]):
        return False
    k = j + 1
    return k < len(toks) and (toks[k].kind == "punct" or toks[k].text[0].islower()
                              or is_caps_token(toks[k].kind, toks[k].text))


def _non_latin(word: str) -> bool:
    """Cyrillic, Greek and other scripts the English dictionary cannot judge."""
    return not any("A" <= ch <= "Z" or "À" <= ch <= "ɏ" for ch in word)


def _acronym_context(parsed: Parsed, i: int) -> bool:
    """IT, US, WHO read as acronyms: after "the", or before a content word ("IT Firms", "US jobs");
    as the pronouns otherwise ("doesn't have IT!", "against US")."""
    toks = parsed.toks
    before = toks[i - 1].norm if i > 0 else None
    if before is not None and (before == "the" or (before in _PLACE_PREPOSITIONS and toks[i].norm == "us")):
        return True  # "the WHO", "jobs in US"
    if i > 1 and toks[i - 2].norm == "the" and toks[i - 1].kind == "word":
        return True  # "the first US mission"
    j = i + 1
    if j < len(toks) and toks[j].kind in ("number", "symbol"):
        return True  # "US $ 8.00", "US 169"
    return (j < len(toks) and toks[j].kind == "word" and parsed.sentence_of[j] == parsed.sentence_of[i]
            and toks[j].norm not in _FUNCTION_WORDS)


def _signoff_start(parsed: Parsed) -> int:
    """Index of the first token of a sign-off closing the post (or len(tokens)).

    A sign-off is the last sentence (or the last two, for a two-line signature)
    of a post that has something before it: at most :data:`SIGNOFF_MAX_WORDS`
    words, every word capitalized, no ``!`` or ``?``, and a name or title of the
    author in capitals ("PRESIDENT DONALD J. TRUMP", "President DJT").
    """
    toks = parsed.toks
    start = len(toks)
    tail = _signoff_tail(parsed)
    if tail < start:
        return tail
    for s in reversed(parsed.sentences[1:][-2:]):
        line = toks[s.first_token:s.end_token]
        words = [t for t in line if t.kind in ("word", "abbreviation")]
        if not (0 < len(words) <= SIGNOFF_MAX_WORDS):
            break
        if any(t.kind == "punct" and ("!" in t.text or "?" in t.text) for t in line):
            break
        if not all(w.text[0].isupper() for w in words):
            break
        if not any(core(w.text) in SIGNOFF_WORDS for w in words):
            break
        start = s.first_token
    return start


def _signoff_tail(parsed: Parsed) -> int:
    """A capitalized signature closing the last sentence after a comma or dash:
    "Thank you for your attention to this matter, PRESIDENT DONALD J. TRUMP"."""
    toks = parsed.toks
    n = j = len(toks)
    while j > 0 and (is_caps_token(toks[j - 1].kind, toks[j - 1].text) or toks[j - 1].text in (".", ",")
                     or (toks[j - 1].kind == "word" and len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper())):
        j -= 1
    while j < n and toks[j].kind == "punct":
        j += 1
    if j == 0 or j >= n or toks[j - 1].text not in (",", "-", "—", "–"):
        return n
    run = [core(t.text) for t in toks[j:] if t.kind == "word"]
    if not ({"TRUMP", "DJT"} & set(run)) or len(run) > SIGNOFF_MAX_WORDS:
        return n
    return j


#: Longest quotation searched for a closing quote, in tokens (keeps the search linear).
QUOTE_MAX_TOKENS = 80
_OPEN_QUOTES = {"“": "”", '"': '"', "«": "»"}
#: Words that announce a quoted title ("a new Book, entitled, “THE LAST LINE OF DEFENSE”").
_TITLE_CUES = frozenset({"entitled", "titled", "called", "book", "movie", "film", "article", "headline", "show"})
#: A quotation this long is a quoted source (a headline, a post), not the author's slogan.
QUOTE_SOURCE_WORDS = 8


def _quoted_capitals(parsed: Parsed, quotes: list[int]) -> set[int]:
    """Token indexes inside quoted sources written in capitals: a quotation that opens the
    text, follows a colon ("via @fitsnews: ...") or a title cue ("entitled"), starts with
    an @mention (a quoted post), or runs to :data:`QUOTE_SOURCE_WORDS` words or more,
    with two or more words in capitals, at least half of the words, and every word
    capitalized ("DONALD TRUMP VERSUS MEXICO", "The Donald Trump Show Is
    Returning To SC: BILLIONAIRE MOGUL HEADS BACK", a quoted fan post in capitals).
    The capitals are the quoted source's, not the author's emphasis.  A caps slogan the
    author puts in quotes mid-sentence ('allow “MEN TO PLAY IN WOMEN’S SPORTS.”') stays emphasis."""
    toks, text = parsed.toks, parsed.text
    found: set[int] = set()
    n = len(toks)
    after = 0  # the next quotation may open here (not inside the previous one)
    for i in quotes:
        closer = _OPEN_QUOTES.get(toks[i].text) if i >= after else None
        if closer is None or (closer == '"' and parsed.start(i) > 0 and text[parsed.start(i) - 1].isalnum()):
            continue
        for j in range(i + 1, min(n, i + QUOTE_MAX_TOKENS)):
            if toks[j].text == closer:
                break
        else:
            continue
        after = j + 1
        words = [k for k in range(i + 1, j) if toks[k].kind in ("word", "abbreviation")
                 and (toks[k].text[0].isalpha() or any(map(str.isalpha, toks[k].text)))]
        if len(words) < 2 or not all(toks[k].text[0].isupper() for k in words):
            continue
        sourced = (i == 0 or toks[i - 1].text == ":" or toks[i + 1].kind == "mention"
                   or len(words) >= QUOTE_SOURCE_WORDS
                   or any(toks[k].norm in _TITLE_CUES for k in range(max(0, i - 3), i)))
        if sourced:
            caps = [k for k in words if is_caps_token(toks[k].kind, toks[k].text)]
            if len(caps) >= 2 and 2 * len(caps) >= len(words):
                found.update(caps)
    return found


def _is_shouted(parsed: Parsed, signoff_from: int) -> bool:
    """At least two words in capitals, and :data:`SHOUTED_SHARE` of the cased words (before
    any sign-off; see :attr:`~rhetoric.tokens.Tok.case`)."""
    cases = list(map(_CASE, parsed.toks[:signoff_from]))
    upper = cases.count(2)
    return upper >= 2 and upper >= SHOUTED_SHARE * (upper + cases.count(1))


def _defined(parsed: Parsed, candidates: list[int]) -> set[int]:
    """Candidates defined in the text: "(FBI)" after words, or "FBI (Federal ...)"."""
    toks = parsed.toks
    found = set()
    forms = set()
    n = len(toks)
    for i in candidates:
        before = toks[i - 1].text if i > 0 else ""
        after = toks[i + 1].text if i + 1 < n else ""
        after2 = toks[i + 2] if i + 2 < n else None
        if (before == "(" and after == ")") or (after == "(" and after2 is not None
                                                and after2.kind == "word" and after2.text[0].isupper()):
            forms.add(core(toks[i].text))
    if forms:
        found = {i for i in candidates if core(toks[i].text) in forms}
    return found


def _runs(parsed: Parsed, candidates: list[int], lex: Lexicons) -> set[int]:
    """Candidates in a run of adjacent caps words that includes an ordinary, non-acronym word."""
    toks = parsed.toks
    result: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2 and any(_plain_word(toks[j].text, lex) for j in run):
            result.update(run)

    for i in candidates:
        if run and not (i == run[-1] + 1 and parsed.sentence_of[i] == parsed.sentence_of[run[-1]]):
            close()
            run = []
        run.append(i)
    close()
    return result


def _plain_word(text: str, lex: Lexicons) -> bool:
    """An ordinary content word (a run of capitals needs one to be emphasis: "LET US", not "CC BY")."""
    word = core(text)
    lower = word.lower()
    return lower in lex.lower_words and word not in lex.acronyms and lower not in _FUNCTION_WORDS


def is_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    """A word that may be in capitals (the finder decides what it is)."""
    return text[0].isupper() and is_caps_token(kind, text)


def quote_marks(parsed: Parsed) -> list[int]:
    """The indexes of the opening quotation marks (flag QUOTE)."""
    toks = parsed.toks
    return [i for i in parsed.marked if toks[i].flags & QUOTE]


def all_caps_text(parsed: Parsed, candidates: list[int]) -> bool:
    """The text is written in capitals (no contrast: nothing in it is emphasis by case)."""
    return bool(candidates) and _is_shouted(parsed, _closing_formula_start(parsed, _signoff_start(parsed)))


def _find(parsed: Parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    shouted, hits = find_caps(parsed, context.lex, candidates, quote_marks(parsed), context.names)
    facts["all_caps_text"] = shouted
    return hits


def _counted(hit: Hit) -> int:
    return hit.signal == "caps"  # acronyms, sign-offs, conventions and shouted text are set aside


SIGNAL = Signal("caps", is_candidate, _find, (Counter("caps_words", "ALL-CAPS words", "ALL-CAPS word", _counted),))
