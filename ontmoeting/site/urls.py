"""URLs of the resident site."""

from django.urls import path

from . import (
    feeds,
    views_aanmelding,
    views_account,
    views_agenda,
    views_buurt,
    views_login,
    views_pages,
    views_print,
    views_privacy,
    views_uitnodiging,
)

app_name = "site"

urlpatterns = [
    path("buurten/<str:code>", views_buurt.buurt_detail, name="buurt"),
    path("buurten/<str:code>/wensen", views_buurt.wens_nieuw, name="wens-nieuw"),
    path("buurten/<str:code>/wensen/<int:pk>/steun", views_buurt.wens_plus, name="wens-steun"),
    path("buurten/<str:code>/agenda.ics", feeds.buurt_ical, name="buurt-ical"),
    path("buurten/<str:code>/rss", feeds.BuurtFeed(), name="buurt-rss"),
    path("buurten/<str:code>/atom", feeds.BuurtAtomFeed(), name="buurt-atom"),
    path("buurten/<str:code>/afdrukken", views_print.buurt_afdruk, name="buurt-afdruk"),
    path("buurten/<str:code>/programma.pdf", views_print.buurt_pdf, name="buurt-pdf"),
    path("locaties/<slug:slug>", views_pages.locatie_detail, name="locatie"),
    path("locaties/<slug:slug>/afdrukken", views_print.locatie_afdruk, name="locatie-afdruk"),
    path("locaties/<slug:slug>/programma.pdf", views_print.locatie_pdf, name="locatie-pdf"),
    path("locaties/<slug:slug>/scherm", views_print.locatie_scherm, name="locatie-scherm"),
    path("locaties/<slug:slug>/agenda.ics", feeds.locatie_ical, name="locatie-ical"),
    path("locaties/<slug:slug>/rss", feeds.LocatieFeed(), name="locatie-rss"),
    path("locaties/<slug:slug>/atom", feeds.LocatieAtomFeed(), name="locatie-atom"),
    path("activiteiten/<slug:slug>", views_pages.activiteit_detail, name="activiteit"),
    path("activiteiten/<slug:slug>/agenda.ics", feeds.activiteit_ical, name="activiteit-ical"),
    path("activiteiten/<slug:slug>/rss", feeds.ActiviteitFeed(), name="activiteit-rss"),
    path("activiteiten/<slug:slug>/atom", feeds.ActiviteitAtomFeed(), name="activiteit-atom"),
    path("bijeenkomsten/<int:pk>/aanmelden", views_aanmelding.aanmelden, name="aanmelden"),
    path("aanmelding/bevestigd/<str:token>", views_aanmelding.bevestigd, name="aanmelding-bevestigd"),
    path("aanmelding/annuleren/<str:token>", views_aanmelding.annuleren, name="aanmelding-annuleren"),
    path("agenda", views_agenda.agenda, name="agenda"),
    path("agenda.ics", feeds.agenda_ical, name="agenda-ical"),
    path("agenda/rss", feeds.AgendaFeed(), name="agenda-rss"),
    path("privacy", views_privacy.privacy, name="privacy"),
    path("agenda-abonneren", views_pages.abonneren_hulp, name="abonneren-hulp"),
    # Logging in and the account.
    path("inloggen", views_login.login_view, name="login"),
    path("inloggen/code", views_login.login_code, name="login-code"),
    path("inloggen/tweestaps", views_login.login_tweestaps, name="login-tweestaps"),
    path("uitloggen", views_login.logout_view, name="logout"),
    path("wachtwoord-vergeten", views_login.PasswordResetView.as_view(), name="wachtwoord-vergeten"),
    path("wachtwoord-vergeten/verstuurd", views_login.PasswordResetDoneView.as_view(), name="wachtwoord-verstuurd"),
    path("wachtwoord-herstellen/<uidb64>/<token>", views_login.PasswordResetConfirmView.as_view(), name="wachtwoord-herstellen"),
    path("wachtwoord-hersteld", views_login.PasswordResetCompleteView.as_view(), name="wachtwoord-hersteld"),
    path("uitnodiging/<str:token>", views_uitnodiging.uitnodiging, name="uitnodiging"),
    path("account", views_account.account, name="account"),
    path("account/tokens", views_account.tokens, name="account-tokens"),
    path("account/tokens/<int:pk>/intrekken", views_account.token_intrekken, name="account-token-intrekken"),
    path("account/tweestaps", views_account.tweestaps, name="account-tweestaps"),
    path("account/wachtwoord", views_account.PasswordChangeView.as_view(), name="account-wachtwoord"),
]
