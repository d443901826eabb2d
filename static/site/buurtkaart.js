/* The map of the buurt, place and agenda pages: only an extra; the list or address beside it says the same. */
(function () {
  "use strict";
  var element = document.getElementById("buurtkaart");
  var dataElement = document.getElementById("buurtkaart-data");
  if (!element || !dataElement || !window.L) return;
  var data = JSON.parse(dataElement.textContent);
  element.hidden = false;
  var uitleg = document.getElementById("kaart-uitleg");
  if (uitleg) { uitleg.hidden = false; }
  var map = L.map(element, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  if (data.bron) { map.attributionControl.addAttribution(data.bron); }
  if (data.tiles) {
    var tegels = L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
    // Offline or blocked: say so once, in a line below the map; outlines and places stay.
    tegels.once("tileerror", function () {
      var melding = document.createElement("p");
      melding.className = "stil kaart-melding";
      melding.textContent = data.tegels_mislukt;
      element.insertAdjacentElement("afterend", melding);
    });
  }
  var bounds = null;
  if (data.grens) {
    var grens = L.geoJSON(data.grens, { interactive: false, style: { color: "#005a8c", weight: 3, fillOpacity: 0.08 } });
    bounds = grens.getBounds();
    map.fitBounds(bounds.pad(0.3));
    grens.addTo(map);
  }
  var markers = data.locaties.map(function (plek) {
    var link = document.createElement("a");
    link.href = plek.url;
    link.textContent = plek.naam;
    return L.circleMarker([plek.lat, plek.lon], {
      radius: 8, color: "#ffffff", weight: 2, fillColor: plek.in_buurt ? "#005a8c" : "#1a1a1a", fillOpacity: 1
    }).bindPopup(link).addTo(map);
  });
  if (data.hier) {
    var hier = L.circleMarker([data.hier.lat, data.hier.lon], {
      radius: 10, color: "#1a1a1a", weight: 3, fillColor: "#ffd200", fillOpacity: 1
    }).bindTooltip(document.createTextNode(data.hier.label), { permanent: true, direction: "top" }).addTo(map);
    markers.push(hier);
  }
  if (!bounds && markers.length > 1) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.1), { maxZoom: 16 });
  } else if (!bounds) {
    map.setView(markers.length ? markers[0].getLatLng() : [52.1, 5.3], 15);
  }
})();
