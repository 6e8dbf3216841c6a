"""`ssot-lint server` driven over stdio with real LSP JSON-RPC messages, as an editor does:
initialize, didOpen, didChange, codeAction (quick fix and fix all), the watchers it registers, a
contract change on disk, shutdown and exit."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

OLD = "app.websocket_core.unified_manager"
NEW = "app.websocket_core.websocket_manager"
UWM = "UnifiedWebSocketManager"
DEPRECATED = f"from {OLD} import {UWM}\n"

pytestmark = pytest.mark.slow


class Client:
    """A minimal LSP client: Content-Length framing, request ids, a reader thread."""

    def __init__(self, cwd: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}
        self.process = subprocess.Popen([sys.executable, "-m", "ssot_lint", "server"], cwd=cwd, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        #: every message the server sent, in order.
        self.seen: list[dict[str, Any]] = []
        self.ids = iter(range(1, 10_000))
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            message = json.loads(stream.read(int(headers["content-length"])))
            self.seen.append(message)
            self.messages.put(message)

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any] | None) -> Any:
        number = next(self.ids)
        self.send({"id": number, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == number and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, wanted, timeout: float = 60.0) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if message.get("method") == "window/logMessage":
                continue
            if wanted(message):
                return message

    def answer(self, method: str) -> dict[str, Any]:
        """Wait for the server's request `method` and reply to it as a client that accepts it."""
        request = self.wait(lambda m: m.get("method") == method and "id" in m)
        self.send({"id": request["id"], "result": None})
        return request["params"]

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri and (version is None or m["params"].get("version") == version))
        return message["params"]["diagnostics"]


def apply(text: str, edit: dict[str, Any]) -> str:
    lines = text.splitlines(keepends=True)
    start, end = edit["range"]["start"], edit["range"]["end"]

    def offset(position: dict[str, int]) -> int:  # ASCII test text: characters are code units
        return sum(len(line) for line in lines[: position["line"]]) + position["character"]

    return text[: offset(start)] + edit["newText"] + text[offset(end):]


def _start(root: Path, capabilities: dict[str, Any]) -> Client:
    client = Client(root)
    client.root = root  # type: ignore[attr-defined]
    init = client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": capabilities})
    assert init["serverInfo"]["name"] == "ssot-lint"
    assert "source.fixAll.ssot-lint" in init["capabilities"]["codeActionProvider"]["codeActionKinds"]
    client.notify("initialized", {})
    return client


@pytest.fixture
def client(project):  # type: ignore[no-untyped-def]
    client = _start(project({"app/consumer.py": DEPRECATED}), {})
    yield client
    if client.process.poll() is None:
        client.process.kill()


#: what an editor that watches files for its servers (VS Code, Neovim) declares.
WATCHING = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}


@pytest.fixture
def watching_client(project):  # type: ignore[no-untyped-def]
    client = _start(project({"app/consumer.py": DEPRECATED}), WATCHING)
    yield client
    if client.process.poll() is None:
        client.process.kill()


def _open(client: Client, relative: str, text: str) -> str:
    uri = (client.root / relative).as_uri()  # type: ignore[attr-defined]
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
    return uri


def test_diagnostics_as_the_user_types_then_fixes_and_shutdown(client: Client) -> None:
    uri = _open(client, "app/consumer.py", DEPRECATED)
    [found] = client.diagnostics(uri, 1)
    assert (found["code"], found["source"]) == ("SSOT001", "ssot-lint")
    assert found["range"] == {"start": {"line": 0, "character": 47}, "end": {"line": 0, "character": 70}}
    assert found["codeDescription"]["href"].endswith("rules/SSOT001-deprecated-import.md")

    # the unsaved buffer, not the file: a second violation typed in, debounced into one publish
    typed = DEPRECATED + f"\nmanager = {UWM}()\n"
    for version, text in ((2, typed[:-5]), (3, typed)):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": text}]})
    published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert published["params"]["version"] == 3  # version 2 was superseded before it was analysed
    after = published["params"]["diagnostics"]
    assert sorted(d["code"] for d in after) == ["SSOT001", "SSOT003"]

    context = {"diagnostics": after, "only": ["quickfix"]}
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "context": context,
                                                         "range": after[0]["range"]})
    assert [a["title"] for a in actions] == [f"ssot-lint: Import `{UWM}` from `{NEW}` (SSOT001)"]
    [edit] = actions[0]["edit"]["changes"][uri]
    assert apply(typed, edit) == typed.replace(OLD, NEW)

    fix_all = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": after[0]["range"],
                                                         "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    assert [(a["title"], a["kind"]) for a in fix_all] == [("Fix all ssot-lint findings", "source.fixAll.ssot-lint")]
    assert apply(typed, fix_all[0]["edit"]["changes"][uri][0]) == typed.replace(OLD, NEW)
    assert (client.root / "app/consumer.py").read_text(encoding="utf-8") == DEPRECATED  # type: ignore[attr-defined]

    assert client.request("shutdown", None) is None
    client.notify("exit", {})
    assert client.process.wait(timeout=30) == 0


