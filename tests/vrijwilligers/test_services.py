"""Services of the vrijwilligers app: volunteers, shifts, assignments, privacy."""

import json
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.models import ApiToken
from core.tokens import api_token_create
from vrijwilligers import services
from vrijwilligers.constants import InzetStatus, Taak
from vrijwilligers.models import Dienst, Inzet, Vrijwilliger

from ..locaties.factories import LidmaatschapFactory, LocatieFactory, OrganisatieFactory, UserFactory
from .factories import DienstFactory, InzetFactory, VacatureFactory, VrijwilligerFactory

pytestmark = pytest.mark.django_db


class TestVrijwilliger:
    def test_consent_date_is_required_and_not_in_the_future(self):
        with pytest.raises(ValidationError) as error:
            services.vrijwilliger_create(naam="Mia", email="mia@example.nl", toestemming_op=None)
        assert "toestemming_op" in error.value.message_dict
        with pytest.raises(ValidationError):
            services.vrijwilliger_create(
                naam="Mia", email="mia@example.nl", toestemming_op=timezone.localdate() + timedelta(days=1)
            )
        assert not Vrijwilliger.objects.exists()

    def test_needs_a_way_to_reach_them(self):
        with pytest.raises(ValidationError, match="phone number"):
            services.vrijwilliger_create(naam="Mia", toestemming_op=timezone.localdate())

    def test_create_links_organisations(self):
        organisatie = OrganisatieFactory()
        vrijwilliger = services.vrijwilliger_create(
            naam="Mia", telefoon="0612345678", toestemming_op=timezone.localdate(),
            organisaties=[organisatie], talenten=["koken"],
        )
        assert list(vrijwilliger.organisaties.all()) == [organisatie]

    def test_the_database_requires_contact_unless_erased(self):
        with pytest.raises(IntegrityError, match="vrijwilliger_has_contact"), transaction.atomic():
            Vrijwilliger.objects.create(naam="X", toestemming_op=timezone.localdate())


class TestDienst:
    def test_end_after_start_and_someone_needed(self):
        locatie, start = LocatieFactory(), timezone.now() + timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            services.dienst_create(locatie=locatie, taak=Taak.BAR, start=start, eind=start)
        assert "eind" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.dienst_create(locatie=locatie, taak=Taak.BAR, start=start, eind=start + timedelta(hours=2), benodigd=0)
        assert "benodigd" in error.value.message_dict
        dienst = services.dienst_create(locatie=locatie, taak=Taak.BAR, start=start, eind=start + timedelta(hours=2))
        assert dienst.benodigd == 1

    def test_the_database_refuses_bad_shifts(self):
        dienst = DienstFactory()
        with pytest.raises(IntegrityError, match="dienst_end_after_start"), transaction.atomic():
            Dienst.objects.filter(pk=dienst.pk).update(eind=dienst.start)
        with pytest.raises(IntegrityError, match="dienst_needs_someone"), transaction.atomic():
            Dienst.objects.filter(pk=dienst.pk).update(benodigd=0)


class TestInzet:
    def test_refuses_a_full_shift_and_a_double_booking(self):
        dienst = DienstFactory(benodigd=2)
        first, second, third = VrijwilligerFactory(), VrijwilligerFactory(), VrijwilligerFactory()
        services.inzet_create(dienst=dienst, vrijwilliger=first)
        with pytest.raises(ValidationError, match="already on this shift"):
            services.inzet_create(dienst=dienst, vrijwilliger=first)
        services.inzet_create(dienst=dienst, vrijwilliger=second)
        with pytest.raises(ValidationError, match="full"):
            services.inzet_create(dienst=dienst, vrijwilliger=third)

    def test_calling_off_frees_the_place_and_one_can_come_back(self):
        dienst = DienstFactory(benodigd=1)
        first, second = VrijwilligerFactory(), VrijwilligerFactory()
        inzet = services.inzet_create(dienst=dienst, vrijwilliger=first)
        services.inzet_afmeld(inzet=inzet)
        with pytest.raises(ValidationError, match="already called off"):
            services.inzet_afmeld(inzet=inzet)
        services.inzet_create(dienst=dienst, vrijwilliger=second)
        services.inzet_afmeld(inzet=Inzet.objects.get(vrijwilliger=second))
        back = services.inzet_create(dienst=dienst, vrijwilliger=first)
        assert back.pk == inzet.pk and back.status == InzetStatus.INGEPLAND

    def test_worked_shifts_cannot_be_called_off(self):
        inzet = InzetFactory(status=InzetStatus.GEWERKT)
        with pytest.raises(ValidationError, match="worked"):
            services.inzet_afmeld(inzet=inzet)


