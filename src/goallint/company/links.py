"""What a `parent:` line says, before it is looked up: a document, an objective, a key result.

People write alignment links in many ways; each form below is one real habit:

- a path, with an optional anchor: `../company.okr#O2`, `company.md#o2.kr1`, `[Company](company.okr)`;
- a plan by name, then an objective label: `Company FY27 O2`, `Marketing plan, Objective 3`,
  `Company O2 KR1`;
- a label and the objective's words: `O2 — Win the mid-market`, `Company O2: Win the mid-market`;
- only the objective's words: `Win the mid-market`.

`read_link` splits the text into those parts; `goallint.company.index` finds what they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A Markdown link: the address names the plan better than its words do.
_MD_LINK_RE = re.compile(r"\[(?P<words>[^\]]*)\]\((?P<href>[^)\s]*)\)")
# A path to a goal document, with an optional anchor: "../company.okr#O2".
_PATH_RE = re.compile(r"(?P<path>[\w./\\~-]*[\w-]\.(?:okr|md|markdown|txt))(?:#(?P<anchor>[\w.\- ]+))?", re.I)
# An objective label, and optionally a key-result label after it: "O2", "Objective #2", "Obj. 2 KR1".
_LABEL_RE = re.compile(
    r"(?<![\w#])(?:O|Obj\.?|Objective)\s*#?\s*(?P<objective>\d{1,3})\b"
    r"(?:\s*[.,:/\-–—]?\s*(?:KR|Key\s+Result)\s*#?\s*(?P<kr>\d{1,3})\b)?",
    re.I,
)
# "#2" alone after a plan name: "Company FY27 #2".
_HASH_LABEL_RE = re.compile(r"(?<!\w)#(?P<objective>\d{1,3})\b")
_ANCHOR_RE = re.compile(
    r"^(?:o|obj|objective)?[\s\-_]*(?P<objective>\d{1,3})(?:[.\-_ ]*kr[\s\-_]*(?P<kr>\d{1,3}))?$", re.I
)
_SEPARATORS = " \t-–—:,;|>»→/"
_OF_PLAN_RE = re.compile(r"^(?:of|in|from)\s+(?P<plan>.+)$", re.I)
# Between a plan's name and an objective's words: "Company > Grow revenue", "Sales / Win deals".
_SPLIT_RE = re.compile(r"(?<!\s)\s+[>»→/|–—-]\s+|:\s+")  # entered at a run's start: linear


@dataclass(frozen=True)
class Link:
    """One `parent:` text, taken apart. Every part may be missing."""

    text: str
    path: str | None = None  # a path to the parent plan, as written (relative to the child's folder)
    plan: str = ""  # words naming the parent plan ("Company FY27")
    objective: int | None = None  # the objective's number ("O2" -> 2)
    key_result: int | None = None  # the key result's number ("O2 KR1" -> 1)
    words: str = ""  # the objective's own words, where written ("Win the mid-market")


def read_link(text: str) -> Link:
    """Take a `parent:` value apart (see the module docstring for the forms)."""
    plain = _MD_LINK_RE.sub(lambda m: f" {m['href']} " if _PATH_RE.search(m["href"]) else f" {m['words']} ", text)
    plain = plain.replace("*", " ").replace("`", " ").strip()
    path_match = _PATH_RE.search(plain)
    if path_match is not None and _is_path(path_match["path"]):
        objective = key_result = None
        words = ""
        anchor = path_match["anchor"]
        if anchor:
            if (label := _ANCHOR_RE.match(anchor.strip())) is not None:
                objective = int(label["objective"])
                key_result = int(label["kr"]) if label["kr"] else None
            else:
                words = anchor.replace("-", " ").strip()
        rest = (plain[: path_match.start()] + " " + plain[path_match.end():]).strip(_SEPARATORS)
        if objective is None and (label := _LABEL_RE.search(rest)) is not None:
            objective = int(label["objective"])
            key_result = int(label["kr"]) if label["kr"] else None
            rest = rest[label.end():]
        return Link(text, path_match["path"], "", objective, key_result, words or rest.strip(_SEPARATORS))

    label = _last(_LABEL_RE, plain) or _last(_HASH_LABEL_RE, plain)
    if label is None:
        # no label: the objective's words, a plan's name, or both ("Company > Grow revenue");
        # the index tries the whole text as either, then the split
        whole = plain.strip(_SEPARATORS)
        split = _SPLIT_RE.split(whole, maxsplit=1)
        plan, words = (split[0].strip(), split[1].strip()) if len(split) == 2 else (whole, whole)
        return Link(text, None, plan, None, None, words)
    objective = int(label["objective"])
    key_result = int(label["kr"]) if "kr" in label.re.groupindex and label["kr"] else None
    plan = plain[: label.start()].strip(_SEPARATORS)
    words = plain[label.end():].strip(_SEPARATORS)
    if not plan and (of := _OF_PLAN_RE.match(words)) is not None:  # "Objective 2 of the company plan"
        plan, words = of["plan"], ""
    return Link(text, None, plan, objective, key_result, words)


def _is_path(candidate: str) -> bool:
    """A goal document's file name, not a word that happens to hold a dot ("e.g.txt" is rare;
    "notes.txt" alone is ambiguous, so a .txt needs a folder in front)."""
    return candidate.lower().endswith((".okr", ".md", ".markdown")) or "/" in candidate or "\\" in candidate


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is the label; earlier ones name the plan
        pass
    return found
