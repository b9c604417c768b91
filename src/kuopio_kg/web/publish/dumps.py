"""The dumps of the current release under /dumps/: an index page, the files (streamed from
disk with Content-Length, ETag and a ``Repr-Digest`` checksum) and ``SHA256SUMS``."""

from __future__ import annotations

import base64

from flask import Blueprint, Response, render_template, send_file

from kuopio_kg.errors import UnknownResource
from kuopio_kg.publish.dumps import Written, by_filename, ensure_dumps
from kuopio_kg.web.publish.negotiation import tagged
from kuopio_kg.web.state import state

dumps = Blueprint("dumps", __name__)


def _written() -> tuple[str, list[Written]]:
    current = state().current()
    return current.tag, ensure_dumps(
        current.release, current.store, state().settings, current.position
    )


@dumps.get("/dumps/")
def index() -> Response:
    release_id, written = _written()
    return tagged(
        release_id,
        lambda: render_template("dumps.html", release_id=release_id, written=written),
        "text/html",
    )


@dumps.get("/dumps/SHA256SUMS")
def checksums() -> Response:
    release_id, written = _written()
    text = "".join(f"{w.sha256}  {w.dump.filename}\n" for w in written)
    return tagged(release_id, lambda: text, "text/plain")


@dumps.get("/dumps/<name>")
def download(name: str) -> Response:
    if name not in by_filename():
        raise UnknownResource(f"/dumps/{name}", [])
    release_id, written = _written()
    (found,) = [w for w in written if w.dump.filename == name]
    response = send_file(
        found.path,
        mimetype=found.dump.media_type,
        etag=release_id,
        conditional=True,
        download_name=name,
    )
    digest = base64.b64encode(bytes.fromhex(found.sha256)).decode()
    response.headers["Repr-Digest"] = f"sha-256=:{digest}:"
    return response
