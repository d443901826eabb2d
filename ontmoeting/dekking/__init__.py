"""Coverage (dekking): what counts, loading it, storing the results, and the what-if.

The arithmetic is ``locaties.dekking`` (pure numpy/scipy, no database). This package
composes the apps it needs (places, programme, wishes, volunteers), so it sits in
``ontmoeting`` above them, and keeps the results (``ontmoeting.models``):

* ``inputs``: what a computation reads; ``upsert``: storing many rows at once;
* ``compute``: ``dekking_compute``; ``whatif``: ``whatif_compute`` and hypothetical places;
* ``parsing``: places as the forms give them; ``scenarios``, ``thresholds``, ``demo``;
* ``selectors``: the reads of the stored results for the dashboard, exports and API.

Definitions (DESIGN.md "Coverage"):

* A place **counts** when it is published, open today (``open_sinds`` not in the
  future, ``gesloten_sinds`` empty or in the future) and hosts something at least
  weekly: published, not cancelled occurrences in at least 3 of the coming 4 weeks
  (one week off for a public or school holiday still counts as weekly).
* **Activities per week** of a place: its published, not cancelled occurrences in the
  coming 4 weeks divided by 4, in total and per audience (an activity for two
  audiences counts for both). **Open inloop hours per week**: the hours of its
  ``open_inloop`` occurrences in those weeks divided by 4.
* Per buurt, "within 400 m / 800 m" (hemelsbreed) means: within that distance of at
  least one inhabited population point of the buurt. Shares of residents use each
  point's own nearest place.
* **Open wishes**: approved wishes not yet marked "not feasible".
* **Active volunteers**: volunteers living in the buurt, not erased, with a shift
  (not called off) from 90 days ago to 28 days ahead.
* **Basis**: the population points where the gemeente has any, otherwise the buurt
  totals (CBS key figures) spread over a 100 m grid inside the buurt boundary.
"""

