"""The service manifest (API 0.2): what OpenRefine reads when a user adds the service.

Every URL in it is built from the address the request came to, so the manifest is right
behind any host name or proxy that keeps the Host header.
"""

from __future__ import annotations

from typing import Any

from kuopio_kg.reconcile.index import Index
from kuopio_kg.reconcile.suggest import term_entry

#: Queries OpenRefine sends per request.
BATCH_SIZE = 20
PREVIEW_SIZE = {"width": 430, "height": 180}
NAMES = {"en": "Kuopio KG (international cooperation of Kuopio)",
         "fi": "Kuopio KG (Kuopion kansainvälinen yhteistyö)"}  # fmt: skip


def manifest(index: Index, host_url: str, lang: str) -> dict[str, Any]:
    """The manifest, ``host_url`` being the site's root (ending in ``/``)."""
    service = host_url + "reconcile"
    return {
        "versions": ["0.2"],
        "name": NAMES.get(lang, NAMES["en"]),
        "identifierSpace": index.id_space,
        "schemaSpace": index.schema_space,
        "documentation": host_url,
        "defaultTypes": [term_entry(t, lang) for t in index.top_classes()],
        "view": {"url": service + "/view/{{id}}"},
        "preview": {"url": service + "/preview/{{id}}", **PREVIEW_SIZE},
        "suggest": {
            kind: {"service_url": service, "service_path": f"/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": service, "service_path": "/propose_properties"},
            "property_settings": [],
        },
        "batchSize": BATCH_SIZE,
    }
