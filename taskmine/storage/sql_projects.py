"""Adapter (storage, access control data): projects and who they are shared with.

A user sees a project it owns or that was shared with it, and nothing else; the API turns "not
visible" into 404 so ids cannot be probed. Settings are stored as given (a JSON object with the
ROI parameters and discovery overrides); their meaning is checked where they are made.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from taskmine.storage.errors import NotFoundError
from taskmine.storage.ids import new_id, utc_now
from taskmine.storage.ports import Project
from taskmine.storage.schema import project_shares, projects, users


class SqlProjectStore:
    """``ProjectStore`` on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create_project(
        self, name: str, *, owner_id: str, settings: dict[str, Any] | None = None
    ) -> Project:
        row = {
            "id": new_id("prj"),
            "name": name,
            "owner_id": owner_id,
            "settings": dict(settings or {}),
            "created_at": utc_now(),
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(projects.insert(), row)
        except IntegrityError as error:
            raise NotFoundError(f"owner {owner_id!r} is not a known user") from error
        return _to_project(row)

    def get_project(self, project_id: str) -> Project | None:
        with self._engine.connect() as connection:
            row = (
                connection.execute(select(projects).where(projects.c.id == project_id))
                .mappings()
                .first()
            )
        return None if row is None else _to_project(row)

    def find_visible_project(self, project_id: str, *, user_id: str) -> Project | None:
        """The project if ``user_id`` owns it or it was shared with them, else None."""
        query = select(projects).where(projects.c.id == project_id, _visible_to(user_id))
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return None if row is None else _to_project(row)

    def list_visible_projects(self, user_id: str) -> list[Project]:
        query = (
            select(projects)
            .where(_visible_to(user_id))
            .order_by(projects.c.created_at, projects.c.id)
        )
        with self._engine.connect() as connection:
            return [_to_project(row) for row in connection.execute(query).mappings()]

    def share_project(self, project_id: str, *, user_id: str) -> None:
        """Give ``user_id`` access; sharing twice is a no-op."""
        table_insert = (
            postgresql.insert(project_shares)
            if self._engine.dialect.name == "postgresql"
            else sqlite.insert(project_shares)
        )
        statement = table_insert.on_conflict_do_nothing(index_elements=["project_id", "user_id"])
        try:
            with self._engine.begin() as connection:
                connection.execute(
                    statement,
                    {"project_id": project_id, "user_id": user_id, "created_at": utc_now()},
                )
        except IntegrityError as error:
            raise NotFoundError(
                f"project {project_id!r} or user {user_id!r} does not exist"
            ) from error

    def list_shares(self, project_id: str) -> list[str]:
        """Names of the users the project is shared with (the owner not included)."""
        query = (
            select(users.c.name)
            .join(project_shares, project_shares.c.user_id == users.c.id)
            .where(project_shares.c.project_id == project_id)
            .order_by(users.c.name)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())


def _visible_to(user_id: str) -> Any:
    shared = exists().where(
        project_shares.c.project_id == projects.c.id, project_shares.c.user_id == user_id
    )
    return (projects.c.owner_id == user_id) | shared


def _to_project(row: Any) -> Project:
    return Project(
        id=row["id"],
        name=row["name"],
        owner_id=row["owner_id"],
        settings=dict(row["settings"]),
        created_at=row["created_at"],
    )
