"""What a module provides, read from its source: the proof that a fix has somewhere to go.

`fix` may only point an import at the canonical module if that module really binds the name
(REAL-WORLD.md: 272 hand rewrites imported a name the target did not define). We read the
canonical and deprecated modules' sources once per run with the stdlib `ast` (fast, and these
are a handful of files) and hand the result to every worker as a plain value.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .locate import Found, ModuleFinder
from .modules import ModuleName, resolve_relative

__all__ = ["ExportsIndex", "Missing", "ModuleExports", "TopLevel", "build_index", "read_exports"]


@dataclass(frozen=True, slots=True)
class ModuleExports:
    """Names bound at the top level of one module."""

    module: str
    names: frozenset[str]
    #: what `from module import *` binds: `__all__` when declared, else the public names.
    public: frozenset[str]
    #: False when the module can bind names we cannot see (`__getattr__`, an unreadable `*`).
    complete: bool
    #: the module is a package: `from pkg import sub` may name a submodule not bound in it.
    is_package: bool = False
    #: "source" | "stub" | "compiled" | "builtin" | "namespace" (see `locate`).
    origin: str = "source"
    #: found on the environment's path rather than under `src`.
    installed: bool = False
    #: a package's submodules: `from pkg import sub` binds them without `pkg` naming them.
    submodules: frozenset[str] = frozenset()
    #: names the module defines itself (`def`, `class`, assignments), not imports.
    defined: frozenset[str] = frozenset()
    #: modules its top-level statements import (`import m`, `from m import x`: `m`).
    imports: frozenset[str] = frozenset()
    #: its source file, when it has one.
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Missing:
    """A module the contract names that is neither under `src` nor in the environment."""

    module: str
    #: existing modules spelled like it.
    near: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportsIndex:
    """Exports of the modules a contract names; `missing` lists those found nowhere."""

    modules: tuple[ModuleExports, ...] = ()
    missing: tuple[Missing, ...] = ()
    #: the interpreter whose environment was searched, for messages.
    python: str = "the running interpreter"
    #: packages whose every submodule, at any depth, is in `modules` (see `build_index`).
    trees: frozenset[str] = frozenset()
    #: the modules found in those trees.
    listed: frozenset[str] = frozenset()
    _by_name: dict[str, ModuleExports] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update((exports.module, exports) for exports in self.modules)

    def get(self, module: str) -> ModuleExports | None:
        return self._by_name.get(module)

    def absent(self, module: str) -> bool:
        """`module` provably does not exist: it lies in a package whose whole tree was read."""
        if module in self._by_name or module in self.listed:
            return False
        parts = module.split(".")
        return any(".".join(parts[:cut]) in self.trees for cut in range(1, len(parts)))

    def provides(self, module: str, name: str) -> bool | None:
        """True/False when known; None when the module's source was not found or is dynamic."""
        exports = self.get(module)
        if exports is None:
            return None
        if name in exports.names or name in exports.submodules:
            return True
        return False if exports.complete else None


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for element in target.elts for n in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _dunder_all(node: ast.stmt) -> list[str] | None:
    value = None
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
    ) or (isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name)
          and node.target.id == "__all__"):
        value = node.value
    if isinstance(value, (ast.List, ast.Tuple)):
        return [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return None


class TopLevel:
    """Walks top-level statements, descending into `if`/`try`/`with` but not into defs."""

    def __init__(self, module: ModuleName | None) -> None:
        self.module = module
        self.names: set[str] = set()
        self.defined: set[str] = set()
        self.imports: set[str] = set()
        self.all_names: list[str] | None = None
        self.stars: list[str | None] = []

    def walk(self, body: list[ast.stmt]) -> None:
        for node in body:
            self.statement(node)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.names.add(node.name)
            self.defined.add(node.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                self.names.add(alias.asname or alias.name.split(".")[0])
                self.imports.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            self._import_from(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self.names.update(_target_names(target))
                if not isinstance(node.value, (ast.Name, ast.Attribute)):  # `X = other.Y` re-exports
                    self.defined.update(_target_names(target))
            declared = _dunder_all(node)
            if declared is not None:
                self.all_names = (self.all_names or []) + declared if isinstance(node, ast.AugAssign) else declared
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for field in ("body", "orelse", "finalbody"):
                self.walk(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                self.walk(handler.body)

    def _import_from(self, node: ast.ImportFrom) -> None:
        source = resolve_relative(self.module, node.level, node.module)
        if source:
            self.imports.add(source)
        for alias in node.names:
            if alias.name == "*":
                self.stars.append(source)
            else:
                self.names.add(alias.asname or alias.name)


def _read(found: Found, finder: ModuleFinder, memo: dict[str, ModuleExports | None]) -> ModuleExports:
    """Exports of a found module's file, following its star imports through the same finder."""
    module = found.module
    submodules = finder.submodules(found)
    if found.path is None:  # compiled, built in, or a namespace package: no names we can read
        complete = found.origin == "namespace"
        return ModuleExports(module, frozenset(), frozenset(), complete, found.is_package, found.origin,
                             found.installed, submodules)
    try:
        tree = ast.parse(found.path.read_bytes())
    except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):  # too deep: names unknown
        return ModuleExports(module, frozenset(), frozenset(), False, found.is_package, found.origin,
                             found.installed, submodules)
    walker = TopLevel(ModuleName(module, found.is_package))
    walker.walk(tree.body)
    names = set(walker.names)
    complete = "__getattr__" not in names
    for star in walker.stars:
        inner = read_exports(star, finder, memo) if star else None
        if inner is None:
            complete = False
        else:
            names |= inner.public
            complete = complete and inner.complete
    if walker.all_names is not None:
        public = frozenset(walker.all_names)
        if not complete:  # what we cannot see, `__all__` vouches for
            names |= public
    else:
        public = frozenset(n for n in names if not n.startswith("_"))
    return ModuleExports(module, frozenset(names), public, complete, found.is_package, found.origin,
                         found.installed, submodules, frozenset(walker.defined), frozenset(walker.imports),
                         str(found.path))


def read_exports(
    module: str, finder: ModuleFinder, memo: dict[str, ModuleExports | None] | None = None
) -> ModuleExports | None:
    """Exports of `module`, or None when it is found nowhere (or is being read: a star-import
    cycle). `memo` makes each module cost one read per run."""
    memo = {} if memo is None else memo
    if module in memo:
        return memo[module]
    memo[module] = None
    found = finder.find(module)
    memo[module] = None if found is None else _read(found, finder, memo)
    return memo[module]


#: the most submodules read below one deprecated package and its new home.
TREE_LIMIT = 256


def _trees(
    moves: tuple[tuple[str, str], ...], finder: ModuleFinder
) -> tuple[list[str], frozenset[str], frozenset[str]]:
    """Modules below each moved module and its new home, as pairs (`a.b.c.d` and `x.y.c.d`
    where `a.b` moves to `x.y`): what `from a.b.c.d import foo` is judged against. Only the
    deprecated side's tree is read when it is a package (an import below it names a file there),
    else the new side's. Returns the modules to read, every module listed, and the packages
    whose trees were listed in full."""
    read: list[str] = []
    listed: set[str] = set()
    whole: set[str] = set()
    for old, new in moves:
        old_names, old_all = finder.tree(old, TREE_LIMIT)
        new_names, new_all = finder.tree(new, TREE_LIMIT)
        listed.update(f"{old}.{r}" for r in old_names)
        listed.update(f"{new}.{r}" for r in new_names)
        whole.update(package for package, done in ((old, old_all), (new, new_all)) if done)
        mirrored = old_names or new_names
        read += [f"{root}.{r}" for r in mirrored for root in (old, new) if f"{root}.{r}" in listed]
    return read, frozenset(listed), frozenset(whole)


def build_index(
    modules: list[str] | tuple[str, ...],
    finder: ModuleFinder,
    moves: tuple[tuple[str, str], ...] = (),
) -> ExportsIndex:
    """Exports for each named module (deduplicated, in order); the rest are `missing`. With
    `moves` ((old, new) module pairs) also the trees below them (see `_trees`), whose absent
    modules are simply not there, not `missing`."""
    found, missing = [], []
    memo: dict[str, ModuleExports | None] = {}
    for module in dict.fromkeys(modules):
        exports = read_exports(module, finder, memo)
        if exports is not None:
            found.append(exports)
        else:
            missing.append(Missing(module, tuple(m for m in finder.near(module) if m != module)))
    below, listed, trees = _trees(moves, finder)
    named = {e.module for e in found} | {m.module for m in missing}
    for module in dict.fromkeys(below):
        exports = read_exports(module, finder, memo) if module not in named else None
        if exports is not None:
            found.append(exports)
    python = finder.environment.python if missing or any(e.installed for e in found) else "the running interpreter"
    return ExportsIndex(tuple(found), tuple(missing), python, trees, listed)
