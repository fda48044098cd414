"""Hostile and broken XML: refused with a clear error, never fetched, never expanded, no output left."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termalign.cli import app
from termalign.errors import InputError
from termalign.formats import read_glossary, read_units
from termalign.formats.tmx import read_tmx, write_tmx
from termalign.formats.validate import validate_file
from termalign.formats.xliff import read_xliff
from termalign.formats.xmlsafe import parse_safe
from termalign.model import TranslationUnit

runner = CliRunner()

TMX_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en-US" datatype="plaintext"/>
<body><tu><tuv xml:lang="en-US"><seg>{source}</seg></tuv><tuv xml:lang="zh-CN"><seg>工业</seg></tuv></tu></body></tmx>
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        _Recorder.requests.append(self.path)
        body = b'<!ENTITY leak "fetched">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[str]:
    """A local HTTP server that records every request: proof that nothing is fetched."""
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _tmx(tmp_path: Path, doctype: str, source: str = "growth") -> Path:
    path = tmp_path / "hostile.tmx"
    path.write_text(TMX_HEAD.format(doctype=doctype, source=source), encoding="utf-8")
    return path


def test_external_entity_to_a_local_file_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    path = _tmx(tmp_path, f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>', "&xxe;")
    with pytest.raises(InputError) as caught:
        list(read_tmx(path))
    message = str(caught.value)
    assert message.startswith(f"{path}:2: the DOCTYPE declares entities (xxe)")
    assert "XXE" in message and "TOP-SECRET-VALUE" not in message
    for reader in (lambda p: parse_safe(p), lambda p: validate_file(p), lambda p: list(read_units(p))):
        with pytest.raises(InputError, match="declares entities"):
            reader(path)


def test_billion_laughs_is_refused_not_expanded(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = "<!DOCTYPE tmx [" + "".join(levels) + "]>"
    path = _tmx(tmp_path, doctype, "&lol9;")
    with pytest.raises(InputError, match=r"declares entities \(lol0, lol1, lol2, lol3, lol4, …\).*billion laughs"):
        list(read_tmx(path))
    # Used inside an attribute of the root element as well: still refused before any expansion.
    path.write_text(path.read_text(encoding="utf-8").replace('<tmx version="1.4">', '<tmx version="&lol9;">'), encoding="utf-8")
    with pytest.raises(InputError):
        list(read_tmx(path))


def test_remote_dtd_is_refused_and_never_fetched(tmp_path: Path, web: str) -> None:
    path = _tmx(tmp_path, f'<!DOCTYPE tmx SYSTEM "{web}/tmx14.dtd">')
    with pytest.raises(InputError, match=r"points to an external DTD .*never fetches DTDs"):
        list(read_tmx(path))
    entity = _tmx(tmp_path, f'<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "{web}/evil.dtd"> %remote;]>', "&leak;")
    with pytest.raises(InputError, match="declares entities"):
        list(read_tmx(entity))
    xliff = tmp_path / "remote.xlf"
    xliff.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE xliff PUBLIC "-//X//DTD//EN" "{web}/xliff.dtd">\n<xliff version="1.2"/>', encoding="utf-8")
    with pytest.raises(InputError, match="external DTD"):
        list(read_xliff(xliff))
    assert _Recorder.requests == []


def test_a_dtd_named_by_file_name_is_accepted_and_not_read(tmp_path: Path) -> None:
    # CAT tools write <!DOCTYPE tmx SYSTEM "tmx14.dtd">; the file beside it is never opened.
    (tmp_path / "tmx14.dtd").write_text('<!ENTITY leak "read">', encoding="utf-8")
    path = _tmx(tmp_path, '<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    assert [u.source for u in read_tmx(path)] == ["growth"]
    with pytest.raises(InputError, match="Entity 'leak' not defined"):
        list(read_tmx(_tmx(tmp_path, '<!DOCTYPE tmx SYSTEM "tmx14.dtd">', "&leak;")))


def test_malformed_xml_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text(TMX_HEAD.format(doctype="", source="growth</tuv>"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_tmx(path))
    assert (caught.value.path, caught.value.line, caught.value.column) == (str(path), 4, 50)
    assert "Opening and ending tag mismatch" in caught.value.message


def test_empty_and_wrong_files_are_named(tmp_path: Path) -> None:
    empty = tmp_path / "empty.tmx"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.tmx:1:1: not well-formed XML"):
        list(read_tmx(empty))
    tbx = tmp_path / "terms.tmx"
    tbx.write_text('<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"/>', encoding="utf-8")
    with pytest.raises(InputError, match=r"terms\.tmx:2: expected <tmx> as the root element, found <martif>"):
        list(read_tmx(tbx))
    with pytest.raises(InputError, match="no such file"):
        read_glossary(tmp_path / "missing.tbx")


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_cli_refuses_hostile_input_with_exit_2_and_no_output(tmp_path: Path) -> None:
    path = _tmx(tmp_path, '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")
    out = tmp_path / "out.tsv"
    result = _run("convert", str(path), str(out))
    assert result.exit_code == 2
    assert "declares entities" in result.stderr and "root:" not in result.output
    assert not out.exists()


def test_an_error_late_in_a_large_tmx_leaves_no_output(tmp_path: Path) -> None:
    source = tmp_path / "large.tmx"
    write_tmx([TranslationUnit(str(i), f"Industrial output grew {i}%.", f"工业产出增长{i}%。") for i in range(3000)], source)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("</body>", "<tu><tuv xml:lang='en-US'><seg>late</tuv></tu></body>"), encoding="utf-8")
    out = tmp_path / "converted.tmx"
    result = _run("convert", str(source), str(out))
    assert result.exit_code == 2
    assert f"{source}:3006:42:" in result.stderr and "Opening and ending tag mismatch" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.tmx"]
