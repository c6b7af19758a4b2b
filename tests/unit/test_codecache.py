"""Kept code of PySide6's embedded modules: the code compile() makes, and nothing else changes."""

from __future__ import annotations

import builtins
import marshal
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from decisionaid import codecache
from decisionaid.content import cache

ANNOTATIONS = 0x1000000  # CO_FUTURE_ANNOTATIONS


@pytest.fixture
def installed(private_cache: Path) -> Iterator[Path]:
    """The wrapper installed in this process over a fresh folder, uninstalled afterwards."""
    assert codecache.install(private_cache)
    try:
        yield private_cache
    finally:
        codecache.uninstall()
    assert builtins.compile is codecache._original


def _module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, future: bool) -> object:
    """A module that calls compile() as library code does, with or without the future import,
    from a function and from a nested one (whose code is marked CO_NESTED)."""
    name = f"m{uuid.uuid4().hex}"
    header = "from __future__ import annotations\n" if future else ""
    (tmp_path / f"{name}.py").write_text(
        f"{header}def build(source, inherit=True, nested=False):\n"
        "    def inner():\n"
        "        return compile(source, 'x.py', 'exec', dont_inherit=not inherit)\n"
        "    if nested:\n"
        "        return inner()\n"
        "    return compile(source, 'x.py', 'exec', dont_inherit=not inherit)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return __import__(name)


@pytest.mark.parametrize("future", [True, False])
@pytest.mark.parametrize("inherit", [True, False])
@pytest.mark.parametrize("nested", [True, False])
def test_any_other_compile_is_what_compile_makes_with_the_callers_future_statements(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    private_cache: Path,
    future: bool,
    inherit: bool,
    nested: bool,
) -> None:
    module = _module(tmp_path, monkeypatch, future)
    source = "def f(x: undefined_name) -> int: return 1\n"
    plain = module.build(source, inherit, nested)
    assert codecache.install(private_cache)
    try:
        wrapped = module.build(source, inherit, nested)
        assert builtins.compile is codecache._compile
        assert codecache._state is not None
        assert codecache._state._kept is None  # not even read for any other file
    finally:
        codecache.uninstall()
    assert wrapped == plain
    assert wrapped.co_flags == plain.co_flags
    assert bool(wrapped.co_flags & ANNOTATIONS) == (future and inherit)
    namespace: dict[str, object] = {}
    if future and inherit:  # annotations postponed only where the caller postponed them
        exec(wrapped, namespace)
        assert namespace["f"].__annotations__["x"] == "undefined_name"
    else:
        with pytest.raises(NameError):
            exec(wrapped, namespace)
    assert codecache._read(private_cache, codecache._name()) == {}


def test_only_pysides_embedded_files_are_kept_and_a_changed_source_is_compiled_again(
    installed: Path,
) -> None:
    secret = uuid.uuid4().hex
    assert compile(f"words = '{secret}'".encode(), "<string>", "exec")
    first = compile(b"x = 1", "shibokensupport/fake.py", "exec")
    second = compile(b"x = 2", "shibokensupport/fake.py", "exec")
    namespace: dict[str, object] = {}
    exec(second, namespace)
    assert namespace["x"] == 2
    assert first != second
    codecache.save()
    data = (installed / codecache._name()).read_bytes()
    assert secret.encode() not in data
    kept = codecache._read(installed, codecache._name())
    assert list(kept) == ["shibokensupport/fake.py"]
    assert kept["shibokensupport/fake.py"][0] == b"x = 2"


def test_a_broken_file_costs_only_time(installed: Path) -> None:
    codecache.uninstall()
    name = installed / codecache._name()
    header = codecache._MAGIC + codecache._key().encode() + b"\n"
    for body in (b"\x00garbage", marshal.dumps(["not", "a", "dict"])):
        name.write_bytes(header + body)
        assert codecache.install(installed)
        assert codecache._state is not None
        assert codecache._state.kept == {}
        codecache.uninstall()
    source = b"y = 3"
    broken = {"shibokensupport/x.py": (source, 0, b"not code")}
    name.write_bytes(header + marshal.dumps(broken))
    assert codecache.install(installed)
    namespace: dict[str, object] = {}
    exec(compile(source, "shibokensupport/x.py", "exec"), namespace)
    assert namespace["y"] == 3


def test_nothing_is_replaced_when_caching_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "0")
    assert not codecache.install(tmp_path)
    assert builtins.compile is codecache._original


