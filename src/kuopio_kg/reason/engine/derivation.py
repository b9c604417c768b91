"""What a rule firing produces: a conclusion with the rule's name and its premises.

Kept small and shared so every rule module, the explanation builder and the incremental
maintenance speak about derivations the same way.
"""

from __future__ import annotations

from kuopio_kg.reason.engine.store import Triple

#: Why a triple holds: the OWL 2 RL rule name and the premises it fired on.
Why = tuple[str, tuple[Triple, ...]]

#: A derived triple together with its reason.
Derived = tuple[Triple, str, tuple[Triple, ...]]
