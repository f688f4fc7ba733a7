"""remit's input models, validated for a dialect's route: the field errors become remit's
validation problem, which the dialect's route class translates into the provider's error."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from remit.api.errors import field_errors
from remit.kernel.problems import validation_problem


def validated(cls: Any, data: dict[str, Any]) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise validation_problem(field_errors(exc.errors())) from None
