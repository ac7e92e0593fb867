"""A clone without ../shared beside it passes `make test`; CI (env CI set) still fails."""

from __future__ import annotations

import pytest
from conftest import shared_file


def test_missing_shared_input_skips_with_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"no-such-gate\.txt is missing \(the gate"):
        shared_file("no-such-gate.txt", "the gate's input")


def test_missing_shared_input_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no-such-gate\.txt is missing.*CI is set"):
        shared_file("no-such-gate.txt", "the gate's input")
