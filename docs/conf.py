"""Sphinx configuration for the infopass_rules documentation.

Build: ``sphinx-build -W -b html docs docs/_build/html`` from the repository root, with the
package and its ``docs`` extra installed. Notebooks under ``notebooks/`` are executed on every
build; an error in one fails the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(ROOT))

import infopass_rules  # noqa: E402

project = "infopass_rules"
author = "infopass_rules developers"
copyright = "infopass_rules developers; MIT licence"
release = infopass_rules.__version__
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "rules_reference",
    "escalation_record",
]

exclude_patterns = ["_build", "jupyter_execute", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]

html_theme = "furo"
html_title = f"infopass_rules {release}"
# A notebook's printed output wraps within the page instead of being cut at the box's edge.
html_static_path = ["_static"]
html_css_files = ["notebook-output.css"]

# --- MyST and notebooks -----------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 120
nb_execution_show_tb = True
nb_merge_streams = True

# --- API reference ----------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
