"""URLs of the gemeente dashboard, under /gemeente/."""

from django.urls import path

from . import views, views_jaarverslag, views_kaart, views_wensen, views_wijk

app_name = "dashboard"

urlpatterns = [
    path("<str:code>/", views.dashboard, name="gemeente"),
    path("<str:code>/kaart.json", views_kaart.kaart, name="kaart"),
    path("<str:code>/wijk/<str:wijkcode>/", views_wijk.wijk, name="wijk"),
    path("<str:code>/buurt/<str:buurtcode>/", views.buurt_detail, name="buurt"),
    path("<str:code>/wat-als/", views.watals, name="watals"),
    path("<str:code>/drempelwaarden/", views.drempelwaarden, name="drempelwaarden"),
    path("<str:code>/dekking.csv", views.export_csv, name="csv"),
    path("<str:code>/dekking-excel.csv", views.export_csv_excel, name="csv_excel"),
    path("<str:code>/dekking.geojson", views.export_geojson, name="geojson"),
    path("<str:code>/rapport.pdf", views.export_pdf, name="pdf"),
    path("<str:code>/wensen/", views_wensen.wensen, name="wensen"),
    path("<str:code>/wensen/<int:pk>/", views_wensen.wens, name="wens"),
]
urlpatterns += views_jaarverslag.urlpatterns
