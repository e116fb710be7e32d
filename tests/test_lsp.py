"""`podlint lsp` driven over stdio by a JSON-RPC client with Content-Length framing, as editors do."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from podlint import rule_docs_url
from podlint.cli import main
from podlint.config import Overrides
from podlint.lsp import ClientOptions, OptionsError, read_client_options
from podlint.registry import get_rule

TIMEOUT = 5.0
URI = "file:///work/k8s/pod.yaml"
Message = dict[str, Any]

BAD_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/example/api:1.4.2
      imagePullPolicy: IfNotPresent
      env: [{name: ROCKET, value: "\U0001f680"}, {name: MODE, value: 3306}]
"""
FIXED_POD = BAD_POD.replace("value: 3306", 'value: "3306"')
ENV_MESSAGE = (
    "env var `MODE` of container `api` is the number `3306` under YAML 1.1, not a string, "
    "and the API server rejects it; quote it"
)


class LspClient:
    """A language client: requests wait for their response; notifications are kept in order."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "podlint", "lsp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._incoming: queue.Queue[Message | None] = queue.Queue()
        self._unclaimed: list[Message] = []
        self._last_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        stdout = self.process.stdout
        while True:
            headers = {}
            while line := stdout.readline().strip():
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if "content-length" not in headers:
                self._incoming.put(None)
                return
            self._incoming.put(json.loads(stdout.read(int(headers["content-length"]))))

    def send(self, message: Message) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any = None) -> Any:
        self._last_id += 1
        request_id = self._last_id
        self.send({"id": request_id, "method": method, "params": params})
        response = self.wait(lambda message: message.get("id") == request_id and "method" not in message)
        assert "error" not in response, response
        return response["result"]

    def notification(self, method: str) -> Any:
        return self.wait(lambda message: message.get("method") == method)["params"]

    def wait(self, wanted: Callable[[Message], bool]) -> Message:
        for index, message in enumerate(self._unclaimed):
            if wanted(message):
                return self._unclaimed.pop(index)
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                received = self._incoming.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                raise AssertionError(f"nothing awaited within {TIMEOUT} s; received {self._unclaimed}") from None
            assert received is not None, "the server closed its output"
            if wanted(received):
                return received
            self._unclaimed.append(received)

    def initialize(self, options: Any = None, capabilities: Message | None = None) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": None,
                "capabilities": capabilities or {},
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, text: str, uri: str = URI, language: str = "yaml") -> None:
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text},
            },
        )

    def change(self, version: int, text: str, uri: str = URI) -> None:
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            },
        )

    def exit(self) -> int:
        assert self.request("shutdown") is None
        self.notify("exit", None)
        return self.process.wait(timeout=TIMEOUT)


@pytest.fixture
def start() -> Iterator[Callable[..., LspClient]]:
    """Starts `podlint lsp` with the given arguments; stops what is left at the end of the test."""
    started: list[LspClient] = []

    def start_server(*args: str) -> LspClient:
        started.append(LspClient(*args))
        return started[-1]

    yield start_server
    for client in started:
        if client.process.poll() is None:
            client.process.kill()
            client.process.wait()
        for stream in (client.process.stdin, client.process.stdout, client.process.stderr):
            assert stream is not None
            stream.close()


@pytest.fixture
def client(start: Callable[..., LspClient]) -> LspClient:
    return start()


def position(line: int, character: int) -> dict[str, int]:
    return {"line": line, "character": character}


def lsp_range(line: int, start: int, end: int) -> dict[str, dict[str, int]]:
    return {"start": position(line, start), "end": position(line, end)}


def diagnostic(rule: str, severity: int, line: int, start: int, end: int, message: str) -> Message:
    return {
        "range": lsp_range(line, start, end),
        "message": message,
        "severity": severity,
        "code": rule,
        "codeDescription": {"href": rule_docs_url(rule)},
        "source": "podlint",
    }


# The rocket is one character and two UTF-16 code units: `3306` starts at character 60, unit 61.
ENV_DIAGNOSTIC = diagnostic("env-value-type", 1, 9, 61, 65, ENV_MESSAGE)


def test_diagnostics_quick_fix_and_hover(client: LspClient) -> None:
    capabilities = client.initialize()["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["codeActionProvider"] == {"codeActionKinds": ["quickfix"]}
    assert capabilities["hoverProvider"] is True

    client.open(BAD_POD)
    assert client.notification("textDocument/publishDiagnostics") == {
        "uri": URI,
        "version": 1,
        "diagnostics": [ENV_DIAGNOSTIC],
    }

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": URI},
            "range": lsp_range(9, 62, 62),
            "context": {"diagnostics": [ENV_DIAGNOSTIC]},
        },
    )
    assert actions == [
        {
            "title": "Quote the value (env-value-type)",
            "kind": "quickfix",
            "diagnostics": [ENV_DIAGNOSTIC],
            "isPreferred": True,
            "edit": {"changes": {URI: [{"range": lsp_range(9, 61, 65), "newText": '"3306"'}]}},
        }
    ]
    assert (
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": URI},
                "range": lsp_range(3, 0, 9),
                "context": {"diagnostics": []},
            },
        )
        == []
    )

    hover = client.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": position(9, 64)})
    assert hover["range"] == lsp_range(9, 61, 65)
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith(f"# env-value-type\n\n{get_rule('env-value-type').doc}\n\n")
    assert client.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": position(9, 65)}) is None

    # A line above moves the finding down; then a burst of typing is checked once, at its end.
    client.change(2, "# api\n" + BAD_POD)
    assert client.notification("textDocument/publishDiagnostics") == {
        "uri": URI,
        "version": 2,
        "diagnostics": [diagnostic("env-value-type", 1, 10, 61, 65, ENV_MESSAGE)],
    }
    client.change(3, BAD_POD.replace("3306", '"33'))
    client.change(4, FIXED_POD)
    assert client.notification("textDocument/publishDiagnostics") == {"uri": URI, "version": 4, "diagnostics": []}

    client.notify("textDocument/didClose", {"textDocument": {"uri": URI}})
    assert client.notification("textDocument/publishDiagnostics") == {"uri": URI, "diagnostics": []}
    assert client.exit() == 0


def test_save_checks_at_once_with_the_settings_of_initialization_options(start: Callable[..., LspClient]) -> None:
    client = start("--debounce", "30")
    client.initialize({"kubeVersion": "1.31", "ignore": ["env-value-type"]})
    client.open(BAD_POD)
    # Without env-value-type, the schema's own finding at the value is reported.
    params = client.notification("textDocument/publishDiagnostics")
    assert [(d["code"], d["range"]) for d in params["diagnostics"]] == [("invalid-type", lsp_range(9, 61, 65))]

    client.change(2, FIXED_POD)
    client.notify("textDocument/didSave", {"textDocument": {"uri": URI}})
    assert client.notification("textDocument/publishDiagnostics") == {"uri": URI, "version": 2, "diagnostics": []}
    assert client.exit() == 0


def test_unknown_initialization_options_are_shown_and_the_defaults_used(client: LspClient) -> None:
    result = client.initialize(
        {"kubeVersion": "1.2", "select": ["env-value-type"]}, {"general": {"positionEncodings": ["utf-8", "utf-16"]}}
    )
    assert result["capabilities"]["positionEncoding"] == "utf-8"
    shown = client.notification("window/showMessage")
    assert shown["type"] == 1
    assert shown["message"].startswith("podlint: no bundled schema for Kubernetes 1.2;")
    client.open(BAD_POD)
    # In UTF-8 the rocket is four code units: `3306` starts at unit 63.
    assert client.notification("textDocument/publishDiagnostics")["diagnostics"] == [
        {**ENV_DIAGNOSTIC, "range": lsp_range(9, 63, 67)}
    ]
    assert client.exit() == 0


DEEP_PREFIX = '{"apiVersion": "v1", "kind": "Pod", "x": '


def test_broken_input_gives_diagnostics_and_the_server_keeps_serving(client: LspClient) -> None:
    client.initialize()
    cases = [
        (
            "syntax.yaml",
            "apiVersion: v1\nkind: [Pod\nspec: {}\n",
            diagnostic(
                "yaml-syntax",
                1,
                2,
                4,
                5,
                "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",
            ),
        ),
        (
            "control.yaml",
            "kind: Pod\napiVersion: \U0001f680\x07\n",
            diagnostic(
                "yaml-syntax",
                1,
                1,
                14,
                15,
                "YAML syntax error: unacceptable character #x0007: control characters are not allowed",
            ),
        ),
        (
            "deep.json",
            DEEP_PREFIX + "[" * 5000,
            diagnostic(
                "yaml-syntax",
                1,
                0,
                len(DEEP_PREFIX) + 999,
                len(DEEP_PREFIX) + 1000,
                "nesting deeper than 1000 levels",
            ),
        ),
    ]
    for name, text, expected in cases:
        uri = f"file:///work/k8s/{name}"
        client.open(text, uri, "json" if name.endswith(".json") else "yaml")
        assert client.notification("textDocument/publishDiagnostics") == {
            "uri": uri,
            "version": 1,
            "diagnostics": [expected],
        }
    client.open("a: \ud800\n", "file:///work/k8s/surrogate.yaml")
    assert client.notification("textDocument/publishDiagnostics")["diagnostics"] == []
    client.open("[\n", "file:///work/notes.txt", "plaintext")
    client.open(BAD_POD)
    assert client.notification("textDocument/publishDiagnostics")["uri"] == URI
    assert client.exit() == 0


def test_initialization_options_read_like_check_options() -> None:
    assert read_client_options(None) == ClientOptions(Overrides(), None)
    assert read_client_options(
        {"kubeVersion": "v1.31.4", "select": "env-value-type", "ignore": ["duplicate-key"], "config": "~/podlint.yaml"}
    ) == ClientOptions(
        Overrides(kube_version="1.31", select=("env-value-type",), ignore=("duplicate-key",)),
        str(Path.home() / "podlint.yaml"),
    )
    with pytest.raises(OptionsError, match="^`ignore` must be a list of rule ids$"):
        read_client_options({"ignore": 3})
    with pytest.raises(OptionsError, match="^unknown rule id `env-value` "):
        read_client_options({"extendSelect": ["env-value"]})
    with pytest.raises(OptionsError, match="^`config` must be the path of a configuration file$"):
        read_client_options({"config": ["a.yaml"]})


def test_the_nearest_configuration_file_applies_and_is_read_again_on_save(client: LspClient, tmp_path: Path) -> None:
    config = tmp_path / ".podlint.yaml"
    config.write_text("severity:\n  env-value-type: warning\nexclude: [generated]\n")
    pod, generated = (tmp_path / "k8s" / "pod.yaml").as_uri(), (tmp_path / "generated" / "pod.yaml").as_uri()
    client.initialize()
    client.open(BAD_POD, generated)
    assert client.notification("textDocument/publishDiagnostics") == {"uri": generated, "version": 1, "diagnostics": []}
    client.open(BAD_POD, pod)
    assert client.notification("textDocument/publishDiagnostics") == {
        "uri": pod,
        "version": 1,
        "diagnostics": [{**ENV_DIAGNOSTIC, "severity": 2}],
    }

    config.write_text("ignore: [env-valu]\n")
    client.notify("textDocument/didSave", {"textDocument": {"uri": pod}})
    shown = client.notification("window/showMessage")
    assert shown["type"] == 1
    assert shown["message"].startswith(f"podlint: {config}:1:10: ")
    assert shown["message"].endswith("; checking with the defaults")
    assert client.notification("textDocument/publishDiagnostics") == {
        "uri": pod,
        "version": 1,
        "diagnostics": [ENV_DIAGNOSTIC],
    }
    assert client.exit() == 0


def test_exit_without_shutdown_is_an_error_exit(client: LspClient) -> None:
    client.initialize()
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 1


def test_lsp_without_pygls_asks_to_install_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [name for name in sys.modules if name == "podlint.lsp" or name.startswith("pygls")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)
    assert main(["lsp"]) == 2
    assert capsys.readouterr().err == "podlint: the language server needs `pygls`: install podlint[lsp]\n"


def test_check_does_not_import_the_language_server(tmp_path: Any) -> None:
    manifest = tmp_path / "pod.yaml"
    manifest.write_text(FIXED_POD)
    script = (
        "import sys; from podlint.cli import main; code = main(['check', '-q', sys.argv[1]]); "
        "print(code, sorted(name for name in sys.modules if name.startswith(('pygls', 'lsprotocol', 'podlint.lsp'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(manifest)], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.stdout == "0 []\n", done.stderr
