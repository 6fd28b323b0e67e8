"""`roadmap-tui serve`: its options, its warning and its errors, each one line.

The browser itself is in test_serve_browser.py."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from roadmap_tui.cli.commands.serve import child_command


def test_serve_without_textual_serve_says_how_to_install_it(run, roadmap_file, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import fails as if not installed
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    code, out, err = run("--roadmap", roadmap_file, "serve")
    assert out == ""
    assert code == 1
    assert err.count("\n") == 1
    assert "needs textual-serve" in err
    assert "'.[serve]'" in err
    assert "pipx inject roadmap-tui textual-serve" in err


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_a_bad_port_is_a_usage_error(run, roadmap_file, port):
    code, _, err = run("serve", "--port", port)
    assert code == 2
    assert "invalid port" in err


def test_a_broken_roadmap_is_reported_before_serving(run, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[roadmap]\nid = "x"\n[[section]]\nid = 3\n', encoding="utf-8")
    code, _, err = run("--roadmap", broken, "serve", "--port", "8001")
    assert code == 1
    assert str(broken) in err
    assert "Traceback" not in err


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roadmap_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_a_port_in_use_is_one_line(isolated_env, roadmap_file, progress_file):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve("--roadmap", str(roadmap_file), "serve", "--port", str(port))
    assert result.returncode == 1
    assert f"roadmap-tui: cannot serve on 127.0.0.1:{port}: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not progress_file.exists()


def test_another_host_warns_that_there_is_no_authentication(isolated_env, roadmap_file):
    # 192.0.2.1 is a documentation address (TEST-NET-1), not this machine's: the bind fails
    # at once and no packet leaves, but the warning comes first
    result = _serve("--roadmap", str(roadmap_file), "serve", "--host", "192.0.2.1")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "warning: serving on 192.0.2.1, with no authentication" in lines[0]
    assert lines[-1].startswith("roadmap-tui: cannot serve on 192.0.2.1:8000: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "0"])
def test_every_address_at_once_is_refused_with_what_to_give(run, roadmap_file, host):
    # the page tells the browser one address to connect back to: 0.0.0.0 is none a browser
    # elsewhere can use, so the tab would stay blank
    code, out, err = run("--roadmap", roadmap_file, "serve", "--host", host)
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert f"--host {host} listens on every address" in err
    assert "--host 192.168.1.20" in err and "Traceback" not in err


def test_localhost_needs_no_warning(isolated_env, roadmap_file):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve("--roadmap", str(roadmap_file), "serve", "--port", str(port))
    assert "warning" not in result.stderr


def test_the_app_of_a_tab_gets_the_files_of_serve_quoted(tmp_path):
    command = child_command(str(tmp_path / "my roadmap.toml"), str(tmp_path / "a b.toml"))
    assert f"--roadmap '{tmp_path / 'my roadmap.toml'}'" in command
    assert f"--progress '{tmp_path / 'a b.toml'}'" in command
    assert command.startswith(sys.executable)


def test_an_ipv6_address_is_written_with_brackets_in_the_url(isolated_env, roadmap_file):
    with socket.socket(socket.AF_INET6) as taken:
        try:
            taken.bind(("::1", 0))
        except OSError:
            pytest.skip("this machine has no IPv6 loopback address")
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve(
            "--roadmap", str(roadmap_file), "serve", "--host", "::1", "--port", str(port)
        )
    assert f"serving the app on http://[::1]:{port} " in result.stdout
    assert "warning" not in result.stderr  # ::1 is this machine only
    assert result.stderr.strip().startswith(f"roadmap-tui: cannot serve on ::1:{port}: ")
