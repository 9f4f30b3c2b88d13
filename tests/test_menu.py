"""The custom menu file: validation cases, and push/show/delete through `run.py menu` against the sandbox."""

from __future__ import annotations

import copy

import pytest

from bot.cli import main
from handlers import router
from menu.definition import DEFAULT_MENU_FILE, load_menu
from menu.validation import validate_menu

BASE_URL = "https://wx.example.test"


def default_menu() -> dict:
    return load_menu(DEFAULT_MENU_FILE, BASE_URL)


def click(name: str = "我的预约", key: str = "MY_APPOINTMENTS") -> dict:
    return {"type": "click", "name": name, "key": key}


def view(url: str, name: str = "个人主页") -> dict:
    return {"type": "view", "name": name, "url": url}


CASES = [
    # (case, menu, expected problem fragment)
    ("no button list", {"menu": []}, '顶层必须是 {"button": [...]}'),
    ("four top buttons", {"button": [click()] * 4}, "一级菜单有 4 个"),
    ("no top buttons", {"button": []}, "一级菜单有 0 个"),
    ("six sub buttons", {"button": [{"name": "个人中心", "sub_button": [click()] * 6}]}, "有 6 个子菜单"),
    ("top name 18 bytes", {"button": [click(name="我的预约记录")]}, "18 字节，超过微信限制的 16 字节"),
    ("sub name 63 bytes", {"button": [{"name": "中心", "sub_button": [click(name="预" * 21)]}]}, "63 字节，超过微信限制的 60 字节"),
    ("unhandled click key", {"button": [click(key="NO_SUCH_KEY")]}, "key NO_SUCH_KEY 没有对应的处理函数"),
    ("key over 128 bytes", {"button": [{"type": "scancode_push", "name": "扫码", "key": "K" * 129}]}, "key 超过 128 字节"),
    ("unknown type", {"button": [{"type": "tap", "name": "预约", "key": "MY_APPOINTMENTS"}]}, "type 'tap' 无效"),
    ("click without key", {"button": [{"type": "click", "name": "预约"}]}, "必须填写 key"),
    ("view without url", {"button": [{"type": "view", "name": "主页"}]}, "必须填写 url"),
    ("url over 1024 bytes", {"button": [view(BASE_URL + "/" + "a" * 1024)]}, "链接超过 1024 字节"),
    ("relative url", {"button": [view("/h5/")]}, "必须以 http:// 或 https:// 开头"),
    ("misspelt placeholder", {"button": [view("{base_ur}/h5/")]}, "未知占位符 {base_ur}"),
    ("third level", {"button": [{"name": "中心", "sub_button": [{**click(), "sub_button": []}]}]}, "只支持两级菜单"),
    ("missing name", {"button": [{"type": "click", "key": "HELP"}]}, "缺少名称 name"),
    ("miniprogram without appid", {"button": [{"type": "miniprogram", "name": "小程序", "url": BASE_URL, "pagepath": "p"}]}, "必须填写 appid"),
]


@pytest.mark.parametrize("case, menu, fragment", CASES, ids=[case[0] for case in CASES])
def test_invalid_menu_is_explained(case, menu, fragment):
    problems = validate_menu(menu, router.clicks)

    assert any(fragment in problem for problem in problems), problems


def test_default_menu_is_valid():
    assert validate_menu(default_menu(), router.clicks) == []


def test_default_menu_covers_personal_center():
    menu = default_menu()

    names = [[sub["name"] for sub in button.get("sub_button", [])] for button in menu["button"]]
    assert names[0] == ["我的预约", "就诊记录", "药膳领取", "我的成绩单", "个人信息"]
    assert names[1] == ["导诊电话", "使用帮助"]
    assert menu["button"][2]["url"] == f"{BASE_URL}/h5/"


def test_longest_valid_names_pass():
    menu = {"button": [{"name": "一二三四五", "sub_button": [click(name="预" * 20)]}]}

    assert validate_menu(menu, router.clicks) == []


@pytest.fixture
def menu_env(sandbox, monkeypatch, tmp_path):
    monkeypatch.delenv("PERSONAL_CENTER_CONFIG", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'menu.db'}")
    monkeypatch.setenv("REDIS_URL", "")
    monkeypatch.setenv("WECHAT_API_BASE_URL", sandbox.url)
    return sandbox


def test_menu_push_show_delete(menu_env, capsys):
    assert main(["menu", "push"]) == 0
    assert "菜单已发布" in capsys.readouterr().out
    with menu_env.app.app_context():
        pushed = copy.deepcopy(menu_env.state.store["menu"])
    assert pushed["button"][2]["url"] == "http://127.0.0.1:5000/h5/"

    assert main(["menu", "show"]) == 0
    assert "我的预约（点击：MY_APPOINTMENTS）" in capsys.readouterr().out

    assert main(["menu", "delete"]) == 0
    assert "菜单已删除" in capsys.readouterr().out
    assert main(["menu", "show"]) == 0
    assert "公众号当前没有自定义菜单" in capsys.readouterr().out


def test_invalid_menu_file_is_not_pushed(menu_env, capsys, tmp_path):
    path = tmp_path / "menu.json"
    path.write_text('{"button": [{"type": "click", "name": "新功能", "key": "NEW_FEATURE"}]}', encoding="utf-8")

    code = main(["menu", "push", "--file", str(path)])

    assert code == 1
    assert "1 处问题，未发布" in capsys.readouterr().out
    assert menu_env.state.calls_to("/cgi-bin/menu/create") == []


def test_broken_json_names_the_line(menu_env, capsys, tmp_path):
    path = tmp_path / "menu.json"
    path.write_text('{\n  "button": [,]\n}', encoding="utf-8")

    assert main(["menu", "check", "--file", str(path)]) == 1
    assert "第 2 行" in capsys.readouterr().out


def test_wechat_refusal_is_explained(menu_env, capsys):
    menu_env.state.inject("/cgi-bin/menu/create", 40164)

    assert main(["menu", "push"]) == 1
    assert "微信拒绝了请求：40164" in capsys.readouterr().out
