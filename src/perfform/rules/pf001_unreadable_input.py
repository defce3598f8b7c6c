"""The input cannot be read as a form: damaged, encrypted, too large, or a format perfform does not read.

Why: nothing can be checked in a file that cannot be read. The reader reports this instead of a traceback, and
the run goes on with the next file. Files are recognised by content: .docx, .xlsx, text dumps (UTF-8, GB18030,
UTF-16) and, where LibreOffice is installed, Word 97–2003 .doc and .wps. PDFs, images, password-protected
Office files, zip bombs and XML with entity declarations are refused. This finding cannot be turned off.

Fails:
    form.pdf        (a PDF document: not supported)
    form.docx       (password-protected Office file)
    form.doc        (on a machine without LibreOffice: the message says how to install it)
    a .docx whose zip archive is truncated

Passes:
    form.docx saved by Word or LibreOffice, form.xlsx, form.doc (with LibreOffice), or the form's text dump
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
