"""The demo set on top of the real Maastricht data: invented, and labelled as such.

Meeting places named in Maastricht's 2025 consultation report on social meeting places,
plus a few invented ones so that every wijk has one. Exact addresses are not in the
data: each place stands at a real 6-position postcode point inside its buurt, chosen
from demo/data/postcodes_pc6_2021.csv as the inhabited point nearest the middle of the
buurt polygon. Organisations, rooms, tariffs, hours, programme, volunteers and wishes
are invented for demonstration; their past is in demo/verleden.py. Read by
``python manage.py load_demo``.
"""

from datetime import time

DEMO_LABEL = "Demo: "
PLAATS = "Maastricht"

# Shared descriptions of where a place stands, so every place says the same thing.
PLACEMENT = (
    "De plek staat op de kaart bij het midden van postcode {pc6} in de buurt {buurt}: "
    "het echte adres staat niet in de demodata."
)

ORGANISATIES = [
    # slug, naam, soort
    ("demo-stichting-aw-sjaol", "Stichting Gemeenschapshuis Aw Sjaol", "stichting"),
    ("demo-stichting-haarderhof", "Stichting Haarderhof", "stichting"),
    ("demo-stichting-buurtcentrum-nazareth", "Stichting Buurtcentrum Nazareth", "stichting"),
    ("demo-stichting-amyerhoof", "Stichting Amyerhoof", "stichting"),
    ("demo-welzijn-maas-en-heuvelland", "Welzijn Maas en Heuvelland (demo)", "welzijnsorganisatie"),
    ("demo-bewoners-huiskamer-daalhof", "Bewonersinitiatief Huiskamer Daalhof", "bewonersinitiatief"),
    ("demo-bewonersgroep-ballettsa", "Bewonersgroep La Ballettsa", "bewonersinitiatief"),
    ("demo-repair-cafe-maastricht", "Repair Café Maastricht (demo)", "vereniging"),
]

# The board member's organisation: a stichting that runs one place, as most boards do.
BESTUUR_ORGANISATIE = "demo-stichting-buurtcentrum-nazareth"

STANDARD_TARIEVEN = {  # per hour and minimum, in euros: (bewonersinitiatief, maatschappelijk, commercieel)
    "groot": (("7.50", "15.00"), ("17.50", "35.00"), ("45.00", "90.00")),
    "klein": (("0.00", "0.00"), ("10.00", "20.00"), ("27.50", "55.00")),
}

WEEKDAYS = range(0, 5)

