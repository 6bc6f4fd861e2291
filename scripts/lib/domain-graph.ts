// The run-time import graph between lib/<domain> folders (and db/), read with
// the TypeScript compiler's own parser. Type-only imports are left out: they
// vanish at compile time and cannot form a cycle at run time.
// `node --import tsx scripts/lib/domain-graph.ts` prints the edges.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `lib/<domain>` for a file in a domain folder, `lib/<name>` for a file directly in lib/, `db` for db/. */
export function domainOf(file: string): string | null {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === 'db') return 'db';
  if (rel[0] !== 'lib') return null;
  return `lib/${rel[1].replace(/\.tsx?$/, '')}`;
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.startsWith('test-fixtures')) out.push(full);
  }
  return out;
}

/** Specifiers this file imports at run time (import and export-from, not `import type`, not all-type named imports). */
export function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs;
}

function resolveSpecifier(from: string, spec: string): string | null {
  if (spec.startsWith('@/')) return path.join(ROOT, spec.slice(2));
  if (spec.startsWith('.')) return path.resolve(path.dirname(from), spec);
  return null;
}

export type TEdge = { from: string; to: string; files: string[] };

/** Every edge between two different domains, with the files that make it. */
export function domainEdges(): TEdge[] {
  const edges = new Map<string, TEdge>();
  for (const file of [...sourceFiles(path.join(ROOT, 'lib')), ...sourceFiles(path.join(ROOT, 'db'))]) {
    const from = domainOf(file);
    if (!from) continue;
    for (const spec of runtimeImports(file)) {
      const target = resolveSpecifier(file, spec);
      const to = target && domainOf(target);
      if (!to || to === from) continue;
      const key = `${from} -> ${to}`;
      const edge = edges.get(key) ?? { from, to, files: [] };
      edge.files.push(path.relative(ROOT, file));
      edges.set(key, edge);
    }
  }
  return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Each cycle as a list of domains (one per strongly connected component of more than one domain). */
export function domainCycles(edges: TEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's strongly connected components.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of new Set(edges.flatMap((e) => [e.from, e.to]))) if (!idx.has(v)) strong(v);
  return out;
}

/** Folders of lib/ that run only in the browser: their module state is per tab, which is what they want. */
const BROWSER_ONLY = ['lib/realtime/client/', 'lib/notifications/', 'lib/api-client.ts'];

/**
 * Module-level mutable state in server code (lib/ and db/ outside the browser
 * folders): a top-level `let`/`var`, an empty `new Map()`/`Set`/`WeakMap`/
 * `WeakSet`, or `globalThis`, anywhere but lib/process-state.ts. Each exists
 * once per module graph, and a server process has two.
 */
export function moduleStateViolations(): string[] {
  const found: string[] = [];
  const files = [...sourceFiles(path.join(ROOT, 'lib')), ...sourceFiles(path.join(ROOT, 'db'))];
  for (const file of files) {
    const rel = path.relative(ROOT, file);
    if (rel === 'lib/process-state.ts' || BROWSER_ONLY.some((p) => rel.startsWith(p))) continue;
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node) => `${rel}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) found.push(`${at(statement)} top-level let/var`);
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        if (init && ts.isNewExpression(init) && /^(Map|Set|WeakMap|WeakSet)$/.test(init.expression.getText(source)) && !init.arguments?.length) {
          found.push(`${at(d)} module-level empty ${init.expression.getText(source)}`);
        }
      }
    }
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && node.text === 'globalThis') found.push(`${at(node)} globalThis`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const edges = domainEdges();
  for (const e of edges) console.log(`${e.from} -> ${e.to}  (${e.files.join(', ')})`);
  console.log(`\n${edges.length} edges; cycles: ${JSON.stringify(domainCycles(edges))}`);
}
