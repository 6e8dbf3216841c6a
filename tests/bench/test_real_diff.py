"""The differential run's reference (bench/real_reference.py) and `check` agree on a small project
shaped like the real one (a package `__init__` re-exporting, a star import with `__all__`, an alias
module, renames used through imports and attributes, strings, deprecated calls), and the reference
finds exactly what the rule pages say. The real code stays in the download cache: this test reads
only what it writes."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from ssot_lint import app
from ssot_lint.reporters.json import to_document

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import real_diff
import real_reference as ref

CONTRACTS = {
    "translation": ref.Contract("web.i18n", renames={"web.i18n.ugettext": "web.i18n.gettext"}),
    "http": ref.Contract("web.httputil", calls={"web.httputil.urlquote": "urllib.parse.quote"}),
    "legacy": ref.Contract("web.embeds.finders", deprecated=("web.embeds.embeds",)),
    "responses": ref.Contract("web.http.response", factory_only=("web.http.response.HttpResponse",)),
}

FILES = {
    "web/__init__.py": "",
    "web/i18n.py": "def gettext(message):\n    return message\n\n\nugettext = gettext\n",
    "web/httputil.py": "from urllib.parse import quote\n\n\ndef urlquote(url):\n    return quote(url)\n",
    "web/embeds/__init__.py": "",
    "web/embeds/embeds.py": "def get_embed(url):\n    return url\n",
    "web/embeds/finders.py": "def get_embed(url):\n    return url\n",
    "web/http/__init__.py": "from web.http.response import *\n",
    "web/http/response.py": "__all__ = ['HttpResponse']\n\n\nclass HttpResponse:\n    pass\n",
    "web/compat.py": "from web import http as _http\n\nResponse = _http.HttpResponse\n",
    "site/__init__.py": "",
    "site/views.py": """\
        '''Views: see web.embeds.embeds for the old finder.'''
        import web.i18n
        from unittest import mock
        from web.http import HttpResponse
        from web.compat import Response
        from web.httputil import urlquote
        from web.i18n import ugettext as _

        PATCHED = ["web.embeds.embeds.get_embed"]


        def view(request):
            try:
                from web.embeds.finders import get_embed
            except ImportError:
                from web.embeds.embeds import get_embed
            with mock.patch("web.embeds.embeds"):
                label = web.i18n.ugettext(_("hi"))
            return HttpResponse(urlquote(label)), Response(f"web.embeds.embeds.{label}")
    """,
}

EXPECTED = {
    ("site/views.py", 6, "SSOT001"),  # urlquote: a deprecated callable
    ("site/views.py", 7, "SSOT001"),  # ugettext: renamed
    ("site/views.py", 9, "SSOT002"),  # a module path in a list
    ("site/views.py", 17, "SSOT002"),  # a patch target
    ("site/views.py", 18, "SSOT001"),  # web.i18n.ugettext through its module
    ("site/views.py", 19, "SSOT003"),  # HttpResponse through web.http's star import; Response too
    ("site/views.py", 19, "SSOT004"),  # urlquote(...)
    ("site/views.py", 19, "SSOT002"),  # an f-string's head
}


def _write(root: Path) -> list[Path]:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return sorted(root.rglob("*.py"))


def test_reference_finds_what_the_rule_pages_say_and_check_agrees(tmp_path: Path, monkeypatch) -> None:
    files = _write(tmp_path)
    monkeypatch.setattr(real_diff, "CONTRACTS", CONTRACTS)
    (tmp_path / "pyproject.toml").write_text(real_diff.pyproject(), encoding="utf-8")
    reference = ref.findings(tmp_path, files, list(CONTRACTS.values()))
    assert {f for f in reference if f[0] == "site/views.py"} == EXPECTED
    report = app.check(app.RunOptions(cwd=tmp_path, paths=(tmp_path,), jobs=1, use_cache=False,
                                      select=real_diff.RULES))
    document = to_document(report)
    assert document["errors"] == []
    found = {(Path(f["path"]).relative_to(tmp_path).as_posix(), f["line"], f["code"]) for f in document["findings"]}
    assert found == reference
    table = real_diff.compare(found, reference)
    assert all(row["recall"] == row["precision"] == 1.0 for row in table.values())
    assert real_diff.compare(found - {("site/views.py", 19, "SSOT004")}, reference)["SSOT004"]["recall"] == 0.0