# Each place: where (buurt code + postcode point), what, rooms and opening hours.
LOCATIES = [
    dict(
        slug="demo-gemeenschapshuis-aw-sjaol", naam="Gemeenschapshuis Aw Sjaol", soort="gemeenschapshuis",
        buurt="BU09350502", pc6="6223GT", beheerder="demo-stichting-aw-sjaol",
        beschrijving="Het gemeenschapshuis van Itteren, in de oude school: koffie, kienen en de verenigingen van het dorp.",
        toegankelijkheid=["drempelvrij", "invalidentoilet"], faciliteiten=["keuken", "bar", "tuin"],
        noodsteunpunt=True,
        ruimten=[("Grote zaal", 90, 120, 30, True, "groot"), ("Ontmoetingsruimte", 25, 45, 15, True, "klein")],
        uren=[(d, time(9), time(17)) for d in WEEKDAYS] + [(4, time(19), time(23)), (0, time(19), time(22))],
    ),
    dict(
        slug="demo-haarderhof", naam="Haarderhof", soort="gemeenschapshuis",
        buurt="BU09350501", pc6="6223AX", beheerder="demo-stichting-haarderhof",
        beschrijving="Ontmoetingsplek van Borgharen: samen eten, biljarten en de koffie staat klaar.",
        toegankelijkheid=["drempelvrij", "invalidentoilet", "invalidenparkeren"], faciliteiten=["keuken", "bar"],
        ruimten=[("Grote zaal", 70, 100, 30, True, "groot"), ("Biljartzaal", 12, 40, 0, False, None)],
        uren=[(d, time(10), time(17)) for d in WEEKDAYS] + [(3, time(17), time(21))],
    ),
    dict(
        slug="demo-buurtcentrum-nazareth", naam="Buurtcentrum Nazareth", soort="buurthuis",
        buurt="BU09350403", pc6="6222SG", beheerder="demo-stichting-buurtcentrum-nazareth",
        beschrijving="Buurtcentrum voor Nazareth en Limmel: inloop, taalcafé en een eigen ruimte voor jongeren.",
        toegankelijkheid=["drempelvrij", "invalidentoilet", "ringleiding"],
        faciliteiten=["keuken", "wifi", "jongerenruimte", "computers"],
        ruimten=[
            ("Zaal", 60, 90, 30, True, "groot"), ("Huiskamer", 20, 35, 15, False, None),
            ("Jongerenruimte", 25, 50, 15, True, "klein"),
        ],
        # Tuesday and Thursday evenings: for choirs and clubs that meet after work.
        uren=[(d, time(9), time(17)) for d in WEEKDAYS] + [(4, time(18, 30), time(22))]
        + [(1, time(19), time(22)), (3, time(19), time(22))],
    ),
    dict(
        slug="demo-amyerhoof", naam="Amyerhoof", soort="gemeenschapshuis",
        buurt="BU09350406", pc6="6225GS", beheerder="demo-stichting-amyerhoof",
        beschrijving="Het gemeenschapshuis van Amby: bewegen, repareren en elkaar ontmoeten.",
        toegankelijkheid=["drempelvrij", "invalidentoilet", "invalidenparkeren"],
        faciliteiten=["keuken", "bar", "beamer"],
        ruimten=[("Zaal", 100, 150, 30, True, "groot"), ("Vergaderzaal", 16, 30, 15, True, "klein")],
        uren=[(d, time(9), time(17)) for d in WEEKDAYS] + [(5, time(9, 30), time(14)), (1, time(19), time(22))],
    ),
    dict(
        slug="demo-la-ballettsa", naam="La Ballettsa", soort="buurthuis",
        buurt="BU09350401", pc6="6221VC", beheerder="demo-bewonersgroep-ballettsa",
        beschrijving="Buurthuis in Heugemerveld, gerund door bewoners: inloop, een moeder-babygroep en samen eten.",
        toegankelijkheid=["drempelvrij"], faciliteiten=["keuken", "tuin"],
        ruimten=[("Zaal", 45, 70, 15, True, "klein")],
        uren=[(d, time(9), time(16)) for d in (1, 2, 3)],
    ),
    dict(
        slug="demo-t-atrium", naam="'t Atrium", soort="wijkcentrum",
        buurt="BU09350209", pc6="6215VE", beheerder="demo-welzijn-maas-en-heuvelland",
        beschrijving="Wijkcentrum van Daalhof met spreekuren, computerles en het Alzheimer Café.",
        toegankelijkheid=["drempelvrij", "invalidentoilet", "ringleiding", "dementievriendelijk"],
        faciliteiten=["keuken", "wifi", "computers", "beamer"],
        ruimten=[
            ("Atriumzaal", 80, 130, 30, True, "groot"), ("Computerlokaal", 12, 35, 15, True, "klein"),
        ],
        uren=[(d, time(8, 30), time(17)) for d in WEEKDAYS] + [(1, time(18, 30), time(22))],
    ),
    dict(
        slug="demo-huiskamer-daalhof", naam="Huiskamer Daalhof", soort="huiskamer",
        buurt="BU09350209", pc6="6215TB", beheerder="demo-bewoners-huiskamer-daalhof",
        beschrijving="Een huiskamer van de wijk: binnenlopen voor koffie, een praatje en samen eten.",
        toegankelijkheid=["drempelvrij", "dementievriendelijk"], faciliteiten=["keuken"],
        ruimten=[("Huiskamer", 18, 40, 15, False, None)],
        uren=[(d, time(10), time(14)) for d in (0, 1, 3, 4)],
    ),
    dict(
        slug="demo-ontmoetingsplek-boschstraatkwartier", naam="Ontmoetingsplek Boschstraatkwartier",
        soort="buurthuis", buurt="BU09350004", pc6="6211JW", beheerder="demo-welzijn-maas-en-heuvelland",
        beschrijving="Verzonnen plek voor de demo, zodat de wijk Centrum er een heeft.",
        toegankelijkheid=["invalidentoilet"], faciliteiten=["keuken", "wifi"],
        ruimten=[("Zaal", 40, 60, 15, True, "klein")],
        uren=[(d, time(10), time(16)) for d in (2, 3, 5)],
    ),
    dict(
        slug="demo-buurthuis-campagne", naam="Buurthuis Campagne", soort="buurthuis",
        buurt="BU09350103", pc6="6213GG", beheerder="demo-welzijn-maas-en-heuvelland",
        beschrijving="Verzonnen plek voor de demo, zodat de wijk Buitenwijk Zuidwest er een heeft.",
        toegankelijkheid=["drempelvrij", "invalidentoilet"], faciliteiten=["keuken", "bar"],
        ruimten=[("Zaal", 60, 85, 30, True, "groot")],
        uren=[(d, time(9), time(17)) for d in (0, 1, 3)],
    ),
    dict(
        slug="demo-wijkcentrum-mariaberg", naam="Wijkcentrum Mariaberg", soort="wijkcentrum",
        buurt="BU09350201", pc6="6214TT", beheerder="demo-welzijn-maas-en-heuvelland",
        beschrijving="Verzonnen plek voor de demo: wijkcentrum met taalcafé en jongerenavond.",
        toegankelijkheid=["drempelvrij", "invalidentoilet", "ringleiding"],
        faciliteiten=["keuken", "wifi", "jongerenruimte", "muziekruimte"],
        ruimten=[
            ("Grote zaal", 120, 180, 30, True, "groot"), ("Lokaal 1", 20, 40, 15, True, "klein"),
            ("Jongerenruimte", 30, 60, 15, False, None),
        ],
        uren=[(d, time(9), time(17)) for d in WEEKDAYS] + [(2, time(18, 30), time(22))],
    ),
    dict(
        slug="demo-buurthuis-frontenkwartier", naam="Buurthuis Frontenkwartier", soort="buurthuis",
        buurt="BU09350302", pc6="6217KD", beheerder="demo-welzijn-maas-en-heuvelland",
        beschrijving="Verzonnen plek voor de demo, zodat de wijk Buitenwijk Noordwest er een heeft.",
        toegankelijkheid=["drempelvrij"], faciliteiten=["keuken", "wifi"],
        ruimten=[("Zaal", 35, 55, 15, True, "klein")],
        uren=[(d, time(9, 30), time(15)) for d in (0, 2, 4)],
    ),
    dict(
        slug="demo-buurtcentrum-de-heeg", naam="Buurtcentrum De Heeg", soort="buurthuis",
        buurt="BU09350603", pc6="6228JP", beheerder="demo-welzijn-maas-en-heuvelland",
        beschrijving="Verzonnen plek voor de demo, zodat de wijk Buitenwijk Zuidoost er een heeft.",
        toegankelijkheid=["drempelvrij", "invalidentoilet"], faciliteiten=["keuken", "bar"],
        ruimten=[("Zaal", 70, 100, 30, True, "groot"), ("Biljartzaal", 10, 35, 0, False, None)],
        uren=[(d, time(9), time(17)) for d in WEEKDAYS],
    ),
]

