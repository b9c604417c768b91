"""The OWL 2 RL test cases, listed from the metadata the two collections carry.

``rdfbased/`` (the RDF-Based Semantics suite, ``owl2rl`` sub-suite): each case folder holds
``<id>.metadata.properties``, a Java XML properties file whose ``testcase.type`` says what
the case checks, next to Turtle graphs named after the case. ``w3c/`` (the W3C OWL 2 test
cases): ``census.tsv`` has one row per W3C test with its test types, semantics and
profiles; the rows profiled ``RL`` are the cases, their RDF/XML files under ``cases/``.
"""

from __future__ import annotations

import csv
import enum
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

#: Where the copied collections live.
SUITE_DIR = Path(__file__).resolve().parent.parent / "owl2rl"


class Kind(enum.Enum):
    """What a case asks of the reasoner."""

    POSITIVE_ENTAILMENT = "positive-entailment"  # the conclusion follows from the premise
    NEGATIVE_ENTAILMENT = "negative-entailment"  # the non-conclusion does not follow
    CONSISTENCY = "consistency"  # the premise is consistent
    INCONSISTENCY = "inconsistency"  # the premise is inconsistent
    PROFILE_ONLY = "profile-only"  # only says the premise is in the RL profile: not run


@dataclass(frozen=True)
class Case:
    """One test case; ``premise`` is None when no premise file was copied."""

    suite: str
    name: str
    kind: Kind
    premise: Path | None
    conclusion: Path | None = None  # the (non-)conclusion of an entailment case

    @property
    def label(self) -> str:
        return f"{self.suite}/{self.name}"


@dataclass(frozen=True)
class Suite:
    """Every case of both collections, and the local copies of the ontologies they import."""

    cases: tuple[Case, ...]
    imports: Mapping[str, Path]

    @classmethod
    def load(cls, root: Path = SUITE_DIR) -> Suite:
        cases = (*_rdfbased_cases(root / "rdfbased" / "cases"), *_w3c_cases(root / "w3c"))
        return cls(cases, _local_ontologies(root / "w3c" / "imports"))


def _properties(path: Path) -> dict[str, str]:
    """The entries of a Java XML properties file."""
    root = ET.parse(path).getroot()
    return {entry.get("key", ""): entry.text or "" for entry in root.iter("entry")}


def _rdfbased_cases(folder: Path) -> list[Case]:
    cases = []
    for metadata in sorted(folder.glob("*/*.metadata.properties")):
        entries = _properties(metadata)
        name, kind = entries["testcase.id"], entries["testcase.type"]
        graph = metadata.parent / name
        if kind == "POSITIVE_ENTAILMENT":
            cases.append(
                Case(
                    "rdfbased",
                    name,
                    Kind.POSITIVE_ENTAILMENT,
                    premise=graph.with_name(f"{name}.premisegraph.ttl"),
                    conclusion=graph.with_name(f"{name}.conclusiongraph.ttl"),
                )
            )
        elif kind == "INCONSISTENCY":
            cases.append(
                Case("rdfbased", name, Kind.INCONSISTENCY, graph.with_name(f"{name}.graph.ttl"))
            )
        else:
            raise ValueError(f"{metadata}: unknown testcase.type {kind!r}")
    return cases


def _w3c_cases(folder: Path) -> list[Case]:
    """The RL-profiled rows of the census. An entailment test is run as one only under the
    RDF-Based Semantics (the one OWL 2 RL rules implement) and when its conclusion file is
    here; otherwise its consistency part is what is checked."""
    cases = []
    with (folder / "census.tsv").open(encoding="utf-8", newline="") as census:
        for row in csv.DictReader(census, delimiter="\t"):
            if "RL" not in row["profiles"].split(";"):
                continue
            name, types = row["case"], set(row["otest_types"].split(";"))
            rdf_based = "RDF-BASED" in row["semantics"].split(";")
            files = folder / "cases" / name
            premise = files / "premise.rdf"
            case = Case("w3c", name, _w3c_kind(types), premise if premise.exists() else None)
            for test, kind, file_name in (
                ("PositiveEntailmentTest", Kind.POSITIVE_ENTAILMENT, "conclusion.rdf"),
                ("NegativeEntailmentTest", Kind.NEGATIVE_ENTAILMENT, "non-conclusion.rdf"),
            ):
                if test in types and rdf_based and (files / file_name).exists():
                    case = Case("w3c", name, kind, case.premise, files / file_name)
                    break
            cases.append(case)
    return cases


def _w3c_kind(types: set[str]) -> Kind:
    if "InconsistencyTest" in types:
        return Kind.INCONSISTENCY
    if "ConsistencyTest" in types:
        return Kind.CONSISTENCY
    return Kind.PROFILE_ONLY


def _local_ontologies(folder: Path) -> dict[str, Path]:
    """Ontology IRI -> the file here that holds it, for resolving ``owl:imports``."""
    found = {}
    for path in sorted(folder.glob("*.rdf")):
        for ontology in Graph().parse(path, format="xml").subjects(RDF.type, OWL.Ontology):
            if isinstance(ontology, URIRef):
                found[str(ontology)] = path
    return found
