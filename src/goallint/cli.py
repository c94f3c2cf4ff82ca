"""The `goallint` command. Thin: each command reads input, calls the library, prints.

Exit codes: 0 success, 1 findings at or above the failure level (for `check`),
2 a usage, configuration or input error.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from click.core import ParameterSource

from goallint import __version__

if TYPE_CHECKING:
    from goallint.config import Config
    from goallint.engine.plugins import Plugins
    from goallint.engine.rule import Rule
    from goallint.inputs import Inputs
    from goallint.model import Finding

EXIT_INPUT_ERROR = 2
_checked = False  # set by `check`: its process may end without freeing what it parsed
_console = False  # set by `run`: this process ends after its command (`main` alone may be called in-process)


def run() -> None:
    """The console script: `main`, then, after `check`, an exit that leaves freeing the parsed
    plans' millions of objects to the operating system (0.4 s of a 70,000-line run; mypy does
    the same). In-process callers (click's CliRunner) use `main` and keep the normal exit."""
    global _console
    _console = True
    from goallint import regex_store

    regex_store.install()  # most of start-up is compiling regular expressions: compiled once, kept
    try:
        main(prog_name="goallint")
    except SystemExit as done:
        if not _checked:
            raise
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a reader that went away, or a closed stream
                stream.flush()
        regex_store.save()  # os._exit skips atexit
        os._exit(done.code if isinstance(done.code, int) else 0 if done.code is None else 1)


def _set_debug(context: click.Context, parameter: click.Parameter, debug: bool) -> None:
    if debug:  # read where plugins fail, in this process and in the worker processes it starts
        os.environ["GOALLINT_DEBUG"] = "1"


# `goallint --debug check …` or `goallint check … --debug`: both work
debug_option = click.option(
    "--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
    help="Show the traceback when a plugin fails (to stderr; also GOALLINT_DEBUG=1). "
         "check then skips the cache, so that every rule runs.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goallint")
@debug_option
def main() -> None:
    """goallint: a linter for OKRs and KPIs."""
    # A parsed plan is many small objects that all live until the command ends; with the
    # default thresholds the cyclic collector rescans them again and again, a third of the
    # time of a 50,000-line run (bench/parse.py). Collect far less often, as mypy does.
    gc.set_threshold(100_000, 50, 100)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: a readable outline; json: the parsed model (one object, or a list for several files).",
)
@click.option("--fiscal-year-start", type=click.IntRange(1, 12), default=1, show_default=True,
              help="Month the fiscal year starts in (FY27 is the fiscal year that ends in 2027).")
def parse(files: tuple[Path, ...], output_format: str, fiscal_year_start: int) -> None:
    """Show what goallint understood of each goal document."""
    from goallint.inputs import reading_of
    from goallint.loading import InputError, read_text
    from goallint.syntax import parse_document

    documents = []
    failed = False
    for path in files:
        try:
            text = read_text(path)
        except InputError as error:
            click.echo(f"goallint: {error}", err=True)
            failed = True
            continue
        reading = reading_of(str(path), text)  # a .txt copy of a handbook page is read as Markdown, as by check
        documents.append(parse_document(text, str(path), reading.format, fy_start_month=fiscal_year_start))
    if output_format == "json":
        payload = [d.model_dump(mode="json") for d in documents]
        click.echo(json.dumps(payload[0] if len(files) == 1 and payload else payload, ensure_ascii=False, indent=2))
    else:
        from goallint.outline import render_outline

        click.echo("\n".join(render_outline(d) for d in documents), nl=False)
    if failed:
        sys.exit(EXIT_INPUT_ERROR)


