"""The stats page in a real browser: headless Chromium renders the charts with the right numbers.

Needs the system program `chromium` (Debian: `apt-get install chromium`). `.ci/run` installs it
and sets SSOT_LINT_REQUIRE_BROWSER=1, so in CI a missing browser fails; elsewhere the test is
skipped with that reason (the README says so).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def _find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_MISSING = "needs the `chromium` program on PATH (Debian: apt-get install chromium; .ci/run installs it)"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_find_chromium() is None and not os.environ.get("SSOT_LINT_REQUIRE_BROWSER"), reason=_MISSING),
]

_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run")


def _chromium() -> str:
    found = _find_chromium()
    assert found, _MISSING  # SSOT_LINT_REQUIRE_BROWSER is set (CI): a missing browser fails
    return found


def _browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run([_chromium(), *_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def _snapshot(path: Path, when: str, findings: int, fixable: int) -> Path:
    path.write_text(json.dumps({"version": 1, "generated_at": when, "findings": findings, "fixable": fixable}),
                    encoding="utf-8")
    return path


def test_rendered_dom_has_the_numbers_and_a_screenshot(reference_app: Path, run, tmp_path: Path) -> None:
    page = tmp_path / "stats.html"
    older = _snapshot(tmp_path / "b.json", "2024-02-01T00:00:00+00:00", 31, 22)
    oldest = _snapshot(tmp_path / "a.json", "2024-01-01T00:00:00+00:00", 40, 25)
    result = run(reference_app, "stats", "--output-format", "json", "--html", str(page),
                 "--history", str(older), "--history", str(oldest))
    assert result.exit_code == 0, result.output
    dom = _browser(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    html = dom.stdout
    bars = re.findall(r'<g class="bar" data-label="([^"]+)" data-count="(\d+)" data-fixable="(\d+)">', html)
    assert ("app", "24", "16") in bars and ("tests", "4", "4") in bars
    assert ("app.websocket_core.manager", "15", "15") in bars
    counts = re.findall(r'<text class="count"[^>]*>(\d+)</text>', html)
    assert {"24", "4", "15", "5", "2"} <= set(counts)
    # the burndown: snapshots by time, this run last
    points = re.findall(r'<g class="point" data-time="([^"]+)" data-count="(\d+)">', html)
    assert [n for _, n in points] == ["40", "31", "28"]
    assert re.search(r'<polyline points="[\d., ]+"', html)
    assert '<tr data-label="app"><td>app</td><td>24</td><td>16</td></tr>' in html
    shot = tmp_path / "stats.png"
    picture = _browser(tmp_path, f"--screenshot={shot}", "--window-size=900,1400", page.as_uri())
    assert picture.returncode == 0, picture.stderr
    assert shot.stat().st_size > 1000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
