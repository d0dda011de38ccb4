"""The live reference charts: national object classes (用途別科目), economic classes (經濟性分類),
economic mappings and grant recipient rules, as tuples.

One source for the parsers (personnel_expense names, function_economic columns, ...). The
initial migration keeps its own frozen copy of what it seeded into core.object_classes,
core.economic_classes, core.economic_mappings and core.grant_recipient_rules; this module
is plain data (no SQLAlchemy, no Alembic) so parsing workers import it in microseconds.

Shapes:
- OBJECT_CLASSES: (code, name, level, parent_code, default_expenditure_type)
- ECONOMIC_CLASSES: (code, name, side, group, printed order) as 歲出按職能及經濟性綜合分類表
  prints its columns
- ECONOMIC_MAPPINGS: (source_kind, source_code, economic_code, rule)
- GRANT_RECIPIENT_RULES: (pattern, recipient_class, priority, rule)
"""

from __future__ import annotations

OBJECT_CLASSES = [
    ("1000", "人事費", 1, None, "current"),
    ("1005", "民意代表待遇", 2, "1000", "current"),
    ("1010", "政務人員待遇", 2, "1000", "current"),
    ("1015", "法定編制人員待遇", 2, "1000", "current"),
    ("1020", "約聘僱人員待遇", 2, "1000", "current"),
    ("1025", "技工及工友待遇", 2, "1000", "current"),
    ("1030", "獎金", 2, "1000", "current"),
    ("1035", "其他給與", 2, "1000", "current"),
    ("1040", "加班值班費", 2, "1000", "current"),
    ("1045", "退休退職給付", 2, "1000", "current"),
    ("1050", "退休離職儲金", 2, "1000", "current"),
    ("1055", "保險", 2, "1000", "current"),
    ("1060", "調待準備", 2, "1000", "current"),
    ("2000", "業務費", 1, None, "current"),
    ("2003", "教育訓練費", 2, "2000", "current"),
    ("2006", "水電費", 2, "2000", "current"),
    ("2009", "通訊費", 2, "2000", "current"),
    ("2021", "其他業務租金", 2, "2000", "current"),
    ("2024", "稅捐及規費", 2, "2000", "current"),
    ("2027", "保險費", 2, "2000", "current"),
    ("2036", "按日按件計資酬金", 2, "2000", "current"),
    ("2039", "委辦費", 2, "2000", "current"),
    ("2051", "物品", 2, "2000", "current"),
    ("2054", "一般事務費", 2, "2000", "current"),
    ("2063", "房屋建築養護費", 2, "2000", "current"),
    ("2066", "車輛及辦公器具養護費", 2, "2000", "current"),
    ("2069", "設施及機械設備養護費", 2, "2000", "current"),
    ("2072", "國內旅費", 2, "2000", "current"),
    ("2075", "大陸地區旅費", 2, "2000", "current"),
    ("2078", "國外旅費", 2, "2000", "current"),
    ("2081", "運費", 2, "2000", "current"),
    ("2084", "短程車資", 2, "2000", "current"),
    ("2093", "特別費", 2, "2000", "current"),
    ("3000", "設備及投資", 1, None, "capital"),
    ("3005", "土地", 2, "3000", "capital"),
    ("3010", "房屋建築及設備費", 2, "3000", "capital"),
    ("3015", "公共建設及設施費", 2, "3000", "capital"),
    ("3020", "機械設備費", 2, "3000", "capital"),
    ("3025", "運輸設備費", 2, "3000", "capital"),
    ("3030", "資訊軟硬體設備費", 2, "3000", "capital"),
    ("3035", "雜項設備費", 2, "3000", "capital"),
    ("3040", "權利", 2, "3000", "capital"),
    ("3045", "投資", 2, "3000", "capital"),
    ("4000", "獎補助費", 1, None, "current"),
    # 4005-4030, 4045, 4065, 4080: seeded by migration 0011 (NEW_CLASSES)
    ("4005", "對直轄市政府之補助", 2, "4000", "current"),
    ("4010", "對各縣市政府之補助", 2, "4000", "current"),
    ("4030", "對特種基金之補助", 2, "4000", "current"),
    ("4040", "對國內團體之捐助", 2, "4000", "current"),
    ("4045", "對私校之獎助", 2, "4000", "current"),
    ("4065", "社會福利津貼及濟助", 2, "4000", "current"),
    ("4080", "損失及賠償", 2, "4000", "current"),
    ("4085", "獎勵及慰問", 2, "4000", "current"),
    ("5000", "債務費", 1, None, "current"),
    ("6000", "預備金", 1, None, "current"),
    ("6005", "第一預備金", 2, "6000", "current"),
]

