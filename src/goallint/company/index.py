"""Every plan checked together, and the `parent:` links between them, resolved once.

A link is written on a plan (its header `parent:`) or on one objective (an indented `parent:`);
an objective without its own link aligns to what its plan's link names. A link resolves to a
plan, an objective in it, or a key result of that objective (see `goallint.company.links` for
the forms). What does not resolve keeps the closest candidates, for the message.

The index is built from documents alone, so a rule over the tree and `goallint tree` agree.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from goallint.company.links import Link, read_link
from goallint.model import Document, KeyResult, Objective, Span, TextField
from goallint.syntax.dates import parse_period

_WORD_RE = re.compile(r"[a-z0-9]+")
# Words that name no plan in particular: "the Company FY27 plan" is the Company FY27 plan.
_FILLER = frozenset(
    "the of for our plan plans okr okrs goals goal objectives objective team teams dept department "
    "org organisation organization and in to".split()
)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def normalized(text: str) -> str:
    """Text as compared: no case, punctuation or spacing differences."""
    return " ".join(_words(text))


@dataclass(frozen=True)
class Target:
    """What a link names: a plan, and maybe an objective and a key result in it."""

    document: Document
    objective: Objective | None = None
    key_result: KeyResult | None = None


@dataclass
class Edge:
    """One written link: from an objective (or a whole plan), to what it names, if anything."""

    document: Document
    objective: Objective | None  # None: the plan's own header link
    written: TextField  # the `parent:` value as written
    link: Link
    target: Target | None
    candidates: list[str] = field(default_factory=list)  # the closest names, when unresolved

    @property
    def span(self) -> Span:
        return self.written.span


def plan_name(document: Document, with_period: bool = True) -> str:
    """How a plan is called in messages and in the tree: its title, owner or file name, with its period."""
    if document.title is not None and document.title.text.strip():
        name = document.title.text.strip()
    elif document.owner is not None and document.owner.text.strip():
        name = document.owner.text.strip()
    else:
        name = PurePath(document.path or "plan").stem
    period = document.period.label if document.period is not None and with_period else ""
    return f"{name} {period}".strip() if period and period.casefold() not in name.casefold() else name


def objective_name(document: Document, objective: Objective) -> str:
    number = objective_number(document, objective)
    return f"{plan_name(document)} O{number}: {objective.text}"


def objective_number(document: Document, objective: Objective) -> int:
    """The number people use for an objective: its label's ("O2" -> 2), else its place in the plan."""
    if objective.label and (digits := re.search(r"\d+", objective.label)):
        return int(digits.group())
    return document.objectives.index(objective) + 1


def key_result_number(objective: Objective, key_result: KeyResult) -> int:
    if key_result.label and (digits := re.search(r"\d+", key_result.label)):
        return int(digits.group())
    return objective.key_results.index(key_result) + 1


