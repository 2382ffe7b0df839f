"""The facts: immutable, validated values (a case, its history, offices, enums).

The lowest layer: it imports nothing of the package but :mod:`infopass_rules.errors`.
"""
