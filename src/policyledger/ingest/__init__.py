"""Ingest: read a policy document (text, PDF, DOCX) and extract its ledger structure."""

from policyledger.ingest.extraction import FORMAT, Extraction, extract_text

__all__ = ["FORMAT", "Extraction", "extract_text"]
