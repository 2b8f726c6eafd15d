/* Fanjian: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // The language switch submits on change.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // Open the action named in the URL fragment (links from the filing queue: #action-accept).
  function openFromHash() {
    if (!location.hash) return;
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      var first = target.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    }
  }
  openFromHash();
  window.addEventListener("hashchange", openFromHash);

  // Show only the fields a choice needs (closing mode, hearing mode); all stay visible without JS.
  function toggle(form, selectName, rules) {
    var select = form.querySelector("select[name$='-" + selectName + "']");
    if (!select) return;
    function apply() {
      Object.keys(rules).forEach(function (field) {
        var show = rules[field](select.value);
        form.querySelectorAll("[data-field='" + field + "']").forEach(function (el) { el.hidden = !show; });
      });
    }
    select.addEventListener("change", apply);
    apply();
  }
  document.querySelectorAll("form[data-action='close']").forEach(function (form) {
    toggle(form, "mode", {
      pronounced_on: function (v) { return v === "judgment"; },
      served: function (v) { return v === "mediation"; },
      ruling_on: function (v) { return v !== "judgment" && v !== "mediation"; }
    });
  });
  document.querySelectorAll("form[data-action='hearing_schedule']").forEach(function (form) {
    toggle(form, "mode", {
      respond_by: function (v) { return v === "async"; },
      all_parties_consent: function (v) { return v !== "in_person"; }
    });
  });
  document.querySelectorAll("form[data-action='service_record']").forEach(function (form) {
    var radios = form.querySelectorAll("input[name$='-result']");
    function apply() {
      var failed = form.querySelector("input[name$='-result']:checked");
      failed = failed && failed.value === "failed";
      form.querySelectorAll("[data-field='failure_reason']").forEach(function (el) { el.hidden = !failed; });
      form.querySelectorAll("[data-field='evidence']").forEach(function (el) { el.hidden = failed; });
    }
    radios.forEach(function (r) { r.addEventListener("change", apply); });
    apply();
  });

  // Formsets on the filing page: "Add another" clones the empty form.
  document.querySelectorAll("[data-formset]").forEach(function (section) {
    var prefix = section.getAttribute("data-formset");
    var total = section.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = section.querySelector("template.empty-form");
    var list = section.querySelector(".partyforms");
    var button = section.querySelector("[data-add-form]");
    if (!total || !template || !list || !button) return;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var wrapper = document.createElement("div");
      wrapper.innerHTML = html;
      var fieldset = wrapper.firstElementChild;
      var legend = fieldset.querySelector("legend");
      if (legend) legend.textContent = legend.textContent + " " + (index + 1);
      list.appendChild(fieldset);
      total.value = String(index + 1);
      var first = fieldset.querySelector("input[type=text], input:not([type]), select");
      if (first) first.focus();
    });
  });
})();
