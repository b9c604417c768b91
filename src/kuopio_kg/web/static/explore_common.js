// What the explore views share: run the page's query (the text shown under "The query")
// at this server's /sparql, and hand its rows, each a plain object of values, to a view.
// window.kkgExplore holds what a view drew, for people poking at it and for the tests.
(function () {
  "use strict";
  const explore = (window.kkgExplore = window.kkgExplore || {});

  explore.status = function (text) {
    document.getElementById("explore-status").textContent = text;
  };

  explore.rows = async function () {
    const root = document.getElementById("explore-view");
    const response = await fetch(root.dataset.endpoint, {
      method: "POST",
      headers: { Accept: "application/sparql-results+json" },
      body: new URLSearchParams({ query: document.getElementById("explore-query").textContent }),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.error || `the endpoint answered ${response.status}`);
    }
    const answer = await response.json();
    explore.truncated = response.headers.get("X-SPARQL-Truncated") === "true";
    return answer.results.bindings.map((binding) =>
      Object.fromEntries(Object.entries(binding).map(([name, term]) => [name, term.value])),
    );
  };

  // Run the query, then draw(rows) (which may return a promise); say on the page how it
  // went. explore.ready is set once the drawing is done.
  explore.start = function (draw) {
    explore
      .rows()
      .then(async (rows) => {
        explore.answer = rows;
        await draw(rows);
        if (explore.truncated) {
          const shown = document.getElementById("explore-status");
          shown.textContent += " The answer was cut at the endpoint's row limit, so this is not all of it.";
        }
        explore.ready = true;
      })
      .catch((error) => {
        explore.error = String(error);
        explore.status(`The query failed: ${error.message || error}`);
      });
  };
})();