# (code, name, side, group, printed order) as 歲出按職能及經濟性綜合分類表 prints its columns.
ECONOMIC_CLASSES = [
    ("current.compensation", "受僱人員報酬", "current", None, 10),
    ("current.goods_services", "商品及勞務購買支出", "current", None, 20),
    ("current.interest", "債務利息", "current", None, 30),
    ("current.land_rent", "土地租金支出", "current", None, 40),
    ("current.transfer.enterprise", "對企業", "current", "經常移轉", 50),
    ("current.transfer.household", "對家庭及民間非營利機構", "current", "經常移轉", 60),
    ("current.transfer.government", "對政府", "current", "經常移轉", 70),
    ("current.transfer.abroad", "對國外", "current", "經常移轉", 80),
    ("current.total", "經常支出合計", "current", None, 90),
    ("capital.investment.business_fund", "對營業基金", "capital", "投資及增資", 100),
    ("capital.investment.special_fund", "對非營業特種基金", "capital", "投資及增資", 110),
    ("capital.investment.private", "對民間企業", "capital", "投資及增資", 120),
    ("capital.transfer.enterprise", "對企業", "capital", "資本移轉", 130),
    ("capital.transfer.household", "對家庭及民間非營利機構", "capital", "資本移轉", 140),
    ("capital.transfer.government", "對政府", "capital", "資本移轉", 150),
    ("capital.transfer.abroad", "對國外", "capital", "資本移轉", 160),
    ("capital.land", "土地購入", "capital", None, 170),
    ("capital.intangible", "無形資產購入", "capital", None, 180),
    ("capital.fixed.housing", "住宅", "capital", "固定資本形成", 190),
    ("capital.fixed.non_residential", "非住宅房屋", "capital", "固定資本形成", 200),
    ("capital.fixed.construction", "營建工程", "capital", "固定資本形成", 210),
    ("capital.fixed.transport", "運輸工具", "capital", "固定資本形成", 220),
    ("capital.fixed.software", "資訊軟體", "capital", "固定資本形成", 230),
    ("capital.fixed.machinery", "機器及其他設備", "capital", "固定資本形成", 240),
    ("capital.fixed.land_improvement", "土地改良", "capital", "固定資本形成", 250),
    ("capital.total", "資本支出合計", "capital", None, 260),
    ("total", "總計", "total", None, 270),
]

_PERSONNEL = "人事費 is pay of the agency's own staff: 受僱人員報酬."
_GOODS = "業務費 and 預備金 buy goods and services: 商品及勞務購買支出."
ECONOMIC_MAPPINGS = [
    *[
        ("object_class", c, "current.compensation", _PERSONNEL)
        for c in (
            "1005",
            "1010",
            "1015",
            "1020",
            "1025",
            "1030",
            "1035",
            "1040",
            "1045",
            "1050",
            "1055",
            "1060",
        )
    ],
    (
        "object_class",
        "2000",
        "current.goods_services",
        _GOODS + " Every 2000-series class not listed otherwise falls here. The document may"
        " allocate part of 業務費 (e.g. fees paid to persons) to 受僱人員報酬; the comparison"
        " shows such differences instead of hiding them.",
    ),
    ("object_class", "6000", "current.goods_services", _GOODS),
    ("object_class", "5000", "current.interest", "債務費 is interest on public debt."),
    (
        "object_class",
        "4000",
        "transfer",
        "獎補助費 are transfers; the grant's recipient kind (grant_recipient rows) picks the"
        " category, and capital grants go to 資本移轉.",
    ),
    (
        "grant_recipient",
        "enterprise",
        "transfer.enterprise",
        "Companies, sole proprietors, partnerships, competing firms: 對企業.",
    ),
    (
        "grant_recipient",
        "nonprofit",
        "transfer.household",
        "Foundations (財團法人) and other private non-profits: 對家庭及民間非營利機構.",
    ),
    (
        "grant_recipient",
        "household",
        "transfer.household",
        "Individuals, students, retirees: 對家庭及民間非營利機構.",
    ),
    (
        "grant_recipient",
        "government",
        "transfer.government",
        "Local governments and public bodies: 對政府.",
    ),
    (
        "grant_recipient",
        "abroad",
        "transfer.abroad",
        "Foreign governments and international bodies: 對國外.",
    ),
    ("capital_class", "3005", "capital.land", "土地 purchases: 土地購入."),
    ("capital_class", "3010", "capital.fixed.non_residential", "房屋建築及設備: 非住宅房屋."),
    ("capital_class", "3015", "capital.fixed.construction", "公共建設及設施: 營建工程."),
    ("capital_class", "3020", "capital.fixed.machinery", "機械設備: 機器及其他設備."),
    ("capital_class", "3025", "capital.fixed.transport", "運輸設備: 運輸工具."),
    (
        "capital_class",
        "3030",
        "capital.fixed.software",
        "資訊軟硬體設備: 資訊軟體 (hardware would be 機器及其他設備; the chart does not split them).",
    ),
    ("capital_class", "3035", "capital.fixed.machinery", "雜項設備: 機器及其他設備."),
    ("capital_class", "3040", "capital.intangible", "權利: 無形資產購入."),
    (
        "capital_class",
        "3045",
        "capital.investment.private",
        "投資: 投資及增資 對民間企業 unless the document says otherwise.",
    ),
]

