"""URLs of the workspace, under /beheer/. The organisation is always in the path."""

from django.urls import path

from . import (
    views,
    views_aanwezigheid,
    views_bevestig,
    views_bezetting,
    views_jaarverslag,
    views_leden,
    views_plek,
    views_rooster,
    views_ruimtes,
    views_uren,
    views_verhuur,
    views_vrijwilligers,
    views_wensen,
)

app_name = "beheer"

urlpatterns = [
    path("", views.kiezen, name="kiezen"),
    path("<slug:org>/", views.start, name="start"),
    path("<slug:org>/activiteiten/", views.activiteiten, name="activiteiten"),
    path("<slug:org>/activiteiten/nieuw", views.activiteit_nieuw, name="activiteit-nieuw"),
    path("<slug:org>/activiteiten/<slug:slug>/", views.activiteit, name="activiteit"),
    path("<slug:org>/activiteiten/<slug:slug>/kopie", views.activiteit_kopie, name="activiteit-kopie"),
    path("<slug:org>/activiteiten/<slug:slug>/stoppen", views.activiteit_stoppen, name="activiteit-stoppen"),
    path("<slug:org>/activiteiten/<slug:slug>/bevestigen", views_bevestig.activiteit_bevestigen,
         name="activiteit-bevestigen"),
    path("<slug:org>/activiteiten/<slug:slug>/data", views.bijeenkomsten, name="bijeenkomsten"),
    path("<slug:org>/data/<int:pk>/", views.aanmeldingen, name="aanmeldingen"),
    path("<slug:org>/data/<int:pk>/annuleren", views.bijeenkomst_annuleren, name="bijeenkomst-annuleren"),
    path("<slug:org>/data/<int:pk>/verplaatsen", views.bijeenkomst_verplaatsen, name="bijeenkomst-verplaatsen"),
    path("<slug:org>/data/<int:pk>/aanmelden", views.aanmelding_nieuw, name="aanmelding-nieuw"),
    path("<slug:org>/data/<int:pk>/aanwezigen", views.aanwezigen, name="aanwezigen"),
    path("<slug:org>/data/<int:pk>/presentielijst.csv", views.presentielijst, name="presentielijst"),
    path("<slug:org>/aanmeldingen/<int:pk>/annuleren", views.aanmelding_annuleren, name="aanmelding-annuleren"),
    path("<slug:org>/aanmeldingen/<int:pk>/doorschuiven", views.aanmelding_doorschuiven,
         name="aanmelding-doorschuiven"),
    path("<slug:org>/plekken/<slug:slug>/ruimtes/", views_ruimtes.ruimtes, name="ruimtes"),
    path("<slug:org>/plekken/<slug:slug>/ruimtes/nieuw", views_ruimtes.ruimte_nieuw, name="ruimte-nieuw"),
    path("<slug:org>/plekken/<slug:slug>/ruimtes/<int:pk>/", views_ruimtes.ruimte, name="ruimte"),
    path("<slug:org>/leden/", views_leden.leden, name="leden"),
    path("<slug:org>/leden/uitnodigen", views_leden.lid_uitnodigen, name="lid-uitnodigen"),
    path("<slug:org>/leden/<int:pk>/rol", views_leden.lid_rol, name="lid-rol"),
    path("<slug:org>/leden/<int:pk>/verwijderen", views_leden.lid_verwijderen, name="lid-verwijderen"),
]
urlpatterns += views_plek.urlpatterns
urlpatterns += [
    path("<slug:org>/wensen/", views_wensen.wensen, name="wensen"),
    path("<slug:org>/wensen/<int:pk>/", views_wensen.wens, name="wens"),
    path("<slug:org>/aanwezigheid/", views_aanwezigheid.week, name="aanwezigheid"),
    path("<slug:org>/data/<int:pk>/afvinken", views_aanwezigheid.afvinken, name="afvinken"),
    path("<slug:org>/data/<int:pk>/presentielijst.pdf", views_aanwezigheid.presentielijst_pdf,
         name="presentielijst-pdf"),
]
urlpatterns += views_verhuur.urlpatterns
urlpatterns += views_bezetting.urlpatterns
urlpatterns += views_rooster.urlpatterns
urlpatterns += views_uren.urlpatterns
urlpatterns += views_vrijwilligers.urlpatterns
urlpatterns += views_jaarverslag.urlpatterns
