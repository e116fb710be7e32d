"""The `podlint` command. `main(argv) -> int`; nothing below it exits the process."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from podlint import __version__
from podlint.config import ConfigResolver, Overrides
from podlint.config_file import ConfigError
from podlint.files import STDIN, MissingPathError, discover
from podlint.findings import Severity
from podlint.output import DOCUMENT_FORMATS, FORMATS, OutputContext, default_format, renderer
from podlint.output.statistics import render_statistics
from podlint.progress import Progress
from podlint.progress import wanted as progress_wanted
from podlint.registry import UnknownRuleError, all_rules, get_rule
from podlint.run import PARALLEL_FROM, RunResult, check_paths, write_fixes
from podlint.schema import DEFAULT_VERSION, UnknownVersionError, check_version
from podlint.selection import parse_ids
from podlint.workers import default_processes

if TYPE_CHECKING:
    from podlint.cache import ReportCache

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageProblem(click.UsageError):
    exit_code = EXIT_USAGE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="podlint")
def cli() -> None:
    """Lint Kubernetes pod manifests: schema errors and pod semantics, at exact positions."""


@cli.command()
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--kube-version", default=None, help=f"Kubernetes version to validate against (default {DEFAULT_VERSION})."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: github in GitHub Actions, full on a terminal, concise otherwise).",
)
@click.option("--select", multiple=True, help="Only these rule ids (comma-separated, repeatable; `all`).")
@click.option("--extend-select", multiple=True, help="Rule ids to add to the default set.")
@click.option("--ignore", multiple=True, help="Rule ids to skip.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: error).",
)
@click.option(
    "--config",
    "config_path",
    default=None,
    metavar="PATH",
    help="Use this .podlint.yaml or pyproject.toml for every file instead of the nearest one.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option(
    "--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing (exit 1 when there are fixes)."
)
@click.option(
    "--report-unused-suppressions",
    is_flag=True,
    help="Report suppression comments and annotations that suppress nothing (rule unused-suppression).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; report through the exit code only.")
@click.option("--stdin-filename", default=None, help="The path to show for `-` (standard input).")
@click.option("--no-color", is_flag=True, help="No ANSI colors in full output.")
@click.option(
    "--output",
    "output_file",
    default=None,
    metavar="FILE",
    help="Write the report to FILE; standard output still shows the findings (full on a terminal, concise otherwise).",
)
@click.option("--statistics", is_flag=True, help="Count the findings per rule after the output, most frequent first.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for runs of many files (default: one per CPU; 1: a single process).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file, even one unchanged since the last run "
    "(runs of many files keep a cache in .podlint_cache/, or in $PODLINT_CACHE_DIR).",
)
def check(
    paths: tuple[str, ...],
    kube_version: str | None,
    output_format: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: str | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    report_unused_suppressions: bool,
    exit_zero: bool,
    quiet: bool,
    stdin_filename: str | None,
    no_color: bool,
    output_file: str | None,
    statistics: bool,
    jobs: int | None,
    no_cache: bool,
) -> int:
    """Check manifests: files, directories (searched for *.yaml, *.yml, *.json) or - for stdin."""
    try:
        overrides = Overrides(
            kube_version=check_version(kube_version) if kube_version else None,
            select=tuple(parse_ids(select)) or None,
            ignore=tuple(parse_ids(ignore)),
            extend_select=(*parse_ids(extend_select), *(["unused-suppression"] if report_unused_suppressions else [])),
            fail_on=Severity(fail_on) if fail_on else None,
            fix=fix or diff,
            unsafe_fixes=unsafe_fixes,
        )
        resolver = ConfigResolver(overrides, config_path)
        walk_problems: list[str] = []
        files = [
            path for path in discover(paths or (".",), walk_problems) if path == STDIN or not resolver.excluded(path)
        ]
        # Every configuration is read here, where its errors are reported: the files' through
        # `excluded`, standard input's (found from --stdin-filename) through this.
        version = resolver.settings_for(stdin_filename or STDIN).kube_version
    except ConfigError as error:
        click.echo(str(error), err=True)
        return EXIT_USAGE
    except UnknownVersionError as error:
        raise UsageProblem(str(error)) from None
    except UnknownRuleError as error:
        raise UsageProblem(f"unknown rule id `{error.args[0]}` (see `podlint rules`)") from None
    except MissingPathError as error:
        raise UsageProblem(f"no such file or directory: {error.args[0]}") from None

    progress = _progress(len(files), quiet, output_format if output_file is None else None)
    cache = None if no_cache or len(files) <= PARALLEL_FROM else _report_cache()
    result = check_paths(
        files,
        resolver.settings_for,
        stdin_filename,
        jobs or default_processes(),
        cache,
        progress.update if progress else None,
    )
    result.unreadable[:0] = walk_problems
    if progress:
        progress.close()
    if cache:
        cache.save()
    if diff:
        return _show_diff(result)
    if fix:
        _write_fixes(result, quiet)
    context = OutputContext(kube_version=version)
    interactive = sys.stdout.isatty()
    if output_file is None:
        shown = output_format or default_format(interactive)
    else:
        shown = "full" if interactive else "concise"
        try:
            rendered = renderer(output_format or default_format(to_terminal=False))(result, context)
            with open(output_file, "w", encoding="utf-8") as handle:
                handle.write(rendered)
        except OSError as error:
            click.echo(f"podlint: cannot write {output_file}: {error.strerror or error}", err=True)
            return EXIT_USAGE
    if not quiet:
        color = interactive and not no_color and "NO_COLOR" not in os.environ
        click.echo(renderer(shown)(result, replace(context, color=color)), nl=False, err=result.stdin_fixed is not None)
        if statistics:
            to_stderr = shown in DOCUMENT_FORMATS or result.stdin_fixed is not None
            click.echo(render_statistics(result), nl=False, err=to_stderr)
    if _report_problems(result):
        return EXIT_USAGE
    failed = any(f.severity.rank >= report.fail_on.rank for report in result.reports for f in report.findings)
    return EXIT_FINDINGS if failed and not exit_zero else EXIT_OK


def _show_diff(result: RunResult) -> int:
    """`--diff`: the fixes as a unified diff, nothing written; exit 1 when there is something to fix."""
    from podlint.fixer import unified_diff  # only --diff and --fix need the fixer

    changed = [(report.path, report.fix) for report in result.reports if report.fix and report.fix.changed]
    click.echo("".join(unified_diff(path, outcome) for path, outcome in changed), nl=False)
    count = sum(outcome.applied for _, outcome in changed)
    click.echo(f"Would fix {count} finding(s) in {len(changed)} file(s).", err=True)
    for report in result.reports:
        if report.fix and report.fix.refused:
            click.echo(f"podlint: {report.path}: {report.fix.refused}", err=True)
    if _report_problems(result):
        return EXIT_USAGE
    return EXIT_FINDINGS if changed else EXIT_OK


def _report_cache() -> ReportCache:
    from podlint.cache import ReportCache, cache_dir  # only runs of many files use it

    return ReportCache(cache_dir())


def _progress(files: int, quiet: bool, output_format: str | None) -> Progress | None:
    """A progress line for people at a terminal; never with a machine format or in CI."""
    shown = output_format or default_format(sys.stdout.isatty())
    if quiet or shown not in ("full", "concise") or not progress_wanted(sys.stderr):
        return None
    return Progress(files)


def _report_problems(result: RunResult) -> bool:
    """Say which paths could not be read or checked; whether there were any."""
    for problem in result.unreadable:
        click.echo(f"podlint: cannot read {problem}", err=True)
    crashed = [report for report in result.reports if report.crash]
    for report in crashed:
        click.echo(f"podlint: internal error while checking {report.path} ({report.crash}); please report it", err=True)
    return bool(result.unreadable or crashed)


def _write_fixes(result: RunResult, quiet: bool) -> None:
    """`--fix`: write the fixed files (standard input: print the fixed text) before reporting
    what remains."""
    applied = write_fixes(result)
    if result.stdin_fixed is not None:
        sys.stdout.buffer.write(result.stdin_fixed)
        sys.stdout.flush()
    for problem in result.fix_problems:
        click.echo(f"podlint: {problem}", err=True)
    if applied and not quiet:
        click.echo(f"Fixed {applied} finding(s).", err=True)


@cli.command("rules")
def list_rules() -> int:
    """List the rule catalog."""
    rows = [("id", "severity", "enabled", "fix", "summary")]
    for module in all_rules().values():
        rule = module.rule
        rows.append((rule.id, rule.severity.value, "yes" if rule.enabled else "no", rule.fix.value, rule.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[4])
    return EXIT_OK


@cli.command("rule")
@click.argument("rule_id")
def show_rule(rule_id: str) -> int:
    """Print a rule's documentation."""
    try:
        module = get_rule(rule_id)
    except UnknownRuleError:
        raise UsageProblem(f"unknown rule id `{rule_id}` (see `podlint rules`)") from None
    click.echo(f"# {module.id}\n\n{module.doc}")
    return EXIT_OK


