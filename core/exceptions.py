"""Exceptions the domain raises and every interface understands without knowing the
domain."""

from django.core.exceptions import ValidationError


class ConflictError(ValidationError):
    """A write that clashes with the current state (another confirmed reservation in the
    same room, say): the API answers 409, a page shows the message.

    A subclass names what is in the way through ``problem_members`` (extra members of the
    409's problem+json body) and documents them in ``problem_schema`` (OpenAPI schemas of
    those members, merged into the ``Problem`` schema)."""

    #: OpenAPI schemas of the members ``problem_members`` adds, by name.
    problem_schema: dict[str, dict] = {}

    def problem_members(self) -> dict:
        """Extra members of the problem+json body, e.g. the reservations in the way."""
        return {}


def conflict_error_classes() -> list[type[ConflictError]]:
    """Every subclass of ``ConflictError`` imported so far, depth first."""
    found, pending = [], list(ConflictError.__subclasses__())
    while pending:
        cls = pending.pop(0)
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found
