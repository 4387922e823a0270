"""The documented production command keeps idle connections open longer than common clients
and proxies leave them idle (gunicorn's default of 2 s broke clients reusing a connection), and
shares rate limits between its workers."""
import re
import shlex
from pathlib import Path

import pytest
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
COMMON_CLIENT_IDLE_SECONDS = 60  # nginx's upstream keep-alive, and about what browsers keep


def documented_commands(document: str) -> list[str]:
    return re.findall(r"^gunicorn .*$", (ROOT / document).read_text(encoding="utf-8"), re.MULTILINE)


def gunicorn_settings(command: str) -> Config:
    """The settings gunicorn itself would read from `command`."""
    config = Config()
    options = config.parser().parse_args(shlex.split(command)[1:])
    for name, value in vars(options).items():
        if value is not None and name != "args" and name in config.settings:
            config.set(name, value)
    return config


@pytest.mark.parametrize("document", ["README.md", "docs/deployment.md"])
def test_documented_keep_alive_outlasts_common_client_idle_times(document):
    commands = documented_commands(document)
    assert commands
    for command in commands:
        assert gunicorn_settings(command).keepalive > COMMON_CLIENT_IDLE_SECONDS, command


@pytest.mark.parametrize("document", ["README.md", "docs/deployment.md"])
def test_documented_workers_share_their_rate_limits(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    for command in documented_commands(document):
        if gunicorn_settings(command).workers > 1:
            before = text[:text.index(command)]
            assert "export STOPFORM_RATELIMIT_STORAGE_URL=redis://" in before, command
