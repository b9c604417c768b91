"""Prometheus metrics of one server process, in the text exposition format, at /metrics.

Counters of requests (by route and status), timeouts, killed workers, refusals (by
reason) and result-cache hits and misses, and a latency histogram. Each gunicorn worker
process keeps its own numbers and labels them with its pid, so a scrape that lands on
either worker is still correct.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable

from flask import Blueprint, Response

from kuopio_kg.sparql.cache import ResultCache

#: Upper bounds of the latency histogram buckets, in seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
PREFIX = "kuopio_kg_"


class Metrics:
    """Thread-safe counters and a histogram; :meth:`render` writes them for Prometheus."""

    def __init__(self, cache: ResultCache | None = None) -> None:
        #: The endpoint's result cache, whose hits and misses are reported (None: no cache).
        self.cache = cache
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str]] = Counter()
        self.refusals: Counter[str] = Counter()
        self.timeouts = 0
        self.killed_workers = 0
        self._buckets = [0] * len(BUCKETS)
        self._count = 0
        self._sum = 0.0

    def observe(self, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(route, str(status))] += 1
            self._count += 1
            self._sum += seconds
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    self._buckets[i] += 1

    def refused(self, reason: str) -> None:
        with self._lock:
            self.refusals[reason] += 1

    def timed_out(self) -> None:
        with self._lock:
            self.timeouts += 1

    def worker_killed(self) -> None:
        with self._lock:
            self.killed_workers += 1

    def render(self) -> str:
        pid = f'pid="{os.getpid()}"'
        with self._lock:
            lines = [f"# TYPE {PREFIX}requests_total counter"]
            lines += [
                f'{PREFIX}requests_total{{{pid},route="{route}",status="{status}"}} {n}'
                for (route, status), n in sorted(self.requests.items())
            ]
            lines.append(f"# TYPE {PREFIX}refusals_total counter")
            lines += [
                f'{PREFIX}refusals_total{{{pid},reason="{reason}"}} {n}'
                for reason, n in sorted(self.refusals.items())
            ]
            lines.append(f"# TYPE {PREFIX}query_timeouts_total counter")
            lines.append(f"{PREFIX}query_timeouts_total{{{pid}}} {self.timeouts}")
            lines.append(f"# TYPE {PREFIX}killed_workers_total counter")
            lines.append(f"{PREFIX}killed_workers_total{{{pid}}} {self.killed_workers}")
            if self.cache is not None:
                lines.append(f"# TYPE {PREFIX}result_cache_total counter")
                for outcome, n in (("hit", self.cache.hits), ("miss", self.cache.misses)):
                    lines.append(f'{PREFIX}result_cache_total{{{pid},outcome="{outcome}"}} {n}')
            lines.append(f"# TYPE {PREFIX}request_seconds histogram")
            lines += [
                f'{PREFIX}request_seconds_bucket{{{pid},le="{bound}"}} {n}'
                for bound, n in zip(BUCKETS, self._buckets, strict=True)
            ]
            lines.append(f'{PREFIX}request_seconds_bucket{{{pid},le="+Inf"}} {self._count}')
            lines.append(f"{PREFIX}request_seconds_sum{{{pid}}} {self._sum:.6f}")
            lines.append(f"{PREFIX}request_seconds_count{{{pid}}} {self._count}")
        return "\n".join(lines) + "\n"


def metrics_blueprint(render: Callable[[], str]) -> Blueprint:
    """The ``/metrics`` route, serving what ``render`` returns."""
    blueprint = Blueprint("metrics", __name__)

    @blueprint.get("/metrics")
    def metrics() -> Response:
        return Response(render(), content_type="text/plain; version=0.0.4; charset=utf-8")

    return blueprint
