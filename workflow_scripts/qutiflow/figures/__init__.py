"""Chart builders (Altair) and the writer of every figure format."""

#: a figure with no rows to draw is a note, and its spec says so under
#: ``usermeta[USERMETA][NO_DATA]`` (the message), for the site to show the note instead
USERMETA = "qutiflow"
NO_DATA = "no_data"


def no_data_message(spec: object) -> str | None:
    """The message of a spec drawn by :func:`qutiflow.figures.empty.no_data_chart`, or None.

    >>> no_data_message({"usermeta": {"qutiflow": {"no_data": "No power measurements"}}})
    'No power measurements'
    >>> no_data_message({"mark": "point"}) is None
    True
    """
    meta = spec.get("usermeta") if isinstance(spec, dict) else None
    ours = meta.get(USERMETA) if isinstance(meta, dict) else None
    message = ours.get(NO_DATA) if isinstance(ours, dict) else None
    return message if isinstance(message, str) and message else None
