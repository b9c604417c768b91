// Suggestions under the search box of every page, from the reconciliation service's entity
// suggest. Without this script the box is a plain form that GETs /search?q=.
"use strict";
(function () {
  const form = document.getElementById("site-search");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const list = document.getElementById("site-search-suggestions");
  let pending = null;
  let asked = "";

  function show(result) {
    list.replaceChildren();
    for (const item of result) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = "/reconcile/view/" + encodeURIComponent(item.id);
      link.textContent = item.name;
      li.appendChild(link);
      const kinds = (item.notable || []).map((t) => t.name).join(", ");
      if (kinds) {
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = " " + kinds;
        li.appendChild(badge);
      }
      list.appendChild(li);
    }
    list.hidden = result.length === 0;
  }

  input.addEventListener("input", function () {
    const prefix = input.value.trim();
    clearTimeout(pending);
    if (prefix.length < 2) { show([]); return; }
    pending = setTimeout(function () {
      asked = prefix;
      fetch("/reconcile/suggest/entity?limit=8&prefix=" + encodeURIComponent(prefix))
        .then((r) => (r.ok ? r.json() : { result: [] }))
        .then((data) => { if (asked === prefix) show(data.result || []); })
        .catch(() => show([]));
    }, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") show([]);
  });
})();
