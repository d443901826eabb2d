// Move the focus to a message said where the person is looking (data-focus), so a
// screen reader reads it and the page does not seem to have forgotten what was sent.
document.addEventListener("DOMContentLoaded", function () {
  var melding = document.querySelector("[data-focus]");
  if (melding) { melding.focus(); }
});
