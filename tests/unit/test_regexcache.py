"""Kept regular-expression codes: the same patterns as CPython compiles, kept only from imports."""

from __future__ import annotations

import _sre
import marshal
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from reportlab.platypus import paragraph

from decisionaid import cachefolder, regexcache
from decisionaid.content import cache

ROOT = Path(__file__).resolve().parents[2]

# Patterns with what CPython's compiler treats specially: named groups and back references,
# look-arounds, conditionals, atomic groups and possessive repeats, inline and scoped flags,
# verbose comments, character classes beyond Latin, bounded repeats, bytes, and the empty one.
VARIED: list[tuple[str | bytes, int]] = [
    ("", 0),
    (r"(?P<year>\d{4})-(?P<month>\d\d)-(?P=month)", 0),
    (r"(?<=\s)CAR-T(?!\w)", re.I),
    (r"(a)?(?(1)b|c)", 0),
    (r"(?>a+)b|c*+d|e?+f", 0),
    (r"(?i:abc)DEF(?-i:ghi)", 0),
    (r"(?x) ^ \s* ( [a-z]+ )  # a word\n \s* = \s* (.*) $", re.M),
    (r"[\u0600-\u06FF\u0750-\u077F]+|[^\W\d_]{2,63}", 0),
    (r"[^\s\x00-\x1f]{1,59}\.(?:com|org)\Z", re.A),
    (r"^.*$", re.S | re.M),
    (rb"[\x80-\xff]+|\bfoo\b", 0),
    (rb"(?P<k>[a-z]+)=(?P<v>[^;]*)", re.I),
    (r"\N{ARABIC LETTER ALEF}|é|ß", re.I),
    (paragraph.uri_pat.pattern, paragraph.uri_pat.flags & ~re.U),
]


@pytest.fixture
def installed(private_cache: Path) -> Iterator[Path]:
    """The cache installed in this process over a fresh folder, uninstalled afterwards."""
    assert regexcache.install(private_cache)
    try:
        yield private_cache
    finally:
        regexcache.uninstall()
    assert re._compiler.compile is regexcache._original


def _same(pattern: re.Pattern[str] | re.Pattern[bytes], source: str | bytes, flags: int) -> None:
    """`pattern` is what CPython's own compiler makes of `source` (code, flags, groups)."""
    own = regexcache._original(source, flags)
    assert pattern == own  # Pattern equality compares the pattern, the flags and the codes
    assert (pattern.flags, pattern.groups, pattern.groupindex) == (
        own.flags,
        own.groups,
        own.groupindex,
    )


@pytest.mark.parametrize(("source", "flags"), VARIED)
def test_codes_make_the_pattern_cpython_compiles(source: str | bytes, flags: int) -> None:
    _same(_sre.compile(source, *regexcache._codes(source, flags)), source, flags)


