"""Imports of tabular sources into the graph; ``erasmus`` reads the Erasmus+ mobility tables."""
