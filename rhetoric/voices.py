"""Voices: the parts of a post that are someone else's words.

A post may share another account's post (a *repost*) or quote someone else inside the
author's own text.  :func:`find_voices` finds both from the text alone (plus the platform's
repost flag when the input has one), so that emphasis can be measured on the author's own
words only.  It is a pure function of its arguments, built on the standard ``re`` module,
and cheap: a post with no quote mark, no ``@``, no link after a colon and no dash near its
end is answered after a few substring tests.

Forms (labels, definitions and hard cases: ``benchmarks/gold/voices_GUIDE.md``; figures:
``docs/accuracy.md``, section "Voices"):

* ``repost="native"``: a platform share: the flag is true, or the text opens ``RT @user`` /
  ``RT: @user`` (Twitter; on Truth Social ``RT @user`` glued to the shared text), or is a
  bare ``RT: <link>``.  The whole text is quoted.
* A Truth Social *quote post*, ``RT: <post link>`` followed by text: the text is the
  author's new comment, ``repost=None`` even when the flag is true.  The ``RT: <link>``
  prefix is left out of ``quoted`` (it holds no words); the comment is read like any post.
* ``repost="manual"``: a tweet pasted into the author's own (``"@fan: …"``, ``“@fan …``,
  ``""@fan …``, the 2013 form with the fan's handle on its own line, ``… "@fan: …`` or
  ``RT @fan …`` / ``MT @fan …`` after a comment).  Quoted: the pasted part, from its opening
  quote mark (or ``RT``) to its closing quote mark; when that mark is missing, to the end,
  or to the author's reply when two spaces set it off.  Headline shares
  (``Via @outlet: “headline” link``, ``“headline” link via @outlet``) are not reposts.
* Quotations in the author's own post: a passage of five words or more in quote marks
  (shorter ones are scare quotes and echoes), unless it is his own (his books, a quotation
  signed by him, his own statement, the names of his bills); a shorter one (two words or
  more) when it is a headline before its link or an attributed quotation (``Name: “…”``,
  ``“…” - @user``); an unquoted headline before its link (``Label: Headline words: <link>``,
  the link's path repeating the headline or the headline naming Trump in the third
  person); a ``maxim. -- Name`` line.

>>> find_voices('"@fan: @realDonaldTrump you should run!"  Thanks!')
Voices(repost='manual', quoted=((0, 40, 'manual retweet'),))
>>> find_voices("RT: https://truthsocial.com/users/x/statuses/1 Good job, Nate!", native_flag=True)
Voices(repost=None, quoted=())
>>> find_voices("Great rally tonight in Iowa!")
Voices(repost=None, quoted=())
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["NO_VOICES", "Voices", "find_voices"]


class Voices(NamedTuple):
    """Whose words: the kind of repost, and the spans of someone else's words.

    ``repost`` is ``"native"`` (a platform share), ``"manual"`` (a pasted tweet) or None.
    ``quoted`` holds ``(start, end, why)`` character spans (Python ``str`` offsets, end
    exclusive), sorted and non-overlapping; ``why`` names the form: "native repost",
    "manual retweet", "quotation", "attributed quotation", "headline", "dash attribution".
    """

    repost: str | None
    quoted: tuple[tuple[int, int, str], ...]


NO_VOICES = Voices(None, ())

_INVISIBLE = "\u200b\u200e\u200f\u2060\ufeff"

# -- reposts ----------------------------------------------------------------------------------
_NATIVE = re.compile(r"RT:? ?@\w")
_QUOTE_POST = re.compile(r"RT:\s*https?://\S+\s*")
# A pasted tweet at the start: quote mark(s), optional "." and the fan's handle.
_PASTE_OPEN = re.compile(rf"[\s{_INVISIBLE}]*([\"“”]+)[ \t]*\.?@\w")
# The 2013 form: the fan's handle alone on the first line (padded with spaces), then the tweet
# in quotes; or the handle, spaces, and the tweet to him in quotes on the same line.
_HANDLE_LINE = re.compile(r"\.?@?\w{1,15}:?[ \t]*\n\s*[\"“]|\.?@\w{1,15}[ \t]+[\"“]\.?@\w")
# An outlet's tweet pasted without quote marks: "@Outlet: text <link>".
_HANDLE_COLON_LINK = re.compile(r"@\w{1,15}: [^\"“”\n]+https?://\S+\s*$")
# A paste after the author's comment: a quote mark + handle + colon or line break, or RT/MT + handle.
_INNER_PASTE = re.compile(rf"[\"“]\.?@\w+(?::|[ \t]*\n)|\b[RM]T:?[\s{_INVISIBLE}]*@\w")
_VIA = re.compile(r"\bvia\b", re.IGNORECASE)
_VIA_AFTER_QUOTE = re.compile(r"[\"”]\s*(?:https?://\S+\s*)?via @\w", re.IGNORECASE)
_PASTE_WITH_COLON = re.compile(r"\s*[\"“”]+\s*\.?@\w+:")
# In a paste that lost its closing quote mark, the author's reply follows two spaces or more.
_REPLY_GAP = re.compile(r"[.!?)]+[ \t]{2,}(?=[^\s@#])")

# -- quotations -------------------------------------------------------------------------------
_QUOTATION = re.compile(r"[\"“][^\"“”]+[\"”]")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_LINK_AFTER = re.compile(r"[\s:,.]*https?://")
# Where a short quotation before a link reads as a headline: at the start, after a label's
# colon or a dash, after a handle, or after "via …".
_LABEL_BEFORE = re.compile(r"(?:[:\-–—]|@\w+|\bvia\b[^\n]*)\s*$", re.IGNORECASE)
# "“…” - @user", "“…” -- Name" (the name ending the line, or followed by a comma, a
# parenthesis, a link or a handle): not "“…” - Did they say sorry?".
_DASH_NAME_AFTER = re.compile(
    r"\s*(?:--?|–|—|―|~)\s*(?:@\w|(?:(?:[A-Z][a-z’'.]+|[A-Z]\.) ?)+(?:$|\n|[,(@]|https?://))")
_OWN_SIGNATURE_AFTER = re.compile(r"\s*(?:--?|–|—|―|~)\s*(?:Donald\b|Trump\b|@realDonaldTrump)")
_OWN_LABEL_BEFORE = re.compile(r"(?:^|(?<![A-Z])[.!?:]\s+|\bFrom:?\s+)(?:President\s+)?(?:Donald\s+(?:J\.\s+)?)?"
                               r"Trump:\s*$")
_OWN_STATEMENT_BEFORE = re.compile(r"(?:statement|letter|message)\s+(?:from|by|of)\s+(?:President\s+)?"
                                   r"(?:Donald\s+(?:J\.\s+)?)?Trump\W*$", re.IGNORECASE)
# His books (2011-2014 daily maxims), and the 2012 "(cont)" series promoting one of them.
_OWN_WORK = re.compile(
    r"Think ?Big|Think ?Like ?a|Midas ?Touch|Art ?of ?the ?Deal|Time ?to ?Get ?Tough|Trump ?101|How to Get Rich"
    r"|Crippled ?America|Never ?Give ?Up|Surviving at the Top|Way to the Top|Art of the Comeback|America We Deserve"
    r"|Want You to Be Rich|Advice I Ever Received|\(cont\)",
    re.IGNORECASE)
_OWN_BILL = re.compile(r"big,? beautiful bill", re.IGNORECASE)

# -- unquoted headlines and maxims --------------------------------------------------------------
# "Label: Headline words: <link>", possibly several in a row; the text holds nothing else.
# A link may be glued to the next headline in capitals (".../some-title/NEXT TITLE IN CAPITALS …").
_HEADLINE_LINK = re.compile(
    r"([^\"“”\n]{10,240}?):[ \t]*https?://[^/\s]+(\S*?)(?:\s+|$|(?<=/)(?=[A-Z]{2,}[A-Z’']*\s))")
_VIA_LABEL = re.compile(r"\s*Via [^:]{2,60}:\s*", re.IGNORECASE)
_SLUG_WORD = re.compile(r"[a-z]{3,}")
_THIRD_PERSON_TRUMP = re.compile(r"\bTrump")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|our|us|join)\b", re.IGNORECASE)
_STOPWORDS = frozenset("the and for with from that this into over are was has have its his her will not but".split())
# "Maxim text. -- Famous Person" ending the post: a dash after a space or a sentence's end.
_MAXIM_NAME = (r"(?:Sir |Dr\. |Gen\. |Pres\. |President )?(?:[A-Z]\.|[A-Z][a-z]+\.?)"
               r"(?: (?:[A-Z]\.|[A-Z][a-z]+\.?|de|van|von|da|of)){0,4}")
_MAXIM = re.compile(
    r"(?P<q>[^\"“”\s@#][^\"“”@#]{14,}?[.!?,;]?)(?:[ \t]*\n[ \t]*|[ \t]+|(?<=[.!?,;]))(?:--?|–|—|―|~)[ \t]*\n?[ \t]*"
    rf"(?P<name>{_MAXIM_NAME})\s*$")
_NAME_END = re.compile(rf"(?:--?|–|—|―|~)[ \t]*\n?[ \t]*{_MAXIM_NAME}\s*$")
_OWN_NAME = re.compile(r"(?:Donald|Trump)\b")


def _native(text: str) -> Voices:
    return Voices("native", ((0, len(text), "native repost"),) if text else ())


def _manual_span(text: str, has_quote: bool) -> tuple[int, int] | None:
    """The pasted tweet of a manual retweet, or None (``text`` holds an ``@``)."""
    m = _PASTE_OPEN.match(text) if has_quote else None
    if m:
        start = m.start(1)
    elif has_quote and _HANDLE_LINE.match(text):
        start = 0
    elif text.startswith("@") and "http" in text and _HANDLE_COLON_LINK.match(text):
        return (0, len(text.rstrip()))
    else:
        if not ('"@' in text or "“@" in text or '".@' in text or "“.@" in text or "RT" in text or "MT" in text):
            return None
        m = _INNER_PASTE.search(text, 1)
        if not m or _VIA.search(text, 0, m.start()) or text.lstrip().lower().startswith("from"):
            return None
        start = m.start()
        if text[start] in "RM":  # "… RT @user …": the paste runs to the end
            return (start, len(text.rstrip()))
    # A headline share ("Via @outlet: “…” link", "“…” link via @outlet") is not a repost.
    if ("via" in text or "Via" in text or "VIA" in text) and (
            _VIA.search(text, 0, start)
            or (_VIA_AFTER_QUOTE.search(text, start) and not _PASTE_WITH_COLON.match(text, start))):
        return None
    close = max(text.rfind('"', start + 2), text.rfind("”", start + 2))
    if close > start and text[close + 1:].strip():
        return (start, close + 1)
    # No closing quote mark: the author's reply, if any, is set off by two spaces.
    gaps = list(_REPLY_GAP.finditer(text, start + 2))
    return (start, gaps[-1].start() + len(gaps[-1].group().rstrip(" \t"))) if gaps else (start, len(text.rstrip()))


def _is_name_label(line: str) -> bool:
    """``Name:`` or ``Title, Name:`` alone before a quotation on its line."""
    return 3 <= len(line) <= 61 and '"' not in line and "“" not in line and "”" not in line


def _quoted_passages(text: str, start: int) -> list[tuple[int, int, str]]:
    """Quotations in quote marks in ``text[start:]``."""
    spans = []
    for m in _QUOTATION.finditer(text, start):
        s, e = m.span()
        n = len(_WORD.findall(text, s + 1, e - 1))
        if n < 2:
            continue
        before = text[max(start, s - 100):s].rstrip()
        label = before.endswith(":")
        if _LINK_AFTER.match(text, e) and (n >= 5 or not before or label or _LABEL_BEFORE.search(before)):
            why = "headline"
        elif (label and _is_name_label(text[max(start, text.rfind("\n", 0, s) + 1):s].rstrip())) \
                or _DASH_NAME_AFTER.match(text, e):
            why = "attributed quotation"
        elif n >= 5:
            why = "quotation"
        else:
            continue
        # His own words: his books, a quotation he signs, his statement or label, his bills.
        if (_OWN_WORK.search(text, e, e + 40) or _OWN_SIGNATURE_AFTER.match(text, e)
                or ("Trump" in before and (_OWN_STATEMENT_BEFORE.search(before) or _OWN_LABEL_BEFORE.search(before)))
                or _OWN_BILL.search(text, s, e)):
            continue
        spans.append((s, e, why))
    return spans


def _headline_before_link(headline: str, path: str) -> bool:
    """An unquoted headline: its link's path repeats it, or it names Trump in the third person."""
    if _OWN_WORK.search(headline):
        return False
    words = {w for w in _SLUG_WORD.findall(headline.lower()) if w not in _STOPWORDS}
    slug = set(_SLUG_WORD.findall(path.lower()))
    if len(words & slug) >= min(2, len(words)):
        return True
    return bool(_THIRD_PERSON_TRUMP.search(headline)) and not _FIRST_PERSON.search(headline)


