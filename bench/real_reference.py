"""An independent reference for the differential run on real code (`real_diff.py`).

Written from the rule pages, with the stdlib `ast` only (no LibCST, nothing from `ssot_lint`), so
that a disagreement is a question about one of the two, never a shared bug. It computes, for every
file of a project, the (path, line, code) of the findings of SSOT001..SSOT004 under a contract that
names each thing once: the project's own re-exports (imports, `as`, `Z = Y`, star imports with
`__all__`, package `__init__`s) are followed to the contract's paths.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Contract", "Project", "findings"]

Finding = tuple[str, int, str]  # (relative path, line, code)


@dataclass(frozen=True)
class Contract:
    canonical: str
    deprecated: tuple[str, ...] = ()
    renames: dict[str, str] = field(default_factory=dict)
    calls: dict[str, str] = field(default_factory=dict)
    factory_only: tuple[str, ...] = ()
    allowed_in: tuple[str, ...] = ()


def _dotted(node: ast.expr) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def _relative(module: str, is_package: bool, level: int, target: str | None) -> str | None:
    """The absolute module of `from <level dots><target> import ...` written in `module`."""
    if level == 0:
        return target
    parts = module.split(".") if is_package else module.split(".")[:-1]
    if level - 1 >= len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, target]) if target else ".".join(base)


class Project:
    """The modules of a tree, their top-level bindings, and what each path finally denotes."""

    def __init__(self, root: Path, files: list[Path]) -> None:
        self.root = root
        self.trees: dict[str, tuple[Path, ast.Module, bool]] = {}
        for path in files:
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    tree = ast.parse(path.read_bytes())
            except (SyntaxError, ValueError):
                continue
            self.trees[".".join(parts)] = (path, tree, is_package)
        self.links: dict[str, str] = {}
        self.defined: set[str] = set()
        for module, (_, tree, is_package) in self.trees.items():
            self._top(module, tree, is_package)
        self._stars()

    def _top(self, module: str, tree: ast.Module, is_package: bool) -> None:
        """Top-level bindings; the first binding of a name wins."""
        self.__dict__.setdefault("_star_of", {})[module] = []
        self.__dict__.setdefault("_all", {})
        for node in _top_statements(tree.body):
            if isinstance(node, ast.ImportFrom):
                source = _relative(module, is_package, node.level, node.module)
                for alias in node.names if source else ():
                    if alias.name == "*":
                        self._star_of[module].append(source)
                    else:
                        self._link(f"{module}.{alias.asname or alias.name}", f"{source}.{alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    self._link(f"{module}.{local}", alias.name if alias.asname else local)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name == "__all__" and isinstance(node.value, (ast.List, ast.Tuple)):
                    self._all[module] = {e.value for e in node.value.elts if isinstance(e, ast.Constant)}
                parts = _dotted(node.value)
                if parts is not None:
                    target = self._top_resolve(module, parts)
                    self._link(f"{module}.{name}", target)
                else:
                    self._define(f"{module}.{name}")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._define(f"{module}.{node.name}")
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            self._define(f"{module}.{name.id}")

    def _top_resolve(self, module: str, parts: list[str]) -> str:
        """`Y` or `m.Y` at module level: through the module's own imports, else its own name."""
        first = f"{module}.{parts[0]}"
        base = self.links.get(first, first)
        return ".".join([base, *parts[1:]])

    def _link(self, key: str, target: str) -> None:
        if key not in self.links and key not in self.defined and key != target:
            self.links[key] = target

    def _define(self, key: str) -> None:
        if key not in self.links:
            self.defined.add(key)

    def _names(self, module: str) -> set[str]:
        prefix = module + "."
        return {k[len(prefix):] for k in (*self.links, *self.defined) if k.startswith(prefix) and "." not in k[len(prefix):]}

    def _stars(self) -> None:
        for _ in range(5):
            for module, stars in self._star_of.items():
                for star in stars:
                    names = self._names(star)
                    public = self._all.get(star, {n for n in names if not n.startswith("_")})
                    for name in names & public:
                        self._link(f"{module}.{name}", f"{star}.{name}")

    def hop(self, qualname: str) -> str | None:
        """The longest bound prefix replaced by what it is bound to; None at a definition."""
        parts = qualname.split(".")
        for cut in range(len(parts), 1, -1):
            prefix = ".".join(parts[:cut])
            if prefix in self.links:
                return ".".join([self.links[prefix], *parts[cut:]])
            if prefix in self.defined:
                return None
        return None

    def chain(self, qualname: str) -> list[str]:
        """`qualname` and every path it is re-exported from, in order."""
        seen = [qualname]
        while len(seen) < 50:
            nxt = self.hop(seen[-1])
            if nxt is None or nxt in seen:
                break
            seen.append(nxt)
        return seen

    def identity(self, qualname: str) -> str:
        return self.chain(qualname)[-1]


