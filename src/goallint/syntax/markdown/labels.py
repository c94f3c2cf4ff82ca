"""Labels and roles: what a line of a goal page says it is ("Objective:", "KR1.", "VP Eng KR:",
"owner: …"), and the words that mark a section about OKRs or a planning period."""

from __future__ import annotations

import re

# What ends a label: "Objective:", "KR1.", "O2)", "Objective 2 - …", "KR – …".
# (blanks taken possessively: a long run of them is scanned once, not split every way)
_END = r"(?:\s*+[:.)]|\s++[-–—](?=\s)|\s*+[–—](?=\s*+\S))"
# Status marks and emoji written before a label or a heading: "!WIP! :construction_worker: Objective:
# …", "🚀 KR1: …", "[WIP] Objective: …", "### ➡️ Grow the community", "# 📌[PROPOSED] 2022" (each
# taken whole, possessively: no backtracking)
_DECOR = (
    r"(?:(?:![A-Za-z]{1,12}+!|:[a-z0-9_+-]{1,40}+:|\[(?:WIP|DRAFT|NEW|TBD|DONE|PROPOSED|ACCEPTED|APPROVED)\]"
    r"|[\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]\ufe0f?+)[ \t]*+)*+"
)
_LEADING_DECOR_RE = re.compile(f"^{_DECOR}", re.I)


def decor_end(text: str) -> int:
    """Where the text starts after the emoji and status marks in front of it (0 when none)."""
    match = _LEADING_DECOR_RE.match(text)
    return match.end() if match else 0
