"""Configuration: which rules run, at which severity, with which options, and which findings are waived.

Read from `perfform.toml` or the `[tool.perfform]` table of `pyproject.toml`, found by searching from the
checked path upwards (or named explicitly). Every mistake in it is a `ConfigError` with one line that names
the key; the CLI turns it into exit code 2.

    select = ["all"]                 # codes, names, tags or code prefixes ("PF1"); "all" is every rule
    ignore = ["PF203"]
    [severity]
    income-expenditure-mismatch = "off"   # error | warning | info | off
    [options.PF104]
    tolerance_points = 0.2
    [[waivers]]
    file = "filings/2022/*.docx"     # glob, matched against the input's path
    code = "PF104"                   # code or name
    at = "funding.income.items[0]"   # optional: model path prefix, or a place ("line 120", "table 1, row 27")
    reason = "上年结转资金单列，占比按财政口径计算"
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from perfform import rules as registry
from perfform.diagnostics import Diagnostic, Severity
from perfform.rules.base import Rule, RuleOptions

ALL = "all"
CONFIG_FILE = "perfform.toml"
PYPROJECT = "pyproject.toml"

SeverityName = Literal["error", "warning", "info", "off"]


class ConfigError(Exception):
    """A configuration mistake; `message` is one line naming the key."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Waiver(BaseModel):
    """An accepted finding: not reported, with the reason on record."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    file: str
    code: str
    at: str | None = None
    reason: str

    @field_validator("code")
    @classmethod
    def _known_rule(cls, code: str) -> str:
        rule = registry.get(code)
        if rule is None:
            raise ValueError(f"unknown rule {code!r} (expected a code such as PF104 or a name)")
        return rule.code

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, reason: str) -> str:
        if not reason.strip():
            raise ValueError("a waiver needs a non-empty reason")
        return reason.strip()

    def matches(self, file: str, diagnostic: Diagnostic) -> bool:
        if diagnostic.code != self.code or not _file_matches(file, self.file):
            return False
        return self.at is None or _at_matches(self.at, diagnostic)


class Config(BaseModel):
    # defer_build: the validator is made when a configuration is first validated. A run with no
    # configuration file and no flags validates none (`default`), so it never makes one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    select: list[str] = Field(default_factory=lambda: [ALL])
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    waivers: list[Waiver] = Field(default_factory=list)
    strict: bool = False
    """Warnings fail the run too (exit code 1)."""
    max_size: int | None = Field(default=None, gt=0)
    """Largest input in bytes; None keeps the readers' caps (64 MiB for Office files, 256 KiB for dumps)."""

    _severity: dict[str, SeverityName] = PrivateAttr(default_factory=dict)
    _options: dict[str, RuleOptions] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        """Resolve codes and names, and validate each rule's options with its own model."""
        for key in ("select", "ignore"):
            for selector in getattr(self, key):
                if selector.strip().lower() != ALL and not registry.lookup(selector):
                    raise ConfigError(f"{key}: unknown rule, tag or code prefix {selector!r}")
        for key, level in self.severity.items():
            rule = _rule(f"severity.{key}", key)
            if rule.code in self._severity:
                raise ConfigError(
                    f"severity.{key}: the severity of {rule.code} is given twice (by code and name)"
                )
            self._severity[rule.code] = level
        for key, values in self.options.items():
            rule = _rule(f"options.{key}", key)
            if rule.code in self._options:
                raise ConfigError(
                    f"options.{key}: options for {rule.code} are given twice (by code and name)"
                )
            try:
                self._options[rule.code] = rule.options.model_validate(values)
            except ValidationError as exc:
                raise ConfigError(_one_line(exc, prefix=f"options.{key}")) from None

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise ConfigError(_one_line(exc)) from None

    @classmethod
    def default(cls) -> Config:
        """`Config()`, without validating the defaults (they are valid; `model_post_init` still runs)."""
        return cls.model_construct()

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "config") -> Config:
        """Validate a mapping (a TOML table); any mistake is a `ConfigError` prefixed with `source`."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise ConfigError(f"{source}: {_one_line(exc)}") from None
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc.message}") from None

    def merged(
        self,
        *,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        strict: bool | None = None,
        max_size: int | None = None,
    ) -> Config:
        """Command-line flags over the file: --select replaces `select`, --ignore adds to `ignore`."""
        if not select and not ignore and strict is None and max_size is None:
            return self
        data = self.model_dump()
        if select:
            data["select"] = list(select)
        if ignore:
            data["ignore"] = [*self.ignore, *ignore]
        if strict is not None:
            data["strict"] = strict
        if max_size is not None:
            data["max_size"] = max_size
        return Config.from_dict(data, source="command line")

    def selected(self) -> tuple[Rule, ...]:
        """The rules to run, in registry order: selected, not ignored, not turned off."""
        wanted = _expand(self.select)
        dropped = _expand(self.ignore)
        return tuple(
            r
            for r in registry.all_rules()
            if r.code in wanted and r.code not in dropped and self._severity.get(r.code) != "off"
        )

    def severity_of(self, rule: Rule) -> Severity | None:
        """The severity a rule reports at; None when it is turned off."""
        level = self._severity.get(rule.code)
        if level is None:
            return rule.severity
        return None if level == "off" else Severity(level)

    def options_of(self, rule: Rule) -> RuleOptions:
        options = self._options.get(rule.code)
        # The defaults need no validation (an options model validates what a configuration gives it).
        return rule.options.model_construct() if options is None else options

    def waiver_for(self, file: str, diagnostic: Diagnostic) -> Waiver | None:
        return next((w for w in self.waivers if w.matches(file, diagnostic)), None)


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The configuration for inputs under `start`: `explicit` if given, else the nearest file upwards."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        found = _read(explicit)
        if found is None:
            raise ConfigError(f"{explicit}: no [tool.perfform] table")
        return Config.from_dict(found, source=str(explicit))
    here = start.resolve()
    for folder in (here, *here.parents) if here.is_dir() else here.parents:
        for name in (CONFIG_FILE, PYPROJECT):
            path = folder / name
            if path.is_file():
                data = _read(path)
                if data is not None:
                    return Config.from_dict(data, source=str(path))
    return Config.default()


def _read(path: Path) -> dict[str, Any] | None:
    """The perfform table of a file; None for a pyproject.toml without [tool.perfform]."""
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name != PYPROJECT:
        return data
    table = data.get("tool", {}).get("perfform")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.perfform] must be a table")
    return table


def _rule(key: str, code_or_name: str) -> Rule:
    rule = registry.get(code_or_name)
    if rule is None:
        raise ConfigError(f"{key}: unknown rule {code_or_name!r} (expected a code such as PF104 or a name)")
    return rule


def _expand(selectors: list[str]) -> set[str]:
    codes: set[str] = set()
    for selector in selectors:
        if selector.strip().lower() == ALL:
            codes.update(r.code for r in registry.all_rules())
        else:
            codes.update(r.code for r in registry.lookup(selector))
    return codes


def _one_line(exc: ValidationError, prefix: str = "") -> str:
    """The first error as "key.sub[0]: message"."""
    error = exc.errors()[0]
    key = prefix
    for part in error["loc"]:
        key += f"[{part}]" if isinstance(part, int) else f".{part}" if key else str(part)
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        message = "required key is missing"
    elif error["type"] == "extra_forbidden":
        message = "unknown key"
    return f"{key}: {message}" if key else message


def _file_matches(file: str, pattern: str) -> bool:
    posix = file.replace("\\", "/")
    return fnmatchcase(posix, pattern) or PurePosixPath(posix).match(pattern)


def _at_matches(at: str, diagnostic: Diagnostic) -> bool:
    """`at` is a model path prefix ("goals[3]") or a place ("line 120", "table 1, row 27")."""
    path = diagnostic.path or ""
    if path == at or path.startswith((f"{at}.", f"{at}[")):
        return True
    where = diagnostic.where()
    return bool(where) and (where == at or where.startswith(f"{at}, "))
