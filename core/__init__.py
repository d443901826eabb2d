"""Domain-free plumbing every app may use; it imports no app of the project."""
