"""Helpers for handoff tests over real HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from tests.handoff.factories import PASSWORD


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """Sign in with the OAuth2 password flow; return the Authorization header."""
    response = await client.post("/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def register(
    client: httpx.AsyncClient, email: str, languages: list[str], **extra: Any
) -> int:
    """Register a volunteer through the API; return their id."""
    response = await client.post(
        "/v1/volunteers/register",
        json={
            "name": email.split("@")[0].title(),
            "email": email,
            "password": PASSWORD,
            "languages": languages,
            "destination_countries": extra.pop("destinations", []),
            "origin_countries": extra.pop("origins", []),
            "bio": "I moved abroad ten years ago.",
            "accepts_code_of_conduct": True,
            **extra,
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "pending"
    return int(response.json()["id"])


async def chat(client: httpx.AsyncClient, user_id: str, **message: str) -> list[dict[str, Any]]:
    """Send a web chat message (text= or payload=); return the bot's replies."""
    response = await client.post("/v1/chat", json={"user_id": user_id, **message})
    assert response.status_code == 200, response.text
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages
