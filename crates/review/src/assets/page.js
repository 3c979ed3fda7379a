// The review page's few behaviours: a year at a time, a total cell's make-up, the unit search,
// and every unit opened for printing. No request is made (the page's policy forbids it).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("makeup-data").textContent);
  var words = data.words;
  var dialog = document.getElementById("makeup");

  function fill(text, vars) {
    return text.replace(/%(\w+)%/g, function (_, k) { return vars[k]; });
  }

  function showMakeup(td) {
    var year = data.years[td.getAttribute("data-year")];
    var cell = year && year.cells[td.getAttribute("data-code")];
    if (!cell) { return; }
    // Listed largest first by the page's writer; the rest of the values come counted and summed.
    var rows = cell.top.map(function (t) { return [year.units[t[0]], t[1], t[2]]; });
    dialog.querySelector("h3").textContent = cell.name;
    dialog.querySelector(".sum").textContent = fill(words.sum, { total: cell.shown, units: year.summed });
    var body = dialog.querySelector("tbody");
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-unit", r[0]);
      var share = cell.total !== 0 ? (100 * r[1] / cell.total).toFixed(1) + "%" : "—";
      [r[0], r[2], share].forEach(function (text, k) {
        var c = document.createElement("td");
        c.textContent = text;
        if (k > 0) { c.className = "num"; }
        tr.appendChild(c);
      });
      body.appendChild(tr);
    });
    var rest = [];
    if (rows.length === 0) { rest.push(words.none); }
    if (cell.rest) { rest.push(fill(words.others, { count: cell.rest[0], sum: cell.rest[1] })); }
    if (cell.zero > 0) { rest.push(fill(words.rest, { count: cell.zero })); }
    if (cell.blank > 0) { rest.push(fill(words.blank, { count: cell.blank })); }
    dialog.querySelector(".rest").textContent = rest.join(" ");
    dialog.hidden = false;
    dialog.setAttribute("data-code", td.getAttribute("data-code"));
  }

  document.addEventListener("click", function (e) {
    var td = e.target.closest(".totals td.v");
    if (td) { showMakeup(td); return; }
    if (e.target.closest("#makeup .close")) { dialog.hidden = true; }
    var button = e.target.closest("nav.years button");
    if (button) {
      var want = button.getAttribute("data-year");
      document.querySelectorAll("nav.years button").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b === button));
      });
      document.querySelectorAll("section.year").forEach(function (s) {
        if (s.getAttribute("data-year") === want) { s.removeAttribute("data-hidden-year"); } else { s.setAttribute("data-hidden-year", ""); }
      });
      dialog.hidden = true;
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { dialog.hidden = true; }
    if ((e.key === "Enter" || e.key === " ") && e.target.matches && e.target.matches(".totals td.v")) {
      e.preventDefault();
      showMakeup(e.target);
    }
  });

  var search = document.getElementById("unit-search");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    document.querySelectorAll("[data-unit]").forEach(function (el) {
      if (el.closest("#makeup")) { return; }
      var match = q === "" || el.getAttribute("data-unit").toLowerCase().indexOf(q) >= 0;
      el.classList.toggle("filtered-out", !match);
      el.hidden = !match;
    });
  });

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.unit").forEach(function (d) { d.open = true; });
  });
}());
