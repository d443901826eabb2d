"""``ConflictError`` (core/exceptions.py): any domain conflict answers 409 by its class,
with the members the class adds, and the schema documents those members."""

import pytest
from rest_framework.test import APIRequestFactory

from core.api.exceptions import ServiceValidationError, problem_exception_handler
from core.api.schema import problem_schema
from core.exceptions import ConflictError, conflict_error_classes
from locaties.services import ReserveringConflict


class VolGeboekt(ConflictError):
    problem_schema = {"wachtenden": {"type": "integer"}}

    def problem_members(self) -> dict:
        return {"wachtenden": 3}


def answer(exc):
    request = APIRequestFactory().post("/api/v1/iets")
    return problem_exception_handler(exc, {"request": request})


def test_a_conflict_answers_409_with_its_members():
    response = answer(VolGeboekt("De zaal is vol."))
    assert response.status_code == 409
    assert response.data["detail"] == "De zaal is vol."
    assert response.data["wachtenden"] == 3


def test_a_conflict_a_service_raised_through_call_service_is_409_too():
    error = VolGeboekt("De zaal is vol.")
    assert answer(ServiceValidationError(error)).status_code == 409


def test_a_plain_conflict_needs_no_members():
    response = answer(ConflictError("Dit botst."))
    assert response.status_code == 409
    assert "conflicten" not in response.data


@pytest.mark.django_db
def test_every_conflict_class_documents_its_members_in_the_problem_schema():
    assert {ReserveringConflict, VolGeboekt} <= set(conflict_error_classes())
    properties = problem_schema()["properties"]
    assert properties["wachtenden"] == {"type": "integer"}
    assert properties["conflicten"]["type"] == "array"
