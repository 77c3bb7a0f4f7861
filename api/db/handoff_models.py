"""Tables of the handoff service: accounts, volunteers, cases, saved replies and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db.base import Base, UTCDateTime, utcnow


class User(Base):
    """An account of an admin, an editor or a volunteer."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(12), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    volunteer: Mapped[VolunteerProfile | None] = relationship(
        back_populates="user",
        lazy="selectin",
        uselist=False,
        foreign_keys="VolunteerProfile.user_id",
    )


class AuthToken(Base):
    """A bearer token or console session; only a hash of the secret is stored."""

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class VolunteerProfile(Base):
    """What a volunteer knows, whether they are vetted, and how many cases they can hold."""

    __tablename__ = "volunteer_profiles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    destination_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    origin_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    bio: Mapped[str] = mapped_column(Text, default="")
    code_of_conduct_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    max_open_cases: Mapped[int] = mapped_column(Integer, default=3)
    vetted_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    vetted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    vetting_notes: Mapped[str | None] = mapped_column(Text, default=None)
    last_claim_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="volunteer", foreign_keys=[user_id])


class Case(Base):
    """A consented request for a human, routed to one volunteer at a time."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_queue", "status", "language", "priority", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    # The person is reached through the conversation row; the case itself holds no channel id.
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True, default=None
    )
    handoff_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("handoff_requests.id", ondelete="SET NULL"), default=None
    )
    channel: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    origin_country: Mapped[str | None] = mapped_column(String(2), default=None)
    # Where the person said they are now (countries holds destination and origin).
    location: Mapped[str | None] = mapped_column(String(2), default=None)
    # Why the case is urgent: the person's message that showed present danger.
    urgent_reason: Mapped[str | None] = mapped_column(Text, default=None)
    topic: Mapped[str | None] = mapped_column(String(40), default=None)
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    question: Mapped[str] = mapped_column(Text, default="")
    bot_answer: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    status: Mapped[str] = mapped_column(String(10), default="open")
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True, default=None
    )
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    first_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    overdue_flagged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None, index=True)
    closed_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    reopen_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer, default=None)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class CaseMessage(Base):
    """A message on a case: from the person, from a volunteer, or a note from the system."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    sender: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="stored", index=True)
    hold_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    reviewed_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    review_note: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SavedReply(Base):
    """A reusable answer in one language, written by admins for volunteers."""

    __tablename__ = "saved_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    language: Mapped[str] = mapped_column(String(8), index=True)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class AuditEvent(Base):
    """Who did what to which case or account, and when (no personal data of migrants)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    actor_kind: Mapped[str] = mapped_column(String(8), default="user")
    action: Mapped[str] = mapped_column(String(32), index=True)
    case_reference: Mapped[str | None] = mapped_column(String(12), index=True, default=None)
    subject_user_id: Mapped[int | None] = mapped_column(Integer, default=None)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ServiceSetting(Base):
    """A setting admins change at run time (JSON value), overriding the environment default."""

    __tablename__ = "service_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