def _unquoted_headlines(text: str, start: int) -> list[tuple[int, int, str]]:
    """``Label: Headline: <link>`` (one or more in a row) making up all of ``text[start:]``."""
    pos, found = start, []
    while pos < len(text):
        m = _HEADLINE_LINK.match(text, pos)
        if not m:
            return []
        s = v.end() if (v := _VIA_LABEL.match(text, pos, m.end(1))) else pos
        while s < m.end(1) and text[s].isspace():
            s += 1
        if _headline_before_link(text[s:m.end(1)], m.group(2)):
            found.append((s, m.end(1), "headline"))
        pos = m.end()
    return found


def _maxim(text: str, start: int) -> list[tuple[int, int, str]]:
    """``Maxim text. -- Famous Person`` making up all of ``text[start:]`` (no quote mark, no ``@``)."""
    # Cheap test first: a dash, then a name that ends the text, within its last 60 characters.
    if "#" in text or not _NAME_END.search(text, max(start, len(text) - 60)):
        return []
    m = _MAXIM.match(text, start)
    if not m or "http" in m.group("q") or _OWN_NAME.match(m.group("name")) or _OWN_WORK.search(m.group("name")):
        return []
    return [(start, m.end("q"), "dash attribution")]


def _quotations(text: str, start: int, has_quote: bool, has_at: bool) -> Voices:
    """Someone else's words in the author's own text ``text[start:]``."""
    if has_quote:
        spans = _quoted_passages(text, start)
        if spans:
            return Voices(None, tuple(spans))
    colon_link = text.find(": http", start)
    if colon_link < 0:
        colon_link = text.find(":http", start)
    if 0 <= colon_link - start <= 250:
        spans = _unquoted_headlines(text, start)
        if spans:
            return Voices(None, tuple(spans))
    if not (has_quote or has_at):
        spans = _maxim(text, start)
        if spans:
            return Voices(None, tuple(spans))
    return NO_VOICES


