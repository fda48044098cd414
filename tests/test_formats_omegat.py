"""OmegaT 3.6 (Debian package, headless) uses our TMX and loads our glossaries.

A small OmegaT project is built in a temporary folder: the English sentences of the seed
transcript in source/, OUR TMX in tm/auto/ (OmegaT inserts its exact matches), our OmegaT
glossary and TBX v2 in glossary/. `--mode=console-translate` writes target/; a Groovy script
that OmegaT runs on project load (`--script`) reads the glossary files with OmegaT's own
readers and lists what OmegaT sees.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from formats_corpus import seed_glossary, seed_units
from termalign.formats.omegat import write_omegat_glossary
from termalign.formats.tbx import write_tbx
from termalign.formats.tmx import write_tmx

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.external,
    pytest.mark.skipif(shutil.which("java") is None, reason="java is not installed (make system-deps installs omegat and its JRE)"),
    pytest.mark.skipif(not OMEGAT_JAR.exists(), reason=f"{OMEGAT_JAR} is absent (make system-deps installs the Debian omegat package)"),
]

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>EN-US</source_lang>
        <target_lang>ZH-CN</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""

# Runs inside OmegaT on project events; lists every glossary entry OmegaT's own readers return.
PROBE = """
import org.omegat.core.Core
import org.omegat.gui.glossary.GlossaryReaderTBX
import org.omegat.gui.glossary.GlossaryReaderTSV
if (eventType.toString() != "LOAD") return
def folder = new File(Core.getProject().getProjectProperties().getGlossaryRoot())
def out = new File(folder.getParentFile(), "glossary-seen.tsv")
out.withWriter("UTF-8") { w ->
  folder.listFiles().sort { it.name }.each { f ->
    def entries = f.name.endsWith(".tbx") ? GlossaryReaderTBX.read(f, false) : GlossaryReaderTSV.read(f, false)
    entries.each { e ->
      w.write([f.name, e.getSrcText(), e.getLocText(), e.getCommentText().replace("\\n", " / ")].join("\\t") + "\\n")
    }
  }
}
"""


@pytest.fixture(scope="module")
def omegat_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("omegat-project")
    for folder in ("source", "target", "tm/auto", "glossary", "omegat", "config"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    units = seed_units()
    paragraphs = [u.source for u in units] + ["This sentence has no translation in the memory."]
    (project / "source" / "briefing.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    write_tmx(units, project / "tm" / "auto" / "termalign.tmx")
    write_omegat_glossary(seed_glossary(), project / "glossary" / "miit.utf8")
    write_tbx(seed_glossary(), project / "glossary" / "miit.tbx", version=2)
    (project / "probe.groovy").write_text(PROBE, encoding="utf-8")
    command = [
        "java",
        "-Djava.awt.headless=true",
        f"-Djava.util.prefs.userRoot={project / 'config'}",
        "-jar",
        str(OMEGAT_JAR),
        str(project),
        "--mode=console-translate",
        f"--config-dir={project / 'config'}",
        "--disable-project-locking",
        "--no-team",
        f"--script={project / 'probe.groovy'}",
    ]
    env = {**os.environ, "HOME": str(project / "config")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=project)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project


def test_omegat_fills_the_target_from_our_tmx(omegat_run: Path) -> None:
    target = (omegat_run / "target" / "briefing.txt").read_text(encoding="utf-8")
    paragraphs = target.strip("\n").split("\n\n")
    units = seed_units()
    assert paragraphs[: len(units)] == [u.target for u in units]
    assert paragraphs[-1] == "This sentence has no translation in the memory."
    assert "今天，我们邀请到工业和信息化部总工程师" in paragraphs[2]  # the 2-1 bead


def _seen(omegat_run: Path, file: str) -> list[list[str]]:
    lines = (omegat_run / "glossary-seen.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1:] for line in lines if line.split("\t")[0] == file]


def test_omegat_loads_our_omegat_glossary(omegat_run: Path) -> None:
    seen = _seen(omegat_run, "miit.utf8")
    written = [line.split("\t") for line in (omegat_run / "glossary" / "miit.utf8").read_text(encoding="utf-8").splitlines()]
    assert seen == [row + [""] * (3 - len(row)) for row in written]
    assert ["MIIT", "工业和信息化部", "variant of Ministry of Industry and Information Technology"] in seen


def test_omegat_loads_our_tbx_v2(omegat_run: Path) -> None:
    seen = _seen(omegat_run, "miit.tbx")
    pairs = {(source, target) for source, target, _comment in seen}
    for entry in seed_glossary().entries:
        if entry.zh:
            assert (entry.en, entry.zh) in pairs
            for variant in entry.zh_variants:
                assert (entry.en, variant) in pairs
    comments = {comment for source, target, comment in seen if source == "Ministry of Industry and Information Technology"}
    assert any("ministry; 工信部 in headlines only" in c for c in comments)
    # OmegaT 3.6 lists every term of the langSet, deprecated ones too, with their status only in
    # the comment: for OmegaT users the .utf8 glossary (which leaves them out) is the safer export.
    assert any("deprecatedTerm-admn-sts" in c for c in comments)
