"""remit's input models, validated for a dialect's route: the field errors become remit's
validation problem, which the dialect's route class translates into the provider's error."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from remit.api.errors import field_errors
from remit.kernel.problems import validation_problem

Model = TypeVar("Model", bound=BaseModel)


def validated(cls: type[Model], data: dict[str, Any]) -> Model:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise validation_problem(field_errors(exc.errors())) from None
