/* Optional: find the buurt from the browser's location. Without JavaScript the search on
   the home page does it. A file, not an inline script: the Content-Security-Policy allows
   scripts from this site's own files only. */
(function () {
  "use strict";
  var form = document.getElementById("mijn-plek");
  if (!form || !navigator.geolocation) return;
  form.hidden = false;
  var melding = document.getElementById("mijn-plek-melding");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    melding.textContent = form.dataset.bezig;
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.elements.lat.value = pos.coords.latitude.toFixed(5);
      form.elements.lon.value = pos.coords.longitude.toFixed(5);
      form.submit();
    }, function (error) {
      melding.textContent = error.code === error.PERMISSION_DENIED ? form.dataset.geweigerd : form.dataset.mislukt;
    }, {timeout: 15000});
  });
})();
