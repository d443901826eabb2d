"""The resident site: buurt pages, agenda, places, activities, registration, feeds."""
