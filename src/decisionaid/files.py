# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Writing a file so that it is either all there or not there at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(
    target: Path, data: bytes, *, mode: int | None = None, owner: tuple[int, int] | None = None
) -> Path:
    """Write `data` to a temp file beside `target`, flush it to disk, then rename it over.

    A failure (full disk, unwritable folder) raises OSError and leaves neither a partial
    file nor the temp file behind; an existing `target` is untouched until the rename.
    """
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            if owner is not None:
                os.fchown(handle.fileno(), *owner)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target
