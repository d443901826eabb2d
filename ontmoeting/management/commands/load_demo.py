"""Load the demo: the real Maastricht data from demo/data/ and the labelled demo set.

    python manage.py load_demo

Idempotent: every row is found by its natural key (codes, postcodes, slugs, names,
e-mail addresses) before it is created, so a second run neither duplicates nor fails;
it only adds host shifts for open inloop occurrences that came within the coming weeks.
The demo set itself (places, programme, volunteers, wishes, accounts) lives in
demo/demoset.py, its past since 1 January of last year (held dates, attendance,
registrations, shifts, rentals, answered wishes) in demo/verleden.py; what is real and what is invented is told in demo/data/README.md.
"""

import importlib.util
from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

from dateutil.rrule import rrulestr
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Bijeenkomst, Wens
from activiteiten.services import activiteit_create, wens_create, wens_goedkeur
from core.timezones import AMSTERDAM
from locaties.constants import Rol, TariefCategorie
from locaties.models import (
    Bevolkingspunt,
    Buurt,
    Gemeente,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    Openingstijd,
    Organisatie,
    Ruimte,
)
from locaties.services import (
    gemeentemedewerker_create,
    lidmaatschap_create,
    locatie_create,
    locatie_update,
    openingstijd_create,
    organisatie_create,
    ruimte_create,
    tarief_set,
)
from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.dekking.demo import demo_scenario_ensure
from vrijwilligers.constants import Taak
from vrijwilligers.models import Dienst, Vacature, Vrijwilliger
from vrijwilligers.services import dienst_create, inzet_create, vacature_create, vacature_publiceer, vrijwilliger_create

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DATA = DEMO_DIR / "data"
GEMEENTE = "GM0935"

BESTUUR_EMAIL, BESTUUR_PASSWORD = "bestuur@demo.invalid", "demo-bestuur"
GEMEENTE_EMAIL, GEMEENTE_PASSWORD = "gemeente@demo.invalid", "demo-gemeente"

