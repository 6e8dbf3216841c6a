"""A module's top-level bindings, read from as little of its source as can matter. Pure.

`ast.parse` of every candidate file would cost seconds on a 10,000-file tree (PERFORMANCE.md),
and most of a candidate's bytes are test classes and functions, which bind nothing at module
level. So the source is cut into top-level statements at the lines that start in column 0, and
only these are parsed: those that spell a needle (outside `def` and `class` blocks), every import
(an alias `X = m.Y` needs to know `m`) and `__all__`. A `def` or `class` whose header spells a
needle only defines that name. When the pieces do not parse together (a column-0 line inside a
string cut them wrongly) the whole file is parsed instead.
"""

from __future__ import annotations

import ast
import re
import warnings
from bisect import bisect_right
from collections.abc import Callable

from .modules import ModuleName, resolve_relative
from .reexports import ModuleLinks

__all__ = ["links_of"]

#: a line that starts a statement in column 0 (not a comment, a closing bracket or a blank).
_START = re.compile(rb"^(?=[^\s#)\]}])", re.MULTILINE)
_CONTINUATION = re.compile(rb"(?:else|elif|except|finally)\b")
_DEFINITION = re.compile(rb"@|(?:async|def|class)\b")
_DEFINED_NAME = re.compile(rb"(?:def|class)\s+(\w+)")
_ALWAYS = re.compile(rb"(?:import|from|__all__)\b")


def _spans(source: bytes) -> list[tuple[int, int]]:
    """(start, end) byte spans of the top-level statements (compound ones with their clauses)."""
    starts = [m.start() for m in _START.finditer(source) if not _CONTINUATION.match(source, m.start())]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, [*starts[1:], len(source)]))


def _in_string(source: bytes) -> Callable[[int], bool]:
    """Whether an offset seems to lie inside a triple-quoted string (an odd number of triple
    quotes of a kind before it): a column-0 line of a docstring is no statement."""
    quotes = [[m.start() for m in re.finditer(q, source)] for q in (b'"""', b"'''")]
    return lambda offset: any(bisect_right(found, offset) % 2 for found in quotes)


def _select(source: bytes, pattern: re.Pattern[bytes]) -> tuple[list[bytes], set[str]] | None:
    """The statements to parse, and the needles that `def`/`class` headers define; None when
    the cut cannot be trusted."""
    spans = _spans(source)
    starts = [start for start, _ in spans]
    hit: set[int] = set()
    match = pattern.search(source)
    while match is not None:  # one search per statement that spells a needle, not per match
        i = bisect_right(starts, match.start()) - 1
        hit.add(i)
        match = pattern.search(source, spans[i][1])
    in_string = _in_string(source)
    chosen: list[bytes] = []
    defined: set[str] = set()
    for i, (start, end) in enumerate(spans):
        text = source[start:end]
        if _DEFINITION.match(text):
            name = _DEFINED_NAME.search(text) if i in hit else None
            if name is not None and pattern.fullmatch(name.group(1)):
                defined.add(name.group(1).decode("ascii", "replace"))
        elif i in hit or _ALWAYS.match(text):
            if in_string(start):
                return None
            chosen.append(text if text.endswith(b"\n") else text + b"\n")
    return chosen, defined


def _parse(source: bytes) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in old code: not ours to report
            return ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


class _Reader:
    """Collects links, definitions, star imports and `__all__` from top-level statements."""

    def __init__(self, module: ModuleName) -> None:
        self.module = module
        self.links: dict[str, str] = {}
        self.defined: set[str] = set()
        self.stars: list[str] = []
        self.all_names: list[str] | None = None

    def body(self, statements: list[ast.stmt]) -> None:
        for node in statements:
            self.statement(node)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.defined.add(node.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                self._link(local, alias.name if alias.asname else local)
        elif isinstance(node, ast.ImportFrom):
            self._import_from(node)
        elif isinstance(node, ast.Assign):
            self._assign(node)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            self._other(node)
        else:
            for field in ("body", "orelse", "finalbody"):  # `if`, `try`, `with`, loops
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    self.body(inner)
            for handler in getattr(node, "handlers", ()):
                self.body(handler.body)

    def _link(self, local: str, target: str) -> None:
        if local not in self.links:  # the first binding is the one normally taken
            self.links[local] = target

    def _import_from(self, node: ast.ImportFrom) -> None:
        source = resolve_relative(self.module, node.level, node.module)
        if source is None or source == "__future__":
            return
        for alias in node.names:
            if alias.name == "*":
                self.stars.append(source)
            else:
                self._link(alias.asname or alias.name, f"{source}.{alias.name}")

    def _assign(self, node: ast.Assign) -> None:
        target = node.targets[0] if len(node.targets) == 1 else None
        dotted = _dotted(node.value)
        if isinstance(target, ast.Name) and target.id == "__all__":
            self.all_names = _strings(node.value)
        elif isinstance(target, ast.Name) and dotted is not None:
            head, _, rest = dotted.partition(".")
            if head in self.links:
                self._link(target.id, ".".join(filter(None, (self.links[head], rest))))
            elif head in self.defined:
                self._link(target.id, f"{self.module.name}.{dotted}")
            else:
                self.defined.add(target.id)
        else:
            self._other(node)

    def _other(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id != "__all__":
                    self.defined.add(name.id)
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == "__all__":
            self.all_names = [*(self.all_names or []), *(_strings(node.value) or [])]


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _strings(node: ast.expr | None) -> list[str] | None:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return None


def links_of(source: bytes, module: ModuleName, pattern: re.Pattern[bytes] | None) -> ModuleLinks | None:
    """The bindings of `module` (from the statements `pattern` picks; the whole file when it is
    None); None when nothing of it parses."""
    if b"\r" in source:  # a lone `\r` ends a line for Python: the cut at column-0 lines must see it
        source = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    tree = None
    defined: set[str] = set()
    selected = _select(source, pattern) if pattern is not None else None
    if selected is not None:
        chosen, defined = selected
        tree = _parse(b"".join(chosen))
    if tree is None:
        defined = set()
        tree = _parse(source)
    if tree is None:
        return None
    reader = _Reader(module)
    reader.defined.update(defined)
    reader.body(tree.body)
    links = tuple(sorted(reader.links.items()))
    kept = tuple(sorted(reader.defined - reader.links.keys()))
    all_names = tuple(reader.all_names) if reader.all_names is not None else None
    return ModuleLinks(module.name, links, kept, tuple(dict.fromkeys(reader.stars)), all_names)
