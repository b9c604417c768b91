"""The mobility network at one level, from the rows of ``queries/explore-network.rq``.

A flow is an edge from its sender's node to its receiver's node at the level asked for
(the organisations themselves, their cities or their countries); flows between the same
two nodes add up, and an edge's weight is the sum of their participants (a flow without a
count adds none). A flow whose party has no known city or country at that level is left
out, and counted. The filters keep the flows of one period (academic year, else call year)
and of one activity. GraphML and CSV are written here; the browser view does the same sums.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field

from kuopio_kg.errors import BadParameter
from kuopio_kg.web.explore.rows import Row

#: Level name → the columns naming the sender's and the receiver's node at that level.
LEVELS: dict[str, tuple[str, str]] = {
    "organisation": ("sender", "receiver"),
    "city": ("senderCity", "receiverCity"),
    "country": ("senderCountry", "receiverCountry"),
}
#: Filter parameter → the column it matches, and what it is called in messages.
FILTERS: dict[str, tuple[str, str]] = {
    "year": ("period", "academic year or call year"),
    "activity": ("activity", "activity"),
}
GRAPHML = "http://graphml.graphdrawing.org/xmlns"


@dataclass(frozen=True)
class Choice:
    """What a request asks for: a level and the filters' values (None: no filter)."""

    level: str = "organisation"
    filters: tuple[tuple[str, str], ...] = ()

    def keeps(self, row: Row) -> bool:
        return all(row.get(FILTERS[name][0]) == value for name, value in self.filters)


@dataclass
class Network:
    nodes: dict[str, str] = field(default_factory=dict)
    #: (source, target) → [participants, flows].
    edges: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    left_out: int = 0


def choose(args: Mapping[str, str], rows: list[Row]) -> Choice:
    """The level and filters of a request, each checked against what the rows hold."""
    level = args.get("level", "organisation")
    if level not in LEVELS:
        raise BadParameter(f"Unknown level {level!r}; the levels are {', '.join(LEVELS)}.")
    filters = []
    for name, (column, words) in FILTERS.items():
        value = args.get(name)
        if not value:
            continue
        known = sorted({row[column] for row in rows if column in row})
        if value not in known:
            raise BadParameter(
                f"No flow has the {words} {value!r}; the values are {', '.join(known) or 'none'}."
            )
        filters.append((name, value))
    return Choice(level, tuple(filters))


def network(rows: list[Row], choice: Choice) -> Network:
    """The nodes (id → label) and weighted edges of the flows ``choice`` keeps."""
    source, target = LEVELS[choice.level]
    found = Network()
    for row in rows:
        if not choice.keeps(row):
            continue
        if source not in row or target not in row:
            found.left_out += 1
            continue
        for column in (source, target):
            found.nodes[row[column]] = row.get(column + "Label", row[column])
        edge = found.edges.setdefault((row[source], row[target]), [0, 0])
        edge[0] += int(row.get("participants", "0"))
        edge[1] += 1
    return found


def graphml(found: Network, choice: Choice) -> bytes:
    """GraphML of the network: node labels, edge weights (participants) and flow counts."""
    ET.register_namespace("", GRAPHML)
    root = ET.Element(f"{{{GRAPHML}}}graphml")
    keys = (("label", "node", "string"), ("weight", "edge", "long"), ("flows", "edge", "int"),
            ("level", "graph", "string"), ("flows_left_out", "graph", "int"))  # fmt: skip
    for name, scope, kind in keys:
        ET.SubElement(root, f"{{{GRAPHML}}}key", id=name, attrib={"for": scope,
                      "attr.name": name, "attr.type": kind})  # fmt: skip
    graph = ET.SubElement(root, f"{{{GRAPHML}}}graph", id="mobility", edgedefault="directed")
    _data(graph, "level", choice.level)
    _data(graph, "flows_left_out", str(found.left_out))
    for node, label in found.nodes.items():
        _data(ET.SubElement(graph, f"{{{GRAPHML}}}node", id=node), "label", label)
    for number, ((source, target), (weight, flows)) in enumerate(found.edges.items()):
        edge = ET.SubElement(graph, f"{{{GRAPHML}}}edge", id=f"e{number}", source=source,
                             target=target)  # fmt: skip
        _data(edge, "weight", str(weight))
        _data(edge, "flows", str(flows))
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _data(parent: ET.Element, key: str, value: str) -> None:
    ET.SubElement(parent, f"{{{GRAPHML}}}data", key=key).text = value


def edge_list(found: Network) -> str:
    """The edges as CSV: source, target, weight, flows, and both labels."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["source", "target", "weight", "flows", "source_label", "target_label"])
    for (source, target), (weight, flows) in found.edges.items():
        writer.writerow([source, target, weight, flows, found.nodes[source], found.nodes[target]])
    return out.getvalue()
