"""Run the example conversations of belscripts through the real call engine.

A script's examples live under 'tests:' in the script or in a sibling file
'<name>.test.yaml'. Each one lists the caller's moves (choose: 2, excuse: al-betaald,
note: ..., contact: ..., agree: {...}, no_agreement: {...}, back, end) and what must
follow (expect: step, outcome, ended, warnings, refused). Every conversation is played
at a fixed moment (default Monday 23 November 2026, 10:15) with the demo customer file
unless the test says otherwise. The report shows each conversation as PASS or FAIL
and the coverage: which steps, excuses and transitions the examples visit.

PATH is a script file, a '.test.yaml' file, or the name of a built-in script.

Examples:
  belscript test mijn-script.yaml
  belscript test eerste-gesprek servicegesprek tweede-gesprek

Exit status: 0 all passed, 1 a conversation failed or a file has problems,
2 a file could not be read or wrong usage.
"""

from __future__ import annotations

import argparse
import sys

from belscript.document.diagnostics import render
from belscript.errors import InvalidDocument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="script, .test.yaml file, or built-in script name")
    parser.add_argument("--quiet", "-q", action="store_true", help="only report failures and the totals")


def run(args: argparse.Namespace) -> int:
    from belscript.authoring.testing import collect, describe_transition, run_suite

    passed = failed = 0
    problems = False
    out = sys.stdout
    for target in args.paths:
        try:
            suite = collect(target)
        except InvalidDocument as exc:
            print(render(exc.diagnostics), file=sys.stderr)
            problems = True
            continue
        name = suite.loaded.script.name
        if not suite.cases:
            print(f"{name}: no example conversations found (add 'tests:' to the script or write "
                  f"a '{name}.test.yaml' next to it)", file=sys.stderr)
            problems = True
            continue
        result = run_suite(suite)
        print(f"{name} ({', '.join(suite.files)})", file=out)
        for case_result in result.results:
            if case_result.passed:
                passed += 1
                if not args.quiet:
                    print(f"  PASS  {case_result.case.name}", file=out)
            else:
                failed += 1
                print(f"  FAIL  {case_result.case.name}", file=out)
                for failure in case_result.failures:
                    print(f"        {failure}", file=out)
        coverage = result.coverage
        print(f"  coverage: {coverage.summary()}", file=out)
        if not args.quiet:
            missing_nodes = coverage.missing_nodes
            if missing_nodes:
                listed = ", ".join(f"{kind} '{ident}'" for kind, ident in missing_nodes)
                print(f"  never visited: {listed}", file=out)
            missing = coverage.missing_transitions
            if missing:
                print(f"  never taken ({len(missing)}):", file=out)
                for edge in missing:
                    print(f"    {describe_transition(edge)}", file=out)
    total = passed + failed
    print(f"{total} conversation{'s' if total != 1 else ''}: {passed} passed, {failed} failed", file=out)
    return 1 if failed or problems else 0
