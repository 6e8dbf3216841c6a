"""The import-path graph: where each class or function is defined, and every module re-exporting it.

A team has to see the mess before it can write a contract: which module defines a symbol, which
modules only re-export it, how deep the shim chains go, and how many files use each path. We read
every file once with the stdlib `ast` (fast, no LibCST) into `ModuleFacts`, then resolve each
top-level name through imports, `X = Y` aliases and star imports to the definition it denotes.
`reach` resolves the names; `graph` and `init` (see `proposal`) read the result. Only `scan`
touches the filesystem.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..fileio import read_regular
from ..project.contract import DEFAULT_MAX_FILE_SIZE
from ..project.modules import ModuleName, module_for_path, resolve_relative

__all__ = ["Binding", "Definition", "DeprecatedFunction", "ModuleFacts", "ProjectIndex", "Usage", "read_facts", "scan", "usage"]

_WARN_CATEGORIES = frozenset({"DeprecationWarning", "PendingDeprecationWarning"})


@dataclass(frozen=True, slots=True, order=True)
class Definition:
    """A top-level `class` or `def`: the object every re-export ultimately points at."""

    module: str
    name: str
    line: int
    kind: str  #: "class" | "function"
    path: str


@dataclass(frozen=True, slots=True)
class Binding:
    """A top-level name bound from elsewhere: `from m import a as b` (import) or `b = a` (alias)."""

    name: str
    source_module: str
    source_name: str
    line: int
    kind: str  #: "import" | "alias"
    #: `from m import X as X`: PEP 484's way of saying "this import is a re-export".
    explicit: bool = False


@dataclass(frozen=True, slots=True)
class DeprecatedFunction:
    """A top-level function that warns `DeprecationWarning` when called, or a class whose
    constructor does."""

    name: str
    line: int
    #: the warning's message ("" when it is not a plain string).
    warning: str
    docstring: str
    kind: str = "function"  #: "function" | "class"


@dataclass(frozen=True, slots=True)
class ModuleFacts:
    """What one file defines, re-binds and uses; enough to follow every re-export chain."""

    module: str
    path: str
    definitions: tuple[Definition, ...]
    bindings: tuple[Binding, ...]
    #: modules star-imported at the top level.
    stars: tuple[str, ...]
    all_names: tuple[str, ...] | None
    #: the body only imports, re-binds names, sets `__all__`, or warns: a pure re-export module.
    is_shim: bool
    #: the module calls `warnings.warn(..., DeprecationWarning)` somewhere.
    warns_deprecation: bool
    #: (dotted name, kind, line): `from m import n` -> ("m.n", "import"), `mod.Name` -> "attribute".
    uses: tuple[tuple[str, str, int], ...]
    deprecated_functions: tuple[DeprecatedFunction, ...] = ()
    docstring: str = ""
    #: the message of a `DeprecationWarning` the module itself raises on import ("" if none).
    module_warning: str = ""
    is_package: bool = False
    #: the line of each of `stars`.
    star_lines: tuple[int, ...] = ()

    def public(self) -> frozenset[str]:
        """What `from module import *` binds."""
        if self.all_names is not None:
            return frozenset(self.all_names)
        names = {d.name for d in self.definitions} | {b.name for b in self.bindings}
        return frozenset(n for n in names if not n.startswith("_"))


@dataclass(frozen=True, slots=True)
class Usage:
    """How often a dotted name is used across the scanned files (re-exporting modules count too)."""

    files: frozenset[str] = frozenset()
    imports: int = 0
    attribute_uses: int = 0


@dataclass(frozen=True)
class ProjectIndex:
    """Every scanned module's facts; `get` is a dict lookup built once."""

    modules: tuple[ModuleFacts, ...]
    _by_name: dict[str, ModuleFacts] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update((facts.module, facts) for facts in self.modules)

    def get(self, module: str) -> ModuleFacts | None:
        return self._by_name.get(module)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return None if inner is None else f"{inner}.{node.attr}"
    return None