class PlanIndex:
    """The plans checked together, looked up by path, name and objective, with every link resolved."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = list(documents)
        self._by_path: dict[str, Document] = {}
        self._by_file: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            if document.path:
                self._by_path[_norm_path(document.path)] = document
                self._by_file[PurePath(document.path).name.casefold()].append(document)
        self._name_words = {id(d): _plan_words(d) for d in self.documents}
        self._plans_by_word: dict[str, list[int]] = defaultdict(list)  # word -> places in self.documents
        self._plans_by_period: dict[tuple[str, str], list[int]] = defaultdict(list)
        for place, document in enumerate(self.documents):
            for word in self._name_words[id(document)]:
                self._plans_by_word[word].append(place)
            if document.period is not None:
                self._plans_by_period[(document.period.start, document.period.end)].append(place)
        self._objective_texts: dict[str, list[tuple[Document, Objective]]] = defaultdict(list)
        for document in self.documents:
            for objective in document.objectives:
                self._objective_texts[normalized(objective.text)].append((document, objective))
        # plans' own links first: an objective's bare "O2" means O2 of the plan its plan links to
        self._plan_edge: dict[int, Edge] = {}
        for document in self.documents:
            if document.parent is not None and document.parent.text.strip():
                self._plan_edge[id(document)] = self._edge(document, None, document.parent)
        self._objective_edge: dict[int, Edge] = {}
        for document in self.documents:
            for objective in document.objectives:
                if objective.parent is not None and objective.parent.text.strip():
                    self._objective_edge[id(objective)] = self._edge(document, objective, objective.parent)
        self.edges: list[Edge] = sorted(
            [*self._plan_edge.values(), *self._objective_edge.values()],
            key=lambda e: (e.document.path or "", e.span.start.offset),
        )
        self._written_by: dict[int, list[Edge]] = defaultdict(list)  # plan id -> the links written in it
        for edge in self.edges:
            self._written_by[id(edge.document)].append(edge)

    # --- what each objective aligns to -------------------------------------------------------

    def link_of(self, objective: Objective) -> Edge | None:
        """The objective's own link, if it has one."""
        return self._objective_edge.get(id(objective))

    def plan_link(self, document: Document) -> Edge | None:
        return self._plan_edge.get(id(document))

    def alignment(self, document: Document, objective: Objective) -> Edge | None:
        """The link that places this objective in the tree: its own, or else its plan's."""
        return self.link_of(objective) or self.plan_link(document)

    def parent_plans(self, document: Document) -> list[Document]:
        """The plans this plan's links resolve into (its header link and its objectives')."""
        found: dict[int, Document] = {}
        for edge in self._written_by.get(id(document), ()):
            if edge.target is not None and edge.target.document is not document:
                found[id(edge.target.document)] = edge.target.document
        return list(found.values())

    def children(self) -> dict[int, list[Edge]]:
        """For each plan (by id), the resolved links that point into it from other plans."""
        into: dict[int, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            if edge.target is not None and edge.target.document is not edge.document:
                into[id(edge.target.document)].append(edge)
        return into

    def tops(self, named: Sequence[str] = ()) -> list[Document]:
        """The plans at the top of the tree: those other plans align to that align to nothing
        themselves, those the configuration names (by path or name), and the same owner's plans
        of other periods (the company is the company in every quarter)."""
        into = self.children()
        tops = {
            id(d): d for d in self.documents
            if into.get(id(d)) and id(d) not in self._written_by
        }
        wanted = {normalized(name) for name in named}
        wanted_paths = {_norm_path(name) for name in named}
        for document in self.documents:
            if (document.path and _norm_path(document.path) in wanted_paths) or (
                wanted and (normalized(plan_name(document)) in wanted or (
                    document.owner is not None and normalized(document.owner.text) in wanted))
            ):
                tops[id(document)] = document
        owners = {_owner_key(d) for d in tops.values()} - {None}
        for document in self.documents:
            if _owner_key(document) in owners:
                tops[id(document)] = document
        return list(tops.values())

    def uses_alignment(self) -> bool:
        """Whether any plan here links to another: then every plan below the top is expected to."""
        return any(edge.target is not None for edge in self.edges)

    # --- resolving ------------------------------------------------------------------------------

    def _edge(self, document: Document, objective: Objective | None, written: TextField) -> Edge:
        link = read_link(written.text)
        target, candidates = self.resolve(link, document)
        return Edge(document, objective, written, link, target, candidates)

    def resolve(self, link: Link, child: Document) -> tuple[Target | None, list[str]]:
        """What `link`, written in `child`, names; or None and the closest candidates."""
        plans = self._plans_for(link, child)
        if link.objective is None:
            if link.path is None and link.words:
                # words only: the whole text as an objective's words, then the words after the
                # plan's name among that plan's objectives, then the whole text as a plan's name
                found = self._objective_by_words(link.text, self.documents, child)
                if found is None and link.words != link.plan:
                    found = self._objective_by_words(link.words, plans or self.documents, child)
                if found is not None:
                    return found, []
                if link.words != link.plan:
                    return None, self._closest(link, plans or self.documents)
            if plans is not None and len(plans) == 1 and (link.path is not None or not link.words or
                                                          self._names_plan(link.plan, plans[0])):
                plan = plans[0]
                if link.words and link.path is not None:
                    found = self._objective_by_words(link.words, [plan], child)
                    return (found, []) if found else (None, self._closest(link, [plan]))
                return Target(plan), []
            return None, self._closest(link, plans or self.documents)
        if plans is None:
            # a label with no plan named: the child's own plan link says where, else any plan
            # holding such an objective whose words agree
            header = self._plan_edge.get(id(child))
            if header is not None and header.target is not None and header.link is not link:
                plans = [header.target.document]
            else:
                plans = [d for d in self.documents if d is not child] or self.documents
        matches = [t for plan in plans if (t := self._by_label(plan, link)) is not None]
        if link.words:
            agreeing = [t for t in matches if t.objective is not None and _alike(t.objective.text, link.words)]
            matches = agreeing or matches if len(matches) == 1 else agreeing
        if len(matches) == 1:
            return matches[0], []
        return None, self._closest(link, plans or self.documents)

    def _plans_for(self, link: Link, child: Document) -> list[Document] | None:
        """The plans the link's path or plan words can mean; None when it names no plan."""
        if link.path is not None:
            base = PurePath(child.path).parent if child.path else PurePath(".")
            exact = self._by_path.get(_norm_path(str(base / link.path)))
            if exact is not None:
                return [exact]
            same_name = self._by_file.get(PurePath(link.path).name.casefold(), [])
            return same_name[:1] if len(same_name) == 1 else []
        words = [w for w in _words(link.plan) if w not in _FILLER]
        if not words:
            return None
        period = _period_in(link.plan)
        # only the plans that hold one of the words, or the period: looked up, not walked
        places = {place for word in words for place in self._plans_by_word.get(word, ())}
        if period is not None:
            places.update(self._plans_by_period.get(period, ()))
        scored: list[tuple[float, Document]] = []
        for place in sorted(places):
            document = self.documents[place]
            if document is child:
                continue
            bag = self._name_words[id(document)]
            hits = sum(1 for word in words if word in bag)
            if period is not None and document.period is not None:
                hits += 1 if (document.period.start, document.period.end) == period else 0
            if hits:
                scored.append((hits / len(words), document))
        if not scored:
            return [] if link.objective is not None else None
        best = max(score for score, _ in scored)
        if link.objective is None and best < 1:
            return None  # the words are not a plan's name; maybe an objective's
        chosen = [d for score, d in scored if score == best]
        if len(chosen) > 1 and child.period is not None:
            # several periods of one plan: the one whose period holds the child's
            holding = [d for d in chosen if d.period is not None
                       and d.period.start <= child.period.start and child.period.end <= d.period.end]
            chosen = holding or chosen
        return chosen

    def _names_plan(self, words: str, document: Document) -> bool:
        wanted = [w for w in _words(words) if w not in _FILLER]
        return bool(wanted) and all(w in self._name_words[id(document)] for w in wanted)

    def _by_label(self, plan: Document, link: Link) -> Target | None:
        for objective in plan.objectives:
            if objective_number(plan, objective) != link.objective:
                continue
            if link.key_result is None:
                return Target(plan, objective)
            for key_result in objective.key_results:
                if key_result_number(objective, key_result) == link.key_result:
                    return Target(plan, objective, key_result)
            return None
        return None

    def _objective_by_words(self, words: str, plans: Sequence[Document], child: Document) -> Target | None:
        key = normalized(words)
        allowed = {id(p) for p in plans}
        exact = [(d, o) for d, o in self._objective_texts.get(key, []) if id(d) in allowed and d is not child]
        if len(exact) == 1:
            return Target(*exact[0])
        if len(exact) > 1:
            return self._nearest_period(exact, child)
        close = [(d, o) for d in plans if d is not child for o in d.objectives if _alike(o.text, words)]
        if len(close) == 1:
            return Target(*close[0])
        return self._nearest_period(close, child) if close else None

    @staticmethod
    def _nearest_period(found: list[tuple[Document, Objective]], child: Document) -> Target | None:
        """Of one objective written in several periods' plans, the one of the child's period."""
        if child.period is None:
            return None
        holding = [(d, o) for d, o in found if d.period is not None
                   and d.period.start <= child.period.start and child.period.end <= d.period.end]
        return Target(*holding[0]) if len(holding) == 1 else None

    def _closest(self, link: Link, plans: Sequence[Document]) -> list[str]:
        names = {objective_name(d, o): None for d in plans for o in d.objectives}
        names.update({plan_name(d): None for d in plans})
        asked = link.text
        return difflib.get_close_matches(asked, list(names), n=3, cutoff=0.3)

    # --- the tree -----------------------------------------------------------------------------

    def cycles(self) -> list[list[Edge]]:
        """Links that lead back to where they started, each cycle once (the links in order)."""
        def step(node: object) -> Edge | None:
            if isinstance(node, tuple):  # (document, objective)
                return self.alignment(*node)
            return self.plan_link(node)  # type: ignore[arg-type]

        def target_node(edge: Edge) -> object | None:
            if edge.target is None:
                return None
            if edge.target.objective is not None:
                return (edge.target.document, edge.target.objective)
            return edge.target.document

        found: list[list[Edge]] = []
        seen_cycles: set[frozenset[int]] = set()
        done: set[int] = set()
        starts: list[object] = [(d, o) for d in self.documents for o in d.objectives] + list(self.documents)
        for start in starts:
            path: list[Edge] = []
            on_path: dict[int, int] = {}
            node: object | None = start
            while node is not None and _node_id(node) not in done:
                key = _node_id(node)
                if key in on_path:
                    cycle = path[on_path[key]:]
                    ids = frozenset(id(e) for e in cycle)
                    if ids not in seen_cycles:
                        seen_cycles.add(ids)
                        found.append(cycle)
                    break
                on_path[key] = len(path)
                edge = step(node)
                if edge is None:
                    break
                path.append(edge)
                node = target_node(edge)
            done.update(on_path)
        return found


def _node_id(node: object) -> int:
    if isinstance(node, tuple):
        return id(node[1])
    return id(node)


def _alike(first: str, second: str) -> bool:
    a, b = normalized(first), normalized(second)
    if not a or not b:
        return False
    if a == b or (len(b) >= 12 and (a.startswith(b) or b.startswith(a))):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _owner_key(document: Document) -> str | None:
    return normalized(document.owner.text) if document.owner is not None else None


def _norm_path(path: str) -> str:
    return os.path.normcase(os.path.normpath(path.replace("\\", "/")))


def _plan_words(document: Document) -> frozenset[str]:
    words: set[str] = set()
    for text in (document.title, document.owner):
        if text is not None:
            words.update(_words(text.text))
    if document.path:
        words.update(_words(PurePath(document.path).stem.replace("_", " ")))
        words.update(_words(PurePath(document.path).parent.name.replace("_", " ")))
    if document.period is not None:
        words.update(_period_words(document.period.label))
        words.update(_period_words(document.period.text))
    return frozenset(words)


def _period_words(label: str) -> set[str]:
    """"FY27-Q1" -> fy27, fy2027, q1, 2027 ...: the ways a plan's period is written in a link."""
    words = set(_words(label))
    for word in list(words):
        if (m := re.fullmatch(r"(fy|cy)(\d{2}|\d{4})", word)) is not None:
            year = m[2][-2:]
            words.update({f"{m[1]}{year}", f"{m[1]}20{year}", f"20{year}"})
        elif re.fullmatch(r"\d{4}", word):
            words.update({f"fy{word[2:]}", f"fy{word}"})
    return words


_PERIOD_IN_RE = re.compile(
    r"\b(?:FY|CY)?'?\d{2,4}[\s\-_/]*(?:Q[1-4]|H[12])?\b|\b(?:Q[1-4]|H[12])[\s\-_/]*(?:FY|CY)?'?\d{2,4}\b", re.I
)


def _period_in(text: str) -> tuple[str, str] | None:
    """The period a plan name mentions ("Company FY27 Q1"), as ISO start and end."""
    match = _PERIOD_IN_RE.search(text)
    if match is None:
        return None
    period = parse_period(match.group())
    return (period.start.isoformat(), period.end.isoformat()) if period is not None else None
