"""Template values fitted to WeChat's keyword types: one line, at most 20 characters, cut with "…"."""

from __future__ import annotations

import pytest

from notices.fields import fit_value

CASES = [
    # (keyword, value, expected)
    ("thing1", "王小美", "王小美"),
    ("thing1", "一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九十"),
    ("thing1", "一二三四五六七八九十一二三四五六七八九十一", "一二三四五六七八九十一二三四五六七八九…"),
    ("thing4", "第一行\n第二行", "第一行 第二行"),
    ("thing4", "  两个   空格\t制表  ", "两个 空格 制表"),
    ("thing1", "", "无"),
    ("thing1", None, "无"),
    ("character_string5", "MTD202612050001", "MTD202612050001"),
    ("character_string3", "SF1234567890123456789012345", "SF123456789012345678"),
    ("character_string3", "单号SF123", "SF123"),
    ("phrase2", "已通过", "已通过"),
    ("phrase2", "审核已经通过了", "审核已经通"),
    ("phone_number5", "138-0000-0001", "138-0000-0001"),
    ("phone_number5", "", "-"),
    ("number2", "344", "344"),
    ("time2", "2026年12月05日 09:30", "2026年12月05日 09:30"),
]


@pytest.mark.parametrize("keyword, value, expected", CASES)
def test_fit_value(keyword, value, expected):
    assert fit_value(keyword, value) == expected


@pytest.mark.parametrize("keyword", ["thing1", "character_string2", "phrase3", "phone_number4", "number5", "time6"])
def test_fitted_values_stay_within_twenty(keyword):
    fitted = fit_value(keyword, "长" * 50 + "A1-" * 20)

    assert len(fitted) <= 20
    assert "\n" not in fitted
