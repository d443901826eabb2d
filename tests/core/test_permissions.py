"""The one API permission class: what a view declares per action decides, an action
nobody declared is refused, and core imports no app."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from core.permissions import AUTHENTICATED, PUBLIC, ActionPermission, declared_permission
from tests.locaties.factories import LocatieFactory, UserFactory

CORE = Path(__file__).resolve().parents[2] / "core"
APPS = {"locaties", "activiteiten", "vrijwilligers", "ontmoeting"}


class View:
    http_method_names = ["get", "head", "post", "options"]
    action_permissions = {"list": PUBLIC, "create": AUTHENTICATED, "partial_update": "locaties.change_locatie"}

    def __init__(self, action):
        self.action = action

    # The handlers of a plain view; TRACE has none.
    def get(self, request): ...

    def post(self, request): ...


def _request(method, user):
    request = getattr(APIRequestFactory(), method)("/")
    request.user = user
    return request


def test_undeclared_actions_are_refused_even_to_a_superuser(db):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert not ActionPermission().has_permission(_request("post", superuser), View("steun"))


def test_public_and_logged_in_actions(db):
    anonymous, user = AnonymousUser(), UserFactory()
    permission = ActionPermission()
    assert permission.has_permission(_request("get", anonymous), View("list"))
    assert not permission.has_permission(_request("post", anonymous), View("create"))
    assert permission.has_permission(_request("post", user), View("create"))


def test_an_object_permission_asks_the_rules(db):
    """Without a role in the place's organisation, a staff member may not change it."""
    staff = UserFactory(is_staff=True)
    permission = ActionPermission()
    request = _request("post", staff)
    assert permission.has_permission(request, View("partial_update"))
    assert not permission.has_object_permission(request, View("partial_update"), LocatieFactory())


def test_head_follows_get_and_options_is_public():
    class Plain:
        action_permissions = {"get": "locaties.view_gemeente"}

    assert declared_permission(Plain, "head") == "locaties.view_gemeente"
    assert declared_permission(Plain, "metadata") == PUBLIC
    assert declared_permission(Plain, "post") is None


@pytest.mark.parametrize("module", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_imports_no_app(module):
    tree = ast.parse(module.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert not imported & APPS, f"{module.name} imports {imported & APPS}"


def test_a_method_the_view_does_not_answer_is_left_to_its_405(db):
    view = View("list")  # no handler for TRACE: the view answers 405
    request = APIRequestFactory().generic("TRACE", "/")
    request.user = AnonymousUser()
    assert ActionPermission().has_permission(request, view)
    view.action = "steun"  # …but an action the view has and nobody declared is refused
    view.trace = lambda request: None
    view.http_method_names = [*View.http_method_names, "trace"]
    assert not ActionPermission().has_permission(request, view)
