"""Layouts of public-sector and charity plans, as their pages' text keeps them: a council's,
a university's or a hospital's strategy copied from the web, where tables lose their rules, and
headings and labels become lines of their own with no blank line around them.

Two passes mend the block tree first (`mend_blocks`): a table of measures flattened into lines
of cells is a table again, and label lines that Markdown joined to the item above ("Aim",
"Measures", "Priority 2: …") are blocks of their own. Then three rules give roles (`read_plans`):
a goal's line over its labelled parts, "To …" goals over their lists, and lettered goals over
results numbered in roman numerals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from goallint.syntax.markdown.blocks import Heading, Item, Lines, ListBlock, Node, Para, Row, Table
from goallint.syntax.markdown.evidence import (
    goal_label,
    goal_number,
    goes_on,
    reads_as_goal,
    unnumbered_goal_label,
)
from goallint.syntax.markdown.labels import BARE_LABEL_RE, BARE_RESULT_RE, KR_RE, MEASURE_LEAD_RE
from goallint.syntax.markdown.tables import is_measure_table
from goallint.syntax.markdown.text import Text, join

if TYPE_CHECKING:
    from goallint.syntax.markdown.layout import Layout

Clean = Callable[[Text], Text]
Classify = Callable[[Text], str | None]
Pieces = list[tuple[Text, int]]

# --------------------------------------------------------------------------- flattened tables

# "1. Student Positivity (NSS) | 76% | …": a row's number in front of its first cell
_ROW_NUMBER_RE = re.compile(r"^\d{1,3}[.)]\s+(?=\S)")


def _cells(piece: Text) -> list[Text]:
    """A line's cells between its pipes ("Measure | 2021-22 Performance | 2030 Target |")."""
    text = piece.text
    cells: list[Text] = []
    start = 0
    for position, char in enumerate(text):
        if char == "|" and (position == 0 or text[position - 1] != "\\"):
            cells.append(piece.sub(start, position).strip())
            start = position + 1
    cells.append(piece.sub(start).strip())
    if text.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1].text and text.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def _filled(cells: list[Text]) -> int:
    return sum(1 for cell in cells if cell.text)


def _measure_header(piece: Text, clean: Clean) -> list[Text] | None:
    """The cells of a header row that names a measure and its target or baseline."""
    if piece.text.count("|") < 2:
        return None
    cells = _cells(piece)
    if _filled(cells) < 2 or not is_measure_table([clean(cell).text for cell in cells]):
        return None
    return cells


def _line_pieces(node: Node, first: bool) -> Pieces | None:
    """The lines of a paragraph, or of a list whose items are one paragraph each (a numbered
    list of rows, the rows' numbers taken as list markers); `first`: only the first line may
    carry the header (a list's header is its first item)."""
    if isinstance(node, Para):
        return list(zip(node.body.pieces, node.body.lines, strict=True))
    if isinstance(node, ListBlock) and node.items and all(item.head and not item.rest for item in node.items):
        return [pair for item in node.items if item.head
                for pair in zip(item.head.body.pieces, item.head.body.lines, strict=True)]
    return None


def _flattened_table(nodes: list[Node], index: int, clean: Clean) -> tuple[list[Node], int] | None:
    """The table that starts in `nodes[index]`, if a line there is a header of measures: the
    blocks that replace the nodes it spans, and the index after them."""
    node = nodes[index]
    lines = _line_pieces(node, True)
    if lines is None:
        return None
    scan = lines if isinstance(node, Para) else lines[:1]
    at = next((k for k, (piece, _) in enumerate(scan) if _measure_header(piece, clean)), None)
    if at is None:
        return None
    header = _measure_header(lines[at][0], clean) or []
    region = lines[at + 1:]
    end = index + 1
    # the rows go on over the blocks Markdown cut them into ("OUR PEOPLE AND PLACE | ||", a section
    # row, or a footnote joined to a row), up to a block with no row in it
    while end < len(nodes) and not isinstance(nodes[end], Heading | Table):
        more = _line_pieces(nodes[end], False)
        if not more or not any(piece.text.count("|") >= 2 for piece, _ in more):
            break
        region += more
        end += 1
    rows: list[Row] = []
    last = -1
    for position, (piece, line) in enumerate(region):
        if piece.text.count("|") < 1:
            continue
        last = position
        cells = _cells(piece)
        if _filled(cells) < 2 or len(cells) > len(header) + 1 or _measure_header(piece, clean):
            continue  # a section's row ("OUR STUDENTS | ||") or the header again
        if number := _ROW_NUMBER_RE.match(cells[0].text):
            cells[0] = cells[0].sub(number.end())
        rows.append(Row(line, cells))
    if not rows:
        return None
    made: list[Node] = []
    if at:
        made.append(Para(Lines([piece for piece, _ in lines[:at]], [line for _, line in lines[:at]])))
    made.append(Table(Row(lines[at][1], header), rows))
    if rest := region[last + 1:]:
        made.append(Para(Lines([piece for piece, _ in rest], [line for _, line in rest])))
    return made, end


def _flattened_tables(nodes: list[Node], clean: Clean) -> None:
    """A table of measures as a web page's text keeps it, its rules lost: a header line of cells
    between pipes that names a measure and its target ("Measure | 2021-22 Performance | 2030
    Target |"), then rows of cells, section rows and footnotes between them (a university's
    measures of success). Markdown reads the lines as a paragraph and a numbered list; they are
    a table again, read as tables of measures are (one KPI a row)."""
    if not any(isinstance(node, Para) and any(p.text.count("|") >= 2 for p in node.body.pieces) for node in nodes):
        return
    mended: list[Node] = []
    index = 0
    while index < len(nodes):
        found = _flattened_table(nodes, index, clean)
        if found is None:
            mended.append(nodes[index])
            index += 1
            continue
        made, index = found
        mended.extend(made)
    nodes[:] = mended


# --------------------------------------------------------------------------- label lines

