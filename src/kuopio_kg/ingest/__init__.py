"""Imports of published tables into graph inputs: :mod:`.erasmus` reads the Erasmus+ KA1
mobility tables."""

__all__: list[str] = []
