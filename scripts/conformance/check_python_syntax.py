"""Conformance step k: pythonSyntaxError (@lezer/python) agrees with CPython's compile().

Each expression is wrapped as authentik wraps it (authentik/lib/expression/evaluator.py,
wrap_expression: the body of `def handler(...)`, indented with textwrap.indent) and compiled.
Table cases must also match their recorded verdict; corpus and synthesized expressions must compile.
"""
import json
import sys
from textwrap import indent


def compiles(expression):
    source = "def handler():\n" + indent(expression, "    ") + "\nresult = handler()"
    try:
        compile(source, "expression", "exec")
        return True
    except SyntaxError:
        return False


def main():
    cases = json.load(open(sys.argv[1]))
    failures = []
    for case in cases:
        real = compiles(case["expression"])
        if case["expected"] is not None and real != case["expected"]:
            failures.append(f"table says valid={case['expected']} but CPython says {real}: {case['expression']!r}")
        if case["parser"] != real:
            failures.append(f"parser says valid={case['parser']} but CPython says {real} ({case['where']}): {case['expression']!r}")
        if case["where"] != "table" and not real:
            failures.append(f"an expression of {case['where']} does not compile: {case['expression']!r}")
    for failure in failures:
        print("  " + failure)
    print(f"python syntax: {len(cases)} expressions, {len(failures)} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
