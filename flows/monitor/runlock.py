"""`run_lock(db, flow)`: an OS lock held for a whole run of one flow on one warehouse.

The kernel drops the lock when its process dies, however it dies, so the process that
gets it knows that no run of that flow is alive, and that every `running` row of the
flow was left by a killed or crashed run. A run that finds the lock held (another run
in progress) goes on without it and closes nothing.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def run_lock(db: Path, flow: str) -> Iterator[bool]:
    """Yields True when this process holds the lock of `flow` on `db` for the block."""
    path = db.parent / f".{db.name}.{flow}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
