/* The warning under a free-text field while it seems to hold personal data (a name, a plate, a
   BSN, a phone number, an e-mail or postal address). It only warns: the server refuses such a
   record with the same rules (personal_data.js). The texts come from the page's
   <template id="personal-data-warning"> (templates/stops/_personal_data.html). */
import { personalDataKinds } from "./personal_data.js";

const FIELDS = ["reason_text", "reason_for_person", "suspected_offence", "supervised_law", "receipt_not_offered_reason"];
const PAUSE_MS = 300;

function warningFor(field, template) {
  const id = `pd-${field.name}`;
  let warning = document.getElementById(id);
  if (!warning) {
    warning = template.content.firstElementChild.cloneNode(true);
    warning.id = id;
    warning.hidden = true;
    field.insertAdjacentElement("afterend", warning);
    const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    field.setAttribute("aria-describedby", [...described, id].join(" "));
  }
  return warning;
}

function check(field, template) {
  const kinds = personalDataKinds(field.value);
  const names = JSON.parse(template.dataset.kinds);
  const warning = warningFor(field, template);
  warning.hidden = kinds.length === 0;
  warning.querySelector("[data-what]").textContent = kinds.map((kind) => names[kind]).join(", ");
}

/** Watch the page's free-text fields; does nothing on a page without the warning's template. */
export function init() {
  const template = document.getElementById("personal-data-warning");
  if (!template) { return; }
  for (const name of FIELDS) {
    for (const field of document.querySelectorAll(`form [name="${name}"]`)) {
      let timer;
      field.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => check(field, template), PAUSE_MS);
      });
      if (field.value) { check(field, template); }
    }
  }
}
