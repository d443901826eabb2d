"""The workspace of boards, managers and coördinators: /beheer/."""
