"""`Refused`: why a request was stopped, raised inside the fetch layer and turned into a
`FetchFailure` value at its edge (`flows.monitor.fetch.fetch`)."""

from __future__ import annotations


class Refused(Exception):
    """A request stopped by the policy or a limit; `reason` is a fetch failure reason."""

    def __init__(self, reason: str, detail: str, *, transient: bool = False) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.transient = transient
