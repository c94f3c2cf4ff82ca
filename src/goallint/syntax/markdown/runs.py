"""Runs: a pass that needs no layout of its own, for pages the layout rules found nothing on.

Whatever a page's layout, its key results are mostly written alike: a run of sibling list items
each worded as a measure ("95% of enquiries are actioned within five working days", "Over 90%
pass rate …") or as a deliverable (a verb first: "Launch Open Source Education and Training",
"Offer better support …"). The nearest line above such a run that is worded as an aim (a heading,
a bold line, a goal's or a period's label, a short verb-first sentence) is its objective; labels
that name the results ("We will:", "Key actions:") and prose between are skipped. Where the page
names its measures (standards, indicators, KPIs) and every run measures, the runs are its KPIs.

Precision first: two runs under aims make the pattern (one is not enough), a page about the
method is left alone, and every list of the page must be a run, else the page is laid out some
other way. One walk of the page's top-level blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from goallint.syntax.markdown.blocks import Heading, Item, Lines, ListBlock, Node, Para
from goallint.syntax.markdown.evidence import (
    goal_label,
    goes_on,
    is_bold_lead,
    is_generic_heading,
    is_goal_section,
    is_metadata,
    is_only_link,
    is_period_name,
    is_toc_entry,
    reads_as_goal,
    reads_as_result,
)
from goallint.syntax.markdown.text import Text, join

Clean = Callable[[Text], Text]

# Verbs a deliverable starts with beyond those of a goal's heading (`reads_as_goal`): in a run of
# items each starting so, "Use insight to …", "Offer better support …", "Review the role of …".
_MORE_VERBS = frozenset(
    """
    offer use work review examine explore begin create embed engage invest listen reach respond share
    agree appoint apply arrange award benchmark broaden capture champion co-design collaborate commission
    conduct connect consult convert deepen demonstrate digitise digitize diversify equip gather generate give
    inform inspire install involve map maximise maximize minimise minimize mobilise mobilize negotiate organise
    organize partner plan procure produce rationalise rationalize recognise recognize record reform refresh
    reinforce relaunch renew reorganise reorganize restructure roll safeguard seek shape spend submit tackle
    survey undertake unlock utilise utilize widen welcome open lend refurbish renovate trial visit
    """.split()
)
# "95% of initial enquiries … within five working days", "No more than 1.5% of …", "Over 90% pass
# rate": a share or a bound, as a service standard writes its measure
_SHARE_RE = re.compile(
    r"^(?:(?:over|under|at\s+least|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than|more\s+than)\s+)?"
    r"\d{1,3}(?:\.\d{1,2})?\s*%\s+(?:of\b|pass\b|satisf|response\b)",
    re.I,
)
# "… we aim to resolve it … within ten working days": a standard kept, not a deadline
_STANDARD_RE = re.compile(r"\bwe\s+aim\s+to\b[^.]{0,120}\bwithin\b", re.I)
# "We monitor the consumer 'Net Easy' score …", "We survey our customers …": a measure tracked with
# no target, as a page of standards or indicators lists it
_MONITORED_RE = re.compile(
    r"^we\s+(?:monitor|measure|track|survey|report\s+on)\b"
    # … or an indicator named with no target: "Number of affordable homes delivered", "% of calls answered"
    r"|^(?:the\s+)?(?:(?:number|percentage|proportion|rate|total|share|%|level|amount)\s+(?:of|to|for)|average|median|mean)\s",
    re.I,
)
# "We will:", "Key objectives:", "Actions", "What we'll do:": a label naming the results below
_RESULTS_LABEL_RE = re.compile(
    r"^(?:(?:key|our|main|planned)\s+)?(?:we(?:'ll|\s+will)(?:\s+do)?|what\s+we(?:'ll|\s+will)\s+do|actions?|"
    r"objectives|activities|deliverables|initiatives|milestones|key\s+results|outcomes|measures|steps)\s*:?$",
    re.I,
)
# "Quarter 1 of 2025: Governance and Foundations", "Phase 2: Pilots", "Q3 2025 – Scale": a goal
# named after its period or stage
_STAGE_RE = re.compile(
    r"^(?:(?:quarter|half|phase|stage|year|month|wave)\s+\d{1,2}|Q[1-4]|H[12]|(?:first|second|third|fourth)\s+"
    r"(?:quarter|half|phase))(?:\s+(?:of\s+)?(?:FY)?\d{2,4})?\s*[:–—-]\s*(?=\S)",
    re.I,
)
# what a page names its measures: "Our service standards are the measures …", "Key performance indicators"
_MEASURES_NAMED_RE = re.compile(
    r"\b(?:standards|measures|indicators|KPIs|metrics|targets)\b", re.I
)
# a theme's name as a line: short, capitalised, no sentence's end
_TITLE_RE = re.compile(r"^[A-Z][^.:;!?]{0,70}$")
# what a plan's own text says of itself: "Our aims for 2021–22", "2025 OSO Roadmap", "Delivery plan"
_PLAN_WORDS_RE = re.compile(
    r"\b(?:goals?|aims?|objectives?|priorit(?:y|ies)|plans?|strategy|strategic|roadmap|OKRs?|ambitions?|themes?"
    r"|focus|outcomes?|we\s+will|we\s+want\s+to)\b",
    re.I,
)
_METHOD_RE = re.compile(r"\b(?:OKRs?|key\s+results?)\b", re.I)


def _deliverable(text: str) -> bool:
    words = text.split(None, 1)
    return len(words) == 2 and (reads_as_goal(text) or words[0].lower() in _MORE_VERBS) and not text.endswith("?")


def _measure(text: str) -> bool:
    return _SHARE_RE.match(text) is not None or _STANDARD_RE.search(text) is not None or reads_as_result(text)


def _item_text(item: Item, clean: Clean) -> str | None:
    head = item.head
    if head is None or item.rest:
        return None  # an item over a sub-list is a layout of its own
    text = clean(join(head.body.pieces)).text.strip()
    return text if 0 < len(text) <= 400 else None


def _run_kind(block: ListBlock, clean: Clean) -> str | None:
    """"measure" when every item measures or is a measure tracked ("We monitor …") and one measures,
    "monitored" when all are tracked ones, "deliverable" when every item is one (a verb first) or
    measures, else None."""
    texts = [_item_text(item, clean) for item in block.items[:30]]
    if not texts or len(texts) < len(block.items) or any(text is None for text in texts):
        return None
    found = [text for text in texts if text is not None]
    if any(_METHOD_RE.search(text) for text in found):
        return None  # advice on the method ("Key results should be measurable")
    if all(_measure(text) or _MONITORED_RE.match(text) for text in found):
        return "measure" if any(_measure(text) for text in found) else "monitored"
    if all(_deliverable(text) or _measure(text) for text in found):  # "We monitor …" is none
        return "deliverable"
    return None


def _aim(text: str, raw: str) -> bool:
    """A line worded as an aim a run serves."""
    if text.endswith(":") and len(text) <= 80 and not _label(text):
        # "Grow our membership:" over its run; not "In the year ahead we want to:" (a lead-in)
        text = text[:-1].rstrip()
        return bool(text) and not is_metadata(text) and not is_generic_heading(text) and _worded_as_aim(text, raw)
    if not text or len(text) > 250 or text.endswith(("?", ":")) or is_metadata(text) or is_generic_heading(text):
        return False
    if is_goal_section(text, broad=False):
        return False  # "Objectives": a part of the page, over its goals
    if _TITLE_RE.match(text) and len(text.split()) <= 8 and not is_period_name(text):
        return True  # "Community Safety and Cohesion": a theme named, over its run (on a page of plans)
    return _worded_as_aim(text, raw)


def _worded_as_aim(text: str, raw: str) -> bool:
    """An aim by its own wording: a stage's or a goal's label, a bold line, one verb-first sentence."""
    if _STAGE_RE.match(text) or goal_label(text) or is_bold_lead(raw):
        return True
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return len(sentences) == 1 and reads_as_goal(text)


def _label(text: str) -> bool:
    return _RESULTS_LABEL_RE.match(text) is not None


@dataclass(slots=True)
class Runs:
    """What the pass found: each aim over its run, the runs that are the page's KPIs, the labels
    between an aim and its run (read as nothing) and the list items that are aims over runs."""

    pairs: list[tuple[Para | Heading, ListBlock]] = field(default_factory=list)
    kpis: list[ListBlock] = field(default_factory=list)
    between: set[int] = field(default_factory=set)
    aim_items: list[Item] = field(default_factory=list)


def read_runs(nodes: list[Node], clean: Clean) -> Runs:
    """The runs of a page the layout found nothing on. A paragraph whose last line is the aim
    (joined to prose by hard line breaks) and a paragraph that is a run without its bullets are
    mended in `nodes` where the page is read so."""
    nodes_in = nodes
    nodes = [block for node in nodes for block in _unbulleted(node, clean)]
    # a list of links ("Related pages", a table of contents) is no run and in no run's way
    lists = [node for node in nodes if isinstance(node, ListBlock) and not _links(node)]
    if not lists:
        return Runs()
    aim_lists = {id(block): items for block in lists if (items := _aim_items(block, clean))}
    kinds = [_run_kind(block, clean) for block in lists if id(block) not in aim_lists]
    if any(kind is None for kind in kinds):
        return Runs()  # a list that is no run: the page is laid out some other way
    if kinds and not aim_lists and all(kind in ("measure", "monitored") for kind in kinds):
        named = any(_MEASURES_NAMED_RE.search(clean(join(node.body.pieces)).text)
                    for node in nodes[:40] if isinstance(node, Para | Heading) and node.body.pieces)
        if not named:
            return Runs()
        nodes_in[:] = nodes
        return Runs(kpis=lists)
    found = Runs()
    cuts: dict[int, tuple[Para, Para]] = {}
    above: list[Node] = []  # the blocks since the list before, nearest last
    for node in nodes:
        if not isinstance(node, ListBlock):
            above.append(node)
            continue
        if _links(node):
            continue
        if id(node) in aim_lists:
            found.aim_items.extend(aim_lists[id(node)])
            above = []
            continue
        aimed = _aim_above(above[-6:], clean)
        above = []
        if aimed is None:
            return Runs()  # a run with no aim: not this layout
        aim, between, cut = aimed
        found.pairs.append((aim, node))
        found.between.update(between)
        if cut is not None and isinstance(aim, Para):
            cuts[cut[0]] = (cut[1], aim)
    aims = [join(aim.body.pieces) for aim, _ in found.pairs]
    aims += [join(item.head.body.pieces) for item in found.aim_items if item.head is not None]
    if len(aims) < 2:
        return Runs()
    if any(not _worded_as_aim(clean(aim).text, aim.text) for aim in aims) \
            and not any(_PLAN_WORDS_RE.search(clean(join(node.body.pieces)).text)
                        for node in nodes if isinstance(node, Para | Heading) and node.body.pieces):
        return Runs()  # a README's "## Installation" over "- Install the package": no plan
    mended: list[Node] = []
    for node in nodes:
        if id(node) in cuts:
            mended.extend(cuts[id(node)])
        else:
            mended.append(node)
    nodes_in[:] = mended
    return found


def _aim_items(block: ListBlock, clean: Clean) -> list[Item]:
    """The items of a list that are each an aim over a run nested under it ("1. Grow our membership"
    over "- Launch a referral scheme"), two or more and every item so; else none."""
    items: list[Item] = []
    for item in block.items[:30]:
        head = item.head
        if head is None or len(head.body.pieces) != 1 or len(item.rest) != 1 or not isinstance(item.rest[0], ListBlock):
            return []
        text = clean(head.body.pieces[0]).text.strip()
        if not _aim(text, head.body.pieces[0].text) or _run_kind(item.rest[0], clean) not in ("deliverable", "measure"):
            return []
        items.append(item)
    return items if len(items) >= 2 and len(items) == len(block.items) else []


def _links(node: Node) -> bool:
    if not isinstance(node, ListBlock) or not node.items:
        return False
    heads = [item.head for item in node.items]
    return all(head is not None and (is_only_link(raw := join(head.body.pieces).text) or is_toc_entry(raw))
               for head in heads)


def _unbulleted(node: Node, clean: Clean) -> list[Node]:
    """A paragraph whose lines are each a deliverable or a measure, as a copy that lost its bullets
    and blank lines writes a run ("Community Safety" / "Appoint two wardens" / "Map hotspots"):
    the run as a list, and the aim on its first line as a paragraph of its own."""
    if not isinstance(node, Para) or len(node.body.pieces) < 2:
        return [node]
    texts = [clean(piece).text.strip() for piece in node.body.pieces]
    first = 0
    if len(texts) >= 3 and _aim(texts[0], node.body.pieces[0].text) and not _deliverable(texts[0]):
        first = 1  # its aim, a theme's name, on the first line
    items = texts[first:]
    if any(not (text[:1].isupper() or text[:1].isdigit() or text[:1] == "%") or len(text) > 250
           or not (_deliverable(text) or _MONITORED_RE.match(text) or _measure(text)) for text in items) \
            or any(goes_on(text) for text in texts[:-1]):
        return [node]
    listed = ListBlock([Item(line, [Para(Lines([piece], [line]))])
                        for piece, line in zip(node.body.pieces[first:], node.body.lines[first:], strict=True)])
    if not first:
        return [listed]
    return [Para(Lines(node.body.pieces[:1], node.body.lines[:1])), listed]


def _aim_above(
    blocks: list[Node], clean: Clean
) -> tuple[Para | Heading, set[int], tuple[int, Para] | None] | None:
    """The nearest aim above a run among `blocks`, the labels passed on the way, and, where the aim
    is the last line of a longer paragraph, (that paragraph's id, the paragraph without it)."""
    between: set[int] = set()
    for block in reversed(blocks):
        if not isinstance(block, Para | Heading) or not block.body.pieces:
            return None
        last = block.body.pieces[-1]
        text = clean(last).text.strip()
        if isinstance(block, Para) and _label(text) and len(block.body.pieces) == 1:
            between.add(id(block))
            continue
        if isinstance(block, Heading):
            whole = clean(join(block.body.pieces)).text.strip()
            if _label(whole):
                between.add(id(block))  # "### Key actions" over the run, under its goal's heading
                continue
            return (block, between, None) if _aim(whole, join(block.body.pieces).text) else None
        if len(block.body.pieces) == 1:
            if _aim(text, last.text):
                return block, between, None
            if len(text) > 150 or text.endswith((".", "!")):
                continue  # prose about the aim, between it and its run
            return None
        if _aim(text, last.text) and _STAGE_RE.match(text):
            # "… the framework supports a thriving ecosystem.\" / "\" / "Quarter 1 of 2025: **Governance**":
            # the hard line breaks joined the aim's line to the prose above it
            rest = Para(Lines(block.body.pieces[:-1], block.body.lines[:-1]))
            aim = Para(Lines([last], [block.body.lines[-1]]))
            return aim, between, (id(block), rest)
        if text.endswith((".", "!")):
            continue
        return None
    return None
