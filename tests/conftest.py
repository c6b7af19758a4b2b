"""Shared fixtures: offscreen Qt, the shipped pack, and answer factories."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from decisionaid.answers import Answers
from decisionaid.content import Content
from decisionaid.i18n import translator_for
from decisionaid.session import load_pack
from factories import complete_answers


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped English content pack."""
    return load_pack(translator_for("en"))


@pytest.fixture
def answers(content: Content) -> Answers:
    """A complete set of answers for the first condition."""
    return complete_answers(content)
