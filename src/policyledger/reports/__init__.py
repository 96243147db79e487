"""Reports for offices that read paper: the monthly bulletin (DOCX in the official document
style, PDF, HTML) and the Excel ledger (台账). Reads the ledger through storage and services;
never imports the API, the web pages or the command line."""
