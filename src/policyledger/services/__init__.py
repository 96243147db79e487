"""Services: the operations that combine storage with the pure engines (assessment now,
bulletins later). Used by the command line and the API; never imports either."""
