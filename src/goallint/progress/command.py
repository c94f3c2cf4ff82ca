"""The `goallint status` command. Only click is imported at start-up; the rest when it runs."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from goallint.model import Finding
    from goallint.progress.evaluate import DocumentProgress

_EXIT_INPUT_ERROR = 2


class AsOfDate(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click stubs
    """A day written YYYY-MM-DD, with a message that says how to write it."""

    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is not a date goallint can read: write it as YYYY-MM-DD, for example 2026-08-15",
                      param, ctx)


AS_OF = AsOfDate()


def _documents(paths: tuple[Path, ...]) -> list[Path]:
    from goallint.syntax import MARKDOWN_SUFFIXES

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and (p.suffix == ".okr" or p.suffix.lower()
                            in MARKDOWN_SUFFIXES) and not any(part.startswith(".") for part in p.parts))
        else:
            found.append(path)
    return found


@click.command("status")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=AS_OF, help="Judge progress as on this day (YYYY-MM-DD)  [default: today]")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True, help="text: a table; json: the public contract (docs/progress.md); markdown: "
                                      "for a job summary or pull-request comment; html: one self-contained page.")
@click.option("--output-file", "-o", type=click.Path(path_type=Path), help="Write the report here instead of stdout.")
@click.option("--weighting", type=click.Choice(["mean", "priority"]), default="mean", show_default=True,
              help="Roll key results up as a plain mean, or weighted by priority (P0–P4: 2, 1, ½, ¼, ⅛).")
@click.option("--total", type=click.Choice(["objectives", "key-results"]), default="objectives", show_default=True,
              help="The plan's total: the mean of its objectives, or of all its key results.")
@click.option("--on-track", type=click.FloatRange(0, 10), default=0.9, show_default=True,
              help="Share of expected pace from which a key result is on track.")
@click.option("--at-risk", type=click.FloatRange(0, 10), default=0.7, show_default=True,
              help="Share of expected pace from which it is at risk (below: off track).")
@click.option("--findings/--no-findings", default=True, show_default=True,
              help="In the html report, show what `goallint check` finds beside each item.")
@click.option("--fiscal-year-start", type=click.IntRange(1, 12), default=1, show_default=True)
@click.option("--color/--no-color", default=None, help="Colour the text table (default: on a terminal).")
def status(
    paths: tuple[Path, ...], as_of: date | None, output_format: str, output_file: Path | None, weighting: str,
    total: str, on_track: float, at_risk: float, findings: bool, fiscal_year_start: int, color: bool | None,
) -> None:
    """Show every objective and key result with its progress, pace and status (docs/progress.md)."""
    from goallint.loading import InputError, read_text
    from goallint.progress.evaluate import Settings, evaluate_document
    from goallint.progress.formulas import Thresholds
    from goallint.syntax import parse_document

    if at_risk > on_track:
        raise click.BadParameter("--at-risk must not be above --on-track", param_hint="--at-risk")
    from goallint import clock

    if as_of is not None:
        clock.set_as_of(as_of)  # the tracking rules, in the findings beside each item, judge as of it too
    day = clock.today()
    settings = Settings(thresholds=Thresholds(on_track, at_risk), weighting=weighting,  # type: ignore[arg-type]
                        total=total)  # type: ignore[arg-type]
    failed = False
    texts: dict[str, str] = {}
    for path in _documents(paths):
        try:
            texts[str(path)] = read_text(path)
        except InputError as error:
            click.echo(f"goallint: {error}", err=True)
            failed = True
    if not texts:
        if not failed:
            where = ", ".join(str(p) for p in paths)
            click.echo(f"goallint: no goal documents (.okr or Markdown) in {where}; name a plan, for example "
                       "'goallint status goals.okr'.", err=True)
        sys.exit(_EXIT_INPUT_ERROR)
    documents = {name: parse_document(text, name, fy_start_month=fiscal_year_start) for name, text in texts.items()}
    results = [evaluate_document(document, day, settings) for document in documents.values()]
    for result in results:
        if result.document.period is None:
            click.echo(f"goallint: {result.document.path}: no 'period:' line, so there is no pace to compare "
                       "progress with; add one at the top, for example 'period: 2026-Q3'.", err=True)
    if output_format == "json":
        from goallint.progress.report_json import render_json

        rendered = render_json(results)
    elif output_format == "markdown":
        from goallint.progress.report_markdown import render_markdown

        rendered = render_markdown(results)
    elif output_format == "html":
        from goallint.progress.report_html import render_html

        found = _check(texts) if findings else {}
        rendered = render_html(results, found, _alignment(results, found))
    else:
        from goallint.progress.report_text import render_text

        use_color = color if color is not None else (output_file is None and sys.stdout.isatty())
        width = None
        if output_file is None and sys.stdout.isatty():
            import shutil

            width = shutil.get_terminal_size().columns
        rendered = render_text(results, use_color, width)
    if output_file is not None:
        output_file.write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)
    if failed:
        sys.exit(_EXIT_INPUT_ERROR)


def _check(texts: dict[str, str]) -> dict[str | None, list[Finding]]:
    """What `goallint check` finds in each document, the rules across plans included (each
    document with its own configuration)."""
    from goallint.checking import check_sources
    from goallint.config import ConfigError, ConfigFinder
    from goallint.engine.plugins import load_plugins

    try:
        findings = check_sources(texts, ConfigFinder(load_plugins(), None))
    except ConfigError as error:
        click.echo(f"goallint: {error} (findings are left out of the report)", err=True)
        return {}
    found: dict[str | None, list[Finding]] = {name: [] for name in texts}
    for finding in findings:
        found.setdefault(finding.path, []).append(finding)
    return found


def _alignment(results: list[DocumentProgress], found: dict[str | None, list[Finding]]) -> str:
    """The company tree of these plans as an HTML section, when they link to each other."""
    from goallint.company.index import PlanIndex

    documents = [result.document for result in results]
    if len(documents) < 2 or not PlanIndex(documents).uses_alignment():
        return ""
    from goallint.company.render import tree_section
    from goallint.company.tree import build_tree, progress_of_results

    every = [finding for findings in found.values() for finding in findings]
    return tree_section(build_tree(documents, every, progress_of_results(results)), heading_level=3)
