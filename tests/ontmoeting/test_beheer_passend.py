"""Matching talents: for a vacancy or a resident's wish, the coordinator sees which of the
organisation's volunteers have the talent and are available then; never in public."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten.services import wens_create, wens_goedkeur
from locaties.constants import Rol
from tests.locaties.factories import BuurtFactory, LidmaatschapFactory, LocatieFactory, OrganisatieFactory
from tests.vrijwilligers.factories import VacatureFactory, VrijwilligerFactory
from vrijwilligers.selectors import vrijwilliger_list_passend

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def mensen(org):
    return {
        "kok": VrijwilligerFactory(naam="Anna Kok", organisaties=[org], talenten=["koken"],
                                   beschikbaarheid=["di_avond"]),
        "kok_ochtend": VrijwilligerFactory(naam="Bert Bakker", organisaties=[org], talenten=["koken", "gastvrijheid"],
                                           beschikbaarheid=["di_ochtend"]),
        "ander": VrijwilligerFactory(naam="Cor Computer", organisaties=[org], talenten=["computer"],
                                     beschikbaarheid=["di_avond"]),
        "wachtend": VrijwilligerFactory(naam="Dina Wacht", organisaties=[org], talenten=["koken"],
                                        geaccepteerd_op=None),
        "elders": VrijwilligerFactory(naam="Evert Elders", organisaties=[OrganisatieFactory()], talenten=["koken"]),
    }


def test_the_best_fits_first_and_only_accepted_volunteers_of_the_organisation(org, mensen):
    namen = [p.naam for p in vrijwilliger_list_passend(organisatie=org, talenten=["koken", "gastvrijheid"])]
    assert namen == ["Bert Bakker", "Anna Kok"]
    gevonden = vrijwilliger_list_passend(organisatie=org, talenten=["koken"], dagdelen=["di_avond"])
    assert [(p.naam, p.passende_talenten, p.passende_dagdelen) for p in gevonden] == [
        ("Anna Kok", ["koken"], ["di_avond"])]
    assert [p.naam for p in vrijwilliger_list_passend(organisatie=org, dagdelen=["di_avond"])] == [
        "Anna Kok", "Cor Computer"]


def test_a_vacancy_fills_in_its_talents_and_times(client, bestuur, org, mensen):
    vacature = VacatureFactory(organisatie=org, titel="Kok voor de maaltijd", talenten=["koken"], dagdelen=["di_avond"])
    assert reverse("beheer:vrijwilligers-passend", args=[org.slug]) + f"?vacature={vacature.pk}" in client.get(
        reverse("beheer:vacatures", args=[org.slug]), **EN).content.decode()
    page = client.get(reverse("beheer:vrijwilligers-passend", args=[org.slug]), {"vacature": vacature.pk},
                      **EN).content.decode()
    assert "Kok voor de maaltijd" in page and "Anna Kok" in page
    assert "Bert Bakker" not in page and "Cor Computer" not in page and "Dina Wacht" not in page
    assert "Evert Elders" not in page
    # Another choice on the same page.
    page = client.get(reverse("beheer:vrijwilligers-passend", args=[org.slug]),
                      {"vacature": vacature.pk, "zoeken": "1", "talenten": ["computer"]}, **EN).content.decode()
    assert "Cor Computer" in page and "Anna Kok" not in page


def test_a_wish_is_shown_and_the_coordinator_chooses_the_talents(client, bestuur, org, mensen):
    buurt = BuurtFactory()
    LocatieFactory(beheerder=org, buurt=buurt)
    wens = wens_goedkeur(wens=wens_create(buurt=buurt, tekst="Een kookclub voor ouderen"))
    assert "?wens=" in client.get(reverse("beheer:wens", args=[org.slug, wens.pk]), **EN).content.decode()
    page = client.get(reverse("beheer:vrijwilligers-passend", args=[org.slug]),
                      {"wens": wens.pk, "zoeken": "1", "talenten": ["koken"]}, **EN).content.decode()
    assert "Een kookclub voor ouderen" in page and "Anna Kok" in page and "Bert Bakker" in page


def test_another_organisations_vacancy_or_wish_answers_404_and_a_manager_403(client, bestuur, org):
    other = VacatureFactory(organisatie=OrganisatieFactory())
    url = reverse("beheer:vrijwilligers-passend", args=[org.slug])
    assert client.get(url, {"vacature": other.pk}).status_code == 404
    far = wens_goedkeur(wens=wens_create(buurt=BuurtFactory(), tekst="Ver weg"))
    assert client.get(url, {"wens": far.pk}).status_code == 404
    client.force_login(LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user)
    assert client.get(url).status_code == 403


def test_never_on_the_public_vacancy(client, org, mensen):
    vacature = VacatureFactory(organisatie=org, gepubliceerd=True, talenten=["koken"], sluit_op=timezone.localdate())
    page = client.get(reverse("site:vacature", args=[vacature.pk]), **EN).content.decode()
    assert "Anna Kok" not in page
    assert "talenten" not in client.get(f"/api/v1/vacatures/{vacature.pk}").json()
