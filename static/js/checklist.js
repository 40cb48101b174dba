// Progressive enhancement for the checklist pages; everything works without it.
(function () {
  // Show the Print button only when JavaScript can print.
  function enablePrint(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  enablePrint(document);

  // Move focus to the error summary so screen reader and keyboard users hear it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // The result page: starring, removing a question or choosing the after-the-visit key takes
  // effect at once. The form is posted in the background exactly as the "Update my checklist"
  // button would post it, and the server's new checklist replaces this one, so the order of
  // questions has one definition (the server's builder).
  var form = document.querySelector("[data-checklist]");
  if (!form || !window.fetch || !window.FormData || !window.DOMParser) { return; }

  function hideNoJsControls(root) {
    root.querySelectorAll("[data-no-js-only]").forEach(function (el) { el.hidden = true; });
  }
  hideNoJsControls(form);

  var latest = 0;
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("input[name=starred], input[name=dropped], input[name=print_key]")) { return; }
    var data = new FormData(form);
    data.set("action", "update");
    var request = ++latest;
    // (form.action would be the button named "action", so read the attribute.)
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "omit", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (request !== latest) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-checklist]");
        if (!fresh) { throw new Error("no checklist"); }
        form.replaceChildren.apply(form, Array.from(fresh.childNodes));
        hideNoJsControls(form);
        enablePrint(form);
        var again = document.getElementById(input.id);
        if (again) { again.focus(); }
        var live = document.querySelector("[data-live]");
        if (live) { live.textContent = form.dataset.updatedMessage; }
      })
      .catch(function () {
        // Without an answer from the server, fall back to the plain form post.
        form.querySelectorAll("[data-no-js-only]").forEach(function (el) { el.hidden = false; });
      });
  });
})();
