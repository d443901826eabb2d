/* The dashboard overview: draws the map (see kaart.js). */
(function () {
  "use strict";
  var element = document.getElementById("kaart");
  if (element && window.L && window.dekkingKaart) { window.dekkingKaart(element); }
})();
