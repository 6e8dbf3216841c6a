"""Turn the `[tool.ssot-lint]` configuration into a validated `Project` (`config_file` finds and
reads the file).

Every later stage trusts `Project` blindly, so this module is the one gate. It checks every key
before anything is scanned and raises one `ConfigError` listing every problem, each naming its file
and key, so a user fixes the whole config in one pass instead of one error per run.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ssot_lint.project.config_file import (
    SECTION,
    ConfigError,
    ConfigProblem,
    find_config,
    read_toml,
)
from ssot_lint.project.confine import escapes, outside_message
from ssot_lint.project.contract import (
    DEFAULT_FILE_TIMEOUT,
    DEFAULT_MAX_FILE_SIZE,
    Contract,
    Project,
    is_dotted_name,
)
from ssot_lint.project.crosscheck import CROSS_CHECKS
from ssot_lint.project.crosscheck import join_key as _join
from ssot_lint.project.selectors import expand
from ssot_lint.project.selectors import unknown as unknown_selector

__all__ = ["ConfigError", "ConfigProblem", "find_config", "load"]

_TOP_KEYS = ("src", "exclude", "per-file-ignores", "baseline", "python", "max-file-size", "file-timeout",
             "rename-style", "contract")
#: how `fix` imports a renamed name: under its new name, uses renamed (default), or `as` the old one.
RENAME_STYLES = ("adopt", "keep-local")
#: a contract must declare at least one of these, or it enforces nothing.
_DECLARING = ("deprecated", "renames", "factory-only", "deprecated-calls", "unique")
_CONTRACT_KEYS = ("name", "canonical", *_DECLARING, "factory", "allowed-in")
_MODULE_GLOB = re.compile(r"^[A-Za-z_*?][A-Za-z0-9_*?]*(\.[A-Za-z_*?][A-Za-z0-9_*?]*)*$")

T = TypeVar("T")


@dataclass(slots=True)
class _Report:
    """Collects the problems of one file, so validation keeps going after the first one."""

    file: str
    problems: list[ConfigProblem] = field(default_factory=list)

    def add(self, key: str, message: str, hint: str = "") -> None:
        self.problems.append(ConfigProblem(self.file, key, message, hint))


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a string value must look like; `noun` words the problem and `hint` shows the fix."""

    noun: str
    test: Callable[[str], bool] = field(repr=False)
    hint: str = ""


_TEXT = _Kind("string", lambda text: True)
_NAME = _Kind("contract name", lambda text: bool(text.strip()), "e.g. `websocket-manager`")
_DOTTED = _Kind("dotted name", is_dotted_name, "write it like `package.module.Name`")
_QUALIFIED = _Kind(
    "module-qualified name",
    lambda text: is_dotted_name(text) and "." in text,
    "write the module and the name, like `package.module.Name`",
)
_REPLACEMENT = _Kind(
    "module-qualified name",
    lambda text: text == "" or (is_dotted_name(text) and "." in text),
    'write it like `package.module.function`, or "" for no replacement',
)
_GLOB = _Kind(
    "module glob",
    lambda text: bool(_MODULE_GLOB.match(text)),
    "dotted module names where `*` and `?` are wildcards, e.g. `app.core.*`",
)
_CLASS = _Kind(
    "class name",
    lambda text: is_dotted_name(text) and "." not in text,
    "give the bare class name, e.g. `UnifiedWebSocketManager`",
)


def _dedupe(items: Iterable[T]) -> tuple[T, ...]:
    """Duplicates are harmless in a config, so drop them quietly, keeping file order."""
    return tuple(dict.fromkeys(items))


def _string(report: _Report, value: object, key: str, kind: _Kind) -> str | None:
    if not isinstance(value, str):
        hint = 'quote dotted keys: `"a.b.C" = ...`' if isinstance(value, dict) else ""
        report.add(key, f"expected a string, got {type(value).__name__}", hint)
        return None
    if not kind.test(value):
        report.add(key, f"not a {kind.noun}: {value!r}", kind.hint)
        return None
    return value


def _strings(report: _Report, value: object, key: str, kind: _Kind) -> tuple[str, ...]:
    if not isinstance(value, list):
        report.add(key, f"expected a list of strings, got {type(value).__name__}")
        return ()
    items = (_string(report, item, f"{key}[{i}]", kind) for i, item in enumerate(value))
    return _dedupe(item for item in items if item is not None)


def _table(report: _Report, value: object, key: str) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        report.add(key, f"expected a table, got {type(value).__name__}")
        return None
    return value


