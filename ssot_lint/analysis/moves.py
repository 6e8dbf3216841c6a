"""Whether a deprecated reference can be moved safely, and where: shared by `check` and `fix`.

`check --output-format json` must predict exactly what `fix` does, so both ask these functions.
A move is safe only when the module it points to provably binds the name (see `exports`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from ..project.contract import ContractIndex, Move
from ..project.exports import ExportsIndex

__all__ = ["Verdict", "extension_problem", "from_import_home", "import_home", "judge_attribute", "judge_import", "judge_module",
           "judge_name", "judge_star"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """`fixable` with an imperative `title`, or not, with the `reason`."""

    fixable: bool
    title: str | None = None
    reason: str | None = None
    #: a renamed import takes the new name, and every use of the old local is renamed.
    adopt: bool = False


def _cannot(reason: str) -> Verdict:
    return Verdict(False, None, reason)


def _unseen(exports: ExportsIndex, module: str, what: str) -> Verdict | None:
    """The verdict when `module` cannot be read at all (None when it can)."""
    found = exports.get(module)
    if found is None:
        return _cannot(f"`{module}` not found under `src` or in the environment of {exports.python}: "
                       f"cannot verify {what} (install it there, or pass `--python`)")
    top = module.split(".")[0]
    stub = f"a stub `{module.replace('.', '/')}.pyi` on the path would vouch for its names"
    if found.origin == "builtin":
        return _cannot(f"`{module}` is built into {exports.python} and has no source or `.pyi` stub: "
                       f"cannot verify {what} ({stub})")
    if found.origin == "compiled":
        hint = stub if top in sys.stdlib_module_names else f"install its stubs, e.g. `types-{top}` or `{top}-stubs`"
        return _cannot(f"`{module}` is a compiled module with no source or `.pyi` stub: cannot verify {what} "
                       f"({hint})")
    return None


def _provided(exports: ExportsIndex, module: str, name: str) -> Verdict | None:
    """None when `module` provides `name`; otherwise the verdict explaining why not."""
    provides = exports.provides(module, name)
    if provides is True:
        return None
    if provides is False:
        return _cannot(f"canonical module `{module}` has no `{name}`")
    unseen = _unseen(exports, module, f"it provides `{name}`")
    if unseen is not None:
        return unseen
    return _cannot(f"cannot verify that `{module}` provides `{name}` (it binds names dynamically)")


def _already_broken(exports: ExportsIndex, module: str, name: str) -> Verdict | None:
    """`from old import N` where `old` never had `N`: fixing would hide a bug, not move code."""
    old = exports.get(module)
    if old is None or not old.complete or name in old.names or old.is_package:
        return None
    return _cannot(f"already broken: `{module}` has no `{name}`")


def from_import_home(move: Move, module: str, name: str) -> tuple[str, str]:
    """(module, name) that `from <module> import <name>` imports after `move`, the one answer
    `check` and `fix` share. When the move's key is the imported name itself, the name goes
    (a deprecated module is then imported from its new package, and a top-level one is
    ("", module): `from six.moves import queue` becomes `import queue`); when the key is
    `module` or a package above it, the module moves and the name stays: `from a.b.c.d import
    foo` with `a.b` -> `x.y` is `from x.y.c.d import foo`."""
    qualname = f"{module}.{name}"
    if move.old == qualname:
        if move.target_name is None:
            package, _, leaf = move.target_module.rpartition(".")
            return package, leaf
        return move.target_module, move.target_name
    base = move.target_module if move.whole_module else f"{move.target_module}.{move.target_name}"
    new_module, _, new_name = (base + qualname[len(move.old):]).rpartition(".")
    return new_module, new_name


def _below(exports: ExportsIndex, move: Move, module: str, target: str) -> Verdict | None:
    """A module below a moved package: it must exist on both sides (None when it does)."""
    if not module.startswith(move.old + "."):
        return None
    if exports.absent(module):
        parent, _, leaf = module.rpartition(".")
        found = exports.get(parent)
        if found is not None and leaf in found.names:
            return _cannot(f"already broken: `{leaf}` is a name in `{parent}`, not a module, so `import {module}` "
                           f"fails: write `from {parent} import {leaf}`")
        return _cannot(f"already broken: `{module}` does not exist")
    if exports.absent(target):
        return _cannot(f"`{target}` does not exist (`{move.old}` moves to `{move.target_module}`, "
                       f"which has no such module): create it, or move this import by hand")
    return None


def extension_problem(exports: ExportsIndex, deprecated: str, name: str, canonical: str) -> str | None:
    """Why `fix --extend-canonical` cannot make `canonical` re-export `name` from `deprecated`,
    where it is defined (None: it can)."""
    old, new = exports.get(deprecated), exports.get(canonical)
    if new is None or new.path is None or new.installed or new.origin != "source":
        return f"`{canonical}` is not a source module of the project"
    if old is None or name not in old.defined:
        return f"`{deprecated}` does not define `{name}` itself"
    if any(m == canonical or m.startswith(canonical + ".") for m in old.imports):
        return f"`{deprecated}` imports `{canonical}`: re-exporting from it would make an import cycle"
    return None


def judge_name(move: Move, from_module: str, name: str, exports: ExportsIndex) -> Verdict:
    """`from <from_module> import <name>` where `from_module.name` moves by `move` to a name.

    (When `name` is itself a deprecated submodule, use `judge_module`.)
    """
    target, new_name = from_import_home(move, from_module, name)
    broken = _below(exports, move, from_module, target) or _already_broken(exports, from_module, name)
    if broken is not None:
        return broken
    missing = _provided(exports, target, new_name)
    if missing is not None and exports.provides(target, new_name) is False:
        problem = extension_problem(exports, from_module, name, target)
        hint = (f"`fix --extend-canonical` re-exports it there from `{from_module}`" if problem is None
                else f"not by `--extend-canonical`: {problem}")
        return _cannot(f"{missing.reason} ({hint})")
    if missing is not None:
        return missing
    local = "" if new_name == name else f" as `{name}`"
    return Verdict(True, f"Import `{new_name}` from `{target}`{local}")


def judge_attribute(move: Move, from_module: str, name: str, exports: ExportsIndex) -> Verdict:
    """`m.name` where `m` is `from_module`, imported by a statement that stays, and
    `from_module.name` is renamed: the attribute is renamed in place when the new name lives in
    the same module; otherwise the chain becomes the new module's path, imported plainly."""
    verdict = judge_name(move, from_module, name, exports)
    if not verdict.fixable:
        return verdict
    target, new_name = from_import_home(move, from_module, name)
    if target == from_module:
        return Verdict(True, f"Use `{new_name}`")
    return Verdict(True, f"Use `{target}.{new_name}`")


