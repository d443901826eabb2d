"""Who may open each page: the one table every URL of the site is declared in.

API views declare their actions themselves (``action_permissions``, checked by
``core.permissions.ActionPermission``); every other URL is named here, public pages
too. A new page (``/beheer/``, the login pages, ``/privacy``) adds its line before it
ships: the permission matrix test (tests/ontmoeting/test_permission_matrix.py) walks
the URLconf, fails on a URL found neither here nor on an API view, and tries every
role on every entry that is not public. The roles are described in docs/rollen.md.

A value is ``PUBLIC``, or a permission that the view asks of the object the URL
names (``check(request, obj)``), or ``ADMIN`` for the Django admin, whose own
permissions (model permissions, scoped querysets) decide inside it.
"""

from django.core.exceptions import PermissionDenied

from core.permissions import AUTHENTICATED

PUBLIC = "public"
ADMIN = "admin"

PAGES: dict[str, str] = {
    "home": PUBLIC,
    "set_language": PUBLIC,
    "media": PUBLIC,  # uploaded photos of places, shown on public pages
    "admin-autocomplete": ADMIN,  # the admin's own, scoped (core.admin)
    # The resident site.
    "site:buurt": PUBLIC,
    "site:abonneren-hulp": PUBLIC,
    "site:embed-buurt": PUBLIC,
    "site:embed-locatie": PUBLIC,
    "site:wens-nieuw": PUBLIC,
    "site:wens-steun": PUBLIC,
    "site:buurt-ical": PUBLIC,
    "site:buurt-rss": PUBLIC,
    "site:buurt-atom": PUBLIC,
    "site:buurt-afdruk": PUBLIC,
    "site:buurt-pdf": PUBLIC,
    "site:locatie": PUBLIC,
    "site:locatie-afdruk": PUBLIC,
    "site:locatie-pdf": PUBLIC,
    "site:locatie-scherm": PUBLIC,
    "site:locatie-ical": PUBLIC,
    "site:locatie-rss": PUBLIC,
    "site:locatie-atom": PUBLIC,
    "site:activiteit": PUBLIC,
    "site:activiteit-ical": PUBLIC,
    "site:activiteit-rss": PUBLIC,
    "site:activiteit-atom": PUBLIC,
    "site:activiteit-bevestigen": PUBLIC,  # the signed token is the permission
    "site:aanmelden": PUBLIC,
    "site:aanmelding-bevestigd": PUBLIC,  # the signed token is the permission
    "site:aanmelding-annuleren": PUBLIC,  # the signed token is the permission
    "site:agenda": PUBLIC,
    "site:agenda-ical": PUBLIC,
    "site:agenda-rss": PUBLIC,
    "site:privacy": PUBLIC,  # the privacy statement
    # Logging in, out, and a forgotten password: for anyone.
    "site:login": PUBLIC,
    "site:login-code": PUBLIC,  # the second step of a login under way
    "site:login-tweestaps": PUBLIC,  # setting up the second step during a first login
    "site:logout": PUBLIC,
    "site:wachtwoord-vergeten": PUBLIC,
    "site:wachtwoord-verstuurd": PUBLIC,
    "site:wachtwoord-herstellen": PUBLIC,  # the signed token is the permission
    "site:wachtwoord-hersteld": PUBLIC,
    "site:uitnodiging": PUBLIC,  # the signed invitation link is the permission
    # A person's own account: anyone logged in, who sees and changes only their own.
    "site:account": AUTHENTICATED,
    "site:account-tokens": AUTHENTICATED,
    "site:account-token-intrekken": AUTHENTICATED,  # another's token answers 404
    "site:account-tweestaps": AUTHENTICATED,
    "site:account-wachtwoord": AUTHENTICATED,
    # The gemeente dashboard: its own officials (and superusers), pages and exports.
    "dashboard:gemeente": "locaties.view_gemeente",
    "dashboard:buurt": "locaties.view_gemeente",
    "dashboard:kaart": "locaties.view_gemeente",
    "dashboard:wijk": "locaties.view_gemeente",
    "dashboard:watals": "locaties.view_gemeente",
    "dashboard:drempelwaarden": "locaties.view_gemeente",
    "dashboard:csv": "locaties.view_gemeente",
    "dashboard:csv_excel": "locaties.view_gemeente",
    "dashboard:geojson": "locaties.view_gemeente",
    "dashboard:pdf": "locaties.view_gemeente",
    # The workspace of an organisation's members. The organisation is in the
    # path; someone who does not work in it gets a 404 before the permission is asked.
    "beheer:kiezen": AUTHENTICATED,  # lists one's own organisations only
    "beheer:start": "locaties.use_workspace",
    "beheer:activiteiten": "locaties.use_workspace",
    "beheer:activiteit-nieuw": "activiteiten.add_activiteit",
    "beheer:activiteit": "activiteiten.change_activiteit",
    "beheer:activiteit-kopie": "activiteiten.change_activiteit",
    "beheer:activiteit-stoppen": "activiteiten.change_activiteit",
    "beheer:activiteit-bevestigen": "activiteiten.change_activiteit",
    "beheer:bijeenkomsten": "activiteiten.change_activiteit",
    "beheer:bijeenkomst-annuleren": "activiteiten.change_bijeenkomst",
    "beheer:bijeenkomst-verplaatsen": "activiteiten.change_bijeenkomst",
    "beheer:aanwezigen": "activiteiten.change_bijeenkomst",
    "beheer:aanmeldingen": "activiteiten.view_aanmelding",
    "beheer:presentielijst": "activiteiten.view_aanmelding",
    "beheer:aanmelding-nieuw": "activiteiten.change_aanmelding",
    "beheer:aanmelding-annuleren": "activiteiten.change_aanmelding",
    "beheer:aanmelding-doorschuiven": "activiteiten.change_aanmelding",
    "beheer:ruimtes": "locaties.add_ruimte",
    "beheer:ruimte-nieuw": "locaties.add_ruimte",
    "beheer:ruimte": "locaties.change_ruimte",
    # A place's pages: its board and managers; a coördinator sees the list only.
    "beheer:plekken": "locaties.use_workspace",
    "beheer:plek": "locaties.change_locatie",
    "beheer:plek-openingstijden": "locaties.add_openingstijd",
    "beheer:plek-sluitingen": "locaties.add_sluiting",
    "beheer:plek-sluiting-nieuw": "locaties.add_sluiting",
    "beheer:plek-sluiting-verwijderen": "locaties.delete_sluiting",
    "beheer:plek-fotos": "locaties.add_locatiefoto",
    "beheer:plek-foto": "locaties.change_locatiefoto",
    "beheer:plek-foto-verwijderen": "locaties.delete_locatiefoto",
    "beheer:leden": "locaties.manage_leden",
    "beheer:lid-uitnodigen": "locaties.manage_leden",
    "beheer:lid-rol": "locaties.manage_leden",
    "beheer:lid-verwijderen": "locaties.manage_leden",
    # The buurt's wishes: the members see those near their places; the boards and
    # managers of places in or within 400 m of the buurt answer them. Officials answer
    # through their dashboard (the view asks activiteiten.answer_wens of the wish too).
    "beheer:wensen": "locaties.use_workspace",
    "beheer:wens": "activiteiten.answer_wens",
    "dashboard:wensen": "locaties.view_gemeente",
    "dashboard:wens": "locaties.view_gemeente",
    # Attendance: every member, on the organisation's own dates.
    "beheer:aanwezigheid": "locaties.use_workspace",
    "beheer:afvinken": "activiteiten.change_bijeenkomst",
    "beheer:presentielijst-pdf": "activiteiten.view_aanmelding",
    # Renting a room: anyone asks; the signed link is the tenant's permission, a
    # signed URL the room feed's. In the workspace members see the requests and the
    # occupancy, the board and managers decide.
    "site:huren": PUBLIC,
    "site:huur": PUBLIC,  # the signed token is the permission
    "site:huur-annuleren": PUBLIC,  # the signed token is the permission
    "site:ruimte-ical": PUBLIC,  # the signed URL is the permission
    "beheer:verhuur": "locaties.use_workspace",
    "beheer:verhuur-aanvraag": "locaties.view_reservering",
    "beheer:verhuur-bevestig": "locaties.change_reservering",
    "beheer:verhuur-afwijs": "locaties.change_reservering",
    "beheer:verhuur-prijs": "locaties.change_reservering",
    "beheer:verhuur-bezetting": "locaties.view_reservering",
    "beheer:verhuur-telefonisch": "locaties.change_reservering",  # the room is the object
    "beheer:verhuur-activiteit": "locaties.change_reservering",  # the room; each date asks change_bijeenkomst
    # Volunteers: public vacancies and sign-up; the volunteer's own pages, where the
    # signed personal link is the permission.
    "site:vrijwilligers": PUBLIC,
    "site:vacatures": PUBLIC,
    "site:vacature": PUBLIC,
    "site:vacature-helpen": PUBLIC,
    "site:vacature-bedankt": PUBLIC,
    "site:vrijwilliger": PUBLIC,  # the signed personal link is the permission
    "site:vrijwilliger-dienst-nemen": PUBLIC,  # the signed personal link is the permission
    "site:vrijwilliger-inzet-afmelden": PUBLIC,  # the signed personal link is the permission
    "site:vrijwilliger-ical": PUBLIC,  # the signed personal link is the permission
    "site:vrijwilliger-gegevens": PUBLIC,  # the signed personal link is the permission
    "site:vrijwilliger-wissen": PUBLIC,  # the signed personal link is the permission
    "site:vrijwilliger-voornaam": PUBLIC,  # the signed personal link is the permission
    # The roster and the vacancies in the workspace (docs/rollen.md).
    "beheer:rooster": "locaties.use_workspace",
    "beheer:rooster-plek": "vrijwilligers.add_dienst",
    "beheer:dienst-nieuw": "vrijwilligers.add_dienst",
    "beheer:rooster-inloop": "vrijwilligers.add_dienst",
    "beheer:dienst": "vrijwilligers.change_dienst",
    "beheer:dienst-invullen": "vrijwilligers.add_inzet",
    "beheer:inzet-afmelden": "vrijwilligers.change_inzet",
    "beheer:uren": "vrijwilligers.add_losseinzet",
    "beheer:inzet-uren": "vrijwilligers.confirm_inzet",
    "beheer:vacatures": "vrijwilligers.add_vacature",
    "beheer:vacature-publiceren": "vrijwilligers.change_vacature",
    "beheer:vrijwilligers": "vrijwilligers.list_vrijwilliger",
    "beheer:vrijwilligers-passend": "vrijwilligers.list_vrijwilliger",
    "beheer:vrijwilliger-gegevens": "vrijwilligers.view_vrijwilliger",
    "beheer:vrijwilliger-wissen": "vrijwilligers.delete_vrijwilliger",
    "beheer:vrijwilliger-accepteren": "vrijwilligers.change_vrijwilliger",
    "beheer:vrijwilliger-afwijzen": "vrijwilligers.change_vrijwilliger",
    "beheer:jaarverslag": "locaties.change_organisatie",
    "beheer:jaarverslag-csv": "locaties.change_organisatie",
    "beheer:jaarverslag-pdf": "locaties.change_organisatie",
    "beheer:jaarverslag-xlsx": "locaties.change_organisatie",
    "dashboard:jaarverslag": "locaties.view_gemeente",
    "dashboard:jaarverslag-csv": "locaties.view_gemeente",
    "dashboard:jaarverslag-xlsx": "locaties.view_gemeente",
    "dashboard:jaarverslag-pdf": "locaties.view_gemeente",
}

#: URL namespaces declared as a whole.
NAMESPACES: dict[str, str] = {
    "admin": ADMIN,
}


def declared(view_name: str | None) -> str | None:
    """What the table says of a URL name (``namespace:name``), or None."""
    if view_name is None:
        return None
    if view_name in PAGES:
        return PAGES[view_name]
    return NAMESPACES.get(view_name.split(":", 1)[0]) if ":" in view_name else None


def check(request, obj) -> None:
    """Raise PermissionDenied (403) unless the user may open this page for ``obj``, as
    the table says for the URL the request came in on. A page the table does not name
    is refused: declare it first."""
    perm = declared(request.resolver_match.view_name if request.resolver_match else None)
    if perm == PUBLIC or (perm == AUTHENTICATED and request.user.is_authenticated):
        return
    if perm is None or perm == ADMIN or not request.user.has_perm(perm, obj):
        raise PermissionDenied
