"""Run the query-evaluation tests against an engine and score it.

Each evaluation test is asked in two pairs of formats, JSON with Turtle and XML with
N-Triples (the engine picks by the query's form), and also in TSV when its expected
result is a TSV file; it passes only when every answer is right. A CSV-format test is
asked in CSV alone and its cells compared as text. A negative syntax test passes when
the engine rejects the query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from .answers import CSV, JSON, NTRIPLES, TSV, TURTLE, XML, Format, read_answer, read_expected
from .compare import difference
from .engines import Engine, Rejected, TestData
from .manifest import EvaluationCase, evaluation_cases, local_path

#: Solution modifiers that may sit above a top-level ORDER BY in rdflib's algebra.
_ABOVE_ORDER = {"SelectQuery", "ConstructQuery", "AskQuery", "DescribeQuery", "Project"}
_ABOVE_ORDER |= {"Distinct", "Reduced", "Slice", "ToMultiSet"}


def _variables(expression: object, found: list[str]) -> None:
    if isinstance(expression, Variable):
        if str(expression) not in found:
            found.append(str(expression))
    elif isinstance(expression, dict):
        for value in expression.values():
            _variables(value, found)
    elif isinstance(expression, list | tuple):
        for value in expression:
            _variables(value, found)


def order_variables(query: str, base: str) -> tuple[str, ...]:
    """The variables of the query's top-level ``ORDER BY`` (none if rdflib cannot parse it)."""
    try:
        node: CompValue | None = translateQuery(parseQuery(query), base=base).algebra
    except Exception:  # rdflib's parser lags behind the grammar; ordering is then unchecked
        return ()
    while node is not None and node.name in _ABOVE_ORDER:
        node = node.get("p")
    if node is None or node.name != "OrderBy":
        return ()
    found: list[str] = []
    for condition in node["expr"]:
        _variables(condition.get("expr", condition), found)
    return tuple(found)


def formats_for(case: EvaluationCase) -> tuple[tuple[Format, Format], ...]:
    """The (solutions format, graph format) pairs a test is asked in."""
    if case.kind == "CSVResultFormatTest":
        return ((CSV, TURTLE),)
    pairs = ((JSON, TURTLE), (XML, NTRIPLES))
    if case.result is not None and case.result.endswith(".tsv"):
        return (*pairs, (TSV, TURTLE))
    return pairs


def run_case(engine: Engine, case: EvaluationCase) -> str | None:
    """None when the engine passes the test, else why not."""
    query = case.query_text
    if case.kind == "NegativeSyntaxTest11":
        engine.load(TestData((), ()))
        try:
            engine.ask(query, case.query, JSON, TURTLE)
        except Rejected:
            return None
        return "a malformed query was accepted"
    if case.kind not in {"QueryEvaluationTest", "CSVResultFormatTest"} or case.result is None:
        raise ValueError(f"{case.label}: unsupported test type {case.kind}")
    engine.load(TestData.read(case.data, case.graph_data))
    expected = read_expected(local_path(case.result), case.result)
    order = order_variables(query, case.query)
    for results, graph in formats_for(case):
        reply = engine.ask(query, case.query, results, graph)
        reason = difference(expected, read_answer(reply.body, reply.media_type), order)
        if reason is not None:
            return f"{reply.media_type}: {reason}"
    return None


@dataclass
class Scores:
    """Which tests an engine passed, and why it failed the others."""

    engine: str
    passed: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"FAIL {label}: {reason}" for label, reason in sorted(self.failed.items())]
        total = len(self.passed) + len(self.failed)
        return "\n".join([*lines, f"{self.engine}: {len(self.passed)} of {total} passed"])


def evaluate(engine: Engine, cases: Iterable[EvaluationCase] | None = None) -> Scores:
    """Run every case (by default the 238 of the evaluation folders) against ``engine``."""
    scores = Scores(engine.name)
    for case in evaluation_cases() if cases is None else cases:
        try:
            reason = run_case(engine, case)
        except Exception as error:  # any error is that test's failure, with its reason
            reason = f"error: {type(error).__name__}: {str(error)[:200]}"
        if reason is None:
            scores.passed.add(case.label)
        else:
            scores.failed[case.label] = reason
    return scores
