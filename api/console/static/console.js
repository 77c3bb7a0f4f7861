"use strict";
// Pathways console: small enhancements only; every page works without this script.
(() => {
  // "Use this reply" (a saved reply) and "Add this referral" (an organisation of the directory)
  // put the text into the reply box without reloading the page (without JavaScript the same
  // form reloads the page with the reply filled in).
  for (const form of document.querySelectorAll("form[data-saved-replies]")) {
    form.addEventListener("submit", (event) => {
      const select = form.querySelector("select");
      const box = document.getElementById("reply-body");
      const option = select && select.selectedOptions[0];
      if (!box || !option) {
        return;
      }
      event.preventDefault();
      const body = option.dataset.body || "";
      box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${body}` : body;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
  }

  // Buttons that end something ask once more, to spare a slip of the finger.
  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  }
})();