@dataclass(frozen=True, slots=True)
class _Table:
    """One TOML table under validation: typed reads that record a problem for each bad value."""

    report: _Report
    data: Mapping[str, Any]
    key: str

    def path(self, name: str) -> str:
        return _join(self.key, name)

    def unknown(self, known: Sequence[str]) -> None:
        """Typos must not be ignored silently: a misspelt key would disable a rule unnoticed."""
        for name in self.data:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(known)}"
                self.report.add(self.path(name), f"unknown key {name!r}", hint)

    def string(self, name: str, kind: _Kind, *, required: bool = False) -> str | None:
        if name in self.data:
            return _string(self.report, self.data[name], self.path(name), kind)
        if required:
            self.report.add(self.path(name), "missing required key", f"add `{name} = ...`")
        return None

    def strings(self, name: str, kind: _Kind) -> tuple[str, ...]:
        if name not in self.data:
            return ()
        return _strings(self.report, self.data[name], self.path(name), kind)

    def pairs(self, name: str, value_kind: _Kind) -> tuple[tuple[str, str], ...]:
        """A `dotted -> value` table as pairs sorted by key, so output never depends on order."""
        table = _table(self.report, self.data.get(name, {}), self.path(name))
        found: list[tuple[str, str]] = []
        for old, value in (table or {}).items():
            key = _join(self.path(name), old)
            new = _string(self.report, value, key, value_kind)
            if isinstance(value, dict):
                continue  # an unquoted dotted key: the hint above says to quote it
            valid_old = _string(self.report, old, key, _QUALIFIED)
            if valid_old is not None and new is not None:
                found.append((old, new))
        return tuple(sorted(found))

    def limit(self, name: str, default: T, kind: type[T], unit: str) -> T:
        """A number of `unit`s, 0 for no limit."""
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int) or value < 0:
            self.report.add(self.path(name), f"expected a number of {unit} (0 for no limit), got {value!r}")
            return default
        return kind(value)  # type: ignore[call-arg]


def _contract(report: _Report, value: object, key: str) -> Contract | None:
    """Parse one contract table; None when it lacks a usable name or canonical module."""
    data = _table(report, value, key)
    if data is None:
        return None
    table = _Table(report, data, key)
    table.unknown(_CONTRACT_KEYS)
    if not any(data.get(name) for name in _DECLARING):
        listed = ", ".join(f"`{name}`" for name in _DECLARING)
        report.add(key, "contract declares nothing to enforce", f"add at least one of {listed}")
    name = table.string("name", _NAME, required=True)
    canonical = table.string("canonical", _DOTTED, required=True)
    contract = Contract(
        name=name or "",
        canonical=canonical or "",
        deprecated=table.strings("deprecated", _DOTTED),
        renames=table.pairs("renames", _QUALIFIED),
        factory_only=table.strings("factory-only", _QUALIFIED),
        factory=table.string("factory", _QUALIFIED),
        allowed_in=table.strings("allowed-in", _GLOB),
        deprecated_calls=table.pairs("deprecated-calls", _REPLACEMENT),
        unique=table.strings("unique", _CLASS),
    )
    return contract if name is not None and canonical is not None else None


def _contracts(table: _Table) -> list[tuple[str, Contract]]:
    """Every contract that parsed far enough to cross-check, with its key path."""
    key = table.path("contract")
    value = table.data.get("contract")
    if value is None or value == []:
        table.report.add(key, "at least one contract is required", f"add a `[[{key}]]` table")
        return []
    if not isinstance(value, list):
        hint = f"write `[[{key}]]` with double brackets" if isinstance(value, dict) else ""
        table.report.add(key, f"expected an array of tables, got {type(value).__name__}", hint)
        return []
    keys = [f"{key}[{i}]" for i in range(len(value))]
    parsed = [(where, _contract(table.report, item, where)) for where, item in zip(keys, value)]
    return [(where, contract) for where, contract in parsed if contract is not None]


