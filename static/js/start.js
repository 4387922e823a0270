/* The one script tag of an officer's page (templates/base.html). The modules never touch the
   page when imported, so that Node can test them (tests/js/); this is where the page starts
   them. Each init() does nothing on a page without its part. */
import * as form from "./form.js";
import * as outbox from "./outbox.js";
import * as privacyHint from "./privacy_hint.js";
import * as stepper from "./stepper.js";
import * as steps from "./steps.js";

outbox.init();  // first: it names the officer whose drafts and queue the form's steps use
form.init();
stepper.init();
steps.init();
privacyHint.init();
