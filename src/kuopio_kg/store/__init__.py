"""Stores that hold a release's named graphs and answer SPARQL over them."""

from kuopio_kg.store.base import Store
from kuopio_kg.store.oxigraph import OxigraphStore

__all__ = ["OxigraphStore", "Store"]