# The programme. rrule is RFC 5545; the first start is the first occurrence from today.
# Keys: place slug, title, soort, categories, audiences, rule, start time, minutes, room,
# organiser slug (default: the place's), cost, cost note, registration, capacity, description.
ACTIVITEITEN = [
    dict(locatie="demo-gemeenschapshuis-aw-sjaol", titel="Koffie-inloop in Aw Sjaol", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["iedereen", "ouderen"], rrule="FREQ=WEEKLY;BYDAY=WE",
         tijd=time(10), minuten=120, ruimte="Ontmoetingsruimte",
         beschrijving="Binnenlopen voor koffie en een praatje. Een gastvrouw of gastheer is er altijd."),
    dict(locatie="demo-gemeenschapshuis-aw-sjaol", titel="Kienen in Aw Sjaol", soort="activiteit",
         categorieen=["spel"], doelgroepen=["ouderen", "iedereen"], rrule="FREQ=MONTHLY;BYDAY=-1FR",
         tijd=time(19, 30), minuten=150, ruimte="Grote zaal", kosten="5.00",
         kosten_toelichting="Kienkaarten: 3 rondes voor € 5", beschrijving="Elke laatste vrijdag van de maand kienen, met mooie prijzen."),
    dict(locatie="demo-haarderhof", titel="Samen eten in de Haarderhof", soort="maaltijd",
         categorieen=["eten_drinken"], doelgroepen=["ouderen", "iedereen"], rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
         tijd=time(17, 30), minuten=120, ruimte="Grote zaal", kosten="7.50", kosten_toelichting="Drie gangen, drankje apart",
         aanmelding="verplicht", capaciteit=40, beschrijving="Om de twee weken een warme maaltijd aan lange tafels. Meld u uiterlijk dinsdag aan."),
    dict(locatie="demo-haarderhof", titel="Biljarten in de Haarderhof", soort="activiteit",
         categorieen=["spel"], doelgroepen=["ouderen", "mannen"], rrule="FREQ=WEEKLY;BYDAY=MO",
         tijd=time(13, 30), minuten=180, ruimte="Biljartzaal", kosten="1.00", kosten_toelichting="Per middag",
         beschrijving="Elke maandagmiddag biljarten. Nieuwe spelers krijgen uitleg."),
    dict(locatie="demo-buurtcentrum-nazareth", titel="Open inloop met gastvrouw", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["iedereen"], rrule="FREQ=WEEKLY;BYDAY=MO,WE",
         tijd=time(10), minuten=120, ruimte="Huiskamer",
         beschrijving="Koffie, thee en een luisterend oor. De gastvrouw weet de weg in de wijk."),
    dict(locatie="demo-buurtcentrum-nazareth", titel="Taalcafé Nazareth", soort="activiteit",
         categorieen=["taal"], doelgroepen=["anderstaligen"], rrule="FREQ=WEEKLY;BYDAY=TU",
         tijd=time(14), minuten=90, ruimte="Zaal", aanmelding="gewenst", capaciteit=20,
         talen=["nl", "ar", "ti", "en"],
         beschrijving="Nederlands oefenen in een gesprek, op uw eigen niveau, met vrijwilligers."),
    dict(locatie="demo-buurtcentrum-nazareth", titel="Jongerenavond", soort="activiteit",
         categorieen=["spel", "muziek_cultuur"], doelgroepen=["jongeren"], rrule="FREQ=WEEKLY;BYDAY=FR",
         tijd=time(19), minuten=150, ruimte="Jongerenruimte",
         beschrijving="Chillen, gamen, muziek maken. Voor jongeren van 12 tot 18, met een jongerenwerker."),
    dict(locatie="demo-amyerhoof", titel="Valpreventie: In Balans", soort="cursus",
         categorieen=["bewegen", "zorg_welzijn"], doelgroepen=["ouderen"], rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=12",
         tijd=time(10), minuten=60, ruimte="Zaal", kosten="2.00", kosten_toelichting="Per les",
         aanmelding="verplicht", capaciteit=15, organisator="demo-welzijn-maas-en-heuvelland",
         beschrijving="Twaalf lessen oefenen om minder snel te vallen, met een fysiotherapeut."),
    dict(locatie="demo-amyerhoof", titel="Repair Café Amby", soort="activiteit",
         categorieen=["klussen"], doelgroepen=["iedereen"], rrule="FREQ=MONTHLY;BYDAY=1SA",
         tijd=time(10), minuten=180, ruimte="Vergaderzaal", organisator="demo-repair-cafe-maastricht",
         kosten_toelichting="Gratis, een vrijwillige bijdrage mag",
         beschrijving="Kapotte lamp, broek of broodrooster? Samen repareren we het. Elke eerste zaterdag."),
    dict(locatie="demo-la-ballettsa", titel="Inloop in La Ballettsa", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["iedereen"], rrule="FREQ=WEEKLY;BYDAY=TU,TH",
         tijd=time(13, 30), minuten=150, ruimte="Zaal",
         beschrijving="Buren ontmoeten buren. Koffie staat klaar, de gastvrouw ook."),
    dict(locatie="demo-la-ballettsa", titel="Moeder-babygroep", soort="activiteit",
         categorieen=["zorg_welzijn"], doelgroepen=["jonge_gezinnen", "vrouwen"], rrule="FREQ=WEEKLY;BYDAY=WE",
         tijd=time(9, 30), minuten=90, ruimte="Zaal", skip_schoolvakantie="zuid",
         beschrijving="Moeders met een baby tot 1 jaar delen ervaringen; soms schuift de jeugdverpleegkundige aan."),
    dict(locatie="demo-la-ballettsa", titel="Samen eten in Heugemerveld", soort="maaltijd",
         categorieen=["eten_drinken"], doelgroepen=["iedereen"], rrule="FREQ=MONTHLY;BYDAY=3WE",
         tijd=time(12), minuten=90, ruimte="Zaal", kosten="4.00", aanmelding="verplicht", capaciteit=30,
         beschrijving="Elke derde woensdag koken buurtbewoners een lunch voor de buurt."),
    dict(locatie="demo-t-atrium", titel="Alzheimer Café Maastricht-West", soort="activiteit",
         categorieen=["informatie", "zorg_welzijn"], doelgroepen=["dementie"], rrule="FREQ=MONTHLY;BYDAY=2TU",
         tijd=time(19), minuten=120, ruimte="Atriumzaal",
         beschrijving="Elke tweede dinsdag: een gesprek over leven met dementie, voor mensen met dementie, mantelzorgers en naasten."),
    dict(locatie="demo-t-atrium", titel="Computerles voor 55-plussers", soort="cursus",
         categorieen=["digitaal"], doelgroepen=["ouderen"], rrule="FREQ=WEEKLY;BYDAY=TH",
         tijd=time(10), minuten=90, ruimte="Computerlokaal", kosten="3.00", aanmelding="verplicht", capaciteit=10,
         beschrijving="Mailen, DigiD, videobellen met de kleinkinderen: in kleine groepen, in uw eigen tempo."),
    dict(locatie="demo-t-atrium", titel="Open inloop 't Atrium", soort="open_inloop",
         categorieen=["eten_drinken", "informatie"], doelgroepen=["iedereen"], rrule="FREQ=WEEKLY;BYDAY=MO,FR",
         tijd=time(10), minuten=120, ruimte="Atriumzaal",
         beschrijving="Koffie en een praatje; de gastvrouw helpt u ook met vragen over formulieren."),
    dict(locatie="demo-huiskamer-daalhof", titel="Huiskamer open", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["ouderen", "iedereen"], rrule="FREQ=WEEKLY;BYDAY=MO,TU,TH",
         tijd=time(10), minuten=120, ruimte="Huiskamer",
         beschrijving="Gewoon binnenlopen in de huiskamer van de wijk. Er is altijd iemand."),
    dict(locatie="demo-huiskamer-daalhof", titel="Samen eten in de huiskamer", soort="maaltijd",
         categorieen=["eten_drinken"], doelgroepen=["ouderen"], rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
         tijd=time(12), minuten=90, ruimte="Huiskamer", kosten="5.00", aanmelding="verplicht", capaciteit=12,
         beschrijving="Om de week op vrijdag een warme lunch met z'n twaalven."),
    dict(locatie="demo-ontmoetingsplek-boschstraatkwartier", titel="Inloop Boschstraatkwartier", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["iedereen"], rrule="FREQ=WEEKLY;BYDAY=TH",
         tijd=time(14), minuten=120, ruimte="Zaal", beschrijving="Koffie en ontmoeting in het hart van de stad."),
    dict(locatie="demo-ontmoetingsplek-boschstraatkwartier", titel="Repair Café Centrum", soort="activiteit",
         categorieen=["klussen"], doelgroepen=["iedereen"], rrule="FREQ=MONTHLY;BYDAY=-1SA",
         tijd=time(10, 30), minuten=180, ruimte="Zaal", organisator="demo-repair-cafe-maastricht",
         beschrijving="Elke laatste zaterdag van de maand: repareren in plaats van weggooien."),
    dict(locatie="demo-buurthuis-campagne", titel="Stoelgym", soort="activiteit",
         categorieen=["bewegen"], doelgroepen=["ouderen"], rrule="FREQ=WEEKLY;BYDAY=MO",
         tijd=time(10), minuten=60, ruimte="Zaal", kosten="1.50",
         beschrijving="Bewegen op muziek, zittend op een stoel. Voor iedereen die soepel wil blijven."),
    dict(locatie="demo-buurthuis-campagne", titel="Kienen in Campagne", soort="activiteit",
         categorieen=["spel"], doelgroepen=["ouderen"], rrule="FREQ=MONTHLY;BYDAY=2TH",
         tijd=time(14), minuten=120, ruimte="Zaal", kosten="4.00", kosten_toelichting="Kienkaarten",
         beschrijving="Kienen op de tweede donderdag van de maand."),
    dict(locatie="demo-wijkcentrum-mariaberg", titel="Taalcafé Mariaberg", soort="activiteit",
         categorieen=["taal"], doelgroepen=["anderstaligen"], rrule="FREQ=WEEKLY;BYDAY=WE",
         tijd=time(13, 30), minuten=90, ruimte="Lokaal 1", talen=["nl", "en", "tr", "uk"],
         beschrijving="Praat Nederlands met buurtgenoten. Geen les, wel gezellig."),
    dict(locatie="demo-wijkcentrum-mariaberg", titel="Jongerenavond Mariaberg", soort="activiteit",
         categorieen=["spel", "muziek_cultuur"], doelgroepen=["jongeren"], rrule="FREQ=WEEKLY;BYDAY=WE",
         tijd=time(19), minuten=150, ruimte="Jongerenruimte",
         beschrijving="Woensdagavond: voetbaltafel, muziekstudio en een open oor."),
    dict(locatie="demo-wijkcentrum-mariaberg", titel="Open inloop Mariaberg", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["iedereen"], rrule="FREQ=WEEKLY;BYDAY=TU",
         tijd=time(10), minuten=120, ruimte="Grote zaal", beschrijving="Koffie met de buren en de gastvrouw."),
    dict(locatie="demo-buurthuis-frontenkwartier", titel="Inloop Frontenkwartier", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["iedereen"], rrule="FREQ=WEEKLY;BYDAY=WE",
         tijd=time(10), minuten=120, ruimte="Zaal", beschrijving="Kom binnen voor koffie en een praatje."),
    dict(locatie="demo-buurthuis-frontenkwartier", titel="Computerhulp", soort="spreekuur",
         categorieen=["digitaal", "informatie"], doelgroepen=["ouderen", "iedereen"], rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
         tijd=time(13), minuten=90, ruimte="Zaal", aanmelding="gewenst", capaciteit=8,
         beschrijving="Om de twee weken: vragen over telefoon, tablet of computer? Neem uw apparaat mee."),
    dict(locatie="demo-buurtcentrum-de-heeg", titel="Open inloop De Heeg", soort="open_inloop",
         categorieen=["eten_drinken"], doelgroepen=["iedereen"], rrule="FREQ=WEEKLY;BYDAY=FR",
         tijd=time(10), minuten=120, ruimte="Zaal", beschrijving="Vrijdagochtend koffie met de buurt."),
    dict(locatie="demo-buurtcentrum-de-heeg", titel="Biljarten in De Heeg", soort="activiteit",
         categorieen=["spel"], doelgroepen=["ouderen", "mannen"], rrule="FREQ=WEEKLY;BYDAY=WE",
         tijd=time(13, 30), minuten=150, ruimte="Biljartzaal", kosten="1.00",
         beschrijving="Biljarten op woensdagmiddag, ook voor beginners."),
]

