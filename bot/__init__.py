"""A question-answering bot that answers only with verbatim, cited quotes from news articles.

Data flows one way: corpus -> index -> retrieval -> answer -> rendering.
Nothing heavy is imported here: one-shot terminal commands import what they need, when they need it.
"""

__version__ = "0.1.0"
