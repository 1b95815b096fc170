"""The `tongbao` command. Each subcommand hands over to its stage's package."""
import json
import sys

import click


@click.group()
@click.version_option(package_name="tongbao")
def main():
    """Turn inspection notices (通报) on government websites and new media into a knowledge base."""


def _each_notice(paths):
    """Yield (path, Notice or IngestError) for every file under the paths."""
    from ingest import IngestError, iter_files, load_notice
    for path in iter_files(paths):
        try:
            yield path, load_notice(path)
        except IngestError as err:
            yield path, err


def _report(err):
    click.echo(f"error: {err}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def clean(paths):
    """Print the clean simplified text of each notice."""
    failed = False
    for _, item in _each_notice(paths):
        if isinstance(item, Exception):
            _report(item)
            failed = True
            continue
        click.echo(item.text)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def header(paths):
    """Print the header of each notice as JSON (one object per line)."""
    failed = False
    for path, item in _each_notice(paths):
        if isinstance(item, Exception):
            _report(item)
            failed = True
            continue
        click.echo(json.dumps({"path": str(path), **item.header}, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--db", "db_path", default="tongbao.db", show_default=True, type=click.Path(dir_okay=False),
              help="The knowledge base to publish.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve(db_path, port):
    """Browse the knowledge base in Datasette on 127.0.0.1 (read-only)."""
    from kb.serve import serve as serve_datasette
    serve_datasette(db_path, port)


if __name__ == "__main__":
    main()
