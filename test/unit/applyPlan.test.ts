import * as assert from 'node:assert/strict';
import { planApply, type ApplyHints, type ApplyPlan } from '../../src/core/chat/applyPlan';

/** The document after the plan is carried out (the lines it names replaced by its text). */
function applied(doc: string, plan: ApplyPlan): string {
  const lines = doc.split('\n');
  const replaced = plan.text === '' ? [] : plan.text.split('\n');
  return [...lines.slice(0, plan.lines.start), ...replaced, ...lines.slice(plan.lines.end + 1)].join('\n');
}

const AT_TOP: ApplyHints = { cursor: { start: 0, end: -1 } };

describe('applyPlan (a chat code block applied to a file)', () => {
  const python = [
    'import math',
    '',
    'class Shape:',
    '    @property',
    '    def area(self):',
    '        return 0',
    '',
    '    def perimeter(self):',
    '        return 0',
    '',
    '',
    'def unit():',
    '    return Shape()',
    '',
  ].join('\n');

  it('replaces the method the block rewrites, to the end of its body, at its indentation', () => {
    const block = 'def perimeter(self):\n    """Twice the sides."""\n    return 2 * (self.w + self.h)\n';
    const plan = planApply(python.split('\n'), block, AT_TOP);
    assert.equal(plan.place, 'definition');
    assert.equal(
      applied(python, plan),
      python.replace('    def perimeter(self):\n        return 0', '    def perimeter(self):\n        """Twice the sides."""\n        return 2 * (self.w + self.h)'),
    );
  });

  it('keeps the document\'s decorators unless the block brings its own', () => {
    const bare = planApply(python.split('\n'), 'def area(self):\n    return self.w * self.h', AT_TOP);
    assert.equal(applied(python, bare), python.replace('        return 0\n\n    def perimeter', '        return self.w * self.h\n\n    def perimeter'));
    const decorated = planApply(python.split('\n'), '@cached_property\ndef area(self):\n    return self.w * self.h', AT_TOP);
    assert.ok(applied(python, decorated).includes('    @cached_property\n    def area(self):\n        return self.w * self.h\n\n    def perimeter'));
    assert.ok(!applied(python, decorated).includes('@property'));
  });

  it('finds a definition by its kind and name when its line changed (a new parameter)', () => {
    const plan = planApply(python.split('\n'), 'def unit(size=1):\n    return Shape(size)\n', AT_TOP);
    assert.equal(plan.place, 'definition');
    assert.equal(applied(python, plan), python.replace('def unit():\n    return Shape()', 'def unit(size=1):\n    return Shape(size)'));
  });

  it('replaces a braced function or method through its closing line', () => {
    const ts = 'export class Cart {\n  total(): number {\n    return 0;\n  }\n\n  clear(): void {\n    this.items = [];\n  }\n}\n';
    const plan = planApply(ts.split('\n'), 'total(): number {\n  return this.items.reduce((s, i) => s + i.price, 0);\n}', AT_TOP);
    assert.equal(plan.place, 'definition');
    assert.equal(applied(ts, plan), ts.replace('  total(): number {\n    return 0;\n  }', '  total(): number {\n    return this.items.reduce((s, i) => s + i.price, 0);\n  }'));
    const fn = 'function a() {\n  return 1;\n}\n\nexport async function load(id: string) {\n  return get(id);\n}\n';
    const changed = planApply(fn.split('\n'), 'export async function load(id: string, force = false) {\n  return get(id, force);\n}', AT_TOP);
    assert.equal(applied(fn, changed), 'function a() {\n  return 1;\n}\n\nexport async function load(id: string, force = false) {\n  return get(id, force);\n}\n');
  });

  it('finds a Go method by its name, whatever its receiver or parameters became', () => {
    const go = 'package main\n\nfunc (s *Server) Start() error {\n\treturn nil\n}\n\nfunc (s *Server) Stop() error {\n\treturn nil\n}\n';
    const plan = planApply(go.split('\n'), 'func (s *Server) Stop(ctx context.Context) error {\n\treturn s.close(ctx)\n}', AT_TOP);
    assert.equal(plan.place, 'definition');
    assert.equal(applied(go, plan), go.replace('func (s *Server) Stop() error {\n\treturn nil\n}', 'func (s *Server) Stop(ctx context.Context) error {\n\treturn s.close(ctx)\n}'));
  });

  it('replaces a definition whose signature spans several lines through the end of its body (Prettier, Black)', () => {
    const ts = 'export function total(\n  items: Item[],\n  tax: number,\n): number {\n  return 0;\n}\n\nexport function none(): void {}\n';
    const block = 'export function total(\n  items: Item[],\n  tax: number,\n): number {\n  return sum(items) * (1 + tax);\n}';
    const plan = planApply(ts.split('\n'), block, AT_TOP);
    assert.equal(plan.place, 'definition');
    assert.equal(applied(ts, plan), ts.replace('  return 0;', '  return sum(items) * (1 + tax);'));
    const py = 'def area(\n    w: float,\n    h: float,\n) -> float:\n    return 0\n\n\ndef unit():\n    pass\n';
    const pyPlan = planApply(py.split('\n'), 'def area(\n    w: float,\n    h: float,\n) -> float:\n    return w * h\n', AT_TOP);
    assert.equal(applied(py, pyPlan), py.replace('    return 0', '    return w * h'));
  });

  it('replaces a C# method whose opening brace has a line of its own, through its closing brace', () => {
    const cs = 'class Cart\n{\n    public int Total()\n    {\n        return 0;\n    }\n\n    public void Clear()\n    {\n    }\n}\n';
    const plan = planApply(cs.split('\n'), 'public int Total()\n{\n    return items.Sum();\n}', AT_TOP);
    assert.equal(plan.place, 'definition');
    assert.equal(applied(cs, plan), cs.replace('        return 0;', '        return items.Sum();'));
  });

  it('rewrites the definition, not the import line, of a block that starts with an import the file has', () => {
    const rest = '\n\nexport function two(): number {\n  return 2;\n}\n\nexport function three(): number {\n  return 3;\n}\n';
    const ts = `import { a } from './a';\n\nexport function one(): number {\n  return a;\n}${rest}`;
    const block = "import { a } from './a';\n\n/** One more than a. */\nexport function one(): number {\n  return a + 1;\n}";
    const plan = planApply(ts.split('\n'), block, AT_TOP);
    assert.equal(plan.place, 'definition');
    assert.equal(applied(ts, plan), `import { a } from './a';\n\n/** One more than a. */\nexport function one(): number {\n  return a + 1;\n}${rest}`);
    const multiLine = `import {\n  a,\n} from './a';\n\nexport function one(): number {\n  return a;\n}${rest}`;
    const again = planApply(multiLine.split('\n'), "import {\n  a,\n} from './a';\nexport function one(): number {\n  return a + 1;\n}", AT_TOP);
    assert.equal(applied(multiLine, again), multiLine.replace('return a;', 'return a + 1;'));
  });

  it('replaces the selection the question was about, at its indentation', () => {
    const plan = planApply(python.split('\n'), 'return abs(0)', { selection: { start: 8, end: 8 }, cursor: { start: 0, end: -1 } });
    assert.equal(plan.place, 'selection');
    assert.equal(applied(python, plan), python.replace('    def perimeter(self):\n        return 0', '    def perimeter(self):\n        return abs(0)'));
  });

  it('replaces the whole file when the block is the file again', () => {
    const doc = 'import os\n\nprint(os.name)\nprint(1)\n';
    const plan = planApply(doc.split('\n'), 'import os\n\nprint(os.name)\nprint(2)\nprint(3)\n', AT_TOP);
    assert.equal(plan.place, 'file');
    assert.equal(applied(doc, plan), 'import os\n\nprint(os.name)\nprint(2)\nprint(3)\n');
  });

  it('does not take a short block that starts as the file does for the whole file', () => {
    const doc = 'import os\n\ndef a():\n    pass\n';
    const plan = planApply(doc.split('\n'), 'import os\nimport sys\n', { cursor: { start: 1, end: 0 } });
    assert.notEqual(plan.place, 'file');
    assert.equal(applied(doc, plan), 'import os\nimport sys\n\ndef a():\n    pass\n');
  });

  it('goes to the cursor when nothing in the file matches, or when a definition is ambiguous', () => {
    const cursor: ApplyHints = { cursor: { start: 5, end: 5 } };
    assert.equal(planApply(python.split('\n'), 'x = compute()\n', cursor).place, 'cursor');
    const twice = 'def f():\n    pass\n\ndef f():\n    return 1\n';
    const plan = planApply(twice.split('\n'), 'def f():\n    return 2', cursor);
    assert.deepEqual([plan.place, plan.lines], ['cursor', { start: 5, end: 5 }]);
  });
});
