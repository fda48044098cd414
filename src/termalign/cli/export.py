"""`termalign export`, `termalign convert`, `termalign validate`: exchange formats for CAT tools."""

from __future__ import annotations

from pathlib import Path

import typer

from termalign.cli.app import EXIT_FINDINGS, app, choices, core_errors, progress_bar, stderr, stdout
from termalign.errors import UsageError
from termalign.formats import EXTENSIONS, GLOSSARY_FORMATS, WRITABLE_UNIT_FORMATS, convert_file
from termalign.formats.validate import default_schema_dir, validate_file


# `export` writes for CAT tools (our own table is `convert`'s business).
_EXPORTABLE = tuple(f for f in (*WRITABLE_UNIT_FORMATS, *GLOSSARY_FORMATS) if f != "table")
ExportFormat = choices("ExportFormat", _EXPORTABLE)
AnyFormat = choices("AnyFormat", ("table", *_EXPORTABLE))


SRC_LANG_HELP = "Source language code written to the output (TMX tuv, TBX langSec, CSV/XLSX headers); default en-US."
TGT_LANG_HELP = "Target language code written to the output; default zh-CN."


@app.command("export")
def export(
    input: Path = typer.Argument(..., help="A glossary (our .tsv/.jsonl/.parquet, .tbx, .utf8, .csv, .xlsx) or translation units (.tmx, .xlf, a .tsv with source/target columns)."),
    to: ExportFormat = typer.Option(..., "--to", "-t", help="tmx or xliff (1.2) for translation units; tbx (v3 TBX-Basic), tbx2 (v2 martif), omegat, csv (memoQ/MultiTerm), xlsx (Phrase) for glossaries."),
    output: str | None = typer.Option(None, "--output", "-o", help="Output file ('-' = standard output); default: INPUT with the format's extension (.tmx, .tbx, .v2.tbx, .utf8, .csv, .xlsx)."),
    src_lang: str | None = typer.Option(None, "--src-lang", help=SRC_LANG_HELP),
    tgt_lang: str | None = typer.Option(None, "--tgt-lang", help=TGT_LANG_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Export a glossary or translation units for a CAT tool.

    Glossaries go to tbx, tbx2, omegat, csv or xlsx; translation units (TMX, XLIFF, bead or
    source/target tables) to tmx or xliff. The output appears only when complete.

    Examples:

        termalign export out/glossary.tsv --to tbx        (→ out/glossary.tbx: TBX v3, TBX-Basic)

        termalign export out/glossary.tsv --to omegat -o project/glossary/miit.utf8

        termalign export out/aligned.tsv --to tmx --src-lang en-GB
    """
    with core_errors():
        target = output or str(input.with_suffix("").with_name(input.with_suffix("").name + EXTENSIONS[to.value]))
        _convert(input, target, None, to.value, src_lang, tgt_lang, quiet)


@app.command("convert")
def convert(
    input: Path = typer.Argument(..., help="File to convert; its format is detected from the extension and contents."),
    output: str = typer.Argument(..., help="File to write ('-' = standard output); its format follows from the extension unless --to is given."),
    from_format: AnyFormat | None = typer.Option(None, "--from", help="Format of INPUT when detection is not wanted."),
    to_format: AnyFormat | None = typer.Option(None, "--to", help="Format of OUTPUT (needed for '-' and unusual extensions)."),
    src_lang: str | None = typer.Option(None, "--src-lang", help=SRC_LANG_HELP),
    tgt_lang: str | None = typer.Option(None, "--tgt-lang", help=TGT_LANG_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Convert between exchange formats: glossaries to glossaries, translation units to units.

    Glossaries: table (.tsv/.jsonl/.parquet), tbx, tbx2 (.v2.tbx), omegat (.utf8/.tab), csv, xlsx.
    Translation units: tmx, xliff (reads 1.2 and 2.x, writes 1.2), table (.tsv/.jsonl/.parquet
    with source/target columns).

    Examples:

        termalign convert terms.v2.tbx terms.tsv

        termalign convert returned.xlf returned.tmx

        termalign convert memory.tmx memory.parquet
    """
    with core_errors():
        _convert(
            input, output, from_format.value if from_format else None, to_format.value if to_format else None,
            src_lang, tgt_lang, quiet,
        )


def _convert(input: Path, output: str, from_format: str | None, to_format: str | None, src_lang: str | None, tgt_lang: str | None, quiet: bool) -> None:
    with progress_bar(quiet) as bar:
        result = convert_file(input, output, from_format=from_format, to_format=to_format, src_lang=src_lang, tgt_lang=tgt_lang, progress=bar)
    if output != "-":
        stderr.print(f"{input} ({result.source_format}) → {output} ({result.target_format}): {result.count} {result.counted}", highlight=False, soft_wrap=True, markup=False)


@app.command("validate")
def validate(
    file: Path = typer.Argument(..., help="A .tmx or .tbx file (TBX v2 <martif> or v3 <tbx>)."),
    schemas: Path | None = typer.Option(None, "--schemas", help="Folder with tmx14.dtd, TBXcoreStructV02.dtd, TBXcoreStructV03.rng and the TBX Schematron files; default $TERMALIGN_SCHEMAS or ../shared/schemas."),
) -> None:
    """Validate a TMX or TBX file against the published schemas.

    TMX: the TMX 1.4 DTD. TBX v2: TBXcoreStructV02.dtd. TBX v3: TBXcoreStructV03.rng and the
    dialect's Schematron (TBX-Basic DCA/DCT, TBX-Core), run with Saxon. Exit code 0 when valid,
    1 when the file breaks a schema rule, 2 when it cannot be read.

    Example:

        termalign validate out/glossary.tbx --schemas ../shared/schemas
    """
    with core_errors():
        directory = schemas or default_schema_dir()
        if schemas is not None and not schemas.is_dir():
            raise UsageError(f"--schemas {schemas}: not a folder")
        report = validate_file(file, directory)
    names = ", ".join(report.schemas)
    if report.valid:
        stdout.print(f"{file}: valid {report.kind} ({names})", highlight=False, soft_wrap=True, markup=False)
        return
    for issue in report.issues:
        stdout.print(str(issue), highlight=False, soft_wrap=True, markup=False)
    stderr.print(f"{file}: {len(report.issues)} schema violation(s) ({report.kind}; {names})", highlight=False, soft_wrap=True, markup=False)
    raise typer.Exit(EXIT_FINDINGS)
