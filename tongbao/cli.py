"""The `tongbao` command. Each subcommand hands over to its stage's package."""
import json
import sys

import click

from kb.workers import Budget


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


def _print_each(paths, render):
    """Print render(path, notice) for every notice; report the files that fail, go on, exit 1."""
    failed = False
    for path, item in _each_notice(paths):
        if isinstance(item, Exception):
            _report(item)
            failed = True
        else:
            click.echo(render(path, item))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def clean(paths):
    """Print the clean simplified text of each notice."""
    _print_each(paths, lambda path, notice: notice.text)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def header(paths):
    """Print the header of each notice as JSON (one object per line)."""
    _print_each(paths, lambda path, notice: json.dumps({"path": str(path), **notice.header},
                                                       ensure_ascii=False))


def budget_options(command):
    """--time-budget and --memory-limit: what one file may cost (kb/workers.py)."""
    command = click.option(
        "--memory-limit", default=Budget.memory_mb, show_default=True, type=click.IntRange(64),
        help="MB a worker may grow by while reading and parsing one file.")(command)
    return click.option(
        "--time-budget", default=Budget.seconds_per_10k, show_default=True, type=click.FloatRange(min=0, min_open=True),
        help="Seconds of CPU a file may take per 10,000 characters of its text (never less "
             "than three times this).")(command)


def _parse_one(path, on_read):
    """In a worker: ('parsed', path, record) | ('failed', path, reason)."""
    from ingest import IngestError, load_notice
    from nlp.parser import default_parser
    try:
        notice = load_notice(path)
        on_read(len(notice.text))
        return ("parsed", str(path), default_parser().parse(notice))
    except IngestError as err:
        return ("failed", str(path), err.reason)
    except MemoryError:
        raise
    except Exception as err:  # a parser defect must not stop the other files
        return ("failed", str(path), f"cannot parse: {type(err).__name__}: {err}")


def _parsed(paths, jobs=1, budget=Budget()):
    """Yield (path, record or error) for every file under the paths, each parsed in a worker
    within its budget; the parser is loaded once, before the workers fork."""
    from ingest import iter_files
    from kb.workers import Workers
    from nlp.parser import default_parser
    files = list(iter_files(paths))
    default_parser()
    results = Workers(_parse_one, jobs, budget).run(files)
    for path, (kind, _, value) in zip(files, results):
        yield path, value if kind == "parsed" else RuntimeError(f"{path}: {value}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write DIR/NAME.json per notice instead of JSON lines on stdout.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes that parse.")
