"""The Miami District (MIA-*): its ladder and its appointment limits."""
