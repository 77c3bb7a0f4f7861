"""NLU_BACKEND=rasa: intents from a real Rasa server, everything else from the builtin parts."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import httpx

from nlu.errors import BackendError, BackendUnavailableError
from nlu.intent import decide
from nlu.pipeline import MAX_ANALYSED_CHARS, BuiltinPipeline, check_input
from nlu.schema import FALLBACK_INTENT, Analysis, FaqDocument

# Rasa's FallbackClassifier intent; ours is called out_of_scope.
_RASA_FALLBACK = "nlu_fallback"

log = logging.getLogger(__name__)


class RasaPipeline:
    """Ask `POST {rasa_url}/model/parse` for the intent; keep language, countries and FAQ local."""

    def __init__(
        self,
        rasa_url: str,
        local: BuiltinPipeline,
        *,
        timeout: float = 5.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._url = rasa_url.rstrip("/") + "/model/parse"
        self._local = local
        self._client = client or httpx.AsyncClient(timeout=timeout)

    def set_faq_documents(self, docs: Sequence[FaqDocument]) -> None:
        """Rebuild the local FAQ index."""
        self._local.set_faq_documents(docs)

    async def analyse(self, text: str, *, lang: str | None = None) -> Analysis:
        """Understand one message with Rasa's intent and the local danger lexicon on top."""
        check_input(text, lang)
        sample = text[:MAX_ANALYSED_CHARS]
        language = lang or self._local.detect_language(sample)
        if not sample.strip():
            return self._local.compose(text, sample, language, decide({FALLBACK_INTENT: 1.0}))
        try:
            answer = await self._parse(sample)
        except BackendError as err:
            # A person in danger must still be understood when Rasa is down: fall back to the
            # builtin model, danger lexicon included, rather than failing the message.
            log.warning("Rasa unavailable, answering with the builtin NLU: %s", err)
            return await self._local.analyse(text, lang=lang)
        probabilities = _probabilities(answer)
        models = self._local.models
        # The lexicon applies whatever the backend: a missed emergency is never acceptable.
        prediction = decide(probabilities, models.danger.score(sample), models.intent.settings)
        return self._local.compose(text, sample, language, prediction)

    async def _parse(self, text: str) -> dict[str, Any]:
        """POST the text to Rasa and return its JSON answer."""
        try:
            response = await self._client.post(self._url, json={"text": text})
            response.raise_for_status()
            answer = response.json()
        except httpx.HTTPStatusError as err:
            raise BackendError(f"Rasa answered {err.response.status_code} at {self._url}") from err
        except httpx.TransportError as err:
            raise BackendUnavailableError(f"Rasa is unreachable at {self._url}: {err}") from err
        except ValueError as err:
            raise BackendError(f"Rasa sent a body that is not JSON at {self._url}") from err
        if not isinstance(answer, dict):
            raise BackendError(f"Rasa sent an unexpected answer at {self._url}")
        return answer

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._client.aclose()


def _probabilities(answer: dict[str, Any]) -> dict[str, float]:
    """Read intent confidences from a Rasa parse answer (ranking, else the top intent)."""
    items = answer.get("intent_ranking") or []
    if not items and isinstance(answer.get("intent"), dict):
        items = [answer["intent"]]
    scores: dict[str, float] = {}
    for item in items:
        if not isinstance(item, dict) or not item.get("name"):
            continue
        name = str(item["name"])
        if name == _RASA_FALLBACK:
            name = FALLBACK_INTENT
        try:
            confidence = float(item.get("confidence") or 0.0)
        except (TypeError, ValueError) as err:
            raise BackendError(f"Rasa sent a bad confidence for {name!r}") from err
        scores[name] = max(scores.get(name, 0.0), confidence)
    if not scores:
        raise BackendError("Rasa's answer holds no intent")
    return scores
