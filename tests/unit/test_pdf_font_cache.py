"""The font cache: a bundled face restored from it is the face ReportLab parses, never stale."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from decisionaid.content import cache
from decisionaid.paths import fonts_dir
from decisionaid.pdf import fonts
from documented import write_documented_answers


@pytest.mark.parametrize("name", list(fonts.FONT_FILES))
def test_a_restored_font_is_the_font_reportlab_parses(name: str) -> None:
    path = str(fonts_dir() / fonts.FONT_FILES[name])
    parsed = TTFont(name, path)
    kept = {k: v for k, v in vars(parsed.face).items() if k not in fonts._NOT_KEPT}
    kept["filename"] = "/where/the/cache/was/written.ttf"  # the same bytes, installed elsewhere
    data = Path(path).read_bytes()
    restored = fonts._restored(name, path, data, pickle.loads(pickle.dumps(kept, protocol=5)))

    assert type(restored.face) is type(parsed.face)
    face, fresh = vars(restored.face), vars(parsed.face)
    assert face.keys() == fresh.keys()
    for key in fresh.keys() - {"_pdfScale"}:
        assert face[key] == fresh[key], key
        assert type(face[key]) is type(fresh[key]), key
    for value in (0, 1, 600, 1234, -91, 2.5):
        assert restored.face._pdfScale(value) == parsed.face._pdfScale(value)

    assert type(restored) is TTFont
    font, fresh = vars(restored), vars(parsed)
    assert font.keys() == fresh.keys()
    for key in fresh.keys() - {"face", "encoding", "state"}:
        assert font[key] == fresh[key], key
    assert type(restored.encoding) is type(parsed.encoding)
    assert vars(restored.encoding) == vars(parsed.encoding)
    assert type(restored.state) is type(parsed.state)
    assert len(restored.state) == len(parsed.state) == 0


RENDER = """
import sys
from reportlab.pdfbase import ttfonts
parsed = []
extract = ttfonts.TTFontFile.extractInfo
def counted(self, *args, **kwargs):
    parsed.append(self.filename)
    return extract(self, *args, **kwargs)
ttfonts.TTFontFile.extractInfo = counted
from decisionaid.cli import main
args = ["render", "--answers", sys.argv[1], "--out", sys.argv[2], "--lang", sys.argv[3]]
assert main([*args, "--date", "2026-11-25"]) == 0
print(len(parsed))
"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_pdf_from_cached_fonts_is_byte_identical(tmp_path: Path, language: str) -> None:
    """Cold cache (parse and store), warm cache (nothing parsed), cache off: the same file."""
    source = write_documented_answers(tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home"), cache.ENV: "1"}
    made: list[tuple[int, bytes]] = []
    for run, switch in enumerate(("1", "1", "0")):
        out = tmp_path / f"{run}.pdf"
        done = subprocess.run(
            [sys.executable, "-c", RENDER, str(source), str(out), language],
            env={**env, cache.ENV: switch},
            check=True,
            capture_output=True,
            text=True,
        )
        made.append((int(done.stdout.split()[-1]), out.read_bytes()))
    (cold, first), (warm, second), (off, third) = made
    assert first == second == third
    stored = sorted(p.name.split(".")[0] for p in (tmp_path / "home").rglob("font-*.pickle"))
    assert cold == off == len(stored) >= 3
    assert warm == 0
    if language == "en":
        assert stored == ["font-NotoSans", "font-NotoSans-Bold", "font-NotoSansSymbols2"]


def test_a_cached_font_is_found_only_for_the_same_bytes_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "1")
    code_file = tmp_path / "parser.py"
    code_file.write_text("v = 1\n", encoding="utf-8")
    code = (code_file,)
    folder = tmp_path / "cache"
    cache.font_write("Face", b"font bytes", code, {"charWidths": {65: 600}}, folder)
    cache.font_write("Face-Bold", b"bold bytes", code, {"charWidths": {65: 640}}, folder)
    assert cache.font_read("Face", b"font bytes", code, folder) == {"charWidths": {65: 600}}
    assert cache.font_read("Face", b"font bytez", code, folder) is None
    assert cache.font_read("Face-Bold", b"font bytes", code, folder) is None

    other = tmp_path / "other.py"
    other.write_text("v = 2\n", encoding="utf-8")
    assert cache.font_read("Face", b"font bytes", (other,), folder) is None

    # A new file of the same face replaces the old entry; the other face's entry stays.
    cache.font_write("Face", b"new bytes", code, {"charWidths": {65: 610}}, folder)
    names = sorted(p.name.split(".")[0] for p in folder.glob("font-*.pickle"))
    assert names == ["font-Face", "font-Face-Bold"]
    assert cache.font_read("Face", b"font bytes", code, folder) is None

    # A broken entry is not served (the font is parsed instead).
    (entry,) = folder.glob("font-Face.*.pickle")
    entry.write_bytes(entry.read_bytes()[:-5])
    assert cache.font_read("Face", b"new bytes", code, folder) is None


def test_the_font_cache_follows_the_switch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv(cache.ENV, "0")
    cache.font_write("Face", b"font bytes", (), {"a": 1})
    assert not (tmp_path / "decisionaid").exists()
    monkeypatch.setenv(cache.ENV, "1")
    cache.font_write("Face", b"font bytes", (), {"a": 1})
    assert cache.font_read("Face", b"font bytes", ()) == {"a": 1}
    monkeypatch.setenv(cache.ENV, "0")
    assert cache.font_read("Face", b"font bytes", ()) is None


def test_cached_tables_are_found_only_for_the_same_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """content_cache.tables_read: keyed by the files that make the tables, never stale."""
    monkeypatch.setenv(cache.ENV, "1")
    code_file = tmp_path / "tables.py"
    code_file.write_text("v = 1\n", encoding="utf-8")
    code = (code_file,)
    folder = tmp_path / "cache"
    cache.tables_write("rtl", code, {"mirror": {40: ")"}}, folder)
    cache.tables_write("other", code, {"a": 1}, folder)
    assert cache.tables_read("rtl", code, folder) == {"mirror": {40: ")"}}
    assert cache.tables_read("rtl", (tmp_path / "elsewhere.py",), folder) is None
    assert cache.tables_read("missing", code, folder) is None

    cache._code_key.cache_clear()  # the key is hashed once a process: a new process
    code_file.write_text("v = 2\n", encoding="utf-8")
    assert cache.tables_read("rtl", code, folder) is None
    cache.tables_write("rtl", code, {"mirror": {}}, folder)
    names = sorted(p.name.split(".")[0] for p in folder.glob("tables-*.pickle"))
    assert names == ["tables-other", "tables-rtl"]  # the old key's entry is gone

    (entry,) = folder.glob("tables-rtl.*.pickle")
    entry.write_bytes(entry.read_bytes()[:-5])
    assert cache.tables_read("rtl", code, folder) is None  # broken: made again
    monkeypatch.setenv(cache.ENV, "0")
    assert cache.tables_read("other", code, folder) is None
