"""Registrations: capacity, waiting list, signed cancel links, retention; wishes."""

import re
import threading
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from activiteiten.constants import AanmeldingNodig, AanmeldingStatus
from activiteiten.models import Aanmelding, Bijeenkomst
from activiteiten.services import (
    aanmelding_annuleer,
    aanmelding_cancel_token,
    aanmelding_create,
    aanmeldingen_erase_contact,
    bijeenkomst_annuleer,
    wens_create,
    wens_steun,
)

from .factories import BuurtFactory, WensFactory, make_activiteit, make_activiteit_met_aanmelding


def eerste_bijeenkomst(**kwargs):
    activiteit = make_activiteit_met_aanmelding(**kwargs)
    return activiteit.bijeenkomsten.order_by("start").first()


@pytest.mark.django_db
@pytest.mark.awkward_moments
def test_capacity_then_waiting_list_then_promotion_in_order(django_capture_on_commit_callbacks):
    b = eerste_bijeenkomst(capaciteit=4)
    with django_capture_on_commit_callbacks(execute=True):
        gezin = aanmelding_create(bijeenkomst=b, naam="Familie Jansen", email="jansen@example.nl", aantal=3)
        piet = aanmelding_create(bijeenkomst=b, naam="Piet", email="piet@example.nl")
        groep = aanmelding_create(bijeenkomst=b, naam="Groep", email="groep@example.nl", aantal=2)
        kees = aanmelding_create(bijeenkomst=b, naam="Kees", telefoon="0611111111")
        lies = aanmelding_create(bijeenkomst=b, naam="Lies", email="lies@example.nl")
    statuses = [a.status for a in (gezin, piet, groep, kees, lies)]
    assert statuses == [AanmeldingStatus.BEVESTIGD] * 2 + [AanmeldingStatus.WACHTLIJST] * 3
    assert len(mail.outbox) == 4  # Kees only left a phone number
    assert "wachtlijst" in mail.outbox[2].subject.lower() or "waiting" in mail.outbox[2].subject.lower()
    mail.outbox.clear()

    # Piet cancels: one place. The group of 2 does not fit and keeps its turn; Kees gets it.
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding_annuleer(token=aanmelding_cancel_token(piet))
    for a in (piet, groep, kees, lies):
        a.refresh_from_db()
    assert [piet.status, groep.status, kees.status, lies.status] == [
        AanmeldingStatus.GEANNULEERD, AanmeldingStatus.WACHTLIJST, AanmeldingStatus.BEVESTIGD,
        AanmeldingStatus.WACHTLIJST,
    ]
    assert mail.outbox == []  # Kees has no e-mail address

    # The family cancels: three places; the group (2) and then Lies (1) move up.
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding_annuleer(token=aanmelding_cancel_token(gezin))
    groep.refresh_from_db()
    lies.refresh_from_db()
    assert (groep.status, lies.status) == (AanmeldingStatus.BEVESTIGD, AanmeldingStatus.BEVESTIGD)
    assert sorted(m.to[0] for m in mail.outbox) == ["groep@example.nl", "lies@example.nl"]
    confirmed = sum(a.aantal for a in Aanmelding.objects.filter(bijeenkomst=b, status=AanmeldingStatus.BEVESTIGD))
    assert confirmed == 4


@pytest.mark.django_db
def test_confirmation_mail_contains_a_working_cancel_link(django_capture_on_commit_callbacks):
    b = eerste_bijeenkomst(capaciteit=5)
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding_create(bijeenkomst=b, naam="Sevda", email="sevda@example.nl", aantal=2)
    body = mail.outbox[0].body
    found = re.search(r"/aanmelding/annuleren/(\S+)", body)
    assert found, body
    token = found.group(1)
    assert "Taalcafé" in body
    assert aanmelding_annuleer(token=token).status == AanmeldingStatus.GEANNULEERD
    # Twice is harmless.
    assert aanmelding_annuleer(token=token).status == AanmeldingStatus.GEANNULEERD


