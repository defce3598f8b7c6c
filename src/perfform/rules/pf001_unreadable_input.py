"""The input cannot be read as a form: not a Word document or text dump, damaged, or an unsupported format.

Why: nothing can be checked in a file that cannot be read. The reader reports this instead of a traceback, and
the run goes on with the next file. Legacy Word 97–2003 (.doc), Excel workbooks, PDFs and images are not read:
save the form as .docx, or give its text dump. This finding cannot be turned off.

Fails:
    form.pdf        (a PDF document: not a form perfform can read)
    form.doc        (a Word 97–2003 file: save it as .docx)
    a .docx whose zip archive is truncated

Passes:
    form.docx saved by Word or LibreOffice, or its tab-indented text dump (UTF-8, GB18030 or UTF-16)
"""

from __future__ import annotations

from perfform.diagnostics import Severity
from perfform.rules.base import Rule, RuleOptions, no_check

RULE = Rule(
    code="PF001",
    name="unreadable-input",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=no_check,
    tags=("input",),
    options=RuleOptions,
    input_only=True,
)
