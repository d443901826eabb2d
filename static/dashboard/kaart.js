/* Shared map set-up for the dashboard pages. Only enhances: every figure is also in the tables. */
(function () {
  "use strict";
  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  window.dekkingKaart = function (element, options) {
    options = options || {};
    document.querySelectorAll("[data-alleen-met-js]").forEach(function (el) { el.hidden = false; });
    var instellingen = json("kaart-instellingen") || {};
    var map = L.map(element, { scrollWheelZoom: false });
    // The data comes with the page (what-if) or from its own request (the overview).
    var data = options.data || json("kaart-data");
    map.attributionControl.setPrefix(false);
    // In the page's language, from the server (the data's "bron"); escaped there.
    if (data && data.bron) { map.attributionControl.addAttribution(data.bron); }
    if (instellingen.tiles) {
      L.tileLayer(instellingen.tiles, { maxZoom: 19, attribution: instellingen.attribution || "" }).addTo(map);
    }
    var lagen = {};
    var bounds = null;
    var circles = L.layerGroup();
    var places = L.layerGroup();
    var buurten = null;
    if (data) {
      buurten = L.geoJSON(data.buurten, {
        // On the what-if map a click places a place; popups would be in the way.
        interactive: options.interactive !== false,
        style: function (feature) {
          var klasse = data.klassen[feature.properties.klasse] || {};
          return { color: "#1a1a1a", weight: 1, fillColor: "url(#" + klasse.patroon + ")", fillOpacity: 0.75 };
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          var share = p.aandeel_65plus_400 === null ? "–" : p.aandeel_65plus_400 + "%";
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = p.naam + ": 65+ ≤ 400 m (hemelsbreed) " + share;
          layer.bindPopup(link);
          // The buurt's name on hover, as a text node (never HTML), and kept for the list.
          layer.bindTooltip(document.createTextNode(p.naam), { sticky: true, className: "buurt-naam" });
          lagen[p.code] = layer;
        }
      });
      bounds = buurten.getBounds();
      data.locaties.forEach(function (plek) {
        var marker = L.circleMarker([plek.lat, plek.lon], {
          radius: 7, color: plek.telt_mee ? "#ffffff" : "#1a1a1a", weight: 2,
          fillColor: plek.telt_mee ? "#005a8c" : "#ffffff", fillOpacity: 1
        });
        // A text node, never the name as a string: Leaflet sets a string as HTML, and a
        // place's name is typed by whoever runs the place.
        marker.bindTooltip(document.createTextNode(plek.naam)).addTo(places);
        if (plek.telt_mee) {
          circles.addLayer(L.circle([plek.lat, plek.lon], {
            radius: 400, color: "#005a8c", weight: 2, dashArray: "6 4", fill: false, interactive: false
          }));
        }
      });
    }
    // The view first: Leaflet cannot draw vector layers on a map without one.
    if (bounds && bounds.isValid()) { map.fitBounds(bounds); } else { map.setView([52.1, 5.3], 8); }
    if (buurten) { buurten.addTo(map); }
    places.addTo(map);
    // The list of buurten beside the map: pointing at a name (or focusing its link)
    // outlines that buurt on the map and shows its name there.
    document.querySelectorAll("[data-buurtcode]").forEach(function (item) {
      var layer = lagen[item.getAttribute("data-buurtcode")];
      if (!layer) { return; }
      function on() { layer.setStyle({ weight: 4 }); layer.openTooltip(layer.getBounds().getCenter()); }
      function off() { buurten.resetStyle(layer); layer.closeTooltip(); }
      item.addEventListener("mouseenter", on);
      item.addEventListener("mouseleave", off);
      item.addEventListener("focusin", on);
      item.addEventListener("focusout", off);
    });
    var toggle = document.getElementById("cirkels-aan");
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { circles.addTo(map); } else { circles.remove(); }
      });
    }
    return map;
  };
})();
