"""The W3C / RDF-Based-Semantics OWL 2 RL cases, run through the shared runner.

owlrl passes 298 of them; ours must pass at least as many. The runner is imported from
the shared folder beside the checkout (``../shared/conformance``) and run in-process.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
from types import ModuleType

from kuopio_kg.settings import PROJECT_ROOT

RUNNER = PROJECT_ROOT.parent / "shared" / "conformance" / "run_owl2rl.py"
OWLRL_BASELINE = 298


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_owl2rl", RUNNER)
    assert spec is not None, f"no conformance runner at {RUNNER}"
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_owl2rl_conformance_score_at_least_owlrls() -> None:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        _runner().main(["--reasoner", "kuopio_kg.reason:owl2rl_closure"])
    summary = re.search(r"^(\d+) passed, (\d+) failed", output.getvalue(), re.MULTILINE)
    assert summary is not None, output.getvalue()[-2000:]
    assert int(summary.group(1)) >= OWLRL_BASELINE, output.getvalue()[-4000:]
