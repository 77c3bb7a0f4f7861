"""One settings object, read from the environment and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Configuration of a Pathways process (names fixed by DESIGN.md)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: str = Field(default="development", description="development | production")
    database_url: str = "sqlite+aiosqlite:///./pathways.db"
    redis_url: str | None = None
    telegram_bot_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_secret: str | None = None
    # Client-side cap on messages sent per second (Telegram's own limit is about 30);
    # 0 removes it (Telegram's 429 `retry_after` is still honoured).
    telegram_max_messages_per_second: float = 30.0
    whatsapp_access_token: str | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_app_secret: str | None = None
    whatsapp_verify_token: str | None = None
    whatsapp_api_base_url: str = "https://graph.facebook.com/v21.0"
    nlu_backend: str = "builtin"
    rasa_url: str | None = None
    public_base_url: str = "http://127.0.0.1:8000"
    content_dir: Path = PROJECT_ROOT / "content"
    secret_key: str = "dev-insecure-change-me"
    max_body_bytes: int = 64 * 1024
    # Handoff service (defaults; admins can override the policy ones at run time).
    access_token_hours: float = 12.0
    session_hours: float = 12.0
    handoff_lease_minutes: float = 30.0
    handoff_sla_minutes: float = 240.0
    handoff_sla_urgent_minutes: float = 30.0
    handoff_reopen_hours: float = 72.0
    retention_days: int = 90
    volunteer_max_open_cases: int = 3
    outbox_max_attempts: int = 8
    outbox_poll_seconds: float = 1.0
    maintenance_interval_seconds: float = 30.0

    @field_validator("nlu_backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value not in {"builtin", "rasa"}:
            raise ValueError("NLU_BACKEND must be 'builtin' or 'rasa'")
        return value

    @field_validator("secret_key")
    @classmethod
    def _no_placeholder_in_production(cls, value: str, info: object) -> str:
        data = getattr(info, "data", {})
        if data.get("environment") == "production" and value.startswith("dev-insecure"):
            raise ValueError("SECRET_KEY must be set to a real secret in production")
        return value

    @property
    def is_sqlite(self) -> bool:
        """Tell whether the configured database is SQLite."""
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read once."""
    return Settings()