def _strings(node: ast.expr | None) -> tuple[str, ...] | None:
    if isinstance(node, (ast.List, ast.Tuple)):
        return tuple(e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return None


def _is_warn(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (_dotted(node.func) or "").rpartition(".")[2] == "warn"


def _warns_deprecation(node: ast.AST) -> bool:
    if not (_is_warn(node) and isinstance(node, ast.Call)):
        return False
    arguments = [*node.args, *(k.value for k in node.keywords)]
    return any((_dotted(a) or "").rpartition(".")[2] in _WARN_CATEGORIES for a in arguments)


def _shim_statement(node: ast.stmt) -> bool:
    """Statements a pure re-export module may contain: imports, `X = Y` aliases, `__all__`,
    warnings, a docstring, and a module `__getattr__` that forwards names."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass)):
        return True
    if isinstance(node, ast.Expr):
        return isinstance(node.value, ast.Constant) or _is_warn(node.value)
    if isinstance(node, ast.Assign):
        return _dotted(node.value) is not None or _strings(node.value) is not None
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return node.name in ("__getattr__", "__dir__")
    if isinstance(node, (ast.If, ast.Try)):
        bodies = [node.body, node.orelse, *(h.body for h in getattr(node, "handlers", []))]
        return all(_shim_statement(s) for body in bodies for s in body)
    return False


def _message(call: ast.Call) -> str:
    """A warning's message when it is a literal (joined f-string parts included)."""
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return " ".join(first.value.split())
    if isinstance(first, ast.JoinedStr):
        return " ".join("".join(str(v.value) for v in first.values if isinstance(v, ast.Constant)).split())
    return ""


def _module_warning(tree: ast.Module) -> str:
    """The message of a `DeprecationWarning` raised at import time (top level, not in a def)."""
    for node in _top_level(tree.body):
        if isinstance(node, ast.Expr) and _warns_deprecation(node.value) and isinstance(node.value, ast.Call):
            return _message(node.value) or "DeprecationWarning"
    return ""


def _top_level(body: list[ast.stmt]) -> Iterable[ast.stmt]:
    """Top-level statements, inside `if`/`try`/`with` too (TYPE_CHECKING, fallbacks), not in defs."""
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.Try, ast.With)):
            for part in ("body", "orelse", "finalbody"):
                yield from _top_level(getattr(node, part, []))
            for handler in getattr(node, "handlers", []):
                yield from _top_level(handler.body)


class _Reader:
    """Collects one module's facts from its tree."""

    def __init__(self, module: ModuleName, path: str) -> None:
        self.module, self.path = module, path
        self.definitions: list[Definition] = []
        self.bindings: list[Binding] = []
        self.stars: list[str] = []
        self.star_lines: list[int] = []
        self.all_names: tuple[str, ...] | None = None
        self.aliases: dict[str, str] = {}  # local name -> dotted module or object it stands for

    def top(self, tree: ast.Module) -> None:
        for node in _top_level(tree.body):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                kind = "class" if isinstance(node, ast.ClassDef) else "function"
                self.definitions.append(Definition(self.module.name, node.name, node.lineno, kind, self.path))
            elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
                self._import_from(node)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self._assign(node.targets[0].id, node)

    def _import_from(self, node: ast.ImportFrom) -> None:
        source = resolve_relative(self.module, node.level, node.module)
        if source is None:
            return
        for alias in node.names:
            if alias.name == "*":
                self.stars.append(source)
                self.star_lines.append(node.lineno)
            else:
                self.bindings.append(Binding(alias.asname or alias.name, source, alias.name, node.lineno, "import",
                                             alias.asname == alias.name))

    def _assign(self, target: str, node: ast.Assign) -> None:
        if target == "__all__":
            self.all_names = _strings(node.value)
            return
        value = _dotted(node.value)
        if value is None:
            return
        if "." not in value:
            self.bindings.append(Binding(target, self.module.name, value, node.lineno, "alias"))
        else:  # `X = mod.Y`: resolved later through the module aliases, see `uses`
            self.bindings.append(Binding(target, "", value, node.lineno, "alias"))

    def uses(self, tree: ast.Module) -> tuple[tuple[str, str, int], ...]:
        found: list[tuple[str, str, int]] = []
        attributes: list[ast.Attribute] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = resolve_relative(self.module, node.level, node.module)
                for alias in node.names if source and node.module != "__future__" else ():
                    if alias.name != "*":
                        found.append((f"{source}.{alias.name}", "import", node.lineno))
                        self.aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    self.aliases[local] = alias.name if alias.asname else local
            elif isinstance(node, ast.Attribute):
                attributes.append(node)
        for node in attributes:
            dotted = _dotted(node)
            head, _, rest = (dotted or "").partition(".")
            if head in self.aliases and rest:
                found.append((f"{self.aliases[head]}.{rest}", "attribute", node.lineno))
        return tuple(found)

    def resolved_bindings(self) -> tuple[Binding, ...]:
        """`X = mod.Y` becomes a binding from `mod`'s module once the import aliases are known."""
        out = []
        for b in self.bindings:
            if b.source_module == "":
                head, _, rest = b.source_name.partition(".")
                full = f"{self.aliases.get(head, head)}.{rest}"
                module, _, name = full.rpartition(".")
                b = Binding(b.name, module, name, b.line, "alias")
            out.append(b)
        return tuple(out)


