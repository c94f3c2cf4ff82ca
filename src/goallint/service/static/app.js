// goallint's page: lint as the person types, mark findings on the text, list them, show what was
// understood, export. Plain JavaScript, no build step, no network beyond this service.
// Every piece of text from the document or the service goes in with textContent, never as HTML.
// URLs are relative, so that the page also works behind a proxy that serves it under a prefix.
"use strict";

(() => {
  const DEBOUNCE_MS = 300;
  const $ = (id) => document.getElementById(id);
  const text = $("text");
  const backdrop = $("backdrop");
  const highlights = $("highlights");
  const format = $("format");
  const findingsList = $("findings");
  const status = $("status");
  const exportFormat = $("export-format");
  const exportText = $("export-text");
  const copyStatus = $("copy-status");
  const tokenForm = $("token-form");

  let timer = 0;
  let sequence = 0; // answers to older requests are dropped
  let inFlight = null;
  let last = null; // {text, answer, ranges}
  let token = sessionStorage.getItem("goallint-token") || "";
  // Until the person picks "Written as" themselves, the service reads the text as it looks
  // (Markdown when it shows Markdown's marks) and the choice follows what it read.
  let formatChosen = false;

  // --- Talking to the service -----------------------------------------------------------------

  function headers() {
    const sent = { "Content-Type": "application/json" };
    if (token) sent.Authorization = `Bearer ${token}`;
    return sent;
  }

  async function api(path, body, signal) {
    const response = await fetch(path, body === undefined ? { headers: headers() } : {
      method: "POST", headers: headers(), body: JSON.stringify(body), signal,
    });
    let payload = null;
    try { payload = await response.json(); } catch { /* not JSON: handled below */ }
    if (response.status === 401) tokenForm.hidden = false;
    if (!response.ok) {
      const message = payload && payload.message ? payload.message : `The service answered ${response.status}.`;
      throw Object.assign(new Error(message), { status: response.status });
    }
    return payload;
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(lint, DEBOUNCE_MS);
  }

  async function lint() {
    const value = text.value;
    const mine = ++sequence;
    if (inFlight) inFlight.abort();
    if (!value.trim()) {
      last = null;
      render(value, null);
      say("Paste or type your goals to check them.");
      return;
    }
    inFlight = new AbortController();
    const body = formatChosen ? { text: value, format: format.value, filename: `goals.${format.value}` }
      : { text: value, filename: "goals" };
    if (exportFormat.value === "sarif") body.reports = ["sarif"];
    try {
      const answer = await api("v1/lint", body, inFlight.signal);
      if (mine !== sequence) return;
      last = { text: value, answer };
      if (!formatChosen) follow(answer.document.format);
      render(value, answer);
    } catch (error) {
      if (error.name === "AbortError" || mine !== sequence) return;
      say(error.status ? error.message : "goallint cannot be reached. Is the service still running?");
    }
  }

  // --- Positions: the service counts code points, JavaScript strings count UTF-16 units ---------

  function positionsOf(value) {
    // A leading byte order mark is not counted by the service.
    const skip = value.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (!/[\uD800-\uDFFF]/.test(value)) return (offset) => Math.min(offset + skip, value.length);
    const units = [];
    for (let i = skip; i < value.length; i++) {
      units.push(i);
      const code = value.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
        const next = value.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
    units.push(value.length);
    return (offset) => units[Math.min(offset, units.length - 1)];
  }

  // --- Showing an answer ------------------------------------------------------------------------

  function render(value, answer) {
    const findings = answer ? answer.findings : [];
    const at = positionsOf(value);
    const ranges = findings.map((f, i) => ({ i, start: at(f.span.start.offset), end: at(f.span.end.offset), severity: f.severity }));
    if (last) last.ranges = ranges;
    renderHighlights(value, ranges);
    renderFindings(findings, ranges);
    renderUnderstood(answer ? answer.document : null, at);
    if (answer) showProgress(value); else renderProgress(null);
    renderExport();
    if (answer) say(summaryText(answer.summary));
  }

  const FORMAT_NAMES = { okr: "plain goals", md: "a Markdown page" };
  function follow(read) {
    if (!(read in FORMAT_NAMES) || read === format.value) return;
    format.value = read;
    $("format-note").textContent = read === "md"
      ? "This looks like a Markdown page (headings, bold text, links or tables), so goallint reads it as one: " +
        "\u201cWritten as\u201d now says Markdown. Change it back if that is wrong."
      : "This reads as plain goals, so \u201cWritten as\u201d now says plain goals. Change it if that is wrong.";
  }

  function summaryText(summary) {
    if (!summary.total) return "No problems found. These goals read well.";
    const parts = [];
    for (const [key, one, many] of [["error", "error", "errors"], ["warning", "warning", "warnings"], ["info", "suggestion", "suggestions"]]) {
      if (summary[key]) parts.push(`${summary[key]} ${summary[key] === 1 ? one : many}`);
    }
    return `${summary.total} ${summary.total === 1 ? "thing" : "things"} to look at: ${parts.join(", ")}.`;
  }

  let lastSaid = "";
  function say(message) {
    // Only a change is announced: screen readers should not repeat the same result on every key.
    if (message === lastSaid) return;
    lastSaid = message;
    status.textContent = message;
  }

  const RANK = { info: 0, warning: 1, error: 2 };

  function renderHighlights(value, ranges) {
    const cuts = new Set([0, value.length]);
    for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let k = 0; k < points.length; k++) {
      const from = points[k];
      for (const r of ranges) {
        if (r.start === r.end && r.start === from) fragment.append(mark("", [r]));
      }
      if (k + 1 === points.length) break;
      const to = points[k + 1];
      const covering = ranges.filter((r) => r.start <= from && r.end >= to && r.start !== r.end);
      const piece = value.slice(from, to);
      fragment.append(covering.length ? mark(piece, covering) : document.createTextNode(piece));
    }
    // A final newline needs something after it, or the backdrop is one line shorter than the text.
    fragment.append(document.createTextNode("\u200b"));
    highlights.replaceChildren(fragment);
    syncScroll();
  }

  function mark(piece, covering) {
    const element = document.createElement("mark");
    const worst = covering.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
    element.className = `sev-${worst.severity}${piece ? "" : " point"}`;
    element.dataset.findings = covering.map((r) => r.i).join(" ");
    element.textContent = piece;
    return element;
  }

  function renderFindings(findings, ranges) {
    const items = findings.map((f, i) => {
      const item = document.createElement("li");
      item.className = `sev-${f.severity}`;
      item.dataset.index = String(i);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "finding";
      button.addEventListener("click", () => select(i, ranges[i]));
      const meta = span("meta");
      meta.append(span("sev", { error: "Error", warning: "Warning", info: "Suggestion" }[f.severity]),
        span("where", `Line ${f.span.start.line}, column ${f.span.start.column}`), span("rule", `${f.code} ${f.rule}`));
      button.append(meta, span("message", f.message));
      if (f.hint) button.append(span("hint", f.hint));
      item.append(button, ruleDetails(f.rule, f.code));
      return item;
    });
    findingsList.replaceChildren(...items);
  }

  function span(className, content = "") {
    const element = document.createElement("span");
    element.className = className;
    element.textContent = content;
    return element;
  }

  const ruleDocs = new Map();
  function ruleDetails(name, code) {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `About ${code} ${name}`;
    const body = document.createElement("pre");
    body.textContent = "Loading…";
    details.append(summary, body);
    details.addEventListener("toggle", async () => {
      if (!details.open) return;
      try {
        if (!ruleDocs.has(name)) ruleDocs.set(name, (await api(`v1/rules/${encodeURIComponent(name)}`)).docs);
        body.textContent = ruleDocs.get(name);
      } catch (error) {
        body.textContent = error.message;
      }
    });
    return details;
  }

  function select(index, range) {
    for (const item of findingsList.children) item.classList.toggle("active", item.dataset.index === String(index));
    let first = null;
    for (const element of highlights.querySelectorAll("mark")) {
      const on = element.dataset.findings.split(" ").includes(String(index));
      element.classList.toggle("active", on);
      if (on && !first) first = element;
    }
    text.focus();
    text.setSelectionRange(range.start, range.end);
    if (first) text.scrollTop = Math.max(0, first.offsetTop - text.clientHeight / 3);
    syncScroll();
  }

  function renderUnderstood(documentModel, at) {
    const body = $("understood").tBodies[0];
    const rows = [];
    if (documentModel) {
      for (const objective of documentModel.objectives) {
        const name = [objective.label, objective.text].filter(Boolean).join(": ");
        for (const item of [...objective.key_results, ...objective.kpis]) rows.push(row(name, item, at));
      }
      for (const kpi of documentModel.kpis) rows.push(row("The whole plan", kpi, at));
    }
    body.replaceChildren(...rows);
    $("understood-empty").hidden = rows.length > 0;
  }

  function row(objective, item, at) {
    const tr = document.createElement("tr");
    const measure = item.measure || {};
    const label = document.createElement("button");
    label.type = "button";
    label.className = "jump";
    label.textContent = item.name ? `KPI: ${item.name}` : [item.label, item.text].filter(Boolean).join(": ");
    label.title = "Show this line in the text";
    label.addEventListener("click", () => {
      text.focus();
      text.setSelectionRange(at(item.line_span.start.offset), at(item.line_span.end.offset));
    });
    const statement = document.createElement("td");
    statement.append(label);
    if (item.is_kpi && !item.name) statement.append(span("badge", "KPI"));
    const change = [measure.baseline && measure.baseline.text, measure.target && measure.target.text];
    let fromTo;
    if (change[0] || change[1]) fromTo = `${change[0] || "?"} → ${change[1] || "?"}`;
    else if (measure.change) fromTo = `by ${measure.change.text}`;
    const deadline = document.createElement("td");
    if (item.deadline) {
      deadline.append(item.deadline.text);
      if (item.deadline.date) deadline.append(" ", span("date", `(${item.deadline.date})`));
    } else deadline.append(none());
    const kind = cell(item.kind);
    kind.className = `kind-${item.kind}`;
    tr.append(cell(objective), statement, cell(measure.metric), cell(DIRECTIONS[measure.direction]), cell(fromTo),
      deadline, kind);
    return tr;
  }

  const DIRECTIONS = { increase: "↑ increase", decrease: "↓ decrease", maintain: "→ hold", reach: "reach" };

  function cell(content) {
    const td = document.createElement("td");
    if (content) td.textContent = content; else td.append(none());
    return td;
  }

  function none() { return span("none", "not stated"); }

  // --- Export -----------------------------------------------------------------------------------

  function exported() {
    if (!last) return "";
    if (exportFormat.value === "sarif") return last.answer.reports ? last.answer.reports.sarif : "";
    const { findings, summary, document: documentModel } = last.answer;
    return JSON.stringify({ findings, summary, document: documentModel }, null, 2);
  }

  function renderExport() { exportText.value = exported(); }

  async function copy() {
    const value = exported();
    if (!value) { copyStatus.textContent = "Nothing to copy yet."; return; }
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      exportText.focus();
      exportText.select();
      document.execCommand("copy");
    }
    copyStatus.textContent = `Copied the ${exportFormat.value.toUpperCase()} report.`;
  }

  function download() {
    const value = exported();
    if (!value) { copyStatus.textContent = "Nothing to download yet."; return; }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([value], { type: "application/json" }));
    link.download = exportFormat.value === "sarif" ? "goallint.sarif" : "goallint.json";
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // --- Examples, scrolling, start -----------------------------------------------------------------

  let examples = [];
  async function loadExamples() {
    try {
      examples = await (await fetch("static/examples/index.json")).json();
    } catch { return; }
    const select = $("example");
    for (const [i, example] of examples.entries()) select.append(new Option(example.title, String(i)));
  }

  let exampleText = ""; // the example last loaded, unchanged: replacing it loses nothing
  async function loadExample() {
    const chosen = examples[Number($("example").value)];
    if (!chosen) { say("Choose an example first."); $("example").focus(); return; }
    if (text.value.trim() && text.value !== exampleText && !window.confirm("Replace your text with the example?")) return;
    const response = await fetch(`static/examples/${chosen.file}`);
    text.value = exampleText = await response.text();
    format.value = chosen.format;
    formatChosen = false; // an example's format is what the text shows; a pasted text is read afresh
    $("format-note").textContent = "";
    text.scrollTop = 0;
    lastSaid = "";
    await lint();
    text.focus();
  }

  // Where the caret is, the findings there are outlined in the list (and scrolled to).
  function showFindingsAtCaret() {
    if (!last || !last.ranges || last.text !== text.value) return;
    const caret = text.selectionStart;
    let first = null;
    for (const item of findingsList.children) {
      const range = last.ranges[Number(item.dataset.index)];
      const here = range.start <= caret && caret <= Math.max(range.end, range.start + 1);
      item.classList.toggle("at-caret", here);
      if (here && !first) first = item;
    }
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function syncScroll() {
    backdrop.scrollTop = text.scrollTop;
    backdrop.scrollLeft = text.scrollLeft;
  }

  text.addEventListener("input", schedule);
  text.addEventListener("scroll", syncScroll);
  text.addEventListener("click", showFindingsAtCaret);
  text.addEventListener("keyup", (event) => { if (event.key.startsWith("Arrow") || event.key === "Home" || event.key === "End") showFindingsAtCaret(); });
  format.addEventListener("change", () => { formatChosen = true; $("format-note").textContent = ""; lint(); });
  exportFormat.addEventListener("change", () => (exportFormat.value === "sarif" ? lint() : renderExport()));
  $("load-example").addEventListener("click", loadExample);
  $("copy").addEventListener("click", copy);
  $("download").addEventListener("click", download);
  tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    token = $("token").value.trim();
    sessionStorage.setItem("goallint-token", token);
    tokenForm.hidden = true;
    lint();
  });
  // --- Progress: POST /v1/status, the same figures as `goallint status` (docs/progress.md) -------

  const STATUS_WORDS = { "on-track": "On track", "at-risk": "At risk", "off-track": "Off track",
    "not-started": "Not started", done: "Done", unknown: "Unknown" };
  let progressSequence = 0;

  async function showProgress(value) {
    const mine = ++progressSequence;
    const body = formatChosen ? { text: value, format: format.value, filename: `goals.${format.value}` }
      : { text: value, filename: "goals" };
    try {
      const answer = await api("v1/status", body);
      if (mine === progressSequence) renderProgress(answer.status);
    } catch { if (mine === progressSequence) renderProgress(null); }
  }

  function pct(fraction) { return fraction === null ? "–" : `${Math.round(fraction * 100)}%`; }

  function progressBar(fraction, expected, statusName) {
    const bar = span(`bar status-${statusName}`);
    bar.setAttribute("role", "img");
    bar.setAttribute("aria-label", `${pct(fraction)} done` + (expected === null ? "" : `, ${pct(expected)} expected by now`));
    const fill = span("fill");
    fill.style.width = `${Math.max(0, Math.min(1, fraction || 0)) * 100}%`;
    bar.append(fill);
    if (expected !== null) {
      const tick = span("tick");
      tick.style.left = `${expected * 100}%`;
      bar.append(tick);
    }
    return bar;
  }

  function progressRow(item, isObjective) {
    const li = document.createElement("li");
    li.className = isObjective ? "objective" : "item";
    const name = span("name", `${item.label && item.label !== "O" ? item.label + " " : ""}${item.text}`);
    const word = span(`word status-${item.status}`, STATUS_WORDS[item.status] || item.status);
    const facts = [];
    if (item.progress !== null) facts.push(pct(item.progress));
    else if (item.reason) facts.push(item.reason);
    if (!isObjective && item.current_text) facts.push(`now ${item.current_text}`);
    if (!isObjective && item.confidence !== null && item.confidence !== undefined) facts.push(`confidence ${pct(item.confidence)}`);
    if (!isObjective) facts.push(item.last_checkin ? `last check-in ${item.last_checkin}` : "no dated check-in");
    li.append(name, progressBar(item.progress, item.expected, item.status), word, span("facts", facts.join(" · ")));
    return li;
  }

  function renderProgress(documentStatus) {
    const list = $("progress");
    list.replaceChildren();
    const items = documentStatus ? documentStatus.objectives.flatMap((o) => o.key_results).concat(documentStatus.kpis) : [];
    if (!documentStatus || !items.some((i) => i.checkins.length)) {
      $("progress-summary").textContent = "Write check-ins under a key result, such as "
        + "“2026-08-14: 1,650 (confidence 0.6) signup flow shipped late”, to see how far along it is.";
      return;
    }
    const s = documentStatus.summary;
    const period = documentStatus.period ? `${documentStatus.period.label}, ${pct(documentStatus.expected)} of it gone. ` : "No period: progress only. ";
    $("progress-summary").textContent = `As of ${documentStatus.as_of}: ${period}${s["on-track"]} on track, `
      + `${s["at-risk"]} at risk, ${s["off-track"]} off track, ${s.done} done, ${s["not-started"]} not started.`;
    for (const objective of documentStatus.objectives) {
      list.append(progressRow(objective, true));
      for (const item of objective.key_results) list.append(progressRow(item, false));
    }
    for (const item of documentStatus.kpis) list.append(progressRow(item, false));
  }

  new ResizeObserver(syncScroll).observe(text);
  fetch("healthz").then((r) => r.json()).then((h) => { $("version").textContent = h.version; }).catch(() => {});
  loadExamples();
  if (text.value) lint();
})();
