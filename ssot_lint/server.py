"""`ssot-lint server`: a Language Server (LSP over stdio, pygls) for editors.

Diagnostics are published for a buffer as it is opened and, debounced, as it is typed; each
fixable finding offers a quick fix and the file a "Fix all ssot-lint findings" source action,
both computed by the same verified fix as `ssot-lint fix` on the buffer's text. The project
(configuration, contract, the contract modules' exports) is loaded once per configuration file
and loaded again when that file or a contract module changes on disk (checked on every analysis
by modification time, and on didSave/didChangeWatchedFiles every open buffer is checked again).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__, app, buffers
from .config import ConfigError
from .findings import CheckReport
from .job import Job
from .lsp_edits import diagnostics_of, whole_text_edit

__all__ = ["DEBOUNCE_SECONDS", "FIX_ALL", "SsotServer", "run"]

DEBOUNCE_SECONDS = 0.3
FIX_ALL = "source.fixAll.ssot-lint"


class _Projects:
    """Loaded projects, keyed by the folder a buffer lives in; reloaded when a watched file's
    modification time changes."""

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple[Any, ...], app.Project, Job]] = {}

    def job(self, path: Path, options: app.RunOptions) -> Job:
        folder = path.parent
        cached = self._loaded.get(folder)
        if cached is not None and cached[0] == _stamp(cached[1], cached[2]):
            return cached[2]
        project, job = buffers.load_for(path, options)
        self._loaded[folder] = (_stamp(project, job), project, job)
        return job


def _module_files(project: app.Project, job: Job) -> list[Path]:
    files = []
    for exports in job.exports.modules:
        relative = Path(*exports.module.split("."))
        for root in project.src:
            files += [root / relative.with_suffix(".py"), root / relative / "__init__.py"]
    return files


def _stamp(project: app.Project, job: Job) -> tuple[Any, ...]:
    watched = ([project.config_file] if project.config_file else []) + _module_files(project, job)
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
        super().__init__("ssot-lint", __version__)
        self.projects = _Projects()
        self.pending: dict[str, asyncio.Task[None]] = {}

    def options(self, path: Path, **changes: Any) -> app.RunOptions:
        return dataclasses.replace(app.RunOptions(cwd=path.parent), **changes)

    def report(self, uri: str, text: str) -> CheckReport | str:
        """The buffer's findings, or the configuration problem that prevents them."""
        path = Path(to_fs_path(uri) or uri)
        try:
            job = self.projects.job(path, self.options(path))
        except ConfigError as error:
            return "; ".join(p.describe() for p in error.problems)
        return buffers.check_buffer(path, text.encode("utf-8"), self.options(path), job)

    def publish(self, uri: str) -> None:
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

    def fixed(self, uri: str, select: tuple[str, ...] = ()) -> str | None:
        """The buffer after the verified fix (only `select` codes when given), or None."""
        document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        try:
            job = self.projects.job(path, self.options(path))
        except ConfigError:
            return None
        if select:
            job = dataclasses.replace(job, codes=job.codes & frozenset(select))
        done = buffers.fix_buffer(path, document.source.encode("utf-8"), self.options(path), job)
        new = done.source.decode("utf-8")
        return new if new != document.source else None


server = SsotServer()


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
    for uri in list(ls.workspace.text_documents):
        ls.schedule(uri, 0)


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
    document = ls.workspace.get_text_document(uri)
    actions = []

    def wanted(kind: str) -> bool:
        return only is None or any(kind.startswith(str(k)) for k in only)

    if wanted(types.CodeActionKind.QuickFix):
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            if diagnostic.source != "ssot-lint" or not data.get("fixable"):
                continue
            new = ls.fixed(uri, (str(diagnostic.code),))
            if new is not None:
                actions.append(_action(f"ssot-lint: {data.get('title') or 'fix'} ({diagnostic.code})",
                                       types.CodeActionKind.QuickFix, uri, document.source, new, [diagnostic]))
    if wanted(FIX_ALL) or wanted(types.CodeActionKind.Source):
        new = ls.fixed(uri)
        if new is not None:
            actions.append(_action("Fix all ssot-lint findings", FIX_ALL, uri, document.source, new, None))
    return actions


def _action(title: str, kind: str, uri: str, old: str, new: str,
            diagnostics: list[types.Diagnostic] | None) -> types.CodeAction:
    edit = types.WorkspaceEdit(changes={uri: [whole_text_edit(old, new)]})
    return types.CodeAction(title=title, kind=kind, diagnostics=diagnostics, edit=edit,
                            is_preferred=kind == types.CodeActionKind.QuickFix)


def run() -> None:
    """Serve on stdin/stdout until the client says `exit`."""
    server.start_io()
