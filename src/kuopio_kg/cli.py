"""The command line: ``kuopio-kg build | validate | query | stats | why | link | import |
updates | serve``.

Global options are made from the :class:`~kuopio_kg.settings.Settings` fields, so every
setting can be given as ``--name`` or as ``KUOPIO_KG_NAME``; the option wins. Errors are
translated into a message and an exit code in exactly one place, :func:`main`.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kuopio_kg.errors import KuopioKgError
from kuopio_kg.namespaces import prefixes
from kuopio_kg.results import FORMAT_NAMES, render
from kuopio_kg.settings import PREFIX, Settings, parse_value

F = TypeVar("F", bound=Callable[..., Any])


def _settings_options(command: F) -> F:
    """Add one ``--option`` per settings field to ``command``."""
    for f in reversed(dataclasses.fields(Settings)):
        env = PREFIX + f.name.upper()
        command = click.option(
            "--" + f.name.replace("_", "-"),
            f.name,
            default=None,
            metavar=str(f.type).upper(),
            help=f"{f.metadata['help']} [env {env}]",
        )(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@_settings_options
@click.pass_context
def cli(ctx: click.Context, /, **options: str | None) -> None:
    """Build, check, query and serve the Kuopio international-cooperation graph."""
    settings = Settings.from_env()
    changes = {
        f.name: parse_value(f, options[f.name] or "", "--" + f.name.replace("_", "-"))
        for f in dataclasses.fields(Settings)
        if options.get(f.name) is not None
    }
    ctx.obj = settings.replace(**changes)


@cli.command()
@click.pass_obj
def build(settings: Settings) -> None:
    """Load, validate, reason and store a new release, then switch to it."""
    from kuopio_kg.build import build as run_build

    run_build(settings, report=lambda line: click.echo(f"build: {line}", err=True))


@cli.command()
@click.pass_obj
def validate(settings: Settings) -> None:
    """Check the inputs against the SHACL shapes; one line per violation, exit 1 if any."""
    from kuopio_kg.errors import ValidationError
    from kuopio_kg.load import load
    from kuopio_kg.validate import validate as run_validate

    loaded = load(settings)
    problems = run_validate(loaded)
    if problems:
        raise ValidationError(problems)
    click.echo(f"valid: {len(loaded.files)} files conform to the shapes")


@cli.command()
@click.argument("query")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(FORMAT_NAMES), default="table", show_default=True
)
@click.pass_obj
def query(settings: Settings, query: str, fmt: str) -> None:
    """Run QUERY (a .rq file path, or the SPARQL text itself) against the current release."""
    from kuopio_kg.query import query as run_query

    path = Path(query)
    text = path.read_text(encoding="utf-8") if query.endswith(".rq") and path.is_file() else query
    result = run_query(settings, text)
    sys.stdout.buffer.write(render(result, fmt, prefixes(settings.base_iri)))


@cli.command()
@click.pass_obj
def stats(settings: Settings) -> None:
    """Triple counts per named graph and instance counts of the main classes."""
    from kuopio_kg.query import stats as run_stats

    for label, count in run_stats(settings).items():
        click.echo(f"{label:<28} {count:>8}")


@cli.group()
def updates() -> None:
    """The update journal: what SPARQL Update and the Graph Store changed since the build."""


@updates.command("list")
@click.pass_obj
def updates_list(settings: Settings) -> None:
    """One line per update: position, time, quads removed and added, the update."""
    from kuopio_kg.updates.manage import listing

    for line in listing(settings):
        click.echo(line)


@updates.command("export")
@click.option(
    "--format",
    "-f",
    "form",
    type=click.Choice(["jsonl", "sparql"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the journal as kept; sparql: one update request.",
)
@click.pass_obj
def updates_export(settings: Settings, form: str) -> None:
    """Write the journal to standard output."""
    from kuopio_kg.updates.manage import export

    for chunk in export(settings, form):
        sys.stdout.write(chunk)


@updates.command("discard")
@click.pass_obj
def updates_discard(settings: Settings) -> None:
    """Set the journal aside (kept beside it) and serve the graph as built from the inputs."""
    from kuopio_kg.build import build as run_build
    from kuopio_kg.updates.manage import discard

    kept, release = discard(
        settings, lambda s: run_build(s, report=lambda line: click.echo(f"build: {line}", err=True))
    )
    where = f"; the updates are kept in {kept}" if kept else "; the journal was empty"
    click.echo(f"discarded{where}; serving release {release.id}")


@cli.command()
@click.argument("triple")
@click.pass_obj
def why(settings: Settings, triple: str) -> None:
    """Explain TRIPLE ('<s> <p> <o>'): the rule and premises, down to asserted triples."""
    from kuopio_kg.current import Follower
    from kuopio_kg.reason import format_explanation
    from kuopio_kg.why import explainer_for, explanation, parse_triple

    wanted = parse_triple(triple)
    store = Follower(settings.data_dir).get().store
    click.echo(format_explanation(explanation(explainer_for(store, settings), wanted)))


@cli.command()
@click.option(
    "--apply", "mode", flag_value="apply", help="Link the rows of the review file marked accept."
)
@click.option("--report", "mode", flag_value="report", help="Check the links against Wikidata.")
@click.option(
    "--export",
    "export_format",
    type=click.Choice(["quickstatements"]),
    help="Print each exact link as a line a Wikidata editor can paste.",
)
@click.option(
    "--csv", "csv_path", type=click.Path(path_type=Path), help="Also write the report here."
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the export here.")
@click.option(
    "--accepted",
    type=click.Path(path_type=Path),
    help="Turtle file of the links the linker makes [default: SOURCE/data/links/accepted.ttl].",
)
@click.option(
    "--candidates",
    type=click.Path(path_type=Path),
    help="Review file of undecided candidates [default: SOURCE/data/links/candidates.csv].",
)
@click.pass_obj
def link(
    settings: Settings,
    mode: str | None,
    export_format: str | None,
    csv_path: Path | None,
    output: Path | None,
    accepted: Path | None,
    candidates: Path | None,
) -> None:
    """Link unlinked entities to Wikidata: clear winners directly, the rest to review."""
    from kuopio_kg.link.commands import run

    folder = settings.input_dir / "links"
    run(
        settings,
        "export" if export_format else mode or "find",
        accepted or folder / "accepted.ttl",
        candidates or folder / "candidates.csv",
        csv_path,
        output,
        lambda line: click.echo(line),
        lambda line: click.echo(line, err=True),
    )


@cli.group("import")
def import_() -> None:
    """Import published tables into the imports folder; the next build loads them."""


@import_.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--place",
    metavar="NAME",
    help="Keep the rows where either side's city is NAME [default: Kuopio].",
)
@click.option("--all", "everything", is_flag=True, help="Keep every row, wherever it is.")
@click.pass_obj
def erasmus(
    settings: Settings, files: tuple[Path, ...], place: str | None, everything: bool
) -> None:
    """Import Erasmus+ mobility tables (FILE… as published, .csv or .xlsx) as flows."""
    from tqdm import tqdm

    from kuopio_kg.ingest.erasmus import import_erasmus
    from kuopio_kg.ingest.erasmus.importer import DEFAULT_PLACE

    if place is not None and everything:
        raise click.UsageError("give --place NAME or --all, not both")
    chosen = None if everything else place or DEFAULT_PLACE
    with tqdm(desc="reading", unit=" rows", file=sys.stderr, disable=None) as bar:
        report = import_erasmus(settings, list(files), chosen, bar.update)
    for line in report.lines():
        click.echo(line)


@cli.command()
@click.pass_obj
def serve(settings: Settings) -> None:
    """Serve the current release with gunicorn on HOST:PORT."""
    from kuopio_kg.web.server import serve as run_server

    click.echo(f"serving on http://{settings.host}:{settings.port}/sparql", err=True)
    run_server(settings)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a project error becomes its message on stderr and its exit code."""
    try:
        cli.main(args=argv, prog_name="kuopio-kg", standalone_mode=False)
    except KuopioKgError as error:
        for problem in getattr(error, "problems", []):
            click.echo(str(problem), err=True)
        click.echo(f"error: {error.message}", err=True)
        return error.exit_code
    except click.exceptions.Abort:
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
