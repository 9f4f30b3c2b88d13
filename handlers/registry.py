"""The router every handler module registers on when it is imported."""

from bot.router import Router

router = Router()

# How many rows a text reply lists before it links to the H5 page for the rest;
# five appointments with their links stay well inside WeChat's 2048-byte limit.
LIST_LIMIT = 5
