"""remit's input models, validated for a dialect's route: the field errors become remit's
validation problem, which the dialect's route class translates into the provider's error."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from remit.api.errors import field_errors
from remit.kernel.problems import validation_problem

Model = TypeVar("Model", bound=BaseModel)


def validated(
    cls: type[Model], data: dict[str, Any], names: Mapping[str, str] | None = None
) -> Model:
    """`data` as `cls`, or the problem naming each bad field — by the provider's name where
    `names` gives one for remit's (a field the dialect renamed)."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        renamed = names or {}
        errors = [replace(error, param=renamed.get(error.param, error.param))
                  for error in field_errors(exc.errors())]  # fmt: skip
        raise validation_problem(errors) from None
