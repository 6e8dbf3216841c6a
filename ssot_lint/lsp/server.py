"""`ssot-lint server`: a Language Server (LSP over stdio, pygls) for editors.

Diagnostics are published for a buffer as it is opened and, debounced, as it is typed; each
fixable finding offers a quick fix that changes that finding alone, and the file a "Fix all
ssot-lint findings" source action, both computed by the same verified fix as `ssot-lint fix` on
the buffer's text. The project (configuration, contract, the contract modules' exports) is loaded
once per folder and loaded again when `pyproject.toml` or a contract module changes on disk: the
server asks the client to watch those files (when the client can register watchers) and checks
every open buffer again when one changes, saved from the editor or not; it also compares their
modification times on every analysis, for clients that cannot watch. Jupyter notebooks come as
LSP notebook documents (`notebooks`): checked whole, diagnostics per cell, "fix all" per cell;
a document the server cannot place on disk (another URI scheme) is left alone.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import app, buffers
from ..findings import CheckReport
from ..project.config import ConfigError
from ..runner.job import Job
from ..version import __version__
from .edits import diagnostics_of, whole_text_edit
from .notebooks import NOTEBOOK_SYNC, cell_reports, cell_sources, notebook_text

__all__ = ["DEBOUNCE_SECONDS", "FIX_ALL", "SsotServer", "glob_literal", "run"]

DEBOUNCE_SECONDS = 0.3
FIX_ALL = "source.fixAll.ssot-lint"


#: LSP glob metacharacters; each is matched literally inside brackets (`[*]`), except `]`, which
#: no bracket expression can hold in every client's glob (VS Code's closes it): `?` stands for it.
_GLOB_ESCAPES = {c: f"[{c}]" for c in "*?[{}"} | {"]": "?"}


def glob_literal(path: str) -> str:
    """An LSP glob pattern matching the file `path` (POSIX, absolute) and, at worst, a name that
    differs from it only where `path` has a `]`."""
    return "".join(_GLOB_ESCAPES.get(c, c) for c in path)


class _Projects:
    """Loaded projects, keyed by the folder a buffer lives in; reloaded when a watched file's
    modification time changes."""

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple[Any, ...], app.Project, Job]] = {}
        #: the files whose change reloads a project: configuration files and contract modules.
        self.files: set[Path] = set()

    def job(self, path: Path, options: app.RunOptions) -> Job:
        folder = path.parent
        cached = self._loaded.get(folder)
        if cached is not None and cached[0] == _stamp(_watched(cached[1], cached[2])):
            return cached[2]
        project, job = buffers.load_for(path, options)
        watched = _watched(project, job)
        self.files.update(watched)
        self._loaded[folder] = (_stamp(watched), project, job)
        return job

    def forget(self) -> None:
        """Load every project again on its next use (a watched file changed)."""
        self._loaded.clear()


def _watched(project: app.Project, job: Job) -> list[Path]:
    files = [project.config_file] if project.config_file else []
    for exports in job.exports.modules:
        relative = Path(*exports.module.split("."))
        for root in project.src:
            files += [root / relative.with_suffix(".py"), root / relative / "__init__.py"]
    return files


def _stamp(watched: list[Path]) -> tuple[Any, ...]:
    stamps = []
    for file in watched:
        try:
            stamps.append((str(file), os.stat(file).st_mtime_ns))
        except OSError:
            stamps.append((str(file), None))
    return tuple(stamps)


class SsotServer(LanguageServer):
    """The server and its state: loaded projects and the pending (debounced) analyses."""

    def __init__(self) -> None:
        super().__init__("ssot-lint", __version__, notebook_document_sync=NOTEBOOK_SYNC)
        self.projects = _Projects()
        self.pending: dict[str, asyncio.Task[None]] = {}
        #: glob patterns the client was asked to watch.
        self.watching: set[str] = set()

    def options(self, path: Path, **changes: Any) -> app.RunOptions:
        return dataclasses.replace(app.RunOptions(cwd=path.parent), **changes)

    def report(self, uri: str, text: str) -> CheckReport | str:
        """The buffer's findings, or the configuration problem that prevents them."""
        path = Path(to_fs_path(uri) or uri)
        try:
            job = self.projects.job(path, self.options(path))
        except ConfigError as error:
            return "; ".join(p.describe() for p in error.problems)
        self.watch(glob_literal(file.as_posix()) for file in self.projects.files)
        return buffers.check_buffer(path, text.encode("utf-8"), self.options(path), job)

    def notebook(self, uri: str) -> types.NotebookDocument | None:
        """The notebook `uri` is, or holds as a cell."""
        return self.workspace.get_notebook_document(notebook_uri=uri) or self.workspace.get_notebook_document(cell_uri=uri)

    def code_cells(self, notebook: types.NotebookDocument) -> list[tuple[str, str, int | None]]:
        """(uri, text, version) of each code cell, in order."""
        cells = []
        for cell in notebook.cells:
            if cell.kind == types.NotebookCellKind.Code:
                document = self.workspace.get_text_document(cell.document)
                cells.append((cell.document, document.source, document.version))
        return cells

    def publish_notebook(self, notebook: types.NotebookDocument) -> None:
        cells = self.code_cells(notebook)
        found = self.report(notebook.uri, notebook_text([text for _, text, _ in cells]))
        if isinstance(found, str):
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"ssot-lint: {found}"))
            reports: list[CheckReport | None] = [None] * len(cells)
        else:
            reports = list(cell_reports(found, len(cells)))
        for (uri, text, version), report in zip(cells, reports):
            diagnostics = diagnostics_of(report, text) if report is not None else []
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def publish(self, uri: str) -> None:
        notebook = self.notebook(uri)
        if notebook is not None:
            self.publish_notebook(notebook)
            return
        if to_fs_path(uri) is None:
            return  # not a file (an untitled buffer, a cell of a notebook the client did not sync)
        document = self.workspace.get_text_document(uri)
        found = self.report(uri, document.source)
        if isinstance(found, str):
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"ssot-lint: {found}"))
            found_diagnostics: list[types.Diagnostic] = []
        else:
            found_diagnostics = diagnostics_of(found, document.source)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=found_diagnostics))

    def schedule(self, uri: str, delay: float) -> None:
        """Analyse `uri` after `delay` seconds unless it changes again first (debounce)."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            self.publish(uri)

        self.pending[uri] = asyncio.ensure_future(later())

    def watch(self, patterns: Iterable[str]) -> None:
        """Ask the client to report changes to files matching `patterns` (each once), when it
        can register watchers (LSP has no other way to ask)."""
        new = sorted(set(patterns) - self.watching)
        capability = self.client_capabilities.workspace
        watch = capability.did_change_watched_files if capability else None
        if not new or watch is None or not watch.dynamic_registration:
            return
        self.watching.update(new)
        options = types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher(p) for p in new])
        registration = types.Registration(f"ssot-lint-watch-{len(self.watching)}",
                                          types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
        self.client_register_capability(types.RegistrationParams([registration]))

    def fixed(self, uri: str, only: frozenset[tuple[str, int, int]] | None = None) -> dict[str, tuple[str, str]]:
        """uri -> (old, new) text of each document the verified fix changes (of the findings
        starting at `only`'s (code, line, column) when given): the buffer, or a notebook's cells."""
        notebook = self.notebook(uri)
        if notebook is not None:
            cells = self.code_cells(notebook)
            new = self._fix(notebook.uri, notebook_text([text for _, text, _ in cells]), only)
            news = cell_sources(new) if new is not None else []
            return {cell: (old, text) for (cell, old, _), text in zip(cells, news) if text != old}
        if to_fs_path(uri) is None:
            return {}
        source = self.workspace.get_text_document(uri).source
        new = self._fix(uri, source, only)
        return {uri: (source, new)} if new is not None else {}

    def _fix(self, uri: str, source: str, only: frozenset[tuple[str, int, int]] | None) -> str | None:
        path = Path(to_fs_path(uri) or uri)
        try:
            job = self.projects.job(path, self.options(path))
        except ConfigError:
            return None
        done = buffers.fix_buffer(path, source.encode("utf-8"), self.options(path), job, only)
        new = done.source.decode("utf-8")
        return new if new != source else None


server = SsotServer()

#: the configuration file of any project, watched from the start (contract modules are added as
#: projects load).
CONFIG_GLOB = "**/pyproject.toml"


@server.feature(types.INITIALIZED)
def _initialized(ls: SsotServer, params: types.InitializedParams) -> None:
    ls.watch([CONFIG_GLOB])


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: SsotServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: SsotServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: SsotServer, params: types.DidSaveTextDocumentParams) -> None:
    for uri in list(ls.workspace.text_documents):  # a saved contract module changes every buffer's findings
        ls.schedule(uri, 0)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _did_change_watched(ls: SsotServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.projects.forget()
    for uri in list(ls.workspace.text_documents):
        ls.schedule(uri, 0)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def _notebook_did_open(ls: SsotServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri, 0)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
def _notebook_did_change(ls: SsotServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def _notebook_did_close(ls: SsotServer, params: types.DidCloseNotebookDocumentParams) -> None:
    pending = ls.pending.pop(params.notebook_document.uri, None)
    if pending is not None:
        pending.cancel()
    for cell in params.cell_text_documents:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=cell.uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: SsotServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
)
def _code_action(ls: SsotServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri, only = params.text_document.uri, params.context.only
    actions = []

    def wanted(kind: str) -> bool:
        return only is None or any(kind.startswith(str(k)) for k in only)

    if wanted(types.CodeActionKind.QuickFix):
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            if diagnostic.source != "ssot-lint" or not data.get("fixable"):
                continue
            at = data.get("at")
            if not (isinstance(at, list) and len(at) == 2 and all(isinstance(n, int) for n in at)):
                continue
            changed = ls.fixed(uri, frozenset({(str(diagnostic.code), at[0], at[1])}))
            if changed:
                actions.append(_action(f"ssot-lint: {data.get('title') or 'fix'} ({diagnostic.code})",
                                       types.CodeActionKind.QuickFix, changed, [diagnostic]))
    if wanted(FIX_ALL) or wanted(types.CodeActionKind.Source):
        changed = ls.fixed(uri)
        if changed:
            actions.append(_action("Fix all ssot-lint findings", FIX_ALL, changed, None))
    return actions


def _action(title: str, kind: str, changed: dict[str, tuple[str, str]],
            diagnostics: list[types.Diagnostic] | None) -> types.CodeAction:
    edit = types.WorkspaceEdit(changes={uri: [whole_text_edit(old, new)] for uri, (old, new) in changed.items()})
    return types.CodeAction(title=title, kind=kind, diagnostics=diagnostics, edit=edit,
                            is_preferred=kind == types.CodeActionKind.QuickFix)


def run() -> None:
    """Serve on stdin/stdout until the client says `exit`."""
    server.start_io()
