"""generator/renderer/plugin.py: MkDocs state lives on one plugin object per build, not in modules."""
from __future__ import annotations

import ast
import importlib.util

from mkdocs.config import load_config

from generator.renderer import plugin as plugin_module
from generator.renderer.plugin import NAME, AtlasPlugin, attach
from generator.renderer.shards import Shard
from support.project import ROOT


def _config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_every_mkdocs_configuration_gets_a_plugin_of_its_own():
    a, b = _config(), _config()
    first = attach(a)
    assert attach(a) is first and a.plugins[NAME] is first
    assert attach(b) is not first  # a rebuild of mkdocs serve loads the configuration again: a fresh plugin
    assert first.shard is None and first.produced is None


def test_the_shard_is_given_to_the_plugin_and_mkdocs_calls_its_events():
    config = _config()
    mine = AtlasPlugin(Shard(1, 3))
    assert attach(config, mine) is mine and attach(config) is mine
    assert mine.on_files in config.plugins.events["files"]
    assert mine.on_post_build in config.plugins.events["post_build"]
    assert not hasattr(mine, "on_config")  # configure() is called by the hook's on_config, once


def test_the_hook_forwards_and_keeps_nothing():
    spec = importlib.util.spec_from_file_location("paper_atlas_hook_shape", ROOT / "hooks" / "generate.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    assert hook.on_config is plugin_module.on_config and hook.on_startup is plugin_module.on_startup
    tree = ast.parse((ROOT / "hooks" / "generate.py").read_text(encoding="utf-8"))
    assert [type(n).__name__ for n in tree.body] == ["Expr", "ImportFrom"]  # a docstring and the import
