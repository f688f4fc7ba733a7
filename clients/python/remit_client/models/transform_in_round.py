from typing import Literal

TransformInRound = Literal["down", "up"]

TRANSFORM_IN_ROUND_VALUES: set[TransformInRound] = {
    "down",
    "up",
}


def check_transform_in_round(value: str) -> TransformInRound:
    if value in TRANSFORM_IN_ROUND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TRANSFORM_IN_ROUND_VALUES!r}")
