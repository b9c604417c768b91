"""The Erasmus+ KA1 mobility import: published tables → flows → the mobility graph.

The table stage, in the order a table passes through it: :mod:`.columns` (the published
columns and how a header names them), :mod:`.read` (one streaming pass, then the cells
cleaned), :mod:`.stats` (skipped rows and their reasons) and :mod:`.aggregate` (the flows).
"""

__all__: list[str] = []
