/* The legality guard's hint on the stop form, and the GPS fill. Progressive enhancement:
   without it the server still refuses an unlawful record. */
const form = document.getElementById("stop-form");
const guard = document.getElementById("guard");

function value(name) {
  const el = form.elements[name];
  if (!el) { return ""; }
  if (el instanceof RadioNodeList) { return el.value; }
  if (el.type === "checkbox") { return el.checked ? el.value : ""; }
  return el.value;
}

function permitsOf(code) {
  const el = code && form.querySelector(`[data-permits][value="${code}"]`);
  return el ? el.getAttribute("data-permits").split(" ") : [];
}

function actionsDone() {
  return Array.from(form.querySelectorAll("[data-action]"))
    .filter((el) => (el.type === "checkbox" ? el.checked : parseInt(el.value || "0", 10) > 0))
    .map((el) => el.getAttribute("data-action"));
}

/** The actions beyond the stop's legal basis that no further basis covers, as {field, message}. */
export function legalityProblems() {
  const basis = value("legal_basis");
  const problems = [];
  for (const action of basis ? actionsDone() : []) {
    if (permitsOf(basis).includes(action)) { continue; }
    const isSearch = action.includes("search");
    const field = isSearch ? "search_basis" : "id_basis";
    // Consent covers an action only once the person was told they could refuse (searches always;
    // a passenger's identity where the catalogue's CONSENT entry permits it).
    const consent = value(field) === "CONSENT";
    const covered = consent
      ? Boolean(value("consent_refusal_explained")) && (isSearch || permitsOf("CONSENT").includes(action))
      : permitsOf(value(field)).includes(action);
    if (!covered) {
      const message = guard.dataset.beyond.replace("{basis}", basis).replace("{action}", guard.dataset[action]) +
                      " " + (isSearch ? guard.dataset.needSearch : guard.dataset.needId);
      problems.push({ field, message });
    }
  }
  return problems;
}

function checkLegality() {
  const problems = legalityProblems();
  guard.textContent = problems.map((problem) => problem.message).join(" ");
  guard.hidden = problems.length === 0;
}

function toggleHit() {
  const box = form.elements.triggered_by_hit, details = document.getElementById("hit-details");
  if (box && details) { details.hidden = !box.checked; }
}

/** Fill the (rounded) location once the phone allows it; called again for each new stop. */
export function locate() {
  const lat = document.getElementById("f-latitude"), lon = document.getElementById("f-longitude");
  if (!lat || lat.value || !navigator.geolocation) { return; }
  navigator.geolocation.getCurrentPosition((pos) => {
    lat.value = pos.coords.latitude.toFixed(3);
    lon.value = pos.coords.longitude.toFixed(3);
    const status = document.getElementById("location-status");
    if (status) { status.textContent = status.getAttribute("data-found"); }
  }, () => {}, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
}

if (form) {
  document.documentElement.classList.add("js");
  form.addEventListener("change", () => { checkLegality(); toggleHit(); });
  form.addEventListener("input", (event) => {
    if (event.target.hasAttribute("data-action")) { checkLegality(); }
  });
  checkLegality();
  toggleHit();
  const summary = document.getElementById("error-summary");
  const focusField = document.getElementById("f-" + form.getAttribute("data-focus"));
  if (summary) { summary.focus(); } else if (focusField) { focusField.focus(); }
  locate();
}
