"""Names and addresses of the demo court's parties: people, companies and banks of 蓝田县 and 西安."""

from __future__ import annotations

import random

from ..people import LAWYER_USERS

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅文斌建国海燕志国庆春生宝林"
_ENTITY_PREFIX = ["蓝田县", "西安市", "陕西", "西安"]
_ENTITY_CORE = ["秦岭", "灞源", "玉山", "辋川", "汤峪", "华胥", "白鹿原", "蓝关", "焦岱", "长安", "关中", "渭北"]
_ENTITY_KIND = ["建筑工程有限公司", "商贸有限公司", "物业服务有限公司", "农业科技有限公司", "实业有限公司",
                 "运输有限公司", "建材有限责任公司", "餐饮管理有限公司"]
_BANKS = ["中国农业银行股份有限公司蓝田县支行", "陕西蓝田农村商业银行股份有限公司", "中国建设银行股份有限公司西安分行",
           "中国工商银行股份有限公司西安分行", "招商银行股份有限公司信用卡中心", "中国平安财产保险股份有限公司陕西分公司"]
_TOWNS = ["蓝关街道", "洩湖镇", "华胥镇", "前卫镇", "汤峪镇", "焦岱镇", "玉山镇", "三里镇", "普化镇", "葛牌镇",
           "九间房镇", "辋川镇", "厚镇", "孟村镇", "小寨镇", "三官庙镇", "灞源镇", "蓝桥镇"]

#: The law firms that represent parties at the demo court: those of its lawyer logins.
LAW_FIRMS = [lawyer.law_firm for lawyer in LAWYER_USERS]


def person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def entity_name(rng: random.Random, bank: bool = False) -> str:
    if bank:
        return rng.choice(_BANKS)
    return rng.choice(_ENTITY_PREFIX) + rng.choice(_ENTITY_CORE) + rng.choice(_ENTITY_KIND)


def address(rng: random.Random) -> str:
    return f"陕西省西安市蓝田县{rng.choice(_TOWNS)}{rng.choice(_ENTITY_CORE)}村{rng.randint(1, 12)}组{rng.randint(1, 80)}号"