def test_every_kept_pattern_is_the_one_cpython_compiles(tmp_path: Path) -> None:
    """What `decisionaid` keeps after a render's imports, read back, compiles as CPython does."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), cache.ENV: "1"}
    program = "import decisionaid.cli, logging, yaml, reportlab.platypus, babel.dates"
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    kept, sites, _ = regexcache._read(tmp_path / "decisionaid")
    assert len(kept) > 50
    assert sites.keys() == kept.keys()
    assert (paragraph.uri_pat.pattern, re.I) in kept  # ReportLab's 25 ms one
    for (source, flags), entry in kept.items():
        _same(_sre.compile(source, *regexcache._args(entry)), source, flags)


def test_only_patterns_compiled_by_an_import_are_kept(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = uuid.uuid4().hex
    (tmp_path / f"m{marker}.py").write_text(
        f"import re\nAT_IMPORT = re.compile(r'import-{marker}-\\d+')\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__(f"m{marker}")
    typed = uuid.uuid4().hex
    assert re.compile(re.escape(f"words{typed}")).match(f"words{typed}")  # as from a person
    regexcache.save()
    data = (installed / regexcache._name()).read_bytes()
    assert f"import-{marker}".encode() in data
    assert typed.encode() not in data
    _, sites, _ = regexcache._read(installed)
    assert sites[(rf"import-{marker}-\d+", 0)] == f"{tmp_path / f'm{marker}.py'}:2"


def test_a_site_whose_pattern_changes_is_no_longer_kept_nor_written(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ReportLab's `rl_safe_eval`, which joins a set's names in an order each process picks."""
    module = f"m{uuid.uuid4().hex}"
    (tmp_path / f"{module}.py").write_text(
        "import os, re\nP = re.compile('unsteady-' + os.environ['TOKEN'])\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    site = f"{tmp_path / module}.py:2"
    writes: list[bytes] = []
    write = cachefolder.write_blob

    def counted(folder: Path, name: str, magic: bytes, digest: str, payload: bytes) -> bool:
        writes.append(payload)
        return write(folder, name, magic, digest, payload)

    monkeypatch.setattr(cachefolder, "write_blob", counted)
    for run, token in enumerate(("one", "two", "three", "four")):
        monkeypatch.setenv("TOKEN", token)
        if run:
            regexcache.install(installed)
        __import__(module)
        del sys.modules[module]
        regexcache.save()
        regexcache.uninstall()
        kept, sites, unsteady = regexcache._read(installed)
        assert (site in sites.values(), site in unsteady) == (run == 0, run > 0)
        assert ("unsteady-one", 0) not in kept or run == 0
    assert len(writes) == 2  # the first keeps it, the second finds it unsteady; then nothing


def _font_pattern(font: str) -> re.Pattern[str]:
    """One pattern per font, from one line, as `pdf.fonts` builds them from each font's characters."""
    return regexcache.shipped(f"[^{font}]+")


def test_patterns_built_from_shipped_data_are_kept_one_per_font(installed: Path) -> None:
    fonts = [uuid.uuid4().hex for _ in range(3)]
    for run, used in enumerate((fonts[:1], fonts, fonts[1:])):
        if run:
            regexcache.install(installed)
            re.purge()  # as in a new process
        for font in used:
            assert _font_pattern(font).fullmatch("CAR-T")
        regexcache.save()
        regexcache.uninstall()
    kept, _, unsteady = regexcache._read(installed)
    assert {(f"[^{font}]+", 0) for font in fonts} <= kept.keys()
    assert not unsteady  # the second run found the first font's pattern before it added two


def test_a_kept_pattern_is_compiled_from_its_codes(installed: Path) -> None:
    """A kept entry is used as it is: a wrong one would show (it matches something else)."""
    source = f"kept-{uuid.uuid4().hex}"
    other = regexcache._entry(regexcache._codes("something else", 0))
    regexcache._state.kept[(source, 0)] = other
    assert re.compile(source).match("something else")
    assert not re.compile(source.upper()).match("something else")


def test_broken_codes_are_compiled_again_and_rewritten(installed: Path) -> None:
    source = f"broken-{uuid.uuid4().hex}"
    regexcache._state.kept[(source, 0)] = regexcache._entry((0, [99_999, 7], 0, {}, (None,)))
    _same(re.compile(source), source, 0)
    assert (source, 0) not in regexcache._state.kept


def test_a_broken_file_costs_only_time(installed: Path) -> None:
    regexcache.uninstall()
    name = installed / regexcache._name()
    header = regexcache._MAGIC + regexcache._key().encode() + b"\n"
    for body in (b"\x00garbage", marshal.dumps(["not", "a", "dict"])):
        name.write_bytes(header + body)
        assert regexcache.install(installed)
        assert regexcache._state.kept == {}
        regexcache.uninstall()
    entry: regexcache.Entry = (0, b"", 0, {}, ())
    name.write_bytes(b"another Python\n" + marshal.dumps(({("x", 0): entry}, {}, set())))
    assert regexcache.install(installed)
    assert regexcache._state.kept == {}


def test_nothing_is_replaced_when_caching_is_off_or_the_folder_is_not_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "0")
    assert not regexcache.install(tmp_path)
    assert re._compiler.compile is regexcache._original
    monkeypatch.setenv(cache.ENV, "1")
    monkeypatch.setattr(regexcache, "SUPPORTED", ())
    assert not regexcache.install(tmp_path)
    assert re._compiler.compile is regexcache._original
    monkeypatch.undo()
    monkeypatch.setenv(cache.ENV, "1")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert regexcache.install(shared)
    try:
        __import__("xml.dom.minidom")  # a few patterns compiled by an import
        regexcache.save()
    finally:
        regexcache.uninstall()
    assert not cachefolder.private_folder(shared)
    assert list(shared.iterdir()) == []


RENDER = """
import sys
from decisionaid import cli, regexcache
codes = regexcache._codes
compiled = []
def counting(p, flags):
    compiled.append(p)
    return codes(p, flags)
regexcache._codes = counting
args = ["render", "--answers", sys.argv[1], "--out", sys.argv[2], "--date", "2026-11-25"]
assert cli.main(args) == 0
from reportlab.platypus import paragraph
print(len(compiled), paragraph.uri_pat.pattern in compiled)
"""


def test_a_render_keeps_no_answer_and_the_next_one_compiles_from_kept_codes(
    tmp_path: Path,
) -> None:
    marker = f"Zebra{uuid.uuid4().hex}"
    example = (ROOT / "docs" / "answers-format.md").read_text(encoding="utf-8")
    answers = yaml.safe_load(example.split("```yaml\n", 1)[1].split("```", 1)[0])
    answers["notes"] = f"{marker} (a worry about {marker})"
    source = tmp_path / "answers.yaml"
    source.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home"), cache.ENV: "1"}
    counts = []
    for run in ("first", "second", "off"):
        out = tmp_path / f"{run}.pdf"
        if run == "off":
            env[cache.ENV] = "0"
        done = subprocess.run(
            [sys.executable, "-c", RENDER, str(source), str(out)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        counts.append(done.stdout.split()[-2:])
    kept = tmp_path / "home" / "decisionaid" / regexcache._name()
    assert marker.encode() not in kept.read_bytes()
    first, second, off = counts
    assert first[1] == "True"
    assert int(first[0]) > 50
    assert second[1] == "False"
    assert int(second[0]) < int(first[0]) // 5
    assert off == ["0", "False"]  # not installed: CPython compiles everything itself
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "second.pdf").read_bytes()
    assert (tmp_path / "second.pdf").read_bytes() == (tmp_path / "off.pdf").read_bytes()
