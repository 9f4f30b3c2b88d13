import pytest

from bot.router import Answer, DuplicateRouteError, Router, normalize_keyword


def answer(inbound) -> Answer:
    return Answer(text="x")


def other(inbound) -> Answer:
    return Answer(text="y")


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("我的预约", "我的预约"),
        (" 我的 预约！ ", "我的预约"),
        ("【预约】", "预约"),
        ("１", "1"),
        ("ＨＥＬＰ", "help"),
        ("？", "?"),
        ("?!", "?!"),
        ("预约\u200b", "预约"),
    ],
)
def test_normalize_keyword(typed, normalized):
    assert normalize_keyword(typed) == normalized


def test_duplicate_click_key_raises():
    router = Router()
    router.click("MY_APPOINTMENTS")(answer)

    with pytest.raises(DuplicateRouteError, match="menu key 'MY_APPOINTMENTS' already handled by answer"):
        router.click("MY_APPOINTMENTS")(other)


def test_duplicate_keyword_after_normalizing_raises():
    router = Router()
    router.keyword("预约")(answer)

    with pytest.raises(DuplicateRouteError, match="keyword '预约'"):
        router.keyword("预约！")(other)


def test_duplicate_event_raises():
    router = Router()
    router.event("subscribe")(answer)

    with pytest.raises(DuplicateRouteError, match="event 'subscribe'"):
        router.event("SUBSCRIBE")(other)


def test_second_fallback_raises():
    router = Router()
    router.fallback(answer)

    with pytest.raises(DuplicateRouteError, match="fallback handler already registered"):
        router.fallback(other)


def test_registered_handlers_cover_the_menu():
    from handlers import menu_keys, router

    keys = {value for name, value in vars(menu_keys).items() if name.isupper()}

    assert keys <= set(router.clicks)
