"""Harvest a DCAT catalog the way ckanext-dcat's RDF harvester does; run with the Python of
the CKAN environment (not the project's), printing one JSON object per harvested dataset.

Usage: python harvest_ckan.py URL. It sends HEAD, then GET with ``Accept: */*``, picks the
parser from ``Content-Type`` as the harvester does, parses with ``RDFParser`` and follows
``next_page()`` until there is none.
"""

from __future__ import annotations

import json
import sys

import requests
from ckanext.dcat.processors import RDFParser  # type: ignore[import-not-found]


def harvest(url: str | None) -> None:
    seen_pages = set()
    while url and url not in seen_pages:
        seen_pages.add(url)
        head = requests.head(url, headers={"Accept": "*/*"}, timeout=30)
        head.raise_for_status()
        response = requests.get(url, headers={"Accept": "*/*"}, timeout=30)
        response.raise_for_status()
        content_type = response.headers["content-type"].split(";", 1)[0]
        parser = RDFParser()
        parser.parse(response.content.decode("utf-8"), _format=content_type)
        for dataset in parser.datasets():
            dataset["_page"] = url
            dataset["_content_type"] = response.headers["content-type"]
            print(json.dumps(dataset, default=str))
        url = parser.next_page()


if __name__ == "__main__":
    harvest(sys.argv[1])
