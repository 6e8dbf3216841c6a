"""Module names: from a file path under `src`, from a relative import, and back to a file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ModuleName", "module_for_path", "module_names", "resolve_relative", "source_for_module"]


@dataclass(frozen=True, slots=True)
class ModuleName:
    """A file's dotted module name; `is_package` for `__init__.py` (relative imports differ)."""

    name: str
    is_package: bool

    @property
    def package(self) -> str:
        """The package that `from . import x` refers to."""
        if self.is_package:
            return self.name
        return self.name.rpartition(".")[0]


def _name_from_parts(parts: tuple[str, ...]) -> ModuleName | None:
    if not parts:
        return None
    leaf = parts[-1]
    stem = leaf.rsplit(".", 1)[0]
    if stem == "__init__":
        if len(parts) == 1:
            return None
        return ModuleName(".".join(parts[:-1]), True)
    return ModuleName(".".join((*parts[:-1], stem)), False)


def module_for_path(path: Path, src: tuple[Path, ...]) -> ModuleName | None:
    """The module name of `path` under the deepest `src` root containing it.

    Outside every root, fall back to walking up while folders are packages (`__init__.py`),
    which is what Python itself would need to import the file.
    """
    path = path.absolute()
    best: tuple[str, ...] | None = None
    for root in src:
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            continue
        if best is None or len(parts) < len(best):
            best = parts
    if best is not None:
        return _name_from_parts(best)
    names = [path.name]
    folder = path.parent
    while (folder / "__init__.py").exists() and folder.parent != folder:
        names.insert(0, folder.name)
        folder = folder.parent
    return _name_from_parts(tuple(names))


def resolve_relative(module: ModuleName | None, level: int, target: str | None) -> str | None:
    """`from ..x import y` seen from `module` -> the absolute module, or None if unresolvable."""
    if level == 0:
        return target
    if module is None:
        return None
    base = module.package.split(".") if module.package else []
    if level - 1 >= len(base):  # beyond the top-level package: Python raises ImportError
        return None
    base = base[: len(base) - (level - 1)]
    parts = [*base, *(target.split(".") if target else [])]
    return ".".join(parts) or None


def source_for_module(module: str, src: tuple[Path, ...]) -> Path | None:
    """The file that defines `module` under the first `src` root that has it."""
    rel = Path(*module.split("."))
    for root in src:
        for candidate in (root / rel.with_suffix(".py"), root / rel / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def module_names(files: tuple[Path, ...], src: tuple[Path, ...]) -> frozenset[str]:
    """Module names of the files under the `src` roots, with string operations (one per file of
    a 10,000-file run: pathlib would cost more than the answer is worth)."""
    roots = sorted((os.fspath(r).rstrip(os.sep) + os.sep for r in src), key=len, reverse=True)
    names = set()
    for file in map(os.fspath, files):
        root = next((r for r in roots if file.startswith(r)), None)
        if root is None:
            continue
        parts = file[len(root) :].rsplit(".", 1)[0].split(os.sep)
        if parts[-1] == "__init__":
            parts.pop()
        if parts:
            names.add(".".join(parts))
    return frozenset(names)