@main.command()
def schema() -> None:
    """Print the JSON Schema of `goallint parse --format json`."""
    from goallint.model import Document

    click.echo(json.dumps(Document.model_json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output-format", default="text", show_default=True, help="text, json, or a plugin's format.")
@click.option("--output-file", type=click.Path(path_type=Path), help="Write the report here instead of stdout.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="warning",
              show_default=True, help="Exit 1 when a finding is at least this severe.")
@click.option("--select", "select", multiple=True,
              help="Run only these rules (code, name or code prefix; repeat or separate with commas). "
                   "Replaces the configuration's select.")
@click.option("--ignore", "ignore", multiple=True,
              help="Skip these rules too (code, name or code prefix; repeat or separate with commas).")
@click.option("--stdin-filename", help="The name to report for text read from '-'.")
@click.option("--fiscal-year-start", type=click.IntRange(1, 12), default=1, show_default=True)
@click.option("--color/--no-color", default=None,
              help="Colour the text report, even through a pipe (default: on a terminal, unless NO_COLOR is set; "
                   "FORCE_COLOR forces it).")
@click.option("--statistics", is_flag=True, help="Count the findings of each rule instead of listing them.")
@click.option("--config", "config_file", type=click.Path(path_type=Path),
              help="Use this configuration file for every document instead of looking for the nearest one.")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings not recorded in this file.")
@click.option("--write-baseline", type=click.Path(path_type=Path),
              help="Record today's findings in this file (to use with --baseline) instead of reporting them.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True,
              help="Print what --fix would change, as a unified diff, and change nothing (exit 1 if anything would).")
@click.option("--no-cache", is_flag=True, help="Check every file afresh, without reading or writing the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to keep the cache (default: .goallint_cache here, or $GOALLINT_CACHE_DIR).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Most worker processes to check files in (default: one per core; 1: none).")
@click.option("--max-file-size", type=click.FloatRange(min=0, min_open=True), default=5, show_default=True,
              metavar="MB", help="Refuse files larger than this (a plan takes about 250 times its size in memory).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]),
              help="Judge check-ins as of this day, YYYY-MM-DD (default: today).")
@debug_option
def check(
    paths: tuple[Path, ...], output_format: str, output_file: Path | None, fail_on: str, select: tuple[str, ...],
    ignore: tuple[str, ...], stdin_filename: str | None, fiscal_year_start: int, color: bool | None,
    statistics: bool, config_file: Path | None, baseline: Path | None, write_baseline: Path | None, fix: bool,
    unsafe_fixes: bool, diff: bool, no_cache: bool, cache_dir: Path | None, jobs: int | None, max_file_size: float,
    as_of: datetime.datetime | None,
) -> None:
    """Check goal documents and report what to fix (default: the current directory)."""
    global _checked
    _checked = True
    if as_of is not None:
        from goallint import clock

        clock.set_as_of(as_of.date())  # worker processes are forked after this, with it set
    from goallint.baseline import Baseline, BaselineError, read_baseline, record_baseline
    from goallint.checking import PARALLEL_THRESHOLD_CHARS, check_sources, config_path
    from goallint.config import ConfigError, ConfigFinder
    from goallint.engine.isolation import debug_enabled
    from goallint.engine.plugins import PluginFailed, load_plugins
    from goallint.inputs import Inputs
    from goallint.loading import MEGABYTE, InputError, too_large
    from goallint.model import SEVERITY_RANK
    from goallint.report import Report, pieces_of

    plugins = load_plugins()
    _say_problems(plugins)
    paths = paths or (Path("."),)  # as ruff does: the goal documents under here
    if fix and paths == (Path("-"),):
        raise click.UsageError("--fix changes files; for standard input use --diff")
    known: Baseline | None = None
    try:
        configs = ConfigFinder(plugins, config_file)
        # the settings of the run as a whole come from the configuration of the first path
        run = configs.for_path(config_path(stdin_filename) if paths == (Path("-"),) else paths[0])
        run.enabled_rules(plugins, select, ignore)  # a --select or --ignore naming no rule fails here
        if baseline is not None:
            known = read_baseline(baseline)
    except (ConfigError, BaselineError) as error:
        _input_error(error)
    run.apply_to_run(plugins)  # disable-plugins, plugin-errors
    max_bytes = int(max_file_size * MEGABYTE)
    # goal documents, and the files input-format plugins read; a walk leaves out what .gitignore and `exclude` do
    inputs = Inputs(plugins, max_bytes, lambda path: configs.for_path(path).excludes(path), run.respect_gitignore)
    output_format = output_format if _given("output_format") else run.output_format
    fail_on = fail_on if _given("fail_on") else run.fail_on
    reporter = plugins.reporters.get(output_format)
    if reporter is None:
        known_formats = ", ".join(sorted(plugins.reporters))
        raise click.UsageError(f"unknown output format '{output_format}' (known: {known_formats})")
    sources: dict[str, str] = {}
    files: dict[str, Path] = {}
    failed = False
    for path in [Path("-")] if paths == (Path("-"),) else inputs.expand(paths):
        try:
            if str(path) == "-":
                name = stdin_filename or "<stdin>"
                text = sys.stdin.read(max_bytes + 1)
                if len(text) > max_bytes:
                    raise too_large(name, None, max_bytes)  # the rest is left unread
            else:
                name, text = str(path), inputs.read(path)
                files[name] = path
        except InputError as error:
            click.echo(f"goallint: {error}", err=True)
            failed = True
            continue
        sources[name] = text
    _say_readings(inputs, sources, (stdin_filename or "<stdin>") if paths == (Path("-"),) else None)
    if not sources and not failed:
        _nothing_to_check(paths, inputs)
    if _console and sum(len(text) for text in sources.values()) < PARALLEL_THRESHOLD_CHARS:
        # Text this process checks alone runs without the cyclic collector: most of a check's
        # objects live to the end, and each collection rescans those made since the last, 5 to
        # 10% of the CPU of a 256 KB plan. What it would free (the Markdown reader's caches, in a
        # cycle) is some 40 times the text at most. Never enabled again: the process ends after
        # the report (`run`). More text goes to worker processes, which keep the collector.
        gc.disable()
    cache = None
    if not no_cache and not debug_enabled():  # --debug runs every rule, to show where one fails
        from goallint.cache import ResultCache, default_cache_dir

        cache = ResultCache(cache_dir or default_cache_dir())

    def lint(texts: Mapping[str, str]) -> list[Finding]:
        fy_start = fiscal_year_start if _given("fiscal_year_start") else None
        return inputs.locate(check_sources(texts, configs, config_file, select, ignore, fy_start, cache, jobs))

    try:
        if fix or diff:
            from goallint.fixes import FixesDidNotSettle, fix_until_settled, unified_diff, write_atomically

            try:
                fixed = fix_until_settled(sources, lint, unsafe_fixes)
            except FixesDidNotSettle as error:
                _input_error(error)
            changed = [name for name in sources if fixed.sources[name] != sources[name]]
            if diff:
                patch = "".join(unified_diff(name, sources[name], fixed.sources[name]) for name in changed)
                click.echo(patch, nl=False)
                sys.exit(EXIT_INPUT_ERROR if failed or plugins.problems else 1 if changed else 0)
            for name in changed:
                try:
                    write_atomically(files[name], fixed.sources[name])
                except OSError as error:
                    _input_error(OSError(f"{name}: cannot be written ({error.strerror or error})"))
            if fixed.applied:
                click.echo(f"goallint: fixed {fixed.applied} finding{'s' if fixed.applied != 1 else ''} "
                           f"in {len(changed)} file{'s' if len(changed) != 1 else ''}", err=True)
            sources, findings = fixed.sources, fixed.findings
        else:
            findings = lint(sources)
        if write_baseline is not None:
            recorded = record_baseline(write_baseline, findings, sources)
            click.echo(f"goallint: recorded {recorded} finding{'s' if recorded != 1 else ''} in {write_baseline}",
                       err=True)
            sys.exit(EXIT_INPUT_ERROR if failed or plugins.problems else 0)
    except (ConfigError, BaselineError) as error:
        _input_error(error)
    if known is not None:
        findings = known.new_findings(findings, sources)
    if failed and not sources:
        sys.exit(EXIT_INPUT_ERROR)  # nothing was read: a report would only say "no problems"
    use_color = _use_color(color, output_file)
    if statistics:
        from goallint.report.text import render_statistics

        reporter = render_statistics
    try:
        links = {name: url for name, rule in plugins.rules.items() if (url := run.rule_url(rule, plugins))}
        pieces = pieces_of(reporter, Report(findings, inputs.shown(sources), plugins.rules, use_color, links))
    except PluginFailed as error:  # a plugin's output format: named, with its traceback under --debug
        click.echo(f"goallint: {error}", err=True)
        if error.detail and debug_enabled():
            click.echo(error.detail.rstrip("\n"), err=True)
        sys.exit(EXIT_INPUT_ERROR)
    _write(pieces, output_file, use_color)
    for rule in plugins.failed_rules(findings):  # stderr names them too, whatever the output format
        click.echo(f"goallint: r{rule[1:]} failed while checking; see the internal-error (GL000) findings", err=True)
    if failed or plugins.problems or plugins.rule_failed(findings):
        sys.exit(EXIT_INPUT_ERROR)
    threshold = SEVERITY_RANK.get(fail_on)
    if threshold is not None and any(SEVERITY_RANK[f.severity] >= threshold for f in findings):
        sys.exit(1)


def _write(pieces: Iterable[str], output_file: Path | None, color: bool) -> None:
    """The report, to the file or standard output, as it is made: a megabyte at a time."""
    with open(output_file, "w", encoding="utf-8") if output_file is not None else contextlib.nullcontext() as out:

        def put(batch: list[str]) -> None:
            if out is not None:
                out.write("".join(batch))
            else:
                click.echo("".join(batch), nl=False, color=color)  # click would strip the colour through a pipe

        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= _WRITE_BATCH:
                put(batch)
                batch, size = [], 0
        if batch or out is None:
            put(batch)


_WRITE_BATCH = 1 << 20


def _use_color(flag: bool | None, output_file: Path | None) -> bool:
    """--color/--no-color, else FORCE_COLOR or NO_COLOR (https://no-color.org), else whether the
    report goes to a terminal. FORCE_COLOR wins over NO_COLOR, as in Node and many linters."""
    if flag is not None:
        return flag
    forced = os.environ.get("FORCE_COLOR")
    if forced is not None and forced.strip().lower() not in ("0", "false", "no"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return output_file is None and sys.stdout.isatty()


def _say_readings(inputs: Inputs, sources: Mapping[str, str], stdin_name: str | None) -> None:
    """For each text whose name does not say its format, say how it was read, and how to choose."""
    for name, text in sources.items():
        reading = inputs.reading(name, text)
        if reading.because is None or name in inputs.converted:
            continue
        how = ("name it with --stdin-filename (goals.okr or page.md)" if name == stdin_name
               else "rename it to .md or .okr")
        click.echo(f"goallint: {name}: read as {reading.name}, because {reading.because}; "
                   f"to choose, {how}", err=True)


def _nothing_to_check(paths: Sequence[Path], inputs: Inputs) -> NoReturn:
    """No goal document was found: say so, and why, instead of "No problems found" (exit 2)."""
    where = ", ".join(f"'{path}'" for path in paths)
    skipped = inputs.skipped.describe()
    click.echo(f"goallint: nothing was checked: no goal document found in {where}. goallint looks for .okr "
               "files, and for Markdown files that mention objectives, key results, OKRs or KPIs"
               + (f"; left out: {skipped}" if skipped else "") + ". Name a file to check it whatever it holds.",
               err=True)
    sys.exit(EXIT_INPUT_ERROR)


def _given(option: str) -> bool:
    """Whether an option was given on the command line; if not, the configuration decides."""
    return click.get_current_context().get_parameter_source(option) not in (None, ParameterSource.DEFAULT)


def _say_problems(plugins: Plugins) -> None:
    """Name each broken plugin and what is wrong, one line each on stderr; with --debug, the
    traceback too."""
    from goallint.engine.isolation import debug_enabled

    for problem in plugins.problems:
        click.echo(f"goallint: {problem.message}", err=True)  # the message names the plugin
        if problem.detail and debug_enabled():
            click.echo(problem.detail.rstrip("\n"), err=True)
    if plugins.problems and not debug_enabled() and any(p.detail for p in plugins.problems):
        click.echo("goallint: run with --debug to see where a plugin failed", err=True)


def _input_error(error: Exception) -> NoReturn:
    """Print a configuration or baseline problem (one line each) and exit 2."""
    for line in str(error).splitlines():
        click.echo(f"goallint: {line}", err=True)
    sys.exit(EXIT_INPUT_ERROR)


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
@click.option("--tcp", metavar="HOST:PORT", help="Listen on this address instead of standard input and output.")
def lsp(stdio: bool, tcp: str | None) -> None:
    """Run the language server, for diagnostics, quick fixes and hovers in your editor."""
    if tcp is not None and not tcp.rpartition(":")[2].isdigit():
        raise click.BadParameter("write it as HOST:PORT, for example 127.0.0.1:2087", param_hint="--tcp")
    try:
        from goallint.lsp.server import serve
    except ImportError as error:  # pygls is an extra: pip install 'goallint[lsp]'
        missing = (error.name or "pygls").split(".")[0]
        click.echo(f"goallint: the language server needs {missing}, which is not installed: "
                   "pip install 'goallint[lsp]'", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    serve(tcp)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: a list of rules, shaped as the service's /v1/rules answer, with the documentation link.")
@debug_option
def list_rules(output_format: str) -> None:
    """List every rule: code, name, the severity it reports with here, and what it flags."""
    plugins, config = _plugins_here()
    if output_format == "json":
        click.echo(json.dumps(_rules_json(plugins, config), ensure_ascii=False, indent=2))
        _exit_if_broken(plugins)
        return
    for rule in sorted(plugins.rules.values(), key=lambda r: r.code):
        fix = " (fixable)" if rule.fixable else ""
        origin = plugins.origin.get(rule.name, "goallint")
        notes = [] if origin == "goallint" else [origin]
        if config is not None and origin in config.disabled_plugins:
            notes.append("disabled")
        if (why := _severity_source(rule, plugins, config)) is not None:
            notes.append(f"severity from {why}")
        source = f" [{'; '.join(notes)}]" if notes else ""
        severity = plugins.severity_of(rule, config.severity if config else None)
        click.echo(f"{rule.code}  {rule.name:<26} {severity:<8} {rule.summary}{fix}{source}")
    _exit_if_broken(plugins)


@main.command("plugins")
@debug_option
@click.option("--check", "try_rules", is_flag=True,
              help="Also run each plugin rule on its own bad and good examples, to find rules that fail.")
def list_plugins(try_rules: bool) -> None:
    """List the plugins: which loaded and which did not, their versions and what each provides."""
    from goallint.engine.plugins import describe_plugins

    plugins, _ = _plugins_here()
    click.echo(describe_plugins(plugins), nl=False)
    if try_rules and _rules_failing_their_examples(plugins):
        sys.exit(EXIT_INPUT_ERROR)
    _exit_if_broken(plugins)


def _rules_failing_their_examples(plugins: Plugins) -> bool:
    """`goallint plugins --check`: each plugin rule on its examples; say which fail. A rule that
    fails when it runs loads like any other, so only running it shows it."""
    from goallint.engine.plugins import BUILTIN, DISABLED
    from goallint.testing import check_examples

    failing = False
    for name, origin in plugins.origin.items():
        if origin == BUILTIN or plugins.info[origin].status == DISABLED:
            continue
        rule = plugins.rules[name]
        if not (rule.bad and rule.good):
            click.echo(f"  {rule.code} {name} ({origin}): no bad and good examples to try")
            continue
        try:
            check_examples(rule, plugins)
        except AssertionError as error:
            failing = True
            said = str(error).splitlines()[0].removeprefix(f"{name}, ")
            click.echo(f"  {rule.code} {name} ({origin}): fails: {said}")
        else:
            click.echo(f"  {rule.code} {name} ({origin}): fires on its bad example, quiet on its good one")
    return failing


@main.command()
@click.argument("rule")
@debug_option
def explain(rule: str) -> None:
    """Explain a rule (by code or name), with a bad and a good example."""
    plugins, config = _plugins_here()
    found = plugins.rule(rule)
    if found is None:
        import difflib

        names = [r.name for r in plugins.rules.values()]
        close = difflib.get_close_matches(rule, names, n=1)
        suggestion = f" Did you mean '{close[0]}'?" if close else " Run 'goallint rules' to list them."
        click.echo(f"goallint: no rule called '{rule}'.{suggestion}", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    severity: str = plugins.severity_of(found, config.severity if config else None)
    if (why := _severity_source(found, plugins, config)) is not None:
        severity += f": set by {why}; the rule's own is {found.severity}"
    click.echo(found.docs(severity), nl=False)
    _exit_if_broken(plugins)


def _rules_json(plugins: Plugins, config: Config | None) -> list[dict[str, object]]:
    """`goallint rules --format json`: each rule as the configuration here treats it."""
    from goallint.config import Config

    config = config or Config()
    enabled = {rule.name for rule in config.enabled_rules(plugins)}
    return [{
        "code": rule.code, "name": rule.name, "summary": rule.summary, "severity": rule.severity,
        "configured_severity": plugins.severity_of(rule, config.severity), "enabled": rule.name in enabled,
        "fixable": rule.fixable, "scope": rule.scope, "plugin": plugins.origin.get(rule.name),
        "docs_url": config.rule_url(rule, plugins),
    } for rule in sorted(plugins.rules.values(), key=lambda r: r.code)]


def _plugins_here() -> tuple[Plugins, Config | None]:
    """The plugins, with the packs and `disable-plugins` of the configuration here, for `rules`,
    `explain` and `plugins`; broken plugins are named on stderr. The configuration is None when
    it has a mistake (`goallint check` and `goallint config` report it)."""
    from goallint.config import ConfigError, ConfigFinder
    from goallint.engine.plugins import load_plugins

    plugins = load_plugins()
    _say_problems(plugins)
    try:
        config: Config | None = ConfigFinder(plugins).for_path(Path("."))  # loads the packs it names
    except ConfigError:
        config = None
    if config is not None:
        config.apply_to_run(plugins)  # disable-plugins, plugin-errors
    return plugins, config


def _severity_source(rule: type[Rule], plugins: Plugins, config: Config | None) -> str | None:
    """What sets a rule's severity when not the rule itself: the configuration or its plugin."""
    if config is not None and rule.name in config.severity and config.severity[rule.name] != rule.severity:
        return str(config.path) if config.path else "the configuration"
    if plugins.default_severity.get(rule.name, rule.severity) != rule.severity:
        return f"the defaults of plugin '{plugins.origin.get(rule.name)}'"
    return None


def _exit_if_broken(plugins: Plugins) -> None:
    """Exit 2 when a plugin is broken (as `goallint check` does), after listing what loaded."""
    if plugins.problems:
        click.echo(f"goallint: {_broken_plugins(plugins)}; see above", err=True)
        sys.exit(EXIT_INPUT_ERROR)


def _broken_plugins(plugins: Plugins) -> str:
    names = sorted({problem.plugin for problem in plugins.problems})
    return f"plugin{'s' if len(names) != 1 else ''} {', '.join(repr(name) for name in names)} " \
           f"{'are' if len(names) != 1 else 'is'} broken"


@main.command("config")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--show", is_flag=True, help="Print the whole configuration in effect, defaults included.")
@click.option("--format", "output_format", type=click.Choice(["toml", "json"]), default="toml", show_default=True,
              help="How --show prints it.")
@click.option("--config", "config_file", type=click.Path(path_type=Path),
              help="Use this configuration file instead of looking for the nearest one.")
def show_config(path: Path | None, show: bool, output_format: str, config_file: Path | None) -> None:
    """Say which configuration file applies to PATH (default: the current directory) and check it."""
    from goallint.config import ConfigError, ConfigFinder, render_toml
    from goallint.engine.plugins import load_plugins

    plugins = load_plugins()
    target = path if path is not None else Path(".")
    try:
        config = ConfigFinder(plugins, config_file).for_path(target)
    except ConfigError as error:
        _input_error(error)
    if not show:
        click.echo(str(config.path) if config.path else "no configuration file: goallint's defaults apply")
        return
    description = config.describe(plugins, target)
    if output_format == "json":
        click.echo(json.dumps(description, ensure_ascii=False, indent=2))
    else:
        click.echo(render_toml(description), nl=False)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; loopback unless told.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), help="Processes that lint documents  [default: one per CPU]")
@click.option("--token", envvar="GOALLINT_TOKEN", show_envvar=True,
              help="Require 'Authorization: Bearer TOKEN' on every /v1 call. Prefer the environment "
                   "variable: other users can see a command line.")
@click.option("--max-body", "max_body", default="1MiB", show_default=True,
              help="Largest request body accepted: bytes, or with a unit (512k, 2MiB).")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="Let pages from this origin (https://plans.example.com) call the API; repeat for more.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=10.0, show_default=True,
              help="Seconds one document may take; past that it is stopped and the answer is 504.")
@click.option("--config", "config_file", type=click.Path(path_type=Path),
              help="The configuration for every request [default: the nearest goallint.toml from here].")
@click.option("--worker-memory", default="768MiB", show_default=True,
              help="A worker that grows by this much on one document is stopped (the answer is 413); one left "
                   "larger than this after answering is replaced.")
@click.option("--max-answer", "max_answer", default="64MiB", show_default=True,
              help="Largest answer sent; a larger one is refused with 413 (ask for fewer reports).")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log each request.")
def serve(
    host: str, port: int, workers: int | None, token: str | None, max_body: str, cors_origins: tuple[str, ...],
    timeout: float, config_file: Path | None, worker_memory: str, max_answer: str, access_log: bool,
) -> None:
    """Serve the HTTP API and the page where anyone can paste goals (docs/service.md)."""
    try:
        from goallint.service.server import run
    except ImportError as error:
        _input_error(ImportError(f"the service needs more packages ({error.name} is missing): "
                                 "pip install 'goallint[serve]'"))
    from goallint.config import ConfigError
    from goallint.service.settings import ServiceSettings, default_workers, parse_size

    sizes = {}
    for option, given in (("--max-body", max_body), ("--worker-memory", worker_memory), ("--max-answer", max_answer)):
        try:
            sizes[option] = max(parse_size(given), 1)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint=option) from None
    settings = ServiceSettings(
        host=host, port=port, workers=workers or default_workers(), token=token or None,
        max_body=sizes["--max-body"], cors_origins=cors_origins, timeout=timeout, config=config_file,
        access_log=access_log, worker_memory=sizes["--worker-memory"], max_answer=sizes["--max-answer"],
    )
    busy = _cannot_listen(host, port)
    if busy is not None:
        _input_error(OSError(busy))
    try:
        run(settings)
    except ConfigError as error:
        _input_error(error)


def _cannot_listen(host: str, port: int) -> str | None:
    """Why the service could not listen on HOST:PORT (in one line, instead of uvicorn's log), or
    None. The socket is bound as uvicorn binds it (SO_REUSEADDR) and closed at once."""
    import errno
    import socket

    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as error:
        return f"cannot listen on '{host}': no such address ({error}); give --host an address such as 127.0.0.1"
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (f"port {port} on {host} is already in use (another goallint serve?): stop that, "
                        f"or choose another port with --port {port + 1 if port < 65535 else 8080}")
            if error.errno == errno.EACCES:
                return f"port {port} needs more privileges than this user has: choose a port above 1023 with --port"
            return f"cannot listen on {host}:{port} ({error.strerror or error})"
    return None


@main.command()
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite goallint.toml and goals.okr if they exist.")
def init(directory: Path, force: bool) -> None:
    """Write a starter goallint.toml and an example goals.okr into DIRECTORY (default: here)."""
    from goallint.starter import StarterExists, write_starter

    try:
        written = write_starter(directory, force)
    except (StarterExists, OSError) as error:
        _input_error(error)
    for path in written:
        click.echo(f"goallint: wrote {path}", err=True)
    here = "" if directory.resolve() == Path.cwd().resolve() else f" {directory}"
    click.echo(f"Next: run 'goallint check{here}' to check the example plan, then write your own plans as .okr "
               "files or Markdown pages beside it (goallint checks every one it finds). 'goallint rules' lists "
               "what it checks, 'goallint explain RULE' says why; goallint.toml is where you change that.")


def _add_status() -> None:
    from goallint.progress.command import status  # imports only click: start-up stays as it was

    main.add_command(status)


_add_status()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "mermaid", "html"]), default="text",
              show_default=True, help="text: an indented tree; mermaid: a diagram GitHub draws; html: one page.")
