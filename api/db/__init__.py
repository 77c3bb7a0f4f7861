"""Database layer: SQLAlchemy 2 async models, sessions and migrations."""

from api.db.base import Base
from api.db.session import Database

__all__ = ["Base", "Database"]
