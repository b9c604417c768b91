"""Third-party conformance suites, copied unchanged with their licences, and the project's
own runners for them.

Each data folder has a README naming its origin: ``owl2rl/`` (OWL 2 RL test cases, run by
:mod:`.owl2rl_runner`), ``dcat-ap/3.0.1/shacl/`` (the DCAT-AP shapes the catalog must
satisfy) and ``reconciliation/`` (Reconciliation Service API schemas).
"""
