"""Database session: URL resolution, engines that never outlive a command, locking, migrations."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib.resources import files
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from .dburl import (
    RETRY_LATER,
    display,
    duckdb_path,
    is_duckdb,
    lock_down,
    lock_error,
    require_file,
    resolve_url,
)
from .errors import DatabaseError


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    kwargs: dict = {"poolclass": NullPool}
    if is_duckdb(url):
        kwargs["connect_args"] = {"read_only": read_only} if read_only else {}
    engine = create_engine(url, **kwargs)
    if is_duckdb(url) and read_only:

        @event.listens_for(engine, "connect")
        def _lock_down(dbapi_conn, _record) -> None:  # noqa: ANN001
            lock_down(dbapi_conn)

    if not is_duckdb(url) and read_only:

        @event.listens_for(engine, "begin")
        def _read_only(conn: Connection) -> None:  # PostgreSQL: engine-enforced read-only
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")

    return engine


@contextmanager
def open_engine(
    db: str | None = None,
    *,
    read_only: bool = False,
    wait: float = 0,
    lock_remedy: str = RETRY_LATER,
) -> Iterator[Engine]:
    """Yield an engine whose first connection succeeded; dispose it when the command ends.

    DuckDB lets one process write a file; a second writer (or a reader while a writer holds it)
    fails at connect time. With `wait`, retry until the deadline before reporting the holder;
    the DatabaseLocked message ends with `lock_remedy` (what the calling command offers).
    """
    url = resolve_url(db)
    if is_duckdb(url) and read_only:
        require_file(url)
    engine = make_engine(url, read_only=read_only)
    deadline = time.monotonic() + max(wait, 0)
    try:
        while True:
            try:
                with engine.connect():
                    break
            except DBAPIError as exc:
                locked = lock_error(str(exc), url, lock_remedy)
                if locked is None:
                    raise DatabaseError(f"cannot open {display(url)}: {exc.orig}") from exc
                if time.monotonic() >= deadline:
                    raise locked from exc
                time.sleep(0.2)
        yield engine
    finally:
        engine.dispose()


def files_to_create(db: str | None) -> list[Path]:
    """The DuckDB file (and its WAL) that opening `db` for writing would create; [] when the
    database file exists already or is not a file."""
    url = resolve_url(db)
    if not is_duckdb(url) or (path := duckdb_path(url)) == ":memory:" or Path(path).exists():
        return []
    return [p for p in (Path(path), Path(path + ".wal")) if not p.exists()]


def remove_unused(created: list[Path]) -> None:
    """Remove `created` (from `files_to_create`, closed since) unless another process opened the
    database meanwhile: a writer waiting with --wait may take it the moment this one closed it.
    DuckDB holds an fcntl lock on its file while open; holding one here while removing means no
    other writer is in it, and one that opens the path afterwards creates a new file."""
    try:
        import fcntl
    except ImportError:  # Windows refuses to remove an open file by itself
        fcntl = None
    try:
        fd = os.open(created[0], os.O_RDWR)
    except OSError:
        return
    try:
        if fcntl is not None:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return  # another process has the database open: it is in use now
        for path in created:
            with suppress(FileNotFoundError, PermissionError):
                path.unlink()
    finally:
        os.close(fd)


BATCH_CHECKPOINT_THRESHOLD = "64MB"


def tune_for_batch(conn: Connection) -> None:
    """Settings for a connection that writes many documents, one transaction each."""
    if conn.dialect.name == "duckdb":
        # With primary-key indexes DuckDB checkpoints at nearly every commit under the
        # default 16MB threshold (~25 ms each). Commits stay durable in the WAL either way.
        # Not higher: what is not checkpointed stays in DuckDB's memory, so at 256MB the
        # writer grew to ~590 MB at 1,000 documents; at 64MB it stays under ~390 MB with no
        # time lost (bench/README.md, round 6).
        conn.exec_driver_sql(f"SET checkpoint_threshold = '{BATCH_CHECKPOINT_THRESHOLD}'")
        conn.commit()


# --- migrations -------------------------------------------------------------------------


def alembic_config(connection: Connection | None = None):  # noqa: ANN201 - alembic type is lazy
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("unitbudget.migrations")))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` and re-create every view, in one transaction."""
    from alembic import command

    from .viewsync import record_views, sync_views

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
        sync_views(conn)
        if current_revision(conn) == head_revision():
            record_views(conn)
            _refresh_comparison(conn)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    from .viewsync import drop_views, forget_views, record_views, sync_views

    with engine.begin() as conn:
        # Views read the tables a downgrade drops: remove them first, restore what still fits.
        drop_views(conn)
        forget_views(conn)
        command.downgrade(alembic_config(conn), revision)
        # Views are written for the head schema; below head they come back with the next upgrade.
        if current_revision(conn) == head_revision():
            sync_views(conn)
            record_views(conn)
            _refresh_comparison(conn)


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    from . import alembic_duckdb  # noqa: F401 - registers DuckDB with Alembic

    return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def history() -> list[tuple[str, str | None, str]]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [
        (rev.revision, rev.down_revision if isinstance(rev.down_revision, str) else None, rev.doc)
        for rev in script.walk_revisions()
    ]


def ensure_schema(engine: Engine) -> None:
    """Every command that writes calls this first: users never run migrations by hand.

    At head the views are re-created only when their definitions changed since they were
    created (unitbudget.viewsync.views_are_current); an upgrade always re-creates them.
    """
    with engine.connect() as conn:
        at_head = current_revision(conn) == head_revision()
    if not at_head:
        upgrade(engine)
    else:
        from .viewsync import sync_views_if_changed

        with engine.begin() as conn:
            sync_views_if_changed(conn)
            _refresh_comparison(conn)


def _refresh_comparison(conn: Connection) -> None:
    """The stored comparison cells follow the views just created (unitbudget.comparison):
    rebuilt when the views, revision or parser version changed since they were computed."""
    from .comparison import refresh_if_stale

    refresh_if_stale(conn)
