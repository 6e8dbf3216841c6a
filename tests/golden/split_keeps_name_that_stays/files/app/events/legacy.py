from app.events.core import Event, emit
