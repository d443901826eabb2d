"""Services of the locaties app: places, photos, reservations, memberships, hours."""

import io
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from locaties import services
from locaties.constants import LocatieSoort, ReserveringStatus, Rol, TariefCategorie
from locaties.models import Locatie, LocatieFoto, Reservering

from .factories import (
    BuurtFactory,
    GemeenteFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
    TariefFactory,
    UserFactory,
    _next_monday_at,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def centre(buurt):
    return (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2, (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2


def make_locatie(**overrides):
    fields = dict(
        beheerder=OrganisatieFactory(), naam="Buurthuis Nazareth", soort=LocatieSoort.BUURTHUIS,
        straat="Nazarethstraat", plaats="Maastricht", lat=51.5, lon=5.0,
    )
    fields.update(overrides)
    return services.locatie_create(**fields)


# --- places ----------------------------------------------------------------------


class TestLocatie:
    def test_create_derives_buurt_and_unique_slug(self):
        buurt = BuurtFactory()
        lat, lon = centre(buurt)
        first = make_locatie(lat=lat, lon=lon, postcode="6222ab")
        second = make_locatie()
        assert first.buurt == buurt
        assert first.postcode == "6222 AB"
        assert second.buurt is None
        assert (first.slug, second.slug) == ("buurthuis-nazareth", "buurthuis-nazareth-2")

    def test_update_rederives_buurt_when_the_point_moves_and_keeps_the_slug(self):
        here, there = BuurtFactory(), BuurtFactory()
        locatie = make_locatie(lat=centre(here)[0], lon=centre(here)[1])
        lat, lon = centre(there)
        services.locatie_update(locatie=locatie, lat=lat, lon=lon, naam="Wijkcentrum Nazareth")
        locatie.refresh_from_db()
        assert locatie.buurt == there
        assert locatie.slug == "buurthuis-nazareth"

    def test_invalid_input_is_refused_and_creates_nothing(self):
        with pytest.raises(ValidationError) as error:
            make_locatie(lat=48.0)  # south of the Netherlands
        assert "lat" in error.value.message_dict
        assert not Locatie.objects.exists()

    def test_update_refuses_unknown_or_derived_fields(self):
        locatie = make_locatie()
        with pytest.raises(ValidationError, match="buurt"):
            services.locatie_update(locatie=locatie, buurt=BuurtFactory())


# --- photos ----------------------------------------------------------------------


def jpeg_with_gps(size=(2400, 1800)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (50.0, 51.0, 12.0)
    gps[3], gps[4] = "E", (5.0, 41.0, 30.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


class TestLocatieFoto:
    def test_the_fixture_really_carries_gps(self):
        # Without this, the stripping test below could pass on a photo without GPS.
        with Image.open(jpeg_with_gps()) as image:
            assert image.getexif().get_ifd(0x8825)

    def test_strips_exif_and_gps_and_resizes(self):
        foto = services.locatiefoto_create(
            locatie=make_locatie(), bestand=jpeg_with_gps(), alt_tekst="De zaal met lange tafels"
        )
        foto.afbeelding.open()
        with Image.open(foto.afbeelding) as stored:
            assert stored.format == "JPEG"
            assert max(stored.size) == 1600
            assert not stored.getexif()
            assert "exif" not in stored.info
        assert LocatieFoto.objects.get().alt_tekst == "De zaal met lange tafels"

    def test_rejects_a_text_file_named_jpg(self):
        text = SimpleUploadedFile("foto.jpg", b"dit is geen foto", content_type="image/jpeg")
        with pytest.raises(ValidationError, match="not a photo"):
            services.locatiefoto_create(locatie=make_locatie(), bestand=text, alt_tekst="x")
        assert not LocatieFoto.objects.exists()

    def test_rejects_a_photo_over_twenty_megapixels(self):
        buffer = io.BytesIO()
        Image.new("L", (5000, 5000)).save(buffer, format="PNG")
        huge = SimpleUploadedFile("groot.png", buffer.getvalue(), content_type="image/png")
        with pytest.raises(ValidationError, match="too large"):
            services.locatiefoto_create(locatie=make_locatie(), bestand=huge, alt_tekst="x")

    def test_requires_alt_text(self):
        with pytest.raises(ValidationError) as error:
            services.locatiefoto_create(locatie=make_locatie(), bestand=jpeg_with_gps(), alt_tekst="  ")
        assert "alt_tekst" in error.value.message_dict


# --- reservations ----------------------------------------------------------------


def aanvraag(ruimte, start, eind, **overrides):
    fields = dict(
        ruimte=ruimte, start=start, eind=eind, huurder_naam="Koor Heugemerveld",
        huurder_email="koor@example.nl", huurder_categorie=TariefCategorie.MAATSCHAPPELIJK,
    )
    fields.update(overrides)
    return services.reservering_create(**fields)


@pytest.fixture
def ruimte():
    ruimte = RuimteFactory(wisseltijd_minuten=30)
    TariefFactory(ruimte=ruimte, categorie=TariefCategorie.MAATSCHAPPELIJK,
                  prijs_per_uur=Decimal("15.00"), minimum_bedrag=Decimal("30.00"))
    return ruimte


class TestPrijs:
    @pytest.mark.parametrize(
        ("minutes", "per_hour", "minimum", "expected"),
        [
            (150, "15.00", "30.00", "37.50"),  # 2.5 h × 15
            (60, "15.00", "30.00", "30.00"),  # minimum applies
            (50, "12.35", "0.00", "10.29"),  # 10.2916… rounds down to cents
            (70, "12.35", "0.00", "14.41"),  # 14.4083… 
            (90, "0.01", "0.00", "0.02"),  # 0.015 rounds half up
        ],
    )
    def test_hours_times_tariff_with_minimum(self, minutes, per_hour, minimum, expected):
        ruimte = RuimteFactory()
        TariefFactory(ruimte=ruimte, categorie=TariefCategorie.COMMERCIEEL,
                      prijs_per_uur=Decimal(per_hour), minimum_bedrag=Decimal(minimum))
        start = _next_monday_at(10)
        prijs = services.reservering_prijs(
            ruimte=ruimte, start=start, eind=start + timedelta(minutes=minutes),
            huurder_categorie=TariefCategorie.COMMERCIEEL,
        )
        assert prijs == Decimal(expected)
        assert prijs.as_tuple().exponent == -2

    def test_request_stores_the_price_and_the_changeover(self, ruimte):
        start = _next_monday_at(19)
        reservering = aanvraag(ruimte, start, start + timedelta(hours=3))
        assert reservering.prijs == Decimal("45.00")
        assert reservering.status == ReserveringStatus.AANGEVRAAGD
        assert reservering.bezet.upper == start + timedelta(hours=3, minutes=30)

    def test_a_category_without_tariff_is_refused(self, ruimte):
        start = _next_monday_at(19)
        with pytest.raises(ValidationError, match="no tariff"):
            aanvraag(ruimte, start, start + timedelta(hours=1), huurder_categorie=TariefCategorie.COMMERCIEEL)


@pytest.mark.awkward_moments
class TestAanvraag:
    def test_room_not_for_rent(self, ruimte):
        ruimte.verhuurbaar = False
        ruimte.save()
        start = _next_monday_at(19)
        with pytest.raises(ValidationError, match="not for rent"):
            aanvraag(ruimte, start, start + timedelta(hours=1))

    def test_end_must_be_after_start(self, ruimte):
        start = _next_monday_at(19)
        with pytest.raises(ValidationError) as error:
            aanvraag(ruimte, start, start)
        assert "eind" in error.value.message_dict

    def test_naive_and_past_times_are_refused(self, ruimte):
        start = _next_monday_at(19)
        with pytest.raises(ValidationError, match="time zone"):
            aanvraag(ruimte, start.replace(tzinfo=None), (start + timedelta(hours=1)).replace(tzinfo=None))
        with pytest.raises(ValidationError, match="future"):
            aanvraag(ruimte, start - timedelta(days=30), start - timedelta(days=30, hours=-1))

    def test_needs_contact(self, ruimte):
        start = _next_monday_at(19)
        with pytest.raises(ValidationError, match="e-mail address or a phone number"):
            aanvraag(ruimte, start, start + timedelta(hours=1), huurder_email="")

    def test_a_request_clashing_with_a_confirmed_one_is_refused_at_once(self, ruimte):
        start = _next_monday_at(19)
        services.reservering_bevestig(reservering=aanvraag(ruimte, start, start + timedelta(hours=2)))
        with pytest.raises(services.ReserveringConflict):
            aanvraag(ruimte, start + timedelta(hours=2, minutes=10), start + timedelta(hours=3),
                     huurder_naam="Biljartclub")
        assert Reservering.objects.count() == 1


@pytest.mark.awkward_moments
class TestBevestig:
    def test_confirms_and_mails_the_tenant_after_commit(self, ruimte, django_capture_on_commit_callbacks, mailoutbox):
        start = _next_monday_at(19)
        reservering = aanvraag(ruimte, start, start + timedelta(hours=2))
        with django_capture_on_commit_callbacks(execute=True):
            services.reservering_bevestig(reservering=reservering)
        reservering.refresh_from_db()
        assert reservering.status == ReserveringStatus.BEVESTIGD
        assert [m.to for m in mailoutbox] == [["koor@example.nl"]]

    def test_a_clash_raises_reservering_conflict_naming_the_other(self, ruimte):
        start = _next_monday_at(19)
        first = aanvraag(ruimte, start, start + timedelta(hours=2), huurder_naam="Toneelvereniging")
        second = aanvraag(ruimte, start + timedelta(hours=1), start + timedelta(hours=3))
        services.reservering_bevestig(reservering=first)
        with pytest.raises(services.ReserveringConflict) as error:
            services.reservering_bevestig(reservering=second)
        assert isinstance(error.value, ValidationError)
        assert error.value.conflicten == [first]
        # Named by its time, not by its tenant: anyone may ask for a room.
        assert "(a rental)" in error.value.messages[0] and "Toneelvereniging" not in error.value.messages[0]
        second.refresh_from_db()
        assert second.status == ReserveringStatus.AANGEVRAAGD

    def test_the_changeover_counts_and_right_after_it_is_fine(self, ruimte):
        start = _next_monday_at(19)
        eind = start + timedelta(hours=2)
        first = aanvraag(ruimte, start, eind)
        too_soon = aanvraag(ruimte, eind + timedelta(minutes=20), eind + timedelta(hours=2))
        on_time = aanvraag(ruimte, eind + timedelta(minutes=30), eind + timedelta(hours=2))
        services.reservering_bevestig(reservering=first)
        with pytest.raises(services.ReserveringConflict):
            services.reservering_bevestig(reservering=too_soon)
        services.reservering_bevestig(reservering=on_time)

    def test_only_requests_can_be_confirmed_or_declined(self, ruimte):
        start = _next_monday_at(19)
        reservering = aanvraag(ruimte, start, start + timedelta(hours=2))
        services.reservering_afwijs(reservering=reservering)
        assert reservering.status == ReserveringStatus.AFGEWEZEN
        with pytest.raises(ValidationError, match="cannot be confirmed"):
            services.reservering_bevestig(reservering=reservering)
        with pytest.raises(ValidationError, match="cannot be cancelled"):
            services.reservering_annuleer(reservering=reservering)

    def test_cancelling_frees_the_room(self, ruimte):
        start = _next_monday_at(19)
        first = aanvraag(ruimte, start, start + timedelta(hours=2))
        second = aanvraag(ruimte, start, start + timedelta(hours=2), huurder_naam="Buurtvereniging")
        services.reservering_bevestig(reservering=first)
        services.reservering_annuleer(reservering=first)
        services.reservering_bevestig(reservering=second)
        assert Reservering.objects.get(status=ReserveringStatus.BEVESTIGD) == second


@pytest.mark.awkward_moments
class TestSerie:
    @pytest.mark.frozen_at("2027-03-01T12:00")
    @pytest.mark.parametrize("first_day", [datetime(2027, 3, 16), datetime(2027, 10, 19)])
    def test_weekly_series_keeps_wall_clock_time_across_dst(self, ruimte, first_day):
        start = first_day.replace(hour=19, tzinfo=AMS)
        reeks = services.reservering_serie_create(
            ruimte=ruimte, start=start, eind=start + timedelta(hours=2), aantal_weken=4,
            huurder_naam="Taalcafé", huurder_email="taal@example.nl",
            huurder_categorie=TariefCategorie.MAATSCHAPPELIJK,
        )
        stored = Reservering.objects.filter(serie=reeks[0].serie).order_by("periode")
        local = [r.periode.lower.astimezone(AMS) for r in stored]
        assert [(d.hour, d.minute, d.weekday()) for d in local] == [(19, 0, 1)] * 4
        assert [r.periode.upper.astimezone(AMS).hour for r in stored] == [21] * 4
        # The series does cross a DST change: the UTC offsets differ.
        assert len({d.utcoffset() for d in local}) == 2
        assert reeks[0].serie is not None and len({r.serie for r in stored}) == 1
        assert all(r.prijs == Decimal("30.00") for r in stored)

    def test_a_series_clashing_in_one_week_creates_nothing(self, ruimte):
        start = _next_monday_at(19)
        services.reservering_bevestig(
            reservering=aanvraag(ruimte, start + timedelta(weeks=2), start + timedelta(weeks=2, hours=1),
                                 huurder_naam="Bruiloft")
        )
        with pytest.raises(services.ReserveringConflict, match=r"\(a rental\)"):
            services.reservering_serie_create(
                ruimte=ruimte, start=start, eind=start + timedelta(hours=2), aantal_weken=5,
                huurder_naam="Koor", huurder_telefoon="0612345678",
                huurder_categorie=TariefCategorie.MAATSCHAPPELIJK,
            )
        assert Reservering.objects.count() == 1

    def test_series_length_is_bounded(self, ruimte):
        start = _next_monday_at(19)
        with pytest.raises(ValidationError):
            services.reservering_serie_create(
                ruimte=ruimte, start=start, eind=start + timedelta(hours=2), aantal_weken=0,
                huurder_naam="Koor", huurder_email="k@example.nl",
                huurder_categorie=TariefCategorie.MAATSCHAPPELIJK,
            )


# --- memberships -----------------------------------------------------------------


def test_lidmaatschap_is_unique_per_user_and_organisation():
    user, organisatie = UserFactory(), OrganisatieFactory()
    services.lidmaatschap_create(user=user, organisatie=organisatie, rol=Rol.BESTUUR)
    with pytest.raises(ValidationError):
        services.lidmaatschap_create(user=user, organisatie=organisatie, rol=Rol.COORDINATOR)
    with pytest.raises(ValidationError):
        services.lidmaatschap_create(user=UserFactory(), organisatie=organisatie, rol="voorzitter")


def test_gemeentemedewerker_is_unique():
    user, gemeente = UserFactory(), GemeenteFactory()
    services.gemeentemedewerker_create(user=user, gemeente=gemeente)
    with pytest.raises(ValidationError):
        services.gemeentemedewerker_create(user=user, gemeente=gemeente)


# --- opening hours and closures --------------------------------------------------


class TestOpeningstijd:
    def test_overlapping_hours_on_one_day_are_refused(self):
        locatie = make_locatie()
        services.openingstijd_create(locatie=locatie, weekdag=1, van=time(9), tot=time(12))
        with pytest.raises(ValidationError, match="overlap"):
            services.openingstijd_create(locatie=locatie, weekdag=1, van=time(11), tot=time(14))
        # Adjacent hours, another day and another place are fine.
        services.openingstijd_create(locatie=locatie, weekdag=1, van=time(12), tot=time(17))
        services.openingstijd_create(locatie=locatie, weekdag=2, van=time(11), tot=time(14))
        services.openingstijd_create(locatie=make_locatie(), weekdag=1, van=time(11), tot=time(14))
        assert locatie.openingstijden.count() == 3

    def test_empty_or_probably_swapped_hours_are_refused(self):
        for van, tot in [(time(14), time(14)), (time(14), time(9)), (time(5), time(4))]:
            with pytest.raises(ValidationError) as error:
                services.openingstijd_create(locatie=make_locatie(), weekdag=1, van=van, tot=tot)
            assert "tot" in error.value.message_dict

    def test_hours_past_midnight_run_into_the_next_day(self):
        locatie = make_locatie()
        vrijdag = services.openingstijd_create(locatie=locatie, weekdag=4, van=time(20), tot=time(1))
        assert vrijdag.tot_volgende_dag
        friday_night = datetime(2026, 11, 27, 23, 30)  # a Friday
        assert vrijdag.covers(friday_night)
        assert vrijdag.covers(friday_night + timedelta(hours=1))  # Saturday 00:30
        assert not vrijdag.covers(friday_night + timedelta(hours=1, minutes=30))  # Saturday 01:00
        assert not vrijdag.covers(friday_night - timedelta(hours=4))  # Friday 19:30
        with pytest.raises(ValidationError, match="overlap"):
            services.openingstijd_create(locatie=locatie, weekdag=5, van=time(0), tot=time(2))
        services.openingstijd_create(locatie=locatie, weekdag=5, van=time(1), tot=time(2))
        # Sunday night runs into Monday morning.
        zondag = services.openingstijd_create(locatie=locatie, weekdag=6, van=time(22), tot=time(2))
        monday_night = datetime(2026, 11, 30, 1, 0)  # a Monday
        assert zondag.covers(monday_night) and not zondag.covers(monday_night + timedelta(hours=1))
        assert zondag.begin_van(monday_night) == monday_night.date() - timedelta(days=1)
        with pytest.raises(ValidationError, match="overlap"):
            services.openingstijd_create(locatie=locatie, weekdag=0, van=time(1), tot=time(3))
        # Until midnight: the next day, at its very start.
        middernacht = services.openingstijd_create(locatie=locatie, weekdag=2, van=time(20), tot=time(0))
        assert middernacht.tot_volgende_dag and middernacht.tot_middernacht
        assert not middernacht.covers(datetime(2026, 11, 26, 0, 0))  # Thursday 00:00


def test_sluiting_needs_a_reason_and_sane_dates():
    locatie = make_locatie()
    day = _next_monday_at(9).date()
    with pytest.raises(ValidationError):
        services.sluiting_create(locatie=locatie, van=day, tot=day - timedelta(days=1), reden="Verbouwing")
    with pytest.raises(ValidationError):
        services.sluiting_create(locatie=locatie, van=day, tot=day, reden=" ")
    services.sluiting_create(locatie=locatie, van=day, tot=day + timedelta(days=14), reden="Zomersluiting")
    assert locatie.sluitingen.count() == 1


class TestRetention:
    @pytest.mark.awkward_moments
    def test_tenants_contact_is_erased_after_the_rental_ends_whatever_its_status(self, settings, frozen_clock):
        settings.RESERVERING_RETENTION_DAYS = 30
        ended = ReserveringFactory(
            huurder_naam="Koor Heerlijkheid", huurder_email="koor@example.nl", huurder_telefoon="0431234567",
            opmerking="Bel Koor Heerlijkheid", status=ReserveringStatus.BEVESTIGD,
        )
        declined = ReserveringFactory(status=ReserveringStatus.AFGEWEZEN)
        later = ReserveringFactory(start=ended.periode.upper + timedelta(days=2))
        entry = LogEntry.objects.create(
            user=UserFactory(is_staff=True), content_type=ContentType.objects.get_for_model(Reservering),
            object_id=str(ended.pk), object_repr=str(ended), action_flag=CHANGE,
            change_message="Koor Heerlijkheid moved it",
        )
        # 30 days of 24 hours, also across a daylight saving change.
        frozen_clock.move_to(ended.periode.upper.astimezone(UTC) + timedelta(days=30, minutes=1))
        assert services.reserveringen_erase_contact() == 2
        for row in (ended, declined, later, entry):
            row.refresh_from_db()
        assert (ended.huurder_naam, ended.huurder_email, ended.huurder_telefoon, ended.opmerking) == ("[gewist]", "", "", "")
        assert ended.prijs == Decimal("30.00") and ended.status == ReserveringStatus.BEVESTIGD
        assert declined.contact_gewist_op is not None
        assert later.contact_gewist_op is None and later.huurder_email
        assert entry.change_message == "[gewist] moved it"
        assert services.reserveringen_erase_contact() == 0


class TestBezetting:
    """An activity's occupancy of rooms: the same clash rule and the same conflict as a rental."""

    def test_booking_confirms_one_reservation_per_use_in_order(self, ruimte):
        start = _next_monday_at(10)
        uses = [(ruimte, start + timedelta(weeks=n), start + timedelta(weeks=n, hours=2)) for n in range(3)]
        booked = services.bezetting_boek(gebruiken=uses, huurder_naam="Stichting Nazareth", opmerking="Taalcafé")
        assert [(r.periode.lower, r.status, r.soort, r.prijs) for r in booked] == [
            (use[1], ReserveringStatus.BEVESTIGD, "bijeenkomst", None) for use in uses
        ]
        assert booked[0].bezet.upper == uses[0][2] + timedelta(minutes=30)

    def test_a_clash_with_a_rental_is_the_rentals_conflict_and_books_nothing(self, ruimte):
        start = _next_monday_at(19)
        verhuur = aanvraag(ruimte, start, start + timedelta(hours=2), huurder_naam="Toneelvereniging")
        services.reservering_bevestig(reservering=verhuur)
        vrij = ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD, soort="bijeenkomst",
                                  start=start - timedelta(days=1), eind=start - timedelta(days=1, hours=-1))
        with pytest.raises(services.ReserveringConflict) as error:
            services.bezetting_boek(
                gebruiken=[(ruimte, start + timedelta(hours=1), start + timedelta(hours=3))],
                huurder_naam="Stichting", vrijgeven=[vrij.pk],
            )
        assert error.value.conflicten == [verhuur]
        assert "(a rental)" in error.value.messages[0] and "Toneelvereniging" not in error.value.messages[0]
        # All or nothing: the reservation to be freed is still there.
        assert Reservering.objects.filter(pk=vrij.pk).exists()

    def test_conflicts_are_found_for_many_uses_and_the_message_counts_past_five(self, ruimte):
        start = _next_monday_at(10)
        rentals = [
            ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD,
                               start=start + timedelta(weeks=n), eind=start + timedelta(weeks=n, hours=1))
            for n in range(7)
        ]
        uses = [(ruimte, r.periode.lower, r.periode.upper) for r in rentals]
        conflicten = services.bezetting_conflicts(gebruiken=uses, exclude_ids=[rentals[-1].pk])
        assert conflicten == rentals[:-1]
        message = services.ReserveringConflict.naming(conflicten).messages[0]
        assert "and 1 more times" in message

    def test_moving_keeps_the_row_and_refuses_a_clash(self, ruimte):
        start = _next_monday_at(10)
        [eigen] = services.bezetting_boek(gebruiken=[(ruimte, start, start + timedelta(hours=1))], huurder_naam="S")
        later = start + timedelta(hours=4)
        moved = services.bezetting_verplaats(reservering=eigen, ruimte=ruimte, start=later,
                                             eind=later + timedelta(hours=1), huurder_naam="S")
        assert moved.pk == eigen.pk and moved.periode.lower == later
        verhuur = ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD,
                                     start=start, eind=start + timedelta(hours=1))
        with pytest.raises(services.ReserveringConflict) as error:
            services.bezetting_verplaats(reservering=moved, ruimte=ruimte, start=start,
                                         eind=start + timedelta(hours=1), huurder_naam="S")
        assert error.value.conflicten == [verhuur]

    def test_a_rental_is_not_moved_as_an_occupancy(self, ruimte):
        start = _next_monday_at(19)
        verhuur = aanvraag(ruimte, start, start + timedelta(hours=2))
        with pytest.raises(ValueError):
            services.bezetting_verplaats(reservering=verhuur, ruimte=ruimte, start=start,
                                         eind=start + timedelta(hours=1), huurder_naam="S")


# --- rooms and their tariffs ----------------------------------------------------------


def test_ruimte_update_changes_what_is_given_and_validates():
    room = RuimteFactory(naam="Zaal", capaciteit=40)
    RuimteFactory(locatie=room.locatie, naam="Keuken")
    changed = services.ruimte_update(ruimte=room, capaciteit=25, verhuurbaar=False)
    assert (changed.capaciteit, changed.verhuurbaar, changed.naam) == (25, False, "Zaal")
    with pytest.raises(ValidationError):
        services.ruimte_update(ruimte=room, naam="Keuken")
    room.refresh_from_db()
    assert room.naam == "Zaal"


def test_tarieven_set_sets_replaces_and_removes_per_category():
    room = RuimteFactory()
    TariefFactory(ruimte=room, categorie="commercieel", prijs_per_uur=Decimal("40"))
    TariefFactory(ruimte=room, categorie="maatschappelijk", prijs_per_uur=Decimal("15"))
    services.tarieven_set(ruimte=room, tarieven={
        "bewonersinitiatief": (Decimal("0"), Decimal("0")),
        "maatschappelijk": (Decimal("12.50"), Decimal("25")),
        "commercieel": None,
    })
    assert {t.categorie: (t.prijs_per_uur, t.minimum_bedrag) for t in room.tarieven.all()} == {
        "bewonersinitiatief": (Decimal("0"), Decimal("0")),
        "maatschappelijk": (Decimal("12.50"), Decimal("25")),
    }