def _top_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """Module-level statements, through `if`/`try` blocks (not into functions or classes)."""
    out: list[ast.stmt] = []
    for node in body:
        if isinstance(node, ast.If):
            out += _top_statements(node.body) + _top_statements(node.orelse)
        elif isinstance(node, ast.Try):
            out += _top_statements(node.body)
            for handler in node.handlers:
                out += _top_statements(handler.body)
            out += _top_statements(node.orelse) + _top_statements(node.finalbody)
        else:
            out.append(node)
    return out


class Scope:
    """A module, class or function body: imports and `X = Y` aliases, other bindings, stars."""

    def __init__(self, kind: str, parent: Scope | None) -> None:
        self.kind, self.parent = kind, parent
        self.imports: dict[str, set[str]] = {}
        self.others: set[str] = set()
        self.stars: list[str] = []
        self.dotted: set[str] = set()
        self.aliases: list[tuple[str, ast.expr]] = []

    def lookup(self, name: str) -> set[str]:
        scope: Scope | None = self
        first, stars = True, []
        while scope is not None:
            if scope.kind != "class" or first:
                if name in scope.imports:
                    return scope.imports[name]
                if name in scope.others:
                    return set()
                stars += scope.stars
            first = False
            scope = scope.parent
        return {f"{m}.{name}" for m in stars}

    def resolve(self, node: ast.expr) -> set[str]:
        parts = _dotted(node)
        if parts is None:
            return set()
        return {".".join([q, *parts[1:]]) for q in self.lookup(parts[0])}

    def visible_dotted(self) -> set[str]:
        scope, found = self, set()
        while scope is not None:
            found |= scope.dotted
            scope = scope.parent
        return found


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


class _File:
    """One file's scopes and the nodes the rules look at, each with its scope."""

    def __init__(self, module: str, is_package: bool, tree: ast.Module) -> None:
        self.module, self.is_package = module, is_package
        self.events: list[tuple[ast.AST, Scope]] = []
        self.prose: set[int] = set()
        self.guarded: dict[int, set[str]] = {}
        self.root = Scope("module", None)
        self._body(tree.body, self.root)
        self._settle(self.root)

    def source_of(self, node: ast.ImportFrom) -> str | None:
        return _relative(self.module, self.is_package, node.level, node.module)

    def _body(self, nodes: list[ast.AST], scope: Scope) -> None:
        todo = list(nodes)
        while todo:
            node = todo.pop(0)
            if isinstance(node, _SCOPES):
                self._scope(node, scope, todo)
                continue
            self._bind(node, scope)
            if isinstance(node, ast.Assign) and scope.aliases and scope.aliases[-1][1] is node.value:
                todo[:0] = [node.value]  # an alias `X = a.b` binds X as an alias, not a variable
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.events.append((node, scope))
                continue
            if isinstance(node, (ast.Call, ast.Attribute, ast.Constant, ast.JoinedStr)):
                self.events.append((node, scope))
            if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
                self.prose.add(id(node.value))
            if isinstance(node, ast.JoinedStr):
                self.prose.update(id(v) for v in node.values)  # its pieces are not strings of their own
            if isinstance(node, ast.Try):
                self._guard(node)
            todo[:0] = list(ast.iter_child_nodes(node))

    def _scope(self, node: ast.AST, scope: Scope, todo: list[ast.AST]) -> None:
        kind = "class" if isinstance(node, ast.ClassDef) else "function"
        if not isinstance(node, ast.Lambda):
            scope.others.add(node.name)  # type: ignore[attr-defined]
        outer: list[ast.AST] = list(getattr(node, "decorator_list", [])) + list(getattr(node, "bases", []))
        outer += list(getattr(node, "keywords", []))
        args = getattr(node, "args", None)
        if isinstance(args, ast.arguments):
            outer += [d for d in (*args.defaults, *args.kw_defaults) if d is not None]
            outer += [a.annotation for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if a.annotation]
        if getattr(node, "returns", None) is not None:
            outer.append(node.returns)  # type: ignore[attr-defined]
        todo[:0] = outer
        inner = Scope(kind, scope)
        if isinstance(args, ast.arguments):
            for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
                if a is not None:
                    inner.others.add(a.arg)
        body = node.body if isinstance(node.body, list) else [node.body]  # type: ignore[attr-defined]
        self._body(body, inner)
        self._settle(inner)

    def _bind(self, node: ast.AST, scope: Scope) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    scope.imports.setdefault(alias.asname, set()).add(alias.name)
                else:
                    top = alias.name.split(".")[0]
                    scope.imports.setdefault(top, set()).add(top)
                    if "." in alias.name:
                        scope.dotted.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            source = self.source_of(node)
            for alias in node.names:
                if alias.name == "*":
                    scope.stars += [source] if source else []
                elif source:
                    scope.imports.setdefault(alias.asname or alias.name, set()).add(f"{source}.{alias.name}")
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and _dotted(node.value) is not None:
            scope.aliases.append((node.targets[0].id, node.value))
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            scope.others.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            scope.others.add(node.name)
        elif isinstance(node, ast.alias):
            pass

    def _settle(self, scope: Scope) -> None:
        for _ in range(3):
            for name, value in scope.aliases:
                resolved = scope.resolve(value)
                if resolved:
                    scope.imports.setdefault(name, set()).update(resolved)
        for name, _ in scope.aliases:
            if name in scope.imports:
                scope.others.discard(name)
            else:
                scope.others.add(name)

    def _guard(self, node: ast.Try) -> None:
        self.tries.append(node)

    @property
    def tries(self) -> list[ast.Try]:
        return self.__dict__.setdefault("_tries", [])


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    kind = handler.type
    kinds = kind.elts if isinstance(kind, ast.Tuple) else [kind] if kind is not None else []
    return any(isinstance(k, ast.Name) and k.id in _IMPORT_ERRORS for k in kinds)


