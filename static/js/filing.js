/* Guided filing: autosave of the current step, the cause search, one submission. The pages work without it:
   each step's buttons save on the server, the search is a plain GET form. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // The submit button of the review page is pressed once (the server files once anyway).
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      setTimeout(function () { if (button) button.disabled = true; }, 0);
    });
  });

  // Autosave: the step's fields, every few seconds while typing and on every change, with the page's version;
  // a stale tab (409) stops saving and says so instead of overwriting a newer save.
  var form = document.querySelector("form[data-autosave]");
  if (form) {
    var url = form.getAttribute("data-autosave");
    var status = form.querySelector(".autosave-status");
    var version = form.querySelector("input[name=version]");
    var dirty = false, inflight = null, stopped = false, submitting = false;

    var say = function (text, bad) {
      if (!status) return;
      status.textContent = text || "";
      status.classList.toggle("error", !!bad);
    };
    var payload = function () {
      var data = new FormData(form);
      form.querySelectorAll("input[type=file]").forEach(function (input) { data.delete(input.name); });
      data.delete("goto");
      data.delete("action");
      return data;
    };
    var save = function () {
      if (!dirty || inflight || stopped) return inflight || Promise.resolve();
      dirty = false;
      inflight = fetch(url, { method: "POST", body: payload(), credentials: "same-origin",
                              headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          return response.json().then(function (body) { return { status: response.status, body: body }; });
        })
        .then(function (result) {
          inflight = null;
          if (result.status === 200) {
            version.value = String(result.body.version);
            say(result.body.saved, false);
            var total = document.querySelector("[data-total]");
            if (total && result.body.total) total.textContent = result.body.total;
          } else {
            if (result.status === 409) stopped = true;
            say(result.body.error, true);
          }
        })
        .catch(function () {
          inflight = null;
          dirty = true;
          say(form.getAttribute("data-offline"), true);
        });
      return inflight;
    };
    var soon = debounce(save, 3000);
    form.addEventListener("input", function (event) {
      if (event.target.type === "file") return;
      dirty = true;
      soon();
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "file") return;
      dirty = true;
      setTimeout(save, 300);
    });
    setInterval(function () { if (dirty) save(); }, 5000);
    // A step's own button posts the form: wait for a save in flight, so that both carry the same version.
    form.addEventListener("submit", function (event) {
      if (submitting) return;
      if (inflight) {
        event.preventDefault();
        var submitter = event.submitter;
        inflight.then(function () { submitting = true; stopped = true; form.requestSubmit(submitter); });
        return;
      }
      stopped = true;
    });
  }

  // The cause search: results as the filer types, from the server (a bounded list); picking one sets the select.
  var box = document.querySelector(".cause-search[data-search-url]");
  var select = document.querySelector("select[name=cause]");
  if (box && select) {
    var input = box.querySelector("input[name=q]");
    var list = box.querySelector(".cause-results");
    var pick = function (id) {
      select.value = String(id);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      select.focus();
    };
    var search = function () {
      var query = input.value.trim();
      if (!query) { list.textContent = ""; return; }
      fetch(box.getAttribute("data-search-url") + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          list.textContent = "";
          body.results.forEach(function (cause) {
            var item = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "pick";
            button.setAttribute("data-cause", String(cause.id));
            button.textContent = cause.code + " " + cause.name;
            button.addEventListener("click", function () { pick(cause.id); });
            item.appendChild(button);
            list.appendChild(item);
          });
          if (!body.results.length) {
            var none = document.createElement("li");
            none.className = "muted";
            none.textContent = box.getAttribute("data-none");
            list.appendChild(none);
          }
        });
    };
    input.addEventListener("input", debounce(search, 250));
    box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); search(); });
    list.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-cause]");
      if (link) { event.preventDefault(); pick(link.getAttribute("data-cause")); }
    });
  }
})();
