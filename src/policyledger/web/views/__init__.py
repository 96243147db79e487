"""Read models of the pages: what each page shows, loaded in a few set-based queries."""