class Rules:
    """The four rules over a `Project`, for one contract list."""

    def __init__(self, project: Project, contracts: list[Contract]) -> None:
        self.project, self.contracts = project, contracts
        self.routes: dict[str, tuple[str, Contract, str]] = {}  # key -> (kind, contract, new)
        for c in contracts:
            for old, new in c.renames.items():
                self.routes.setdefault(old, ("rename", c, new))
        for c in contracts:
            for module in c.deprecated:
                self.routes.setdefault(module, ("module", c, c.canonical))
        self.stops = {c.canonical for c in contracts}

    def decide(self, qualname: str) -> tuple[str, Contract, str, str] | bool | None:
        """(kind, contract, key, new) of the longest configured prefix; True at a canonical stop."""
        parts = qualname.split(".")
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in self.routes:
                kind, contract, new = self.routes[prefix]
                return kind, contract, prefix, ".".join([new, *parts[cut:]])
            if prefix in self.stops:
                return True
        return None

    def move(self, qualname: str, follow: bool = True) -> tuple[str, Contract, str, str, int] | None:
        """The first contract path on `qualname`'s re-export chain: (kind, contract, key, new, hops)."""
        for hops, path in enumerate(self.project.chain(qualname) if follow else [qualname]):
            decided = self.decide(path)
            if decided is True:
                return None
            if decided:
                return (*decided, hops)
        return None

    def call(self, qualname: str) -> tuple[Contract, str, str] | None:
        """The deprecated-calls entry `qualname` denotes (never its own replacement)."""
        ident = self.project.identity(qualname)
        for c in self.contracts:
            for old, new in c.calls.items():
                if self.project.identity(old) == ident and not (new and self.project.identity(new) == ident):
                    return c, old, new
        return None

    def factory_only(self, qualname: str) -> Contract | None:
        ident = self.project.identity(qualname)
        for c in self.contracts:
            if any(self.project.identity(f) == ident for f in c.factory_only):
                return c
        return None

    def exempt(self, module: str, contract: Contract) -> bool:
        return module == contract.canonical or module in contract.deprecated

    def may_create(self, module: str, contract: Contract) -> bool:
        import fnmatch

        return self.exempt(module, contract) or any(fnmatch.fnmatchcase(module, g) for g in contract.allowed_in)

    def string_hit(self, value: str) -> Contract | None:
        """A deprecated module, renamed name or deprecated callable `value` is, or starts with
        followed by a dot (as configured: a string names a binding, nothing is followed)."""
        parts = value.split(".")
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(parts[:cut])
            for c in self.contracts:
                if prefix in c.calls:
                    return c
        decided = self.decide(value)
        return decided[1] if isinstance(decided, tuple) else None


def _dotted_text(value: str) -> bool:
    return bool(value) and all(p.isidentifier() for p in value.split("."))


def file_findings(rules: Rules, module: str, is_package: bool, tree: ast.Module, rel: str) -> set[Finding]:
    """The findings of one file."""
    f = _File(module, is_package, tree)
    found: set[Finding] = set()
    guarded = _guards(rules, f)
    for node, scope in f.events:
        if isinstance(node, ast.ImportFrom):
            _import_from(rules, f, node, guarded.get(id(node), set()), rel, found)
        elif isinstance(node, ast.Import):
            _import(rules, f, node, guarded.get(id(node), set()), rel, found)
        elif isinstance(node, ast.Call):
            _call(rules, module, node, scope, rel, found)
        elif isinstance(node, ast.Attribute):
            _attribute(rules, module, node, scope, rel, found)
        elif id(node) not in f.prose:
            _string(rules, module, node, rel, found)
    return found