def read_facts(source: bytes, module: ModuleName, path: str) -> ModuleFacts | None:
    """The facts of one module's source; None when it does not parse (graph is best effort)."""
    try:
        return _facts(ast.parse(source), module, path)
    except (SyntaxError, ValueError, MemoryError, RecursionError):  # nested too deeply: as unparsable
        return None


def _facts(tree: ast.Module, module: ModuleName, path: str) -> ModuleFacts:
    reader = _Reader(module, path)
    reader.top(tree)
    uses = reader.uses(tree)
    shim = bool(reader.bindings or reader.stars) and all(_shim_statement(s) for s in tree.body)
    warns = any(_warns_deprecation(n) for n in ast.walk(tree))
    docstring = " ".join((ast.get_docstring(tree) or "").split())
    return ModuleFacts(module.name, path, tuple(reader.definitions), reader.resolved_bindings(),
                       tuple(reader.stars), reader.all_names, shim, warns, uses, _deprecated_functions(tree),
                       docstring, _module_warning(tree), module.is_package, tuple(reader.star_lines))


_CONSTRUCTORS = ("__init__", "__new__", "__post_init__")


def _deprecation_call(node: ast.AST) -> ast.Call | None:
    return next((c for c in ast.walk(node) if isinstance(c, ast.Call) and _warns_deprecation(c)), None)


def _deprecated_functions(tree: ast.Module) -> tuple[DeprecatedFunction, ...]:
    """Top-level functions whose body warns `DeprecationWarning`, and classes whose constructor
    does (not one of their other methods), with the warning and docstring."""
    found = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            call, kind = _deprecation_call(node), "function"
        elif isinstance(node, ast.ClassDef):
            made = [n for n in node.body if isinstance(n, ast.FunctionDef) and n.name in _CONSTRUCTORS]
            call, kind = next(filter(None, map(_deprecation_call, made)), None), "class"
        else:
            continue
        if call is not None:
            docstring = " ".join((ast.get_docstring(node) or "").split())
            found.append(DeprecatedFunction(node.name, node.lineno, _message(call), docstring, kind))
    return tuple(found)


def _needles(index: list[ModuleFacts], names: set[str]) -> set[str]:
    """Grow the names to search for: aliases of what we follow, and the modules re-exporting it."""
    grown = set(names)
    for facts in index:
        leaf = facts.module.rpartition(".")[2]
        for b in facts.bindings:
            if b.source_name in names or b.name in names:
                grown |= {b.name, leaf}
        if any(d.name in names for d in facts.definitions):
            grown.add(leaf)
    return grown


def scan(files: tuple[Path, ...], src: tuple[Path, ...], root: Path, leaf: str | None = None) -> ProjectIndex:
    """Facts of the files; with `leaf`, only of files that can bind or use that name.

    Sound prefilter: a file binds or uses the symbol only by writing one of its names, or the
    last part of a module that re-exports it (`from pkg import shim`, `from .shim import *`), or a
    star import; we grow that needle set until no new file matches.
    """
    data: dict[Path, bytes] = {}
    for path in files:
        try:  # only regular files, of a size worth parsing (a FIFO would block, /dev/zero never end)
            data[path] = read_regular(path, DEFAULT_MAX_FILE_SIZE)[0]
        except OSError:
            continue
    parsed: dict[Path, ModuleFacts | None] = {}
    names: set[str] | None = None if leaf is None else {leaf}
    while True:
        needles = None if names is None else [n.encode() for n in names] + [b"import *"]
        new = [p for p in data if p not in parsed and (needles is None or any(n in data[p] for n in needles))]
        if not new:
            break
        for path in new:
            module = module_for_path(path, src)
            shown = _relative(path, root)
            parsed[path] = read_facts(data[path], module, shown) if module else None
        if names is not None:
            names = _needles([f for f in parsed.values() if f], names)
    return ProjectIndex(tuple(sorted((f for f in parsed.values() if f), key=lambda f: f.module)))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def usage(index: ProjectIndex) -> dict[str, Usage]:
    """Dotted name -> how many files and statements use it, counted once over every file."""
    files: dict[str, set[str]] = defaultdict(set)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for facts in index.modules:
        for dotted, kind, _ in facts.uses:
            files[dotted].add(facts.path)
            counts[dotted, kind] += 1
    return {
        dotted: Usage(frozenset(paths), counts[dotted, "import"], counts[dotted, "attribute"])
        for dotted, paths in files.items()
    }
