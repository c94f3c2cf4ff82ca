"""The `goallint` command. Thin: each command reads input, calls the library, prints.

Exit codes: 0 success, 1 findings at or above the failure level (for `check`),
2 a usage, configuration or input error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from goallint import __version__

EXIT_INPUT_ERROR = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goallint")
def main() -> None:
    """goallint: a linter for OKRs and KPIs."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: a readable outline; json: the parsed model (one object, or a list for several files).",
)
@click.option("--fiscal-year-start", type=click.IntRange(1, 12), default=1, show_default=True,
              help="Month the fiscal year starts in (FY27 is the fiscal year that ends in 2027).")
def parse(files: tuple[Path, ...], output_format: str, fiscal_year_start: int) -> None:
    """Show what goallint understood of each goal document."""
    from goallint.loading import InputError, read_text
    from goallint.syntax import parse_document

    documents = []
    failed = False
    for path in files:
        try:
            text = read_text(path)
        except InputError as error:
            click.echo(f"goallint: {error}", err=True)
            failed = True
            continue
        documents.append(parse_document(text, str(path), fy_start_month=fiscal_year_start))
    if output_format == "json":
        payload = [d.model_dump(mode="json") for d in documents]
        click.echo(json.dumps(payload[0] if len(files) == 1 and payload else payload, ensure_ascii=False, indent=2))
    else:
        from goallint.outline import render_outline

        click.echo("\n".join(render_outline(d) for d in documents), nl=False)
    if failed:
        sys.exit(EXIT_INPUT_ERROR)


@main.command()
def schema() -> None:
    """Print the JSON Schema of `goallint parse --format json`."""
    from goallint.model import Document

    click.echo(json.dumps(Document.model_json_schema(), indent=2, ensure_ascii=False))
