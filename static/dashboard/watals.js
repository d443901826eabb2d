/* Live what-if: a click on the map adds a hypothetical place and the figures are
   recomputed by the server at once (the same view as without JavaScript). */
(function () {
  "use strict";
  var element = document.getElementById("kaart");
  if (!element || !window.L || !window.dekkingKaart) { return; }
  var map = window.dekkingKaart(element, { interactive: false });
  var form = document.getElementById("watals-form");
  var saveForm = document.getElementById("scenario-form");
  var result = document.getElementById("watals-resultaat");
  var markers = L.layerGroup().addTo(map);

  function points() {
    return Array.prototype.map.call(form.querySelectorAll("input[name=p]"), function (i) { return i.value; });
  }
  function drawMarkers() {
    markers.clearLayers();
    result.querySelectorAll("#hypothetische-plekken li").forEach(function (li, index) {
      L.marker([parseFloat(li.dataset.lat), parseFloat(li.dataset.lon)], {
        // Each place keeps its own label (its postcode, or "place 2" for a click).
        title: li.dataset.label, alt: li.dataset.label
      }).addTo(markers);
      L.circle([parseFloat(li.dataset.lat), parseFloat(li.dataset.lon)], {
        radius: 400, color: "#a4000f", weight: 2, dashArray: "6 4", fill: false, interactive: false
      }).addTo(markers);
    });
  }
  function setPoints(list) {
    [form, saveForm].forEach(function (f) {
      f.querySelectorAll("input[name=p]").forEach(function (i) { i.remove(); });
      list.forEach(function (value) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = "p"; input.value = value;
        f.appendChild(input);
      });
    });
  }
  function refresh(list) {
    var params = new URLSearchParams();
    list.forEach(function (p) { params.append("p", p); });
    history.replaceState(null, "", "?" + params.toString());
    params.append("fragment", "1");
    fetch("?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) {
        // An error page is no fragment: show the page without JavaScript, at the same address.
        if (!response.ok) { window.location.reload(); return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        // HTML on purpose: the server's own fragment (_watals_resultaat.html), every name in
        // it escaped by the template, the same markup as without JavaScript.
        result.innerHTML = html;
        drawMarkers();
      });
  }
  map.on("click", function (event) {
    var list = points();
    list.push(event.latlng.lat.toFixed(6) + "," + event.latlng.lng.toFixed(6));
    setPoints(list);
    refresh(list);
  });
  drawMarkers();
})();
