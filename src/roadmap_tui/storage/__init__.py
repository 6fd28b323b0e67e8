"""Storage: the only code that reads and writes the user's files."""
