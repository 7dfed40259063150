"""Lists of keys kept in one text column as "a,b": a contest's question scopes,
a round's topics, a prize group's topics. Domain-free, below contests, prizes
and quiz, so that each reads these columns the same way without importing
another domain."""


def keys_of(text: str) -> tuple[str, ...]:
    """"a,b" (or "") as a tuple of keys."""
    return tuple(key for key in (part.strip() for part in (text or "").split(",")) if key)
