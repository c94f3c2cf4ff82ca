"""`goallint status --format markdown`: a table that reads well as a GitHub job summary or a
pull-request comment (GitHub renders the emoji; the status word is always beside it)."""

from __future__ import annotations

from goallint.progress.evaluate import DocumentProgress, ItemProgress
from goallint.progress.labels import STATUS_EMOJI, STATUS_WORDS, current_text, grade_text, percent, summary_line

_BAR_CELLS = 10


def bar(fraction: float | None) -> str:
    """A ten-cell text bar, full at 100 % (more is shown by the number beside it)."""
    if fraction is None:
        return ""
    filled = round(min(max(fraction, 0.0), 1.0) * _BAR_CELLS)
    return "`" + "█" * filled + "░" * (_BAR_CELLS - filled) + "` "


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _status(status: str) -> str:
    return f"{STATUS_EMOJI[status]} {STATUS_WORDS[status]}"


def _item_row(item: ItemProgress, with_grade: bool) -> str:
    node = item.item
    label = node.label or ""
    text = _cell(node.text)
    progress = f"{bar(item.progress)}{percent(item.progress)}" if item.progress is not None else (
        f"– _{_cell(item.reason)}_" if item.reason else "–")
    confidence = percent(item.confidence, "")
    cells = [label, text, progress, percent(item.expected), _status(item.status), _cell(current_text(item)),
             confidence, item.last_date or "never"]
    if with_grade:
        cells.append(grade_text(item.grade))
    return "| " + " | ".join(cells) + " |"


def render_markdown(results: list[DocumentProgress]) -> str:
    lines: list[str] = []
    totals = summary_line(results)
    as_of = results[0].as_of.isoformat() if results else ""
    lines += [f"## Goal status as of {as_of}", ""]
    lines.append(
        f"**{totals['on-track']} on track · {totals['at-risk']} at risk · {totals['off-track']} off track · "
        f"{totals['done']} done · {totals['not-updated']} not updated**"
    )
    lines.append("")
    for result in results:
        document = result.document
        period = document.period
        title = document.title.text if document.title else document.path or "Goals"
        heading = f"### {_cell(title)}"
        if period is not None:
            heading += f" · {period.label}"
        lines += [heading, ""]
        if result.expected is not None:
            lines.append(f"Expected by {as_of}: **{percent(result.expected)}** of the period "
                         f"({period.start if period else ''} to {period.end if period else ''}). "
                         f"Overall progress: **{percent(result.progress)}**.")
        else:
            lines.append("No `period:` line, so no pace to compare with: progress only.")
        if result.grade is not None:
            lines.append(f"Grade: **{grade_text(result.grade)}**.")
        lines.append("")
        with_grade = result.ended or any(i.grade is not None for o in result.objectives for i in o.key_results)
        header = ["", "Objective / key result", "Progress", "Expected", "Status", "Current", "Confidence",
                  "Last check-in"] + (["Grade"] if with_grade else [])
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join(["---"] * len(header)) + "|")
        for objective in result.objectives:
            node = objective.objective
            cells = [f"**{node.label or ''}**", f"**{_cell(node.text)}**",
                     f"{bar(objective.progress)}**{percent(objective.progress)}**", percent(objective.expected),
                     f"**{_status(objective.status)}**", "", "", ""]
            cells += [grade_text(objective.grade)] if with_grade else []
            lines.append("| " + " | ".join(cells) + " |")
            lines += [_item_row(item, with_grade) for item in objective.key_results]
        if result.kpis:
            lines.append("| | **KPIs** |" + " |" * (len(header) - 2))
            lines += [_item_row(item, with_grade) for item in result.kpis]
        lines.append("")
    return "\n".join(lines)
