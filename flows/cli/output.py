"""Shared output options (--table/--csv/--json/--nl) and the writers behind them.

Use `@output_options` on a command; it receives `fmt` and passes rows to `write_rows`.
Data goes to stdout; messages go to stderr.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "csv", "json", "nl")
MAX_CELL = 60
"""Table cells longer than this are cut (use --csv or --json for whole values)."""


def output_options(command: F) -> F:
    """Add --table (default), --csv, --json and --nl; the command gets `fmt`."""
    options: list[Callable[[F], F]] = [
        click.option("--table", "fmt", flag_value="table", default=True, help="Aligned text."),
        click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row."),
        click.option("--json", "fmt", flag_value="json", help="One JSON array of objects."),
        click.option("--nl", "fmt", flag_value="nl", help="Newline-delimited JSON objects."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def write_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    stream: IO[str] | None = None,
    max_cell: int | None = MAX_CELL,
) -> None:
    """Write rows in `fmt` (one of FORMATS) to `stream` (stdout by default).

    `max_cell` cuts long table cells (None: never); other formats are never cut.
    """
    out = stream or sys.stdout
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in rows])
    elif fmt == "json":
        json.dump([dict(zip(columns, row, strict=True)) for row in rows], out, default=_jsonable)
        out.write("\n")
    elif fmt == "nl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row, strict=True)), default=_jsonable) + "\n")
    elif fmt == "table":
        _write_table(columns, rows, out, max_cell)
    else:
        raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}")


def _jsonable(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, default=_jsonable, ensure_ascii=False)
    return value


def _table_cell(value: object, max_cell: int | None) -> str:
    if value is None:
        text = ""
    elif isinstance(value, list | tuple):
        text = ", ".join(_table_cell(v, None) for v in value)
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    text = " ".join(text.split())
    if max_cell is None or len(text) <= max_cell:
        return text
    return text[: max_cell - 1] + "…"


def _write_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], out: IO[str], max_cell: int | None
) -> None:
    cells = [[_table_cell(v, max_cell) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)
