"""``python -m bot``: the terminal front end (see ``bot.cli``)."""

from bot.cli import main

raise SystemExit(main())
