"""Rule documentation, rendered from the check classes: `ssot-lint rule CODE` and `rules/*.md`.

The Example / Use instead sections come from each rule's first INVALID example and its `fixed`
text, so the docs can never show code the rule does not actually flag.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from .checks import ALL_CHECKS, Check

__all__ = ["page_name", "render_rule", "rule_by_code", "write_pages"]


def rule_by_code(code: str) -> type[Check] | None:
    return next((c for c in ALL_CHECKS if c.CODE == code), None)


def page_name(check: type[Check]) -> str:
    return f"{check.CODE}-{check.NAME}.md"


def _sections(check: type[Check]) -> tuple[str, str]:
    """The docstring split around `## Fix safety`, so the examples go in between."""
    doc = inspect.cleandoc(check.__doc__ or "")
    head, marker, tail = doc.partition("## Fix safety")
    return head.rstrip(), (marker + tail).strip()


def render_rule(check: type[Check]) -> str:
    """The Markdown page of one rule (Ruff's section order)."""
    head, tail = _sections(check)
    parts = [f"# {check.NAME} ({check.CODE})", "", check.SUMMARY + ".", "", head, ""]
    if check.INVALID:
        example = check.INVALID[0]
        parts += ["## Example", "```python", example.code.rstrip(), "```", ""]
        if example.fixed is not None:
            parts += ["## Use instead", "```python", example.fixed.rstrip(), "```", ""]
    parts += [tail, ""]
    return "\n".join(parts)


def write_pages(folder: Path) -> list[Path]:
    """Regenerate `rules/`: one page per rule plus an index."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    index = ["# Rules", "", "| code | name | summary |", "|---|---|---|"]
    for check in ALL_CHECKS:
        page = folder / page_name(check)
        page.write_text(render_rule(check), encoding="utf-8")
        written.append(page)
        index.append(f"| {check.CODE} | [{check.NAME}]({page_name(check)}) | {check.SUMMARY} |")
    readme = folder / "README.md"
    readme.write_text("\n".join(index) + "\n", encoding="utf-8")
    return [readme, *written]


if __name__ == "__main__":  # python -m ssot_lint.docs: regenerate rules/
    for path in write_pages(Path(__file__).resolve().parent.parent / "rules"):
        print(path)