# Volunteers: name, e-mail, organisations (slugs), buurt, talents, availability.
VRIJWILLIGERS = [
    ("Mia Janssen", "mia.janssen@demo.invalid", ["demo-stichting-buurtcentrum-nazareth"], "BU09350403",
     ["gastvrijheid", "koken"], ["ma_ochtend", "wo_ochtend"]),
    ("Sjef Hermans", "sjef.hermans@demo.invalid", ["demo-stichting-buurtcentrum-nazareth"], "BU09350404",
     ["gastvrijheid", "techniek"], ["ma_ochtend", "wo_ochtend", "vr_avond"]),
    ("Fatima El Amrani", "fatima.elamrani@demo.invalid", ["demo-stichting-buurtcentrum-nazareth"], "BU09350403",
     ["talen", "gastvrijheid"], ["di_middag", "wo_ochtend"]),
    ("Truus Vossen", "truus.vossen@demo.invalid", ["demo-stichting-aw-sjaol"], "BU09350502",
     ["gastvrijheid"], ["wo_ochtend", "vr_avond"]),
    ("Lei Ramakers", "lei.ramakers@demo.invalid", ["demo-stichting-aw-sjaol"], "BU09350502",
     ["gastvrijheid", "administratie"], ["wo_ochtend"]),
    ("Annie Pluijmen", "annie.pluijmen@demo.invalid", ["demo-bewonersgroep-ballettsa"], "BU09350401",
     ["gastvrijheid", "koken"], ["di_middag", "do_middag"]),
    ("Jo Moonen", "jo.moonen@demo.invalid", ["demo-bewonersgroep-ballettsa"], "BU09350401",
     ["gastvrijheid"], ["di_middag", "do_middag"]),
    ("Greet Dautzenberg", "greet.dautzenberg@demo.invalid", ["demo-bewoners-huiskamer-daalhof"], "BU09350209",
     ["gastvrijheid", "koken"], ["ma_ochtend", "di_ochtend", "do_ochtend"]),
    ("Harrie Bastiaens", "harrie.bastiaens@demo.invalid", ["demo-bewoners-huiskamer-daalhof"], "BU09350209",
     ["gastvrijheid", "vervoer"], ["ma_ochtend", "do_ochtend"]),
    ("Noor Smeets", "noor.smeets@demo.invalid", ["demo-welzijn-maas-en-heuvelland"], "BU09350201",
     ["gastvrijheid", "computer"], ["ma_ochtend", "di_ochtend", "wo_ochtend", "do_middag", "vr_ochtend"]),
    ("Bart Willems", "bart.willems@demo.invalid", ["demo-welzijn-maas-en-heuvelland"], "BU09350603",
     ["gastvrijheid", "sport"], ["wo_ochtend", "do_middag", "vr_ochtend"]),
    ("Ria Claessens", "ria.claessens@demo.invalid", ["demo-welzijn-maas-en-heuvelland"], "BU09350103",
     ["gastvrijheid", "muziek"], ["di_ochtend", "wo_ochtend", "vr_ochtend"]),
    ("Wim Hendriks", "wim.hendriks@demo.invalid", ["demo-repair-cafe-maastricht"], "BU09350406",
     ["techniek"], ["za_ochtend"]),
]

# Shifts: a host for every open inloop in the coming weeks.
GASTVROUW_WEKEN = 4

VACATURES = [
    ("demo-bewoners-huiskamer-daalhof", "demo-huiskamer-daalhof", "Gastvrouw of gastheer voor de huiskamer",
     "Zet koffie, maak een praatje en let op wie er ontbreekt. Eén ochtend per week.", "gastvrouw", "3.0"),
    ("demo-stichting-buurtcentrum-nazareth", "demo-buurtcentrum-nazareth", "Kok voor samen eten",
     "Kook één keer per maand met een klein team voor 30 buurtgenoten.", "keuken", "4.0"),
]

# Wishes residents made (the consultation report names these buurten), approved.
WENSEN = [
    ("BU09350400", "Een huiskamer in Wyckerpoort: een plek om zonder afspraak binnen te lopen voor koffie en een praatje.",
     "ouderen", 34),
    ("BU09350208", "Een kleine ontmoetingsplek in Hazendans, dichtbij, zodat we niet naar Daalhof hoeven te lopen.",
     "ouderen", 21),
    ("BU09350600", "Een ontmoetingsplek in Randwyck waar studenten en oudere bewoners elkaar leren kennen.",
     "iedereen", 15),
]
