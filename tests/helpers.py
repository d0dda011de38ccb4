"""Helpers for tests that check the database held exactly what it held before."""

from __future__ import annotations

import hashlib

import duckdb

from unitbudget.schema import FACT_TABLES


def fingerprint(path: str) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every fact table and of documents (order-independent)."""
    con = duckdb.connect(path, read_only=True)
    try:
        out = {}
        for name in ["documents", *FACT_TABLES]:
            rows = con.execute(f"SELECT * FROM core.{name}").fetchall()
            if name == "documents":
                rows = [r[:9] for r in rows]  # loaded_at and later columns vary per load
            digest = hashlib.sha256()
            for r in sorted(map(repr, rows)):
                digest.update(r.encode())
            out[name] = (len(rows), digest.hexdigest())
        return out
    finally:
        con.close()
