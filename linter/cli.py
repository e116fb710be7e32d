"""The `podlint` command. `main(argv) -> int`; nothing below it exits the process."""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from podlint import __version__
from podlint.engine import Settings
from podlint.files import MissingPathError, discover
from podlint.findings import Severity
from podlint.output import FORMATS, OutputContext, renderer
from podlint.registry import UnknownRuleError, all_rules, get_rule
from podlint.run import check_paths
from podlint.schema import DEFAULT_VERSION, UnknownVersionError, check_version
from podlint.selection import enabled_rules, parse_ids

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageProblem(click.UsageError):
    exit_code = EXIT_USAGE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="podlint")
def cli() -> None:
    """Lint Kubernetes pod manifests: schema errors and pod semantics, at exact positions."""


@cli.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--kube-version", default=None, help=f"Kubernetes version to validate against (default {DEFAULT_VERSION}).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: full on a terminal, concise otherwise).")
@click.option("--select", multiple=True, help="Only these rule ids (comma-separated, repeatable; `all`).")
@click.option("--extend-select", multiple=True, help="Rule ids to add to the default set.")
@click.option("--ignore", multiple=True, help="Rule ids to skip.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; report through the exit code only.")
@click.option("--stdin-filename", default=None, help="The path to show for `-` (standard input).")
@click.option("--no-color", is_flag=True, help="No ANSI colors in full output.")
def check(
    paths: tuple[str, ...],
    kube_version: str | None,
    output_format: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    exit_zero: bool,
    quiet: bool,
    stdin_filename: str | None,
    no_color: bool,
) -> int:
    """Check manifests: files, directories (searched for *.yaml, *.yml, *.json) or - for stdin."""
    try:
        version = check_version(kube_version or DEFAULT_VERSION)
        rules = enabled_rules(parse_ids(select) or None, parse_ids(ignore), parse_ids(extend_select))
        files = list(discover(paths or (".",)))
    except UnknownVersionError as error:
        raise UsageProblem(str(error)) from None
    except UnknownRuleError as error:
        raise UsageProblem(f"unknown rule id `{error.args[0]}` (see `podlint rules`)") from None
    except MissingPathError as error:
        raise UsageProblem(f"no such file or directory: {error.args[0]}") from None

    result = check_paths(files, Settings(version, rules), stdin_filename)
    interactive = sys.stdout.isatty()
    chosen = output_format or ("full" if interactive else "concise")
    if not quiet:
        context = OutputContext(color=interactive and not no_color and "NO_COLOR" not in os.environ,
                                kube_version=version)
        click.echo(renderer(chosen)(result, context), nl=False)
    for problem in result.unreadable:
        click.echo(f"podlint: cannot read {problem}", err=True)
    if result.unreadable:
        return EXIT_USAGE
    threshold = Severity(fail_on).rank
    failed = any(finding.severity.rank >= threshold for finding in result.findings)
    return EXIT_FINDINGS if failed and not exit_zero else EXIT_OK


@cli.command("rules")
def list_rules() -> int:
    """List the rule catalog."""
    rows = [("id", "severity", "enabled", "fix", "summary")]
    for module in all_rules().values():
        rule = module.rule
        rows.append((rule.id, rule.severity.value, "yes" if rule.enabled else "no", rule.fix.value, rule.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4])
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


@cli.command("lsp")
@click.option("--debounce", type=click.FloatRange(min=0), default=0.3, show_default=True,
              help="Seconds without typing before a changed document is checked.")
def language_server(debounce: float) -> int:
    """Start the language server on stdio (needs `podlint[lsp]`)."""
    try:
        from podlint.lsp import serve
    except ModuleNotFoundError as error:
        if (error.name or "").startswith("podlint"):
            raise
        click.echo(f"podlint: the language server needs `{error.name}`: install podlint[lsp]", err=True)
        return EXIT_USAGE
    return serve(debounce)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="podlint", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE
    except click.Abort:
        return EXIT_USAGE
    return int(code or 0)
