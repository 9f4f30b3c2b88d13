"""帮助: the keyword list, also the answer to anything no other handler takes."""

from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers import menu_keys
from handlers.registry import router


@router.click(menu_keys.HELP)
@router.keyword("帮助", "菜单", "?", "help", "0")
def show_help(inbound: Inbound) -> Answer:
    return Answer(text=render_text("help", not_understood=False, links=inbound.links), view="help")


@router.fallback
def show_help_for_unknown(inbound: Inbound) -> Answer:
    return Answer(text=render_text("help", not_understood=True, links=inbound.links), view="help")
