"""Find a module's file by reading folders, never by importing: under `src` first, then on the
project environment's import path (see `environment`).

What counts, in the order a type checker would trust it: a `NAME-stubs` package (PEP 561), a
`.pyi` stub or `.py` source (module or package `__init__`), a compiled extension (`.so`/`.pyd`,
whose names we cannot read), and a namespace package (a folder without `__init__`). A module built
into the interpreter (`sys`, `itertools`) exists without any file: like a compiled one, it is
found, but its names cannot be read.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .environment import Environment

__all__ = ["Found", "ModuleFinder"]

_EXTENSIONS = (".so", ".pyd")


@dataclass(frozen=True, slots=True)
class Found:
    """Where a module is, and what kind of file describes it."""

    module: str
    #: the `.py`/`.pyi` to read; None for a compiled module or a namespace package.
    path: Path | None
    origin: str  #: "source" | "stub" | "compiled" | "builtin" | "namespace"
    is_package: bool
    #: the folder it was found in is on the environment's path, not a `src` root.
    installed: bool
    #: the package's folder (to list submodules), None for a plain module.
    folder: Path | None = None


def _file(root: Path, parts: list[str], installed: bool) -> Found | None:
    """A `.pyi`/`.py` module or package under `root`; stubs first where they describe installed
    code, sources first in the project (the code we check)."""
    base = root.joinpath(*parts)
    order = (".pyi", ".py") if installed else (".py", ".pyi")
    for suffix in order:
        if base.with_name(base.name + suffix).is_file():
            return Found(".".join(parts), base.with_name(base.name + suffix), _origin(suffix), False, installed)
        init = base / f"__init__{suffix}"
        if init.is_file():
            return Found(".".join(parts), init, _origin(suffix), True, installed, base)
    return None


def _origin(suffix: str) -> str:
    return "stub" if suffix == ".pyi" else "source"


class ModuleFinder:
    """Looks modules up under the `src` roots, then on the environment's path (asked for only
    when a module is not in the project, so a project-only contract never asks)."""

    def __init__(self, src: tuple[Path, ...], environment: Callable[[], Environment]) -> None:
        self.src = src
        self._environment = environment
        self._loaded: Environment | None = None
        self._found: dict[str, Found | None] = {}
        self._listings: dict[Path, tuple[str, ...]] = {}

    def _listing(self, folder: Path) -> tuple[str, ...]:
        """A folder's entries, read once per finder."""
        if folder not in self._listings:
            try:
                self._listings[folder] = tuple(sorted(os.listdir(folder)))
            except OSError:
                self._listings[folder] = ()
        return self._listings[folder]

    def _compiled(self, root: Path, parts: list[str]) -> bool:
        leaf = parts[-1] + "."
        return any(n.startswith(leaf) and n.endswith(_EXTENSIONS) for n in self._listing(root.joinpath(*parts[:-1])))

    @property
    def environment(self) -> Environment:
        if self._loaded is None:
            self._loaded = self._environment()
        return self._loaded

    def find(self, module: str) -> Found | None:
        """Where `module` is (each module is looked up once per finder)."""
        if module not in self._found:
            self._found[module] = self._find(module)
        return self._found[module]

    def _find(self, module: str) -> Found | None:
        parts = module.split(".")
        for root in self.src:
            found = _file(root, parts, installed=False)
            if found is not None:
                return found
        return self._installed(parts) or self._folder(parts)

    def _installed(self, parts: list[str]) -> Found | None:
        path = self.environment.path
        stubs = [parts[0] + "-stubs", *parts[1:]]
        for root in path:
            found = _file(root, stubs, installed=True)
            if found is not None:
                return Found(".".join(parts), found.path, "stub", found.is_package, True, found.folder)
        if ".".join(parts) in self.environment.builtin:
            return self._builtin(".".join(parts))
        for root in path:
            found = _file(root, parts, installed=True)
            if found is not None:
                return found
            if self._compiled(root, parts):
                return self._stub(parts) or Found(".".join(parts), None, "compiled", False, True)
        return None

    def _builtin(self, module: str) -> Found:
        """A module built into the interpreter wins over any file of its name, as in CPython."""
        return self._stub([module]) or Found(module, None, "builtin", False, True)

    def _stub(self, parts: list[str]) -> Found | None:
        """A `.pyi` anywhere on the path: the only file that can describe a compiled or built-in
        module (a `.py` of the same name would not be imported)."""
        for root in self.environment.path:
            stub = root.joinpath(*parts[:-1], parts[-1] + ".pyi")
            if stub.is_file():
                return Found(".".join(parts), stub, "stub", False, True)
        return None

    def _folder(self, parts: list[str]) -> Found | None:
        """A namespace package: a folder of that name on any root, with no `__init__`."""
        for installed, roots in ((False, self.src), (True, self.environment.path)):
            for root in roots:
                folder = root.joinpath(*parts)
                if folder.is_dir():
                    return Found(".".join(parts), None, "namespace", True, installed, folder)
        return None

    def submodules(self, found: Found) -> frozenset[str]:
        """Names of the modules and packages inside a package's folder."""
        if found.folder is None:
            return frozenset()
        names = set()
        for entry in self._listing(found.folder):
            stem = entry.split(".", 1)[0]
            if stem.isidentifier() and stem not in ("__init__", "__pycache__") and (
                entry.endswith((".py", ".pyi", *_EXTENSIONS)) or (found.folder / entry).is_dir()
            ):
                names.add(stem)
        return frozenset(names)

    def tree(self, module: str, limit: int) -> tuple[tuple[str, ...], bool]:
        """Dotted names, relative to `module`, of every module and package below it (breadth
        first), and whether that is all of them (False past `limit` names)."""
        found = self.find(module)
        names: list[str] = []
        todo = [("", found)] if found is not None and found.is_package else []
        while todo:
            prefix, package = todo.pop(0)
            assert package is not None
            for name in sorted(self.submodules(package)):
                if len(names) >= limit:
                    return tuple(names), False
                relative = f"{prefix}{name}"
                names.append(relative)
                inner = self._child(package, name)
                if inner is not None:
                    todo.append((relative + ".", inner))
        return tuple(names), True

    def _child(self, package: Found, name: str) -> Found | None:
        """The subpackage `name` in `package`'s own folder (not looked up elsewhere: the tree
        is what that folder holds)."""
        assert package.folder is not None
        found = _file(package.folder, [name], package.installed)
        if found is not None:
            return found if found.is_package else None
        folder = package.folder / name
        return Found(name, None, "namespace", True, package.installed, folder) if folder.is_dir() else None

    def near(self, module: str) -> tuple[str, ...]:
        """Existing modules spelled like `module`, for a "did you mean": the first part that does
        not exist is compared with what its parent package (or a `src` root) holds, and a
        spelling is offered only if the whole name then exists (`airflow.providers.x` is not
        `airflow.providers_manager.x`)."""
        parts = module.split(".")
        for depth in range(len(parts) - 1, -1, -1):
            parent = ".".join(parts[:depth])
            found = self.find(parent) if parent else None
            if parent and (found is None or not found.is_package):
                continue
            names = self.submodules(found) if found is not None else self._tops()
            close = difflib.get_close_matches(parts[depth], sorted(names), n=3, cutoff=0.6)
            spelled = (".".join([*parts[:depth], name, *parts[depth + 1:]]) for name in close)
            return tuple(candidate for candidate in spelled if self.find(candidate) is not None)
        return ()

    def _tops(self) -> frozenset[str]:
        names: set[str] = set()
        for root in self.src:
            names |= self.submodules(Found("", None, "namespace", True, False, root))
        return frozenset(names)
