// The query page: YASGUI preset to this server's endpoint, the example queries, and an
// address that carries the query. Nothing here contacts another host: the autocompleters
// that ask Linked Open Vocabularies stay off, and prefixes come from YASGUI's bundled list.
(function () {
  "use strict";
  const root = document.getElementById("yasgui");
  const endpoint = new URL(root.dataset.endpoint, window.location.href).href;
  document.getElementById("endpoint").textContent = endpoint;
  const Yasgui = window.Yasgui;
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.prefixCcApi = null;

  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint },
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    copyEndpointOnNewTab: true,
    populateFromUrl: true,
  });

  // The address shows the query of the current tab, so that it can be copied and shared.
  function showInAddress(tab) {
    const url = new URL(window.location.href);
    url.hash = "";
    url.search = "?query=" + encodeURIComponent(tab.getQuery());
    window.history.replaceState(null, "", url.toString());
  }
  yasgui.on("query", (_instance, tab) => showInAddress(tab));
  yasgui.on("tabSelect", (instance, tabId) => {
    const tab = instance.getTab(tabId);
    if (tab) showInAddress(tab);
  });

  for (const link of document.querySelectorAll("a.example-link")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const query = new URL(link.href).searchParams.get("query");
      const tab = yasgui.addTab(
        true,
        { name: link.dataset.title, yasqe: { value: query } },
        { avoidDuplicateTabs: true },
      );
      showInAddress(tab);
    });
  }
})();
