"""extractors/ stays pure: no database, orchestration, network or environment access.

An ast scan of every module under extractors/ (ruff's banned-api cannot be scoped to
one folder). flows/ may import extractors and warehouse; nothing imports flows.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BANNED = (
    "duckdb",
    "prefect",
    "smtplib",
    "httpx",
    "urllib.request",
    "requests",
    "socket",
    "http.client",
    "aiohttp",
    "flows",
    "warehouse",
)


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _banned(name: str) -> bool:
    return any(name == b or name.startswith(b + ".") for b in BANNED)


def _environ_uses(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("environ", "getenv", "putenv")
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        ):
            lines.append(node.lineno)
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            lines += [node.lineno for a in node.names if a.name in ("environ", "getenv")]
    return lines


@pytest.mark.parametrize("path", _modules("extractors"), ids=lambda p: str(p.relative_to(ROOT)))
def test_extractors_import_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad = [f"line {n}: {name}" for n, name in _imports(tree) if _banned(name)]
    bad += [f"line {n}: os.environ" for n in _environ_uses(tree)]
    assert not bad, f"{path.relative_to(ROOT)} must stay pure: " + "; ".join(bad)


@pytest.mark.parametrize("path", _modules("warehouse"), ids=lambda p: str(p.relative_to(ROOT)))
def test_warehouse_does_not_import_flows(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad = [
        f"line {n}: {name}"
        for n, name in _imports(tree)
        if name.split(".")[0] in ("flows", "prefect", "httpx")
    ]
    assert not bad, f"{path.relative_to(ROOT)} imports the edges: " + "; ".join(bad)


def test_scan_catches_a_violation() -> None:
    tree = ast.parse("import os\nfrom prefect import flow\nimport urllib.request\nx = os.environ")
    names = [name for _, name in _imports(tree) if _banned(name)]
    assert names == ["prefect", "prefect.flow", "urllib.request"]
    assert _environ_uses(tree) == [4]
