"""Dutch postcodes as people type them ("6211ab", "6211 AB ", "6211"): compacted for
lookups, spaced for display."""


def compact_postcode(text: str) -> str:
    """``text`` without spaces, in capitals: "6211 ab" -> "6211AB" (how CBS keys it)."""
    return text.replace(" ", "").upper()


def format_postcode(text: str) -> str:
    """A full postcode the way it is printed on letters ("6211 AB"); anything else (a
    4-digit area, a typo) trimmed and in capitals, for validation to judge."""
    compact = compact_postcode(text)
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else text.strip().upper()
