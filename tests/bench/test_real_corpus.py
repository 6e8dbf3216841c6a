"""The real-code corpus script and the shape figures, without the network (no timing assertions).

The downloads themselves are never made here: a fake pinned distribution stands in for the sdists.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
import real_corpus  # noqa: E402
import shape  # noqa: E402

SOURCES = {
    "Demo-1.0/pkg/__init__.py": b"",
    "Demo-1.0/pkg/core.py": b"def old():\n    pass\n\n\ndef new():\n    pass\n",
    "Demo-1.0/tests/test_core.py": (
        b"from pkg.core import old\n\n\nclass TestOld:\n    def test_it(self):\n"
        b"        x = 1\n        y = 2\n        old()\n        return x + y\n"
    ),
    "Demo-1.0/docs/conf.py": b"x = 1\n",
    "Demo-1.0/pkg/data.txt": b"not python\n",
    "Demo-1.0/../escape.py": b"x = 1\n",
}
PYPROJECT = """\
[tool.ssot-lint]
src = ["Demo-1.0"]

[[tool.ssot-lint.contract]]
name = "demo"
canonical = "pkg.core"
deprecated-calls = { "pkg.core.old" = "pkg.core.new" }
"""


def fake_sdist(cache: Path) -> real_corpus.Dist:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in SOURCES.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    cache.mkdir()
    (cache / "Demo-1.0.tar.gz").write_bytes(buf.getvalue())
    digest = hashlib.sha256(buf.getvalue()).hexdigest()
    return real_corpus.Dist("Demo", "1.0", digest, ("pkg", "tests"))


def ssot_lint() -> str:
    local = Path(sys.executable).parent / "ssot-lint"
    return str(local) if local.exists() else (shutil.which("ssot-lint") or "ssot-lint")


def test_build_keeps_the_python_files_of_the_pinned_folders_and_reuses_its_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist = fake_sdist(tmp_path / "cache")
    monkeypatch.setattr(real_corpus, "DISTS", (dist,))
    monkeypatch.setattr(real_corpus, "PYPROJECT", PYPROJECT)
    out = tmp_path / "corpus"

    stats = real_corpus.build(out, tmp_path / "cache")

    kept = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.py"))
    assert kept == ["Demo-1.0/pkg/__init__.py", "Demo-1.0/pkg/core.py", "Demo-1.0/tests/test_core.py"]
    assert not (tmp_path / "escape.py").exists()
    assert stats["files"] == 3
    assert (out / "pyproject.toml").read_text() == PYPROJECT
    (out / "Demo-1.0/pkg/core.py").write_bytes(b"edited\n")
    assert real_corpus.build(out, tmp_path / "cache") == stats  # stamp matches: not rebuilt
    assert (out / "Demo-1.0/pkg/core.py").read_bytes() == b"edited\n"

    proc = subprocess.run(
        [ssot_lint(), "check", "--no-cache", "--output-format", "json", "."],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=120,
    )
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["path"], f["line"], f["code"]) for f in findings] == [
        ("Demo-1.0/tests/test_core.py", 1, "SSOT001"),  # importing a deprecated callable
        ("Demo-1.0/tests/test_core.py", 8, "SSOT004"),
    ]


def test_a_cached_archive_with_another_hash_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist = fake_sdist(tmp_path / "cache")
    wrong = real_corpus.Dist("Demo", "1.0", "0" * 64, dist.keep)
    calls: list[list[str]] = []

    def pip(cmd: list[str], **_: object) -> subprocess.CompletedProcess:
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 1, "", "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES")

    monkeypatch.setattr(real_corpus.subprocess, "run", pip)
    with pytest.raises(SystemExit, match="could not download Demo-1.0.tar.gz"):
        real_corpus.fetch(wrong, tmp_path / "cache")
    assert "--require-hashes" in calls[0]


def test_the_real_contract_is_a_valid_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(real_corpus.PYPROJECT)
    proc = subprocess.run(
        [ssot_lint(), "check", "--show-settings", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("django-urls", "django-text", "sqlalchemy-declarative", "sqlalchemy-session"):
        assert name in proc.stdout


def test_shape_measures_where_the_names_sit(tmp_path: Path) -> None:
    dist = fake_sdist(tmp_path / "cache")
    out = tmp_path / "corpus"
    real_corpus.extract(dist, tmp_path / "cache" / dist.archive, out)
    (out / "pyproject.toml").write_text(PYPROJECT)

    figures = shape.measure(out)

    assert figures["files"] == 3
    assert figures["leaf_names"] == 2  # old, new
    assert figures["candidate_files"] == 2  # core.py and test_core.py spell them
    assert figures["spelling_lines"] == 4
    # test_core.py: the import (1 line), then `class TestOld` (6 lines) around `old()`;
    # innermost: the import and the call statement alone
    assert figures["candidate_lines"] == 6 + 9
    assert figures["top_level_coverage"] == round((2 + 2 + 1 + 6) / 15, 2)
    assert figures["innermost_coverage"] == round((2 + 2 + 1 + 1) / 15, 2)