GRANT_RECIPIENT_RULES = [
    ("財團法人", "nonprofit", 10, "Foundations are private non-profit institutions."),
    ("社團法人", "nonprofit", 10, "Associations are private non-profit institutions."),
    ("學校", "nonprofit", 20, "Private schools and universities."),
    ("學生", "household", 30, "Students are households."),
    ("個人", "household", 30, "Individuals are households."),
    ("退休", "household", 30, "Retired staff are households."),
    ("縣市政府", "government", 40, "Local governments."),
    ("政府", "government", 45, "Other governments."),
    ("國外", "abroad", 50, "Foreign recipients."),
    ("國際", "abroad", 55, "International bodies."),
    ("公司", "enterprise", 60, "Companies."),
    ("企業", "enterprise", 60, "Enterprises, including firms entering competitions."),
    ("事業", "enterprise", 65, "Sole proprietorships and partnerships (獨資、合夥事業)."),
]

# Charts read only by views (generated into staging views at view sync by
# unitbudget.chart_views, like published_tables from the catalog): they need no seeded table,
# so adding a row needs no migration.

# 職能別 of a work plan by its 政事別, the first two digits of the 10-digit work-plan code
# (3708010100 一般行政 is under 37 民政支出): (政事別 code, 政事別 name, functional code,
# functional name, rule). Only pairings seen in published 歲出按職能及經濟性綜合分類表 are listed;
# 政事別 such as 52 科學支出 spread over several functions by agency, so a document that prints
# one functional class puts all its work plans there whatever this chart says.
POLICY_FUNCTIONS = [
    ("37", "民政支出", "01", "一般公共事務", "民政支出 is 一般公共事務 (內政部 114)."),
    ("63", "福利服務支出", "06", "社會安全與福利", "福利服務支出 is 社會安全與福利 (內政部 114)."),
]

# Economic rules beside core.economic_mappings / core.grant_recipient_rules:
# (source_kind, source_code, pattern, economic_code, priority, rule).
# - object_class: a level-2 class the seeded mappings lack (pattern unused, '').
# - capital_class: a capital class whose line items of a sub-plan named with pattern go
#   elsewhere than the seeded capital_class mapping says.
# - capital_portion: the part of a level-1 class (source_code) the 說明 states as 資本支出
#   (core.capital_portions); it leaves the class's current category for economic_code.
# - transfer: a 獎補助費 row of 捐助經費分析表 or 補助經費分析表 (grant or subsidy) of class
#   source_code ('' = any class, e.g. a subsidy, whose rows carry no class) whose recipient
#   contains pattern ('' = any). economic_code is the side-less category; the lowest priority
#   wins among these and the seeded recipient rules (priorities 10-65): 0 decides before the
#   recipient, 100 is the class's default when no recipient rule matches.
ECONOMIC_RULES = [
    ("object_class", "2012", "", "current.land_rent", 0, "土地租金: 土地租金支出."),
    (
        "capital_portion",
        "2000",
        "",
        "capital.fixed.machinery",
        0,
        "業務費 the 說明 states as 資本支出 (small equipment, upkeep works): 機器及其他設備.",
    ),
    (
        "capital_class",
        "3045",
        "基金",
        "capital.investment.special_fund",
        0,
        "投資 by a sub-plan named for a fund (基金, e.g. 補助實施平均地權基金): 對非營業特種基金.",
    ),
    (
        "transfer",
        "4005",
        "",
        "transfer.government",
        0,
        "對直轄市政府之補助: 對政府, whoever the row names.",
    ),
    (
        "transfer",
        "4010",
        "",
        "transfer.government",
        0,
        "對各縣市政府之補助: 對政府, whoever the row names.",
    ),
    ("transfer", "4030", "", "transfer.government", 0, "對特種基金之補助: 對政府."),
    (
        "transfer",
        "",
        "特種基金",
        "transfer.government",
        0,
        "Special funds (特種基金) are government: 對政府.",
    ),
    (
        "transfer",
        "4045",
        "",
        "transfer.enterprise",
        0,
        "對私校之獎助: private schools are classed 對企業 (內政部 114).",
    ),
    (
        "transfer",
        "",
        "事務所",
        "transfer.enterprise",
        0,
        "Offices of licensed professionals (事務所) are firms: 對企業.",
    ),
    ("transfer", "4065", "", "transfer.household", 0, "社會福利津貼及濟助 go to households."),
    (
        "transfer",
        "4080",
        "",
        "transfer.household",
        0,
        "損失及賠償 compensate persons: 對家庭及民間非營利機構.",
    ),
    (
        "transfer",
        "4040",
        "",
        "transfer.household",
        100,
        "對國內團體之捐助 with no recipient rule: domestic groups are 民間非營利機構.",
    ),
    (
        "transfer",
        "4085",
        "",
        "transfer.household",
        100,
        "獎勵及慰問 with no recipient rule: persons and groups, 對家庭及民間非營利機構.",
    ),
]
