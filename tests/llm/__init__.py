"""Tests of the LLM answering mode (``bot/llm.py``) against a real local OpenAI-compatible server."""
