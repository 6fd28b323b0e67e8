"""roadmap-tui: follow a learning roadmap in the terminal."""

__version__ = "0.1.0"
