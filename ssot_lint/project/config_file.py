"""Find and read the TOML file that configures us, and the problems a configuration can have.

A file on the way up that cannot be read, or is not UTF-8, is an error and never skipped: skipping
it would silently apply a parent folder's contract instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ssot_lint.fileio import read_regular

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = ["SECTION", "ConfigError", "ConfigProblem", "find_config", "read_toml", "tomllib"]

SECTION = "tool.ssot-lint"
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
#: far beyond any real pyproject.toml; a bigger file is refused before it is read whole.
_MAX_CONFIG_BYTES = 16_000_000


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with the configuration, located precisely enough to fix without guessing."""

    #: the config file as given or discovered ("<none>" when there is no file).
    file: str
    #: dotted key path, e.g. `tool.ssot-lint.contract[0].canonical`.
    key: str
    message: str
    #: what to do about it, e.g. "did you mean `factory-only`?".
    hint: str = ""
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """One line, `file[:line:col]: key: message (hint)`, like a compiler diagnostic."""
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        key = f" {self.key}:" if self.key else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{key} {self.message}{hint}"


class ConfigError(Exception):
    """Every problem found in the configuration; the CLI renders them as one block, exit 2."""

    def __init__(self, problems: Iterable[ConfigProblem]) -> None:
        self.problems: tuple[ConfigProblem, ...] = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        return "\n".join(problem.describe() for problem in self.problems)


def read_toml(path: Path, shown: str) -> dict[str, Any]:
    """Parse a TOML file, turning I/O and syntax errors into a located `ConfigError`."""
    text = _text(path, shown)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([_syntax_problem(shown, str(error))]) from None
    except RecursionError:  # tomllib recurses once per nesting level, in any tool's table
        problem = ConfigProblem(shown, "", "invalid TOML: values nested too deeply to read", "flatten the nesting")
        raise ConfigError([problem]) from None


def _text(path: Path, shown: str) -> str:
    """The file as text (TOML is UTF-8 only), or a `ConfigError` saying why it cannot be."""
    try:
        data, _ = read_regular(path, _MAX_CONFIG_BYTES)
    except OSError as error:
        problem = ConfigProblem(shown, "", f"cannot read config file: {error.strerror or error}",
                                "check that the path is a readable file")
        raise ConfigError([problem]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        message = f"not UTF-8 (byte 0x{data[error.start]:02x}); TOML files must be UTF-8"
        raise ConfigError([ConfigProblem(shown, "", message, "save the file as UTF-8", line, column)]) from None


def _syntax_problem(shown: str, message: str) -> ConfigProblem:
    position = _POSITION.search(message)
    line, column = (int(position[1]), int(position[2])) if position else (None, None)
    text = _POSITION.sub("", message)
    return ConfigProblem(shown, "", f"invalid TOML: {text}", "fix the TOML syntax", line, column)


def find_config(start: Path) -> Path | None:
    """The nearest `pyproject.toml` at or above `start` (a file or folder) that configures us.

    Like Ruff, a pyproject without our table is skipped, so a nested package's own pyproject does
    not hide the project's configuration.
    """
    start = start.resolve()
    folder = start if _is(start, Path.is_dir) else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if _is(path, Path.is_file) and _configures_us(path):
            return path
    return None


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """`test(path)`, or a `ConfigError` when a folder on the way cannot be searched: it may hold
    the configuration."""
    try:
        return test(path)
    except OSError as error:
        message = f"cannot look for a configuration at {path}: {error.strerror or error}"
        raise ConfigError([ConfigProblem(str(path), "", message, "make the folder readable")]) from None


def _configures_us(path: Path) -> bool:
    """True if the file has our table; a broken file that mentions us counts, so load reports it.
    One that cannot be read or is not UTF-8 raises `ConfigError`: it may be ours."""
    text = _text(path, str(path))
    try:
        tool = tomllib.loads(text).get("tool")
    except (tomllib.TOMLDecodeError, RecursionError):
        return "ssot-lint" in text
    return isinstance(tool, dict) and "ssot-lint" in tool
