"""`POST /v1/nlu/parse`: the NLU's parse of one message, in Rasa's shape."""

from __future__ import annotations

import re
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, model_validator

from nlu import BackendError, BackendUnavailableError, InvalidInputError, NLUPipeline

router = APIRouter(tags=["nlu"])
_SURROGATE = re.compile("[\ud800-\udfff]")


class ParseRequest(BaseModel):
    """A message to understand, optionally with the language to assume."""

    text: str = Field(min_length=1, max_length=2000, description="the message, 1-2000 characters")
    lang: Literal["en", "fr", "es", "ar", "ne"] | None = Field(
        default=None, description="skip detection and assume this language"
    )

    @model_validator(mode="before")
    @classmethod
    def _replace_lone_surrogates(cls, data: Any) -> Any:
        # "\ud800" is valid JSON but not Unicode: replaced by U+FFFD here, since a validation
        # error would echo it back and the UTF-8 response could not be written (a 500).
        if isinstance(data, dict):
            return {k: _clean(v) for k, v in data.items()}
        return _clean(data)


def _clean(value: Any) -> Any:
    """Return `value` with lone surrogates replaced, if it is a string."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    return value


@router.post("/v1/nlu/parse")
async def parse(body: ParseRequest, request: Request) -> dict[str, Any]:
    """Return intent, ranking, countries, language and the matching FAQ of one message."""
    pipeline: NLUPipeline | None = getattr(request.app.state, "nlu", None)
    if pipeline is None:
        raise HTTPException(status_code=503, detail="the NLU is not ready yet")
    try:
        analysis = await pipeline.analyse(body.text, lang=body.lang)
    except InvalidInputError as err:
        raise HTTPException(status_code=422, detail=str(err)) from err
    except BackendUnavailableError as err:
        raise HTTPException(status_code=503, detail="the NLU backend is unavailable") from err
    except BackendError as err:
        raise HTTPException(status_code=502, detail="the NLU backend failed") from err
    return analysis.to_rasa()
