"""The SPARQL query service, with no Flask in it: a request in, an answer out.

In the order a query passes through: :mod:`.lexer` tokenizes the text once;
:mod:`.policy` checks what it may reach (SERVICE endpoints, LOAD documents, limits);
:mod:`.fetch` fetches what an update LOADs, from the addresses the policy checked;
:mod:`.update` writes an update's protocol dataset and its loaded documents into its text;
:mod:`.cache` keeps repeatable answers; :mod:`.jobs` is what the web process asks a worker
and the messages it gets back; :mod:`.pool` runs killable worker processes
(or :mod:`.remote` sends the job to a remote store);
:mod:`.worker` evaluates in one of them, over the store :mod:`.handle` opens, writing
through :mod:`.formats`; :mod:`.description` is the service description; :mod:`.service`
ties them into the :class:`Endpoint` the web wing calls; :mod:`.graph_store` says the Graph
Store HTTP Protocol's operations as queries and updates of that endpoint.
"""

from kuopio_kg.sparql.service import Answer, Dataset, Endpoint, QueryRequest

__all__ = ["Answer", "Dataset", "Endpoint", "QueryRequest"]
