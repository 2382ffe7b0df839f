"""Planning: business days, appointment limits and appointment schedules.

Imports only the layers below it.
"""
