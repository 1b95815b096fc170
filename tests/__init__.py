"""Tests of tongbao; also importable from bench/ (tests.generator)."""
