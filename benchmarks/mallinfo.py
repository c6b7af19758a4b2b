# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The malloc heap in use, from glibc's mallinfo2: the soak's meter and the Qt-bug probe's.

RSS also counts freed memory the allocator keeps for reuse; a leak grows this figure too.
Python's own object arenas are not in it (the Python object count covers those).
"""

from __future__ import annotations

import ctypes


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd",
            "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


def heap_bytes() -> int | None:
    """Bytes glibc's malloc has handed out and not had back; None without glibc."""
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return int(info.uordblks + info.hblkhd)