# A sentence's first word, not an owner's name: "This objective has four KRs", "The key result: …"
_PROSE_START = r"(?!(?:This|That|These|Each|Every|Which|What|Why|How|Our|The|An?)\s)"
# "OCTO Objective 1: Better experiences", "Company objective: Go to market": the owner or team
# whose objective it is, in front of the label (up to four words, the first capitalised; not
# "This objective …", which is prose)
_OWNER_BEFORE = (
    rf"(?:(?P<who>(?-i:{_PROSE_START}[A-Z])[\w&/.'()+-]{{0,30}}+"
    r"(?:[ \t]++[\w&/.'()+-]{1,30}+){0,3}?)[ \t]++)?"
)
# "OKR '2022.M1':", "Objective `2023.E2`:": an objective's code (with a digit), perhaps quoted
_CODE = r"""(?P<code>['"`‘’]?+(?=[\w.-]*\d)[A-Za-z0-9][\w.-]{0,19}+['"`‘’]?+)"""
# an objective's number, perhaps under its goal's: "Objective 2", "Objective 1.1" (taken whole; a
# dotted one may be the line's end, its statement on the next line)
_NUMBER = r"\d++(?:\.\d++)?+"
# the word, also as Portuguese, Spanish and French pages write it ("Objetivo 1:", "Objectif :")
_OBJECTIVE = r"(?:objective|objetivo|objectif|OKR)"
OBJECTIVE_RE = re.compile(
    rf"^{_DECOR}(?:{_OWNER_BEFORE}{_OBJECTIVE}(?:\s*+#?\s*+(?P<n1>{_NUMBER}))?{_END}"
    rf"|{_OBJECTIVE}\s*+#?\s*+(?P<n3>{_NUMBER})(?:(?=\s)|(?<=\.\d)$|(?<=\.\d\d)$)"
    rf"|{_OBJECTIVE}[ \t]++{_CODE}[ \t]*+:|(?-i:O)(?P<n2>\d+)(?:{_END}|(?=\s)))\s*+(?P<text>.*)$",
    re.I | re.S,
)
# "Resultado-chave 1:", "Resultado clave:", "Résultat clé 2 :": a key result, as other languages say it
_RESULT_ABROAD = r"resultado[ \t-]++(?:clave|chave)|r[ée]sultat[ \t]++cl[ée]"
# "KR1: …", "Key result 2 - …", "O1KR1 …" (the result's code under its objective's: "O2 KR1")
KR_RE = re.compile(
    rf"^{_DECOR}(?:(?-i:O)\d{{1,2}}[ \t.]?)?(?:KR|key\s++result|{_RESULT_ABROAD})"
    rf"(?:\s*+#?\s*+(?P<n>\d+(?:\.\d+)?))?(?:{_END}|(?<=\d)\s)"
    r"\s*+(?P<text>.*)$",
    re.I | re.S,
)
# "Sales (Closing Deals) KR: …", "VP Eng KR: …", "[Finance] KR: …", "Company key result: …": a key
# result with its owner or team in front (not "The key result: …", which is prose)
OWNER_KR_RE = re.compile(
    rf"^(?P<open>\[)?(?P<who>{_PROSE_START}[A-Z][\w&/.,'()+ -]{{0,60}}?)"
    r"(?(open)\]\s*+|\s+)(?:KR|(?i:key\s++result))(?:\s*+#?\s*+(?P<n>\d+(?:\.\d+)?))?"
    r"\s*+:\s*+(?P<text>.*)$",
    re.S,
)
KPI_RE = re.compile(rf"^KPI(?:\s*+#?\s*+(?P<n>\d+))?(?:{_END}|(?<=\d)\s)\s*+(?P<text>.*)$", re.I | re.S)
# "Key results:" alone: the bullets that follow are key results (as they are after "Success
# metrics:", "Measures of success:", "How we will measure success:")
INTRO_RE = re.compile(
    r"^(?:key\s+results|KRs|success\s+(?:metrics|measures|criteria)|measures\s+of\s+success"
    r"|resultados[ \t-]+(?:clave|chave)|r[ée]sultats[ \t]+cl[ée]s"
    r"|how\s+we(?:'ll|\s+will)\s+measure(?:\s+success)?"
    r"|we(?:'ll|\s+will)\s+know\s+(?:we(?:'re|\s+are)|it(?:'s|\s+is))\s+(?:successful|done|working)\s+when)\s*:\s*$",
    re.I,
)
# "Goal: Grow the community", "Measure: 500 monthly active contributors", "Metric: Number of
# maintainers.", "North star: 1 blog post … per two weeks": a goal and its measure
GOAL_LEAD_RE = re.compile(r"^(?:goal|aim|outcome)[ \t]*+:[ \t]*+(?=\S)", re.I)
MEASURE_LEAD_RE = re.compile(
    r"^(?:measures?(?:[ \t]++of[ \t]++success)?|success[ \t]++(?:measures?|metrics?|criteria)|target|indicator|metric"
    r"|north[ \t]++star(?:[ \t]++metric)?)"
    r"[ \t]*+:[ \t]*+(?=\S)",
    re.I,
)
# "## Objective 1" over the paragraph that says it, "### Key Result 2", "### O1", "#### O1KR1" likewise:
# a label alone ("Objective 1", "Strategic Objective 6", "O1KR1")
BARE_LABEL_RE = re.compile(
    r"^(?:(?:(?:strategic[ \t]++)?(?:objective|goal|outcome)|key\s+result|KR|OKR)"
    r"[ \t]*+#?[ \t]*+(?:\d{1,2}(?:\.\d{1,2})?)?"
    r"|(?-i:O)\d{1,2}(?:[ \t.]?KR\d{1,2})?)[ \t]*+:?$",
    re.I,
)
# a bare label that names a result ("### Key Result 2", "#### O1KR1"), not an objective
BARE_RESULT_RE = re.compile(r"^(?:(?-i:O)\d{1,2}[ \t.]?)?(?:key\s+result|KR)(?=[\d\s:#]|$)", re.I)
# "Key results", and the header row of a flattened table of them: "Key Results KR Lead", "Key Results Responsible"
INTRO_HEADING_RE = re.compile(
    r"^(?:key\s+results?|KRs?)(?:\s++(?:KR\s++)?(?:leads?|owners?|responsible|status|score|grade|progress|targets?))*+"
    r"\s*+:?\s*+$",
    re.I,
)
# "1.1 Publish a whitepaper …" under "OKR 1: …": a result numbered after its objective
NUMBERED_RESULT_RE = re.compile(r"^(?P<n>(?P<o>\d{1,2})\.\d{1,2})[a-z]?[.)]?[ \t]++(?P<text>\S.*)$", re.S)
FIELD_RE = re.compile(
    r"^(?P<key>period|quarter|owners?|dri|parent|title|aligns?\s+to|alignment|target|source|data\s+source|"
    r"cadence|frequency|reporting\s+cadence|annual\s+target)\s*:\s*(?P<value>.*)$",
    re.I | re.S,
)
OWNER_KEYS = {"owner", "owners", "dri"}
PARENT_KEYS = {"parent", "align to", "aligns to", "alignment"}
KPI_KEYS = {"target", "source", "data source", "cadence", "frequency", "reporting cadence", "annual target"}
PERIOD_KEYS = {"period", "quarter"}
PERIOD_HINT = "Write the period like 2026-Q3, FY27 Q1, 2026 H2 or 2026."

