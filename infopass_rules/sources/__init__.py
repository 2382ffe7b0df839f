"""The sources: the rule book (sources, rules, dated parameters) read from ``data/*.toml``.

Imports only :mod:`infopass_rules.facts` and :mod:`infopass_rules.errors`.
"""