def _guards(rules: Rules, f: _File) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for node in f.tries:
        names: set[str] = set()
        for statement in (s for s in node.body if isinstance(s, (ast.Import, ast.ImportFrom))):
            for alias in statement.names:
                if isinstance(statement, ast.ImportFrom):
                    source = f.source_of(statement)
                    qualname = f"{source}.{alias.name}" if source else None
                elif alias.asname:
                    qualname = alias.name
                else:
                    continue
                if qualname and alias.name != "*" and rules.move(qualname) is None and rules.call(qualname) is None:
                    names.add(alias.asname or alias.name)
        for handler in node.handlers if names else ():
            if _catches_import_error(handler):
                for statement in handler.body:
                    if isinstance(statement, (ast.Import, ast.ImportFrom)):
                        out[id(statement)] = names
    return out


def _import_from(rules: Rules, f: _File, node: ast.ImportFrom, guarded: set[str], rel: str, found: set[Finding]) -> None:
    source = f.source_of(node)
    if source is None:
        return
    for alias in node.names:
        if alias.name == "*":
            hit = rules.decide(source)
            if isinstance(hit, tuple) and hit[0] == "module" and hit[2] == source and not rules.exempt(f.module, hit[1]):
                found.add((rel, node.lineno, "SSOT001"))
            continue
        if (alias.asname or alias.name) in guarded:
            continue
        qualname = f"{source}.{alias.name}"
        call = rules.call(qualname)
        if call is not None:
            if not rules.exempt(f.module, call[0]):
                found.add((rel, _alias_line(node, alias), "SSOT001"))
            continue
        move = rules.move(qualname)
        if move is not None and not rules.exempt(f.module, move[1]):
            found.add((rel, _alias_line(node, alias), "SSOT001"))


def _alias_line(node: ast.stmt, alias: ast.alias) -> int:
    return getattr(alias, "lineno", node.lineno)


def _import(rules: Rules, f: _File, node: ast.Import, guarded: set[str], rel: str, found: set[Finding]) -> None:
    for alias in node.names:
        if alias.asname and alias.asname in guarded:
            continue
        move = rules.move(alias.name)
        if move is not None and not rules.exempt(f.module, move[1]):
            found.add((rel, _alias_line(node, alias), "SSOT001"))


def _call(rules: Rules, module: str, node: ast.Call, scope: Scope, rel: str, found: set[Finding]) -> None:
    for qualname in sorted(scope.resolve(node.func)):
        contract = rules.factory_only(qualname)
        if contract is not None and not rules.may_create(module, contract):
            found.add((rel, node.lineno, "SSOT003"))
            break
    for qualname in sorted(scope.resolve(node.func)):
        hit = rules.call(qualname)
        if hit is not None and not rules.exempt(module, hit[0]):
            found.add((rel, node.lineno, "SSOT004"))
            break


def _attribute(rules: Rules, module: str, node: ast.Attribute, scope: Scope, rel: str, found: set[Finding]) -> None:
    """A renamed name used through its (not deprecated) module: `logging.warn`."""
    parts = _dotted(node)
    if parts is None:
        return
    bound = scope.lookup(parts[0])
    if not bound or any(rules.move(b) is not None for b in bound):
        return
    if any(rules.move(d) is not None for d in scope.visible_dotted() if d.startswith(parts[0] + ".")):
        return
    for qualname in sorted(scope.resolve(node)):
        move = rules.move(qualname)
        if move is None or move[0] != "rename":
            continue
        _, contract, key, new, hops = move
        path = rules.project.chain(qualname)[hops]
        if path != key or new == qualname or rules.exempt(module, contract):
            continue  # a tail after the renamed name: the shorter chain is the finding
        found.add((rel, node.lineno, "SSOT001"))
        return


def _string(rules: Rules, module: str, node: ast.AST, rel: str, found: set[Finding]) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
        value = node.value
    elif isinstance(node, ast.JoinedStr) and len(node.values) > 1 and isinstance(node.values[0], ast.Constant):
        value = str(node.values[0].value).rpartition(".")[0]
    else:
        return
    if not _dotted_text(value):
        return
    contract = rules.string_hit(value)
    if contract is not None and not rules.exempt(module, contract):
        found.add((rel, node.lineno, "SSOT002"))


def findings(root: Path, files: list[Path], contracts: list[Contract]) -> set[Finding]:
    """Every finding of the project at `root` (its files) under `contracts`."""
    project = Project(root, files)
    rules = Rules(project, contracts)
    found: set[Finding] = set()
    for module, (path, tree, is_package) in sorted(project.trees.items()):
        found |= file_findings(rules, module, is_package, tree, path.relative_to(root).as_posix())
    return found
