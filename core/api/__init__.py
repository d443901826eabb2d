"""API plumbing shared by every app's API: domain-free, importing no app."""
