"""Shared fixtures: a frozen clock and English messages for every test."""

import shutil
import tempfile
from pathlib import Path

import pytest
import time_machine
from django.utils import translation

from tests.activiteiten import factories as activiteiten_factories
from tests.moments import AWKWARD, NOW, parse_moment


def pytest_configure(config):
    config.addinivalue_line("markers", "frozen_at(moment): run this test at another moment (ISO 8601, Amsterdam time)")
    config.addinivalue_line("markers", "awkward_moments: run this test at each moment of tests.moments.AWKWARD")


def pytest_generate_tests(metafunc):
    definition = metafunc.definition
    if definition.get_closest_marker("awkward_moments") and not definition.get_closest_marker("frozen_at"):
        metafunc.parametrize("frozen_clock", list(AWKWARD.values()), ids=list(AWKWARD), indirect=True)


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """Time stands still at ``tests.moments.NOW`` (or the moment the test names) for the
    whole test: ``timezone.now()``, ``date.today()`` and ``time.time()`` alike; the live
    server thread of the browser tests sees the same clock. ``time.monotonic()`` keeps
    running, so timeouts still work. Yields the traveller: ``frozen_clock.shift(60)``."""
    marker = request.node.get_closest_marker("frozen_at")
    if marker:
        moment = parse_moment(marker.args[0])
    else:
        moment = getattr(request, "param", NOW)
    with time_machine.travel(moment, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Services and commands called directly from a test speak English, the source
    language of every message, so tests can match the msgid. Pages choose their language
    per request (Dutch unless the browser asks for English); tests of Dutch output say so
    with ``translation.override("nl")``."""
    with translation.override("en"):
        yield


@pytest.fixture
def server_dir():
    """A fresh folder for a test's own embedded PostgreSQL, under var/ of the checkout.
    Not pytest's tmp_path: the server runs as another user (when the suite runs as
    root), which must traverse every parent folder, and pytest makes its temporary
    root private again whenever another pytest run starts on the machine."""
    parent = Path(__file__).resolve().parent.parent / "var" / "test-servers"
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=parent))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def schoolvakanties_tot_kerst_2026(db):
    """The school holidays known up to 3 January 2027 in every region, then a gap (spring,
    May and summer 2027), then 2027-2028: the state of the table the tests of "onder
    voorbehoud" state, whatever the project's table holds by the time they run
    (``tests.activiteiten.factories.schoolvakanties_tot_kerst_2026``)."""
    activiteiten_factories.schoolvakanties_tot_kerst_2026()
