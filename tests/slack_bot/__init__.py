"""Tests of the Slack front end (``bot/slack_app.py``, ``bot/slack_blocks.py``, ``bot/feedback.py``)
through real Bolt, against a Slack Web API and Socket Mode server that run locally."""
