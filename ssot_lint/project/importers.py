"""Who still imports a module, whatever rules are selected or suppressed: the fact behind "it can
be deleted". Findings cannot tell (`--select`, `noqa`, per-file-ignores and the contract's own
exempt modules all hide imports), so this reads the files itself -- only those that mention the
module's last name, and only for modules that look deletable."""

from __future__ import annotations

import ast
from pathlib import Path

from ..fileio import read_regular
from .contract import DEFAULT_MAX_FILE_SIZE
from .modules import ModuleName, module_for_path, resolve_relative

__all__ = ["importers"]


def _referenced(tree: ast.AST, module: str | None, is_package: bool) -> set[str]:
    """Every module the file imports (and each `from m import x` as `m.x` too), and every
    string constant that looks dotted (patch targets, `import_module` arguments)."""
    here = ModuleName(module, is_package) if module else None
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = resolve_relative(here, node.level, node.module)
            if source:
                found.add(source)
                found.update(f"{source}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
            found.add(node.value)
    return found


def _imports(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def importers(files: tuple[Path, ...], src: tuple[Path, ...], modules: list[str]) -> dict[str, frozenset[str]]:
    """For each of `modules`, the modules (or paths, outside `src`) of the files referring to it,
    the module's own files excluded."""
    # `import a.b.c`, `from a.b import c`, `from a.b.c import x` and "a.b.c" all spell `a.b`
    # and `c`; a relative import spells `from .`
    needles = {m: (m.rpartition(".")[0].encode(), m.rpartition(".")[2].encode()) for m in modules}
    result: dict[str, set[str]] = {m: set() for m in modules}
    for path in files:
        try:  # only regular files, of a size worth parsing (the engine reports the others)
            data = read_regular(path, DEFAULT_MAX_FILE_SIZE)[0]
        except OSError:
            continue
        relative = b"from ." in data
        wanted = [m for m, (parent, leaf) in needles.items() if leaf in data and (relative or parent in data)]
        if not wanted:
            continue
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError, MemoryError, RecursionError):  # nested too deeply for Python too
            continue
        name = module_for_path(path, src)
        who = name.name if name else path.as_posix()
        referenced = _referenced(tree, name.name if name else None, bool(name and name.is_package))
        for module in wanted:
            if not _imports(who, module) and any(_imports(r, module) for r in referenced):
                result[module].add(who)
    return {m: frozenset(found) for m, found in result.items()}
