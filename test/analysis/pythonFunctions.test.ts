import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../src/analysis/languages/python';
import { descendants } from '../../src/analysis/syntax';
import { analyzerCorpus } from '../../bench/analyzerCorpus';
import { grammars, sample } from './analyze';

const TRICKY = `
"""def in a docstring: def not_a_function(): pass"""
default = undefined_def = "def x(): pass"  # def in a comment
def top(a, b=lambda: 1):
    def nested():
        async def deeper():
            return 1
        return deeper
    return nested

class Service:
    @decorator
    def method(self):
        return f"def {self}"

    async def fetch(self): ...

if flag:
    def conditional(): pass
def
`;

async function both(text: string) {
  const tree = await grammars.parse('tree-sitter-python.wasm', text);
  const walked = descendants(tree.rootNode, new Set(['function_definition'])).map((node) => node.startIndex);
  const found = functionDefinitions(tree.rootNode, text).map((node) => node.startIndex);
  tree.delete();
  return { walked, found };
}

describe('Python function definitions found from their def keywords', () => {
  it('are exactly those a walk of the whole tree finds, in order, with def in strings, comments and names around', async () => {
    const { walked, found } = await both(TRICKY);
    expect(found).toEqual(walked);
    expect(found).toHaveLength(6);
  });

  it('match the walk on the sample workspace and the bench corpus', async () => {
    const corpus = analyzerCorpus(20_000, 2_000, 7, new Set(['python']));
    const texts = [sample('python/user_service.py'), sample('python/jobs.py'), sample('python/billing.py'), ...corpus.files.filter((file) => file.path.endsWith('.py')).map((file) => file.text)];
    let functions = 0;
    for (const text of texts) {
      const { walked, found } = await both(text);
      expect(found).toEqual(walked);
      functions += found.length;
    }
    expect(functions).toBeGreaterThan(500);
  });
});