@cli.command("config")
@click.argument("path", default=".")
@click.option("--config", "config_path", default=None, metavar="PATH", help="The configuration file to show instead.")
def show_config(path: str, config_path: str | None) -> int:
    """Print the configuration that applies to PATH (a file or folder): where it comes from and
    every key."""
    from podlint.config_show import describe  # only this command uses it

    try:
        resolver = ConfigResolver(Overrides(), config_path)
        # For a folder, the lookup starts in the folder itself, as it does for the files in it.
        probe = os.path.join(path, "-") if os.path.isdir(path) else path
        click.echo(describe(path, resolver.config_for(probe), resolver.settings_for(probe)), nl=False)
    except ConfigError as error:
        click.echo(str(error), err=True)
        return EXIT_USAGE
    return EXIT_OK


@cli.command("lsp")
@click.option(
    "--debounce",
    type=click.FloatRange(min=0),
    default=0.3,
    show_default=True,
    help="Seconds without typing before a changed document is checked.",
)
def language_server(debounce: float) -> int:
    """Start the language server on stdio (needs `podlint[lsp]`)."""
    try:
        from podlint.lsp import serve
    except ModuleNotFoundError as error:
        if (error.name or "").startswith("podlint"):
            raise
        missing = (error.name or "pygls").partition(".")[0]
        click.echo(f"podlint: the language server needs `{missing}`: install podlint[lsp]", err=True)
        return EXIT_USAGE
    return serve(debounce)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="podlint", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        click.echo(f"podlint: {_one_line(error)}", err=True)
        return EXIT_USAGE
    except click.Abort:
        return EXIT_USAGE
    return int(code or 0)


def _one_line(error: click.ClickException) -> str:
    """The error in one line, like the others podlint prints; a bad option points at its help."""
    message = " ".join(error.format_message().split())
    if isinstance(error, click.UsageError) and not isinstance(error, UsageProblem) and error.ctx is not None:
        message += f" (see `{error.ctx.command_path} --help`)"
    return message
