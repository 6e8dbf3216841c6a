"""The stats page in a real browser: headless Chromium renders the charts with the right numbers.

Needs the system program `chromium` (Debian: `apt-get install chromium`). `.ci/run` installs it
and sets SSOT_LINT_REQUIRE_BROWSER=1, so in CI a missing browser fails; elsewhere the test is
skipped with that reason (the README says so).
"""

from __future__ import annotations

import datetime
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
    assert re.search(r'<polyline class="findings" points="[\d., ]+"', html)
    assert '<tr data-label="app"><td>app</td><td>24</td><td>16</td></tr>' in html
    shot = tmp_path / "stats.png"
    picture = _browser(tmp_path, f"--screenshot={shot}", "--window-size=900,1400", page.as_uri())
    assert picture.returncode == 0, picture.stderr
    assert shot.stat().st_size > 1000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


#: measures the page in the browser: every text inside its chart, no label over its bar, and the
#: order of the charts; the results go into attributes `--dump-dom` shows.
_MEASURE = """<script>
const cut = [];
for (const svg of document.querySelectorAll('svg')) {
  const box = svg.getBoundingClientRect();
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBoundingClientRect();
    if (b.left < box.left - 0.5 || b.right > box.right + 0.5 || b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5)
      cut.push(t.textContent);
  }
}
for (const g of document.querySelectorAll('g.bar')) {
  const label = g.querySelector('text.label').getBoundingClientRect();
  if (label.right > g.querySelector('rect').getBoundingClientRect().left + 0.5) cut.push('over its bar: ' + g.dataset.label);
}
document.body.setAttribute('data-cut', JSON.stringify(cut));
document.body.setAttribute('data-order', [...document.querySelectorAll('[data-chart]')].map(e => e.dataset.chart).join(','));
</script>"""

LONG = "app.a_rather_long_package_name.with_a_deeply_nested.legacy_websocket_manager_module"


def test_the_wall_page_burndown_first_by_date_with_axes_legend_other_row_and_no_label_cut(project, run, tmp_path) -> None:
    contract = (f'[[contract]]\nname = "ws"\ncanonical = "app.new"\ndeprecated = ["{LONG}"]\n')
    files = {"app/__init__.py": "", "app/new.py": "class X:\n    pass\n", f"{LONG.replace('.', '/')}.py": "from app.new import X\n"}
    files.update({f"area{i:02}/m.py": f"from {LONG} import X\n" * (i + 1) for i in range(12)})
    root = project(files, contract=contract, sources={})
    jan = _snapshot(tmp_path / "jan.json", "2026-01-01T00:00:00+00:00", 120, 80)
    feb = _snapshot(tmp_path / "feb.json", "2026-02-01T00:00:00+00:00", 100, 70)
    page = tmp_path / "wall.html"
    result = run(root, "stats", "--html", str(page), "--history", str(feb), str(jan))
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert f"<title>{root.name}: ssot-lint migration burndown, {today}</title>" in html
    measured = tmp_path / "measured.html"
    measured.write_text(html.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _browser(tmp_path, "--dump-dom", measured.as_uri())
    assert dom.returncode == 0, dom.stderr
    assert 'data-cut="[]"' in dom.stdout, re.search(r'data-cut="[^"]*"', dom.stdout)
    assert re.search(r'data-order="burndown,by_directory,by_deprecated_path"', dom.stdout)
    # top 9 directories and one "other" row for the last 3 (by count: area00..area02 have 1..3)
    bars = re.findall(r'<g class="(bar(?: other)?)" data-label="([^"]+)" data-count="(\d+)"', dom.stdout)
    directory_bars = [b for b in bars if b[1].startswith(("area", "other"))]
    assert len(directory_bars) == 10 and directory_bars[-1] == ("bar other", "other (3)", "6")
    assert (("bar", LONG, "78")) in bars
    # the time axis is spaced by date: Jan 1 -> Feb 1 is 31 days of the span to today
    xs = [float(x) for x in re.findall(r'<g class="point"[^>]*><circle cx="([\d.]+)"', dom.stdout)]
    days = [(datetime.date.fromisoformat(d) - datetime.date(2026, 1, 1)).days for d in ("2026-01-01", "2026-02-01", today)]
    assert abs((xs[1] - xs[0]) / (xs[2] - xs[0]) - days[1] / days[2]) < 0.01
    assert 'class="x-axis"' in dom.stdout and 'class="y-axis"' in dom.stdout
    assert re.findall(r'class="y-tick"[^>]*>(\d+)<', dom.stdout) == ["0", "60", "120"]
    assert dom.stdout.count('data-series="findings"') >= 1 and 'data-series="fixable now"' in dom.stdout
    shot = tmp_path / "wall.png"
    picture = _browser(tmp_path, f"--screenshot={shot}", "--window-size=1000,1600", page.as_uri())
    assert picture.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