@pytest.mark.django_db
def test_tampered_or_foreign_tokens_are_rejected():
    b = eerste_bijeenkomst(capaciteit=5)
    aanmelding = aanmelding_create(bijeenkomst=b, naam="Jan", email="jan@example.nl")
    token = aanmelding_cancel_token(aanmelding)
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    other_salt = signing.dumps({"aanmelding": aanmelding.pk}, salt="iets-anders")
    forged_pk = token.replace(signing.dumps({"aanmelding": aanmelding.pk}, salt="x").split(":")[0], "")
    for bad in (tampered, other_salt, "", "rubbish", forged_pk):
        with pytest.raises(ValidationError, match="not valid"):
            aanmelding_annuleer(token=bad)
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.BEVESTIGD


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"naam": "A", "aantal": 0}, "at least one"),
        ({"naam": "A"}, "phone number"),
        ({"naam": "A", "email": "geen-mailadres"}, "valid email"),
        ({"naam": "", "email": "a@example.nl"}, ""),
    ],
)
def test_bad_registrations_are_refused(kwargs, fragment):
    b = eerste_bijeenkomst(capaciteit=5)
    with pytest.raises(ValidationError) as caught:
        aanmelding_create(bijeenkomst=b, **kwargs)
    assert fragment.lower() in " ".join(caught.value.messages).lower()
    assert Aanmelding.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.awkward_moments
def test_no_registration_for_past_cancelled_or_walk_in_occurrences():
    b = eerste_bijeenkomst(capaciteit=5)
    bijeenkomst_annuleer(bijeenkomst=b)
    with pytest.raises(ValidationError, match="cancelled"):
        aanmelding_create(bijeenkomst=b, naam="A", email="a@example.nl")

    verleden = eerste_bijeenkomst(capaciteit=5)
    Bijeenkomst.objects.filter(pk=verleden.pk).update(
        start=timezone.now() - timedelta(hours=3), eind=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="already started"):
        aanmelding_create(bijeenkomst=verleden, naam="A", email="a@example.nl")

    inloop = make_activiteit(aanmelding=AanmeldingNodig.GEEN).bijeenkomsten.first()
    with pytest.raises(ValidationError, match="no registration"):
        aanmelding_create(bijeenkomst=inloop, naam="A", email="a@example.nl")
    assert Aanmelding.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.awkward_moments
def test_contact_data_erased_after_retention(settings):
    settings.AANMELDING_RETENTION_DAYS = 30
    oud, recent = eerste_bijeenkomst(capaciteit=5), eerste_bijeenkomst(capaciteit=5)
    a_oud = aanmelding_create(bijeenkomst=oud, naam="Oud", email="oud@example.nl", aantal=2)
    a_recent = aanmelding_create(bijeenkomst=recent, naam="Recent", email="recent@example.nl")
    Bijeenkomst.objects.filter(pk=oud.pk).update(
        start=timezone.now() - timedelta(days=40), eind=timezone.now() - timedelta(days=40, hours=-2)
    )
    Bijeenkomst.objects.filter(pk=recent.pk).update(
        start=timezone.now() - timedelta(days=10), eind=timezone.now() - timedelta(days=10, hours=-2)
    )
    assert aanmeldingen_erase_contact() == 1
    a_oud.refresh_from_db()
    a_recent.refresh_from_db()
    assert (a_oud.naam, a_oud.email, a_oud.telefoon, a_oud.aantal) == ("", "", "", 2)
    assert a_oud.contact_gewist_op is not None
    assert a_recent.email == "recent@example.nl"
    assert aanmeldingen_erase_contact() == 0


@pytest.mark.django_db
def test_wishes_are_moderated_and_support_counts_up():
    wens = wens_create(buurt=BuurtFactory(), tekst="  Een koffieochtend voor ouderen  ", doelgroep="ouderen")
    assert (wens.tekst, wens.goedgekeurd, wens.steun) == ("Een koffieochtend voor ouderen", False, 1)
    with pytest.raises(ValidationError):
        wens_create(buurt=wens.buurt, tekst="")
    andere = WensFactory()
    wens_steun(wens=andere, steuner="sessie:een")
    assert wens_steun(wens=andere, steuner="sessie:twee").steun == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_capacity():
    activiteit = make_activiteit_met_aanmelding(capaciteit=20)
    b = activiteit.bijeenkomsten.order_by("start").first()
    for i in range(15):
        aanmelding_create(bijeenkomst=b, naam=f"Vooraf {i}", telefoon="0600000000")

    barrier = threading.Barrier(20)
    errors = []

    def register(n):
        try:
            barrier.wait()
            aanmelding_create(bijeenkomst=Bijeenkomst(pk=b.pk), naam=f"Gast {n}", telefoon="0611111111")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    nieuw = Aanmelding.objects.filter(bijeenkomst=b, naam__startswith="Gast")
    assert nieuw.filter(status=AanmeldingStatus.BEVESTIGD).count() == 5
    assert nieuw.filter(status=AanmeldingStatus.WACHTLIJST).count() == 15
