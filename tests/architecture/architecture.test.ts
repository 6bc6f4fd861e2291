import { describe, expect, it } from 'vitest';
import { domainCycles, domainEdges, moduleStateViolations, type TEdge } from '@/scripts/lib/domain-graph';

// The structure the code keeps (README, "Code structure"): lib/<domain>
// folders import each other in one direction, db/ knows nothing of lib/, and
// per-process state lives only in lib/process-state.ts. Type-only imports are
// exempt: they vanish at compile time.

describe('architecture', () => {
  const edges = domainEdges();

  it('lib/ domains form a graph without cycles', () => {
    expect(domainCycles(edges)).toEqual([]);
  });

  it('db/ imports nothing from lib/', () => {
    expect(edges.filter((e) => e.from === 'db').map((e) => `${e.to} (${e.files.join(', ')})`)).toEqual([]);
  });

  it('the cycle check sees a cycle when there is one', () => {
    const edge = (from: string, to: string): TEdge => ({ from, to, files: [] });
    expect(domainCycles([edge('lib/a', 'lib/b'), edge('lib/b', 'lib/c'), edge('lib/c', 'lib/a'), edge('lib/c', 'lib/d')])).toEqual([['lib/a', 'lib/b', 'lib/c']]);
    // The real graph has edges, so an empty answer above is not an empty graph.
    expect(edges.length).toBeGreaterThan(20);
  });

  it('server code keeps no module-level mutable state outside lib/process-state.ts', () => {
    expect(moduleStateViolations()).toEqual([]);
  });
});
