"""Chinese column headers for `unitbudget show`, as the published tables print them.

csv and json keep the views' English column names (stable for programs); the terminal table
shows these headers. A column missing here keeps its English name.
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    "document_id": "文件",
    "fiscal_year": "年度",
    "agency_code": "機關代碼",
    "agency_name": "機關",
    "sort_key": "序",
    "row_key": "代碼",
    "row_label": "科目或項目",
    "level": "層級",
    "row_level": "層級",
    "kuan": "款",
    "xiang": "項",
    "mu": "目",
    "jie": "節",
    "this_year": "本年度預算數",
    "last_year": "上年度預算數",
    "year_before_actual": "前年度決算數",
    "change": "本年度與上年度比較",
    "amount": "金額",
    "work_plan_code": "工作計畫",
    "sub_plan_code": "分支計畫",
    "object_class_code": "用途別科目",
    "current_personnel": "經常門人事費",
    "current_operating": "經常門業務費",
    "current_grants": "經常門獎補助費",
    "current_debt": "經常門債務費",
    "current_reserve": "經常門預備金",
    "current_subtotal": "經常門小計",
    "current_other": "經常門其他",
    "capital_operating": "資本門業務費",
    "capital_equipment": "資本門設備及投資",
    "capital_grants": "資本門獎補助費",
    "capital_reserve": "資本門預備金",
    "capital_subtotal": "資本門小計",
    "capital_construction": "資本門營建工程",
    "capital_other": "資本門其他",
    "total": "合計",
    "grant_no": "編號",
    "capital_land": "資本門土地",
    "program_number": "計畫編號",
    "land": "土地",
    "buildings": "房屋建築及設備",
    "public_works": "公共建設及設施",
    "machinery": "機械設備",
    "transport": "交通費",
    "information": "資訊軟體設備",
    "miscellaneous": "雜項設備",
    "rights": "權利",
    "investment": "投資",
    "other_capital": "其他資本支出",
    "living": "生活費",
    "office": "辦公費",
    "airfare": "機票與出國手續費",
    "study_fees": "書籍學雜等費",
    "days": "預計天數",
    "persons": "擬派人數",
    "destination": "前往國家或地區",
    "field_code": "領域代碼",
    "meeting_kind": "會議類別",
    "category": "類別",
    "account_name": "歸屬預算科目",
    "period": "預計前往期間",
    "plans_this_year": "本年度計畫項數",
    "person_days_this_year": "本年度預計人天",
    "budget_this_year": "本年度預算數",
    "plans_last_year": "上年度計畫項數",
    "person_days_last_year": "上年度核定人天",
    "budget_last_year": "上年度預算數",
    "vehicle_count": "車輛數",
    "passengers": "乘客人數",
    "displacement_cc": "汽缸總排氣量",
    "fuel_litres": "油料數量(公升)",
    "fuel_unit_price": "油料單價(元)",
    "fuel_amount": "油料金額",
    "fuel_amount_from_price": "油料金額(數量×單價)",
    "class_level": "科目層級",
    "unit": "單位",
    "total_cost": "經費需求總額",
    "prior_years": "以前年度預算數",
    "later_years": "以後年度預估需求數",
    "resolution_year": "決議年度",
    "section": "部分",
    "part": "分項",
    "item_no": "項次",
    "resolution_text": "決議、附帶決議及注意事項內容",
    "action_text": "辦理情形",
    "page": "頁次",
    "last_page": "迄頁",
    "source": "來源",
    "maintenance": "養護費",
    "other": "其他",
    "cost_this": "本年度年需經費",
    "cost_last": "上年度年需經費",
    "cost_change": "年需經費比較",
    "note": "說明",
    "total_this": "合計本年度",
    "total_last": "合計上年度",
    "total_area": "合計面積",
    "total_deposit": "合計押金",
    "total_rent": "合計租金",
    "total_maintenance": "合計年需養護費",
    "rented_area": "有償租用面積",
    "rented_deposit": "有償租用押金",
    "rented_rent": "有償租用租金",
    "rented_maintenance": "有償租用年需養護費",
    "rented_units": "有償租用單位數",
    "owned_units": "自有單位數",
    "free_loan_units": "無償借用單位數",
    "rented_use_label": "有償租用區分",
    "owned_area": "自有面積",
    "owned_cost": "自有取得成本",
    "owned_maintenance": "自有年需養護費",
    "free_loan_area": "無償借用面積",
    "free_loan_maintenance": "無償借用年需養護費",
    "rule": "歸類規則",
    "sources": "來源",
    # 歲入項目說明提要表
    "source_amount": "款金額",
    "agency_amount": "項金額",
    "item_amount": "目金額",
    "sub_item_amount": "節金額",
    "units": "承辦單位",
    "legal_basis": "法令依據",
    "content": "項目內容",
    "breakdown": "金額及說明",
}

_STAFF = {
    "officials": "職員",
    "police": "警察",
    "judicial_police": "法警",
    "guards": "駐警",
    "workers": "工友",
    "technicians": "技工",
    "drivers": "駕駛",
    "contract": "聘用",
    "temporary": "約僱",
    "overseas_local": "駐外雇員",
}
for key, name in _STAFF.items():
    LABELS[f"{key}_this"] = f"{name}本年度"
    LABELS[f"{key}_last"] = f"{name}上年度"


# A column name two published tables print under different headers: (table slug, column).
TABLE_LABELS: dict[tuple[str, str], str] = {
    ("multi_year_plans", "period"): "執行期間",
}


def header(column: str, table: str | None = None) -> str:
    """Chinese header of `column` in published table `table` (slug), else its name."""
    return TABLE_LABELS.get((table or "", column)) or LABELS.get(column, column)


# 歲出按職能及經濟性綜合分類表 prints the same category names (對企業, 對政府 ...) under
# 經常支出 and 資本支出; a flat header (csv, json keys) needs the side to tell them apart.
_SIDES = {"current": "經常", "capital": "資本"}
# Columns the regenerated table adds outside the chart (economic_classes), named here.
_EXTRA_COLUMNS = {
    "transfer.not_in_grants": "移轉支出未見於補助表",
    "transfer.unclassified": "移轉支出受補助者未分類",
}


def pivot_header(column_key: str, column_label: str | None) -> str:
    """Header of a pivoted printed column (api.show): its printed label, with 經常 / 資本 before
    an economic category of one side (column_key 'current.*' / 'capital.*') unless the label
    already says it; a key with no printed label gets a name from _EXTRA_COLUMNS, else the key.
    """
    side, _, rest = column_key.partition(".")
    label = column_label if column_label and column_label != column_key else None
    if side not in _SIDES or not rest:
        return label or column_key
    name = label or _EXTRA_COLUMNS.get(rest, rest)
    return name if name.startswith(_SIDES[side]) else _SIDES[side] + name
