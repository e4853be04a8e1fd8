"""Alembic migrations of the taskmine schema (a package so that they ship in the wheel)."""
