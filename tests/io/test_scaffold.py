"""zhangkuan init: a directory that loads clean, shows every default, and never overwrites."""

from __future__ import annotations

import pytest

from zhangkuan.io.loader import load_books
from zhangkuan.io.scaffold import init_books
from zhangkuan.model.config import BooksConfig
from zhangkuan.model.findings import BooksError


def test_init_then_load_gives_no_findings_and_the_default_configuration(tmp_path):
    target = tmp_path / "浦江"
    written = init_books(target, "上海浦江商贸有限公司: 总部 #1")
    assert [path.name for path in written] == ["books.yaml", "customers.csv", "contracts.csv", "ledger.csv", "refunds.csv", "collections.csv"]
    books, findings = load_books(target)
    assert findings == []
    # books.yaml writes the defaults out: loading it gives exactly what an empty one would.
    assert books.config == BooksConfig(company="上海浦江商贸有限公司: 总部 #1")


def test_record_files_are_header_only_utf8_with_bom(tmp_path):
    init_books(tmp_path, "甲")
    assert (tmp_path / "ledger.csv").read_bytes() == "\ufeffdate,kind,doc,customer,contract,amount,due,applies_to,memo\r\n".encode("utf-8")
    assert (tmp_path / "customers.csv").read_bytes().startswith("\ufeffid,name,credit_limit,terms_days,".encode("utf-8"))


def test_books_yaml_explains_each_section_in_both_languages(tmp_path):
    init_books(tmp_path, None)
    text = (tmp_path / "books.yaml").read_text(encoding="utf-8")
    for words in ("企业会计准则", "accounting standard", "合同负债", "坏账准备", "审批", "approval", "诉讼时效", "limitation"):
        assert words in text
    assert f'company: "{tmp_path.name}"' in text  # the directory name when no company is given


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "customers.yaml").write_text("- {id: C1, name: 甲}\n", encoding="utf-8")
    with pytest.raises(BooksError) as raised:
        init_books(tmp_path, "甲")
    assert [finding.code for finding in raised.value.findings] == ["books_exist"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["customers.yaml"]