# A heading that names the planning period: "## 2026-Q3", "# FY22-Q3 OKRs", "## Q3 2026"
PERIOD_IN_HEADING_RE = re.compile(
    r"(?<![\w-])(?:(?:FY|CY)\s?'?\d{2,4}(?:[\s\-_/]*(?:Q[1-4]|H[12]))?|\d{4}[\s\-_/]*(?:Q[1-4]|H[12])"
    r"|(?:Q[1-4]|H[12])[\s\-_/]*(?:(?:FY|CY)\s?'?\d{2,4}|\d{4}))(?!\w)",
    re.I,
)
YEAR_HEADING_RE = re.compile(r"^(?:OKRs?\s+(?:for\s+)?)?(?P<year>\d{4})(?:\s+OKRs?)?$", re.I)
# A section about OKRs: unlabelled bold items with bullets under them read as objectives there
OKR_WORDS_RE = re.compile(r"\bOKRs?\b|\bobjectives?\b|\bkey\s+results?\b", re.I)

BOLD_ONLY_RE = re.compile(r"^(\*\*|__)(?P<inner>\S(?:.*?\S)?)\1[\s.:;!?]*$", re.S)
ITALIC_ONLY_RE = re.compile(r"^([*_])(?!\1)(?P<inner>\S(?:.*?\S)?)\1[\s.:;!?]*$", re.S)
CHECKBOX_RE = re.compile(r"^\[[ xX]\]\s+")
TABLE_NUMBER_RE = re.compile(r"^(?P<n>\d{1,2})[.):]?\s+(?P<text>\S.*)$", re.S)
KR_HEADER_RE = re.compile(r"^(?:key\s*results?|krs?)\b", re.I)
OBJECTIVE_HEADER_RE = re.compile(r"^objectives?\b", re.I)
OWNER_HEADER_RE = re.compile(r"^(?:owners?|dri|lead|responsible|assignee|who)\b", re.I)


def label_of(prefix: str, number: str | None) -> str:
    return f"{prefix}{number}" if number else prefix


def only(pattern: re.Pattern[str], raw: str) -> bool:
    """Whether the whole text is one bold (or italic) span."""
    match = pattern.match(raw)
    return match is not None and match[1] not in match["inner"]

# A cheap first look on the raw text of a line: a line none of these words appear in carries no
# label, and need not be cleaned of its markup to be classified. The look-ahead names the words'
# first letters: the search skips every other place at once instead of trying all 18 words there
# (a case-blind search gets no such skip from `re`; 2.5 times faster on a line with no label).
MAY_BE_LABELLED_RE = re.compile(
    r"(?=[okpqdtascfmr])(?:objective|key\s*results?|KRs?\s*#?\d*\b|KPI|\bO\d|period|quarter|owner|dri\b|parent|"
    r"title|align|target|source|cadence|frequency|success|measure|objetivo|objectif|resultado|r[ée]sultat)",
    re.I,
)
