"""`podlint lsp`: a language server on stdio. Diagnostics on open, change (debounced) and save,
quick fixes as code actions, and the rule's documentation on hover.

Only the `lsp` command imports this module: pygls is the optional extra `podlint[lsp]`.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from podlint import __version__, rule_docs_url
from podlint.config import Config, ConfigResolver, Overrides, settings_of
from podlint.config_file import ConfigError
from podlint.engine import Settings, check_source
from podlint.findings import Finding, Severity
from podlint.lsp_positions import TextPositions
from podlint.registry import UnknownRuleError, get_rule
from podlint.schema import UnknownVersionError, check_version
from podlint.selection import parse_ids

DEFAULT_DEBOUNCE = 0.3
SOURCE = "podlint"
MANIFEST_LANGUAGES = frozenset({"yaml", "json"})
MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
logger = logging.getLogger(__name__)


class OptionsError(ValueError):
    """initializationOptions of the wrong type, or naming an unknown version or rule."""


@dataclass(frozen=True)
class ClientOptions:
    """What the editor's initializationOptions say; they win over configuration files, as the
    `check` options of the same names do."""

    overrides: Overrides = field(default_factory=Overrides)
    config: str | None = None


def read_client_options(options: object) -> ClientOptions:
    """`{"kubeVersion": "1.31", "select": [...], "ignore": [...], "extendSelect": [...],
    "config": "path/to/.podlint.yaml"}`, every key optional."""
    given = options if isinstance(options, Mapping) else {}

    def ids(key: str) -> tuple[str, ...]:
        value = given.get(key) or []
        if not isinstance(value, (str, list)):
            raise OptionsError(f"`{key}` must be a list of rule ids")
        return tuple(parse_ids([value] if isinstance(value, str) else [str(item) for item in value]))

    config = given.get("config")
    if config is not None and not isinstance(config, str):
        raise OptionsError("`config` must be the path of a configuration file")
    try:
        version = given.get("kubeVersion")
        overrides = Overrides(
            kube_version=check_version(str(version)) if version else None,
            select=ids("select") or None,
            ignore=ids("ignore"),
            extend_select=ids("extendSelect"),
        )
    except UnknownVersionError as error:
        raise OptionsError(str(error)) from None
    except UnknownRuleError as error:
        raise OptionsError(f"unknown rule id `{error.args[0]}` (see `podlint rules`)") from None
    return ClientOptions(overrides, os.path.expanduser(config) if config else None)


@dataclass(frozen=True)
class Located:
    """A finding with its place in the editor: character offsets and the published diagnostic."""

    finding: Finding
    start: int
    end: int
    diagnostic: types.Diagnostic

    def touches(self, start: int, end: int) -> bool:
        """Whether the finding meets the offsets; a cursor just after the finding counts."""
        return self.start <= end and start <= self.end

    def covers(self, offset: int) -> bool:
        """Whether the character at `offset` is part of the finding."""
        return self.start <= offset < self.end or self.start == self.end == offset


@dataclass(frozen=True)
class Analysis:
    """The findings of one text of a document."""

    text: str
    positions: TextPositions
    located: tuple[Located, ...]

    def range(self, start: int, end: int) -> types.Range:
        return _range(self.positions, start, end)

    def offset(self, position: types.Position) -> int:
        return self.positions.offset_at((position.line, position.character))

    def touching(self, lsp_range: types.Range) -> list[Located]:
        start, end = self.offset(lsp_range.start), self.offset(lsp_range.end)
        return [item for item in self.located if item.touches(start, end)]

    def under(self, position: types.Position) -> list[Located]:
        offset = self.offset(position)
        return [item for item in self.located if item.covers(offset)]


def analyse(path: str, text: str, settings: Settings, encoding: str) -> Analysis:
    positions = TextPositions(path, text, encoding)
    try:
        findings = check_source(positions.source, settings).findings
    except Exception:  # the server outlives any input; editors keep its stderr in their LSP log
        logger.exception("podlint failed on %s", path)
        findings = []
    located = []
    for finding in findings:
        start, end = positions.span_offsets(finding.span)
        located.append(Located(finding, start, end, _diagnostic(finding, _range(positions, start, end))))
    return Analysis(text, positions, tuple(located))


def _range(positions: TextPositions, start: int, end: int) -> types.Range:
    (start_line, start_character), (end_line, end_character) = positions.position(start), positions.position(end)
    return types.Range(types.Position(start_line, start_character), types.Position(end_line, end_character))


def _diagnostic(finding: Finding, lsp_range: types.Range) -> types.Diagnostic:
    return types.Diagnostic(
        range=lsp_range,
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=rule_docs_url(finding.rule)),
        source=SOURCE,
    )


def quick_fixes(uri: str, analysis: Analysis, items: Iterable[Located]) -> list[types.CodeAction]:
    actions = []
    for item in items:
        fix = item.finding.fix
        if fix is None:
            continue
        edits = [types.TextEdit(analysis.range(edit.start, edit.end), edit.text) for edit in fix.edits]
        actions.append(
            types.CodeAction(
                title=f"{fix.title} ({item.finding.rule})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[item.diagnostic],
                is_preferred=fix.safe,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


def rule_hover(items: list[Located]) -> types.Hover | None:
    if not items:
        return None
    rule_ids = dict.fromkeys(item.finding.rule for item in items)
    text = "\n\n---\n\n".join(
        f"# {rule_id}\n\n{get_rule(rule_id).doc}\n\n[{rule_id} on the web]({rule_docs_url(rule_id)})"
        for rule_id in rule_ids
    )
    first = items[0].diagnostic.range
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=first)


def is_manifest(document: TextDocument) -> bool:
    language = (document.language_id or "").split(".")[0]
    return language in MANIFEST_LANGUAGES or document.uri.lower().endswith(MANIFEST_SUFFIXES)


class PodlintServer(LanguageServer):
    """Keeps the latest analysis of each open manifest and the pending debounced checks."""

    def __init__(self, debounce: float) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.debounce = debounce
        self.client_options = ClientOptions()
        self.shutdown_requested = False
        self._analyses: dict[str, Analysis] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._shown: set[str] = set()

    def show_error(self, message: str) -> None:
        """Tell the user once, not at every keystroke."""
        if message not in self._shown:
            self._shown.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"podlint: {message}"))

    def settings_for(self, path: str) -> Settings | None:
        """The nearest configuration file's settings under the client's options, read again for
        every check so that edits to the file apply at once; None when it excludes the file."""
        options = self.client_options
        try:
            resolver = ConfigResolver(options.overrides, options.config)
            return None if resolver.excluded(path) else resolver.settings_for(path)
        except ConfigError as error:
            self.show_error(f"{error}; checking with the defaults")
            return settings_of(Config(None, os.getcwd()), options.overrides)

    def analysis(self, uri: str, fresh: bool = False) -> Analysis | None:
        """The findings of the document's current text, checked again if the text changed or
        when `fresh`; None for documents that are not checked."""
        document = self.workspace.text_documents.get(uri)
        if document is None or not is_manifest(document):
            return None
        text = document.source
        cached = self._analyses.get(uri)
        if fresh or cached is None or cached.text != text:
            settings = self.settings_for(document.path)
            if settings is None:
                self._analyses.pop(uri, None)
                return None
            encoding = self.workspace.position_encoding or "utf-16"
            encoding_name = str(getattr(encoding, "value", encoding))
            cached = self._analyses[uri] = analyse(document.path, text, settings, encoding_name)
        return cached

    def publish(self, uri: str, fresh: bool = False) -> None:
        """Publish the document's findings; none when the configuration excludes it."""
        self._cancel(uri)
        document = self.workspace.text_documents.get(uri)
        if document is None or not is_manifest(document):
            return
        analysis = self.analysis(uri, fresh)
        diagnostics = [item.diagnostic for item in analysis.located] if analysis else []
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics)
        )

    def publish_later(self, uri: str) -> None:
        """Check after `debounce` seconds without another change, so only the last text of a
        burst of typing is checked."""
        self._cancel(uri)
        self._pending[uri] = asyncio.get_running_loop().call_later(self.debounce, self.publish, uri)

    def forget(self, uri: str) -> None:
        self._cancel(uri)
        self._analyses.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _cancel(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()


def create_server(debounce: float = DEFAULT_DEBOUNCE) -> PodlintServer:
    server = PodlintServer(debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: PodlintServer, params: types.InitializeParams) -> None:
        try:
            ls.client_options = read_client_options(params.initialization_options)
        except OptionsError as error:
            ls.show_error(f"{error}; the initialization options are not used")

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PodlintServer, params: None) -> None:
        ls.shutdown_requested = True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PodlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, fresh=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PodlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.publish_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PodlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, fresh=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PodlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: PodlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        only = params.context.only
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None or (only and not any(types.CodeActionKind.QuickFix.startswith(kind) for kind in only)):
            return []
        return quick_fixes(params.text_document.uri, analysis, analysis.touching(params.range))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PodlintServer, params: types.HoverParams) -> types.Hover | None:
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return None
        return rule_hover(analysis.under(params.position))

    return server


def serve(debounce: float = DEFAULT_DEBOUNCE) -> int:
    """Run until the client says `exit` or closes stdin; 0 when it asked to shut down first."""
    server = create_server(debounce)
    server.start_io()
    return 0 if server.shutdown_requested else 1
