"""The onboarding example (examples/onboarding/) prints, from Python, the
transcript the Rust version prints: the same desk document, the same answers."""

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "onboarding"


def test_onboarding_prints_the_shared_transcript() -> None:
    run = subprocess.run(
        [sys.executable, str(EXAMPLE / "onboarding.py")], capture_output=True, text=True, check=True
    )
    assert run.stdout == (EXAMPLE / "transcript.txt").read_text()
