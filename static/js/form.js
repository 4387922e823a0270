/* The legality guard's hint on the stop form, and the GPS fill.
   Progressive enhancement: without it the server still refuses an unlawful record. */
(function () {
  "use strict";
  var form = document.getElementById("stop-form");
  if (!form) { return; }
  document.documentElement.classList.add("js");
  var guard = document.getElementById("guard");

  function value(name) {
    var el = form.elements[name];
    if (!el) { return ""; }
    if (el.length !== undefined && el.tagName !== "SELECT") {
      for (var i = 0; i < el.length; i++) { if (el[i].checked) { return el[i].value; } }
      return "";
    }
    if (el.type === "checkbox") { return el.checked ? el.value : ""; }
    return el.value;
  }

  function permitsOf(code) {
    var el = form.querySelector('[data-permits][value="' + code + '"]');
    return el ? (el.getAttribute("data-permits") || "").split(" ") : [];
  }

  function actionsDone() {
    var done = [];
    form.querySelectorAll("[data-action]").forEach(function (el) {
      var on = el.type === "checkbox" ? el.checked : parseInt(el.value || "0", 10) > 0;
      if (on) { done.push(el.getAttribute("data-action")); }
    });
    return done;
  }

  function covered(action, basisCode) {
    return basisCode && permitsOf(basisCode).indexOf(action) !== -1;
  }

  function checkLegality() {
    var basis = value("legal_basis");
    var messages = [];
    if (basis) {
      actionsDone().forEach(function (action) {
        if (covered(action, basis)) { return; }
        var isSearch = action.indexOf("search") !== -1;
        var further = isSearch ? value("search_basis") : value("id_basis");
        var ok = covered(action, further) || (isSearch && further === "CONSENT" && value("consent_refusal_explained"));
        if (!ok) {
          messages.push(guard.dataset.beyond.replace("{basis}", basis).replace("{action}", guard.dataset[action]) +
                        " " + (isSearch ? guard.dataset.needSearch : guard.dataset.needId));
        }
      });
    }
    guard.textContent = messages.join(" ");
    guard.hidden = messages.length === 0;
  }

  function toggleHit() {
    var box = form.elements.triggered_by_hit, details = document.getElementById("hit-details");
    if (box && details) { details.hidden = !box.checked; }
  }

  form.addEventListener("change", function () { checkLegality(); toggleHit(); });
  form.addEventListener("input", function (event) {
    if (event.target.hasAttribute("data-action")) { checkLegality(); }
  });
  checkLegality();
  toggleHit();

  var summary = document.getElementById("error-summary");
  var focusName = form.getAttribute("data-focus");
  if (summary) { summary.focus(); }
  else if (focusName && document.getElementById("f-" + focusName)) { document.getElementById("f-" + focusName).focus(); }

  var lat = document.getElementById("f-latitude"), lon = document.getElementById("f-longitude");
  if (lat && !lat.value && navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(function (pos) {
      lat.value = pos.coords.latitude.toFixed(3);
      lon.value = pos.coords.longitude.toFixed(3);
      var status = document.getElementById("location-status");
      if (status) { status.textContent = status.getAttribute("data-found"); }
    }, function () {}, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  }
}());
