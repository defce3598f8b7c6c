"""One self-contained HTML page: every file with its status, every finding with its cell, summaries.

    perfform validate submissions/ --format html -o report.html

The page has inline CSS and JavaScript only (no network, no external fonts). Its Content-Security-Policy
allows nothing but its own style and script (by hash), so even text that slipped through escaping could not
run. Every text from a form is escaped. Tables sort by a click on a column header; findings filter by rule
code, severity and free text. The rows come from `perfform.tables` (the same columns as `perfform export`).

Departments and years come from each result's filing, which `perfform validate --format html` asks the runner
to keep (`batch.run(keep_filing=True)`); no file is read twice.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from html import escape
from typing import TextIO

from perfform import __version__
from perfform.batch import FileResult
from perfform.diagnostics import Severity
from perfform.report import Summary
from perfform.tables import FILINGS, FINDINGS, Column, Entry, Row, Table, filing_row, finding_rows

UNKNOWN_DEPARTMENT = "（未识别）"
FILE_COLUMNS = ("file", "department", "year", "status", "errors", "warnings", "infos")
FINDING_COLUMNS = ("file", "department", "code", "name", "severity", "location", "found", "expected")
FINDING_TEXT = ("message", "suggestion")
NUMERIC = frozenset({"year", "errors", "warnings", "infos", "files", "findings"})

CSS = """
:root{color-scheme:light;--line:#d0d7de;--muted:#57606a;--error:#cf222e;--warning:#9a6700;--info:#0969da;
--ok:#1a7f37}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;
margin:0 auto;padding:1rem 2rem;max-width:100rem;color:#1f2328}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;white-space:nowrap}th button{all:unset;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num{text-align:right}.muted,.msg small{color:var(--muted)}.msg{min-width:20rem}
.sev-error,.st-invalid,.st-unreadable{color:var(--error);font-weight:600}.sev-warning{color:var(--warning)}
.sev-info{color:var(--info)}.st-ok{color:var(--ok);font-weight:600}
.totals span{margin-right:1.5rem}.controls{display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
button.code{all:unset;cursor:pointer;color:var(--info);text-decoration:underline;font-family:monospace}
"""

JS = """
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr[data-code]"));
  var code = document.getElementById("filter-code");
  var severity = document.getElementById("filter-severity");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  function apply() {
    var c = code.value, s = severity.value, t = text.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var keep = (!c || row.getAttribute("data-code") === c) &&
        (!s || row.getAttribute("data-severity") === s) &&
        (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown + " / " + rows.length;
  }
  code.addEventListener("change", apply);
  severity.addEventListener("change", apply);
  text.addEventListener("input", apply);
  Array.prototype.forEach.call(document.querySelectorAll("button[data-filter-code]"), function (b) {
    b.addEventListener("click", function () {
      code.value = b.getAttribute("data-filter-code");
      apply();
      document.getElementById("findings").scrollIntoView();
    });
  });
  function key(cell) {
    var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    return v.trim();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) { return x - y; }
    return a.localeCompare(b, "zh-CN", {numeric: true});
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable th button"), function (button) {
    button.addEventListener("click", function () {
      var th = button.parentNode, table = th.closest("table");
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var list = Array.prototype.filter.call(body.rows, function (r) { return r.cells.length > 1; });
      list.sort(function (a, b) {
        return compare(key(a.cells[index]), key(b.cells[index])) * (ascending ? 1 : -1);
      });
      list.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
}());
"""


class Reporter:
    def __init__(self, stream: TextIO, *, strict: bool = False) -> None:
        self.stream = stream
        self.entries: list[Entry] = []

    def add(self, result: FileResult) -> None:
        self.entries.append(result)

    def finish(self, summary: Summary) -> None:
        self.stream.write(render(sorted(self.entries, key=lambda e: e.path), summary))


def render(entries: Sequence[Entry], summary: Summary) -> str:
    files = [filing_row(e) for e in entries]
    findings = [row for e in entries for row in finding_rows(e)]
    body = [
        "<h1>perfform 绩效目标表审核报告</h1>",
        _totals(summary),
        "<h2>按规则汇总</h2>",
        _rule_summary(findings),
        "<h2>按部门汇总</h2>",
        _department_summary(files),
        "<h2>文件</h2>",
        _table("files", _columns(FILINGS, FILE_COLUMNS), files),
        '<h2 id="findings-title">审核发现</h2>',
        _controls(findings),
        _findings_table(findings),
    ]
    style, script = CSS.strip(), JS.strip()
    policy = f"default-src 'none'; style-src '{_hash(style)}'; script-src '{_hash(script)}'"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="perfform {escape(__version__)}">\n'
        f"<title>perfform 审核报告</title>\n<style>{style}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{script}</script>\n</body>\n</html>\n"
    )


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _columns(table: Table, keys: Iterable[str]) -> list[Column]:
    columns = {c.key: c for c in table.columns}
    return [columns[key] for key in keys]


def _totals(summary: Summary) -> str:
    parts = [
        ("文件", summary.files, ""),
        ("通过", summary.ok, "st-ok"),
        ("未通过", summary.invalid, "st-invalid"),
        ("无法读取", summary.unreadable, "st-unreadable"),
        ("错误", summary.errors, "sev-error"),
        ("警告", summary.warnings, "sev-warning"),
        ("提示", summary.infos, "sev-info"),
    ]
    spans = "".join(f'<span>{label} <b class="{cls}">{n}</b></span>' for label, n, cls in parts)
    return f'<p class="totals" id="totals">{spans}</p><p class="muted">perfform {escape(__version__)}</p>'


def _rule_summary(findings: list[Row]) -> str:
    by_code: dict[str, list[Row]] = defaultdict(list)
    for row in findings:
        by_code[str(row["code"])].append(row)
    rows = []
    for code in sorted(by_code):
        group = by_code[code]
        severities = Counter(str(r["severity"]) for r in group)
        rows.append(
            "<tr>"
            f'<td><button type="button" class="code" data-filter-code="{escape(code)}">{escape(code)}</button></td>'
            f"<td>{escape(str(group[0]['name']))}</td>"
            + "".join(_num(severities.get(s.value, 0)) for s in Severity)
            + _num(len({r["file"] for r in group}))
            + "</tr>"
        )
    head = ["规则代码", "规则名称", "错误", "警告", "提示", "涉及文件"]
    return _plain_table("rules", head, rows, "没有审核发现")


def _department_summary(files: list[Row]) -> str:
    by_department: dict[str, list[Row]] = defaultdict(list)
    for row in files:
        by_department[str(row["department"] or UNKNOWN_DEPARTMENT)].append(row)
    rows = []
    for department in sorted(by_department):
        group = by_department[department]
        statuses = Counter(str(r["status"]) for r in group)
        cells = [len(group), statuses["ok"], statuses["invalid"], statuses["unreadable"]]
        cells += [sum(int(r[k] or 0) for r in group) for k in ("errors", "warnings", "infos")]
        rows.append(f"<tr><td>{escape(department)}</td>" + "".join(_num(n) for n in cells) + "</tr>")
    head = ["部门", "文件", "通过", "未通过", "无法读取", "错误", "警告", "提示"]
    return _plain_table("departments", head, rows, "没有文件")


def _plain_table(ident: str, head: list[str], rows: list[str], empty: str) -> str:
    ths = "".join(f'<th scope="col"><button type="button">{escape(h)}</button></th>' for h in head)
    body = "\n".join(rows) or f'<tr><td colspan="{len(head)}" class="muted">{escape(empty)}</td></tr>'
    return (
        f'<table id="{ident}" class="sortable"><thead><tr>{ths}</tr></thead><tbody>\n{body}\n</tbody></table>'
    )


def _table(ident: str, columns: list[Column], rows: list[Row]) -> str:
    cells = [
        "<tr>" + "".join(_td(column.key, row.get(column.key)) for column in columns) + "</tr>" for row in rows
    ]
    return _plain_table(ident, [c.zh for c in columns], cells, "没有文件")


def _findings_table(findings: list[Row]) -> str:
    columns = _columns(FINDINGS, FINDING_COLUMNS)
    rows = []
    for row in findings:
        cells = "".join(_td(column.key, row.get(column.key)) for column in columns)
        message = escape(str(row["message"] or ""))
        if row.get("suggestion"):
            message += f"<br><small>建议：{escape(str(row['suggestion']))}</small>"
        code, severity = escape(str(row["code"])), escape(str(row["severity"]))
        rows.append(
            f'<tr data-code="{code}" data-severity="{severity}">{cells}<td class="msg">{message}</td></tr>'
        )
    head = [c.zh for c in columns] + ["说明"]
    return _plain_table("findings", head, rows, "没有审核发现")


def _controls(findings: list[Row]) -> str:
    codes = sorted({str(r["code"]) for r in findings})
    code_options = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in codes)
    severity_options = "".join(f'<option value="{s.value}">{s.value}</option>' for s in Severity)
    return (
        '<div class="controls">'
        '<label>规则 <select id="filter-code"><option value="">全部</option>'
        f"{code_options}</select></label>"
        '<label>级别 <select id="filter-severity"><option value="">全部</option>'
        f"{severity_options}</select></label>"
        '<label>查找 <input id="filter-text" type="search"></label>'
        '<span>显示 <output id="filter-count"></output></span></div>'
    )


def _td(key: str, value: object) -> str:
    text = "" if value is None else str(value)
    classes = []
    if key in NUMERIC:
        classes.append("num")
    if key == "severity":
        classes.append(f"sev-{text}")
    if key == "status":
        classes.append(f"st-{text}")
    cls = f' class="{escape(" ".join(classes))}"' if classes else ""
    inner = f"<code>{escape(text)}</code>" if key == "code" else escape(text)
    return f"<td{cls}>{inner}</td>"


def _num(n: int) -> str:
    return f'<td class="num">{n}</td>'
