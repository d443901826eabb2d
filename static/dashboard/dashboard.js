/* The dashboard overview: fetches the map data (its own request, kept by the browser),
   lists the buurten beside the map and draws the map (see kaart.js); loads a folded
   wijk's buurten into it when it is opened. Without a script the table and the wijk
   links give the same. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function listItem(buurt) {
    var item = document.createElement("li");
    item.setAttribute("data-buurtcode", buurt.code);
    var link = document.createElement("a");
    link.href = buurt.url;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("width", "18");
    rect.setAttribute("height", "14");
    rect.setAttribute("fill", "url(#" + buurt.patroon + ")");
    rect.setAttribute("stroke", "#1a1a1a");
    svg.appendChild(rect);
    link.appendChild(svg);
    // Names as text, never as HTML.
    link.appendChild(document.createTextNode(" " + buurt.naam));
    var share = document.createElement("span");
    share.className = "stil";
    share.textContent = buurt.aandeel;
    item.appendChild(link);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(share);
    return item;
  }

  var element = document.getElementById("kaart");
  if (element && window.L && window.dekkingKaart && window.fetch) {
    fetch(element.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        var list = document.querySelector(".buurtlijst ul");
        if (list) { data.lijst.forEach(function (buurt) { list.appendChild(listItem(buurt)); }); }
        window.dekkingKaart(element, { data: data });
      })
      .catch(function () { /* the table below has the same figures */ });
  }

  // A folded wijk: its buurten are loaded the first time it is opened.
  document.querySelectorAll("details.wijk").forEach(function (wijk) {
    var link = wijk.querySelector("a[data-deel]");
    if (!link) { return; }
    function load() {
      if (!wijk.open || wijk.getAttribute("data-geladen")) { return; }
      wijk.setAttribute("data-geladen", "1");
      fetch(link.getAttribute("data-deel"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          // Our own server's HTML fragment (same origin, escaped by its templates).
          var holder = document.createElement("div");
          holder.innerHTML = html;
          link.parentNode.replaceWith.apply(link.parentNode, Array.prototype.slice.call(holder.childNodes));
        })
        .catch(function () { wijk.removeAttribute("data-geladen"); });
    }
    wijk.addEventListener("toggle", load);
    load();
  });
})();
