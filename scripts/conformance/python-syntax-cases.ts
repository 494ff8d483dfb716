/**
 * Expressions whose Python syntax the conformance step compares: pythonSyntaxError (rules/python-syntax.ts,
 * @lezer/python) against CPython's compile() of the same text wrapped as authentik wraps it
 * (authentik/lib/expression/evaluator.py, wrap_expression). `valid` is what CPython says; the step
 * checks both CPython and the parser against it. test/python-syntax.test.ts reads the same table.
 */
export const PYTHON_SYNTAX_CASES: ReadonlyArray<{ readonly expression: string; readonly valid: boolean }> = [
  // valid: what authentik's own blueprints and real homelab mappings write
  { expression: 'return True', valid: true },
  { expression: 'return ak_is_group_member(request.user, name="admins")', valid: true },
  { expression: 'return {\n    "name": request.user.name,\n    "groups": [group.name for group in request.user.ak_groups.all()],\n}', valid: true },
  { expression: 'return f"{user.username}@example.com"', valid: true },
  { expression: 'import re\nreturn re.match(r"^a", request.user.username) is not None', valid: true },
  { expression: 'return x if y else z', valid: true },
  { expression: 'return lambda: 1', valid: true },
  { expression: 'match request.user.type:\n    case "internal":\n        return True\n    case _:\n        return False', valid: true },
  { expression: 'try:\n    return request.context["prompt_data"]["email"]\nexcept KeyError:\n    return None', valid: true },
  { expression: 'yield 1', valid: true },
  { expression: "return '''multi\nline'''", valid: true },
  { expression: 'if (n := len(request.user.username)) > 3:\n    return n\nreturn 0', valid: true },
  { expression: '# only a comment\nreturn None', valid: true },
  { expression: 'class A:\n    pass\nreturn A', valid: true },
  { expression: 'return {**request.user.attributes, "a": 1}', valid: true },
  { expression: 'def helper(x, *args, key=None, **kw):\n    return x\nreturn helper(1)', valid: true },
  { expression: 'ak_message("Hello")\n\nreturn False', valid: true },
  { expression: 'return request.user.attributes.get("a", {}).get("b")', valid: true },
  { expression: 'return 1_000 + 0x1F + 0o7 + 0b1 + 1e3 + 2j', valid: true },
  // invalid
  { expression: 'return {', valid: false },
  { expression: 'if x\n  return 1', valid: false },
  { expression: 'x = = 1', valid: false },
  { expression: 'print("a"', valid: false },
  { expression: 'return True)', valid: false },
  { expression: 'for x in y:\nreturn 1', valid: false },
  { expression: 'return 1 +', valid: false },
  { expression: 'def f(:', valid: false },
  { expression: 'x := 1', valid: false },
  { expression: 'return not', valid: false },
  { expression: 'return $x', valid: false },
  { expression: 'return "unterminated', valid: false },
  { expression: 'return [1, 2', valid: false },
  { expression: 'return user.attributes["a"', valid: false },
  { expression: 'return request.user.name ==', valid: false },
  { expression: 'else:\n    return 1', valid: false },
  { expression: 'return ak_is_group_member(request.user name="a")', valid: false },
  { expression: 'return {"a": 1,, "b": 2}', valid: false },
  { expression: 'lambda x: ', valid: false },
  { expression: "return 'a' 'b' +", valid: false },
];
