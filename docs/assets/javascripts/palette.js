// Light/dark toggle (overrides/partials/palette.html explains why this replaces Material's
// palette component). Same behaviour and storage as Material: the saved choice, or else the
// palette matching the system preference; a click, Enter or arrow keys switch; the choice
// is kept in localStorage under Material's own "__palette" key.
(function () {
  "use strict";

  const form = document.querySelector("form[data-palette-toggle]");
  if (!form) return;
  const inputs = Array.from(form.querySelectorAll('input[name="__palette"]'));
  const KEYS = ["media", "scheme", "primary", "accent"];

  function colorOf(input) {
    const color = {};
    for (const key of KEYS) color[key] = input.getAttribute("data-md-color-" + key);
    return color;
  }

  function apply(index) {
    const color = colorOf(inputs[index]);
    inputs[index].checked = true;
    for (const key of KEYS) {
      // Only what changes: rewriting body attributes makes the browser restyle the page.
      if (document.body.getAttribute("data-md-color-" + key) !== color[key]) {
        document.body.setAttribute("data-md-color-" + key, color[key]);
      }
    }
    inputs.forEach(function (input, i) {
      const label = input.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = i !== index;
    });
    __md_set("__palette", { index: index, color: color });
  }

  const saved = __md_get("__palette");
  const start = saved && inputs[saved.index] ? saved.index : Math.max(0, inputs.findIndex(
    function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; }));
  apply(start);

  form.addEventListener("change", function (event) {
    apply(inputs.indexOf(event.target));
  });
  // Enter on the focused toggle moves to the next palette, as in Material.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = (inputs.findIndex(function (input) { return input.checked; }) + 1) % inputs.length;
    inputs[next].click();
    inputs[next].focus();
  });
})();