# A plan's label alone on its line, over the part it names: "Aim", "Measures", "Objectives:", and with
# a word or two of its theme in front: "Engagement Objectives:", "Key measures"
_LABEL_THEME = r"(?:[A-Z][\w-]*[ \t]+){0,2}?"
_RESULT_WORDS = r"(?i:measures?(?:\s+of\s+success)?|objectives|outcomes|targets|indicators|KPIs|deliverables)"
_MEASURE_HOW = r"(?i:how\s+we\s+will\s+measure(?:\s+success)?)"
_PART_LABEL_RE = re.compile(rf"^(?:(?i:aims?|actions)|{_LABEL_THEME}{_RESULT_WORDS}|{_MEASURE_HOW})\s*:?$")
# … of which these name the goal's results: the list under them is its results (and "We will:" over
# the goal's actions)
_RESULTS_LABEL_RE = re.compile(rf"^(?:{_LABEL_THEME}{_RESULT_WORDS}|{_MEASURE_HOW}|(?i:we\s+will\s*:))\s*:?$")
# "Goal 1.1", "Strategic Goal 2:": a goal's label alone, its statement on the next line
_BARE_GOAL_RE = re.compile(r"^(?:strategic\s+)?(?:goal|priority)\s*#?\s*\d{1,2}(?:\.\d{1,2})?\s*:?$", re.I)


def _cuts(pieces: list[Text], clean: Clean) -> list[int]:
    """The lines a paragraph is cut at: a label alone ("Measures") stands alone, and a goal's
    label ("Priority 2: Tobacco and smoking reduction") starts a block of its own, and so does a
    goal's label alone ("Goal 1.1") over its statement, first in a paragraph that is cut so too."""
    cuts: list[int] = []
    for index, piece in enumerate(pieces):
        text = clean(piece).text
        if _PART_LABEL_RE.match(text) or (index and (goal_label(text) or unnumbered_goal_label(text)
                                                     or _BARE_GOAL_RE.match(text))):
            cuts.append(index)
    first = clean(pieces[0]).text
    if (cuts and cuts[0] and _BARE_GOAL_RE.match(first)) or (
            len(pieces) > 1 and goal_label(first) and KR_RE.match(clean(pieces[1]).text)):
        cuts.insert(0, 0)  # … and "Goal 1: Grow revenue" over "KR 1.1: …" lines is a line of its own
    return cuts


def _goal_line_cut(pieces: list[Text], clean: Clean) -> list[int]:
    """"- We increase brand awareness of the Food Bank." / "Strengthen the Food Bank …": a page copied
    with no blank lines, its next goal joined to the last bullet above it. Only the last line of an
    item whose sentence ended, worded as a goal and with no full stop of its own, is cut off."""
    last, before = clean(pieces[-1]).text, clean(pieces[-2]).text
    if len(pieces) == 2 and before.endswith((".", "!", "?", ")", "*")) and not last.endswith((".", ":")) \
            and last[:1].isupper() and len(last) <= 150 and reads_as_goal(last):
        return [1]
    return []


# a part's name kept as a line of its own: short, capitalised, no sentence's end ("The cases we
# resolve", "Performance Summary")
_TITLE_RE = re.compile(r"^[A-Z][^.:;!?,]{0,58}$")


def _title_cuts(pieces: list[Text], clean: Clean) -> list[int]:
    """"- 95% of initial enquiries … within five working days" / "The cases we resolve" / "- 70% of
    cases …": a page copied with no blank lines, the name of its next part joined to the bullet above
    it. A short capitalised line of five words or fewer, after a line that ended, is cut off."""
    cuts: list[int] = []
    for index in range(1, len(pieces)):
        text = clean(pieces[index]).text.strip()
        before = clean(pieces[index - 1]).text.strip()
        if _TITLE_RE.match(text) and len(text.split()) <= 5 and before and not goes_on(before):
            cuts.append(index)
    return cuts


def _paragraphs(pieces: list[Text], lines: list[int], cuts: list[int]) -> list[Node]:
    bounds = sorted({0, len(pieces), *cuts, *(cut + 1 for cut in cuts)})
    return [Para(Lines(pieces[a:b], lines[a:b])) for a, b in pairwise(bounds)]


def _cut_labels(nodes: list[Node], clean: Clean) -> None:
    """A page copied with no blank lines: "1. Deteriorating patient" / "Aim" / "Establish …" /
    "Measures" / "- 95% review …" / "Priority 2: …" (a hospital's quality priorities). Markdown
    joins each line to the item or paragraph above it; a label line alone and a goal's label line
    are blocks of their own again, and the items after a cut item a list of their own."""
    mended: list[Node] = []
    changed = False
    for node in nodes:
        if isinstance(node, Para) and len(node.body.pieces) > 1 and (cuts := _cuts(node.body.pieces, clean)):
            mended.extend(_paragraphs(node.body.pieces, node.body.lines, cuts))
            changed = True
            continue
        if not isinstance(node, ListBlock):
            mended.append(node)
            continue
        items = node.items
        start = 0
        for position, item in enumerate(items):
            head = item.head
            if head is None or item.rest or len(head.body.pieces) < 2:
                continue
            cuts = [cut for cut in _cuts(head.body.pieces, clean) if cut] or _goal_line_cut(head.body.pieces, clean) \
                or _title_cuts(head.body.pieces, clean)
            if not cuts:
                continue
            pieces, lines = head.body.pieces[cuts[0]:], head.body.lines[cuts[0]:]
            del head.body.pieces[cuts[0]:], head.body.lines[cuts[0]:]
            mended.append(ListBlock(items[start:position + 1]))
            mended.extend(_paragraphs(pieces, lines, [cut - cuts[0] for cut in cuts]))
            start = position + 1
            changed = True
        if start < len(items):
            mended.append(ListBlock(items[start:]) if start else node)
    if changed:
        nodes[:] = mended


# "·   Replace aging facilities …", "– Enhance library resources …": a bullet Markdown does not know
_TEXT_BULLET_RE = re.compile(r"^[·–][ \t]++(?=\S)")


