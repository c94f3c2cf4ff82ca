"""Real graded pages (tests/data/corpus/docs): goallint reads their grades, and the roll-up that
docs/progress.md documents for each reproduces the page's own totals."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from goallint.model import Document
from goallint.progress.evaluate import DocumentProgress, Settings, evaluate_document
from goallint.progress.formulas import rollup
from goallint.syntax import parse_document

CORPUS = Path(__file__).resolve().parent / "data" / "corpus" / "docs"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="tests/data/corpus/docs is missing from this checkout")
AFTER = date(2030, 1, 1)  # long after every period: grades are final


def _read(name: str) -> Document:
    return parse_document((CORPUS / name).read_text(encoding="utf-8"), name)


def _matches(result: DocumentProgress) -> tuple[int, int]:
    """(objectives whose grade the page writes and goallint works out, how many of those agree)."""
    pairs = [(o.grade, o.written_grade) for o in result.objectives
             if o.written_grade is not None and o.grade is not None and len(o.key_results) >= 2]
    return len(pairs), sum(1 for mine, theirs in pairs if mine is not None and abs(mine - theirs) < 0.005)


def test_ipfs_cluster_total_row_is_the_mean_of_the_graded_key_results() -> None:
    text = (CORPUS / "ipfs_cluster_okrs.md").read_text(encoding="utf-8")
    total = next(line for line in text.splitlines() if line.startswith("|  **** |"))
    mid_actual, mid_projection, end = (float(n) for n in re.findall(r"\*\*(\d\.\d)\*\*", total))
    assert (mid_actual, mid_projection, end) == (0.3, 0.6, 0.4)  # the page's own total row

    document = _read("ipfs_cluster_okrs.md")
    key_results = [kr for objective in document.objectives for kr in objective.key_results]
    swagger = key_results[0]
    assert swagger.text.startswith("Swagger API documentation") and swagger.priority == 0
    assert [(c.kind, c.grade) for c in swagger.checkins] == [("check-in", 0.6), ("projection", 0.7), ("grade", 0.5)]

    result = evaluate_document(document, AFTER, Settings(total="key-results"))
    assert result.grade is not None and round(result.grade, 1) == end
    items = [i for o in result.objectives for i in o.key_results]
    assert round(rollup((i.projection, 1.0) for i in items) or 0, 1) == mid_projection
    midway = [next((c.grade for c in i.item.checkins if c.kind == "check-in" and c.grade is not None), None)
              for i in items]
    assert round(rollup((m, 1.0) for m in midway) or 0, 1) == mid_actual
    # the default total (the mean of the objectives) does not reproduce this page
    by_objective = evaluate_document(document, AFTER).grade
    assert by_objective is None or round(by_objective, 1) != end


@pytest.mark.parametrize(("page", "pages_objectives", "at_least"), [
    ("chromium_input_2015_okrs.md", 22, 15), ("chromium_input_2018_okrs.md", 28, 24),
])
def test_chromium_objective_scores_follow_from_priority_weights(page: str, pages_objectives: int,
                                                                at_least: int) -> None:
    document = _read(page)
    graded = [kr for o in document.objectives for kr in o.key_results if any(c.kind == "grade" for c in kr.checkins)]
    assert len(graded) > 80
    assert sum(1 for kr in graded if kr.priority is not None) > 0.8 * len(graded)
    weighted = _matches(evaluate_document(document, AFTER, Settings(weighting="priority")))
    plain = _matches(evaluate_document(document, AFTER))
    assert weighted[0] == pages_objectives
    assert weighted[1] >= at_least  # P1 1, P2 ½, P3 ¼, P4 ⅛ reproduces most of the page's scores
    assert plain[1] <= 5  # a plain mean almost none


def test_chromium_example_objective_exactly() -> None:
    result = evaluate_document(_read("chromium_input_2015_okrs.md"), AFTER, Settings(weighting="priority"))
    pain = next(o for o in result.objectives if o.objective.text.startswith("Eliminate key developer pain points"))
    assert pain.written_grade == 0.56 and pain.grade == 0.56
    assert [getattr(i.item, "priority", None) for i in pain.key_results] == [1, 1, 1, 1, 2, 2, 3, 4, 4, 4]


def test_sourcegraph_results_after_the_arrow_are_notes() -> None:
    document = _read("sourcegraph_cy19_q4_okrs.md")
    notes = {kr.text: c.note for o in document.objectives for kr in o.key_results for c in kr.checkins
             if c.kind == "grade"}
    assert len(notes) == 12
    assert notes["Eliminate errors caused by malformed search queries (e.g. literal search, autocomplete)."] == \
        "Literal search and autocomplete shipped."
    assert all("=>" not in text for text in notes)  # the statements themselves are cut before the arrow
