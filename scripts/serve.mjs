// Serves dist/ on 127.0.0.1:$PORT with the server the end-to-end tests use: the right MIME
// types (application/wasm for streaming compilation) and the .br/.gz copies of the index sent
// with Content-Encoding to browsers that accept them, as a well-configured static host does.
import path from 'node:path';
import { REPO_ROOT, startServer } from '../tests/e2e/harness.mjs';

const port = Number(process.env.PORT || 8080);
const server = await startServer(path.join(REPO_ROOT, 'dist'), { port });
console.log(`faq-search demo help center: ${server.url}/  (Ctrl+C stops)`);
