"""The engine: :func:`next_action` turns facts into a :class:`Decision`.

Imports only the layers below it (facts, sources, times, rules).
"""
