"""OWL 2 RL reasoning at build time: engines behind one interface."""

from kuopio_kg.reason.base import ENGINES, Closure, Engine, infer
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
