"""Stage 3, decide: rule sets (data under rules/) and the detectors they name judge every block; each decision is recorded."""