@budget_options
def parse(paths, out_dir, jobs, time_budget, memory_limit):
    """Parse notices into notice records: pass rates and findings (JSON)."""
    from pathlib import Path
    failed = False
    written = {}
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    for path, item in _parsed(paths, jobs, Budget(time_budget, memory_limit)):
        if isinstance(item, Exception):
            _report(item)
            failed = True
        elif out_dir:
            target = Path(out_dir) / f"{Path(path).stem}.json"
            if target in written:
                click.echo(f"warning: {path}: {target} already holds the record of {written[target]}; "
                           "overwritten", err=True)
            written[target] = path
            target.write_text(json.dumps(item, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            click.echo(json.dumps(item, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--show", is_flag=True, help="List every missed and extra item.")
def eval_(gold_dir, paths, show):
    """Parse notices and score them against gold records in GOLD_DIR (NAME.json per notice)."""
    from pathlib import Path
    from nlp.evaluate import evaluate, format_result, load_gold
    gold = load_gold(gold_dir)
    predicted, failed = {}, False
    for path, item in _parsed(paths):
        if isinstance(item, Exception):
            _report(item)
            failed = True
        else:
            predicted[Path(path).stem] = item
    if not gold:
        raise click.ClickException(f"{gold_dir}: no gold records (NAME.json) found")
    misses = [] if show else None
    result = evaluate(((name, g, predicted.get(name, {})) for name, g in gold.items()), misses)
    for name, measure, kind, item in misses or []:
        click.echo(f"  {name} {measure} {kind}: {item}")
    click.echo(format_result(result))
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--db", "db_path", default="tongbao.db", show_default=True, type=click.Path(dir_okay=False),
              help="The knowledge base to publish.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve(db_path, port):
    """Browse the knowledge base in Datasette on 127.0.0.1 (read-only)."""
    from kb.serve import serve as serve_datasette
    serve_datasette(db_path, port)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", default="tongbao.db", show_default=True,
              type=click.Path(dir_okay=False), help="The knowledge base to write.")
@click.option("--jobs", default=None, type=click.IntRange(0),
              help="Worker processes that parse (default: one per CPU; 0: in this process, "
                   "without a budget, for a profiler).")
@budget_options
@click.option("--retry-errors", is_flag=True,
              help="Try again the files whose same bytes failed in an earlier import.")
def import_(paths, db_path, jobs, time_budget, memory_limit, retry_errors):
    """Import notices (files or directories, recursively) into the knowledge base."""
    import os
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kb.importer import count_files, import_paths
    console = Console(stderr=True)
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    total = count_files(paths)
    # refreshed from here, not by rich's own thread: workers are forked during the import
    with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("findings {task.fields[findings]}"),
                  TextColumn("failed {task.fields[failed]}"), TimeElapsedColumn(),
                  console=console, transient=False, auto_refresh=False) as progress:
        task = progress.add_task("import", total=total, findings=0, failed=0)
        shown = [0.0]

        def on_progress(summary):
            progress.update(task, completed=summary.files, findings=summary.findings,
                            failed=summary.failed + summary.failed_before)
            if time.monotonic() - shown[0] > 0.2:
                progress.refresh()
                shown[0] = time.monotonic()
        summary = import_paths(paths, db_path, jobs=jobs, on_progress=on_progress,
                               budget=Budget(time_budget, memory_limit), retry_errors=retry_errors)
        progress.refresh()
    for path, reason in summary.failures:
        console.print(f"[red]failed[/red] {path}: {reason}", highlight=False, soft_wrap=True)
    before = (f", {summary.failed_before} failed before and not retried (--retry-errors)"
              if summary.failed_before else "")
    console.print(
        f"{summary.files} files: {summary.added} added, {summary.replaced} replaced, "
        f"{summary.unchanged} unchanged, {summary.failed} failed{before}; {summary.findings} "
        f"findings written; repeat offenders {'rebuilt' if summary.offenders_changed else 'unchanged'}; "
        f"{summary.seconds:.1f} s → {db_path}", highlight=False, soft_wrap=True)
    sys.exit(1 if summary.failed or summary.failed_before else 0)


@main.command()
@click.option("--db", "db_path", default="tongbao.db", show_default=True,
              type=click.Path(exists=True, dir_okay=False))
@click.option("--province", default=None, help="Only units in this province (part of its name).")
@click.option("--min-periods", default=2, show_default=True, type=click.IntRange(1),
              help="Failed in at least this many periods (or a stated streak this long).")
def offenders(db_path, province, min_periods):
    """Print the units that failed again and again."""
    from rich.console import Console
    from rich.table import Table

    from kb.store import connect
    conn = connect(db_path, readonly=True)
    sql = ("SELECT unit_name, channel, province, periods_failed, longest_streak, first_failed, "
           "last_failed, problems FROM repeat_offender "
           "WHERE max(periods_failed, longest_streak) >= ?")
    args = [min_periods]
    if province:
        sql += " AND provinces LIKE ?"
        args.append(f"%{province}%")
    rows = conn.execute(sql + " ORDER BY longest_streak DESC, periods_failed DESC, unit_name",
                        args).fetchall()
    table = Table(title=f"Repeat offenders ({len(rows)})")
    for column in ("unit", "channel", "province", "periods", "longest streak", "first", "last",
                   "problems"):
        table.add_column(column, justify="right" if column in ("periods", "longest streak") else "left")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)


@main.command()
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--db", "db_path", default="tongbao.db", show_default=True,
              type=click.Path(exists=True, dir_okay=False))
def graph(out, db_path):
    """Export the offender graph as OUT.graphml or OUT.gexf (for Gephi)."""
    from kb.graph import build_graph, export
    from kb.store import connect
    if not out.endswith((".graphml", ".gexf")):
        raise click.BadParameter("must end in .graphml or .gexf", param_hint="OUT")
    g = build_graph(connect(db_path, readonly=True))
    export(g, out)
    click.echo(f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges → {out}")


if __name__ == "__main__":
    main()
