"""Response and request models of the REST API (Pydantic v2): what leaves the API is always one
of these, never an ORM object."""
