"""The kuopio OWL 2 RL engine: integer-encoded, semi-naive, incremental, explaining.

The modules follow the data: :mod:`.vocab` numbers the OWL vocabulary, :mod:`.terms` and
:mod:`.store` hold the encoded triples, :mod:`.datatypes` knows the literal values,
:mod:`.schema` closes the schema, :mod:`.compile` turns it into rules, :mod:`.sink`
collects what :mod:`.rules` and :mod:`.rules_equality` fire (with the :mod:`.derivation`
of each), :mod:`.engine` runs the fixpoint, :mod:`.retract` removes, :mod:`.checks` finds
inconsistencies, :mod:`.output` decodes; :mod:`.api` closes an rdflib graph,
:mod:`.incremental` keeps a closure while triples come and go, :mod:`.explain` explains.
"""

from kuopio_kg.reason.engine.api import reason
from kuopio_kg.reason.engine.explain import Explainer
from kuopio_kg.reason.engine.incremental import Materializer

__all__ = ["Explainer", "Materializer", "reason"]
