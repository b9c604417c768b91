"""The reconciliation service (Reconciliation API 0.2, as OpenRefine speaks it), without Flask.

In the order a request passes through: :mod:`.ids` (entity IRIs as ids of unreserved
characters), :mod:`.fold` (names folded for comparison), :mod:`.index` (built once per
release from its store), :mod:`.query` (requests read into typed queries), :mod:`.match`
(scoring and candidates), :mod:`.suggest` (entity, type and property suggest),
:mod:`.extend` (data extension and proposed properties) and :mod:`.manifest` (the service
manifest).
"""

from kuopio_kg.reconcile.extend import extend, propose
from kuopio_kg.reconcile.index import Index, build_index
from kuopio_kg.reconcile.manifest import manifest
from kuopio_kg.reconcile.match import reconcile
from kuopio_kg.reconcile.query import read_batch
from kuopio_kg.reconcile.suggest import suggest_entities, suggest_properties, suggest_types

__all__ = [
    "Index",
    "build_index",
    "extend",
    "manifest",
    "propose",
    "read_batch",
    "reconcile",
    "suggest_entities",
    "suggest_properties",
    "suggest_types",
]
