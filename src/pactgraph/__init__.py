"""pactgraph: a knowledge graph of the actors, instruments and obligations in migration policy.

Pipeline stages, one module each (what each takes and gives is in its docstring):
read -> segment -> structure -> extract -> link -> emit -> validate / reason -> publish / visualise.
"""

__version__ = "0.1.0"
