"""The rules: each procedure as a function beside its rule ID, source and pinpoint.

Imports only the layers below it (facts, sources, times).
"""
