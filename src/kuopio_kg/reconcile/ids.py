"""Reconciliation ids: an entity's path under the id space, with ``--`` for each ``/``.

``https://w3id.org/kuopio-kg/id/place/kuopio`` has the id ``place--kuopio``. An id holds
only unreserved URL characters (letters, digits, ``-``, ``.``, ``_``, ``~``), so it comes
through OpenRefine's URL building unchanged whether or not it percent-encodes ``/`` and
``:``. An IRI outside the id space, or whose path has other characters or a ``--`` of its
own, has no id (and is not offered for reconciliation).
"""

from __future__ import annotations

import re

SEPARATOR = "--"
_SEGMENT = re.compile(r"[A-Za-z0-9._~]+(?:-[A-Za-z0-9._~]+)*")


def id_space(base_iri: str) -> str:
    """The IRI every reconcilable entity starts with (the manifest's ``identifierSpace``)."""
    return base_iri + "id/"


def to_id(iri: str, space: str) -> str | None:
    """The reconciliation id of ``iri``, or None when it has none."""
    if not iri.startswith(space):
        return None
    segments = iri[len(space) :].split("/")
    if not all(_SEGMENT.fullmatch(segment) for segment in segments):
        return None
    return SEPARATOR.join(segments)


def to_iri(entity_id: str, space: str) -> str:
    """The IRI an id stands for (whether or not the release knows it)."""
    return space + entity_id.replace(SEPARATOR, "/")
