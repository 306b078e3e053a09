"""What a configuration marks on a token (the tagger's bits of :class:`~rhetoric.tokens.Tok`).

The tokenizer knows a token's text and shape; the pipeline (:mod:`rhetoric.pipeline`) adds,
once per distinct token text, what its configuration makes of it: the first word of an
entity's alias or of a topic's word, a token where a signal may start (one bit per signal of
the configuration, from :data:`FIRST_SIGNAL` up, in the order of the signal registry), and,
among the word bits, whether the English dictionary knows the word and whether it is an
ordinary word rather than a name (capitalized, an ordinary word is emphasis).
"""

from __future__ import annotations

from .tokens import TAGGER_FLAGS, TAGGER_WORD

#: Flag bits: the first word of an entity alias, of a topic word or phrase.
ENTITY = TAGGER_FLAGS << 0
TOPIC = TAGGER_FLAGS << 1
#: The bit of the first signal of a configuration; the k-th signal has ``FIRST_SIGNAL << k``.
FIRST_SIGNAL = TAGGER_FLAGS << 2

#: Word bits: the English dictionary knows the word; it is an ordinary lower-case word and
#: not a name.
KNOWN_WORD = TAGGER_WORD << 0
ORDINARY_WORD = TAGGER_WORD << 1