def load_demo_module(name: str = "demoset"):
    """demo/<name>.py by path: demo/ is data shipped with the repository, not a package."""
    spec = importlib.util.spec_from_file_location(f"ontmoeting_demo_{name}", DEMO_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_demoset():
    """demo/demoset.py: places, programme, volunteers, wishes."""
    return load_demo_module("demoset")


class Command(BaseCommand):
    help = (
        "Load the demo: real Maastricht areas, key figures and postcode points from demo/data/, "
        "plus a labelled demo set of meeting places, programme, volunteers and two demo accounts. "
        "Idempotent."
    )

    def handle(self, *args, **options):
        started = timezone.now()
        quiet = options["verbosity"] < 2
        with transaction.atomic():
            self.import_real_data(quiet)
            self.set = load_demoset()
            self.today = timezone.localdate()
            organisaties = self.organisaties()
            locaties = self.locaties(organisaties)
            activiteiten = self.activiteiten(locaties, organisaties)
            vrijwilligers = self.vrijwilligers(organisaties)
            shifts = self.shifts(activiteiten, vrijwilligers)
            self.vacatures(organisaties, locaties)
            self.wensen()
            # The past last: it follows the programme's rules and needs its volunteers.
            verleden = load_demo_module("verleden").verleden_load(
                activiteiten=activiteiten, vrijwilligers=vrijwilligers, locaties=locaties,
            )
            self.accounts(organisaties)
        self.stdout.write(
            _(
                "Demo loaded in %(seconds).1f s: %(buurten)s buurten, %(punten)s postcode points, "
                "%(locaties)s places, %(activiteiten)s activities with %(bijeenkomsten)s occurrences, "
                "%(vrijwilligers)s volunteers, %(shifts)s new shifts."
            )
            % {
                "seconds": (timezone.now() - started).total_seconds(),
                "buurten": Buurt.objects.filter(gemeente__code=GEMEENTE).count(),
                "punten": Bevolkingspunt.objects.count(),
                "locaties": len(locaties),
                "activiteiten": len(activiteiten),
                "bijeenkomsten": Bijeenkomst.objects.filter(activiteit__in=activiteiten.values()).count(),
                "vrijwilligers": len(vrijwilligers),
                "shifts": shifts,
            }
        )
        self.stdout.write(
            _(
                "The past added: %(bijeenkomsten)s occurrences, %(aanmeldingen)s registrations, "
                "%(diensten)s shifts, %(verhuringen)s rentals, %(wensen)s wishes."
            )
            % verleden
        )
        # Coverage: compute it once and keep the what-if residents asked for.
        dekking_compute(gemeente=Gemeente.objects.get(code=GEMEENTE))
        demo_scenario_ensure(
            gemeente=Gemeente.objects.get(code=GEMEENTE), buurt_codes=[code for code, *_rest in self.set.WENSEN],
        )

    # --- real data ------------------------------------------------------------------

    def import_real_data(self, quiet: bool):
        # The import commands' progress lines are for people running them by hand.
        out = {"stdout": StringIO()} if quiet else {}
        call_command(
            "import_gebieden", gemeenten=str(DATA / "gemeenten_2025.csv"),
            wijken=str(DATA / "wijken_2025.csv"), **out,
        )
        call_command("import_buurtgrenzen", str(DATA / "buurten_2023.geojson"), **out)
        call_command("import_kerncijfers", str(DATA / "kerncijfers_buurten_2025.csv"), **out)
        # The 2025 key figures lack residents aged 65+; the 2021 postcode counts have them.
        call_command("import_bevolkingspunten", str(DATA / "postcodes_pc6_2021.csv"), buurt_65plus=True, **out)

    # --- the demo set ---------------------------------------------------------------

    def organisaties(self) -> dict[str, Organisatie]:
        gemeente = Gemeente.objects.get(code=GEMEENTE)
        result = {}
        for slug, naam, soort in self.set.ORGANISATIES:
            # The demo's own key names the organisation inside demoset.py; in the
            # database an organisation is found by its name.
            organisatie = Organisatie.objects.filter(naam=naam).order_by("pk").first()
            if organisatie is None:
                organisatie = organisatie_create(
                    naam=naam, soort=soort, gemeente=gemeente, email=f"{slug}@demo.invalid",
                )
            result[slug] = organisatie
        return result

    def locaties(self, organisaties) -> dict[str, Locatie]:
        result = {}
        for spec in self.set.LOCATIES:
            punt = Bevolkingspunt.objects.select_related("buurt").get(soort="pc6", sleutel=spec["pc6"])
            if punt.buurt is None or punt.buurt.code != spec["buurt"]:
                raise CommandError(
                    f"demo/demoset.py: postcode point {spec['pc6']} is not in buurt {spec['buurt']}"
                )
            beschrijving = (
                f"{self.set.DEMO_LABEL}{spec['beschrijving']} "
                + self.set.PLACEMENT.format(pc6=spec["pc6"], buurt=punt.buurt.naam)
            )
            fields = dict(
                naam=spec["naam"], soort=spec["soort"], straat="",
                postcode=spec["pc6"], plaats=self.set.PLAATS, lat=punt.lat, lon=punt.lon,
                beschrijving=beschrijving, email=f"{spec['slug']}@demo.invalid",
                toegankelijkheid=spec["toegankelijkheid"], faciliteiten=spec["faciliteiten"],
                noodsteunpunt=spec.get("noodsteunpunt", False), gepubliceerd=True,
            )
            locatie = Locatie.objects.filter(slug=spec["slug"]).first()
            if locatie is None:
                locatie = locatie_create(beheerder=organisaties[spec["beheerder"]], slug=spec["slug"], **fields)
            else:
                locatie = locatie_update(locatie=locatie, beheerder=organisaties[spec["beheerder"]], **fields)
            if locatie.buurt_id != punt.buurt_id:
                raise CommandError(f"demo: {spec['naam']} did not land in buurt {spec['buurt']}")
            self.rooms(locatie, spec["ruimten"])
            self.hours(locatie, spec["uren"])
            result[spec["slug"]] = locatie
        return result

    def rooms(self, locatie, ruimten):
        for naam, capaciteit, oppervlakte, wisseltijd, verhuurbaar, tarieven in ruimten:
            ruimte = Ruimte.objects.filter(locatie=locatie, naam=naam).first() or ruimte_create(
                locatie=locatie, naam=naam, capaciteit=capaciteit, oppervlakte_m2=oppervlakte,
                wisseltijd_minuten=wisseltijd, verhuurbaar=verhuurbaar,
            )
            if not tarieven:
                continue
            prices = dict(zip(
                [TariefCategorie.BEWONERSINITIATIEF, TariefCategorie.MAATSCHAPPELIJK, TariefCategorie.COMMERCIEEL],
                self.set.STANDARD_TARIEVEN[tarieven], strict=True,
            ))
            for categorie, (per_uur, minimum) in prices.items():
                tarief_set(
                    ruimte=ruimte, categorie=categorie, prijs_per_uur=Decimal(per_uur),
                    minimum_bedrag=Decimal(minimum),
                )

    def hours(self, locatie, uren):
        for weekdag, van, tot in uren:
            if not Openingstijd.objects.filter(locatie=locatie, weekdag=weekdag, van=van, tot=tot).exists():
                openingstijd_create(locatie=locatie, weekdag=weekdag, van=van, tot=tot)

    def first_start(self, rrule: str, tijd) -> datetime:
        """The first occurrence from today: a start that follows its own rule."""
        base = datetime.combine(self.today, tijd)
        return rrulestr(rrule, dtstart=base).after(base, inc=True).replace(tzinfo=AMSTERDAM)

    def activiteiten(self, locaties, organisaties) -> dict[tuple[int, str], Activiteit]:
        result = {}
        for spec in self.set.ACTIVITEITEN:
            locatie = locaties[spec["locatie"]]
            activiteit = Activiteit.objects.filter(locatie=locatie, titel=spec["titel"]).first()
            if activiteit is None:
                organisator = organisaties[spec.get("organisator") or self.beheerder_slug(spec["locatie"])]
                activiteit = activiteit_create(
                    locatie=locatie, organisator=organisator, titel=spec["titel"], soort=spec["soort"],
                    start=self.first_start(spec["rrule"], spec["tijd"]),
                    duur=timedelta(minutes=spec["minuten"]), rrule=spec["rrule"],
                    beschrijving=f"{self.set.DEMO_LABEL}{spec['beschrijving']}",
                    categorieen=spec["categorieen"], doelgroepen=spec["doelgroepen"],
                    ruimte=Ruimte.objects.get(locatie=locatie, naam=spec["ruimte"]),
                    kosten=Decimal(spec.get("kosten", "0")),
                    kosten_toelichting=spec.get("kosten_toelichting", ""),
                    aanmelding=spec.get("aanmelding", "geen"), capaciteit=spec.get("capaciteit"),
                    talen=spec.get("talen", ["nl"]),
                    skip_feestdagen=True, skip_schoolvakantie=spec.get("skip_schoolvakantie", ""),
                    contact_email=f"{spec['locatie']}@demo.invalid",
                    status=ActiviteitStatus.GEPUBLICEERD, laatst_bevestigd=self.today,
                )
            result[(locatie.pk, spec["titel"])] = activiteit
        return result

    def beheerder_slug(self, locatie_slug: str) -> str:
        return next(spec["beheerder"] for spec in self.set.LOCATIES if spec["slug"] == locatie_slug)

    def vrijwilligers(self, organisaties) -> dict[str, Vrijwilliger]:
        result = {}
        buurten = dict(Buurt.objects.values_list("code", "id"))
        for number, (naam, email, orgs, buurt, talenten, beschikbaarheid) in enumerate(self.set.VRIJWILLIGERS):
            vrijwilliger = Vrijwilliger.objects.filter(email=email).first()
            if vrijwilliger is None:
                vrijwilliger = vrijwilliger_create(
                    naam=naam, email=email, toestemming_op=self.today - timedelta(days=30 + 17 * number),
                    organisaties=[organisaties[slug] for slug in orgs],
                    buurt=Buurt.objects.get(pk=buurten[buurt]), talenten=talenten,
                    beschikbaarheid=beschikbaarheid,
                )
            result[email] = vrijwilliger
        return result

    def shifts(self, activiteiten, vrijwilligers) -> int:
        """A host (gastvrouw/gastheer) for each open inloop in the coming weeks, filled in
        turn by the volunteers of the organisation that runs the place."""
        until = timezone.now() + timedelta(weeks=self.set.GASTVROUW_WEKEN)
        created = 0
        for activiteit in activiteiten.values():
            if activiteit.soort != "open_inloop":
                continue
            team = [
                v for v in vrijwilligers.values()
                if v.organisaties.filter(pk=activiteit.locatie.beheerder_id).exists()
            ]
            bijeenkomsten = activiteit.bijeenkomsten.filter(
                start__gte=timezone.now(), start__lt=until, geannuleerd=False
            ).order_by("start")
            for turn, bijeenkomst in enumerate(bijeenkomsten):
                if Dienst.objects.filter(bijeenkomst=bijeenkomst, taak=Taak.GASTVROUW).exists():
                    continue
                dienst = dienst_create(
                    locatie=activiteit.locatie, taak=Taak.GASTVROUW, bijeenkomst=bijeenkomst,
                    # Hosts come a quarter of an hour early to put the coffee on.
                    start=bijeenkomst.start - timedelta(minutes=15), eind=bijeenkomst.eind,
                    benodigd=1, omschrijving=f"{self.set.DEMO_LABEL}gastvrouw/gastheer bij {activiteit.titel}",
                )
                created += 1
                # Every third shift stays open, so the roster shows where help is needed.
                if team and turn % 3 != 2:
                    inzet_create(dienst=dienst, vrijwilliger=team[turn % len(team)])
        return created

    def vacatures(self, organisaties, locaties):
        for org, locatie, titel, beschrijving, taak, uren in self.set.VACATURES:
            if not Vacature.objects.filter(organisatie=organisaties[org], titel=titel).exists():
                vacature = vacature_create(
                    organisatie=organisaties[org], locatie=locaties[locatie], titel=titel,
                    beschrijving=f"{self.set.DEMO_LABEL}{beschrijving}", taak=taak,
                    uren_per_week=Decimal(uren),
                )
                vacature_publiceer(vacature=vacature)

    def wensen(self):
        for code, tekst, doelgroep, steun in self.set.WENSEN:
            buurt = Buurt.objects.get(code=code)
            if Wens.objects.filter(buurt=buurt, tekst=tekst).exists():
                continue
            wens = wens_goedkeur(wens=wens_create(buurt=buurt, tekst=tekst, doelgroep=doelgroep))
            # The demo's support counts stand for residents who are not in the demo.
            Wens.objects.filter(pk=wens.pk).update(steun=steun)

    def accounts(self, organisaties):
        User = get_user_model()
        bestuur = self.user(User, BESTUUR_EMAIL, BESTUUR_PASSWORD, "Demo", "Bestuurslid")
        organisatie = organisaties[self.set.BESTUUR_ORGANISATIE]
        if not Lidmaatschap.objects.filter(user=bestuur, organisatie=organisatie).exists():
            lidmaatschap_create(user=bestuur, organisatie=organisatie, rol=Rol.BESTUUR)

        ambtenaar = self.user(User, GEMEENTE_EMAIL, GEMEENTE_PASSWORD, "Demo", "Gemeente Maastricht")
        gemeente = Gemeente.objects.get(code=GEMEENTE)
        if not Gemeentemedewerker.objects.filter(user=ambtenaar, gemeente=gemeente).exists():
            gemeentemedewerker_create(user=ambtenaar, gemeente=gemeente)

    @staticmethod
    def user(User, email, password, first_name, last_name):
        user, _created = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name},
        )
        # Always the documented password, also when someone changed it while trying things.
        # Board members and officials are ordinary users: is_staff only opens the admin,
        # which is for platform staff (docs/rollen.md); their roles come from their
        # membership and their gemeente. Earlier demos made them staff with admin
        # permissions: taken away again.
        user.is_staff, user.is_superuser, user.is_active = False, False, True
        user.set_password(password)
        user.save()
        user.user_permissions.clear()
        return user
