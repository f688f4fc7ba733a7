"""Payment processors: the built-in `simulator` and `manual`, and plug-ins (entry points)."""