@click.option("--output-file", type=click.Path(path_type=Path), help="Write the tree here instead of stdout.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), help="Judge as of this day (default: today).")
@click.option("--findings/--no-findings", default=True, show_default=True,
              help="Show what `goallint check` finds beside each plan and objective.")
@click.option("--config", "config_file", type=click.Path(path_type=Path),
              help="Use this configuration file instead of the nearest one.")
@click.option("--no-cache", is_flag=True, help="Check every file afresh, without reading or writing the cache.")
def tree(
    paths: tuple[Path, ...], output_format: str, output_file: Path | None, as_of: datetime.datetime | None,
    findings: bool,
    config_file: Path | None, no_cache: bool,
) -> None:
    """Draw how the plans align: company, departments and teams, with the findings on each."""
    from goallint import clock
    from goallint.checking import check_sources
    from goallint.company.render import RENDERERS
    from goallint.company.tree import build_tree, progress_from_checkins
    from goallint.config import ConfigError, ConfigFinder
    from goallint.engine.plugins import load_plugins
    from goallint.inputs import Inputs
    from goallint.loading import DEFAULT_MAX_FILE_SIZE, InputError
    from goallint.syntax import parse_document

    if as_of is not None:
        clock.set_as_of(as_of.date())
    plugins = load_plugins()
    _say_problems(plugins)
    inputs = Inputs(plugins, DEFAULT_MAX_FILE_SIZE)
    try:
        configs = ConfigFinder(plugins, config_file)
        run = configs.for_path(paths[0] if paths else Path("."))
    except ConfigError as error:
        _input_error(error)
    sources: dict[str, str] = {}
    failed = False
    for path in inputs.expand(paths or (Path("."),)):
        try:
            sources[str(path)] = inputs.read(path)
        except InputError as error:
            click.echo(f"goallint: {error}", err=True)
            failed = True
    documents = [parse_document(text, name, fy_start_month=configs.for_path(Path(name)).fiscal_year_start)
                 for name, text in sources.items()]
    found: list[Finding] = []
    if findings and sources:
        from goallint.cache import ResultCache, default_cache_dir

        cache = None if no_cache else ResultCache(default_cache_dir())
        try:
            found = check_sources(sources, configs, config_file, cache=cache)
        except ConfigError as error:
            _input_error(error)
    orphan_rule = plugins.rule("orphan-objective")
    tops = list(getattr(run.options_of(orphan_rule, plugins), "tops", [])) if orphan_rule is not None else []
    roots = build_tree(documents, found, progress_from_checkins(documents, clock.today()), tops)
    rendered = RENDERERS[output_format](roots)
    if output_file is not None:
        output_file.write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)
    if failed:
        sys.exit(EXIT_INPUT_ERROR)
