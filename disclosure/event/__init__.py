"""Large-event carbon neutrality (``kind: event``)."""
