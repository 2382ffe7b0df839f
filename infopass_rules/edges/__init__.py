"""The edges: JSON, iCalendar, the command line, the demo and the rules reference.

The top layer: it may import any layer below; nothing below imports it.
"""
