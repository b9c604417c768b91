// The timeline: the rows of queries/explore-timeline.rq as vis-timeline items, one group
// per kind. A date may be a day, a month or a year: a year or month without an end is
// drawn as a range over that year or month, a day without an end as a point.
(function () {
  "use strict";
  const explore = window.kkgExplore;
  const container = document.getElementById("explore-view");

  // The first day of a date's period, and the first day after it.
  function period(text) {
    const [year, month, day] = text.split("-").map(Number);
    if (day) return [new Date(Date.UTC(year, month - 1, day)), null];
    if (month) return [new Date(Date.UTC(year, month - 1, 1)), new Date(Date.UTC(year, month, 1))];
    return [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1))];
  }

  explore.start((rows) => {
    const kinds = [...new Set(rows.map((row) => row.kind))];
    const items = rows.map((row, index) => {
      const [start, after] = period(row.start);
      const end = row.end ? period(row.end)[1] || period(row.end)[0] : after;
      const item = { id: index, group: kinds.indexOf(row.kind), content: row.label, start: start,
                     title: `${row.label} (${row.start}${row.end ? " – " + row.end : ""})` };
      if (end) {
        item.end = end;
        item.type = "range";
      } else {
        item.type = "point";
      }
      return item;
    });
    const groups = kinds.map((kind, index) => ({ id: index, content: kind }));
    explore.timeline = new window.vis.Timeline(container, items, groups, {
      stack: true, zoomMin: 1000 * 60 * 60 * 24 * 30, orientation: "top",
    });
    explore.items = items.length;
    explore.status(`${items.length} dated items in ${kinds.length} kinds.`);
  });
})();