def _text_bullets(para: Para) -> ListBlock | None:
    """A paragraph whose lines start with a text bullet, as a list (one item a bulleted line); a
    line with none, among two bulleted ones or more, goes on the item above it (a wrapped line, or
    one whose bullet the copy lost)."""
    marks = [_TEXT_BULLET_RE.match(piece.text) for piece in para.body.pieces]
    marked = sum(1 for mark in marks if mark)
    if not marks[0] or (marked < len(marks) and (marked < 2 or marked * 2 < len(marks))):
        return None
    items: list[Item] = []
    for piece, line, mark in zip(para.body.pieces, para.body.lines, marks, strict=True):
        if mark:
            items.append(Item(line, [Para(Lines([piece.sub(mark.end())], [line]))]))
        else:
            body = items[-1].children[0]
            assert isinstance(body, Para)
            body.body.pieces.append(piece)
            body.body.lines.append(line)
    return ListBlock(items)


def _lift_and_bullet(nodes: list[Node], clean: Clean) -> None:
    """A page's text indented under its first bullet, "• FOCUS AREA I - …" over "    ·   Replace …"
    and "    FOCUS AREA II - …" (a school district's plan): Markdown keeps the rest of the page in
    that bullet. When the bullet's other paragraphs name goals, the page is lifted out of it, the
    bullet's own line a paragraph like the others; and runs of paragraphs that start with a text
    bullet ("·", "–") are lists."""
    if not any(isinstance(node, ListBlock | Para) for node in nodes):
        return
    mended: list[Node] = []
    changed = False
    for node in nodes:
        if isinstance(node, ListBlock) and len(node.items) == 1 and (head := node.items[0].head) is not None:
            rest = node.items[0].rest
            if rest and all(isinstance(child, Para) for child in rest) and any(
                isinstance(child, Para) and goal_label(clean(child.body.pieces[0]).text) for child in rest
            ) and goal_label(clean(head.body.pieces[0]).text):
                mended.extend([head, *rest])
                changed = True
                continue
        mended.append(node)
    bulleted: list[Node] = []
    made: set[int] = set()  # the lists made here: a run of bulleted paragraphs is one list
    for node in mended:
        listed = _text_bullets(node) if isinstance(node, Para) else None
        if listed is None:
            bulleted.append(node)
            continue
        changed = True
        last = bulleted[-1] if bulleted else None
        if isinstance(last, ListBlock) and id(last) in made:
            last.items.extend(listed.items)
        else:
            bulleted.append(listed)
            made.add(id(listed))
    if changed:
        nodes[:] = bulleted


# "a. Reduce churn", "b) Launch …", "(c) …", "1.2 Cut time to hire …": a line marked as a part of the
# item above it
_SUB_MARK_RE = re.compile(r"^(?:\(?(?P<letter>[a-h])[.)]|(?P<whole>\d{1,2})\.(?P<part>\d{1,2})\.?)[ \t]+(?=\S)")


def _sub_marks(pieces: list[Text], clean: Clean) -> list[re.Match[str]] | None:
    """The marks of the lines under an item's first line, when every one is marked and they run
    in turn: a, b, c … or 1.1, 1.2 … (one whole number)."""
    marks = [_SUB_MARK_RE.match(clean(piece).text) for piece in pieces]
    found = [mark for mark in marks if mark is not None]
    if not found or len(found) != len(pieces):
        return None
    if all(mark["letter"] for mark in found):
        turn = [ord(mark["letter"]) - ord("a") for mark in found]
    elif all(mark["part"] for mark in found) and len({mark["whole"] for mark in found}) == 1:
        turn = [int(mark["part"]) - 1 for mark in found]
    else:
        return None
    return found if turn == list(range(len(found))) else None


def _sub_lines_as_items(nodes: list[Node], clean: Clean) -> None:
    """ "1. Improve customer retention" over "   a. Reduce churn …" / "   b. Launch …" (or "1.1 …",
    "1.2 …"): Markdown keeps the marked lines in the item's paragraph; they are items of a list
    under it, without their marks (two such lines in the list at least)."""
    for node in nodes:
        if not isinstance(node, ListBlock):
            continue
        _unmark_items(node, clean)
        for item in node.items:
            _sub_lines_as_items(item.rest, clean)
        found: list[tuple[Item, list[re.Match[str]]]] = []
        for item in node.items:
            head = item.head
            if head is not None and len(head.body.pieces) >= 2 and (marks := _sub_marks(head.body.pieces[1:], clean)):
                found.append((item, marks))
        if sum(len(marks) for _, marks in found) < 2:
            continue
        for item, marks in found:
            head = item.head
            assert head is not None
            pieces, lines = head.body.pieces, head.body.lines
            subs = [Item(line, [Para(Lines([_after_mark(piece, clean(piece), mark.end())], [line]))])
                    for piece, mark, line in zip(pieces[1:], marks, lines[1:], strict=True)]
            item.children[0] = Para(Lines(pieces[:1], lines[:1]))
            item.children.insert(1, ListBlock(subs))
            item._head, item._head_known = None, False  # the head is the first line alone now


def _unmark_items(block: ListBlock, clean: Clean) -> None:
    """ "- a) Reduce churn …" / "- b) Launch …": items lettered or numbered in turn as well as
    bulleted; the marks are no part of what they say."""
    heads = [item.head for item in block.items]
    if len(heads) < 2 or any(head is None for head in heads):
        return
    firsts = [head.body.pieces[0] for head in heads if head is not None]
    marks = _sub_marks(firsts, clean)
    if marks is None or not marks[0]["letter"]:
        return
    for head, piece, mark in zip(heads, firsts, marks, strict=True):
        assert head is not None
        head.body.pieces[0] = _after_mark(piece, clean(piece), mark.end())


def _after_mark(piece: Text, cleaned: Text, end: int) -> Text:
    """The line after its mark: the mark's length in the visible text, counted from the line's
    first visible character (the line as written may be indented)."""
    mark = cleaned.text[:end].strip()
    start = piece.text.find(mark)
    return piece.sub(start + len(mark)).strip() if start >= 0 else piece


def mend_blocks(nodes: list[Node], clean: Clean) -> None:
    """Mend, in place, what a page's copy as text did to its blocks (see the module's note)."""
    _flattened_tables(nodes, clean)
    _cut_labels(nodes, clean)
    _lift_and_bullet(nodes, clean)
    _sub_lines_as_items(nodes, clean)