def judge_module(
    move: Move, attributes: frozenset[str], exports: ExportsIndex, index: ContractIndex,
    shared: str | None = None, module: str | None = None, target: str | None = None,
) -> Verdict:
    """A reference to a whole deprecated module (`module`, default the move's own), whose
    attributes `attributes` the file reads, becoming `target` (default the move's target).
    `shared` is the local name when that name is also bound to another module in its scope:
    which module each `m.X` then reads is not known, so no attribute may be renamed."""
    module = module or move.old
    target = target or move.target_module
    unseen = _unseen(exports, target, "the move") if exports.get(target) is None else None
    if unseen is not None:
        return unseen
    for attribute in sorted(attributes):
        attr_move = index.move(f"{module}.{attribute}")
        if attr_move is None or attr_move.target_name is None:
            continue
        new_module, new_name = from_import_home(attr_move, module, attribute)
        if new_module != target:
            return _cannot(f"`{attribute}` moves to `{new_module}`, not `{target}`")
        if shared is not None and new_name != attribute:
            return _cannot(f"`{shared}` also names another module here, so `{shared}.{attribute}` cannot be "
                           f"renamed to `{new_name}` safely: fix it by hand")
        missing = _provided(exports, target, new_name)
        if missing is not None:
            return missing
    return Verdict(True, f"Use `{target}`")


def import_home(move: Move) -> str:
    """The module `import <dotted>` imports after `move` (`move` looked up for `dotted`): the
    new module itself, or the module at the same place below a moved package (`a.b.c` with
    `a.b` -> `x.y` is `x.y.c`)."""
    return move.new


def judge_import(
    move: Move, dotted: str, attributes: frozenset[str], exports: ExportsIndex, index: ContractIndex,
    shared: str | None = None,
) -> Verdict:
    """`import <dotted>` (`as` something or not) where `dotted` is, or lies below, a deprecated
    module or a renamed name; its attributes `attributes` are read. The binding's shape (which
    local `import a.b` binds) is the caller's to judge."""
    target = import_home(move)
    if move.via:
        return _cannot(f"`{dotted}` reaches `{move.denotes or move.old}` through re-exports: import it from "
                       f"`{move.target_module}` by hand")
    if not move.whole_module and (exports.get(target) is None or exports.get(dotted) is None):
        return _cannot(f"`{move.old}` is renamed to `{move.new}`; `import` takes modules only: import it "
                       f"with `from` by hand")
    broken = _below(exports, move, dotted, target)
    if broken is not None:
        return broken
    return judge_module(move, attributes, exports, index, shared, module=dotted, target=target)


def judge_star(move: Move, exports: ExportsIndex) -> Verdict:
    """`from old import *` moves only if the canonical module binds every public name of old."""
    old = exports.get(move.old)
    if old is None or not old.complete:
        return _cannot(f"cannot list the names `{move.old}` exports: import them explicitly")
    unseen = _unseen(exports, move.target_module, "the names it binds")
    target = exports.get(move.target_module)
    if unseen is not None or target is None:
        return unseen or _cannot(f"`{move.target_module}` not found")
    missing = sorted(old.public - target.names)
    if missing or not target.complete:
        shown = ", ".join(f"`{m}`" for m in missing[:5]) or "names it cannot list"
        return _cannot(f"canonical module `{move.target_module}` lacks {shown}")
    return Verdict(True, f"Import `*` from `{move.target_module}`")
