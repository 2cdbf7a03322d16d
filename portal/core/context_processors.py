from .middleware import DisplayPreferences


def display_preferences(request):
    return {"display": getattr(request, "display", DisplayPreferences())}