def test_a_contract_change_on_disk_reloads_the_contract(client: Client) -> None:
    text = "from app.legacy import thing\n"
    uri = _open(client, "app/consumer.py", text)
    assert client.diagnostics(uri, 1) == []
    root: Path = client.root  # type: ignore[attr-defined]
    (root / "app/legacy.py").write_text("from app.websocket_core.websocket_manager import *\n", encoding="utf-8")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        'deprecated = ["app.websocket_core.manager"', 'deprecated = ["app.legacy", "app.websocket_core.manager"'),
        encoding="utf-8")
    assert "app.legacy" in pyproject.read_text(encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": pyproject.as_uri(), "type": 2}]})
    [found] = client.diagnostics(uri)
    assert found["code"] == "SSOT001" and "app.legacy" in found["message"]
    # a client that declared no watching capability is never asked to watch
    assert not [m for m in client.seen if m.get("method") == "client/registerCapability"]


def test_positions_count_utf16_code_units(client: Client) -> None:
    text = f"x = '😀'; {DEPRECATED}"  # one character before the import, two UTF-16 code units
    uri = _open(client, "app/consumer.py", text)
    [found] = client.diagnostics(uri, 1)
    column = text.index(UWM)
    assert found["range"]["start"]["character"] == column + 1  # the emoji counts twice


#: the same deprecated import in two functions: two SSOT001 findings with the same symbol.
TWICE = (f"def first():\n    from {OLD} import {UWM}\n    return {UWM}\n\n\n"
         f"def second():\n    from {OLD} import {UWM}\n    return {UWM}\n")


def _actions(client: Client, uri: str, diagnostics: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return client.request("textDocument/codeAction", {  # type: ignore[no-any-return]
        "textDocument": {"uri": uri}, "range": diagnostics[0]["range"] if diagnostics else {
            "start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": diagnostics, "only": [kind]}})


def test_a_quick_fix_changes_its_own_finding_and_leaves_another_of_the_same_code(client: Client) -> None:
    uri = _open(client, "app/consumer.py", TWICE)
    first, second = client.diagnostics(uri, 1)
    assert [(d["code"], d["range"]["start"]["line"]) for d in (first, second)] == [("SSOT001", 1), ("SSOT001", 6)]
    only_first = TWICE.replace(OLD, NEW, 1)
    only_second = TWICE[: TWICE.rindex(OLD)] + TWICE[TWICE.rindex(OLD):].replace(OLD, NEW)

    one, two = _actions(client, uri, [first, second], "quickfix")
    assert (one["diagnostics"], two["diagnostics"]) == ([first], [second])
    assert apply(TWICE, one["edit"]["changes"][uri][0]) == only_first
    assert apply(TWICE, two["edit"]["changes"][uri][0]) == only_second
    [fix_all] = _actions(client, uri, [], "source.fixAll")
    assert apply(TWICE, fix_all["edit"]["changes"][uri][0]) == TWICE.replace(OLD, NEW)

    # the editor applies the second finding's quick fix: the first finding is still there
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": only_second}]})
    [left] = client.diagnostics(uri, 2)
    assert (left["code"], left["range"]) == ("SSOT001", first["range"])
    [action] = _actions(client, uri, [left], "quickfix")
    assert apply(only_second, action["edit"]["changes"][uri][0]) == TWICE.replace(OLD, NEW)


def test_the_server_watches_the_contract_files_and_reloads_when_one_changes(watching_client: Client) -> None:
    client = watching_client
    root: Path = client.root  # type: ignore[attr-defined]
    [first] = client.answer("client/registerCapability")["registrations"]
    assert first["method"] == "workspace/didChangeWatchedFiles"
    assert first["registerOptions"] == {"watchers": [{"globPattern": "**/pyproject.toml"}]}

    uri = _open(client, "app/consumer.py", f"from {OLD} import UserExecutionContext\n")
    [modules] = client.answer("client/registerCapability")["registrations"]
    watched = {w["globPattern"] for w in modules["registerOptions"]["watchers"]}
    canonical = root / "app/websocket_core/websocket_manager.py"
    assert {canonical.as_posix(), (root / "pyproject.toml").as_posix()} <= watched
    [found] = client.diagnostics(uri, 1)
    assert found["data"]["fixable"] is True

    # the canonical module stops providing the name (a checkout, another tool): nothing is saved
    # in the editor, the client reports the change it watches, the buffer is checked again
    canonical.write_text(f"from {OLD} import {UWM}\n", encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": canonical.as_uri(), "type": 2}]})
    [again] = client.diagnostics(uri, 1)
    assert again["code"] == "SSOT001" and again["data"]["fixable"] is False
    assert "(fix:" not in again["message"]
    assert _actions(client, uri, [again], "quickfix") == []


def lsp_glob(pattern: str) -> re.Pattern[str]:
    """LSP 3.17's glob as editors read it: `**`, `*` and `?` within a segment, `{a,b}`, and a
    bracket expression that the first `]` closes (as VS Code's glob does)."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            out, i = [*out, ".*"], i + 2
            continue
        if c in "[{":
            j = pattern.index("]" if c == "[" else "}", i + 1)
            body = pattern[i + 1 : j]
            if c == "[":
                out.append("[^" + re.escape(body[1:]) + "]" if body.startswith("!") else "[" + re.escape(body) + "]")
            else:
                out.append("(?:" + "|".join(re.escape(part) for part in body.split(",")) + ")")
            i = j + 1
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(c, re.escape(c)))
        i += 1
    return re.compile("".join(out) + r"\Z")


def test_watched_paths_with_glob_characters_match_those_files(project) -> None:
    made = project({"app/consumer.py": DEPRECATED})
    root = made.rename(made.parent / "odd [1] {a,b} *?")
    client = _start(root, WATCHING)
    try:
        client.answer("client/registerCapability")
        uri = _open(client, "app/consumer.py", f"from {OLD} import UserExecutionContext\n")
        [modules] = client.answer("client/registerCapability")["registrations"]
        patterns = [w["globPattern"] for w in modules["registerOptions"]["watchers"]]
        for file in (root / "pyproject.toml", root / "app/websocket_core/websocket_manager.py"):
            assert [p for p in patterns if lsp_glob(p).match(file.as_posix())], (file, patterns)
            # a folder whose name differs where the path has a glob character is not watched
            other = file.as_posix().replace("{a,b} *?", "a x?")
            assert not [p for p in patterns if lsp_glob(p).match(other)], (other, patterns)
        assert client.diagnostics(uri, 1)
    finally:
        client.process.kill()


def _cell(text: str, line: int, rng: dict[str, Any]) -> str:
    """The characters a diagnostic's range covers on one line (ASCII text)."""
    assert rng["start"]["line"] == rng["end"]["line"] == line
    return text.split("\n")[line][rng["start"]["character"] : rng["end"]["character"]]


def test_a_notebook_document_gets_diagnostics_per_cell_and_a_fix_all_per_cell(client: Client) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    notebook = (root / "app/analysis.ipynb").as_uri()
    cells = {f"{notebook}#cell{n}": text for n, text in enumerate(
        ["# Notes\n", "import os\n", f"x = 1\nfrom {OLD} import {UWM}\n"])}
    markdown, first, second = cells
    client.notify("notebookDocument/didOpen", {
        "notebookDocument": {"uri": notebook, "notebookType": "jupyter-notebook", "version": 1,
                             "cells": [{"kind": 1 if uri == markdown else 2, "document": uri} for uri in cells]},
        "cellTextDocuments": [{"uri": uri, "languageId": "markdown" if uri == markdown else "python", "version": 1,
                               "text": text} for uri, text in cells.items()]})
    assert client.diagnostics(first, 1) == []
    [found] = client.diagnostics(second, 1)
    assert found["code"] == "SSOT001" and _cell(cells[second], 1, found["range"]) == UWM  # the cell's own line

    # a save elsewhere checks every open document again: the cells go through their notebook
    client.notify("textDocument/didSave", {"textDocument": {"uri": (root / "pyproject.toml").as_uri()}})
    [again] = client.diagnostics(second)
    assert again["range"] == found["range"]

    [action] = _actions(client, second, [], "source.fixAll")
    assert list(action["edit"]["changes"]) == [second]  # only the cell that changes
    fixed = apply(cells[second], action["edit"]["changes"][second][0])
    assert fixed == cells[second].replace(OLD, NEW)
    client.notify("notebookDocument/didChange", {
        "notebookDocument": {"uri": notebook, "version": 2},
        "change": {"cells": {"textContent": [{"document": {"uri": second, "version": 2},
                                              "changes": [{"text": fixed}]}]}}})
    assert client.diagnostics(second, 2) == []
    assert not (root / "app/analysis.ipynb").exists()  # the editor's buffer, never a file


def test_a_notebook_opened_as_text_is_annotated_on_its_json_lines(client: Client) -> None:
    cell = ["import os\n", f"from {OLD} import {UWM}\n"]
    text = json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                  "source": cell}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)
    uri = _open(client, "app/raw.ipynb", text)
    [found] = client.diagnostics(uri, 1)
    line = found["range"]["start"]["line"]
    assert text.split("\n")[line].strip().startswith(f'"from {OLD} import')
    assert _cell(text, line, found["range"]) == UWM
    [action] = _actions(client, uri, [], "source.fixAll")
    assert json.loads(apply(text, action["edit"]["changes"][uri][0]))["cells"][0]["source"][1] == cell[1].replace(OLD, NEW)


def test_a_document_that_is_not_a_file_is_left_alone(client: Client) -> None:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "python",
                                                            "version": 1, "text": DEPRECATED}})
    assert _actions(client, "untitled:Untitled-1", [], "source.fixAll") == []
    uri = _open(client, "app/consumer.py", DEPRECATED)  # the server still serves files
    assert [d["code"] for d in client.diagnostics(uri, 1)] == ["SSOT001"]
