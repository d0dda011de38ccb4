"""Declarative base and column helpers shared by every model module."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, MetaData, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Base tables live in their own schema so the analyst-facing views in the default schema can
# take the plain names (documents, line_items, grants ...) whatever the tables look like.
SCHEMA = "core"


class Base(DeclarativeBase):
    metadata = MetaData(schema=SCHEMA, naming_convention=NAMING)


# Amounts in 千元 are exact integers; BIGINT because national totals exceed 2^31 千元.
Amount = BigInteger
# Areas, unit prices and other printed decimals stay exact.
Decimal2 = Numeric(18, 2)


def document_fk(
    comment: str = "The document this fact was read from (documents.document_id).",
) -> Mapped[int]:
    # No FOREIGN KEY constraint: DuckDB cannot ALTER a referenced table and checks FKs eagerly
    # inside a transaction, which would block replacing a document atomically. The writer keeps
    # references whole and tests/test_integrity.py checks for orphans.
    return mapped_column(Integer, primary_key=True, comment=comment)


def money(comment: str, nullable: bool = True) -> Mapped[int | None]:
    return mapped_column(Amount, nullable=nullable, comment=f"{comment} (千元)")


def text(comment: str, nullable: bool = True) -> Mapped[str | None]:
    return mapped_column(Text, nullable=nullable, comment=comment)


def code(length: int, comment: str, nullable: bool = True, pk: bool = False) -> Mapped[str]:
    return mapped_column(
        String(length), nullable=nullable and not pk, primary_key=pk, comment=comment
    )


def page(sort_order: int = 0) -> Mapped[int | None]:
    """`sort_order` > 0 places the column after those a mixin declares (table order)."""
    return mapped_column(
        Integer,
        nullable=True,
        comment="Printed page (1-based page of the file).",
        sort_order=sort_order,
    )


def line(sort_order: int = 0) -> Mapped[int | None]:
    """`sort_order` > 0 places the column after those a mixin declares (table order)."""
    return mapped_column(
        Integer, nullable=True, comment="1-based line in the source file.", sort_order=sort_order
    )
