"""The pure core: the roadmap model, statistics, history and export. Never imports rich or
textual, and opens no file except through storage."""
