"""The publishing wing, mirroring :mod:`kuopio_kg.publish`.

:mod:`.landing` (/, /browse, sitemap, robots), :mod:`.catalog` (DCAT, VoID),
:mod:`.dumps`, :mod:`.resources` (dereferenceable IRIs), :mod:`.why` (explanations);
:mod:`.negotiation` is their content negotiation and :mod:`.routes` registers them all.
"""

from kuopio_kg.web.publish.routes import install_publishing

__all__ = ["install_publishing"]
