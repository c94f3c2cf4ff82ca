"""`goallint status` in a terminal: one table per document, in `rich`'s text, styles and progress
bars (imported here only, so `goallint check` never pays for it)."""

from __future__ import annotations

import io

from goallint.progress.evaluate import DocumentProgress, ItemProgress
from goallint.progress.labels import STATUS_COLOURS, STATUS_WORDS, current_text, grade_text, percent, summary_line


def render_text(results: list[DocumentProgress], color: bool, width: int | None = None) -> str:
    from rich.console import Console
    from rich.progress_bar import ProgressBar
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width or 120,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    bar_options = console.options.update(width=10)

    def status(word: str, bold: bool = False) -> Text:
        return Text(STATUS_WORDS[word], style=f"{'bold ' if bold else ''}{STATUS_COLOURS[word]}")

    def bar(fraction: float | None, word: str) -> Text:
        """rich's own progress bar, rendered to a line of styled text."""
        if fraction is None:
            return Text("")
        drawn = ProgressBar(total=1.0, completed=min(max(fraction, 0.0), 1.0), width=10,
                            complete_style=STATUS_COLOURS[word], finished_style=STATUS_COLOURS[word])
        return Text.assemble(*((segment.text, segment.style or "") for segment in console.render(drawn, bar_options)
                               if not segment.control and segment.text != "\n"))

    # A table laid out once, a line a row: rich's Table measures and wraps every cell, seconds on a
    # 2,000-row plan; these columns have fixed widths, and the statement gets what they leave.
    def line(cells: list[Text | str], columns: list[tuple[int, bool]]) -> Text:
        row = Text("  ")
        for cell, (size, right) in zip(cells, columns, strict=True):
            piece = cell if isinstance(cell, Text) else Text(cell)
            if piece.cell_len > size:
                piece.truncate(size, overflow="ellipsis")
            padding = " " * (size - piece.cell_len)
            row.append_text(Text(padding) + piece if right else piece + Text(padding))
            row.append("  ")
        row.rstrip()
        return row

    def item_cells(item: ItemProgress, with_grade: bool) -> list[Text | str]:
        node = item.item
        cells: list[Text | str] = [
            f"  {node.label or '•'} {node.text}", bar(item.progress, item.status), percent(item.progress),
            status(item.status),
            current_text(item) if item.progress is not None or not item.reason else
            Text(item.reason.split(":")[0], style="dim"),
            percent(item.confidence, ""), item.last_date or "never",
        ]
        return [*cells, grade_text(item.grade)] if with_grade else cells

    totals = summary_line(results)
    as_of = results[0].as_of.isoformat() if results else ""
    lines: list[Text] = [Text.assemble(
        (f"Status as of {as_of}: ", "bold"),
        (f"{totals['on-track']} on track", STATUS_COLOURS["on-track"]), ", ",
        (f"{totals['at-risk']} at risk", STATUS_COLOURS["at-risk"]), ", ",
        (f"{totals['off-track']} off track", STATUS_COLOURS["off-track"]), ", ",
        (f"{totals['done']} done", STATUS_COLOURS["done"]), ", ",
        (f"{totals['not-updated']} not updated", STATUS_COLOURS["not-started"]),
    )]
    for result in results:
        document = result.document
        period = document.period
        title = document.title.text if document.title else document.path or "Goals"
        caption = f"{period.label}: {percent(result.expected)} of the period gone" if period and result.expected \
            is not None else "no period: progress only"
        with_grade = result.ended or any(i.grade is not None for o in result.objectives for i in o.key_results)
        headers = ["Objective / key result", "Progress", "Done", "Status", "Current", "Confidence", "Checked in"]
        columns = [(10, False), (10, False), (5, True), (11, False), (14, True), (10, True), (10, False)]
        if with_grade:
            headers.append("Grade")
            columns.append((5, True))
        text_width = max(24, console.width - 2 - sum(size + 2 for size, _ in columns[1:]) - 2)
        columns[0] = (text_width, False)
        lines += [Text(""), Text(f"{title} ({caption})", style="bold"),
                  line([Text(h, style="bold") for h in headers], columns),
                  Text("  " + "─" * (sum(size + 2 for size, _ in columns) - 2), style="dim")]
        for objective in result.objectives:
            node = objective.objective
            cells: list[Text | str] = [
                Text(f"{node.label or 'O'} {node.text}", style="bold"), bar(objective.progress, objective.status),
                percent(objective.progress), status(objective.status, bold=True), "", "", "",
            ]
            lines.append(line(cells + ([grade_text(objective.grade)] if with_grade else []), columns))
            lines += [line(item_cells(item, with_grade), columns) for item in objective.key_results]
            lines.append(Text(""))
        lines += [line(item_cells(item, with_grade), columns) for item in result.kpis]
    console.print(Text("\n").join(lines), no_wrap=True, crop=False, overflow="ignore")
    return out.getvalue()
