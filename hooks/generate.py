"""MkDocs hook (mkdocs.yml ``hooks:``): Paper Atlas joins each MkDocs build.

MkDocs loads this file once per process. Its two events hand over to
generator/renderer/plugin.py: ``on_startup`` says whether the process builds
more than once (``mkdocs serve``), and ``on_config`` gives this build's
configuration its ``AtlasPlugin``, which MkDocs then calls for every later
event. No state is kept here.
"""
from generator.renderer.plugin import on_config, on_startup  # noqa: F401 - MkDocs calls them