START = """
import sys
from decisionaid import cli, codecache
compiled = []
original = codecache._original
def counting(source, filename, *rest):
    if isinstance(filename, str) and filename.startswith(codecache._EMBEDDED):
        compiled.append(filename)
    return original(source, filename, *rest)
codecache._original = counting
import PySide6.QtWidgets
print(len(compiled))
"""


def test_pysides_embedded_modules_come_from_kept_code_in_the_next_process(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), cache.ENV: "1"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    counts = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", START], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        counts.append(int(done.stdout.split()[-1]))
    assert counts[0] >= 10  # signature_bootstrap.py and shibokensupport's modules
    assert counts[1] == 0
    kept = codecache._read(tmp_path / "decisionaid", codecache._name())
    assert len(kept) == counts[0]
    for filename, (source, flags, code) in kept.items():
        assert marshal.loads(code) == compile(source, filename, "exec", flags, True)


DATA_CLASS = """
import sys
from decisionaid import codecache
assert "dataclasses" not in sys.modules  # the start imports none: set when imported
codecache.install()
compiled = []
original = codecache._original
def counting(source, filename, *rest):
    compiled.append(filename)
    return original(source, filename, *rest)
codecache._original = counting
import dataclasses
@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: list[int] = dataclasses.field(default_factory=list)
p = Point(1, [2])
try:
    p.x = 3
except dataclasses.FrozenInstanceError:
    pass
else:
    raise SystemExit("not frozen")
assert p == Point(1, [2]) and p != Point(2) and repr(p) == "Point(x=1, y=[2])"
assert hash(Point(1, ())) == hash(Point(1, ())) and Point(1).y == []
print(dataclasses.__dict__["exec"] is codecache._exec, compiled.count("<string>"))
"""


def test_data_classes_methods_come_from_kept_code_in_the_next_process(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), cache.ENV: "1"}
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-I", "-c", DATA_CLASS], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        runs.append(done.stdout.split())
    # __init__, __repr__, __eq__, __setattr__, __delattr__, __hash__, written then kept.
    assert runs[0] == ["True", "6"]
    assert runs[1] == ["True", "0"]
    kept = codecache._read(tmp_path / "decisionaid", codecache._generated_name())
    assert any("def __init__(self,x:_type_x" in text for text in kept)
    for text, (source, flags, code) in kept.items():
        assert source == b""  # the text is the name
        assert marshal.loads(code) == compile(text, "<string>", "exec", flags, True)


def test_data_classes_already_imported_are_hooked_and_let_go(installed: Path) -> None:
    import dataclasses

    assert dataclasses.__dict__.get("exec") is codecache._exec

    @dataclasses.dataclass(frozen=True)
    class Pair:
        left: str
        right: str = "b"

    assert Pair("a") == Pair("a", "b")
    assert repr(Pair("a")).endswith("Pair(left='a', right='b')")
    assert codecache._generated is not None
    assert any("def __init__(self,left:_type_left" in text for text in codecache._generated.kept)
    codecache.uninstall()
    assert "exec" not in dataclasses.__dict__
    assert codecache._WATCH not in sys.meta_path


def test_a_full_file_keeps_only_what_was_used(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codecache, "_AT_MOST", 2)
    state = codecache._generated
    assert state is not None
    old = {
        f"x = {n}": (b"", 0, marshal.dumps(compile(f"x = {n}", "<string>", "exec")))
        for n in range(3)
    }
    state.kept.update(old)
    namespace: dict[str, object] = {}
    codecache._exec("x = 'new'", namespace)
    assert namespace["x"] == "new"
    codecache.save()
    assert list(codecache._read(installed, codecache._generated_name())) == ["x = 'new'"]
