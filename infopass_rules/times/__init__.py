"""Published USCIS processing times: the values, the bitemporal table and its readers.

Imports only the layers below it (facts, sources).
"""
