"""Shared fixtures: a tmp project builder and an in-process `check` runner returning the JSON document."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ssot_lint.checks.base import DEFAULT_CONTRACT, DEFAULT_SOURCES

REPO = Path(__file__).resolve().parent.parent


def pyproject_for(contract: str, extra: str = "") -> str:
    """A pyproject.toml holding `contract` (written in standalone `[[contract]]` form)."""
    body = contract.replace("[[contract]]", "[[tool.ssot-lint.contract]]")
    return f'[tool.ssot-lint]\nsrc = ["."]\n{extra}\n{body}'


def write_project(
    root: Path,
    files: dict[str, str | bytes] | None = None,
    *,
    contract: str = DEFAULT_CONTRACT,
    sources: dict[str, str] | None = None,
    settings: str = "",
) -> Path:
    """Write pyproject.toml, the contract's module sources, then `files` (which may override them)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(pyproject_for(contract, settings), encoding="utf-8")
    every: dict[str, str | bytes] = {**(DEFAULT_SOURCES if sources is None else sources), **(files or {})}
    for relative, text in every.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


ProjectFactory = Callable[..., Path]


@pytest.fixture
def project(tmp_path: Path) -> ProjectFactory:
    """`project({"app/x.py": "..."}, contract=..., sources=..., settings=...)` -> the project root."""
    counter = iter(range(1_000_000))

    def make(files: dict[str, str | bytes] | None = None, **kwargs: Any) -> Path:
        return write_project(tmp_path / f"project{next(counter)}", files, **kwargs)

    return make


CheckRunner = Callable[..., tuple[int, dict[str, Any]]]


@pytest.fixture
def run_check(monkeypatch: pytest.MonkeyPatch) -> CheckRunner:
    """`run_check(root, *paths, select=..., ignore=..., jobs=1, prefilter=True)` -> (exit code, JSON document).

    Runs `ssot_lint.app.check` in-process from `root`, and renders the report the way
    `--output-format json` does, so tests assert what a user sees.
    """
    from ssot_lint.app import RunOptions, check
    from ssot_lint.reporters.json import to_document

    def run(
        root: Path,
        *paths: str,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        jobs: int = 1,
        prefilter: bool = True,
    ) -> tuple[int, dict[str, Any]]:
        monkeypatch.chdir(root)
        options = RunOptions(
            paths=tuple(Path(p) for p in paths),
            select=select,
            ignore=ignore,
            jobs=jobs,
            use_prefilter=prefilter,
            cwd=root,
        )
        report = check(options)
        return int(report.exit_code()), to_document(report)

    return run

