"""The dt-* rules as owlrl applies them: once, on the asserted triples.

owlrl types every literal of an OWL 2 RL datatype with that datatype (dt-type2), adds the
datatype subsumptions owlrl knows (``xsd:int`` literals are also ``xsd:integer`` ...), types
the datatypes in use as ``rdfs:Datatype`` (dt-type1), declares the disjointness of the
primitive datatypes in use, and reports literals whose lexical form does not fit their
datatype (dt-not-type). Deviation from owlrl, following the specification: a literal rdflib
flagged ill-typed while parsing is reported too (owlrl misses those, rdflib having already
normalised their lexical form). The tables come from owlrl itself so both engines agree;
dt-eq is materialised by neither; dt-diff by owlrl not at all and here (see
:func:`literal_differences`) only where it reaches beyond literals. The state is kept
between calls so that added triples extend these facts from the delta only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from owlrl.AxiomaticTriples import OWLRL_Datatypes_Disjointness
from owlrl.DatatypeHandling import AltXSDToPYTHON
from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes
from rdflib import Literal
from rdflib.term import Node

from kuopio_kg.reason.engine.derivation import Derived
from kuopio_kg.reason.engine.store import Triple
from kuopio_kg.reason.engine.terms import TermTable
from kuopio_kg.reason.engine.vocab import V


def _identity(value: str) -> object:
    return value


def _converts(term: Literal) -> bool:
    """Whether owlrl's lexical-form check accepts ``term`` (rdflib's ``ill_typed`` flag
    is consulted as well: owlrl misses what rdflib normalised at parse time)."""
    convert: Callable[[str], object] = AltXSDToPYTHON.get(term.datatype, _identity)
    try:
        convert(str(term))
    except ValueError:
        return False
    return True


class DatatypeFacts:
    """Accumulates the literal and datatype facts of everything asserted so far."""

    def __init__(self, table: TermTable) -> None:
        self.table = table
        self.datatype_terms = frozenset(OWL_RL_Datatypes)
        self.datatypes = frozenset(table.encode(dt) for dt in OWL_RL_Datatypes)
        self.subsumptions = {
            table.encode(dt): tuple(table.encode(up) for up in ups)
            for dt, ups in OWL_Datatype_Subsumptions.items()
        }
        self.disjoint = tuple(
            (table.encode(a), table.encode(b)) for a, _, b in OWLRL_Datatypes_Disjointness
        )
        self.implicit: dict[int, int] = {}
        self.explicit: dict[int, set[int]] = {}
        self.used: set[int] = set()
        self.errors: list[str] = []

    def update(self, literals: Iterable[int], asserted: Iterable[Triple]) -> list[Derived]:
        """The facts that newly asserted ``literals`` and triples give, old ones repeated."""
        out: list[Derived] = []
        for lit in literals:
            self._literal(lit, out)
        for s, p, o in asserted:
            if p == V.TYPE and o in self.datatypes:
                self.used.add(o)
                if s not in self.implicit:
                    self.explicit.setdefault(s, set()).add(o)
        for s, p, o in asserted:
            if p == V.SAME_AS:
                self._same(s, o)
        out.extend(((dt, V.TYPE, V.DATATYPE), "dt-type1", ()) for dt in sorted(self.datatypes))
        for dts in self.explicit.values():
            out.extend(((dt, V.TYPE, V.DATATYPE), "dt-type1", ()) for dt in sorted(dts))
        for r, dts in self.explicit.items():
            for dt in sorted(dts):
                self._subsume(r, dt, out)
        for r, dt in self.implicit.items():
            self._subsume(r, dt, out)
        for a, b in self.disjoint:
            if a in self.used and b in self.used:
                out.append(((a, V.DISJOINT_WITH, b), "dt-disjoint", ()))
        return out

    def _literal(self, lit: int, out: list[Derived]) -> None:
        term = self.table.terms[lit]
        if not isinstance(term, Literal) or lit in self.implicit:
            return
        datatype = term.datatype
        if datatype is None or datatype not in self.datatype_terms:
            return
        dt = self.table.ids[datatype]
        self.implicit[lit] = dt
        self.used.add(dt)
        out.append(((lit, V.TYPE, dt), "dt-type2", ()))
        if term.ill_typed or not _converts(term):
            self.errors.append(f"dt-not-type: the literal {term.n3()} is ill-typed")

    def _same(self, s: int, o: int) -> None:
        # owlrl's own reading of sameAs here, kept as is so both engines agree
        if o in self.implicit:
            self.explicit.setdefault(s, set()).add(self.implicit[o])
        if o in self.explicit:
            self.explicit.setdefault(s, set()).add(o)
        if s in self.explicit:
            self.explicit.setdefault(o, set()).add(s)

    def _subsume(self, r: int, dt: int, out: list[Derived]) -> None:
        for up in self.subsumptions.get(dt, ()):
            out.append(((r, V.TYPE, up), "dt-type2", ()))
            out.append(((up, V.TYPE, V.DATATYPE), "dt-type1", ()))
            self.used.add(up)


def same_value(a: Literal, b: Literal) -> bool:
    """Whether two literals denote the same data value (as far as rdflib can tell)."""
    try:
        return a == b or bool(a.eq(b))
    except TypeError:
        return False


def literal_differences(groups: Iterable[set[int]], terms: list[Node]) -> list[Triple]:
    """dt-diff where it reaches beyond literals: ``a owl:differentFrom b`` for two
    owl:sameAs classes that each hold a non-literal and literals of different values.

    The specification makes every two literals of different values different; with eq-rep
    that makes individuals equal to such literals different too, which is what is kept
    here (owlrl applies no dt-diff at all: a deviation from it that follows the
    specification). Literal-to-literal differences are not stored (no RDF triple can have a
    literal subject) and ``x owl:differentFrom "literal"`` is left out.
    """
    mixed: list[tuple[int, Literal]] = []
    for group in groups:
        literals = [terms[t] for t in group if isinstance(terms[t], Literal)]
        if literals and len(literals) < len(group):
            value = min(literals, key=str)
            assert isinstance(value, Literal)
            mixed.append((min(group), value))
    return [
        (a, V.DIFFERENT_FROM, b)
        for a, x in mixed
        for b, y in mixed
        if a != b and not same_value(x, y)
    ]
