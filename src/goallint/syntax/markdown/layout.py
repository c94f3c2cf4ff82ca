"""Layout: the roles of unlabelled blocks, found by looking at the whole page first.

Many real pages never write "Objective:" or "KR:". Their structure is in the layout: a
heading whose list holds the results, headings one level below (or above) it, a priority or
a score after each result. Labels still win: this pass only gives roles to blocks with no
label, and only in sections with no labelled objective. The reader then reads the blocks in
order as usual, asking `Layout.role` for those.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import PurePath
from typing import Literal

from goallint.syntax.markdown.blocks import Heading, Item, ListBlock, Node, Para, Quote, Table
from goallint.syntax.markdown.evidence import (
    goal_label,
    grade_of,
    is_bold_lead,
    is_generic_heading,
    is_goal_section,
    is_metadata,
    is_only_link,
    is_period_name,
    is_toc_entry,
    names_goals,
    names_period,
    number_of,
    owner_prefix,
    reads_as_goal,
    reads_as_result,
)
from goallint.syntax.markdown.labels import (
    BARE_LABEL_RE,
    BARE_RESULT_RE,
    GOAL_LEAD_RE,
    INTRO_HEADING_RE,
    KR_HEADER_RE,
    MEASURE_LEAD_RE,
    OKR_WORDS_RE,
    decor_end,
)
from goallint.syntax.markdown.period import in_title
from goallint.syntax.markdown.plans import measure_with_target, mend_blocks, read_plans
from goallint.syntax.markdown.runs import read_runs
from goallint.syntax.markdown.tables import is_measure_table
from goallint.syntax.markdown.text import Text, join

# "part": a heading that only names a part of the page, though it is worded as a label
Role = Literal["objective", "kr", "none", "part"]
# The label a line carries ("objective", "kr", "owner_kr", "kpi", "field", "intro") or None.
Classify = Callable[[Text], str | None]
Clean = Callable[[Text], Text]


@dataclass(slots=True)
class Layout:
    """Roles for blocks (by identity) that carry no label."""

    roles: dict[int, Role] = field(default_factory=dict)
    scored: bool = False  # the page grades its items ("0.40", "P1 1.00"): a bare number at the end is a score
    okr: bool = False  # the page says it is about OKRs or goals
    objective_items: set[int] = field(default_factory=set)  # list items that are objectives
    # the page lists its goals under a heading that names them ("## 2023 Goals"), or is about the
    # method: elsewhere an item over a sub-list is a goal only by its own evidence
    goals_listed: bool = False
    # the sentence that introduces the page's goals ("… five areas that it will focus on in 2010 …:"):
    # where the page names no period elsewhere, the year it names is the goals' period
    goals_lead_in: Text | None = None
    result_lists: set[int] = field(default_factory=set)  # lists whose top-level items are results
    detail_lists: set[int] = field(default_factory=set)  # lists of details under a result
    # a heading or line that is a label alone ("## Objective 1", "Goal 1") and the paragraph under it
    # that says it
    label_texts: dict[int, Para] = field(default_factory=dict)
    result_lines: set[int] = field(default_factory=set)  # paragraphs each of whose lines is a result
    kpi_lists: set[int] = field(default_factory=set)  # lists whose items are the plan's KPIs
    kpi_lines: dict[int, set[int]] = field(default_factory=dict)  # a paragraph's lines that are KPIs
    kr_lines: dict[int, set[int]] = field(default_factory=dict)  # a paragraph's lines that are key results
    # headings beside "### Objective" over its statement ("### Key Results", "### Success Metrics"):
    # parts of that objective, which they do not end
    objective_parts: set[int] = field(default_factory=set)
    stated_objectives: set[int] = field(default_factory=set)  # the paragraphs under "### Objective"

    def role(self, block: object) -> Role | None:
        return self.roles.get(id(block))

    def mark_goal_lines(self, pairs: list[tuple[Para, ListBlock]], singles: list[Para]) -> None:
        """Lines that may be goals, each over its list of results (`pairs`) or alone (`singles`):
        two pairs on a page make the pattern and all are goals; with fewer, none is."""
        if len(pairs) < 2:
            return
        for para, block in pairs:
            self.roles[id(para)] = "objective"
            self.result_lists.add(id(block))
        for para in singles:
            self.roles[id(para)] = "objective"


def _text(node: Heading | Para, clean: Clean) -> str:
    """The visible text, without the emoji and status marks in front ("➡️ Grow the community")."""
    text = clean(join(node.body.pieces)).text
    return text[decor_end(text):]


def _labels(node: Node, classify: Classify, clean: Clean) -> set[str]:
    """The labels written anywhere in a block and the blocks inside it."""
    found: set[str] = set()
    if isinstance(node, Heading | Para):
        for piece in node.body.pieces:
            kind = classify(piece)
            if kind:
                found.add(kind)
    elif isinstance(node, ListBlock):
        for item in node.items:
            if len(item.children) == 1 and item.head and is_only_link(_item_raw(item)):
                continue  # a table of contents: "[Objective 1: Grow revenue](#objective-1)"
            for child in item.children:
                found |= _labels(child, classify, clean)
    elif isinstance(node, Quote):
        for child in node.children:
            found |= _labels(child, classify, clean)
    elif isinstance(node, Table):
        for row in node.rows[:50]:
            for cell in row.cells[:2]:
                kind = classify(cell)
                if kind:
                    found.add(kind)
    return found


def read_layout(nodes: list[Node], title: str, clean: Clean, classify: Classify, path: str | None = None) -> Layout:
    mend_blocks(nodes, clean)  # a page copied as text: its tables and label lines (plans.py)
    layout = Layout()
    layout.okr = _about_okrs(nodes, title, clean) or _named_okrs(path)
    _scored_sequence(nodes, layout, clean, classify)
    _label_headings(nodes, layout, clean, classify)
    _heading_sections(nodes, layout, clean, classify)
    _bold_lead_ins(nodes, layout, clean, classify)
    _lead_lines_under_periods(nodes, layout, clean, classify)
    _coded_objectives(nodes, layout, clean, classify)
    _sub_numbered_goals(nodes, layout, clean)
    _goals_and_measures(nodes, layout, clean, classify)
    _goal_items_over_measures(nodes, layout, clean)
    _counted_goal_titles(nodes, layout, clean, classify)
    _counted_goal_lists(nodes, layout, clean, classify)
    _goal_paragraphs_after_lead_in(nodes, layout, clean, classify)
    read_plans(nodes, layout, clean, classify)
    _measures_under_heading(nodes, layout, clean)
    _measured_lists(nodes, layout, clean, classify)
    if _found_nothing(layout) and not any(_labels(node, classify, clean) for node in nodes) \
            and not _about_the_method(nodes, clean, classify):
        _runs(nodes, layout, clean)
    return layout


def _found_nothing(layout: Layout) -> bool:
    return not (layout.roles or layout.objective_items or layout.result_lists or layout.kpi_lists
                or layout.kpi_lines or layout.kr_lines or layout.result_lines or layout.label_texts)


def _runs(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """The layout-agnostic pass (runs.py), on a page no rule above found anything on."""
    runs = read_runs(nodes, clean)
    for aim, block in runs.pairs:
        layout.roles[id(aim)] = "objective"
        layout.result_lists.add(id(block))
    layout.roles.update({label: "none" for label in runs.between})
    layout.kpi_lists.update(id(block) for block in runs.kpis)
    layout.objective_items.update(id(item) for item in runs.aim_items)


# Planning pages that are not OKRs but set goals the same way: KPI and performance-measure pages,
# V2MOMs (Vision, Values, Methods, Obstacles, Measures: the methods are the goals).
_MEASURE_PAGE_RE = re.compile(
    r"\b(?:KPIs?|performance\s+(?:measures?|indicators?)|key\s+performance\s+indicators?|V2MOMs?)\b", re.I
)
_V2MOM_RE = re.compile(r"\bV2MOMs?\b", re.I)
# a V2MOM's section of goals: "# Methods"
_METHODS_HEADING_RE = re.compile(r"^methods?\s*:?$", re.I)


# A heading over a page's measures, not a goal: "Service KPIs", "Performance measures".
_MEASURES_HEADING_RE = re.compile(r"\b(?:KPIs?|metrics|measures|indicators)\s*:?$", re.I)


# A heading over results, not a goal: "Ultimate Key Results", "Team KRs".
_RESULTS_HEADING_RE = re.compile(r"\b(?:key\s+results?|KRs?)\s*:?$", re.I)


_PART_OF_YEAR_RE = re.compile(r"(?<![A-Za-z])(?:Q[1-4]|H[12])(?![A-Za-z])")


def _about_okrs(nodes: list[Node], title: str, clean: Clean) -> bool:
    """Whether the title, a heading or one of the first paragraphs speaks of OKRs, goals or
    KPIs: "List of objectives and key results for 2015 Q4." (Chromium layout team)."""
    if OKR_WORDS_RE.search(title) or is_goal_section(title) or _MEASURE_PAGE_RE.search(title):
        return True
    if title and in_title(title, 1) is not None:
        return True  # "Project roadmap 2020", "Plan for 2024": a plan for a period
    paragraphs = 0
    periods = 0
    for node in nodes:
        if isinstance(node, Heading):
            text = _text(node, clean)
            if OKR_WORDS_RE.search(text) or is_goal_section(text) or _MEASURE_PAGE_RE.search(text):
                return True
            # "## Q1 2023", "## Q2 2023": a road map's quarters or halves, two or more (not years alone,
            # as a changelog may head its parts)
            periods += is_period_name(text) and _PART_OF_YEAR_RE.search(text) is not None
            if periods >= 2:
                return True
        elif isinstance(node, Para) and paragraphs < 3:
            paragraphs += 1
            if OKR_WORDS_RE.search(_text(node, clean)):
                return True
    return False


# "9/13/2014 -- Release v1.1", "2019-03 · Search", "Q3: Docs": a date, period or number in front
_DATED_RE = re.compile(r"^\S*\d\S*(?:\s+(?:--?|–|—|·|:|\|))?\s")


def _shape_of(text: str) -> str | None:
    """What a heading starts with, its digits alike ("0/0/0 --"): None without a digit there."""
    found = _DATED_RE.match(text)
    return re.sub(r"\d+", "0", found.group().strip()) if found else None


def _dated_like_their_siblings(
    leaves: list[_Section], layout: Layout, texts: dict[int, str], goals_listed: bool
) -> None:
    """Sibling headings over lists that start alike with a date or number ("## 9/8/2014 -- The IDA
    Proxy", "## 9/13/2014 -- Release v1.1"): where most of them are goals over results by their
    own evidence, the others are too (one list is worded otherwise: "A release has to happen")."""
    if goals_listed:
        return
    groups: dict[tuple[int, int, str], list[_Section]] = {}
    for section in leaves:
        shape = _shape_of(texts[id(section)])
        if shape is not None:
            key = (id(section.parent) if section.parent else 0, section.heading.level, shape)
            groups.setdefault(key, []).append(section)
    for group in groups.values():
        goals = sum(layout.role(section.heading) == "objective" for section in group)
        if goals >= 2 and goals * 3 >= len(group) * 2:
            for section in group:
                if layout.role(section.heading) is None:
                    layout.roles[id(section.heading)] = "objective"


def _named_okrs(path: str | None) -> bool:
    """A file named for its OKRs ("OKRs.md", "okrs-2019.md"): a repository's page of them that may
    say so nowhere else."""
    stem = PurePath(path).stem if path else ""
    return re.search(r"\bOKRs?\b", re.sub(r"[_.-]+", " ", stem), re.I) is not None


# --------------------------------------------------------------------------- graded sequences


def _shape(node: Heading | Para) -> str:
    return f"h{node.level}" if isinstance(node, Heading) else "p"


def _merge_wrapped_headings(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """A converted page wraps a long heading onto the next line, which Markdown reads as a
    paragraph: "## Reduce smoothness… on\\nthe Nexus 5 by 20% P4 0.00" (Chromium input team).
    The paragraph is the rest of the heading when it carries the heading's score."""
    for before, after in pairwise(nodes):
        if not (isinstance(before, Heading) and isinstance(after, Para)) or before.setext:
            continue
        if after.body.lines[0] != before.body.lines[-1] + 1 or len(after.body.lines) > 2:
            continue
        head_text, tail_text = _text(before, clean), _text(after, clean)
        head, whole = grade_of(head_text), grade_of(f"{head_text} {tail_text}")
        only_grade = grade_of(f"x {tail_text}").end == 1  # "1.00" alone on the next line
        if (whole.score or whole.priority) and (only_grade or not (head.score or head.priority)):
            before.body.pieces.extend(after.body.pieces)
            before.body.lines.extend(after.body.lines)
            layout.roles[id(after)] = "none"


def _scored_sequence(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Pages that grade or rank each item and write no labels: objectives and results as
    headings or paragraphs, told apart by a priority ("P1 - Ship X", "Ship X P1 0.60") or
    by their shape ("### Objective 0.40" over "Result P1 0.50" paragraphs)."""
    entries = [node for node in nodes if isinstance(node, Heading | Para) and len(node.body.lines) <= 6]
    graded = [node for node in entries if (g := grade_of(_text(node, clean))).score or g.priority]
    if len(graded) < 3:
        return
    layout.scored = True
    _merge_wrapped_headings(nodes, layout, clean)
    entries = [node for node in entries if layout.role(node) is None]
    texts = {id(node): _text(node, clean) for node in entries}
    grades = {id(node): grade_of(texts[id(node)]) for node in entries}
    usable = [node for node in entries
              if not is_period_name(texts[id(node)]) and classify(join(node.body.pieces)) is None]
    if any(classify(join(node.body.pieces)) == "objective" for node in entries):
        return  # the page labels its objectives
    prefixed = [node for node in usable if grades[id(node)].priority == "prefix"]
    if len(prefixed) >= 2:
        results = {id(node) for node in prefixed}
        result_shape = None
    else:
        ranked = [node for node in usable if grades[id(node)].priority]
        scored = [node for node in usable if grades[id(node)].score]
        counted = Counter(_shape(node) for node in (ranked or scored))
        if not counted:
            return
        result_shape = counted.most_common(1)[0][0]
        # a priority makes a result whatever its shape ("### Ship InputMode P1 1.00" among
        # "### Add Richness to Web Platform 0.57" objectives); a score does in the results' shape
        results = {id(node) for node in usable
                   if grades[id(node)].priority or (_shape(node) == result_shape and grades[id(node)].score)}
    for index, node in enumerate(usable):
        if id(node) in results:
            layout.roles[id(node)] = "kr"
            continue
        if result_shape is not None and _shape(node) == result_shape and not isinstance(node, Heading):
            continue
        grade = grades[id(node)]
        follower = usable[index + 1] if index + 1 < len(usable) else None
        text = texts[id(node)]
        if is_metadata(text) or text.startswith(("[", "(")):
            continue
        if grade.score or (follower is not None and id(follower) in results):
            layout.roles[id(node)] = "objective"


# --------------------------------------------------------------------------- heading sections


@dataclass(slots=True)
class _Section:
    heading: Heading
    index: int
    direct: list[Node]  # blocks up to the next heading
    children: list[_Section] = field(default_factory=list)
    parent: _Section | None = None


def _sections(nodes: list[Node]) -> list[_Section]:
    sections: list[_Section] = []
    stack: list[_Section] = []
    for index, node in enumerate(nodes):
        if isinstance(node, Heading):
            while stack and stack[-1].heading.level >= node.level:
                stack.pop()
            section = _Section(node, index, [], [], stack[-1] if stack else None)
            if stack:
                stack[-1].children.append(section)
            sections.append(section)
            stack.append(section)
        elif sections:
            sections[-1].direct.append(node)
    return sections


def _lists(blocks: list[Node]) -> list[ListBlock]:
    return [block for block in blocks if isinstance(block, ListBlock) and block.items]


def _item_raw(item: Item) -> str:
    head = item.head
    return join(head.body.pieces).text.strip() if head else ""


def _results_list(block: ListBlock, clean: Clean) -> bool:
    """A list that can hold results: not a table of contents, a list of links or of notes."""
    raws = [_item_raw(item) for item in block.items]
    if not any(raws) or all(is_toc_entry(raw) or is_only_link(raw) for raw in raws if raw):
        return False
    heads = [item.head for item in block.items if item.head]
    return not all(is_metadata(clean(join(head.body.pieces)).text) for head in heads)


_METHOD_WORDS_RE = re.compile(r"\b(?:OKRs?|objectives?|key\s+results?|KRs?|KPIs?)\b", re.I)


def _about_the_method(nodes: list[Node], clean: Clean, classify: Classify) -> bool:
    """Whether a quarter or more of the page's unlabelled list items (three at least) speak of
    OKRs, objectives or key results themselves: a guide or a playbook, not a plan."""
    items = mentions = 0
    for node in nodes:
        if not isinstance(node, ListBlock):
            continue
        for item in node.items[:100]:
            if item.head is None:
                continue
            piece = join(item.head.body.pieces)
            if classify(piece) is not None:
                continue
            items += 1
            mentions += _METHOD_WORDS_RE.search(clean(piece).text) is not None
    return mentions >= 3 and mentions * 4 >= items


def talks_of_okrs(block: ListBlock, clean: Clean) -> bool:
    """A list half or more of whose items speak of OKRs, objectives or key results themselves
    ("Key results should be measurable"): advice on the method, not a goal's results."""
    heads = [item.head for item in block.items[:20] if item.head]
    mentions = sum(_METHOD_WORDS_RE.search(clean(join(head.body.pieces)).text) is not None for head in heads)
    return bool(heads) and mentions * 2 >= len(heads)


def _measured(block: ListBlock, clean: Clean) -> bool:
    """A list whose items mostly read as measurable results: a metric with a target or a change
    ("Large Scale Testbed (50k+ nodes)", "Reduce DHT lookup latency by 50%"), as the statement
    reader finds them. The evidence of the items themselves, for pages that label nothing."""
    # the first five items decide, read one by one until a majority either way: reading a
    # statement costs, and a long plain list is then read at most three times, not once an item
    heads = [item.head for item in block.items[:5] if item.head]
    if len(heads) < 2:
        return False
    need = len(heads) // 2 + 1
    measured = unmeasured = 0
    for head in heads:
        if reads_as_result(clean(join(head.body.pieces)).text):
            measured += 1
        else:
            unmeasured += 1
        if measured >= need or unmeasured > len(heads) - need:
            break
    return measured >= need


def _results_table(table: Table, clean: Clean) -> bool:
    """A table of results by its header: measures with a baseline or target, or a "KR" or "Key
    result" column ("| KR | Target | Actual |")."""
    header = [clean(cell).text for cell in table.header.cells[:64]] if table.header else []
    return is_measure_table(header) or any(KR_HEADER_RE.match(name) for name in header)


def _heading_sections(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    sections = _sections(nodes)
    texts = {id(s): _text(s.heading, clean) for s in sections}
    labels: dict[int, set[str]] = {}

    def labels_of(section: _Section) -> set[str]:
        found = labels.get(id(section))
        if found is None:
            found = {kind for block in section.direct for kind in _labels(block, classify, clean)}
            found |= _labels(section.heading, classify, clean)  # "## Objective: Grow revenue" itself
            for child in section.children:
                found |= labels_of(child)
            labels[id(section)] = found
        return found

    def direct_labels(section: _Section) -> set[str]:
        """Labels on the section's own lines and top-level items (not those nested in an item)."""
        found: set[str] = set()
        for block in section.direct:
            if isinstance(block, Para | Table):
                found |= _labels(block, classify, clean)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    if item.head:
                        found |= _labels(item.head, classify, clean)
        return found

    labelled_objectives = any("objective" in labels_of(s) for s in sections if s.parent is None)

    titles = sum(1 for s in sections if s.heading.level == 1)

    def candidate(section: _Section) -> bool:
        text = texts[id(section)]
        if not text or layout.role(section.heading) is not None or classify(join(section.heading.body.pieces)):
            return False
        if id(section.heading) in layout.label_texts:
            return False  # "#### O1KR1" over the result it labels: an item with its paragraph
        if is_period_name(text) or is_generic_heading(text) or is_goal_section(text) or names_goals(text):
            return False
        if _MEASURES_HEADING_RE.search(text) or _RESULTS_HEADING_RE.search(text):
            return False
        return not (section.heading.level == 1 and titles == 1 and section.parent is None)

    def under_goals(section: _Section) -> bool:
        parent = section.parent
        if parent is None:
            return False
        # the page's title holds everything: only a plain "2019 Goals" title makes its sections goals
        title = parent.heading.level == 1 and titles == 1 and parent.parent is None
        return is_goal_section(texts[id(parent)], broad=not title) or is_period_name(texts[id(parent)])

    def with_results(section: _Section) -> bool:
        return any(_results_list(block, clean) for block in _lists(section.direct)) or any(
            isinstance(block, Table) and block.header is not None and _results_table(block, clean)
            for block in section.direct
        )

    results_as_headings: set[int] = set()  # parents whose sections use rule B
    # the page lists its goals as items under a heading that names them ("OKRs for Q3 2021 to Q2
    # 2022" over "- make Tor accessible in China"): its other headings over lists (meetings,
    # volunteering, contributors) are goals only by their own evidence, not by being alike
    # a page about the method: its lists talk of OKRs themselves ("Objectives are ambitious",
    # "Define key results", "OKRs are not KPIs"): its headings over lists are no goals by layout
    method = _about_the_method(nodes, clean, classify)
    goals_listed = method or any(is_goal_section(texts[id(s)]) and not s.children and not labels_of(s)
                 and any(_results_list(block, clean) for block in _lists(s.direct)) for s in sections)
    layout.goals_listed = goals_listed
    # which headings could be goals, before any is given a role (siblings are weighed alike)
    candidates = {id(section) for section in sections if candidate(section)}
    # headings over results with nothing below them, by level: a cascade's lone sub-goal is read
    # like its cousins ("## Store the world's source code" over one "### Improve borges storage")
    leaf_results = [s for s in sections if id(s) in candidates and not s.children and with_results(s)]
    leaves = Counter(s.heading.level for s in leaf_results if not INTRO_HEADING_RE.match(texts[id(s)]))
    # how many sibling headings (by parent; None for the page's top level) are over results, counted
    # once for the page (not once a heading: a page of many headings stays linear)
    alike_by_parent = Counter(id(s.parent) if s.parent else None for s in leaf_results)

    for section in sections:
        if not candidate(section):
            continue
        found = labels_of(section)
        direct = direct_labels(section)
        # "### 2. CMO: Grow pipeline" over "1. **CMO KR:** …": the heading over labelled results
        if direct & {"kr", "owner_kr"} and "objective" not in found:
            layout.roles[id(section.heading)] = "objective"
            continue
        # "### Outcome: Faster checkout" over "Success metrics:" and its list: the heading whose
        # results are introduced under it
        if "intro" in direct and "objective" not in found:
            layout.roles[id(section.heading)] = "objective"
            continue
        if found or not layout.okr or labelled_objectives:
            continue
        children = section.children
        if any(INTRO_HEADING_RE.match(texts[id(child)]) for child in children):
            # "## Get people excited about IPFS" over "### Key results" (its results below that);
            # not "## Definitions" over "### Objectives" and "### Key Results" (a guide's glossary,
            # or a person's section with its objectives and results each under its own heading)
            if not any(is_goal_section(texts[id(child)]) for child in children):
                layout.roles[id(section.heading)] = "objective"
            continue
        if children and all(not child.children for child in children) and not with_results(section) and not method:
            # "### Improve interop testing" over "#### Imports happening daily …" (results as headings);
            # not on a page about the method ("## Launch Phase" over "### Step 1: Establish …", a guide)
            listed = sum(1 for child in children if with_results(child))
            # most results have no bullets; fewer may where the sections beside it use this layout
            few = listed * 2 < len(children) or (listed < len(children) and id(section.parent) in results_as_headings)
            if few and all(candidate(child) or is_generic_heading(texts[id(child)]) for child in children) \
                    and _goal_over_results(texts[id(section)], [texts[id(child)] for child in children]):
                layout.roles[id(section.heading)] = "objective"
                results_as_headings.add(id(section.parent))
                for child in children:
                    if candidate(child):
                        layout.roles[id(child.heading)] = "kr"
                continue
        if children or not with_results(section):
            continue
        alike = alike_by_parent[id(section.parent) if section.parent else None]
        text = texts[id(section)]
        cousins = section.parent is not None and id(section.parent) in candidates \
            and leaves[section.heading.level] >= 3 and not INTRO_HEADING_RE.match(text)
        own = (under_goals(section) and not method) or number_of(text) or owner_prefix(text) or goal_label(text)
        if goals_listed and not own:
            continue  # the page lists its goals under a "Goals for 2021" heading: this is another part of it
        if own or ((alike >= 2 or cousins) and _goal_evidence(text, _lists(section.direct), clean)):
            layout.roles[id(section.heading)] = "objective"
    _dated_like_their_siblings(leaf_results, layout, texts, goals_listed)
    if not labelled_objectives:
        _cascade_headings(sections, layout, texts, candidates)
    v2mom = layout.okr and any(_V2MOM_RE.search(texts[id(s)]) for s in sections if s.heading.level == 1)
    # "OKRs:" or "Our goals this quarter:" over a plain list, at the top of the page; on a V2MOM,
    # its "Methods" written as a line of its own over the list (a team's V2MOM in a handbook)
    for before, after in pairwise(nodes):
        if not (isinstance(before, Para) and isinstance(after, ListBlock) and len(before.body.lines) == 1):
            continue
        said = _text(before, clean)
        if (is_goal_section(said) or (v2mom and _METHODS_HEADING_RE.match(said) is not None)) \
                and _results_list(after, clean) and not _labels(after, classify, clean):
            layout.objective_items.update(id(item) for item in after.items if item.head)
    # "… here are the big focuses for this year:", "… six high-level objectives for 2012. Those
    # objectives are:": a paragraph whose last sentence introduces a period's goals over a list
    for before, after in pairwise(nodes):
        if not (isinstance(before, Para) and isinstance(after, ListBlock)):
            continue
        lead_in = clean(join(before.body.pieces))
        if _introduces_goals(lead_in.text) and _results_list(after, clean) and not _labels(after, classify, clean):
            layout.objective_items.update(id(item) for item in after.items if item.head)
            layout.goals_lead_in = layout.goals_lead_in or lead_in
    for node in nodes:
        if isinstance(node, ListBlock) and not _labels(node, classify, clean):
            _goals_after_lazy_lead_in(node, layout, clean)
    # "## Q2 goals" over a plain list: each item is a goal of the period (as are a V2MOM's methods)
    for section in sections:
        text = texts[id(section)]
        goals = is_goal_section(text) or (v2mom and _METHODS_HEADING_RE.match(text) is not None)
        if not goals or labels_of(section) & {"objective", "kr", "owner_kr", "kpi"}:
            continue
        if method and not names_period(text):
            continue  # a guide's "### Objectives" or "### The OKR Mindset": the topic, not a period's goals
        if section.children:
            _goal_sub_headings(section, layout, texts, with_results)
            if section.heading.level == 1 or any(layout.role(c.heading) and with_results(c) for c in section.children):
                continue  # the page's title, or sub-headings over results: its own list is none of the goals
        for lead, block in zip([None, *section.direct], section.direct, strict=False):
            if not isinstance(block, ListBlock) or not block.items or not _results_list(block, clean):
                continue
            if isinstance(lead, Para) and is_bold_lead(join(lead.body.pieces).text):
                continue  # "**Grow pipeline**" over its list: the lead-in is the goal, the list its results
            if isinstance(lead, Para) and _RESULTS_HEADING_RE.fullmatch(clean(lead.body.pieces[-1]).text.strip()):
                continue  # "Objective" / its statement / "Key Results" over the list: its results
            layout.objective_items.update(id(item) for item in block.items if item.head)


# the last sentence of a lead-in that names goals right before its colon: "… here are the big
# focuses for this year:", "Those objectives are:", "… the ones that had the highest priority:"
_GOALS_LEAD_IN_RE = re.compile(
    r"\b(?:goals?|objectives?|priorit(?:y|ies)|focus(?:es)?|focus\s+areas|big\s+ideas|aims)"
    r"(?:\s+(?:for|in|of)\b[^.:;!?]{1,40}?)?(?:\s+(?:are|were|include))?\s*:$",
    re.I,
)
# … or whose subject is the goals, closed by "are:": "The 3 goals KDE will be focusing on over the
# next 3 to 4 years are:", "Our priorities this year are:" (or "were:", as a report looks back on them)
_GOALS_SUBJECT_RE = re.compile(
    r"^(?:[^,:]{1,30},\s*+)?(?:the|our|these|its|their|(?:the\s++)?[\w'’-]+(?:'s|’s))?\s*+(?:\d{1,2}|two|three|four|five|six)?\s*+(?:[\w-]+\s+){0,2}?"
    r"(?:goals|objectives|priorities|focus(?:es)?|focus\s+areas|OKR[’']?s)\b[^.:;!?]{0,120}\b(?:are|were|include)\s*:$",
    re.I,
)
# "Our strategic objectives", "The Trust's strategic priorities": a plan's goals by their name
_STRATEGIC_RE = re.compile(
    r"^(?:the\s+|our\s+)?(?:[\w'’-]+(?:'s|’s)\s+)?strategic\s+(?:goals|objectives|priorities)\b", re.I
)
# a period named relative to now ("this year", "the coming year", "over the next 3 to 4 years"), or
# a year in a sentence ("… objectives for 2012. Those …")
_SENTENCE_PERIOD_RE = re.compile(
    r"\b(?:this|the\s+coming|next|the\s+next)\s+(?:(?:few|couple\s+of|\d{1,2}(?:\s*(?:to|-|–)\s*\d{1,2})?|two|three)\s+)?"
    r"(?:years?|quarters?|half|six\s+months|months)\b|\b(?:19|20)\d\d\b",
    re.I,
)


# … and as other languages write it: "No caso, os OKR's da POD Asgard são:", "Nuestros objetivos son:",
# "Nos objectifs sont :", "Unsere Ziele sind:"
_FOREIGN_GOALS_SUBJECT_RE = re.compile(
    r"^(?:[^,:]{1,30},\s*+)?(?:(?:os|as|nossos|nossas|los|las|nuestros|nuestras|les|nos|unsere)\s+)?"
    r"(?:OKR[’']?s|objetivos|metas|prioridades|objectifs|priorités|ziele)\b[^.:;!?]{0,120}\b(?:são|son|sont|sind)\s*:$",
    re.I,
)

# … whose goals they are: "our", "nuestros", "the team's", "os OKR's da POD Asgard" (not a guide's "Os OKRs são:")
_OWNED_RE = re.compile(
    r"\b(?:our|nossos|nossas|nuestros|nuestras|nos|unsere)\s|(?<!OKR)['’]s\s"
    r"|\b(?:OKR[’']?s|objetivos|metas|objectifs|ziele)\s+(?:da|do|de|del|du|des|der)\s",
    re.I,
)


def _goals_subject(text: str) -> bool:
    """The last sentence of a paragraph says what follows are the goals: "Our OKRs this quarter are:",
    "No caso, os OKR's da POD Asgard são:" (no period needs naming)."""
    text = text.strip()
    if not text.endswith(":") or len(text) > 1200:
        return False
    last = re.split(r"(?<=[.!?])\s+", text)[-1]
    subject = _GOALS_SUBJECT_RE.match(last) or _FOREIGN_GOALS_SUBJECT_RE.match(last)
    return subject is not None and _OWNED_RE.search(last) is not None


def _introduces_goals(text: str) -> bool:
    """A paragraph (a short one or two) whose last sentence introduces goals and that names their
    period, as a post writes the list of a year's goals: "For easy tracking, here are the big focuses
    for this year:", "… identified six high-level objectives for 2012. Those objectives are:". Not
    "… setting OKRs every quarter using these guidelines:" (a method's rules)."""
    # a page copied with no blank lines ends its prose with the lead-in: its last part says
    text = text.strip()[-1200:]
    if not text.endswith(":"):
        return False
    last = re.split(r"(?<=[.!?])\s+", text)[-1]
    subject = _GOALS_SUBJECT_RE.match(last)
    if _GOALS_LEAD_IN_RE.search(last) is None and subject is None:
        return False
    # "Our Strategic Objectives (what we will do …) are:": a plan's own goals, whatever its period
    return _sentence_names_period(text) or (subject is not None and _STRATEGIC_RE.match(last) is not None)


def _sentence_names_period(text: str) -> bool:
    """A sentence that names a period as a line does, or relative to now ("over the next 3 to 4 years")."""
    return names_period(text) or _SENTENCE_PERIOD_RE.search(text) is not None


# "we have selected 3 goals to focus on", "our four priorities", "five priority areas": a page that
# counts its goals
_COUNTED_GOALS_RE = re.compile(
    r"\b(?P<n>[2-9]|two|three|four|five|six|seven|eight|nine)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:goals|objectives|priorities|(?:focus|priority)\s+areas)\b",
    re.I,
)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# a line that names a part, as a page's text keeps a heading: short, no sentence's end
_TITLE_LINE_RE = re.compile(r"^[A-Z0-9][^.:;!?,]{0,58}$")


def _counted_goal_titles(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A web page as text keeps its headings as lines of their own: after a sentence that counts
    the goals of a period ("To guide our work we have selected 3 goals to focus on over the next
    couple of years."), the short lines alone that each head a paragraph of prose ("KDE is All
    About the Apps", "Wayland") are those goals, up to the count."""
    for index, node in enumerate(nodes):
        if not isinstance(node, Para) or layout.role(node) is not None:
            continue
        text = clean(join(node.body.pieces)).text
        counted = _COUNTED_GOALS_RE.search(text)
        if counted is None or not _sentence_names_period(text):
            continue
        word = counted["n"].lower()
        count = int(word) if word.isdigit() else _COUNT_WORDS[word]
        titles: list[Para] = []
        # each goal's name and a few paragraphs about it: the search stops well within that
        for position in range(index + 1, min(len(nodes), index + 1 + 12 * count)):
            block = nodes[position]
            if not isinstance(block, Para) or len(titles) == count:
                break
            after = nodes[position + 1] if position + 1 < len(nodes) else None
            if _is_title_line(block, clean, classify) and isinstance(after, Para) and _is_prose(after, clean):
                titles.append(block)
        if len(titles) >= 2:
            layout.roles.update({id(title): "objective" for title in titles if layout.role(title) is None})
            return


def _counted_goal_lists(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A line that counts the goals over a list of just that many, right under it or after one
    paragraph about them: "Our four strategic priorities are:" over four items (a council's plan),
    "Six goals to change the world" over a sentence and six items (a charity's), "… and contained
    five priority areas:" closing a paragraph over five lines numbered 1 to 5 with no list marker
    (a council's minutes): the items are the goals. The count, matched by the list, says so where
    no period is named."""
    for index, node in enumerate(nodes):
        if not isinstance(node, Para) or layout.role(node) is not None:
            continue
        text = clean(join(node.body.pieces)).text
        if len(text) > 200 or len(node.body.pieces) > 2:
            if not text.endswith(":"):
                continue
            text = re.split(r"(?<=[.!?])\s+", text[-1200:])[-1]  # a long paragraph's last sentence
        counted = _COUNTED_GOALS_RE.search(text)
        if counted is None or classify(join(node.body.pieces)) is not None:
            continue
        word = counted["n"].lower()
        count = int(word) if word.isdigit() else _COUNT_WORDS[word]
        if text.endswith(":") and (lines := _numbered_lines(nodes[index + 1:index + 1 + count], count, clean)):
            layout.roles.update({id(line): "objective" for line in lines})
            continue
        following = nodes[index + 1:index + 3]
        if following and isinstance(following[0], Para) and len(following) == 2:
            following = following[1:]  # one paragraph about the goals between
        block = following[0] if following else None
        if not isinstance(block, ListBlock) or id(block) in layout.result_lists:
            continue
        heads = [item for item in block.items if item.head is not None]
        if len(heads) == count == len(block.items) and _results_list(block, clean) \
                and not _labels(block, classify, clean):
            layout.objective_items.update(id(item) for item in heads)


# a paragraph that starts as prose does, not as a goal: "This is …", "We will review them in June."
_PROSE_PARAGRAPH_RE = re.compile(r"^(?:This|That|These|Those|Each|Every|Which|What|Why|How|Our|The|We|It|An?)\s")
# a sentence ends and another starts on the line: "… the method. It helps …"
_SENTENCE_BREAK_RE = re.compile(r"[.!?][)\"'’”]?\s+[A-Z]")


def _goal_paragraphs_after_lead_in(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A page's goals as plain paragraphs after the sentence that says they are its goals, "No caso,
    os OKR's da POD Asgard são:" over "Fazer da POD uma referência …", "Melhorar a qualidade …" (a team's
    OKRs page, in Portuguese): on a page about its goals, the short paragraphs right after it, two or
    more, each a sentence or two, are the goals, up to a heading, a list or a paragraph of prose."""
    if not layout.okr:
        return
    for index, node in enumerate(nodes):
        if not isinstance(node, Para) or layout.role(node) is not None:
            continue
        text = clean(join(node.body.pieces)).text
        if not (_goals_subject(text) or _introduces_goals(text)) or classify(join(node.body.pieces)) is not None:
            continue
        goals: list[Para] = []
        for block in nodes[index + 1:index + 13]:
            if not isinstance(block, Para) or layout.role(block) is not None or len(block.body.pieces) > 2:
                break
            first = clean(block.body.pieces[0]).text
            if not first[:1].isupper() or len(first) > 300 or first.endswith(":") or _PROSE_PARAGRAPH_RE.match(first) \
                    or classify(block.body.pieces[0]) is not None or _SENTENCE_BREAK_RE.search(first):
                break
            goals.append(block)
        if len(goals) >= 2:
            layout.roles.update({id(goal): "objective" for goal in goals})
            return


# "1      Growth and our Economy": a numbered line Markdown reads as a paragraph (no dot after the number)
_NUMBERED_LINE_RE = re.compile(r"^(?P<n>\d{1,2})[.)]?[ \t]++(?=\S)")


def _numbered_lines(blocks: list[Node], count: int, clean: Clean) -> list[Para]:
    """`count` one-line paragraphs numbered 1, 2, … in turn, short as names are, or none."""
    lines: list[Para] = []
    for number, block in enumerate(blocks, start=1):
        if not isinstance(block, Para) or len(block.body.pieces) != 1:
            return []
        text = clean(block.body.pieces[0]).text
        found = _NUMBERED_LINE_RE.match(text)
        if found is None or int(found["n"]) != number or len(text) > 120 or text.endswith((".", ":")):
            return []
        lines.append(block)
    return lines if len(lines) == count else []


def _is_title_line(block: Para, clean: Clean, classify: Classify) -> bool:
    if len(block.body.lines) != 1 or classify(block.body.pieces[0]) is not None:
        return False
    text = clean(block.body.pieces[0]).text.strip()
    return _TITLE_LINE_RE.match(text) is not None and len(text.split()) <= 8


def _is_prose(block: Para, clean: Clean) -> bool:
    text = clean(join(block.body.pieces)).text.strip()
    return len(text) > 80 and text[-1:] in ".!?"


def _goals_after_lazy_lead_in(block: ListBlock, layout: Layout, clean: Clean) -> None:
    """A page's text as a web page gives it, with no blank line after a list: the sentence that
    introduces the goals joins the item above it, and the goals continue its list ("- improving
    the DA's decision-making …" / "Coming out of this retreat, the Association identified five areas
    that it will focus on in 2010. … the highest priority:" / "- Completing the implementation of the
    Drupal.org redesign"). The items after the item that ends so are the goals."""
    for index, item in enumerate(block.items[:200]):
        head = item.head
        if head is None or len(head.body.pieces) < 2 or item.rest:
            continue
        lead_in = clean(head.body.pieces[-1])
        if _introduces_goals(lead_in.text):
            layout.objective_items.update(id(goal) for goal in block.items[index + 1:] if goal.head)
            layout.goals_lead_in = layout.goals_lead_in or lead_in
            return


def _goal_evidence(text: str, blocks: list[ListBlock], clean: Clean) -> bool:
    """Evidence that a heading over a list is a goal over its results, beyond being one of several
    alike: the heading is worded as a goal ("## Make deploys boring"), or its list measures ("- Cut
    deploy time from 30 to 10 minutes") or is worded as goals ("- Ship the new docs site"). A
    handbook's "## Onboarding" over "- Pair with a buddy for the first 2 weeks" has none."""
    if reads_as_goal(text):
        return True
    return any(_measured(block, clean) or _worded_as_goals(block, clean) for block in blocks)


# "[ ] Collect GitHub reactions", "[x] Ship it": a task box in front of an item
_TASK_BOX_RE = re.compile(r"^\[[ xX]\]\s*")
# "… [P1][DP]", "`P0` - …": an item ranked by priority, as a plan ranks its work
_PRIORITY_TAG_RE = re.compile(r"\[P[0-4X]\]|`P[0-4X]`")


def _worded_as_goals(block: ListBlock, clean: Clean) -> bool:
    """Most of a list's first items start with a goal's verb ("Ship the new docs site") or carry
    a priority ("- [ ] Gitbase to support online updates [P1][DP]", a company's planned work)."""
    heads = [item.head for item in block.items[:5] if item.head]
    goals = 0
    for head in heads:
        text = clean(join(head.body.pieces)).text
        text = _TASK_BOX_RE.sub("", text[decor_end(text):], count=1)
        goals += reads_as_goal(text) or _PRIORITY_TAG_RE.search(text) is not None or bool(grade_of(text).priority)
    return bool(heads) and goals * 2 > len(heads)


def item_over_results(item: Item, clean: Clean) -> bool:
    """Evidence that a list item over a sub-list is a goal over its results, for pages that list
    their goals elsewhere: the item is worded as a goal, or its sub-list measures or is worded as
    goals. Minutes' "15-19 July [IEEE …]" over "- Full paper due 9 Feb", or "Scope for feature
    selection" over its topics, have none."""
    if item.head is None:
        return False
    text = clean(join(item.head.body.pieces)).text
    if reads_as_goal(text[decor_end(text):]):
        return True
    subs = [child for child in item.rest if isinstance(child, ListBlock) and child.items]
    return any(_measured(sub, clean) or _worded_as_goals(sub, clean) for sub in subs)


def _goal_over_results(text: str, results: list[str]) -> bool:
    """Evidence that a heading over bare sub-headings is a goal over its results, not a part of a
    page over its topics ("## Quarterly Cadence" over "### At the beginning of each quarter", a
    guide): the heading is worded or numbered as a goal ("### Improve interop testing"), or half
    of the sub-headings are worded as goals or measure ("#### Ship the unprefixed Fullscreen API")."""
    if reads_as_goal(text) or goal_label(text) or owner_prefix(text):
        return True
    return sum(1 for result in results if reads_as_goal(result) or reads_as_result(result)) * 2 >= len(results)


def _cascade_headings(sections: list[_Section], layout: Layout, texts: dict[int, str], candidates: set[int]) -> None:
    """Goals over goals, none of them labelled: "## Bring 'Code as Data' to market with
    enterprises" over "### Enable engine integration with 3rd parties" over its results (a
    company's cascaded OKRs). A heading worded as a goal whose sub-sections are mostly goals is
    one itself (deepest first, so a cascade of any depth is found); then a heading worded as a
    goal with nothing under it, among sibling goals, is a goal with no results yet
    ("## Being a better company to work at", "### Goal #0: Make the boundaries … clear")."""

    def is_goal(section: _Section) -> bool:
        return layout.role(section.heading) == "objective"

    for section in reversed(sections):
        children = section.children
        if id(section) not in candidates or layout.role(section.heading) is not None or not children:
            continue
        if sum(1 for child in children if is_goal(child)) * 2 > len(children) and reads_as_goal(texts[id(section)]):
            layout.roles[id(section.heading)] = "objective"
    goals_by_parent = Counter(id(s.parent) if s.parent else None for s in sections if is_goal(s))
    for section in sections:
        if id(section) not in candidates or layout.role(section.heading) is not None:
            continue
        if section.children or section.direct or not reads_as_goal(texts[id(section)]):
            continue
        if goals_by_parent[id(section.parent) if section.parent else None] >= 2:
            layout.roles[id(section.heading)] = "objective"


def _bold_lead_ins(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A bold line alone over a list, as a page writes each goal over its results:
    "**go-ipfs handles large datasets (1TB++) without a sweat**" over "- `PX` - It takes less
    than 48 hours to transfer 1TB …" (go-ipfs OKRs). Taken where the page does so at least
    twice, and not in a "Key results" section (there the bold lines are results themselves)."""
    if not layout.okr:
        return
    pairs: list[tuple[Para, ListBlock]] = []
    heading = ""
    for before, after in pairwise(nodes):
        if isinstance(before, Heading):
            heading = _text(before, clean)
        if not (isinstance(before, Para) and isinstance(after, ListBlock)) or layout.role(before) is not None:
            continue
        if len(before.body.lines) > 2:
            continue
        if INTRO_HEADING_RE.match(heading):
            # under "### Key results" a bold line over bullets is a result, the bullets its details:
            # "**Get the Brave integration released**" over "- IPFS companion working in Brave"
            if is_bold_lead(join(before.body.pieces).text) and classify(join(before.body.pieces)) is None:
                layout.roles[id(before)] = "kr"
                layout.detail_lists.add(id(after))
            continue
        raw = join(before.body.pieces).text
        text = clean(join(before.body.pieces)).text
        if not is_bold_lead(raw) or classify(join(before.body.pieces)) is not None:
            continue
        if is_metadata(text) or is_period_name(text) or is_generic_heading(text) or is_goal_section(text):
            continue
        if text.rstrip().endswith(":") and not reads_as_goal(text):
            continue  # "**What we'll ship:**": a field's name over its list, not a goal
        if _results_list(after, clean) and not _labels(after, classify, clean) & {"objective", "kr", "owner_kr"}:
            pairs.append((before, after))
    if len(pairs) >= 2:
        for para, block in pairs:
            layout.roles[id(para)] = "objective"
            layout.result_lists.add(id(block))


# "WE1: Contributor experience", "SDS2.1 - …": an objective's code (letters and its number) and
# name; not a result's, a period's, a priority's or a fiscal year's ("KR1:", "Q3:", "P1:", "FY24:")
_OBJECTIVE_CODE_RE = re.compile(
    r"^(?!(?:KRs?|KPIs?|Q|H|P|FY|CY|V)\d)(?P<code>[A-Z]{1,4}\d{1,2})[ \t]*+[:–—-][ \t]*+(?=\S)"
)


def objective_code(text: str) -> re.Match[str] | None:
    """The code in front of an objective's name: "WE1: Contributor experience"."""
    return _OBJECTIVE_CODE_RE.match(text)


def _coded_objectives(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A line alone that gives an objective's code and name, "WE1: Contributor experience" (a
    foundation's annual plan, as a wiki page's text), on a page about OKRs: an objective; the
    first list after it, before the next heading or coded line, holds its results."""
    if not layout.okr:
        return
    current: Para | None = None
    for node in nodes:
        if isinstance(node, Heading):
            current = None
        elif isinstance(node, Para):
            if len(node.body.lines) == 1 and layout.role(node) is None and classify(join(node.body.pieces)) is None \
                    and _OBJECTIVE_CODE_RE.match(_text(node, clean)):
                layout.roles[id(node)] = "objective"
                current = node
        elif isinstance(node, ListBlock) and current is not None:
            if _results_list(node, clean) and not _labels(node, classify, clean):
                layout.result_lists.add(id(node))
            current = None


# "Goal 1a: Scale up the # of active volunteers …", "Goal 1.2 – …": a goal numbered under its parent's number
_SUB_NUMBERED_RE = re.compile(
    r"^(?:goal|objective|outcome|priority|aim|target|KR|key\s++result|initiative|strategy|action)\s*+#?(?P<n>\d{1,2})"
    r"(?P<sub>[a-z]|\.\d{1,2})"
    r"[ \t]*+[:.)–—-][ \t]*+",
    re.I,
)


def sub_numbered(text: str) -> re.Match[str] | None:
    """The label of a goal numbered under its parent: "Goal 1a: …"."""
    return _SUB_NUMBERED_RE.match(text)
_NUMBERED_TITLE_RE = re.compile(r"^(?P<n>\d{1,2})[.)][ \t]++\S")


def _sub_numbered_goals(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """A numbered title alone ("1. Organize", a strategy's pillar) with, right after it, a list
    of goals numbered under it ("Goal 1a: Scale up …", "Goal 1b: 70 healthy brigades …"): the
    title is the objective, the goals its results (a network's goals for 2024, as text)."""
    for before, after in pairwise(nodes):
        if not isinstance(after, ListBlock) or not after.items:
            continue
        if not (isinstance(before, ListBlock) and len(before.items) == 1 and len(before.items[0].children) == 1):
            continue
        parent = before.items[0]
        title = _item_raw(parent)
        subs = [_SUB_NUMBERED_RE.match(clean(join(item.head.body.pieces)).text) for item in after.items if item.head]
        if not title or len(title) > 80 or not subs or not all(subs):
            continue
        if len({match["n"] for match in subs if match}) != 1:
            continue  # all numbered under one parent
        layout.objective_items.add(id(parent))
        layout.result_lists.add(id(after))


_BOUND_RE = re.compile(r"[≥≤<>]|\b(?:targets?|at\s+least|at\s+most|under|below|above|over|ceiling|floor)\b", re.I)


def _measures_under_heading(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """"### Success Metrics" over "- **Precision target:** ≥90% (…)", "- **False positive ceiling:**
    <10% …" (a team's OKRs, under each objective): a heading that names measures over a list of
    measures, each named and given a target (most with a bound), holds KPIs (its objective's, where
    it is in one)."""
    for before, after in pairwise(nodes):
        if not (isinstance(before, Heading) and isinstance(after, ListBlock)) or len(after.items) < 2:
            continue
        if not _MEASURES_HEADING_RE.search(_text(before, clean)) or layout.role(after) is not None \
                or id(after) in layout.result_lists or id(after) in layout.kpi_lists:
            continue
        values: list[str] = []
        for item in after.items:
            text = clean(join(item.head.body.pieces)).text if item.head else ""
            if item.rest or not measure_with_target(text):
                break
            values.append(text)
        if len(values) == len(after.items) and sum(1 for value in values if _BOUND_RE.search(value)) * 2 >= len(values):
            layout.kpi_lists.add(id(after))


# "### Objective", "## Our objective:": the kind's name alone, no number
_KIND_NAME_RE = re.compile(r"^(?:(?:our|the|team|shared)\s+)?objective\s*:?$", re.I)


def _label_headings(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A heading that is a label alone, "## Objective 1", "### Key Result 2" or "#### O1KR1", with
    the statement in the paragraph right under it ("Increase the number of Veterans who …", an
    agency's OKRs; "_Key Result_: At least one new end-to-end use case …", a data team's, which
    says its kind again): the two are one item, on the heading's line."""
    parents: list[Heading] = []  # the headings the current one is under, outermost first
    kind_names: set[int] = set()
    for before, after in pairwise(nodes):
        if isinstance(before, Heading):
            while parents and parents[-1].level >= before.level:
                parents.pop()
            parents.append(before)
        if not (isinstance(before, Heading) and isinstance(after, Para)) or len(after.body.lines) > 3:
            continue
        text = _text(before, clean)
        if not BARE_LABEL_RE.match(text):
            continue
        said = classify(join(after.body.pieces))
        if said is not None and said != ("kr" if BARE_RESULT_RE.match(text) else "objective"):
            continue
        if said is None and _KIND_NAME_RE.match(text):
            # "### Objective" over its statement: the heading names the part, the paragraph is the
            # objective, and a heading above that reads as one ("## Team OKR — Shared Q2 Goal") names
            # the part of the page it is in
            layout.roles[id(after)] = "objective"
            layout.stated_objectives.add(id(after))
            kind_names.add(id(before))
            for parent in parents[:-1]:
                if classify(join(parent.body.pieces)) == "objective":
                    layout.roles[id(parent)] = "part"
            continue
        layout.label_texts[id(before)] = after
        layout.roles[id(after)] = "none"
    if kind_names:
        _objective_parts(nodes, layout, kind_names)


def _objective_parts(nodes: list[Node], layout: Layout, kind_names: set[int]) -> None:
    """The headings at the level of a "### Objective" heading after it, up to a shallower one: the
    parts of the objective its paragraph states."""
    level: int | None = None
    for node in nodes:
        if not isinstance(node, Heading):
            continue
        if id(node) in kind_names:
            level = node.level
        elif level is not None and node.level == level:
            layout.objective_parts.add(id(node))
        elif level is not None and node.level < level:
            level = None


# "- Target: 90% of issues reviewed within 2 working days": what a measure is to reach, written under it
_TARGET_ITEM_RE = re.compile(r"^(?:target|goal)\s*+:", re.I)


def _targets_below(block: Node | None, clean: Clean) -> bool:
    """A list right under a measure that gives its target ("- Current: 2", "- Target: 2 or more")."""
    return isinstance(block, ListBlock) and any(
        item.head is not None and _TARGET_ITEM_RE.match(clean(join(item.head.body.pieces)).text) is not None
        for item in block.items[:12]
    )


def _goal_items_over_measures(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """"- **Goal:** Grow revenue" over "  - **Measure:** ARR from $1M to $2M" (a plan as a list, each
    goal labelled over its labelled measures): where two goals or more do so, or the page is about
    goals, each goal item is an objective and its measures its key results."""
    found: list[tuple[Item, ListBlock]] = []
    for node in nodes:
        if not isinstance(node, ListBlock) or layout.role(node) is not None or id(node) in layout.result_lists:
            continue
        for item in node.items:
            if item.head is None or not GOAL_LEAD_RE.match(_text(item.head, clean)):
                continue
            nested = [child for child in item.rest if isinstance(child, ListBlock) and child.items]
            if len(nested) == 1 and all(sub.head is not None and MEASURE_LEAD_RE.match(_text(sub.head, clean))
                                        for sub in nested[0].items):
                found.append((item, nested[0]))
    if len(found) >= 2 or (found and layout.okr):
        for item, measures in found:
            layout.objective_items.add(id(item))
            layout.result_lists.add(id(measures))


def _goals_and_measures(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """"Goal: Grow the community" and "Measure: 500 monthly active contributors" paragraphs on a
    page about goals: each goal an objective, the measures after it its key results. A measure
    with its target listed under it ("Metric: Number of maintainers." over "- Target: 2 or more")
    is a result on any page; the heading of its part is then the goal it measures, and a lone
    "Goal: …" line there says that goal again (an open-source project's sustainability goals)."""
    # the paragraphs of each part of the page (up to the next heading): its goals and measures
    parts: list[tuple[Heading | None, list[Para], list[Para]]] = [(None, [], [])]
    targeted: set[int] = set()  # measures with their target listed under them
    for index, node in enumerate(nodes):
        if isinstance(node, Heading):
            parts.append((node, [], []))
            continue
        if not isinstance(node, Para) or layout.role(node) is not None or classify(join(node.body.pieces)) is not None:
            continue
        text = _text(node, clean)
        if GOAL_LEAD_RE.match(text):
            parts[-1][1].append(node)
        elif MEASURE_LEAD_RE.match(text):
            after = nodes[index + 1] if index + 1 < len(nodes) else None
            if _targets_below(after, clean):
                targeted.add(id(node))
                layout.detail_lists.add(id(after))
                parts[-1][2].append(node)
            elif parts[-1][1] and layout.okr:
                parts[-1][2].append(node)
    for heading, goals, measures in parts:
        text = _text(heading, clean) if heading is not None else ""
        if heading is not None and layout.role(heading) is None and len(goals) <= 1 \
                and any(id(measure) in targeted for measure in measures) and _may_hold_results(text):
            # "### Sustainable Maintainership" over "Goal: …" and "Metric: …" with its target
            layout.roles[id(heading)] = "objective"
            layout.roles.update({id(goal): "none" for goal in goals})
            layout.roles.update({id(measure): "kr" for measure in measures})
            continue
        if not goals or not layout.okr:
            continue
        if not measures and heading is not None and layout.role(heading) is None \
                and not (is_period_name(text) or is_goal_section(text)):
            # "Team" over "**Goal:** 1 PR/week/person …" paragraphs: the part's goals are its results
            layout.roles[id(heading)] = "objective"
            layout.roles.update({id(goal): "kr" for goal in goals})
            continue
        layout.roles.update({id(goal): "objective" for goal in goals})
        layout.roles.update({id(measure): "kr" for measure in measures})


def _lead_lines_under_periods(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Under headings that name periods, a short line with its list right under it, as a small
    team writes each goal over its results: "### Q1 2020" over "Alpha release of Squad Chess"
    over "- Real matches playable online" (a game studio's OKRs). Where a page does so at least
    twice, the other short lines there are goals with no results yet ("Publish a whitepaper")."""
    if not layout.okr:
        return
    pairs: list[tuple[Para, ListBlock]] = []
    singles: list[Para] = []
    under_period = False
    for index, node in enumerate(nodes):
        if isinstance(node, Heading):
            text = _text(node, clean)
            under_period = is_period_name(text) and layout.role(node) is None
            continue
        if not under_period or not isinstance(node, Para) or layout.role(node) is not None:
            continue
        if len(node.body.lines) != 1 or classify(node.body.pieces[0]) is not None:
            continue
        text = clean(node.body.pieces[0]).text
        if not text or len(text) > 120 or text.endswith(":") or is_metadata(text) or is_period_name(text):
            continue
        after = nodes[index + 1] if index + 1 < len(nodes) else None
        if isinstance(after, ListBlock) and after.items and after.items[0].line == node.body.lines[-1] + 1:
            if _results_list(after, clean) and not _labels(after, classify, clean):
                pairs.append((node, after))
        else:
            singles.append(node)
    layout.mark_goal_lines(pairs, singles)


def _goal_sub_headings(
    section: _Section, layout: Layout, texts: dict[int, str], with_results: Callable[[_Section], bool]
) -> None:
    """Under a heading that names a period's goals ("## Q2 2026 Goals"), sub-headings with nothing
    listed under them, two or more, are goals with no results yet ("### AI tooling", "### Account
    auditing deep dive")."""
    bare = [child for child in section.children if not child.children and not with_results(child)
            and layout.role(child.heading) is None and texts[id(child)]
            and not (is_generic_heading(texts[id(child)]) or is_period_name(texts[id(child)])
                     or is_metadata(texts[id(child)]) or names_goals(texts[id(child)]))]
    if not names_period(texts[id(section)]):
        # "# Quarterly Objectives" over "## Visualization", "## Configuration": a heading that names
        # no period holds the page's parts; only sub-headings worded as goals are goals by this rule
        bare = [child for child in bare if reads_as_goal(texts[id(child)])]
    if len(bare) >= 2 and len(bare) * 2 > len(section.children):
        layout.roles.update({id(child.heading): "objective" for child in bare})
    # "### Pato" over "- Pricing changes", "- Evaluate Orb": a person's or team's name (a word or
    # two, no goal's verb) over a plain list: the list holds that owner's goals, the name is none
    if section.heading.level == 1 or not names_period(texts[id(section)]):
        # a page's title holds the page's parts, not owners; and a period's goals are what owners
        # split ("## Q2 2025 Objectives" over "### Pato"), where "## Our goals" over "### Meetings"
        # and "### Tools" is a handbook's parts
        return
    owners = [child for child in section.children if not child.children and with_results(child)
              and len(texts[id(child)].split()) <= 3 and not reads_as_goal(texts[id(child)])
              and not is_generic_heading(texts[id(child)])]
    if len(owners) >= 2 and len(owners) * 2 > len(section.children):
        for child in owners:
            layout.roles.pop(id(child.heading), None)
            for block in _lists(child.direct):
                layout.objective_items.update(id(item) for item in block.items if item.head)


# --------------------------------------------------------------------------- measured lists


def _may_hold_results(text: str) -> bool:
    """A heading or lead-in that can be the goal over a list of measures: not a period, a part of
    the page, a list of goals or of KPIs, a note ("Risks:") or a question."""
    return bool(text) and len(text) <= 200 and not (
        is_period_name(text) or is_generic_heading(text) or is_goal_section(text) or is_metadata(text)
        or _MEASURES_HEADING_RE.search(text) or INTRO_HEADING_RE.match(text) or text.rstrip().endswith("?")
    )


def _measured_lists(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """The fallback when nothing else gave a list a role: a list whose items mostly read as
    measurable results ("Reduce onboarding time from 10 days to 3", "Host 8 OSPOlogy sessions")
    is a list of key results whatever the page calls itself, and the goal over it is its
    objective: the bold lead-in right above it, else the heading of its part of the page, else
    (for a nested list) the item it hangs under. The page need not say "OKR": the measures do."""
    taken = set(layout.result_lists) | layout.detail_lists
    heading: Heading | None = None
    decided = False  # the heading above has a role or a label: its lists are read by those
    before: Node | None = None
    # the open headings: (level, whether its part of the page labels an objective). Under a
    # labelled objective ("### OKR '2022.M1': …", or "**Objective: …**" in its part) the headings
    # are parts of that OKR ("#### Timeframe for measurement"), not goals of their own
    open_headings: list[list[int]] = []
    for node in nodes:
        if isinstance(node, Heading):
            while open_headings and open_headings[-1][0] >= node.level:
                open_headings.pop()
            under_objective = any(labelled for _, labelled in open_headings)
            kind = classify(join(node.body.pieces))
            decided = layout.role(node) is not None or kind is not None or under_objective
            heading = None if decided else node
            open_headings.append([node.level, kind == "objective" or layout.role(node) == "objective"])
            before = node
            continue
        if open_headings and isinstance(node, Para) and classify(join(node.body.pieces)) == "objective":
            open_headings[-1][1] = True
        if isinstance(node, ListBlock) and id(node) not in taken and node.items and not decided \
                and not any(id(item) in layout.objective_items for item in node.items):
            _measured_list(node, before, heading, layout, clean, classify)
        before = node


def _measured_list(
    block: ListBlock, before: Node | None, heading: Heading | None, layout: Layout, clean: Clean, classify: Classify
) -> None:
    if _labels(block, classify, clean) or any(layout.role(item.head) for item in block.items if item.head):
        return
    if _measured(block, clean):
        if isinstance(before, Para) and layout.role(before) is None and len(before.body.lines) <= 2 \
                and is_bold_lead(join(before.body.pieces).text) and classify(join(before.body.pieces)) is None:
            if _may_hold_results(_text(before, clean)):
                layout.roles[id(before)] = "objective"
                layout.result_lists.add(id(block))
            return
        if heading is not None and before is heading and _may_hold_results(_text(heading, clean)):
            layout.roles[id(heading)] = "objective"
            layout.result_lists.add(id(block))
        return
    if layout.okr:
        return  # on a page about goals the reader weighs items over sub-lists itself
    # "Grow the community" over "- Host 8 sessions", "- Run 2 surveys": an item over its measures
    for item in block.items[:200]:
        if item.head is None:
            continue
        subs = [child for child in item.rest if isinstance(child, ListBlock) and child.items]
        if len(subs) != 1 or not _measured(subs[0], clean):
            continue
        text = clean(join(item.head.body.pieces)).text
        if _may_hold_results(text) and not _labels(subs[0], classify, clean):
            layout.objective_items.add(id(item))
