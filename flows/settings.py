"""One frozen Settings, read from CLAIMWATCH_* variables at the edge, with offline defaults.

Every other module receives values from here as arguments; nothing below `flows/`
reads the environment. Limits are settings so tests can make them tiny.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

log = logging.getLogger(__name__)

PREFIX = "CLAIMWATCH_"
SECRET_FIELDS = frozenset({"smtp_password"})


PREFECT_QUIET_ENV = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
"""No Prefect telemetry: no DNS lookup from the client, no offline ERRORs from the server
(../shared/notes/prefect.md §8)."""


def quiet_prefect() -> None:
    """Turn Prefect's telemetry off for this process and its children, unless set already."""
    for key, value in PREFECT_QUIET_ENV.items():
        os.environ.setdefault(key, value)


class SettingsError(ValueError):
    """A CLAIMWATCH_* variable holds a value that cannot be used."""


@dataclass(frozen=True)
class Settings:
    """Everything the pipeline can be told; each field is CLAIMWATCH_<FIELD NAME>."""

    db: Path = Path("data/claimwatch.duckdb")
    """The warehouse file written by runs."""
    feeds_file: Path = Path("feeds.toml")
    """The feed list (see `claimwatch feeds --help`)."""
    fetch_timeout: float = 20.0
    """Seconds to wait for a server (connect and each read)."""
    fetch_deadline: float = 60.0
    """Seconds one request may take in all: connecting, headers, body, redirects."""
    max_bytes: int = 5_000_000
    """Largest feed or page body, counted after decompression at every content-coding
    layer; bigger ones are refused as too_large."""
    trusted_hosts: tuple[str, ...] = ()
    """Hosts (``host`` or ``host:port``, comma-separated) that links and redirects may reach
    on loopback or private addresses, besides each configured feed's own origin."""
    max_text_chars: int = 100_000
    """Longest article text analysed and stored (repeated sentences are dropped first)."""
    max_claims_per_article: int = 200
    prefect_start_timeout: float = 90.0
    """Seconds `claimwatch run` waits for its temporary Prefect server to answer."""
    max_redirects: int = 5
    per_host_delay: float = 1.0
    """Seconds between two requests to the same host."""
    max_articles_per_feed: int = 50
    """Newest entries taken from one feed in one run."""
    user_agent: str = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch)"
    backoff_base_minutes: float = 30.0
    """After n consecutive failures a feed waits base * 2**(n-1) minutes (capped at a day)."""
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    digest_from: str | None = None
    digest_to: tuple[str, ...] = ()
    task_retries: int = 2
    """Prefect retries of a transient failure: a feed fetch (timeout, 5xx, connection) or a
    digest send (4xx reply, refused connection, timeout)."""
    retry_delay: float = 10.0
    """Seconds before such a retry."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read CLAIMWATCH_* variables; unknown CLAIMWATCH_* names are an error (typos fail)."""
        env = os.environ if environ is None else environ
        known = {f.name: f for f in fields(cls)}
        values: dict[str, object] = {}
        for key, raw in env.items():
            if not key.startswith(PREFIX):
                continue
            name = key[len(PREFIX) :].lower()
            if name not in known:
                raise SettingsError(
                    f"unknown setting {key}; known: "
                    + ", ".join(PREFIX + n.upper() for n in sorted(known))
                )
            values[name] = _convert(key, raw, known[name].type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]

    def described(self) -> dict[str, str]:
        """Each setting as text for logging, secrets hidden."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            shown = "***" if f.name in SECRET_FIELDS and value else str(value)
            out[PREFIX + f.name.upper()] = shown
        return out

    def log_once(self) -> None:
        for key, value in self.described().items():
            log.debug("setting %s=%s", key, value)


def _convert(key: str, raw: str, type_name: object) -> object:
    kind = str(type_name)
    raw = raw.strip()
    try:
        if kind.startswith("Path"):
            return Path(raw)
        if kind.startswith("float"):
            return float(raw)
        if kind.startswith("int"):
            return int(raw)
        if kind.startswith("bool"):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind.startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return raw or None
    except ValueError:
        raise SettingsError(f"{key}={raw!r} is not a valid {kind.split(' ')[0]}") from None
