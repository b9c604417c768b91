"""Updates as a journal over the release (DESIGN.md, "Updates are a journal").

:mod:`.journal` keeps the accepted updates on disk, :mod:`.state` evaluates one and
keeps the closure, :mod:`.writer` does both for one store at a time, :mod:`.position`
says how far a store has come, and :mod:`.manage` is what ``kuopio-kg updates`` runs.
"""
