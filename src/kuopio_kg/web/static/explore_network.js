// The mobility network: the rows of queries/explore-network.rq as a graphology graph of
// organisations, cities or countries (a switch), edges weighted by participants, filtered
// by period and activity, laid out with ForceAtlas2 and drawn by sigma.js (WebGL). The
// server's network.graphml and network.csv make the same sums from the same rows.
(function () {
  "use strict";
  const explore = window.kkgExplore;
  const LEVELS = {
    organisation: ["sender", "receiver"],
    city: ["senderCity", "receiverCity"],
    country: ["senderCountry", "receiverCountry"],
  };
  const form = document.getElementById("explore-controls");
  const container = document.getElementById("explore-view");
  const library = window.graphologyLibrary;

  function choice() {
    const data = new FormData(form);
    return { level: data.get("level"), year: data.get("year"), activity: data.get("activity") };
  }

  function build(rows, chosen) {
    const [source, target] = LEVELS[chosen.level];
    const graph = new window.graphology.Graph({ type: "directed" });
    let leftOut = 0;
    for (const row of rows) {
      if ((chosen.year && row.period !== chosen.year) ||
          (chosen.activity && row.activity !== chosen.activity)) continue;
      if (!row[source] || !row[target]) {
        leftOut += 1;
        continue;
      }
      for (const column of [source, target]) {
        graph.mergeNode(row[column], { label: row[column + "Label"] || row[column] });
      }
      const weight = Number(row.participants || 0);
      if (graph.hasEdge(row[source], row[target])) {
        graph.updateEdgeAttributes(row[source], row[target], (edge) => ({
          ...edge, weight: edge.weight + weight, flows: edge.flows + 1,
        }));
      } else {
        graph.addEdge(row[source], row[target], { weight: weight, flows: 1 });
      }
    }
    return { graph, leftOut };
  }

  function style(graph) {
    graph.forEachNode((node) => {
      const total = graph.reduceEdges(node, (sum, _edge, edge) => sum + edge.weight, 0);
      graph.mergeNodeAttributes(node, { size: 4 + 2 * Math.sqrt(total), color: "#1f5f99" });
    });
    graph.forEachEdge((edge, attributes) => {
      graph.mergeEdgeAttributes(edge, {
        size: 1 + Math.sqrt(attributes.weight),
        color: "#8a9bb0",
        label: `${attributes.weight} participants in ${attributes.flows} flows`,
      });
    });
    library.layout.circular.assign(graph);
    if (graph.order > 1) {
      const settings = library.layoutForceAtlas2.inferSettings(graph);
      library.layoutForceAtlas2.assign(graph, { iterations: 200, settings: settings });
    }
  }

  function options(select, values) {
    for (const [value, label] of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      select.appendChild(option);
    }
  }

  function downloads(chosen) {
    for (const link of document.querySelectorAll("a.download")) {
      const url = new URL(link.href);
      url.search = new URLSearchParams(
        Object.entries(chosen).filter(([, value]) => value),
      ).toString();
      link.href = url.toString();
    }
  }

  function draw(rows) {
    const chosen = choice();
    const { graph, leftOut } = build(rows, chosen);
    style(graph);
    if (explore.renderer) explore.renderer.kill();
    explore.graph = graph;
    explore.leftOut = leftOut;
    explore.choice = chosen;
    explore.renderer = new window.Sigma(graph, container, {
      defaultEdgeType: "arrow",
      renderEdgeLabels: false,
    });
    downloads(chosen);
    const left = leftOut ? `; ${leftOut} flows without a known ${chosen.level} are left out` : "";
    explore.status(`${graph.order} nodes and ${graph.size} edges from ${rows.length} flows${left}.`);
  }

  explore.start((rows) => {
    const periods = [...new Set(rows.map((row) => row.period).filter(Boolean))].sort();
    options(form.elements.year, periods.map((period) => [period, period]));
    const activities = new Map(rows.filter((row) => row.activity)
      .map((row) => [row.activity, row.activityLabel || row.activity]));
    options(form.elements.activity, [...activities].sort((a, b) => a[1].localeCompare(b[1])));
    form.addEventListener("change", () => draw(rows));
    draw(rows);
  });
})();
