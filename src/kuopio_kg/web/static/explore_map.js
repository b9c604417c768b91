// The map: the rows of queries/explore-places.rq on the offline base map. A partner place
// with a point is a circle (mobility partners blue, twin towns only ochre), each mobility
// partner has a flow line to Kuopio, and countries are shaded by the participants of
// their places, in and out (places without a point count too). The server's
// places.geojson is made from the same rows.
(function () {
  "use strict";
  const explore = window.kkgExplore;
  const L = window.L;
  const container = document.getElementById("explore-view");

  function participants(row) {
    return Number(row.outgoing || 0) + Number(row.incoming || 0);
  }

  function shade(layer, rows) {
    const byCountry = new Map();
    for (const row of rows) {
      if (row.countryCode && participants(row) > 0) {
        byCountry.set(row.countryCode, (byCountry.get(row.countryCode) || 0) + participants(row));
      }
    }
    const most = Math.max(1, ...byCountry.values());
    const shaded = {};
    layer.eachLayer((shape) => {
      const code = shape.feature.properties.code;
      if (!byCountry.has(code)) return;
      const share = byCountry.get(code) / most;
      shape.setStyle({ fillColor: `rgb(${Math.round(250 - 150 * share)}, ${Math.round(235 - 120 * share)}, ${Math.round(200 - 160 * share)})` });
      shape.getElement().classList.add("kkg-shaded");
      shape.getElement().dataset.participants = String(byCountry.get(code));
      shape.bindTooltip(`${code}: ${byCountry.get(code)} participants`);
      shaded[code] = byCountry.get(code);
    });
    explore.shaded = shaded;
    explore.unshaded = [...byCountry.keys()].filter((code) => !(code in shaded));
  }

  explore.start(async (rows) => {
    const base = await window.kkgBasemap(container);
    explore.map = base.map;
    shade(base.layer, rows);
    const home = rows.length ? [Number(rows[0].kuopioLat), Number(rows[0].kuopioLong)] : null;
    const points = home ? [home] : [];
    let lines = 0;
    for (const row of rows) {
      if (!row.lat || !row.long) continue;
      const point = [Number(row.lat), Number(row.long)];
      const mobility = (row.ties || "").split("; ").includes("mobility");
      const count = participants(row);
      const text = `${row.label || row.place}: ${row.outgoing} out, ${row.incoming} in, ${row.flows} flows (${row.ties})`;
      if (mobility && home) {
        L.polyline([point, home], {
          className: "kkg-flow", color: "#b03a2e", opacity: 0.7, weight: 1 + Math.sqrt(count) / 2,
        }).bindTooltip(text).addTo(base.map);
        lines += 1;
      }
      L.circleMarker(point, {
        className: "kkg-place", radius: 4 + Math.sqrt(count) / 2, weight: 1,
        color: mobility ? "#1f5f99" : "#996b1f", fillOpacity: 0.8,
      }).bindTooltip(text).addTo(base.map);
      points.push(point);
    }
    if (home) {
      L.circleMarker(home, { className: "kkg-home", radius: 6, color: "#b03a2e", fillOpacity: 1 })
        .bindTooltip("Kuopio").addTo(base.map);
    }
    if (points.length > 1) base.map.fitBounds(points, { padding: [30, 30] });
    explore.lines = lines;
    const unlocated = rows.filter((row) => !row.lat).length;
    explore.status(`${rows.length} partner places (${unlocated} without a point), ${lines} flow lines, ${Object.keys(explore.shaded).length} countries shaded.`);
  });
})();
