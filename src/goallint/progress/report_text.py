"""`goallint status` in a terminal: one table per document, drawn by `rich` (imported here
only, so `goallint check` never pays for it)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from goallint.progress.evaluate import DocumentProgress, ItemProgress
from goallint.progress.labels import STATUS_COLOURS, STATUS_WORDS, current_text, grade_text, percent, summary_line

if TYPE_CHECKING:
    from rich.console import RenderableType


def render_text(results: list[DocumentProgress], color: bool, width: int | None = None) -> str:
    from rich import box
    from rich.console import Console
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width or 120,
                      color_system="standard" if color else None, highlight=False, emoji=False)

    def status(word: str, bold: bool = False) -> Text:
        return Text(STATUS_WORDS[word], style=f"{'bold ' if bold else ''}{STATUS_COLOURS[word]}")

    def bar(fraction: float | None, word: str) -> ProgressBar | Text:
        if fraction is None:
            return Text("")
        return ProgressBar(total=1.0, completed=min(max(fraction, 0.0), 1.0), width=10,
                           complete_style=STATUS_COLOURS[word], finished_style=STATUS_COLOURS[word])

    def done(fraction: float | None) -> Text:
        return Text(percent(fraction))

    def item_row(table: Table, item: ItemProgress, with_grade: bool) -> None:
        node = item.item
        label = f"  {node.label or '•'} "
        cells: list[RenderableType] = [
            Text(label + node.text), bar(item.progress, item.status),
            done(item.progress), status(item.status),
            current_text(item) if item.progress is not None or not item.reason else
            Text(item.reason.split(":")[0], style="dim"),
            percent(item.confidence, ""), item.last_date or "never",
        ]
        if with_grade:
            cells.append(grade_text(item.grade))
        table.add_row(*cells)

    totals = summary_line(results)
    as_of = results[0].as_of.isoformat() if results else ""
    console.print(Text.assemble(
        (f"Status as of {as_of}: ", "bold"),
        (f"{totals['on-track']} on track", STATUS_COLOURS["on-track"]), ", ",
        (f"{totals['at-risk']} at risk", STATUS_COLOURS["at-risk"]), ", ",
        (f"{totals['off-track']} off track", STATUS_COLOURS["off-track"]), ", ",
        (f"{totals['done']} done", STATUS_COLOURS["done"]), ", ",
        (f"{totals['not-updated']} not updated", STATUS_COLOURS["not-started"]),
    ))
    for result in results:
        document = result.document
        period = document.period
        title = document.title.text if document.title else document.path or "Goals"
        caption = f"{period.label}: {percent(result.expected)} of the period gone" if period and result.expected \
            is not None else "no period: progress only"
        with_grade = result.ended or any(i.grade is not None for o in result.objectives for i in o.key_results)
        # one line a row: a 2,000-row table wraps in seconds, and a row per item reads faster;
        # the statement gets what the other columns leave of the width (full text: json or html)
        text_width = max(24, console.width - 82 - (8 if with_grade else 0))
        table = Table(title=f"{title} ({caption})", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
        table.add_column("Objective / key result", width=text_width, no_wrap=True, overflow="ellipsis")
        table.add_column("Progress", width=10)
        # fixed widths: rich then measures no cell (a third of the time of a 2,000-row table)
        table.add_column("Done", justify="right", width=5, no_wrap=True)
        table.add_column("Status", width=11, no_wrap=True)
        table.add_column("Current", justify="right", width=14, no_wrap=True, overflow="ellipsis")
        table.add_column("Confidence", justify="right", width=10, no_wrap=True)
        table.add_column("Checked in", width=10, no_wrap=True)
        if with_grade:
            table.add_column("Grade", justify="right", width=5)
        for objective in result.objectives:
            node = objective.objective
            cells: list[RenderableType] = [
                Text(f"{node.label or 'O'} {node.text}", style="bold"),
                bar(objective.progress, objective.status), done(objective.progress),
                status(objective.status, bold=True), "", "", "",
            ]
            if with_grade:
                cells.append(grade_text(objective.grade))
            table.add_row(*cells, end_section=False)
            for item in objective.key_results:
                item_row(table, item, with_grade)
            table.add_section()
        for item in result.kpis:
            item_row(table, item, with_grade)
        console.print(table)
    return out.getvalue()
