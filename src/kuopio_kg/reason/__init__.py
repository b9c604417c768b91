"""OWL 2 RL reasoning at build time: engines behind one interface.

:mod:`.closure` is what every engine returns; :mod:`.base` names the engines and turns a
closure into the inferred graph, dropping what :mod:`.trivial` calls noise;
:mod:`.kuopio_engine` (the production engine, built in :mod:`.engine`) and
:mod:`.owlrl_engine` (the reference) are the engines.
"""

from kuopio_kg.reason.base import ENGINES, Engine, infer
from kuopio_kg.reason.closure import Closure
from kuopio_kg.reason.engine.explain import Explainer, Explanation, explain, format_explanation
from kuopio_kg.reason.kuopio_engine import owl2rl_closure
from kuopio_kg.reason.trivial import is_trivial

__all__ = [
    "ENGINES",
    "Closure",
    "Engine",
    "Explainer",
    "Explanation",
    "explain",
    "format_explanation",
    "infer",
    "is_trivial",
    "owl2rl_closure",
]
