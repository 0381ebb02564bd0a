// Relevance: runs the judged queries in bench/queries/ through faq-search (index-builder's batch
// JSON mode) and through MiniSearch, and prints nDCG@10, MRR@10 and recall@5 per query kind, per
// locale and per split for both, how many queries found nothing, plus the queries where
// faq-search has no relevant result in its top 5.
//
// Three sets: the English queries against helpcenter-en, the same English queries against
// large-en (which holds every helpcenter-en article under the same id, among 31,814 manual
// sections and API entries that compete with them; bench/queries/large-en.jsonl adds the
// manual sections judged to answer a query too), and the multilingual queries against
// helpcenter-multi.
//
// Splits: a judged query may say "split": "validation"; every other query is "train". Ranking
// is tuned on the train queries only, and the validation figures show whether a change holds
// up on queries it was not tuned on.
//
//   node bench/relevance.mjs [--json] [--rebuild] [--only en|large|multi] [--bin PATH] [--corpus DIR]
//
// Indexes are built once into target/bench/relevance/ and reused while they are newer than the
// corpus and the binary. The multilingual corpus gets one index per judged locale, because an
// index tokenizes queries for the locale most of its articles are in.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUERY_DIR = path.join(REPO_ROOT, 'bench/queries');
const OUT_DIR = path.join(REPO_ROOT, 'target/bench/relevance');
const KINDS = ['question', 'keyword', 'misspelling', 'partial'];
const SPLITS = ['train', 'validation'];

const USAGE = `usage: node bench/relevance.mjs [options]
  --json          print one JSON document instead of tables
  --rebuild       rebuild the faq-search indexes even if they look current
  --only SET      en (helpcenter-en), large (the English queries on large-en) or multi
                  (default: all three)
  --bin PATH      index-builder binary (default: target/release/index-builder)
  --corpus DIR    folder holding helpcenter-en.jsonl, large-en.jsonl and helpcenter-multi.jsonl
                  (default: $FAQ_CORPUS_DIR, else ../shared/corpus next to the repository)`;

/** The settings MiniSearch runs with; printed with the results so they can be checked. */
const MINISEARCH_OPTIONS = {
  fields: ['title', 'body'],
  storeFields: ['title'],
  searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2 },
};

// Han, Hiragana, Katakana (with the prolonged sound mark), Hangul syllables and jamo.
const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]/u;
const CJK_RUNS = new RegExp(`(${CJK.source}+)`, 'u');
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u; // MiniSearch's own default splitter

/**
 * MiniSearch's default splitting, except that runs of CJK characters become overlapping
 * character bigrams (a lone character stays a unigram), since these scripts do not put spaces
 * between words. Used for both the documents and the queries of the CJK locales.
 */
function cjkTokenize(text) {
  const out = [];
  for (const word of text.split(SPACE_OR_PUNCTUATION)) {
    for (const part of word.split(CJK_RUNS)) {
      if (!part) continue;
      if (!CJK.test(part)) {
        out.push(part);
        continue;
      }
      const chars = [...part];
      if (chars.length === 1) out.push(part);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    }
  }
  return out;
}

function fail(message) {
  console.error(`relevance: ${message}`);
  process.exit(1);
}

function readJsonl(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line.trim(), i + 1])
    .filter(([line]) => line)
    .map(([line, no]) => {
      try {
        return JSON.parse(line);
      } catch (e) {
        return fail(`${file}:${no}: not JSON (${e.message})`);
      }
    });
}

function readJudged(file, docs) {
  const queries = readJsonl(file);
  queries.forEach((q, i) => {
    const at = `${file}:${i + 1}`;
    if (typeof q.query !== 'string' || !q.query.trim()) fail(`${at}: "query" must be a non-empty string`);
    if (!KINDS.includes(q.kind)) fail(`${at}: "kind" must be one of ${KINDS.join(', ')}`);
    if (q.split !== undefined && !SPLITS.includes(q.split)) fail(`${at}: "split" must be one of ${SPLITS.join(', ')}`);
    if (!Array.isArray(q.relevant) || q.relevant.length === 0) fail(`${at}: "relevant" must list article ids`);
    for (const id of q.relevant) {
      const doc = docs.get(id);
      if (!doc) fail(`${at}: relevant id ${JSON.stringify(id)} is not in the corpus`);
      if (q.locale && doc.locale !== q.locale) fail(`${at}: ${id} is in locale ${doc.locale}, not ${q.locale}`);
    }
  });
  return queries;
}

