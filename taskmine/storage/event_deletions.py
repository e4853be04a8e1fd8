"""Adapter (storage, events leaving the table): deletes that running mining jobs can notice.

Every delete of events (retention, withdrawn consent, any erase added later) goes through
``delete_events``, which bumps ``projects.deletion_generation`` of each project that loses rows,
in the same transaction as the delete and before it. A mining job records the generation before
it reads events and passes it to every stage; a stage that finds another generation after its
reads, or a save whose compare-and-set (``hold_deletion_generation``, the first statement of
the save transaction) finds one, knows that what it read may include deleted events.

Why a counter and not a list of what was deleted: a job only has to know *whether* its reads
are still valid, and then reads again; one integer per project costs nothing on ingest,
nothing per deleted row, and cannot miss a delete that commits between two reads. The
compare-and-set is an ``UPDATE`` of the project row, so on PostgreSQL it waits for (and then
sees) a delete in flight, whose bump holds the same row, and on SQLite it takes the write lock
before the save's snapshot is fixed: a delete commits either wholly before the save (which then
fails) or after it (which then finds the saved result, e.g. to scrub it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, delete, select, update

from taskmine.storage.errors import NotFoundError
from taskmine.storage.schema import events, projects


def delete_events(connection: Connection, condition: Any) -> int:
    """Delete the events matching ``condition`` and bump the generation of every project that
    had any; the number of events deleted. Run inside the caller's transaction."""
    affected = select(events.c.project_id).where(condition).distinct()
    # Bump first: on PostgreSQL the row locks are taken before the delete, so a save waiting
    # on them sees the new generation. Nothing else makes rows match the condition meanwhile
    # (ingest adds rows that are neither old nor of a withdrawn user's request), so the two
    # statements see the same projects.
    connection.execute(
        update(projects)
        .where(projects.c.id.in_(affected))
        .values(deletion_generation=projects.c.deletion_generation + 1)
    )
    return int(connection.execute(delete(events).where(condition)).rowcount)


def read_deletion_generation(engine: Engine, project_id: str) -> int:
    """How many transactions have deleted the project's events so far."""
    query = select(projects.c.deletion_generation).where(projects.c.id == project_id)
    with engine.connect() as connection:
        generation = connection.execute(query).scalar_one_or_none()
    if generation is None:
        raise NotFoundError(f"project {project_id!r} does not exist")
    return int(generation)


def hold_deletion_generation(connection: Connection, project_id: str, generation: int) -> bool:
    """Inside a write transaction: lock the project row if its generation is still
    ``generation`` (True), so no delete of its events commits before this transaction does;
    False when some delete committed since."""
    held = connection.execute(
        update(projects)
        .where(projects.c.id == project_id, projects.c.deletion_generation == generation)
        .values(deletion_generation=projects.c.deletion_generation)
        .returning(projects.c.id)
    ).first()
    return held is not None
