"""The kuopio OWL 2 RL engine: integer-encoded, semi-naive, incremental, explaining.

The modules follow the data: :mod:`.terms` and :mod:`.store` hold the encoded triples,
:mod:`.schema` closes the schema, :mod:`.compile` turns it into rules, :mod:`.rules` and
:mod:`.rules_equality` fire them, :mod:`.engine` runs the fixpoint, :mod:`.retract` removes,
:mod:`.checks` finds inconsistencies, :mod:`.output` decodes, :mod:`.explain` explains.
"""
