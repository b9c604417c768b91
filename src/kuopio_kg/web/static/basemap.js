// The offline base map of the explore map and the entity pages: Natural Earth country
// shapes (world-atlas, TopoJSON, converted with topojson-client) on a Leaflet map with no
// tile layer, so nothing is fetched from another host. Each shape carries its ISO 3166-1
// alpha-2 code (properties.code), joined to world-atlas's numeric ids through the vendored
// iso3166-numeric.json table, the code the graph's countries carry as kkg:countryCode.
(function () {
  "use strict";

  // A ring that crosses the antimeridian (Russia's and Fiji's, cut at ±180°) would be drawn
  // as a band across the whole map: its western longitudes move past 180° instead.
  function unwrap(ring) {
    const longitudes = ring.map((point) => point[0]);
    if (Math.max(...longitudes) - Math.min(...longitudes) <= 180) return ring;
    return ring.map(([longitude, latitude]) => [longitude < 0 ? longitude + 360 : longitude, latitude]);
  }

  function polygons(geometry) {
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrap);
    if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrap));
    }
  }

  window.kkgBasemap = async function (element, options) {
    const folder = element.dataset.static;
    const load = (name) => fetch(folder + name).then((response) => response.json());
    const [topology, numeric] = await Promise.all([
      load("countries-50m.json"),
      load("iso3166-numeric.json"),
    ]);
    const alpha2 = Object.fromEntries(Object.entries(numeric).map(([code, id]) => [id, code]));
    const countries = window.topojson.feature(topology, topology.objects.countries);
    for (const feature of countries.features) {
      feature.properties.code = alpha2[feature.id] || null;
      if (feature.geometry) polygons(feature.geometry);
    }
    const map = window.L.map(element, { zoomSnap: 0.25, minZoom: 1, ...options });
    map.setView([55, 15], 3);
    map.attributionControl.addAttribution("Country shapes: Natural Earth via world-atlas");
    const layer = window.L.geoJSON(countries, {
      className: "kkg-country",
      style: () => ({ color: "#7a8ca3", weight: 0.6, fillColor: "#fbfaf6", fillOpacity: 1 }),
    }).addTo(map);
    layer.eachLayer((shape) => {
      shape.getElement().dataset.code = shape.feature.properties.code || "";
    });
    return { map, layer };
  };
})();
