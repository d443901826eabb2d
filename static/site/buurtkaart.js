/* The map of the buurt and place pages: only an extra; the list or address beside it says the same. */
(function () {
  "use strict";
  var element = document.getElementById("buurtkaart");
  var dataElement = document.getElementById("buurtkaart-data");
  if (!element || !dataElement || !window.L) return;
  var data = JSON.parse(dataElement.textContent);
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  if (data.bron) { map.attributionControl.addAttribution(data.bron); }
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
  }
  var bounds = null;
  if (data.grens) {
    var grens = L.geoJSON(data.grens, { interactive: false, style: { color: "#005a8c", weight: 3, fillOpacity: 0.08 } });
    bounds = grens.getBounds();
    map.fitBounds(bounds.pad(0.3));
    grens.addTo(map);
  }
  data.locaties.forEach(function (plek) {
    var link = document.createElement("a");
    link.href = plek.url;
    link.textContent = plek.naam;
    L.circleMarker([plek.lat, plek.lon], {
      radius: 8, color: "#ffffff", weight: 2, fillColor: plek.in_buurt ? "#005a8c" : "#1a1a1a", fillOpacity: 1
    }).bindPopup(link).addTo(map);
  });
  if (!bounds) { map.setView([data.locaties.length ? data.locaties[0].lat : 52.1, data.locaties.length ? data.locaties[0].lon : 5.3], 15); }
})();
