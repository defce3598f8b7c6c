"""Tables into a SQLite database that accumulates filings across runs.

`filings` has one row per input file, keyed by the sha256 of its bytes (`sha256 UNIQUE`, with an integer `id`
that the other tables reference as `filing_id`). Exporting a file whose bytes are already in the database
replaces that filing and all its rows, so re-running on the same files never duplicates anything; two copies
of one file count as one filing (the last path wins). An edited file is a new filing: its old version stays,
and `exported_at` tells them apart. A file whose bytes could not be read at all has no sha256 and is matched
by path instead.

Column types: TEXT, INTEGER (counts, years, indexes; booleans as 0/1) and REAL (parsed numbers). Money is
stored twice, as REAL for arithmetic and as exact text in `<column>_exact` ("717.28"). Column names are the
English column keys whatever `--headers` says; there are indexes on department and year.

Why a transaction and not a temp copy: the whole update (schema, deletes, inserts) is one `BEGIN IMMEDIATE
… COMMIT`, so SQLite's rollback journal makes it atomic and crash-safe; readers see the old or the new
database, never a mix. Replacing the file with an updated copy would also be atomic, but it would copy a
growing database on every run, drop what other tools added to it (views, their own tables) and silently lose
a concurrent writer's commit; with a transaction a second writer waits for the lock (up to `TIMEOUT`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from perfform.fileio import OutputError
from perfform.tables import (
    FILINGS,
    FINDINGS,
    FUNDING,
    INDICATORS,
    Cell,
    Column,
    Entry,
    Lang,
    Row,
    Table,
    decimal_text,
    filing_row,
    finding_rows,
    funding_rows,
    indicator_rows,
)

SCHEMA_VERSION = 1
TIMEOUT = 30.0
CHILDREN = (INDICATORS, FUNDING, FINDINGS)
SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "number": "REAL", "money": "REAL", "bool": "INTEGER"}
EXACT = "_exact"
INDEXED = {
    FILINGS.name: ("department", "year"),
    INDICATORS.name: ("filing_id", "department", "year"),
    FUNDING.name: ("filing_id", "department", "year"),
    FINDINGS.name: ("filing_id", "department", "year", "code"),
}


def write(out: Path, entries: Iterable[Entry], lang: Lang) -> list[Path]:
    """Add `entries` to the database at `out` (created if missing) in one transaction."""
    existed = out.exists()
    try:
        connection = sqlite3.connect(out, timeout=TIMEOUT, isolation_level=None)
    except sqlite3.Error as exc:
        raise OutputError(f"cannot open {out}: {exc}") from None
    committed = False
    try:
        _update(connection, entries)
        committed = True
    except sqlite3.Error as exc:
        raise OutputError(f"cannot write {out}: {exc}") from None
    finally:
        connection.close()
        if not existed and not committed:  # leave no empty database behind
            out.unlink(missing_ok=True)
    return [out]


def _update(connection: sqlite3.Connection, entries: Iterable[Entry]) -> None:
    # Rows first (the inputs are read while this runs), so that the write lock is held only to store them.
    filings = [_Filing(e.sha256, e.path, filing_row(e), _children(e)) for e in entries]
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN IMMEDIATE")
    try:
        _create(connection)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        for filing in filings:
            _replace(connection, filing, stamp)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


@dataclass(frozen=True, slots=True)
class _Filing:
    sha256: str | None
    path: str
    row: Row
    children: list[tuple[Table, list[Row]]]


def _children(entry: Entry) -> list[tuple[Table, list[Row]]]:
    return [
        (INDICATORS, indicator_rows(entry)),
        (FUNDING, funding_rows(entry)),
        (FINDINGS, finding_rows(entry)),
    ]


def _create(connection: sqlite3.Connection) -> None:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"made by a newer perfform (schema version {version})")
    filings = ["id INTEGER PRIMARY KEY", *_definitions(FILINGS), "exported_at TEXT NOT NULL"]
    connection.execute(f"CREATE TABLE IF NOT EXISTS {FILINGS.name} ({', '.join(filings)})")
    for table in CHILDREN:
        columns = [
            f"filing_id INTEGER NOT NULL REFERENCES {FILINGS.name}(id) ON DELETE CASCADE",
            *_definitions(table),
        ]
        connection.execute(f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(columns)})")
    for name, keys in INDEXED.items():
        for key in keys:
            connection.execute(f'CREATE INDEX IF NOT EXISTS "{name}_{key}" ON {name} ("{key}")')
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _definitions(table: Table) -> list[str]:
    definitions = []
    for column in table.columns:
        constraint = " UNIQUE" if table is FILINGS and column.key == "sha256" else ""
        definitions.append(f'"{column.key}" {SQL_TYPES[column.kind]}{constraint}')
        if column.kind == "money":
            definitions.append(f'"{column.key}{EXACT}" TEXT')
    return definitions


def _replace(connection: sqlite3.Connection, filing: _Filing, stamp: str) -> None:
    if filing.sha256 is not None:
        query, key = f"SELECT id FROM {FILINGS.name} WHERE sha256 = ?", filing.sha256
    else:
        query, key = f"SELECT id FROM {FILINGS.name} WHERE sha256 IS NULL AND file = ?", filing.path
    for (old,) in connection.execute(query, (key,)).fetchall():
        for table in CHILDREN:
            connection.execute(f"DELETE FROM {table.name} WHERE filing_id = ?", (old,))
        connection.execute(f"DELETE FROM {FILINGS.name} WHERE id = ?", (old,))
    filing_id = _insert(connection, FILINGS, [filing.row], {"exported_at": stamp})
    for table, rows in filing.children:
        _insert(connection, table, rows, {"filing_id": filing_id})


def _insert(connection: sqlite3.Connection, table: Table, rows: list[Row], extra: dict[str, Cell]) -> int:
    """Insert `rows` with the `extra` columns; the rowid when it was one row."""
    names = [*extra, *_names(table.columns)]
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})"
    values = [[*extra.values(), *_values(table.columns, row)] for row in rows]
    if len(values) == 1:
        return connection.execute(sql, values[0]).lastrowid or 0
    connection.executemany(sql, values)
    return 0


def _names(columns: Sequence[Column]) -> list[str]:
    names = []
    for column in columns:
        names.append(column.key)
        if column.kind == "money":
            names.append(column.key + EXACT)
    return names


def _values(columns: Sequence[Column], row: Row) -> list[str | int | float | None]:
    values: list[str | int | float | None] = []
    for column in columns:
        value = row.get(column.key)
        if isinstance(value, Decimal):
            values.append(float(value))
            if column.kind == "money":
                values.append(decimal_text(value))
        else:
            values.append(int(value) if isinstance(value, bool) else value)
            if column.kind == "money":
                values.append(None)
    return values
