"""Readers: files → `Document` (turns ▸ paragraphs ▸ sentences)."""
