"""The organisations and partnerships behind ``gen_erasmus.py``'s rows.

Synthetic organisations in the real cities of ``gen_erasmus_tables.py`` (Zipf-many per
city, Erasmus codes for higher education only, padded as the Commission pads them:
``D  BERLIN01``), Kuopio's own three institutions, and for each organisation its partners,
weighted so that a few institutions carry much of the traffic. Each organisation carries
the ways a careless export writes its name, code and city; all fold to the same key.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from gen_erasmus_tables import COUNTRIES, FIELDS, SECTORS

#: Kuopio's institutions: (name, Erasmus code or "", sector).
KUOPIO = (
    ("Savonia-ammattikorkeakoulu Oy", "SF KUOPIO08", "higher"),
    ("Itä-Suomen yliopisto", "SF KUOPIO12", "higher"),
    ("Savon koulutuskuntayhtymä", "", "vet"),
)
#: Letters that NFKD leaves whole, spelled out in institution codes (which are ASCII).
_SPELLED = str.maketrans({"Ł": "L", "Ø": "O", "Æ": "AE", "ẞ": "SS"})


@dataclass(frozen=True)
class Org:
    """One organisation, with the ways the tables write its name, code and city."""

    names: tuple[str, ...]  # canonical first
    codes: tuple[str, ...]  # canonical first; ("-", "") when it has none
    cities: tuple[str, ...]
    country: str  # as the tables write it (EL, UK)
    iso: str
    sector: str
    agency: str  # national agency of its projects, e.g. FI01

    @property
    def kuopio(self) -> bool:
        return self.cities[0] == "Kuopio"


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _variants(text: str) -> tuple[str, ...]:
    """``text`` and the ways a careless export writes it: upper case, a doubled space, a
    trailing space, upper case without diacritics (all the same after folding)."""
    spaced = text.replace(" ", "  ", 1) if " " in text else f" {text}"
    return (text, text.upper(), spaced, f"{text} ", _ascii(text).upper())


def pick(variants: tuple[str, ...], r: float) -> str:
    """The canonical form for 70% of draws, else one of the variants."""
    return variants[0] if r < 0.7 else variants[1 + int((r - 0.7) / 0.3 * (len(variants) - 1))]


def _code(prefix: str, city: str, used: Counter[str]) -> str:
    letters = _ascii(city).upper().translate(_SPELLED)
    stem = "".join(c for c in letters if c.isascii() and c.isalpha())[:7]
    used[prefix + stem] += 1
    width = 3 if prefix in ("F", "UK") else 2
    return f"{(prefix + ' ').ljust(3)}{stem}{used[prefix + stem]:0{width}d}"


def _word(rng: random.Random) -> str:
    syllables = [a + b for a in "bdklmnprstv" for b in "aeiouy"] + ["ä", "ö", "é", "ø"]
    word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
    return word[0].upper() + word[1:] if word[0].isalpha() else "O" + word


def _org(name: str, code: str, city: str, country: str, sector: str) -> Org:
    iso = COUNTRIES[country][0]
    codes = (code, code.lower(), code.replace(" ", "  ", 1)) if code else ("-", "")
    agency = f"{country}0{1 if sector == 'higher' else 2}"
    return Org(_variants(name), codes, _variants(city), country, iso, sector, agency)


def make_orgs(rng: random.Random, count: int) -> list[Org]:
    """``count`` synthetic organisations (Zipf-many per city) and Kuopio's three."""
    cities = [(c, city) for c, (_, _, names) in COUNTRIES.items() for city in names]
    rng.shuffle(cities)
    city_weights = list(accumulate(1 / (n + 1) ** 0.8 for n in range(len(cities))))
    sectors = list(SECTORS)
    sector_weights = list(accumulate(SECTORS[s][1] for s in sectors))
    orgs: list[Org] = []
    seen: set[tuple[str, str]] = set()
    used: Counter[str] = Counter()
    while len(orgs) < count:
        country, city = rng.choices(cities, cum_weights=city_weights)[0]
        sector = rng.choices(sectors, cum_weights=sector_weights)[0]
        name = rng.choice(SECTORS[sector][2]).format(_word(rng))
        if (name, city) in seen:
            continue
        seen.add((name, city))
        code = _code(COUNTRIES[country][1], city, used) if sector == "higher" else ""
        orgs.append(_org(name, code, city, country, sector))
    orgs.extend(_org(name, code, "Kuopio", "FI", sector) for name, code, sector in KUOPIO)
    return orgs


@dataclass
class Partnerships:
    """Who sends to whom (sender, receiver, fields), with cumulative weights; the
    partnerships of Kuopio's institutions apart, so their share of rows can be set."""

    rows: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    kuopio_rows: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    kuopio_weights: list[float] = field(default_factory=list)


def make_partnerships(rng: random.Random, orgs: list[Org]) -> Partnerships:
    by_sector: dict[str, list[int]] = {}
    for n, org in enumerate(orgs):
        if not org.kuopio:
            by_sector.setdefault(org.sector, []).append(n)
    field_weights = list(accumulate(1 / (n + 1) for n in range(len(FIELDS))))
    out = Partnerships()
    for sector, members in by_sector.items():
        popularity = list(accumulate(1 / (n + 1) for n in range(len(members))))
        for rank, sender in enumerate(members):
            weight = 1 / (rank + 1) ** 0.9
            count = 2 + int(40 / (rank + 1) ** 0.5)
            partners = dict.fromkeys(rng.choices(members, cum_weights=popularity, k=count))
            for j, receiver in enumerate(p for p in partners if p != sender):
                fields = tuple(dict.fromkeys(rng.choices(FIELDS, cum_weights=field_weights, k=2)))
                out.rows.append((sender, receiver, fields))
                out.weights.append(weight / (j + 1))
        kuopio = [n for n, org in enumerate(orgs) if org.kuopio and org.sector == sector]
        for home in kuopio:
            for j, partner in enumerate(dict.fromkeys(rng.choices(members, k=60))):
                fields = tuple(dict.fromkeys(rng.choices(FIELDS, cum_weights=field_weights, k=2)))
                pair = (home, partner) if j % 2 == 0 else (partner, home)
                out.kuopio_rows.append((*pair, fields))
                out.kuopio_weights.append(1 / (j // 2 + 1))
    out.weights = list(accumulate(out.weights))
    out.kuopio_weights = list(accumulate(out.kuopio_weights))
    return out