# --------------------------------------------------------------------------- roman numerals

# "i A detailed budget …", "ii. Annual costs …", "(iii) …": a result numbered in roman numerals
_ROMAN_RE = re.compile(r"^\(?(?P<n>i{1,3}|iv|vi{0,3}|ix|x)[.)]?[ \t]++(?=\S)")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
# "A.  Improve data sharing and accessibility": a goal lettered in its plan
_LETTER_RE = re.compile(r"^(?P<letter>[A-H])[.)][ \t]++(?=\S)")


def roman_mark(text: str) -> re.Match[str] | None:
    """The roman numeral in front of a result: "ii Annual costs are determined"."""
    return _ROMAN_RE.match(text)


def lettered(text: str) -> re.Match[str] | None:
    """The letter in front of a goal: "A.  Improve data sharing"."""
    return _LETTER_RE.match(text)


def _roman_lines(nodes: list[Node], start: int, clean: Clean) -> list[Para]:
    """The paragraphs from `nodes[start]` on whose every line is numbered i, ii, iii, … in turn,
    from i (read up to the first that is not: a page of paragraphs is read once)."""
    taken: list[Para] = []
    count = 0
    for para in nodes[start:start + len(_ROMANS)]:
        if not isinstance(para, Para):
            break
        marks = [roman_mark(clean(piece).text) for piece in para.body.pieces]
        expected = _ROMANS[count:count + len(marks)]
        if len(expected) < len(marks):
            break
        if any(mark is None or mark["n"] != want for mark, want in zip(marks, expected, strict=True)):
            break
        taken.append(para)
        count += len(marks)
    return taken


# --------------------------------------------------------------------------- roles

# "To improve the management of patients with sepsis": a goal written as an infinitive
_INFINITIVE_RE = re.compile(r"^To[ \t]++(?=[a-z])")


def _worded_as_goal(text: str) -> bool:
    return _INFINITIVE_RE.match(text) is not None or reads_as_goal(text)


# "Fifth Goal", "Goal Five", "Second Priority": a goal's label alone, its number a word (a university's
# strategic map, one goal a page)
_WORDED_GOAL_RE = re.compile(
    r"^(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:strategic\s+)?(?:goal|priority|aim)"
    r"|(?:strategic\s+)?(?:goal|priority|aim)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))\s*:?$",
    re.I,
)


def _bare_goal(text: str) -> bool:
    """A goal's label alone: "Goal 1", "GOAL 1:", "Fifth Goal" (not "Key Result 2", not "Objective")."""
    return (BARE_LABEL_RE.match(text) is not None and BARE_RESULT_RE.match(text) is None
            and any(c.isdigit() for c in text)) or _WORDED_GOAL_RE.match(text) is not None


def _goal_line(node: Node, clean: Clean) -> str | None:
    """A line that names a plan's goal over its labelled parts: "Goal 1" alone (its statement in
    the paragraph under it: "bare"), "Priority 2: Tobacco and smoking reduction" ("label"), or an
    item of a list of its own ("1. Deteriorating patient", "item"); a heading that is a goal's label
    ("## Goal 1: Expand access", "label")."""
    if isinstance(node, Heading):
        text = clean(join(node.body.pieces)).text
        if _bare_goal(text):
            return "bare"  # "### GOAL 1:", its statement in the heading under it
        return "label" if goal_label(text) else None
    if isinstance(node, Para) and len(node.body.pieces) == 1:
        text = clean(node.body.pieces[0]).text
        if _bare_goal(text):
            return "bare"
        if goal_label(text):
            return "label"
    if isinstance(node, ListBlock) and len(node.items) == 1 and (head := node.items[0].head) is not None \
            and not node.items[0].rest and len(head.body.pieces) == 1:
        text = clean(head.body.pieces[0]).text
        if text and len(text) <= 120 and not text.endswith((":", ".")):
            return "item"
    return None


# "First Quarter: Brand awareness", "Q2: Contributor growth", "Year 1 - Launch": a goal named after its period
_PERIOD_GOAL_RE = re.compile(
    r"^(?:(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:quarter|half)|(?:quarter|half|year|month)\s+\d{1,2}"
    r"|Q[1-4]|H[12])\s*[:–—-]\s*(?=\S)",
    re.I,
)


