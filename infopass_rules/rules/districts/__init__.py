"""The district ladders: one package per USCIS district, the engine apart."""
