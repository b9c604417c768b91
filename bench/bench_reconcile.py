"""Speed and memory of the reconciliation service: index build, and a batch of 10 queries.

    .venv/bin/python bench/bench_reconcile.py [--entities 100000] [--repeat 40]

Two data sets: the project's own release (built into a temporary folder), and a generated
one of ``--entities`` labelled entities typed with our ontology's classes (the team's
``gen_graph.py`` writes ``rdfs:label`` in its own namespace, not ``skos:prefLabel`` typed
with our classes, so the entities are generated here: names made of a few thousand
Finnish-looking words and kind words, a Finnish label for a third, an alternative label
for a fifth, ``kkg:locatedIn`` a place). Each batch is 10 queries of the kind OpenRefine
sends: exact names, typos, lost diacritics, another word order, a type, a property, and a
name that is not there.

The reference is the obvious implementation in the same run: every name scored with
rapidfuzz's ``WRatio`` through ``process.extract`` (no word index), the ratio being its
time over ours. Memory is what the index holds once built (tracemalloc, the store's own
memory outside Python not included) and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from kuopio_kg.build import build
from kuopio_kg.reconcile import Index, build_index, read_batch, reconcile
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

KKG = "https://w3id.org/kuopio-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: (specific class, its superclasses in our ontology, a kind word in English and Finnish).
KINDS = [
    ("City", ("AdministrativeArea", "Place"), "", ""),
    ("Festival", ("EventSeries", "Event"), "Festival", "festivaali"),
    ("University", ("EducationalInstitution", "Organisation"), "University", "yliopisto"),
    ("Company", ("Organisation",), "Ltd", "Oy"),
    ("Museum", ("CulturalVenue", "Venue", "Place"), "Museum", "museo"),
    ("Network", ("Organisation",), "Network", "verkosto"),
]
SYLLABLES = [a + b for a in "kmnprstvj" for b in "aiou"]
OUR_BATCH: list[dict[str, object]] = [
    {"query": "Jonkoping", "type": KKG + "City", "type_strict": "should"},
    {"query": "Kuopio Dance Festival"},
    {"query": "kallavesi"},
    {
        "query": "Kuopio",
        "properties": [{"pid": KKG + "locatedIn", "v": {"id": "place--north-savo"}}],
    },
    {"query": "Festival Ice Marathon Finland"},
    {"query": "Univresity of Eastern Finland"},
    {"query": "Itä-Suomen yliopisto", "type": KKG + "Organisation"},
    {"query": "WOC 2025 Kuopio"},
    {"query": "Bodo"},
    {"query": "Helsinki Philharmonic"},
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def generated_store(
    folder: Path, count: int, seed: int = 7
) -> tuple[OxigraphStore, list[dict[str, object]]]:
    """A store of ``count`` labelled entities and a batch of 10 queries over them."""
    rng = random.Random(seed)
    settings = Settings()
    vocabulary = sorted({_word(rng) for _ in range(4000)})
    places = [f"{settings.base_iri}id/place/p{n}" for n in range(-(-count // len(KINDS)))]
    lines: list[str] = []
    names: list[tuple[str, str, str]] = []
    for n in range(count):
        cls, ups, en_kind, fi_kind = KINDS[n % len(KINDS)]
        iri = (
            f"{settings.base_iri}id/{cls.lower()}/e{n}"
            if cls != "City"
            else places[n // len(KINDS)]
        )
        stem = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 3)))
        label = f"{stem} {en_kind}".strip()
        lines.append(f'<{iri}> <{SKOS}prefLabel> "{label}"@en .')
        if n % 3 == 0:
            lines.append(f'<{iri}> <{SKOS}prefLabel> "{stem}n {fi_kind}"@fi .')
        if n % 5 == 0:
            lines.append(f'<{iri}> <{SKOS}altLabel> "{rng.choice(vocabulary)} {stem}" .')
        for up in (cls, *ups):
            lines.append(f"<{iri}> <{RDF_TYPE}> <{KKG}{up}> .")
        if cls != "City":
            lines.append(f"<{iri}> <{KKG}locatedIn> <{rng.choice(places)}> .")
        names.append((iri, label, cls))
    store = OxigraphStore(folder, read_only=False)
    store.add_graph(settings.graph_iri("data"), "\n".join(lines).encode())
    ontology = (Path(__file__).resolve().parents[1] / "ontology" / "kuopio.ttl").read_bytes()
    triples = ox.parse(ontology, format=ox.RdfFormat.TURTLE)
    ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert ntriples is not None
    store.add_graph(settings.graph_iri("ontology"), ntriples)
    return store, _generated_batch(rng, names)


def _generated_batch(
    rng: random.Random, names: list[tuple[str, str, str]]
) -> list[dict[str, object]]:
    picks = rng.sample(names, 9)
    batch: list[dict[str, object]] = []
    for n, (_, label, cls) in enumerate(picks):
        text = label
        if n % 3 == 1:
            cut = rng.randrange(1, len(text) - 1)
            text = text[:cut] + text[cut + 1 :]
        elif n % 3 == 2:
            text = " ".join(reversed(text.split())).upper()
        query: dict[str, object] = {"query": text}
        if n % 4 == 0:
            query.update(type=KKG + cls, type_strict="should")
        batch.append(query)
    batch.append({"query": "Helsinki Philharmonic Orchestra"})
    return batch


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, p95) of ``repeat`` runs, in milliseconds, after one warm-up run."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def measure(
    name: str, store: OxigraphStore, settings: Settings, batch: list[dict[str, object]], repeat: int
) -> None:
    start = time.perf_counter()
    index = build_index(store, settings)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    held = build_index(store, settings)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    queries = read_batch({f"q{n}": q for n, q in enumerate(batch)}, index)
    ours = timed(lambda: [reconcile(index, q, "en") for q in queries.values()], repeat)
    naive = timed(
        lambda: _full_scan(index, [q.text for q in queries.values()]), max(3, repeat // 8)
    )
    print(f"\n{name}: {len(index.entities)} entities, {len(index.folded)} names")
    print(
        f"  index build            {seconds * 1000:9.0f} ms, "
        f"holds {size / 2**20:.1f} MiB (tracemalloc)"
    )
    print(f"  batch of {len(batch)}, ours      median {ours[0]:7.1f} ms   p95 {ours[1]:7.1f} ms")
    print(f"  batch, full WRatio scan median {naive[0]:7.1f} ms   p95 {naive[1]:7.1f} ms")
    print(f"  ratio (full scan / ours, median) {naive[0] / ours[0]:.1f}x")
    for key, query in list(queries.items())[:3]:
        top = reconcile(index, query, "en")["result"][:1]
        print(f"  {key} {query.text!r} -> {[(c['id'], c['score'], c['match']) for c in top]}")


def _full_scan(index: Index, texts: list[str]) -> None:
    for text in texts:
        process.extract(text, index.folded, scorer=fuzz.WRatio, limit=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reconcile-") as tmp:
        settings = Settings.from_env(environ={}).replace(data_dir=Path(tmp) / "var")
        release = build(settings)
        measure("project data", OxigraphStore(release.store_path), settings, OUR_BATCH, args.repeat)
        store, batch = generated_store(Path(tmp) / "generated", args.entities)
        measure(f"generated, {args.entities} entities", store, Settings(), batch, args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the whole run {peak:.0f} MiB")


if __name__ == "__main__":
    main()
