"""kuopio-kg: a linked-open-data knowledge graph of Kuopio's international cooperation."""

__version__ = "0.1.0"