/**
 * The English queries for large-en: each query's helpcenter-en articles, plus the large-en
 * documents (manual sections, API entries) that bench/queries/large-en.jsonl says also answer it.
 */
function withLargeJudgments(judged, file, docs) {
  if (!fs.existsSync(file)) return judged;
  const extra = new Map();
  readJsonl(file).forEach((e, i) => {
    const at = `${file}:${i + 1}`;
    if (!judged.some((q) => q.query === e.query)) fail(`${at}: ${JSON.stringify(e.query)} is not an English judged query`);
    if (extra.has(e.query)) fail(`${at}: ${JSON.stringify(e.query)} is listed twice`);
    if (!Array.isArray(e.relevant) || e.relevant.length === 0) fail(`${at}: "relevant" must list document ids`);
    for (const id of e.relevant) if (!docs.has(id)) fail(`${at}: relevant id ${JSON.stringify(id)} is not in large-en`);
    extra.set(e.query, e.relevant);
  });
  return judged.map((q) =>
    extra.has(q.query) ? { ...q, relevant: [...new Set([...q.relevant, ...extra.get(q.query)])], largeOnly: extra.get(q.query) } : q,
  );
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/**
 * Builds DIR (faq-search.json and the indexes it names) from a corpus file unless what is there
 * was built by the same binary (path and modification time) from the same corpus file (path and
 * modification time).
 */
function ensureIndex(bin, corpusFile, dir, rebuild, log) {
  const manifest = path.join(dir, 'faq-search.json');
  const stampFile = path.join(dir, 'built-from.json');
  const stamp = JSON.stringify({ bin, binMtime: mtime(bin), corpus: corpusFile, corpusMtime: mtime(corpusFile) });
  let previous = null;
  try {
    previous = fs.readFileSync(stampFile, 'utf8');
  } catch {}
  if (!rebuild && previous === stamp && fs.existsSync(manifest)) return dir;
  log(`building ${path.relative(REPO_ROOT, dir)}/ from ${path.basename(corpusFile)}`);
  execFileSync(bin, ['build', '--index-only', corpusFile, '--out', dir, '--quiet'], { stdio: ['ignore', 'inherit', 'inherit'] });
  fs.writeFileSync(stampFile, stamp);
  return dir;
}

/** Runs every query in one index-builder process; returns [{ ids, titles, ms }] in query order. */
function runFaqSearch(bin, indexDir, queries, scratch) {
  const file = path.join(scratch, 'queries.jsonl');
  fs.writeFileSync(file, queries.map((q) => JSON.stringify({ query: q.query })).join('\n') + '\n');
  const out = execFileSync(bin, ['search', indexDir, '--queries', file, '--limit', '10'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (lines.length !== queries.length) fail(`index-builder answered ${lines.length} of ${queries.length} queries`);
  return lines.map((r) => ({
    ids: r.hits.map((h) => h.id),
    titles: r.hits.map((h) => h.title),
    total: r.total,
    partial: r.partial,
    ms: r.elapsed_ms,
  }));
}

function runMiniSearch(docs, queries, tokenize) {
  const options = tokenize ? { ...MINISEARCH_OPTIONS, tokenize } : MINISEARCH_OPTIONS;
  const ms = new MiniSearch(options);
  ms.addAll(docs);
  return queries.map((q) => {
    const started = performance.now();
    const hits = ms.search(q.query).slice(0, 10);
    const elapsed = performance.now() - started;
    return { ids: hits.map((h) => h.id), titles: hits.map((h) => h.title), total: null, ms: elapsed };
  });
}

/** Binary-relevance metrics of one ranked list. */
function score(ranked, relevant) {
  const rel = new Set(relevant);
  const top10 = ranked.slice(0, 10);
  let dcg = 0;
  top10.forEach((id, i) => {
    if (rel.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(rel.size, 10); i++) idcg += 1 / Math.log2(i + 2);
  const first = top10.findIndex((id) => rel.has(id));
  return {
    ndcg: dcg / idcg,
    mrr: first < 0 ? 0 : 1 / (first + 1),
    recall5: ranked.slice(0, 5).filter((id) => rel.has(id)).length / rel.size,
    firstRank: first < 0 ? null : first + 1,
  };
}

function mean(xs) {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Evaluates one query set against both engines. */
function evaluate(name, judged, faqRuns, miniRuns) {
  const rows = judged.map((q, i) => ({
    query: q.query,
    kind: q.kind,
    locale: q.locale,
    split: q.split ?? 'train',
    relevant: q.relevant,
    faq: { ...faqRuns[i], ...score(faqRuns[i].ids, q.relevant) },
    minisearch: { ...miniRuns[i], ...score(miniRuns[i].ids, q.relevant) },
  }));
  const groups = new Map();
  const add = (label, row) => {
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push(row);
  };
  for (const row of rows) {
    add(row.kind, row);
    if (row.locale) add(row.locale, row);
    add(`split ${row.split}`, row);
  }
  const order = [
    ...KINDS,
    ...[...new Set(rows.map((r) => r.locale).filter(Boolean))],
    ...SPLITS.map((s) => `split ${s}`),
  ];
  const summarize = (list) => {
    const s = { queries: list.length };
    for (const engine of ['faq', 'minisearch']) {
      s[engine] = {
        ndcg10: mean(list.map((r) => r[engine].ndcg)),
        mrr10: mean(list.map((r) => r[engine].mrr)),
        recall5: mean(list.map((r) => r[engine].recall5)),
        meanMs: mean(list.map((r) => r[engine].ms)),
        empty: list.filter((r) => r[engine].ids.length === 0).length,
      };
    }
    return s;
  };
  const summary = {};
  for (const label of order) {
    // Both halves are always shown, an empty one as "-", so a set without validation queries says so.
    if (groups.has(label)) summary[label] = summarize(groups.get(label));
    else if (label.startsWith('split ')) summary[label] = summarize([]);
  }
  summary.overall = summarize(rows);
  return { name, summary, queries: rows };
}

function printSet(set) {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(3) : '-');
  const columns = [
    '',
    'n',
    'nDCG@10 faq',
    'MiniSearch',
    'MRR@10 faq',
    'MiniSearch',
    'recall@5 faq',
    'MiniSearch',
    'empty faq',
    'MiniSearch',
  ];
  const rows = Object.entries(set.summary).map(([label, s]) => [
    label,
    String(s.queries),
    f(s.faq.ndcg10),
    f(s.minisearch.ndcg10),
    f(s.faq.mrr10),
    f(s.minisearch.mrr10),
    f(s.faq.recall5),
    f(s.minisearch.recall5),
    String(s.faq.empty),
    String(s.minisearch.empty),
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${set.name}`);
  console.log(line(columns));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (i === rows.length - 1) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
    console.log(line(r));
  });
  const o = set.summary.overall;
  console.log(
    `  mean time per query: faq-search ${o.faq.meanMs.toFixed(3)} ms (engine only), ` +
      `MiniSearch ${o.minisearch.meanMs.toFixed(3)} ms`,
  );

  const failures = set.queries.filter((r) => r.faq.recall5 === 0);
  console.log(`\n  faq-search has no relevant result in the top 5 for ${failures.length} of ${set.queries.length} queries:`);
  for (const r of failures) {
    const mini = r.minisearch.firstRank ? `MiniSearch: rank ${r.minisearch.firstRank}` : 'MiniSearch: not in top 10';
    const faqRank = r.faq.firstRank ? `faq-search: rank ${r.faq.firstRank}` : 'faq-search: not in top 10';
    const partial = r.faq.partial ? ', partial matches' : '';
    console.log(`\n  [${r.kind}${r.locale ? ` ${r.locale}` : ''}, ${r.split}] ${JSON.stringify(r.query)}  (${faqRank}, ${r.faq.total} results${partial}; ${mini})`);
    console.log(`      wanted: ${r.relevant.join(', ')}`);
    r.faq.ids.slice(0, 3).forEach((id, i) => console.log(`      faq ${i + 1}. ${id}  "${r.faq.titles[i]}"`));
    if (r.faq.ids.length === 0) console.log('      faq: no results');
  }
}

function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        rebuild: { type: 'boolean', default: false },
        only: { type: 'string' },
        bin: { type: 'string' },
        corpus: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.only && !['en', 'large', 'multi'].includes(args.only)) fail(`--only must be en, large or multi\n${USAGE}`);
  const run = (set) => !args.only || args.only === set;
  const bin = path.resolve(args.bin ?? path.join(REPO_ROOT, 'target/release/index-builder'));
  if (!fs.existsSync(bin)) fail(`no ${bin}; build it with: cargo build --release -p index-builder`);
  const corpusDir = path.resolve(args.corpus ?? process.env.FAQ_CORPUS_DIR ?? path.join(REPO_ROOT, '../shared/corpus'));
  const log = args.json ? (m) => console.error(m) : (m) => console.log(m);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(OUT_DIR, 'run-'));
  const sets = [];
  try {
    // The English judged queries, against helpcenter-en and against large-en (the same ids).
    for (const [set, corpusName, indexName] of [
      ['en', 'helpcenter-en', 'en'],
      ['large', 'large-en', 'large-en'],
    ]) {
      if (!run(set)) continue;
      const corpusFile = path.join(corpusDir, `${corpusName}.jsonl`);
      if (!fs.existsSync(corpusFile)) fail(`no ${corpusFile} (use --corpus DIR or FAQ_CORPUS_DIR)`);
      const docs = readJsonl(corpusFile);
      const byId = new Map(docs.map((d) => [d.id, d]));
      let judged = readJudged(path.join(QUERY_DIR, 'helpcenter-en.jsonl'), byId);
      if (set === 'large') judged = withLargeJudgments(judged, path.join(QUERY_DIR, 'large-en.jsonl'), byId);
      const indexDir = ensureIndex(bin, corpusFile, path.join(OUT_DIR, indexName), args.rebuild, log);
      const faq = runFaqSearch(bin, indexDir, judged, scratch);
      const mini = runMiniSearch(docs, judged, null);
      const label =
        set === 'large'
          ? `large-en, the helpcenter-en queries (${docs.length} documents, ${judged.length} queries, ` +
            `${judged.filter((q) => q.largeOnly).length} with large-en documents judged too)`
          : `helpcenter-en (${docs.length} articles, ${judged.length} queries)`;
      sets.push(evaluate(label, judged, faq, mini));
    }
    if (run('multi')) {
      const corpusFile = path.join(corpusDir, 'helpcenter-multi.jsonl');
      if (!fs.existsSync(corpusFile)) fail(`no ${corpusFile} (use --corpus DIR or FAQ_CORPUS_DIR)`);
      const docs = readJsonl(corpusFile);
      const judged = readJudged(path.join(QUERY_DIR, 'helpcenter-multi.jsonl'), new Map(docs.map((d) => [d.id, d])));
      if (judged.some((q) => !q.locale)) fail('every multilingual query needs a "locale"');
      const locales = [...new Set(judged.map((q) => q.locale))];
      const faq = new Array(judged.length);
      const mini = new Array(judged.length);
      let articles = 0;
      for (const locale of locales) {
        const localeDocs = docs.filter((d) => d.locale === locale);
        articles += localeDocs.length;
        // The per-locale corpus is rewritten only when the full corpus changed.
        const localeFile = path.join(OUT_DIR, `multi-${locale}.jsonl`);
        if (mtime(localeFile) < mtime(corpusFile)) {
          fs.writeFileSync(localeFile, localeDocs.map((d) => JSON.stringify(d)).join('\n') + '\n');
        }
        const indexDir = ensureIndex(bin, localeFile, path.join(OUT_DIR, `multi-${locale}`), args.rebuild, log);
        const positions = judged.map((q, i) => (q.locale === locale ? i : -1)).filter((i) => i >= 0);
        const subset = positions.map((i) => judged[i]);
        const f = runFaqSearch(bin, indexDir, subset, scratch);
        const m = runMiniSearch(localeDocs, subset, cjkTokenize);
        positions.forEach((p, j) => {
          faq[p] = f[j];
          mini[p] = m[j];
        });
      }
      sets.push(
        evaluate(
          `helpcenter-multi, one index per locale (${locales.join(', ')}: ${articles} articles, ${judged.length} queries)`,
          judged,
          faq,
          mini,
        ),
      );
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const setup = {
    faqSearch: `${bin.startsWith(REPO_ROOT + path.sep) ? path.relative(REPO_ROOT, bin) : bin} search --queries FILE --limit 10 (default ranking weights)`,
    minisearch: {
      version: JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules/minisearch/package.json'), 'utf8')).version,
      ...MINISEARCH_OPTIONS,
      cjkTokenizer:
        'every multilingual locale: MiniSearch default splitting, then runs of Han/kana/Hangul as overlapping character bigrams (documents and queries)',
    },
    metrics: 'binary relevance; nDCG@10, MRR@10 (reciprocal rank of the first relevant hit in the top 10), recall@5',
  };
  if (args.json) {
    console.log(JSON.stringify({ setup, sets }, null, 2));
    return;
  }
  console.log(`faq-search: ${setup.faqSearch}`);
  console.log(
    `MiniSearch ${setup.minisearch.version}: fields [title, body], boost {title: 3}, prefix: true, fuzzy: 0.2; ` +
      `for the multilingual locales, CJK runs are tokenized as overlapping character bigrams`,
  );
  console.log(`metrics: ${setup.metrics}; empty: queries with no result at all`);
  for (const set of sets) printSet(set);
}

main();
