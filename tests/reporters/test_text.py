"""The text report: jumpable one-line findings, source context with carets, a summary, no ANSI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ssot_lint.findings import CheckReport, FileResult, Finding, Location
from ssot_lint.reporters import get_reporter
from ssot_lint.reporters.text import TextReporter


def render(report: CheckReport, *, color: bool = False) -> str:
    out = io.StringIO()
    TextReporter().render(report, out, color=color)
    return out.getvalue()


def line_after(text: str, prefix: str) -> list[str]:
    """The line starting with `prefix` and the two that follow it."""
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    return lines[i : i + 3]


def test_registry_has_text() -> None:
    assert isinstance(get_reporter("text"), TextReporter)


def test_no_ansi_without_color(
    report: CheckReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" not in render(report)


def test_color_emits_ansi(report: CheckReport) -> None:
    assert "\x1b[" in render(report, color=True)


def test_finding_lines_are_jumpable_and_literal(report: CheckReport) -> None:
    lines = render(report).splitlines()
    assert (
        "src/a.py:2:6 SSOT001 `app.old.manager` is deprecated; import from `app.ws.manager`"
        in lines
    )
    # `[T]` is not swallowed as rich markup
    assert (
        "src/b.py:2:9 SSOT003 Direct instantiation of `WebSocketManager[T]`; use `get_manager()`"
        in lines
    )


def test_file_headers_group_findings(report: CheckReport) -> None:
    lines = render(report).splitlines()
    assert lines[0] == "src/a.py"
    assert "src/b.py" in lines


def test_source_line_and_caret_under_span(report: CheckReport) -> None:
    _, src, carets = line_after(render(report), "src/a.py:2:6")
    assert src.endswith("| from app.old.manager import WebSocketManager")
    offset = src.index("| ") + 2
    assert carets[offset:] == " " * 5 + "^" * 19
    assert src[offset + 5 : offset + 24] == "app.old.manager imp"


def test_caret_for_unfixable(report: CheckReport) -> None:
    _, src, carets = line_after(render(report), "src/b.py:2:9")
    offset = src.index("| ") + 2
    assert carets[offset:] == " " * 8 + "^" * 18
    assert src[offset + 8 : offset + 26] == "WebSocketManager()"


def test_help_and_note_lines(report: CheckReport) -> None:
    text = render(report)
    assert "  help: Import from `app.ws.manager`" in text.splitlines()
    assert "  note: not fixable: arguments differ from the factory" in text.splitlines()


def test_error_line_and_hint(report: CheckReport) -> None:
    lines = render(report).splitlines()
    i = lines.index("src/c.py:3:5 SSOT000 invalid syntax")
    assert lines[i + 1] == "  hint: fix the syntax error and run again"


def test_summary(report: CheckReport) -> None:
    text = render(report)
    assert (
        "2 findings (1 fixable with `ssot-lint check --fix`) in 2 files; 4 files scanned in 0.12s"
        in text
    )
    assert "1 files could not be analysed" in text
    assert "Findings by rule" in text and "Findings by contract" in text
    rows = [line.split() for line in text.splitlines()]
    assert ["SSOT001", "deprecated-import", "1", "1"] in rows
    assert ["SSOT003", "direct-instantiation", "1", "0"] in rows
    assert ["websocket", "2"] in rows
    assert ["auth", "0"] in rows


def test_unreadable_source_skips_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    finding = Finding(
        Location("gone/[x].py", 1, 1, 1, 4),
        "SSOT001",
        "msg [bold]not bold[/bold]",
        "c",
        "a.b",
        None,
        False,
    )
    report = CheckReport((FileResult("gone/[x].py", (finding,)),), files_scanned=1)
    lines = render(report).splitlines()
    assert lines[:2] == [
        "gone/[x].py",
        "gone/[x].py:1:1 SSOT001 msg [bold]not bold[/bold]",
    ]
    assert not any(" | " in line for line in lines)
    assert not any(line.lstrip().startswith(("help:", "note:")) for line in lines)


def test_multiline_span_underlines_to_end_of_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text("x = foo(\n    1)\n", encoding="utf-8")
    finding = Finding(
        Location("m.py", 1, 5, 2, 7), "SSOT004", "call", "c", "a.foo", None, False
    )
    report = CheckReport((FileResult("m.py", (finding,)),), files_scanned=1)
    _, src, carets = line_after(render(report), "m.py:1:5")
    offset = src.index("| ") + 2
    assert carets[offset:] == "    ^^^^"


def test_long_line_is_not_wrapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    message = "word " * 60
    finding = Finding(
        Location("m.py", 1, 1, 1, 2), "SSOT001", message.strip(), "c", "a", None, False
    )
    report = CheckReport((FileResult("m.py", (finding,)),), files_scanned=1)
    assert f"m.py:1:1 SSOT001 {message.strip()}" in render(report).splitlines()


def test_clean_report() -> None:
    text = render(CheckReport(results=(), files_scanned=7))
    assert text == "All checks passed! (7 files scanned)\n"


def test_caret_after_tab_and_wide_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.py").write_text("\t名前 = Old()\n", encoding="utf-8")
    finding = Finding(
        Location("w.py", 1, 6, 1, 9), "SSOT003", "new", "c", "a.Old", None, False
    )
    report = CheckReport((FileResult("w.py", (finding,)),), files_scanned=1)
    _, src, carets = line_after(render(report), "w.py:1:6")
    offset = src.index("| ") + 2
    assert src[offset:] == " 名前 = Old()"
    assert (
        carets[offset:] == " " * 7 + "^^^"
    )  # tab = 1 cell, each CJK character = 2 cells