@pytest.mark.django_db(transaction=True)
def test_concurrent_signups_never_overfill_a_shift():
    dienst = DienstFactory(benodigd=3)
    volunteers = [VrijwilligerFactory() for _ in range(12)]
    barrier = threading.Barrier(len(volunteers), timeout=30)
    outcomes, lock = [], threading.Lock()

    def sign_up(vrijwilliger):
        try:
            barrier.wait()
            services.inzet_create(dienst=dienst, vrijwilliger=vrijwilliger)
            result = "ok"
        except ValidationError:
            result = "full"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=sign_up, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["full"] * 9 + ["ok"] * 3
    assert Inzet.objects.filter(dienst=dienst).count() == 3


class TestVacature:
    def test_publish(self):
        vacature = VacatureFactory()
        services.vacature_publiceer(vacature=vacature)
        vacature.refresh_from_db()
        assert vacature.gepubliceerd

    def test_a_closed_vacancy_is_not_published(self):
        vacature = VacatureFactory(sluit_op=timezone.localdate() - timedelta(days=1))
        with pytest.raises(ValidationError):
            services.vacature_publiceer(vacature=vacature)
        vacature.refresh_from_db()
        assert not vacature.gepubliceerd


class TestPrivacy:
    def test_export_holds_all_personal_data_as_json(self):
        organisatie = OrganisatieFactory(naam="Stichting Trajekt")
        vrijwilliger = VrijwilligerFactory(naam="Jan Janssen", email="jan@example.nl", organisaties=[organisatie])
        InzetFactory(vrijwilliger=vrijwilliger, status=InzetStatus.GEWERKT, uren=Decimal("3.5"))
        data = services.vrijwilliger_export(vrijwilliger=vrijwilliger)
        json.dumps(data)  # JSON-ready, no datetimes or Decimals left
        assert data["naam"] == "Jan Janssen" and data["email"] == "jan@example.nl"
        assert data["organisaties"] == ["Stichting Trajekt"]
        assert data["inzetten"][0]["uren"] == "3.50"

    def test_erasure_removes_personal_data_keeps_past_hours_and_frees_future_shifts(self):
        vrijwilliger = VrijwilligerFactory(naam="Jan Janssen", email="jan@example.nl", telefoon="0612345678")
        past = DienstFactory(start=timezone.now() - timedelta(days=7), eind=timezone.now() - timedelta(days=7, hours=-2))
        InzetFactory(vrijwilliger=vrijwilliger, dienst=past, status=InzetStatus.GEWERKT, uren=Decimal("2"))
        InzetFactory(vrijwilliger=vrijwilliger)  # a future shift
        services.vrijwilliger_erase(vrijwilliger=vrijwilliger)
        vrijwilliger.refresh_from_db()
        assert vrijwilliger.gewist_op is not None
        assert (vrijwilliger.naam, vrijwilliger.email, vrijwilliger.telefoon) == ("[gewist]", "", "")
        assert list(vrijwilliger.inzetten.values_list("dienst", "uren")) == [(past.pk, Decimal("2.00"))]
        with pytest.raises(ValidationError, match="erased"):
            services.inzet_create(dienst=DienstFactory(), vrijwilliger=vrijwilliger)

    def test_erasure_deletes_an_account_only_for_volunteering_and_keeps_one_with_a_role(self):
        alleen = VrijwilligerFactory(user=UserFactory(username="jan@example.nl"))
        api_token_create(user=alleen.user, naam="koppeling")
        bestuurder = LidmaatschapFactory().user
        ook_bestuur = VrijwilligerFactory(user=bestuurder)
        services.vrijwilliger_erase(vrijwilliger=alleen)
        services.vrijwilliger_erase(vrijwilliger=ook_bestuur)
        users = get_user_model().objects
        assert not users.filter(username="jan@example.nl").exists() and not ApiToken.objects.exists()
        assert users.filter(pk=bestuurder.pk).exists()
        ook_bestuur.refresh_from_db()
        assert ook_bestuur.user is None
