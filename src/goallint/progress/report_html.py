"""`goallint status --format html`: one self-contained page a manager opens instead of a dashboard.

No network requests (inline CSS and SVG, no fonts or scripts from elsewhere); every status is a
word and a colour, never a colour alone; each bar has a tick where progress should be by now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from goallint.company.render import TREE_CSS
from goallint.model import Finding
from goallint.progress.evaluate import DocumentProgress, ItemProgress, ObjectiveProgress
from goallint.progress.formulas import weakest
from goallint.progress.labels import (
    FORMULA_WORDS,
    STATUS_COLOURS,
    STATUS_WORDS,
    FindingsByItem,
    current_text,
    grade_text,
    percent,
    summary_line,
)

_CSS = """
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;--track:#e6eaef}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:var(--ink);background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:26px;margin:0 0 4px}
.sub{color:var(--muted);margin:0 0 18px}
.tiles{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:12px;margin:0 0 28px}
.tile{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--c);border-radius:8px;
 padding:10px 14px}
.tile b{display:block;font-size:28px;line-height:1.1}
.tile span{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}
h2{font-size:19px;margin:28px 0 6px}
.period{color:var(--muted);margin:0 0 8px}
.overall{max-width:420px;margin:0 0 18px}
.objective{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 18px;overflow:hidden}
.ohead{display:grid;grid-template-columns:minmax(0,1fr) 260px 120px 130px;gap:16px;align-items:center;
 padding:14px 18px;background:#fbfcfd;border-bottom:1px solid var(--line)}
.ohead h3{font-size:17px;margin:0}
.ohead .meta{color:var(--muted);font-size:13px}
.kr{display:grid;grid-template-columns:minmax(0,1fr) 260px 120px 130px;gap:16px;align-items:center;
 padding:12px 18px;border-top:1px solid #eef1f4}
.kr:first-of-type{border-top:0}
.text .label{font-weight:600;color:var(--muted);margin-right:6px}
.facts{color:var(--muted);font-size:13px;margin-top:3px}
.note{font-style:italic}
.overdue{color:#9a6700;font-weight:600}
.bar{position:relative;height:12px;background:var(--track);border-radius:6px}
.fill{position:absolute;left:0;top:0;bottom:0;border-radius:6px;background:var(--c)}
.tick{position:absolute;top:-4px;bottom:-4px;width:2px;margin-left:-1px;background:var(--ink)}
.barline{display:flex;justify-content:space-between;font-size:13px;margin-top:4px;color:var(--muted)}
.barline strong{color:var(--ink);font-size:15px}
.status{display:inline-flex;align-items:center;gap:6px;font-weight:600;font-size:13px;color:var(--c);
 border:1.5px solid var(--c);border-radius:999px;padding:2px 10px;white-space:nowrap}
.status::before{content:"";width:8px;height:8px;border-radius:50%;background:var(--c)}
.spark svg{display:block}
.spark .none{color:var(--muted);font-size:13px}
.findings{grid-column:1/-1;margin:2px 0 0;padding:8px 12px;background:#fff8c5;border:1px solid #eed888;
 border-radius:6px;font-size:13px;list-style:none}
.findings li+li{margin-top:3px}
.findings code{font-weight:600}
.kpis h3{font-size:16px;margin:0;padding:14px 18px;background:#fbfcfd;border-bottom:1px solid var(--line)}
footer{color:var(--muted);font-size:12px;margin-top:30px}
@media (max-width:760px){
 main{padding:16px 12px 40px}
 .tiles{grid-template-columns:repeat(2,minmax(0,1fr))}
 .ohead,.kr{grid-template-columns:minmax(0,1fr) auto;gap:8px 12px}
 .ohead .progress,.kr .progress{grid-column:1/-1;order:3}
 .kr .spark{grid-column:1/-1;order:4}
 .findings{order:5}
}
"""


def _status(status: str) -> str:
    return (f'<span class="status" style="--c:{STATUS_COLOURS[status]}" data-status="{status}">'
            f"{STATUS_WORDS[status]}</span>")


def _bar(progress: float | None, expected: float | None, status: str, reason: str | None) -> str:
    if progress is None:
        return f'<div class="progress"><div class="facts">{escape(reason or "progress unknown")}</div></div>'
    width = min(max(progress, 0.0), 1.0) * 100
    tick = "" if expected is None else f'<span class="tick" style="left:{expected * 100:.2f}%" title="expected"></span>'
    label = f"{percent(progress)} done" + ("" if expected is None else f", {percent(expected)} expected by now")
    expected_text = "" if expected is None else f"<span>expected {percent(expected)}</span>"
    return (
        f'<div class="progress"><div class="bar" role="img" aria-label="{label}" style="--c:{STATUS_COLOURS[status]}"'
        f' data-progress="{progress:.4f}"><span class="fill" style="width:{width:.2f}%"></span>{tick}</div>'
        f'<div class="barline"><strong>{percent(progress)}</strong>{expected_text}</div></div>'
    )


def _sparkline(item: ItemProgress, start: str | None, end: str | None) -> str:
    points = [(day, value) for day, value in item.history if day]
    if not points:
        return '<div class="spark"><span class="none">no check-ins yet</span></div>'
    width, height, pad = 120, 34, 4
    days = [day for day, _ in points]
    # from the period's first day to the as-of date: the line ends where "now" is
    first, last = (start or days[0]), max(end or days[-1], days[-1])
    from datetime import date

    def x(day: str) -> float:
        total = (date.fromisoformat(last) - date.fromisoformat(first)).days or 1
        return pad + (width - 2 * pad) * min(max((date.fromisoformat(day) - date.fromisoformat(first)).days / total,
                                                 0.0), 1.0)

    values = [value for _, value in points]
    reference = 1.0 if item.mode in ("increase", "decrease", "effort") else _target_level(item)
    low = min(values + ([0.0] if reference is not None else []))
    high = max(values + ([reference] if reference is not None else []))
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return height - pad - (height - 2 * pad) * (value - low) / span

    colour = STATUS_COLOURS[item.status]
    path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
    target = "" if reference is None else (
        f'<line x1="{pad}" x2="{width - pad}" y1="{y(reference):.1f}" y2="{y(reference):.1f}" '
        'stroke="#8c959f" stroke-dasharray="3 3" stroke-width="1"/>')
    dots = "".join(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="2.2" fill="{colour}"/>' for d, v in points)
    title = f"{len(points)} check-in{'s' if len(points) != 1 else ''}, latest {days[-1]}"
    return (f'<div class="spark"><svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{title}"><title>{title}</title>{target}'
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"/>'
            f"{dots}</svg></div>")


def _target_level(item: ItemProgress) -> float | None:
    """The level a stay-above or stay-below key result keeps, as written, for the sparkline."""
    target = item.item.measure.target
    return target.value if item.mode == "threshold" and target is not None else None


def _findings(found: Sequence[Finding]) -> str:
    if not found:
        return ""
    rows = "".join(f"<li><code>{escape(f.code)}</code> line {f.span.start.line}: {escape(f.message)}</li>"
                   for f in found)
    return f'<ul class="findings" aria-label="goallint check findings">{rows}</ul>'


def _item(item: ItemProgress, findings: FindingsByItem, start: str | None, end: str | None) -> str:
    node = item.item
    facts = [f"now {escape(current_text(item))}"] if current_text(item) != "–" else []
    facts.append(f"last check-in {item.last_date}" if item.last_date else "no dated check-in")
    if item.stale_since:
        facts.append(f'<span class="overdue">check-in overdue since {item.stale_since}</span>')
    if item.confidence is not None:
        facts.append(f"confidence {percent(item.confidence)}")
    if item.grade is not None:
        facts.append(f"grade {grade_text(item.grade)}")
    facts.append(FORMULA_WORDS[item.mode])
    latest_note = next((c.note for c in reversed(item.counted) if c.note), None)
    note = f'<div class="facts note">“{escape(latest_note)}”</div>' if latest_note else ""
    label = f'<span class="label">{escape(node.label)}</span>' if node.label else ""
    return (
        f'<div class="kr" data-line="{node.span.start.line}"><div class="text">{label}{escape(node.text)}'
        f'<div class="facts">{" · ".join(facts)}</div>{note}</div>'
        f"{_bar(item.progress, item.expected, item.status, item.reason)}"
        f"<div>{_status(item.status)}</div>{_sparkline(item, start, end)}"
        f"{_findings(findings.of(node))}</div>"
    )


def _objective(objective: ObjectiveProgress, findings: FindingsByItem, start: str | None, end: str | None) -> str:
    node = objective.objective
    meta = [f"{len(objective.key_results)} key result{'s' if len(objective.key_results) != 1 else ''}"]
    if node.commitment:
        meta.append(node.commitment)
    if objective.grade is not None:
        meta.append(f"grade {grade_text(objective.grade)}")
    label = f'<span class="label">{escape(node.label)}</span> ' if node.label and node.label != "O" else ""
    items = "".join(_item(i, findings, start, end) for i in objective.key_results)
    own = _findings(findings.of(node))
    return (
        f'<section class="objective" data-line="{node.span.start.line}"><div class="ohead"><div><h3>{label}'
        f'{escape(node.text)}</h3><div class="meta">{" · ".join(meta)}</div></div>'
        f"{_bar(objective.progress, objective.expected, objective.status, None)}<div>{_status(objective.status)}"
        f"</div><div></div>{own}</div>{items}</section>"
    )


def _overall_status(result: DocumentProgress) -> str:
    """The colour of the plan's own bar: its weakest objective's status, as an objective's is its
    weakest key result's."""
    return weakest(o.status for o in result.objectives) if result.objectives else "unknown"


def render_html(
    results: list[DocumentProgress], findings: Mapping[str | None, Sequence[Finding]] | None = None,
    alignment: str = "",
) -> str:
    """The report; `alignment` is the company tree's section (goallint.company.render), if any."""
    totals = summary_line(results)
    as_of = results[0].as_of.isoformat() if results else ""
    tiles = "".join(
        f'<div class="tile" style="--c:{colour}" data-count="{key}"><b>{totals[key]}</b><span>{word}</span></div>'
        for key, word, colour in (
            ("on-track", "On track", STATUS_COLOURS["on-track"]), ("at-risk", "At risk", STATUS_COLOURS["at-risk"]),
            ("off-track", "Off track", STATUS_COLOURS["off-track"]), ("done", "Done", STATUS_COLOURS["done"]),
            ("not-updated", "Not updated", STATUS_COLOURS["not-started"]),
        )
    )
    sections = []
    for result in results:
        document = result.document
        period = document.period
        title = document.title.text if document.title else document.path or "Goals"
        found = FindingsByItem(result, (findings or {}).get(document.path, []))
        start = period.start if period else None
        end = min(period.end, result.as_of.isoformat()) if period else None
        if period is not None and result.expected is not None:
            where = (f"{escape(period.label)} ({period.start} to {period.end}): {percent(result.expected)} of the "
                     f"period gone, overall progress {percent(result.progress)}")
        else:
            where = "No period written, so there is no pace to compare with: progress only"
        if result.grade is not None:
            where += f", grade {grade_text(result.grade)}"
        body = "".join(_objective(o, found, start, end) for o in result.objectives)
        if result.kpis:
            body += ('<section class="objective kpis"><h3>KPIs</h3>'
                     + "".join(_item(i, found, start, end) for i in result.kpis) + "</section>")
        overall = "" if result.progress is None else (
            f'<div class="overall">{_bar(result.progress, result.expected, _overall_status(result), None)}</div>')
        sections.append(f"<h2>{escape(title)}</h2><p class=\"period\">{where}</p>{overall}"
                        f"{_findings(found.document_level)}{body}")
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        f"<title>Goal status as of {as_of}</title><style>{_CSS}{TREE_CSS if alignment else ''}</style></head>"
        "<body><main>"
        f"<h1>Goal status</h1><p class=\"sub\">As of {as_of}. A tick on each bar marks where progress should be "
        f"by now; statuses compare progress with that pace (docs/progress.md).</p>"
        f"<div class=\"tiles\">{tiles}</div>{''.join(sections)}"
        f"{'<h2>How the plans align</h2>' + alignment if alignment else ''}"
        "<footer>Made by goallint status from the check-ins written in the plan.</footer></main></body></html>\n"
    )
