"""taskmine: automation discovery from accessibility-tree UI logs.

The package holds the shared domain model (``taskmine.domain``), the adapters that are not one of
the design card's top-level folders (storage, importers, REST API) and the composition root
(settings, CLI). Importing it is cheap: nothing heavy is imported here.
"""

__version__ = "0.1.0"
