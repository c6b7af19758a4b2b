# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Files on disk: written whole or not at all, answers files, and the FHIR files we write.

The FHIR files are a QuestionnaireResponse for the record and the published Questionnaire.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from decisionaid.answers import Answers, AnswersError, load_document
from decisionaid.content import Content
from decisionaid.system.untrusted import (
    InputError,
    check_output_path,
    read_regular_file,
)
from decisionaid.untrusted import decode_utf8


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


def writable_output(path: Path, *, not_same_as: Path | None = None) -> Path:
    """`path` if a file we write may go there; OSError (EINVAL) naming why not otherwise.

    Only a regular file (new or existing) may be replaced: never a device, FIFO, socket or
    folder, and never the input file `not_same_as`.
    """
    try:
        check_output_path(path, not_same_as=not_same_as)
    except InputError as exc:
        raise OSError(errno.EINVAL, f"{path.name}: {exc}") from None
    return path


def save_answers(answers: Answers, path: Path) -> Path:
    """Write an answers file the person asked for (laptop only), readable by them alone.

    Raises OSError when `path` is not a place for a regular file (a device, FIFO, folder).
    """
    writable_output(path)
    return write_atomically(path, answers.dumps().encode("utf-8"), mode=0o600)


def read_answers_text(path: Path) -> str:
    """The text of an answers file: a regular file, size-capped, UTF-8; AnswersError if not."""
    try:
        return decode_utf8(read_regular_file(path))
    except InputError as exc:
        raise AnswersError(f"{path.name}: {exc}") from None


def load_answers(path: Path, content: Content) -> Answers:
    """Read and check a saved answers file; AnswersError with a plain reason on any problem."""
    answers, lines = load_document(read_answers_text(path))
    return answers.validate(content, lines)


def save_response(response: dict[str, Any], path: Path) -> Path:
    """Write a FHIR QuestionnaireResponse readable by its owner only, all or nothing."""
    from decisionaid.fhir.record import response_json  # the FHIR code only when a record is saved

    writable_output(path)
    return write_atomically(path, response_json(response).encode("utf-8"), mode=0o600)


def write_text_files(directory: Path, files: Mapping[str, str]) -> list[Path]:
    """(Re)write each file name -> UTF-8 text in `directory` (created if need be); others stay.

    For published, public files (the FHIR Questionnaire and CodeSystem): readable by all, as
    `write_text` would leave them, not private like the temp file `write_atomically` starts from.
    """
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write_atomically(directory / name, text.encode("utf-8"), mode=0o644)
        for name, text in files.items()
    ]