def find_voices(text: str, native_flag: bool | None = None) -> Voices:
    """Whose words are in ``text``: see the module's docstring for the forms.

    ``native_flag`` is the platform's repost flag of the record (JSON ``repost``,
    ``is_retweet`` …) when the input has one, else None.
    """
    if text.startswith("RT"):
        q = _QUOTE_POST.match(text)
        if q:
            if q.end() < len(text):  # a Truth Social quote post: the comment is his
                rest = text[q.end():]
                return _quotations(text, q.end(), '"' in rest or "“" in rest or "”" in rest, "@" in rest)
            return _native(text)
        if _NATIVE.match(text):
            return _native(text)
    if native_flag:
        return _native(text)
    # The cheap first test (substring tests beat a regular expression here): no rule below can
    # match a text without a quote mark, an "@", a colon before a link or a dash near its end.
    has_quote = '"' in text or "“" in text or "”" in text
    has_at = "@" in text
    if has_at:
        if has_quote or "RT" in text or "MT" in text or (text.startswith("@") and "http" in text):
            span = _manual_span(text, has_quote)
            if span:
                return Voices("manual", ((span[0], span[1], "manual retweet"),))
    elif not (has_quote or ": http" in text or ":http" in text):
        tail = text[-60:]
        if not ("-" in tail or "–" in tail or "—" in tail or "―" in tail or "~" in tail):
            return NO_VOICES
    return _quotations(text, 0, has_quote, has_at)
