"""Translation marker for user-facing rule messages."""


def _(message: str) -> str:
    """Mark a string for translation; the Django layer translates at display time."""
    return message
