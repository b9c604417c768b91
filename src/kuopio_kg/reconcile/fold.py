"""Folding names for comparison: case, diacritics and punctuation stop mattering.

``fold("Jönköpings kommun")`` and ``fold("JONKOPINGS  kommun")`` are the same string, so
"Jonkoping" finds Jönköping. Letters that Unicode does not decompose (ø, æ, ß, ł, ...) are
spelled out by a table, apostrophes go (Kuopio's is kuopios); a ``+`` stays, because
"Erasmus+" and "Erasmus" are different programmes.
"""

from __future__ import annotations

import re
import unicodedata

#: Letters NFKD leaves whole, written as a Finnish or English keyboard would type them.
_SPELLED = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "ß": "ss",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "œ": "oe",
        "\u0131": "i",
        "'": "",
        "\u2019": "",
    }
)
_NOT_WORD = re.compile(r"[^0-9a-z+]+")


def fold(text: str) -> str:
    """``text`` lower-cased, without diacritics, its words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.translate(_SPELLED)).strip()


def tokens(folded: str) -> list[str]:
    """The words of a folded string."""
    return folded.split()