def _period_goals_over_measures(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """Goals named after their period, each over a line that measures it: "First Quarter: Brand
    awareness" over "North star: 1 blog post … per two weeks", then prose and the milestones listed
    under its lead-in (an investor's handbook). Where a page does so twice, each period line is an
    objective, its measure line and the list right after that paragraph its key results."""
    found = [index for index, (node, after) in enumerate(pairwise(nodes))
             if isinstance(node, Para) and isinstance(after, Para) and len(node.body.pieces) == 1
             and _free(layout, node) and _free(layout, after)
             and _PERIOD_GOAL_RE.match(clean(node.body.pieces[0]).text) is not None
             and MEASURE_LEAD_RE.match(clean(after.body.pieces[0]).text) is not None]
    if len(found) < 2:
        return
    for index in found:
        measure = nodes[index + 1]
        assert isinstance(measure, Para)
        layout.roles[id(nodes[index])] = "objective"
        layout.kr_lines[id(measure)] = {0}
        listed = nodes[index + 2] if index + 2 < len(nodes) else None
        # "What you'll probably need to do during this quarter:" over the milestones
        lead_in = clean(measure.body.pieces[-1]).text.endswith(":")
        if isinstance(listed, ListBlock) and _free(layout, listed) and lead_in:
            layout.result_lists.add(id(listed))


def _goal_lines_over_lists(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Goals as plain lines, no label or number, each right over its bullets: "Feed our neighbors
    in need …" over "- By 2025, we close the meal gap …" (a food bank's plan, no headings). Where
    every line right over a list is worded as a goal, and there are two or more, each is an
    objective and its list its key results."""
    pairs: list[tuple[Para, ListBlock]] = []
    for node, after in pairwise(nodes):
        # right under it, or after one blank line
        if not (isinstance(node, Para) and isinstance(after, ListBlock) and after.items
                and after.items[0].line <= node.body.lines[-1] + 2):
            continue
        if not _free(layout, node) or not _free(layout, after):
            continue  # another rule read it
        text = clean(node.body.pieces[0]).text
        # a short goal may close with a colon over its list ("Promote Lifelong Learning:")
        text = text[:-1].rstrip() if text.endswith(":") and len(text) <= 60 else text
        if len(node.body.pieces) != 1 or classify(node.body.pieces[0]) is not None or len(text) > 150 \
                or text.endswith((".", ":")) or not reads_as_goal(text) \
                or any(id(item) in layout.objective_items for item in after.items):
            return  # a line over a list that is no goal: the page is laid out some other way
        pairs.append((node, after))
    layout.mark_goal_lines(pairs, [])


def read_plans(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Roles for the blocks of a plan laid out as the rules below describe."""
    _period_goals_over_measures(nodes, layout, clean)
    _labelled_parts(nodes, layout, clean)
    _labelled_goals_over_lists(nodes, layout, clean, classify)
    _lettered_goals(nodes, layout, clean)
    _infinitive_goals(nodes, layout, clean, classify)
    _measures_section(nodes, layout, clean, classify)
    _numbered_measures(nodes, layout, clean, classify)
    _bracketed_targets(nodes, layout, clean, classify)
    _goals_over_labelled_objectives(nodes, layout, clean, classify)
    _goals_over_numbered_parts(nodes, layout, clean)
    _goal_lines_over_lists(nodes, layout, clean, classify)
    _labelled_goal_lines(nodes, layout, clean, classify)


# "Strategic measures", "Key performance indicators", "Our KPIs", "Performance Measure Level 1": a line
# alone over a plan's measures
_MEASURES_LINE_RE = re.compile(
    r"^(?:[A-Z][\w-]*[ \t]+){0,2}(?i:measures?|metrics|KPIs|(?:key\s+)?performance\s+indicators|indicators)"
    r"(?:[ \t]+(?i:level[ \t]+)?\d{1,2})?\s*:?$"
)
# "… explain each performance indicator in our Strategic Plan", "Below are the KPIs of our plan"
_INDICATORS_SENTENCE_RE = re.compile(
    r"\b(?:each|every|all|the|our)\s+(?:of\s+(?:the|our)\s+)?(?:key\s+)?performance\s+(?:indicators?|measures?)\b"
    r"[^.]{0,40}\b(?:plan|strategy)\b|\b(?:the|our)\s+plan's\s+(?:KPIs|indicators|measures)\b",
    re.I,
)
# "Priority One", "Theme 3", "Outcome II": a group's name alone
_GROUP_LINE_RE = re.compile(
    r"^(?:strategic\s+)?(?:priority|goal|theme|outcome|ambition|aim|objective)\s+"
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|[IVX]{1,4})\s*:?$",
    re.I,
)
# "Effectiveness: Increase in healthy life expectancy …": a measure written after its dimension
_DIMENSION_RE = re.compile(r"^[A-Z][\w-]*(?:[ \t]+[\w.-]+){0,2}:[ \t]+(?=\S)")
# "Measure 1.1.1: Advancement rates for tenure …", "Indicator 3 – …": a measure numbered in its plan
_NUMBERED_MEASURE_RE = re.compile(
    r"^(?:performance\s+)?(?:measure|indicator|metric)\s*#?\s*\d{1,2}(?:\.\d{1,2}){0,3}\s*[:–—-]\s*(?=\S)", re.I
)


def measure_dimension(text: str) -> re.Match[str] | None:
    """The dimension written in front of a measure: "Effectiveness: …"."""
    return _DIMENSION_RE.match(text)


def _measures_section(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A plan's measures under a line that names them, "Strategic measures", grouped under label
    lines ("Safety:", "Healthcare acquired infections:", "CQC rating performance") as lists, or as a
    paragraph under a label, or as a line after its dimension ("Effectiveness: Increase in …"), as a
    hospital trust's strategy lists them: each measure a KPI of the plan, up to the next heading
    or paragraph of prose. Labels and the section's own line are none. Where a sentence at the top
    of the page says it lists the plan's indicators ("These data factfiles explain each performance
    indicator in our Strategic Plan."), its short lines are the indicators, under group lines
    ("Priority One") that are none."""
    start = next((index for index, node in enumerate(nodes)
                  if isinstance(node, Para) and _free(layout, node) and classify(node.body.pieces[0]) is None
                  and _MEASURES_LINE_RE.match(clean(node.body.pieces[0]).text)), None)
    in_sentence = start is None
    if start is None:
        start = next((index for index, node in enumerate(nodes[:5]) if isinstance(node, Para) and _free(layout, node)
                      and len(text := clean(join(node.body.pieces)).text) <= 300
                      and _INDICATORS_SENTENCE_RE.search(text)), None)
    if start is None:
        return
    lists: list[ListBlock] = []
    lines: list[tuple[Para, int]] = []
    head = nodes[start]
    if isinstance(head, Para):  # "Performance Measure Level 1" over its measures, one a line
        lines.extend((head, position) for position, piece in enumerate(head.body.pieces[1:], start=1)
                     if len(text := clean(piece).text) <= 200 and not text.endswith(":"))
    label_before = False
    for node in nodes[start + 1:]:
        if isinstance(node, Heading | Table):
            break
        if isinstance(node, ListBlock):
            if not _free(layout, node) or any(item.rest or id(item) in layout.objective_items for item in node.items):
                break
            lists.append(node)
            label_before = False
            continue
        if not isinstance(node, Para) or not _free(layout, node):
            break
        texts = [clean(piece).text for piece in node.body.pieces]
        if len(" ".join(texts)) > 300:
            break  # prose: the measures have ended
        for position, text in enumerate(texts):
            if measure_dimension(text) or (label_before and len(texts) == 1 and not text.endswith(":")):
                lines.append((node, position))
            elif in_sentence and len(texts) == 1 and len(text) <= 150 and not text.endswith((".", ":")) \
                    and not _GROUP_LINE_RE.match(text):
                lines.append((node, position))  # "Employment Rate" under "Priority One"
        label_before = texts[-1].endswith(":")
    # one list alone is the measures only where each item says its target ("Tenant satisfaction: 90%")
    if len(lists) + len(lines) < 2 and not (len(lists) == 1 and not lines and len(lists[0].items) >= 2 and all(
            item.head is not None and measure_with_target(clean(join(item.head.body.pieces)).text)
            for item in lists[0].items)):
        return
    layout.kpi_lists.update(id(block) for block in lists)
    for para, position in lines:
        layout.kpi_lines.setdefault(id(para), set()).add(position)


def _free(layout: Layout, node: Node) -> bool:
    return layout.role(node) is None and id(node) not in layout.result_lists


def _labelled_parts(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """A plan's goal and its parts, each part under a label line: "Goal 1" / its statement /
    "Objectives:" / a numbered list (a school district's plan), "Priority 2: …" / "Aim" / its aim /
    "Measures" / a list (a hospital's quality priorities), "### GOAL 1:" / "#### Build …" /
    "**Rationale:**" / prose / "**Objectives:**" / lists, perhaps under bold group labels (a
    nonprofit's plan). The goal's line is the objective, the lists under the results' label its key
    results, the paragraphs between them none."""
    for index, node in enumerate(nodes):
        kind = _goal_line(node, clean)
        # (a goal's heading the headings' rules read already: its parts are read here)
        read = isinstance(node, Heading) and layout.role(node) == "objective"
        if kind is None or not (_free(layout, node) or read):
            continue
        after = nodes[index + 1] if index + 1 < len(nodes) else None
        if kind == "bare" and isinstance(node, Para) and isinstance(after, ListBlock) and _free(layout, after):
            _bare_goal_over_list(node, after, layout)
            continue
        statement: Heading | None = None
        if kind == "bare" and isinstance(node, Heading):
            if not (isinstance(after, Heading) and after.level > node.level and _goal_line(after, clean) is None):
                continue
            statement = after  # "### GOAL 1:" over "#### Build regional and local capacity …"
        between: list[Para] = []
        first = index + (2 if statement is not None else 1)
        for position in range(first, min(len(nodes) - 1, first + 7)):
            block = nodes[position]
            if not isinstance(block, Para) or _goal_line(block, clean) is not None:
                break
            text = clean(join(block.body.pieces)).text
            groups = _result_groups(nodes, position + 1, clean) if len(block.body.pieces) == 1 \
                and _RESULTS_LABEL_RE.match(text) else None
            if groups is not None:
                if not between and kind != "label" and statement is None:
                    # a goal's line has its statement or aim under it, or on it ("Goal 1: Diversify
                    # our income stream …" / "Deliverables"): "- Resources …" / "Measures" has none
                    break
                if isinstance(node, ListBlock):
                    layout.objective_items.add(id(node.items[0]))
                else:
                    layout.roles[id(node)] = "objective"
                if statement is not None:
                    layout.label_texts[id(node)] = Para(statement.body)
                    layout.roles[id(statement)] = "none"
                elif kind == "bare" and isinstance(node, Para):
                    layout.label_texts[id(node)] = between[0]
                labels, lists = groups
                layout.roles.update({id(para): "none" for para in [*between, block, *labels]})
                for listed in lists:
                    if isinstance(listed, Para):
                        layout.result_lines.add(id(listed))  # "1.1.1. Create …" lines, no list marker
                        continue
                    layout.result_lists.add(id(listed))
                    layout.objective_items.difference_update(id(item) for item in listed.items)
                break
            between.append(block)


# "**CORE TEAM**", "**REVENUE**": a bold label alone over a group of a goal's results
_GROUP_LABEL_RE = re.compile(r"^(\*\*|__)[^*_\n]{1,60}\1:?$")


# "1.1.1. Create a map …", "2.3 Train all advisors …": a result numbered in its plan's outline
_OUTLINE_LINE_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?[ \t]++(?=[A-Z])")


def _outline_lines(block: Node, clean: Clean) -> bool:
    """A paragraph whose every line is numbered in the plan's outline: its results, their markers lost."""
    return isinstance(block, Para) and all(_OUTLINE_LINE_RE.match(clean(piece).text) for piece in block.body.pieces)


def _result_groups(nodes: list[Node], position: int, clean: Clean) -> tuple[list[Para], list[ListBlock | Para]] | None:
    """The lists right after a results label, each perhaps under a bold label of its group, up to
    anything else (lines numbered in the plan's outline are such a list); None when no list comes first."""
    labels: list[Para] = []
    lists: list[ListBlock | Para] = []
    while position < len(nodes):
        block = nodes[position]
        if isinstance(block, ListBlock) or (not lists and _outline_lines(block, clean)):
            assert isinstance(block, ListBlock | Para)
            lists.append(block)
        elif isinstance(block, Para) and len(block.body.pieces) == 1 and position + 1 < len(nodes) \
                and isinstance(nodes[position + 1], ListBlock) \
                and _GROUP_LABEL_RE.match(block.body.pieces[0].text.strip()):
            labels.append(block)
        else:
            break
        position += 1
    return (labels, lists) if lists else None


def _labelled_goals_over_lists(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A goal's labelled line right over a list, "FOCUS AREA II - Expand Stakeholder Engagement" over
    "Increase parental involvement …", where the page does so twice or more: each line an objective,
    its list its key results."""
    pairs: list[tuple[Para, ListBlock, bool]] = [
        (node, after, goal_label(text) is not None) for node, after in pairwise(nodes)
        if isinstance(node, Para) and isinstance(after, ListBlock) and len(node.body.pieces) == 1
        and _free(layout, node) and _free(layout, after) and classify(node.body.pieces[0]) is None
        and (goal_label(text := clean(node.body.pieces[0]).text) or unnumbered_goal_label(text))
        and not any(id(item) in layout.objective_items for item in after.items)]
    # a label with its number left out ("Goal : …") counts only beside two numbered ones
    if sum(numbered for _, _, numbered in pairs) < 2:
        return
    layout.mark_goal_lines([(node, after) for node, after, _ in pairs], [])


def _labelled_goal_lines(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Goals as labelled lines alone, "Goal One: Diversify and expand produce sources: recruit 10 new
    farm partners …; add a 3rd hub …" (a nonprofit's goals as a rating site shows them, each goal's
    results on its line): on a page where no goal was found, two or more such lines numbered in turn
    from 1, one a paragraph, are the objectives."""
    if layout.objective_items or any(role == "objective" for role in layout.roles.values()) \
            or _labels_objectives(nodes, classify):
        return
    found: list[Para | Item] = []  # the lines, or the items of a list ("- Goal 1: …")
    for node in nodes:
        lines: list[Para | Item] = []
        if isinstance(node, ListBlock) and _free(layout, node):
            lines = [item for item in node.items if item.head is not None and len(item.head.body.pieces) == 1]
        elif isinstance(node, Para) and len(node.body.pieces) == 1 and _free(layout, node):
            lines = [node]
        for line in lines:
            para = line if isinstance(line, Para) else line.head
            if para is None or classify(para.body.pieces[0]) is not None:
                continue
            goal = goal_label(clean(para.body.pieces[0]).text)
            if goal is not None:
                if goal_number(goal) != len(found) + 1:
                    return  # numbered out of turn: a list of something else, or a cascade
                found.append(line)
    if len(found) >= 2:
        layout.roles.update({id(line): "objective" for line in found if isinstance(line, Para)})
        layout.objective_items.update(id(line) for line in found if isinstance(line, Item))


def _bare_goal_over_list(node: Para, block: ListBlock, layout: Layout) -> None:
    """"Goal 1" alone over a list (a school district's goals): one item is the goal's statement,
    read with its label as one objective on the label's line; more are its results."""
    items = [item for item in block.items if item.head is not None]
    if not items or any(item.rest for item in items) or len(items) != len(block.items):
        return
    layout.roles[id(node)] = "objective"
    layout.objective_items.difference_update(id(item) for item in items)
    if len(items) == 1 and items[0].head is not None:
        layout.label_texts[id(node)] = items[0].head
        layout.roles[id(block)] = "none"
    else:
        layout.result_lists.add(id(block))


def _lettered_goals(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """"A.  Improve data sharing and accessibility" over "i A detailed budget …", "ii Annual GEOHub
    maintenance costs …" (a state agency's OKRs, after a page of prose on the method): the lettered
    line is the objective, each line numbered in roman numerals one of its key results."""
    for index, node in enumerate(nodes):
        if not isinstance(node, Para) or len(node.body.pieces) != 1 or not _free(layout, node):
            continue
        text = clean(node.body.pieces[0]).text
        letter = lettered(text)
        if letter is None or not (layout.okr or reads_as_goal(text[letter.end():])):
            continue
        results = _roman_lines(nodes, index + 1, clean)
        if not results:
            continue
        layout.roles[id(node)] = "objective"
        layout.result_lines.update(id(para) for para in results)


def _infinitive_goals(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Strategic objectives written as infinitives, one a paragraph, most with a list of their
    own under them, "To continue to improve the quality of care …" over "• To reduce the
    likelihood of missed fractures in ED" (a hospital trust's objectives, under theme lines such as
    "Our Services"): on a page about its goals, where two or more do so, each such paragraph is an
    objective and its list holds its key results."""
    if not layout.okr:
        return
    pairs: list[tuple[Para, ListBlock]] = []
    singles: list[Para] = []
    for index, node in enumerate(nodes):
        if not isinstance(node, Para) or len(node.body.pieces) > 2 or not _free(layout, node):
            continue
        text = clean(join(node.body.pieces)).text
        if not _INFINITIVE_RE.match(text) or len(text) > 250 or text.endswith(":") \
                or classify(join(node.body.pieces)) is not None:
            continue
        after = nodes[index + 1] if index + 1 < len(nodes) else None
        if isinstance(after, ListBlock) and _free(layout, after) \
                and not any(id(item) in layout.objective_items for item in after.items) and _goal_items(after, clean):
            pairs.append((node, after))
        else:
            singles.append(node)
    layout.mark_goal_lines(pairs, singles)


def _goal_items(block: ListBlock, clean: Clean) -> bool:
    """Most of a list's first items are worded as goals ("To implement …", "Reduce …")."""
    heads = [item.head for item in block.items[:5] if item.head]
    worded = sum(1 for head in heads if _worded_as_goal(clean(join(head.body.pieces)).text))
    return bool(heads) and worded * 2 > len(heads)


def _numbered_measures(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Measures numbered in the plan's scheme, "Measure 1.1.1: Advancement rates for tenure and
    promotion …" over "Targets: …" (a university's plan, as lines of one paragraph), two or more on
    the page: each is a KPI; its "Targets:" line and the prose around it are none."""
    found: list[tuple[Para, int]] = []
    lists: list[ListBlock] = []
    for node in nodes:
        if isinstance(node, Para) and _free(layout, node) and id(node) not in layout.kpi_lines:
            found.extend((node, position) for position, piece in enumerate(node.body.pieces)
                         if _NUMBERED_MEASURE_RE.match(clean(piece).text) and classify(piece) is None)
        elif isinstance(node, ListBlock) and _free(layout, node) and id(node) not in layout.kpi_lists:
            heads = [item.head for item in node.items]
            if all(head is not None and _NUMBERED_MEASURE_RE.match(clean(head.body.pieces[0]).text)
                   for head in heads) and not any(item.rest for item in node.items):
                lists.append(node)
    if len(found) + sum(len(block.items) for block in lists) < 2:
        return
    for para, position in found:
        layout.kpi_lines.setdefault(id(para), set()).add(position)
    layout.kpi_lists.update(id(block) for block in lists)


# "… (target = 5 days)", "(year-end target = 6.0%)", "(Target: 95%)", "… – target 13 days": a measure's
# target in brackets or after a dash, at the end
_BRACKETED_TARGET_RE = re.compile(
    r"(?:\((?:[\w-]+[ \t]+){0,2}?target[ \t]*+(?:=|:|of)?[ \t]*+(?=[<>≤≥~]?[ \t]*[£$€]?\d)[^()\n]{1,30}\)"
    r"|[ \t][–—-][ \t]++(?:[\w-]+[ \t]+)?target[ \t]*+(?:=|:|of)?[ \t]*+(?=[<>≤≥~]?[ \t]*[£$€]?\d)[^()\n–—]{1,30})\s*$",
    re.I,
)


def with_target(text: str) -> bool:
    """A measure written with its target at the end: "Tenant satisfaction (target: 90%)"."""
    return _BRACKETED_TARGET_RE.search(text) is not None and any(char.isdigit() for char in text)


# "Precision target: ≥90% (…)", "Tenant satisfaction: 90%": a measure's name, then its target
_NAMED_TARGET_RE = re.compile(r"^[^:]{2,60}:[ \t]*+(?=[<>≤≥~]?[ \t]*[£$€]?\d)\S")


def measure_with_target(text: str) -> bool:
    """A measure and its target: after its name and a colon, or at the end in brackets or after a dash."""
    return with_target(text) or _NAMED_TARGET_RE.match(text) is not None


def _labels_objectives(nodes: list[Node], classify: Classify, kinds: tuple[str, ...] = ("objective",)) -> bool:
    """Whether a heading or paragraph of the page is labelled an objective ("## Objective 1: …"), or
    another of `kinds`."""
    return any(isinstance(node, Heading | Para) and node.body.pieces
               and classify(node.body.pieces[0]) in kinds for node in nodes)


def _bracketed_targets(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """Measures, each with its target in brackets after it, one a paragraph or a line: "Average number
    of days to complete a repair (target = 5 days)" (a housing association's KPI page, its graphs
    gone). On a page where no goal was found, two or more such lines are the plan's KPIs."""
    if layout.objective_items or any(role == "objective" for role in layout.roles.values()) \
            or _labels_objectives(nodes, classify, ("objective", "kr", "owner_kr")):
        return
    found: list[tuple[Para, int]] = []
    lists: list[ListBlock] = []  # "- Average number of days … (target = 5 days)": as a list
    for node in nodes:
        if isinstance(node, ListBlock) and _free(layout, node) and id(node) not in layout.kpi_lists and all(
                item.head is not None and not item.rest and len(text := clean(join(item.head.body.pieces)).text) <= 200
                and with_target(text) and classify(item.head.body.pieces[0]) is None for item in node.items):
            lists.append(node)
        if not isinstance(node, Para) or not _free(layout, node) or id(node) in layout.kpi_lines:
            continue
        found.extend((node, position) for position, piece in enumerate(node.body.pieces)
                     if len(text := clean(piece).text) <= 200 and with_target(text)
                     and classify(piece) is None)
    if len(found) + sum(len(block.items) for block in lists) < 2:
        return
    for para, position in found:
        layout.kpi_lines.setdefault(id(para), set()).add(position)
    layout.kpi_lists.update(id(block) for block in lists)


def _goals_over_labelled_objectives(nodes: list[Node], layout: Layout, clean: Clean, classify: Classify) -> None:
    """A labelled cascade: "Goal 1: Extend Faculty and Academic Excellence" over "Objective 1.1" lines,
    "Goal / Focus Area 2: Education" over "• Objective 1: …" bullets (a university's and a county's
    plans). Where every level says what it is, every level is an objective: the goal's line is one,
    listed beside the objectives it holds."""
    for index, node in enumerate(nodes):
        if not isinstance(node, Para | Heading) or len(node.body.pieces) != 1 or not _free(layout, node):
            continue
        text = clean(node.body.pieces[0]).text
        if goal_label(text) is None or classify(node.body.pieces[0]) is not None:
            continue
        for block in nodes[index + 1:index + 4]:
            pieces: list[Text] = []
            if isinstance(block, Para):
                pieces = [block.body.pieces[0]]
            elif isinstance(block, ListBlock):
                pieces = [item.head.body.pieces[0] for item in block.items[:1] if item.head]
            if any(classify(piece) == "objective" for piece in pieces):
                layout.roles[id(node)] = "objective"
                break
            if isinstance(node, Heading) and isinstance(block, Heading) and block.level > node.level \
                    and classify(join(block.body.pieces)) == "objective":
                layout.roles[id(node)] = "objective"  # "## Goal 1: …" over "### Objective 1.1: …"
                break
            if isinstance(block, Heading) or (isinstance(block, Para) and goal_label(clean(block.body.pieces[0]).text)):
                break  # the next goal, with no objective of this one between


# "Initiative 1.1: Develop …", "Strategy 2.3 – …", "Action 1.2. …": a part numbered under its goal
_NUMBERED_PART_RE = re.compile(r"^(?:[A-Z][a-z]+\s+){1,2}(?P<n>\d{1,2})\.\d{1,2}\s*[:.)–—-]\s*(?=\S)")


def _goals_over_numbered_parts(nodes: list[Node], layout: Layout, clean: Clean) -> None:
    """ "Goal 1: Integrated Discovery" over a paragraph that restates it and a list of "Initiative
    1.1: …", "Initiative 1.2: …" (a library's plan): the goal's line is an objective, the parts
    numbered under its number its key results; a "Strategic Priority: …" line right over such goals
    (a paragraph between allowed) is an objective of the cascade too, listed beside them."""
    priority: Para | None = None
    for index, node in enumerate(nodes):
        if isinstance(node, Heading):
            priority = None
            continue
        if not isinstance(node, Para) or len(node.body.pieces) != 1 or not _free(layout, node):
            continue
        text = clean(node.body.pieces[0]).text
        if unnumbered_goal_label(text) is not None:
            priority = node
            continue
        goal = goal_label(text)
        if goal is None:
            continue
        between: list[Para] = []
        for block in nodes[index + 1:index + 4]:
            if isinstance(block, ListBlock):
                heads = [item.head for item in block.items]
                parts = [_NUMBERED_PART_RE.match(clean(head.body.pieces[0]).text) if head else None for head in heads]
                if _free(layout, block) and all(part and part["n"] == goal["n"] for part in parts):
                    layout.roles[id(node)] = "objective"
                    layout.roles.update({id(para): "none" for para in between})
                    layout.result_lists.add(id(block))
                    if priority is not None:
                        layout.roles[id(priority)] = "objective"
                break
            if not isinstance(block, Para) or goal_label(clean(block.body.pieces[0]).text):
                break
            between.append(block)