def _ignores(table: _Table) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Globs and the codes they ignore, prefixes expanded (the same selectors as `--select`)."""
    key = table.path("per-file-ignores")
    data = _table(table.report, table.data.get("per-file-ignores", {}), key) or {}
    pairs = []
    for glob in data:
        where = _join(key, glob)
        selectors = _strings(table.report, data[glob], where, _TEXT)
        for i, selector in enumerate(selectors):
            problem = unknown_selector(selector)
            if problem is not None:
                table.report.add(f"{where}[{i}]", *problem)
        codes = _dedupe(code for selector in selectors for code in expand(selector))
        pairs.append((glob, codes))
    return tuple(sorted(pairs))


def _src(table: _Table, root: Path) -> tuple[Path, ...]:
    """Source folders as absolute paths; an empty list would silently check nothing."""
    if table.data.get("src") == []:
        hint = 'use `["."]` for the project root'
        table.report.add(table.path("src"), "expected at least one path", hint)
    names = table.strings("src", _TEXT) if "src" in table.data else (".",)
    for name in names:
        _confine(table, "src", name, root, "list folders of the project; run from a config file that holds them all")
    return _dedupe((root / name).resolve() for name in names)


def _confine(table: _Table, key: str, value: str, root: Path, hint: str, follow_links: bool = False) -> None:
    """A config file names only places inside its project (see `confine`)."""
    if escapes(root, value, follow_links=follow_links):
        message = f"{value!r} {outside_message(root)}: a config file names only paths inside its project"
        table.report.add(table.path(key), message, hint)


def _build(
    report: _Report, data: Mapping[str, Any], prefix: str, root: Path, config: Path
) -> Project:
    """Validate one config section; the caller must raise if `report` has any problems."""
    table = _Table(report, data, prefix)
    table.unknown(_TOP_KEYS)
    src = _src(table, root)
    exclude = table.strings("exclude", _TEXT)
    ignores = _ignores(table)
    baseline = table.string("baseline", _TEXT)
    if baseline is not None:
        _confine(table, "baseline", baseline, root, "pass `--baseline PATH` to use a file elsewhere", follow_links=True)
    python = table.string("python", _TEXT)
    if python is not None and ("/" in python or os.sep in python):  # a bare name is a command on PATH
        _confine(table, "python", python, root, "pass `--python PATH` to use an interpreter elsewhere")
    max_file_size = table.limit("max-file-size", DEFAULT_MAX_FILE_SIZE, int, "bytes")
    file_timeout = table.limit("file-timeout", DEFAULT_FILE_TIMEOUT, float, "seconds")
    rename_style = table.string("rename-style", _TEXT) or "adopt"
    if rename_style not in RENAME_STYLES:
        table.report.add(table.path("rename-style"), f"unknown rename style {rename_style!r}",
                         'use "adopt" (the new name, uses renamed) or "keep-local" (`import New as Old`)')
    located = _contracts(table)
    for check in CROSS_CHECKS:
        check(report.add, located)
    return Project(
        root=root,
        config_file=config,
        src=src,
        exclude=exclude,
        per_file_ignores=ignores,
        contracts=tuple(contract for _, contract in located),
        baseline=None if baseline is None else (root / baseline).resolve(),
        python=python,
        max_file_size=max_file_size,
        file_timeout=file_timeout,
        rename_style=rename_style,
    )


def _section(data: dict[str, Any], standalone: bool) -> tuple[object, str]:
    """The ssot-lint table and its key prefix; a standalone file may hold it at the top level."""
    tool = data.get("tool")
    if not standalone or (isinstance(tool, dict) and "ssot-lint" in tool):
        return (tool if isinstance(tool, dict) else {}).get("ssot-lint"), SECTION
    return data, ""


def _load_file(path: Path, shown: str, root: Path, standalone: bool) -> Project:
    report = _Report(shown)
    value, prefix = _section(read_toml(path, shown), standalone)
    data = _table(report, value, prefix or SECTION)
    project = _build(report, data, prefix, root, path) if data is not None else None
    if report.problems or project is None:
        raise ConfigError(report.problems)
    return project


def _shown(path: Path, cwd: Path) -> str:
    """Paths in messages are relative to the cwd when possible: shorter and clickable."""
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


def load(paths: Sequence[Path], config: Path | None = None, cwd: Path | None = None) -> Project:
    """Read and validate the configuration for a run over `paths`; raise `ConfigError` if bad.

    With `config` (`--config`), that file is read and its relative paths are resolved against
    `cwd`, as Ruff does. Otherwise the config is discovered upward from the first path (or the
    cwd) and relative paths are resolved against the discovered file's folder.
    """
    cwd = (cwd or Path.cwd()).resolve()
    if config is not None:
        return _load_file((cwd / config).resolve(), str(config), root=cwd, standalone=True)
    start = cwd / paths[0] if paths else cwd
    found = find_config(start)
    if found is None:
        message = f"no `[{SECTION}]` table found in any pyproject.toml upward from {start}"
        hint = f"add a `[{SECTION}]` table to pyproject.toml or pass `--config`"
        raise ConfigError([ConfigProblem("<none>", SECTION, message, hint)])
    return _load_file(found, _shown(found, cwd), root=found.parent, standalone=False)
